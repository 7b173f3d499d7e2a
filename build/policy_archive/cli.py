"""The `policy-archive` command."""

from __future__ import annotations

import ctypes
import gc
import re
import shutil
import sys
from pathlib import Path

import click

from .pipeline import Outcome, convert_all, convert_one, generate, raw_sources, write_tree
from .read import TEXT_FORMATS, ReadError


def _print_outcome(outcome: Outcome) -> None:
    if outcome.status == "converted":
        line = f"{'unchanged' if outcome.cached else 'converted':10} {outcome.file} -> documents/{outcome.id}.md"
        if outcome.warnings:
            line += f"  ({len(outcome.warnings)} warning(s): {'; '.join(outcome.warnings)})"
    elif outcome.status == "duplicate":
        line = f"duplicate  {outcome.file} -> documents/{outcome.id}.md ({outcome.reason})"
    else:
        line = f"{outcome.status:10} {outcome.file}: {outcome.reason}"
    click.echo(line)


@click.group()
@click.version_option(package_name="policy-archive")
def main() -> None:
    """Build a searchable archive of Chinese local education policy documents."""


@main.command()
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("seeds"), show_default=True, help="Folder of source documents.")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"), show_default=True, help="Where the Markdown pages are written.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True, help="Where MkDocs writes the site.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True, help="MkDocs configuration.")
@click.option("--no-site", is_flag=True, help="Only convert sources into docs/; do not run MkDocs.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any source was rejected (for CI).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(".cache/policy-archive"), show_default=True, help="Conversion cache: unchanged sources are not converted again.")
@click.option("--no-cache", is_flag=True, help="Convert every source afresh.")
def build(sources_dir: Path, docs_dir: Path, site_dir: Path, config_file: Path, no_site: bool, strict: bool, cache_dir: Path, no_cache: bool) -> None:
    """Convert every source into docs/, then build the site."""
    if not sources_dir.is_dir():
        raise click.UsageError(f"sources folder {sources_dir} does not exist")

    def progress(paths):
        paths = list(paths)
        if not sys.stderr.isatty():
            yield from paths
            return
        with click.progressbar(paths, label="converting", file=sys.stderr, show_pos=True) as bar:
            yield from bar

    docs, outcomes = convert_all(sources_dir, progress=progress, cache_dir=None if no_cache else cache_dir)
    for outcome in outcomes:
        _print_outcome(outcome)
    write_tree(docs_dir, generate(docs, outcomes))
    rejected = sum(1 for o in outcomes if o.status == "rejected")
    duplicates = sum(1 for o in outcomes if o.status == "duplicate")
    ignored = sum(1 for o in outcomes if o.status == "ignored")
    reused = sum(1 for o in outcomes if o.cached)
    click.echo(f"{len(outcomes)} sources: {len(docs)} documents ({reused} unchanged, from cache), {duplicates} duplicate(s), {rejected} rejected, {ignored} ignored -> {docs_dir}")
    if not no_site:
        from .site import build_site

        # MkDocs reads the pages back from docs/: let the converted documents go before it runs.
        sources = raw_sources(docs, sources_dir)
        del docs
        _release_memory()
        build_site(config_file, docs_dir, site_dir, sources)
        click.echo(f"site built in {site_dir}")
    if strict and rejected:
        raise SystemExit(f"--strict: {rejected} source(s) rejected")


def _release_memory() -> None:
    """Give freed memory back to the system, so this process does not sit on it while MkDocs and
    Pagefind run (glibc keeps freed small blocks for reuse unless asked with malloc_trim)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass


_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff]+")


def safe_name(name: str) -> str:
    """A file name that is safe in any shell and URL: no leading dash or dot, no spaces or separators."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("_.-") or "source"
    return f"{stem}.{suffix.lower()}" if suffix else stem


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("seeds"), show_default=True)
def add(files: tuple[Path, ...], sources_dir: Path) -> None:
    """Copy saved files into the sources folder under a safe name and show what was extracted."""
    sources_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in files:
        if file.suffix.lower() not in TEXT_FORMATS:
            click.echo(f"skipped    {file}: unsupported file type {file.suffix or '(none)'}")
            failed += 1
            continue
        target = sources_dir / safe_name(file.name)
        if target.exists() and target.read_bytes() != file.read_bytes():
            stem, suffix = target.stem, target.suffix
            n = 2
            while (sources_dir / f"{stem}-{n}{suffix}").exists():
                n += 1
            target = sources_dir / f"{stem}-{n}{suffix}"
        existed = target.exists()
        shutil.copyfile(file, target)
        try:
            doc = convert_one(target, sources_dir)
        except Exception as exc:  # a rejected file is not left in the sources folder
            if not existed:
                target.unlink()
            reason = str(exc) if isinstance(exc, ReadError) else f"internal error: {type(exc).__name__}: {exc}"
            click.echo(f"rejected   {file}: {reason}")
            failed += 1
            continue
        click.echo(f"added      {file} -> {target}")
        for key in ("title", "doc_number", "issuer", "date_written", "year", "province", "city", "county", "region_code", "doc_type"):
            click.echo(f"    {key:13} {doc.metadata.get(key)}")
        click.echo(f"    {'topics':13} {', '.join(doc.metadata.get('topics') or [])}")
        if doc.inferred:
            click.echo(f"    {'inferred':13} {', '.join(doc.inferred)}")
        for warning in doc.warnings:
            click.echo(f"    warning       {warning}")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
