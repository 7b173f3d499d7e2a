"""Citations: extraction of 《…》 titles with their 文号, resolution to documents, the pages showing them."""

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import extracted
from policy_archive.document import Block
from policy_archive.extract.citations import Citation, find_citations
from policy_archive.listings import LISTINGS
from policy_archive.listings.citations import citation_pages
from policy_archive.pipeline import convert_all
from policy_archive.relations import Relations, normal_title
from policy_archive.render import render

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _doc(text: str, doc_id: str, **metadata):
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id, **metadata})


def _item(text: str, anchor: str | None = None) -> Block:
    return Block("item" if anchor else "paragraph", text, anchor)


def test_a_title_with_its_doc_number_is_one_citation_per_title_with_every_place():
    blocks = [
        _item("确保《某市行动方案（2022—2026年）》（济发〔2022〕13号）落实。", "sec-1-item-1"),
        _item("继续落实《某市行动方案（2022—2026年）》和《义务教育法》。", "sec-2-item-1"),
    ]
    assert find_citations(blocks) == (
        Citation("某市行动方案（2022—2026年）", "济发〔2022〕13号", ("sec-1-item-1", "sec-2-item-1")),
        Citation("义务教育法", None, ("sec-2-item-1",)),
    )


def test_a_doc_number_in_ascii_brackets_and_digits_is_normalised():
    (citation,) = find_citations([_item("落实《关于加强管理的意见》(教基[２０２１]3号)要求。", "sec-1")])
    assert citation.doc_number == "教基〔2021〕3号"


def test_a_title_broken_over_two_lines_is_joined():
    blocks = [_item("认真贯彻《济宁市“教育部基础教育综合改革实验区”", "sec-1-item-1"), _item("行动方案（2022—2026年）》，确保落实。")]
    (citation,) = find_citations(blocks)
    assert citation.title == "济宁市“教育部基础教育综合改革实验区”行动方案（2022—2026年）"
    assert citation.repaired and not citation.truncated and citation.anchors == ("sec-1-item-1",)


def test_spaces_between_chinese_characters_inside_a_title_are_removed_but_not_between_latin_words():
    (first, second) = find_citations([_item("落实《义务 教育法》，学习《Python 编程 入门》。", "p")])
    assert first.title == "义务教育法" and first.repaired
    assert second.title == "Python 编程入门"


@pytest.mark.parametrize(
    "text, title",
    [
        ("关于印发《济南市教育局2014年 》印发给你们。", "济南市教育局2014年"),  # a space where the page lost the rest
        ("落实《关于进一步加强…》要求。", "关于进一步加强…"),
        ("落实《学前教育和》要求。", "学前教育和"),
        ("落实《关于加强中小学管理的意见", "关于加强中小学管理的意见"),  # never closed, and the next block is a sentence
    ],
)
def test_a_cut_title_is_kept_as_printed_and_flagged(text, title):
    blocks = [_item(text, "sec-1"), _item("下一段。没有书名号的结束》。")]
    (citation,) = find_citations(blocks)
    assert citation.title == title and citation.truncated


def test_the_plan_a_notice_issues_is_the_document_itself_not_a_citation():
    doc = extracted(
        "关于印发《某市教育局2020年工作要点》的通知\n各学校：\n现将《某市教育局2020年工作要点》印发给你们，落实《义务教育法》。"
    )
    assert doc.citations == ("义务教育法",)


@pytest.fixture(scope="module")
def seeds():
    docs, _ = convert_all(SEEDS)
    return {d.source.file[:3]: d for d in docs}


def test_seed_003_cites_the_action_plan_with_its_doc_number(seeds):
    cited = seeds["003"].cited
    assert cited[0] == Citation("济宁市“教育部基础教育综合改革实验区”行动方案（2022—2026年）", "济发〔2022〕13号", ("",))
    assert [c.title for c in cited][1:4] == [
        "关于贯彻落实中小学校党组织领导的校长负责制的总体方案（试行）",
        "关于进一步加强新时代中小学思政课建设的意见",
        "济宁市校外培训机构分级标准",
    ]
    assert len(cited) == 11 and sum(c.doc_number is not None for c in cited) == 1
    assert next(c for c in cited if c.title == "济宁市校外培训机构分级标准").anchors == ("sec-2-task-4-1",)


def test_seed_000s_cut_title_is_flagged_and_every_other_seed_title_is_whole(seeds):
    flagged = [(key, c.title) for key, doc in sorted(seeds.items()) for c in doc.cited if c.truncated]
    assert flagged == [("000", "济南市教育局2014年")]
    assert [len(seeds[k].cited) for k in sorted(seeds)] == [5, 10, 3, 11, 7]


PLAN = "济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。"
NOTICE = "关于印发《青岛市教育局2015年工作要点》的通知\n各学校：\n现将《青岛市教育局2015年工作要点》印发给你们。"
CITING = (
    "济南市教育局2015年工作要点\n一、总体\n1.总结《济南市教育局2014年工作要点》的落实情况。\n"
    "2.参照《青岛市教育局2015年工作要点》。\n3.落实《某市规划》（济发〔2014〕7号）和《义务教育法》。\n4.对照《济南市教育局2014年 》。"
)


@pytest.fixture(scope="module")
def archive():
    plan = _doc(PLAN, "370100-2014-work-points")
    notice = _doc(NOTICE, "370200-2015-notice")
    numbered = _doc("另一个名称的规划\n正文。", "370100-2014-plan-7", doc_number="济发〔2014〕7号")
    citing = _doc(CITING, "370100-2015-work-points")
    return plan, notice, numbered, citing


def test_citations_resolve_by_title_by_the_plan_a_notice_issues_and_by_doc_number(archive):
    plan, notice, numbered, citing = archive
    relations = Relations([citing, numbered, notice, plan])
    held = {r.citation.title: r.held.metadata["id"] if r.held else None for r in relations.cites(citing)}
    assert held == {
        "济南市教育局2014年工作要点": "370100-2014-work-points",
        "青岛市教育局2015年工作要点": "370200-2015-notice",
        "某市规划": "370100-2014-plan-7",
        "义务教育法": None,
        "济南市教育局2014年": None,  # truncated: never matched, though a held title starts with it
    }
    assert [r.citing.metadata["id"] for r in relations.cited_by(plan)] == ["370100-2015-work-points"]
    # The notice issuing the plan names it in its own text: that is not a citation of another document.
    assert relations.cited_by(citing) == [] and relations.cites(notice) == []


def test_normal_title_ignores_spaces_quotes_brackets_and_dash_shapes():
    assert normal_title("《“十四五”规划 (2021-2025年)》") == normal_title("“十四五”规划（2021—2025年）")
    assert normal_title("学前教育法") != normal_title("义务教育法")


def test_document_pages_show_cites_and_cited_by_with_links(archive):
    plan, _, _, citing = archive
    relations = Relations(list(archive))
    page = render(citing, relations)
    cites = page[page.index("## 引用 {#cites}") :]
    assert "- [《济南市教育局2014年工作要点》](370100-2014-work-points.md)（见 [1\\.总结《济南市教育局2…](#sec-1-item-1)）" in cites
    assert "- [《某市规划》](370100-2014-plan-7.md)（济发〔2014〕7号）" in cites
    assert "- 《济南市教育局2014年》〔原文标题不完整〕" in cites
    cited_by = render(plan, relations)
    assert "## 引用 {#cites}" not in cited_by
    assert "## 被引用 {#cited-by}\n\n本库中引用本文件的文件。\n\n- [济南市教育局2015年工作要点](370100-2015-work-points.md)" in cited_by
    assert "](370100-2015-work-points.md#sec-1-item-1)" in cited_by
    # Without relations (a single page) there is nothing after the text.
    assert "## 引用" not in render(citing)


def test_a_cited_title_from_web_text_is_escaped_on_the_page():
    doc = _doc("某市教育局2020年工作要点\n一、总体\n1.落实《<script>alert(1)</script>*规定*》。", "x")
    page = render(doc, Relations([doc]))
    assert "<script>" not in page and "&lt;script&gt;" in page and "\\*规定\\*" in page


def test_citations_page_lists_most_cited_first_and_links_held_ones(archive):
    other = _doc("济南市教育局2016年工作要点\n一、总体\n1.继续落实《义务教育法》。", "370100-2016-work-points")
    page = citation_pages([*archive, other])["citations/index.md"]
    rows = page.split("<tr>")[2:]
    assert "《义务教育法》" in rows[0] and "<td>2</td>" in rows[0]
    assert '<a href="../documents/370100-2014-work-points/">《济南市教育局2014年工作要点》</a>' in page
    assert '<a href="../documents/370100-2015-work-points/#sec-1-item-1">济南市教育局2015年工作要点</a>' in page
    assert "《济南市教育局2014年》〔标题不完整〕" in page
    assert "citations" in [listing.folder for listing in LISTINGS]


def test_citations_page_is_split_by_rank_past_the_page_size(archive, monkeypatch):
    from policy_archive.listings import grouping

    monkeypatch.setattr(grouping, "PAGE_ROWS", 2)
    pages = citation_pages(list(archive))
    assert sorted(pages) == ["citations/2.md", "citations/3.md", "citations/index.md"]
    assert "[第 2 页](2/)" in pages["citations/index.md"] and "<td>3</td>" in pages["citations/2.md"]


def test_a_law_cited_in_a_measure_that_implements_it_is_not_that_measure():
    national = _doc("某省义务教育条例\n第一条 根据《中华人民共和国义务教育法》，制定本条例。", "110000-2020-regulation")
    measure = _doc("北京市实施《中华人民共和国义务教育法》办法\n第一条 正文。", "110000-2019-measures")
    report = _doc("政府工作报告\n正文。", "130000-2020-report")
    citing = _doc("某市教育局2021年工作要点\n一、总体\n1.落实《政府工作报告》。", "130100-2021-work-points")
    relations = Relations([national, measure, report, citing])
    assert [r.held for r in relations.cites(national)] == [None]
    assert [r.held for r in relations.cites(citing)] == [None]  # a bare kind of title names no document


def test_a_rule_citing_its_own_title_does_not_cite_itself():
    doc = extracted("安徽省学前教育条例\n第一条 为了发展学前教育，制定《安徽省学前教育条例》。根据《中华人民共和国教育法》。")
    assert doc.citations == ("中华人民共和国教育法",)
