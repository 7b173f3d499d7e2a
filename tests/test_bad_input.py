"""A corpus of hostile and broken sources, made here: each case has its exact outcome, and the rest builds."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_archive.cli import main
from policy_archive.sources import safe_name

ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "济南市教育局2014年工作要点\n一、深化教育领域综合改革\n1.深化办学体制改革，激发各类学校发展活力。\n2.加强学前教育，扩大普惠性幼儿园。\n"
)
OTHER = "济南市教育局2014年工作要点\n一、提高资源配置效率\n1.均衡配置城乡义务教育资源，完善学校布局规划。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    sources = root / "sources"
    sources.mkdir()
    outside = root / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    cases = {
        "empty.txt": b"",
        "blank.txt": " \n\t\n\u3000\r\n".encode("utf-8"),
        "binary.txt": bytes(range(256)) * 64,
        "truncated.txt": GOOD.encode("utf-8")[:-2],
        "mixed.txt": GOOD.encode("utf-8") + "3.加强师德师风建设。\n".encode("gbk") + "4.推进教育信息化。\n".encode(),
        "name with spaces 学前教育.txt": GOOD.replace("2014", "2015").encode("utf-8"),
        "-leading-dash.txt": GOOD.replace("2014", "2016").encode("utf-8"),
        "copy-a.txt": GOOD.replace("2014", "2017").encode("utf-8"),
        "copy-b.txt": GOOD.replace("2014", "2017").encode("gb18030"),
        "same-id-a.txt": GOOD.replace("2014", "2018").encode("utf-8"),
        "same-id-b.txt": OTHER.replace("2014", "2018").encode("utf-8"),
        "untitled.txt": "这里只有一段文字，没有标题，也没有日期。\n".encode(),
        "picture.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "orphan.txt.meta.yaml": b"year: 2020\n",
        "README.md": "# 说明\n\n这里是保存网页的文件夹。\n".encode(),
    }
    for name, data in cases.items():
        (sources / name).write_bytes(data)
    with (sources / "huge.txt").open("wb") as handle:  # 50 MB, sparse: cheap to make
        handle.truncate(50 * 1024 * 1024)
    os.symlink(outside, sources / "escape.txt")
    docs = root / "docs"
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--sources", str(sources), "--docs", str(docs), "--no-site", "--no-cache"])
    report = json.loads((docs / "data" / "build-report.json").read_text(encoding="utf-8"))
    return result, {row["file"]: row for row in report["sources"]}, docs, sources


EXPECTED_REJECTIONS = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "binary.txt": "binary",
    "huge.txt": "over the",
    "escape.txt": "outside the sources folder",
    "picture.png": "unsupported file type .png",
    "orphan.txt.meta.yaml": "sidecar without its source file orphan.txt",
}


@pytest.mark.parametrize("name,reason", sorted(EXPECTED_REJECTIONS.items()))
def test_rejected_with_reason_in_report_and_console(built, name, reason):
    result, rows, _, _ = built
    assert rows[name]["status"] == "rejected"
    assert reason in rows[name]["reason"]
    assert f"rejected   {name}: " in result.output and reason in result.output


def test_hidden_files_are_reported_as_ignored(built):
    result, rows, _, _ = built
    assert rows[".DS_Store"]["status"] == "ignored" and "hidden file" in rows[".DS_Store"]["reason"]
    assert "ignored    .DS_Store: hidden file" in result.output


def test_rest_of_archive_still_builds(built):
    result, rows, docs, _ = built
    assert result.exit_code == 0, result.output
    converted = [r for r in rows.values() if r["status"] == "converted"]
    assert len(converted) == 9  # README.md is a text like any other: a page with warnings
    for row in converted:
        assert (docs / "documents" / f"{row['id']}.md").exists()


def test_truncated_and_mixed_encodings_give_pages_with_warnings(built):
    _, rows, docs, _ = built
    assert rows["truncated.txt"]["status"] == "converted" and "truncated" in rows["truncated.txt"]["warnings"][0]
    assert rows["mixed.txt"]["status"] == "converted" and "mixed encodings" in rows["mixed.txt"]["warnings"][0]
    page = (docs / "documents" / f"{rows['mixed.txt']['id']}.md").read_text(encoding="utf-8")
    assert "3\\.加强师德师风建设。" in page and "4\\.推进教育信息化。" in page


def test_odd_file_names_are_sources_like_any_other(built):
    _, rows, _, _ = built
    assert rows["name with spaces 学前教育.txt"]["id"] == "370100-2015-work-points"
    assert rows["-leading-dash.txt"]["id"] == "370100-2016-work-points"


def test_same_document_saved_twice_is_one_page_listing_both(built):
    _, rows, docs, _ = built
    assert rows["copy-a.txt"]["status"] == "converted"
    assert rows["copy-b.txt"]["status"] == "duplicate" and rows["copy-b.txt"]["id"] == rows["copy-a.txt"]["id"]
    page = (docs / "documents" / f"{rows['copy-a.txt']['id']}.md").read_text(encoding="utf-8")
    assert "  also_saved_as:\n  - copy-b.txt\n" in page


def test_different_documents_with_one_id_are_both_kept_distinct(built):
    _, rows, _, _ = built
    a, b = rows["same-id-a.txt"]["id"], rows["same-id-b.txt"]["id"]
    assert a != b
    assert a.startswith("370100-2018-work-points-") and b.startswith("370100-2018-work-points-")


def test_no_title_no_date_still_a_page_with_warnings(built):
    _, rows, _docs, _ = built
    row = rows["untitled.txt"]
    assert row["status"] == "converted" and row["id"].startswith("cn-undated-document")
    assert any("no title" in w for w in row["warnings"]) and any("year" in w for w in row["warnings"])


def test_strict_exits_non_zero_on_rejections(built, tmp_path):
    _, _, _, sources = built
    result = CliRunner().invoke(
        main, ["build", "--sources", str(sources), "--docs", str(tmp_path / "d"), "--no-site", "--no-cache", "--strict"]
    )
    assert result.exit_code != 0
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--sources", str(good), "--docs", str(tmp_path / "d2"), "--no-site", "--strict"])
    assert result.exit_code == 0, result.output


def test_report_is_deterministic(built, tmp_path):
    _, _, docs, sources = built
    CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(tmp_path / "again"), "--no-site", "--no-cache"])
    assert (tmp_path / "again" / "data" / "build-report.json").read_bytes() == (docs / "data" / "build-report.json").read_bytes()


def test_safe_names():
    assert safe_name("-rf 学前 教育?.TXT") == "rf_学前_教育.txt"
    assert safe_name("../../etc/passwd.txt") == "etc_passwd.txt"
    assert safe_name(".hidden.html") == "hidden.html"


def test_add_copies_under_a_safe_name_and_reports(tmp_path):
    saved = tmp_path / "-下载 页面.txt"
    saved.write_text(GOOD, encoding="utf-8")
    sources = tmp_path / "seeds"
    result = CliRunner().invoke(main, ["add", str(saved), "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert (sources / "下载_页面.txt").read_text(encoding="utf-8") == GOOD
    assert "title          济南市教育局2014年工作要点" in result.output
    assert "region_code    370100" in result.output


def test_sidecar_corrections_win_and_are_shown(tmp_path):
    sources = tmp_path / "s"
    sources.mkdir()
    (sources / "a.txt").write_text("区文教体局工作意见\n一、指导思想\n1.落实2013年工作任务。\n", encoding="utf-8")
    (sources / "a.txt.meta.yaml").write_text(
        "city: 徐州市\nregion_code: '320300'\nyear: 2013\nissuer: 徐州市某区文教体局\n", encoding="utf-8"
    )
    docs = tmp_path / "d"
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(docs), "--no-site", "--no-cache"])
    assert result.exit_code == 0, result.output
    catalog = json.loads((docs / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"][0]
    assert catalog["city"] == "徐州市" and catalog["region_code"] == "320300" and catalog["issuer"] == "徐州市某区文教体局"
    assert "year" not in catalog["inferred"] and "region_code" not in catalog["inferred"]
    assert any("curated fields: city, issuer, region_code, year" in w for w in catalog["warnings"])


def test_bad_sidecar_is_a_named_rejection(tmp_path):
    sources = tmp_path / "s"
    sources.mkdir()
    (sources / "a.txt").write_text(GOOD, encoding="utf-8")
    (sources / "a.txt.meta.yaml").write_text("colour: red\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(tmp_path / "d"), "--no-site", "--no-cache"])
    assert "rejected   a.txt: sidecar a.txt.meta.yaml names unknown fields: colour" in result.output


def test_curated_values_are_checked_and_a_region_code_brings_its_place(tmp_path):
    sources = tmp_path / "s"
    sources.mkdir()
    for name, sidecar in {
        "int-code.txt": "region_code: 350102\n",
        "bad-year.txt": "year: 二〇二四\n",
        "epoch.txt": "date_written: 1970-01-01\n",
        "no-code.txt": "region_code: '999999'\n",
        "curated-id.txt": "id: my-id\n",
    }.items():
        (sources / name).write_text(GOOD, encoding="utf-8")
        (sources / f"{name}.meta.yaml").write_text(sidecar, encoding="utf-8")
    docs = tmp_path / "d"
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(docs), "--no-site", "--no-cache"])
    assert result.exit_code == 0, result.output
    rows = {r["file"]: r for r in json.loads((docs / "data" / "build-report.json").read_text(encoding="utf-8"))["sources"]}
    assert rows["int-code.txt"]["status"] == "converted"
    catalog = json.loads((docs / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"]
    (row,) = [r for r in catalog if r["source"]["file"] == "int-code.txt"]
    assert (row["province"], row["city"], row["county"], row["region_code"]) == ("福建省", "福州市", "鼓楼区", "350102")
    assert "year" in rows["bad-year.txt"]["reason"] and rows["bad-year.txt"]["status"] == "rejected"
    assert "placeholder" in rows["epoch.txt"]["reason"]
    assert "not a GB/T 2260 code" in rows["no-code.txt"]["reason"]
    assert "unknown fields: id" in rows["curated-id.txt"]["reason"]


def test_add_leaves_no_rejected_file_behind(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    sources = tmp_path / "seeds"
    result = CliRunner().invoke(main, ["add", str(bad), "--sources", str(sources)])
    assert result.exit_code == 1 and "rejected" in result.output and "empty" in result.output
    assert not (sources / "empty.txt").exists()


def test_the_summary_counts_a_cached_duplicate_as_no_reused_document(tmp_path):
    from policy_archive.console import summary
    from policy_archive.report import Outcome

    outcomes = [
        Outcome("a.txt", "converted", id="a", cached=True),
        Outcome("b.txt", "converted", id="b"),
        Outcome("c.txt", "duplicate", id="a", cached=True, reason="the same text as a.txt"),
    ]
    line = summary(outcomes, tmp_path, first=False)
    assert line.startswith("2 documents from 3 sources: 1 converted, 1 unchanged since the last build")
