"""The sources folder: which files it holds, and the curator's sidecar next to a source."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import yaml

from .curation import validate_curated
from .document import Document
from .extract.places import place_fields
from .knowledge import region_chain
from .read import ReadError, inside, read_bounded
from .schema import CURATED_KEYS

SIDECAR_SUFFIX = ".meta.yaml"


def discover(sources_dir: Path) -> tuple[list[Path], list[tuple[str, str, str]]]:
    """Every file below the folder, in a stable order, but the sidecars of sources that exist (they are
    read with their source); and what is not entered, each (path, status, reason) for the build report:
    a hidden folder (.git) is ignored as a whole, a link to a folder is not followed. A sidecar of a
    sidecar is listed like any file (and rejected). Every file ends in the build report."""
    found = []
    skipped = []
    for dirpath, dirnames, filenames in os.walk(sources_dir, followlinks=False):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            rel = (here / name).relative_to(sources_dir).as_posix() + "/"
            if (here / name).is_symlink():
                skipped.append((rel, "rejected", "link to a folder: not followed (copy the folder in instead)"))
            elif name.startswith("."):
                count = sum(len(files) for _, _, files in os.walk(here / name))
                skipped.append((rel, "ignored", f"hidden folder ({count} file(s)), such as .git: not read"))
            else:
                kept.append(name)
        dirnames[:] = kept
        names = set(filenames)
        for name in sorted(filenames):
            source = name[: -len(SIDECAR_SUFFIX)] if name.endswith(SIDECAR_SUFFIX) else None
            if source and source in names and not source.endswith(SIDECAR_SUFFIX):
                continue
            rel = (here / name).relative_to(sources_dir).as_posix()
            if _NOT_UTF8.search(rel):
                skipped.append((_shown(rel), "rejected", "file name is not valid UTF-8: rename the file"))
                continue
            found.append(here / name)
    return sorted(found, key=lambda p: p.relative_to(sources_dir).as_posix()), skipped


# Python reads a file name's bytes that are not UTF-8 as lone surrogates, which no page, export or report can
# hold: such a name would fail the whole build where it is first written.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def _shown(rel: str) -> str:
    """A file name that is not UTF-8 as it can be shown: each byte that is not UTF-8 as U+FFFD."""
    return os.fsencode(rel).decode("utf-8", errors="replace")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


# A sidecar is a few lines of YAML; the limits keep a hostile one from costing time or memory.
MAX_SIDECAR_BYTES = 64 * 1024
MAX_VALUE_CHARS = 2000
_SAFE_KEY = re.compile(r"[A-Za-z0-9_\-]{1,40}")


def read_sidecar(path: Path, root: Path | None = None) -> dict:
    """The curated values of a source's sidecar, validated against the schema ({} when there is none)."""
    return load_sidecar(path, root)[0]


def load_sidecar(path: Path, root: Path | None = None) -> tuple[dict, bytes]:
    """A source's sidecar: its validated values and its bytes (which key the conversion cache).

    The sidecar must be a regular file inside the sources folder, of at most MAX_SIDECAR_BYTES; YAML
    aliases are refused (an alias bomb of a few hundred bytes expands to gigabytes); every value is
    checked for type and size before it is used or echoed."""
    sidecar = sidecar_path(path)
    if not sidecar.exists() and not sidecar.is_symlink():
        return {}, b""
    name = sidecar.name
    if root is not None and not inside(sidecar, root):
        raise ReadError(f"sidecar {name} is a link to a file outside the sources folder and is not read")
    data = read_bounded(sidecar, MAX_SIDECAR_BYTES, f"sidecar {name}")
    try:
        text = data.decode("utf-8")
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)):
            raise ReadError(f"sidecar {name} uses YAML aliases (*name), which are not accepted")
        loaded = yaml.safe_load(text) or {}
    except ReadError:
        raise
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where else ""
        raise ReadError(f"sidecar {name} is not valid YAML{at}") from None
    except ValueError:  # a date YAML reads itself, such as 2014-02-30
        raise ReadError(f"sidecar {name} holds a date that is not a calendar date") from None
    if not isinstance(loaded, dict):
        raise ReadError(f"sidecar {name} must be a mapping of field: value")
    unknown = sorted(str(key) for key in set(loaded) - CURATED_KEYS)
    if unknown:
        # Key names are echoed only when they are short plain words: a stray config file's keys stay private.
        shown = [k for k in unknown if _SAFE_KEY.fullmatch(k)][:5]
        listed = ", ".join(shown) + (f" and {len(unknown) - len(shown)} more" if len(unknown) > len(shown) else "")
        raise ReadError(f"sidecar {name} names unknown fields: {listed} (the id is derived, not curated)")
    for key, value in loaded.items():
        if not _small(value):
            raise ReadError(f"sidecar {name}: {key} is too long or too deeply nested (at most {MAX_VALUE_CHARS} characters)")
    try:
        return validate_curated(loaded), data
    except ValueError as exc:
        raise ReadError(f"sidecar {name}: {exc}") from None


def _small(value, depth: int = 0) -> bool:
    """Whether a value is small enough to check and echo. Its shape is the schema's to judge (a mapping where
    a list is due is rejected there, by name)."""
    if isinstance(value, (str, bytes)):
        return len(value) <= MAX_VALUE_CHARS
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set)):
        return depth < 2 and len(value) <= 50 and all(_small(v, depth + 1) for v in value)
    return True  # (None, a number, a date)


def apply_sidecar(doc: Document, corrections: dict) -> Document:
    """Curated values win over extracted ones and are no longer 'inferred' nor 'doubtful'."""
    if not corrections:
        return doc
    metadata = dict(doc.metadata)
    source = doc.source
    for key, value in corrections.items():
        if hasattr(source, key):
            source = replace(source, **{key: value})
        else:
            metadata[key] = value
    derived = set()
    if corrections.get("region_code"):
        # A curated region code brings its province, city and county, unless those are curated too.
        place = place_fields(region_chain(corrections["region_code"]))
        for level in ("province", "city", "county"):
            if level not in corrections:
                metadata[level] = place[level]
                derived.add(level)
    inferred = tuple(f for f in doc.inferred if f not in corrections and f not in derived)
    settled = set(corrections) | derived
    doubtful = tuple(f for f in doc.doubtful if f not in settled)
    doubts = tuple((f, note) for f, note in doc.doubts if f not in settled)
    warnings = doc.warnings + (f"curated fields: {', '.join(sorted(corrections))}", *getattr(corrections, "warnings", ()))
    return replace(doc, metadata=metadata, source=source, inferred=inferred, doubtful=doubtful, doubts=doubts, warnings=warnings)


# --- adding a file to the sources folder (policy-archive add) ---------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff]+")


def safe_name(name: str) -> str:
    """A file name that is safe in any shell and URL: no leading dash or dot, no spaces or separators."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("_.-") or "source"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()  # (a link, even to nothing, is never written through)


def free_target(sources_dir: Path, file: Path) -> tuple[Path, bool]:
    """Where `file` goes in the sources folder, and whether it is there already: its safe name, or with -2, -3…
    when that name holds anything else (another file, a folder, a link)."""
    target = sources_dir / safe_name(file.name)
    stem, suffix, n = target.stem, target.suffix, 2
    while taken(target):
        if is_regular(target) and not target.is_symlink() and filecmp.cmp(target, file, shallow=False):
            return target, True
        target = sources_dir / f"{stem}-{n}{suffix}"
        n += 1
    return target, False


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def copy_into(file: Path, target: Path) -> None:
    """Copy `file` to `target`, a name that holds nothing: created, never opened through a link."""
    with file.open("rb") as source, target.open("xb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)
