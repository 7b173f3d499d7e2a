"""The conversion cache holds data, not code: an entry is used only when it is exactly what this pipeline
wrote for these source bytes, and the cache never costs a document (a folder it cannot write, two builds
writing one entry at once)."""

import gzip
import hashlib
import json
import logging
import multiprocessing
import pickle
import shutil
from pathlib import Path

import pytest

from policy_archive.cache import VERSION, ConversionCache
from policy_archive.page_heads import document_key
from policy_archive.pipeline import _cached, convert_all, convert_one
from policy_archive.processes import can_fork
from policy_archive.write import generate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SIDECAR = """\
title: 淄博市教育局2023年工作要点（校订）
year: 2023
region_code: "370300"
topics: [学前教育, 校园安全]
url: https://example.org/zibo/2023.html
"""

forking = pytest.mark.skipif(not can_fork(), reason="the processes are forked")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(SEEDS, folder)
    return folder


def _key(cache: ConversionCache, source: Path, sources: Path):
    sidecar = source.with_name(source.name + ".meta.yaml")
    return cache.key(source.relative_to(sources).as_posix(), source.read_bytes(), sidecar.read_bytes() if sidecar.exists() else b"")


def _first_source(sources: Path) -> Path:
    return sorted(sources.glob("*.txt"))[0]


# --- a document comes back as it went in ---------------------------------------------------------------


def test_every_seed_comes_back_from_the_cache_with_the_same_repr(sources, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    for source in sorted(sources.glob("*.txt")):
        doc = convert_one(source, sources)
        key = _key(cache, source, sources)
        assert cache.put(key, doc)
        back = cache.get(key)
        assert back == doc and repr(back) == repr(doc) and document_key(back) == document_key(doc)
    assert cache.hits == 5


def test_a_curated_document_comes_back_with_its_curated_values(sources, tmp_path):
    source = _first_source(sources)
    source.with_name(source.name + ".meta.yaml").write_text(SIDECAR, encoding="utf-8")
    cache = ConversionCache(tmp_path / "cache")
    doc = convert_one(source, sources, cache)
    assert doc.metadata["year"] == 2023 and doc.metadata["topics"] == ["学前教育", "校园安全"]
    assert doc.source.url == "https://example.org/zibo/2023.html"
    back = convert_one(source, sources, cache)
    assert cache.hits == 1 and repr(back) == repr(doc)


def test_an_entry_is_json_naming_its_source_and_its_content(sources, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    source = _first_source(sources)
    convert_one(source, sources, cache)
    key = _key(cache, source, sources)
    header_line, _, body = gzip.decompress(cache.path(key).read_bytes()).partition(b"\n")
    header = json.loads(header_line)
    assert header["version"] == VERSION and header["key"] == key.name
    assert header["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert header["sidecar_sha256"] == hashlib.sha256(b"").hexdigest()
    assert header["content_sha256"] == hashlib.sha256(body).hexdigest()
    assert json.loads(body)["source"]["file"] == source.name


# --- an entry that is not sound is not used --------------------------------------------------------------


class _OpensAFile:
    """Unpickled, it creates the file it names: the proof that a pickle in the cache ran."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return open, (self.path, "w")


def _altered(entry: bytes, change, header_change=None) -> bytes:
    """The entry with `change` made to its document, its content digest made to match, and `header_change`."""
    header_line, _, body = gzip.decompress(entry).partition(b"\n")
    header, document = json.loads(header_line), json.loads(body)
    change(document)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    header["content_sha256"] = hashlib.sha256(body).hexdigest()
    if header_change:
        header_change(header)
    return gzip.compress(json.dumps(header).encode() + b"\n" + body)


def _one_sentence_altered(document):
    document["paragraphs"][3] = document["paragraphs"][3] + "（此句为篡改）"


def _not_a_digest_match(entry: bytes, tmp_path: Path) -> bytes:
    header, _, body = gzip.decompress(entry).partition(b"\n")
    return gzip.compress(header + b"\n" + body.replace("工作".encode(), "改动".encode(), 1))


def _other_source_sha(entry: bytes, tmp_path: Path) -> bytes:
    return _altered(entry, _one_sentence_altered, lambda header: header.update(source_sha256="ab" * 32))


def _other_document_source(entry: bytes, tmp_path: Path) -> bytes:
    return _altered(entry, lambda document: document["source"].update(sha256="cd" * 32))


def _unknown_version(entry: bytes, tmp_path: Path) -> bytes:
    return _altered(entry, lambda document: None, lambda header: header.update(version=VERSION + 1))


def _wrong_type(entry: bytes, tmp_path: Path) -> bytes:
    return _altered(entry, lambda document: document["paragraphs"].__setitem__(0, 12))


def _missing_field(entry: bytes, tmp_path: Path) -> bytes:
    return _altered(entry, lambda document: document.pop("warnings"))


def _cut_short(entry: bytes, tmp_path: Path) -> bytes:
    return entry[: len(entry) // 2]


def _plain_json(entry: bytes, tmp_path: Path) -> bytes:
    return gzip.decompress(entry)


def _two_members(entry: bytes, tmp_path: Path) -> bytes:
    return entry + entry


def _garbage(entry: bytes, tmp_path: Path) -> bytes:
    return bytes(range(256)) * 8


def _pickle(entry: bytes, tmp_path: Path) -> bytes:
    return pickle.dumps(_OpensAFile(tmp_path / "pickle-ran"))


BAD_ENTRIES = [
    _pickle,
    _garbage,
    _cut_short,
    _plain_json,
    _two_members,
    _not_a_digest_match,
    _other_source_sha,
    _other_document_source,
    _unknown_version,
    _wrong_type,
    _missing_field,
]


@pytest.mark.parametrize("bad_entry", BAD_ENTRIES, ids=lambda f: f.__name__.strip("_"))
def test_a_bad_entry_is_converted_afresh_and_replaced(sources, tmp_path, bad_entry):
    cache_dir = tmp_path / "cache"
    fresh_docs, fresh_outcomes = convert_all(sources)
    convert_all(sources, cache_dir=cache_dir)
    source, cache = _first_source(sources), ConversionCache(cache_dir)
    entry = cache.path(_key(cache, source, sources))
    entry.write_bytes(bad_entry(entry.read_bytes(), tmp_path))

    assert _cached((source, sources, cache_dir)) is None
    docs, outcomes = convert_all(sources, cache_dir=cache_dir)

    assert not (tmp_path / "pickle-ran").exists()
    assert [o.file for o in outcomes if not o.cached] == [source.name]
    assert all(o.status == "converted" for o in outcomes)
    assert docs == fresh_docs and generate(docs, outcomes) == generate(fresh_docs, fresh_outcomes)
    assert _cached((source, sources, cache_dir)) is not None  # (the entry was written again)


def test_an_entry_made_from_other_source_bytes_is_not_used(sources, tmp_path):
    """A sound entry moved to another source's key (the same header but for the key) is not that source's."""
    cache = ConversionCache(tmp_path / "cache")
    first, second = sorted(sources.glob("*.txt"))[:2]
    convert_one(first, sources, cache)
    first_key, second_key = _key(cache, first, sources), _key(cache, second, sources)
    entry = cache.path(first_key).read_bytes()
    cache.path(second_key).parent.mkdir(parents=True, exist_ok=True)
    moved = gzip.decompress(entry).replace(first_key.name.encode(), second_key.name.encode(), 1)
    cache.path(second_key).write_bytes(gzip.compress(moved))
    assert cache.get(second_key) is None
    assert convert_one(second, sources, cache) == convert_one(second, sources)


# --- the cache never costs a document ---------------------------------------------------------------------


def test_an_unwritable_cache_converts_every_source_with_one_warning(sources, tmp_path, caplog):
    # A folder under a regular file cannot be made, even by root (for whom a read-only folder is writable).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    fresh_docs, fresh_outcomes = convert_all(sources)
    with caplog.at_level(logging.WARNING, logger="policy_archive.cache"):
        docs, outcomes = convert_all(sources, cache_dir=blocker / "cache")
    assert [o.status for o in outcomes] == ["converted"] * 5
    assert docs == fresh_docs and generate(docs, outcomes) == generate(fresh_docs, fresh_outcomes)
    warnings = [r for r in caplog.records if r.name == "policy_archive.cache"]
    assert len(warnings) == 1 and "cannot be written" in warnings[0].getMessage()


def test_a_folder_where_an_entry_belongs_converts_the_source(sources, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    source = _first_source(sources)
    entry = cache.path(_key(cache, source, sources))
    entry.mkdir(parents=True)
    assert convert_one(source, sources, cache) == convert_one(source, sources)
    _, outcomes = convert_all(sources, cache_dir=tmp_path / "cache")
    assert [o.status for o in outcomes] == ["converted"] * 5


def _write_repeatedly(cache_dir: Path, key, doc, rounds: int, start, results) -> None:
    cache = ConversionCache(cache_dir)
    start.wait()
    results.put(all(cache.put(key, doc) for _ in range(rounds)))


@forking
def test_two_processes_writing_one_entry_both_succeed(sources, tmp_path):
    cache_dir = tmp_path / "cache"
    cache, source = ConversionCache(cache_dir), _first_source(sources)
    doc, key = convert_one(source, sources), _key(cache, source, sources)
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(2), context.Queue()
    writers = [context.Process(target=_write_repeatedly, args=(cache_dir, key, doc, 300, start, results)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [writer.exitcode for writer in writers] == [0, 0]
    assert [results.get(timeout=5), results.get(timeout=5)] == [True, True]
    assert repr(cache.get(key)) == repr(doc)
    assert [p.name for p in cache.path(key).parent.iterdir()] == [cache.path(key).name]  # no partial file left


def _build(sources: Path, cache_dir: Path, results) -> None:
    _, outcomes = convert_all(sources, cache_dir=cache_dir, workers=1)
    results.put([(o.file, o.status, o.reason) for o in outcomes])


@forking
def test_two_builds_sharing_one_cache_convert_every_source(sources, tmp_path):
    cache_dir = tmp_path / "cache"
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    builds = [context.Process(target=_build, args=(sources, cache_dir, results)) for _ in range(2)]
    for build in builds:
        build.start()
    outcomes = [results.get(timeout=120), results.get(timeout=120)]
    for build in builds:
        build.join(10)
    assert [build.exitcode for build in builds] == [0, 0]
    assert all(status == "converted" for outcome in outcomes for _, status, _ in outcome)
    assert all(len(outcome) == 5 for outcome in outcomes)


# --- the furniture a site teaches is part of the key -----------------------------------------------------


def test_the_lines_a_site_teaches_key_their_own_entry_and_the_plain_one_stays(tmp_path):
    from policy_archive.site_furniture import EdgeFurniture

    sources = tmp_path / "sources"
    sources.mkdir()
    source = sources / "page.txt"
    source.write_text("今天是\n2023年全县教育工作要点\n一、总体要求\n1.加强学前教育，新建幼儿园3所。\n", encoding="utf-8")
    cache = ConversionCache(tmp_path / "cache")
    plain = convert_one(source, sources, cache)
    assert plain.paragraphs[0] == "今天是"
    furniture = EdgeFurniture(1, ("今天是",), 0, ())
    stripped = convert_one(source, sources, cache, furniture)
    assert stripped.paragraphs == plain.paragraphs[1:]
    assert stripped.evidence_for("site_furniture") == ["今天是"]
    # Each comes back from its own entry; a key without furniture is the one it always was.
    assert cache.hits == 0
    assert convert_one(source, sources, cache) == plain
    assert convert_one(source, sources, cache, furniture) == stripped
    assert cache.hits == 2
    data, rel = source.read_bytes(), "page.txt"
    assert cache.key(rel, data, b"", b"") == cache.key(rel, data, b"")
    assert cache.key(rel, data, b"", furniture.key()) != cache.key(rel, data, b"")
    other = EdgeFurniture(1, ("今天", "是"), 0, ())
    assert cache.key(rel, data, b"", other.key()) != cache.key(rel, data, b"", furniture.key())
