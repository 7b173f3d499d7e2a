"""Topics: the controlled vocabulary's topics a document is mainly about, and the sections that treat them.

A term counts only where it is a word of the text: each occurrence is checked against a segmentation
of the text around it (jieba, with the vocabulary's terms added to its dictionary), so 大学 is not read
inside 扩大学生. A topic's weight is what share of the document treats it: its title, its headings,
the share of its sections that use the topic's terms, and how densely. The main topics (at most
MAX_TOPICS, above MIN_WEIGHT) are the document's tags; every mention, with the sections it stands in,
is kept for the cross-reference table.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Block
from ..knowledge import topics

_SECTION_ANCHOR = re.compile(r"(?:part-\d+-)?sec-\d+|part-\d+")
_WINDOW = 8  # characters of context segmented around an occurrence
MAX_TOPICS = 6


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for topic in topics()[0]:
        for term in topic.terms:
            tokenizer.add_word(term)
    return tokenizer


def _crossed(text: str, at: int, words: dict) -> bool:
    """Whether a dictionary word of 2-4 characters spans position `at` (begins before it, ends after)."""
    for left in range(1, 4):
        for right in range(1, 5 - left):
            if at - left >= 0 and at + right <= len(text) and words.get(text[at - left : at + right]):
                return True
    return False


@lru_cache(maxsize=65536)
def _straddled(context: str, start: int, end: int) -> bool:
    """Whether a dictionary word could straddle either end of context[start:end] (3 characters of
    context each side suffice: the words are at most 4 characters). Cached: contexts repeat."""
    words = _tokenizer().FREQ
    return _crossed(context, start, words) or _crossed(context, end, words)


def _is_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends on word boundaries of the text's segmentation."""
    left = max(0, start - 3)
    if not _straddled(text[left : end + 3], start - left, end - left):
        return True  # no word of the dictionary could straddle either end: a segmentation cuts there
    wide = max(0, start - _WINDOW)
    return _cut_at(text[wide : end + _WINDOW], start - wide, end - wide)


def _as_word(text: str, start: int, term: str) -> bool:
    """Whether the term found at text[start:] stands there as a word of the text."""
    # Terms of three characters or more (学前教育, 义务教育) are words wherever they stand; the check
    # matters for two-character terms (大学 in 扩大学生, 德育 in 师德育人).
    return len(term) > 2 or _is_word(text, start, start + len(term))


@lru_cache(maxsize=65536)
def _cut_at(window: str, start: int, end: int) -> bool:
    # jieba's own segmentation without its HMM: the most probable path through the dictionary's words
    # (get_DAG + calc, what Tokenizer.cut does for a run of characters, without its per-call set-up).
    tokenizer = _tokenizer()
    route: dict = {}
    tokenizer.calc(window, tokenizer.get_DAG(window), route)
    cuts = {0}
    position = 0
    while position < len(window):
        position = route[position][1] + 1
        cuts.add(position)
    return start in cuts and end in cuts


def count_words(text: str, term: str) -> int:
    """Occurrences of `term` in `text` that are words of it, not parts of longer words."""
    return len(_word_positions(text, term))


@dataclass(frozen=True)
class Mentions:
    """Where a topic's terms stand in one document."""

    sections: tuple[str, ...]  # anchors of the sections that use them ("top" before the first)
    hits: int
    in_title: bool
    headings: int  # headings and subheadings that use them


@lru_cache(maxsize=65536)
def topics_in(text: str) -> frozenset[str]:
    """The names of the topics whose terms a short text (a clause, a heading) uses as words."""
    occurrences = _term_starts(text)
    return frozenset(
        topic.name for topic in topics()[0] if any(_as_word(text, at, t) for t in topic.terms for at in occurrences.get(t, ()))
    )


def section_of(anchor: str | None) -> str:
    """The section (一、, or a part) an anchor stands in, as find_topics names it: "top" before the first."""
    match = _SECTION_ANCHOR.match(anchor or "")
    return match.group(0) if match else "top"


def _sections(blocks: list[Block]) -> tuple[dict[str, str], list[str], str]:
    by_section: dict[str, list[str]] = {}
    headings: list[str] = []
    title = ""
    section = "top"
    for block in blocks:
        if block.anchor and _SECTION_ANCHOR.fullmatch(block.anchor):
            section = block.anchor  # a part or a section (一、), not a subsection or an item
        by_section.setdefault(section, []).append(block.text)
        if block.kind in ("heading", "subheading"):
            headings.append(block.text)
        elif block.kind == "title":
            title = block.text
    return {anchor: "\n".join(texts) for anchor, texts in by_section.items()}, headings, title


@lru_cache(maxsize=1)
def _term_automaton():
    """Every term of the vocabulary in one Aho-Corasick automaton (pyahocorasick): a text is read once
    for all of them, where testing each term in turn read it some two hundred times."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in sorted({t for topic in topics()[0] for t in topic.terms}):
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


def _term_starts(text: str) -> dict[str, list[int]]:
    """Where each vocabulary term starts in the text, occurrences of one term not overlapping (as
    str.find from the end of the last one finds them)."""
    starts: dict[str, list[int]] = {}
    for end, term in _term_automaton().iter(text):
        start = end - len(term) + 1
        found = starts.setdefault(term, [])
        if not found or start >= found[-1] + len(term):
            found.append(start)
    return starts


def _word_positions(text: str, term: str) -> list[int]:
    """Where `term` stands in `text` as a word of it."""
    found = []
    start = text.find(term)
    while start != -1:
        if _as_word(text, start, term):
            found.append(start)
        start = text.find(term, start + len(term))
    return found


def find_topics(blocks: list[Block], title: str | None = None) -> dict[str, Mentions]:
    """Topic name -> its mentions, for every topic whose terms the document uses as words.

    Each term is found once in the whole text; its occurrences are given to sections by position, so
    the cost follows the occurrences, not sections × terms."""
    section_texts, headings, title_block = _sections(blocks)
    title = title or title_block
    anchors = list(section_texts)
    starts, position = [], 0
    for text in section_texts.values():
        starts.append(position)
        position += len(text) + 1
    full_text = "\n".join(section_texts.values())
    heading_text = "\n".join(headings)
    found: dict[str, Mentions] = {}
    occurrences = _term_starts(full_text)
    in_title_text = {term for _, term in _term_automaton().iter(title)} if title else set()  # (every term `in` the title)
    for topic in topics()[0]:
        terms = [t for t in topic.terms if t in occurrences or t in in_title_text]
        if not terms:
            continue
        hits, in_sections = 0, set()
        for term in terms:
            for at in occurrences.get(term, ()):
                if _as_word(full_text, at, term):
                    hits += 1
                    in_sections.add(bisect.bisect_right(starts, at) - 1)
        in_title = bool(title) and any(_word_positions(title, t) for t in terms)
        in_headings = (
            sum(1 for h in headings if any(t in h for t in terms) and any(_word_positions(h, t) for t in terms))
            if any(t in heading_text for t in terms)
            else 0
        )
        if hits or in_title:
            found[topic.name] = Mentions(tuple(anchors[k] for k in sorted(in_sections)), hits, in_title, in_headings)
    return found


def weight(mentions: Mentions, sections: int, chars: int) -> float:
    """How much of the document treats a topic: title 4, headings up to 3, share of sections up to 4,
    hits per thousand characters beyond the first up to 3 (one mention is not a topic, however short
    the text)."""
    share = len([a for a in mentions.sections if a != "top"]) / sections if sections else (1.0 if mentions.sections else 0.0)
    density = (mentions.hits - 1) * 1000 / max(chars, 1)
    return 4 * mentions.in_title + min(mentions.headings, 3) + 4 * share + min(density, 3)


def main_topics(blocks: list[Block], mentions: dict[str, Mentions], min_weight: float) -> list[str]:
    """The document's tags: its main topics by weight (vocabulary order among equals)."""
    sections = len({b.anchor for b in blocks if b.anchor and _SECTION_ANCHOR.fullmatch(b.anchor)})
    chars = sum(len(b.text) for b in blocks)
    order = {t.name: i for i, t in enumerate(topics()[0])}
    weighted = sorted(((weight(m, sections, chars), name) for name, m in mentions.items()), key=lambda wn: (-wn[0], order[wn[1]]))
    chosen = [name for w, name in weighted if w >= min_weight][:MAX_TOPICS]
    return sorted(chosen, key=order.get)


def preload() -> None:
    """Build this extractor's tables once (before workers are forked: they share them)."""
    _tokenizer()
    _term_automaton()
