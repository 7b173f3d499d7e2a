"""Dates: where a document states when it was written, published and in force, and the ones chosen. How
dates are written (parse_date, DATE_TEXT) is lexicon.py's."""

from __future__ import annotations

import datetime as dt
import re

from ..knowledge import vocabulary
from .doc_numbers import numbered_line
from .evidence import Candidate, View, rank
from .lexicon import DATE_TEXT, NOTICE_NUMBER, ascii_digits, is_date_line, parse_date
from .years import numbered_year, title_year

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
_TAKES_EFFECT = re.compile(r"起\s*(?:正式)?(?:施行|实施|执行|生效)")
_DATE_IN_FORCE = re.compile(rf"(?P<date>{DATE_TEXT})\s*施行")
_EFFECTIVE = re.compile(
    rf"自\s*(?P<date>{DATE_TEXT})\s*起\s*(?:正式)?(?:施行|实施|执行|生效)|(?P<date2>{DATE_TEXT})\s*起\s*(?:正式)?(?:施行|实施|执行|生效)"
)
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
            r"^(?:第[一二三四五六七八九十百]+条\s*)?(?:本|此|该)?(?:条例|办法|规定|细则|意见|方案|通知|决定|规则|标准|实施|法(?=自))", text
        ):
            found = Candidate(match.group("date") or match.group("date2"), "body", text, i)
    return found


# --- the dates chosen ----------------------------------------------------------------------------------


def candidates(view: View, adoption, session, signature, undersigned, published) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = {"date_written": [], "date_published": [], "date_effective": []}
    for key in found:
        found[key] += [Candidate(v, "disclosure", v) for v in view.stated(key)]
    if adoption:
        found["date_written"].append(Candidate(adoption.value[0], "history", adoption.text, adoption.line))
    if session:
        found["date_written"].append(Candidate(session.value[0], "session", session.text, session.line))
    if signature and signature.value[1] is None:
        pass  # signed, but the page lost the date
    elif signature and adoption:
        # A rule's signature dates the 公告 or 令 that promulgates it; its adoption dates the rule.
        found["date_published"].append(Candidate(signature.value[1], "signature", signature.text, signature.line))
    elif signature:
        found["date_written"].append(Candidate(signature.value[1], "signature", signature.text, signature.line))
    if undersigned:
        found["date_written"].append(undersigned)
    for i, text in enumerate(view.paragraphs[: view.head_end + 3]):
        numbered = numbered_line(text)
        if numbered and numbered[1]:
            found["date_written"].append(Candidate(numbered[1], "heading", text, i))  # （甘教办〔2021〕2号 2021年3月24日）
    effective = effective_in_body(view)
    if effective:
        found["date_effective"].append(effective)
    found["date_published"] += published
    return found


def choose_dates(view: View, adoption, session, signature, undersigned, published, warnings: list[str]) -> dict[str, dt.date | None]:
    chosen: dict[str, dt.date | None] = {}
    for field, found in candidates(view, adoption, session, signature, undersigned, published).items():
        value = None
        for candidate in sorted(found, key=rank):
            parsed, problem = parse_date(candidate.value)
            if problem:
                warnings.append(f"{field} rejected: {problem}")
                continue
            if parsed is None:
                warnings.append(f"{field} {candidate.value!r} is not a whole date and was not used")
                continue
            value = parsed
            break
        chosen[field] = value
    return chosen


# A document is published within weeks of being signed; a page posted later carries a copy.
PUBLISHED_WITHIN_DAYS = 60


def _later_copy(page_date: dt.date, written: dt.date | None, title: str | None, doc_number: str | None) -> bool:
    """Whether a page's date is too late to be the document's publication: over PUBLISHED_WITHIN_DAYS
    after its signature, or in a year after the one after the year its title or 文号 names."""
    if written is not None:
        return (page_date - written).days > PUBLISHED_WITHIN_DAYS
    named = title_year(title)[0] if title else None
    stated = named or numbered_year(doc_number)
    return stated is not None and page_date.year > stated + 1


def _school_repost(view: View, issuer: str | None) -> bool:
    """A school's site carrying an authority's document: its page title names the school."""
    markers = vocabulary()["school_site_markers"]
    page = " ".join(view.stated("page_title") + view.stated("site"))
    return any(m in page for m in markers) and not (issuer and any(m in issuer for m in markers))


def printed_date(view: View) -> str | None:
    """The date the colophon says the document was printed (…办公室 2015年3月12日印发)."""
    parsed, _ = parse_date(view.first("date_printed"))
    return parsed.isoformat() if parsed else None


def with_page_date(view: View, chosen: dict, issuer: str | None, title: str | None, doc_number: str | None, warnings: list[str]):
    """The page's own date (None when it is a placeholder or impossible). It is the date of publication (in
    `chosen`) when the document states none, unless the page is a reposting site's or a later copy's."""
    page_date, problem = parse_date(view.source.page_date)
    if problem:
        warnings.append(f"page date rejected: {problem}")
    if chosen["date_published"] is None and page_date:
        if view.source.reposted or _school_repost(view, issuer):
            warnings.append(f"page date {page_date.isoformat()} is a reposting site's date, not the document's; not used")
        elif _later_copy(page_date, chosen["date_written"], title, doc_number):
            warnings.append(
                f"page date {page_date.isoformat()} is too late to be the document's publication (a later copy's date); not used"
            )
        else:
            chosen["date_published"] = page_date
    if chosen["date_written"] and chosen["date_published"] and chosen["date_written"] > chosen["date_published"]:
        warnings.append("date_written is later than date_published")
    return page_date
