"""A wheel of the running policy-archive, so that an archive can carry the tool that made it.

`policy-archive new` writes it into the archive's tools/ folder, and the archive's Pages workflow installs it
(its dependencies come from PyPI): the archive deploys without any package index serving policy-archive.

The wheel is written with the standard library (a wheel is a zip with the package's files and a .dist-info
holding METADATA, WHEEL, entry_points.txt and RECORD), from
- the source tree, when the package runs from it (an editable install, or build/ on the path): the files
  setuptools would package (the packages' .py files and pyproject's package-data), the metadata from pyproject;
- the installed files otherwise (an install from a wheel): the package's files and metadata as RECORD lists them.
Nothing is downloaded and no build backend is run. The bytes depend only on the files (fixed times, sorted).
"""

from __future__ import annotations

import base64
import glob
import hashlib
import importlib.metadata
import tomllib
import zipfile
from pathlib import Path

DIST = "policy-archive"
PACKAGE = "policy_archive"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIPPED_DIST_INFO = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "WHEEL"}


class WheelError(Exception):
    """The running package's files cannot be found (the message says which)."""


def write_wheel(folder: Path) -> Path:
    """Write the wheel of the running policy-archive into `folder` (created); its path."""
    name, version, files = _source_tree_files() or _installed_files()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PACKAGE}-{version}-py3-none-any.whl"
    dist_info = f"{PACKAGE}-{version}.dist-info"
    files[f"{dist_info}/WHEEL"] = f"Wheel-Version: 1.0\nGenerator: {name} {version}\nRoot-Is-Purelib: true\nTag: py3-none-any\n".encode()
    record = []
    with zipfile.ZipFile(target, "w") as wheel:
        for path in sorted(files, key=lambda p: (p.startswith(dist_info), p)):
            data = files[path]
            _add(wheel, path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
            record.append(f"{path},sha256={digest},{len(data)}")
        record.append(f"{dist_info}/RECORD,,")
        _add(wheel, f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode())
    return target


def _add(wheel: zipfile.ZipFile, path: str, data: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=_EPOCH)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    wheel.writestr(info, data)


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _source_tree_files() -> tuple[str, str, dict[str, bytes]] | None:
    """From the source tree (pyproject.toml two levels above the package, naming this project), else None."""
    package = _package_dir()
    pyproject = package.parent.parent / "pyproject.toml"
    if package.parent.name != "build" or not pyproject.is_file():
        return None
    meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = meta.get("project", {})
    if project.get("name") != DIST:
        return None
    version = project["version"]
    files = {f"{PACKAGE}/{rel}": (package / rel).read_bytes() for rel in _packaged(package, meta)}
    dist_info = f"{PACKAGE}-{version}.dist-info"
    files[f"{dist_info}/METADATA"] = _metadata(project).encode("utf-8")
    files[f"{dist_info}/entry_points.txt"] = _entry_points(project).encode("utf-8")
    files[f"{dist_info}/top_level.txt"] = f"{PACKAGE}\n".encode()
    return DIST, version, files


def _packaged(package: Path, meta: dict) -> list[str]:
    """The files setuptools puts in the wheel, relative to the package: the .py files of every package and the
    package-data patterns of pyproject (links followed, as setuptools follows them). With pyproject's
    `packages.find`, any folder is a (namespace) package unless `namespaces = false`: then only one with
    __init__.py whose parents are packages."""
    setuptools = meta.get("tool", {}).get("setuptools", {})
    find = setuptools.get("packages", {}).get("find", {}) if isinstance(setuptools.get("packages"), dict) else {}
    namespaces = find.get("namespaces", True)
    found: set[str] = set()
    stack = [Path()]
    while stack:
        rel = stack.pop()
        for entry in (package / rel).iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__" and "." not in entry.name and (namespaces or (entry / "__init__.py").is_file()):
                    stack.append(rel / entry.name)
            elif entry.suffix == ".py" and entry.is_file():
                found.add((rel / entry.name).as_posix())
    patterns = setuptools.get("package-data", {})
    for pattern in patterns.get(PACKAGE, []) + patterns.get("*", []):
        for match in glob.glob(pattern, root_dir=package, recursive=True):
            path = package / match
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}:
                found.add(Path(match).as_posix())
    return sorted(found)


def _metadata(project: dict) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
    ]
    if project.get("description"):
        lines.append(f"Summary: {project['description']}")
    if isinstance(project.get("license"), str):
        lines.append(f"License: {project['license']}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {req}" for req in project.get("dependencies", [])]
    for extra, reqs in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {req}; extra == "{extra}"' for req in reqs]
    return "\n".join(lines) + "\n"


def _entry_points(project: dict) -> str:
    groups = {"console_scripts": project.get("scripts", {}), "gui_scripts": project.get("gui-scripts", {})}
    groups.update(project.get("entry-points", {}))
    blocks = []
    for group, entries in groups.items():
        if entries:
            blocks.append(f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in entries.items()))
    return "\n".join(blocks)


def _installed_files() -> tuple[str, str, dict[str, bytes]]:
    """From the installed distribution: the package's files and its .dist-info as RECORD lists them."""
    try:
        dist = importlib.metadata.distribution(DIST)
    except importlib.metadata.PackageNotFoundError:
        raise WheelError(f"{DIST} is not installed and does not run from its source tree: no wheel can be made of it") from None
    version = dist.version
    dist_info = f"{PACKAGE}-{version}.dist-info"
    files: dict[str, bytes] = {}
    for item in dist.files or []:
        rel = item.as_posix()
        parts = rel.split("/")
        if parts[0] == PACKAGE:
            if "__pycache__" in parts or rel.endswith((".pyc", ".pyo")):
                continue
        elif parts[0].endswith(".dist-info") and len(parts) >= 2:
            if parts[1] in _SKIPPED_DIST_INFO:
                continue
            rel = "/".join([dist_info, *parts[1:]])
        else:
            continue  # (the console script, written again by the installer from entry_points.txt)
        files[rel] = Path(item.locate()).read_bytes()
    if f"{PACKAGE}/__init__.py" not in files or f"{dist_info}/METADATA" not in files:
        raise WheelError(f"the installed {DIST} {version} lists no package files (an editable install of a moved tree?)")
    return DIST, version, files
