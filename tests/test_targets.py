"""Quantitative targets and responsible units, on made-up lines and on the seeds."""

import time
from dataclasses import replace
from pathlib import Path

import pytest

from policy_archive.document import Block
from policy_archive.extract.targets import Duty, Target, find_duties, find_targets, targets_in
from policy_archive.pipeline import convert_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    "text, indicator, number, value, unit, qualifier",
    [
        ("新改扩建中小学校28所，预计新增学位数4万个。", "学位数", "4万", 40000, "个", None),
        ("学前三年入园率达到97%以上。", "学前三年入园率", "97", 97, "%", "以上"),
        ("全年力争培训4000人以上。", None, "4000", 4000, "人", "以上"),
        ("“智慧校园”覆盖率达到85％。", "“智慧校园”覆盖率", "85", 85, "%", None),
        ("完成机电工程学校4,000平方米实训楼。", "实训楼", "4,000", 4000, "平方米", None),
    ],
)
def test_a_target_with_its_indicator_value_unit_and_phrase(text, indicator, number, value, unit, qualifier):
    found = [t for t in targets_in(text, "sec-1-item-2") if t.number == number]
    assert found == [Target(indicator, number, value, unit, qualifier, found[0].phrase, "sec-1-item-2")]
    assert found[0].phrase in text and number in found[0].phrase


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月30日召开会议。",
        "举办第24届全市中学生运动会。",
        "学校有1200名学生。",
        "按照“十四五”规划第3条执行。",
        "6月底前完成全员轮训。",
    ],
)
def test_years_dates_ordinals_and_bare_counts_are_not_targets(text):
    assert targets_in(text, None) == []


def test_targets_keep_the_anchor_of_the_item_they_stand_in():
    blocks = [Block("heading", "一、学前教育", "sec-1", 2), Block("paragraph", "普惠性幼儿园覆盖率达到85%。")]
    assert [(t.anchor, t.indicator) for t in find_targets(blocks)] == [("sec-1", "普惠性幼儿园覆盖率")]


def test_responsible_units_are_split_and_attached_to_the_task_they_close():
    blocks = [
        Block("item", "任务1：加强党的领导。", "sec-1-task-1", 1),
        Block("paragraph", "措施：（1）修订制度。（责任单位：人事科、机关党委）"),
        Block("item", "（2）制定方案。（牵头单位：基础教育科；配合单位：财务科，市教育科学研究院）", "sec-1-task-1-2", 2),
    ]
    assert find_duties(blocks) == (
        Duty("人事科", "责任单位", "任务1：加强党的领导。", "sec-1-task-1"),
        Duty("机关党委", "责任单位", "任务1：加强党的领导。", "sec-1-task-1"),
        Duty("基础教育科", "牵头单位", "任务1：加强党的领导。", "sec-1-task-1-2"),
        Duty("财务科", "配合单位", "任务1：加强党的领导。", "sec-1-task-1-2"),
        Duty("市教育科学研究院", "配合单位", "任务1：加强党的领导。", "sec-1-task-1-2"),
    )


def test_the_responsible_column_of_a_task_table():
    blocks = [
        Block("paragraph", "序号 | 公开事项 | 公开内容 | 责任科室 |"),
        Block("paragraph", "1 | 机构职能 | 机关职能、机构设置。 | 办公室 |"),
        Block("paragraph", "2 | 财政预决算 | 财政预算。 | 基建计划财务科、办公室 |"),
        Block("paragraph", "表后的说明（不是表格）。"),
    ]
    assert [(d.unit, d.role, d.task) for d in find_duties(blocks)] == [
        ("办公室", "责任科室", "机构职能"),
        ("基建计划财务科", "责任科室", "财政预决算"),
        ("办公室", "责任科室", "财政预决算"),
    ]


@pytest.fixture(scope="module")
def seeds():
    docs, _ = convert_all(SEEDS)
    return {d.source.file[:3]: d for d in docs}


def test_seed_003_has_26_tasks_each_with_its_responsible_units(seeds):
    duties = seeds["003"].duties
    tasks = {d.task for d in duties}
    assert len(tasks) == 26 and all(t.startswith("任务") for t in tasks)
    first = [(d.unit, d.anchor) for d in duties if d.task == "任务1：加强党的领导。"]
    assert first == [
        ("市委教育工作办秘书科", "sec-1-task-1-1"),
        ("机关党委", "sec-1-task-1-2"),
        ("人事科", "sec-1-task-1-3"),
        ("机关党委", "sec-1-task-1-3"),
    ]
    assert len(duties) == 45 and {d.role for d in duties} == {"责任单位"}


def test_seed_targets(seeds):
    training = [t for t in seeds["001"].targets if t.unit == "人"]
    assert [(t.indicator, t.number, t.qualifier, t.anchor) for t in training] == [(None, "4000", "以上", "sec-2-item-9")]
    places = [t for t in seeds["003"].targets if t.indicator == "学位数"]
    assert [(t.number, t.value, t.unit) for t in places] == [("4万", 40000, "个"), ("0.9万", 9000, "个")]
    percents = [(t.indicator, t.number, t.qualifier) for t in seeds["004"].targets if t.unit == "%"]
    assert percents[2:5] == [
        ("幼儿教师专科及以上学历", "90", "以上"),
        ("学前三年入园率", "97", "以上"),
        ("学生体质健康测试合格率", "90", "以上"),
    ]


def test_targets_page_per_year_with_place_topics_and_the_phrase_linked(seeds):
    from policy_archive.listings import LISTINGS
    from policy_archive.listings.targets import target_pages

    pages = target_pages(list(seeds.values()))
    topics_with_targets = {t for doc in seeds.values() if doc.targets for t in doc.metadata["topics"]}
    assert {p for p in pages if not p.startswith(("targets/topic-", "targets/place-"))} == {
        "targets/2008.md",
        "targets/2013.md",
        "targets/2019.md",
        "targets/2023.md",
        "targets/index.md",
    }
    provinces = {doc.metadata["region_code"][:2] + "0000" for doc in seeds.values() if doc.targets}
    assert {p for p in pages if p.startswith("targets/place-")} == {f"targets/place-{code}.md" for code in provinces}
    assert "## 按地区" in pages["targets/index.md"] and "新增学位数" in pages["targets/place-370000.md"]
    assert len([p for p in pages if p.startswith("targets/topic-")]) == len(topics_with_targets)
    assert "- [2023年](2023/)（" in pages["targets/index.md"] and "## 按主题" in pages["targets/index.md"]
    preschool = pages["targets/topic-preschool.md"]
    for doc in seeds.values():
        listed = f"documents/{doc.metadata['id']}/" in preschool
        assert listed == bool(doc.targets and "学前教育" in doc.metadata["topics"])
    row = '<td>学位数</td><td>4万个</td><td><a href="../../documents/370800-2023-notice-22/#sec-3-task-9-1">预计新增学位数4万个</a></td>'
    page = pages["targets/2023.md"]
    assert row in page
    # The document, its place and its topics head its rows once, not on every row.
    group = page.split('<tr class="archive-group">')[1:]
    jining = [g for g in group if "370800-2023-notice-22/" in g.split("</th>")[0]]
    assert len(jining) == 1 and "山东省 济宁市" in jining[0].split("</th>")[0] and row in jining[0]
    assert page.count("山东省 济宁市") == 1
    assert {"targets", "units"} <= {listing.folder for listing in LISTINGS}


def test_units_page_lists_each_unit_with_the_tasks_it_answers_for(seeds):
    from policy_archive.listings.units import unit_pages

    pages = unit_pages(list(seeds.values()))
    # Seed 003 (济宁, 2023) is the only task list: its units by province, by year and by each main topic.
    topics = [
        f"units/topic-{t}.md"
        for t in ("moral-ideological", "party-integrity", "reform-governance", "teachers")  # (at most four main topics)
    ]
    assert sorted(pages) == sorted(["units/370000.md", "units/year-2023.md", "units/index.md", *topics])
    for path in ("units/370000.md", "units/year-2023.md", "units/topic-teachers.md"):
        page = pages[path]
        assert "<tr><td>市教育科学研究院</td><td>济宁市教育局</td><td>13</td>" in page, path
        assert '<a href="../../documents/370800-2023-notice-22/#sec-1-task-1-2">任务1：加强党的领导。</a>' in page, path
    index = pages["units/index.md"]
    assert "- [山东省](370000/)（45 项）" in index and "- [2023年](year-2023/)（45 项）" in index
    assert "- [教师队伍与师德](topic-teachers/)（45 项）" in index


def test_targets_and_duties_on_the_document_page_are_escaped(seeds):
    from policy_archive.relations import Relations
    from policy_archive.render import render

    page = render(seeds["003"], Relations([seeds["003"]]))
    assert "| 学位数 | 4万个 | 预计新增学位数4万个 | [" in page
    assert "| 任务1：加强党的领导。 | [措施：（1）修订完善市委…](#sec-1-task-1-1) | 市委教育工作办秘书科 |" in page
    doc = replace(seeds["003"], duties=(Duty("<b>科</b>|x", "责任单位", "任务*1*", None),), targets=())
    page = render(doc, Relations([doc]))
    assert "&lt;b&gt;科&lt;/b&gt;\\|x" in page and "任务\\*1\\*" in page and "<b>" not in page


def test_a_year_with_more_targets_than_a_page_holds_is_split_by_province(seeds, monkeypatch):
    from policy_archive.listings import grouping
    from policy_archive.listings.targets import target_pages

    monkeypatch.setattr(grouping, "PAGE_ROWS", 5)
    pages = target_pages(list(seeds.values()))
    assert "targets/2023/370000.md" in pages and "- [山东省](370000/)（24 项）" in pages["targets/2023.md"]
    assert "预计新增学位数4万个" in pages["targets/2023/370000.md"] and "<table>" not in pages["targets/2023.md"]


def test_a_reports_numbers_are_shown_as_figures_not_targets():
    from helpers import extracted
    from policy_archive.relations import Relations
    from policy_archive.render import render

    report = extracted("某县教育局2022年工作总结\n一、基本情况\n1.学前三年毛入园率达到95%。")
    plan = extracted("某县教育局2023年工作要点\n一、学前教育\n1.学前三年毛入园率达到97%。")
    assert "## 文中数值 {#targets}" in render(report, Relations([])) and "## 量化目标" not in render(report, Relations([]))
    assert "## 量化目标 {#targets}" in render(plan, Relations([]))


def test_a_topics_targets_page_lists_the_targets_of_the_sections_on_that_topic():
    from helpers import extracted
    from policy_archive.listings.targets import target_pages

    plan = extracted(
        "某县教育局2023年工作要点\n"
        "一、推进学前教育普及普惠\n1.学前教育三年毛入园率达到97%以上，新建幼儿园5所。\n"
        "二、加强教师队伍建设\n1.加强师德师风建设，全年培训教师4000人以上。\n"
        "三、其他工作\n1.完成校舍维修面积2万平方米。\n"
    )
    assert {"学前教育", "教师队伍与师德"} <= set(plan.metadata["topics"])
    pages = target_pages([plan])
    preschool, teachers = pages["targets/topic-preschool.md"], pages["targets/topic-teachers.md"]
    assert "毛入园率达到97%以上" in preschool and "毛入园率" not in teachers
    assert "培训教师4000人以上" in teachers and "4000" not in preschool
    # A target in a section on none of the document's topics is on each of their pages.
    assert "维修面积2万平方米" in preschool and "维修面积2万平方米" in teachers
    assert all("毛入园率达到97%以上" in pages[p] for p in pages if p.startswith("targets/20"))


def test_the_topics_a_clause_speaks_of():
    from policy_archive.extract.topics import topics_in

    assert "学前教育" in topics_in("学前三年毛入园率达到97%以上") and "学前教育" in topics_in("新建幼儿园5所")
    assert "教师队伍与师德" in topics_in("师德师风考核合格率100%") and not topics_in("完成维修面积2万平方米")


# Lines on which the regular expressions once backtracked: 40 KB of digits took 80 s (quadratic), 24 times
# 达到 before a number took 7 s (exponential). Linear now, each well under a second; the bound is generous.
PATHOLOGICAL_LINES = {
    "a 40 KB run of digits": "1" * 40_000,
    "a 1 MB run of digits": "7" * 1_000_000,
    "a 1 MB run of digits and a percent sign": "7" * 1_000_000 + "%",
    "thousands separators without end": "1" + ",234" * 100_000,
    "a decimal point and 200 KB of digits": "1." + "2" * 200_000,
    "linking verbs that split two ways, then no number": "达到" * 100_000 + "x5%",
    "200 KB of one linking verb": "在" * 200_000 + "x5%",
    "an unclosed responsible unit": "（责任单位：" + "科" * 200_000,
    "a responsible unit's bracket over and over": "（责任单位：科、" * 50_000,
}


@pytest.mark.parametrize("line", PATHOLOGICAL_LINES.values(), ids=PATHOLOGICAL_LINES.keys())
def test_a_pathological_line_is_read_in_well_under_the_time_it_took(line):
    start = time.perf_counter()
    find_targets([Block("paragraph", line)])
    find_duties([Block("paragraph", line)])
    assert time.perf_counter() - start < 2


def test_a_number_is_read_whole_never_from_inside_a_run_of_digits():
    assert targets_in("编号12345678901234567890%。", None) == []  # (no target has twenty digits)
    assert [(t.number, t.value) for t in targets_in("投入资金1,234,567.5万元。", None)] == [("1,234,567.5万", 12345675000.0)]


def test_money_followed_by_the_next_clauses_verb_has_no_indicator():
    # (corpus 917: 投入680万元完成17所学校操场塑化改造)
    from helpers import extracted

    doc = extracted("2024年工作总结\n一、改善办学条件。投入680万元完成17所学校操场塑化改造，新建幼儿园3所。\n")
    found = {t.number: t.indicator for t in doc.targets}
    assert found["680万"] is None and found["17"] == "学校操场塑化改造"
