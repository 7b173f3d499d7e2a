"""An organ printed without its place (市教育局, 区教体局, 教育局) completed with the place that settles it: the
title's, the page's, or the one county, province or short-named place its whole text names."""

from __future__ import annotations

import re
from functools import cached_property

from ..knowledge import region_chain, regions
from .evidence import View
from .lexicon import MASKED_PLACE, MASKED_YEAR, is_addressee
from .places import counties_named, find_regions, place_fields, provinces_named, short_names_named

# The level of division a name written without its place stands for: 市教育局, 县第十五届人民代表大会.
LEVEL_OF_PREFIX = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county"}
# Bureaus printed with no level at all: completed only with a county (a county's 教育局).
_LEVELLESS_BUREAUS = ("教育局", "教育体育局", "教育和体育局", "教体局")
# How much of a text is read for the places it names, when nothing else places it (a long text names many).
PLACE_TEXT_CHARS = 30_000
# A province's own document, and a city's or county's (全市, 我县, 区委).
PROVINCIAL = re.compile(r"全省|我省|本省|省委|省政府")
LOCAL = re.compile(r"(?:全|我|本)([市县区])|([市县区])(?:委|政府)")


def complete(names: list[str], chain) -> list[str] | None:
    """Names written without their place, completed: '市教育局' on a page of 绍兴市 -> '绍兴市教育局'; a
    joint signer '卫生健康委员会' after '银川市教育局' -> '银川市卫生健康委员会'. None if one cannot be."""
    done = []
    if len(names) > 1 and names[0] in _LEVELLESS_BUREAUS:
        return None  # (a list of bare pieces is no list of organs to complete)
    for name in names:
        if find_regions(name):
            done.append(name)
            continue
        whole = complete_place(name, chain) if chain else None
        if whole is None and done:
            previous = find_regions(done[-1])
            whole = previous[-1].name + name if previous and not name.startswith(("省", "市", "县", "区")) else None
        if whole is None:
            return None
        done.append(whole)
    return done


# How an organ's own name opens after its place (not 松山湖高新区…, another place after 东莞).
_ORGAN_OPENINGS = ("人大", "人民", "政府", "教育", "教委", "教体", "财政", "市委", "县委", "区委")


def complete_place(name: str, chain) -> str | None:
    """'市教育局' + the region 绍兴市 -> '绍兴市教育局', when the region is of the name's level; '教育局', which
    names no level, takes the region's own."""
    fields = place_fields(chain)
    for region in reversed(chain or []):
        # '宁波人大常委会' of a page of 宁波市: the place's short name (its name less 市/县/区) opens the organ's.
        short = region.name[:-1]
        rest = name[len(short) :]
        if len(short) >= 2 and region.name[-1] in "市县区" and name.startswith(short) and rest.startswith(_ORGAN_OPENINGS):
            return region.name + rest
    level = LEVEL_OF_PREFIX.get(name.lstrip("中共")[:1])
    if level is None and name in _LEVELLESS_BUREAUS and chain and chain[-1].level == "county":
        return chain[-1].name + name  # '教育局' of the one county its text names: that county's bureau
    if not level or not fields.get(level):
        return None
    place = fields[level]
    if name.startswith("中共"):
        return "中共" + place + name[3:]
    return place + name[1:]


def place_lines(paragraphs) -> str:
    """The lines that may place a document: not an addressee line, which names the places it is sent to
    (伊犁哈萨克自治州，各州、市…：), not the issuer's."""
    return "\n".join(p for p in paragraphs if not is_addressee(p))


class TextPlaces:
    """The places a document's text names, each read once when first asked for (the issuer's candidates ask
    about the same text one after another)."""

    def __init__(self, view: View):
        self.view = view

    @cached_property
    def text(self) -> str:
        return place_lines(self.view.paragraphs)[:PLACE_TEXT_CHARS]

    @cached_property
    def head(self):
        """The one place the opening paragraphs name (a 县教育局 of a plan that names 房县 in its first lines)."""
        return find_regions(place_lines(self.view.paragraphs[:8]))

    @cached_property
    def any(self) -> bool:
        return bool(find_regions(self.text) or provinces_named(self.text) or counties_named(self.text))

    @cached_property
    def only_county(self):
        """The county-level region a text names, when it names one and no other (区教体局 of a plan that names
        庐阳区 once, in its seventh item): the place of an organ printed as 区教体局 or 县教育局."""
        counties = counties_named(self.text)
        return region_chain(counties[0].code) if len(counties) == 1 else []

    @cached_property
    def only_province(self):
        """The province a text names by its short name (切合安徽实际), when it names one and no other: the place
        of an organ printed as 省教育厅."""
        named = provinces_named(self.text)
        return region_chain(named[0]) if len(named) == 1 else []

    @cached_property
    def _short_named(self) -> dict[str, int]:
        masked = MASKED_PLACE.search(self.text) or MASKED_YEAR.search(self.text)
        return {} if masked else short_names_named(self.text)  # (a template that masks its places names none on purpose)

    def only_short_named(self, level: str | None, at_least: int = 1):
        """The one region of `level` the text names by its short name (凤台 for 凤台县), named `at_least` times."""
        found = [code for code, n in self._short_named.items() if n >= at_least and regions()[code].level == level]
        return region_chain(found[0]) if level and len(found) == 1 else []
