"""Places: the administrative divisions a text names, resolved to one region and its ancestors."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Region, region_chain, regions_by_name, vocabulary


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    ambiguous = set(vocabulary()["ambiguous_place_names"])
    names = sorted((n for n in regions_by_name() if len(n) >= 2 and n not in ambiguous), key=lambda n: (-len(n), n))
    return re.compile("|".join(map(re.escape, names)))


def starts_with_place(text: str) -> bool:
    return _place_pattern().match(text) is not None


# A two-character county (兴县, 范县, 易县) is a word of many phrases (科教兴县, 示范县, 容易县): it is read as
# a place only where a place can stand — after a non-Chinese character or a higher division's name, or
# before the name of an organ or of its education.
_BEFORE_SHORT_NAME = "省市州盟区"
_AFTER_SHORT_NAME = re.compile(r"(?:教育|人民|政府|县委|委员会|党委|教体|教科|文教|财政|第|城|境内|全县|[0-9０-９])")


def _stands_alone(text: str, match: re.Match) -> bool:
    if len(match.group(0)) > 2:
        return True
    before = text[match.start() - 1] if match.start() else ""
    if not before or not re.match(r"[\u3400-\u9fff]", before) or before in _BEFORE_SHORT_NAME:
        return True
    return _AFTER_SHORT_NAME.match(text, match.end()) is not None


def find_regions(text: str) -> list[Region]:
    """The most specific region named in the text, with its ancestors consistent; [] if none or unclear."""
    if not text:
        return []
    found: list[tuple[Region, ...]] = [regions_by_name()[m.group(0)] for m in _place_pattern().finditer(text) if _stands_alone(text, m)]
    if not found:
        return []
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
        return []
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
            return []
    return chain


# Beijing, Tianjin, Shanghai and Chongqing are provinces and cities at once: their districts are county-level
# divisions directly under them, so the city of such a district is the municipality itself.
_MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def place_fields(chain: list[Region]) -> dict:
    """province, city, county and region_code of a region and its ancestors (province first)."""
    fields = {"province": None, "city": None, "county": None, "region_code": None}
    for region in chain:
        fields[region.level] = region.name
    if chain and chain[0].code in _MUNICIPALITIES:
        fields["city"] = chain[0].name
    if chain:
        fields["region_code"] = chain[-1].code
    return fields
