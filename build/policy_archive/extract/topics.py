"""Topics: the controlled vocabulary's topics a document is mainly about, and the sections that treat them.

A term counts only where it is a word of the text (topic_words: 大学 is not read inside 扩大学生).
A topic's weight is what share of the document treats it: its title, its headings,
the share of its sections that use the topic's terms, and how densely. The main topics (at most
MAX_TOPICS, above MIN_WEIGHT) are the document's tags; every mention, with the sections it stands in,
is kept for the cross-reference table.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Block
from ..knowledge import _load_yaml, topics, untagged_types
from . import topic_words
from .lexicon import is_addressee
from .topic_words import all_terms, as_word, term_starts, word_positions

_SECTION_ANCHOR = re.compile(r"(?:part-\d+-)?sec-\d+|part-\d+")
MAX_TOPICS = 4
WEAK_FLOOR = 0.4  # boilerplate sections are set aside only when the rest holds this share of the text
OPENING_SHARE = 0.4  # the opening before the first heading is set aside when it holds at most this share
RELATIVE_WEIGHT = 0.45  # a main topic weighs at least this share of the heaviest: the others are asides
MIN_UNITS = 4  # fewer sections than this are read as paragraphs, fewer paragraphs as sentences
SHORT_TEXT = 1000  # characters: mentions in a shorter text (a page opening kept as an excerpt) count per this many
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
# A space between two Chinese characters: a line broken inside a word (教育信 息化) in a PDF's text.
_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_CITATION = re.compile(r"《[^《》\n]{1,120}》")
# The colophon and its like: who else receives the document, when it was printed, its subject words.
_COLOPHON = re.compile(r"\s*(?:抄送|抄报|分送|报送|主题词|关键词|印发|附件)\s*[:：]")


def count_words(text: str, term: str) -> int:
    """Occurrences of `term` in `text` that are words of it, not parts of longer words."""
    return len(word_positions(text, term))


@dataclass(frozen=True)
class Mentions:
    """Where a topic's terms stand in one document."""

    sections: tuple[str, ...]  # anchors of the sections that use them ("top" before the first)
    hits: int  # every mention
    in_title: bool  # (a title's citation counts: 关于印发《…》的通知 is about what it issues)
    # The evidence of what the document is about, outside addressee lines, citations, the colophon and
    # boilerplate sections (_evidence):
    headings: int = 0  # headings and subheadings that use them
    share: float = 0.0  # of the document's units (sections, or paragraphs) that use them
    weighty_hits: int = 0
    chars: int = 0  # the characters read as evidence


@lru_cache(maxsize=65536)
def topics_in(text: str) -> frozenset[str]:
    """The names of the topics whose terms a short text (a clause, a heading) uses as words."""
    occurrences = term_starts(text)
    return frozenset(topic.name for topic in topics()[0] if any(as_word(text, at, t) for t in topic.terms for at in occurrences.get(t, ())))


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
        by_section.setdefault(section, []).append(_closed(block.text))
        if block.kind in ("heading", "subheading"):
            headings.append(_closed(block.text))
        elif block.kind == "title":
            title = _closed(block.text)
    return {anchor: "\n".join(texts) for anchor, texts in by_section.items()}, headings, title


@lru_cache(maxsize=1)
def _weak_heading():
    """Headings of sections that speak of everything (总则, 保障措施, 组织领导: topics.yaml)."""
    words = _load_yaml("topics.yaml").get("weak_headings", ())
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!)")


def _closed(text: str) -> str:
    """The text with the spaces between Chinese characters taken out, so that a term broken by one
    (教育信 息化) is read."""
    return _INNER_SPACE.sub("", text)


@lru_cache(maxsize=1)
def _scope_phrases() -> tuple[str, ...]:
    """Phrases of a sentence that says to what a regulation applies (topics.yaml `scope_phrases`)."""
    return tuple(_load_yaml("topics.yaml").get("scope_phrases", ()))


_LIST_PIECES = re.compile(r"([、，,；;：:。\s（）()]+)")


@lru_cache(maxsize=1)
def _school_name() -> re.Pattern:
    """A school's name: a few characters and the word its kind of school ends with (topics.yaml
    `school_name_endings`: 城东小学, 实验幼儿园)."""
    endings = "|".join(re.escape(e) for e in _load_yaml("topics.yaml").get("school_name_endings", ()))
    return re.compile(f"[\u4e00-\u9fff]{{2,10}}(?:{endings})" if endings else r"(?!)")


def _without_school_lists(text: str) -> str:
    """The text without the items of its lists of schools by name (two or more names in a row, 、 between:
    城东小学、实验小学、塔山小学), the schools a notice commends, builds or admits, not the stage of education
    it is about."""
    pieces = _LIST_PIECES.split(text)
    names = [k % 2 == 0 and _school_name().fullmatch(p) is not None for k, p in enumerate(pieces)]
    listed = set()
    for k in range(0, len(pieces) - 2, 2):
        if names[k] and names[k + 2] and pieces[k + 1] == "、":
            listed.update((k, k + 2))
    return "".join("" if k in listed else p for k, p in enumerate(pieces)) if listed else text


@lru_cache(maxsize=1)
def _school_kinds() -> tuple[dict[str, str], re.Pattern]:
    """Word -> the stage of schooling of the kind of school it names (topics.yaml `school_kinds`: 幼儿园 ->
    学前教育, 中小学 -> 中小学), and a pattern that finds those words, longest first."""
    kinds = {word: stage for stage, words in (_load_yaml("topics.yaml").get("school_kinds") or {}).items() for word in words}
    words = sorted(kinds, key=len, reverse=True)
    return kinds, re.compile("|".join(map(re.escape, words)) or r"(?!)")


def _names_a_stage(sentence: str, kinds: dict[str, str]) -> bool:
    """Whether the sentence names a stage of education by a term that is no kind of school (学前教育, 入园率,
    均衡发展): a sentence that does treats that stage (学前教育实现了跨越式发展，新建幼儿园16所、农村小学附设幼教点)."""
    stages = set(kinds.values())
    found = term_starts(sentence)
    return any(
        term not in kinds and any(as_word(sentence, at, term) for at in found[term])
        for topic in topics()[0]
        if topic.name in stages
        for term in topic.terms
        if term in found
    )


def _without_kinds_of_school(sentence: str) -> str:
    """A sentence without its kinds of school (school_kinds) where it names kinds of two stages of schooling
    or more and no stage by a term of its own (各中小学、幼儿园：; 小学、初中定于…放寒假，高中、中职定于…;
    招聘初中18名、小学122名、幼儿园40名): it says which schools a notice concerns, as an addressee line does, not
    what the notice is about. The rest of the sentence stays (做好中小学、幼儿园安全工作 is still about safety)."""
    kinds, pattern = _school_kinds()
    found = [(m.start(), m.group()) for m in pattern.finditer(sentence) if as_word(sentence, m.start(), m.group())]
    if len({kinds[word] for _, word in found}) < 2 or _names_a_stage(sentence, kinds):
        return sentence
    pieces, end = [], 0
    for at, word in found:
        pieces += [sentence[end:at], "、" * len(word)]
        end = at + len(word)
    return "".join(pieces) + sentence[end:]


def _weighty(text: str) -> str:
    """A paragraph without its citations (依据《中华人民共和国义务教育法》 says nothing of the topic),
    without the sentences that say what it applies to: the kinds of school a regulation's 第二条 lists
    (普通中小学校、中等职业学校（以下简称学校）) are its scope, as an addressee line's are a notice's, and
    without the stages of schooling a sentence lists (_without_kinds_of_school)."""
    phrases = _scope_phrases()
    sentences = [s for s in _SENTENCE_END.split(_CITATION.sub("，", text)) if not any(p in s for p in phrases)]
    return _without_school_lists("".join(_without_kinds_of_school(s) for s in sentences))


_FULL_STOP = re.compile(r"(?<=[。！？])")


@lru_cache(maxsize=1)
def _contents_phrases() -> tuple[str, ...]:
    """Phrases of a sentence that says what a document contains (topics.yaml `contents_phrases`)."""
    return tuple(_load_yaml("topics.yaml").get("contents_phrases", ()))


def _contents(paragraphs: list[str]) -> list[str]:
    """The sentences in which a document says what it contains (主要任务是：…；…；… / 共有…、…六个部分): they
    name its topics as its headings do."""
    phrases = _contents_phrases()
    return [s for p in paragraphs if any(x in p for x in phrases) for s in _FULL_STOP.split(p) if any(x in s for x in phrases)]


class _Evidence:
    """The units of a document that say what it is about: its sections (a heading and the text to the
    next heading) when it has at least MIN_UNITS, else its paragraphs, else its sentences (with two
    units, one mention would be half the document); without the title, addressee lines,
    colophon lines, citations, a regulation's scope sentence, lists of schools by name (_weighty),
    sections whose heading is boilerplate (topics.yaml weak_headings), and, in a document with
    headings, the opening before the first of them (the guiding ideas every plan opens with,
    以…为指导，落实立德树人根本任务, a regulation's adoption history). Its headings are the heading
    blocks and the sentences that say what the document contains (_contents)."""

    def __init__(self, blocks: list[Block]):
        sections = self._kept(self._sections(blocks))
        headings = [t for s in sections for t in s[:1] if t.startswith("\0")]
        paragraphs = [t.lstrip("\0") for section in sections for t in section]
        filled = [s for s in sections if len(s) > 1 or (s and not headings)]
        units = ["\n".join(s).replace("\0", "") for s in filled]
        if len(units) < MIN_UNITS:
            units = paragraphs
        if len(units) < MIN_UNITS:
            units = [c for p in paragraphs for c in _SENTENCE_END.split(p) if c.strip()] or paragraphs
        self.text = "\n".join(units)
        self.starts = [0]
        for unit in units[:-1]:
            self.starts.append(self.starts[-1] + len(unit) + 1)
        self.units = len(units)
        self.headings = [h.lstrip("\0") for t in sections for h in t if h.startswith("\0")] + _contents(paragraphs)
        self.occurrences = term_starts(self.text)

    @staticmethod
    def _sections(blocks: list[Block]) -> list[tuple[bool, list[str]]]:
        """The text of each section (headings marked with a NUL), without title, addressee, colophon
        and citations; each with whether it is boilerplate (a weak heading's, or the opening before
        the first heading)."""
        sections: list[tuple[bool, list[str]]] = [(any(block.kind == "heading" for block in blocks), [])]
        for block in blocks:
            text = _closed(block.text)
            if block.kind == "title" or is_addressee(text) or _COLOPHON.match(text):
                continue
            if block.kind == "heading":
                sections.append((_weak_heading().search(text) is not None, []))
            sections[-1][1].append(("\0" if block.kind in ("heading", "subheading") else "") + _weighty(text))
        return sections

    @staticmethod
    def _kept(sections: list[tuple[bool, list[str]]]) -> list[list[str]]:
        """The sections that say what the document is about: boilerplate is set aside when the rest
        holds WEAK_FLOOR of the text (a regulation that is mostly its 总则 keeps it), the opening only
        when it holds at most OPENING_SHARE (a notice whose body stands before its one heading keeps it) and
        a heading that is no boilerplate follows it (before 一、公示时间 and 二、联系方式 the opening is the body)."""
        size = [sum(len(t) for t in texts) for _, texts in sections]
        total = sum(size)
        opening = any(not boilerplate for boilerplate, _ in sections[1:]) and size[0] <= OPENING_SHARE * total
        weak = [opening if k == 0 else boilerplate for k, (boilerplate, _) in enumerate(sections)]
        if sum(n for n, w in zip(size, weak) if not w) < WEAK_FLOOR * total:
            weak = [k == 0 and opening for k in range(len(sections))]
        return [texts for (_, texts), w in zip(sections, weak) if not w]

    def of(self, terms: list[str], heading_terms: list[str]) -> tuple[int, float, int, int]:
        """(headings using `heading_terms`, share of units, hits, characters) for a topic's terms."""
        hits, units = 0, set()
        for term in terms:
            for at in self.occurrences.get(term, ()):
                if as_word(self.text, at, term):
                    hits += 1
                    units.add(bisect.bisect_right(self.starts, at) - 1)
        headings = sum(1 for h in self.headings if any(t in h for t in heading_terms) and any(word_positions(h, t) for t in heading_terms))
        return headings, len(units) / self.units if self.units else 0.0, hits, len(self.text)


# The opening of a page that carries out what another document asks (根据《关于开展X评选的通知》要求，…
# 现将评选结果公示如下): the document it carries out, which names what the page is about.
_PURPOSE = re.compile(r"(?:根据|按照|依据)《([^《》\n]{4,120})》")


def _purpose(blocks: list[Block]) -> str:
    """Where a page printed no title (an excerpt that starts with its body), the notice its first paragraph
    says it carries out (根据《关于开展中小学德育工作创新案例评选的通知》) names what it is about; a cited law
    (依据《中华人民共和国义务教育法》) or a document of another kind is no such notice."""
    first = next((block.text for block in blocks if block.kind == "paragraph" and not is_addressee(block.text)), "")
    match = _PURPOSE.match(first)
    return match.group(1) if match and match.group(1).endswith(("通知", "方案")) else ""


# The lead of a news report of a meeting: a day, then who held which meeting (3月6日，X召开2019年全市教育工作会议;
# 1月22日下午，番禺区2024年教育工作会议在星海青少年宫召开), in one of the first sentences of the page.
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十廿]{1,3})日"
_MEETING = r"[^，。；：,\s]{2,50}?(?:会议|大会|会)"
_MEETING_LEAD = re.compile(
    rf"^[^。！？]{{0,40}}?{_DAY}[^。！？]{{0,60}}?(?:召开了?(?P<held>{_MEETING})|[，,](?P<met>{_MEETING})(?:在[^，。]{{1,25}})?(?:召开|举行))"
)
LEAD_PARAGRAPHS = 8  # the lead of a news report stands among its first paragraphs (after the page's bars)


def reported_meeting(blocks: list[Block]) -> str | None:
    """The name of the meeting a page reports, where its lead says that a meeting was held on a day (news of a
    meeting, not a document that mentions one in its body): 2023年全县教育工作会议, 全县义务教育优质均衡发展创建工作推进会."""
    paragraphs = [block.text for block in blocks if block.kind == "paragraph"][:LEAD_PARAGRAPHS]
    for paragraph in paragraphs:
        for sentence in _FULL_STOP.split(paragraph)[:2]:
            match = _MEETING_LEAD.search(sentence)
            if match:
                return match.group("held") or match.group("met")
    return None


def named_topics(text: str) -> set[str]:
    """The topics a title-like text names with their terms or headline terms."""
    found = term_starts(text)
    return {topic.name for topic in topics()[0] if any(word_positions(text, t) for t in all_terms(topic) if t in found)}


def find_topics(blocks: list[Block], title: str | None = None) -> dict[str, Mentions]:
    """Topic name -> its mentions, for every topic whose terms the document uses as words.

    Each term is found once in the whole text; its occurrences are given to sections by position, so
    the cost follows the occurrences, not sections × terms. `sections` and `hits` hold every mention
    (the cross-reference table); the weight reads only the evidence of what the document is about
    (`_Evidence`)."""
    section_texts, _, title_block = _sections(blocks)
    title = _closed(title) if title else title_block or _purpose(blocks)
    anchors = list(section_texts)
    starts, position = [], 0
    for text in section_texts.values():
        starts.append(position)
        position += len(text) + 1
    full_text = "\n".join(section_texts.values())
    found: dict[str, Mentions] = {}
    occurrences = term_starts(full_text)
    in_title_text = set(term_starts(title)) if title else set()
    evidence = _Evidence(blocks)
    for topic in topics()[0]:
        named = [t for t in all_terms(topic) if t in occurrences or t in in_title_text]
        if not named:
            continue
        terms = [t for t in named if t in topic.terms]  # (a headline term counts in titles and headings only)
        hits, in_sections = 0, set()
        for term in terms:
            for at in occurrences.get(term, ()):
                if as_word(full_text, at, term):
                    hits += 1
                    in_sections.add(bisect.bisect_right(starts, at) - 1)
        in_title = bool(title) and any(word_positions(title, t) for t in named)
        headings, *rest = evidence.of(terms, named)
        if hits or in_title or headings:
            found[topic.name] = Mentions(tuple(anchors[k] for k in sorted(in_sections)), hits, in_title, headings, *rest)
    return found


def weight(mentions: Mentions) -> float:
    """How much of the document treats a topic: title 4; 2 for each heading of its own sections, up to
    4 (a heading names its section as the title names the document); share of its units up to 4;
    mentions per thousand characters beyond the first up to 4 — all read outside addressee lines,
    citations, the colophon and boilerplate sections (_Evidence). A text shorter than SHORT_TEXT
    counts as that long: two mentions in an excerpt of 300 characters are not 3.3 per thousand.
    One mention is not a topic, however short the text: the share of units counts only for a topic
    mentioned twice or in a heading."""
    return 4 * mentions.in_title + body_weight(mentions)


def body_weight(mentions: Mentions) -> float:
    """A topic's weight without its title's part."""
    density = max(mentions.weighty_hits - 1, 0) * 1000 / max(mentions.chars, SHORT_TEXT)
    share = mentions.share if mentions.weighty_hits > 1 or mentions.headings else 0.0
    return 2 * min(mentions.headings, 2) + 4 * share + min(density, 4)


def main_topics(blocks: list[Block], mentions: dict[str, Mentions], min_weight: float) -> list[str]:
    """The document's tags: its main topics by weight (vocabulary order among equals), those that weigh
    at least `min_weight` and either stand in the title or weigh at least RELATIVE_WEIGHT of the
    heaviest body weight. The others are measured against the body, not the title: a 学前教育条例's
    title makes 学前教育 outweigh its chapters on funding and teachers by the title's part alone. A
    document has two main topics or more (tests/corpus/README.md): where one alone passes, the next
    heaviest is the second if it weighs `min_weight`."""
    order = {t.name: i for i, t in enumerate(topics()[0])}
    meeting = reported_meeting(blocks)
    if meeting is not None:
        # A report of a meeting is about what the meeting was held for: its name's topics and its title's. What
        # its speakers touched on (a work meeting reviews every stage and every task) is no main topic.
        named = named_topics(meeting) | {name for name, m in mentions.items() if m.in_title}
        return sorted(named, key=order.get)[:MAX_TOPICS]
    weighted = sorted(((weight(m), name) for name, m in mentions.items()), key=lambda wn: (-wn[0], order[wn[1]]))
    top = max((body_weight(m) for m in mentions.values()), default=0.0)
    chosen = [name for w, name in weighted if w >= min_weight and (mentions[name].in_title or w >= RELATIVE_WEIGHT * top)]
    if len(chosen) == 1:
        chosen += [name for w, name in weighted[:2] if w >= min_weight and name not in chosen]
    return sorted(chosen[:MAX_TOPICS], key=order.get)


@lru_cache(maxsize=1)
def _subject_reports() -> tuple[str, ...]:
    """Words of a title that make a report of an untagged kind one on a subject (topics.yaml `subject_reports`)."""
    return tuple(_load_yaml("topics.yaml").get("subject_reports", ()))


def document_topics(
    blocks: list[Block], mentions: dict[str, Mentions], min_weight: float, doc_type: str | None, title: str | None
) -> list[str]:
    """The document's tags: none for a kind of document that speaks of everything or of disclosure itself
    (topics.yaml `untagged_types`), unless its title names a subject of its own (广州市教育局2021年法治政府建设年度报告 is
    a report on governing by law, not on disclosure); else its main topics (main_topics)."""
    if doc_type in untagged_types() and not any(word in (title or "") for word in _subject_reports()):
        return []
    return main_topics(blocks, mentions, min_weight)


def preload() -> None:
    """Build this extractor's tables once (before workers are forked: they share them)."""
    topic_words.preload()
