"""Whether a document is in force, judged at a stated date, with the evidence: the statuses 尚未施行, 现行有效,
已修改, 已废止, 已失效, each with the sentence or fact it rests on and, where another document of the archive gives
it, that document's id.

In order, the first that applies:
1. a printed 有效性 / 时效性 (a disclosure table, a database's export) is what the document is;
2. 已废止: a document of the archive, in force by the date, repeals it (《X》同时废止, 原《X》停止执行,
   《X》自…起废止), its title resolved as citations are (relations.TitleIndex), never to the repealing document
   itself nor to one dated after it;
3. 已修改: the archive holds a later version of it (versions.py);
4. 已失效: its term (有效期至…, 有效期X年 from its entry into force) ended before the date;
5. 尚未施行: it takes effect after the date;
6. 现行有效: it states when it takes effect (or a history), and nothing above applies.
A document that states none of these gets no status: nothing is claimed without evidence.

The date is explicit (`--as-of`); by default it is the latest date the sources state as written, published,
printed or made a version (not an entry into force, which may lie ahead): never the clock, so that the same
sources give the same pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .document import Document
from .extract.doc_numbers import normalise_doc_number
from .extract.history import MAKING
from .extract.lexicon import DATE_TEXT, ascii_digits, parse_date
from .relations import TitleIndex
from .versions import VersionIndex, made_by, settled_by_group, version_when

STATUSES = ("尚未施行", "现行有效", "已修改", "已废止", "已失效", "部分失效")
_STATED_DATES = ("date_written", "date_published", "date_printed", "date_version")

# A printed validity, by the word it holds (the first that occurs), and the status it is.
# 部分失效 is a status of its own: some provisions no longer apply and the rest do, so a reader who saw 已失效
# would drop a text still partly in force, and 已修改 here means a later version is held, which it need not be.
_PRINTED = (
    ("部分失效", "部分失效"),
    ("尚未", "尚未施行"),
    ("废止", "已废止"),
    ("失效", "已失效"),
    ("修改", "已修改"),
    ("修订", "已修改"),
    ("修正", "已修改"),
    ("有效", "现行有效"),
)

_SENTENCE = re.compile(r"[^。；;！!？?\n]{1,300}")
_CITED = re.compile(r"《([^《》]{2,100})》(?:\s*[（(]([^（）()]{2,30}?号)[)）])?")
# The titles of one list a verb after the last applies to: 《A》、《B》和《C》同时废止.
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|以及|与)?\s*")
# A title is repealed when the verb follows it closely (its 文号 in brackets aside): a short gap such as 自…起,
# （试行）, 同时 — no other title, no clause break. A title cited in a clause of its own (根据《A》的规定，原《B》
# 同时废止; 对违反《A》的学校，停止执行…) or an article of it (《A》第五条同时废止) is not repealed.
_REPEAL_AFTER = re.compile(r"(?P<gap>[^《》，,。；;：:]{0,20}?)(?:同时|予以|即行|一并|均|亦|即)?(?:废止|停止执行|不再执行|失效)")
_NOT_WHOLE = re.compile(r"的|第\s*[\d一二三四五六七八九十百零〇]+\s*[条款项章节]|部分")
_FORMER = ("原", "旧")  # 原《X》: an earlier text of that title, not the one saying it
_UNTIL = re.compile(rf"有效期(?:至|到|截至)\s*(?P<date>{DATE_TEXT})")
# The document's own term: the sentence names it (本办法, 本方案 …) before the 有效期.
_OWN_TERM = re.compile(
    r"本(?:条例|办法|规定|细则|意见|方案|通知|措施|规则|决定|计划|规划|实施意见|实施方案|实施细则|暂行办法|暂行规定)[^。；]{0,20}?有效期"
)
_YEARS = re.compile(r"有效期(?:为|是)?\s*(?P<n>[1-9]\d?|[两一二三四五六七八九十])\s*年")
_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A text in force from the day it was issued: its term counts from its publication.
_FROM_ISSUE = re.compile(r"自(?:发布|印发|公布|颁布|下发)之日起(?:施行|实施|执行|生效)")


def default_as_of(docs: list[Document]) -> str | None:
    """The latest date any source states as written, published, printed or made a version."""
    dates = [d.metadata.get(name) for d in docs for name in _STATED_DATES]
    return max((date for date in dates if date), default=None)


def _printed(doc: Document) -> tuple[str, str] | None:
    printed = (doc.metadata.get("validity") or "").strip()
    for word, status in _PRINTED:
        if word in printed:
            return status, f"原文所印有效性：{printed}"
    return None


@dataclass(frozen=True)
class Repeal:
    title: str  # the cited title
    number: str | None  # the 文号 printed after it
    sentence: str
    date: str | None  # the day the repeal takes effect, where the sentence states it (《X》自2021年1月1日起废止)
    former: bool  # 原《X》: an earlier text of the title


def repeals(doc: Document) -> list[Repeal]:
    """Each title a document's text repeals or stops, the verb right after it (or after the list it ends)."""
    found = []
    for block in doc.blocks:
        if "废止" not in block.text and "停止执行" not in block.text and "不再执行" not in block.text and "失效" not in block.text:
            continue
        for sentence in _SENTENCE.findall(ascii_digits(block.text)):
            if "《" in sentence:
                found += _repealed_titles(sentence)
    return found


def _repealed_titles(sentence: str) -> list[Repeal]:
    cited = list(_CITED.finditer(sentence))
    found, run = [], []
    for k, match in enumerate(cited):
        run.append(match)
        if k + 1 < len(cited) and _LIST_JOIN.fullmatch(sentence, match.end(), cited[k + 1].start()):
            continue  # (the list goes on)
        verb = _REPEAL_AFTER.match(sentence, match.end())
        if verb and not _NOT_WHOLE.search(verb.group("gap")):
            date, problem = parse_date(verb.group("gap"))
            when = date.isoformat() if date and not problem else None
            for cited_title in run:
                title, number = cited_title.groups()
                number = normalise_doc_number(number) if number else None
                found.append(Repeal(title, number, sentence.strip(), when, sentence[: cited_title.start()].endswith(_FORMER)))
        run = []
    return found


def _repealed_by(docs: list[Document], as_of: str) -> dict[str, tuple[Document | None, str]]:
    """{id of a held document: (the document repealing it, None when it is itself, the sentence)}, repeals in
    force by `as_of`."""
    index = TitleIndex(docs)
    found: dict[str, tuple[Document | None, str]] = {}
    for doc in sorted(docs, key=lambda d: d.metadata["id"]):
        since = doc.metadata.get("date_effective") or doc.metadata.get("date_written") or doc.metadata.get("date_published")
        if since and since > as_of:
            continue
        for repeal in repeals(doc):
            if repeal.date and repeal.date > as_of:
                continue
            for held in index.find(repeal.title, repeal.number):
                if held.metadata["id"] in found:
                    continue
                if held is doc:
                    if _ends_itself(doc, repeal):
                        found[held.metadata["id"]] = (None, repeal.sentence)
                elif not _later(held, doc):
                    found[held.metadata["id"]] = (doc, repeal.sentence)
    return found


def _ends_itself(doc: Document, repeal: Repeal) -> bool:
    """Whether a document naming its own title as repealed ends itself: on a stated day after it took effect
    (《X》自2021年1月1日起废止). 原《X》 names an earlier text; a repeal on the day it takes effect is an earlier
    text's, ended by this one."""
    effective = doc.metadata.get("date_effective")
    return bool(repeal.date) and not repeal.former and (not effective or repeal.date > effective)


def _later(held: Document, repealing: Document) -> bool:
    a = held.metadata.get("date_version") or held.metadata.get("date_written") or ""
    b = repealing.metadata.get("date_version") or repealing.metadata.get("date_written") or ""
    return bool(a and b and a >= b)


def expiry(doc: Document) -> tuple[str, str] | None:
    """(the last day in force, the sentence) of a document that states its own term (本办法有效期至…, 本方案
    有效期3年); a term of something it grants (认定结果有效期三年) is not the document's."""
    for block in doc.blocks:
        if "有效期" not in block.text:
            continue
        text = ascii_digits(block.text)
        for sentence in _SENTENCE.findall(text):
            if not _OWN_TERM.search(sentence):
                continue
            match = _UNTIL.search(sentence)
            if match and (end := parse_date(match.group("date"))[0]):
                return end.isoformat(), sentence.strip()
            match = _YEARS.search(sentence)
            if match and (start := _term_start(doc)):
                return _years_after(start, match.group("n")), sentence.strip()
    return None


def _term_start(doc: Document) -> str | None:
    """The day a term counts from: the entry into force the document states (its date, or 自发布之日起施行 and the
    day it was published); none when it states none (no term is guessed from the day it was written)."""
    m = doc.metadata
    effective = m.get("date_effective") or max((e["date"] for e in m.get("history") or [] if e["action"] == "施行"), default=None)
    if effective:
        return effective
    if any(_FROM_ISSUE.search(block.text) for block in doc.blocks):
        return m.get("date_published") or m.get("date_written")
    return None


def _years_after(start: str, n: str) -> str:
    """The day before the same day `n` years after `start` (a term of n years from then)."""
    years = int(n) if n.isascii() else _CN_SMALL[n]
    first = dt.date.fromisoformat(start)
    try:
        end = first.replace(year=first.year + years)
    except ValueError:  # (29 February)
        end = first.replace(year=first.year + years, day=28)
    return (end - dt.timedelta(days=1)).isoformat()


def judge(doc: Document, as_of: str, versions: VersionIndex, repealed: dict) -> tuple[str, str, str | None] | None:
    """(status, its evidence, the id of the document giving it) of one document at `as_of`, or None."""
    printed = _printed(doc)
    if printed:
        return printed[0], printed[1], None
    m = doc.metadata
    if m["id"] in repealed:
        by, sentence = repealed[m["id"]]
        if by is None:
            return "已废止", f"本文件所载：{sentence}", None
        return "已废止", f"《{by.metadata.get('title') or by.metadata['id']}》：{sentence}", by.metadata["id"]
    group = versions.of(doc)
    made = m.get("date_version")
    # A text made after the date was not in force then, whatever 施行 date it keeps from the text it amended.
    if made and made > as_of:
        current = group.current_at(as_of) if group is not None else None
        return "尚未施行", f"本版本{_chinese_date(made)}始成，晚于判断日期", current.metadata["id"] if current else None
    if group is not None and made_by(doc, as_of) and not group.same_version(doc, as_of):
        current = group.current_at(as_of)
        return "已修改", f"本库收有更新的版本（{version_when(current.metadata)}）", current.metadata["id"]
    ends = expiry(doc)
    if ends and ends[0] < as_of:
        return "已失效", ends[1], None
    effective = m.get("date_effective") or max((e["date"] for e in m.get("history") or [] if e["action"] == "施行"), default=None)
    if effective and effective > as_of:
        return "尚未施行", f"自{_chinese_date(effective)}起施行", None
    if effective:
        return "现行有效", f"自{_chinese_date(effective)}起施行；未见废止、失效或更新的版本", None
    if ends:
        return "现行有效", f"{ends[1]}（至{_chinese_date(ends[0])}）；未见废止或更新的版本", None
    if m.get("history"):
        event = m["history"][-1]
        return "现行有效", f"{_chinese_date(event['date'])}{event['action']}；未见废止、失效或更新的版本", None
    return None


def _has_history_lines(doc: Document) -> bool:
    return any(event["action"] in MAKING for event in doc.metadata.get("history") or [])


def _chinese_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(year)}年{int(month)}月{int(day)}日"


def with_status(docs: list[Document], as_of: str | None = None) -> list[Document]:
    """The documents with their versions and status at `as_of` (default_as_of when None) filled in: the
    archive-wide fields of the schema (status, status_basis, status_source, versions, current_version), and the
    date (status_as_of, for the 效力 page; not a field of the pages). Pure: the same documents and date give the same values, whatever their order."""
    as_of = as_of or default_as_of(docs)
    index = VersionIndex(docs)
    docs = [settled_by_group(d, index.of(d)) if index.of(d) and not _has_history_lines(d) else d for d in docs]
    index = VersionIndex(docs)  # (the settled documents are new objects)
    repealed = _repealed_by(docs, as_of) if as_of else {}
    result = []
    for doc in docs:
        m = dict(doc.metadata)
        group = index.of(doc)
        m["versions"] = [d.metadata["id"] for d in group.documents] if group else []
        current = group.current_at(as_of) if group else None
        m["current_version"] = current.metadata["id"] if current else None
        judged = judge(doc, as_of, index, repealed) if as_of else None
        m["status"], m["status_basis"], m["status_source"] = judged or (None, None, None)
        # (The date is the archive's, stated on the 效力 page and kept out of each page's front matter: a document
        # added with a later date would otherwise rewrite every page that has a status.)
        m["status_as_of"] = as_of if judged else None
        result.append(replace(doc, metadata=m))
    return result
