"""Dates: how they are written, and where a document states when it was written, published and in force."""

from __future__ import annotations

import datetime as dt
import re

from .evidence import Candidate, View

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


# --- where documents state their dates ---------------------------------------------------------------

# "2012年3月29日 某省第十一届人民代表大会常务委员会第二十六次会议通过" (a regulation's history), with the
# date before or after the meeting, in brackets or not.
# The meeting that adopts a rule: a people's congress (or its standing committee), or a government's or
# department's executive meeting (省政府第N次常务会议, 省教育厅第8次厅务会议) for a 规章.
_MEETING = r"[^。；\n]{0,40}?(?:(?:人民代表大会|人大)(?:常务委员会|常委会)?[^。；\n]{0,20}?(?:会议|全体会议)|第\s*[\d一二三四五六七八九十百]+\s*次\s*(?:常务|厅务|局务|委务|办公|主任)会议)"
_ADOPTED = re.compile(
    rf"(?P<date>{DATE_TEXT})\s*(?P<body>{_MEETING})\s*(?:审议)?通过|(?P<body2>{_MEETING})\s*(?:于\s*)?(?P<date2>{DATE_TEXT})\s*(?:审议)?通过"
)
# (What every _EFFECTIVE ends with: a paragraph without it is not searched for the date before it.)
_TAKES_EFFECT = re.compile(r"起\s*(?:施行|实施|执行|生效)")
_DATE_IN_FORCE = re.compile(rf"(?P<date>{DATE_TEXT})\s*施行")
_EFFECTIVE = re.compile(rf"自\s*(?P<date>{DATE_TEXT})\s*起\s*(?:施行|实施|执行|生效)|(?P<date2>{DATE_TEXT})\s*起\s*(?:施行|实施|执行|生效)")
# A work report: "——2023年1月12日在XX省第十四届人民代表大会第一次会议上"
_SESSION = re.compile(
    rf"(?P<date>{DATE_TEXT})\s*在\s*(?P<body>[^。\n]{{2,40}}?(?:人民代表大会|人大)[^。\n]{{0,20}}?会议)上"
    # '在济宁市第十六届人民代表大会第五次会议上（2016年2月16日）'
    rf"|在\s*(?P<body2>[^。\n在]{{2,40}}?(?:人民代表大会|人大)[^。\n]{{0,20}}?会议)上\s*[（(]\s*(?P<date2>{DATE_TEXT})\s*[)）]"
)
_HISTORY_WINDOW = 12  # a regulation's history lines stand right below its title


def _history(view: View):
    """The lines where a regulation's history may stand, each alone and then all joined (an export may
    break a line inside a word: '…常务' / '委员会第三十次会议通过')."""
    lines = view.head_digits[: view.head_end + _HISTORY_WINDOW]
    yield from enumerate(lines)
    yield None, "".join(lines[:15])


def adoption(view: View) -> Candidate | None:
    """The first adoption (通过) a regulation's history states, with the adopting body."""
    for i, text in _history(view):
        match = _ADOPTED.search(text) if "通过" in text and "会议" in text else None
        if match:
            date = match.group("date") or match.group("date2")
            body = (match.group("body") or match.group("body2")).strip("（()） ")
            return Candidate((date, body), "history", text, i)
    return None


# "2014年12月9日 宁波市人民代表大会常务委员会公告第11号公布" / "2019年5月15日…发布公告"
_PROMULGATED = re.compile(rf"(?P<date>{DATE_TEXT})\s*(?:[^。；\n]{{0,40}}?(?:常务委员会|人民政府|人大常委会))?\s*(?:发布)?公告")
NOTICE_NUMBER = re.compile(
    r"(?P<organ>[\u4e00-\u9fff]{2,40}?(?:常务委员会|人民政府|人大常委会))\s*公告\s*[（(]?\s*(?P<number>第\s*[\d一二三四五六七八九十百]+\s*号)"
)


# A government rule's order: '贵州省人民政府令' / '第213号' (one line or two), the date below it.
_ORDER = re.compile(
    r"(?P<organ>[\u4e00-\u9fff]{2,30}?(?:人民政府|政府))令\s*[（(]?\s*(?P<number>第\s*[\d一二三四五六七八九十百]+\s*号)\s*[)）]?"
)


def order(view: View) -> tuple[Candidate | None, Candidate | None]:
    """The number of the order that promulgates a government rule, and the order's date."""
    lines = view.head_digits[:12]
    for i, text in enumerate(lines):
        if "令" not in text or len(text) > 40:
            continue
        match = _ORDER.fullmatch(text) or (_ORDER.fullmatch(text + lines[i + 1]) if i + 1 < len(lines) else None)
        if match:
            number = Candidate(f"{match.group('organ')}令{match.group('number').replace(' ', '')}", "heading", text, i)
            dated = next((k for k in range(i + 1, min(i + 8, len(lines))) if is_date_line(lines[k])), None)
            return number, (Candidate(lines[dated], "history", lines[dated], dated) if dated is not None else None)
    return None, None


def promulgation(view: View) -> tuple[Candidate | None, Candidate | None]:
    """The date a regulation was promulgated by a 公告, and the 公告's number, from its history."""
    date = number = None
    for i, text in _history(view):
        if "公告" not in text:
            continue
        if date is None and (match := _PROMULGATED.search(text)):
            date = Candidate(match.group("date"), "history", text, i)
    lines = view.head_digits[: view.head_end + _HISTORY_WINDOW]
    for i, text in enumerate(lines):
        # The 公告's number may stand on the next line: '某某常务委员会公告' / '（第十四号）'.
        match = NOTICE_NUMBER.search(text + (lines[i + 1] if i + 1 < len(lines) else "")) if "公告" in text else None
        if match and match.start("organ") < len(text):
            number = Candidate(f"{match.group('organ')}公告{match.group('number').replace(' ', '')}", "history", text, i)
            break
    return date, number


def session(view: View) -> Candidate | None:
    """The session a government work report was delivered at, from its head."""
    lines = view.head_digits[: view.head_end + 6]
    for i, text in enumerate(lines):
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if "人民代表大会" not in text + after and "人大" not in text + after:
            continue
        # A page may break the line: '——2011年1月13日在县第十五届人民代表大会' / '第五次会议上'.
        match = _SESSION.search(text) or _SESSION.search(text + after)
        if match:
            date, body = match.group("date") or match.group("date2"), match.group("body") or match.group("body2")
            return Candidate((date, body), "session", text, i)
    return None


def effective_in_body(view: View) -> Candidate | None:
    """'本条例自2005年1月1日起施行': the last such clause (a document's final article), or the 施行 a
    regulation's history states."""
    found = None
    for i, text in _history(view):
        if "施行" not in text and "实施" not in text and "执行" not in text and "生效" not in text:
            continue
        match = _EFFECTIVE.search(text) or _DATE_IN_FORCE.search(text)
        if match and i is not None:
            return Candidate(match.groupdict().get("date") or match.group("date2"), "history", text, i)
    for i, text in enumerate(view.paragraphs):
        if len(text) > 200 or "起" not in text or not _TAKES_EFFECT.search(text):
            continue
        match = _EFFECTIVE.search(ascii_digits(text))
        if match and re.search(
            r"^(?:第[一二三四五六七八九十百]+条\s*)?(?:本|此|该)?(?:条例|办法|规定|细则|意见|方案|通知|决定|规则|标准|实施)", text
        ):
            found = Candidate(match.group("date") or match.group("date2"), "body", text, i)
    return found
