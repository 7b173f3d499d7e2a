"""The parts of a document page about its time: its status at the stated date with the evidence (效力), its history
(历次修改) and its versions with what changed from the previous one article by article (历史版本). The values
are the front matter's (schema: history, status…, versions); the other versions are the archive's documents."""

from __future__ import annotations

from collections import Counter

from .document import Document
from .escaping import escape_markdown as _escape
from .versions import article_changes, version_when

ARTICLE_TEXT_CHARS = 40  # what a change line shows of an article's text


def _link(doc: Document) -> str:
    return f"{doc.metadata['id']}.md"


def status_section(doc: Document, relations) -> list[str]:
    m = doc.metadata
    if not m.get("status"):
        return []
    line = f"截至判断日期（见[效力](../status/index.md)）：**{_escape(m['status'])}**。依据：{_escape(m.get('status_basis') or '')}"
    source = relations.document(m.get("status_source")) if relations else None
    if source is not None:
        line += f"（见 [{_escape(source.metadata.get('title') or source.metadata['id'])}]({_link(source)})）"
    return ["## 效力 {#status}", "", line, ""]


def history_section(doc: Document) -> list[str]:
    events = doc.metadata.get("history") or []
    if not events:
        return []
    lines = ["## 历次修改 {#history}", "", "| 日期 | 事件 | 机关或会议 | 所据决定 |", "|---|---|---|---|"]
    for e in events:
        cells = [e["date"], e["action"], e.get("body") or "—", e.get("instrument") or "—"]
        lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
    return [*lines, ""]


def _version_label(doc: Document) -> str:
    return f"{doc.metadata.get('title') or doc.metadata['id']}（{version_when(doc.metadata)}）"


def versions_section(doc: Document, relations) -> list[str]:
    ids = doc.metadata.get("versions") or []
    held = [relations.document(i) for i in ids] if relations else []
    if len(held) < 2 or any(d is None for d in held):
        return []
    current = doc.metadata.get("current_version")
    lines = ["## 历史版本 {#versions}", "", "同一法规在本库的各个版本，自旧至新；标“现行”的是现行版本。", ""]
    for version in held:
        label = _escape(_version_label(version))
        mark = "（现行）" if version.metadata["id"] == current else ""
        lines.append(
            f"- **{label}**{mark}（本页）"
            if version is doc or version.metadata["id"] == doc.metadata["id"]
            else f"- [{label}]({_link(version)}){mark}"
        )
    position = ids.index(doc.metadata["id"])
    if position:
        lines += ["", *_changes_lines(held[position - 1], doc)]
    return [*lines, ""]


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= ARTICLE_TEXT_CHARS else text[:ARTICLE_TEXT_CHARS] + "…"


def _changes_lines(before: Document, after: Document) -> list[str]:
    changes = article_changes(before, after)
    if not changes:
        return []
    counts = Counter(c.kind for c in changes)
    lines = [
        "### 与上一版本相比 {#version-changes}",
        "",
        f"上一版本：[{_escape(_version_label(before))}]({_link(before)})。逐条比较（按条号与文字配对）："
        f"新增 {counts['new']} 条，删除 {counts['dropped']} 条，修改 {counts['reworded']} 条，未改 {counts['same']} 条。",
        "",
    ]
    for c in changes:
        if c.kind == "reworded":
            moved = f"（原{c.before.number}）" if c.before.number != c.after.number else ""
            lines.append(f"- {c.after.number}{moved} 修改：{_escape(_short(c.after.text))}")
        elif c.kind == "new":
            lines.append(f"- {c.after.number} 新增：{_escape(_short(c.after.text))}")
        elif c.kind == "dropped":
            lines.append(f"- 原{c.before.number} 删除：{_escape(_short(c.before.text))}")
    return lines


def time_sections(doc: Document, relations) -> list[str]:
    """效力, 历次修改 and 历史版本, those the document has."""
    return status_section(doc, relations) + history_section(doc) + versions_section(doc, relations)
