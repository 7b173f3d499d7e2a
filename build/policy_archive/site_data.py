"""The site's whole-archive files and each document's downloads, written beside the pages MkDocs made: archive.sqlite,
the gzipped data files, and ID.md.gz / ID.txt.gz beside each document page."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .exports import write_sqlite
from .render import text_taken_out
from .staging import write_if_changed

log = logging.getLogger(__name__)


# Binary exports are built into the site only: docs/ holds text that the tests compare byte for byte,
# and a SQLite file's bytes depend on the SQLite version that wrote it.
# The whole-archive files are served gzipped: uncompressed they were 16 KB a document, a fifth of the
# site, and at GitHub Pages' 1 GB they alone would cap the archive near 60,000 documents. The plain
# documents.jsonl stays in docs/data/ (the repository).


#: Files of docs/data/ the site serves only gzipped (MkDocs' plain copy is replaced): each grows with the whole
#: archive (catalog.json alone was 1.1 KB a document at 10,000; catalog.csv 0.5 KB, build-report.json 0.25 KB).
#: Their links carry data-archive-gunzip(-view): archive-page.js unpacks them in the browser, so that a
#: spreadsheet still receives catalog.csv and the build report shows as text.
WHOLE_ARCHIVE_FILES = ("documents.jsonl", "catalog.json", "catalog.csv", "build-report.json")


class SiteData:
    """The site's whole-archive exports, made from docs/data/documents.jsonl: archive.sqlite.gz, built in a
    thread from the moment this is made (MkDocs and Pagefind run in their own processes, this one only
    waits on them, so the database costs the build no time on a machine with a core to spare), then
    ``finish`` puts it into the site with documents.jsonl.gz and catalog.json.gz (which replace the plain
    copies MkDocs made)
    and each document's downloads. ``close`` removes the work folder whatever happened."""

    def __init__(self, docs_dir: Path, site_dir: Path):
        self.docs_dir, self.site_dir = Path(docs_dir), Path(site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        # (named after the site folder, so that a killed build's leftover is removed with its staged site)
        self.work = Path(tempfile.mkdtemp(dir=self.site_dir.parent, prefix=f".{self.site_dir.name.lstrip('.')}.data-"))
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
        for name in WHOLE_ARCHIVE_FILES:
            gzip_file(self.docs_dir / "data" / name, data / f"{name}.gz")
            (data / name).unlink(missing_ok=True)
        write_site_texts(self.docs_dir, self.site_dir)
        log.info(
            "archive.sqlite built in %.2fs beside the site; data and downloads written in %.2fs", seconds, time.perf_counter() - started
        )

    def close(self) -> None:
        self.database.cancel()
        self.pool.shutdown(wait=True)
        shutil.rmtree(self.work, ignore_errors=True)


def _packed_after(page: Path, packed: Path) -> bool:
    """Whether `packed` was written after `page` last changed: then it holds the page's bytes, gzipped by an
    earlier build (docs/ keeps the time of a page it does not write again). Strictly after, so that a page
    written in the same tick of the clock is packed again."""
    try:
        return packed.stat().st_mtime_ns > page.stat().st_mtime_ns
    except FileNotFoundError:
        return False


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
    """Beside each document page (documents/ID/): ID.md.gz, its Markdown with the metadata as front matter, and
    ID.txt.gz, its clean text (title first), unless the page's link says the script takes the text out of the
    Markdown (render.text_in_markdown found it gives the text back exactly): what the page's 下载 links fetch
    (render.downloads_section).
    Gzipped without name or time, so the same text gives the same bytes. Read line by line from
    documents.jsonl, so memory stays bounded. A file that already holds these bytes (a site built before) is
    left alone; the plain copies of builds before 2026-12 are removed."""
    with (docs_dir / "data" / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            folder = site_dir / "documents" / row["id"]
            folder.mkdir(parents=True, exist_ok=True)
            page = docs_dir / "documents" / f"{row['id']}.md"
            if _packed_after(page, folder / f"{row['id']}.md.gz") and not (folder / f"{row['id']}.txt.gz").exists():
                continue  # (a page docs/ did not write again: its downloads are those of the last build)
            markdown = page.read_bytes()
            texts = {f"{row['id']}.md": markdown}
            if not text_taken_out(markdown, row["id"]):
                texts[f"{row['id']}.txt"] = (row["text"] + "\n").encode("utf-8")
            else:
                (folder / f"{row['id']}.txt.gz").unlink(missing_ok=True)  # (the page takes the text out of the .md)
            for name, data in texts.items():
                write_if_changed(folder / f"{name}.gz", gzip.compress(data, compresslevel=6, mtime=0))
                (folder / name).unlink(missing_ok=True)
