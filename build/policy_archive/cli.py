"""The `policy-archive` command: a thin wrapper around the library (archive.build_archive)."""

from __future__ import annotations

import filecmp
import logging
import re
import shutil
import stat
import sys
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click

from .archive import BuildError, Settings, build_archive
from .exports import ExportError
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
    with _messages_for_failures():
        result = build_archive(settings, progress=_progress, on_converted=converted)
    if result.site_built:
        click.echo(f"site built in {site_dir}")
    if strict and result.rejected:
        raise SystemExit(f"--strict: {result.rejected} source(s) rejected")


class Failure(click.ClickException):
    """A command that could not be done: its message (naming the file), exit status 2, no traceback."""

    exit_code = 2

    def format_message(self) -> str:
        return _printable(self.message)


@contextmanager
def _messages_for_failures():
    """A failure of the build as a whole, or of the file system, becomes a message naming the file and exit status 2;
    a defect of this program a message asking for a report (rejections of single sources are in the report)."""
    try:
        yield
    except (BuildError, ExportError) as exc:
        raise Failure(str(exc)) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise Failure(f"{exc.strerror or exc}{where}（文件系统错误：{exc.filename or ''}）") from None
    except (click.ClickException, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise Failure(f"internal error ({type(exc).__name__}: {exc}); please report it（程序内部错误，请报告）") from None


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


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()  # (a link, even to nothing, is never written through)


def _free_target(sources_dir: Path, file: Path) -> tuple[Path, bool]:
    """Where `file` goes in the sources folder, and whether it is there already: its safe name, or with -2, -3…
    when that name holds anything else (another file, a folder, a link)."""
    target = sources_dir / safe_name(file.name)
    stem, suffix, n = target.stem, target.suffix, 2
    while _taken(target):
        if _is_regular(target) and not target.is_symlink() and filecmp.cmp(target, file, shallow=False):
            return target, True
        target = sources_dir / f"{stem}-{n}{suffix}"
        n += 1
    return target, False


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _copy_into(file: Path, target: Path) -> None:
    """Copy `file` to `target`, a name that holds nothing: created, never opened through a link."""
    with file.open("rb") as source, target.open("xb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--sources", "sources_dir", type=_PATH, default=Path("seeds"), show_default=True)
def add(files: tuple[Path, ...], sources_dir: Path) -> None:
    """Copy saved files into the sources folder under a safe name and show what was extracted."""
    with _messages_for_failures():
        if _taken(sources_dir) and not sources_dir.is_dir():
            raise Failure(f"--sources {sources_dir} is not a folder（源文件夹 {sources_dir} 不是文件夹）")
        sources_dir.mkdir(parents=True, exist_ok=True)
        failed = sum(not _add_one(file, sources_dir) for file in files)
    if failed:
        raise SystemExit(1)


def _add_one(file: Path, sources_dir: Path) -> bool:
    """Copy one file into the sources folder and show what was extracted; False (with the reason shown) if it was not added."""
    why = _not_addable(file)
    if why:
        click.echo(_printable(f"skipped    {file}: {why}"))
        return False
    target, already = _free_target(sources_dir, file)
    if not already:
        _copy_into(file, target)
    try:
        doc = convert_one(target, sources_dir)
    except Exception as exc:  # a rejected file is not left in the sources folder
        if not already:
            target.unlink()
        reason = str(exc) if isinstance(exc, ReadError) else f"internal error: {type(exc).__name__}: {exc}"
        click.echo(_printable(f"rejected   {file}: {reason}（{in_chinese(reason)}）"))
        return False
    click.echo(_printable(f"already in {target}" if already else f"added      {file} -> {target}"))
    _show_metadata(doc)
    return True


def _not_addable(file: Path) -> str | None:
    if file.is_dir():
        return "a folder, not a file: add the files in it（这是文件夹，请添加其中的文件）"
    if not _is_regular(file):
        return "not a regular file (a pipe, device or socket is never read)（不是普通文件）"
    if file.suffix.lower() not in TEXT_FORMATS:
        return f"unsupported file type {file.suffix or '(none)'}（不支持的文件类型）"
    return None


def _show_metadata(doc) -> None:
    for field in METADATA:
        if field.name == "id":
            continue
        value = doc.metadata.get(field.name)
        click.echo(_printable(f"    {field.name:14} {', '.join(map(str, value)) if isinstance(value, list) else value}"))
    if doc.inferred:
        click.echo(f"    {'inferred':14} {', '.join(doc.inferred)}")
    for warning in doc.warnings:
        click.echo(_printable(f"    warning        {warning}"))


@main.command()
@click.argument("folder", type=_PATH)
def new(folder: Path) -> None:
    """Start a new archive in FOLDER: mkdocs.yml, an empty sources/ folder, a GitHub Pages workflow."""
    with _messages_for_failures():
        _refuse_unless_new(folder)
        _write_scaffold(folder)
    click.echo(f"new archive in {folder}: put documents in {folder / 'sources'}, then run `policy-archive build --sources sources` there")


def _refuse_unless_new(folder: Path) -> None:
    """A new archive goes into a folder that does not exist, is empty or holds only a repository's .git."""
    if folder.is_symlink() and not folder.exists():
        raise Failure(f"{folder} is a link to nothing（{folder} 是指向不存在位置的链接）")
    if folder.exists() and not folder.is_dir():
        raise Failure(f"{folder} is a file, not a folder（{folder} 是文件，不是文件夹）")
    if folder.exists() and any(entry.name != ".git" for entry in folder.iterdir()):
        raise Failure(f"{folder} is not empty: a new archive starts in an empty folder（{folder} 不是空文件夹）")


def _write_scaffold(folder: Path) -> None:
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
    (folder / ".gitignore").write_text(
        "/site/\n/.cache/\n.*.staging-*/\n.*.old-*/\n.*.policy-archive-lock\n.*.policy-archive-build.json\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
