"""交叉引用: a page per year of documents × topics, each cell linking to the sections that treat the topic,
and the titles each document cites (《…》); split by province when long."""

from __future__ import annotations

from ..document import Document
from ..relations import Relations
from .grouping import BY_PROVINCE, group, year_key, year_label, year_order
from .templating import document_list, render


def xref_pages(docs: list[Document]) -> dict[str, str]:
    """Documents × topics, each cell linking to the sections that treat the topic; and citations (《…》)."""
    cites = Relations(docs).cites
    pages = {}
    groups = []
    for year, in_year in group(docs, year_key, year_order):
        groups.append((year, year_label(year), len(in_year)))
        pages.update(
            document_list(f"xref/{year}", f"交叉引用：{year_label(year)}", in_year, BY_PROVINCE, table="xref", intro=None, cites=cites)
        )
    pages["xref/index.md"] = render("xref/index.md", "xref-index.md.j2", groups=groups)
    return pages
