"""The Atom feeds: what the archive added (every document, by the ledger's dates) and one feed a topic, valid Atom,
deterministic, under the archive's own name."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import extracted
from policy_archive.config import Masthead
from policy_archive.exports import EXPORTS, atom_feed
from policy_archive.knowledge import topics

ATOM = "{http://www.w3.org/2005/Atom}"


def _doc(text: str, doc_id: str):
    doc = extracted(text)
    doc.metadata["id"] = doc_id
    return doc


def _ids(feed) -> list[str]:
    return [e.find(f"{ATOM}id").text.rsplit(":", 1)[1] for e in feed.findall(f"{ATOM}entry")]


def test_the_feed_lists_every_document_latest_addition_first_with_relative_links():
    older = _doc("关于做好学前教育工作的通知\n各幼儿园：\n做好学前教育工作，幼儿园要保障安全。\n某市教育局\n2021年3月1日", "a-2021")
    newer = _doc("关于做好义务教育工作的通知\n各学校：\n做好义务教育工作。\n某市教育局\n2023年5月2日", "b-2023")
    undated = _doc("某某工作要点\n一、总体要求\n做好工作。", "c-undated")
    added = {"a-2021": "2024-06-01", "b-2023": "2024-01-01", "c-undated": "2024-06-01"}
    text = atom_feed([older, undated, newer], Masthead(), added)
    feed = ET.fromstring(text)
    # The latest additions first (a 2021 notice added in June comes before a 2023 one added in January), ties by id.
    assert _ids(feed) == ["a-2021", "c-undated", "b-2023"]
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].find(f"{ATOM}link").get("href") == "../documents/a-2021/"
    assert entries[0].find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}published").text == "2024-06-01T00:00:00+00:00"
    assert entries[0].find(f"{ATOM}summary").text == "某市教育局；成文日期 2021-03-01"  # the document's own date
    assert feed.find(f"{ATOM}updated").text == "2024-06-01T00:00:00+00:00"  # the latest addition's, not the clock's
    assert text == atom_feed([newer, older, undated], Masthead(), dict(reversed(added.items())))


def test_without_a_ledger_a_feed_dates_documents_by_their_own_dates_and_lists_the_undated_too():
    dated = _doc("关于做好义务教育工作的通知\n各学校：\n做好义务教育工作。\n某市教育局\n2023年5月2日", "b")
    undated = _doc("某某工作要点\n一、总体要求\n做好工作。", "a")
    feed = ET.fromstring(atom_feed([dated, undated]))
    assert _ids(feed) == ["a", "b"]  # (both dated 2023-05-02: the newest own date stands in for the build's)


def test_a_feed_carries_the_archives_title_and_description():
    doc = _doc("某某工作要点\n一、总体要求\n做好工作。", "a")
    doc.metadata["topics"] = ["学前教育"]
    masthead = Masthead("某市教育政策文件库", "某市教育局历年文件")
    feed = ET.fromstring(atom_feed([doc], masthead, {"a": "2025-01-02"}, "学前教育", depth=2))
    assert feed.find(f"{ATOM}title").text == "某市教育政策文件库 · 学前教育"
    assert feed.find(f"{ATOM}subtitle").text == "某市教育局历年文件"
    assert ET.fromstring(atom_feed([doc], masthead)).find(f"{ATOM}title").text == "某市教育政策文件库 · 新收录文件"


def test_a_topic_feed_holds_only_that_topics_documents_and_web_text_is_escaped():
    doc = _doc("关于学前教育的通知\n各幼儿园：\n学前教育普惠发展，幼儿园建设。\n某市教育局\n2021年3月1日", "a")
    doc.metadata["topics"] = ["学前教育"]
    doc.metadata["title"] = "关于<script>alert(1)</script>学前教育的通知"  # web text is untrusted
    other = _doc("关于义务教育的通知\n各学校：\n义务教育。\n某市教育局\n2022年3月1日", "b")
    other.metadata["topics"] = ["义务教育"]
    text = atom_feed([doc, other], None, None, "学前教育", depth=2)
    feed = ET.fromstring(text)
    assert [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")] == ["../../documents/a/"]
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_every_topic_has_its_feed_in_the_exports():
    paths = {path for path, _ in EXPORTS}
    assert "data/feed.xml" in paths
    assert {f"data/feeds/{t.slug}.xml" for t in topics()[0]} <= paths


def test_the_seed_sites_feeds_are_in_docs_with_every_document_in_the_ledgers_order():
    root = Path(__file__).resolve().parent.parent / "docs" / "data"
    feed = ET.parse(root / "feed.xml").getroot()
    rows = json.loads((root / "catalog.json").read_text(encoding="utf-8"))["documents"]
    added = json.loads((root / "ledger.json").read_text(encoding="utf-8"))["added"]
    assert set(added) == {r["id"] for r in rows} and len(rows) >= 5
    order = sorted(sorted(added), key=added.get, reverse=True)
    assert _ids(feed) == order
    assert any(not (r["date_published"] or r["date_written"]) for r in rows)  # undated documents are listed too
    preschool = ET.parse(root / "feeds" / "preschool.xml").getroot()
    assert _ids(preschool) == [i for i in order if "学前教育" in next(r["topics"] for r in rows if r["id"] == i)]
