"""责任单位: every responsible unit (extract/targets.py's duties) with the tasks it answers for, by issuer: a
page per province, per year and per topic."""

from __future__ import annotations

from collections import defaultdict

from ..document import Document
from ..knowledge import topics
from .grouping import code_order, group, province_code, province_name, sort_key, year_key, year_label, year_order
from .templating import render

UNITS_INTRO = (
    "任务清单等文件中写明的责任单位（责任单位、牵头单位、配合单位、责任科室），按发文机关归并，链接到所负责的任务。"
    "可按地区（省份）、年份或主题（文件的主要主题）查看。"
)


def _unit_rows(docs: list[Document]) -> list:
    """(issuer, unit) with the (document, duty) pairs it answers for: by issuer, most tasks first."""
    units: dict[tuple, list] = defaultdict(list)
    for doc in sorted(docs, key=sort_key):
        for duty in doc.duties:
            units[(doc.metadata.get("issuer") or "", duty.unit)].append((doc, duty))
    return sorted(units.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))


def _unit_page(path: str, title: str, docs: list[Document]) -> str:
    return render(path, "units.md.j2", title=title, intro=UNITS_INTRO, sections=[], units=_unit_rows(docs))


def unit_pages(docs: list[Document]) -> dict[str, str]:
    """Every responsible unit with the tasks it answers for, by issuer: one page per province, per year
    and per topic, like the targets (a task list's units are many rows: one page each keeps them short)."""
    with_duties = [d for d in docs if d.duties]
    pages = {}
    by_place, years, by_topic = [], [], []
    for code, in_province in group(with_duties, province_code, code_order):
        path = f"units/{code}.md"
        by_place.append((path, province_name(code), sum(len(d.duties) for d in in_province)))
        pages[path] = _unit_page(path, f"责任单位：{province_name(code)}", in_province)
    for year, in_year in group(with_duties, year_key, year_order):
        path = f"units/year-{year}.md"
        years.append((path, year_label(year), sum(len(d.duties) for d in in_year)))
        pages[path] = _unit_page(path, f"责任单位：{year_label(year)}", in_year)
    for topic in topics()[0]:
        tagged = [d for d in with_duties if topic.name in (d.metadata.get("topics") or ())]
        if tagged:
            path = f"units/topic-{topic.slug}.md"
            by_topic.append((path, topic.name, sum(len(d.duties) for d in tagged)))
            pages[path] = _unit_page(path, f"责任单位：{topic.name}", tagged)
    sections = [("按地区（省份）", by_place), ("按年份", years), ("按主题（文件的主要主题）", by_topic)]
    pages["units/index.md"] = render("units/index.md", "units.md.j2", title="责任单位", intro=UNITS_INTRO, sections=sections, units=[])
    return pages
