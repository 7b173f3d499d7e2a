"""A source whose file name is not UTF-8 is a named rejection; the rest of the folder converts."""

import json
import os

from policy_archive.pipeline import convert_all
from policy_archive.report import build_report

GOOD = "济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n济南市教育局\n2014年3月10日\n"


def test_a_file_name_that_is_not_utf8_is_a_named_rejection(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    # A GBK name (教育.txt) as its bytes: not UTF-8. Its sidecar is read with it and goes with it.
    name = "教育.txt".encode("gbk")
    bad = os.fsencode(tmp_path) + b"/" + name
    with open(bad, "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    with open(bad + b".meta.yaml", "wb") as handle:
        handle.write(b"year: 2014\n")
    docs, outcomes = convert_all(tmp_path)
    assert [d.source.file for d in docs] == ["good.txt"]
    rows = {o.file: (o.status, o.reason) for o in outcomes}
    shown = name.decode("utf-8", errors="replace")
    assert "\ufffd" in shown and rows[shown] == ("rejected", "file name is not valid UTF-8: rename the file")
    assert len(rows) == 2
    report = json.loads(build_report(outcomes).encode("utf-8"))  # (the report can be written)
    assert sorted(row["file"] for row in report["sources"]) == sorted(["good.txt", shown])
