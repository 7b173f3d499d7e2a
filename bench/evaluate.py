"""python -m bench.evaluate: the pipeline on the real annotated corpus (tests/corpus), against its gold.

Prints per-field accuracy, precision and recall of the main topics, the web furniture left in the text,
the policy sentences lost, and every miss (got / want). `--json FILE` writes the figures too.
Values are compared after the normalisations a reader would not count as a difference (see `_norm`).

The floors that tests/test_eval.py holds the figures to are data, in tests/eval_floors.yaml, with the
digest of the corpus they were measured on (`corpus_digest`: sha256 over the sorted files of
tests/corpus/sources and tests/corpus/gold, the same as
`cd tests/corpus && find sources gold -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum`).
The test fails when the corpus or its gold changed since the floors were recorded. To record them:

    python -m bench.evaluate --record-floors                 # after changing the corpus, the gold, or the extraction
    python -m bench.evaluate --record-floors --allow-lower   # when a figure fell, and that is accepted

Each floor becomes its figure now, rounded down to two decimals: floors only rise, and recording refuses
(exit status 1, the file left as it was) to lower one unless `--allow-lower` is given. The figures that
have floors are those listed in the file (add one by hand, with any value, then record).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from policy_archive.clean import _t2s, remove_pinyin
from policy_archive.extract import find_regions
from policy_archive.knowledge import regions_by_name
from policy_archive.pipeline import convert_all
from policy_archive.render import page_head, text_of_markdown

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
    "由会员分享",
    "以上分辨率",
    "Produced By",
    "<#assign",
    "<@spring",
    "![]()",
    "还没有账号",
    "长者模式",
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
    """One spelling of an organ's name: 中共温州市委办公室 = 温州市委办公室, 温州市政府 = 温州市人民政府, 人大常委会 =
    人民代表大会常务委员会,
    教育工委 = 教育工作委员会 (高校工委 = 高校工作委员会), 重庆市教委 = 重庆市教育委员会, 亳州市谯城区教育局 = 谯城区教育局 (a county-level name with or without its city)."""
    name = name.removeprefix("中共")
    name = re.sub(r"(?<=[省市县区州旗盟])政府", "人民政府", name)
    name = name.replace("人民人民政府", "人民政府").replace("工委", "工作委员会").replace("人大常委会", "人民代表大会常务委员会")
    name = re.sub(r"(?<=[省市县区州旗])教委$", "教育委员会", name)
    for k in range(8, 1, -1):  # a short or former place name at the start: 楚雄州 = 楚雄彝族自治州
        regions = regions_by_name().get(name[:k])
        if regions and len(regions) == 1 and regions[0].name != name[:k]:
            name = regions[0].name + name[k:]
            break
    chain = find_regions(name)
    if chain and chain[-1].level == "county" and chain[-1].name in name:
        # (Only the county's own ancestors are dropped before it, not another name: 武汉经济技术开发区(汉南区)教育局.)
        before = name[: name.index(chain[-1].name)]
        if not re.sub("|".join(re.escape(r.name) for r in chain[:-1]) or "^$", "", before):
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


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A sentence is what lies between two of these (a clause ending in ；, a heading, a list item and a table
# row count as much as a sentence ending in 。); one of fewer Chinese characters is not counted.
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_SENTENCE_MIN_CJK = 10
# Web furniture around a document in the stored sources, which a page rightly leaves out: breadcrumbs, the
# information bar (来源、发布时间、浏览次数), footers, a document store's notices, the fields of a
# disclosure table ("发布机构：某某局", whose values the page shows as its metadata). Defined here, not
# taken from the pipeline's tables, so that the measure does not grade the pipeline by its own rules.
_FURNITURE = re.compile(
    r"当前位置|您的位置|您现在的位置|首页\s*(?:[>»›/]|->)|[>»›]\s*正文|[>»›][^>»›]+[>»›]|地址\s*[:：]|电话\s*[:：&]"
    r"|来源\s*[:：]|發布時間|发布时间|发布日期|更新时间|浏览次数|浏览\s*[:：]|点击数|点击量|阅读次数|访问次数|被阅读"
    r"|字体\s*[:：【\[]|字号\s*[:：【\[]|扫一扫|扫描二维码|分享至|微信公众号|主办单位|承办|技术支持|ICP备|版权所有|Copyright|备案"
    r"|下载文档|在线预览|侵犯您的权益|客服|文档库|范文|素材库|词条|上一篇|下一篇|文章属性|_第\d{1,4}页|小编(?:为你|为您|为大家)?(?:精心)?(?:整理|收集|搜集)了|下载本文|信息时间|扫码即可登录|登录或注册|关注官方微信|页数\s*\d|会员可免费|未经.{0,6}授权|依申请公开\s*公开指南|其他类文件"
    r"|由会员分享|已阅读\d+页|版权说明|版权归|资料来自公开网络|分辨率|浏览器|无障碍|长者模式|政务邮箱|繁体版"
    r"|(?:^\W*|[【\[])(?:索\s*引\s*号|发文字号|字号|发布机构|发文机关|发文单位|发布部门|制定机关|印发机关|主题分类|组配分类"
    r"|体裁分类|效力状态|效力级别|时效状态|时效性|有\s*效\s*性|成文日期|公开日期|公布日期|废止日期|生效日期|施行日期|状\s*态|文\s*号|公开方式"
    r"|公开目录|责任部门|所属主题|标\s*题|名\s*称)\s*[:：|】\]\s]"
)


def _key(text: str) -> str:
    """A sentence as compared: no spaces, one form of each bracket and punctuation mark."""
    return _SPACE.sub("", text).translate(_PUNCT)


def source_sentences(raw: str, markdown: bool = False) -> list[str]:
    """Every sentence of a source's text (HTML pages and Markdown read as text) with at least
    _SENTENCE_MIN_CJK Chinese characters, whatever it ends with, in the page's normalisations (pinyin
    glued to characters removed, Simplified script), less the web furniture around the document."""
    text = _simplified(_source_text(raw, markdown))
    sentences = []
    for piece in _SENTENCE_END.split(text):
        piece = re.sub(r"^[\s\u3000>#*\-|•·●]+|[\s|*]+$", "", piece)
        if len(_CJK.findall(piece)) >= _SENTENCE_MIN_CJK and not _FURNITURE.search(piece):
            sentences.append(piece)
    return sentences


_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "tr",
    "td",
    "th",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "section",
    "article",
)


def _source_text(raw: str, markdown: bool) -> str:
    """The text of a source: for an HTML page, one line per block (links and other inline elements are
    part of their sentence), without its scripts and its lists of links (menus, other articles' titles);
    Markdown without its emphasis and link marks."""
    if "<html" not in raw[:2000].lower() and "<body" not in raw.lower():
        return re.sub(r"\*\*|__|\]\([^)]*\)|!?\[", "", raw) if markdown else raw
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "lxml")
    for tag in soup(["script", "style", "head", "title"]):
        tag.decompose()
    for link in soup("a"):
        # Links that are all the words of the element they stand in are navigation: a menu, a list of other
        # pages' titles ([08-18] dates and separators are not words). A link in a sentence is text.
        parent = link.parent
        if parent is None or link.decomposed:
            continue
        links = parent.find_all("a")
        if _CJK.findall(parent.get_text()) == _CJK.findall("".join(a.get_text() for a in links)):
            for each in links:
                each.decompose()
    for tag in soup(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text("")


def lost_sentences(raw: str, shown: str, metadata: dict | None = None, markdown: bool = False) -> list[str]:
    """The sentences of a source (source_sentences) that its page does not show: `shown` is the page's
    text as rendered (heading and paragraphs). Text moved into evidence is lost unless the page shows it;
    a line that only restates what the page shows as metadata (a title line with its 文号, 发布机构：某某局)
    is not."""
    have = _key(_simplified(shown))
    values = [_key(_simplified(str(v))) for v in _shown_metadata(metadata or {})]
    lost = []
    for sentence in source_sentences(raw, markdown):
        key = _key(sentence)
        if key in have:
            continue
        for value in values:
            key = key.replace(value, "")
        if len(_CJK.findall(key)) >= _SENTENCE_MIN_CJK:
            lost.append(sentence)
    return lost


def _shown_metadata(metadata: dict) -> list[str]:
    """The metadata values a document's page shows beside its text, longest first."""
    values = [metadata.get(k) for k in ("title", "doc_number", "date_written", "date_published")]
    issuers = metadata.get("issuer") or []
    values += issuers if isinstance(issuers, list) else [issuers]
    # (An organ is shown under its own name: the short form a page printed is the same organ, 人大常委会.)
    values += [str(v).replace("人民代表大会常务委员会", "人大常委会") for v in values if "人民代表大会常务委员会" in str(v)]
    return sorted((str(v) for v in values if v), key=len, reverse=True)


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
    doubt = Counter()  # (right or wrong, flagged doubtful or not)
    topic_tp = topic_fp = topic_fn = 0
    for gold_path in sorted((corpus / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        source = next((corpus / "sources").glob(gold_path.stem + ".*"))
        doc = by_file.get(source.name)
        if doc is None:
            misses.append((source.name, "(rejected)", rejected.get(source.name, "no page"), ""))
            for field in FIELDS:
                total[field] += 1
                doubt["wrong", True] += 1  # (a rejected source is always for a curator to see)
            continue
        for field, (want, have) in compare(gold["gold"], doc.metadata).items():
            total[field] += 1
            doubt[("right" if want == have else "wrong"), _DOUBT_FIELD.get(field, field) in doc.doubtful] += 1
            if want == have:
                right[field] += 1
            else:
                misses.append((source.name, field, have, want, _DOUBT_FIELD.get(field, field) in doc.doubtful))
        want_topics, got_topics = set(gold["gold"].get("topics") or []), set(doc.metadata.get("topics") or [])
        topic_tp += len(want_topics & got_topics)
        topic_fp += len(got_topics - want_topics)
        topic_fn += len(want_topics - got_topics)
        text = "\n".join(doc.paragraphs)
        noise += [(source.name, n) for n in NOISE if n in text]
        shown = text_of_markdown(page_head(doc), with_heading=True)
        raw = source.read_text(encoding="utf-8", errors="replace")
        lost += [(source.name, s) for s in lost_sentences(raw, shown, doc.metadata, source.suffix == ".md")]
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
        "misses": [{"file": f, "field": k, "got": _show(g), "want": _show(w), "doubtful": d} for f, k, g, w, *d in misses],
        "doubt": {
            "recall": doubt["wrong", True] / max(1, doubt["wrong", True] + doubt["wrong", False]),
            "flagged_right": doubt["right", True] / max(1, doubt["right", True] + doubt["right", False]),
            "wrong_unflagged": doubt["wrong", False] / max(1, sum(doubt.values())),
        },
        "corpus": corpus_facts,
        "warnings": sorted({w for doc in docs for w in doc.warnings}),
    }


# The document's field that an evaluated field is (the gold's issuers are the issuer).
_DOUBT_FIELD = {"issuers": "issuer"}


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
    d = result.get("doubt")
    if d:
        lines.append(
            f"doubt: {100 * d['recall']:.1f}% of wrong fields flagged doubtful (recall), {100 * d['flagged_right']:.1f}% of right fields flagged, "
            f"{100 * d['wrong_unflagged']:.1f}% of fields wrong without a flag"
        )
    lines += [f"    {f}: {s[:80]}" for f, s in result["lost_sentences"][:30]]
    if d:
        lines += ["targets (issue 28):", *targets(result)]
    if show_misses:
        lines += ["", "misses (file, field: got | want):"]
        lines += [f"  {m['file']:40} {m['field']:15} {m['got'][:60]} | {m['want'][:60]}" for m in result["misses"]]
    lines += [
        "",
        f"SUMMARY: {result['fields_right']}/{result['fields_total']} gold fields right ({100 * result['accuracy']:.1f}%) on {result['documents']} documents; "
        f"topics P {100 * t['precision']:.0f}% R {100 * t['recall']:.0f}%; noise left {len(result['noise'])}; sentences lost {len(result['lost_sentences'])}"
        + (f"; doubt recall {100 * d['recall']:.0f}%, right fields flagged {100 * d['flagged_right']:.0f}%" if d else ""),
    ]
    return "\n".join(lines)


FLOORS = ROOT / "tests" / "eval_floors.yaml"
# The figures that have a floor when the file does not exist yet.
_DEFAULT_FLOORS = {
    "accuracy": 0.0,
    "fields": dict.fromkeys(("title", "doc_number", "issuers", "date_written", "year", "province", "doc_type"), 0.0),
    "topics": {"precision": 0.0, "recall": 0.0},
    "doubt": {"recall": 0.0, "right_unflagged": 0.0},
}
_FLOORS_HEAD = """\
# The accuracy floors of tests/test_eval.py on the annotated corpus, and the digest of that corpus
# (tests/corpus/sources and tests/corpus/gold). Written by `python -m bench.evaluate --record-floors`
# (see bench/evaluate.py): do not edit the figures by hand. Each floor is the figure when recorded,
# rounded down to two decimals.
"""


class FloorLowered(Exception):
    """Recording would lower a floor, and --allow-lower was not given."""


def corpus_digest(corpus: Path = CORPUS) -> str:
    """sha256 over the files the evaluation reads (sources/ and gold/), in the order of their paths:
    the sha256 of `sha256sum`'s lines ("<sha256>  <path>"), paths relative to the corpus folder."""
    files = sorted(
        (p for folder in ("sources", "gold") for p in (corpus / folder).rglob("*") if p.is_file()),
        key=lambda p: p.relative_to(corpus).as_posix(),
    )
    lines = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(corpus).as_posix()}\n" for p in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def read_floors(path: Path = FLOORS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def figures(result: dict) -> dict:
    """The figures of an evaluation that floors apply to, in the shape of the floors file."""
    found = {
        "accuracy": result["accuracy"],
        "fields": {f: c["right"] / c["total"] if c["total"] else 0.0 for f, c in result["fields"].items()},
        "topics": {"precision": result["topics"]["precision"], "recall": result["topics"]["recall"]},
    }
    if result.get("doubt"):
        # (Floors hold a figure up: the share of right fields left unflagged is the one whose fall is a loss.)
        found["doubt"] = {"recall": result["doubt"]["recall"], "right_unflagged": 1 - result["doubt"]["flagged_right"]}
    return found


# Issue 28's targets for the archive on pages from sites it has never seen, printed against each evaluation:
# (name, figure of the result, at least or at most, target).
TARGETS = (
    ("gold fields right", lambda r: r["accuracy"], ">=", 0.95),
    ("wrong fields flagged doubtful", lambda r: r["doubt"]["recall"], ">=", 0.80),
    ("right fields flagged doubtful", lambda r: r["doubt"]["flagged_right"], "<=", 0.10),
    ("fields wrong without a flag", lambda r: r["doubt"]["wrong_unflagged"], "<=", 0.03),
    ("topic precision", lambda r: r["topics"]["precision"], ">=", 0.75),
    ("topic recall", lambda r: r["topics"]["recall"], ">=", 0.75),
)


def targets(result: dict) -> list[str]:
    """A line per target: the figure, the target and whether it is met."""
    lines = []
    for name, figure, sense, target in TARGETS:
        value = figure(result)
        met = value >= target if sense == ">=" else value <= target
        lines.append(
            f"  {name:32} {100 * value:5.1f}%  (target {sense.replace('>=', '≥').replace('<=', '≤')} {100 * target:.0f}%: {'met' if met else 'NOT met'})"
        )
    return lines


def flat(tree: dict, prefix: str = "") -> dict[str, float]:
    """{"fields.title": 0.92, …} from {"fields": {"title": 0.92}, …}."""
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _rounded_down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def record_floors(result: dict, digest: str, path: Path = FLOORS, allow_lower: bool = False) -> list[str]:
    """Write the floors file: each floor it lists (or the default ones) becomes its figure in `result`
    rounded down to two decimals, with `digest`. Raises FloorLowered, writing nothing, when a floor would
    fall and `allow_lower` is false. Returns a line for each floor that changed."""
    old = flat(read_floors(path)["floors"] if path.exists() else _DEFAULT_FLOORS)
    now = flat(figures(result))
    new, changes, lowered = {}, [], []
    for name, floor in old.items():
        if name not in now:
            raise KeyError(f"{path}: no figure is called {name}")
        value = _rounded_down(now[name])
        section, _, key = name.rpartition(".")
        new.setdefault(section, {})[key] = value
        if value != floor:
            changes.append(f"{name}: {floor} -> {value}")
        if value < floor:
            lowered.append(f"{name}: {floor} -> {value} (now {now[name]:.4f})")
    if lowered and not allow_lower:
        raise FloorLowered("recording would lower these floors (give --allow-lower if that is accepted):\n  " + "\n  ".join(lowered))
    floors = {**new.pop("", {}), **new}
    data = {"corpus": {"sha256": digest, "documents": result["documents"]}, "floors": floors}
    path.write_text(_FLOORS_HEAD + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-misses", action="store_true", help="do not list every miss")
    parser.add_argument(
        "--record-floors", action="store_true", help=f"record the floors and the corpus digest in --floors ({FLOORS.relative_to(ROOT)})"
    )
    parser.add_argument("--allow-lower", action="store_true", help="with --record-floors: a floor may be lowered")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="the floors file")
    args = parser.parse_args(argv)
    if args.allow_lower and not args.record_floors:
        parser.error("--allow-lower goes with --record-floors")
    result = evaluate(args.corpus)
    print(report(result, not args.no_misses))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    if args.record_floors:
        try:
            changes = record_floors(result, corpus_digest(args.corpus), args.floors, args.allow_lower)
        except FloorLowered as refused:
            print(f"\n{args.floors}: not written: {refused}", file=sys.stderr)
            return 1
        print(f"\nfloors recorded in {args.floors}" + ("".join(f"\n  {c}" for c in changes) if changes else " (no floor changed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
