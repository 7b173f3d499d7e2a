"""The package works anywhere: a wheel in a fresh virtual environment builds the seeds outside the
repository with its packaged configuration and theme, and `policy-archive new` starts a new archive."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_archive.cli import main
from test_workflow_lint import lint

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory) -> Path:
    """A fresh venv with the project installed from its wheel (not -e). Its dependencies are taken from
    this environment's site-packages through a .pth line (no download), which processes none of the
    .pth files there, so the editable install of the project is not visible in it."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/lib/, and build/ is this project's package folder.
    project = work / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project)
    shutil.copytree(ROOT / "build" / "policy_archive", project / "build" / "policy_archive", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(project)], check=True, cwd=work
    )
    (wheel,) = (work / "dist").glob("policy_archive-*.whl")
    env = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    Path(site, "deps-of-the-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env


def test_wheel_builds_the_seeds_outside_the_repository(wheel_env, tmp_path):
    located = subprocess.run(
        [str(wheel_env / "bin" / "python"), "-c", "import policy_archive; print(policy_archive.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert str(wheel_env) in located.stdout, located.stdout  # the wheel's copy, not the repository's
    shutil.copytree(ROOT / "seeds", tmp_path / "sources")
    result = subprocess.run(
        [str(wheel_env / "bin" / "policy-archive"), "build", "--sources", "sources", "--docs", "docs", "--site", "site"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 documents" in result.stdout
    page = (tmp_path / "site" / "documents" / "370800-2023-notice-22" / "index.html").read_text(encoding="utf-8")
    assert 'class="archive-card"' in page and "济教字〔2023〕22号" in page  # the packaged theme was used
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "site" / "years" / "index.html").is_file()
    assert (tmp_path / "docs" / "data" / "schema.json").is_file()


def test_a_missing_config_is_named(tmp_path):
    (tmp_path / "sources").mkdir()
    result = CliRunner().invoke(
        main, ["build", "--sources", str(tmp_path / "sources"), "--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "nope.yml")]
    )
    assert result.exit_code == 2 and "--config" in result.output and "nope.yml" in result.output


def test_new_scaffolds_an_archive_that_builds(tmp_path, monkeypatch):
    folder = tmp_path / "my-archive"
    result = CliRunner().invoke(main, ["new", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "sources").is_dir() and (folder / "overrides").is_dir()
    assert "custom_dir: overrides" in (folder / "mkdocs.yml").read_text(encoding="utf-8")
    workflow = folder / ".github" / "workflows" / "pages.yml"
    linted = lint(workflow)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "policy-archive build --sources sources" in workflow.read_text(encoding="utf-8")
    # A second `new` in the same folder refuses rather than overwrite.
    assert CliRunner().invoke(main, ["new", str(folder)]).exit_code == 2
    shutil.copy(ROOT / "seeds" / "000_8e6a65c228a429c8.txt", folder / "sources")
    monkeypatch.chdir(folder)
    built = CliRunner().invoke(main, ["build", "--sources", "sources", "--no-cache"])
    assert built.exit_code == 0, built.output
    assert (folder / "site" / "documents" / "370100-2014-work-points" / "index.html").is_file()


def test_the_repository_config_is_the_packaged_default_plus_its_overrides():
    import yaml

    packaged = yaml.safe_load((ROOT / "build" / "policy_archive" / "data" / "scaffold" / "mkdocs.yml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert local["theme"].pop("custom_dir") == "overrides"
    assert local == packaged
