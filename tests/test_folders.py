"""Nothing a curator types can destroy the archive: layouts that would write into the sources are refused before
anything is touched, docs/ never loses a file the build did not write, one build at a time, and a failed build
leaves docs/ and the site as they were."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_archive.cli import main
from policy_archive.folders import lock_path

GOOD = (
    "济南市教育局2014年工作要点\n一、深化教育领域综合改革\n1.深化办学体制改革，激发各类学校发展活力。\n2.加强学前教育，扩大普惠性幼儿园。\n"
)
OTHER = "青岛市教育局2016年工作要点\n一、推进义务教育均衡发展\n1.均衡配置城乡义务教育资源，完善学校布局规划。\n"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below `folder` (links as their target's name) with a digest of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link to " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """A folder as `policy-archive new` leaves it, with two sources; the command runs there."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "."])
    assert result.exit_code == 0, result.output
    (tmp_path / "sources" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sources" / "b.txt").write_text(OTHER, encoding="utf-8")
    return tmp_path


def build(*args: str):
    return CliRunner().invoke(main, ["build", "--sources", "sources", *args])


@pytest.mark.parametrize(
    "args, says",
    [
        (["--docs", "sources", "--no-site"], "same folder as --sources"),
        (["--docs", "sources/docs", "--no-site"], "lies inside --sources"),
        (["--docs", ".", "--no-site"], "contains --sources"),
        (["--site", "sources"], "same folder as --sources"),
        (["--site", "."], "contains --sources"),
        (["--site", "sources/site"], "lies inside --sources"),
        (["--cache", "sources/.cache", "--no-site"], "lies inside --sources"),
        (["--docs", "out", "--site", "out"], "same folder as --site"),
        (["--docs", "out/docs", "--site", "out"], "lies inside --site"),
        (["--cache", "docs/cache", "--no-site"], "contains --cache"),
        (["--docs", "mkdocs.yml", "--no-site"], "is a file"),
        (["--site", "mkdocs.yml"], "is a file"),
    ],
)
def test_a_layout_that_would_touch_the_sources_is_refused_before_anything_is_written(archive, args, says):
    before = fingerprint(archive)
    result = build(*args)
    assert result.exit_code == 2, result.output
    assert says in result.output and "Traceback" not in result.output
    assert fingerprint(archive) == before


def test_a_site_holding_the_configuration_or_the_current_folder_is_refused(archive, tmp_path_factory):
    outside = Path(tempfile.mkdtemp(prefix="elsewhere-"))  # (not below the archive's parent, which is tried as a site)
    (outside / "sources").mkdir()
    (outside / "sources" / "a.txt").write_text(GOOD, encoding="utf-8")
    before = fingerprint(archive)
    try:
        # The sources lie elsewhere: only the current folder and its mkdocs.yml are at stake.
        for site in (str(archive), str(archive.parent)):
            elsewhere = ["--sources", str(outside / "sources"), "--docs", str(outside / "docs"), "--cache", str(outside / "cache")]
            result = CliRunner().invoke(main, ["build", *elsewhere, "--site", site])
            assert result.exit_code == 2, result.output
            assert "current folder" in result.output
    finally:
        shutil.rmtree(outside)
    assert fingerprint(archive) == before


def test_a_site_folder_the_tool_did_not_build_is_not_replaced(archive):
    (archive / "mine").mkdir()
    (archive / "mine" / "notes.txt").write_text("a curator's own notes", encoding="utf-8")
    result = build("--site", "mine")
    assert result.exit_code == 2 and "did not build" in result.output, result.output
    assert (archive / "mine" / "notes.txt").read_text(encoding="utf-8") == "a curator's own notes"


def test_a_curators_own_files_in_docs_are_never_removed_or_replaced(archive):
    docs = archive / "docs"
    for rel in ("data/mine.csv", "documents/mine.md", "years/mine.md", "notes.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"mine: {rel}", encoding="utf-8")
    assert build("--no-site").exit_code == 0
    (archive / "sources" / "b.txt").unlink()
    result = build("--no-site")
    assert result.exit_code == 0, result.output
    for rel in ("data/mine.csv", "documents/mine.md", "years/mine.md", "notes.md"):
        assert (docs / rel).read_text(encoding="utf-8") == f"mine: {rel}"
    manifest = json.loads((docs / ".policy-archive-manifest.json").read_text(encoding="utf-8"))["files"]
    assert not any(rel.endswith("mine.md") or rel.endswith("mine.csv") for rel in manifest)
    assert len(list((docs / "documents").glob("*.md"))) == 2  # the remaining document's page and the curator's


def test_a_curators_file_where_a_page_would_go_stops_the_build_untouched(archive):
    docs = archive / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# My own home page\n", encoding="utf-8")
    result = build("--no-site")
    assert result.exit_code == 2 and "was not written by policy-archive" in result.output, result.output
    assert fingerprint(docs) == {"index.md": hashlib.sha256(b"# My own home page\n").hexdigest()}


def test_the_last_builds_files_that_are_gone_from_the_sources_are_removed(archive):
    assert build("--no-site").exit_code == 0
    pages = sorted(p.name for p in (archive / "docs" / "documents").glob("*.md"))
    (archive / "sources" / "b.txt").unlink()
    assert build("--no-site").exit_code == 0
    assert len(sorted(p.name for p in (archive / "docs" / "documents").glob("*.md"))) == len(pages) - 1


def test_a_manifest_entry_never_reaches_outside_docs(archive):
    assert build("--no-site").exit_code == 0
    victim = archive / "sources" / "a.txt"
    manifest = archive / "docs" / ".policy-archive-manifest.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    listed["files"] += ["../sources/a.txt", str(victim)]
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    assert build("--no-site").exit_code == 0
    assert victim.read_text(encoding="utf-8") == GOOD


def _hold_lock(folder: Path) -> subprocess.Popen:
    """Another process holding `folder`'s lock, as a build does, until it is killed."""
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom policy_archive.folders import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_build_into_the_same_folders_is_refused_while_one_runs(archive):
    assert build("--no-site").exit_code == 0
    before = fingerprint(archive / "docs")
    holder = _hold_lock(archive / "docs")
    try:
        (archive / "sources" / "c.txt").write_text(GOOD.replace("2014", "2019"), encoding="utf-8")
        result = build("--no-site")
        assert result.exit_code == 2 and "another build is writing" in result.output, result.output
        assert fingerprint(archive / "docs") == before
    finally:
        holder.kill()
        holder.wait()
    assert build("--no-site").exit_code == 0  # (the lock went with the process that held it)
    assert lock_path(archive / "docs").is_file()


def test_a_build_that_fails_leaves_docs_and_site_as_they_were(archive, monkeypatch):
    assert build().exit_code == 0
    before = fingerprint(archive / "docs"), fingerprint(archive / "site")
    (archive / "sources" / "a.txt").write_text(GOOD + "3.补充一句新的任务，推进教育数字化转型。\n", encoding="utf-8")
    (archive / "sources" / "b.txt").unlink()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # the search index fails after MkDocs has built the pages
    result = build()
    assert result.exit_code == 2 and "Pagefind" in result.output and "Traceback" not in result.output, result.output
    assert (fingerprint(archive / "docs"), fingerprint(archive / "site")) == before
    assert not [p.name for p in archive.iterdir() if ".staging-" in p.name or ".old-" in p.name]
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    assert build().exit_code == 0
    assert fingerprint(archive / "site") != before[1]


def test_what_a_killed_build_left_beside_the_folders_is_removed(archive):
    for leftover in (".docs.staging-abc", ".site.staging-abc", ".site.staging-abc.data-xyz", ".site.old-def"):
        (archive / leftover / "documents").mkdir(parents=True)
    (archive / ".site.staging-abc" / "documents" / "x.html").write_text("half written", encoding="utf-8")
    assert build().exit_code == 0
    assert sorted(p.name for p in archive.iterdir() if p.name.startswith(".")) == [
        ".cache",
        ".docs.policy-archive-lock",
        ".github",
        ".gitignore",
        ".site.policy-archive-build.json",
        ".site.policy-archive-lock",
    ]


def _served(archive: Path, source: str) -> bytes:
    (copy,) = (archive / "site" / "sources").glob(f"*/{source}*")
    return gzip.decompress(copy.read_bytes()) if copy.suffix == ".gz" else copy.read_bytes()


def test_the_site_serves_the_bytes_that_were_converted_whatever_their_time(archive):
    assert build().exit_code == 0
    source = archive / "sources" / "a.txt"
    old = source.stat().st_mtime
    corrected = GOOD.replace("激发各类学校发展活力", "激发各类学校办学活力")
    source.write_text(corrected, encoding="utf-8")
    os.utime(source, (old - 3600, old - 3600))  # as unzip, cp -p or rsync -t leave it: older than the site's copy
    assert build().exit_code == 0
    assert _served(archive, "a") == corrected.encode("utf-8")


def test_a_removed_source_leaves_no_folder_in_the_site(archive):
    assert build().exit_code == 0
    folders = {p.name for p in (archive / "site" / "sources").iterdir()}
    (archive / "sources" / "b.txt").unlink()
    assert build().exit_code == 0
    assert len({p.name for p in (archive / "site" / "sources").iterdir()}) == len(folders) - 1


def test_a_source_changed_while_the_build_runs_fails_it_instead_of_serving_other_bytes(archive):
    from policy_archive.site import SiteBuildError, copy_sources

    source = archive / "sources" / "a.txt"
    converted = hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text(OTHER, encoding="utf-8")
    with pytest.raises(SiteBuildError, match="changed while the build ran"):
        copy_sources(archive / "site", [(source, "sources/x/a.txt", converted)])
    source.unlink()
    with pytest.raises(SiteBuildError, match="removed while the build ran"):
        copy_sources(archive / "site", [(source, "sources/x/a.txt", converted)])


def test_a_tampered_page_heads_file_is_not_trusted(archive):
    assert build("--no-site").exit_code == 0
    page = next((archive / "docs" / "documents").glob("*.md"))
    fresh = page.read_bytes()
    (heads,) = (archive / ".cache" / "policy-archive").glob("page-heads-*.json")
    kept = json.loads(heads.read_text(encoding="utf-8"))
    for row in kept["pages"].values():
        row[3] = '"><script>alert(1)</script>'
    heads.write_text(json.dumps(kept), encoding="utf-8")
    page.write_bytes(fresh.replace(b"2014", b"2041"))  # (so that the page is written again)
    assert build("--no-site").exit_code == 0
    assert page.read_bytes() == fresh and b"<script>" not in page.read_bytes()


# --- add and new -------------------------------------------------------------------------------------------------


def test_add_never_writes_through_a_link_in_the_sources(archive, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "target.txt"
    os.symlink(outside, archive / "sources" / "page.txt")  # dangling, with the safe name of the file added
    saved = tmp_path_factory.mktemp("downloads") / "page.txt"
    saved.write_text(GOOD.replace("2014", "2020"), encoding="utf-8")
    result = CliRunner().invoke(main, ["add", str(saved), "--sources", "sources"])
    assert result.exit_code == 0, result.output
    assert not outside.exists()
    assert (archive / "sources" / "page-2.txt").read_text(encoding="utf-8") == saved.read_text(encoding="utf-8")


def test_add_of_a_file_already_in_the_sources_says_so(archive):
    before = fingerprint(archive / "sources")
    result = CliRunner().invoke(main, ["add", "sources/a.txt", "--sources", "sources"])
    assert result.exit_code == 0 and "already in" in result.output, result.output
    assert fingerprint(archive / "sources") == before


def test_add_of_a_pipe_or_a_folder_is_a_message(archive):
    os.mkfifo(archive / "pipe.txt")
    (archive / "folder.txt").mkdir()
    for name, says in (("pipe.txt", "not a regular file"), ("folder.txt", "a folder, not a file")):
        started = time.monotonic()
        result = CliRunner().invoke(main, ["add", name, "--sources", "sources"])
        assert result.exit_code == 1 and says in result.output and result.exception.__class__ is SystemExit, result.output
        assert time.monotonic() - started < 30  # (a FIFO opened would wait forever)
    assert sorted(p.name for p in (archive / "sources").iterdir()) == ["a.txt", "b.txt"]


def test_add_into_a_sources_path_that_is_a_file_is_a_message(archive):
    result = CliRunner().invoke(main, ["add", "sources/a.txt", "--sources", "mkdocs.yml"])
    assert result.exit_code == 2 and "is a file" in result.output and "Traceback" not in result.output


def test_new_accepts_a_fresh_repository_and_refuses_a_link_to_nothing(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    result = CliRunner().invoke(main, ["new", str(tmp_path / "repo")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "repo" / "mkdocs.yml").is_file() and (tmp_path / "repo" / ".git").is_dir()
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "dangling")])
    assert result.exit_code == 2 and "link to nothing" in result.output and not (tmp_path / "nowhere").exists()


def test_a_cache_that_cannot_be_written_costs_no_document(archive):
    (archive / "not-a-folder").write_text("a file where the cache folder would go", encoding="utf-8")
    result = build("--no-site", "--cache", "not-a-folder/cache")
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output and "0 rejected" in result.output


def test_two_builds_of_other_docs_folders_may_share_one_cache(archive):
    holder = _hold_lock(archive / "docs")  # a build of docs/ is running, with the default cache
    try:
        result = build("--no-site", "--docs", "docs-2")
        assert result.exit_code == 0 and "2 documents" in result.output, result.output
    finally:
        holder.kill()
        holder.wait()


def test_a_source_removed_while_the_build_runs_is_a_named_rejection(archive):
    from policy_archive.knowledge import in_chinese
    from policy_archive.pipeline import _convert_source

    outcome, doc = _convert_source((archive / "sources" / "gone.txt", archive / "sources", None))
    assert (outcome.status, outcome.reason, doc) == ("rejected", "removed while the build ran", None)
    assert in_chinese(outcome.reason) == "构建期间文件被删除。"
