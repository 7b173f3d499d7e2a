"""What the field extractors share of how documents write things: numbers, dates, the 文号, a 公告's
number, the start of a section and the addressee line. A leaf: it imports nothing of the package."""

from __future__ import annotations

import datetime as dt
import re

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "o": 0,
    "０": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMERAL = "〇○零ＯOo０0一二三四五六七八九"  # (二00九: pages mix in ASCII zeros)
# (A page may drop the 年 of a date: '20213月18'.)
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[年\-/.]\s*(\d{1,2})\s*[月\-/.]|(\d{1,2})月)\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(rf"([{_CN_NUMERAL}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日")
DATE_TEXT = rf"(?:(?:19|20)\d{{2}}\s*(?:[年\-/.]\s*\d{{1,2}}\s*[月\-/.]|\d{{1,2}}月)\s*\d{{1,2}}\s*日?|[{_CN_NUMERAL}]{{4}}\s*年\s*[一二三四五六七八九十]{{1,3}}\s*月\s*[一二三四五六七八九十]{{1,3}}\s*日)"
DATE_LINE = re.compile(rf"[（(]?\s*{DATE_TEXT}\s*[）)]?\s*[|｜]?\s*")
# Dates that content-management systems print when the real one is missing (Unix epoch and friends).
_PLACEHOLDER_YEARS = {1970, 1900, 1899, 1901}
EARLIEST_YEAR = 1949
# Full-width digits (２０２３) are read as digits when parsing metadata; the text itself keeps them.
ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """The text with full-width digits as ASCII: text.translate(ASCII_DIGITS), without its cost (translating
    a Chinese line character by character took 50 µs) for the lines that have none, which are nearly all."""
    return text.translate(ASCII_DIGITS) if _FULL_WIDTH_DIGIT.search(text) else text


def cn_number(text: str) -> int:
    """一 .. 九十九 as an int."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def cn_year(text: str) -> int:
    """二〇一五 -> 2015."""
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def parse_date(text: str | None) -> tuple[dt.date | None, str | None]:
    """The first date in the text, and why it was rejected if it is a placeholder or impossible."""
    if not text:
        return None, None
    text = ascii_digits(text)
    match = _DATE.search(text)
    cn_match = _CN_DATE.search(text)
    if match and (not cn_match or match.start() <= cn_match.start()):
        y, m, d = int(match.group(1)), int(match.group(2) or match.group(3)), int(match.group(4))
    elif cn_match:
        y, m, d = cn_year(cn_match.group(1)), cn_number(cn_match.group(2)), cn_number(cn_match.group(3))
    elif compact := _compact(text):
        y, m, d = compact
    else:
        return None, None
    shown = f"{y:04d}-{m:02d}-{d:02d}"
    if y in _PLACEHOLDER_YEARS:
        return None, f"{shown} is a placeholder date (a content system's default, not the document's)"
    if y < EARLIEST_YEAR:
        return None, f"{shown} is impossible for a document of this archive (before {EARLIEST_YEAR})"
    try:
        return dt.date(y, m, d), None
    except ValueError:
        return None, f"{shown} is not a calendar date"


# A date whose separators a page lost ('2024327', '2022411日'): read only where one reading is possible.
_COMPACT = re.compile(r"\s*((?:19|20)\d{2})(\d{3,4})\s*日?\s*")


def _compact(text: str) -> tuple[int, int, int] | None:
    match = _COMPACT.fullmatch(text)
    if not match:
        return None
    rest = match.group(2)
    readings = {(int(rest[:k]), int(rest[k:])) for k in (1, 2) if rest[k:][:1] != "0"}
    valid = [(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= 31 and len(f"{m}{d}") == len(rest)]
    return (int(match.group(1)), *valid[0]) if len(valid) == 1 else None


def is_date_line(text: str) -> bool:
    if len(text) > 40:
        return False
    text = ascii_digits(text)
    return DATE_LINE.fullmatch(text) is not None or _compact(text) is not None


# --- 文号 and a 公告's number ----------------------------------------------------------------------------
DOC_YEAR = r"(?:19|20)\d{2}|[〇○零Ｏ一二三四五六七八九]{4}"
DOC_NUMBER = re.compile(rf"([\u4e00-\u9fff]{{1,14}}?)\s*[〔\[［【(（]\s*({DOC_YEAR})\s*[〕\]］】)）]\s*(第?\s*\d{{1,5}})\s*号")
NOTICE_NUMBER = re.compile(
    r"(?P<organ>[\u4e00-\u9fff]{2,40}?(?:常务委员会|人民政府|人大常委会))\s*公告\s*[（(]?\s*(?P<number>第\s*[\d一二三四五六七八九十百]+\s*号)"
)


# --- the lines of a notice's head ------------------------------------------------------------------------
# A section or article starting a line (一、 第二章): the body has begun.
SECTION_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十百]{1,4}(?:部分|章|条|篇|节))")
# A place or a year a template site masks (xx区, ××县, X市, 某县, XX教育; 20XX年, 202x年): the document names them
# on purpose no more.
MASKED_PLACE = re.compile(r"(?:[xX×＊*]{1,3}|某{1,2})[省市县区州旗镇乡]|(?:[xX×＊]{2,3}|某{1,2})教育")
MASKED_YEAR = re.compile(r"(?:19|20)(?:[xX×＊*]{2}|\d[xX×＊*])\s*年")

_ADDRESSEE = re.compile(r"(?:各[^。；]{1,100}|[^。；]{2,100}(?:局|委|办|政府|学校|单位|处室|院校|幼儿园|公署|管委会|街道|部门|中心))[:：]")


def is_addressee(text: str) -> bool:
    """'各区县教体局，直属各学校，机关各处室：' — the line a notice's body starts with."""
    return len(text) <= 150 and text.endswith((":", "：")) and _ADDRESSEE.fullmatch(text) is not None
