"""The `policy-archive` command: a thin wrapper around the library (archive.build_archive)."""

from __future__ import annotations

import logging
import re
import shutil
import sys
from importlib import resources
from pathlib import Path

import click

from .archive import BuildError, Settings, build_archive
from .knowledge import in_chinese
from .pipeline import convert_one
from .read import TEXT_FORMATS, ReadError
from .report import Outcome, counts
from .schema import METADATA

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """A file name or reason as the terminal should show it: control and escape characters escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _print_outcome(outcome: Outcome) -> None:
    if outcome.status == "converted":
        line = f"{'unchanged' if outcome.cached else 'converted':10} {outcome.file} -> documents/{outcome.id}.md"
        if outcome.warnings:
            line += f"  ({len(outcome.warnings)} warning(s): {'; '.join(outcome.warnings)})"
    elif outcome.status == "duplicate":
        line = f"duplicate  {outcome.file} -> documents/{outcome.id}.md ({outcome.reason})"
    else:
        line = f"{outcome.status:10} {outcome.file}: {outcome.reason}（{in_chinese(outcome.reason or '')}）"
    click.echo(_printable(line))


def _progress(paths):
    paths = list(paths)
    if not sys.stderr.isatty():
        yield from paths
        return
    with click.progressbar(paths, label="converting", file=sys.stderr, show_pos=True) as bar:
        yield from bar


@click.group()
@click.version_option(package_name="policy-archive")
def main() -> None:
    """Build a searchable archive of Chinese local education policy documents."""


_PATH = click.Path(file_okay=False, path_type=Path)


@main.command()
@click.option("--sources", "sources_dir", type=_PATH, default=Path("seeds"), show_default=True, help="Folder of source documents.")
@click.option("--docs", "docs_dir", type=_PATH, default=Path("docs"), show_default=True, help="Where the Markdown pages are written.")
@click.option("--site", "site_dir", type=_PATH, default=Path("site"), show_default=True, help="Where MkDocs writes the site.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="MkDocs configuration.  [default: ./mkdocs.yml if there is one, else the packaged default]",
)
@click.option(
    "--site-url",
    envvar="SITE_URL",
    default=None,
    help="The site's public address (for the 404 page and sitemap); also read from $SITE_URL.",
)
@click.option("--no-site", is_flag=True, help="Only convert sources into docs/; do not run MkDocs.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any source was rejected (for CI).")
@click.option(
    "--cache",
    "cache_dir",
    type=_PATH,
    default=Path(".cache/policy-archive"),
    show_default=True,
    help="Conversion cache: unchanged sources are not converted again.",
)
@click.option("--no-cache", is_flag=True, help="Convert every source afresh.")
@click.option("--workers", type=click.IntRange(1), default=None, help="Conversion processes.  [default: one per core]")
@click.option(
    "--clean",
    is_flag=True,
    help="Build every page of the site again (by default a site built before with the same configuration, "
    "theme and code is updated: only pages whose Markdown changed are built and indexed again).",
)
def build(
    sources_dir: Path,
    docs_dir: Path,
    site_dir: Path,
    config_file: Path | None,
    site_url: str | None,
    no_site: bool,
    strict: bool,
    cache_dir: Path,
    no_cache: bool,
    workers: int | None,
    clean: bool,
) -> None:
    """Convert every source into docs/, then build the site."""
    settings = Settings(
        sources=sources_dir,
        docs=docs_dir,
        site=None if no_site else site_dir,
        config=config_file,
        strict=strict,
        cache=None if no_cache else cache_dir,
        workers=workers,
        site_url=site_url or None,
        clean=clean,
    )

    def converted(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            _print_outcome(outcome)
        tally = counts(outcomes)
        reused = sum(1 for o in outcomes if o.cached)
        click.echo(
            f"{len(outcomes)} sources: {tally['converted']} documents ({reused} unchanged, from cache), {tally['duplicate']} duplicate(s), {tally['rejected']} rejected, {tally['ignored']} ignored -> {docs_dir}"
        )

    _log_timings()
    try:
        result = build_archive(settings, progress=_progress, on_converted=converted)
    except BuildError as exc:
        raise click.UsageError(str(exc)) from None
    if result.site_built:
        click.echo(f"site built in {site_dir}")
    if strict and result.rejected:
        raise SystemExit(f"--strict: {result.rejected} source(s) rejected")


def _log_timings() -> None:
    """The build's timing lines (converted … in, wrote docs in, site built in …) on standard error."""
    logger = logging.getLogger("policy_archive")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff]+")


def safe_name(name: str) -> str:
    """A file name that is safe in any shell and URL: no leading dash or dot, no spaces or separators."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("_.-") or "source"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _free_target(sources_dir: Path, file: Path) -> Path:
    target = sources_dir / safe_name(file.name)
    if target.exists() and target.read_bytes() != file.read_bytes():
        stem, suffix = target.stem, target.suffix
        n = 2
        while (sources_dir / f"{stem}-{n}{suffix}").exists():
            n += 1
        target = sources_dir / f"{stem}-{n}{suffix}"
    return target


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", "sources_dir", type=_PATH, default=Path("seeds"), show_default=True)
def add(files: tuple[Path, ...], sources_dir: Path) -> None:
    """Copy saved files into the sources folder under a safe name and show what was extracted."""
    sources_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in files:
        if file.suffix.lower() not in TEXT_FORMATS:
            click.echo(f"skipped    {file}: unsupported file type {file.suffix or '(none)'}")
            failed += 1
            continue
        target = _free_target(sources_dir, file)
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
        for field in METADATA:
            if field.name == "id":
                continue
            value = doc.metadata.get(field.name)
            click.echo(f"    {field.name:14} {', '.join(value) if isinstance(value, list) else value}")
        if doc.inferred:
            click.echo(f"    {'inferred':14} {', '.join(doc.inferred)}")
        for warning in doc.warnings:
            click.echo(f"    warning        {warning}")
    if failed:
        raise SystemExit(1)


@main.command()
@click.argument("folder", type=_PATH)
def new(folder: Path) -> None:
    """Start a new archive in FOLDER: mkdocs.yml, an empty sources/ folder, a GitHub Pages workflow."""
    if folder.exists() and any(folder.iterdir()):
        raise click.UsageError(f"{folder} is not empty")
    scaffold = resources.files(__package__).joinpath("data", "scaffold")
    (folder / "sources").mkdir(parents=True)
    (folder / "overrides").mkdir()
    config = scaffold.joinpath("mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  name: material\n",
        "  name: material\n  # Your own template overrides (the archive's templates come with the package).\n  custom_dir: overrides\n",
        1,
    )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    workflow = folder / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(scaffold.joinpath("pages.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    click.echo(f"new archive in {folder}: put documents in {folder / 'sources'}, then run `policy-archive build --sources sources` there")


if __name__ == "__main__":
    main()
