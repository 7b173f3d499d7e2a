"""The writer: every generated file of docs/ from the converted documents, and writing them."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .document import Document
from .exports import EXPORTS, write_sqlite
from .index import LISTINGS, home_page
from .pages import render_page
from .relations import Relations
from .render import raw_path, render
from .report import Outcome, build_report, counts
from .schema import about_table
from .series import SeriesIndex

log = logging.getLogger(__name__)

# Folders of docs/ whose files the pipeline alone writes (stale ones are removed); it also writes
# index.md, search.md and about.md. Anything else in docs/ is left alone.
GENERATED_DIRS = ("documents", *(listing.folder for listing in LISTINGS), "data")


def generate(docs: list[Document], outcomes: list[Outcome]) -> dict[str, str]:
    """Pure: every generated file of docs/, as {relative path: content}."""
    files: dict[str, str] = {}
    relations, series_index = Relations(docs), SeriesIndex(docs)
    for doc in docs:
        files[f"documents/{doc.metadata['id']}.md"] = render(doc, relations, series_index)
    for listing in LISTINGS:
        files.update(listing.build(docs))
    for path, make in EXPORTS:
        files[path] = make(docs)
    files["data/build-report.json"] = build_report(outcomes)
    files["index.md"] = home_page(docs, counts(outcomes)["rejected"])
    files["search.md"] = render_page("search.md", "search.md")
    files["about.md"] = render_page("about.md", "about.md.j2", field_table=about_table())
    return files


def write_tree(docs_dir: Path, files: dict[str, str]) -> None:
    """Make docs_dir's generated part exactly `files`: unchanged files are not rewritten, stale ones go."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    for sub in GENERATED_DIRS:
        root = docs_dir / sub
        if root.exists():
            for path in sorted(root.rglob("*"), reverse=True):
                rel = path.relative_to(docs_dir).as_posix()
                if path.is_file() and rel not in files:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    for rel, content in files.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(target, content.encode("utf-8"))


def write_if_changed(target: Path, data: bytes) -> None:
    """Write `data` unless `target` already holds it: an unchanged file keeps its time, which tells MkDocs'
    dirty build that its page need not be built again."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    target.write_bytes(data)


def raw_sources(docs: list[Document], sources_dir: Path) -> list[tuple[Path, str]]:
    """(source file, path in the site) for the raw copy each document page links to."""
    return [(sources_dir / doc.source.file, raw_path(doc)) for doc in docs]


# Binary exports are built into the site only: docs/ holds text that the tests compare byte for byte,
# and a SQLite file's bytes depend on the SQLite version that wrote it.
# The whole-archive files are served gzipped: uncompressed they were 16 KB a document, a fifth of the
# site, and at GitHub Pages' 1 GB they alone would cap the archive near 60,000 documents. The plain
# documents.jsonl stays in docs/data/ (the repository).


class SiteData:
    """The site's whole-archive exports, made from docs/data/documents.jsonl: archive.sqlite.gz, built in a
    thread from the moment this is made (MkDocs and Pagefind run in their own processes, this one only
    waits on them, so the database costs the build no time on a machine with a core to spare), then
    ``finish`` puts it into the site with documents.jsonl.gz (which replaces the plain copy MkDocs made)
    and each document's downloads. ``close`` removes the work folder whatever happened."""

    def __init__(self, docs_dir: Path, site_dir: Path):
        self.docs_dir, self.site_dir = Path(docs_dir), Path(site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(dir=self.site_dir.parent, prefix=".archive-data-"))
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.database = self.pool.submit(self._database)

    def _database(self) -> tuple[Path, float]:
        started = time.perf_counter()
        sqlite = self.work / "archive.sqlite"
        write_sqlite(self.docs_dir / "data" / "documents.jsonl", sqlite)
        gzip_file(sqlite, self.work / "archive.sqlite.gz")
        return self.work / "archive.sqlite.gz", time.perf_counter() - started

    def finish(self) -> None:
        packed, seconds = self.database.result()
        started = time.perf_counter()
        data = self.site_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        shutil.move(packed, data / "archive.sqlite.gz")
        gzip_file(self.docs_dir / "data" / "documents.jsonl", data / "documents.jsonl.gz")
        (data / "documents.jsonl").unlink(missing_ok=True)
        write_site_texts(self.docs_dir, self.site_dir)
        log.info(
            "archive.sqlite built in %.2fs beside the site; data and downloads written in %.2fs", seconds, time.perf_counter() - started
        )

    def close(self) -> None:
        self.database.cancel()
        self.pool.shutdown(wait=True)
        shutil.rmtree(self.work, ignore_errors=True)


def gzip_file(source: Path, target: Path) -> None:
    """`target`, the gzip of `source`: no name or time in the header, so the same bytes give the same file."""
    partial = target.with_name(target.name + ".partial")
    with (
        source.open("rb") as raw,
        partial.open("wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=6) as packed,
    ):
        shutil.copyfileobj(raw, packed, 1 << 20)
    partial.replace(target)


def write_site_texts(docs_dir: Path, site_dir: Path) -> None:
    """Beside each document page (documents/ID/): ID.txt, its clean text (title first), and ID.md, its
    Markdown with the metadata as front matter: what the page's 下载 links fetch. Read line by line
    from documents.jsonl, so memory stays bounded. A file that already holds these bytes (a site built
    before) is left alone."""
    with (docs_dir / "data" / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            folder = site_dir / "documents" / row["id"]
            folder.mkdir(parents=True, exist_ok=True)
            write_if_changed(folder / f"{row['id']}.txt", (row["text"] + "\n").encode("utf-8"))
            write_if_changed(folder / f"{row['id']}.md", (docs_dir / "documents" / f"{row['id']}.md").read_bytes())
