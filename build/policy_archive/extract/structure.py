"""Structure: headings for parts, sections and subsections, and an anchor for every numbered item."""

from __future__ import annotations

import re

from ..document import Block
from .lexicon import cn_number as _cn_number

_SECTION = re.compile(
    r"(?:([一二三四五六七八九十]{1,3})\s*[、.．](?![一二三四五六七八九十\d])|第([一二三四五六七八九十]{1,3})(?:部分|章|篇)\s*)"
)
_SUBSECTION = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")
_ITEM = re.compile(r"(\d{1,3})\s*(?:[.、．]|[)）](?=\S))(?!\d)")
_TASK = re.compile(r"任务\s*(\d{1,3})\s*[:：]")
_PAREN_ITEM = re.compile(r"[（(](\d{1,3})[）)]")
# The first of a list of measures often follows its label on the same line: 措施：（1）…, 目标：(1)….
_LABELLED_PAREN_ITEM = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[:：]\s*[（(](\d{1,3})[）)]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The characters each pattern can start with: a paragraph starting otherwise is not tried against it.
_SECTION_FIRST = frozenset("一二三四五六七八九十第")
_PAREN_FIRST = frozenset("（(")


def _section(text: str) -> re.Match | None:
    return _SECTION.match(text) if text[:1] in _SECTION_FIRST else None


_HEADING_MAX = 60


def _is_heading_text(text: str) -> bool:
    body = text.rstrip("。")
    return len(text) <= _HEADING_MAX and "。" not in body and "；" not in body


def structure(paragraphs: list[str], title_index: int | None) -> list[Block]:
    """Headings for parts (第一部分), sections (一、) and subsections (（一）); an anchor for every numbered
    item. Anchors are built from the numbers printed in the text (sec-2-item-5 is item 5 of section 二),
    so a citation link stays valid however the rest of the document is numbered."""
    # (Longer than 60 lines: one pass over the paragraphs, each case updating the same scopes — part, section,
    # subsection, last item — which helpers would have to pass back and forth.)
    blocks: list[Block] = []
    used: set[str] = set()
    sections = [_section(text) for text in paragraphs]  # (read once: for has_parts and for the headings)
    has_parts = any(m and m.group(2) for m in sections)
    part_scope = ""  # "part-2-" inside 第二部分
    section_scope = scope = "p"  # anchor prefix of the innermost heading
    last_item = None

    repeats: dict[str, int] = {}

    def unique(anchor: str) -> str:
        # A repeated number gets -2, -3…; the count per base keeps this linear however often it repeats.
        base, n = anchor, repeats.get(anchor, 1)
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        repeats[base] = n
        used.add(anchor)
        return anchor

    def heading(kind: str, text: str, anchor: str, level: int) -> Block:
        # A long numbered paragraph ("一、…。…") keeps its anchor but is not made a heading.
        return Block(kind if _is_heading_text(text) else "item", text, anchor, level)

    for i, text in enumerate(paragraphs):
        if i == title_index:
            blocks.append(Block("title", text))
            continue
        first = text[:1]
        match = sections[i]
        if match and match.group(2):
            part_scope = f"part-{_cn_number(match.group(2))}"
            section_scope = scope = unique(part_scope)
            part_scope += "-"
            last_item = None
            blocks.append(heading("heading", text, scope, 2))
            continue
        if match:
            section_scope = scope = unique(f"{part_scope}sec-{_cn_number(match.group(1))}")
            last_item = None
            blocks.append(heading("heading", text, scope, 3 if has_parts else 2))
            continue
        match = _SUBSECTION.match(text) if first in _PAREN_FIRST else None
        if match and section_scope != "p":
            scope = unique(f"{section_scope}-{_cn_number(match.group(1))}")
            last_item = None
            blocks.append(heading("subheading", text, scope, 4 if has_parts else 3))
            continue
        match = _TASK.match(text) if first == "任" else None
        if match:
            last_item = unique(f"{scope}-task-{match.group(1)}")
            blocks.append(Block("item", text, last_item, 1))
            continue
        match = _ITEM.match(text) if first.isdecimal() else None
        if match:
            last_item = unique(f"{scope}-item-{match.group(1)}")
            blocks.append(Block("item", text, last_item, 1))
            continue
        match = (_PAREN_ITEM.match(text) if first in _PAREN_FIRST else None) or (
            _LABELLED_PAREN_ITEM.match(text) if "\u4e00" <= first <= "\u9fff" else None
        )
        if match or (text[:1] and text[0] in _CIRCLED):
            number = match.group(1) if match else str(_CIRCLED.index(text[0]) + 1)
            # (1) under an item is that item's; directly under a heading it is marked "p" so that it
            # never takes the anchor of the heading's subsection (一).
            blocks.append(Block("item", text, unique(f"{last_item}-{number}" if last_item else f"{scope}-p{number}"), 2))
            continue
        blocks.append(Block("paragraph", text))
    return blocks
