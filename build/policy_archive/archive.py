"""The library call: `build_archive(Settings(...))` converts a sources folder into docs/ and builds the
site. The command line, the benchmark and the tests all call it; nothing else orchestrates a build."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .config import Masthead
from .folders import FolderError, check_layout, locked
from .ledger import LedgerError, ledger_entries, page_ids, read_ledger, valid_date
from .page_heads import PageHeads
from .pipeline import convert_all
from .plan import SHARD_PAGES
from .processes import ChildFailed, can_fork, in_child, release_memory
from .report import Outcome, counts
from .site import SiteBuildError, build_site, read_stamp, stamp_path, write_stamp
from .site_data import SiteData
from .staging import StagedFolder, write_atomic
from .validity import with_status
from .write import ForeignFileError, generated_parts, raw_sources, read_manifest, write_tree

DEFAULT_CONFIG = "mkdocs.yml"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Everything a build depends on besides the sources' bytes."""

    sources: Path = Path("seeds")
    docs: Path = Path("docs")
    site: Path | None = Path("site")  # None: only docs/ is written
    config: Path | None = None  # MkDocs configuration; None: ./mkdocs.yml, else the packaged default
    strict: bool = False  # a rejected source fails the build (for CI)
    cache: Path | None = Path(".cache/policy-archive")  # None: convert every source afresh
    workers: int | None = None  # conversion processes; None: one per core
    site_url: str | None = None  # the site's public address (404 page, sitemap); None: as configured
    prerender: bool | None = None  # MkDocs converts document pages in worker processes; None: when large
    shard_pages: int | None = None  # document pages per Pagefind bundle; None: plan.SHARD_PAGES
    clean: bool = False  # build every page again even where the last build's site can be updated
    in_child: bool | None = None  # convert in a child process (its memory returned before MkDocs); None: where fork exists
    title: str | None = None  # the archive's name (home page, about page, feeds); None: the packaged default (config.Masthead)
    description: str | None = None  # what it holds, one sentence; None: the packaged default
    today: str | None = None  # the build's date (YYYY-MM-DD) for documents new to the ledger; None: build_date()
    as_of: str | None = None  # the date each document's status is judged at (YYYY-MM-DD); None: the sources' latest

    @property
    def masthead(self) -> Masthead:
        return Masthead.of(self.title, self.description)


@dataclass
class BuildResult:
    outcomes: list[Outcome]
    documents: int
    site_built: bool = False
    counts: dict = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return self.counts.get("rejected", 0)


class BuildError(Exception):
    """The build cannot start or failed as a whole (not one source: those are rejected in the report)."""


def packaged_config() -> Path:
    """The default MkDocs configuration shipped with the package (used where no mkdocs.yml is found)."""
    return Path(str(resources.files(__package__).joinpath("data", "scaffold", "mkdocs.yml")))


def resolve_config(config: Path | None) -> Path:
    if config is not None:
        if not Path(config).is_file():
            raise BuildError(
                f"MkDocs configuration {config} not found (give another with --config, or omit it to use the packaged default)"
            )
        return Path(config)
    local = Path(DEFAULT_CONFIG)
    return local if local.is_file() else packaged_config()


def build_archive(
    settings: Settings,
    *,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = iter,
    on_converted: Callable[[list[Outcome]], None] | None = None,
) -> BuildResult:
    """Convert `settings.sources` into `settings.docs`, then (unless `site` is None) build the site.

    The folders are checked before anything is touched (folders.check_layout) and locked for the build's time;
    docs/ and the site are written as staged copies that take their place only when the whole build has succeeded,
    so a build that fails leaves them as they were. `progress` wraps the iteration over sources (a progress bar);
    `on_converted` sees the outcomes before the site is built (the CLI prints them).
    """
    if not Path(settings.sources).is_dir():
        raise BuildError(f"sources folder {settings.sources} does not exist（源文件夹 {settings.sources} 不存在）")
    if settings.as_of is not None and not valid_date(settings.as_of):
        raise BuildError(f"--as-of {settings.as_of!r} is not a date (YYYY-MM-DD)（效力判断日期格式不对）")
    config = resolve_config(settings.config) if settings.site is not None else None
    # (the conversion cache is not locked: its entries are written under names of their own and renamed, so builds
    # of other docs folders may share it)
    outputs = [Path(settings.docs)] + ([Path(settings.site)] if settings.site is not None else [])
    try:
        check_layout(settings.sources, settings.docs, settings.site, settings.cache, config)
        with locked(*outputs):
            if config is not None:
                check_site_folder(Path(settings.site))
            return _staged_build(settings, config, progress, on_converted)
    except (FolderError, ForeignFileError, SiteBuildError, ChildFailed, LedgerError) as exc:
        raise BuildError(str(exc)) from None


def _staged_build(settings: Settings, config: Path | None, progress, on_converted) -> BuildResult:
    # With a site to build, the documents are converted and docs/ written in a child process, whose memory
    # goes back to the system when it ends: this process then waits on MkDocs and Pagefind holding only the
    # outcomes (at 100,000 documents the converted documents' memory, freed but scattered, stayed at 1.4 GB).
    # Meanwhile it makes the site's staged copy (about 45 µs a file: 2 s at 10,000 documents).
    forked = config is not None and settings.in_child is not False and can_fork()
    docs = StagedFolder(Path(settings.docs))
    site = StagedFolder(Path(settings.site), background=forked) if config is not None else None
    try:
        result, stamp = _build_into(settings, config, docs.path, site, forked, progress, on_converted)
        docs.commit()
        if site is not None:
            stamp_path(settings.site).unlink(missing_ok=True)  # (it described the site being replaced)
            site.commit()
            write_stamp(settings.site, stamp)
        return result
    finally:
        docs.discard()
        if site is not None:
            site.discard()


def _build_into(settings: Settings, config: Path | None, docs_dir: Path, site: StagedFolder | None, forked: bool, progress, on_converted):
    """The build, writing `docs_dir` and the `site`'s staged copy: (its result, the site's stamp)."""
    if forked:
        outcomes, documents, sources = in_child(convert_and_write, settings, progress, docs_dir)
    else:
        outcomes, documents, sources = convert_and_write(settings, progress, docs_dir)
        if config is not None:
            release_memory()  # (the documents were freed when convert_and_write returned)
    result = BuildResult(outcomes=outcomes, documents=documents, counts=dict(counts(outcomes)))
    if on_converted:
        on_converted(outcomes)
    if site is None:
        return result, None
    site_dir = site.ready()
    data = SiteData(docs_dir, site_dir)  # archive.sqlite, built while the site is
    try:
        stamp = build_site(
            config,
            docs_dir,
            site_dir,
            sources,
            shard_pages=settings.shard_pages or SHARD_PAGES,
            site_url=settings.site_url,
            prerender=settings.prerender,
            previous=None if settings.clean else read_stamp(settings.site),
            stamp_docs=Path(settings.docs),
            beside_search=data.finish,
        )
    finally:
        data.close()
    mark_site(site_dir)
    result.site_built = True
    return result, stamp


def convert_and_write(settings: Settings, progress: Callable[[Iterable[Path]], Iterable[Path]] = iter, docs_dir: Path | None = None):
    """Convert the sources and write docs/ (or `docs_dir`, its staged copy): (outcomes, number of documents, the raw
    sources to copy)."""
    started = time.perf_counter()
    docs, outcomes = convert_all(Path(settings.sources), progress=progress, cache_dir=settings.cache, workers=settings.workers)
    docs = with_status(docs, settings.as_of)  # (versions and status depend on the whole archive and the date)
    converted = time.perf_counter()
    heads = PageHeads(settings.cache, Path(settings.docs)) if settings.cache else None  # (none: every page rendered)
    added = _ledger(settings, docs)
    write_tree(Path(docs_dir or settings.docs), generated_parts(docs, outcomes, heads=heads, masthead=settings.masthead, added=added))
    if heads is not None:
        heads.save()
        log.info(
            "document pages: %d written afresh, %d unchanged (only their links to other documents redone)",
            len(docs) - heads.kept,
            heads.kept,
        )
    # Where a build's time goes (the benchmark's profile reads these lines and site.py's).
    log.info("converted %d sources in %.2fs", len(outcomes), converted - started)
    log.info("wrote docs in %.2fs", time.perf_counter() - converted)
    return outcomes, len(docs), raw_sources(docs, Path(settings.sources))


def _ledger(settings: Settings, docs) -> dict[str, str]:
    """This build's ledger (ledger.py), from the one the last build wrote into the docs folder itself (not its
    staged copy); documents new to it take the build's date."""
    docs_dir = Path(settings.docs)
    previous = read_ledger(docs_dir)
    existing = page_ids(read_manifest(docs_dir)) if previous is None else set()
    return ledger_entries(docs, previous, build_date(settings.today), existing)


def build_date(today: str | None = None) -> str:
    """The build's date, YYYY-MM-DD: `today` (Settings.today), else $SOURCE_DATE_EPOCH's day in UTC (as reproducible
    builds set it), else the local clock's. The one place a build reads the clock (for the ledger)."""
    if today is not None:
        if not valid_date(today):
            raise BuildError(f"the build's date {today!r} is not a date (YYYY-MM-DD)（构建日期格式不对）")
        return today
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds（SOURCE_DATE_EPOCH 格式不对）") from None
    return dt.date.today().isoformat()


#: A hidden file in every site this tool builds (MkDocs' clean step and GitHub Pages' upload leave hidden files
#: alone): a folder without it, or the stamp beside it, is not replaced by a site.
SITE_MARK = ".policy-archive-site"


def mark_site(site_dir: Path) -> None:
    write_atomic(Path(site_dir) / SITE_MARK, b"built by policy-archive\n")


def check_site_folder(site_dir: Path) -> None:
    """Refuse a site folder that holds files and was not built by this tool: the build replaces the whole folder."""
    if not site_dir.is_dir() or (site_dir / SITE_MARK).is_file() or stamp_path(site_dir).is_file():
        return
    if any(site_dir.iterdir()):
        raise FolderError(
            f"--site {site_dir} holds files that policy-archive did not build, and a build replaces the whole folder; "
            f"give an empty or new folder（网站文件夹 {site_dir} 中有不是本工具生成的文件，构建会替换整个文件夹：请另选空文件夹）"
        )
