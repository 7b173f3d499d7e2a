"""build_archive's conversion in a child process: the same docs/ and outcomes as in this process, and its
failures reach the caller."""

import os
from pathlib import Path

import pytest

from policy_archive.archive import Settings, convert_and_write
from policy_archive.processes import ChildFailed, in_child

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_child_writes_the_same_docs_and_returns_the_same_outcomes(tmp_path):
    here = Settings(sources=SEEDS, docs=tmp_path / "here", site=None, cache=None, workers=1)
    there = Settings(sources=SEEDS, docs=tmp_path / "there", site=None, cache=None, workers=1)
    outcomes, documents, sources = convert_and_write(here)
    child_outcomes, child_documents, child_sources = in_child(convert_and_write, there)
    assert child_documents == documents >= 5
    assert [(o.file, o.status, o.id) for o in child_outcomes] == [(o.file, o.status, o.id) for o in outcomes]
    assert child_sources == sources
    assert _tree(tmp_path / "there") == _tree(tmp_path / "here")


def _fails() -> None:
    raise ValueError("a defect in the child")


def test_an_exception_in_the_child_is_raised_here():
    with pytest.raises(ValueError, match="a defect in the child"):
        in_child(_fails)


def test_a_child_that_dies_is_a_named_failure_with_its_exit_code():
    with pytest.raises(ChildFailed, match="exit code 3"):
        in_child(os._exit, 3)
