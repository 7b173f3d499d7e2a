"""Issuers a document does not state where issuers stand (disclosure field, signature, adoption line, title), read
from the clues it gives instead: the organs printed one a line above its 文号, a lead that ends with its verb above the
title, the organ a 公示 asks to hear objections, the people's congress a local 条例 is made by, the organ a 文号's
prefix stands for, the bureau the text names most. Each is a candidate (or a last resort) for issuers.py, most of
them inferred."""

from __future__ import annotations

import itertools
import re

from ..knowledge import regions, vocabulary
from .completion import PROVINCIAL, TextPlaces
from .evidence import Candidate, View
from .lexicon import DOC_NUMBER
from .organs import issuer_from_name, split_names
from .places import MUNICIPALITIES, find_regions, starts_with_place


def title_line(view: View, title: str) -> int | None:
    """The first head line the title starts with (a title broken over lines starts with the first)."""
    for i, text in enumerate(view.paragraphs[: view.head_end + 1]):
        if text and title.startswith(text.strip()[:12]) and len(text.strip()) >= 4:
            return i
    return None


def organs_above_number(view: View) -> list[Candidate]:
    """'盐城市人事局' / '盐城市教育局' / '盐人通〔2008〕175号': the issuing organs a page prints one a line above
    the 文号 (a red header that lost its 文件), each an organ that names its place."""
    head = view.head_digits[: view.head_end + 1]
    at = next((i for i, text in enumerate(head) if DOC_NUMBER.fullmatch(text.strip())), None)
    names = []
    for text in reversed(head[:at] if at else ()):
        name = issuer_from_name(text.strip())
        if not name or name != text.strip() or not find_regions(name):
            break
        names.insert(0, name)
    return [Candidate(" ".join(names), "heading", " ".join(names))] if names else []


# 公示期间…向市教育局反映: the organ a 公示 asks to hear objections is the one that publishes it.
_OBJECTIONS_TO = re.compile(r"向\s*([\u4e00-\u9fff]{2,30}?)\s*(?:[（(][^（）()]{0,40}[)）])?\s*(?:书面)?(?:反映|提出|举报|反馈)")


def hears_objections(view: View, title: str | None) -> Candidate | None:
    """The organ a 公示 names to hear objections (向潍坊市教育局提出意见), as its inferred issuer; not a
    section of it (学前教育科) or another body (纪委), which split_names does not take for an organ."""
    if "公示" not in (title or "") and not any("公示" in p for p in view.paragraphs[:3]):
        return None
    for i, text in enumerate(view.paragraphs):
        if "公示" not in text and "异议" not in text:
            continue
        for match in _OBJECTIONS_TO.finditer(text):
            names = split_names(match.group(1), bare=True)
            if names and len(names) == 1:
                return Candidate(names[0], "body", text, i, inferred=True)
    return None


# A local regulation's title (the revision or the year it was made may follow in brackets).
_LOCAL_REGULATION = re.compile(r"(?:条例|实施《[^《》]{2,40}法》(?:的)?办法)(?:[（(][^（）()]{0,20}[)）])?$")


def regulation_maker(title: str) -> str | None:
    """包头市义务教育条例 -> 包头市人民代表大会常务委员会: a local 条例 (or a province's 实施《…法》办法) is made by
    the people's congress of the place its title names, by its standing committee unless it is an autonomous
    area's 自治条例 (inferred, for a page that prints no adoption line)."""
    chain = find_regions(title)
    if not chain or not _LOCAL_REGULATION.search(title[-60:]) or re.search("草案|征求意见", title):
        return None  # (a draft is the drafting organ's)
    return chain[-1].name + ("人民代表大会" if "自治条例" in title else "人民代表大会常务委员会")


_NUMBER_PREFIX = re.compile(r"([\u4e00-\u9fff]{2,6})\s*[〔\[【(（]\s*(?:19|20)\d{2}")


# A province's own text: 全省, 省政府各部门, 自治区各委、办、厅、局.
_PROVINCE_SPEAKS = re.compile(PROVINCIAL.pattern + r"|自治区(?:人民政府|各委|党委|政府)")


def number_place(view: View, title: str | None, places: TextPlaces):
    """The place a 文号's prefix must agree with: the title's, else the one province the text names; for a
    text that speaks as a province's (全省, 省政府各部门), the province all the places it names lie in, or any
    ('province') when it names none."""
    chain = find_regions(title or "") or places.only_province
    # (its addressees say it too: 各市、自治州人民政府，省政府各部门)
    if chain or not any(_PROVINCE_SPEAKS.search(p) for p in view.paragraphs[:40]):
        return chain
    if not places.any:
        return "province"
    named = find_regions("\n".join(view.paragraphs[:40]))  # (every place it names in one province: that one)
    return named[:1]


def organ_of_number(doc_number: str, chain) -> str | None:
    """粤府〔2004〕4号 -> 广东省人民政府, when the document's place is 广东省 and no city or county in it, or when
    it names no place but speaks as a province (chain == 'province'); 宝市教发〔2021〕171号 -> 宝鸡市教育局, when
    its place is 宝鸡市: the organ a 文号's prefix stands for (vocabulary `doc_number_organs`,
    `local_doc_number_organs`)."""
    prefix = _NUMBER_PREFIX.match(doc_number)
    if prefix is None:
        return None
    table, letters = vocabulary(), prefix.group(1)
    code = table["province_short_names"].get(letters[0])
    if code and (chain == "province" or (len(chain) == 1 and chain[0].code == code)):
        organ = _organ_coded(letters[1:], table["doc_number_organs"])
        if organ and code in MUNICIPALITIES:
            organ = organ.replace("教育厅", "教育委员会")
        return regions()[code].name + organ if organ else None
    place = chain[-1] if chain and chain != "province" and chain[-1].level in ("city", "county") else None
    if place is None or letters[0] != place.name[0]:
        return None
    organ = _organ_coded(letters[1:].lstrip("市区县州"), table["local_doc_number_organs"])
    return place.name + organ if organ else None


def _organ_coded(rest: str, organs: dict) -> str | None:
    """The organ a 文号's code names: 政发 exactly; 教基, 教职成 (a division of the department: 教 and at most two
    more characters; 教疫防办 is another body's)."""
    key = next(
        (k for k in sorted(organs, key=len, reverse=True) if rest == k or (k.startswith("教") and rest.startswith(k) and len(rest) <= 3)),
        None,
    )
    return organs[key] if key else None


_BUREAU = re.compile(r"教育局|教育体育局|教育和体育局|教体局|教育委员会|教育厅")
_MENTIONS_READ = 60  # bureau names looked at in a text (a report may name its bureau hundreds of times)
_BUREAU_NAME_MAX = 22


def most_named_bureau(view: View) -> str | None:
    """The education bureau a text names, with its place, more often than any other and at least twice."""
    text = "\n".join(view.paragraphs)
    counts: dict[str, int] = {}
    for match in itertools.islice(_BUREAU.finditer(text), _MENTIONS_READ):
        name = _named_with_place(text, match.end())
        if name:
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _named_with_place(text: str, end: int) -> str | None:
    """The longest organ name ending at `end` that opens with a place (龙文区教育局, not 区教育局)."""
    line_start = text.rfind("\n", 0, end) + 1
    for start in range(max(line_start, end - _BUREAU_NAME_MAX), end - 3):
        name = text[start:end]
        if starts_with_place(name) and find_regions(name) and issuer_from_name(name) == name:
            return name
    return None
