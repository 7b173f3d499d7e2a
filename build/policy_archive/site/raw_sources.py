"""The raw source files, copied into the site at their site-relative targets (e.g. ``sources/ID/003_x.txt.gz``).

Raw sources are untrusted: a saved ``.html``/``.svg`` page served from our origin would run its scripts there, so
only targets ending in ``.txt``, ``.txt.gz`` (a text source stored gzipped, see ``raw_path``), ``.md``,
``.docx`` or ``.pdf`` are accepted."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..staging import write_atomic
from .errors import SiteBuildError

#: Raw sources may only be published with these suffixes (served as text/plain, text/markdown or downloads,
#: never as HTML/SVG/XHTML that a browser would render from our origin).
ALLOWED_SOURCE_SUFFIXES = (".txt", ".txt.gz", ".md", ".docx", ".pdf")


def check_source_target(target: str) -> PurePosixPath:
    """Validate a site-relative target path for a raw source file; return it as a PurePosixPath.

    Refuses absolute paths, ``..``, backslashes, empty parts, and any suffix other than
    :data:`ALLOWED_SOURCE_SUFFIXES` (case-insensitive): ``x.html`` must be given as ``x.html.txt``.
    """
    if not isinstance(target, str) or not target:
        raise SiteBuildError(f"raw source target must be a non-empty string, got {target!r}")
    if "\\" in target or "\x00" in target:
        raise SiteBuildError(f"raw source target contains a backslash or NUL: {target!r}")
    path = PurePosixPath(target)
    if path.is_absolute() or any(part in ("", ".", "..") for part in target.split("/")):
        raise SiteBuildError(f"raw source target must be a plain relative path inside the site: {target!r}")
    if not target.lower().endswith(ALLOWED_SOURCE_SUFFIXES):
        raise SiteBuildError(
            f"refusing to publish raw source as {target!r}: only {', '.join(ALLOWED_SOURCE_SUFFIXES)} may be "
            "served (an untrusted .html/.svg/.xhtml must be published as e.g. NAME.html.txt)"
        )
    if path.parts[0] in ("pagefind", "assets", "search"):
        raise SiteBuildError(f"raw source target would overwrite generated site files: {target!r}")
    return path


def copy_sources(site_dir: Path, sources: Iterable[tuple[Path, str, str]], kept: dict[str, str] | None = None) -> int:
    """Copy each ``(source path, site-relative target, sha256 of the converted bytes)`` into ``site_dir``; return the
    count. The site serves the bytes that were converted: a source whose bytes no longer have that digest (changed
    or removed while the build ran) fails the build.

    ``kept``: {target: sha256} of the copies the previous build made into this site (an incremental build); such a
    copy of the same bytes is left as it is."""
    site_dir = Path(site_dir).resolve()
    kept = kept or {}
    seen: dict[str, Path] = {}
    count = 0
    for src, target, sha256 in sources:
        rel = check_source_target(target)
        src = Path(src)
        key = str(rel).lower()
        if key in seen and seen[key] != src.resolve():
            raise SiteBuildError(f"two raw sources map to the same target {target!r}: {seen[key]} and {src}")
        dest = site_dir.joinpath(*rel.parts)
        if kept.get(target) == sha256 and dest.is_file():
            seen[key] = src.resolve()
            count += 1
            continue
        if key not in seen and dest.exists() and target not in kept:
            raise SiteBuildError(f"raw source target already exists in the built site: {target!r}")
        seen[key] = src.resolve()
        data = _converted_bytes(src, sha256)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            # (no name or time in a gzip header: the same source gives the same bytes)
            write_atomic(dest, gzip.compress(data, compresslevel=6, mtime=0) if packs(src, target) else data)
        except OSError as exc:
            raise SiteBuildError(f"could not copy raw source {src} to {dest}: {exc}") from exc
        count += 1
    return count


def _converted_bytes(src: Path, sha256: str) -> bytes:
    """The bytes of `src`, which must be those that were converted."""
    try:
        data = src.read_bytes() if src.is_file() else None
    except OSError:
        data = None
    if data is None:
        raise SiteBuildError(f"raw source {src} was removed while the build ran; build again（源文件在构建期间被删除，请重新构建）")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SiteBuildError(
            f"raw source {src} changed while the build ran: the site would serve other bytes than those converted; build again"
            "（源文件在构建期间被修改，请重新构建）"
        )
    return data


def packs(src: Path, target: str) -> bool:
    """Whether the site's copy of `src` at `target` is its gzip (raw_path names text sources NAME.gz)."""
    return target.lower().endswith(".gz") and not src.name.lower().endswith(".gz")


def copied_sources(stamp: dict) -> dict[str, str]:
    """{target: sha256} of the raw copies a stamp says its site holds (a stamp that lists no digests: none)."""
    listed = stamp.get("sources")
    if not isinstance(listed, dict):
        return {}
    return {target: sha for target, sha in listed.items() if isinstance(sha, str) and _publishable(target)}


def _publishable(target) -> bool:
    try:
        check_source_target(target)
    except SiteBuildError:
        return False
    return True
