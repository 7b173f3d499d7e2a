"""The one data type that flows through every stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where a document came from: facts about the file, never about its content."""

    file: str  # path relative to the sources folder, POSIX separators
    sha256: str
    format: str  # txt, md, html, docx
    encoding: str | None = None  # as detected; None for binary formats such as docx
    url: str | None = None  # the original web address, when the source says it
    site: str | None = None  # the web site or publisher the page names (e.g. 来源:荣成市人民政府)
    page_date: str | None = None  # the date the web page shows (not necessarily the document's)
    reposted: bool = False  # True when the page is a reposting site's copy (disclaimer seen)


@dataclass(frozen=True)
class Block:
    """One unit of the document's body, in reading order."""

    kind: str  # "title", "heading", "subheading", "item", "paragraph"
    text: str
    anchor: str | None = None
    level: int = 0  # heading depth for headings (2, 3), nesting for items


@dataclass(frozen=True)
class Document:
    source: Source
    raw_text: str = ""  # the text read gives; clean consumes it (empty from then on: the paragraphs hold it)
    # Metadata evidence found in the page's furniture (disclosure tables, 【颁发部门】 blocks, HTML meta),
    # keyed by the metadata field it supports. Filled by read and clean, consumed by extract.
    evidence: tuple[tuple[str, str], ...] = ()
    original_script: str = "hans"
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    metadata: dict = field(default_factory=dict)
    inferred: tuple[str, ...] = ()
    # Fields whose value a curator should check (extract.doubts), in schema order, and why: (field, note) pairs,
    # a note naming the reason and the other candidates with where they were found.
    doubtful: tuple[str, ...] = ()
    doubts: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    # Anchors of the blocks that evidence each topic: {topic name: (anchor, ...)}
    topic_sections: dict = field(default_factory=dict)
    # Titles cited in the text as 《…》 (extract.citations.Citation), in order of first appearance.
    cited: tuple = ()
    # Quantitative targets (extract.targets.Target) and responsible units of tasks (extract.targets.Duty).
    targets: tuple = ()
    duties: tuple = ()

    @property
    def citations(self) -> tuple[str, ...]:
        """The cited titles, in order of first appearance."""
        return tuple(c.title for c in self.cited)

    def evidence_for(self, key: str) -> list[str]:
        return [value for name, value in self.evidence if name == key]
