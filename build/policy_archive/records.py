"""The catalog row of a document: every field of the schema, in its order. The page's front matter
(render.py) and the rows of catalog.json, catalog.csv, documents.jsonl and archive.sqlite (exports.py) are it."""

from __future__ import annotations

import re
from typing import Any

from .document import Document
from .schema import METADATA_KEYS, SOURCE_KEYS


def record(doc: Document) -> dict:
    """Every field of one document, in schema order: the front matter and the catalog row."""
    values = {
        "file": doc.source.file,
        "sha256": doc.source.sha256,
        "format": doc.source.format,
        "encoding": doc.source.encoding,
        "url": doc.source.url,
        "site": doc.source.site,
        "page_date": doc.source.page_date,
        "raw_path": raw_path(doc),
        "also_saved_as": doc.evidence_for("duplicate_source"),
        "attachments": doc.evidence_for("attachment"),
    }
    row: dict[str, Any] = {key: doc.metadata.get(key) for key in METADATA_KEYS}
    row["source"] = {key: values[key] for key in SOURCE_KEYS}
    row["original_script"] = doc.original_script
    row["inferred"] = list(doc.inferred)
    row["doubtful"] = list(doc.doubtful)
    row["warnings"] = list(doc.warnings)
    return row


def raw_path(doc: Document) -> str:
    """Where the site serves the untouched source. Pages saved as HTML are served as text, never as HTML; a
    text source is stored gzipped (name.txt.gz, name.html.txt.gz: less than half its bytes), which the page's
    script unpacks to show it; a .docx is compressed already and stays as it is."""
    name = f"sources/{doc.metadata['id']}/{_served_name(doc.source.file.rsplit('/', 1)[-1])}"
    if name.lower().endswith(".docx"):
        return name
    if not name.lower().endswith(".txt"):
        name += ".txt"
    return name + ".gz"


# The card (overrides/partials/document-card.html) URL-encodes raw_path as the MkDocs plugin hands it over,
# HTML-escaped: a name with & < > " ' was linked as a%26amp%3Bb, a name that does not exist. It links no name
# with : or .. at all. The served name has their full-width forms instead, which read the same and need no
# escaping; source.file keeps the name as it was.
_HREF_UNSAFE = str.maketrans({"&": "＆", "<": "＜", ">": "＞", '"': "＂", "'": "＇", ":": "："})
_DOT_BEFORE_DOT = re.compile(r"\.(?=\.)")


def _served_name(name: str) -> str:
    return _DOT_BEFORE_DOT.sub("．", name.translate(_HREF_UNSAFE))
