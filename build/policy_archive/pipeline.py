"""Runs the stages over a folder of sources and writes docs/: the one place that sees every document."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

import yaml

from . import PIPELINE_VERSION
from .clean import clean
from .document import METADATA_KEYS, Document
from .extract import base_id, extract
from .index import catalog, home_page, place_pages, topic_pages, xref_pages, year_pages
from .read import ReadError, load_bytes, read_bytes
from .render import raw_path, render

SIDECAR_SUFFIX = ".meta.yaml"
# Folders of docs/ whose files the pipeline alone writes (stale ones are removed); it also writes
# index.md, search.md and about.md. Anything else in docs/ is left alone.
GENERATED_DIRS = ("documents", "years", "places", "topics", "xref", "data")


@dataclass
class Outcome:
    """What became of one source file: the build report's row."""

    file: str
    status: str  # converted, duplicate, rejected, ignored
    id: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    cached: bool = False  # reused from the conversion cache; not in the report, which must not depend on it

    def as_dict(self) -> dict:
        return {"file": self.file, "status": self.status, "id": self.id, "reason": self.reason, "warnings": self.warnings}


def discover(sources_dir: Path) -> list[Path]:
    """Every file below the folder, in a stable order, but the sidecars of sources that exist (they are
    read with their source). Hidden folders such as .git are not entered. Every file listed ends in the
    build report: as a page, a duplicate, a rejection or, for a hidden file, as ignored."""
    found = []
    for dirpath, dirnames, filenames in os.walk(sources_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        names = set(filenames)
        for name in sorted(filenames):
            if name.endswith(SIDECAR_SUFFIX) and name[: -len(SIDECAR_SUFFIX)] in names:
                continue
            found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: p.relative_to(sources_dir).as_posix())


def read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReadError(f"sidecar {sidecar.name} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ReadError(f"sidecar {sidecar.name} must be a mapping of field: value")
    unknown = sorted(set(data) - CURATED_FIELDS)
    if unknown:
        raise ReadError(f"sidecar {sidecar.name} names unknown fields: {', '.join(unknown)} (the id is derived, not curated)")
    try:
        return validate_curated(data)
    except ValueError as exc:
        raise ReadError(f"sidecar {sidecar.name}: {exc}") from exc


CURATED_FIELDS = (set(METADATA_KEYS) - {"id"}) | {"url", "site"}


def validate_curated(data: dict) -> dict:
    """A curator's values, checked like extracted ones."""
    from .extract import parse_date
    from .knowledge import regions, topics

    clean: dict = {}
    for key, value in data.items():
        if value is None:
            clean[key] = None
        elif key.startswith("date_"):
            parsed, problem = parse_date(str(value))
            if problem or parsed is None:
                raise ValueError(f"{key} {value!r}: {problem or 'not a date (YYYY-MM-DD)'}")
            clean[key] = parsed.isoformat()
        elif key == "year":
            if not isinstance(value, int) or not 1949 <= value <= 2100:
                raise ValueError(f"year {value!r} is not a year such as 2023")
            clean[key] = value
        elif key == "region_code":
            code = f"{value:06d}" if isinstance(value, int) else str(value)
            if code not in regions():
                raise ValueError(f"region_code {value!r} is not a GB/T 2260 code of the region table")
            clean[key] = code
        elif key == "topics":
            names = {t.name for t in topics()[0]}
            if not isinstance(value, list) or any(t not in names for t in value):
                raise ValueError(f"topics must be a list of names from the topic vocabulary: {sorted(names)}")
            clean[key] = value
        else:
            if not isinstance(value, (str, int)):
                raise ValueError(f"{key} must be text, not {type(value).__name__}")
            clean[key] = str(value)
    return clean


def apply_sidecar(doc: Document, corrections: dict) -> Document:
    """Curated values win over extracted ones and are no longer 'inferred'."""
    if not corrections:
        return doc
    from .extract import place_fields
    from .knowledge import region_chain

    metadata = dict(doc.metadata)
    source = doc.source
    for key, value in corrections.items():
        if key in ("url", "site"):
            source = replace(source, **{key: value})
        else:
            metadata[key] = value
    derived = set()
    if corrections.get("region_code"):
        # A curated region code brings its province, city and county, unless those are curated too.
        place = place_fields(region_chain(corrections["region_code"]))
        for level in ("province", "city", "county"):
            name = place[level]
            if level not in corrections:
                metadata[level] = name
                derived.add(level)
    inferred = tuple(f for f in doc.inferred if f not in corrections and f not in derived)
    warnings = doc.warnings + (f"curated fields: {', '.join(sorted(corrections))}",)
    return replace(doc, metadata=metadata, source=source, inferred=inferred, warnings=warnings)


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Changes whenever the pipeline's code or knowledge tables change, so stale cache entries are never used."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".tsv", ".md")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ConversionCache:
    """Converted Documents on disk, keyed by the source's bytes, its sidecar, its name and the pipeline."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.hits = 0

    def key(self, rel: str, data: bytes, sidecar: bytes) -> str:
        digest = hashlib.sha256()
        for part in (pipeline_fingerprint().encode(), rel.encode(), hashlib.sha256(data).digest(), hashlib.sha256(sidecar).digest()):
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def get(self, key: str) -> Document | None:
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as handle:
                doc = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            return None
        self.hits += 1
        return doc

    def put(self, key: str, doc: Document) -> None:
        path = self.folder / key[:2] / f"{key}.pickle"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)


def convert_one(path: Path, sources_dir: Path, cache: ConversionCache | None = None) -> Document:
    """read -> clean -> extract (+ curator's sidecar). Raises ReadError with the reason for a rejection."""
    data, fmt = load_bytes(path, sources_dir)
    rel = path.relative_to(sources_dir).as_posix()
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    sidecar_bytes = sidecar.read_bytes() if sidecar.exists() else b""
    key = cache.key(rel, data, sidecar_bytes) if cache else ""
    if cache and (doc := cache.get(key)) is not None:
        return doc
    doc = extract(clean(read_bytes(data, rel, fmt)))
    doc = apply_sidecar(doc, read_sidecar(path))
    if cache:
        cache.put(key, doc)
    return doc


# Below this many sources, starting worker processes costs more than it saves.
PARALLEL_MIN_SOURCES = 200


def _convert_source(job: tuple[Path, Path, Path | None]) -> tuple[Outcome, Document | None]:
    """One source to its outcome (and document): the unit of work of a worker process."""
    path, sources_dir, cache_dir = job
    rel = path.relative_to(sources_dir).as_posix()
    if path.name.startswith("."):
        return Outcome(rel, "ignored", reason="hidden file (its name starts with a dot), such as .DS_Store"), None
    if path.name.endswith(SIDECAR_SUFFIX):
        return Outcome(rel, "rejected", reason=f"sidecar without its source file {path.name[: -len(SIDECAR_SUFFIX)]}"), None
    cache = ConversionCache(cache_dir) if cache_dir else None
    try:
        doc = convert_one(path, sources_dir, cache)
    except ReadError as exc:
        return Outcome(rel, "rejected", reason=str(exc)), None
    except Exception as exc:  # a defect in the pipeline must not stop the archive: report it
        return Outcome(rel, "rejected", reason=f"internal error: {type(exc).__name__}: {exc}"), None
    return Outcome(rel, "converted", warnings=list(doc.warnings), cached=bool(cache and cache.hits)), doc


def process_pool(workers: int):
    """Worker processes for pure CPU work. fork starts them at once with the package already imported
    (and works whatever __main__ is); spawn where there is no fork."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def convert_all(sources_dir: Path, progress: Callable[[Iterable[Path]], Iterable[Path]] = iter, cache_dir: Path | None = None, workers: int | None = None) -> tuple[list[Document], list[Outcome]]:
    """Convert every source; a bad one is rejected with its reason and the rest still convert.

    Conversion is pure CPU work, so a large folder is converted by one worker process per core
    (`workers`, default: every core). Results keep the sources' order, so the output is the same.
    """
    paths = discover(sources_dir)
    jobs = [(path, sources_dir, cache_dir) for path in paths]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    docs: list[Document] = []
    outcomes: list[Outcome] = []
    if workers > 1 and len(jobs) >= PARALLEL_MIN_SOURCES:
        with process_pool(workers) as pool:
            results = pool.map(_convert_source, jobs, chunksize=16)
            for (outcome, doc), _ in zip(results, progress(paths)):
                outcomes.append(outcome)
                if doc is not None:
                    docs.append(doc)
    else:
        for job, _ in zip(jobs, progress(paths)):
            outcome, doc = _convert_source(job)
            outcomes.append(outcome)
            if doc is not None:
                docs.append(doc)
    return assign_ids(docs, outcomes)


def _content_key(doc: Document) -> str:
    return hashlib.sha256("\n".join(doc.paragraphs).encode("utf-8")).hexdigest()


def assign_ids(docs: list[Document], outcomes: list[Outcome]) -> tuple[list[Document], list[Outcome]]:
    """Merge sources of one document; give distinct documents distinct, deterministic ids."""
    by_file = {o.file: o for o in outcomes}
    # The same document saved twice (even in two encodings) has the same cleaned text: one page.
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[_content_key(doc)].append(doc)
    unique: list[Document] = []
    for key in sorted(groups):
        copies = sorted(groups[key], key=lambda d: d.source.file)
        keep = copies[0]
        if len(copies) > 1:
            keep = replace(keep, evidence=keep.evidence + tuple(("duplicate_source", c.source.file) for c in copies[1:]))
        unique.append(keep)
    by_base: dict[str, list[Document]] = defaultdict(list)
    for doc in unique:
        by_base[base_id(doc.metadata)].append(doc)
    final: list[Document] = []
    for base, group in by_base.items():
        for doc in group:
            # Colliding documents each take a suffix from their own content, so an id never depends on
            # which other documents happen to be in the archive with it.
            doc_id = base if len(group) == 1 else f"{base}-{_content_key(doc)[:8]}"
            final.append(replace(doc, metadata={**doc.metadata, "id": doc_id}))
    for doc in final:
        by_file[doc.source.file].id = doc.metadata["id"]
        for copy in doc.evidence_for("duplicate_source"):
            by_file[copy].status = "duplicate"
            by_file[copy].id = doc.metadata["id"]
            by_file[copy].reason = f"same text as {doc.source.file}"
    final.sort(key=lambda d: d.metadata["id"])
    return final, outcomes


def build_report(outcomes: list[Outcome]) -> str:
    counts = defaultdict(int)
    for o in outcomes:
        counts[o.status] += 1
    report = {
        "pipeline_version": PIPELINE_VERSION,
        "summary": {"sources": len(outcomes), "converted": counts["converted"], "duplicate": counts["duplicate"], "rejected": counts["rejected"], "ignored": counts["ignored"]},
        "sources": [o.as_dict() for o in sorted(outcomes, key=lambda o: o.file)],
    }
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"


def _static_page(name: str) -> str:
    return resources.files(__package__).joinpath("data", "pages", name).read_text(encoding="utf-8")


def generate(docs: list[Document], outcomes: list[Outcome]) -> dict[str, str]:
    """Pure: every generated file of docs/, as {relative path: content}."""
    files: dict[str, str] = {}
    for doc in docs:
        files[f"documents/{doc.metadata['id']}.md"] = render(doc)
    files.update(year_pages(docs))
    files.update(place_pages(docs))
    files.update(topic_pages(docs))
    files.update(xref_pages(docs))
    files["data/catalog.json"] = catalog(docs)
    files["data/build-report.json"] = build_report(outcomes)
    files["index.md"] = home_page(docs, sum(1 for o in outcomes if o.status == "rejected"))
    files["search.md"] = _static_page("search.md")
    files["about.md"] = _static_page("about.md")
    return files


def write_tree(docs_dir: Path, files: dict[str, str]) -> None:
    """Make docs_dir's generated part exactly `files`: unchanged files are not rewritten, stale ones go."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    for sub in GENERATED_DIRS:
        root = docs_dir / sub
        if root.exists():
            for path in sorted(root.rglob("*"), reverse=True):
                rel = path.relative_to(docs_dir).as_posix()
                if path.is_file() and rel not in files:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    for rel, content in files.items():
        target = docs_dir / rel
        data = content.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def raw_sources(docs: list[Document], sources_dir: Path) -> list[tuple[Path, str]]:
    """(source file, path in the site) for the raw copy each document page links to."""
    return [(sources_dir / doc.source.file, raw_path(doc)) for doc in docs]
