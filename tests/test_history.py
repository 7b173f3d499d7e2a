"""Issue 25, a document's time: history events, versions, status at a stated date, period plans. The lines are
real (tests/history/sources from LawRefBook/Laws, tests/corpus); a few small documents around them are made up."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import extracted
from policy_archive.extract.history import _ending_start, _strip_trailing, final_clause, read_history
from policy_archive.extract.periods import title_period, years_covered
from policy_archive.listings.stats import per_year
from policy_archive.listings.status import status_pages
from policy_archive.listings.years import year_pages
from policy_archive.pipeline import convert_all
from policy_archive.relations import Relations
from policy_archive.render import render
from policy_archive.validity import default_as_of, expiry, with_status
from policy_archive.versions import article_changes, find_versions

HISTORY = Path(__file__).parent / "history" / "sources"


def _events(*lines):
    return [(e.date, e.action, e.body) for e in read_history(list(lines))]


# --- history lines -------------------------------------------------------------------------------------


def test_an_amended_regulations_history_lines_are_its_events_with_body_and_instrument():
    events = read_history(
        [
            "1993年2月6日 上海市第九届人民代表大会常务委员会第四十一次会议通过",
            "1997年12月10日 上海市第十届人民代表大会常务委员会第四十次会议关于修改《上海市实施〈中华人民共和国义务教育法〉办法》的决定第一次修正",
            "2009年2月24日 上海市第十三届人民代表大会常务委员会第九次会议修订",
            "2024年9月27日 上海市第十六届人民代表大会常务委员会第十六次会议《关于修改〈上海市妇女权益保障条例〉等4件地方性法规的决定》第二次修正）",
        ]
    )
    assert [(e.date, e.action) for e in events] == [
        ("1993-02-06", "通过"),
        ("1997-12-10", "修正"),
        ("2009-02-24", "修订"),
        ("2024-09-27", "修正"),
    ]
    assert events[0].body == "上海市第九届人民代表大会常务委员会第四十一次会议"
    assert events[1].instrument == "关于修改《上海市实施〈中华人民共和国义务教育法〉办法》的决定"
    assert events[3].instrument == "《关于修改〈上海市妇女权益保障条例〉等4件地方性法规的决定》"


def test_a_line_holding_several_events_is_cut_at_each_date():
    assert _events(
        "2015年9月24日 山东省第十二届人民代表大会常务委员会第十六次会议批准2015年9月24日青岛市人民代表大会常务委员会公告公布"
    ) == [
        ("2015-09-24", "批准", "山东省第十二届人民代表大会常务委员会第十六次会议"),
        ("2015-09-24", "公布", "青岛市人民代表大会常务委员会"),
    ]
    line = "2013年6月2日 青岛市人民代表大会常务委员会公告公布施行根据2018年9月7日青岛市第十六届人民代表大会常务委员会第十一次会议《关于修改〈青岛市环境噪声管理规定〉等十九件地方性法规的决定》修正"
    assert [(d, a) for d, a, _ in _events(line)] == [("2013-06-02", "公布"), ("2013-06-02", "施行"), ("2018-09-07", "修正")]


def test_the_verb_a_piece_ends_with_is_its_action_not_the_one_inside():
    line = "2001年5月18日 北京市第十一届人民代表大会常务委员会第二十六次会议通过的《北京市专业技术人员继续教育规定修正案》修正"
    assert _events(line) == [("2001-05-18", "修正", "北京市第十一届人民代表大会常务委员会第二十六次会议")]


def test_a_promulgation_notice_gives_the_adoption_and_the_entry_into_force_not_its_own_date():
    line = "《安徽省学前教育条例》已经2014年3月28日安徽省第十二届人民代表大会常务委员会第十次会议通过，现予公布，自2014年6月1日起施行。"
    assert _events(line) == [("2014-03-28", "通过", "安徽省第十二届人民代表大会常务委员会第十次会议"), ("2014-06-01", "施行", None)]
    before = "《湖北省家庭教育促进条例》已由湖北省第十三届人民代表大会常务委员会第二十次会议于2021年1月22日通过，现予公布，自2021年5月1日起施行。"
    assert _events(before)[0] == ("2021-01-22", "通过", "湖北省第十三届人民代表大会常务委员会第二十次会议")
    revised = "《山东省未成年人保护条例》已于2023年7月26日经山东省第十四届人民代表大会常务委员会第四次会议修订通过，现将修订后的《山东省未成年人保护条例》公布，自2023年10月1日起施行。"
    assert [(d, a) for d, a, _ in _events(revised)] == [("2023-07-26", "修订"), ("2023-10-01", "施行")]


def test_the_final_article_states_the_entry_into_force():
    event = final_clause(["第五十一条 …", "第五十二条 本办法自2009年6月1日起施行。"])
    assert (event.date, event.action, event.where) == ("2009-06-01", "施行", "body")
    assert final_clause(["第三十八条 本法自公布之日起施行。"]) is None  # (no date stated)


def test_an_amended_regulation_keeps_its_first_adoption_as_date_written_and_its_last_amendment_as_version():
    text = (HISTORY / "02_shanghai_yiwu_jiaoyu_2024.md").read_text(encoding="utf-8")
    m = extracted(text).metadata
    assert (m["date_written"], m["date_version"], m["date_effective"]) == ("1993-02-06", "2024-09-27", "2009-06-01")
    assert [e["action"] for e in m["history"]] == ["通过", "修正", "修订", "施行", "修正"]  # (in the order they happened)


def test_a_long_history_line_taken_for_the_body_is_still_read():
    text = (
        "无锡市教育督导条例\n"
        "（2005年4月27日无锡市第十三届人民代表大会常务委员会第十六次会议通过　2005年5月26日江苏省第十届人民代表大会常务委员会第十六次会议批准"
        "　2023年12月28日无锡市第十七届人民代表大会常务委员会第十六次会议修订　2024年1月12日江苏省第十四届人民代表大会常务委员会第七次会议批准）\n"
        "目　　录\n第一章　总　　则\n第一条 为了加强教育督导，制定本条例。\n第三十条 本条例自2024年5月1日起施行。\n"
    )
    history = extracted(text).metadata["history"]
    assert [(e["date"], e["action"]) for e in history] == [
        ("2005-04-27", "通过"),
        ("2005-05-26", "批准"),
        ("2023-12-28", "修订"),
        ("2024-01-12", "批准"),
        ("2024-05-01", "施行"),
    ]


# --- periods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("黄南州“十四五”教育事业发展规划", (2021, 2025)),
        ("重庆市开州区人民政府关于印发重庆市开州区教育事业发展十四五”规划的通知", (2021, 2025)),
        ("乌鲁木齐市教育发展十一五规划", (2006, 2010)),
        ("市南区教育体育事业发展第十三个五年规划（2016—2020年）（初 稿）", (2016, 2020)),
        ("西安市基础教育提升三年行动计划（2019-2021年）", (2019, 2021)),
        ("黑龙江省人民政府办公厅关于印发黑龙江省中长期教育改革和发展规划纲要（2010-2020年）任务分工的通知", (2010, 2020)),
        ("济宁市兖州区人民政府办公室关于印发济宁市兖州区教育高质量发展三年行动计划的通知", None),  # (its years unstated)
        ("上海市教育委员会关于公布2016年至2017年通过验收的上海市一级幼儿园名单的通知", None),  # (no plan)
        ("县教育局过去五年及2016年工作总结", None),
        ("关于实施二十五条措施的通知", None),
    ],
)
def test_a_plans_title_gives_its_period(title, period):
    assert title_period(title) == period


def test_a_period_plan_counts_in_every_year_it_covers_and_a_single_year_document_in_its_year():
    plan = extracted("会昌县“十四五”教育科技体育事业发展规划\n一、发展基础\n1.学前教育普及。\n会昌县人民政府\n2022年12月13日\n")
    plan = replace(plan, metadata={**plan.metadata, "id": "360733-2022-program"})
    notice = extracted("会昌县教育局2024年工作要点\n一、总体\n1.学前教育。\n会昌县教育局\n2024年2月1日\n")
    notice = replace(notice, metadata={**notice.metadata, "id": "360733-2024-work-points"})
    assert (plan.metadata["period_start"], plan.metadata["period_end"]) == (2021, 2025)
    assert years_covered(plan.metadata) == [2021, 2022, 2023, 2024, 2025] and years_covered(notice.metadata) == [2024]
    pages = year_pages([plan, notice])
    assert "〔规划期 2021—2025〕" in pages["years/2023.md"] and "360733-2022-program" in pages["years/2024.md"]
    assert "360733-2024-work-points" in pages["years/2024.md"] and "360733-2024-work-points" not in pages["years/2023.md"]
    assert {b.label: b.value for b in per_year([plan, notice])} == {"2021年": 1, "2022年": 1, "2023年": 1, "2024年": 2, "2025年": 1}


# --- versions and status ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive():
    docs, _ = convert_all(HISTORY, cache_dir=None, workers=1)
    return docs


def _by_file(docs, name):
    return next(d for d in docs if d.source.file == name)


def test_versions_of_one_regulation_form_one_group_with_exactly_one_current(archive):
    groups = {g.key: [d.source.file for d in g.documents] for g in find_versions(archive)}
    assert groups["上海市实施中华人民共和国义务教育法办法"] == ["01_shanghai_yiwu_jiaoyu_2009.md", "02_shanghai_yiwu_jiaoyu_2024.md"]
    assert groups["中华人民共和国国防教育法"] == ["05_guofang_jiaoyu_fa_2018.md", "06_guofang_jiaoyu_fa_2024.md"]
    assert len(groups) == 4
    judged = with_status(archive)
    old, new = _by_file(judged, "01_shanghai_yiwu_jiaoyu_2009.md"), _by_file(judged, "02_shanghai_yiwu_jiaoyu_2024.md")
    assert old.metadata["versions"] == new.metadata["versions"] == [old.metadata["id"], new.metadata["id"]]
    assert old.metadata["current_version"] == new.metadata["current_version"] == new.metadata["id"]
    assert (old.metadata["status"], old.metadata["status_source"]) == ("已修改", new.metadata["id"])
    assert new.metadata["status"] == "现行有效" and new.metadata["status_basis"].startswith("自2009年6月1日起施行")


def test_a_version_without_history_lines_takes_issuer_and_first_adoption_from_its_group_marked_inferred(archive):
    old = _by_file(with_status(archive), "01_shanghai_yiwu_jiaoyu_2009.md")
    assert (old.metadata["issuer"], old.metadata["date_written"], old.metadata["year"]) == (
        "上海市人民代表大会常务委员会",
        "1993-02-06",
        2009,
    )
    assert {"issuer", "date_written", "year"} <= set(old.inferred)


def test_consecutive_versions_are_compared_article_by_article(archive):
    old, new = _by_file(archive, "05_guofang_jiaoyu_fa_2018.md"), _by_file(archive, "06_guofang_jiaoyu_fa_2024.md")
    changes = article_changes(old, new)
    kinds = {(c.before and c.before.number, c.after and c.after.number): c.kind for c in changes}
    # The 2024 revision's final article (第四十二条) is the 2018 text's 第三十八条 reworded, a date added.
    assert kinds[("第三十八条", "第四十二条")] == "reworded"
    assert sum(c.kind == "new" for c in changes) == 13 and sum(c.kind == "dropped" for c in changes) == 9
    page = render(_by_file(with_status(archive), "06_guofang_jiaoyu_fa_2024.md"), Relations(with_status(archive)))
    assert "## 历史版本 {#versions}" in page and "（现行）（本页）" in page and "新增 13 条，删除 9 条" in page
    assert "| 2024\\-09\\-13 | 修订 | 第十四届全国人民代表大会常务委员会第十一次会议 | — |" in page


def test_status_is_judged_at_the_stated_date(archive):
    before = _by_file(with_status(archive, "2024-09-15"), "06_guofang_jiaoyu_fa_2024.md")
    assert (before.metadata["status"], before.metadata["status_basis"], before.metadata["status_as_of"]) == (
        "尚未施行",
        "自2024年9月21日起施行",
        "2024-09-15",
    )
    # Before the 2024 amendment was made, the 2009 revision was the current version and the amended text not yet made.
    judged = with_status(archive, "2024-09-15")
    old, new = _by_file(judged, "01_shanghai_yiwu_jiaoyu_2009.md"), _by_file(judged, "02_shanghai_yiwu_jiaoyu_2024.md")
    assert (old.metadata["status"], new.metadata["status"]) == ("现行有效", "尚未施行")
    assert old.metadata["current_version"] == new.metadata["current_version"] == old.metadata["id"]
    # The default date is the latest the sources state as made (not an entry into force, not the clock).
    assert default_as_of(archive) == "2024-12-31"
    assert with_status(archive) == with_status(list(reversed(archive)))[::-1]


def test_a_held_document_a_later_one_repeals_is_repealed_with_the_sentence_and_a_link(archive):
    repealing = _by_file(archive, "14_qingdao_xueqian_jiaoyu.md")
    old = extracted(
        "青岛市托幼管理条例\n（1998年12月25日青岛市人民代表大会常务委员会公布）\n第一条 为了加强托幼管理，制定本条例。\n第三十条 本条例自1999年3月1日起施行。\n"
    )
    old = replace(old, metadata={**old.metadata, "id": "370200-1998-regulation"})
    judged = {d.metadata["id"]: d for d in with_status([repealing, old])}
    m = judged["370200-1998-regulation"].metadata
    assert (m["status"], m["status_source"]) == ("已废止", repealing.metadata["id"])
    assert "1998年12月25日青岛市人民代表大会常务委员会公布的《青岛市托幼管理条例》同时废止" in m["status_basis"]
    assert judged[repealing.metadata["id"]].metadata["status"] == "现行有效"
    listing = status_pages(list(judged.values()))["status/index.md"]
    assert "## 已废止（1）" in listing and "青岛市托幼管理条例" in listing


def test_a_term_passed_is_expired_and_a_term_of_something_granted_is_not_the_documents():
    text = "重庆市政策性粮食购销违法违规行为举报奖励实施细则\n第一条 为了鼓励举报，制定本实施细则。\n第十五条 本实施细则自发布之日起施行，有效期5年。\n"
    doc = extracted(text)
    doc = replace(doc, metadata={**doc.metadata, "id": "500000-2019-rules", "date_published": "2019-03-01"})
    assert expiry(doc) == ("2024-02-29", "第十五条 本实施细则自发布之日起施行，有效期5年")
    (judged,) = with_status([doc], "2024-12-31")
    assert judged.metadata["status"] == "已失效"
    (still,) = with_status([doc], "2023-12-31")
    assert (still.metadata["status"], still.metadata["status_basis"]) == (
        "现行有效",
        "第十五条 本实施细则自发布之日起施行，有效期5年（至2024年2月29日）；未见废止或更新的版本",
    )
    granted = extracted("关于公布普惠性民办幼儿园复评结果的通知\n各幼儿园：\n复评结果有效期三年。\n某县教育局\n2022年5月1日\n")
    assert expiry(granted) is None


def test_a_printed_validity_wins():
    doc = extracted("某市教育局关于印发某办法的通知\n各学校：\n现印发。\n第十条 本办法自2015年1月1日起施行。\n某市教育局\n2014年12月1日\n")
    doc = replace(doc, metadata={**doc.metadata, "id": "x-2014-notice", "validity": "失效"})
    (judged,) = with_status([doc], "2020-01-01")
    assert (judged.metadata["status"], judged.metadata["status_basis"]) == ("已失效", "原文所印有效性：失效")


def test_a_document_stating_nothing_of_its_force_gets_no_status():
    doc = extracted("济南市教育局2015年工作要点\n一、学前教育\n1.扩大普惠性幼儿园覆盖面。\n济南市教育局\n2015年2月18日\n")
    (judged,) = with_status([replace(doc, metadata={**doc.metadata, "id": "370100-2015-work-points"})])
    assert judged.metadata["status"] is None and judged.metadata["status_as_of"] is None


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_sources_and_date_give_the_same_docs_and_a_wrong_date_is_refused(tmp_path):
    from policy_archive.archive import BuildError, Settings, build_archive

    def build(folder, as_of=None):
        build_archive(Settings(sources=HISTORY, docs=tmp_path / folder, site=None, cache=None, workers=1, today="2026-01-01", as_of=as_of))
        return _tree(tmp_path / folder)

    first, second = build("a"), build("b")
    assert first == second
    assert "status: 现行有效\n" in first["documents/310000-1993-measures.md"].decode("utf-8")
    assert "各文件截至 2024-12-31 的效力" in first["status/index.md"].decode("utf-8")
    earlier = build("c", "2024-09-15")
    assert "status: 尚未施行\n" in earlier["documents/310000-1993-measures.md"].decode("utf-8")
    assert "各文件截至 2024-09-15 的效力" in earlier["status/index.md"].decode("utf-8")
    # The date is stated once, on the 效力 page: a page whose status did not change keeps its bytes.
    assert earlier["documents/110000-1986-measures.md"] == first["documents/110000-1986-measures.md"]
    with pytest.raises(BuildError, match="--as-of"):
        build("d", "2024-13-01")


def test_a_government_rules_order_and_chinese_numeral_dates_are_read():
    events = read_history(["（2005年9月23日福建省人民政府令第93号公布　自2006年1月1日起施行）"])
    assert [(e.date, e.action, e.body, e.instrument) for e in events] == [
        ("2005-09-23", "公布", "福建省人民政府", "福建省人民政府令第93号"),
        ("2006-01-01", "施行", None, None),
    ]
    assert _events("（二〇一九年九月二十七日浙江省第十三届人民代表大会常务委员会第十四次会议通过）") == [
        ("2019-09-27", "通过", "浙江省第十三届人民代表大会常务委员会第十四次会议")
    ]


def test_a_repeal_naming_the_document_number_is_resolved_by_it():
    repealing = extracted(
        "某市教育局关于印发某市中小学学籍管理办法的通知\n各学校：\n现印发。\n"
        "第三十条 本办法自2020年9月1日起施行，原《某市学籍管理暂行办法》（某教发〔2012〕5号）同时废止。\n某市教育局\n2020年8月1日\n"
    )
    repealing = replace(repealing, metadata={**repealing.metadata, "id": "x-2020-notice"})
    old = extracted("某市学籍管理办法（暂行）\n各学校：\n第一条 为加强学籍管理，制定本办法。\n某市教育局\n2012年3月1日\n")
    old = replace(old, metadata={**old.metadata, "id": "x-2012-notice", "doc_number": "某教发〔2012〕5号"})
    judged = {d.metadata["id"]: d for d in with_status([repealing, old], "2021-01-01")}
    assert (judged["x-2012-notice"].metadata["status"], judged["x-2012-notice"].metadata["status_source"]) == ("已废止", "x-2020-notice")
    # Before the repealing document took effect, the old one was not repealed.
    assert {d.metadata["id"]: d for d in with_status([repealing, old], "2020-08-15")}["x-2012-notice"].metadata["status"] != "已废止"


def test_a_body_before_its_date_and_a_footnote_mark_after_a_verb():
    line = "经深圳市第三届人民代表大会常务委员会第三十五次会议于2004年12月30日通过,广东省第十届人民代表大会常务委员会第十六次会议于2005年1月19日批准,现予公布,自2005年4月1日起施行。"
    assert _events(line) == [
        ("2004-12-30", "通过", "深圳市第三届人民代表大会常务委员会第三十五次会议"),
        ("2005-01-19", "批准", "广东省第十届人民代表大会常务委员会第十六次会议"),
        ("2005-04-01", "施行", None),
    ]
    noted = "(2010年12月17日黑龙江省第十一届人民代表大会常务委员会第二十二次会议通过[1]根据2018年6月28日黑龙江省第十三届人民代表大会常务委员会第四次会议《…决定》第三次修正)"
    assert [(d, a) for d, a, _ in _events(noted)] == [("2010-12-17", "通过"), ("2018-06-28", "修正")]


# --- the review of issue 25 ------------------------------------------------------------------------------


def _doc(text: str, doc_id: str, **fields):
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id, **fields})


def _repealed(repealing, old, as_of="2021-01-01"):
    return {d.metadata["id"]: d.metadata for d in with_status([repealing, old], as_of)}[old.metadata["id"]]


_OLD_RULES = "某市学籍管理办法\n第一条 为加强学籍管理，制定本办法。\n第二十条 本办法自2012年3月1日起施行。\n"
_AID_RULES = "某市学生资助管理办法\n第一条 为规范学生资助，制定本办法。\n第五条 资助对象为家庭经济困难学生。\n第二十条 本办法自2015年3月1日起施行。\n"


def _repealing(sentence: str):
    return _doc(
        f"某市中小学学籍管理规定\n第一条 为加强学籍管理，制定本规定。\n第三十条 {sentence}\n", "x-2020-rules", date_effective="2020-09-01"
    )


def test_a_repeal_takes_the_title_the_verb_follows_not_the_basis_cited_in_the_same_sentence():
    repealing = _repealing("本规定自2020年9月1日起施行。根据《某市学生资助管理办法》的规定，原《某市学籍管理办法》同时废止。")
    aid, old = _doc(_AID_RULES, "x-2015-aid"), _doc(_OLD_RULES, "x-2012-old")
    judged = {d.metadata["id"]: d.metadata for d in with_status([repealing, aid, old], "2021-01-01")}
    assert judged["x-2012-old"]["status"] == "已废止" and judged["x-2012-old"]["status_source"] == "x-2020-rules"
    assert judged["x-2015-aid"]["status"] == "现行有效"


@pytest.mark.parametrize(
    "sentence",
    [
        "本规定自2020年9月1日起施行，《某市学生资助管理办法》第五条同时废止。",  # (one article, not the whole)
        "本规定自2020年9月1日起施行。对违反《某市学生资助管理办法》的学校，停止执行其招生计划。",
    ],
)
def test_an_article_repealed_or_a_title_in_a_clause_of_its_own_is_not_the_whole_repealed(sentence):
    assert _repealed(_repealing(sentence), _doc(_AID_RULES, "x-2015-aid"))["status"] == "现行有效"


def test_titles_of_one_list_are_all_repealed():
    repealing = _repealing("本规定自2020年9月1日起施行，《某市学籍管理办法》和《某市学生资助管理办法》同时废止。")
    judged = {
        d.metadata["id"]: d.metadata["status"] for d in with_status([repealing, _doc(_OLD_RULES, "a"), _doc(_AID_RULES, "b")], "2021-01-01")
    }
    assert judged == {"x-2020-rules": "现行有效", "a": "已废止", "b": "已废止"}


def test_a_document_naming_itself_repealed_on_a_day_is_repealed_after_that_day():
    text = "某市学生资助管理办法\n第一条 为规范学生资助，制定本办法。\n第二十条 本办法自2015年3月1日起施行。\n第二十一条 《某市学生资助管理办法》自2021年1月1日起废止。\n"
    doc = _doc(text, "x-2015-aid")
    (after,) = with_status([doc], "2021-06-01")
    assert (after.metadata["status"], after.metadata["status_source"]) == ("已废止", None)
    assert "《某市学生资助管理办法》自2021年1月1日起废止" in after.metadata["status_basis"]
    (before,) = with_status([doc], "2020-06-01")
    assert before.metadata["status"] == "现行有效"


def test_a_text_made_after_the_date_is_not_in_force_then_whatever_its_kept_entry_into_force():
    text = (HISTORY / "02_shanghai_yiwu_jiaoyu_2024.md").read_text(encoding="utf-8")
    amended = _doc(text, "310000-1993-measures")
    (alone,) = with_status([amended], "2005-01-01")  # (its 施行 clause, 2009, is the 2009 revision's)
    assert (alone.metadata["status"], alone.metadata["status_basis"]) == ("尚未施行", "本版本2024年9月27日始成，晚于判断日期")


def test_no_version_made_by_the_date_means_no_current_version(archive):
    judged = with_status(archive, "2005-01-01")
    old, new = _by_file(judged, "01_shanghai_yiwu_jiaoyu_2009.md"), _by_file(judged, "02_shanghai_yiwu_jiaoyu_2024.md")
    assert old.metadata["current_version"] is None and new.metadata["current_version"] is None
    assert (old.metadata["status"], old.metadata["status_basis"]) == ("尚未施行", "自2009年6月1日起施行")
    assert new.metadata["status"] == "尚未施行"


def test_a_text_with_only_an_entry_into_force_has_no_version_date_and_says_so():
    plain = "北京市中小学校学籍管理规定\n第一条 为了加强学籍管理，制定本规定。\n第三十条 本规定自2001年9月1日起施行。\n"
    unknown = _doc(plain, "110000-2001-rules")
    assert unknown.metadata["date_version"] is None and unknown.metadata["date_effective"] == "2001-09-01"
    amended = _doc(
        "北京市中小学校学籍管理规定\n（2001年6月1日北京市第十一届人民代表大会常务委员会第二十七次会议通过　"
        "根据2018年3月30日北京市第十五届人民代表大会常务委员会第三次会议修正）\n"
        "第一条 为了加强学籍管理，制定本规定。\n第三十条 本规定自2001年9月1日起施行。\n",
        "110000-2018-rules",
    )
    judged = with_status([unknown, amended], "2024-12-31")
    page = render(judged[1], Relations(judged))
    assert "（2001\\-09\\-01 版）" not in page and "版本日期不明，所载施行日期 2001\\-09\\-01" in page
    assert "版本日期不明" in status_pages(judged)["status/index.md"]


def test_date_written_is_the_histories_first_adoption_not_a_notice_above_it():
    text = (
        "北京市专业技术人员继续教育规定\n"
        "北京市第十一届人民代表大会常务委员会第二十六次会议于2001年5月18日通过的《北京市专业技术人员继续教育规定修正案》，现予公布。\n"
        "（1995年6月8日北京市第十届人民代表大会常务委员会第十九次会议通过　根据2001年5月18日北京市第十一届人民代表大会常务委员会"
        "第二十六次会议通过的《北京市专业技术人员继续教育规定修正案》修正）\n"
        "第一条 为了促进专业技术人员继续教育，制定本规定。\n第二十条 本规定自1995年10月1日起施行。\n"
    )
    m = extracted(text).metadata
    assert (m["date_written"], m["date_version"]) == ("1995-06-08", "2001-05-18")


def test_an_impossible_date_in_a_history_line_is_warned_not_dropped_silently():
    doc = extracted(
        "某市教育督导条例\n（2023年13月45日某市第十七届人民代表大会常务委员会第十六次会议通过）\n"
        "第一条 为了加强教育督导，制定本条例。\n第三十条 本条例自2024年5月1日起施行。\n"
    )
    assert [e["action"] for e in doc.metadata["history"]] == ["施行"]
    assert any("2023年13月45日" in w and "not a calendar date" in w for w in doc.warnings)
    problems = []
    assert read_history(["（2023年2月30日某市人民代表大会常务委员会第五次会议修正）"], problems) == [] and len(problems) == 1


@pytest.mark.parametrize("run", ["通过" * 25000, "　" * 50000, "第二次修正" * 10000])
def test_a_very_long_line_is_read_in_linear_time(run):
    assert read_history(["2001年5月18日" + run + "甲"]) == []
    # (what finds a piece's verbs and what trails it are linear in themselves, whatever the guard above)
    assert _ending_start("某某会议" + run + "甲") is None and _strip_trailing("某某会议" + run + "甲").endswith("甲")
    if run.strip():
        assert _ending_start("某某会议" + run) == 4
    else:
        assert _strip_trailing("某某会议" + run) == "某某会议"


@pytest.mark.parametrize(
    ("sentence", "ends"),
    [
        ("第二十条 本办法自2016年3月1日起施行，有效期两年", "2018-02-28"),
        ("第二十条 本方案自2016年3月1日起施行，有效期为10年", "2026-02-28"),
    ],
)
def test_a_term_of_two_or_ten_years_counts_from_the_entry_into_force(sentence, ends):
    doc = _doc(
        f"某市教育局关于印发某办法的通知\n第一条 为规范管理，制定本办法。\n{sentence}。\n某市教育局\n2016年2月1日\n", "x-2016-notice"
    )
    assert doc.metadata["date_effective"] == "2016-03-01"
    assert expiry(doc) == (ends, sentence)


def test_a_term_without_a_start_date_gives_no_expiry():
    doc = _doc(
        "某市教育局关于印发某办法的通知\n第一条 为规范管理，制定本办法。\n第二十条 本办法有效期两年。\n某市教育局\n2016年2月1日\n",
        "x-2016-notice",
    )
    assert expiry(doc) is None


def test_a_printed_partly_void_stays_partly_void():
    doc = _doc(
        "某市教育局关于印发某办法的通知\n各学校：\n现印发。\n第十条 本办法自2015年1月1日起施行。\n某市教育局\n2014年12月1日\n",
        "x-2014-notice",
        validity="部分失效",
    )
    (judged,) = with_status([doc], "2020-01-01")
    assert (judged.metadata["status"], judged.metadata["status_basis"]) == ("部分失效", "原文所印有效性：部分失效")
    assert "## 部分失效（1）" in status_pages([judged])["status/index.md"]


def test_a_period_plan_counts_in_every_year_of_the_topic_heat_map():
    from policy_archive.listings.stats import topic_years

    plan = _doc("会昌县“十四五”教育事业发展规划\n一、学前教育\n1.学前教育普及。\n会昌县人民政府\n2022年12月13日\n", "360733-2022-program")
    plan = replace(plan, metadata={**plan.metadata, "topics": ["学前教育"]})
    heat = topic_years([plan])
    (row,) = [r for r in heat["rows"] if r["topic"].name == "学前教育"]
    assert heat["years"] == ["2021", "2022", "2023", "2024", "2025"] and [c["count"] for c in row["cells"]] == [1] * 5


def test_a_title_holding_a_markdown_link_is_no_link_in_the_built_html():
    import markdown

    from policy_archive.listings.series import series_pages

    title = "关于[点击](javascript:alert(1))的办法"
    text = "某市学籍管理办法\n（2001年6月1日某市人民代表大会常务委员会第二十七次会议通过）\n第一条 为了加强学籍管理，制定本办法。\n"
    a = _doc(text, "x-2001-rules", title=title)
    b = _doc(text.replace("2001年6月1日", "2018年3月30日"), "x-2018-rules", title=title)
    b = replace(
        b,
        metadata={
            **b.metadata,
            "history": [{"date": "2018-03-30", "action": "修订", "body": None, "instrument": None}],
            "date_version": "2018-03-30",
        },
    )
    listing = status_pages(with_status([a, b], "2024-12-31"))["status/index.md"]
    points = [
        _doc(
            f"某市教育局{year}年工作要点\n一、总体\n1.学前教育。\n某市教育局\n{year}年2月1日\n",
            f"370100-{year}-work-points",
            region_code="370100",
            issuer="某市教育局",
            title=f"关于[点击](javascript:alert(1))的{year}年工作要点",
        )
        for year in (2023, 2024)
    ]
    series = [page for path, page in series_pages(points).items() if path != "series/index.md"]
    assert "历史版本" in listing and series
    for page in [listing, *series]:
        html = markdown.markdown(page, extensions=["attr_list", "tables"])
        assert "javascript:" in html and 'href="javascript' not in html
