"""量化目标: every quantitative target (extract/targets.py) with its document's place and topics: a page per
year (split by province when long), per topic and per province (split by year when long)."""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from markupsafe import Markup, escape

from ..document import Document
from ..extract.topics import section_of, topics_in
from ..knowledge import topics
from ..pages import html_cell
from .grouping import (
    BY_PROVINCE,
    BY_YEAR,
    Split,
    code_order,
    fits_one_page,
    group,
    province_code,
    province_name,
    sort_key,
    year_key,
    year_label,
    year_order,
)
from .templating import doc_link, place, render

TARGETS_INTRO = (
    "各文件正文中写有数值的目标（如新增学位数4万个、入园率达到97%以上），照原文摘录，链接到所在条目；总结、报告中的数值是已达到的情况。"
    "按年份、主题或地区分页，表中列出文件的地区与主题；主题页列出文件中论及该主题的部分（如“一、学前教育”）里的目标。"
)


@jinja2.pass_context
def target_table(context, rows_in) -> Markup:
    """The targets table of targets.md.j2, built in Python (a listing of targets has thousands of rows).

    A document's targets are one row group headed by the document, its place and its topics, said once:
    repeated on every row they were three quarters of the listing's bytes (a report has dozens of figures)."""
    page = context["page_path"]
    parts = ["<table>\n<thead>\n<tr><th>指标</th><th>数值</th><th>原文</th></tr>\n</thead>\n"]
    for doc, targets in _by_document(rows_in):
        m = doc.metadata
        facts = " · ".join(escape(f) for f in (place(doc), "、".join(m.get("topics") or [])) if f and f != "—")
        head = doc_link(page, doc, m.get("title") or m["id"]) + (
            Markup(f'<span class="archive-group__facts">{facts}</span>') if facts else ""
        )
        parts.append(f'<tbody>\n<tr class="archive-group"><th colspan="3" scope="rowgroup">{head}</th></tr>\n')
        for t in targets:
            value = escape(f"{t.number}{t.unit or ''}{t.qualifier or ''}")
            parts.append(f"<tr><td>{html_cell(t.indicator)}</td><td>{value}</td><td>{doc_link(page, doc, t.phrase, t.anchor)}</td></tr>\n")
        parts.append("</tbody>\n")
    parts.append("</table>\n\n")
    return Markup("".join(parts))


def _by_document(rows_in) -> list[tuple[Document, list]]:
    """(document, its targets) in the order of the rows, which come document by document."""
    groups: list[tuple[Document, list]] = []
    for doc, target in rows_in:
        if not groups or groups[-1][0] is not doc:
            groups.append((doc, []))
        groups[-1][1].append(target)
    return groups


def _page(path: str, title: str, sections: list, rows_in: list) -> str:
    """A page of targets.md.j2: `sections` of links to other pages, or the table of `rows_in`."""
    return render(path, "targets.md.j2", title=title, intro=TARGETS_INTRO, sections=sections, rows_in=rows_in, target_table=target_table)


def _all_targets(doc: Document) -> tuple:
    return doc.targets


def _target_rows(docs: list[Document], targets_of: Callable[[Document], tuple] = _all_targets) -> list[tuple]:
    return [(doc, t) for doc in sorted(docs, key=sort_key) for t in targets_of(doc)]


def _topic_targets(topic: str) -> Callable[[Document], tuple]:
    """A document's targets that belong on the page of one of its main topics: those whose clause speaks
    of it (学前三年毛入园率 under 学前教育, not under every topic of the report); for a clause that speaks of
    none of them, those of the sections that do; a target placed by neither stands under each main
    topic, so that every target of a tagged document is on some topic page."""

    def belongs(target, main: tuple, sections: dict) -> bool:
        named = topics_in(target.phrase) & set(main)
        if named:
            return topic in named
        section = section_of(target.anchor)
        held = [name for name in main if section in sections.get(name, ())]
        return topic in held or not held

    def chosen(doc: Document) -> tuple:
        main = tuple(doc.metadata.get("topics") or ())
        if topic not in main:
            return ()
        sections = {name: set(doc.topic_sections.get(name) or ()) for name in main}
        return tuple(t for t in doc.targets if belongs(t, main, sections))

    # A listing asks for a document's targets several times (to keep it, count it, list it): chosen once.
    by_document: dict[int, tuple] = {}

    def targets_of(doc: Document) -> tuple:
        if id(doc) not in by_document:
            by_document[id(doc)] = chosen(doc)
        return by_document[id(doc)]

    return targets_of


def _target_listing(
    base: str, title: str, docs: list[Document], split: Split, targets_of: Callable[[Document], tuple] = _all_targets
) -> dict[str, str]:
    """The targets of `docs` (`targets_of` each: none empty) on one page at `base`.md; past PAGE_ROWS
    targets, a page of links to one page per group of `split` under `base`/."""
    rows = _target_rows(docs, targets_of)
    if fits_one_page(len(rows)):
        return {f"{base}.md": _page(f"{base}.md", title, [], rows)}
    pages, groups = {}, []
    for key, in_group in group(docs, split.key, split.order):
        label, path = split.label(key, in_group), f"{base}/{key}.md"
        groups.append((path, label, sum(len(targets_of(d)) for d in in_group)))
        pages[path] = _page(path, f"{title} {label}", [], _target_rows(in_group, targets_of))
    pages[f"{base}.md"] = _page(f"{base}.md", title, [(None, groups)], [])
    return pages


def target_pages(docs: list[Document]) -> dict[str, str]:
    """Every quantitative target with its document's place and topics: one page per year (split by
    province when long), one per topic and one per province (split by year when long)."""
    with_targets = [d for d in docs if d.targets]
    pages = {}
    years, by_topic = [], []
    for year, in_year in group(with_targets, year_key, year_order):
        years.append((f"targets/{year}.md", year_label(year), sum(len(d.targets) for d in in_year)))
        pages.update(_target_listing(f"targets/{year}", f"量化目标：{year_label(year)}", in_year, BY_PROVINCE))
    for topic in topics()[0]:
        targets_of = _topic_targets(topic.name)
        tagged = [d for d in with_targets if targets_of(d)]  # (none for a document without the topic)
        if tagged:
            by_topic.append((f"targets/topic-{topic.slug}.md", topic.name, sum(len(targets_of(d)) for d in tagged)))
            pages.update(_target_listing(f"targets/topic-{topic.slug}", f"量化目标：{topic.name}", tagged, BY_YEAR, targets_of))
    by_place = []
    for code, in_province in group(with_targets, province_code, code_order):
        by_place.append((f"targets/place-{code}.md", province_name(code), sum(len(d.targets) for d in in_province)))
        pages.update(_target_listing(f"targets/place-{code}", f"量化目标：{province_name(code)}", in_province, BY_YEAR))
    sections = [("按年份", years), ("按主题（文件的主要主题）", by_topic), ("按地区（省份）", by_place)]
    pages["targets/index.md"] = _page("targets/index.md", "量化目标", sections, [])
    return pages
