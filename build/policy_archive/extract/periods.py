"""The period a plan covers, read off its title: 十四五 (2021—2025), 2016—2020年, 三年行动计划（2023-2025年）.

A five-year plan's number names its years: from the third (1966—1970) on, the Nth starts in 1966 + 5 × (N − 3).
A span of years in a title is the period when its last year is after its first, it covers at most MAX_YEARS and
the title names a plan (规划, 计划, 方案 …); a school year (2021-2022学年) is not a period. A title that names no years (三年行动计划 alone) has
no period: its years are not stated, and they are not guessed.
"""

from __future__ import annotations

import re

from .lexicon import ascii_digits, cn_number

_PLANNED = re.compile(r"规划|计划|方案|纲要|行动|工程|要点|意见|任务|目标|安排|思路")
MAX_YEARS = 15  # the longest plan a title names (中长期规划 2010—2020, 2021—2035 远景目标 are shorter)
_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:[—\-–~～－]{1,2}|至|到)\s*((?:19|20)\d{2})\s*年?(?!\s*学年)(?!\d)")
# 十四五 quoted, or followed by what a plan's period is named with (not 二十五条, 十五项).
_FIVE_YEAR = re.compile(
    r"“\s*(十[一二三四五六]|[三四五六七八九])\s*五\s*”|(?<![一二三四五六七八九十])(十[一二三四五六]|[三四五六七八九])五\s*[”＂]?\s*(?:时期|期间|规划|计划|发展|教育|事业|专项|行动|建设|末|初|以来)"
    r"|第\s*(十[一二三四五六]|[三四五六七八九])\s*个\s*五年"
)


def _five_year(number: str) -> tuple[int, int] | None:
    n = cn_number(number)
    if n < 3:
        return None
    first = 1966 + 5 * (n - 3)
    return first, first + 4


def title_period(title: str | None) -> tuple[int, int] | None:
    """(first year, last year) of the period a title names, or None."""
    if not title:
        return None
    text = ascii_digits(title)
    for match in _SPAN.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        # (a list of what passed in 2016—2017 names years, not a plan's period)
        if first < last <= first + MAX_YEARS and _PLANNED.search(text):
            return first, last
    match = _FIVE_YEAR.search(text)
    if match:
        return _five_year(next(group for group in match.groups() if group))
    return None


def years_covered(metadata: dict) -> list[int]:
    """Every year a document counts in: each year of its period, else its year (none when it has neither)."""
    first, last = metadata.get("period_start"), metadata.get("period_end")
    if isinstance(first, int) and isinstance(last, int) and first <= last:
        return list(range(first, last + 1))
    year = metadata.get("year")
    return [year] if isinstance(year, int) else []
