"""Stage 4, render: a Document to a Markdown page with YAML front matter.

Text from the web is untrusted. Every piece of it is escaped so that Python-Markdown shows the same
visible characters and never reads them as markup: HTML is entity-escaped, Markdown punctuation is
backslash-escaped, and front matter is written by a YAML emitter (never by string formatting).
"""

from __future__ import annotations

import html
import io
import re
from functools import lru_cache
from urllib.parse import quote

import yaml

from .document import Document
from .escaping import escape_markdown
from .records import raw_path, record
from .render_time import time_sections


def front_matter(doc: Document) -> dict:
    """Every field of the schema, in its order (the catalog row is the same)."""
    return record(doc)


def raw_href(doc: Document, depth: int = 2) -> str:
    """The raw source's address from a page `depth` folders below the site's root: raw_path URL-encoded once
    (no further HTML escaping is due: the encoding leaves none of & < > " ')."""
    return "../" * depth + quote(raw_path(doc), safe="/")


class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """libyaml's emitter where PyYAML has it (four times faster than PyYAML's own, the same bytes)."""

    def resolve(self, kind, value, implicit):
        # The emitter asks twice of every scalar whether it would read back as another type; the answer depends
        # on the value alone, and most values (null, the field names, places) recur on every page.
        if kind is yaml.ScalarNode:
            return _scalar_tag(value, implicit)
        return super().resolve(kind, value, implicit)


@lru_cache(maxsize=8192)
def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, implicit)


# Any string with a line break is double-quoted, so a '---' inside a value stays inside it.
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _node(value) -> yaml.Node:
    """The YAML node of a front-matter value (str, int, bool, None, list, dict), as PyYAML's SafeRepresenter makes
    it (never with an alias), and strings with a line break double-quoted. (Made here rather than by the
    representer, whose generic walk took a third of a page's rendering.)"""
    if isinstance(value, str):
        return yaml.ScalarNode("tag:yaml.org,2002:str", value, style='"' if _LINE_BREAK.search(value) else None)
    if value is None:
        return yaml.ScalarNode("tag:yaml.org,2002:null", "null")
    if isinstance(value, bool):
        return yaml.ScalarNode("tag:yaml.org,2002:bool", "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode("tag:yaml.org,2002:int", str(value))
    if isinstance(value, list):
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [_node(v) for v in value], flow_style=False)
    if isinstance(value, dict):
        return yaml.MappingNode("tag:yaml.org,2002:map", [(_node(k), _node(v)) for k, v in value.items()], flow_style=False)
    raise TypeError(f"no front matter for a {type(value).__name__}")


def dump_yaml(data) -> str:
    """YAML of front-matter data, keys in their order, written by the YAML emitter (never by string formatting)."""
    stream = io.StringIO()
    dumper = _FrontMatterDumper(stream, allow_unicode=True, width=10_000, default_flow_style=False, sort_keys=False)
    try:
        dumper.open()
        dumper.serialize(_node(data))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


def _doc_link(doc: Document, anchor: str = "") -> str:
    """A link from one document page to another (both in documents/), checked by MkDocs."""
    return f"{doc.metadata['id']}.md" + (f"#{anchor}" if anchor else "")


ANCHOR_LABEL_CHARS = 12


def anchor_label(doc: Document, anchor: str) -> str:
    """What a reader sees of a link to an item: the start of its text (任务4：提升智育水平。)."""
    text = next((b.text for b in doc.blocks if b.anchor == anchor), anchor)
    return text if len(text) <= ANCHOR_LABEL_CHARS else text[:ANCHOR_LABEL_CHARS] + "…"


def _places(doc: Document, anchors, elsewhere: bool = False) -> str:
    """Links to the items of `doc` a citation stands in (on this page, or on `doc`'s page elsewhere)."""
    links = [f"[{escape_markdown(anchor_label(doc, a))}]({_doc_link(doc, a) if elsewhere else '#' + a})" for a in anchors if a]
    return f"（见 {'、'.join(links)}）" if links else ""


def _cites_section(relations, doc: Document) -> list[str]:
    lines = []
    for ref in relations.cites(doc):
        c = ref.citation
        name = escape_markdown(f"《{c.title}》")
        item = f"[{name}]({_doc_link(ref.held)})" if ref.held else name
        if c.doc_number:
            item += f"（{escape_markdown(c.doc_number)}）"
        if c.truncated:
            item += "〔原文标题不完整〕"
        lines.append(f"- {item}{_places(doc, c.anchors)}")
    return ["## 引用 {#cites}", "", "本文件以书名号引用的文件；本库收有的，链接到该文件。", "", *lines, ""] if lines else []


def _cited_by_section(relations, doc: Document) -> list[str]:
    lines = []
    for ref in relations.cited_by(doc):
        title = escape_markdown(ref.citing.metadata.get("title") or ref.citing.metadata["id"])
        lines.append(f"- [{title}]({_doc_link(ref.citing)}){_places(ref.citing, ref.citation.anchors, elsewhere=True)}")
    return ["## 被引用 {#cited-by}", "", "本库中引用本文件的文件。", "", *lines, ""] if lines else []


def _item_link(doc: Document, anchor: str | None) -> str:
    return f"[{escape_markdown(anchor_label(doc, anchor))}](#{anchor})" if anchor else "正文"


# A report or summary states what was achieved: its numbers are figures, not targets.
_REPORTS = re.compile(r"报告|总结|公报")


def _targets_section(doc: Document) -> list[str]:
    if not doc.targets:
        return []
    if _REPORTS.search(doc.metadata.get("doc_type") or "") or _REPORTS.search(doc.metadata.get("title") or ""):
        heading, intro, column = "文中数值", "报告、总结中写有数值的情况（多为已达到的数值），照原文摘录。", "数值"
    else:
        heading, intro, column = "量化目标", "正文中写有数值的目标，照原文摘录。", "目标"
    lines = [f"## {heading} {{#targets}}", "", intro, "", f"| 指标 | {column} | 原文 | 条目 |", "|---|---|---|---|"]
    for t in doc.targets:
        value = escape_markdown(f"{t.number}{t.unit or ''}{t.qualifier or ''}")
        lines.append(f"| {escape_markdown(t.indicator or '—')} | {value} | {escape_markdown(t.phrase)} | {_item_link(doc, t.anchor)} |")
    return [*lines, ""]


def _duties_section(doc: Document) -> list[str]:
    """Who answers for what: each task with its units, in the text's order."""
    if not doc.duties:
        return []
    tasks: dict[tuple, list[str]] = {}
    for d in doc.duties:
        units = tasks.setdefault((d.task, d.anchor), [])
        entry = d.unit if d.role in ("责任单位", "责任科室", "责任处室", "责任部门", "主要责任单位") else f"{d.unit}（{d.role}）"
        if entry not in units:
            units.append(entry)
    lines = ["## 责任分工 {#duties}", "", "原文所列各项任务的责任单位。", "", "| 任务 | 条目 | 责任单位 |", "|---|---|---|"]
    for (task, anchor), units in tasks.items():
        lines.append(f"| {escape_markdown(task or '—')} | {_item_link(doc, anchor)} | {escape_markdown('、'.join(units))} |")
    return [*lines, ""]


def _neighbour(label: str, doc: Document) -> str:
    text = escape_markdown(f"{doc.metadata.get('year')}年 {doc.metadata.get('title') or doc.metadata['id']}")
    return f"{label}：[{text}]({_doc_link(doc)})"


def _series_section(doc: Document, series_index) -> list[str]:
    """Where the document stands in its series: the series page, the previous and next documents, and
    what changed from the previous one."""
    series = series_index.of(doc) if series_index else None
    if series is None:
        return []
    before, after = series_index.neighbours(doc)
    name = escape_markdown(f"{series.issuer} · {series.kind}（{series.years}，{len(series.documents)} 件）")
    lines = ["## 同一系列 {#series}", "", f"[{name}](../series/{series.slug}.md)", ""]
    if before:
        lines += [f"- {_neighbour('上一件', before)}（[逐条比较](../series/{series.slug}.md#changes-{doc.metadata['id']})）"]
    if after:
        lines += [f"- {_neighbour('下一件', after)}"]
    return [*lines, ""]


def downloads_section(doc: Document, text_from: str | None = None) -> list[str]:
    """Links to the document's clean text (.txt), its page's Markdown (.md) and its untouched source,
    which site_data.write_site_texts puts beside the page. Plain HTML: MkDocs would look for the files among
    the Markdown pages (ids are ASCII; the source's path is the one the card links to).

    The text and the Markdown are stored gzipped (a third of their bytes, which were a fifth of the site):
    archive-page.js unpacks a clicked one in the browser and saves it as ID.txt or ID.md (the name in
    data-archive-gunzip); without the script the link fetches the .gz file itself.

    The Markdown holds the text: where `text_from` (see text_in_markdown) says how it gives the text back
    exactly, the text's link fetches the Markdown and archive-page.js takes the text out of it
    (data-archive-text), and no ID.txt.gz is stored (it was 1.4 KB of every document's 30). Without the
    script that link fetches the Markdown."""
    doc_id = doc.metadata["id"]
    raw = raw_href(doc)
    text = f'<a href="{doc_id}.txt.gz" download data-archive-gunzip="{doc_id}.txt">纯文本（.txt）</a>'
    if text_from is not None:
        text = f'<a href="{doc_id}.md.gz" download {_TEXT_FROM_MARKDOWN.format(id=doc_id)}"{text_from}">纯文本（.txt）</a>'
    links = [
        text,
        f'<a href="{doc_id}.md.gz" download data-archive-gunzip="{doc_id}.md">Markdown（.md，含元数据）</a>',
        f'<a href="{raw}" rel="nofollow"{_view_attributes(doc)}>原始文件</a>',
    ]
    return ["## 下载 {#downloads}", "", " · ".join(links), ""]


# What the text's link of a page whose script takes the text out of its Markdown says (then its way: heading|body).
_TEXT_FROM_MARKDOWN = 'data-archive-gunzip="{id}.txt" data-archive-text='


def text_taken_out(markdown: bytes, doc_id: str) -> bool:
    """Whether a document's Markdown page links its text as taken out of the Markdown (downloads_section): read off
    its last line, the 下载 links, which no text of the document can write."""
    links = markdown.rstrip().rsplit(b"\n", 1)[-1]
    return _TEXT_FROM_MARKDOWN.format(id=doc_id).encode() in links


def document_text(doc: Document) -> str:
    """The document's clean text, block by block (documents.jsonl's text; the .txt download with a last line break)."""
    return "\n".join(b.text for b in doc.blocks)


_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+!|.-])")
_HEADING_LINE = re.compile(r"^#{2,6} (.*) \{#[^ }]+\}$")
_ATTR_LINE = re.compile(r"^\{: #[^ }]+ \}$")


def text_of_markdown(markdown: str, with_heading: bool) -> str:
    """The text of a document's Markdown page, undoing what render() does to it: from after the front matter to
    the rule before the relations, without anchor lines, heading marks and anchors, the bold of a later title, the
    backslashes and the three entities of escape_markdown; the page's heading is the text's first line when
    `with_heading`. archive-page.js (textOfMarkdown) does the same, line for line."""
    lines = markdown.split("\n")
    end = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else -1  # (archive-page.js: indexOf)
    text = []
    for k, line in enumerate(lines[end + 1 :]):
        if line == "---":
            break
        if not line or _ATTR_LINE.match(line):
            continue
        heading = _HEADING_LINE.match(line)
        if k <= 1 and line.startswith("# ") and not text:
            if not with_heading:
                continue
            line = line[2:]
        elif heading:
            line = heading.group(1)
        elif len(line) > 4 and line.startswith("**") and line.endswith("**"):
            line = line[2:-2]
        text.append(_UNESCAPE.sub(r"\1", line).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    return "\n".join(text)


def text_in_markdown(markdown: str, text: str) -> str | None:
    """How the Markdown page gives back `text` exactly: "heading" (its heading is the text's first line), "body"
    (the text starts below it), or None (it does not: the text is stored on its own)."""
    for how in ("heading", "body"):
        if text_of_markdown(markdown, how == "heading") == text:
            return how
    return None


def _view_attributes(doc: Document) -> str:
    """What archive-page.js needs to show a gzipped raw source as text: that it is one, and its encoding."""
    if not raw_path(doc).endswith(".gz"):
        return ""
    encoding = doc.source.encoding or "utf-8"
    return f' data-archive-gunzip-view data-archive-charset="{html.escape(encoding, quote=True)}"'


def relations_sections(doc: Document, relations, series_index=None, text_from: str | None = None) -> list[str]:
    """The Markdown after the text: its status, history and versions (render_time), targets, who answers for
    what, what the document cites and what cites it (relations.Relations), its series (series.SeriesIndex) and its
    downloads."""
    body = (
        time_sections(doc, relations)
        + _targets_section(doc)
        + _duties_section(doc)
        + _cites_section(relations, doc)
        + _cited_by_section(relations, doc)
        + _series_section(doc, series_index)
        + downloads_section(doc, text_from)
    )
    return ["---", "", *body]


def heading(doc: Document) -> str:
    """The page's heading: the title; for a document whose title was not found, （无标题） and what is known
    of it (type, issuer, year), so that a reader and a search result can tell such documents apart. The
    metadata's title stays empty: this describes the document, it is not its title."""
    title = doc.metadata.get("title")
    if title:
        return title
    m = doc.metadata
    known = [m.get("doc_type"), m.get("issuer"), f"{m['year']}年" if m.get("year") else None]
    return "（无标题）" + " · ".join(str(k) for k in known if k)


def render(doc: Document, relations=None, series_index=None) -> str:
    """Pure: the Markdown page of one document; with the archive's `relations` (and `series_index`),
    what it cites, what cites it and its series too."""
    if relations is None:
        return page_head(doc).rstrip("\n") + "\n"
    return with_relations(*head_and_text_from(doc), doc, relations, series_index)


def head_and_text_from(doc: Document) -> tuple[str, str | None]:
    """The page's head (page_head) and how it gives back the document's text (text_in_markdown), which the page's
    download link says."""
    head = page_head(doc)
    return head, text_in_markdown(head, document_text(doc))


def page_head(doc: Document) -> str:
    """Pure: the page up to its relations (front matter, heading, text), which depends on the document alone."""
    lines = ["---", dump_yaml(front_matter(doc)).rstrip("\n"), "---", ""]
    lines += [f"# {escape_markdown(heading(doc))}", ""]
    for i, block in enumerate(doc.blocks):
        text = escape_markdown(block.text)
        if block.kind == "title":
            if i == 0:
                continue  # it is the page's heading above
            lines += [f"**{text}**", ""]
        elif block.kind in ("heading", "subheading"):
            lines += [f"{'#' * block.level} {text} {{#{block.anchor}}}", ""]
        elif block.anchor:
            lines += [text, f"{{: #{block.anchor} }}", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines)


def with_relations(head: str, text_from: str | None, doc: Document, relations, series_index=None) -> str:
    """The whole page from its head (page_head) and how it gives back the text (text_in_markdown of the head):
    the relations, which depend on the rest of the archive, follow."""
    return (head + "\n" + "\n".join(relations_sections(doc, relations, series_index, text_from))).rstrip("\n") + "\n"
