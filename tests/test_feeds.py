"""The Atom feeds: the archive's newest documents and one feed a topic, valid Atom, deterministic."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import extracted
from policy_archive.exports import EXPORTS, atom_feed
from policy_archive.knowledge import topics

ATOM = "{http://www.w3.org/2005/Atom}"


def _doc(text: str, doc_id: str):
    doc = extracted(text)
    doc.metadata["id"] = doc_id
    return doc


def test_the_feed_lists_the_newest_documents_first_with_relative_links():
    older = _doc("关于做好学前教育工作的通知\n各幼儿园：\n做好学前教育工作，幼儿园要保障安全。\n某市教育局\n2021年3月1日", "a-2021")
    newer = _doc("关于做好义务教育工作的通知\n各学校：\n做好义务教育工作。\n某市教育局\n2023年5月2日", "b-2023")
    undated = _doc("某某工作要点\n一、总体要求\n做好工作。", "c-undated")
    feed = ET.fromstring(atom_feed([older, undated, newer]))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == ["urn:policy-archive:document:b-2023", "urn:policy-archive:document:a-2021"]
    assert entries[0].find(f"{ATOM}link").get("href") == "../documents/b-2023/"
    assert feed.find(f"{ATOM}updated").text == "2023-05-02T00:00:00+00:00"  # the newest document's, not the clock's
    assert atom_feed([older, undated, newer]) == atom_feed([newer, older, undated])


def test_a_topic_feed_holds_only_that_topics_documents_and_web_text_is_escaped():
    doc = _doc("关于学前教育的通知\n各幼儿园：\n学前教育普惠发展，幼儿园建设。\n某市教育局\n2021年3月1日", "a")
    doc.metadata["topics"] = ["学前教育"]
    doc.metadata["title"] = "关于<script>alert(1)</script>学前教育的通知"  # web text is untrusted
    other = _doc("关于义务教育的通知\n各学校：\n义务教育。\n某市教育局\n2022年3月1日", "b")
    other.metadata["topics"] = ["义务教育"]
    text = atom_feed([doc, other], "学前教育", depth=2)
    feed = ET.fromstring(text)
    assert [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")] == ["../../documents/a/"]
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_every_topic_has_its_feed_in_the_exports():
    paths = {path for path, _ in EXPORTS}
    assert "data/feed.xml" in paths
    assert {f"data/feeds/{t.slug}.xml" for t in topics()[0]} <= paths


def test_the_seed_sites_feeds_are_in_docs():
    root = Path(__file__).resolve().parent.parent / "docs" / "data"
    feed = ET.parse(root / "feed.xml").getroot()
    rows = json.loads((root / "catalog.json").read_text(encoding="utf-8"))["documents"]
    dated = {r["id"] for r in rows if r["date_published"] or r["date_written"]}
    assert {e.find(f"{ATOM}id").text.rsplit(":", 1)[1] for e in feed.findall(f"{ATOM}entry")} == dated and len(dated) >= 2
    preschool = ET.parse(root / "feeds" / "preschool.xml").getroot()
    assert {e.find(f"{ATOM}id").text.rsplit(":", 1)[1] for e in preschool.findall(f"{ATOM}entry")} == {
        r["id"] for r in rows if r["id"] in dated and "学前教育" in r["topics"]
    }
