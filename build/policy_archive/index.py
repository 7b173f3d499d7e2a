"""Stage 5, index: the pages that list and relate all documents.

Every listing is one entry of `LISTINGS`: its folder of docs/, its label in the navigation, the
function that groups the documents and the templates that write its pages (templates/). The
generated folders, the site's navigation and the MkDocs hooks' list of generated pages all derive
from it. Every builder is pure: documents in, {path relative to docs/: file content} out. Lists are
split by year, province or city so that no page grows with the whole archive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from .changes import REWORDED, compare
from .document import Document
from .extract.topics import section_of, topics_in
from .knowledge import regions, topics
from .pages import environment, html_cell, relative_url, render_page
from .relations import Relations
from .schema import LABELS
from .series import SeriesIndex

UNKNOWN = "unknown"

# A list longer than this is split into one page per year, province or city: a page of thousands of rows
# is slow to build and to open. Each page also costs its furniture, so lists are not split sooner.
PAGE_ROWS = 1000


# --- what the templates need -------------------------------------------------------------------------


def _sort_key(doc: Document):
    m = doc.metadata
    return (-(m.get("year") or 0), m.get("region_code") or "", m.get("date_written") or m.get("date_published") or "", m["id"])


def _place(doc: Document) -> str:
    m = doc.metadata
    return " ".join(p for p in (m.get("province"), m.get("city"), m.get("county")) if p) or "—"


def _doc_path(doc: Document) -> str:
    return f"documents/{doc.metadata['id']}.md"


_SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)")


def _section_label(doc: Document, anchor: str) -> str:
    """The section's own number (三, 第二部分) for a link to it; the anchor when it has none."""
    block = next((b for b in doc.blocks if b.anchor == anchor), None)
    match = _SECTION_NUMBER.match(block.text) if block else None
    return match.group(0) if match else anchor


@jinja2.pass_context
def _section_links(context, doc: Document, anchors, whole: str) -> Markup:
    """Links to the given sections of `doc` (its number, 三 or 第二部分; `whole` for "top"), space-separated.
    In Python: the cross-reference table has a cell per document and topic."""
    links = []
    for anchor in anchors:
        text, target = (whole, None) if anchor == "top" else (_section_label(doc, anchor), anchor)
        links.append(_a(context["page_path"], doc, text, target))
    return Markup(" ".join(links))


def _a(page_path: str, doc: Document, text: str, anchor: str | None = None) -> Markup:
    """macros.j2's a(): a link to `doc` (and its item) from the page at `page_path`, text escaped."""
    return Markup(f'<a href="{escape(relative_url(page_path, _doc_path(doc), anchor))}">{escape(text)}</a>')


@jinja2.pass_context
def _target_table(context, rows_in) -> Markup:
    """The targets table of targets.md.j2, built in Python (a listing of targets has thousands of rows).

    A document's targets are one row group headed by the document, its place and its topics, said once:
    repeated on every row they were three quarters of the listing's bytes (a report has dozens of figures)."""
    page = context["page_path"]
    parts = ["<table>\n<thead>\n<tr><th>指标</th><th>数值</th><th>原文</th></tr>\n</thead>\n"]
    for doc, targets in _by_document(rows_in):
        m = doc.metadata
        facts = " · ".join(escape(f) for f in (_place(doc), "、".join(m.get("topics") or [])) if f and f != "—")
        head = _a(page, doc, m.get("title") or m["id"]) + (Markup(f'<span class="archive-group__facts">{facts}</span>') if facts else "")
        parts.append(f'<tbody>\n<tr class="archive-group"><th colspan="3" scope="rowgroup">{head}</th></tr>\n')
        for t in targets:
            value = escape(f"{t.number}{t.unit or ''}{t.qualifier or ''}")
            parts.append(f"<tr><td>{html_cell(t.indicator)}</td><td>{value}</td><td>{_a(page, doc, t.phrase, t.anchor)}</td></tr>\n")
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


def _short_labels(docs: list[Document]) -> dict[str, str]:
    """A short name for each document in a wide table: its most specific place and its type (济宁市·通知)."""
    labels = {}
    for doc in docs:
        m = doc.metadata
        labels[m["id"]] = f"{m.get('county') or m.get('city') or m.get('province') or '地区不明'}·{m.get('doc_type') or '文件'}"
    counts: dict[str, int] = defaultdict(int)
    for label in labels.values():
        counts[label] += 1
    return {doc_id: label if counts[label] == 1 else f"{label}（{doc_id}）" for doc_id, label in labels.items()}


def _city_name(doc: Document) -> str:
    return doc.metadata.get("city") or "（市级不明）"


def _group(docs: list[Document], key: Callable[[Document], str], order=None) -> list[tuple[str, list[Document]]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[key(doc)].append(doc)
    return [(k, groups[k]) for k in sorted(groups, key=order)]


def _by_city(docs):
    return _group(docs, _city_name, lambda c: (c.startswith("（"), c))


def _by_issuer(docs):
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for issuer in _issuer_names(doc) or ["（发文机关不明）"]:
            groups[issuer].append(doc)
    return [(k, groups[k]) for k in sorted(groups, key=lambda k: (k.startswith("（"), -len(groups[k]), k))]


def _by_county(docs):
    return _group(docs, lambda d: d.metadata.get("county") or "")


def _configure_environment() -> None:
    env = environment()
    if "sort_docs" in env.filters:
        return
    env.filters.update(
        sort_docs=lambda docs: sorted(docs, key=_sort_key),
        place=_place,
        short_labels=_short_labels,
        group_by_city=_by_city,
        group_by_county=_by_county,
        group_by_issuer=_by_issuer,
    )
    env.globals.update(
        doc_path=_doc_path,
        section_label=_section_label,
        section_links=_section_links,
        target_table=_target_table,
        labels=LABELS,
        topic_vocabulary=topics()[0],
    )


def _render(path: str, template: str, **context) -> str:
    _configure_environment()
    return render_page(path, template, **context)


# --- how long lists are split ------------------------------------------------------------------------


def _year_key(doc: Document) -> str:
    return str(doc.metadata.get("year") or UNKNOWN)


def _year_label(year: str) -> str:
    return "年度不明" if year == UNKNOWN else f"{year}年"


def _year_order(year: str):
    return (year == UNKNOWN, -int(year) if year != UNKNOWN else 0)


def _province_code(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:2]}0000" if code else UNKNOWN


def _province_name(code: str) -> str:
    table = regions()
    return table[code].name if code in table else "地区不明"


def _city_key(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:4]}00" if code and code[2:] != "0000" else UNKNOWN


def _code_order(code: str):
    return (code == UNKNOWN, code)


@dataclass(frozen=True)
class Split:
    """How a long list is split: the key of a document, the label of a group, the order of keys, a noun."""

    key: Callable[[Document], str]
    label: Callable[[str, list[Document]], str]
    order: Callable[[str], object]
    noun: str


BY_YEAR = Split(_year_key, lambda key, group: _year_label(key), _year_order, "年度")
BY_PROVINCE = Split(_province_code, lambda key, group: _province_name(key), _code_order, "省份")
BY_CITY = Split(_city_key, lambda key, group: _city_name(group[0]), _code_order, "城市")


def _listing(base: str, title: str, docs: list[Document], split: Split, **context) -> dict[str, str]:
    """One page at `base`.md listing `docs` (templates/list.md.j2); past PAGE_ROWS, a page of links to
    one page per group under `base`/."""
    context.setdefault("topic", None)
    if len(docs) <= PAGE_ROWS:
        return {f"{base}.md": _render(f"{base}.md", "list.md.j2", title=title, docs=docs, total=None, **context)}
    pages = {}
    groups = []
    for key, group in _group(docs, split.key, split.order):
        label = split.label(key, group)
        groups.append((key, label, len(group)))
        path = f"{base}/{key}.md"
        pages[path] = _render(path, "list.md.j2", title=f"{title}：{label}", docs=group, total=None, **context)
    folder = base.rsplit("/", 1)[-1]
    pages[f"{base}.md"] = _render(
        f"{base}.md", "list.md.j2", title=title, docs=docs, total=len(docs), noun=split.noun, groups=groups, folder=folder, **context
    )
    return pages


# --- the listings ------------------------------------------------------------------------------------


def year_pages(docs: list[Document]) -> dict[str, str]:
    pages = {}
    groups = []
    for year, group in _group(docs, _year_key, _year_order):
        groups.append((year, _year_label(year), len(group)))
        pages.update(_listing(f"years/{year}", _year_label(year), group, BY_PROVINCE, table="documents", intro=None))
    pages["years/index.md"] = _render("years/index.md", "years-index.md.j2", groups=groups)
    return pages


def place_pages(docs: list[Document]) -> dict[str, str]:
    pages = {}
    provinces = []
    for code, group in _group(docs, _province_code, _code_order):
        name = _province_name(code)
        cities = [
            {"name": city, "count": len(in_city), "counties": sorted({d.metadata["county"] for d in in_city if d.metadata.get("county")})}
            for city, in_city in _by_city(group)
        ]
        provinces.append({"code": code, "name": name, "count": len(group), "cities": cities})
        pages.update(_listing(f"places/{code}", name, group, BY_CITY, table="places", intro=None))
    pages["places/index.md"] = _render("places/index.md", "places-index.md.j2", provinces=provinces)
    return pages


def topic_pages(docs: list[Document]) -> dict[str, str]:
    vocabulary, _ = topics()
    pages = {}
    groups = []
    for topic in vocabulary:
        tagged = [d for d in docs if topic.name in (d.metadata.get("topics") or ())]
        groups.append((topic, len(tagged)))
        terms = environment().filters["md"]("、".join(topic.terms))
        intro = f"依据词语：{terms}。按词语在标题、章节标题和各章节中所占的分量，选出每个文件的主要主题（至多六个）；只是顺带提及的不计。"
        pages.update(_listing(f"topics/{topic.slug}", topic.name, tagged, BY_YEAR, table="topic", topic=topic, intro=intro))
    pages["topics/index.md"] = _render("topics/index.md", "topics-index.md.j2", groups=groups)
    return pages


def xref_pages(docs: list[Document]) -> dict[str, str]:
    """Documents × topics, each cell linking to the sections that treat the topic; and citations (《…》)."""
    cites = Relations(docs).cites
    pages = {}
    groups = []
    for year, group in _group(docs, _year_key, _year_order):
        groups.append((year, _year_label(year), len(group)))
        pages.update(_listing(f"xref/{year}", f"交叉引用：{_year_label(year)}", group, BY_PROVINCE, table="xref", intro=None, cites=cites))
    pages["xref/index.md"] = _render("xref/index.md", "xref-index.md.j2", groups=groups)
    return pages


def _issuer_names(doc: Document) -> list[str]:
    return (doc.metadata.get("issuer") or "").split()


def issuer_pages(docs: list[Document]) -> dict[str, str]:
    """Each issuing authority with its documents, newest first; one page per province."""
    pages = {}
    provinces = []
    for code, group in _group(docs, _province_code, _code_order):
        name = _province_name(code)
        counts: dict[str, int] = defaultdict(int)
        for doc in group:
            for issuer in _issuer_names(doc) or ["（发文机关不明）"]:
                counts[issuer] += 1
        provinces.append(
            {"code": code, "name": name, "count": len(group), "issuers": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
        )
        pages.update(_listing(f"issuers/{code}", f"发文机关：{name}", group, BY_CITY, table="issuers", intro=None))
    pages["issuers/index.md"] = _render("issuers/index.md", "issuers-index.md.j2", provinces=provinces)
    return pages


# A title cited by very many documents lists this many of them; the rest are counted (every one is in
# the open data and on the cited document's page).
CITING_SHOWN = 50


def citation_pages(docs: list[Document]) -> dict[str, str]:
    """Every cited title with the documents citing it, most cited first; held ones linked. Past PAGE_ROWS
    titles, one page per PAGE_ROWS by rank."""
    titles = Relations(docs).cited_titles()
    chunks = [titles[i : i + PAGE_ROWS] for i in range(0, len(titles), PAGE_ROWS)] or [[]]
    paths = ["citations/index.md", *(f"citations/{n}.md" for n in range(2, len(chunks) + 1))]
    pages = {}
    for n, (path, chunk) in enumerate(zip(paths, chunks)):
        pages[path] = _render(
            path,
            "citations-index.md.j2",
            titles=chunk,
            first_rank=n * PAGE_ROWS + 1,
            total=len(titles),
            citing=sum(1 for d in docs if d.cited),
            resolved=sum(1 for t in titles if t.held),
            pages=list(enumerate(paths, 1)) if len(paths) > 1 else [],
            shown=CITING_SHOWN,
        )
    return pages


def series_pages(docs: list[Document]) -> dict[str, str]:
    """Every series, a page for each with its documents oldest first and what changed from one to the next."""
    series = SeriesIndex(docs).series
    pages = {"series/index.md": _render("series/index.md", "series-index.md.j2", series=series)}
    for s in series:
        # What changed from one year to the next is on the series page itself: a page per pair cost a
        # whole page of the theme's furniture (and MkDocs' time) for a few rows.
        comparisons = [compare(before, after) for before, after in zip(s.documents, s.documents[1:])]
        pages[f"series/{s.slug}.md"] = _render(f"series/{s.slug}.md", "series.md.j2", series=s, comparisons=comparisons, reworded=REWORDED)
    return pages


TARGETS_INTRO = (
    "各文件正文中写有数值的目标（如新增学位数4万个、入园率达到97%以上），照原文摘录，链接到所在条目；总结、报告中的数值是已达到的情况。"
    "按年份、主题或地区分页，表中列出文件的地区与主题；主题页列出文件中论及该主题的部分（如“一、学前教育”）里的目标。"
)


def _all_targets(doc: Document) -> tuple:
    return doc.targets


def _target_rows(docs: list[Document], targets_of: Callable[[Document], tuple] = _all_targets) -> list[tuple]:
    return [(doc, t) for doc in sorted(docs, key=_sort_key) for t in targets_of(doc)]


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
    if len(rows) <= PAGE_ROWS:
        return {f"{base}.md": _render(f"{base}.md", "targets.md.j2", title=title, intro=TARGETS_INTRO, sections=[], rows_in=rows)}
    pages, groups = {}, []
    for key, group in _group(docs, split.key, split.order):
        label, path = split.label(key, group), f"{base}/{key}.md"
        groups.append((path, label, sum(len(targets_of(d)) for d in group)))
        pages[path] = _render(
            path, "targets.md.j2", title=f"{title} {label}", intro=TARGETS_INTRO, sections=[], rows_in=_target_rows(group, targets_of)
        )
    pages[f"{base}.md"] = _render(f"{base}.md", "targets.md.j2", title=title, intro=TARGETS_INTRO, sections=[(None, groups)], rows_in=[])
    return pages


def target_pages(docs: list[Document]) -> dict[str, str]:
    """Every quantitative target with its document's place and topics: one page per year (split by
    province when long), one per topic and one per province (split by year when long)."""
    with_targets = [d for d in docs if d.targets]
    pages = {}
    years, by_topic = [], []
    for year, group in _group(with_targets, _year_key, _year_order):
        years.append((f"targets/{year}.md", _year_label(year), sum(len(d.targets) for d in group)))
        pages.update(_target_listing(f"targets/{year}", f"量化目标：{_year_label(year)}", group, BY_PROVINCE))
    for topic in topics()[0]:
        targets_of = _topic_targets(topic.name)
        tagged = [d for d in with_targets if targets_of(d)]  # (none for a document without the topic)
        if tagged:
            by_topic.append((f"targets/topic-{topic.slug}.md", topic.name, sum(len(targets_of(d)) for d in tagged)))
            pages.update(_target_listing(f"targets/topic-{topic.slug}", f"量化目标：{topic.name}", tagged, BY_YEAR, targets_of))
    by_place = []
    for code, group in _group(with_targets, _province_code, _code_order):
        by_place.append((f"targets/place-{code}.md", _province_name(code), sum(len(d.targets) for d in group)))
        pages.update(_target_listing(f"targets/place-{code}", f"量化目标：{_province_name(code)}", group, BY_YEAR))
    sections = [("按年份", years), ("按主题（文件的主要主题）", by_topic), ("按地区（省份）", by_place)]
    pages["targets/index.md"] = _render(
        "targets/index.md", "targets.md.j2", title="量化目标", intro=TARGETS_INTRO, sections=sections, rows_in=[]
    )
    return pages


UNITS_INTRO = (
    "任务清单等文件中写明的责任单位（责任单位、牵头单位、配合单位、责任科室），按发文机关归并，链接到所负责的任务。"
    "可按地区（省份）、年份或主题（文件的主要主题）查看。"
)


def _unit_rows(docs: list[Document]) -> list:
    """(issuer, unit) with the (document, duty) pairs it answers for: by issuer, most tasks first."""
    units: dict[tuple, list] = defaultdict(list)
    for doc in sorted(docs, key=_sort_key):
        for duty in doc.duties:
            units[(doc.metadata.get("issuer") or "", duty.unit)].append((doc, duty))
    return sorted(units.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))


def _unit_page(path: str, title: str, docs: list[Document]) -> str:
    return _render(path, "units.md.j2", title=title, intro=UNITS_INTRO, sections=[], units=_unit_rows(docs))


def unit_pages(docs: list[Document]) -> dict[str, str]:
    """Every responsible unit with the tasks it answers for, by issuer: one page per province, per year
    and per topic, like the targets (a task list's units are many rows: one page each keeps them short)."""
    with_duties = [d for d in docs if d.duties]
    pages = {}
    by_place, years, by_topic = [], [], []
    for code, group in _group(with_duties, _province_code, _code_order):
        path = f"units/{code}.md"
        by_place.append((path, _province_name(code), sum(len(d.duties) for d in group)))
        pages[path] = _unit_page(path, f"责任单位：{_province_name(code)}", group)
    for year, group in _group(with_duties, _year_key, _year_order):
        path = f"units/year-{year}.md"
        years.append((path, _year_label(year), sum(len(d.duties) for d in group)))
        pages[path] = _unit_page(path, f"责任单位：{_year_label(year)}", group)
    for topic in topics()[0]:
        tagged = [d for d in with_duties if topic.name in (d.metadata.get("topics") or ())]
        if tagged:
            path = f"units/topic-{topic.slug}.md"
            by_topic.append((path, topic.name, sum(len(d.duties) for d in tagged)))
            pages[path] = _unit_page(path, f"责任单位：{topic.name}", tagged)
    sections = [("按地区（省份）", by_place), ("按年份", years), ("按主题（文件的主要主题）", by_topic)]
    pages["units/index.md"] = _render("units/index.md", "units.md.j2", title="责任单位", intro=UNITS_INTRO, sections=sections, units=[])
    return pages


def stats_pages(docs: list[Document]) -> dict[str, str]:
    """Charts of the archive (stats.py): documents per year and per province, topic × year, most cited."""
    from . import stats

    context = {
        "count": len(docs),
        "per_year": stats.per_year(docs),
        "per_province": stats.per_province(docs),
        "province_map": stats.province_map(docs),
        "heatmap": stats.topic_years(docs),
        "most_cited": stats.most_cited(docs),
        "bar_chart": stats.bar_chart,
    }
    return {"stats/index.md": _render("stats/index.md", "stats.md.j2", **context)}


@dataclass(frozen=True)
class Listing:
    """One kind of listing page: docs/`folder`/ is generated by `build` and reached from the navigation."""

    folder: str
    nav_label: str
    build: Callable[[list[Document]], dict[str, str]]
    blurb: str = ""  # what the home page says of it


LISTINGS: tuple[Listing, ...] = (
    Listing("years", "按年份", year_pages),
    Listing("places", "按地区", place_pages),
    Listing("topics", "按主题", topic_pages),
    Listing("issuers", "按发文机关", issuer_pages, "各发文机关的文件，便于追踪同一机关历年的部署"),
    Listing("xref", "交叉引用", xref_pages, "文件 × 主题矩阵，文件之间的引用"),
    Listing("citations", "引用", citation_pages, "被引用的文件，按被引次数排列，本库收有的可直接打开"),
    Listing("series", "系列", series_pages, "同一机关历年的同类文件，逐条对照每年的变化"),
    Listing("targets", "量化目标", target_pages, "正文中的量化目标，按年份、主题、地区"),
    Listing("units", "责任单位", unit_pages, "任务的责任单位，按省份"),
    Listing("stats", "统计", stats_pages, "各年份、各省份的文件数，主题 × 年份，被引用最多的文件"),
)


# --- the home page -------------------------------------------------------------------


def home_page(docs: list[Document], rejected: int) -> str:
    years = sorted({d.metadata["year"] for d in docs if d.metadata.get("year")})
    places = {d.metadata.get("region_code") for d in docs if d.metadata.get("region_code")}
    latest = [d for d in docs if years and d.metadata.get("year") == years[-1]][:20]
    span = f"{years[0]}—{years[-1]}" if years else "—"
    return _render(
        "index.md", "home.md.j2", count=len(docs), span=span, places=len(places), rejected=rejected, latest=latest, listings=LISTINGS
    )
