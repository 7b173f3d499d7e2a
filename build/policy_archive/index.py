"""Stage 5, index: pages that list and relate all documents, and the machine-readable catalog.

Every function here is pure: documents in, {path relative to docs/: file content} out.
Lists are split by year and by province so that no page grows with the whole archive.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict

from .document import METADATA_KEYS, Document
from .knowledge import regions, topics
from .render import dump_yaml, escape_markdown

UNKNOWN = "unknown"


def _sort_key(doc: Document):
    m = doc.metadata
    return (-(m.get("year") or 0), m.get("region_code") or "", m.get("date_written") or m.get("date_published") or "", m["id"])


# Tables that list documents are written as HTML blocks with the site's final URLs (use_directory_urls:
# a page docs/a/b.md is served at a/b/). Python-Markdown passes an HTML block through untouched; parsing
# tens of thousands of Markdown links in these tables took half of the site build. `up` is how many
# folders a page's URL lies below the site root ("../" to prepend).


def _doc_url(doc: Document, up: int, anchor: str | None = None) -> str:
    return f"{'../' * up}documents/{doc.metadata['id']}/" + (f"#{anchor}" if anchor else "")


def _a(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _link(doc: Document, up: int) -> str:
    return _a(_doc_url(doc, up), doc.metadata.get("title") or doc.metadata["id"])


def _place(doc: Document) -> str:
    m = doc.metadata
    return " ".join(p for p in (m.get("province"), m.get("city"), m.get("county")) if p) or "—"


def _cell(value) -> str:
    return html.escape(str(value)) if value else "—"


def _html_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """An HTML table block (cells are HTML already), one row a line, set off by blank lines."""
    head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
    body = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    return ["<table>", "<thead>", head, "</thead>", "<tbody>", *body, "</tbody>", "</table>", ""]


def _doc_table(docs: list[Document], up: int) -> list[str]:
    rows = []
    for doc in sorted(docs, key=_sort_key):
        m = doc.metadata
        rows.append([_link(doc, up), _cell(m.get("issuer")), _cell(m.get("date_written") or m.get("date_published")), _cell(m.get("doc_number")), _cell(_place(doc))])
    return _html_table(["标题", "发布机构", "日期", "文号", "地区"], rows)


def _page(title: str, body: list[str], meta: dict | None = None) -> str:
    head = ["---", dump_yaml(meta).rstrip("\n"), "---", ""] if meta else []
    return "\n".join(head + [f"# {title}", ""] + body).rstrip("\n") + "\n"


def _year_key(doc: Document) -> str:
    return str(doc.metadata.get("year") or UNKNOWN)


def _province_code(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:2]}0000" if code else UNKNOWN


# A list longer than this is split into one page per year, province or city: a page of thousands of rows
# is slow to build and to open. Each page also costs its furniture, so lists are not split sooner.
PAGE_ROWS = 1000


def _province_name(code: str) -> str:
    table = regions()
    return table[code].name if code in table else "地区不明"


def _year_label(year: str) -> str:
    return "年度不明" if year == UNKNOWN else f"{year}年"


def _year_order(year: str):
    return (year == UNKNOWN, -int(year) if year != UNKNOWN else 0)


def _city_key(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:4]}00" if code and code[2:] != "0000" else UNKNOWN


def _city_label(docs: list[Document]) -> str:
    return docs[0].metadata.get("city") or "（市级不明）"


# How a long list is split: (key of a document, label of a group, sort order of keys, what the groups are).
BY_YEAR = (_year_key, lambda key, group: _year_label(key), _year_order, "年度")
BY_PROVINCE = (_province_code, lambda key, group: _province_name(key), lambda c: (c == UNKNOWN, c), "省份")
BY_CITY = (_city_key, lambda key, group: _city_label(group), lambda c: (c == UNKNOWN, c), "城市")


def _listing(base: str, title: str, intro: list[str], docs: list[Document], table, split) -> dict[str, str]:
    """One page at `base`.md listing `docs` with `table(docs, up)`; or, past PAGE_ROWS, a page of links
    to one page per group (BY_YEAR, BY_PROVINCE, BY_CITY) under `base`/."""
    depth = base.count("/") + 1  # the page's URL is base/
    if len(docs) <= PAGE_ROWS:
        return {f"{base}.md": _page(title, intro + table(docs, depth))}
    key_of, label_of, order, noun = split
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[key_of(doc)].append(doc)
    folder = base.rsplit("/", 1)[-1]
    pages = {}
    links = []
    for key in sorted(groups, key=order):
        label = escape_markdown(label_of(key, groups[key]))
        links.append(f"- [{label}]({folder}/{key}.md)（{len(groups[key])}）")
        pages[f"{base}/{key}.md"] = _page(f"{title}：{label}", intro + table(groups[key], depth + 1))
    pages[f"{base}.md"] = _page(title, intro + [f"共 {len(docs)} 件，按{noun}分页：", ""] + links + [""])
    return pages


def year_pages(docs: list[Document]) -> dict[str, str]:
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_year[_year_key(doc)].append(doc)
    pages = {}
    index = ["| 年度 | 文件数 |", "|---|---|"]
    for year in sorted(by_year, key=_year_order):
        index.append(f"| [{_year_label(year)}]({year}.md) | {len(by_year[year])} |")
        pages.update(_listing(f"years/{year}", _year_label(year), [], by_year[year], _doc_table, BY_PROVINCE))
    pages["years/index.md"] = _page("按年份", ["文件按其所规划的年度归类（而非网页发布日期）。", ""] + index + [""])
    return pages


def _place_table(docs: list[Document], up: int) -> list[str]:
    """Documents under headings by city, then county."""
    by_city: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_city[doc.metadata.get("city") or "（市级不明）"].append(doc)
    body = []
    for city in sorted(by_city, key=lambda c: (c.startswith("（"), c)):
        body += [f"## {escape_markdown(city)}", ""]
        by_county: dict[str, list[Document]] = defaultdict(list)
        for doc in by_city[city]:
            by_county[doc.metadata.get("county") or ""].append(doc)
        for county in sorted(by_county):
            if county:
                body += [f"### {escape_markdown(county)}", ""]
            body += _doc_table(by_county[county], up)
    return body


def place_pages(docs: list[Document]) -> dict[str, str]:
    table = regions()
    by_province: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_province[_province_code(doc)].append(doc)
    pages = {}
    index = []
    for code in sorted(by_province, key=lambda c: (c == UNKNOWN, c)):
        group = by_province[code]
        name = table[code].name if code in table else "地区不明"
        index.append(f"- [{name}]({code}.md)（{len(group)}）")
        by_city: dict[str, list[Document]] = defaultdict(list)
        for doc in group:
            by_city[doc.metadata.get("city") or "（市级不明）"].append(doc)
        cities = sorted(by_city, key=lambda c: (c.startswith("（"), c))
        for city in cities:
            counties = sorted({d.metadata.get("county") for d in by_city[city] if d.metadata.get("county")})
            suffix = f"：{'、'.join(escape_markdown(c) for c in counties)}" if counties else ""
            index.append(f"    - {escape_markdown(city)}（{len(by_city[city])}）{suffix}")
        pages.update(_listing(f"places/{code}", name, [], group, _place_table, BY_CITY))
    pages["places/index.md"] = _page("按地区", ["按省、市、区县归类；地区取自发文机关或标题，推断所得者在文件页注明。", ""] + index + [""])
    return pages


def topic_pages(docs: list[Document]) -> dict[str, str]:
    vocabulary, min_hits = topics()
    pages = {}
    index = ["| 主题 | 文件数 | 判定依据（词语） |", "|---|---|---|"]
    for topic in vocabulary:
        tagged = [d for d in docs if topic.name in d.topic_sections]
        index.append(f"| [{topic.name}]({topic.slug}.md) | {len(tagged)} | {escape_markdown('、'.join(topic.terms))} |")

        def table(group: list[Document], up: int, name: str = topic.name) -> list[str]:
            rows = []
            for doc in sorted(group, key=_sort_key):
                sections = " ".join(_a(_doc_url(doc, up, a), _section_label(doc, a)) if a != "top" else _a(_doc_url(doc, up), "正文") for a in doc.topic_sections[name])
                rows.append([_link(doc, up), _cell(doc.metadata.get("year")), _cell(_place(doc)), sections])
            return _html_table(["文件", "年度", "地区", "相关章节"], rows)

        intro = [f"依据词语：{escape_markdown('、'.join(topic.terms))}。文件正文中出现这些词语合计至少 {min_hits} 次，或出现在标题、章节标题中，即归入本主题。", ""]
        pages.update(_listing(f"topics/{topic.slug}", topic.name, intro, tagged, table, BY_YEAR))
    pages["topics/index.md"] = _page("按主题", ["主题词表是受控词表，每个主题由正文中的证据词语判定。", ""] + index + [""])
    return pages


_SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)")


def _section_label(doc: Document, anchor: str) -> str:
    """The section's own number (三, 第二部分) for a link to it; the anchor when it has none."""
    block = next((b for b in doc.blocks if b.anchor == anchor), None)
    match = _SECTION_NUMBER.match(block.text) if block else None
    return match.group(0) if match else anchor


def _normal_title(title: str) -> str:
    return re.sub(r"[\s“”\"'‘’（）()]", "", title)


def _short_labels(docs: list[Document]) -> dict[str, str]:
    """A short name for each document in a wide table: its most specific place and its type (济宁市·通知)."""
    labels = {}
    for doc in docs:
        m = doc.metadata
        labels[m["id"]] = f"{m.get('county') or m.get('city') or m.get('province') or '地区不明'}·{m.get('doc_type') or '文件'}"
    counts = defaultdict(int)
    for label in labels.values():
        counts[label] += 1
    return {doc_id: label if counts[label] == 1 else f"{label}（{doc_id}）" for doc_id, label in labels.items()}


def xref_pages(docs: list[Document]) -> dict[str, str]:
    """Documents × topics, each cell linking to the sections that treat the topic; and citations (《…》)."""
    vocabulary, _ = topics()
    by_title = defaultdict(list)
    for doc in docs:
        if doc.metadata.get("title"):
            by_title[_normal_title(doc.metadata["title"])].append(doc)
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_year[_year_key(doc)].append(doc)
    pages = {}
    index = []

    def table(group: list[Document], up: int) -> list[str]:
        group = sorted(group, key=_sort_key)
        labels = _short_labels(group)
        rows = []
        for doc in group:
            cells = [_a(_doc_url(doc, up), labels[doc.metadata["id"]])]
            for topic in vocabulary:
                anchors = doc.topic_sections.get(topic.name) or ()
                cells.append(" ".join(_a(_doc_url(doc, up, a), _section_label(doc, a)) if a != "top" else _a(_doc_url(doc, up), "文") for a in anchors))
            rows.append(cells)
        lines = ["## 文件 × 主题", "", "单元格中的链接指向该文件中论及该主题的章节；文件名称见下方“引用的文件”表。", ""]
        lines += _html_table(["文件"] + [t.name for t in vocabulary], rows)
        lines += ["## 引用的文件", "", "各文件正文以书名号（《》）引用的文件；本库收有的，链接到该文件。", ""]
        rows = []
        for doc in group:
            cited = []
            for name in doc.citations:
                held = [d for d in by_title.get(_normal_title(name), []) if d is not doc]
                cited.append(_a(_doc_url(held[0], up), f"《{name}》") if held else html.escape(f"《{name}》"))
            rows.append([_link(doc, up), "；".join(cited) or "—"])
        return lines + _html_table(["文件", "引用"], rows)

    for year in sorted(by_year, key=_year_order):
        index.append(f"- [{_year_label(year)}]({year}.md)（{len(by_year[year])} 件）")
        pages.update(_listing(f"xref/{year}", f"交叉引用：{_year_label(year)}", [], by_year[year], table, BY_PROVINCE))
    pages["xref/index.md"] = _page("交叉引用", ["每年一表：文件 × 主题矩阵（链接到相关章节），以及各文件引用的文件。", ""] + index + [""])
    return pages


def catalog(docs: list[Document]) -> str:
    rows = []
    for doc in sorted(docs, key=lambda d: d.metadata["id"]):
        row = {key: doc.metadata.get(key) for key in METADATA_KEYS}
        row["source"] = {"file": doc.source.file, "sha256": doc.source.sha256, "url": doc.source.url, "site": doc.source.site, "encoding": doc.source.encoding, "format": doc.source.format}
        row["original_script"] = doc.original_script
        row["inferred"] = list(doc.inferred)
        row["warnings"] = list(doc.warnings)
        row["url"] = f"documents/{doc.metadata['id']}/"
        rows.append(row)
    return json.dumps({"documents": rows}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def home_page(docs: list[Document], rejected: int) -> str:
    years = sorted({d.metadata["year"] for d in docs if d.metadata.get("year")})
    places = {d.metadata.get("region_code") for d in docs if d.metadata.get("region_code")}
    vocabulary, _ = topics()
    span = f"{years[0]}—{years[-1]}" if years else "—"
    body = [
        "本站收录各地市、区县教育局发布的年度**工作要点**、**工作意见**、**任务清单**等政策文件，",
        "清理网页杂质后按统一格式呈现，并附有结构化元数据（文号、发文机关、成文日期、年度、地区、主题）。",
        "可按年份、地区、主题浏览，对照各地各年的工作部署，或按文号引用某一文件的某一条。",
        "",
        "| 统计 | 数量 |",
        "|---|---|",
        f"| 文件 | {len(docs)} |",
        f"| 覆盖年度 | {span} |",
        f"| 地区（最细一级） | {len(places)} |",
        f"| 主题 | {len(vocabulary)} |",
        f"| 未能收录的来源文件 | {rejected}（见[构建报告](data/build-report.json)） |",
        "",
        "## 浏览",
        "",
        "- [按年份](years/index.md)",
        "- [按地区](places/index.md)",
        "- [按主题](topics/index.md)",
        "- [交叉引用](xref/index.md)：文件 × 主题矩阵，文件之间的引用",
        "- [全文检索](search.md)：支持中文词语与文号检索",
        "- [机器可读目录](data/catalog.json)（JSON）",
        "- [关于本站](about.md)：数据来源、清理规则、元数据说明、引用方法",
        "",
        "## 最新收录年度的文件",
        "",
    ]
    latest = [d for d in docs if years and d.metadata.get("year") == years[-1]][:20]
    body += _doc_table(latest, 0) if latest else ["（暂无）", ""]
    return _page("地方教育政策文件库", body)
