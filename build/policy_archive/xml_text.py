"""Text XML can hold: the Atom feeds write every value through xml_safe, and curated values lose (with a
warning) what it removes."""

from __future__ import annotations

import re

# What XML 1.0 cannot hold (its Char production): controls but tab and line breaks, lone surrogates, U+FFFE
# and U+FFFF. lxml, which writes the Atom feeds, refuses a value with one of them.
XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold."""
    return XML_UNSAFE.sub("", text)
