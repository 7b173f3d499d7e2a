"""An organ's own name: read where a text prints it (四川省财政厅四川省教育厅 -> each organ, by how an organ's name
ends: vocabulary `issuer_suffixes`); the form a database field, a page or a session number gives it, made the
organ's name (宁波市人大（含常委会） -> 宁波市人民代表大会常务委员会, 杭州市十五届人民政府 -> 杭州市人民政府, 山东省青岛市…
-> 青岛市…); and the organs of the state, which have no place."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import vocabulary
from .places import MUNICIPALITIES, find_regions, starts_with_place

# A session number printed before an organ: 杭州市十五届人民政府, 宁波市第十六届人民代表大会常务委员会.
_SESSION_OF_ORGAN = re.compile(r"第?[一二三四五六七八九十]{1,4}届(?=人民政府|人民代表大会)")


def national(name: str) -> bool:
    """An organ of the state (全国人民代表大会常务委员会, 国务院, 教育部): it has no place."""
    return name.startswith(tuple(vocabulary()["national_organ_prefixes"]))


def organ_names(issuer: str) -> tuple[str, bool]:
    """Each organ of `issuer` under its own name (organ_spellings: 宁波市人大（含常委会） -> 宁波市人民代表大会常务委员会,
    庐阳区教体局 -> 庐阳区教育体育局), a session number dropped; and whether a name was inferred."""
    inferred = False
    names = []
    for name in issuer.split():
        name = _without_province(_SESSION_OF_ORGAN.sub("", name.lstrip('《“"')))  # (《舟山市…局: a cited title's mark)
        for spelling in vocabulary()["organ_spellings"]:
            head = name[: -len(spelling["printed"])]
            if name.endswith(spelling["printed"]) and head and (head[-1] in "省市县区州旗盟" or find_regions(head)):
                name = head + spelling["organ"]
                inferred = inferred or bool(spelling.get("inferred"))
                break
        names.append(name)
    return " ".join(names), inferred


def _without_province(name: str) -> str:
    """'山东省青岛市人大常委会' -> '青岛市人大常委会': a city's organ is named without its province."""
    chain = find_regions(name)
    if len(chain) >= 2 and name.startswith(chain[0].name) and name[len(chain[0].name) :].startswith(chain[1].name):
        return (
            name[len(chain[0].name) :] if chain[0].code not in MUNICIPALITIES else name
        )  # (a municipality's districts' organs keep its name)
    return name


# --- an organ's name where a text prints it ---------------------------------------------------------------

_JOINERS = re.compile(r"[\s、，,]+|(?<=[局厅委办府])(?:和|与|及)")


@lru_cache(maxsize=1)
def issuer_suffixes() -> tuple[str, ...]:
    return tuple(sorted(vocabulary()["issuer_suffixes"], key=len, reverse=True))


_NEXT = re.compile(r"(?:$|[\s、，,和与及]|中共|关于|《|“|印发|转发|批转|对|(?:19|20)\d\d|[〔\[【(（]|\d)")


_NAME_START_MAX = 30  # an authority's name ending (教育局) starts within its first 30 characters


@lru_cache(maxsize=1)
def _suffix_automaton():
    """Every issuer suffix in one Aho-Corasick automaton: a name's head is read once for all of them."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for suffix in issuer_suffixes():
        automaton.add_word(suffix, suffix)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8192)
def one_name(text: str) -> str | None:
    """The authority's name at the start of `text`, if it names a place (or is a 中共 committee).

    Of the names the text could start with, the shortest after which another name, 关于, a year or the
    end follows: '四川省财政厅四川省教育厅' starts with 四川省财政厅, '中共济南市委教育工作委员会' is one name.
    (Cached: titles, signatures and candidates ask about the same lines.)"""
    ends = set()
    head = text[: _NAME_START_MAX + len(issuer_suffixes()[0])]  # (a suffix starting past that is not looked for)
    seen = set()
    for last, suffix in _suffix_automaton().iter(head):
        if suffix in seen:
            continue  # (only the first place each suffix stands counts)
        seen.add(suffix)
        at = last - len(suffix) + 1
        if 0 < at <= _NAME_START_MAX:
            end = at + len(suffix)
            # "郑州市教育局办公室" is the office of the bureau, itself the issuer.
            if text.startswith(("办公室", "办公厅"), end):
                end += 3
            ends.add(end)
    for end in sorted(ends):
        name, rest = text[:end], text[end:]
        if not (_NEXT.match(rest) or starts_with_place(rest)):
            continue
        if (find_regions(name) or name.startswith("中共")) and not re.search(r"\d|关于", name):
            return name
    return None


def organ_at_head(title: str) -> str | None:
    """The shortest name at the head of a title that ends as an authority's name does and names its place."""
    ends = sorted(last + 1 for last, suffix in _suffix_automaton().iter(title[: _NAME_START_MAX + 10]) if last + 1 - len(suffix) > 0)
    for end in ends:
        name = title[:end]
        if find_regions(name) and not re.search(r"\d|关于|[《“（(]", name) and len(title) - end >= 4:
            return name
    return None


def split_names(text: str, bare: bool = False) -> list[str] | None:
    """'四川省财政厅四川省教育厅' / '中共宁乡市委教育工作委员会 宁乡市教育局' -> each authority; None unless
    the whole text is authorities. With `bare`, the first may lack its place too (市教育局)."""
    names = _split_names(text, bare)
    return list(names) if names is not None else None


_NAMES_MAX = 400  # characters of a line of organs' names (seventeen joint issuers take some 250)


@lru_cache(maxsize=8192)
def _split_names(text: str, bare: bool) -> tuple[str, ...] | None:
    """(split_names, computed once for a line.)"""
    text = text.strip()
    if len(text) > _NAMES_MAX:
        return None  # (not a list of organs; and each name read rescans the rest of the line)
    names: list[str] = []
    rest = text
    while rest:
        rest = re.sub(r"^[\s、，,]+", "", rest)
        if names and rest[:1] in ("和", "与", "及") and not starts_with_place(rest):
            rest = rest[1:]  # 和 joins two names, unless it begins the next one (和平县教育局)
        if not rest:
            break
        name = one_name(rest)
        if name is None:
            # 市教育局 after 济宁市财政局: the place carries over from the name before it.
            name = bare_name(rest)
            if not name or not (names or bare):
                return None
        names.append(name)
        rest = _JOINERS.sub(" ", rest[len(name) :]).strip()
    return tuple(names) or None


@lru_cache(maxsize=1)
def _bare_pattern() -> re.Pattern:
    suffixes = "|".join(map(re.escape, issuer_suffixes()))
    # (A template's masked place stays as it is printed: XX区教育局, ××县教育局.)
    return re.compile(
        rf"(?:中共)?(?:[xX×＊*]{{2,3}}|某{{1,2}})?[省市县区州盟旗]?(?:委)?[\u4e00-\u9fff]{{0,8}}?(?:{suffixes})(?:办公室|办公厅)?"
    )


def bare_name(text: str) -> str | None:
    """'市教育局…' -> '市教育局': an authority named without its place (the shortest such name)."""
    match = _bare_pattern().match(text)
    if match and not re.search(r"\d|关于|的", match.group(0)):
        return match.group(0)
    return None


def issuer_from_name(text: str) -> str | None:
    """The authority (or authorities, joined by a space) a title or signature starts with."""
    names = split_names(text)
    if names and all(find_regions(n) or n.startswith("中共") for n in names):
        return " ".join(names)
    return one_name(text)


# The organ a page's heading puts before the title: '省教育厅：2018年全省教育工作情况和2019年工作打算'.
ORGAN_BEFORE_TITLE = re.compile(r"([\u4e00-\u9fff]{2,30})\s*[:：]\s*(?=\S)")


def preload() -> None:
    """Build the name tables once (before workers are forked: they share them)."""
    _suffix_automaton()
    _bare_pattern()
