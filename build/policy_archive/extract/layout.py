"""An official document read as the layout GB/T 9704-2012 gives it: where its elements stand.

The extractors read each field from its element (the 文号 from the 发文字号 line, the issuer and date from the
署名 and 成文日期 below the text, the printer from the 版记); this module says where those elements are in a
converted document, so that a curator checking a doubtful field sees the line it came from (`policy-archive
review`). Paragraph numbers count from 1, as a reader counts them on the page.
"""

from __future__ import annotations

import re

from ..document import Document
from .doc_numbers import numbered_line, split_doc_number
from .evidence import View
from .lexicon import is_addressee
from .signatures import signature

# The elements in the order the standard lays them out, with their names in the standard.
ELEMENTS = (
    ("header", "发文机关标志"),
    ("number", "发文字号"),
    ("title", "标题"),
    ("addressee", "主送机关"),
    ("body", "正文"),
    ("attachments", "附件说明"),
    ("signature", "署名"),
    ("date", "成文日期"),
    ("note", "附注"),
    ("colophon", "版记"),
)
_ATTACHMENT_NOTE = re.compile(r"附\s*件\s*[:：1１一]")
_NOTE = re.compile(r"[（(](?:此件|联系人|本件)[^（）()]{0,60}[)）]")
_COLOPHON = re.compile(r"抄\s*送\s*[:：]|印\s*发\s*$|[（(]\s*共印\s*\d+\s*份\s*[)）]|主\s*题\s*词\s*[:：]")
_HEAD = 12  # paragraphs where a 文号 or an addressee line may stand


def read_layout(doc: Document) -> dict[str, tuple[int, int]]:
    """{element: (first paragraph, last paragraph)}, 1-based, for the elements the document shows. The
    发文机关标志 a page removed as its red header is (0, 0): read, but no longer a paragraph of the text."""
    paragraphs = doc.paragraphs
    found: dict[str, tuple[int, int]] = {}
    if doc.evidence_for("red_header"):
        found["header"] = (0, 0)
    title = _squeezed(doc.metadata.get("title") or "")
    for i, text in enumerate(paragraphs[:_HEAD]):
        if "title" not in found and title and _squeezed(text) == title:
            found["title"] = (i + 1, i + 1)
        elif "number" not in found and _is_number_line(text):
            found["number"] = (i + 1, i + 1)
        elif "addressee" not in found and is_addressee(text):
            found["addressee"] = (i + 1, i + 1)
    after_head = max((last for first, last in found.values()), default=0)
    signed = signature(View.of(doc), after_head)
    end = len(paragraphs)
    if signed is not None and signed.line is not None:
        date_line = signed.line
        found["date"] = (date_line + 1, date_line + 1)
        signer_lines = _signer_lines(paragraphs, date_line, after_head)
        if signer_lines:
            found["signature"] = signer_lines
        end = (signer_lines or found["date"])[0] - 1
        _after_date(paragraphs, date_line + 1, found)
    attachment = next((i for i in range(after_head, end) if _ATTACHMENT_NOTE.match(paragraphs[i])), None)
    if attachment is not None:
        found["attachments"] = (attachment + 1, end)
        end = attachment
    if end > after_head:
        found["body"] = (after_head + 1, end)
    return {name: found[name] for name, _ in ELEMENTS if name in found}


def describe(layout: dict[str, tuple[int, int]]) -> str:
    """'标题 ¶1 · 发文字号 ¶2 · 正文 ¶3–20 · 署名 ¶21 · 成文日期 ¶22' (the red header: 发文机关标志 (页眉))."""
    names = dict(ELEMENTS)
    parts = []
    for name, (first, last) in layout.items():
        where = "(页眉)" if first == 0 else (f"¶{first}" if first == last else f"¶{first}–{last}")
        parts.append(f"{names[name]} {where}")
    return " · ".join(parts)


def _is_number_line(text: str) -> bool:
    number, rest = split_doc_number(text)
    return bool(number and len(rest) <= 4) or numbered_line(text) is not None


def _signer_lines(paragraphs, date_line: int, after: int) -> tuple[int, int] | None:
    """The lines of authorities right above the date (the signature may name them on the date's own line)."""
    first = date_line
    while first - 1 > after and _may_sign(paragraphs[first - 1]) and date_line - first < _SIGNER_LINES:
        first -= 1
    return (first + 1, date_line) if first < date_line else None


_SIGNER_LINES = 6


def _may_sign(text: str) -> bool:
    """A line of the 署名: short, no sentence, no label (附件：, 主送：)."""
    return len(text) <= 60 and not re.search(r"[。：:]", text) and not _ATTACHMENT_NOTE.match(text)


def _after_date(paragraphs, start: int, found: dict) -> None:
    for i in range(start, min(len(paragraphs), start + 12)):
        if "note" not in found and _NOTE.fullmatch(paragraphs[i].strip()):
            found["note"] = (i + 1, i + 1)
        elif _COLOPHON.search(paragraphs[i]):
            first = found.get("colophon", (i + 1, i + 1))[0]
            found["colophon"] = (first, i + 1)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)
