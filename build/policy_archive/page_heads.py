"""The document pages' heads that docs/ holds from the last build, so that a page whose document is unchanged is not
rendered again: only its relations are, which depend on the rest of the archive."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from .cache import pipeline_fingerprint
from .document import Document
from .relations import Relations
from .render import head_and_text_from, with_relations
from .series import SeriesIndex
from .staging import write_atomic

log = logging.getLogger(__name__)


class DocumentPages(dict):
    """Document pages, {path: page}, their rows of PageHeads (`heads`, {id: row}) and how many kept their head."""

    def __init__(self, pages: dict[str, str], heads: dict[str, list], kept: int):
        super().__init__(pages)
        self.heads, self.kept = heads, kept


def document_key(doc: Document) -> str:
    """A digest of everything the document holds: its repr, which spells every field, nested dataclasses too. (Not
    its pickle: that depends on which equal strings happen to be one object, which differs between a document just
    converted and the same read back from the cache.)"""
    return hashlib.blake2b(repr(doc).encode("utf-8"), digest_size=16).hexdigest()


class PageHeads:
    """The document pages' heads (render.page_head: front matter, heading, text) that docs/ holds from the last build,
    so that a page whose document is unchanged is not rendered again: only its relations are, which depend on the
    rest of the archive (what cites it, its series). Adding a document to an archive of 10,000 so renders one head
    instead of 10,000 (about 7 s of CPU at 9,361 documents, 2026-12-04).

    A head is reused only where the document has the same document_key as the one the page was made from (the
    pipeline unchanged too) and docs/ still holds those head bytes (a digest of them): anything else is rendered
    afresh, so a reused page is the page render() makes. Kept in the conversion cache's folder, one file per docs
    folder: {"pipeline": fingerprint, "pages": {id: [document key, head bytes, head digest, text_from]}}."""

    def __init__(self, cache_dir: Path, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        folder = hashlib.blake2b(str(self.docs_dir.resolve()).encode(), digest_size=8).hexdigest()
        self.path = Path(cache_dir) / f"page-heads-{folder}.json"
        self.previous = self._load()
        self.rows: dict[str, list] = {}
        self.kept = 0  # pages whose head was reused

    def _load(self) -> dict:
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            return kept["pages"] if kept.get("pipeline") == pipeline_fingerprint() else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def pages(self, docs: list[Document], relations: Relations, series_index: SeriesIndex) -> DocumentPages:
        pages, rows, kept = {}, {}, 0
        for doc in docs:
            doc_id = doc.metadata["id"]
            key = document_key(doc)
            head = self._kept(doc_id, key)
            if head is not None:
                kept += 1
                rows[doc_id] = self.previous[doc_id]  # (the same document, the same head)
                text_from = rows[doc_id][3]
            else:
                head, text_from = head_and_text_from(doc)
                data = head.encode("utf-8")
                rows[doc_id] = [key, len(data), hashlib.blake2b(data, digest_size=16).hexdigest(), text_from]
            pages[f"documents/{doc_id}.md"] = with_relations(head, text_from, doc, relations, series_index)
        return DocumentPages(pages, rows, kept)

    def _kept(self, doc_id: str, key: str) -> str | None:
        """The head docs/ holds for the document, if its row says it was made from this document and it still does."""
        row = self.previous.get(doc_id)
        if not _well_formed(row) or row[0] != key:
            return None
        _, length, digest, _ = row
        try:
            with (self.docs_dir / "documents" / f"{doc_id}.md").open("rb") as page:
                data = page.read(length)
        except OSError:
            return None
        if len(data) != length or hashlib.blake2b(data, digest_size=16).hexdigest() != digest:
            return None
        return data.decode("utf-8")

    def save(self) -> None:
        """This build's heads, for the next (written once docs/ holds them)."""
        kept = {"pipeline": pipeline_fingerprint(), "pages": dict(sorted(self.rows.items()))}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, (json.dumps(kept, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
        except OSError as exc:  # (the next build renders every page again: slower, never wrong)
            log.warning("could not keep the pages' heads in %s: %s", self.path, exc)


#: How a page may give back its text (render.text_in_markdown): a row saying anything else is not used, since the
#: value goes into the page's HTML.
_TEXT_FROM = (None, "heading", "body")


def _well_formed(row) -> bool:
    """Whether a row of the page-heads file has the shape PageHeads writes: it is read from a file anyone could edit."""
    return (
        isinstance(row, list)
        and len(row) == 4
        and isinstance(row[0], str)
        and isinstance(row[1], int)
        and not isinstance(row[1], bool)
        and 0 < row[1] <= 1 << 26
        and isinstance(row[2], str)
        and row[3] in _TEXT_FROM
    )
