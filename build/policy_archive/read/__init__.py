"""Stage 1, read: a source file's bytes to text, with the facts about the file.

One reader per format (FORMATS), each a function of the bytes that gives a Reading:

- txt  (encoding.py): the bytes decoded. Encodings are detected, not assumed (BOMs first, then strict
  UTF-8, then charset-normalizer limited to the encodings Chinese sites use).
- md   (markdown.py): plain lines, one per block; a level-1 first heading is evidence for the title.
- html (html.py, html_links.py, html_tree.py): only the page's main content; its <title>, meta tags and
  info-disclosure tables become evidence for metadata.
- docx (word.py): opened with python-docx; the body's XML is read element by element.

Then every format's text is checked the same way (read_bytes): characters that are not text removed,
some Chinese required, implausible Chinese (a wrong encoding's mojibake, plausible.py) warned about.
files.py reads a source's bytes within its size limit; common_characters.py makes the table that
plausible.py reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..chinese import CJK as _CJK
from ..chinese import t2s
from ..document import Document, Source
from . import html, markdown, word
from .encoding import characters_of_text, read_text
from .files import MAX_DOCX_BYTES, MAX_TEXT_BYTES, check_link, inside, read_bounded, read_document_file, sha256_of
from .plausible import IMPLAUSIBLE_RARE_SHARE, common_character_set, rare_share
from .reading import ReadError, Reading

__all__ = [
    "FORMATS",
    "TEXT_FORMATS",
    "Format",
    "ReadError",
    "Reading",
    "inside",
    "load_bytes",
    "preload",
    "read_bounded",
    "read_bytes",
    "sha256_of",
]


def _nothing() -> None:
    """What reading plain text needs loaded: nothing."""


@dataclass(frozen=True)
class Format:
    """A format the archive reads: the file name suffixes that mark it, its reader, the largest file read,
    and what its reader needs loaded (parsers, libraries), which preload loads."""

    suffixes: tuple[str, ...]
    read: Callable[[bytes, list[str]], Reading]
    max_bytes: int = MAX_TEXT_BYTES
    preload: Callable[[], None] = _nothing


FORMATS = {
    "txt": Format((".txt", ".text"), read_text),
    "md": Format((".md", ".markdown"), markdown.read_md, preload=markdown.preload),
    "html": Format((".html", ".htm", ".shtml"), html.read_html, preload=html.preload),
    "docx": Format((".docx",), word.read_docx, max_bytes=MAX_DOCX_BYTES, preload=word.preload),
}
#: A source file's suffix (lower case) -> its format.
TEXT_FORMATS = {suffix: name for name, fmt in FORMATS.items() for suffix in fmt.suffixes}


def load_bytes(path: Path, root: Path) -> tuple[bytes, str]:
    """The file's bytes and format, after the checks that need no decoding (link, type, size)."""
    check_link(path, root)
    suffix = path.suffix.lower()
    fmt = TEXT_FORMATS.get(suffix)
    if fmt is None:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(sorted(TEXT_FORMATS))}")
    return read_document_file(path, fmt, FORMATS[fmt].max_bytes), fmt


def read_bytes(data: bytes, name: str, fmt: str) -> Document:
    """Pure: bytes of a source named `name` (relative path) in format `fmt` to a Document with raw_text.
    (A format FORMATS does not name is read as plain text.)"""
    digest = sha256_of(data)
    if not data.strip():
        raise ReadError("file is empty or holds only white space")
    warnings: list[str] = []
    reading = FORMATS.get(fmt, FORMATS["txt"]).read(data, warnings)
    # Again: a page's character references (&#12;) and a Word file's text are read only now.
    text, removed_after = characters_of_text(reading.text)
    if reading.removed + removed_after:
        warnings.append(
            f"removed {reading.removed + removed_after} character(s) that are not text (control characters, lone surrogates or Unicode noncharacters)"
        )
    if not _CJK.search(text):
        raise ReadError("no Chinese text found: not a policy document (or an unreadable encoding)")
    rare = rare_share(text)
    if rare > IMPLAUSIBLE_RARE_SHARE:
        warnings.append(f"the text reads as implausible Chinese ({rare:.0%} rare characters): its encoding may be wrong")
    source = Source(file=name, sha256=digest, format=fmt, encoding=reading.encoding, url=reading.url)
    return Document(source=source, raw_text=text, evidence=reading.evidence, warnings=tuple(warnings))


def preload(formats: Iterable[str | None]) -> None:
    """Load what reading sources of these formats needs (the table of common characters, the converter to
    Simplified, each format's parser), so that worker processes forked after share it instead of each
    loading it. A name that is not a format (None, say, for a file of no format) needs nothing."""
    common_character_set()
    t2s()
    for name in sorted({name for name in formats if name in FORMATS}):
        FORMATS[name].preload()
