"""Topics: the controlled vocabulary's topics a document is mainly about, and the sections that treat them."""

from __future__ import annotations

import re

from ..document import Block
from ..knowledge import topics

_SECTION_ANCHOR = re.compile(r"(?:part-\d+-)?sec-\d+|part-\d+")


def find_topics(blocks: list[Block]) -> dict[str, tuple[str, ...]]:
    """Topic name -> anchors of the sections whose text evidences it (document order).

    Terms are counted as substrings, section by section; only the terms present anywhere in the
    document are counted, which keeps this fast whatever the size of the vocabulary.
    """
    vocabulary_topics, min_hits = topics()
    sections: dict[str, list[str]] = {}
    headings: list[str] = []
    section = "top"
    for block in blocks:
        if block.anchor and _SECTION_ANCHOR.fullmatch(block.anchor):
            section = block.anchor  # a part or a section (一、), not a subsection or an item
        sections.setdefault(section, []).append(block.text)
        if block.kind in ("heading", "subheading", "title"):
            headings.append(block.text)
    section_texts = {anchor: "\n".join(texts) for anchor, texts in sections.items()}
    full_text = "\n".join(section_texts.values())
    heading_text = "\n".join(headings)
    found: dict[str, tuple[str, ...]] = {}
    for topic in vocabulary_topics:
        terms = [t for t in topic.terms if t in full_text]
        if not terms:
            continue
        anchors = []
        hits = 0
        for anchor, text in section_texts.items():
            count = sum(text.count(t) for t in terms)
            if count:
                hits += count
                anchors.append(anchor)
        if hits >= min_hits or any(t in heading_text for t in terms):
            found[topic.name] = tuple(anchors)
    return found
