"""Citations: the titles a document cites as 《…》, with the 文号 printed after them.

A title the page broke over two lines is joined, and spaces between Chinese characters inside a title
(left by justified or wrapped text) are removed: both repairs are certain, since a cited title never
holds them. A title that lost its end (an unclosed 《, a space or an ellipsis before 》, or an ending
no title has, such as 《济南市教育局2014年 》) is kept as printed and flagged `truncated`: it is never
completed by guess, and it is not matched to a document of the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block
from .doc_numbers import normalise_doc_number
from .lexicon import DOC_NUMBER, ascii_digits

# A title longer than this is not a title but a quotation (or a bracket the page never closed).
TITLE_MAX = 100
_CLOSED = re.compile(rf"《([^《》]{{1,{TITLE_MAX}}})》")
_UNCLOSED = re.compile(rf"《([^《》]{{1,{TITLE_MAX}}})$")
# The 文号 of the cited document, in brackets right after its title: 《…》（济发〔2022〕13号）.
_NUMBER_AFTER = re.compile(rf"\s*[（(]\s*({DOC_NUMBER.pattern})\s*[）)]")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])")
# What a title can end in only when the page cut it: a space or an ellipsis before 》, a conjunction, a
# bare year or a comma.
_CUT_END = re.compile(r"(?:\s|…|\.\.\.|[的和及与或、，,]|关于|\d{4}年)$")
# A break inside a title is joined only when what follows up to 》 is a title's end, not a sentence.
_SENTENCE = re.compile(r"[。；！？]")


# Differences that do not make another title: spaces, quotes, bracket shapes, dash shapes.
_NOISE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉（）()\[\]【】〔〕]")
_DASHES = str.maketrans(dict.fromkeys("—–－―~～至", "-"))
# The plan a notice issues or forwards is named in the notice's title: 关于印发《X》的通知.
_ISSUED = re.compile(r"(?:印发|转发|颁发|发布)[《〈]([^《》〈〉]+)[》〉]")


def normal_title(title: str) -> str:
    return _NOISE.sub("", title).translate(_DASHES)


def issued_titles(title: str | None) -> list[str]:
    """The titles of what a notice issues or forwards, from its own title (关于印发《X》的通知 -> X)."""
    return _ISSUED.findall(title or "")


@dataclass(frozen=True)
class Citation:
    """One title cited in a document (every occurrence of it), as printed, with where it is cited."""

    title: str
    doc_number: str | None = None  # the 文号 printed after the title, normalised (〔〕)
    anchors: tuple[str, ...] = ()  # the items or sections that cite it ("" for the text before any)
    truncated: bool = False  # the page cut the title: kept as printed, never matched
    repaired: bool = False  # joined across a line break or spaces removed


@dataclass
class _Found:
    title: str
    doc_number: str | None
    anchor: str
    truncated: bool
    repaired: bool


def _tidy(raw: str) -> tuple[str, bool, bool]:
    """(title, truncated, repaired) from the text between the brackets."""
    truncated = bool(_CUT_END.search(raw))
    stripped = raw.strip()
    title = _CJK_SPACE.sub("", stripped)
    return title, truncated, title != stripped


def _number_after(text: str, end: int) -> str | None:
    match = _NUMBER_AFTER.match(ascii_digits(text), end)
    return normalise_doc_number(match.group(1)) if match else None


def _continuation(block: Block | None) -> str | None:
    """The end of a title the previous block broke off: this block's text up to its first 》, when that
    is short and holds no sentence."""
    if block is None or block.kind == "title":
        return None
    close = block.text.find("》")
    if close < 0 or "《" in block.text[:close] or close > TITLE_MAX or _SENTENCE.search(block.text[:close]):
        return None
    return block.text[:close]


def _in_block(text: str, anchor: str, carried: str | None) -> list[_Found]:
    found = []
    start = 0
    if carried is not None:
        head, rest = carried
        title, truncated, _ = _tidy(head + rest)
        found.append(_Found(title, _number_after(text, len(rest) + 1), anchor, truncated, True))
        start = len(rest) + 1
    for match in _CLOSED.finditer(text, start):
        title, truncated, repaired = _tidy(match.group(1))
        if title:
            found.append(_Found(title, _number_after(text, match.end()), anchor, truncated, repaired))
    return found


def find_citations(blocks: list[Block] | tuple[Block, ...], title: str | None = None) -> tuple[Citation, ...]:
    """Every title cited as 《…》 in the body, in order of first appearance; a title cited several times
    is one Citation with every place it is cited. The document's own title, and the plan a notice issues
    (现将《X》印发给你们), are the document itself, not a citation."""
    found: list[_Found] = []
    anchor = ""
    carried = None  # (the broken title's start, its end in the next block)
    for i, block in enumerate(blocks):
        anchor = block.anchor or anchor
        if block.kind == "title":
            carried = None
            continue
        if carried is None and "《" not in block.text:
            continue  # (nothing is cited in it, and nothing is carried on)
        found += _in_block(block.text, anchor, carried)
        carried = None
        tail = _UNCLOSED.search(block.text)
        if tail:
            rest = _continuation(blocks[i + 1] if i + 1 < len(blocks) else None)
            if rest is not None:
                carried = (tail.group(1), rest)
            else:
                cut, _, repaired = _tidy(tail.group(1))
                if cut:
                    found.append(_Found(cut, None, anchor, True, repaired))
    own = {normal_title(t) for t in (title or "", *issued_titles(title))} - {""}
    return _merge([f for f in found if normal_title(f.title) not in own])


def _merge(found: list[_Found]) -> tuple[Citation, ...]:
    merged: dict[str, Citation] = {}
    for f in found:
        seen = merged.get(f.title)
        if seen is None:
            merged[f.title] = Citation(f.title, f.doc_number, (f.anchor,), f.truncated, f.repaired)
            continue
        anchors = seen.anchors if f.anchor in seen.anchors else (*seen.anchors, f.anchor)
        merged[f.title] = Citation(seen.title, seen.doc_number or f.doc_number, anchors, seen.truncated and f.truncated, seen.repaired)
    return tuple(merged.values())
