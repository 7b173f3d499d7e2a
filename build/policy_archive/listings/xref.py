"""交叉引用: a page per year of documents × topics, split by province when long. Each document first, named by its
title (its place and type after it), with the topics it treats, each linking to the sections that treat it, and the
titles it cites (《…》): a phone reads it as a list (issue 27). Then the documents × topics overview, a row per
document and a column per topic, which scrolls with the titles' column fixed."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..document import Document
from ..knowledge import topics
from ..relations import Relations
from .grouping import BY_PROVINCE, group, year_key, year_label, year_order
from .templating import doc_link, document_list, render, section_label


def xref_facts(doc: Document) -> Markup:
    """After the title: its most specific place and its type (济宁市 · 通知)."""
    m = doc.metadata
    facts = [f for f in (m.get("county") or m.get("city") or m.get("province"), m.get("doc_type")) if f]
    return Markup(f'<span class="archive-xref__facts">{escape(" · ".join(facts))}</span>') if facts else Markup("")


def xref_topics(page_path: str, doc: Document) -> Markup:
    """The topics `doc` treats, in the vocabulary's order, each with links to its sections (三, 第二部分; 正文 for the
    whole text). In Python: a year's page has a cell per document."""
    parts = []
    for topic in topics()[0]:
        anchors = doc.topic_sections.get(topic.name)
        if not anchors:
            continue
        links = " ".join(
            doc_link(page_path, doc, "正文") if anchor == "top" else doc_link(page_path, doc, section_label(doc, anchor), anchor)
            for anchor in anchors
        )
        parts.append(f'<span class="archive-xref__topic">{escape(topic.name)} {links}</span>')
    return Markup("".join(parts)) if parts else Markup("—")


def xref_pages(docs: list[Document]) -> dict[str, str]:
    """Each document's topics with links to the sections that treat them, and its citations (《…》); the overview."""
    cites = Relations(docs).cites
    pages = {}
    groups = []
    for year, in_year in group(docs, year_key, year_order):
        groups.append((year, year_label(year), len(in_year)))
        pages.update(
            document_list(
                f"xref/{year}",
                f"交叉引用：{year_label(year)}",
                in_year,
                BY_PROVINCE,
                table="xref",
                intro=None,
                cites=cites,
                xref_facts=xref_facts,
                xref_topics=xref_topics,
            )
        )
    pages["xref/index.md"] = render("xref/index.md", "xref-index.md.j2", groups=groups)
    return pages
