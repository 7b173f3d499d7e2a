"""What changed between two documents of a series: items aligned by text similarity, and targets that moved.

Each numbered item (and heading) of the later document is paired with at most one of the earlier
document's, the most similar pairs first (rapidfuzz's normalised Indel similarity over the text without
its number: items are renumbered from year to year), if their similarity reaches REWORDED. A pair with
the same text is the same item, any other pair a reworded one (a changed number is a change); an item
left without a partner is new (later) or dropped (earlier).
A target moved when both documents set one for the same indicator with another number (入园率 95% → 97%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .document import Block, Document

REWORDED = 55  # similarity (0–100) below which two items are different items
# Item numbers (一、 （二） 3. 任务4：) differ between years without a change of content.
_NUMBER = re.compile(
    r"^(?:第?[一二三四五六七八九十\d]{1,3}(?:部分|章|条)?\s*[、.．:：)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|任务\s*\d{1,3}\s*[:：])\s*"
)


@dataclass(frozen=True)
class ItemChange:
    kind: str  # same, reworded, new, dropped
    before: Block | None
    after: Block | None
    score: float


@dataclass(frozen=True)
class TargetMove:
    indicator: str
    before: object  # extract.targets.Target
    after: object


@dataclass(frozen=True)
class Changes:
    before: Document
    after: Document
    items: tuple[ItemChange, ...]  # in the later document's order, each dropped item after its predecessor
    targets: tuple[TargetMove, ...]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.items if c.kind == kind)


def _items(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.anchor and b.kind in ("heading", "subheading", "item")]


def _plain(block: Block) -> str:
    return _NUMBER.sub("", block.text)


def _pairs(before: list[Block], after: list[Block]) -> dict[int, tuple[int, float]]:
    """{index in after: (index in before, score)}: one-to-one, the most similar pairs first."""
    return pair_texts([_plain(b) for b in before], [_plain(b) for b in after])


def pair_texts(before: list[str], after: list[str], taken: set[int] | None = None) -> dict[int, tuple[int, float]]:
    """{index in after: (index in before, score)} of texts at least REWORDED alike: one-to-one, the most similar
    pairs first (ties: earlier first). Indexes of `before` in `taken` are not paired again."""
    if not before or not after:
        return {}
    candidates = [
        (float(score), i, j)
        for i, text in enumerate(after)
        for _, score, j in process.extract(text, before, scorer=fuzz.ratio, score_cutoff=REWORDED, limit=None)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    paired: dict[int, tuple[int, float]] = {}
    taken = set(taken or ())
    for score, i, j in candidates:
        if i not in paired and j not in taken:
            paired[i] = (j, score)
            taken.add(j)
    return paired


def _item_changes(before: list[Block], after: list[Block]) -> list[ItemChange]:
    paired = _pairs(before, after)
    matched = {j for j, _ in paired.values()}
    dropped_after: dict[int, list[int]] = {}  # dropped items placed after the last earlier item kept before them
    last = -1
    for j in range(len(before)):
        if j in matched:
            last = j
        else:
            dropped_after.setdefault(last, []).append(j)
    position = {j: i for i, (j, _) in paired.items()}
    changes = [ItemChange("dropped", before[j], None, 0.0) for j in dropped_after.get(-1, [])]
    for i, block in enumerate(after):
        if i in paired:
            j, score = paired[i]
            kind = "same" if _plain(before[j]) == _plain(block) else "reworded"
            changes.append(ItemChange(kind, before[j], block, score))
            changes += [ItemChange("dropped", before[k], None, 0.0) for k in dropped_after.get(j, []) if position.get(j) == i]
        else:
            changes.append(ItemChange("new", None, block, 0.0))
    return changes


def _target_moves(before: Document, after: Document) -> list[TargetMove]:
    earlier = {}
    for t in before.targets:
        if t.indicator and len(t.indicator) >= 3:
            earlier.setdefault((t.indicator, t.unit), t)
    moves = []
    seen = set()
    for t in after.targets:
        old = earlier.get((t.indicator, t.unit))
        if old and old.value != t.value and (t.indicator, t.unit) not in seen:
            seen.add((t.indicator, t.unit))
            moves.append(TargetMove(t.indicator, old, t))
    return moves


def compare(before: Document, after: Document) -> Changes:
    return Changes(before, after, tuple(_item_changes(_items(before), _items(after))), tuple(_target_moves(before, after)))
