"""The words of the topic vocabulary in a text: where each term stands as a word of it.

A term counts only where it is a word of the text: each occurrence is checked against a segmentation
of the text around it (jieba, with the vocabulary's terms added to its dictionary), so 大学 is not read
inside 扩大学生; a term inside a phrase that is no topic (an organ's name, 经济和信息化局) is not read.
Every term is found in one pass (an Aho-Corasick automaton, pyahocorasick).
"""

from __future__ import annotations

import bisect
import itertools
import logging
from functools import lru_cache

from ..knowledge import _load_yaml, topics

_WINDOW = 8  # characters of context segmented around an occurrence


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for topic in topics()[0]:
        for term in all_terms(topic):
            tokenizer.add_word(term)
    return tokenizer


@lru_cache(maxsize=1)
def headline_terms() -> dict[str, tuple[str, ...]]:
    """Topic name -> words that name the topic in a title or a heading (三、强化安全管理, 深化教育改革)
    but are everyday words of running text (topics.yaml `headline_terms`)."""
    return {name: tuple(terms) for name, terms in (_load_yaml("topics.yaml").get("headline_terms") or {}).items()}


def all_terms(topic) -> tuple[str, ...]:
    """A topic's terms and its headline terms."""
    return topic.terms + headline_terms().get(topic.name, ())


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


def as_word(text: str, start: int, term: str) -> bool:
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


@lru_cache(maxsize=1)
def _not_topic_phrases() -> tuple[str, ...]:
    """Phrases that hold a term yet speak of no topic (topics.yaml `not_topic_phrases`): an organ's name
    (经济和信息化局, 高校工委), a kind of school outside the topic's (职业培训机构)."""
    return tuple(_load_yaml("topics.yaml").get("not_topic_phrases", ()))


@lru_cache(maxsize=1)
def _term_automaton():
    """Every term of the vocabulary, and every phrase that is no topic, in one Aho-Corasick automaton
    (pyahocorasick): a text is read once for all of them, where testing each term in turn read it some
    two hundred times. A term's value is (term, True), a phrase's (phrase, False)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for phrase in _not_topic_phrases():
        automaton.add_word(phrase, (phrase, False))
    for term in sorted({t for topic in topics()[0] for t in all_terms(topic)}):
        automaton.add_word(term, (term, True))  # (a term that is also listed as a phrase stays a term)
    automaton.make_automaton()
    return automaton


def term_starts(text: str) -> dict[str, list[int]]:
    """Where each vocabulary term starts in the text, outside the phrases that are no topic,
    occurrences of one term not overlapping (as str.find from the end of the last one finds them)."""
    matches = [(end - len(word) + 1, end + 1, word, is_term) for end, (word, is_term) in _term_automaton().iter(text)]
    phrases = sorted((start, stop) for start, stop, _, is_term in matches if not is_term)
    lefts = [left for left, _ in phrases]
    reach = list(itertools.accumulate((right for _, right in phrases), max))  # the farthest end of the phrases begun so far
    starts: dict[str, list[int]] = {}
    for start, stop, term, is_term in matches:
        inside = bisect.bisect_right(lefts, start)
        if not is_term or (inside and reach[inside - 1] >= stop):
            continue
        found = starts.setdefault(term, [])
        if not found or start >= found[-1] + len(term):
            found.append(start)
    return starts


def word_positions(text: str, term: str) -> list[int]:
    """Where `term` stands in `text` as a word of it (outside the phrases that are no topic)."""
    return [at for at in term_starts(text).get(term, ()) if as_word(text, at, term)]


def preload() -> None:
    """Build the segmenter and the automaton once (before workers are forked: they share them)."""
    _tokenizer()
    _term_automaton()
