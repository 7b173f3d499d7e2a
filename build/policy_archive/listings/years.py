"""按年份: a page per year, its documents by province (split by province when long). A plan for a period (十四五,
2021—2025年) is listed under every year it covers (extract.periods.years_covered), marked as such."""

from __future__ import annotations

from collections import defaultdict

from ..document import Document
from ..extract.periods import years_covered
from .grouping import BY_PROVINCE, UNKNOWN, year_label, year_order
from .templating import document_list, render


def by_covered_year(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    """Each year with the documents that count in it (a period plan in each of its years), in year order."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for year in years_covered(doc.metadata) or [UNKNOWN]:
            groups[str(year)].append(doc)
    return [(year, groups[year]) for year in sorted(groups, key=year_order)]


def year_pages(docs: list[Document]) -> dict[str, str]:
    pages = {}
    groups = []
    for year, in_year in by_covered_year(docs):
        groups.append((year, year_label(year), len(in_year)))
        pages.update(document_list(f"years/{year}", year_label(year), in_year, BY_PROVINCE, table="documents", intro=None))
    pages["years/index.md"] = render("years/index.md", "years-index.md.j2", groups=groups)
    return pages
