import json
from dataclasses import replace

from helpers import extracted
from policy_archive.exports import catalog
from policy_archive.listings import LISTINGS, home_page
from policy_archive.listings.issuers import issuer_pages
from policy_archive.listings.places import place_pages
from policy_archive.listings.topics import topic_pages
from policy_archive.listings.xref import xref_pages
from policy_archive.listings.years import year_pages


def _doc(text: str, doc_id: str):
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id})


A = _doc(
    "济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园，落实《青岛市教育局2014年工作要点》。\n2.加强幼儿园管理。",
    "370100-2014-work-points",
)
B = _doc("青岛市教育局2014年工作要点\n一、职业教育\n1.推进产教融合与校企合作，建设实训基地。", "370200-2014-work-points")
C = _doc("荣成市教育局2019年工作要点\n一、校园安全\n1.建设平安校园，开展防溺水教育与应急演练。", "371082-2019-work-points")
D = _doc("没有年份的文字。", "cn-undated-document")


def test_year_pages_list_documents_newest_year_first():
    pages = year_pages([A, B, C, D])
    assert set(pages) == {"years/index.md", "years/2014.md", "years/2019.md", "years/unknown.md"}
    index = pages["years/index.md"]
    assert index.index("2019年") < index.index("2014年") < index.index("年度不明")
    assert (
        '<td><a href="../../documents/370100-2014-work-points/">济南市教育局2014年工作要点</a></td><td>济南市教育局</td><td>—</td><td>—</td><td>山东省 济南市</td>'
        in pages["years/2014.md"]
    )


def test_place_pages_by_province_city_county():
    pages = place_pages([A, B, C, D])
    assert set(pages) == {"places/index.md", "places/370000.md", "places/unknown.md"}
    shandong = pages["places/370000.md"]
    assert shandong.index("## 济南市") < shandong.index("## 青岛市")
    assert "## 威海市" in shandong and "### 荣成市" in shandong
    assert "- [山东省](370000.md)（3）" in pages["places/index.md"]


def test_topic_pages_link_to_the_sections():
    pages = topic_pages([A, B, C])
    preschool = pages["topics/preschool.md"]
    assert '<a href="../../documents/370100-2014-work-points/#sec-1">一</a>' in preschool
    assert "370200-2014-work-points" not in preschool
    assert "| [学前教育](preschool.md) | 1 |" in pages["topics/index.md"]


def test_xref_matrix_and_citations_link_held_documents():
    page = xref_pages([A, B, C])["xref/2014.md"]
    # Each document named by its title, its topics each with the links to its sections (issue 27).
    title = '<a href="../../documents/370100-2014-work-points/">济南市教育局2014年工作要点</a>'
    assert (
        f'<td>{title}<span class="archive-xref__facts">济南市 · 工作要点</span></td>'
        '<td><span class="archive-xref__topic">学前教育 <a href="../../documents/370100-2014-work-points/#sec-1">一</a></span></td>'
    ) in page
    # The overview: a row per document, a column per topic.
    assert f'<td>{title}</td><td><a href="../../documents/370100-2014-work-points/#sec-1">一</a></td>' in page
    assert '<a href="../../documents/370200-2014-work-points/">《青岛市教育局2014年工作要点》</a>' in page


def test_catalog_has_every_field_and_the_page_url():
    rows = json.loads(catalog([A, B]))["documents"]
    assert [r["id"] for r in rows] == ["370100-2014-work-points", "370200-2014-work-points"]
    assert rows[0]["url"] == "documents/370100-2014-work-points/"
    assert {"title", "doc_number", "issuer", "year", "region_code", "topics", "source", "inferred", "warnings"} <= set(rows[0])


def test_home_page_counts():
    page = home_page([A, B, C], rejected=2)
    assert "| 文件 | 3 |" in page and "| 覆盖年度 | 2014—2019 年 |" in page and "| 未能收录的来源文件 | 2" in page
    assert "| 主题（已用） | 3 |" in page  # (the topics in use, not the vocabulary's size)
    doubted = replace(A, doubtful=("issuer", "year"))
    assert "| 自动识别、待核的字段 | 2（1 份文件" in home_page([doubted, B, C], rejected=0)


def test_long_lists_are_split_into_pages_per_year_province_or_city(monkeypatch):
    from policy_archive.listings import grouping

    monkeypatch.setattr(grouping, "PAGE_ROWS", 1)
    docs = [A, B, C]
    both = [replace(d, topic_sections={"学前教育": ("sec-1",)}, metadata={**d.metadata, "topics": ["学前教育"]}) for d in (A, C)]
    topic = topic_pages(both)
    assert "- [2019年](preschool/2019.md)（1）" in topic["topics/preschool.md"]
    assert '<a href="../../../documents/371082-2019-work-points/#sec-1">一</a>' in topic["topics/preschool/2019.md"]
    years = year_pages(docs)
    assert "- [山东省](2014/370000.md)（2）" in years["years/2014.md"]
    assert 'href="../../../documents/370100-2014-work-points/"' in years["years/2014/370000.md"]
    places = place_pages(docs)
    assert "- [济南市](370000/370100.md)（1）" in places["places/370000.md"]
    assert "## 济南市" in places["places/370000/370100.md"]
    xref = xref_pages(docs)
    assert "xref/2014/370000.md" in xref and 'href="../../../documents/370200-2014-work-points/"' in xref["xref/2014/370000.md"]


def test_issuer_pages_list_each_authoritys_documents():
    pages = issuer_pages([A, B, C, D])
    assert set(pages) == {"issuers/index.md", "issuers/370000.md", "issuers/unknown.md"}
    assert "济南市教育局（1）" in pages["issuers/index.md"] and "荣成市教育局（1）" in pages["issuers/index.md"]
    shandong = pages["issuers/370000.md"]
    assert "## 济南市教育局" in shandong and 'href="../../documents/370200-2014-work-points/"' in shandong


def test_the_registry_gives_the_navigation_and_the_generated_folders():
    from policy_archive.site.plugin import GENERATED_LISTS, navigation
    from policy_archive.write import GENERATED_DIRS

    folders = [listing.folder for listing in LISTINGS]
    assert [next(iter(entry.values())) for entry in navigation()[1:-2]] == [f"{f}/index.md" for f in folders]
    assert set(folders) <= set(GENERATED_DIRS) and tuple(f"{f}/" for f in folders) == GENERATED_LISTS


def test_every_listing_writes_the_index_page_its_registry_entry_names():
    """The navigation, the home page and the browser tests open a listing at its entry's index page."""
    home = home_page([A, B, C, D], rejected=0)
    for listing in LISTINGS:
        assert listing.index_page in listing.build([A, B, C, D]), listing.folder
        assert listing.index_url == f"{listing.folder}/" and f"]({listing.index_page})" in home
