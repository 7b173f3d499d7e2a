"""How the listings order, group and split documents: every listing uses these, none another listing's own.

A list longer than PAGE_ROWS is split into one page per year, province or city (a `Split`). A module that
splits asks `fits_one_page` and `page_chunks` at the time it builds, so that a test setting PAGE_ROWS here
sets it for every listing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document
from ..knowledge import regions

UNKNOWN = "unknown"
UNKNOWN_ISSUER = "（发文机关不明）"

# A list longer than this is split into one page per year, province or city: a page of thousands of rows
# is slow to build and to open. Each page also costs its furniture, so lists are not split sooner.
PAGE_ROWS = 1000


def fits_one_page(rows: int) -> bool:
    return rows <= PAGE_ROWS


def page_chunks(items: list) -> list[list]:
    """`items` in pages of PAGE_ROWS (one empty page for none)."""
    return [items[i : i + PAGE_ROWS] for i in range(0, len(items), PAGE_ROWS)] or [[]]


# --- order and groups --------------------------------------------------------------------------------


def sort_key(doc: Document):
    """Newest first, then by place, date and id."""
    m = doc.metadata
    return (-(m.get("year") or 0), m.get("region_code") or "", m.get("date_written") or m.get("date_published") or "", m["id"])


def group(docs: list[Document], key: Callable[[Document], str], order=None) -> list[tuple[str, list[Document]]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[key(doc)].append(doc)
    return [(k, groups[k]) for k in sorted(groups, key=order)]


def year_key(doc: Document) -> str:
    return str(doc.metadata.get("year") or UNKNOWN)


def year_label(year: str) -> str:
    return "年度不明" if year == UNKNOWN else f"{year}年"


def year_order(year: str):
    return (year == UNKNOWN, -int(year) if year != UNKNOWN else 0)


def province_code(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:2]}0000" if code else UNKNOWN


def province_name(code: str) -> str:
    table = regions()
    return table[code].name if code in table else "地区不明"


def city_key(doc: Document) -> str:
    code = doc.metadata.get("region_code")
    return f"{code[:4]}00" if code and code[2:] != "0000" else UNKNOWN


def city_name(doc: Document) -> str:
    return doc.metadata.get("city") or "（市级不明）"


def code_order(code: str):
    return (code == UNKNOWN, code)


def issuer_names(doc: Document) -> list[str]:
    return (doc.metadata.get("issuer") or "").split()


def by_city(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    return group(docs, city_name, lambda c: (c.startswith("（"), c))


def by_county(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    return group(docs, lambda d: d.metadata.get("county") or "")


def by_issuer(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    """Each issuing authority with its documents (a document of several under each), most documents first."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for issuer in issuer_names(doc) or [UNKNOWN_ISSUER]:
            groups[issuer].append(doc)
    return [(k, groups[k]) for k in sorted(groups, key=lambda k: (k.startswith("（"), -len(groups[k]), k))]


# --- how long lists are split ------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """How a long list is split: the key of a document, the label of a group, the order of keys, a noun."""

    key: Callable[[Document], str]
    label: Callable[[str, list[Document]], str]
    order: Callable[[str], object]
    noun: str


BY_YEAR = Split(year_key, lambda key, group: year_label(key), year_order, "年度")
BY_PROVINCE = Split(province_code, lambda key, group: province_name(key), code_order, "省份")
BY_CITY = Split(city_key, lambda key, group: city_name(group[0]), code_order, "城市")
