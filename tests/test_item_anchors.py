"""Every numbered item has an anchor, the first of a labelled list (措施：（1）…) as well as the next ones."""

from policy_archive.extract.structure import structure


def anchors(paragraphs: list[str]) -> list[str | None]:
    return [block.anchor for block in structure(paragraphs, None)]


def test_a_labelled_first_item_has_an_anchor_like_the_next_ones():
    paragraphs = [
        "一、加强党的建设",
        "任务1：健全工作机制。",
        "措施：（1）修订完善工作制度，定期召开会议。（责任单位：秘书科）",
        "（2）研究制定实施方案。",
        "（3）建立任务清单。",
    ]
    assert anchors(paragraphs) == ["sec-1", "sec-1-task-1", "sec-1-task-1-1", "sec-1-task-1-2", "sec-1-task-1-3"]


def test_a_labelled_line_without_a_number_is_a_paragraph():
    paragraphs = ["一、加强党的建设", "任务1：健全工作机制。", "措施：制定培训方案，6月底前完成。"]
    assert anchors(paragraphs) == ["sec-1", "sec-1-task-1", None]


def test_every_measure_of_the_seed_has_an_anchor(tmp_path):
    """Seed 003 through the pipeline: each of its 措施：（1） items has an anchor, as its （2） and （3） have."""
    import shutil
    from pathlib import Path

    from policy_archive.archive import Settings, build_archive

    seed = next(Path(__file__).resolve().parents[1].joinpath("seeds").glob("003_*"))
    (tmp_path / "sources").mkdir()
    shutil.copy(seed, tmp_path / "sources" / seed.name)
    build_archive(Settings(sources=tmp_path / "sources", docs=tmp_path / "docs", site=None, cache=None))
    (page,) = (tmp_path / "docs" / "documents").glob("*.md")
    lines = page.read_text(encoding="utf-8").splitlines()
    labelled = [i for i, line in enumerate(lines) if line.startswith("措施：（1）")]
    assert len(labelled) >= 9
    assert all(lines[i + 1].startswith("{: #") and lines[i + 1].endswith("-1 }") for i in labelled), [lines[i + 1] for i in labelled]
