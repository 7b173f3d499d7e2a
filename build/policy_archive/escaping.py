"""Plain text as Markdown that renders as exactly that text (a leaf: the page and its parts use it)."""

from __future__ import annotations

import re

# Characters Python-Markdown (with attr_list and tables) treats as markup anywhere in a line.
# One translation table: HTML's three special characters become entities, and each character
# Python-Markdown (with attr_list and tables) reads as markup gets a backslash.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()#+!|-"}})
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Plain text to Markdown that renders as exactly that text."""
    text = text.translate(_ESCAPES)
    text = _ORDERED_START.sub(r"\1\\\2", text)
    # Leading spaces would make a code block; there are none after cleaning, but be sure.
    return text.lstrip(" \t")
