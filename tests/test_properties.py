"""Invariants of the pipeline, checked on generated inputs (hypothesis) and on whole builds."""

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import cleaned
from policy_archive.clean import remove_pinyin, to_simplified
from policy_archive.pipeline import convert_all
from policy_archive.write import generate

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Text like a scraped page: Chinese, ASCII and full-width punctuation, digits, pinyin, noise words, markup.
_ALPHABET = st.sampled_from(
    list("教育局工作要点学前义务高中师德党建安全一二三四五六七八九十年月日市区县")
    + list("，。；：、（）《》“”,.;:()[]<>{}|#*_-=>/ \t\u3000\n0123456789abcqūà")
    + [
        "首页",
        "打印本页",
        "浏览次数:",
        "二维码",
        "摘要",
        "\n一、",
        "\n1.",
        "\n（一）",
        ".docx",
        "【颁发部门】",
        " | ",
        "索引号",
        "時間",
        "區(qū)",
    ]
)
texts = st.lists(_ALPHABET, max_size=200).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_cleaning_never_crashes(text):
    cleaned(text)


def _cjk(text: str) -> str:
    return "".join(CJK.findall(text))


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cleaning_only_removes_and_normalises(text):
    """The kept text's Chinese characters are the input's (after pinyin removal and t2s), in order."""
    doc = cleaned(text)
    source, _ = remove_pinyin(text)
    if doc.original_script == "hant":
        source, _ = to_simplified(source)
    assert _is_subsequence(_cjk("".join(doc.paragraphs)), _cjk(source))


sentences = st.lists(
    st.text(alphabet=st.sampled_from(list("教育局工作要点学前义务高中师德党建安全推进加强落实完善")), min_size=4, max_size=30),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(sentences)
def test_every_sentence_of_policy_text_is_kept(items):
    """Numbered sentences (the policy text) are never dropped."""
    text = "\n".join(f"{i}.{s}。" for i, s in enumerate(items, 1))
    doc = cleaned(text)
    kept = "\n".join(doc.paragraphs)
    for i, s in enumerate(items, 1):
        assert f"{i}.{s}。" in kept


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_byte_identical_docs_across_processes_and_hash_seeds(tmp_path):
    """No timestamps, dict-order or set-order in the output: two processes, two hash seeds, same bytes."""
    outputs = []
    for seed in ("1", "12345"):
        out = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "policy_archive.cli",
                "build",
                "--sources",
                str(ROOT / "seeds"),
                "--docs",
                str(out),
                "--no-site",
                "--no-cache",
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(_tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 20


def test_cache_converts_only_the_changed_source_and_matches_a_clean_build(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for seed in sorted((ROOT / "seeds").iterdir()):
        (sources / seed.name).write_bytes(seed.read_bytes())
    cache = tmp_path / "cache"
    _, first = convert_all(sources, cache_dir=cache)
    assert not any(o.cached for o in first)
    changed = sorted(sources.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("32.设立教育改革发展基金", "32.设立教育发展基金"), encoding="utf-8")
    docs, second = convert_all(sources, cache_dir=cache)
    assert [o.file for o in second if not o.cached] == [changed.name]
    clean_docs, clean_outcomes = convert_all(sources)
    assert generate(docs, second) == generate(clean_docs, clean_outcomes)


def test_parallel_conversion_gives_the_same_archive(tmp_path):
    """Past PARALLEL_MIN_SOURCES the sources are converted by worker processes; the output must not change."""
    from policy_archive.plan import PARALLEL_MIN_SOURCES

    sources = tmp_path / "sources"
    sources.mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    for i in range(PARALLEL_MIN_SOURCES):
        seed = seeds[i % len(seeds)]
        # Distinct documents: each copy gets its own last item.
        text = seed.read_text(encoding="utf-8") + f"\n{90 + i // len(seeds)}.第{i}条补充任务。\n"
        (sources / f"{i:03d}_{seed.name}").write_text(text, encoding="utf-8")
    (sources / "zz-empty.txt").write_bytes(b"")
    serial = convert_all(sources, workers=1)
    parallel = convert_all(sources, workers=2)
    assert [o.as_dict() for o in serial[1]] == [o.as_dict() for o in parallel[1]]
    assert generate(*serial) == generate(*parallel)
    assert sum(o.status == "rejected" for o in parallel[1]) == 1
