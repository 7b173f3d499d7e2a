"""write_tree: files given whole or piece by piece end the same; an unchanged file is not rewritten. PageHeads: an
unchanged document's page is not rendered again, and is the page render() makes."""

import json
import os
import shutil
from pathlib import Path

import pytest

from policy_archive.page_heads import PageHeads
from policy_archive.pipeline import convert_all
from policy_archive.write import generate, generated_parts, write_tree


def _pieces(text: str):
    yield from (text[i : i + 3] for i in range(0, len(text), 3))


TEXT = "第一条 一行\n第二条 二行\n" * 50


def test_a_streamed_file_has_the_bytes_of_the_same_text_given_whole(tmp_path):
    write_tree(tmp_path / "whole", {"data/documents.jsonl": TEXT})
    write_tree(tmp_path / "streamed", [(0, {"data/documents.jsonl": _pieces(TEXT)})])
    whole = (tmp_path / "whole/data/documents.jsonl").read_bytes()
    assert (tmp_path / "streamed/data/documents.jsonl").read_bytes() == whole == TEXT.encode("utf-8")
    assert sorted(p.name for p in (tmp_path / "streamed/data").iterdir()) == ["documents.jsonl"]


def test_a_streamed_file_keeps_its_time_when_unchanged_and_is_replaced_when_not(tmp_path):
    target = tmp_path / "data/documents.jsonl"
    write_tree(tmp_path, [(0, {"data/documents.jsonl": _pieces(TEXT)})])
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    write_tree(tmp_path, [(0, {"data/documents.jsonl": _pieces(TEXT)})])
    assert target.stat().st_mtime_ns == 1_000_000_000
    changed = TEXT.replace("二行", "三行", 1)
    write_tree(tmp_path, [(0, {"data/documents.jsonl": _pieces(changed)})])
    assert target.read_text(encoding="utf-8") == changed
    assert target.stat().st_mtime_ns != 1_000_000_000
    assert sorted(p.name for p in target.parent.iterdir()) == ["documents.jsonl"]


# --- PageHeads: a page whose document is unchanged is not rendered again, only its relations -----------------

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# A made-up notice citing a seed by its title: the seed's page gains a 被引用 section, its head stays.
CITING = """\
吉林市教育局关于开展校园安全检查的通知
各县（市）区教育局：
根据《吉林市教育局2008年工作要点》的安排，现就开展校园安全检查通知如下。
一、检查全部中小学校舍和消防设施。
二、检查结果于4月30日前报市教育局。
吉林市教育局
2008年3月1日
"""


def _write(docs, outcomes, cache: Path, docs_dir: Path, **kwargs) -> PageHeads:
    heads = PageHeads(cache, docs_dir)
    write_tree(docs_dir, generated_parts(docs, outcomes, heads=heads, **kwargs))
    heads.save()
    return heads


@pytest.fixture(scope="module")
def seeds_and_citing(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(SEEDS, sources, dirs_exist_ok=True)
    seeds = convert_all(sources)
    (sources / "zz_citing.txt").write_text(CITING, encoding="utf-8")
    return seeds, convert_all(sources)


def test_a_page_whose_document_is_unchanged_keeps_its_head_and_takes_its_new_relations(tmp_path, seeds_and_citing):
    (seeds, seed_outcomes), (docs, outcomes) = seeds_and_citing
    _write(seeds, seed_outcomes, tmp_path / "cache", tmp_path / "docs")
    cited = next(d for d in seeds if d.metadata["title"] == "吉林市教育局2008年工作要点").metadata["id"]
    page = tmp_path / "docs" / "documents" / f"{cited}.md"
    assert "{#cited-by}" not in page.read_text(encoding="utf-8")

    heads = _write(docs, outcomes, tmp_path / "cache", tmp_path / "docs")
    assert heads.kept == len(seeds) and len(docs) == len(seeds) + 1  # the added document alone was rendered
    assert "{#cited-by}" in page.read_text(encoding="utf-8")
    on_disk = {p.relative_to(tmp_path / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (tmp_path / "docs").rglob("*.md")}
    fresh = generate(docs, outcomes)
    assert {k: v for k, v in fresh.items() if k.endswith(".md")} == on_disk


def test_a_head_docs_no_longer_holds_is_rendered_again(tmp_path, seeds_and_citing):
    (seeds, outcomes), _ = seeds_and_citing
    _write(seeds, outcomes, tmp_path / "cache", tmp_path / "docs")
    page = tmp_path / "docs" / "documents" / f"{seeds[0].metadata['id']}.md"
    made = page.read_text(encoding="utf-8")
    page.write_text(made.replace("\n# ", "\n# 改动", 1), encoding="utf-8")  # a page edited by hand
    heads = _write(seeds, outcomes, tmp_path / "cache", tmp_path / "docs")
    assert heads.kept == len(seeds) - 1
    assert page.read_text(encoding="utf-8") == made


def test_heads_of_another_pipeline_are_not_used(tmp_path, seeds_and_citing):
    (seeds, outcomes), _ = seeds_and_citing
    heads = _write(seeds, outcomes, tmp_path / "cache", tmp_path / "docs")
    kept = json.loads(heads.path.read_text(encoding="utf-8"))
    heads.path.write_text(json.dumps({**kept, "pipeline": "another"}), encoding="utf-8")
    assert _write(seeds, outcomes, tmp_path / "cache", tmp_path / "docs").kept == 0


def test_heads_kept_by_worker_processes_make_the_same_pages(tmp_path, seeds_and_citing, monkeypatch):
    from policy_archive import plan

    (seeds, seed_outcomes), (docs, outcomes) = seeds_and_citing
    _write(seeds, seed_outcomes, tmp_path / "cache", tmp_path / "docs")
    monkeypatch.setattr(plan, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(plan, "DOCUMENT_CHUNKS", 3)
    heads = PageHeads(tmp_path / "cache", tmp_path / "docs")
    shared = generate(docs, outcomes, workers=2, heads=heads)
    assert heads.kept == len(seeds) and sorted(heads.rows) == sorted(d.metadata["id"] for d in docs)
    assert shared == generate(docs, outcomes, workers=1)
