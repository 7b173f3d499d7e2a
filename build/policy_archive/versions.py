"""Versions: documents of the archive that are texts of one instrument at different times (上海市实施《义务教育法》办法
as revised in 2009 and as amended in 2024), the current one among them, and what changed article by article.

Two documents are versions of one instrument when their titles are the same once normalised (a revision note
such as （2024年修正） and punctuation aside) and nothing tells them apart: where both name an issuer it is
the same, where both have a place it is the same province. A group holds at least two versions; copies of one
version (the same version date) are not versions of each other. The current version is the latest by its
version date (extract.history.version_date: its last 通过, 批准, 公布, 修正 or 修订), then by its entry
into force; a text that states neither comes first.

A version that prints no history takes what its group settles: the issuer and the first adoption (date_written)
from the other versions, and its year from its own 施行 clause — each listed in `inferred`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from .changes import pair_texts
from .document import Document
from .extract.citations import normal_title
from .extract.history import first_adoption
from .extract.title_lines import strip_revision

_TITLE_NOISE = re.compile(r"[《》〈〉<>「」“”\"'\s（）()]")


def version_key(doc: Document) -> str | None:
    """The normalised title versions of one instrument share ('' for none)."""
    title = doc.metadata.get("title")
    return _TITLE_NOISE.sub("", normal_title(strip_revision(title))) or None if title else None


def _version_order(doc: Document):
    m = doc.metadata
    return (m.get("date_version") or m.get("date_effective") or "", m.get("date_effective") or "", m["id"])


def _compatible(a: Document, b: Document) -> bool:
    """Whether nothing the two documents state tells them apart as issued by different bodies or places."""
    ia, ib = a.metadata.get("issuer"), b.metadata.get("issuer")
    pa, pb = (a.metadata.get("region_code") or "")[:2], (b.metadata.get("region_code") or "")[:2]
    return (not ia or not ib or ia == ib) and (not pa or not pb or pa == pb)


@dataclass(frozen=True)
class VersionGroup:
    key: str
    documents: tuple[Document, ...]  # oldest version first

    @property
    def current(self) -> Document:
        return self.documents[-1]

    def current_at(self, as_of: str | None) -> Document | None:
        """The version in force at `as_of`: the latest made by then; None when none of the held versions was."""
        made = [d for d in self.documents if made_by(d, as_of)]
        return made[-1] if made else None

    def same_version(self, doc: Document, as_of: str | None = None) -> bool:
        """Whether `doc` is (a copy of) the version in force at `as_of` (the latest held when None)."""
        current = self.current_at(as_of)
        return current is not None and _version_order(doc)[:2] == _version_order(current)[:2]


def made_by(doc: Document, as_of: str | None) -> bool:
    """Whether a version was made by `as_of`: by its version date; a version without one, by the entry into
    force it states (it was made by the time it was in force); one stating neither cannot be told and counts."""
    m = doc.metadata
    when = m.get("date_version") or m.get("date_effective")
    return not as_of or not when or when <= as_of


def version_when(metadata: dict) -> str:
    """How a version is dated: its version date, else that it is unknown (with the entry into force it states,
    which an amended text may keep from the text it amended, so it dates no version)."""
    if metadata.get("date_version"):
        return f"{metadata['date_version']} 版"
    if metadata.get("date_effective"):
        return f"版本日期不明，所载施行日期 {metadata['date_effective']}"
    return "版本日期不明"


def find_versions(docs: list[Document]) -> list[VersionGroup]:
    """Every group of versions of the archive, by key."""
    by_key: dict[str, list[Document]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.metadata["id"]):
        key = version_key(doc)
        if key:
            by_key[key].append(doc)
    groups = []
    for key, found in sorted(by_key.items()):
        clusters: list[list[Document]] = []
        for doc in found:
            home = next((c for c in clusters if all(_compatible(doc, other) for other in c)), None)
            if home is None:
                clusters.append([doc])
            else:
                home.append(doc)
        for cluster in clusters:
            ordered = tuple(sorted(cluster, key=_version_order))
            if len({_version_order(d)[:2] for d in ordered}) >= 2:
                groups.append(VersionGroup(key, ordered))
    return groups


def settled_by_group(doc: Document, group: VersionGroup) -> Document:
    """A version without history lines, completed by what its group and its own text settle (marked inferred)."""
    m, inferred = dict(doc.metadata), list(doc.inferred)
    others = [d for d in group.documents if d is not doc]
    if not m.get("issuer"):
        issuers = {d.metadata["issuer"] for d in others if d.metadata.get("issuer")}
        if len(issuers) == 1:
            m["issuer"] = issuers.pop()
            inferred.append("issuer")
    if not m.get("date_written"):
        adopted = {first_adoption(d.metadata.get("history") or []) for d in others} - {None}
        if len(adopted) == 1:
            m["date_written"] = adopted.pop()
            inferred.append("date_written")
    if not m.get("year") and (m.get("date_version") or m.get("date_effective")):
        m["year"] = int((m.get("date_version") or m["date_effective"])[:4])
        inferred.append("year")
    if m == doc.metadata:
        return doc
    return replace(doc, metadata=m, inferred=tuple(dict.fromkeys(inferred)))


# --- what changed between two versions, article by article ------------------------------------------------

_ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇]{1,8})条(?:之[一二三四五六七八九十]{1,3})?\s*")


@dataclass(frozen=True)
class Article:
    number: str  # 第十二条
    text: str  # the article's text without its number, its paragraphs joined


@dataclass(frozen=True)
class ArticleChange:
    kind: str  # same, reworded, new, dropped
    before: Article | None
    after: Article | None


def articles(doc: Document) -> list[Article]:
    """The 第X条 articles of a text, each with the paragraphs that follow it up to the next article or heading."""
    found: list[tuple[str, list[str]]] = []
    for block in doc.blocks:
        match = _ARTICLE.match(block.text)
        if match:
            found.append((match.group(0).strip(), [block.text[match.end() :]]))
        elif block.kind in ("heading", "subheading", "title"):
            found.append(("", []))  # (a chapter ends the article before it)
        elif found:
            found[-1][1].append(block.text)
    return [Article(number, "\n".join(parts)) for number, parts in found if number]


def article_changes(before: Document, after: Document) -> list[ArticleChange]:
    """Each article of the later version paired with one of the earlier: the same text first (wherever it
    moved), then the same number with a text at least REWORDED alike, then the most alike texts; an article left
    without a partner is new (later) or dropped (earlier). In the later version's order, dropped ones last."""
    old, new = articles(before), articles(after)
    paired: dict[int, int] = {}
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, a in enumerate(old):
        by_text[a.text].append(j)
    for i, a in enumerate(new):
        if by_text.get(a.text):
            paired[i] = by_text[a.text].pop(0)
    by_number = {a.number: j for j, a in enumerate(old)}
    for i, a in enumerate(new):
        j = by_number.get(a.number)
        if i not in paired and j is not None and j not in paired.values():
            if pair_texts([old[j].text], [a.text]):
                paired[i] = j
    rest_new = [i for i in range(len(new)) if i not in paired]
    rest_old = [j for j in range(len(old)) if j not in paired.values()]
    for i, (j, _) in pair_texts([old[j].text for j in rest_old], [new[i].text for i in rest_new]).items():
        paired[rest_new[i]] = rest_old[j]
    changes = []
    for i, a in enumerate(new):
        if i in paired:
            b = old[paired[i]]
            changes.append(ArticleChange("same" if b.text == a.text else "reworded", b, a))
        else:
            changes.append(ArticleChange("new", None, a))
    kept = set(paired.values())
    changes += [ArticleChange("dropped", b, None) for j, b in enumerate(old) if j not in kept]
    return changes


class VersionIndex:
    """Each document's group of versions and the version before it."""

    def __init__(self, docs: list[Document]):
        self.groups = find_versions(docs)
        self._of = {d.metadata["id"]: g for g in self.groups for d in g.documents}

    def of(self, doc: Document) -> VersionGroup | None:
        return self._of.get(doc.metadata["id"])

    def previous(self, doc: Document) -> Document | None:
        group = self.of(doc)
        if group is None:
            return None
        ids = [d.metadata["id"] for d in group.documents]
        i = ids.index(doc.metadata["id"])
        return group.documents[i - 1] if i else None
