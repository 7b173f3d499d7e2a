"""The folders a build reads and writes, checked before anything is touched, and held by one build at a time.

A build reads the sources folder and writes docs/, the site and the conversion cache. A careless command
line must never let a build write into the sources (the next build would read its own output as documents,
or MkDocs' clean step would delete them) or let the site swallow the configuration or the folder the
command was started in. ``check_layout`` refuses such a layout with a named error; ``locked`` takes an
exclusive lock beside each output folder, so two builds never write the same folder at once.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


class FolderError(Exception):
    """The build's folders cannot be used as given (the message says why, in English and Chinese)."""


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies below it (both resolved)."""
    return path == folder or folder in path.parents


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def check_layout(sources: Path, docs: Path, site: Path | None = None, cache: Path | None = None, config: Path | None = None) -> None:
    """Refuse (FolderError) a layout in which the build could read its own output or destroy what it did not write:
    - docs, site or cache is a file;
    - docs, site or cache is the sources folder, contains it or lies inside it;
    - two of docs, site and cache are one folder, or one lies inside another;
    - docs or site contains the configuration file or the current folder."""
    named = {"sources": _resolved(sources), "docs": _resolved(docs)}
    if site is not None:
        named["site"] = _resolved(site)
    if cache is not None:
        named["cache"] = _resolved(cache)
    outputs = [name for name in named if name != "sources"]
    for name in outputs:
        if named[name].exists() and not named[name].is_dir():
            raise FolderError(f"--{name} {named[name]} is a file, not a folder（{name} 文件夹 {named[name]} 是文件，不是文件夹）")
        _refuse_overlap(name, named[name], "sources", named["sources"])
    for k, first in enumerate(outputs):
        for second in outputs[k + 1 :]:
            _refuse_overlap(first, named[first], second, named[second])
    here = _resolved(Path.cwd())
    for name in ("docs", "site"):
        if name in named and _inside(here, named[name]):
            raise FolderError(
                f"--{name} {named[name]} is the current folder or contains it: the build would overwrite or delete its files"
                f"（输出文件夹 {named[name]} 是当前文件夹或包含当前文件夹，构建会覆盖或删除其中的文件）"
            )
        if name in named and config is not None and _inside(_resolved(config), named[name]):
            raise FolderError(
                f"--{name} {named[name]} contains the configuration {config}: the build would overwrite or delete it"
                f"（输出文件夹 {named[name]} 包含配置文件 {config}，构建会覆盖或删除它）"
            )


def _refuse_overlap(name: str, path: Path, other: str, other_path: Path) -> None:
    if path == other_path:
        how, zh = f"is the same folder as --{other}", f"与 {other} 文件夹相同"
    elif other_path in path.parents:
        how, zh = f"lies inside --{other} {other_path}", f"位于 {other} 文件夹 {other_path} 之内"
    elif path in other_path.parents:
        how, zh = f"contains --{other} {other_path}", f"包含 {other} 文件夹 {other_path}"
    else:
        return
    raise FolderError(
        f"--{name} {path} {how}: the build would read its own output or delete files it did not write; "
        f"give separate folders（{name} 文件夹 {path} {zh}，构建会读入自己的输出或删除不是它写的文件；请分开指定）"
    )


def lock_path(folder: Path) -> Path:
    """The lock of an output folder: a hidden file beside it (inside, it would be swapped away with the folder)."""
    folder = _resolved(folder)
    return folder.with_name(f".{folder.name}.policy-archive-lock")


@contextmanager
def locked(*folders: Path) -> Iterator[None]:
    """Hold an exclusive lock on each folder for the duration, or raise FolderError at once if another build
    holds one. The lock is the operating system's (flock): it is released when the process ends, however it ends,
    so a killed build never leaves a folder locked."""
    with ExitStack() as stack:
        for folder in folders:
            path = lock_path(folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(path.open("a"))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise FolderError(
                    f"another build is writing {folder} (it holds {path}); wait for it to finish, then build again"
                    f"（另一个构建正在写入 {folder}，请等它结束后再构建）"
                ) from None
        yield
