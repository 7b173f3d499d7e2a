"""Places: the administrative divisions a text names, resolved to one region and its ancestors."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..knowledge import Region, region_chain, regions, regions_by_name, vocabulary


@lru_cache(maxsize=1)
def _place_names() -> tuple[frozenset[str], tuple[int, ...], object]:
    """The place names read in a text (two characters or more, not ambiguous), their lengths (longest
    first), and all of them in one Aho-Corasick automaton (pyahocorasick): a text is read once for the
    3,600 names, where a regular expression of them tried every name at each position."""
    import ahocorasick

    ambiguous = set(vocabulary()["ambiguous_place_names"])
    names = frozenset(n for n in regions_by_name() if len(n) >= 2 and n not in ambiguous)
    automaton = ahocorasick.Automaton()
    for name in sorted(names):
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return names, tuple(sorted({len(n) for n in names}, reverse=True)), automaton


def _place_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the place names in the text as a scan from the left reads them: at each position
    the longest name that starts there, the next one looked for after its end."""
    longest: dict[int, int] = {}
    for end, length in _place_names()[2].iter(text):
        start = end - length + 1
        if length > longest.get(start, 0):
            longest[start] = length
    spans = []
    position = 0
    for start in sorted(longest):
        if start >= position:
            position = start + longest[start]
            spans.append((start, position))
    return spans


def starts_with_place(text: str) -> bool:
    names, lengths, _ = _place_names()
    return any(text[:n] in names for n in lengths)


@lru_cache(maxsize=1)
def _ambiguous_names() -> frozenset[str]:
    return frozenset(vocabulary()["ambiguous_place_names"])


# A two-character county (兴县, 范县, 易县) is a word of many phrases (科教兴县, 示范县, 容易县): it is read as
# a place only where a place can stand — after a non-Chinese character or a higher division's name, or
# before the name of an organ or of its education.
_BEFORE_SHORT_NAME = "省市州盟区"
_AFTER_SHORT_NAME = re.compile(r"(?:教育|人民|政府|县委|委员会|党委|教体|教科|文教|财政|第|城|境内|全县|[0-9０-９])")


def _stands_alone(text: str, start: int, end: int) -> bool:
    if end - start > 2:
        return True
    if start and text[start - 1 : end] in _ambiguous_names():
        return False  # the end of a longer name that is no one place (市中区 is in four cities; 中区 is Taichung's)
    before = text[start - 1] if start else ""
    if not before or not "\u3400" <= before <= "\u9fff" or before in _BEFORE_SHORT_NAME:
        return True
    return _AFTER_SHORT_NAME.match(text, end) is not None


def find_regions(text: str) -> list[Region]:
    """The most specific region named in the text, with its ancestors consistent; [] if none or unclear."""
    return list(_find_regions(text)) if text else []


@lru_cache(maxsize=4096)
def _find_regions(text: str) -> tuple[Region, ...]:
    """(find_regions, computed once for a text: issuers and titles ask again about the same lines.)"""
    by_name = regions_by_name()
    found: list[tuple[Region, ...]] = [by_name[text[s:e]] for s, e in _place_spans(text) if _stands_alone(text, s, e)]
    if not found:
        return ()
    unique = [c[0] for c in found if len(c) == 1]
    # A repeated name (朝阳区 in Beijing and in Changchun) is resolved by another name in the same text.
    for candidates in found:
        if len(candidates) > 1:
            fits = [
                c
                for c in candidates
                if any(c.code.startswith(u.code[:4] if u.level == "city" else u.code[:2]) for u in unique if u is not c)
            ]
            if len(fits) == 1:
                unique.append(fits[0])
    if not unique:
        return ()
    order = {"county": 0, "city": 1, "province": 2}
    best = sorted(unique, key=lambda r: order[r.level])[0]
    chain = region_chain(best.code)
    # Every other region named must lie on the chosen region's path, or the text is about several places.
    chain_codes = {r.code for r in chain}
    if any(
        r.code not in chain_codes and not any(c.code.startswith(r.code.rstrip("0")) for c in chain)
        for r in unique
        if r.level != "county" or r is best
    ):
        provinces = {r.code[:2] for r in unique}
        if len(provinces) > 1:
            return ()
    return tuple(chain)


def counties_named(text: str) -> list[Region]:
    """Every county-level region the text names unambiguously (a name of one region only, not a common word),
    in text order, each once."""
    by_name, words = regions_by_name(), set(vocabulary()["word_like_place_names"])
    found: dict[str, Region] = {}
    for s, e in _place_spans(text):
        regions = by_name[text[s:e]]
        if text[s:e] not in words and len(regions) == 1 and regions[0].level == "county" and _stands_alone(text, s, e):
            found.setdefault(regions[0].code, regions[0])
    return list(found.values())


@lru_cache(maxsize=1)
def _province_short_names() -> dict[str, str]:
    """安徽 -> 340000, 广西 -> 450000, 内蒙古 -> 150000: how a text names a province without its 省."""
    return {
        re.sub(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$", "", r.name): r.code
        for r in regions().values()
        if r.level == "province"
    }


def provinces_named(text: str) -> list[str]:
    """The codes of the provinces a text names by their short names (切合安徽实际), in code order."""
    return sorted({code for name, code in _province_short_names().items() if name in text})


# How a city or county is named without its suffix (随州 for 随州市, 闵行 for 闵行区): names of two characters
# or more that stand for one region only and are no province's.
_SHORT_SUFFIX = re.compile(r"(?:市|地区|盟|自治州|自治县|自治旗|县|区|旗)$")


@lru_cache(maxsize=1)
def _short_names():
    """Every unambiguous short name of a city or county, in one Aho-Corasick automaton: (name, code)."""
    import ahocorasick

    provinces = set(_province_short_names())
    words = set(vocabulary()["word_like_place_names"]) | _common_words()
    by_short: dict[str, list[Region]] = {}
    for region in regions().values():
        if region.level in ("city", "county") and region.name not in words:
            short = _SHORT_SUFFIX.sub("", region.name)
            if len(short) >= 2 and short != region.name and short not in provinces and short not in words:
                by_short.setdefault(short, []).append(region)
    automaton = ahocorasick.Automaton()
    for short, found in sorted(by_short.items()):
        if len(found) == 1 and short not in regions_by_name():
            automaton.add_word(short, (short, found[0].code))
    automaton.make_automaton()
    return automaton


# A word jieba's dictionary knows as something other than a place (平安 an adjective, 和平 a noun), or as a place
# so often used (长安, 江南, 新建 at 500 or more) that it is a word of the language too, is no short name.
_COMMON_WORD_FREQUENCY = 500


def _common_words() -> set[str]:
    import jieba

    found = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as dictionary:
        for line in dictionary:
            word, frequency, tag = line.split()
            if len(word) <= 4 and (tag != "ns" or int(frequency) >= _COMMON_WORD_FREQUENCY):
                found.add(word)
    return found


def short_names_named(text: str) -> dict[str, int]:
    """{region code: how often the text names it by its short name} (闵行 three times -> {'310112': 3})."""
    counts: dict[str, int] = {}
    for end, (_short, code) in _short_names().iter(text):
        # (Only where a place's name stands: before 籍, 教育, 人民, 城区, a school… — 新建 and 平安 are words too.)
        if _AS_PLACE.match(text, end + 1):
            counts[code] = counts.get(code, 0) + 1
    return counts


_AS_PLACE = re.compile(r"籍|教育|人民|城区|境内|全域|学子|考生|[一二三四五六七八九]中|中学|小学|实验|高级中学|职业|籍学生")


# Beijing, Tianjin, Shanghai and Chongqing are provinces and cities at once: their districts are county-level
# divisions directly under them, so the city of such a district is the municipality itself.
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def place_fields(chain: list[Region]) -> dict:
    """province, city, county and region_code of a region and its ancestors (province first)."""
    fields = {"province": None, "city": None, "county": None, "region_code": None}
    for region in chain:
        fields[region.level] = region.name
    if chain and chain[0].code in MUNICIPALITIES:
        fields["city"] = chain[0].name
    if chain:
        fields["region_code"] = chain[-1].code
    return fields


def preload() -> None:
    """Build this extractor's tables once (before workers are forked: they share them)."""
    _place_names()
    _ambiguous_names()
    _short_names()
