"""按年份: a page per year, its documents by province (split by province when long)."""

from __future__ import annotations

from ..document import Document
from .grouping import BY_PROVINCE, group, year_key, year_label, year_order
from .templating import document_list, render


def year_pages(docs: list[Document]) -> dict[str, str]:
    pages = {}
    groups = []
    for year, in_year in group(docs, year_key, year_order):
        groups.append((year, year_label(year), len(in_year)))
        pages.update(document_list(f"years/{year}", year_label(year), in_year, BY_PROVINCE, table="documents", intro=None))
    pages["years/index.md"] = render("years/index.md", "years-index.md.j2", groups=groups)
    return pages
