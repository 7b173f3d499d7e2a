"""The writer: every generated file of docs/ from the converted documents, and writing them."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from . import plan
from .config import Masthead
from .document import Document
from .exports import EXPORTS
from .ledger import LEDGER, complete_ledger, ledger_text
from .listings import LISTINGS, home_page
from .page_heads import DocumentPages, PageHeads
from .pages import render_page
from .processes import forked_map
from .relations import Relations
from .render import raw_path, render
from .report import Outcome, build_report, counts
from .schema import about_table
from .series import SeriesIndex
from .staging import stream_if_changed, write_if_changed

log = logging.getLogger(__name__)

#: The content of a generated file: its text, or its text's pieces in order.
Content = str | Iterable[str]

# Folders of docs/ the pipeline writes into (beside index.md, search.md and about.md). What it removes is only what
# the manifest says it wrote; a docs/ written before there was a manifest is taken as generated in these folders.
GENERATED_DIRS = ("documents", *(listing.folder for listing in LISTINGS), "data")


def generate(
    docs: list[Document],
    outcomes: list[Outcome],
    workers: int | None = None,
    heads: PageHeads | None = None,
    *,
    masthead: Masthead | None = None,
    added: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Pure (but for `heads`, see generated_parts): every generated file of docs/, as {relative path: content}, in
    the order of `_parts`."""
    files: dict[str, str] = {}
    parts = generated_parts(docs, outcomes, workers, heads, masthead=masthead, added=added)
    for _, part in sorted(parts, key=lambda kv: kv[0]):
        files.update((path, _joined(content)) for path, content in part.items())
    return files


def _joined(content: Content) -> str:
    """A file's text from what a part made: the text, or its pieces (a large export streams them)."""
    return content if isinstance(content, str) else "".join(content)


def generated_parts(
    docs: list[Document],
    outcomes: list[Outcome],
    workers: int | None = None,
    heads: PageHeads | None = None,
    *,
    masthead: Masthead | None = None,
    added: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, dict[str, Content]]]:
    """The generated files of docs/ part by part, (number of the part, {relative path: content}), as they are
    made: a writer can write each and let it go (a large archive's pages do not all wait in memory). A
    content is a str, or (made in this process) an iterator of its pieces, which a writer streams.

    The parts (chunks of document pages, each listing, each export, the other pages) do not depend on one
    another: from PARALLEL_MIN_DOCUMENTS documents they are made in `workers` processes (default: one per
    core) forked with the documents in memory, and come largest first. The same files either way.

    With `heads` (the last build's, see PageHeads), a document page whose document is unchanged keeps its head
    and only its relations are made again; `heads` then holds this build's, for PageHeads.save.

    `masthead` is the archive's name and description (home page, about page, feeds; None: this project's own);
    `added` the ledger, {id: the date it first entered the archive} (ledger.py: archive.convert_and_write makes it
    with the build's date; None: as where no build date is given), written as data/ledger.json."""
    parts = _parts(docs, outcomes, heads, masthead or Masthead(), complete_ledger(docs, added))
    if (processes := plan.page_workers(len(docs), workers)) > 1:
        made = _in_workers(parts, processes)
    else:
        made = ((k, make()) for k, (_, make) in enumerate(parts))
    for k, part in made:
        if heads is not None and isinstance(part, DocumentPages):
            heads.rows.update(part.heads)
            heads.kept += part.kept
        yield k, part


def _parts(
    docs: list[Document], outcomes: list[Outcome], heads: PageHeads | None, masthead: Masthead, added: dict[str, str]
) -> list[tuple[str, Callable[[], dict[str, str]]]]:
    """(name, function of no argument making some files of docs/), in the order of the files."""
    relations, series_index = Relations(docs), SeriesIndex(docs)
    size = -(-len(docs) // plan.DOCUMENT_CHUNKS) or 1

    def pages(chunk: list[Document]):
        if heads is not None:
            return lambda: heads.pages(chunk, relations, series_index)
        return lambda: {f"documents/{doc.metadata['id']}.md": render(doc, relations, series_index) for doc in chunk}

    def listing(build):
        return lambda: build(docs)

    def export(path, make):
        return lambda: {path: make(docs, masthead, added)}

    def others():
        return {
            "data/build-report.json": build_report(outcomes),
            LEDGER: ledger_text(added),
            "index.md": home_page(docs, counts(outcomes)["rejected"], masthead),
            "search.md": render_page("search.md", "search.md"),
            "about.md": render_page("about.md", "about.md.j2", masthead=masthead, field_table=about_table()),
        }

    chunks = [("documents", pages(docs[i : i + size])) for i in range(0, len(docs), size)]
    return [
        *chunks,
        *((entry.folder, listing(entry.build)) for entry in LISTINGS),
        *((path, export(path, make)) for path, make in EXPORTS),
        ("pages", others),
    ]


#: Seconds each part took at 9,360 real documents (one CPU, 2026-12-04); parts are handed to the workers
#: largest first, so that the last to finish is a small one. Parts not named here took less than 0.2 s.
_PART_SECONDS = {
    "xref": 2.1,
    "series": 1.8,
    "data/documents.jsonl": 1.0,
    "targets": 0.8,
    "topics": 0.7,
    "data/catalog.json": 0.65,
    "years": 0.5,
    "documents": 0.45,
    "issuers": 0.34,
    "citations": 0.33,
    "places": 0.3,
    "stats": 0.28,
    "data/catalog.csv": 0.26,
    "units": 0.25,
}


_PARTS: list = []


def _make_part(k: int) -> dict[str, str]:
    # What a worker returns is pickled: pieces are joined first (document pages are whole already).
    part = _PARTS[k]()
    return part if isinstance(part, DocumentPages) else {path: _joined(content) for path, content in part.items()}


def _in_workers(parts: list, workers: int) -> Iterator[tuple[int, dict[str, str]]]:
    """Each part made in a forked worker (which inherits `parts` and the documents they close over), largest
    first: (number of the part, its files) as they come."""
    global _PARTS

    order = sorted(range(len(parts)), key=lambda k: -_PART_SECONDS.get(parts[k][0], 0.0))
    _PARTS = [make for _, make in parts]
    try:
        yield from zip(order, forked_map(_make_part, order, workers))
    finally:
        _PARTS = []


#: The list of the files of docs/ that the last build wrote (hidden: MkDocs does not publish it). A build removes a
#: file of docs/ only when this list holds it and the build no longer makes it, and overwrites a file only when this
#: list holds it or it already has the new bytes: a curator's own files in docs/ are never touched.
MANIFEST = ".policy-archive-manifest.json"
#: The pages outside GENERATED_DIRS that the pipeline writes.
GENERATED_PAGES = ("index.md", "search.md", "about.md")


class ForeignFileError(Exception):
    """A generated file would replace a file of docs/ that no build of this archive wrote."""


def read_manifest(docs_dir: Path) -> set[str]:
    """The files of docs/ the last build wrote. Without a manifest, a docs/ that an earlier version of the tool wrote
    (it holds data/build-report.json) is taken as wholly generated in GENERATED_DIRS, as that version treated it;
    any other docs/ as holding nothing generated."""
    try:
        listed = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
        if isinstance(listed, list) and all(isinstance(rel, str) for rel in listed):
            return set(listed)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if not (docs_dir / "data" / "build-report.json").is_file():
        return set()
    legacy = {rel for rel in GENERATED_PAGES if (docs_dir / rel).is_file()}
    for sub in GENERATED_DIRS:
        legacy.update(p.relative_to(docs_dir).as_posix() for p in (docs_dir / sub).rglob("*") if p.is_file() and not p.is_symlink())
    return legacy


def write_tree(docs_dir: Path, files: dict[str, str] | Iterable[tuple[int, dict[str, Content]]]) -> None:
    """Make docs_dir's generated part exactly `files` ({path: content}, or the parts of `generated_parts`,
    each written as it comes): unchanged files are not rewritten, files the last build wrote and this one does
    not are removed, and a file no build wrote is never replaced (ForeignFileError) or removed."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(docs_dir)
    parts = [(0, files)] if isinstance(files, dict) else files
    written: set[str] = set()
    folders: set[Path] = set()
    for _, part in parts:
        for rel, content in part.items():
            target = docs_dir / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            data = content.encode("utf-8") if isinstance(content, str) else None
            if rel not in previous and (target.exists() or target.is_symlink()) and not _holds(target, data, content):
                raise ForeignFileError(
                    f"{target} was not written by policy-archive (it is not in {MANIFEST}) and would be replaced; "
                    f"move it, or give another --docs folder（{target} 不是本工具生成的文件，构建不会覆盖它：请移走，或另选 --docs 文件夹）"
                )
            if data is not None:
                write_if_changed(target, data)
            else:
                stream_if_changed(target, content)
            written.add(rel)
    write_if_changed(docs_dir / MANIFEST, (json.dumps({"files": sorted(written)}, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    _remove_stale(docs_dir, previous - written)


def _holds(target: Path, data: bytes | None, content: Content) -> bool:
    """Whether `target` is a regular file that already holds what would be written (it may then be adopted). A
    streamed content is not compared (it would be consumed): such a file is only ever one the tool wrote."""
    return data is not None and target.is_file() and not target.is_symlink() and target.read_bytes() == data


def _remove_stale(docs_dir: Path, stale: set[str]) -> None:
    """Remove the files the last build wrote and this one does not, and the folders they leave empty."""
    emptied: set[Path] = set()
    for rel in sorted(stale):
        path = docs_dir / rel
        if (path.is_file() or path.is_symlink()) and inside_folder(path, docs_dir):
            path.unlink()
            emptied.update(p for p in path.parents if p != docs_dir and docs_dir in p.parents)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def inside_folder(path: Path, folder: Path) -> bool:
    """Whether `path` (itself not followed, if a link) lies below `folder`, its folders' links followed: an entry of
    a manifest never reaches outside docs/."""
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path.parent), path.name).parents


def raw_sources(docs: list[Document], sources_dir: Path) -> list[tuple[Path, str, str]]:
    """(source file, path in the site, sha256 of the bytes that were converted) for the raw copy each document
    page links to: the site must serve those bytes, whatever happened to the file since."""
    return [(sources_dir / doc.source.file, raw_path(doc), doc.source.sha256) for doc in docs]
