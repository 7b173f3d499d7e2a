"""The year a document is about: the one it plans or sums up, read off its title, its dates, its 文号 or its
text."""

from __future__ import annotations

import re

from .lexicon import ascii_digits, cn_year, parse_date

# Kinds of document whose year is the one they plan for (written early in it or late in the year before).
PLAN_TYPES = ("工作要点", "工作意见", "工作计划", "工作安排", "工作思路", "任务清单", "重点任务清单", "要点", "计划")
# Kinds whose date is the adoption of a rule: their year is that date's.
RULE_TYPES = ("法", "条例", "实施办法", "办法", "规定", "实施细则", "细则", "规则")


_REPORT_YEAR = (
    re.compile(r"((?:19|20)\d{2})\s*年度?政府信息公开(?:工作)?年度报告"),  # the year the notice calling for it names
    re.compile(r"(?:^|。)((?:19|20)\d{2})\s*年(?:年度|度)?[，,]?\s*(?!\d{1,2}\s*月)"),  # '2019年，教育局坚持…'
)


def report_year(paragraphs) -> int | None:
    """The year an annual report reports on, as its first lines state it."""
    for pattern in _REPORT_YEAR:
        for text in paragraphs[:6]:
            match = pattern.search(ascii_digits(text))
            if match:
                return int(match.group(1))
    return None


def numbered_year(doc_number: str | None) -> int | None:
    """The year in a 文号's brackets (济教字〔2023〕22号 -> 2023)."""
    match = re.search(r"〔((?:19|20)\d{2})〕", doc_number or "")
    return int(match.group(1)) if match else None


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:[—\-–~至到]\s*(?:19|20)\d{2}\s*)?年")
_CN_YEAR = re.compile(r"((?:一九|二[〇○零Ｏ])[〇○零Ｏ一二三四五六七八九]{2})年")
_BODY_PLAN_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年度?(?:的)?(?:全[市区县省州旗]|我[市区县省州旗]|本[市区县])?(?:的)?(?:教育)?(?:系统)?(?:重点)?(?:工作|目标任务)"
)


_PLANNED = re.compile(r"要点|计划|总结|意见|方案|规划|报告|清单|安排|思路|任务|目标")


def title_year(title: str) -> tuple[int | None, bool]:
    """The year a title names, and whether it names what the document plans or sums up
    (2015年工作要点) rather than what a notice is about (关于公布2012年度先进县名单的通知)."""
    text = ascii_digits(title)
    match = _TITLE_YEAR.search(text)
    if match:
        return int(match.group(1)), bool(_PLANNED.search(text[match.end() :]))
    match = _CN_YEAR.search(title)
    if match:
        return cn_year(match.group(1)), bool(_PLANNED.search(title[match.end() :]))
    match = _EDITION_YEAR.search(text)
    if match:
        # '…政府公开标准化目录（2024）', '…指南（2023版）': the edition a title ends with is its year.
        return int(match.group(1)), True
    return None, False


_EDITION_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*(?:年|年版|版|年度)?\s*[)）]$")


_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|学年)")
_OPENING_PARAGRAPHS = 30
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[—\-–~至到]+\s*(?:19|20)\d{2}\s*年")


def _year_the_text_names(paragraphs) -> int | None:
    """The year an undated text speaks of: the first of a period its first lines name, the only year its
    opening names (2010年清明节), or the one it names at least twice as often as any other."""
    for text in paragraphs[:3]:
        period = _PERIOD.search(ascii_digits(text))
        if period:
            return int(period.group(1))  # '(2017-2020年)' under a lost title: a plan from its first year
    counts: dict[int, int] = {}
    for text in paragraphs[:_OPENING_PARAGRAPHS]:
        for match in _ANY_YEAR.finditer(ascii_digits(text)):
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def choose_year(
    title: str | None,
    kind: str | None,
    paragraphs,
    chosen: dict,
    warnings: list[str],
    doc_number: str | None = None,
    posted_on: str | None = None,
) -> tuple[int | None, bool]:
    """The year the document plans or reports on, and whether it was inferred rather than stated."""
    written = chosen["date_written"]
    year, inferred = None, True
    titled, planned = title_year(title) if title and kind not in RULE_TYPES else (None, False)
    if titled and (planned or kind in PLAN_TYPES or not written):
        year, inferred = titled, False
    if year is None and written and kind not in PLAN_TYPES:
        year, inferred = written.year, False
    if year is None and kind == "年度报告" and not title:
        year = report_year(paragraphs)
    if year is None and kind not in PLAN_TYPES:
        year = numbered_year(doc_number)
    if year is None:
        counts: dict[int, int] = {}
        for text in paragraphs:
            for match in _BODY_PLAN_YEAR.finditer(text):
                counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
        if counts:
            # The most often named; on a tie the earliest, since plans name later years as targets.
            year = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if year is None and written:
        # Annual plans are written early in their year or in the last weeks of the one before.
        year = written.year + 1 if written.month == 12 and kind in PLAN_TYPES else written.year
    if year is None and chosen["date_published"] and kind not in PLAN_TYPES:
        year = chosen["date_published"].year
    posted, _ = parse_date(posted_on)
    if year is None and posted and kind not in PLAN_TYPES:
        year = posted.year  # the date a page was posted, perhaps by a reposting site: inferred
    if year is None and kind not in RULE_TYPES:
        year = _year_the_text_names(paragraphs)
    # A plan is written before or during its year: a date years after it is a typing or system error.
    if year and kind not in RULE_TYPES:
        for field in ("date_written", "date_effective"):
            if chosen[field] and chosen[field].year > year + 1:
                warnings.append(f"{field} rejected: {chosen[field].isoformat()} is long after the year the document plans ({year})")
                chosen[field] = None
    return year, inferred
