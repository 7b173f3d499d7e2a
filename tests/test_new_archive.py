"""An archive made by `policy-archive new` deploys with no edits (issue 26).

- It carries the tool: a wheel of the running policy-archive in tools/, which its Pages workflow installs
  (dependencies from PyPI), so no package index has to serve policy-archive. The workflow's install and build
  steps are run here as written, in a fresh virtual environment, from the archive's files alone: pip may use no
  index at all (the dependencies are this environment's, visible through a .pth line; policy-archive is not).
- One place says where its sources are: mkdocs.yml's extra.policy_archive.sources, read by `build` and `add`.
- `new --title/--description` name it; `add` and `build` speak plainly.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from policy_archive import cli
from policy_archive.cli import main
from policy_archive.config import read_config
from test_workflow_lint import lint

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["000_8e6a65c228a429c8.txt", "002_3002dbbffbf1c5e1.txt", "003_de90ec9362fc9610.txt"]
TITLE, DESCRIPTION = "某市教育政策文件库", "某市教育局历年工作要点与工作意见"
PAGES_URL = "https://curator.github.io/my-archive"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "my-archive"
    result = CliRunner().invoke(main, ["new", str(folder), "--title", TITLE, "--description", DESCRIPTION])
    assert result.exit_code == 0, result.output
    assert "not given" not in result.output and "tools/policy_archive-" in result.output
    return folder


def workflow(folder: Path) -> dict:
    return yaml.safe_load((folder / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))


def step(folder: Path, name: str) -> dict:
    (found,) = [s for s in workflow(folder)["jobs"]["build"]["steps"] if s.get("name") == name]
    return found


# --- the tool the archive carries ----------------------------------------------------------------------------


def test_the_archive_carries_a_wheel_of_the_tool(archive):
    (wheel,) = (archive / "tools").iterdir()
    assert wheel.name.startswith("policy_archive-") and wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zipped:
        names = set(zipped.namelist())
        dist_info = wheel.name.split("-py3")[0] + ".dist-info"
        # RECORD lists every other file with its digest and size, as an installer checks them.
        rows = list(csv.reader(io.StringIO(zipped.read(f"{dist_info}/RECORD").decode())))
        assert {row[0] for row in rows} == names
        for path, digest, size in rows:
            if path != f"{dist_info}/RECORD":
                data = zipped.read(path)
                assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert int(size) == len(data)
        entry_points = zipped.read(f"{dist_info}/entry_points.txt").decode()
        metadata = zipped.read(f"{dist_info}/METADATA").decode()
    assert "policy-archive = policy_archive.cli:main" in entry_points
    assert "[mkdocs.plugins]" in entry_points
    assert "Name: policy-archive" in metadata and "Requires-Dist: mkdocs-material" in metadata
    for needed in ("cli.py", "config.py", "data/scaffold/mkdocs.yml", "data/scaffold/pages.yml", "theme/main.html"):
        assert f"policy_archive/{needed}" in names, needed
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)
    # The same bytes each time: a second archive carries an identical wheel.
    again = archive.parent / "again"
    assert CliRunner().invoke(main, ["new", str(again), "--title", "t", "--description", "d"]).exit_code == 0
    assert (again / "tools" / wheel.name).read_bytes() == wheel.read_bytes()


def test_the_generated_workflow_passes_actionlint(archive):
    result = lint(archive / ".github" / "workflows" / "pages.yml")
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
    install = step(archive, "Install the archive builder")
    assert "tools/" in install["run"] and "env" not in install
    assert step(archive, "Build the site")["run"].strip() == "policy-archive build --strict"  # no folder flags


def _dependencies_without_the_tool(folder: Path) -> Path:
    """This environment's site-packages without policy-archive: a folder of links to everything else in it."""
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(("policy_archive", "policy-archive", "__editable__")) and entry.suffix != ".pth":
            (folder / entry.name).symlink_to(entry)
    return folder


def _run_step(run: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    # As GitHub runs a `run:` step: bash --noprofile --norc -eo pipefail
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run], env=env, cwd=cwd, capture_output=True, text=True)


def test_the_workflow_installs_and_builds_from_the_archive_alone(archive, tmp_path):
    # The repository as pushed: the archive with three documents added (by `add`, with no folder flag).
    checkout = tmp_path / "checkout"
    shutil.copytree(archive, checkout)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    deps = _dependencies_without_the_tool(tmp_path / "deps")
    Path(purelib, "deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(
        PATH=f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        PIP_CONFIG_FILE=os.devnull,  # no configured index or wheel folder
        PIP_NO_INDEX="1",  # and no index at all: policy-archive comes from the archive
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    unknown = subprocess.run([str(python), "-c", "import policy_archive"], env=env, capture_output=True, text=True)
    assert unknown.returncode != 0, "policy_archive must not be importable before the install step"

    install = step(checkout, "Install the archive builder")
    installed = _run_step(install["run"], {**env, **install.get("env", {})}, checkout)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    located = subprocess.run(
        [str(python), "-c", "import policy_archive; print(policy_archive.__file__)"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert located.startswith(purelib), located  # the wheel's copy, not the repository's

    seeds = tmp_path / "downloads"
    seeds.mkdir()
    for name in SEEDS:
        shutil.copy(ROOT / "seeds" / name, seeds / name)
    added = _run_step("policy-archive add " + " ".join(f"../downloads/{n}" for n in SEEDS), env, checkout)
    assert added.returncode == 0, added.stdout + added.stderr
    assert sorted(p.name for p in (checkout / "sources").iterdir()) == sorted(SEEDS)

    build = step(checkout, "Build the site")
    step_env = {k: v.replace("${{ steps.pages.outputs.base_url }}", PAGES_URL) for k, v in build.get("env", {}).items()}
    assert step_env["SITE_URL"] == PAGES_URL + "/"
    built = _run_step(build["run"], {**env, **step_env}, checkout)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "first build: 3 documents converted from 3 sources" in built.stdout, built.stdout
    site = checkout / "site"
    assert (site / "documents" / "370100-2014-work-points" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert PAGES_URL in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<title>{TITLE}</title>" in (site / "index.html").read_text(encoding="utf-8")  # site_name from `new --title`
    # The upload step publishes the folder the build wrote.
    assert step(checkout, "Upload the site")["with"]["path"] == "site"


# --- a pinned git source instead of the wheel ----------------------------------------------------------------


def test_new_can_install_the_tool_from_a_pinned_git_source(tmp_path):
    source = "git+https://github.com/someone/policy-archive@0123456789abcdef0123456789abcdef01234567"
    folder = tmp_path / "a"
    result = CliRunner().invoke(main, ["new", str(folder), "--title", "t", "--description", "d", "--tool-from", source])
    assert result.exit_code == 0, result.output
    assert not (folder / "tools").exists()
    install = step(folder, "Install the archive builder")
    assert install["env"]["PACKAGE"] == source and install["run"] == 'python -m pip install "$PACKAGE"'
    linted = lint(folder / ".github" / "workflows" / "pages.yml")
    assert linted.returncode == 0 and linted.stdout.strip() == "", linted.stdout + linted.stderr


@pytest.mark.parametrize(
    "source",
    [
        "policy-archive",
        "git+https://github.com/someone/policy-archive",
        "git+https://h/x@v1 ; rm -rf ~",
        "git+https://h/${{ github.token }}@1",
    ],
)
def test_new_refuses_a_tool_source_that_is_not_pinned(tmp_path, source):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "a"), "--tool-from", source])
    assert result.exit_code == 2 and "--tool-from" in result.output, result.output
    assert not (tmp_path / "a").exists()


# --- title and description -----------------------------------------------------------------------------------


def test_title_and_description_go_into_mkdocs_yml(archive):
    config = yaml.safe_load((archive / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["site_name"], config["site_description"]) == (TITLE, DESCRIPTION)
    assert config["extra"]["policy_archive"] == {"sources": "sources", "title": TITLE, "description": DESCRIPTION}
    read = read_config(archive / "mkdocs.yml")
    assert (read.title, read.description, read.sources) == (TITLE, DESCRIPTION, archive / "sources")


def test_a_title_that_yaml_would_misread_is_quoted(tmp_path):
    title, description = '文库: "甲" # 乙', "- yes"
    folder = tmp_path / "a"
    assert CliRunner().invoke(main, ["new", str(folder), "--title", title, "--description", description]).exit_code == 0
    read = read_config(folder / "mkdocs.yml")
    assert (read.title, read.description) == (title, description)
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["site_name"], config["site_description"]) == (title, description)


def test_without_a_terminal_new_takes_defaults_and_says_how_to_change_them(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "not given" in result.output and "mkdocs.yml" in result.output and "--title" in result.output
    assert read_config(tmp_path / "a" / "mkdocs.yml").title == cli.DEFAULT_TITLE


def test_on_a_terminal_new_asks(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)
    result = CliRunner().invoke(main, ["new", str(tmp_path / "a")], input="我的文库\n\n")
    assert result.exit_code == 0, result.output
    read = read_config(tmp_path / "a" / "mkdocs.yml")
    assert (read.title, read.description) == ("我的文库", cli.DEFAULT_DESCRIPTION)
    assert "not given" not in result.output


# --- one place says where the sources are --------------------------------------------------------------------


def test_the_project_says_seeds():
    assert read_config(ROOT / "mkdocs.yml").sources == ROOT / "seeds"


def test_build_and_add_read_the_sources_folder_from_mkdocs_yml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", ".", "--title", "t", "--description", "d"]).exit_code == 0
    config = Path("mkdocs.yml")
    config.write_text(config.read_text(encoding="utf-8").replace("    sources: sources\n", "    sources: 文件\n"), encoding="utf-8")
    shutil.copy(ROOT / "seeds" / SEEDS[0], tmp_path / "saved.txt")
    added = CliRunner().invoke(main, ["add", "saved.txt"])
    assert added.exit_code == 0, added.output
    assert (tmp_path / "文件" / "saved.txt").is_file() and not (tmp_path / "sources" / "saved.txt").exists()
    built = CliRunner().invoke(main, ["build", "--no-site", "--no-cache"])
    assert built.exit_code == 0, built.output
    assert "first build: 1 document converted from 1 source" in built.output
    assert (tmp_path / "docs" / "documents" / "370100-2014-work-points.md").is_file()
    # --sources still wins
    (tmp_path / "other").mkdir()
    built = CliRunner().invoke(main, ["build", "--no-site", "--no-cache", "--sources", "other"])
    assert built.exit_code == 0 and "0 documents from 0 sources" in built.output, built.output
    # a folder the configuration names but that is not there is a message naming where the name came from
    shutil.rmtree(tmp_path / "文件")
    missing = CliRunner().invoke(main, ["build", "--no-site"])
    assert missing.exit_code == 2 and "extra.policy_archive.sources" in missing.output and "--sources" in missing.output


def test_the_configuration_may_use_mkdocs_tags_and_inherit(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text("site_name: 基础\nextra:\n  policy_archive:\n    sources: base-sources\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_description: !ENV [ARCHIVE_TEST_DESCRIPTION, 默认简介]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "hooks: [!relative hooks.py]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_TEST_DESCRIPTION", raising=False)
    read = read_config()
    assert (read.sources, read.title, read.description) == (Path("base-sources"), "基础", "默认简介")
    monkeypatch.setenv("ARCHIVE_TEST_DESCRIPTION", "环境里的简介")
    assert read_config().description == "环境里的简介"


def test_a_broken_configuration_is_a_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    for args in (["build", "--no-site"], ["add", "a.txt"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "mkdocs.yml is not valid YAML" in result.output and "Traceback" not in result.output


# --- messages for a person -----------------------------------------------------------------------------------


def test_add_shows_chinese_labels_leaves_empty_fields_out_and_says_what_next(tmp_path):
    result = CliRunner().invoke(main, ["add", str(ROOT / "seeds" / SEEDS[1]), "--sources", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "标题" in result.output and "行政区划代码 region_code    371082" in result.output
    assert "None" not in result.output and "doc_number" not in result.output  # (this one has no 文号)
    assert "推断字段" in result.output and "请核对以上字段" in result.output
    assert f"{tmp_path / 's' / SEEDS[1]}.meta.yaml" in result.output and "policy-archive build" in result.output


def test_a_second_build_says_what_it_converted_again(tmp_path):
    sources = tmp_path / "s"
    sources.mkdir()
    shutil.copy(ROOT / "seeds" / SEEDS[0], sources)
    args = ["build", "--sources", str(sources), "--docs", str(tmp_path / "d"), "--no-site", "--cache", str(tmp_path / "c")]
    first = CliRunner().invoke(main, args)
    assert "first build: 1 document converted from 1 source; 0 rejected" in first.output, first.output
    shutil.copy(ROOT / "seeds" / SEEDS[1], sources)
    second = CliRunner().invoke(main, args)
    assert "2 documents from 2 sources: 1 converted, 1 unchanged since the last build; 0 rejected" in second.output, second.output
