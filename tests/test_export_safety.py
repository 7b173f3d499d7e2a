"""The exports under hostile values: characters XML cannot hold never reach a feed, a cell a spreadsheet would
run as a formula is neutralised, and an export that fails names itself and the document."""

import csv
import datetime as dt
import io
import json
import pickle
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from helpers import extracted
from policy_archive.config import Masthead
from policy_archive.exports import EXPORTS, ExportError

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT = "关于做好学前教育工作的通知\n各幼儿园：\n做好学前教育工作，幼儿园要保障安全。\n某市教育局\n2021年3月1日"
# What XML 1.0 cannot hold: U+FFFF, U+FFFE, a form feed, NUL, ESC, lone surrogates (high, low).
NOT_XML = ["\uffff", "\ufffe", "\x0c", "\x00", "\x1b", "\ud800", "\udfff"]


def _doc(doc_id: str, **metadata):
    doc = extracted(TEXT)
    return replace(doc, metadata={**doc.metadata, "id": doc_id, "topics": ["学前教育"], **metadata})


def _export(path: str, added: dict | None = None):
    """The export at `path` as a function of the documents alone (the default masthead; the ledger `added`, else
    every document added on 2024-01-01)."""
    make = dict(EXPORTS)[path]
    return lambda docs: make(
        docs, Masthead(), added if added is not None else dict.fromkeys((d.metadata["id"] for d in docs), "2024-01-01")
    )


def _joined(made) -> str:
    return made if isinstance(made, str) else "".join(made)


@pytest.mark.parametrize("char", NOT_XML, ids=[f"U+{ord(c):04X}" for c in NOT_XML])
def test_a_character_xml_cannot_hold_is_left_out_of_every_feed(char):
    doc = _doc("a", title=f"关于{char}学前教育的通知", issuer=f"某市{char}教育局", doc_number=f"某教{char}〔2021〕1号")
    feeds = [path for path, _ in EXPORTS if path.endswith(".xml")]
    assert "data/feed.xml" in feeds and "data/feeds/preschool.xml" in feeds
    for path in feeds:
        feed = ET.fromstring(_export(path)([doc]).encode("utf-8"))
        entries = feed.findall(f"{ATOM}entry")
        if path in ("data/feed.xml", "data/feeds/preschool.xml"):
            assert [e.find(f"{ATOM}title").text for e in entries] == ["关于学前教育的通知"], path
            assert entries[0].find(f"{ATOM}summary").text == "某市教育局；某教〔2021〕1号；成文日期 2021-03-01"


def test_the_other_exports_keep_such_a_value_as_it_is():
    doc = _doc("a", title="关于\uffff学前教育的通知")
    row = json.loads(_export("data/catalog.json")([doc]))["documents"][0]
    assert row["title"] == "关于\uffff学前教育的通知"  # (JSON holds it: only XML cannot)


def test_an_export_that_fails_names_itself_and_the_document():
    good = _doc("good")
    # A value no JSON holds (a date object where the schema has text), and (in the ledger) a date no feed can give.
    odd = _doc("odd", date_written=dt.date(2021, 3, 1), date_published="2021-13-45")
    added = {"good": "2024-01-01", "odd": "2024-13-45"}
    for path, problem in [
        ("data/catalog.json", "not JSON serializable"),
        ("data/documents.jsonl", "not JSON serializable"),
        ("data/feed.xml", "month must be in 1..12"),
        ("data/feeds/preschool.xml", "month must be in 1..12"),
    ]:
        with pytest.raises(ExportError) as failure:
            _joined(_export(path, added)([good, odd]))
        assert (failure.value.export, failure.value.document) == (path, "odd")
        assert str(failure.value).startswith(f"export {path} failed at document odd: ") and problem in str(failure.value)


def test_an_export_error_comes_back_whole_from_a_worker_process():
    error = ExportError("data/feed.xml", "odd", "ValueError: bad")
    again = pickle.loads(pickle.dumps(error))
    assert (again.export, again.document, again.problem, str(again)) == ("data/feed.xml", "odd", "ValueError: bad", str(error))


FORMULAS = {
    '=HYPERLINK("http://x.example","点击")': "title",
    "+1+cmd|' /C calc'!A0": "issuer",
    "-1": "doc_number",
    "@SUM(1+1)*cmd|' /C calc'!A0": "index_number",
    "\t=1+1": "validity",
    "\r=1+1": "doc_type",
}


def _csv_rows(docs) -> list[dict]:
    text = _export("data/catalog.csv")(docs)
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote():
    doc = _doc("a", **{field: value for value, field in FORMULAS.items()})
    doc = replace(doc, source=replace(doc.source, file="=1+1.txt"), warnings=("-注意",))
    (row,) = _csv_rows([doc])
    for value, field in FORMULAS.items():
        assert row[field] == "'" + value, field
    assert row["source.file"] == "'=1+1.txt" and row["warnings"] == "'-注意"


def test_cells_that_are_no_formula_are_written_as_they_are():
    doc = _doc("a", title="关于=、+、-、@的通知", issuer="某市教育局 -1")
    (row,) = _csv_rows([doc])
    assert row["title"] == "关于=、+、-、@的通知" and row["issuer"] == "某市教育局 -1"
    assert row["year"] == "2021" and row["id"] == "a" and row["url"] == "documents/a/"
    assert not [k for k, v in row.items() if v.startswith("'")]
