"""The Markdown reader: a source as plain lines, one per block (markup dropped, its text kept), and the
text of its first heading when that is a level-1 heading. A file of plain headings and paragraphs (a law
repository's export) is read line by line; anything else is parsed by markdown-it."""

from __future__ import annotations

import re
from functools import lru_cache

from .encoding import decode_text
from .reading import Reading


def read_md(data: bytes, warnings: list[str]) -> Reading:
    """The reader of Markdown sources: decoded, then read_markdown; a level-1 first heading is evidence
    for the title."""
    text, encoding, removed = decode_text(data, warnings)
    text, title = read_markdown(text)
    return Reading(text, encoding, removed, (("markdown_title", title),) if title else ())


def preload() -> None:
    """Build the parser (markdown-it)."""
    markdown_parser()


@lru_cache(maxsize=1)
def markdown_parser():
    """The CommonMark parser, with tables, built once per process."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_markdown(text: str) -> tuple[str, str | None]:
    """A Markdown source as plain lines, one per block (markup dropped, its text kept), and the text of
    its first heading when that is a level-1 heading: a law repository's export names the document so
    (# 北京市学前教育条例). The source is parsed once."""
    plain = _plain_markdown(text)
    if plain is not None:
        return plain
    tokens = markdown_parser().parse(text)
    return _markdown_lines(tokens), _first_h1(tokens)


# Anything a Markdown parser would read as more than headings and paragraphs: emphasis, code, links,
# HTML, entities and escapes, tables, lists, quotes, indented code, setext underlines and rules, tabs.
# (Characters anywhere, and the starts of a line: one character class scans a text fast, where one
# alternation of both was tried at every position.)
_MARKUP_CHARACTER = re.compile(r"[*_`\[\]<>|\\&~\t\0]")
_MARKUP_LINE = re.compile(r" {4}| *(?:[-+]|\d{1,9}[.)])(?: |$)| *(?:=+|-+) *$| *#+[^# \n]")
_COMMENT_LINE = re.compile(r"^ {0,3}<!--[^<>]*--> *$", re.MULTILINE)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?: +(.*?))?(?: +#+)? *$")


def _plain_markdown(text: str) -> tuple[str, str | None] | None:
    """The same lines and title as the parser gives, for a source made only of ATX headings, plain
    paragraphs and comment lines (a law repository's export), read line by line: parsing such a file
    with markdown-it was half of its conversion time. None for anything else (tests compare both)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = _COMMENT_LINE.sub("", text) if "<!--" in text else text
    if _MARKUP_CHARACTER.search(body):
        return None
    blocks: list[str] = []
    paragraph: list[str] = []
    title, first_heading = None, True
    for line in body.split("\n"):
        if _MARKUP_LINE.match(line):
            return None
        heading = _ATX.match(line) if "#" in line else None
        if heading:
            # As the parser does: spaces around each line break dropped, white space around the paragraph.
            if paragraph:
                blocks.append("\n".join(paragraph).strip())
                paragraph = []
            content = (heading.group(2) or "").strip()
            if first_heading:
                title = content if len(heading.group(1)) == 1 else None
                first_heading = False
            blocks.append(content)
            continue
        stripped = line.strip(" ")
        if stripped:
            paragraph.append(stripped)
        elif paragraph:
            blocks.append("\n".join(paragraph).strip())
            paragraph = []
    if paragraph:
        blocks.append("\n".join(paragraph).strip())
    return "\n".join(blocks), title


def _first_h1(tokens) -> str | None:
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            return tokens[k + 1].content.strip() if token.tag == "h1" else None
    return None


def _markdown_lines(tokens) -> str:
    lines = []
    row: list[str] = []
    in_cell = False
    number = ""  # an ordered list item's number, which is policy text ("1." "2、"), not markup
    for token in tokens:
        if token.type == "list_item_open" and token.info:
            number = f"{token.info}{token.markup}"
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            lines.append(" | ".join(row) + " |")  # a table row, as HTML and Word tables are read
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row.append(token.content)
        elif token.type == "inline":
            parts = [number]
            number = ""
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type == "html_inline":
                    parts.append(child.content)
            lines.append("".join(parts))
        elif token.type == "html_block" and _COMMENT.fullmatch(token.content.strip()):
            continue  # an export's markers (<!-- INFO END -->) are not text
        elif token.type in ("code_block", "fence", "html_block"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(lines)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
