"""`policy-archive serve`'s function (serve.py): the built site under its sub-path, as GitHub Pages serves it."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from policy_archive.serve import serve_site, site_path, stale

ROOT = Path(__file__).resolve().parents[1]


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_site_path():
    assert site_path(None) == "/" and site_path("https://example.org") == "/"
    assert site_path("https://owner.github.io/repo") == "/repo/" and site_path("https://x.org/a/b/") == "/a/b/"


def test_serve_builds_a_missing_site_and_serves_it_under_its_sub_path(tmp_path, monkeypatch, capsys):
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copytree(ROOT / "seeds", archive / "sources")
    (archive / "mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("custom_dir: overrides", "")
        .replace("sources: seeds", "sources: sources"),
        encoding="utf-8",
    )
    monkeypatch.chdir(archive)
    monkeypatch.delenv("SITE_URL", raising=False)
    ready: list = []
    started = threading.Event()

    def on_ready(url, stop):
        ready.append((url, stop))
        started.set()

    thread = threading.Thread(
        target=serve_site, args=(Path("site"), "https://owner.github.io/repo/"), kwargs={"on_ready": on_ready}, daemon=True
    )
    thread.start()
    assert started.wait(300), "the site was not built and served"
    url, stop = ready[0]
    try:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/repo/")
        assert url in capsys.readouterr().out
        assert not stale(Path("site"), [Path("sources"), Path("mkdocs.yml")])
        status, headers, body = fetch(url)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8" and "<html" in body.decode("utf-8")
        # "/" leads to the sub-path; anything outside it, or missing, is the site's 404 page with status 404.
        assert fetch(url.removesuffix("repo/"))[0] == 200
        status, headers, body = fetch(url + "no/such/page/")
        assert status == 404 and "页面不存在" in body.decode("utf-8")
        assert fetch(url.replace("/repo/", "/other/"))[0] == 404
        types = {
            "pagefind/pagefind-entry.json": "application/json",
            "pagefind/pagefind.js": "text/javascript",
            "pagefind/wasm.unknown.pagefind": "application/octet-stream",
            "assets/javascripts/archive-page.js": "text/javascript",
        }
        for path, wanted in types.items():
            status, headers, _ = fetch(url + path)
            assert status == 200 and headers["content-type"].split(";")[0] == wanted, (path, headers["content-type"])
        meta = next(Path("site/pagefind").glob("*.pf_meta"))
        assert fetch(url + "pagefind/" + meta.name)[1]["content-type"] == "application/octet-stream"
        gz = next(Path("site/sources").rglob("*.gz")).relative_to("site").as_posix()
        status, headers, body = fetch(url + gz)
        assert headers["content-type"] == "application/gzip" and "content-encoding" not in headers and body[:2] == b"\x1f\x8b"
    finally:
        stop()
        thread.join(10)
    assert not thread.is_alive()


def test_serve_without_a_site_and_without_building_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="policy-archive build"):
        serve_site(tmp_path / "site", build=False)


def test_the_serve_command_builds_and_serves_an_archive_with_no_flags(tmp_path):
    """`policy-archive serve` in an archive made by `new`: it builds the site and prints the address it serves."""
    import re
    import subprocess
    import sys

    from click.testing import CliRunner

    from policy_archive.cli import main

    archive = tmp_path / "archive"
    assert CliRunner().invoke(main, ["new", str(archive), "--title", "某市教育政策文件库", "--description", "测试"]).exit_code == 0
    for seed in sorted((ROOT / "seeds").glob("00[01]_*")):
        shutil.copy(seed, archive / "sources" / seed.name)
    command = "from policy_archive.cli import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", command, "serve", "--site-url", "https://owner.github.io/repo/"],
        cwd=archive,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = ""
        while "serving" not in line:
            line = server.stdout.readline()
            assert line, "the command ended without serving"
        url = re.search(r"http://127\.0\.0\.1:\d+/repo/", line).group(0)
        status, _, body = fetch(url)
        assert status == 200 and "某市教育政策文件库" in body.decode("utf-8")
        assert fetch(url + "pagefind/pagefind.js")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
