"""Relations between the documents of the archive: which document each citation names.

A citation (extract.citations) resolves to a document of the archive by its 文号, else by its normalised
title — the document's own title, or the title of the plan a notice issues (关于印发《X》的通知 holds X).
A truncated citation is never resolved: its end is unknown. Anything else is external. Pure: the same
documents give the same relations, whatever order they come in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .document import Document
from .extract.citations import Citation, issued_titles, normal_title
from .knowledge import vocabulary


@dataclass(frozen=True)
class Reference:
    """One citation of `citing`, and the archive's document it names (None: not held)."""

    citing: Document
    citation: Citation
    held: Document | None


def _doc_id(doc: Document) -> str:
    return doc.metadata["id"]


def _held_titles(doc: Document) -> set[str]:
    """The titles a document answers to: its own, and the title of the plan it issues."""
    title = doc.metadata.get("title") or ""
    # A title that is a bare kind of document (政府工作报告) names no document in particular.
    names = {normal_title(title)} if title and title not in vocabulary()["bare_titles"] else set()
    names |= {normal_title(inner) for inner in issued_titles(title)}
    return names - {""}


class TitleIndex:
    """The archive's documents by the titles they answer to and by 文号, as citations are resolved."""

    def __init__(self, docs: list[Document]):
        self.by_title: dict[str, list[Document]] = defaultdict(list)
        self.by_number: dict[str, list[Document]] = defaultdict(list)
        for doc in sorted(docs, key=_doc_id):
            for name in _held_titles(doc):
                self.by_title[name].append(doc)
            if doc.metadata.get("doc_number"):
                self.by_number[doc.metadata["doc_number"]].append(doc)

    def find(self, title: str, doc_number: str | None = None) -> list[Document]:
        """The documents a cited title (and the 文号 printed after it) names: by 文号 first, else by title."""
        return list(self.by_number.get(doc_number or "", ()) or self.by_title.get(normal_title(title), ()))


class Relations:
    """Every citation of the archive resolved; what each document cites and what cites it."""

    def __init__(self, docs: list[Document]):
        ordered = sorted(docs, key=_doc_id)
        index = TitleIndex(ordered)
        by_title, by_number = index.by_title, index.by_number
        self._by_id = {_doc_id(doc): doc for doc in ordered}
        self._cites: dict[str, list[Reference]] = {}
        self._cited_by: dict[str, list[Reference]] = defaultdict(list)
        for doc in ordered:
            refs = [Reference(doc, c, _resolve(c, doc, by_title, by_number)) for c in doc.cited]
            self._cites[_doc_id(doc)] = refs
            for ref in refs:
                if ref.held is not None:
                    self._cited_by[_doc_id(ref.held)].append(ref)

    def document(self, doc_id: str | None) -> Document | None:
        """The archive's document of an id (None: not held)."""
        return self._by_id.get(doc_id or "")

    def cites(self, doc: Document) -> list[Reference]:
        return self._cites.get(_doc_id(doc), [])

    def cited_by(self, doc: Document) -> list[Reference]:
        return self._cited_by.get(_doc_id(doc), [])

    def references(self) -> list[Reference]:
        return [ref for refs in self._cites.values() for ref in refs]

    def cited_titles(self) -> list[CitedTitle]:
        """Every cited title with the documents citing it, most cited first, then by title."""
        groups: dict[str, list[Reference]] = defaultdict(list)
        for ref in self.references():
            key = f"id:{_doc_id(ref.held)}" if ref.held else f"title:{normal_title(ref.citation.title)}"
            groups[key].append(ref)
        titles = [CitedTitle.of(refs) for refs in groups.values()]
        return sorted(titles, key=lambda t: (-len(t.references), t.title, t.held_id or ""))


@dataclass(frozen=True)
class CitedTitle:
    """A title as cited (the held document's title when the archive holds it) and its citations."""

    title: str
    doc_number: str | None
    held: Document | None
    truncated: bool
    references: tuple[Reference, ...]

    @property
    def held_id(self) -> str | None:
        return _doc_id(self.held) if self.held else None

    @classmethod
    def of(cls, refs: list[Reference]) -> CitedTitle:
        first = refs[0]
        numbers = sorted({r.citation.doc_number for r in refs if r.citation.doc_number})
        return cls(
            title=first.citation.title,
            doc_number=numbers[0] if numbers else None,
            held=first.held,
            truncated=all(r.citation.truncated for r in refs),
            references=tuple(sorted(refs, key=lambda r: _doc_id(r.citing))),
        )


def _resolve(citation: Citation, citing: Document, by_title, by_number) -> Document | None:
    if citation.truncated:
        return None
    for found in (by_number.get(citation.doc_number or "", ()), by_title.get(normal_title(citation.title), ())):
        others = [d for d in found if d is not citing]
        if others:
            return others[0]
    return None
