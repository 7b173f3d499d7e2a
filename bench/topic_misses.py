"""python -m bench.topic_misses [--corpus DIR] [--all]: the main topics got against the gold's, per document.

For each document whose topics differ from its gold (every document with --all): its title and type, the
gold's topics and the pipeline's, and the weight of every topic it mentions with what the weight reads
(t: in the title, h: headings, s: share of units, weighty / all mentions), the gold's marked with *, and the
meeting a news report reports (its topics are those the meeting's name and the title name). Then
precision, recall, tags per document against the gold's, and the topics most often added and missed:
the kinds of error to look for (tests/corpus/README.md says what a main topic is).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from policy_archive.extract.topics import find_topics, reported_meeting, weight
from policy_archive.pipeline import convert_all

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def _weights(doc, gold: set[str]) -> str:
    mentions = find_topics(list(doc.blocks), doc.metadata.get("title"))
    ranked = sorted(mentions.items(), key=lambda nm: -weight(nm[1]))
    meeting = reported_meeting(list(doc.blocks))
    return ("(a report of the meeting " + meeting + ")  " if meeting else "") + "  ".join(
        f"{name}{'*' if name in gold else ''}:{weight(m):.1f}(t{int(m.in_title)} h{m.headings} s{m.share:.2f} {m.weighty_hits}/{m.hits})"
        for name, m in ranked[:8]
    )


def report(corpus: Path, show_all: bool = False) -> list[str]:
    docs, _ = convert_all(corpus / "sources", workers=1)
    by_file = {copy: doc for doc in docs for copy in (doc.source.file, *doc.evidence_for("duplicate_source"))}
    lines, added, missed = [], Counter(), Counter()
    right = tags = wanted = documents = 0
    for gold_path in sorted((corpus / "gold").glob("*.yaml")):
        source = next((corpus / "sources").glob(gold_path.stem + ".*"))
        doc = by_file.get(source.name)
        if doc is None:
            continue
        documents += 1
        gold = set(yaml.safe_load(gold_path.read_text(encoding="utf-8"))["gold"].get("topics") or [])
        got = set(doc.metadata.get("topics") or [])
        right, tags, wanted = right + len(gold & got), tags + len(got), wanted + len(gold)
        added.update(got - gold)
        missed.update(gold - got)
        if show_all or got != gold:
            lines += [
                f"== {source.name}  [{doc.metadata.get('doc_type')}] {doc.metadata.get('title')}",
                f"   gold: {sorted(gold)}  got: {sorted(got)}",
                f"   {_weights(doc, gold)}",
            ]
    lines += [
        f"precision {right / max(tags, 1):.3f}, recall {right / max(wanted, 1):.3f}; "
        f"{tags / max(documents, 1):.2f} tags per document, the gold {wanted / max(documents, 1):.2f}",
        f"added: {added.most_common()}",
        f"missed: {missed.most_common()}",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder with sources/ and gold/")
    parser.add_argument("--all", action="store_true", help="every document, not only those with a difference")
    args = parser.parse_args(argv)
    print("\n".join(report(args.corpus, args.all)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
