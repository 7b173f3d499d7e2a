"""按发文机关: a page per province, its documents under each issuing authority (split by city when long)."""

from __future__ import annotations

from collections import defaultdict

from ..document import Document
from .grouping import BY_CITY, UNKNOWN_ISSUER, code_order, group, issuer_names, province_code, province_name
from .templating import document_list, render


def issuer_pages(docs: list[Document]) -> dict[str, str]:
    """Each issuing authority with its documents, newest first; one page per province."""
    pages = {}
    provinces = []
    for code, in_province in group(docs, province_code, code_order):
        name = province_name(code)
        counts: dict[str, int] = defaultdict(int)
        for doc in in_province:
            for issuer in issuer_names(doc) or [UNKNOWN_ISSUER]:
                counts[issuer] += 1
        provinces.append(
            {"code": code, "name": name, "count": len(in_province), "issuers": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
        )
        pages.update(document_list(f"issuers/{code}", f"发文机关：{name}", in_province, BY_CITY, table="issuers", intro=None))
    pages["issuers/index.md"] = render("issuers/index.md", "issuers-index.md.j2", provinces=provinces)
    return pages
