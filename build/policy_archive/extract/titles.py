"""The title, read from the head of the document.

A document's head holds, in some order, web furniture that cleaning let through, the red header, the
文号, the title (sometimes broken over lines, sometimes wrapped by a reposting site: 转发：…, 《…》,
名称：…, a breadcrumb) and the addressees (各区县教育局：). The title is the title-like line of the head
that the addressees follow; else the first title-like line; a title the page states (its 标题 field,
ArticleTitle meta, Markdown heading) picks its line when it is there. The 文号 (doc_numbers.py) and the
document type (doc_types.py) it carries are read there.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ..clean import normalise_line
from ..knowledge import vocabulary
from .doc_numbers import split_doc_number
from .doc_types import doc_type
from .evidence import Candidate, View
from .lexicon import DATE_TEXT, DOC_NUMBER, ascii_digits, is_addressee, is_date_line
from .organs import issuer_from_name, split_names
from .places import starts_with_place
from .reported import reported_document
from .title_lines import CRUMB, DEBRIS_END, ITEM_START, NOT_TITLE_WORDS, RECORD_HEAD, looks_like_title, unwrap_title


def _join(paragraphs: tuple[str, ...], i: int, end: int) -> tuple[str, int] | None:
    """A title broken over lines ('凌海市人民政府办公室关于印发凌海市推进' / '县域义务教育…' / '…的通知'):
    the joined title and the index of its last line."""
    first = paragraphs[i]
    starts = "关于" in first or issuer_from_name(first) == first or first.endswith(("关于", "批转", "转发", "印发"))
    # A long name broken at the head of a regulation: '海南自由贸易港陵水黎安国际教育' / '创新试验区条例'.
    plain = i < 3 and 4 <= len(first) <= 40 and not re.search(r"[。，：:；！？!?]", first)
    fragment = i + 1 < end and len(paragraphs[i + 1]) <= 10 and looks_like_title(paragraphs[i + 1])
    starts = starts or (plain and (starts_with_place(first) or fragment))
    if not starts or len(first) > 60:
        return None
    text = first
    for j in range(i + 1, min(end, i + 4)):
        part = paragraphs[j]
        if len(part) > 60 or "。" in part or is_addressee(part) or is_date_line(part) or ("号" in part and DOC_NUMBER.fullmatch(part)):
            return None
        if unwrap_title(part)[0] != part or (starts_with_place(part) and looks_like_title(part)):
            return None  # a wrapped line ("名称：…") or one naming its own place is a title of its own
        text += part
        if looks_like_title(text) and (doc_type(part)[0] or part.endswith(("的通知", "的意见", "的决定"))):
            return text, j
    return None


# A title run into the first section of a page flattened into one line: '…2016年工作总结一、过去五年工作回顾'.
_RUN_INTO_SECTION = re.compile(r"(?:\d{1,2}[、.．]\s*)?(\S.{4,60}?)(?=一[、.．]|[（(]一[)）])")
# A rule's title run into its first chapter or article: '1、中小学校学生伤害事故处理条例第一章总则第一条 为…'.
_RUN_INTO_ARTICLES = re.compile(r"(?:\d{1,2}[、.．]\s*)?(\S.{4,60}?(?:条例|办法|规定|细则|规则|章程))\s*(?=第[一1]\s*[章条])")
_PREFIX_TITLE = re.compile(
    r"(?:\d{1,2}[、.．]\s*)?(\S.{4,100}?(?:的通知|的意见|的决定|的通报|的报告|的批复|工作要点|工作计划|工作总结|实施方案|实施意见))(?=\s|各)"
)


# A document that lost its title line names itself: 现公布《…》; 《…》已由…通过; 编制了…年度报告。
_NAMES_ITSELF = re.compile(
    r"现(?:予|将)?公布《([^《》]{6,80})》|(?:^|[\s号])《([^《》]{6,80})》已(?:由|经|于)"
    r"|(?:现向社会公布|现予公布|现公布|特发布|制定了|编制了)《?([^《》。，,：]{6,60}?(?:年度报告|工作报告))》?"
)


def _shortens(heading: str, title: str) -> bool:
    heading, title = re.sub(r"\s+", "", heading), re.sub(r"\s+", "", title)
    at = title.find(heading)
    return len(title) > len(heading) and at > 0 and re.search(r"关于(?:印发|转发|公布|发布)《?$", title[:at]) is not None


def _wraps(line: str, title: str) -> bool:
    """'EHS中国 法规首页 X' above 'X': the title stands apart at the end of a line of the page's own words."""
    return len(line) > len(title) and line.endswith(title) and line[: -len(title)].endswith(" ")


def _place_headline(paragraphs: tuple[str, ...]) -> bool:
    """A first line that names a place and what it reports ('墨玉县2025学年义务教育事业发展主要情况'), with
    the body right below it: the document's heading, though it ends in no document type."""
    if len(paragraphs) < 2:
        return False
    first, second = paragraphs[0], paragraphs[1]
    return (
        not split_names(first)  # a site's or an authority's name above the text is not a title
        and 8 <= len(first) <= 40
        and starts_with_place(first)
        and not re.search(r"[。，,：:；！？!?|｜>»]", first)
        and len(second) >= 60
        and "。" in second
    )


def _prints_attached(view: View, title: str) -> bool:
    """Whether the text prints the named document after an 附件 mark."""
    text = re.sub(r"\s+", "", "".join(view.paragraphs[:40]))
    at = text.find("附件")
    return at >= 0 and re.sub(r"\s+", "", title) in text[at:].replace("《", "").replace("》", "")


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def title_candidates(view: View) -> list[Candidate]:
    """Title-like lines of the head, unwrapped and joined; value is (title, first line, last line)."""
    paragraphs = view.paragraphs
    end = max(view.head_end, min(len(paragraphs), 5))
    found: list[Candidate] = []
    bare = []
    i = 0
    while i < end:
        text, _ = unwrap_title(paragraphs[i])
        joined = _join(paragraphs, i, end) if not doc_type(text)[0] else None
        if joined:
            found.append(Candidate((joined[0], i, joined[1]), "heading", paragraphs[i]))
            i = joined[1] + 1
            continue
        prefix = (
            (_PREFIX_TITLE.match(text) or _RUN_INTO_ARTICLES.match(text) or _RUN_INTO_SECTION.match(text))
            if len(text) > 100
            else _typed_run_in(text)
        )
        if looks_like_title(text):
            found.append(Candidate((text, i, i), "heading", paragraphs[i]))
        elif prefix and looks_like_title(_after_header(prefix.group(1))):
            # A page flattened into one line: the title is its start, the line stays text as it is.
            found.append(Candidate((_after_header(prefix.group(1)), None, i), "heading", paragraphs[i], i))
        elif (item := ITEM_START.match(text)) and _articles_follow(paragraphs, i) and looks_like_title(text[item.end() :].strip()):
            # '1. 福建省义务教育条例' above '第一章 总则第一条…': a page that lists the rule it prints.
            found.append(Candidate((text[item.end() :].strip(), i, i), "heading", paragraphs[i]))
        elif i + 1 < end and _subtitle(paragraphs[i + 1]) and _main_title(text):
            # A speech's or report's main title stands above its "——在…会议上" line.
            found.append(Candidate((text, i, i), "heading", paragraphs[i]))
        elif (compact := re.sub(r"\s+", "", text).rstrip("?？")) in vocabulary()["bare_titles"]:
            bare.append(Candidate((compact, i, i), "heading", paragraphs[i]))
        elif (opening := _BARE_THEN_SESSION.match(text)) and opening.group(1) in vocabulary()["bare_titles"]:
            # '政府工作报告 在济宁市第十六届人民代表大会第五次会议上（2016年2月16日）…': a head the page ran together.
            bare.append(Candidate((opening.group(1), None, i), "heading", paragraphs[i], i))
        i += 1
    if not found and not bare and _place_headline(paragraphs):
        found.append(Candidate((paragraphs[0], 0, 0), "heading", paragraphs[0]))
    # A bare type (政府工作报告, 嘉奖令) is a title where nothing else is, or where its addressees follow it.
    found = [c for c in found if not c.value[0].startswith("—")]
    # A page's breadcrumb ends with its column's name (…>政府信息公开>信息公开制度): a title only where no other line is.
    found = [c for c in found if not CRUMB.search(c.text)] or found
    # A line that ends with the title the next line states is the page's wrapper ('EHS中国 法规首页 X' / 'X').
    found = [c for k, c in enumerate(found) if not (k + 1 < len(found) and _wraps(c.value[0], found[k + 1].value[0]))]
    # A page's shortened heading above the document's own title block, which says who issues it:
    # '凌海市推进…细则的通知' / '凌海市人民政府办公室关于印发凌海市推进…细则的通知'.
    found = [c for k, c in enumerate(found) if not any(_shortens(c.value[0], later.value[0]) for later in found[k + 1 :])]
    return found + [Candidate(c.value, "body", c.text) for c in bare]


def _articles_follow(paragraphs: tuple[str, ...], i: int) -> bool:
    return i + 1 < len(paragraphs) and re.match(r"第[一1]\s*[章条]", paragraphs[i + 1]) is not None


def _typed_run_in(text: str) -> re.Match | None:
    """A title the page ran into its first section, ending in a type right before it: '区教育局202x年工作计划(一)强化…'."""
    run = (_RUN_INTO_ARTICLES.match(text) or _RUN_INTO_SECTION.match(text)) if "一" in text else None
    run = run or _RUN_INTO_YEAR.match(text)
    return run if run and doc_type(run.group(1))[0] else None


# A title run into a body that opens with its year: '市教育局2022年工作总结和2023年工作计划2022年，我局…'.
_RUN_INTO_YEAR = re.compile(r"(\S.{4,60}?)(?=(?:19|20)\d{2}年[，,])")


def _after_header(text: str) -> str:
    """The title of a flattened head line, after its red header and 文号 ('萧山区教育局 文件 萧山区物价局
    萧教〔2018〕171号 关于公布…的通知' -> '关于公布…的通知')."""
    numbers = list(DOC_NUMBER.finditer(ascii_digits(text))) if "号" in text else []
    if numbers:
        return RECORD_HEAD.sub("", text[numbers[-1].end() :].strip())
    number, rest = split_doc_number(text)
    return rest if number else text


_BARE_THEN_SESSION = re.compile(r"(\S{2,8})\s+—*\s*(?:[（(]?\S{0,20}?\s*)?在\S{2,40}?会议上")


_DATED_SESSION = re.compile(rf"[（(]?{DATE_TEXT}\s*在")


def _subtitle(text: str) -> bool:
    """A speech's or report's second line: '——在…会议上的报告', or its session line without the dash
    ('2010年2月24日在杨陵区第七届')."""
    text = text.lstrip("•· ")
    return text.startswith("—") or ("在" in text and _DATED_SESSION.match(ascii_digits(text)) is not None)


def _main_title(text: str) -> bool:
    """A line that may be the main title above a subtitle: short, not a sentence, not a date or a 文号."""
    return (
        4 <= len(text) <= 40
        and not re.search(r"[。：:；]", text)
        and not text.startswith("—")
        and not is_date_line(text)
        and not ("号" in text and DOC_NUMBER.search(ascii_digits(text)))
    )


# What may stand between a title and its addressees: a 文号, a date, a subtitle (——在…会议上的讲话) and
# the speaker's line.
_BETWEEN_TITLE_AND_ADDRESSEES = 5


def _followed_by_addressee(view: View, last: int) -> bool:
    for text in view.paragraphs[last + 1 : last + 1 + _BETWEEN_TITLE_AND_ADDRESSEES]:
        text = DEBRIS_END.sub("", text)
        if is_addressee(text):
            return True
        if not (("号" in text and DOC_NUMBER.search(ascii_digits(text))) or is_date_line(text) or len(text) < 25 or _subtitle(text)):
            return False
    return False


def stated_titles(view: View) -> list[Candidate]:
    """Titles the page states outside the text: its 标题 field, ArticleTitle meta, Markdown heading."""
    found = []
    for key, where in (("title", "disclosure"), ("markdown_title", "heading")):
        for value in view.stated(key):
            title, _ = unwrap_title(normalise_line(value))
            if title:
                found.append(Candidate(title, where, value))
    return found


def choose_title(view: View) -> Candidate | None:
    """(title, first line, last line) of the chosen title; lines are None for a title stated only
    outside the text. The page's <title> is the last resort, and its value is then inferred."""
    candidates = title_candidates(view)
    for stated in stated_titles(view):
        for candidate in candidates:
            if _same(candidate.value[0], stated.value):
                return candidate
        for i, text in enumerate(view.paragraphs[: view.head_end + 5]):
            if _same(unwrap_title(text)[0], stated.value):
                return Candidate((stated.value, i, i), "heading", text, i)
    # A regulation's 公告 stands above the regulation it promulgates: the regulation is the title. (Not a
    # 公告 that asks for comments on a draft: 关于对《…条例（草案）》公开征求意见的公告 is the document.)
    if len(candidates) > 1:
        candidates = [c for c in candidates if doc_type(c.value[0])[0] != "公告" or "征求" in c.value[0]] or candidates
    # (Bare types are proposed as "body" candidates: after every titled line.)
    addressed = sorted((c for c in candidates if _followed_by_addressee(view, c.value[2])), key=lambda c: c.where == "body")
    if addressed:
        titled = [c for c in addressed if c.where != "body"]
        return replace(titled[-1] if titled else addressed[0], where="heading")
    if candidates:
        first = _own_below_headline(view, candidates) or candidates[0]
        return _promulgated(view, first) or replace(first, where="heading")
    stated = stated_titles(view)
    if stated:
        return Candidate((stated[0].value, None, None), stated[0].where, stated[0].text)
    headline = _headline(view)
    if headline is not None:
        return headline
    repeated = _repeated_headline(view)
    if repeated is not None:
        return repeated
    reported = reported_document(view.paragraphs)
    if reported and looks_like_title(reported.title):
        # '大连市教育局发布了关于做好…的通知' above the notice's addressees: the page's lead names it.
        return Candidate((reported.title, None, None), "body", reported.text, reported.line, inferred=True)
    for i, text in enumerate(view.paragraphs[:3]):
        # "现公布《和平县教育局2019年政府信息公开工作年度报告》": a page that lost its title line names it.
        match = _NAMES_ITSELF.search(text)
        named = match and next(g for g in match.groups() if g)
        if named and looks_like_title(named):
            return Candidate((named, None, None), "body", text, i, inferred=True)
        # '现将《2012年全市教育工作要点》印发给你们 … 附件：2012年全市教育工作要点': a notice whose title the
        # page lost, above the plan it issues, which the page goes on to print.
        issued = re.search(r"现将《([^《》]{4,80})》(?:印发|转发)", text)
        if issued and looks_like_title(issued.group(1)) and _prints_attached(view, issued.group(1)):
            return Candidate((issued.group(1), None, None), "body", text, i, inferred=True)
    for page_title in view.stated("page_title"):
        parts = [unwrap_title(p.strip())[0] for p in re.split(r"[_|｜]+|--+|—+|\s-\s", page_title) if p.strip()]
        marked = [p for p in parts if looks_like_title(p)]
        if marked:
            return Candidate((marked[0], None, None), "page", page_title, inferred=True)
    return None


def _own_below_headline(view: View, candidates: list[Candidate]) -> Candidate | None:
    """'2023年广西梧州市招聘352名…教师简章' / '梧州市2023年面向社会公开考试招聘…教师简章' / the text: of a page's
    headline and the document's own title of the same kind on the next line, right above the text, the own."""
    titled = [c for c in candidates if c.where != "body" and c.value[1] is not None]
    if len(titled) < 2:
        return None
    headline, own = titled[0], titled[1]
    kind = doc_type(own.value[0])[0]
    if own.value[1] != headline.value[2] + 1 or own.value[2] + 1 != view.head_end or kind != doc_type(headline.value[0])[0]:
        return None
    a, b = headline.value[0], own.value[0]
    if SequenceMatcher(None, a, b).ratio() >= _NEAR_SAME:
        # (Two spellings of one title, one shortened by a character or two: the whole one.)
        return own if len(b) > len(a) else None
    return own


_NEAR_SAME = 0.85


# A 公告 that promulgates a rule: 《X条例》已由…通过，现予公布.
_PROMULGATES = re.compile(
    r"《([^《》]{4,60}?(?:条例|办法|规定|细则|规则))》(?:已(?:由|经|于)|经)[^。]{0,120}?(?:通过|批准)[^。]{0,40}?(?:现予|予以)?公布"
)


def _promulgated(view: View, heading: Candidate) -> Candidate | None:
    """The rule a page's only heading, a 公告, promulgates: the page goes on to print its articles, and the
    rule is the document (its title stands in the 公告's sentence, where the page printed no title line)."""
    if doc_type(heading.value[0])[0] != "公告":
        return None
    start = (heading.value[2] or 0) + 1
    for i, text in enumerate(view.paragraphs[start : start + 4], start):
        named = _PROMULGATES.search(text)
        if named and any(p.startswith("第一条") for p in view.paragraphs[i + 1 : i + 60]):
            # (Read from the adoption sentence: as sure as a history line.)
            return Candidate((named.group(1), None, None), "history", text, i)
    return None


_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]{1,2})\s*\S")


def _repeated_headline(view: View) -> Candidate | None:
    """'我县召开…表彰大会-今日房县网-- 房县门户' above '我县召开…表彰大会': a page's <title> (its headline and the
    site's name) above the headline itself, where the page printed no title line: the headline."""
    head = view.paragraphs[:4]
    for i, line in enumerate(head):
        for j in range(i + 1, len(head)):
            text = head[j]
            if 6 <= len(text) <= 60 and "。" not in text and line.startswith(text) and _SITE_SUFFIX.match(line, len(text)):
                return Candidate((text, j, j), "heading", text, j)
    return None


def _headline(view: View) -> Candidate | None:
    """The line a page's information bar stands under (clean's `headline`), where no title line was found: a
    content system's heading of the document (市教育局开展2021年度义务教育阶段民办学校年检工作)."""
    headline = view.first("headline")
    if not headline or NOT_TITLE_WORDS.search(headline):
        return None
    for i, text in enumerate(view.paragraphs[: view.head_end + 3]):
        if text == headline:
            return Candidate((unwrap_title(text)[0], i, i), "heading", text, i)
    return None


def title_numbers(view: View, title: Candidate | None) -> list[Candidate]:
    """The 文号s the chosen title's lines carry ('济教字〔2023〕22号济宁市教育局关于…', '…的通知（川财教〔2011〕224号）')."""
    found = []
    if title and title.value[1] is not None:
        for i in range(title.value[1], title.value[2] + 1):
            number = unwrap_title(view.paragraphs[i])[1]
            if number:
                found.append(Candidate(number, "heading", view.paragraphs[i], i))
    return found
