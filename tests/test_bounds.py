"""Hostile and careless sources, generated here: each class has its clear outcome within seconds and a
bounded memory, and a control document beside it still becomes a page."""

from __future__ import annotations

import io
import json
import os
import resource
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_archive.archive import Settings, build_archive
from policy_archive.read import read_bytes

CONTROL = "某市教育局2020年工作要点\n一、学前教育\n1.扩大普惠性幼儿园资源。\n"
SECONDS = 20  # per case, generous for a slow CI machine
MEGABYTES = 600  # growth of this process's peak memory per case


def build(sources: Path, tmp_path: Path) -> dict:
    """Build docs/ (no site) and return the build report's rows by file, within the time and memory bounds."""
    (sources / "control.txt").write_text(CONTROL, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    build_archive(Settings(sources=sources, docs=tmp_path / "docs", site=None, cache=None, workers=1))
    elapsed = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert grown < MEGABYTES, f"peak memory grew {grown:.0f} MB"
    report = json.loads((tmp_path / "docs" / "data" / "build-report.json").read_text(encoding="utf-8"))
    rows = {row["file"]: row for row in report["sources"]}
    assert rows["control.txt"]["status"] == "converted"
    return rows


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    return folder


def test_a_fifo_as_source_or_as_sidecar_does_not_hang(sources, tmp_path):
    os.mkfifo(sources / "pipe.txt")
    (sources / "a.txt").write_text(CONTROL.replace("2020", "2021"), encoding="utf-8")
    os.mkfifo(sources / "a.txt.meta.yaml")
    rows = build(sources, tmp_path)
    assert rows["pipe.txt"]["status"] == "rejected" and "not a regular file" in rows["pipe.txt"]["reason"]
    assert rows["a.txt"]["status"] == "rejected" and "a.txt.meta.yaml is not a regular file" in rows["a.txt"]["reason"]


def test_a_sidecar_linked_to_a_device_or_outside_is_not_read(sources, tmp_path):
    secret = tmp_path / "config.yaml"
    secret.write_text("aws_secret_access_key: AKIA-SECRET\ndb_password: hunter2\n", encoding="utf-8")
    for name, target in (("dev.txt", "/dev/zero"), ("leak.txt", str(secret))):
        (sources / name).write_text(CONTROL.replace("2020", "2022"), encoding="utf-8")
        os.symlink(target, sources / f"{name}.meta.yaml")
    rows = build(sources, tmp_path)
    assert rows["dev.txt"]["status"] == "rejected" and "outside the sources folder" in rows["dev.txt"]["reason"]
    assert rows["leak.txt"]["status"] == "rejected" and "outside the sources folder" in rows["leak.txt"]["reason"]
    report = (tmp_path / "docs" / "data" / "build-report.json").read_text(encoding="utf-8")
    assert "aws_secret" not in report and "hunter2" not in report and "db_password" not in report


def test_a_yaml_alias_bomb_is_refused_at_once(sources, tmp_path):
    bomb = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"
    (sources / "bomb.txt").write_text(CONTROL.replace("2020", "2023"), encoding="utf-8")
    (sources / "bomb.txt.meta.yaml").write_text(bomb, encoding="utf-8")
    rows = build(sources, tmp_path)
    assert "aliases" in rows["bomb.txt"]["reason"]
    assert (tmp_path / "docs" / "data" / "build-report.json").stat().st_size < 20_000


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("title: true\n", "must be text"),
        ("date_written: 2014-02-30\n", "not a calendar date"),
        ("title: '" + "长" * 3000 + "'\n", "too long"),
        ("aws_secret_access_key: x\n", "unknown fields: aws_secret_access_key"),
        ("\u202e" + "x: [\n", "not valid YAML"),
    ],
)
def test_bad_sidecar_values_are_named_rejections(sources, tmp_path, sidecar, reason):
    (sources / "s.txt").write_text(CONTROL.replace("2020", "2024"), encoding="utf-8")
    (sources / "s.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    rows = build(sources, tmp_path)
    assert rows["s.txt"]["status"] == "rejected" and reason in rows["s.txt"]["reason"], rows["s.txt"]
    assert "Error" not in rows["s.txt"]["reason"]


def test_a_curated_title_with_a_line_break_and_bidi_characters_is_one_clean_line(sources, tmp_path):
    (sources / "t.txt").write_text(CONTROL.replace("2020", "2025"), encoding="utf-8")
    (sources / "t.txt.meta.yaml").write_text('title: "某市教育局\\n2025年\u202e工作要点"\n', encoding="utf-8")
    rows = build(sources, tmp_path)
    page = (tmp_path / "docs" / "documents" / f"{rows['t.txt']['id']}.md").read_text(encoding="utf-8")
    assert "title: 某市教育局 2025年工作要点" in page and "\u202e" not in page


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_bomb_is_refused_before_inflating(sources, tmp_path):
    (sources / "bomb.docx").write_bytes(_zip({"word/document.xml": b"\0" * (100 * 1024 * 1024)}))
    (sources / "many.docx").write_bytes(_zip({f"f{i}.xml": b"" for i in range(3000)}))
    rows = build(sources, tmp_path)
    assert "inflate" in rows["bomb.docx"]["reason"] and "members" in rows["many.docx"]["reason"]


def test_deep_nesting_and_repetition_stay_linear(sources, tmp_path):
    body = "<p>某市教育局2021年工作要点</p><p>一、学前教育</p>"
    (sources / "tables.html").write_text("<html><body>" + "<table><tr><td>" * 1000 + body + "</td></tr></table>" * 1000 + "</body></html>")
    (sources / "divs.html").write_text("<html><body>" + "<div>" * 50000 + body + "</div>" * 50000 + "</body></html>")
    (sources / "items.txt").write_text("某市教育局2019年工作要点\n一、学前教育\n" + "1.加强管理。\n" * 40000, encoding="utf-8")
    cites = "".join(f"落实《文件{i}》。\n" for i in range(20000))
    (sources / "cites.txt").write_text("某市教育局2018年工作要点\n一、学前教育\n" + cites, encoding="utf-8")
    rows = build(sources, tmp_path)
    for name in ("tables.html", "divs.html", "items.txt", "cites.txt"):
        assert rows[name]["status"] == "converted", rows[name]


def test_nothing_under_the_folder_is_lost_from_the_report(sources, tmp_path):
    (sources / ".git").mkdir()
    (sources / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text(CONTROL, encoding="utf-8")
    os.symlink(outside, sources / "linked")
    (sources / "nested" / "deeper").mkdir(parents=True)
    (sources / "nested" / "deeper" / "n.txt").write_text(CONTROL.replace("2020", "2017"), encoding="utf-8")
    (sources / "a.txt").write_text(CONTROL.replace("2020", "2016"), encoding="utf-8")
    (sources / "a.txt.meta.yaml").write_text("year: 2016\n", encoding="utf-8")
    (sources / "a.txt.meta.yaml.meta.yaml").write_text("year: 2016\n", encoding="utf-8")
    rows = build(sources, tmp_path)
    assert rows[".git/"]["status"] == "ignored" and "1 file" in rows[".git/"]["reason"]
    assert rows["linked/"]["status"] == "rejected" and "not followed" in rows["linked/"]["reason"]
    assert rows["nested/deeper/n.txt"]["status"] == "converted" and rows["a.txt"]["status"] == "converted"
    assert "sidecar of a sidecar" in rows["a.txt.meta.yaml.meta.yaml"]["reason"]


def test_corruption_is_repaired_or_reported(sources, tmp_path):
    page = '<html><head><meta charset="gb2312"></head><body><p>某市教育局2015年工作要点</p><p>一、学前教育</p></body></html>'
    (sources / "lied.html").write_bytes(page.encode("utf-8"))
    (sources / "nul.txt").write_bytes(CONTROL.replace("2020", "2014").encode() + b"\x00")
    (sources / "menu1.html").write_text(
        '<html><body><div><a href="/">首页</a> <a href="/a">新闻</a> <a href="/b">公告</a></div></body></html>'
    )
    (sources / "menu2.html").write_text(
        '<html><body><div><a href="/">首页</a> <a href="/c">通知</a> <a href="/d">下载</a></div></body></html>'
    )
    rows = build(sources, tmp_path)
    assert rows["lied.html"]["status"] == "converted" and any("is UTF-8" in w for w in rows["lied.html"]["warnings"])
    assert rows["nul.txt"]["status"] == "converted" and any("NUL" in w for w in rows["nul.txt"]["warnings"])
    for name in ("menu1.html", "menu2.html"):
        assert (rows[name]["status"] == "rejected" and "furniture" in rows[name]["reason"]) or "no Chinese text" in rows[name]["reason"]


def test_the_report_is_the_same_on_every_run(sources, tmp_path):
    (sources / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    os.mkfifo(sources / "pipe.txt")
    build(sources, tmp_path)
    first = (tmp_path / "docs" / "data" / "build-report.json").read_bytes()
    build(sources, tmp_path)
    assert (tmp_path / "docs" / "data" / "build-report.json").read_bytes() == first
    assert b" at 0x" not in first


_TAGS = st.sampled_from(["div", "table", "tr", "td", "p", "span", "ul", "li", "section", "b"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tags=st.lists(_TAGS, min_size=1, max_size=8), depth=st.integers(min_value=10, max_value=60))
def test_html_reading_time_grows_linearly_with_nesting(tags, depth):
    """Reading a page ten times as deep takes at most about ten times as long (plus a constant)."""

    def page(n: int) -> bytes:
        opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(n))
        closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(n)))
        return f"<html><body>{opening}<p>某市教育局2020年工作要点一、学前教育</p>{closing}</body></html>".encode()

    def seconds(n: int) -> float:
        started = time.perf_counter()
        read_bytes(page(n), "p.html", "html")
        return time.perf_counter() - started

    small, large = seconds(depth), seconds(depth * 10)
    assert large <= 20 * small + 0.25, (small, large)


def test_every_rejection_reads_in_english_and_chinese(sources, tmp_path):
    os.mkfifo(sources / "pipe.txt")
    (sources / "x.png").write_bytes(b"\x89PNG")
    (sources / "empty.txt").write_bytes(b"")
    (sources / "orphan.txt.meta.yaml").write_text("year: 2020\n", encoding="utf-8")
    (sources / "bad.docx").write_bytes(b"PK not a zip")
    (sources / "s.txt").write_text(CONTROL.replace("2020", "2013"), encoding="utf-8")
    (sources / "s.txt.meta.yaml").write_text("colour: red\n", encoding="utf-8")
    rows = build(sources, tmp_path)
    rejected = [row for row in rows.values() if row["status"] == "rejected"]
    assert len(rejected) == 6
    for row in rejected:
        assert row["reason"] and row["reason_zh"] and row["reason_zh"] != row["reason"], row


def test_mojibake_is_flagged(sources, tmp_path):
    text = (Path(__file__).resolve().parent.parent / "seeds" / "003_de90ec9362fc9610.txt").read_text(encoding="utf-8")
    (sources / "mojibake.txt").write_text(text.encode("utf-8").decode("gbk", errors="ignore"), encoding="utf-8")
    rows = build(sources, tmp_path)
    assert any("implausible Chinese" in w for w in rows["mojibake.txt"]["warnings"])
    assert not any("implausible" in w for w in rows["control.txt"]["warnings"])
