"""Series of one issuer's documents across years, and what changed from one to the next."""

from dataclasses import replace

import pytest

from helpers import extracted
from policy_archive.changes import compare
from policy_archive.listings.series import series_pages
from policy_archive.relations import Relations
from policy_archive.render import render
from policy_archive.series import SeriesIndex, find_series, kind_of

Y2014 = """济南市教育局2014年工作要点
一、学前教育
1.扩大普惠性幼儿园覆盖面，学前三年入园率达到95%以上。
2.加强幼儿园管理，开展办园行为督导评估。
3.推进幼儿园保教质量评估，建立学前教育质量监测体系。
二、校园安全
4.开展防溺水专题教育。
济南市教育局
2014年2月20日
"""
Y2015 = """济南市教育局2015年工作要点
一、学前教育
1.扩大普惠性幼儿园覆盖面，学前三年入园率达到97%以上。
2.加强幼儿园管理，开展办园行为督导评估。
二、职业教育
3.推进产教融合，建设10个市级实训基地。
济南市教育局
2015年2月18日
"""
NOTICE_2016 = """关于印发济南市教育局2016年工作要点的通知
各区县教育局：
现将济南市教育局2016年工作要点印发给你们。
一、总体
1.加强幼儿园管理，开展办园行为督导评估。
济南市教育局
2016年3月1日
"""
OTHER = "济南市教育局关于做好2015年防汛工作的通知\n各学校：\n做好防汛。\n济南市教育局\n2015年6月1日\n"
OTHER_2 = "济南市教育局关于开展2014年教师节表彰的通知\n各学校：\n表彰。\n济南市教育局\n2014年8月1日\n"


def _doc(text, doc_id):
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id})


@pytest.fixture(scope="module")
def docs():
    return [
        _doc(Y2015, "370100-2015-work-points"),
        _doc(Y2014, "370100-2014-work-points"),
        _doc(NOTICE_2016, "370100-2016-notice"),
        _doc(OTHER, "370100-2015-notice"),
        _doc(OTHER_2, "370100-2014-notice"),
    ]


def test_one_issuers_plans_across_years_are_one_series_oldest_first(docs):
    (series,) = find_series(docs)
    assert (series.issuer, series.kind, series.years) == ("济南市教育局", "工作要点", "2014—2016")
    assert [d.metadata["id"] for d in series.documents] == ["370100-2014-work-points", "370100-2015-work-points", "370100-2016-notice"]
    # A notice issuing the plan is of the plan's kind; two unrelated notices of the bureau are no series.
    assert kind_of(docs[2]) == "工作要点" and kind_of(docs[3]) == "通知"


def test_previous_and_next_links_on_each_document_page(docs):
    index = SeriesIndex(docs)
    middle = render(docs[0], Relations(docs), index)
    section = middle[middle.index("## 同一系列 {#series}") :]
    slug = index.of(docs[0]).slug
    assert f"[济南市教育局 · 工作要点（2014—2016，3 件）](../series/{slug}.md)" in section
    assert (
        f"- 上一件：[2014年 济南市教育局2014年工作要点](370100-2014-work-points.md)（[逐条比较](../series/{slug}.md#changes-370100-2015-work-points)）"
        in section
    )
    assert "- 下一件：[2016年 关于印发济南市教育局2016年工作要点的通知](370100-2016-notice.md)" in section
    first = render(docs[1], Relations(docs), index)
    assert "上一件" not in first and "下一件" in first
    assert "## 同一系列" not in render(docs[3], Relations(docs), index)


def test_what_changed_new_dropped_reworded_items_and_moved_targets(docs):
    changes = compare(docs[1], docs[0])
    kinds = [(c.kind, c.before.anchor if c.before else None, c.after.anchor if c.after else None) for c in changes.items]
    assert ("reworded", "sec-1-item-1", "sec-1-item-1") in kinds
    assert ("same", "sec-1-item-2", "sec-1-item-2") in kinds
    assert ("dropped", "sec-1-item-3", None) in kinds and ("dropped", "sec-2-item-4", None) in kinds
    assert ("new", None, "sec-2-item-3") in kinds and ("new", None, "sec-2") in kinds
    assert [(m.indicator, m.before.number, m.after.number) for m in changes.targets] == [("学前三年入园率", "95", "97")]


def test_series_pages_list_the_series_and_show_changes_side_by_side(docs):
    pages = series_pages(docs)
    slug = SeriesIndex(docs).of(docs[0]).slug
    assert sorted(pages) == sorted(["series/index.md", f"series/{slug}.md"])
    assert f'<a href="{slug}/">济南市教育局 · 工作要点</a></td><td>2014—2016</td><td>3</td>' in pages["series/index.md"]
    page = pages[f"series/{slug}.md"]
    assert '<a href="#changes-370100-2015-work-points">与上一件比较</a>' in page
    change = page[page.index("### 2014 → 2015 {#changes-370100-2015-work-points}") : page.index("### 2015 → 2016")]
    assert (
        '<td><a href="../../documents/370100-2014-work-points/#sec-1-item-1">1.扩大普惠性幼儿园覆盖面，学前三年入园率达到95%以上。</a></td>'
        in change
    )
    assert "<tr><td>学前三年入园率</td>" in change and ">95%</a>" in change and ">97%</a>" in change
    assert "新增 2 条、删去 3 条、改写 1 条" in change


def test_pages_do_not_depend_on_the_order_of_the_documents(docs):
    from policy_archive.listings.citations import citation_pages
    from policy_archive.listings.stats import stats_pages
    from policy_archive.listings.targets import target_pages

    for build in (series_pages, citation_pages, target_pages, stats_pages):
        assert build(docs) == build(list(reversed(docs))), build.__name__
    index, backwards = SeriesIndex(docs), SeriesIndex(list(reversed(docs)))
    assert [render(d, Relations(docs), index) for d in docs] == [render(d, Relations(docs[::-1]), backwards) for d in docs]


def test_two_documents_of_one_year_are_no_series():
    first = _doc(Y2014, "370100-2014-work-points")
    copy = _doc(Y2014.replace("防溺水专题教育", "防溺水教育"), "370100-2014-work-points-b")
    assert find_series([first, copy]) == []
