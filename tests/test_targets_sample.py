"""The targets of the real corpus against a sample annotated by hand (tests/data/targets_sample.yaml, issue 27):
an indicator names what is counted or measured, never a verb or punctuation left over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from policy_archive.pipeline import convert_all

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = yaml.safe_load((ROOT / "tests" / "data" / "targets_sample.yaml").read_text(encoding="utf-8"))
FLOOR = 0.90

# Debris: a verb of doing alone, or a fragment that starts or ends with punctuation or an unclosed bracket.
_VERB_ALONE = re.compile(
    r"^(?:新增|新建|改扩建|建设|建成|培训|培育|培养|打造|遴选|评选|创建|完成|达到|提高|增长|增加|减少|组织|开展|开展好|实施|安排|投入|"
    r"累计投入|共|并|降|由|以|不得|分别|年均增长|同比增长|比上年增长|新增了|遴选出|并遴选出)$"
)
_EDGE = re.compile(r"^[，、。；：）)》”—\-]|[，、。；：（(《“—\-]$")


def is_debris(indicator: str) -> bool:
    brackets = sum(indicator.count(c) for c in "（(") - sum(indicator.count(c) for c in "）)")
    return bool(_VERB_ALONE.match(indicator) or _EDGE.search(indicator) or brackets or not re.search(r"\w", indicator))


@pytest.fixture(scope="module")
def targets():
    found = {}
    for folder in ("seeds", "tests/corpus/sources"):
        docs, _ = convert_all(ROOT / folder)
        for doc in docs:
            found[f"{folder}/{doc.source.file}"] = doc.targets
    return found


def reading(targets, item):
    """The pipeline's target for a sample item: in its file, its clause, its number."""
    return next((t for t in targets.get(item["file"], ()) if t.phrase == item["clause"] and t.number == item["number"]), None)


def right(target, item) -> bool:
    accepted = item["indicator"] or [None]
    return target is not None and target.indicator in accepted and target.unit == item["unit"]


def test_the_sample_is_large_enough_and_from_the_real_corpus():
    assert len(SAMPLE) >= 60
    assert all((ROOT / item["file"]).is_file() for item in SAMPLE)


def test_at_least_nine_in_ten_targets_of_the_sample_are_read_right(targets):
    wrong = [
        (item["clause"], item["number"], item["indicator"], reading(targets, item))
        for item in SAMPLE
        if not right(reading(targets, item), item)
    ]
    share = 1 - len(wrong) / len(SAMPLE)
    for clause, number, want, t in wrong:
        print(f"  {number} {want} got {t and (t.indicator, t.unit)}: {clause[:60]}")
    print(f"\ntargets sample: {len(SAMPLE) - len(wrong)}/{len(SAMPLE)} right ({share:.1%})")
    assert share >= FLOOR, [(c, n, want, t and (t.indicator, t.unit)) for c, n, want, t in wrong]


def test_no_indicator_is_debris(targets):
    debris = [(t.indicator, t.phrase) for found in targets.values() for t in found if t.indicator and is_debris(t.indicator)]
    assert not debris


def test_the_debris_check_knows_debris():
    assert all(is_debris(s) for s in ("遴选", "培育", "安排", "地方教育附加）", "、", "（教育费"))
    assert not any(is_debris(s) for s in ("幼儿园", "学位数", "“两项教育附加”", "中小学校（幼儿园）党组织", "学前三年入园率"))
