"""python -m bench: build N real documents (or a generated corpus) with the project and with a naive mkdocs-material baseline; compare.

See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sys
import time
from pathlib import Path

from . import corpus, measure, phone

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASELINE_MAX_N = 2000
MB = 1_000_000

BASELINE_YML = """\
site_name: 基线 (stock mkdocs-material)
theme:
  name: material
  language: zh
  font: false  # like the project: no Google Fonts request (unreachable in mainland China)
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-]'
markdown_extensions: [attr_list, tables, toc]
nav:
"""


def convert_in_process(sources: Path) -> dict:
    """convert_all alone, in this process: documents per wall second and per CPU second (= per core), after the
    tables a process loads once (timed apart)."""
    from policy_archive.pipeline import _load_dictionaries, convert_all

    def cpu():
        return sum(
            getattr(resource.getrusage(who), f)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for f in ("ru_utime", "ru_stime")
        )

    # The tables every process loads once (jieba's dictionary, the knowledge tables and the patterns built
    # from them, the parsers of the sources' formats) are timed apart: they are a fixed cost of a build,
    # not a cost per document.
    l0, w0 = cpu(), time.perf_counter()
    _load_dictionaries(sources.rglob("*"))
    load_cpu, load_wall = cpu() - l0, time.perf_counter() - w0
    c0, t0 = cpu(), time.perf_counter()
    docs, outcomes = convert_all(sources)
    wall, cpu_s = time.perf_counter() - t0, cpu() - c0
    return {
        "documents": len(docs),
        "rejected": sum(o.status == "rejected" for o in outcomes),
        "load_wall_s": round(load_wall, 2),
        "load_cpu_s": round(load_cpu, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu_s, 2),
        "docs_per_s": round(len(outcomes) / wall, 1),
        "docs_per_s_per_core": round(len(outcomes) / cpu_s, 1),
        "text_bytes": {d.metadata["id"]: len("\n".join(d.paragraphs).encode()) for d in docs},
    }


def page_sizes(site: Path, text_bytes: dict[str, int], pattern: str) -> dict:
    """Average HTML bytes of the document pages, and their ratio to each document's own text bytes."""
    ratios, sizes = [], []
    for doc_id, text in text_bytes.items():
        html = site / pattern.format(id=doc_id) / "index.html"
        sizes.append(html.stat().st_size)
        ratios.append(sizes[-1] / max(text, 1))
    total, files = measure.dir_bytes(site)
    return {
        "site_bytes": total,
        "site_files": files,
        "site_bytes_by_folder": measure.top_folders(site),
        "html_bytes_per_doc_page": round(sum(sizes) / len(sizes)),
        "html_to_text_mean": round(sum(ratios) / len(ratios), 2),
        "html_to_text_max": round(max(ratios), 2),
        "text_bytes_per_doc": round(sum(text_bytes.values()) / len(text_bytes)),
    }


def _build_command(out: Path, sources: Path) -> list[str]:
    """The project's build of `sources` into out/docs and out/site, with its conversion cache in out/cache
    (when the command has one)."""
    cmd = [str(BIN / "policy-archive"), "build", "--sources", str(sources), "--docs", str(out / "docs"), "--site", str(out / "site")]
    cmd += ["--config", str(ROOT / "mkdocs.yml")]
    if "--cache" in measure.subprocess.run(cmd[:2] + ["--help"], capture_output=True, text=True).stdout:
        cmd += ["--cache", str(out / "cache")]
    return cmd


def build_project(work: Path, sources: Path) -> dict:
    out = work / "project"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    # (an empty cache: a cold first build)
    return measure.run(_build_command(out, sources), out / "build.log", cwd=ROOT)


def rebuild_with_one_more(work: Path, sources: Path) -> dict:
    """Add one new document (a varied copy of the first source) and build again into the same folders, with
    the first build's conversion cache: what a curator waits for after adding a file."""
    # Its years moved back by 13: the replicas move them by 1-12, so this copy is none of them. (Until 2026-12-04
    # evening the copy was corpus.vary's, which gave the first source back as a replica already there: a
    # duplicate the build set aside, so that the rebuild added no document.)
    for first in sorted(p for p in sources.iterdir() if p.suffix.lower() != ".docx"):
        decoded = corpus.decode_text(first.read_bytes())
        if decoded and corpus.moved_back(decoded[0], 13) != decoded[0]:
            break
    text, encoding = decoded
    (sources / f"zz-added-{first.name}").write_bytes(corpus.moved_back(text, 13).encode(encoding))
    out = work / "project"
    measured = measure.run(_build_command(out, sources), out / "rebuild.log", cwd=ROOT)
    documents = [_documents_built(out / name) for name in ("build.log", "rebuild.log")]
    return measured | {"profile": profile(out / "rebuild.log"), "documents": documents}


def _documents_built(log: Path) -> int | None:
    # (The build's summary: 'first build: 977 documents converted from 977 sources' or '978 documents from 978 sources: …'.)
    m = re.search(r"(\d+) documents?(?: converted)? from \d+ sources?", log.read_text(encoding="utf-8", errors="replace"))
    return int(m.group(1)) if m else None


# The build's own account of where its time went (archive.py and site.py log these lines).
_PROFILE_LINES = {
    "conversion": re.compile(r"converted (\d+) sources? in ([\d.]+)s"),
    "writing docs": re.compile(r"wrote docs in ([\d.]+)s"),
    "site": re.compile(
        r"site built in ([\d.]+)s \(mkdocs ([\d.]+)s(, incremental)?, pagefind ([\d.]+)s, \d+ raw sources ([\d.]+)s(?: beside it)?\)"
    ),
    "data": re.compile(r"archive.sqlite built in ([\d.]+)s beside the site; data and downloads written in ([\d.]+)s"),
}


def profile(log: Path) -> dict:
    """Seconds per stage of a build, from its log: conversion, writing docs/, MkDocs, Pagefind, and what runs in
    threads beside them: the database (from the start of MkDocs), copying sources, the data files and downloads
    (while Pagefind indexes)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    out = {}
    if m := _PROFILE_LINES["conversion"].search(text):
        out["conversion"] = float(m.group(2))
    if m := _PROFILE_LINES["writing docs"].search(text):
        out["writing docs"] = float(m.group(1))
    if m := _PROFILE_LINES["site"].search(text):
        mkdocs = "mkdocs (pages changed)" if m.group(3) else "mkdocs"
        out |= {mkdocs: float(m.group(2)), "pagefind": float(m.group(4)), "copying sources (beside Pagefind)": float(m.group(5))}
    if m := _PROFILE_LINES["data"].search(text):
        out |= {"archive.sqlite (beside MkDocs)": float(m.group(1)), "data and downloads (beside Pagefind)": float(m.group(2))}
    return out


def site_parts(site: Path, documents: int) -> dict:
    """Site bytes per document, split: document pages, raw sources, search index, everything else."""
    parts = {"pages": 0, "sources": 0, "search index": 0, "other": 0}
    for entry in site.iterdir():
        size = measure.dir_bytes(entry)[0] if entry.is_dir() else entry.stat().st_size
        key = {"documents": "pages", "sources": "sources"}.get(entry.name, "search index" if entry.name.startswith("pagefind") else "other")
        parts[key] += size
    return {k: round(v / max(documents, 1)) for k, v in parts.items()}


def build_baseline(work: Path, project_docs: Path) -> dict:
    """A flat docs/ of the same Markdown pages, every one in nav, stock Material + its lunr search with jieba."""
    out = work / "baseline"
    shutil.rmtree(out, ignore_errors=True)
    (out / "docs").mkdir(parents=True)
    pages = sorted((project_docs / "documents").glob("*.md"))
    for page in pages:
        shutil.copyfile(page, out / "docs" / page.name)
    (out / "docs" / "index.md").write_text("# 基线\n\n文件库首页。\n", encoding="utf-8")
    nav = "".join(f"  - {p.name}\n" for p in pages)
    (out / "mkdocs.yml").write_text(BASELINE_YML + "  - index.md\n" + nav, encoding="utf-8")
    return measure.run([str(BIN / "mkdocs"), "build", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")], out / "build.log")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="documents (default 1000)")
    ap.add_argument(
        "--corpus",
        default="real",
        help="real (default): the annotated real documents of tests/corpus and the seeds, replicated to N with variations; "
        "generated: the seeded generated corpus; or a folder of sources (e.g. an export of a law repository)",
    )
    ap.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after adding one document")
    ap.add_argument("--query", default="学前教育", help="search query typed in the browser")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--no-baseline", action="store_true", help="skip the mkdocs-material baseline")
    ap.add_argument("--baseline-force", action="store_true", help=f"build the baseline even when N > {BASELINE_MAX_N}")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium search measurements (the phone's too)")
    ap.add_argument("--no-phone", action="store_true", help="skip the phone measurement (bench/phone.py)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    args = ap.parse_args(argv)

    kind = args.corpus if args.corpus in ("real", "generated") else "folder"
    work = (args.work / f"{kind}-n{args.n}").resolve()
    baseline = not args.no_baseline and (args.n <= BASELINE_MAX_N or args.baseline_force)
    note = None
    if not args.no_baseline and not baseline:
        note = f"baseline skipped: N={args.n} > {BASELINE_MAX_N} (its pages each list all N pages: size grows with N²); --baseline-force builds it"
        print(note, flush=True)
    step = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)  # noqa: E731

    if kind == "generated":
        step(f"generating {args.n} documents (seed {args.seed}) in {work / 'sources'}")
        sources = corpus.generate(work, args.n, args.seed)
    else:
        folders = corpus.REAL_FOLDERS if kind == "real" else (Path(args.corpus).resolve(),)
        step(f"replicating the real documents of {', '.join(str(f) for f in folders)} to {args.n} in {work / 'sources'}")
        sources = corpus.replicate(work, args.n, folders)
    source_bytes, _ = measure.dir_bytes(sources)
    step("converting in-process (convert_all)")
    conversion = convert_in_process(sources)
    text_bytes = conversion.pop("text_bytes")
    step("building the project (policy-archive build)")
    result = {
        "n": args.n,
        "corpus": args.corpus,
        "query": args.query,
        "seed": args.seed,
        "commit": _commit(),
        "source_bytes": source_bytes,
        "conversion": conversion,
        "note": note,
    }
    result["project"] = build_project(work, sources) | page_sizes(work / "project" / "site", text_bytes, "documents/{id}")
    result["project"]["profile"] = profile(work / "project" / "build.log")
    result["project"]["site_parts"] = site_parts(work / "project" / "site", conversion["documents"])
    if not args.no_rebuild:
        step("adding one document and rebuilding (the conversion cache of the first build)")
        result["project"]["rebuild_one_more"] = rebuild_with_one_more(work, sources)
    if baseline:
        step("building the baseline (mkdocs build, stock Material + search lang zh/jieba)")
        result["baseline"] = build_baseline(work, work / "project" / "docs") | page_sizes(work / "baseline" / "site", text_bytes, "{id}")
    if not args.no_browser:
        for name in ("project", "baseline") if baseline else ("project",):
            step(f"searching {args.query!r} in headless Chromium ({name})")
            result[name]["search"] = measure.search_bytes(work / name / "site", args.query, name)
        if not args.no_phone:
            step("the project's site on a phone over a slow network (bench/phone.py)")
            result["project"]["phone"] = phone.measure(work / "project" / "site", args.query)
            print(phone.report(result["project"]["phone"]), flush=True)
    result["targets"] = targets(result)
    print(table(result))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"bench-N{args.n}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten {path}")
    return result


def _commit() -> str:
    """The project's commit, "+dirty" when build/, overrides/ or mkdocs.yml have uncommitted changes."""
    git = lambda *a: measure.subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    return git("rev-parse", "--short", "HEAD") + ("+dirty" if git("status", "--porcelain", "build", "overrides", "mkdocs.yml") else "")


def _rows(result: dict) -> list[tuple[str, str, object, object]]:
    """(label, unit, project value, baseline value)."""
    p, b = result["project"], result.get("baseline") or {}
    ps, bs = p.get("search", {}), b.get("search", {})
    return [
        ("build wall time", "s", p["wall_s"], b.get("wall_s")),
        ("build CPU time (all processes)", "s", p.get("cpu_s"), b.get("cpu_s")),
        ("peak memory, process tree", "MB", p["peak_tree_rss_bytes"] / MB, b.get("peak_tree_rss_bytes", 0) / MB or None),
        ("peak memory, process tree, PSS", "MB", p.get("peak_tree_pss_bytes", 0) / MB, b.get("peak_tree_pss_bytes", 0) / MB or None),
        ("peak memory, largest process", "MB", p["max_process_rss_bytes"] / MB, b.get("max_process_rss_bytes", 0) / MB or None),
        ("site size", "MB", p["site_bytes"] / MB, b.get("site_bytes", 0) / MB or None),
        ("site files", "", p["site_files"], b.get("site_files")),
        ("HTML per document page", "KB", p["html_bytes_per_doc_page"] / 1000, b.get("html_bytes_per_doc_page", 0) / 1000 or None),
        ("HTML / document text, mean", "x", p["html_to_text_mean"], b.get("html_to_text_mean")),
        ("HTML / document text, max", "x", p["html_to_text_max"], b.get("html_to_text_max")),
        ("search bytes before 1st result", "KB", ps.get("search_bytes", 0) / 1000 or None, bs.get("search_bytes", 0) / 1000 or None),
        ("all bytes before 1st result", "KB", ps.get("total_bytes", 0) / 1000 or None, bs.get("total_bytes", 0) / 1000 or None),
        (
            "bytes from typing to 1st result",
            "KB",
            ps.get("bytes_after_typing", -1) / 1000 if ps else None,
            bs.get("bytes_after_typing", -1) / 1000 if bs else None,
        ),
        ("1st result after typing", "s", ps.get("first_result_after_typing_s"), bs.get("first_result_after_typing_s")),
    ]


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if isinstance(value, int) or abs(value) >= 100 else f"{value:,.2f}"


def table(result: dict) -> str:
    c = result["conversion"]
    lines = [
        f"\nN={result['n']}  commit {result['commit']}  query={result['query']}  sources {result['source_bytes'] / MB:.1f} MB  "
        f"({c['documents']} documents, {c['rejected']} rejected)",
        f"{'':34}{'project':>12}{'baseline':>12}{'ratio':>8}",
    ]
    for label, unit, pv, bv in _rows(result):
        ratio = f"{pv / bv:.3f}" if pv and bv else "-"
        lines.append(f"{label + (f' ({unit})' if unit else ''):34}{_fmt(pv):>12}{_fmt(bv):>12}{ratio:>8}")
    for name in ("project", "baseline"):
        if result.get(name):
            top = list(result[name]["site_bytes_by_folder"].items())[:6]
            lines.append(f"{name} site, largest parts: " + ", ".join(f"{k} {v / MB:.1f} MB" for k, v in top))
    parts = result["project"].get("site_parts")
    if parts:
        lines.append(
            "project site per document: "
            + ", ".join(f"{k} {v / 1000:.1f} KB" for k, v in parts.items())
            + f" (total {sum(parts.values()) / 1000:.1f} KB)"
        )
    prof = result["project"].get("profile")
    if prof:
        lines.append("project build profile: " + ", ".join(f"{k} {v:.1f} s" for k, v in prof.items()))
    again = result["project"].get("rebuild_one_more")
    if again:
        lines.append(
            f"rebuild after adding one document: {again['wall_s']:.1f} s wall, {again['cpu_s']:.1f} s CPU ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in again["profile"].items())
            + ")"
            + (f"; documents {again['documents'][0]} -> {again['documents'][1]}" if again.get("documents") else "")
        )
    lines.append(
        f"conversion alone (convert_all): {c['docs_per_s']} docs/s wall, {c['docs_per_s_per_core']} docs/s per core "
        f"({c['documents']} docs, {c['wall_s']} s wall, {c['cpu_s']} s CPU), after loading the tables once "
        f"({c.get('load_wall_s', 0)} s wall, {c.get('load_cpu_s', 0)} s CPU)"
    )
    if result.get("note"):
        lines.append(result["note"])
    lines.append("\ntargets:")
    for t in result["targets"]:
        lines.append(f"  {'PASS' if t['ok'] else 'FAIL'}  {t['target']:48} measured {t['measured']}")
    return "\n".join(lines)


def targets(result: dict) -> list[dict]:
    """The targets of the issue "Fast on real documents" that this run can check (any N: conversion rate;
    N=1,000: build time against the baseline; N=10,000: time, memory, size, search bytes, rebuild; N=100,000: time and memory)."""
    p, b, n = result["project"], result.get("baseline"), result["n"]
    out = []

    def check(target, measured, ok):
        out.append({"target": target, "measured": measured, "ok": bool(ok)})

    if b:
        check("build wall time <= 1/3 of baseline", f"{p['wall_s'] / b['wall_s']:.3f}", p["wall_s"] * 3 <= b["wall_s"])
    rate = result["conversion"]["docs_per_s_per_core"]
    check("conversion >= 500 docs/s per core", f"{rate}", rate >= 500)
    if "search" in p:
        limit = 300_000 if n >= 10000 else 1_000_000
        check(
            f"search bytes before 1st result <= {limit // 1000} KB",
            f"{p['search']['search_bytes'] / 1000:.0f} KB",
            p["search"]["search_bytes"] <= limit,
        )
    # The size and memory targets are the for 10,000 and 100,000 documents: a small archive's
    # pages carry the site's fixed assets (theme, scripts, Pagefind's runtime) over fewer documents.
    # Memory is the process tree's PSS: forked workers share their parent's pages, which a sum of RSS
    # counts once per process (both are printed above).
    per_doc = sum(p["site_parts"].values()) if "site_parts" in p else p["site_bytes"] / max(n, 1)
    pss = p.get("peak_tree_pss_bytes", p["peak_tree_rss_bytes"])
    if n >= 10000 and n < 100000:
        check("site <= 30 KB per document", f"{per_doc / 1000:.1f} KB", per_doc <= 30_000)
        check("build <= 3 min", f"{p['wall_s']:.0f} s", p["wall_s"] <= 180)
        check("peak memory <= 2 GB (process tree, PSS)", f"{pss / 1e9:.2f} GB", pss <= 2e9)
    if "rebuild_one_more" in p:
        again = p["rebuild_one_more"]["wall_s"]
        before, after = p["rebuild_one_more"].get("documents") or (None, None)
        added = before is not None and after == before + 1  # (else the added file was no new document)
        check(
            "rebuild after adding one document <= 45 s",
            f"{again:.1f} s" + ("" if added else " (no document added!)"),
            added and again <= 45,
        )
    for t in p.get("phone", {}).get("targets", []):
        check(f"phone: {t['target']} <= {t['limit']} s", f"{t['measured']:.2f} s", t["ok"])
    if n >= 100000:
        check("build <= 30 min", f"{p['wall_s']:.0f} s", p["wall_s"] <= 1800)
        check("peak memory <= 4 GB (process tree, PSS)", f"{pss / 1e9:.2f} GB", pss <= 4e9)
    return out


if __name__ == "__main__":
    main()
