"""Series: one issuer's documents of one kind across the years (济南市教育局's 工作要点 of 2014, 2015, …).

Found from the metadata alone: the issuer (joint issuers in a fixed order), the kind of document (for a
notice that issues a plan, the plan's kind: 关于印发2023年…重点任务清单的通知 is a 重点任务清单) and the
year. Kinds that recur every year (工作要点, 任务清单, 年度报告 …) form a series by issuer and kind; any
other kind only when the titles are the same but for their years, so that two unrelated 通知 of one
bureau are not a series. A series spans at least two years.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from .document import Document
from .extract import doc_type_slug
from .extract.citations import issued_titles
from .extract.doc_types import doc_type

# Kinds a bureau issues once a year: the same issuer's documents of such a kind are one series.
RECURRING_KINDS = (
    "工作要点",
    "工作意见",
    "工作计划",
    "工作安排",
    "工作思路",
    "任务清单",
    "重点任务清单",
    "要点",
    "计划",
    "工作总结",
    "总结",
    "工作报告",
    "年度报告",
)
_ISSUED_PLAN = re.compile(r"印发(.+?)的通知$")
_YEARS = re.compile(r"(?:19|20)\d{2}\s*(?:[—\-–~至到]\s*(?:19|20)\d{2}\s*)?年度?|[一二][〇○零九][〇○零一二三四五六七八九]{2}年")


def kind_of(doc: Document) -> str | None:
    """The kind of document it is, or of the plan a notice issues."""
    title = doc.metadata.get("title") or ""
    issued = issued_titles(title) or [m.group(1) for m in [_ISSUED_PLAN.search(title)] if m]
    if issued:
        kind, _ = doc_type(issued[0])
        if kind:
            return kind
    return doc.metadata.get("doc_type")


def _issuer(doc: Document) -> str | None:
    """The issuer as a series knows it: None for one printed without its place (县教育局 of a page that
    masks it), which would join different counties' plans into one series."""
    names = (doc.metadata.get("issuer") or "").split()
    if not doc.metadata.get("region_code"):
        return None
    return " ".join(sorted(names)) or None


def _key(doc: Document) -> tuple | None:
    issuer, kind = _issuer(doc), kind_of(doc)
    if not (issuer and kind and doc.metadata.get("year")) or doc.metadata.get("versions"):
        return None  # (versions of one instrument are its history, not a series: versions.py)
    if kind in RECURRING_KINDS:
        return (issuer, kind)
    return (issuer, kind, _YEARS.sub("", doc.metadata.get("title") or ""))


def _order(doc: Document):
    m = doc.metadata
    return (m["year"], m.get("date_written") or m.get("date_published") or "", m["id"])


@dataclass(frozen=True)
class Series:
    slug: str  # ASCII, stable: region, kind, and a digest of the issuer and kind
    issuer: str
    kind: str
    documents: tuple[Document, ...]  # oldest first

    @property
    def years(self) -> str:
        years = [d.metadata["year"] for d in self.documents]
        return f"{years[0]}—{years[-1]}"


def _slug(key: tuple, first: Document) -> str:
    digest = hashlib.sha256("\t".join(key).encode("utf-8")).hexdigest()[:8]
    return f"{first.metadata.get('region_code') or 'cn'}-{doc_type_slug(key[1])}-{digest}"


def find_series(docs: list[Document]) -> list[Series]:
    """Every series of the archive, by issuer then kind."""
    groups: dict[tuple, list[Document]] = defaultdict(list)
    for doc in docs:
        key = _key(doc)
        if key:
            groups[key].append(doc)
    found = []
    for key, group in groups.items():
        if len({d.metadata["year"] for d in group}) < 2:  # copies or parts of one year's document are no series
            continue
        ordered = tuple(sorted(group, key=_order))
        found.append(Series(_slug(key, ordered[0]), key[0], key[1], ordered))
    return sorted(found, key=lambda s: (s.issuer, s.kind, s.slug))


class SeriesIndex:
    """Each document's series and its neighbours in it."""

    def __init__(self, docs: list[Document]):
        self.series = find_series(docs)
        self._of: dict[str, Series] = {d.metadata["id"]: s for s in self.series for d in s.documents}

    def of(self, doc: Document) -> Series | None:
        return self._of.get(doc.metadata["id"])

    def neighbours(self, doc: Document) -> tuple[Document | None, Document | None]:
        """The previous and the next document of its series (None at either end or outside one)."""
        series = self.of(doc)
        if series is None:
            return None, None
        ids = [d.metadata["id"] for d in series.documents]
        i = ids.index(doc.metadata["id"])
        return (series.documents[i - 1] if i else None, series.documents[i + 1] if i + 1 < len(ids) else None)
