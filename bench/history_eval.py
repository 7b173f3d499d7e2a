"""python -m bench.history_eval: a document's time measured on real documents (issue 25).

1. History events, versions and status on tests/history: 23 education laws and regulations saved from
   LawRefBook/Laws (origins.yaml), four of them in two versions, annotated by hand (annotations.yaml). An event
   is right when the pipeline reads it with the annotated date and action; its body is compared too. Every
   annotated group must be one group of the archive, linked, with exactly one current version (the annotated
   one); every status must be the annotated one and carry its evidence.
2. Periods on the real corpus (tests/corpus): every plan whose title names a period (periods.yaml) must carry it,
   and no other title may get one.

Prints the figures and every miss; `--json FILE` writes the figures too. Exit status 0 always (a measurement).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import yaml

from policy_archive.pipeline import convert_all
from policy_archive.validity import with_status

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "tests" / "history"
CORPUS = ROOT / "tests" / "corpus"


def _events(doc) -> list[tuple[str, str, str | None]]:
    return [(e["date"], e["action"], e.get("body")) for e in doc.metadata.get("history") or []]


def measure_history(as_of: str | None = None) -> tuple[dict, list[str]]:
    annotated = yaml.safe_load((HISTORY / "annotations.yaml").read_text(encoding="utf-8"))
    docs, _ = convert_all(HISTORY / "sources", cache_dir=None, workers=1)
    docs = with_status(docs, as_of)
    by_file = {d.source.file: d for d in docs}
    misses: list[str] = []
    counts = Counter()
    for name, want in sorted(annotated.items()):
        doc = by_file[name]
        got = _events(doc)
        got_keys = Counter((date, action) for date, action, _ in got)
        for date, action, body in want["events"]:
            counts["events"] += 1
            key = (str(date), action)
            if got_keys[key]:
                got_keys[key] -= 1
                counts["events_right"] += 1
                bodies = [b for d, a, b in got if (d, a) == key]
                counts["bodies_right"] += body in bodies
                if body not in bodies:
                    misses.append(f"{name}: body of {key}: got {bodies} want {body!r}")
            else:
                misses.append(f"{name}: event {key} {body or ''} not read")
        for key, n in got_keys.items():
            counts["events_extra"] += n
            if n:
                misses.append(f"{name}: event {key} read but not annotated")
        counts["statuses"] += 1
        m = doc.metadata
        if m["status"] == want["status"] and m["status_basis"]:
            counts["statuses_right"] += 1
        else:
            misses.append(f"{name}: status {m['status']!r} ({m['status_basis']}) want {want['status']!r}")
    _groups(annotated, by_file, counts, misses)
    figures = {
        "documents": len(annotated),
        "events": counts["events"],
        "events_right": counts["events_right"] / counts["events"],
        "events_extra": counts["events_extra"],
        "bodies_right": counts["bodies_right"] / counts["events"],
        "groups": counts["groups"],
        "groups_right": counts["groups_right"],
        "statuses_right": counts["statuses_right"] / counts["statuses"],
        "as_of": next(iter(d.metadata["status_as_of"] for d in docs if d.metadata["status_as_of"]), None),
    }
    return figures, misses


def _groups(annotated: dict, by_file: dict, counts: Counter, misses: list[str]) -> None:
    """Each annotated group: one group of the archive holding exactly its files, linked, one current (the annotated)."""
    wanted: dict[str, list[str]] = {}
    for name, want in annotated.items():
        if want.get("group"):
            wanted.setdefault(want["group"], []).append(name)
    for group, names in sorted(wanted.items()):
        counts["groups"] += 1
        ids = {by_file[n].metadata["id"] for n in names}
        linked = all(set(by_file[n].metadata["versions"]) == ids for n in names)
        currents = {by_file[n].metadata["current_version"] for n in names}
        annotated_current = {by_file[n].metadata["id"] for n in names if annotated[n]["current"]}
        if linked and len(currents) == 1 and currents == annotated_current:
            counts["groups_right"] += 1
        else:
            misses.append(f"group {group}: versions {[by_file[n].metadata['versions'] for n in names]}, current {currents}")
    ungrouped = [n for n, want in annotated.items() if not want.get("group") and by_file[n].metadata["versions"]]
    misses += [f"{n}: grouped as a version of {by_file[n].metadata['versions']} but is none" for n in ungrouped]


def measure_periods() -> tuple[dict, list[str]]:
    annotated = yaml.safe_load((HISTORY / "periods.yaml").read_text(encoding="utf-8"))
    docs, _ = convert_all(CORPUS / "sources", cache_dir=None, workers=1)
    misses, right, extra = [], 0, 0
    for doc in sorted(docs, key=lambda d: d.source.file):
        stem = doc.source.file.rsplit(".", 1)[0]
        m = doc.metadata
        got = [m["period_start"], m["period_end"]] if m.get("period_start") else None
        if stem in annotated:
            if got == annotated[stem]:
                right += 1
            else:
                misses.append(f"{doc.source.file}: period {got} want {annotated[stem]} ({m.get('title')})")
        elif got:
            extra += 1
            misses.append(f"{doc.source.file}: period {got} on a title not annotated as a plan ({m.get('title')})")
    return {"plans": len(annotated), "periods_right": right / len(annotated), "periods_extra": extra}, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default=None, help="the date statuses are judged at (default: the sources' latest)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    history, misses = measure_history(args.as_of)
    periods, period_misses = measure_periods()
    print(f"history ({history['documents']} documents, tests/history; statuses as of {history['as_of']})")
    print(
        f"  events right (date and action): {history['events_right']:.1%} of {history['events']}, {history['events_extra']} read beyond the annotation"
    )
    print(f"  bodies right:                   {history['bodies_right']:.1%}")
    print(
        f"  version groups right:           {history['groups_right']} / {history['groups']} (linked, exactly one current, the annotated one)"
    )
    print(f"  statuses right with evidence:   {history['statuses_right']:.1%}")
    print(
        f"periods ({periods['plans']} plans of tests/corpus): {periods['periods_right']:.1%} right, {periods['periods_extra']} on other titles"
    )
    for miss in misses + period_misses:
        print("  miss:", miss)
    if args.json:
        args.json.write_text(json.dumps({"history": history, "periods": periods}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
