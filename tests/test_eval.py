"""The pipeline on the real annotated corpus (tests/corpus): accuracy may not fall below what it is.

The floors are data (tests/eval_floors.yaml), recorded with the digest of the corpus and its gold by
`python -m bench.evaluate --record-floors`, which raises them as extraction improves and lowers one only
with `--allow-lower`; `make eval` prints the figures and every miss.
"""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.evaluate import FLOORS, FloorLowered, corpus_digest, evaluate, figures, flat, lost_sentences, read_floors, record_floors

from policy_archive.knowledge import in_chinese


@pytest.fixture(scope="module")
def result():
    return evaluate()


def test_the_corpus_is_what_the_issue_asks_for(result):
    c = result["corpus"]
    assert c["documents"] >= 120 and c["whole"] >= 60 and c["sites"] >= 25 and c["provinces"] >= 20
    assert c["years"][0] <= 2000 and c["years"][1] >= 2025


RECORD = "python -m bench.evaluate --record-floors"


def test_the_floors_were_recorded_on_this_corpus_and_its_gold():
    recorded = read_floors()["corpus"]["sha256"]
    assert corpus_digest() == recorded, f"tests/corpus/sources or gold changed since the floors were recorded: run `{RECORD}`"


def test_accuracy_does_not_fall(result):
    # Issue 28's targets (95% of gold fields, doubt recall 80%, …) are printed by `make eval` against the figures
    # ("targets (issue 28)"); the floors hold every figure at least where it was recorded, held-out batches in.
    floors = flat(read_floors()["floors"])
    # (The floors that were literals here before they were data: none may go missing.)
    assert {"accuracy", "topics.precision", "topics.recall", "doubt.recall", "doubt.right_unflagged"} <= set(floors)
    assert {f"fields.{f}" for f in ("title", "doc_number", "issuers", "date_written", "year", "province", "doc_type")} <= set(floors)
    now = flat(figures(result))
    fallen = {name: (now[name], floor) for name, floor in floors.items() if now[name] < floor}
    assert not fallen, f"figures below their floors (now, floor): {fallen}; `make eval` lists the misses"


def test_doubt_is_measured(result):
    # Issue 28: the share of wrong fields flagged doubtful (target 80%) and of right fields flagged (at most 10%).
    d = result["doubt"]
    assert 0 <= d["recall"] <= 1 and d["flagged_right"] <= 0.10, d
    assert d["wrong_unflagged"] <= 0.03, d  # (issue 28's bound on fields wrong without a flag)
    assert "doubt.recall" in flat(read_floors()["floors"])  # (held by its floor in test_accuracy_does_not_fall)


def test_no_furniture_left_and_topics_mean_something(result):
    assert result["noise"] == []
    assert result["lost_sentences"] == []  # every sentence of every source is shown on its page
    assert result["topics"]["precision"] >= 0.5 and result["topics"]["recall"] >= 0.55
    assert result["topics"]["tags_per_document"] <= 6


def _result(title: tuple[int, int], precision: float) -> dict:
    fields = {"title": {"right": title[0], "total": title[1]}, "year": {"right": 1, "total": 1}}
    return {"accuracy": title[0] / title[1], "fields": fields, "topics": {"precision": precision, "recall": 0.6}, "documents": title[1]}


def test_recording_raises_floors_and_lowers_one_only_when_allowed(tmp_path):
    path = tmp_path / "floors.yaml"
    # The file lists the figures that have floors (here not the year, nor the recall).
    path.write_text("corpus: {sha256: none, documents: 0}\nfloors: {accuracy: 0.9, fields: {title: 0.9}, topics: {precision: 0.5}}\n")
    assert record_floors(_result((93, 100), 0.5099), "a" * 64, path) == ["accuracy: 0.9 -> 0.93", "fields.title: 0.9 -> 0.93"]
    floors = read_floors(path)
    assert floors["corpus"] == {"sha256": "a" * 64, "documents": 100}
    assert flat(floors["floors"]) == {"accuracy": 0.93, "fields.title": 0.93, "topics.precision": 0.5}  # rounded down
    assert record_floors(_result((96, 100), 0.57), "b" * 64, path) == [
        "accuracy: 0.93 -> 0.96",
        "fields.title: 0.93 -> 0.96",
        "topics.precision: 0.5 -> 0.57",
    ]
    written = path.read_text(encoding="utf-8")
    with pytest.raises(FloorLowered, match=re.escape("fields.title: 0.96 -> 0.95")):
        record_floors(_result((95, 100), 0.57), "c" * 64, path)
    assert path.read_text(encoding="utf-8") == written  # refused: nothing written, not even the digest
    record_floors(_result((95, 100), 0.57), "c" * 64, path, allow_lower=True)
    assert read_floors(path)["floors"]["fields"]["title"] == 0.95 and read_floors(path)["corpus"]["sha256"] == "c" * 64


def test_the_recorded_file_is_the_one_the_tests_read():
    assert Path(__file__).resolve().parent / "eval_floors.yaml" == FLOORS and FLOORS.exists()


def test_every_warning_reads_in_chinese_on_the_page(result):
    for warning in result["warnings"]:
        shown = in_chinese(warning)
        assert not re.search(r"[A-Za-z]{4,}", shown.replace("Word", "").replace("GB18030", "")), (warning, shown)


SHOWN = "某市教育局2024年工作要点\n一、全面落实立德树人根本任务，深化教育评价改革。"


def test_a_sentence_is_counted_whatever_it_ends_with():
    # A clause ending in ；, a heading and a list item without a mark are as much text as a sentence ending in 。
    source = SHOWN + "\n（一）加强思想政治教育，完善德育工作体系；\n二、推进义务教育优质均衡发展\n"
    assert lost_sentences(source, SHOWN) == ["（一）加强思想政治教育，完善德育工作体系", "二、推进义务教育优质均衡发展"]
    assert lost_sentences(source, source) == []


def test_text_kept_only_as_evidence_is_lost_unless_the_page_shows_it():
    colophon = "抄送：省教育厅办公室，市委办公室，市政府办公室。"
    assert lost_sentences(SHOWN + "\n" + colophon, SHOWN) == [colophon.rstrip("。")]
    # A line that restates the metadata the page shows beside the text (its title and 文号) is not lost.
    title_line = "某教发〔2024〕1号关于印发《某市教育局2024年工作要点》的通知"
    metadata = {"title": "关于印发《某市教育局2024年工作要点》的通知", "doc_number": "某教发〔2024〕1号"}
    assert lost_sentences(title_line + "\n" + SHOWN, SHOWN, metadata) == []
    assert lost_sentences(title_line + "\n" + SHOWN, SHOWN) == [title_line]


def test_web_furniture_is_not_counted_but_a_linked_citation_is():
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a> &gt; <a href='/a'>政务公开</a> &gt; <a href='/b'>规划计划信息公开专栏</a></div>"
        "<ul><li><a href='/c'>关于开展春季火灾疏散演练的通知</a>[03-25]</li></ul>"
        "<p>根据<a href='/law1'>《中华人民共和国教育法》</a>、<a href='/law2'>《中华人民共和国义务教育法》</a>等规定，制定本办法。</p>"
        "<p>发布时间：2024-03-01 来源：某市教育局办公室 浏览次数：12</p></body></html>"
    )
    citation = "根据《中华人民共和国教育法》、《中华人民共和国义务教育法》等规定，制定本办法"
    assert lost_sentences(page, "") == [citation]
    assert lost_sentences(page, citation.replace("中华人民共和国义务教育法", "") + "。") == [citation]
    assert lost_sentences(page, citation + "。") == []


def test_the_targets_say_which_are_met():
    from bench.evaluate import targets

    figures_ = {
        "accuracy": 0.96,
        "doubt": {"recall": 0.7, "flagged_right": 0.05, "wrong_unflagged": 0.02},
        "topics": {"precision": 0.8, "recall": 0.7},
    }
    lines = targets(figures_)
    assert "gold fields right                 96.0%  (target ≥ 95%: met)" in lines[0]
    assert lines[1].endswith("NOT met)") and lines[2].endswith(": met)") and lines[5].endswith("NOT met)")
