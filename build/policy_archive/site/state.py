"""What a build leaves for the next one, so that it can rebuild only what changed: the site's stamp (a digest of
everything besides a page's own Markdown that shapes the pages, the search shards' page states, the raw copies),
kept beside the site; and, after a dirty build, the removal of what the last build made and this one no longer has."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ..staging import write_atomic
from .raw_sources import check_source_target

#: What the site was built with, so that the next build can rebuild only what changed: beside the site's
#: folder, not in it (it lists every source, 1.4 MB at 10,000 documents, which would be published).
STAMP_SUFFIX = ".policy-archive-build.json"
#: Modules of this package that only turn sources into documents: what they change reaches the pages
#: through the Markdown, which the dirty build compares page by page. (A module may be a file or a package:
#: read.py is becoming read/.)
_CONVERSION_ONLY = ("extract", "read", "clean.py", "script.py", "chinese.py", "pipeline.py", "cache.py", "sources.py", "curation.py")
#: Packages whose versions shape every page.
_THEME_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "policy-archive")
#: The package's folder (policy_archive/), whose code and templates shape the pages.
_PACKAGE = Path(__file__).resolve().parent.parent


def site_stamp(config_file: Path, site_url: str | None, bundles: list[str], docs_dir: Path | None = None) -> str:
    """A digest of everything, besides a page's own Markdown, that shapes the pages: the configuration, the
    theme overrides, this package's code and templates (but the conversion's, whose changes reach a page
    through its Markdown), the versions of MkDocs, Material and Markdown, the
    site's address, the search bundles and the docs folder. Pages may be built again alone only while it is
    unchanged."""
    digest = hashlib.sha256()
    config_file = Path(config_file).resolve()
    folders = [_PACKAGE]
    custom = re.search(r"^\s*custom_dir:\s*['\"]?([^'\"\s#]+)", config_file.read_text(encoding="utf-8"), re.M)
    if custom:
        folders.append(config_file.parent / custom.group(1))

    def shapes_pages(path: Path, folder: Path) -> bool:
        return (
            path.is_file()
            and "__pycache__" not in path.parts
            and (folder != _PACKAGE or path.relative_to(_PACKAGE).parts[0] not in _CONVERSION_ONLY)
        )

    files = [config_file] + sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if shapes_pages(p, folder))
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _THEME_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    # Another docs folder's pages could be older than this site's and so never be built again.
    docs = Path(docs_dir).resolve() if docs_dir is not None else ""
    digest.update(f"{site_url}\0{' '.join(bundles)}\0{docs}".encode())
    return digest.hexdigest()


def stamp_path(site_dir: Path) -> Path:
    """The build's stamp of ``site_dir``: ``.NAME.policy-archive-build.json`` in its parent folder."""
    site_dir = Path(site_dir).resolve()
    return site_dir.with_name(f".{site_dir.name}{STAMP_SUFFIX}")


def read_stamp(site_dir: Path) -> dict | None:
    try:
        stamp = json.loads(stamp_path(site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def write_stamp(site_dir: Path, stamp: dict) -> None:
    write_atomic(stamp_path(site_dir), json.dumps(stamp, sort_keys=True).encode("utf-8"))


def site_page_sources(docs_dir: Path, page: Path) -> tuple[Path, ...]:
    """The Markdown files of docs/ a page of the site (a/b/index.html) can come from: a/b.md or a/b/index.md."""
    folder = page.parent
    if folder.parts == ():
        return (docs_dir / "index.md",)
    return (docs_dir.joinpath(*folder.parts).with_suffix(".md"), docs_dir.joinpath(*folder.parts, "index.md"))


#: Folders of the site that hold no MkDocs pages.
_NOT_PAGES = ("assets", "data", "sources", "search-data")


def remove_stale_pages(docs_dir: Path, site_dir: Path) -> int:
    """After a dirty build: the folder of every page whose Markdown is gone (a document no longer held, a
    listing page no longer needed), which MkDocs leaves in place when it does not clean the site."""
    docs_dir, site_dir = Path(docs_dir), Path(site_dir)
    removed = 0
    for html in sorted(site_dir.rglob("index.html")):
        page = html.relative_to(site_dir)
        if page.parts[0] in _NOT_PAGES or page.parts[0].startswith("pagefind"):
            continue
        if not any(md.is_file() for md in site_page_sources(docs_dir, page)):
            if page.parent.parts:
                shutil.rmtree(html.parent)
            else:
                html.unlink()
            removed += 1
    return removed


def remove_stale_files(docs_dir: Path, site_dir: Path, old_sources: Iterable[str], bundles: list[str]) -> int:
    """After a dirty build, what MkDocs leaves of the last build and this one no longer has: pages whose
    Markdown is gone, raw copies of sources no longer held, search bundles beyond the shards. Returns the
    number of pages removed."""
    removed = remove_stale_pages(docs_dir, site_dir)
    for target in old_sources:
        copy = site_dir / check_source_target(target)
        copy.unlink(missing_ok=True)
        for folder in copy.parents:  # (sources/ID/ of a document no longer held)
            if folder == site_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    for extra in site_dir.glob("pagefind*"):
        if extra.is_dir() and f"{extra.name}/" not in bundles:
            shutil.rmtree(extra)
    return removed
