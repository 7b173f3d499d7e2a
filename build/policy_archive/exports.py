"""Machine-readable outputs under docs/data/: each one is an entry of `EXPORTS` (its path and the
function that makes it from the documents, the archive's masthead and its ledger). Every row is the schema's
record of a document."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .config import Masthead
from .document import Document
from .ledger import complete_ledger
from .records import record
from .relations import Relations
from .render import document_text
from .schema import CONTENT, LABELS, METADATA, METADATA_KEYS, PUBLIC_DATE, RECORD, SOURCE_KEYS, first_date, json_schema_text
from .xml_text import xml_safe

#: What an export is made of: the documents, the archive's masthead (its name and description) and its ledger
#: ({id: the date the document first entered the archive}, ledger.py); every export takes all three.
Export = Callable[[list[Document], Masthead, Mapping[str, str]], "str | Iterable[str]"]


class ExportError(Exception):
    """An export could not be made: which file (`export`), the document it was writing (`document`, None when
    it failed as a whole) and the problem. The build stops with this message instead of a traceback."""

    def __init__(self, export: str, document: str | None, problem: str):
        super().__init__(export, document, problem)  # (all of them: the error is pickled back from a worker)
        self.export, self.document, self.problem = export, document, problem

    def __str__(self) -> str:
        at = f" at document {self.document}" if self.document else ""
        return f"export {self.export or '(unnamed)'} failed{at}: {self.problem}"


def _problem(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def _writing(doc: Document):
    """Whatever fails while one document is written out is an ExportError naming it."""
    try:
        yield
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError("", doc.metadata.get("id"), _problem(exc)) from exc


def _named(path: str, make: Export) -> Export:
    """`make`, whose failures (while it runs or while its pieces are read) are ExportErrors naming `path`."""

    def named(docs: list[Document], masthead: Masthead, added: Mapping[str, str]):
        with _export(path):
            made = make(docs, masthead, added)
        return made if isinstance(made, str) else _pieces(path, made)

    return named


def _pieces(path: str, pieces: Iterable[str]) -> Iterator[str]:
    with _export(path):
        yield from pieces


@contextmanager
def _export(path: str):
    try:
        yield
    except ExportError as exc:
        raise ExportError(path, exc.document, exc.problem) from exc.__cause__
    except Exception as exc:
        raise ExportError(path, None, _problem(exc)) from exc


def _doc_id(doc: Document) -> str:
    return doc.metadata["id"]


def _row(doc: Document) -> dict:
    with _writing(doc):
        return {**record(doc), "url": f"documents/{doc.metadata['id']}/"}


def _rows(docs: list[Document]) -> list[dict]:
    return [_row(doc) for doc in sorted(docs, key=_doc_id)]


def catalog(docs: list[Document]) -> str:
    """catalog.json: every document with all its metadata and page URL."""
    rows = _rows(docs)
    try:
        return json.dumps({"documents": rows}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    except (TypeError, ValueError) as exc:
        raise ExportError("", _row_that_fails(rows), _problem(exc)) from exc


def _row_that_fails(rows: list[dict]) -> str | None:
    """The id of the first row JSON cannot hold (the whole failed: a value of a type JSON has not)."""
    for row in rows:
        try:
            json.dumps(row, ensure_ascii=False)
        except (TypeError, ValueError):
            return row.get("id")
    return None


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(…), +cmd|…, -1+1, @SUM(…), and
# a tab or carriage return before one): OWASP's rule against CSV injection is to start such a cell with a
# single quote (OWASP ASVS 5 adds the NUL character). Every such cell, -1 too: no column of the catalog holds
# a negative number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def _csv_item(item) -> str:
    """One item of a list cell: a history event as its values joined by spaces (2009-02-24 修订 某会议)."""
    return " ".join(str(v) for v in item.values() if v is not None) if isinstance(item, dict) else str(item)


def _csv_value(value) -> str:
    if value is None:
        return ""
    text = "；".join(_csv_item(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def catalog_csv(docs: list[Document]) -> str:
    """catalog.csv: the same rows flattened (source.* columns, lists joined by ；), UTF-8 with a BOM so
    that Excel shows the Chinese text. A cell a spreadsheet would run as a formula (one starting with = + - @,
    a tab, a carriage return or NUL) starts with a single quote ', so that it is read as text; catalog.json
    holds every value as it is."""
    header = [*METADATA_KEYS, *(f"source.{key}" for key in SOURCE_KEYS), "original_script", "inferred", "doubtful", "warnings", "url"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for doc in sorted(docs, key=_doc_id):
        row = _row(doc)
        with _writing(doc):
            flat = {**row, **{f"source.{k}": v for k, v in row.pop("source").items()}}
            writer.writerow([_csv_value(flat[column]) for column in header])
    return "\ufeff" + buffer.getvalue()


def _citation(ref) -> dict:
    c = ref.citation
    held = ref.held.metadata["id"] if ref.held else None
    return {
        "title": c.title,
        "doc_number": c.doc_number,
        "anchors": list(c.anchors),
        "truncated": c.truncated,
        "repaired": c.repaired,
        "held_id": held,
    }


def document_line(doc: Document, relations: Relations) -> dict:
    """One line of documents.jsonl: the catalog row, then the schema's CONTENT fields."""
    with _writing(doc):
        return _document_line(doc, relations)


def _document_line(doc: Document, relations: Relations) -> dict:
    sections = [{"anchor": b.anchor, "kind": b.kind, "level": b.level, "text": b.text} for b in doc.blocks if b.anchor]
    content = {
        "text": document_text(doc),
        "sections": sections,
        "citations": [_citation(ref) for ref in relations.cites(doc)],
        "targets": [asdict(t) for t in doc.targets],
        "units": [asdict(d) for d in doc.duties],
    }
    return {**_row(doc), **{f.name: content[f.name] for f in CONTENT}}


def documents_jsonl_lines(docs: list[Document]) -> Iterator[str]:
    """documents.jsonl line by line (each ending in a newline): the writer streams them to the file, since
    the whole file is large (529 MB at 91,861 documents; as a str, then encoded, twice that in memory)."""
    relations = Relations(docs)
    for doc in sorted(docs, key=_doc_id):
        line = document_line(doc, relations)
        with _writing(doc):
            yield json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n"


def documents_jsonl(docs: list[Document]) -> str:
    """documents.jsonl: one document a line, sorted by id (metadata, clean text, sections, citations,
    targets, units); each line is valid against schema.json's $defs/document."""
    return "".join(documents_jsonl_lines(docs))


# --- Atom feeds -------------------------------------------------------------------------------------------
FEED_ENTRIES = 50  # the latest additions a feed lists (the catalog lists every document)


def _feed_date(doc: Document) -> str | None:
    """The date a document entered public view (schema.PUBLIC_DATE: published, else written; not a reposting page's)."""
    return first_date(doc.metadata, PUBLIC_DATE)


def _own_date(doc: Document) -> str | None:
    """The document's own date for a feed's summary, labelled (发布日期 2021-03-01, else 成文日期 …: _feed_date), else
    its year (2021年); None where it has neither."""
    m = doc.metadata
    date = _feed_date(doc)
    if date:
        return f"{LABELS[next(name for name in PUBLIC_DATE if m.get(name) == date)]} {date}"
    return f"{m['year']}年" if m.get("year") else None


def atom_feed(
    docs: list[Document],
    masthead: Masthead | None = None,
    added: Mapping[str, str] | None = None,
    topic: str | None = None,
    depth: int = 1,
) -> str:
    """An Atom feed (feedgen) of what the archive added, of one topic or of all: every document, dated or not, the
    latest additions first (the ledger's dates, `added`; ties by id), FEED_ENTRIES of them. An entry's `updated`
    and `published` are the date it entered the archive; its summary gives the document's own date. Links are
    relative to the feed's own address (`depth` folders below the site's root), so the feed works under any host;
    the feed's `updated` is its latest addition's date, so the same documents and ledger give the same bytes.
    Every value leaves out the characters XML cannot hold (xml_text.xml_safe)."""
    from feedgen.feed import FeedGenerator

    masthead = masthead or Masthead()
    added = complete_ledger(docs, added) if added is None or any(d.metadata["id"] not in added for d in docs) else added
    chosen = sorted((doc for doc in docs if topic is None or topic in doc.metadata.get("topics", [])), key=_doc_id)
    # The latest addition first; documents added the same day by id (a stable sort keeps the id order).
    listed = sorted(chosen, key=lambda doc: added[doc.metadata["id"]], reverse=True)[:FEED_ENTRIES]
    up = "../" * depth
    feed = FeedGenerator()
    feed.id(xml_safe(f"urn:policy-archive:feed:{topic or 'all'}"))
    feed.title(xml_safe(f"{masthead.title} · {topic}" if topic else f"{masthead.title} · 新收录文件"))
    feed.subtitle(xml_safe(masthead.description))
    feed.link(href=up, rel="alternate")
    feed.language("zh-CN")
    feed.generator("policy-archive")
    if not listed:
        feed.updated("1970-01-01T00:00:00+00:00")
    for doc in listed:
        with _writing(doc):
            date = added[doc.metadata["id"]]
            if doc is listed[0]:
                feed.updated(f"{date}T00:00:00+00:00")  # (the latest addition's date: the same ledger, the same bytes)
            entry = feed.add_entry(order="append")
            _atom_entry(entry, date, doc, up)
            entry.atom_entry()  # its XML made now too, so that a failure names this document
    return feed.atom_str(pretty=True).decode("utf-8")


def _atom_entry(entry, date: str, doc: Document, up: str) -> None:
    m = doc.metadata
    entry.id(xml_safe(f"urn:policy-archive:document:{m['id']}"))
    entry.title(xml_safe(str(m.get("title") or m["id"])))
    entry.link(href=xml_safe(f"{up}documents/{m['id']}/"))
    entry.updated(f"{date}T00:00:00+00:00")
    entry.published(f"{date}T00:00:00+00:00")
    summary = xml_safe("；".join(str(v) for v in (m.get("issuer"), m.get("doc_number"), _own_date(doc)) if v))
    if summary:
        entry.summary(summary)
    for name in m.get("topics", []):
        entry.category(term=xml_safe(str(name)))


def _topic_feeds() -> tuple[tuple[str, Export], ...]:
    """One feed a topic of the vocabulary: data/feeds/<slug>.xml."""
    from .knowledge import topics

    return tuple(
        (f"data/feeds/{t.slug}.xml", lambda docs, masthead, added, name=t.name: atom_feed(docs, masthead, added, name, depth=2))
        for t in topics()[0]
    )


def _of_documents(make: Callable[[list[Document]], str | Iterable[str]]) -> Export:
    """An export made of the documents alone."""
    return lambda docs, masthead, added: make(docs)


#: (path under docs/, function making the file's text from the documents, the masthead and the ledger: a str, or
#: its pieces in order). A failure is an ExportError naming the file and, where one is to blame, the document.
EXPORTS: tuple[tuple[str, Export], ...] = tuple(
    (path, _named(path, make))
    for path, make in (
        ("data/catalog.json", _of_documents(catalog)),
        ("data/catalog.csv", _of_documents(catalog_csv)),
        ("data/documents.jsonl", _of_documents(documents_jsonl_lines)),
        ("data/schema.json", _of_documents(lambda docs: json_schema_text())),
        ("data/feed.xml", atom_feed),
        *_topic_feeds(),
    )
)


# --- archive.sqlite: the same lines as tables -----------------------------------------------------------

# Lines per batch of inserts: the lines are read from documents.jsonl one by one, so memory stays bounded.
SQLITE_BATCH = 500


@lru_cache(maxsize=1)
def _segmenter():
    """jieba-rs (rjieba), with the topic vocabulary's terms as words: the same dictionary as jieba,
    twenty times faster, which matters since every character of the archive is segmented."""
    import rjieba

    from .knowledge import topics

    segmenter = rjieba.Jieba()
    for topic in topics()[0]:
        for term in topic.terms:
            segmenter.add_word(term, None, None)
    return segmenter


def _segmented(text: str) -> str:
    """The text as words separated by spaces, for SQLite's FTS5 tokenizer, which splits on spaces but
    not between Chinese words."""
    return " ".join(filter(_HAS_ALNUM.search, _segmenter().cut(text, False)))


# A word with a letter or digit (str.isalnum's classes: \w without the underscore); punctuation is no word.
_HAS_ALNUM = re.compile(r"[^\W_]")


def _tables(line: dict, words: str) -> dict[str, list[dict]]:
    """One documents.jsonl line (and its segmented text) as rows of each table of archive.sqlite."""
    doc_id = line["id"]
    content = {f.name for f in CONTENT}
    document = {k: v for k, v in line.items() if k not in content and k != "source"}
    document.update({f"source_{k}": v for k, v in line["source"].items()})
    return {
        "documents": [document],
        "sections": [{"doc_id": doc_id, **s} for s in line["sections"]],
        "citations": [{"doc_id": doc_id, **c} for c in line["citations"]],
        "targets": [{"doc_id": doc_id, **t} for t in line["targets"]],
        "units": [{"doc_id": doc_id, **u} for u in line["units"]],
        "topics": [{"doc_id": doc_id, "topic": t} for t in line["topics"]],
        "texts": [{"doc_id": doc_id, "title": line["title"] or "", "words": words}],
    }


_SQLITE_COLUMNS = {
    "sections": {"doc_id": str, "anchor": str, "kind": str, "level": int, "text": str},
    "citations": {"doc_id": str, "title": str, "doc_number": str, "anchors": str, "truncated": bool, "repaired": bool, "held_id": str},
    "targets": {
        "doc_id": str,
        "indicator": str,
        "number": str,
        "value": float,
        "unit": str,
        "qualifier": str,
        "phrase": str,
        "anchor": str,
    },
    "units": {"doc_id": str, "unit": str, "role": str, "task": str, "anchor": str},
    "topics": {"doc_id": str, "topic": str},
    "texts": {"doc_id": str, "title": str, "words": str},
}


def _document_columns() -> dict:
    columns = {f.name: int if f.type == "year" else str for f in METADATA}
    columns.update({f"source_{key}": str for key in SOURCE_KEYS})
    columns.update({f.name: str for f in RECORD})
    return {**columns, "url": str}


def _create_tables(db) -> None:
    db["documents"].create(_document_columns(), pk="id")
    for table, columns in _SQLITE_COLUMNS.items():
        db[table].create(columns, foreign_keys=[("doc_id", "documents", "id")], pk="doc_id" if table == "texts" else None)
    for table in ("sections", "citations", "targets", "units", "topics"):
        db[table].create_index(["doc_id"])


def _chunks(lines, size: int):
    chunk = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _flush(db, batch: dict[str, list[dict]]) -> None:
    """Insert the batch's rows, table by table: one prepared statement each, as sqlite-utils' insert_all
    would write them (its columns in the order the rows first name them, lists as JSON), without its
    per-value checks, which took a third of the database's time (5 of 16 s at 9,361 documents)."""
    with db.conn:
        for table, rows in batch.items():
            if not rows:
                continue  # (a batch of documents without units, say)
            columns = list(dict.fromkeys(key for row in rows for key in row))
            names, marks = ", ".join(f"[{c}]" for c in columns), ", ".join("?" * len(columns))
            values = ([_sql_value(row.get(c)) for c in columns] for row in rows)
            db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", values)
    batch.clear()


def _sql_value(value):
    """A value as sqlite-utils stores it: a list or a mapping as its JSON text, anything else as it is."""
    return json.dumps(value, default=repr, ensure_ascii=False) if type(value) in (list, dict, tuple) else value


def write_sqlite(jsonl: Path, target: Path) -> None:
    """archive.sqlite from documents.jsonl, with sqlite-utils: documents (one row each, lists as JSON),
    sections, citations, targets, units and topics (each with doc_id), and texts with an FTS5 index
    (texts_fts) over the title and the jieba-segmented text. The same lines in the same SQLite version
    give the same bytes: no timestamps are stored and rows go in in the file's order."""
    import sqlite_utils

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite_utils.Database(partial)
    _create_tables(db)
    with jsonl.open(encoding="utf-8") as lines:
        for chunk in _chunks(lines, SQLITE_BATCH):
            batch: dict[str, list[dict]] = {}
            for line in map(json.loads, chunk):
                for table, rows in _tables(line, _segmented(line["text"])).items():
                    batch.setdefault(table, []).extend(rows)
            _flush(db, batch)
    db["texts"].enable_fts(["title", "words"], tokenize="unicode61")
    db.vacuum()
    db.close()
    partial.replace(target)
