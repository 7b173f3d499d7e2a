"""write_tree: files given whole or piece by piece end the same; an unchanged file is not rewritten."""

import os

from policy_archive.write import write_tree


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
