"""Measurements: a command's wall time and peak memory, a site's bytes, and a search's bytes in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlparse

# Runs the command in a fresh child so RUSAGE_CHILDREN covers that command's process tree only.
_WRAPPER = """
import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.STDOUT).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime)
print(usage.ru_maxrss)
sys.exit(rc)
"""


PSS_EVERY = 20  # RSS samples (50 ms apart) per PSS sample


def _tree_memory(root: int, pss: bool = False) -> tuple[int, int]:
    """Resident bytes of all descendants of a process (not the process itself), from /proc: summed RSS
    (a page shared by forked workers counted in each) and, when asked, summed PSS (each shared page
    divided among the processes that share it: the memory the tree really holds). PSS walks each
    process's page tables (/proc/PID/smaps_rollup), which costs a good share of a core if done as
    often as RSS is read."""
    rss_bytes, pss_bytes, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        try:
            if pid != root:
                rss_bytes += _status_kb(f"/proc/{pid}/status", "VmRSS:") * 1024
                if pss:
                    pss_bytes += _status_kb(f"/proc/{pid}/smaps_rollup", "Pss:") * 1024
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return rss_bytes, pss_bytes


def _status_kb(path: str, key: str) -> int:
    with open(path) as f:
        return next((int(line.split()[1]) for line in f if line.startswith(key)), 0)


def run(cmd: list[str], log: Path, cwd: Path | None = None) -> dict:
    """Run cmd; return wall seconds, CPU seconds of its whole process tree (user + system), the largest single
    process's peak RSS (getrusage) and the peak RSS summed over the process tree (sampled from /proc every 50 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(log), *cmd], stdout=subprocess.PIPE, text=True, cwd=cwd)
    peak, peak_pss, samples = 0, 0, 0
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid, pss=samples % PSS_EVERY == 0)
        peak, peak_pss, samples = max(peak, rss), max(peak_pss, pss), samples + 1
        time.sleep(0.05)
    wall = time.perf_counter() - start
    out = proc.stdout.read().strip().splitlines()
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{log.read_text()[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(float(out[-2]), 2),
        "max_process_rss_bytes": int(out[-1]) * 1024,
        "peak_tree_rss_bytes": peak,
        "peak_tree_pss_bytes": peak_pss,
    }


def dir_bytes(root: Path) -> tuple[int, int]:
    """(total bytes, file count) of every file below root."""
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def top_folders(root: Path) -> dict[str, int]:
    """Bytes below each top-level entry of root, largest first."""
    sizes = {p.name: dir_bytes(p)[0] if p.is_dir() else p.stat().st_size for p in root.iterdir()}
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def serve(root: Path):
    """Serve root on 127.0.0.1 (a free port) in a thread; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]
SEARCH_PATHS = ("/pagefind", "search_index.json", "/workers/search", "/lunr/")


def search_bytes(site: Path, query: str, kind: str, timeout_ms: int = 120_000) -> dict:
    """Open the site in headless Chromium, type the query into its search box, wait for the first result and
    count the body bytes (len(response.body())) of every response received up to that moment: the moment the
    page put the result in its DOM (a MutationObserver), not the later moment Playwright noticed it, and each
    response's end from the browser's own timing (on a loaded machine, Playwright notices late and the page's
    further requests would be counted as well).

    kind "project": the search page search/ (input #archive-q, results .archive-result);
    kind "baseline": the home page, Material's search dialog opened with the `s` key (results .md-search-result__item).
    """
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
            context = browser.new_context()
            responses: list = []
            context.on("response", lambda r: responses.append(r))  # the context also sees the search worker's fetches
            page = context.new_page()
            t0 = time.perf_counter()
            if kind == "project":
                page.goto(base + "search/", wait_until="networkidle")
                # Without a query the search page lists every document: those results are marked, so that the
                # first result waited for is the query's (the list is rebuilt when the query's results come).
                page.eval_on_selector_all(".archive-result", "els => els.forEach(e => e.setAttribute('data-before-query', ''))")
                first = ".archive-result:not([data-before-query])"
                box = "#archive-q"
            else:
                page.goto(base, wait_until="networkidle")
                page.keyboard.press("s")
                page.wait_for_selector("input.md-search__input:focus", timeout=timeout_ms)
                first = ".md-search-result__item"
                box = "input.md-search__input"
            typed = len(responses)
            t1 = time.perf_counter()
            typed_at = page.evaluate(_WATCH_FIRST, first)
            page.fill(box, query)  # the whole word at once, like an IME committing it
            page.keyboard.press("End")  # a key event too: Material's search listens to keyup, not input
            page.wait_for_selector(first, timeout=timeout_ms)
            t2 = time.perf_counter()
            shown_at = page.wait_for_function("() => window.__firstResultAt", timeout=timeout_ms).json_value()
            # The page's own clock for its own requests (Resource Timing); Playwright's for a worker's requests.
            ends: dict[str, list[float]] = {}
            for name, end in page.evaluate(_RESOURCE_ENDS):
                ends.setdefault(name, []).append(end)
            seen = [r for r in list(responses) if _finished_at(r, ends) <= shown_at]
            typed = sum(1 for r in responses[:typed] if r in seen)
            results = page.locator(".archive-result" if kind == "project" else ".md-search-result__item").count()
            rows = [(urlparse(r.url).path, _body_size(r)) for r in seen]
            browser.close()
    finally:
        server.shutdown()
    is_search = lambda path: any(s in path for s in SEARCH_PATHS)  # noqa: E731
    return {
        "query": query,
        "url": base + ("search/" if kind == "project" else "") + ("" if kind == "project" else f"  (s, then ?q={quote(query)})"),
        "page_load_s": round(t1 - t0, 2),
        "first_result_after_typing_s": round((shown_at - typed_at) / 1000, 2),
        "first_result_noticed_after_typing_s": round(t2 - t1, 2),
        "results_shown": results,
        "total_bytes": sum(size for _, size in rows),
        "search_bytes": sum(size for path, size in rows if is_search(path)),
        "bytes_after_typing": sum(size for _, size in rows[typed:]),
        "requests": len(rows),
        "responses": sorted(rows, key=lambda r: -r[1]),  # (path, body bytes), largest first
    }


# Records (epoch ms) when the first element matching the selector enters the DOM; returns the time now.
_WATCH_FIRST = """selector => {
    performance.setResourceTimingBufferSize(10000);
    window.__firstResultAt = null;
    new MutationObserver((_, observer) => {
        if (document.querySelector(selector)) {
            window.__firstResultAt = performance.timeOrigin + performance.now();
            observer.disconnect();
        }
    }).observe(document.documentElement, {childList: true, subtree: true, attributes: true});
    return performance.timeOrigin + performance.now();
}"""


_RESOURCE_ENDS = "() => performance.getEntriesByType('resource').map(e => [e.name, performance.timeOrigin + e.responseEnd])"


def _finished_at(response, ends: dict[str, list[float]]) -> float:
    """When the browser received the response's last byte (epoch ms); infinity while it has not. From the page's
    Resource Timing when it lists the request (the same clock as the first result's time: Playwright's request
    timing comes from the network service's clock, a few milliseconds apart), else from Playwright's timing."""
    if ends.get(response.url):
        return ends[response.url].pop(0)
    timing = response.request.timing
    end = timing.get("responseEnd", -1)
    return timing["startTime"] + end if end >= 0 else float("inf")


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # a redirect or an evicted body: the transferred size Chromium recorded
        return response.request.sizes().get("responseBodySize", 0)
