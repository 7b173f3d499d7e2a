"""引用: every cited title with the documents citing it, most cited first, the held ones linked; past
PAGE_ROWS titles, one page per PAGE_ROWS by rank."""

from __future__ import annotations

from ..document import Document
from ..relations import Relations
from .grouping import page_chunks
from .templating import render

# A title cited by very many documents lists this many of them; the rest are counted (every one is in
# the open data and on the cited document's page).
CITING_SHOWN = 50


def citation_pages(docs: list[Document]) -> dict[str, str]:
    """Every cited title with the documents citing it, most cited first; held ones linked. Past PAGE_ROWS
    titles, one page per PAGE_ROWS by rank."""
    titles = Relations(docs).cited_titles()
    chunks = page_chunks(titles)
    paths = ["citations/index.md", *(f"citations/{n}.md" for n in range(2, len(chunks) + 1))]
    pages = {}
    first_rank = 1
    for path, chunk in zip(paths, chunks):
        pages[path] = render(
            path,
            "citations-index.md.j2",
            titles=chunk,
            first_rank=first_rank,
            total=len(titles),
            citing=sum(1 for d in docs if d.cited),
            resolved=sum(1 for t in titles if t.held),
            pages=list(enumerate(paths, 1)) if len(paths) > 1 else [],
            shown=CITING_SHOWN,
        )
        first_rank += len(chunk)
    return pages
