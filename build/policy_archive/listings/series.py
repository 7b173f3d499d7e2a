"""系列: every series (series.py's SeriesIndex), a page for each with its documents oldest first and what
changed from one to the next."""

from __future__ import annotations

from ..changes import REWORDED, compare
from ..document import Document
from ..series import SeriesIndex
from .templating import render


def series_pages(docs: list[Document]) -> dict[str, str]:
    """Every series, a page for each with its documents oldest first and what changed from one to the next."""
    series = SeriesIndex(docs).series
    pages = {"series/index.md": render("series/index.md", "series-index.md.j2", series=series)}
    for s in series:
        # What changed from one year to the next is on the series page itself: a page per pair cost a
        # whole page of the theme's furniture (and MkDocs' time) for a few rows.
        comparisons = [compare(before, after) for before, after in zip(s.documents, s.documents[1:])]
        pages[f"series/{s.slug}.md"] = render(f"series/{s.slug}.md", "series.md.j2", series=s, comparisons=comparisons, reworded=REWORDED)
    return pages
