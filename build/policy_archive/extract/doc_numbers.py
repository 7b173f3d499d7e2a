"""The 文号 (发文字号): how a line carries it (before or after the title, in brackets under it), and the one
chosen for the document."""

from __future__ import annotations

import re
from functools import lru_cache

from .doc_types import doc_type
from .evidence import Candidate, View, choose
from .lexicon import DATE_TEXT, DOC_NUMBER, DOC_YEAR, NOTICE_NUMBER, ascii_digits


def normalise_doc_number(text: str | None) -> str | None:
    if not text or "号" not in text:  # (the cheap test first: every 文号 ends in 号)
        return None
    match = DOC_NUMBER.search(ascii_digits(text))
    if not match:
        return None
    prefix, year, number = match.groups()
    return f"{prefix}〔{year}〕{number.replace(' ', '')}号"


# Words of a sentence, never of an organ's short name: a 文号 whose prefix holds one was read out of a
# sentence that cites it ('省教育厅相继颁发了湘教发〔2009〕36号').
SENTENCE_WORDS = re.compile(r"[了的]|颁发|根据|按照|依据|印发|转发|相继|关于|贯彻|落实")


_NUMBER_TAIL = re.compile(rf"(?<!\s)\s*+[〔\[［【(（]\s*(?:{DOC_YEAR})\s*[〕\]］】)）]\s*第?\s*\d{{1,5}}\s*号$")


def split_doc_number(text: str) -> tuple[str | None, str]:
    """'济教字〔2023〕22号济宁市教育局关于…' -> ('济教字〔2023〕22号', '济宁市教育局关于…'); also a 文号 in
    brackets after the title: '…的通知（川财教〔2011〕224号）'."""
    if "号" not in text:
        return None, text
    return _split_doc_number(text)


_BRACKETED_NUMBER_END = re.compile(rf"[（(]\s*({DOC_NUMBER.pattern})\s*[）)]$")


# A 文号 printed without brackets before a title: '滨教函202011号滨州市教育局关于…' (organ's code, year, number).
_BARE_NUMBER = re.compile(r"([\u4e00-\u9fff]{2,6}(?:19|20)\d{2}\d{1,3}号)(?=[\u4e00-\u9fff]{2,12}(?:局|厅|委|政府|办公室)|关于)")


def _bare_number(text: str) -> re.Match | None:
    """A 文号 printed without brackets at the start of `text`, unless it is a sentence's (…贯彻落实国办发…)."""
    bare = _BARE_NUMBER.match(text)
    return bare if bare and not SENTENCE_WORDS.search(bare.group(1)) else None


@lru_cache(maxsize=8192)
def _split_doc_number(text: str) -> tuple[str | None, str]:
    """(split_doc_number of a line with a 号, computed once for it.)"""
    match = DOC_NUMBER.match(ascii_digits(text))
    if match:
        return normalise_doc_number(match.group(0)), text[match.end() :].strip()
    bare = _bare_number(ascii_digits(text))
    if bare:
        return bare.group(1), text[bare.end() :].strip()
    match = _BRACKETED_NUMBER_END.search(ascii_digits(text))
    if match:
        return normalise_doc_number(match.group(1)), text[: match.start()].strip()
    # '…的实施意见武政发[2017]52号': a 文号 run on after the title's last word.
    tail = _NUMBER_TAIL.search(ascii_digits(text))
    if tail:
        for k in range(1, 9):  # the 文号's prefix: as few characters as leave a title ending in its type
            title, prefix = text[: tail.start() - k].strip(), text[tail.start() - k : tail.start()]
            if len(title) > 6 and doc_type(title)[0] and re.fullmatch(r"[\u4e00-\u9fff]+", prefix):
                return normalise_doc_number(prefix + tail.group(0)), title
    return None, text


_NUMBERED_LINE = re.compile(rf"[（(]\s*({DOC_NUMBER.pattern})\s*({DATE_TEXT})?\s*[)）]")


def numbered_line(text: str) -> tuple[str, str | None] | None:
    """'（甘教办〔2021〕2号 2021年3月24日）' under a title: its 文号 and the date it was issued."""
    return _numbered_line(text) if "号" in text and len(text) <= 60 else None


@lru_cache(maxsize=4096)
def _numbered_line(text: str) -> tuple[str, str | None] | None:
    """(numbered_line, read once for a line: the 文号 and the dates both look at the head's lines.)"""
    match = _NUMBERED_LINE.fullmatch(ascii_digits(text)) if len(text) <= 60 else None
    return (normalise_doc_number(match.group(1)), match.group(5)) if match else None


def doc_number_candidates(view: View, on_title: list[Candidate]) -> list[Candidate]:
    """A 文号 the page states, on the title's lines (`on_title`: titles.title_numbers), or on a line of its own in
    the head."""
    found = []
    for value in view.stated("doc_number"):
        number = normalise_doc_number(value)
        if number:
            found.append(Candidate(number, "disclosure", value))
    found += on_title
    for i, text in enumerate(view.paragraphs[: view.head_end + 3]):
        number, rest = split_doc_number(text)
        if number and (not rest or len(rest) <= 4):
            found.append(Candidate(number, "heading", text, i))
        elif bracketed := numbered_line(text):
            found.append(Candidate(bracketed[0], "heading", text, i))
    # Within a head line that a page flattened ('萧教〔2018〕171号 关于公布…'), but not a cited one
    # ('根据《…》（国发〔2010〕41号）').
    for i, text in enumerate(view.paragraphs[:5]):
        bare = _bare_number(ascii_digits(re.sub(r"^\d{1,2}[、.．]\s*", "", text))) if "号" in text else None
        if bare:
            found.append(Candidate(bare.group(1), "body", text, i))
            break
        for match in DOC_NUMBER.finditer(ascii_digits(text)) if "号" in text else ():
            before = text[max(0, match.start() - 2) : match.start()]
            if SENTENCE_WORDS.search(match.group(1)):
                break  # (a line that cites 文号s in a sentence: none of them is the document's)
            if "》" not in before and "(" not in before[-1:] and "（" not in before[-1:]:
                found.append(Candidate(normalise_doc_number(match.group(0)), "body", text, i))
                break
    return found


def choose_doc_number(view: View, on_title: list[Candidate], promulgating: list[Candidate], warnings: list[str]) -> str | None:
    """The best-placed 文号: stated, on the title's lines, in the head, or the number of the 公告 or order that
    promulgates a rule (`promulgating`). A stated value that is no 文号 is a warning."""
    found = doc_number_candidates(view, on_title) + promulgating
    for value in view.stated("doc_number"):
        if normalise_doc_number(value):
            continue
        if NOTICE_NUMBER.fullmatch(value.strip()):
            found.append(Candidate(re.sub(r"\s+", "", value), "disclosure", value))  # a 公告's number: 某某常务委员会公告第12号
        else:
            warnings.append(f"文号 {value!r} does not read as a document number and was not used")
    chosen = choose(found)
    return chosen.value if chosen else None
