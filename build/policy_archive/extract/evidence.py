"""What every field extractor works on: a read-only view of the cleaned document, and the candidates
they propose, each with the text it was read from and where that text stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..document import Document
from .lexicon import SECTION_START, ascii_digits

HEAD_MAX = 30  # paragraphs looked at for a title
_LONG = 120  # a paragraph this long is body text


def body_start(paragraphs: tuple[str, ...]) -> int:
    """The first paragraph of the body: a section, an article, or a long paragraph (at most HEAD_MAX)."""
    for i, text in enumerate(paragraphs[:HEAD_MAX]):
        if i > 0 and (SECTION_START.match(text) or len(text) >= _LONG):
            return i
    return min(len(paragraphs), HEAD_MAX)


# Where a value was found, most trusted first. A chooser takes the best-placed candidate.
PLACES = (
    "curated",  # a curator's sidecar (applied after extraction)
    "disclosure",  # the page's information-disclosure table or 【…】 fields
    "meta",  # HTML meta tags (ArticleTitle, PubDate, ContentSource: required on government sites)
    "heading",  # the document's own title block, red header and 文号 line
    "history",  # a regulation's adoption and amendment lines
    "session",  # a work report's line naming the 人民代表大会 session
    "signature",  # the signature block: issuer and date at the end of a notice
    "colophon",  # the 抄送 / 印发 lines at the very end
    "body",  # a sentence of the text (施行 clause, 年度 mentions)
    "title",  # read off the chosen title (the issuer a title starts with)
    "page",  # the web page around the document (its date, its publisher)
    "context",  # completed from other fields (the city of 市教育局 from the title)
)


@dataclass(frozen=True)
class Candidate:
    value: object
    where: str  # one of PLACES
    text: str = ""  # the text the value was read from
    line: int | None = None  # index of the paragraph it stands in, when it is one
    inferred: bool = False  # not stated by the document itself


@dataclass(frozen=True)
class View:
    """The cleaned document as the extractors see it: paragraphs and evidence, never edited."""

    paragraphs: tuple[str, ...]
    evidence: tuple[tuple[str, str], ...]
    doc: Document = field(repr=False, compare=False)

    @classmethod
    def of(cls, doc: Document) -> View:
        return cls(doc.paragraphs, doc.evidence, doc)

    def stated(self, key: str) -> list[str]:
        """Values of one evidence key, in page order, without empty ones."""
        return [value.strip() for name, value in self.evidence if name == key and value.strip()]

    def first(self, key: str) -> str | None:
        values = self.stated(key)
        return values[0] if values else None

    @cached_property
    def head_end(self) -> int:
        """Paragraphs before the body: the head where titles, 文号 and addressees stand."""
        return body_start(self.paragraphs)

    @cached_property
    def head_digits(self) -> tuple[str, ...]:
        """The head's paragraphs (and a dozen after it) with full-width digits as ASCII (２０２３ -> 2023),
        where history, session and 文号 lines are read."""
        return tuple(ascii_digits(p) for p in self.paragraphs[: self.head_end + 12])

    @property
    def source(self):
        return self.doc.source


def choose(candidates: list[Candidate]) -> Candidate | None:
    """The best-placed candidate (PLACES order), the earliest of equals."""
    if not candidates:
        return None
    return min(enumerate(candidates), key=lambda pair: (PLACES.index(pair[1].where), pair[0]))[1]


def rank(candidate: Candidate) -> int:
    """Where a candidate stands in the order of trust (PLACES)."""
    return PLACES.index(candidate.where)
