"""What the commands print: outcomes, summaries, a file's extracted fields, and failures as messages (in English
and Chinese, naming the file) instead of tracebacks."""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import click
import yaml

from .archive import BuildError
from .exports import ExportError
from .knowledge import in_chinese
from .report import Outcome, counts, doubtful_count
from .schema import LABELS, METADATA

UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """A file name or reason as the terminal should show it: control and escape characters escaped."""
    return UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def print_outcome(outcome: Outcome) -> None:
    if outcome.status == "converted":
        line = f"{'unchanged' if outcome.cached else 'converted':10} {outcome.file} -> documents/{outcome.id}.md"
        if outcome.warnings:
            line += f"  ({len(outcome.warnings)} warning(s): {'; '.join(outcome.warnings)})"
    elif outcome.status == "duplicate":
        line = f"duplicate  {outcome.file} -> documents/{outcome.id}.md ({outcome.reason})"
    else:
        line = f"{outcome.status:10} {outcome.file}: {outcome.reason}（{in_chinese(outcome.reason or '')}）"
    click.echo(printable(line))


def progress(paths):
    paths = list(paths)
    if not sys.stderr.isatty():
        yield from paths
        return
    with click.progressbar(paths, label="converting", file=sys.stderr, show_pos=True) as bar:
        yield from bar


def summary(outcomes: list[Outcome], docs_dir: Path, first: bool) -> str:
    """What the conversion did, in plain words: a first build says so; a later one, what was converted again."""
    tally = counts(outcomes)
    # (Only documents count as reused: a duplicate source is cached too, but it is no document of its own.)
    documents, reused = tally["converted"], sum(1 for o in outcomes if o.cached and o.status == "converted")
    others = f"{tally['rejected']} rejected, {counted(tally['duplicate'], 'duplicate')}, {tally['ignored']} ignored"
    if first:
        done = f"first build: {counted(documents, 'document')} converted from {counted(len(outcomes), 'source')}"
        if reused:
            done += f" ({reused} of them from the conversion cache)"
    else:
        done = (
            f"{counted(documents, 'document')} from {counted(len(outcomes), 'source')}: {documents - reused} converted, "
            f"{reused} unchanged since the last build"
        )
    line = f"{done}; {others}; pages written to {docs_dir}"
    if tally["rejected"]:
        line += f" (why each was rejected: the lines above, and {docs_dir}/data/build-report.json)"
    fields, doubted = doubtful_count(outcomes)
    if fields:
        line += f"\n{counted(fields, 'doubtful field')} in {counted(doubted, 'document')}: `policy-archive review` lists them for a curator"
    return line


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Failure(click.ClickException):
    """A command that could not be done: its message (naming the file), exit status 2, no traceback."""

    exit_code = 2

    def format_message(self) -> str:
        return printable(self.message)


@contextmanager
def messages_for_failures():
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


def log_timings() -> None:
    """The build's timing lines (converted … in, wrote docs in, site built in …) on standard error."""
    logger = logging.getLogger("policy_archive")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def field_row(label: str, name: str, value: str) -> str:
    """One field as `add` shows it: its Chinese label, its name (the key of a sidecar) and its value."""
    return f"    {label}{' ' * max(1, 13 - display_width(label))}{name:14} {value}"


def is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict) and not value)


def show_metadata(doc) -> None:
    """The extracted fields with their Chinese labels; empty ones left out."""
    for field in METADATA:
        value = doc.metadata.get(field.name)
        if field.name == "id" or is_empty(value):
            continue
        shown = "、".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        click.echo(printable(field_row(field.label, field.name, shown)))
    if doc.inferred:
        shown = ", ".join(f"{name}（{LABELS.get(name, name)}）" for name in doc.inferred)
        click.echo(printable(field_row(LABELS.get("inferred", "推断字段"), "inferred", shown)))
    for warning in doc.warnings:
        click.echo(printable(field_row(LABELS.get("warnings", "提示"), "warning", warning)))


def example(doc) -> str:
    """A sidecar line for this document: its first inferred field as read (what most often needs a look)."""
    for name in (*doc.inferred, "year"):
        value = doc.metadata.get(name)
        if isinstance(value, str | int) and not is_empty(value):
            return yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=True).strip()[1:-1]
    return "year: 2024"
