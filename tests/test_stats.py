"""The statistics page: static SVG charts whose bars and cells link to the lists, each with its table."""

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from helpers import extracted
from policy_archive.listings import LISTINGS
from policy_archive.listings.stats import stats_pages


def _doc(text, doc_id, **metadata):
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id, **metadata})


DOCS = [
    _doc(
        "济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n2.加强幼儿园管理。\n3.落实《义务教育法》。",
        "370100-2014-work-points",
    ),
    _doc(
        "济南市教育局2015年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n2.幼儿园保教。\n3.落实《义务教育法》。", "370100-2015-work-points"
    ),
    _doc("荣成市教育局2015年工作要点\n一、校园安全\n1.落实《<b>安全</b>条例》。", "371082-2015-work-points"),
    _doc("吉林市教育局2015年工作要点\n一、总体\n1.加强管理。", "220200-2015-work-points"),
]


def _svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", page, flags=re.S)]


def test_every_chart_is_well_formed_svg_with_a_title_and_no_script():
    page = stats_pages(DOCS)["stats/index.md"]
    charts = _svgs(page)
    assert len(charts) == 5
    for chart in charts:
        # A group, not an image: its bars, tiles and cells are links (an image's children are presentational).
        assert chart.get("role") == "group" and chart.find("{http://www.w3.org/2000/svg}title").text
        assert all(a.find("{http://www.w3.org/2000/svg}title").text for a in chart.iter("{http://www.w3.org/2000/svg}a"))
        # Drawn within a phone's width, so that its 12 px labels stay at least 11 px there; else hidden on a phone.
        assert int(chart.get("width")) <= 340 or "archive-chart--wide" in chart.get("class")
        assert int(chart.get("font-size")) >= 12
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "stats" in [listing.folder for listing in LISTINGS]


def test_documents_per_year_and_province_bars_link_to_their_lists_with_the_numbers_in_a_table():
    page = stats_pages(DOCS)["stats/index.md"]
    assert '<a href="../years/2015/"><title>2015年：3</title>' in page
    assert '<text x="144" y="40" text-anchor="end" fill="currentColor">2015年</text>' in page
    assert '<tr><td><a href="../years/2015/">2015年</a></td><td>3</td></tr>' in page
    assert '<tr><td><a href="../places/370000/">山东省</a></td><td>3</td></tr>' in page
    # The longest bar is the largest count.
    year_chart = _svgs(page)[0]
    widths = [float(r.get("width")) for r in year_chart.iter("{http://www.w3.org/2000/svg}rect") if r.get("style")]
    assert widths == [50.0, 150.0]
    # Each bar's link spans its whole row, 24 px tall (a touch target's size).
    assert [r.get("height") for r in year_chart.iter("{http://www.w3.org/2000/svg}rect") if not r.get("style")] == ["24", "24"]


def test_topic_year_cells_link_to_the_topics_documents_and_count_them():
    page = stats_pages(DOCS)["stats/index.md"]
    assert '<a href="../topics/preschool/"><title>学前教育 · 2015年：1 件</title><rect' in page
    assert (
        '<tr><td><a href="../topics/preschool/">学前教育</a></td><td><a href="../topics/preschool/">1</a></td><td><a href="../topics/preschool/">1</a></td><td>2</td></tr>'
        in page
    )


def test_most_cited_titles_are_counted_and_escaped():
    page = stats_pages(DOCS)["stats/index.md"]
    assert '<tr><td><a href="../citations/">《义务教育法》</a></td><td>2</td></tr>' in page
    assert "<b>" not in page and "&lt;b&gt;安全&lt;/b&gt;" in page


def test_the_page_is_the_same_bytes_from_the_same_documents_in_any_order():
    assert stats_pages(DOCS) == stats_pages(list(reversed(DOCS)))


def test_the_province_map_has_a_tile_for_every_province_linked_where_it_has_documents():
    from policy_archive.knowledge import province_tiles, regions

    tiles = province_tiles()
    provinces = {code for code, r in regions().items() if r.level == "province" and code != "990000"}
    assert {t.code for t in tiles} == provinces  # 31 provinces, Taiwan, Hong Kong and Macao
    assert len({(t.row, t.column) for t in tiles}) == len(tiles)  # no two on one square
    page = stats_pages(DOCS)["stats/index.md"]
    (chart,) = [c for c in _svgs(page) if c.get("aria-labelledby") == "province-map-title"]
    ns = "{http://www.w3.org/2000/svg}"
    links = {a.get("href"): a.find(f"{ns}title").text for a in chart.iter(f"{ns}a")}
    # Shandong (370000: Jinan and Rongcheng, 3 documents) and Jilin (220000, 1) are linked; no other.
    assert links == {"../places/370000/": "山东：3 件", "../places/220000/": "吉林：1 件"}
    assert len(list(chart.iter(f"{ns}rect"))) == len(tiles)
