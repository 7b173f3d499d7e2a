"""The browser's scripts (overrides/assets/javascripts/, ES modules) tested under Node: their pure parts, one
tests/js/*.test.mjs file for each module (`node --test tests/js`: this fails when one of them does), and
archive-page.js's textOfMarkdown against render.text_of_markdown, which it repeats line for line, on every
document of docs/."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from policy_archive.render import text_of_markdown

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "js"
MODULES = TESTS / "browser-modules.mjs"


def test_the_browser_modules_node_tests_pass():
    run = subprocess.run(["node", "--test", str(TESTS)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout, run.stdout
    # Every test of every file ran (a file Node did not pick up would pass unseen).
    written = sum(len(re.findall(r"^test\(", f.read_text(encoding="utf-8"), re.M)) for f in TESTS.glob("*.test.mjs"))
    assert written >= 50 and f"# tests {written}\n" in run.stdout, (written, run.stdout[-300:])


def _documents() -> list[Path]:
    return sorted((ROOT / "docs" / "documents").glob("*.md"))


def test_there_are_documents_to_compare():
    assert len(_documents()) >= 3


def test_the_browser_takes_the_same_text_out_of_each_documents_markdown():
    """textOfMarkdown (the .txt a reader saves) and render.text_of_markdown (which decides whether the build may
    leave ID.txt.gz out) agree on every document of docs/ and on the edge cases below, with and without heading."""
    samples = [p.read_text(encoding="utf-8") for p in _documents()]
    samples += [
        "# 标题\n正文\n---\n关系",
        "---\nid: a\n---\n\n正文。\n# 不是标题",
        "---\nno end\n\n正文",
        "正文\n**粗**\n****\n**",
        "###### 六级 {#sec-6}\n{: #sec-7 }\n{: #sec-8 } 正文\n####### 七 {#x}",
        "\\\\ \\` \\_ \\{ \\} \\[ \\] \\( \\) \\# \\+ \\- \\. \\! \\| \\a &amp;lt; &lt;&gt;",
        "",
    ]
    program = (
        f"import {{ browserModule }} from {json.dumps(MODULES.as_uri())};"
        "const page = await browserModule('archive-page.js');"
        "const { readFileSync } = await import('node:fs');"
        "const samples = JSON.parse(readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(samples.map((s) => [page.textOfMarkdown(s, true), page.textOfMarkdown(s, false)])));"
    )
    run = subprocess.run(
        ["node", "--input-type=module", "-e", program], input=json.dumps(samples), capture_output=True, text=True, check=True, cwd=ROOT
    )
    for sample, (with_heading, without) in zip(samples, json.loads(run.stdout), strict=True):
        assert with_heading == text_of_markdown(sample, True), sample[:200]
        assert without == text_of_markdown(sample, False), sample[:200]


@pytest.mark.parametrize("module", ["archive-search.js", "archive-page.js", "archive-cite.js"])
def test_each_script_main_html_loads_is_a_module(module):
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert f'<script type="module" src="{{{{ \'assets/javascripts/{module}\' | url }}}}"' in main


def test_the_modules_main_html_preloads_are_the_ones_archive_search_imports():
    """main.html names archive-search.js's modules in <link rel="modulepreload"> (fetched side by side with it):
    the list there is the modules it imports, and the search page's those search-page.js imports."""
    import re

    scripts = ROOT / "overrides" / "assets" / "javascripts"
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    (every, search) = re.search(r"set search_modules = (\[[^\]]*\]) \+ \((\[[^\]]*\]) if is_search_page", main).groups()
    preloaded, on_search_page = json.loads(every), json.loads(search)

    def imports(path: Path) -> set[str]:
        return set(re.findall(r'^import (?:[^"]*from )?"\./(?:search/)?([\w-]+)\.js";', path.read_text(encoding="utf-8"), re.M))

    assert imports(scripts / "archive-search.js") == set(preloaded)
    # Everything the header's modules import is imported (so preloaded) by archive-search.js itself: one round trip.
    for name in preloaded:
        assert imports(scripts / "search" / f"{name}.js") <= set(preloaded), name
    page_modules = imports(scripts / "search" / "search-page.js")
    assert page_modules - set(preloaded) == set(on_search_page) - {"search-page"}
    for name in on_search_page:
        assert imports(scripts / "search" / f"{name}.js") <= set(preloaded) | set(on_search_page), name
