"""The sources folder: which files it holds, and the curator's sidecar next to a source."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import yaml

from .document import Document
from .read import ReadError
from .schema import CURATED_KEYS, validate_curated

SIDECAR_SUFFIX = ".meta.yaml"


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


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict:
    """The curated values of a source's sidecar, validated against the schema ({} when there is none)."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReadError(f"sidecar {sidecar.name} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ReadError(f"sidecar {sidecar.name} must be a mapping of field: value")
    unknown = sorted(str(key) for key in set(data) - CURATED_KEYS)
    if unknown:
        raise ReadError(f"sidecar {sidecar.name} names unknown fields: {', '.join(unknown)} (the id is derived, not curated)")
    try:
        return validate_curated(data)
    except ValueError as exc:
        raise ReadError(f"sidecar {sidecar.name}: {exc}") from exc


def apply_sidecar(doc: Document, corrections: dict) -> Document:
    """Curated values win over extracted ones and are no longer 'inferred'."""
    if not corrections:
        return doc
    from .extract import place_fields
    from .knowledge import region_chain

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
    warnings = doc.warnings + (f"curated fields: {', '.join(sorted(corrections))}",)
    return replace(doc, metadata=metadata, source=source, inferred=inferred, warnings=warnings)
