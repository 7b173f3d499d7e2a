"""The home page (index.md): the archive in numbers, a link to each listing, the latest year's documents."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Masthead
from ..document import Document
from .templating import render


def home_page_of(docs: list[Document], rejected: int, listings: Sequence, masthead: Masthead) -> str:
    """The home page, headed by the archive's name and description (`masthead`), linking each of `listings` (the
    registry's entries) with its blurb."""
    years = sorted({d.metadata["year"] for d in docs if d.metadata.get("year")})
    places = {d.metadata.get("region_code") for d in docs if d.metadata.get("region_code")}
    latest = [d for d in docs if years and d.metadata.get("year") == years[-1]][:20]
    span = f"{years[0]}—{years[-1]} 年" if years else "—"
    # The topics the documents are filed under (the vocabulary holds more than are in use).
    topics = {t for d in docs for t in d.metadata.get("topics") or ()}
    # The fields read automatically that a curator should check (extract/doubts.py; `policy-archive review`).
    doubtful = sum(len(d.doubtful) for d in docs)
    doubted = sum(1 for d in docs if d.doubtful)
    return render(
        "index.md",
        "home.md.j2",
        masthead=masthead,
        count=len(docs),
        span=span,
        places=len(places),
        topics=len(topics),
        rejected=rejected,
        doubtful=doubtful,
        doubted=doubted,
        latest=latest,
        listings=listings,
    )
