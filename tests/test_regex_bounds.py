"""The patterns that start with a run of spaces are linear on a line of 200,000 spaces: they start only where
the run starts and never give its spaces back (a line of 4,000 full-width spaces took 25 s before)."""

import time

import pytest

from policy_archive.extract.doc_numbers import _NUMBER_TAIL
from policy_archive.extract.title_lines import _REVISION, _TRAILING_INFO

HOSTILE = ("\u3000" * 200_000 + "x", " " * 200_000 + "x", "2020" + " " * 200_000 + "x", "关于" * 100_000)


@pytest.mark.parametrize("pattern", [_TRAILING_INFO, _REVISION, _NUMBER_TAIL], ids=["trailing info", "revision", "number tail"])
def test_a_long_run_of_spaces_is_read_in_linear_time(pattern):
    for line in HOSTILE:
        started = time.perf_counter()
        pattern.sub("", line)
        assert time.perf_counter() - started < 2.0  # (the failure mode is minutes)


def test_the_patterns_still_find_what_they_are_for():
    assert _TRAILING_INFO.sub("", "某市教育局工作要点 | 发布日期：2020-01-01") == "某市教育局工作要点"
    assert _TRAILING_INFO.sub("", "某市教育局工作要点   2020年1月2日") == "某市教育局工作要点"
    assert _REVISION.sub("", "某市教育督导条例 （2010年修订）") == "某市教育督导条例"
    assert _NUMBER_TAIL.search("关于印发工作要点的通知 济教发〔2014〕3号").group(0) == "〔2014〕3号"
    assert _NUMBER_TAIL.search("关于印发工作要点的通知  〔2014〕3号").group(0) == "  〔2014〕3号"


@pytest.mark.parametrize(
    "text",
    [
        "乌海市教育局" * 20_000 + "\n",  # one line of organ names: each name read used to rescan the rest
        "文章属性•" + "【制定机关】某市人民政府" * 5_000 + "正文" + "字" * 1_000,  # thousands of issuer candidates
        "公示\n" + "公示期间向" * 20_000 + "\n",
        "刚刚，" + "发布" * 30_000 + "\n关于开学的通知\n",
    ],
    ids=["organ names", "database card", "objections", "lead"],
)
def test_a_hostile_head_is_extracted_in_bounded_time(text):
    from helpers import extracted

    started = time.perf_counter()
    extracted(text)
    assert time.perf_counter() - started < 10.0  # (the failure mode is minutes: 47 s on the first before)
