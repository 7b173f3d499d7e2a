"""Doubt (issue 28, items 1-3): every field stated, inferred or doubtful; carried to the front matter, the
catalog and the schema; the review queue and its sidecars."""

from dataclasses import replace

import yaml

from helpers import doc_from_text, extracted
from policy_archive.clean import clean
from policy_archive.document import Document, Source
from policy_archive.exports import json_schema_text
from policy_archive.extract import extract
from policy_archive.records import record
from policy_archive.render import front_matter
from policy_archive.report import Outcome, build_report
from policy_archive.review import listing, queue, sidecar_text, write_sidecars
from policy_archive.sources import apply_sidecar, load_sidecar

NOTICE = """济南市教育局关于做好2023年暑期安全工作的通知
济教字〔2023〕22号
各区县教育和体育局：
现将有关事项通知如下。一、加强学生暑期安全教育，落实各项安全责任，确保学生度过一个平安、快乐的暑假。
济南市教育局
2023年6月20日
"""


def _paged(text: str, page_date: str | None = None, evidence=()) -> Document:
    doc = doc_from_text(text)
    doc = replace(doc, source=replace(doc.source, page_date=page_date))
    cleaned = clean(doc)
    return extract(replace(cleaned, evidence=cleaned.evidence + tuple(evidence)))


def test_a_page_bar_date_alone_makes_the_date_of_publication_doubtful():
    doc = _paged(NOTICE, page_date="2023-06-21")
    assert doc.metadata["date_published"] == "2023-06-21"
    assert "date_published" in doc.doubtful
    assert any(f == "date_published" and "page" in note for f, note in doc.doubts)


def test_a_disclosure_tables_date_is_stated_not_doubtful():
    doc = _paged(NOTICE, page_date="2023-06-21", evidence=(("date_published", "2023-06-21"),))
    assert doc.metadata["date_published"] == "2023-06-21"
    assert "date_published" not in doc.doubtful and "date_published" not in doc.inferred
    assert not {"title", "doc_number", "issuer", "date_written", "year", "province", "city"} & set(doc.doubtful)


def test_candidates_that_disagree_make_a_field_doubtful():
    doc = _paged(NOTICE, evidence=(("date_written", "2023-06-18"),))
    assert doc.metadata["date_written"] == "2023-06-18"  # the disclosure table wins, as before
    assert "date_written" in doc.doubtful
    assert any(f == "date_written" and "signature 2023-06-20" in note for f, note in doc.doubts)


def test_missing_fields_and_a_bare_organ_are_doubtful():
    doc = extracted("一、加强学生暑期安全教育，落实各项安全责任。\n县教育局\n")
    assert {"title", "province"} <= set(doc.doubtful)


def test_doubt_never_changes_a_value():
    plain, paged = _paged(NOTICE), _paged(NOTICE, evidence=(("date_written", "2023-06-18"),))
    assert {k: v for k, v in plain.metadata.items() if k != "date_written"} == {
        k: v for k, v in paged.metadata.items() if k != "date_written"
    }


def test_a_curated_value_is_never_doubtful():
    doc = _paged(NOTICE, page_date="2023-06-21")
    curated = apply_sidecar(doc, {"date_published": "2023-06-22"})
    assert "date_published" not in curated.doubtful and all(f != "date_published" for f, _ in curated.doubts)


def test_doubtful_is_carried_to_the_front_matter_catalog_schema_and_report():
    doc = _paged(NOTICE, page_date="2023-06-21")
    doc = replace(doc, metadata={**doc.metadata, "id": "x"})
    row = record(doc)
    assert row["doubtful"] == list(doc.doubtful) and front_matter(doc)["doubtful"] == row["doubtful"]
    assert list(row).index("doubtful") == list(row).index("inferred") + 1
    schema = yaml.safe_load(json_schema_text())
    assert "doubtful" in schema["properties"]["documents"]["items"]["properties"]
    report = yaml.safe_load(build_report([Outcome("a.txt", "converted", doubtful=["title", "year"]), Outcome("b.txt", "converted")]))
    assert report["summary"]["doubtful"] == 2 and report["summary"]["doubtful_documents"] == 1


def _doc(name: str, doubtful: tuple, metadata: dict, doubts=()) -> Document:
    return Document(source=Source(name, "0" * 64, "txt"), metadata=metadata, doubtful=doubtful, doubts=doubts)


def test_review_lists_the_most_doubtful_first():
    docs = [
        _doc("a.txt", ("year",), {"year": 2023}),
        _doc("b.txt", ("issuer", "year"), {"issuer": "县教育局", "year": 2022}, (("issuer", "unusual: an organ named without its place"),)),
        _doc("c.txt", (), {}),
    ]
    assert [d.source.file for d in queue(docs)] == ["b.txt", "a.txt"]
    text = listing(docs)
    assert text.index("b.txt") < text.index("a.txt") and "县教育局" in text and "unusual: an organ named without its place" in text


def test_write_merges_into_a_curators_sidecar(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text(NOTICE, encoding="utf-8")
    sidecar = tmp_path / "n.txt.meta.yaml"
    sidecar.write_text("# my note\nyear: 2024\n", encoding="utf-8")
    doc = _doc(
        "n.txt",
        ("issuer", "date_published", "year"),
        {"issuer": "济南市教育局", "date_published": "2023-06-21", "year": 2023},
        (("date_published", "weak: the web page's date; also: disclosure 2023-06-22"), ("year", "disagree")),
    )
    assert write_sidecars([doc], tmp_path) == [sidecar]
    text = sidecar.read_text(encoding="utf-8")
    assert text.startswith("# my note\nyear: 2024\n")  # the curator's lines kept, their value not overwritten
    assert "#   weak: the web page's date; also: disclosure 2023-06-22" in text
    values, _ = load_sidecar(source, tmp_path)  # the written sidecar passes the sidecar check
    assert values["year"] == 2024 and values["issuer"] == "济南市教育局" and str(values["date_published"]) == "2023-06-21"
    assert sidecar_text(doc, text) == text  # a second run adds nothing
    assert write_sidecars([doc], tmp_path) == []
