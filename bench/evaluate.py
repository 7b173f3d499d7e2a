"""python -m bench.evaluate: the pipeline on the real annotated corpus (tests/corpus), against its gold.

Prints per-field accuracy, precision and recall of the main topics, the web furniture left in the text,
the policy sentences lost, and every miss (got / want). `--json FILE` writes the figures too.
Values are compared after the normalisations a reader would not count as a difference (see `_norm`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from policy_archive.clean import _t2s, remove_pinyin
from policy_archive.extract import find_regions
from policy_archive.knowledge import regions_by_name
from policy_archive.pipeline import convert_all

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FIELDS = (
    "title",
    "doc_number",
    "issuers",
    "date_written",
    "date_published",
    "date_effective",
    "year",
    "province",
    "city",
    "county",
    "doc_type",
)
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
# Web furniture that must never reach a page's text (checked on every document of the corpus).
NOISE = (
    "本站原创",
    "作者：佚名",
    "作者:佚名",
    "打印正文",
    "【打印",
    "打印本页",
    "关闭窗口",
    "关闭本页",
    "上一篇",
    "下一篇",
    "ICP备",
    "法宝引证码",
    "原文链接",
    "&nbsp;",
    "点击数",
    "浏览次数",
    "返回顶部",
    "分享到",
    "扫一扫",
    "版权所有",
    "INFO END",
    "<!--",
)
_PUNCT = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ",": "，",
        ":": "：",
        ";": "；",
        "?": "？",
        "!": "！",
        "[": "〔",
        "]": "〕",
        "【": "〔",
        "】": "〕",
        "［": "〔",
        "］": "〕",
        "“": '"',
        "”": '"',
        "〈": "<",
        "〉": ">",
    }
)
_SPACE = re.compile(r"\s+")


def _norm(value) -> str | None:
    """Simplified script, no spaces, one form of each bracket and of ASCII/full-width punctuation."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return _SPACE.sub("", _simplified(str(value))).translate(_PUNCT)


def _simplified(text: str) -> str:
    """Gold may be written in the document's Traditional script and keep its pinyin debris."""
    return _t2s().convert(remove_pinyin(text)[0])


def _doc_number(value) -> str | None:
    text = _norm(value)
    if text is None:
        return None
    return re.sub(r"[（(〔]((?:19|20)\d\d)[）)〕]", r"〔\1〕", text).replace("第", "")


def _organ(name: str) -> str:
    """One spelling of an organ's name: 中共温州市委办公室 = 温州市委办公室, 温州市政府 = 温州市人民政府,
    教育工委 = 教育工作委员会, 重庆市教委 = 重庆市教育委员会, 亳州市谯城区教育局 = 谯城区教育局 (a county-level name with or without its city)."""
    name = name.removeprefix("中共")
    name = re.sub(r"(?<=[省市县区州旗盟])政府", "人民政府", name)
    name = name.replace("人民人民政府", "人民政府").replace("教育工委", "教育工作委员会")
    name = re.sub(r"(?<=[省市县区州旗])教委$", "教育委员会", name)
    for k in range(8, 1, -1):  # a short or former place name at the start: 楚雄州 = 楚雄彝族自治州
        regions = regions_by_name().get(name[:k])
        if regions and len(regions) == 1 and regions[0].name != name[:k]:
            name = regions[0].name + name[k:]
            break
    chain = find_regions(name)
    if chain and chain[-1].level == "county" and chain[-1].name in name:
        name = name[name.index(chain[-1].name) :]
    return name


def _issuers(value) -> frozenset[str] | None:
    if not value:
        return None
    items = value if isinstance(value, list) else str(value).split()
    return frozenset(_organ(_norm(v)) for v in items if _norm(v))


def _place(gold: dict, got: dict, level: str) -> tuple:
    want, have = _norm(gold.get(level)), _norm(got.get(level))
    if level == "city" and (_norm(gold.get("province")) in MUNICIPALITIES or _norm(got.get("province")) in MUNICIPALITIES):
        # A municipality is province and city at once: its city field may be itself or empty.
        want = None if want in MUNICIPALITIES else want
        have = None if have in MUNICIPALITIES else have
    return want, have


def compare(gold: dict, metadata: dict) -> dict[str, tuple]:
    """{field: (want, got)} for every gold field, normalised."""
    got = dict(metadata)
    got["issuers"] = metadata.get("issuer")
    pairs = {}
    for field in FIELDS:
        if field in ("province", "city", "county"):
            pairs[field] = _place(gold, got, field)
        elif field == "doc_number":
            pairs[field] = (_doc_number(gold.get(field)), _doc_number(got.get(field)))
        elif field == "issuers":
            pairs[field] = (_issuers(gold.get(field)), _issuers(got.get(field)))
        elif field == "year":
            pairs[field] = (gold.get(field), got.get(field))
        else:
            pairs[field] = (_norm(gold.get(field)), _norm(got.get(field)))
    return pairs


_SENTENCE = re.compile(r"[^。！？\n]{12,}[。！？]")


def lost_sentences(raw: str, text: str) -> list[str]:
    """Sentences of the source (12+ characters ending in 。！？) that the page's text lacks (pass the text
    and the evidence cleaning kept: a colophon's 抄送 line or a site's disclaimer is metadata, not lost)."""
    if "<html" in raw[:2000].lower() or "<body" in raw.lower():
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(raw, "lxml")
        for tag in soup(["script", "style", "head", "title"]):
            tag.decompose()
        raw = soup.get_text("\n")
    have = _SPACE.sub("", _simplified(text)).translate(_PUNCT)
    lost = []
    for sentence in _SENTENCE.findall(raw):
        # The documented normalisations (pinyin glued to characters removed, Simplified script) are not losses.
        key = _SPACE.sub("", _simplified(sentence)).translate(_PUNCT)
        key = re.sub(r"^[\s\u3000>#*\-|]+", "", key)
        if key and key not in have:
            lost.append(sentence.strip())
    return lost


def evaluate(corpus: Path = CORPUS) -> dict:
    docs, outcomes = convert_all(corpus / "sources", workers=1)
    by_file = {}
    for doc in docs:
        by_file[doc.source.file] = doc
        for copy in doc.evidence_for("duplicate_source"):
            by_file[copy] = doc
    rejected = {o.file: o.reason for o in outcomes if o.status == "rejected"}
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    misses, noise, lost = [], [], []
    topic_tp = topic_fp = topic_fn = 0
    for gold_path in sorted((corpus / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        source = next((corpus / "sources").glob(gold_path.stem + ".*"))
        doc = by_file.get(source.name)
        if doc is None:
            misses.append((source.name, "(rejected)", rejected.get(source.name, "no page"), ""))
            for field in FIELDS:
                total[field] += 1
            continue
        for field, (want, have) in compare(gold["gold"], doc.metadata).items():
            total[field] += 1
            if want == have:
                right[field] += 1
            else:
                misses.append((source.name, field, have, want))
        want_topics, got_topics = set(gold["gold"].get("topics") or []), set(doc.metadata.get("topics") or [])
        topic_tp += len(want_topics & got_topics)
        topic_fp += len(got_topics - want_topics)
        topic_fn += len(want_topics - got_topics)
        text = "\n".join(doc.paragraphs)
        noise += [(source.name, n) for n in NOISE if n in text]
        kept = "\n".join([text, doc.metadata.get("title") or "", *(value for _, value in doc.evidence)])
        lost += [(source.name, s) for s in lost_sentences(source.read_text(encoding="utf-8", errors="replace"), kept)]
    fields_right, fields_total = sum(right.values()), sum(total.values())
    golds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((corpus / "gold").glob("*.yaml"))]
    years = [g["gold"]["year"] for g in golds if g["gold"].get("year")]
    corpus_facts = {
        "documents": len(golds),
        "whole": sum(1 for g in golds if g.get("whole")),
        "sites": len({g["source"].get("site") for g in golds}),
        "provinces": len({_norm(g["gold"]["province"]) for g in golds if g["gold"].get("province")}),
        "years": [min(years), max(years)] if years else [],
        "formats": dict(sorted(Counter(p.suffix for p in (corpus / "sources").iterdir()).items())),
        "traditional": sum(1 for g in golds if g.get("script") == "hant"),
    }
    precision = topic_tp / (topic_tp + topic_fp) if topic_tp + topic_fp else 0.0
    recall = topic_tp / (topic_tp + topic_fn) if topic_tp + topic_fn else 0.0
    return {
        "documents": len(list((corpus / "gold").glob("*.yaml"))),
        "fields": {f: {"right": right[f], "total": total[f]} for f in FIELDS},
        "fields_right": fields_right,
        "fields_total": fields_total,
        "accuracy": fields_right / fields_total if fields_total else 0.0,
        "topics": {"precision": precision, "recall": recall, "tags_per_document": (topic_tp + topic_fp) / max(1, len(docs))},
        "noise": noise,
        "lost_sentences": lost,
        "misses": [{"file": f, "field": k, "got": _show(g), "want": _show(w)} for f, k, g, w in misses],
        "corpus": corpus_facts,
        "warnings": sorted({w for doc in docs for w in doc.warnings}),
    }


def _show(value) -> str:
    if isinstance(value, frozenset):
        return " ".join(sorted(value))
    return "—" if value is None else str(value)


def report(result: dict, show_misses: bool = True) -> str:
    c = result["corpus"]
    lines = [
        f"corpus: {c['documents']} documents ({c['whole']} whole), {c['sites']} sites or exports, {c['provinces']} provinces, "
        f"years {'–'.join(map(str, c['years']))}, formats {c['formats']}, {c['traditional']} in Traditional script",
        "",
        f"{'field':15} right / total",
        "-" * 32,
    ]
    for field, c in result["fields"].items():
        lines.append(f"{field:15} {c['right']:4} / {c['total']:<4} {100 * c['right'] / max(1, c['total']):5.1f}%")
    t = result["topics"]
    lines += [
        "-" * 32,
        f"topics: precision {100 * t['precision']:.1f}%, recall {100 * t['recall']:.1f}%, {t['tags_per_document']:.1f} tags per document",
        f"noise strings left: {len(result['noise'])}"
        + (": " + ", ".join(f"{f} {n}" for f, n in result["noise"][:30]) if result["noise"] else ""),
        f"policy sentences lost: {len(result['lost_sentences'])}",
    ]
    lines += [f"    {f}: {s[:80]}" for f, s in result["lost_sentences"][:30]]
    if show_misses:
        lines += ["", "misses (file, field: got | want):"]
        lines += [f"  {m['file']:40} {m['field']:15} {m['got'][:60]} | {m['want'][:60]}" for m in result["misses"]]
    lines += [
        "",
        f"SUMMARY: {result['fields_right']}/{result['fields_total']} gold fields right ({100 * result['accuracy']:.1f}%) on {result['documents']} documents; "
        f"topics P {100 * t['precision']:.0f}% R {100 * t['recall']:.0f}%; noise left {len(result['noise'])}; sentences lost {len(result['lost_sentences'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-misses", action="store_true", help="do not list every miss")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus)
    print(report(result, not args.no_misses))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
