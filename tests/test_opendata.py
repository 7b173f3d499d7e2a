"""Open data: documents.jsonl (one document a line) and archive.sqlite, described by schema.json."""

import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from policy_archive import schema
from policy_archive.exports import EXPORTS, documents_jsonl, write_sqlite
from policy_archive.pipeline import convert_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    docs, _ = convert_all(SEEDS)
    return docs


@pytest.fixture(scope="module")
def lines(seeds):
    return [json.loads(line) for line in documents_jsonl(seeds).splitlines()]


@pytest.fixture(scope="module")
def database(seeds, tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    (folder / "documents.jsonl").write_text(documents_jsonl(seeds), encoding="utf-8")
    write_sqlite(folder / "documents.jsonl", folder / "archive.sqlite")
    return folder


def test_documents_jsonl_is_an_export_with_one_valid_line_per_document_in_id_order(seeds, lines):
    assert "data/documents.jsonl" in dict(EXPORTS)
    assert [line["id"] for line in lines] == sorted(d.metadata["id"] for d in seeds)
    document = schema.json_schema()["$defs"]["document"]
    for line in lines:
        jsonschema.validate(line, document)
    assert list(lines[0]) == [*schema.METADATA_KEYS, "source", *(f.name for f in schema.RECORD), "url", *(f.name for f in schema.CONTENT)]


def test_the_line_schema_is_strict(lines):
    document = schema.json_schema()["$defs"]["document"]
    broken = {**lines[0], "citations": [{**lines[0]["citations"][0], "colour": "red"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, document)
    missing = {k: v for k, v in lines[0].items() if k != "text"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(missing, document)


def test_a_line_holds_the_text_sections_and_resolved_citations(lines):
    line = next(x for x in lines if x["id"] == "370800-2023-notice-22")
    assert line["text"].startswith("济宁市教育局关于印发2023年济宁市")
    assert {"anchor": "sec-2-task-4", "kind": "item", "level": 1, "text": "任务4：提升智育水平。"} in line["sections"]
    assert line["citations"][0] == {
        "title": "济宁市“教育部基础教育综合改革实验区”行动方案（2022—2026年）",
        "doc_number": "济发〔2022〕13号",
        "anchors": [""],
        "truncated": False,
        "repaired": False,
        "held_id": None,
    }


def test_about_page_table_lists_the_content_fields():
    table = schema.about_table()
    for field in schema.CONTENT:
        assert f"| `{field.name}`（documents.jsonl） | {field.label} |" in table


def test_archive_sqlite_has_every_table_and_the_rows_of_the_lines(database, lines):
    with sqlite3.connect(database / "archive.sqlite") as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
        assert {"documents", "sections", "citations", "targets", "units", "topics", "texts", "texts_fts"} <= tables
        assert db.execute("select count(*) from documents").fetchone()[0] == len(lines)
        assert db.execute("select count(*) from citations").fetchone()[0] == sum(len(x["citations"]) for x in lines)
        assert db.execute("select count(*) from sections").fetchone()[0] == sum(len(x["sections"]) for x in lines)
        assert db.execute("select count(*) from topics").fetchone()[0] == sum(len(x["topics"]) for x in lines)
        number = db.execute("select doc_number from citations where doc_id = '370800-2023-notice-22' and doc_number is not null").fetchall()
        assert number == [("济发〔2022〕13号",)]
        assert db.execute("select year, source_format from documents where id = '370100-2014-work-points'").fetchone() == (2014, "txt")


def test_archive_sqlite_full_text_search_finds_segmented_words(database, lines):
    with sqlite3.connect(database / "archive.sqlite") as db:
        query = (
            "select texts.doc_id from texts_fts join texts on texts.rowid = texts_fts.rowid where texts_fts match ? order by texts.doc_id"
        )
        found = [doc_id for (doc_id,) in db.execute(query, ["学前教育"])]
    assert found == sorted(x["id"] for x in lines if "学前教育" in x["text"])
    assert found  # the seeds do speak of it


def test_archive_sqlite_is_the_same_bytes_when_built_again(database):
    again = database / "again.sqlite"
    write_sqlite(database / "documents.jsonl", again)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (database / "archive.sqlite", again)]
    assert digest[0] == digest[1]


def test_targets_and_units_are_rows_of_the_lines_and_of_the_database(database, lines):
    line = next(x for x in lines if x["id"] == "370800-2023-notice-22")
    places = [t for t in line["targets"] if t["indicator"] == "学位数"]
    assert [(t["number"], t["value"], t["unit"]) for t in places] == [("4万", 40000, "个"), ("0.9万", 9000, "个")]
    with sqlite3.connect(database / "archive.sqlite") as db:
        assert db.execute("select value, unit from targets where indicator = '学位数' order by value desc limit 1").fetchone() == (
            40000.0,
            "个",
        )
        assert db.execute("select count(distinct task) from units where doc_id = '370800-2023-notice-22'").fetchone()[0] == 26
        assert db.execute("select count(*) from units").fetchone()[0] == sum(len(x["units"]) for x in lines)


def test_the_real_build_publishes_the_data_and_the_new_pages(tmp_path):
    """build_archive on the seeds: documents.jsonl in docs/, the site's whole-archive files gzipped
    (archive.sqlite in the site only), and the citations, series, targets, units and statistics pages."""
    from policy_archive.archive import Settings, build_archive

    site = tmp_path / "site"
    build_archive(Settings(sources=SEEDS, docs=tmp_path / "docs", site=site, config=SEEDS.parent / "mkdocs.yml", cache=None, workers=1))
    jsonl = (tmp_path / "docs" / "data" / "documents.jsonl").read_bytes()
    assert not (tmp_path / "docs" / "data" / "archive.sqlite").exists()
    assert not (site / "data" / "documents.jsonl").exists() and not (site / "data" / "archive.sqlite").exists()
    assert gzip.decompress((site / "data" / "documents.jsonl.gz").read_bytes()) == jsonl
    for name in ("catalog.csv", "build-report.json"):  # served gzipped, unpacked by the page's script
        assert not (site / "data" / name).exists()
        assert gzip.decompress((site / "data" / f"{name}.gz").read_bytes()) == (tmp_path / "docs" / "data" / name).read_bytes()
    unpacked = tmp_path / "archive.sqlite"
    unpacked.write_bytes(gzip.decompress((site / "data" / "archive.sqlite.gz").read_bytes()))
    with sqlite3.connect(unpacked) as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == len(jsonl.splitlines())
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/documents.jsonl.gz"' in about and 'href="../data/archive.sqlite.gz"' in about
    assert '<a href="../data/catalog.csv.gz" download data-archive-gunzip="catalog.csv">' in about
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="data/build-report.json.gz" data-archive-gunzip-view>' in home
    for folder in ("citations", "series", "targets", "units", "stats"):
        assert (site / folder / "index.html").is_file(), folder
    page = (site / "documents" / "370800-2023-notice-22" / "index.html").read_text(encoding="utf-8")
    assert 'id="cites"' in page and 'id="targets"' in page and 'id="duties"' in page


def test_gzipped_exports_are_the_same_bytes_whatever_the_time(tmp_path):
    import os

    from policy_archive.site_data import gzip_file

    source = tmp_path / "documents.jsonl"
    source.write_text('{"id": "x"}\n', encoding="utf-8")
    gzip_file(source, tmp_path / "a.gz")
    os.utime(source, (0, 0))
    gzip_file(source, tmp_path / "b.gz")
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()
    assert gzip.decompress((tmp_path / "a.gz").read_bytes()) == source.read_bytes()


def test_archive_sqlite_takes_a_batch_of_documents_without_units_targets_or_citations(lines, tmp_path):
    """A batch of lines may have no rows for some table (documents without units, say): the others still go in."""
    bare = [{**line, "units": [], "targets": [], "citations": [], "sections": []} for line in lines]
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in bare), encoding="utf-8")
    write_sqlite(tmp_path / "documents.jsonl", tmp_path / "archive.sqlite")
    with sqlite3.connect(tmp_path / "archive.sqlite") as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == len(lines)
        assert db.execute("select count(*) from units").fetchone()[0] == 0
