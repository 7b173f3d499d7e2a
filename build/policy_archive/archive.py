"""The library call: `build_archive(Settings(...))` converts a sources folder into docs/ and builds the
site. The command line, the benchmark and the tests all call it; nothing else orchestrates a build."""

from __future__ import annotations

import ctypes
import gc
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .pipeline import convert_all
from .report import Outcome, counts
from .write import SiteData, generated_parts, raw_sources, write_tree

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
    shard_pages: int | None = None  # document pages per Pagefind bundle; None: site.SHARD_PAGES
    clean: bool = False  # build every page again even where the last build's site can be updated


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

    `progress` wraps the iteration over sources (a progress bar); `on_converted` sees the outcomes
    before the site is built (the CLI prints them).
    """
    if not Path(settings.sources).is_dir():
        raise BuildError(f"sources folder {settings.sources} does not exist")
    config = resolve_config(settings.config) if settings.site is not None else None
    started = time.perf_counter()
    docs, outcomes = convert_all(Path(settings.sources), progress=progress, cache_dir=settings.cache, workers=settings.workers)
    converted = time.perf_counter()
    write_tree(Path(settings.docs), generated_parts(docs, outcomes))
    # Where a build's time goes (the benchmark's profile reads these lines and site.py's).
    log.info("converted %d sources in %.2fs", len(outcomes), converted - started)
    log.info("wrote docs in %.2fs", time.perf_counter() - converted)
    result = BuildResult(outcomes=outcomes, documents=len(docs), counts=dict(counts(outcomes)))
    if on_converted:
        on_converted(outcomes)
    if config is not None:
        from .site import SHARD_PAGES, build_site

        # MkDocs reads the pages back from docs/: let the converted documents go before it runs.
        sources = raw_sources(docs, Path(settings.sources))
        del docs
        release_memory()
        data = SiteData(Path(settings.docs), Path(settings.site))  # archive.sqlite, built while the site is
        try:
            build_site(
                config,
                Path(settings.docs),
                Path(settings.site),
                sources,
                shard_pages=settings.shard_pages or SHARD_PAGES,
                site_url=settings.site_url,
                prerender=settings.prerender,
                incremental=not settings.clean,
            )
            data.finish()
        finally:
            data.close()
        result.site_built = True
    return result


def release_memory() -> None:
    """Give freed memory back to the system, so this process does not sit on it while MkDocs and
    Pagefind run (glibc keeps freed small blocks for reuse unless asked with malloc_trim)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass
