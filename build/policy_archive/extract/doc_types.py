"""The document type (文种): the one its title ends with (…工作要点, …的通知), as the knowledge tables name
them, and the type of a document whose title does not say it."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import vocabulary
from .evidence import Candidate, View


@lru_cache(maxsize=1)
def _types() -> tuple[dict, ...]:
    return tuple(sorted(vocabulary()["doc_types"], key=lambda t: -len(t["name"])))


def strip_title_suffix(title: str) -> str:
    """'…工作要点（试行）' / '…工作要点（2022年）' / '…规定(试行)(2012年4月实施)' -> '…工作要点', '…规定'."""
    return re.sub(r"(?:[（(][^（）()]{1,14}[)）]){1,2}$", "", title.strip())


# How a document-sharing site names a copy it offers ('…工作计划范文'): the type is the word before.
_SHARED_AS = re.compile(r"(?:范文|范例|范本|模板|精选|大全)+$")


def shared_copy(title: str) -> bool:
    """Whether a title is a sharing site's name for the copy it offers (…工作计划范文, …总结范本)."""
    return _SHARED_AS.search(title) is not None


def doc_type(title: str | None) -> tuple[str | None, str | None]:
    return _doc_type(title) if title else (None, None)


@lru_cache(maxsize=8192)
def _doc_type(title: str) -> tuple[str | None, str | None]:
    """(doc_type, computed once for a line: titles, joins and unwrapping ask about the same lines.)"""
    stem = _SHARED_AS.sub("", strip_title_suffix(title).rstrip('》」”"'))
    for ending, name in vocabulary()["doc_type_endings"].items():
        if stem.endswith(ending):
            return name, doc_type_slug(name)
    if "政府信息公开" in stem and stem.endswith("报告"):
        return "年度报告", doc_type_slug("年度报告")  # 政府信息公开工作年度工作报告 is the disclosure report
    for entry in _types():
        if stem.endswith(entry["name"]):
            return entry["name"], entry["slug"]
    return None, None


def doc_type_slug(name: str | None) -> str:
    for entry in _types():
        if entry["name"] == name:
            return entry["slug"]
    return "document"


def choose_kind(view: View, title: str | None, title_choice: Candidate | None, session: Candidate | None) -> str | None:
    """The type the title ends with; else the one its subtitle names (——在…会议上的报告); else a
    government's report to its people's congress (the head names the session it was delivered at)."""
    kind, _ = doc_type(title)
    last = title_choice.value[2] if title_choice else None
    if kind is None and last is not None and last + 1 < len(view.paragraphs):
        subtitle = view.paragraphs[last + 1].lstrip("•· ")
        kind = doc_type(subtitle)[0] if subtitle.startswith("—") else None
    if kind is None and title is None and disclosure_report(view):
        kind = "年度报告"
    if kind is None and title is None:
        # A notice that lost its title still ends as one (特此通知). (A page that only says 现予以公示 is not given
        # the type: a list the page makes public under its own heading, and the corpus annotates it so.)
        text = "".join(view.paragraphs)
        kind = "通知" if re.search(r"特此通知|现(?:将有关事项|就有关事项)?通知如下", text) else None
    if kind is None and session is not None and re.search(r"代表[^。]{0,12}人民政府[^。]{0,12}报告", "".join(view.paragraphs[:12])):
        kind = "政府工作报告"
    return kind


def disclosure_report(view: View) -> bool:
    """A government information-disclosure annual report, by the outline every such report follows
    (一、总体情况 … 二、主动公开政府信息情况) and the regulation it reports under."""
    head = view.paragraphs[:4]
    outline = any(re.fullmatch(r"[一1][、.．]\s*总体情况", p) for p in head) or any(
        "主动公开政府信息情况" in p for p in view.paragraphs[:40]
    )
    return outline and "政府信息公开" in "".join(head)


def preload() -> None:
    """Build this extractor's tables once (before workers are forked: they share them)."""
    _types()
