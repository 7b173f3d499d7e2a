import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Playwright's sync API cannot run twice at once in one process, so every
    browser test (test_site_browser, test_not_found, test_site_tables_browser) takes its pages from this one."""
    from playwright import sync_api

    from conftest_site import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), f"Debian's chromium is needed at {CHROMIUM}: `make test` installs it"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
