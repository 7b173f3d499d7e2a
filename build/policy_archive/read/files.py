"""A source file's bytes: bounded reads (no pipe, device or socket is opened; no file is read past its
limit), links that must stay inside the sources folder, and the size limits."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from .reading import ReadError

# The longest annual plans are a few hundred KB of text; a larger file is a mis-saved page or an
# archive, and reading it would stall the build. Word files carry images, so they may be larger.
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_DOCX_BYTES = 32 * 1024 * 1024


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file, reading at most `limit` + 1: a FIFO, a device or a socket is never
    opened (opening a FIFO waits forever), and a file that grows while read is still bounded."""
    info = path.stat()  # follows a link to its target; never blocks
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{what} is not a regular file (a pipe, device or socket) and is not read")
    if info.st_size > limit:
        raise ReadError(f"{what} is {info.st_size:,} bytes, over the {limit:,}-byte limit")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"{what} is over the {limit:,}-byte limit")
    return data


def inside(path: Path, root: Path) -> bool:
    """Whether the file a path names (links followed) lies inside the folder."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def check_link(path: Path, root: Path) -> None:
    """A symbolic link is read only when it leads to a file inside the sources folder."""
    if path.is_symlink():
        if not path.exists():
            raise ReadError("broken symbolic link")
        if not inside(path, root):
            raise ReadError("symbolic link pointing outside the sources folder")


def read_document_file(path: Path, fmt: str, limit: int) -> bytes:
    """The bytes of one source in format `fmt`, at most `limit` of them."""
    try:
        return read_bounded(path, limit, f"this {fmt} file")
    except ReadError as exc:
        raise ReadError(f"{exc} for one {fmt} document" if "limit" in str(exc) else str(exc)) from None
