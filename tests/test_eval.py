"""The pipeline on the real annotated corpus (tests/corpus): accuracy may not fall below what it is.

These are floors, raised as extraction improves; `make eval` prints the figures and every miss.
"""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.evaluate import evaluate

from policy_archive.knowledge import in_chinese


@pytest.fixture(scope="module")
def result():
    return evaluate()


def test_the_corpus_is_what_the_issue_asks_for(result):
    c = result["corpus"]
    assert c["documents"] >= 120 and c["whole"] >= 60 and c["sites"] >= 25 and c["provinces"] >= 20
    assert c["years"][0] <= 2000 and c["years"][1] >= 2025


def test_accuracy_does_not_fall(result):
    # The issue's target: 95% of gold fields, held with every held-out batch in (2782/2926 at the last count).
    assert result["accuracy"] >= 0.95, result["accuracy"]
    for field, floor in {
        "title": 0.91,
        "doc_number": 0.97,
        "issuers": 0.85,
        "date_written": 0.96,
        "year": 0.95,
        "province": 0.94,
        "doc_type": 0.94,
    }.items():
        counts = result["fields"][field]
        assert counts["right"] / counts["total"] >= floor, (field, counts)


def test_no_furniture_left_and_topics_mean_something(result):
    assert result["noise"] == []
    assert result["lost_sentences"] == []  # every sentence of every source is in a page's text or kept as evidence
    assert result["topics"]["precision"] >= 0.5 and result["topics"]["recall"] >= 0.55
    assert result["topics"]["tags_per_document"] <= 6


def test_every_warning_reads_in_chinese_on_the_page(result):
    for warning in result["warnings"]:
        shown = in_chinese(warning)
        assert not re.search(r"[A-Za-z]{4,}", shown.replace("Word", "").replace("GB18030", "")), (warning, shown)
