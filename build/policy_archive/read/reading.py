"""What every format's reader gives (Reading) and raises (ReadError)."""

from __future__ import annotations

from typing import NamedTuple


class ReadError(Exception):
    """A source that cannot become a document; the message names the problem."""


class Reading(NamedTuple):
    """A source's text as its format's reader gives it, before the checks every format shares."""

    text: str
    encoding: str | None  # as detected; None for a binary format (docx)
    removed: int = 0  # characters that are not text, removed before the markup was parsed
    evidence: tuple[tuple[str, str], ...] = ()  # metadata the source states: (kind, value)
    url: str | None = None  # the page's own address, when it states it
