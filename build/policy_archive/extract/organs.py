"""An organ's own name: the form a database field, a page or a session number gives it, made the organ's name
(宁波市人大（含常委会） -> 宁波市人民代表大会常务委员会, 杭州市十五届人民政府 -> 杭州市人民政府, 山东省青岛市… -> 青岛市…),
and the organs of the state, which have no place."""

from __future__ import annotations

import re

from ..knowledge import vocabulary
from .places import MUNICIPALITIES, find_regions

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
