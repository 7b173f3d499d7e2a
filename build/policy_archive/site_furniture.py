"""Furniture a site teaches: the lines its pages repeat at the same edge.

A site's pages share a template, so a line that stands above the title (or below the signature and
colophon) of most of its pages, and of at least MIN_PAGES of them, is the template's furniture, whatever
its words. It is learned afresh in each build from the documents the build converts (no pattern is added),
and removed only at the edge where it was learned, never from between the title and the signature, and
never a line with sentence grammar or of the shapes a document's own text takes there (an addressee, a
signature, a label that introduces what follows).

The step runs after the per-source conversion and its cache: a document is converted on its own first;
when its site teaches furniture that the document shows at its edges, it is converted again with those
lines (`EdgeFurniture`), which are part of that conversion's cache key. Its output therefore depends only
on its own source and the lines its site teaches, never on the order of the sources.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .document import Document

#: A line is the site's furniture when at least this many of its pages show it at one edge ...
MIN_PAGES = 3
# ... and more than half of the site's pages do.
_HEAD_LINES = 15  # the first lines of a page, above its title
_TAIL_LINES = 10  # the last lines, below its signature and colophon
_MAX_CHARS = 100

# Lines of the shape a document's own text takes at its edges: they are never learned.
_SENTENCE = re.compile(r"[。；！？]")
_NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十\d]{1,3}|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,3}\s*[.、．)）])"
)
_INTRODUCES = re.compile(r".*[:：]\s*")  # an addressee (各县市区教育局：), a label (附件：)
_ATTACHMENT = re.compile(r"附\s*件")
# A signature: an organ's name alone (its suffix says it is one).
_ORGAN = re.compile(
    r"[\u4e00-\u9fff（）()、\s]{2,60}(?:局|厅|委|委员会|政府|人大|常委会|办公室|办公厅|公署|学校|中学|小学|幼儿园|大学|学院|中心|院|部|会|所|站|处|科)"
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
)
_NOTE = re.compile(r"[（(].*[）)]")  # a document's note below its date: （此件公开发布）
_TABLE_CELL = re.compile(r"\|.*|.*\|")  # a flattened table's row or cell: the same on every yearly report
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_COLOPHON = re.compile(r"(?:抄\s*送|主\s*题\s*词|.{0,40}印\s*发$|[（(]\s*共印)")


def may_be_learned(line: str) -> bool:
    """Whether a line may be a site's furniture: short, no sentence grammar, not numbered, nothing a
    document prints at its own edges (an addressee or label, an attachment line, a signature, a date, a
    colophon, a note in brackets, a table's cell, a number)."""
    return (
        len(line) <= _MAX_CHARS
        and not _SENTENCE.search(line)
        and not _NUMBERED.match(line)
        and not _INTRODUCES.fullmatch(line)
        and not _ATTACHMENT.match(line)
        and not _ORGAN.fullmatch(line)
        and not _DATE.search(line)
        and not _COLOPHON.match(line)
        and not _TABLE_CELL.fullmatch(line)
        and not _NOTE.fullmatch(line)
        and len(_WORDS.findall(line)) >= 2
    )


@dataclass(frozen=True)
class Edges:
    """A converted page's lines above its title, and below its signature and colophon."""

    head: tuple[str, ...]
    tail: tuple[str, ...]


def _ends_body(line: str) -> bool:
    """A line that belongs to the document: a sentence, a numbered item, a date (the signature's), a colophon."""
    return bool(_SENTENCE.search(line) or _NUMBERED.match(line) or _DATE.search(line) or _COLOPHON.match(line))


def edges(doc: Document) -> Edges:
    """The edges of a converted document. Without a title found among its paragraphs it has no head: what
    stands above its text is not known."""
    paragraphs = doc.paragraphs
    title = next((block.text for block in doc.blocks if block.kind == "title"), None)
    title_index = paragraphs.index(title) if title in paragraphs else None
    head = paragraphs[: min(title_index, _HEAD_LINES)] if title_index is not None else ()
    # The tail: at most the last _TAIL_LINES, after the last line that ends the body (looked for from the
    # end: it is near it). A page without one (a list of names, a table) has no tail: where its body ends
    # is not known.
    first = 0 if title_index is None else title_index + 1
    body_end = next((i for i in range(len(paragraphs) - 1, first - 1, -1) if _ends_body(paragraphs[i])), None)
    if body_end is None:
        return Edges(tuple(head), ())
    return Edges(tuple(head), tuple(paragraphs[max(body_end + 1, len(paragraphs) - _TAIL_LINES) :]))


def site_of(doc: Document, curated_site: str | None = None) -> str | None:
    """The site a page comes from: the host of its own address (its canonical link, og:url, or the
    sidecar's url), else the site a curator named in its sidecar. None: a page of no known site."""
    url = doc.source.url
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return host.lower().removeprefix("www.")
    return f"site:{curated_site}" if curated_site else None


@dataclass(frozen=True)
class EdgeFurniture:
    """The lines a site teaches that one page shows at its edges: where its edges are (the counts of its
    first and last lines, as converted on its own) and which of their lines go."""

    head_count: int
    head: tuple[str, ...]
    tail_count: int
    tail: tuple[str, ...]

    def key(self) -> bytes:
        """What the conversion cache keys on besides the source: these lines decide the output too."""
        text = json.dumps([self.head_count, self.head, self.tail_count, self.tail], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


@dataclass(frozen=True)
class Page:
    """One page of a site, as the learning sees it: its site, a key of its text (copies of one page count
    once) and its edges."""

    site: str
    text_key: str
    edges: Edges


def learn(pages: Iterable[Page]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each site's learned lines, (head, tail): a line at one edge of at least MIN_PAGES distinct pages of
    the site and of more than half of them. Counting sets, the result does not depend on the pages' order."""
    texts: dict[str, set[str]] = defaultdict(set)
    seen: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for page in pages:
        texts[page.site].add(page.text_key)
        for place, lines in (("head", page.edges.head), ("tail", page.edges.tail)):
            for line in lines:
                if may_be_learned(line):
                    seen[page.site, place, line].add(page.text_key)
    learned: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for (site, place, line), keys in seen.items():
        if len(keys) >= MIN_PAGES and 2 * len(keys) > len(texts[site]):
            learned[site][0 if place == "head" else 1].add(line)
    return {site: (frozenset(head), frozenset(tail)) for site, (head, tail) in learned.items()}


def furniture_for(page_edges: Edges, learned: tuple[frozenset[str], frozenset[str]] | None) -> EdgeFurniture | None:
    """The learned lines this page shows at its edges (None: none, the page stays as converted)."""
    if not learned:
        return None
    head = tuple(sorted({line for line in page_edges.head if line in learned[0]}))
    tail = tuple(sorted({line for line in page_edges.tail if line in learned[1]}))
    if not head and not tail:
        return None
    return EdgeFurniture(len(page_edges.head), head, len(page_edges.tail), tail)


def strip(cleaned: Document, furniture: EdgeFurniture) -> Document:
    """A cleaned document without its site's furniture, each removed line kept as evidence
    ("site_furniture"). Only the page's edges are looked at: the first head_count and the last tail_count
    paragraphs (extract joins only the title's lines, so a cleaned page's edges are those counted on its
    converted self)."""
    paragraphs = list(cleaned.paragraphs)
    head_end = min(furniture.head_count, len(paragraphs))
    tail_start = max(head_end, len(paragraphs) - furniture.tail_count)
    removed: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(paragraphs):
        learned = (i < head_end and line in furniture.head) or (i >= tail_start and line in furniture.tail)
        (removed if learned and may_be_learned(line) else kept).append(line)
    if not removed:
        return cleaned
    evidence = (
        *cleaned.evidence,
        *(("site_furniture", line) for line in removed),
        ("normalisations", f"removed {len(removed)} line(s) its site repeats at the edges of its pages"),
    )
    return replace(cleaned, paragraphs=tuple(kept), evidence=evidence)
