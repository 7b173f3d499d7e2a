"""The `policy-archive` command: a thin wrapper around the library (archive.build_archive)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import click

from .archive import Settings, build_archive
from .config import KEY, ConfigError, read_config
from .console import (
    UNPRINTABLE,
    Failure,
    counted,
    example,
    log_timings,
    messages_for_failures,
    print_outcome,
    printable,
    progress,
    show_metadata,
    summary,
)
from .knowledge import in_chinese
from .pipeline import convert_one
from .read import TEXT_FORMATS, ReadError
from .report import Outcome
from .scaffold import write_scaffold
from .serve import serve_site
from .sources import SIDECAR_SUFFIX, copy_into, free_target, is_regular, taken
from .tool_wheel import WheelError, write_wheel


@click.group()
@click.version_option(package_name="policy-archive")
def main() -> None:
    """Build a searchable archive of Chinese local education policy documents."""


_PATH = click.Path(file_okay=False, path_type=Path)


_SOURCES_HELP = f"Folder of source documents.  [default: mkdocs.yml's extra.{KEY}.sources, else sources]"


def _sources(sources_dir: Path | None, config_file: Path | None) -> Path:
    """The sources folder: --sources, else the one the configuration names (config.read_config)."""
    if sources_dir is not None:
        return sources_dir
    try:
        return read_config(config_file).sources
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def _masthead(config_file: Path | None) -> tuple[str | None, str | None]:
    """The archive's name and description as its configuration gives them (None: the packaged default)."""
    try:
        config = read_config(config_file)
    except ConfigError as exc:
        raise Failure(str(exc)) from None
    return config.title or None, config.description or None


def _missing_sources(sources_dir: Path, config_file: Path | None) -> Failure:
    """The message for a sources folder that does not exist, saying where its name came from."""
    try:
        config = read_config(config_file)
    except ConfigError:
        config = None
    if config is None or config.packaged:
        where = "no mkdocs.yml here: run the command in your archive's folder, or give --sources"
    else:
        where = f"named by extra.{KEY}.sources in {config.path}: create it, change it there, or give --sources"
    return Failure(f"sources folder {sources_dir} does not exist ({where})（源文件夹 {sources_dir} 不存在）")


@main.command()
@click.option("--sources", "sources_dir", type=_PATH, default=None, help=_SOURCES_HELP)
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
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="YYYY-MM-DD",
    help="The date whether each document is in force is judged at.  [default: the latest date the sources state]",
)
def build(
    sources_dir: Path | None,
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
    as_of: str | None,
) -> None:
    """Convert every source into docs/, then build the site."""
    from_config = sources_dir is None
    sources_dir = _sources(sources_dir, config_file)
    if from_config and not sources_dir.is_dir():
        raise _missing_sources(sources_dir, config_file)
    first = not (docs_dir / "data" / "build-report.json").is_file()  # (no build wrote docs/ before)
    title, description = _masthead(config_file)
    settings = Settings(
        title=title,
        description=description,
        sources=sources_dir,
        docs=docs_dir,
        site=None if no_site else site_dir,
        config=config_file,
        strict=strict,
        cache=None if no_cache else cache_dir,
        workers=workers,
        site_url=site_url or None,
        clean=clean,
        as_of=as_of,
    )

    def converted(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            print_outcome(outcome)
        click.echo(summary(outcomes, docs_dir, first))

    log_timings()
    with messages_for_failures():
        result = build_archive(settings, progress=progress, on_converted=converted)
    if result.site_built:
        click.echo(f"the site is in {site_dir}/: to look at it with search, run `policy-archive serve`")
    if strict and result.rejected:
        raise SystemExit(f"--strict: {result.rejected} source(s) rejected")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--sources", "sources_dir", type=_PATH, default=None, help=_SOURCES_HELP)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="MkDocs configuration naming the sources folder.  [default: ./mkdocs.yml]",
)
def add(files: tuple[Path, ...], sources_dir: Path | None, config_file: Path | None) -> None:
    """Copy saved files into the sources folder under a safe name and show what was extracted."""
    sources_dir = _sources(sources_dir, config_file)
    with messages_for_failures():
        if taken(sources_dir) and not sources_dir.is_dir():
            raise Failure(f"--sources {sources_dir} is a file, not a folder（源文件夹 {sources_dir} 不是文件夹）")
        sources_dir.mkdir(parents=True, exist_ok=True)
        added = [_add_one(file, sources_dir) for file in files]
    if any(added):
        click.echo("then run `policy-archive build` to make the pages（然后运行 policy-archive build 生成网页）")
    if not all(added):
        raise SystemExit(1)


def _add_one(file: Path, sources_dir: Path) -> bool:
    """Copy one file into the sources folder and show what was extracted; False (with the reason shown) if it was not added."""
    why = _not_addable(file)
    if why:
        click.echo(printable(f"skipped    {file}: {why}"))
        return False
    target, already = free_target(sources_dir, file)
    if not already:
        copy_into(file, target)
    try:
        doc = convert_one(target, sources_dir)
    except Exception as exc:  # a rejected file is not left in the sources folder
        if not already:
            target.unlink()
        reason = str(exc) if isinstance(exc, ReadError) else f"internal error: {type(exc).__name__}: {exc}"
        click.echo(printable(f"rejected   {file}: {reason}（{in_chinese(reason)}）"))
        return False
    click.echo(printable(f"already in {target}" if already else f"added      {file} -> {target}"))
    show_metadata(doc)
    sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
    click.echo(
        printable(
            f"    check these fields; to correct or add one, write it in {sidecar} (e.g. {example(doc)})"
            f"（请核对以上字段；如需更正，写入 {sidecar.name}）"
        )
    )
    return True


def _not_addable(file: Path) -> str | None:
    if file.is_dir():
        return "a folder, not a file: add the files in it（这是文件夹，请添加其中的文件）"
    if not is_regular(file):
        return "not a regular file (a pipe, device or socket is never read)（不是普通文件）"
    if file.suffix.lower() not in TEXT_FORMATS:
        return f"unsupported file type {file.suffix or '(none)'}（不支持的文件类型）"
    return None


DEFAULT_TITLE = "教育政策文件库"
DEFAULT_DESCRIPTION = "教育政策文件的开放检索档案"
_GIT_SOURCE = re.compile(r"git\+https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._~/%+-]+@[A-Za-z0-9._/-]+")


@main.command()
@click.argument("folder", type=_PATH)
@click.option(
    "--title", default=None, help="The archive's name: mkdocs.yml's site_name and extra.policy_archive.title.  [asked on a terminal]"
)
@click.option("--description", default=None, help="One sentence on what the archive holds.  [asked on a terminal]")
@click.option(
    "--tool-from",
    "tool_from",
    default="wheel",
    show_default=True,
    metavar="wheel|git+https://HOST/PATH@COMMIT",
    help="Where the Pages workflow installs policy-archive from: a wheel of this policy-archive written into "
    "tools/, or its repository pinned to a commit or tag.",
)
def new(folder: Path, title: str | None, description: str | None, tool_from: str) -> None:
    """Start a new archive in FOLDER: mkdocs.yml, an empty sources/ folder, a GitHub Pages workflow and the tool."""
    if tool_from != "wheel" and not _GIT_SOURCE.fullmatch(tool_from):
        raise click.BadParameter(
            "give `wheel` or a pinned git source, git+https://HOST/OWNER/REPO@COMMIT（请给出 wheel 或带提交号的 git 地址）",
            param_hint="--tool-from",
        )
    with messages_for_failures():
        _refuse_unless_new(folder)
    asked = []
    title = _one_line(title) or _ask("Archive title（文库名称）", DEFAULT_TITLE, asked)
    description = _one_line(description) or _ask("Description（一句话简介）", DEFAULT_DESCRIPTION, asked)
    with messages_for_failures():
        tool = _write_tool(folder) if tool_from == "wheel" else None
        write_scaffold(folder, title, description, tool_from)
    config = read_config(folder / "mkdocs.yml")
    sources = config.sources.relative_to(folder)
    lines = [f"new archive in {folder}: {title} — {description}"]
    if asked:
        lines.append(
            f"  ({' and '.join(asked)} not given: change them in {folder / 'mkdocs.yml'} (site_name, site_description and "
            f"extra.{KEY}.title, .description), or give `new --title … --description …`)"
        )
    if tool is not None:
        lines.append(f"  the Pages workflow installs policy-archive from {tool.relative_to(folder)} (commit it with the archive)")
    else:
        lines.append(f"  the Pages workflow installs policy-archive from {tool_from}")
    lines += [
        "next:",
        f"  cd {folder}",
        f"  policy-archive add ~/Downloads/页面.html   # copies it into {sources}/ and shows what was read",
        "  policy-archive build                     # docs/ and the site in site/",
        "  git init, commit, push to GitHub; Settings > Pages > Source: GitHub Actions",
    ]
    for line in lines:
        click.echo(printable(line))


def _one_line(text: str | None) -> str:
    return " ".join(UNPRINTABLE.sub(" ", text or "").split())


def _on_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(question: str, default: str, asked: list[str]) -> str:
    """Ask on a terminal; elsewhere (a script, CI) take the default and say so."""
    if _on_terminal():
        return _one_line(click.prompt(question, default=default)) or default
    asked.append(question.split("（")[0].lower())
    return default


def _write_tool(folder: Path) -> Path:
    """The wheel of this policy-archive in FOLDER/tools/ (tool_wheel.write_wheel)."""
    created = not folder.exists()
    try:
        return write_wheel(folder / "tools")
    except WheelError as exc:
        shutil.rmtree(folder / "tools", ignore_errors=True)
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise Failure(f"{exc}: give --tool-from git+https://HOST/OWNER/REPO@COMMIT instead（无法生成本工具的 wheel）") from None


def _refuse_unless_new(folder: Path) -> None:
    """A new archive goes into a folder that does not exist, is empty or holds only a repository's .git."""
    if folder.is_symlink() and not folder.exists():
        raise Failure(f"{folder} is a link to nothing（{folder} 是指向不存在位置的链接）")
    if folder.exists() and not folder.is_dir():
        raise Failure(f"{folder} is a file, not a folder（{folder} 是文件，不是文件夹）")
    if folder.exists() and any(entry.name != ".git" for entry in folder.iterdir()):
        raise Failure(f"{folder} is not empty: a new archive starts in an empty folder（{folder} 不是空文件夹）")


@main.command()
@click.option("--site", "site_dir", type=_PATH, default=Path("site"), show_default=True, help="The built site to serve.")
@click.option("--docs", "docs_dir", type=_PATH, default=Path("docs"), show_default=True, help="Where a build writes the pages.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="MkDocs configuration.")
@click.option("--site-url", envvar="SITE_URL", default=None, help="The public address, whose path the site is served under.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="The port (0: a free one).  [default: 0]")
@click.option("--open", "open_browser", is_flag=True, help="Open the address in a browser.")
@click.option(
    "--no-build", is_flag=True, help="Serve the site as it is (by default it is built first when missing or older than its sources)."
)
def serve(
    site_dir: Path, docs_dir: Path, config_file: Path | None, site_url: str | None, port: int, open_browser: bool, no_build: bool
) -> None:
    """Serve the site with search on 127.0.0.1, under the site's own sub-path, building it first if needed."""
    log_timings()
    with messages_for_failures():
        serve_site(site_dir, site_url, port, open_browser, config_file=config_file, docs_dir=docs_dir, build=not no_build)


@main.command()
@click.option("--sources", "sources_dir", type=_PATH, default=None, help=_SOURCES_HELP)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="MkDocs configuration.")
@click.option(
    "--write", is_flag=True, help="Write or complete each listed document's sidecar (NAME.meta.yaml): values, doubts as comments."
)
def review(sources_dir: Path | None, config_file: Path | None, write: bool) -> None:
    """List the documents with doubtful fields, most doubtful first, with each candidate and where it was found."""
    from .pipeline import convert_all
    from .review import listing, queue, write_sidecars

    with messages_for_failures():
        sources = _sources(sources_dir, config_file)
        if not sources.is_dir():
            raise _missing_sources(sources, config_file)
        docs, _ = convert_all(sources)
        # (Each line made printable alone: the listing's own line breaks stay line breaks.)
        click.echo("\n".join(printable(line) for line in listing(docs).splitlines()) or "no doubtful fields")
        if write:
            written = write_sidecars(docs, sources)
            click.echo(f"{counted(len(written), 'sidecar')} written for {counted(len(queue(docs)), 'document')} with doubtful fields")


if __name__ == "__main__":
    main()
