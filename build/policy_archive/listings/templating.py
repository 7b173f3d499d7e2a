"""The listings' templates (templates/): their own Jinja environment, with the filters and globals the shared
macros (macros.j2) call, `render`, and `document_list`, the list of documents (list.md.j2) split past
PAGE_ROWS rows that most listings are made of.

Parts of a table that has thousands of cells are written in Python (a Jinja macro costs microseconds a call).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from ..document import Document
from ..knowledge import topics
from ..pages import make_environment, relative_url, render_with
from ..schema import LABELS
from .grouping import Split, by_city, by_county, by_issuer, fits_one_page, group, sort_key


def doc_path(doc: Document) -> str:
    return f"documents/{doc.metadata['id']}.md"


def place(doc: Document) -> str:
    m = doc.metadata
    return " ".join(p for p in (m.get("province"), m.get("city"), m.get("county")) if p) or "—"


_SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)")


def section_label(doc: Document, anchor: str) -> str:
    """The section's own number (三, 第二部分) for a link to it; the anchor when it has none."""
    block = next((b for b in doc.blocks if b.anchor == anchor), None)
    match = _SECTION_NUMBER.match(block.text) if block else None
    return match.group(0) if match else anchor


@jinja2.pass_context
def section_links(context, doc: Document, anchors, whole: str) -> Markup:
    """Links to the given sections of `doc` (its number, 三 or 第二部分; `whole` for "top"), space-separated.
    In Python: the cross-reference table has a cell per document and topic."""
    links = []
    for anchor in anchors:
        text, target = (whole, None) if anchor == "top" else (section_label(doc, anchor), anchor)
        links.append(doc_link(context["page_path"], doc, text, target))
    return Markup(" ".join(links))


def doc_link(page_path: str, doc: Document, text: str, anchor: str | None = None) -> Markup:
    """macros.j2's a(): a link to `doc` (and its item) from the page at `page_path`, text escaped."""
    return Markup(f'<a href="{escape(relative_url(page_path, doc_path(doc), anchor))}">{escape(text)}</a>')


def short_labels(docs: list[Document]) -> dict[str, str]:
    """A short name for each document in a wide table: its most specific place and its type (济宁市·通知)."""
    labels = {}
    for doc in docs:
        m = doc.metadata
        labels[m["id"]] = f"{m.get('county') or m.get('city') or m.get('province') or '地区不明'}·{m.get('doc_type') or '文件'}"
    counts: dict[str, int] = defaultdict(int)
    for label in labels.values():
        counts[label] += 1
    return {doc_id: label if counts[label] == 1 else f"{label}（{doc_id}）" for doc_id, label in labels.items()}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = make_environment()
    env.filters.update(
        sort_docs=lambda docs: sorted(docs, key=sort_key),
        place=place,
        short_labels=short_labels,
        group_by_city=by_city,
        group_by_county=by_county,
        group_by_issuer=by_issuer,
    )
    env.globals.update(
        doc_path=doc_path,
        section_label=section_label,
        section_links=section_links,
        labels=LABELS,
        topic_vocabulary=topics()[0],
    )
    return env


def render(path: str, template: str, **context) -> str:
    """The content of docs/`path` from the listing template `template`."""
    return render_with(environment(), path, template, **context)


def markdown_text(text: str) -> Markup:
    """Plain text set in Markdown, as the templates' `md` filter sets it."""
    return environment().filters["md"](text)


def document_list(base: str, title: str, docs: list[Document], split: Split, **context) -> dict[str, str]:
    """One page at `base`.md listing `docs` (list.md.j2, its table the macro of macros.j2 named by
    `table`); past PAGE_ROWS, a page of links to one page per group of `split` under `base`/."""
    context.setdefault("topic", None)
    if fits_one_page(len(docs)):
        return {f"{base}.md": render(f"{base}.md", "list.md.j2", title=title, docs=docs, total=None, **context)}
    pages = {}
    groups = []
    for key, in_group in group(docs, split.key, split.order):
        label = split.label(key, in_group)
        groups.append((key, label, len(in_group)))
        path = f"{base}/{key}.md"
        pages[path] = render(path, "list.md.j2", title=f"{title}：{label}", docs=in_group, total=None, **context)
    folder = base.rsplit("/", 1)[-1]
    pages[f"{base}.md"] = render(
        f"{base}.md", "list.md.j2", title=title, docs=docs, total=len(docs), noun=split.noun, groups=groups, folder=folder, **context
    )
    return pages
