"""Small cases that a changed rule would get wrong: each named rule of clean, read, extract and write."""

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import cleaned, extracted
from policy_archive.clean import normalise_line
from policy_archive.cli import main
from policy_archive.extract import structure
from policy_archive.read import ReadError, read_bytes
from policy_archive.write import write_tree

TITLE = "某区教育局2023年工作要点"


@pytest.mark.parametrize("number", ["一、", "第一", "（一）", "(1)", "1.", "1、", "1）", "任务1"])
def test_a_numbered_line_is_never_furniture(number):
    """打印本页 is furniture wherever it stands, unless the line is a numbered item of the text."""
    line = f"{number}打印本页"
    doc = cleaned(f"{TITLE}\n{line}\n打印本页\n")
    assert doc.paragraphs == (TITLE, normalise_line(line))


def test_a_long_line_is_never_furniture():
    line = "返回顶部" * 60
    assert line in cleaned(f"{TITLE}\n{line}\n").paragraphs


def test_circled_items_are_anchored_under_their_item():
    blocks = structure(["一、任务", "1.加强管理。", "①完善制度。", "②落实责任。", "⑳最后一项。"], None)
    assert [b.anchor for b in blocks] == ["sec-1", "sec-1-item-1", "sec-1-item-1-1", "sec-1-item-1-2", "sec-1-item-1-20"]
    assert [b.level for b in blocks[2:]] == [2, 2, 2]


def test_a_paragraph_repeated_right_after_itself_is_dropped_once():
    line = "坚持以人民为中心的发展思想，办好人民满意的教育。"
    doc = cleaned(f"{TITLE}\n一、目标\n{line}\n{line}\n二、任务\n{line}\n")
    assert doc.paragraphs.count(line) == 2
    short = "加强管理。"  # under 20 characters: a repeat may be meant
    assert cleaned(f"{TITLE}\n一、目标\n{short}\n{short}\n").paragraphs.count(short) == 2


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(encoding):
    text = f"{TITLE}\n一、学前教育\n1.扩大普惠性幼儿园。\n"
    doc = read_bytes(text.encode(encoding), "a.txt", "txt")
    assert doc.source.encoding == encoding and TITLE in doc.raw_text


def test_utf16_ascii_heavy_without_a_bom_is_detected():
    text = "Plan 2023\n1. ABC\n2. DEF\n学前教育\n"
    assert read_bytes(text.encode("utf-16-le"), "a.txt", "txt").raw_text.startswith("Plan 2023")


def test_the_year_most_named_wins_and_a_tie_goes_to_the_earliest():
    most = extracted("区教育局工作要点\n一、总体\n2016年全区教育工作要实现新突破。\n2015年工作要围绕……2015年工作目标。\n")
    assert most.metadata["year"] == 2015 and "year" in most.inferred
    tie = extracted("区教育局工作要点\n一、总体\n2016年工作要实现新突破。\n2015年工作要点如下。\n")
    assert tie.metadata["year"] == 2015


def test_stale_generated_files_go_and_other_files_stay(tmp_path):
    write_tree(tmp_path, {"documents/a.md": "a", "years/2014/370000.md": "split", "index.md": "i"})
    (tmp_path / "extra.md").write_text("mine", encoding="utf-8")
    (tmp_path / "years" / "notes.md").write_text("mine too, in a generated folder", encoding="utf-8")
    write_tree(tmp_path, {"documents/b.md": "b", "years/2014.md": "y", "index.md": "i"})
    assert not (tmp_path / "documents" / "a.md").exists() and (tmp_path / "documents" / "b.md").read_text() == "b"
    assert not (tmp_path / "years" / "2014").exists()  # (the folder its stale page leaves empty goes too)
    assert (tmp_path / "extra.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "years" / "notes.md").read_text(encoding="utf-8") == "mine too, in a generated folder"


def test_unchanged_files_are_not_rewritten(tmp_path):
    write_tree(tmp_path, {"index.md": "i"})
    before = (tmp_path / "index.md").stat().st_mtime_ns
    write_tree(tmp_path, {"index.md": "i"})
    assert (tmp_path / "index.md").stat().st_mtime_ns == before


def _docx_bytes() -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph(TITLE)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", _docx_bytes()[:200], b"\x00" * 300])
def test_a_corrupt_docx_is_rejected_with_its_reason(data):
    with pytest.raises(ReadError, match="docx"):
        read_bytes(data, "a.docx", "docx")


@pytest.mark.parametrize("sidecar", ["year: [2014\n", "title: 'unclosed\n", "\tyear: 2014\n"])
def test_invalid_sidecar_yaml_is_a_named_rejection(tmp_path: Path, sidecar):
    sources = tmp_path / "s"
    sources.mkdir()
    (sources / "a.txt").write_text(f"{TITLE}\n一、目标\n1.加强管理。\n", encoding="utf-8")
    (sources / "a.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(tmp_path / "d"), "--no-site", "--no-cache"])
    assert "rejected   a.txt: sidecar a.txt.meta.yaml is not valid YAML" in result.output


def test_menus_and_recommended_lists_are_not_text_but_an_attachment_line_is():
    html = """<html><body><div class="nav"><a href="/">首页</a> | <a href="/a">学校公告</a> | <a href="/b">教科室</a></div>
    <div class="content"><h1>绍兴市教育局关于开展评选工作的通知</h1><p>各区、县（市）教育局：</p>
    <p>现将有关事项通知如下，请认真组织推荐。</p><p>附件：<a href="/f.doc">推荐表</a></p>
    <ul><li><a href="/1">关于体检的通知</a>[08-15]</li><li><a href="/2">关于演练的通知</a>[03-25]</li><li><a href="/3">教研活动通知</a>[04-14]</li></ul>
    </div></body></html>"""
    doc = read_bytes(html.encode(), "a.html", "html")
    assert "学校公告" not in doc.raw_text and "关于体检的通知" not in doc.raw_text
    assert "各区、县（市）教育局：" in doc.raw_text and "附件：推荐表" in doc.raw_text


def test_a_page_information_bar_dates_the_page_unless_a_school_reposts_it():
    own = extracted(
        "前进区教育局2020年政府信息公开工作年度报告\n发布者:区教体局 发布日期:2021-01-19 14:36:15 浏览次数:19432\n一、总体情况\n本报告编制完成。"
    )
    assert own.metadata["date_published"] == "2021-01-19"
    from helpers import doc_from_text
    from policy_archive.clean import clean
    from policy_archive.extract import extract

    raw = doc_from_text(
        "绍兴市教育局关于开展评选工作的通知\n文章来源：本站原创 作者：佚名 发布时间：2019年06月03日 点击数： 次\n各区、县（市）教育局：\n现将有关事项通知如下。"
    )
    raw = type(raw)(**{**raw.__dict__, "evidence": (("page_title", "评选工作的通知--教科室-绍兴市第一中学"),)})
    school = extract(clean(raw))
    assert school.metadata["date_published"] is None and school.metadata["year"] == 2019
