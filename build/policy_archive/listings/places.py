"""按地区: a page per province, its documents by city and county (split by city when long)."""

from __future__ import annotations

from ..document import Document
from .grouping import BY_CITY, by_city, code_order, group, province_code, province_name
from .templating import document_list, render


def place_pages(docs: list[Document]) -> dict[str, str]:
    pages = {}
    provinces = []
    for code, in_province in group(docs, province_code, code_order):
        name = province_name(code)
        cities = [
            {"name": city, "count": len(in_city), "counties": sorted({d.metadata["county"] for d in in_city if d.metadata.get("county")})}
            for city, in_city in by_city(in_province)
        ]
        provinces.append({"code": code, "name": name, "count": len(in_province), "cities": cities})
        pages.update(document_list(f"places/{code}", name, in_province, BY_CITY, table="places", intro=None))
    pages["places/index.md"] = render("places/index.md", "places-index.md.j2", provinces=provinces)
    return pages
