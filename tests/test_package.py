"""The package works anywhere: a wheel in a fresh virtual environment builds the seeds outside the
repository with its packaged configuration and theme, and `policy-archive new` starts a new archive that
carries a wheel of the tool (tests/test_new_archive.py runs that archive's workflow)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_archive.cli import main
from test_workflow_lint import lint

ROOT = Path(__file__).resolve().parent.parent
# The wheel's environment sees only what its .pth line adds: not a PYTHONPATH of the environment running the tests.
FRESH = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


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
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, env=FRESH)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=FRESH,
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
        env=FRESH,
    )
    assert str(wheel_env) in located.stdout, located.stdout  # the wheel's copy, not the repository's
    shutil.copytree(ROOT / "seeds", tmp_path / "sources")
    result = subprocess.run(
        [str(wheel_env / "bin" / "policy-archive"), "build", "--sources", "sources", "--docs", "docs", "--site", "site"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=FRESH,
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
    result = CliRunner().invoke(main, ["new", str(folder), "--title", "某市教育政策文件库", "--description", "某市的工作要点"])
    assert result.exit_code == 0, result.output
    assert (folder / "sources").is_dir() and (folder / "overrides").is_dir()
    assert "custom_dir: overrides" in (folder / "mkdocs.yml").read_text(encoding="utf-8")
    workflow = folder / ".github" / "workflows" / "pages.yml"
    linted = lint(workflow)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    text = workflow.read_text(encoding="utf-8")
    assert "pip install tools/policy_archive-*.whl" in text and "policy-archive build --strict" in text
    assert len(list((folder / "tools").glob("policy_archive-*-py3-none-any.whl"))) == 1
    # A second `new` in the same folder refuses rather than overwrite.
    assert CliRunner().invoke(main, ["new", str(folder)]).exit_code == 2
    shutil.copy(ROOT / "seeds" / "000_8e6a65c228a429c8.txt", folder / "sources")
    monkeypatch.chdir(folder)
    built = CliRunner().invoke(main, ["build", "--no-cache"])  # the sources folder from mkdocs.yml
    assert built.exit_code == 0, built.output
    assert (folder / "site" / "documents" / "370100-2014-work-points" / "index.html").is_file()


def _wheel_files(wheel: Path) -> dict[str, bytes]:
    """A wheel's files but its RECORD and WHEEL (which name the tool that wrote it)."""
    with zipfile.ZipFile(wheel) as zipped:
        return {n: zipped.read(n) for n in zipped.namelist() if not n.endswith((".dist-info/RECORD", ".dist-info/WHEEL"))}


def test_new_from_an_installed_wheel_carries_the_same_package(wheel_env, tmp_path):
    """`new` run from a wheel install writes a wheel of the installed files; from the source tree, of the files
    setuptools packages: both hold the files of setuptools' own wheel."""
    (built,) = (wheel_env.parent / "dist").glob("policy_archive-*.whl")
    result = subprocess.run(
        [str(wheel_env / "bin" / "policy-archive"), "new", "from-wheel", "--title", "t", "--description", "d"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=FRESH,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (carried,) = (tmp_path / "from-wheel" / "tools").glob("*.whl")
    assert carried.name == built.name
    setuptools_files, carried_files = _wheel_files(built), _wheel_files(carried)
    assert sorted(carried_files) == sorted(setuptools_files)
    assert {n: v for n, v in carried_files.items() if "dist-info" not in n} == {
        n: v for n, v in setuptools_files.items() if "dist-info" not in n
    }
    from policy_archive.tool_wheel import write_wheel

    from_source = _wheel_files(write_wheel(tmp_path / "from-source"))
    package_only = {n for n in setuptools_files if not n.startswith("policy_archive-")}
    assert package_only == {n for n in from_source if not n.startswith("policy_archive-")}


def test_the_repository_config_is_the_packaged_default_plus_its_overrides():
    import yaml

    packaged = yaml.safe_load((ROOT / "build" / "policy_archive" / "data" / "scaffold" / "mkdocs.yml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert local["theme"].pop("custom_dir") == "overrides"
    # The one difference besides: where the sources are (this repository's seeds/, a new archive's sources/).
    assert local["extra"]["policy_archive"].pop("sources") == "seeds"
    assert packaged["extra"]["policy_archive"].pop("sources") == "sources"
    assert local == packaged
