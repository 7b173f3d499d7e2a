"""An archive's own name on its pages and feeds, and the ledger of when each document entered it (issue 26, items
3 and 6): the feeds list every document, the latest additions first, byte-stable between builds of the same
sources and ledger."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_archive.archive import BuildError, Settings, build_archive, build_date
from policy_archive.cli import main
from policy_archive.ledger import LEDGER, read_ledger

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
UNDATED, DATED, OLD = "002_3002dbbffbf1c5e1.txt", "003_de90ec9362fc9610.txt", "000_8e6a65c228a429c8.txt"
TITLE, DESCRIPTION = "某市教育政策文件库", "某市教育局历年工作要点与工作意见"


def _sources(folder: Path, *names: str) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(ROOT / "seeds" / name, folder / name)
    return folder


def _build(tmp_path: Path, today: str, *names: str, **settings) -> Path:
    docs = tmp_path / "docs"
    sources = _sources(tmp_path / "sources", *names)
    build_archive(Settings(sources=sources, docs=docs, site=None, cache=None, in_child=False, today=today, **settings))
    return docs


def _ids_by_file(docs: Path) -> dict[str, str]:
    rows = json.loads((docs / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"]
    return {row["source"]["file"]: row["id"] for row in rows}


def _feed_ids(path: Path) -> list[str]:
    feed = ET.parse(path).getroot()
    return [e.find(f"{ATOM}id").text.rsplit(":", 1)[1] for e in feed.findall(f"{ATOM}entry")]


def test_a_configured_title_and_description_head_the_home_and_about_pages_and_the_feeds(tmp_path):
    docs = _build(tmp_path, "2025-01-01", UNDATED, DATED, title=TITLE, description=DESCRIPTION)
    home = (docs / "index.md").read_text(encoding="utf-8")
    about = (docs / "about.md").read_text(encoding="utf-8")
    assert home.startswith(f"# {TITLE}\n") and f"\n{DESCRIPTION}。\n" in home  # (the search field between them)
    assert f"{TITLE}是一个开放的静态档案：{DESCRIPTION}。" in about
    feed = ET.parse(docs / "data" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}title").text == f"{TITLE} · 新收录文件" and feed.find(f"{ATOM}subtitle").text == DESCRIPTION
    topic = ET.parse(docs / "data" / "feeds" / "preschool.xml").getroot()
    assert topic.find(f"{ATOM}title").text == f"{TITLE} · 学前教育"
    for path in [docs / "index.md", docs / "about.md", *(docs / "data").rglob("*.xml")]:
        assert "地方教育政策文件库" not in path.read_text(encoding="utf-8"), path


def test_without_a_title_the_pages_are_this_projects_own(tmp_path):
    docs = _build(tmp_path, "2025-01-01", DATED)
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# 地方教育政策文件库\n") and "\n本站收录各地市、区县教育局" in home
    assert "\n本站是一个开放的静态档案，收录城市与区县教育局" in (docs / "about.md").read_text(encoding="utf-8")


def test_the_ledger_keeps_first_seen_dates_and_the_feeds_list_the_latest_additions_first(tmp_path):
    docs = _build(tmp_path, "2025-01-01", UNDATED, DATED)
    first = _ids_by_file(docs)
    assert read_ledger(docs) == {first[UNDATED]: "2025-01-01", first[DATED]: "2025-01-01"}
    # Undated documents are in the feeds; on the same day, by id.
    assert _feed_ids(docs / "data" / "feed.xml") == sorted(first.values())

    _build(tmp_path, "2025-02-01", UNDATED, DATED, OLD)  # a 2014 plan added later
    ids = _ids_by_file(docs)
    assert read_ledger(docs) == {ids[UNDATED]: "2025-01-01", ids[DATED]: "2025-01-01", ids[OLD]: "2025-02-01"}
    assert _feed_ids(docs / "data" / "feed.xml") == [ids[OLD], *sorted(first.values())]
    entry = ET.parse(docs / "data" / "feed.xml").getroot().find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}published").text == "2025-02-01T00:00:00+00:00"
    assert "成文日期 2014-03-10" in entry.find(f"{ATOM}summary").text  # the document's own date

    # The same sources and ledger give the same bytes, whatever the day.
    feeds = {p: p.read_bytes() for p in (docs / "data").rglob("*.xml")}
    ledger = (docs / LEDGER).read_bytes()
    _build(tmp_path, "2025-03-01", UNDATED, DATED, OLD)
    assert {p: p.read_bytes() for p in (docs / "data").rglob("*.xml")} == feeds and (docs / LEDGER).read_bytes() == ledger

    # A document that leaves the archive leaves the ledger.
    _build(tmp_path, "2025-04-01", DATED, OLD)
    assert read_ledger(docs) == {ids[DATED]: "2025-01-01", ids[OLD]: "2025-02-01"}


def test_the_first_ledger_of_an_existing_docs_folder_dates_its_documents_by_their_own_dates(tmp_path):
    docs = _build(tmp_path, "2025-01-01", UNDATED, DATED)
    (docs / LEDGER).unlink()  # (docs/ as a build before ledgers left it)
    _build(tmp_path, "2025-05-05", UNDATED, DATED, OLD)
    ids = _ids_by_file(docs)
    assert read_ledger(docs) == {ids[DATED]: "2023-03-30", ids[UNDATED]: "2025-05-05", ids[OLD]: "2025-05-05"}


def test_a_ledger_that_cannot_be_read_stops_the_build_and_a_curated_date_is_kept(tmp_path):
    docs = _build(tmp_path, "2025-01-01", DATED)
    (doc_id,) = _ids_by_file(docs).values()
    (docs / LEDGER).write_text(json.dumps({"added": {doc_id: "2020-02-30"}}), encoding="utf-8")
    with pytest.raises(BuildError, match=r"ledger\.json"):
        _build(tmp_path, "2025-01-02", DATED)
    (docs / LEDGER).write_text(json.dumps({"added": {doc_id: "2020-02-03"}}), encoding="utf-8")
    _build(tmp_path, "2025-01-02", DATED)
    assert read_ledger(docs) == {doc_id: "2020-02-03"}


def test_the_build_date_is_given_else_source_date_epoch_else_the_clock(monkeypatch):
    assert build_date("2025-06-07") == "2025-06-07"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError):
        build_date()
    with pytest.raises(BuildError):
        build_date("2025-13-01")


def test_the_build_command_takes_the_title_and_description_from_mkdocs_yml(tmp_path, monkeypatch):
    _sources(tmp_path / "collection", DATED)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: {TITLE}\nextra:\n  policy_archive:\n    sources: collection\n    description: {DESCRIPTION}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(main, ["build", "--no-site", "--no-cache"])
    assert result.exit_code == 0, result.output
    home = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith(f"# {TITLE}\n") and f"\n{DESCRIPTION}。\n" in home
    assert set(read_ledger(tmp_path / "docs").values()) == {"2023-11-14"}
