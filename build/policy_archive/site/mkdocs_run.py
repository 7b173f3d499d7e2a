"""MkDocs, run through its Python API (``mkdocs.config.load_config`` + ``mkdocs.commands.build.build``) in a child
interpreter, so that the memory MkDocs holds for a large archive is given back before Pagefind starts; and the
patch that makes MkDocs replace the files of a staged site instead of writing into them."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from .errors import SiteBuildError


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build")


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    strict: bool | None = None,
    extra: dict | None = None,
    site_url: str | None = None,
    dirty: bool = False,
) -> None:
    """Run the real MkDocs build of ``docs_dir`` into ``site_dir`` with ``config_file``.

    ``extra`` is merged into the configuration's ``extra`` (what the templates read as ``config.extra``).
    ``dirty``: only pages whose Markdown is newer than their HTML are built again (see ``build_site``).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = Path(config_file).resolve()
    if not config_file.is_file():
        raise SiteBuildError(f"MkDocs config file not found: {config_file}")
    if not Path(docs_dir).is_dir():
        raise SiteBuildError(f"docs dir not found: {docs_dir}")
    overrides = {"docs_dir": str(Path(docs_dir).resolve()), "site_dir": str(Path(site_dir).resolve())}
    if strict is not None:
        overrides["strict"] = strict
    if site_url is not None:
        overrides["site_url"] = site_url
    try:
        cfg = load_config(str(config_file), **overrides)
        for key, value in (extra or {}).items():
            cfg["extra"][key] = value
        cfg["extra"]["archive_dirty"] = dirty
        # MkDocs warns that a dirty build may leave navigation stale: build_site only asks for one when
        # nothing but the Markdown of some pages changed (see state.site_stamp), so the warning does not apply.
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except SystemExit as exc:  # mkdocs.exceptions.Abort is a SystemExit-like ClickException in some paths
        raise SiteBuildError(f"MkDocs build failed: {exc}") from exc
    except MkDocsException as exc:
        raise SiteBuildError(f"MkDocs build failed: {exc}") from exc
    except SiteBuildError:
        raise
    except Exception as exc:  # template errors (jinja2), YAML errors, OSError ...
        raise SiteBuildError(f"MkDocs build failed: {type(exc).__name__}: {exc}") from exc
    if not (Path(site_dir) / "index.html").is_file():
        raise SiteBuildError(f"MkDocs build produced no index.html in {site_dir}")


def run_mkdocs_in_child(
    config_file: Path, docs_dir: Path, site_dir: Path, extra: dict, site_url: str | None = None, dirty: bool = False
) -> None:
    """MkDocs in a fresh interpreter: the gigabyte it holds for a large archive is returned to the system
    before Pagefind starts, instead of staying in this process for the rest of the build."""
    args = json.dumps(
        [str(Path(config_file).resolve()), str(Path(docs_dir).resolve()), str(Path(site_dir).resolve()), extra, site_url, dirty]
    )
    code = "import json, sys; from policy_archive.site.mkdocs_run import _mkdocs_main; _mkdocs_main(json.loads(sys.argv[1]))"
    proc = subprocess.run([sys.executable, "-c", code, args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SiteBuildError(
            proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"MkDocs build process failed (exit code {proc.returncode})"
        )


def _mkdocs_main(args: list) -> None:
    config_file, docs_dir, site_dir, extra, site_url, dirty = args
    _replace_files_instead_of_writing_into_them()
    try:
        run_mkdocs(Path(config_file), Path(docs_dir), Path(site_dir), extra=extra, site_url=site_url, dirty=dirty)
    except SiteBuildError as exc:
        print(str(exc).replace("\n", " "), file=sys.stderr)
        raise SystemExit(1) from None


def _replace_files_instead_of_writing_into_them() -> None:
    """MkDocs writes a page by opening its file for writing. In a staged site (staging.StagedFolder) that file is a
    hard link to the previous site's, which must stay as it was until the new site is in place: in this process,
    MkDocs' two writers remove the file first, so that a new one is written. (Its API has no hook for this.)"""
    from mkdocs import utils
    from mkdocs.structure.files import File

    if getattr(utils.write_file, "unlinks_first", False):
        return

    def unlinked_first(write):
        def replaced(source, output_path: str) -> None:
            _unlink_file(output_path)
            write(source, output_path)

        replaced.unlinks_first = True
        return replaced

    copy_file = File.copy_file

    def copy_replacing(file: File, dirty: bool = False) -> None:
        if not (dirty and not file.is_modified()) and not _same_file(file.abs_src_path, file.abs_dest_path):
            _unlink_file(file.abs_dest_path)
        copy_file(file, dirty)

    utils.write_file, utils.copy_file = unlinked_first(utils.write_file), unlinked_first(utils.copy_file)
    File.copy_file = copy_replacing


def _unlink_file(path: str) -> None:
    if os.path.isfile(path):
        os.unlink(path)
    if path.endswith("sitemap.xml"):  # (MkDocs opens its gzip for writing beside it)
        _unlink_file(path + ".gz")


def _same_file(source: str | None, target: str) -> bool:
    try:
        return source is not None and os.path.samefile(source, target)
    except OSError:
        return False
