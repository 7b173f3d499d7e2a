"""Output folders written as a whole or not at all, and files written by replacement.

A build writes docs/ and the site into staged copies beside them (``StagedFolder``) and puts them in place
only when everything has succeeded: a build that fails or is killed leaves the previous docs/ and site/ as
they were. A staged copy starts as hard links to the folder's files (no bytes copied, and an unchanged file
keeps its time, which incremental builds rely on), so every file in it must be written by replacing it
(``write_atomic``, or unlinking first), never by writing into it: that would write into the old folder too.
"""

from __future__ import annotations

import filecmp
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """`target` holds `data` or what it held before, never a part: written to a unique name beside it, then renamed."""
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(partial, 0o666 & _UMASK_MODE)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def partial_beside(target: Path) -> Path:
    """A unique name beside `target` for a file that will replace it."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")


def write_if_changed(target: Path, data: bytes) -> None:
    """Write `data` unless `target` already holds it: an unchanged file keeps its time, which tells MkDocs'
    dirty build that its page need not be built again. A changed file is replaced, never written into (see staging)."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    write_atomic(target, data)


def stream_if_changed(target: Path, pieces: Iterable[str]) -> None:
    """write_if_changed for a file given piece by piece, never whole in memory: the pieces go to a file
    beside the target, which replaces the target only if their bytes differ."""
    partial = partial_beside(target)
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            out.writelines(pieces)
        if target.is_file() and filecmp.cmp(partial, target, shallow=False):
            partial.unlink()
        else:
            partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _read_umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


# Read once, on import: reading the umask means setting it for a moment, and files are written by replacement in
# several threads at once (the raw sources and the downloads beside Pagefind), where a thread that read the
# umask while another had set it to 0 would put 0 back for good.
_UMASK_MODE = _read_umask_mode()


class StagedFolder:
    """A copy of `folder` (hard links) that a build writes instead; ``commit`` puts it in the folder's place,
    ``discard`` removes it. Made beside the folder, so that the rename stays on one file system. Whoever makes
    one must hold the folder's lock (folders.locked): leftovers of a killed build are removed here.

    With `background`, the copy is made (and the leftovers removed) in a thread, so that it costs no time while this
    process waits on a child (the conversion): call ``ready`` before the copy is used, and before forking."""

    def __init__(self, folder: Path, background: bool = False):
        self.folder = Path(os.path.realpath(folder))  # (a link to the folder stays; the folder it names is replaced)
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        leftovers = _leftovers(self.folder)
        self.path = Path(tempfile.mkdtemp(dir=self.folder.parent, prefix=f".{self.folder.name}.staging-"))
        self._thread = threading.Thread(target=self._prepare, args=(leftovers,), name="policy-archive-staging")
        self._failure: BaseException | None = None
        if background:
            self._thread.start()
        else:
            self._thread.run()
            self._raise_failure()

    def _prepare(self, leftovers: list[Path]) -> None:
        try:
            for leftover in leftovers:
                shutil.rmtree(leftover, ignore_errors=True)
            if self.folder.is_dir():
                link_tree(self.folder, self.path)
                os.chmod(self.path, self.folder.stat().st_mode & 0o7777)
            else:
                os.chmod(self.path, _UMASK_MODE)
        except BaseException as exc:  # (raised where the copy is used: see ready)
            self._failure = exc

    def ready(self) -> Path:
        """The staged copy's path, once it is made."""
        if self._thread.ident is not None:
            self._thread.join()
        self._raise_failure()
        return self.path

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def commit(self) -> None:
        """Put the copy in the folder's place. The replaced folder is removed in a thread that does not hold up the
        end of the build (the process may end before it is done: the next build removes the rest)."""
        self.ready()
        old = None
        if self.folder.exists():
            old = self.folder.with_name(f".{self.folder.name}.old-{secrets.token_hex(6)}")
            os.rename(self.folder, old)
        os.rename(self.path, self.folder)
        if old is not None:
            threading.Thread(target=shutil.rmtree, args=(old, True), name="policy-archive-old", daemon=True).start()

    def discard(self) -> None:
        if self._thread.ident is not None:
            self._thread.join()
        shutil.rmtree(self.path, ignore_errors=True)


def _leftovers(folder: Path) -> list[Path]:
    """The staged copies (and their work folders) and the replaced folders a killed build left beside `folder`."""
    found = []
    for pattern in (f".{folder.name}.staging-*", f".{folder.name}.old-*"):
        found += [p for p in sorted(folder.parent.glob(pattern)) if p.is_dir() and not p.is_symlink()]
    return found


def link_tree(source: Path, target: Path) -> None:
    """`target` (an empty folder) made to hold what `source` holds: files as hard links (copies where the file
    system refuses a link), links as links, folders as folders."""
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        there = target / here.relative_to(source)
        for name in dirnames:
            if (here / name).is_symlink():
                os.symlink(os.readlink(here / name), there / name)
            else:
                (there / name).mkdir()
                os.chmod(there / name, (here / name).stat().st_mode & 0o7777)
        for name in filenames:
            path = here / name
            if path.is_symlink():
                os.symlink(os.readlink(path), there / name)
                continue
            try:
                os.link(path, there / name)
            except OSError:
                shutil.copy2(path, there / name)
