"""Machine-readable outputs under docs/data/: each one is an entry of `EXPORTS` (its path and the
function that makes it from the documents). Every row is the schema's record of a document."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from .document import Document
from .schema import METADATA_KEYS, SOURCE_KEYS, json_schema_text, record


def _rows(docs: list[Document]) -> list[dict]:
    return [{**record(doc), "url": f"documents/{doc.metadata['id']}/"} for doc in sorted(docs, key=lambda d: d.metadata["id"])]


def catalog(docs: list[Document]) -> str:
    """catalog.json: every document with all its metadata and page URL."""
    return json.dumps({"documents": _rows(docs)}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return str(value)


def catalog_csv(docs: list[Document]) -> str:
    """catalog.csv: the same rows flattened (source.* columns, lists joined by ；), UTF-8 with a BOM so
    that Excel shows the Chinese text."""
    header = [*METADATA_KEYS, *(f"source.{key}" for key in SOURCE_KEYS), "original_script", "inferred", "warnings", "url"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in _rows(docs):
        flat = {**row, **{f"source.{k}": v for k, v in row.pop("source").items()}}
        writer.writerow([_csv_value(flat[column]) for column in header])
    return "\ufeff" + buffer.getvalue()


EXPORTS: tuple[tuple[str, Callable[[list[Document]], str]], ...] = (
    ("data/catalog.json", catalog),
    ("data/catalog.csv", catalog_csv),
    ("data/schema.json", lambda docs: json_schema_text()),
)
