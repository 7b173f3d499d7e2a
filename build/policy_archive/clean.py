"""Stage 2, clean: raw text to the document's paragraphs.

Documented normalisations, the only changes ever made to policy text:
  1. Web-page furniture (knowledge table data/boilerplate.yaml: patterns, and the words of navigation and
     login bars recognised by the shape of a line at a page's edge) is removed line by line; metadata
     found in it (disclosure tables, 【颁发部门】 blocks, the page's date and publisher) becomes evidence.
     The lines a site repeats at the edges of its pages are removed after cleaning (site_furniture.py).
  2. Pinyin glued after characters (區(qū)) is removed; real parentheses are kept.
  3. Traditional characters are converted to Simplified with OpenCC (t2s); the page records it.
  4. ASCII punctuation inside Chinese text becomes full-width (，：；？！（）); digits keep theirs (6,650).
  5. Indentation is removed and every run of spaces (full-width ones too) becomes one space.
  6. A truncated teaser (摘要 …) that only repeats the body, a preface's copy of a paragraph of the body,
     and a paragraph repeated right after itself are dropped.
  7. A content system's template code (<#assign …>, <@spring.message …/>, {{ … }}, <%= … %>) and empty
     Markdown image syntax (![]()) are removed from the line they stand in (kept as evidence).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import page_fields
from .chinese import CJK as _CJK
from .chinese import CJK_CHAR
from .chinese import t2s as _t2s
from .document import Document
from .knowledge import boilerplate, vocabulary
from .page_fields import parse_disclosure_row, parse_labelled_line, split_attribute_card, unbulleted
from .script import remove_pinyin, to_simplified

_CJK_OR_PUNCT = f"{CJK_CHAR}\u3000-\u303f\uff00-\uffef“”‘’《》"
# Characters that carry no text: zero-width spaces and joiners, BOMs, soft hyphens.
# Zero-width and bidirectional control characters (U+202E reverses what follows) carry no text.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
# Bounded and ASCII-only: an unbounded [\w.+-]+@ rescans every run of letters (Chinese ones too) from each
# position, which took minutes on one long line.
_URL = re.compile(r"(?:https?|ftp)://[!-~]+|[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{1,190}")
_DUPLICATE_MIN_CHARS = 20
_HEAD_LINES = 15
_TAIL_LINES = 10  # footers (QR codes, 主办单位, ICP numbers) are looked for only in the last lines

# --- punctuation and spaces --------------------------------------------------------------------------
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PUNCT = re.compile(r"[,:;?!]")
_PARENS = re.compile(r"\(([^()\n]{0,200})\)")


_CJK_OR_PUNCT_CHAR = re.compile(f"[{_CJK_OR_PUNCT}]")


def _is_cjk(char: str) -> bool:
    return bool(char) and _CJK_OR_PUNCT_CHAR.match(char) is not None


def _normalise_segment(text: str) -> str:
    if "," not in text and ":" not in text and ";" not in text and "?" not in text and "!" not in text and "(" not in text:
        return text

    def punct(match: re.Match) -> str:
        i = match.start()
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            return match.group(0)  # 6,650 and 14:27 keep their ASCII marks
        return _ASCII_TO_FULL[match.group(0)] if _is_cjk(before) or _is_cjk(after) else match.group(0)

    text = _PUNCT.sub(punct, text)

    def parens(match: re.Match) -> str:
        inner = match.group(1)
        i, j = match.start(), match.end()
        before = text[i - 1] if i > 0 else ""
        after = text[j] if j < len(text) else ""
        if _CJK.search(inner) or _is_cjk(before) or _is_cjk(after):
            return f"（{inner}）"
        return match.group(0)

    # Repeat for nested parentheses, innermost first.
    for _ in range(3):
        new = _PARENS.sub(parens, text)
        if new == text:
            break
        text = new
    return text


# A space written as an HTML entity that a site's editor left in the text ("&nbsp;"), not markup.
_SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|#160|#12288|#x0*a0|#x0*3000);?", re.IGNORECASE)


def _spaces_normalised(text: str) -> str:
    """Invisible characters removed, space entities and runs of spaces made one space. Each step keeps
    within a line, so a whole text is done at once as well as line by line."""
    text = _INVISIBLE.sub("", text)
    if "&" in text:
        text = _SPACE_ENTITY.sub(" ", text)
    return _SPACES.sub(" ", text)


def normalise_line(line: str) -> str:
    return _punctuation_normalised(_spaces_normalised(line).strip())


_ASCII_MARK = re.compile(r"[,:;?!(@]")  # (what URLs, e-mail addresses and the marks made full-width start with)


def _punctuation_normalised(line: str) -> str:
    """The rest of normalise_line, for a line whose spaces are normalised and stripped."""
    if not line or not _ASCII_MARK.search(line):
        return line  # (nothing to change)
    # URLs and e-mail addresses keep their ASCII punctuation.
    parts = []
    last = 0
    for match in _URL.finditer(line) if ("://" in line or "@" in line) else ():
        parts.append(_normalise_segment(line[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_normalise_segment(line[last:]))
    return "".join(parts)


# --- web-page furniture ------------------------------------------------------------------------------


_NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,3}\s*[.、．)）]|任务\s*\d)"
)
_FURNITURE_MAX_CHARS = 200


def _may_be_furniture(line: str) -> bool:
    """Sentences, numbered items and long lines are policy text, whatever words they contain."""
    return "。" not in line and "；" not in line and len(line) <= _FURNITURE_MAX_CHARS and not _NUMBERED.match(line)


_INFO_DATE = re.compile(r"(?:发布|更新|发表)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?)")


# A page's byline: '作者：江西省委教育工委 江西省教育厅'.
_AUTHOR = re.compile(r"作\s*者\s*[:：]\s*([\u4e00-\u9fff（）() ]{4,60})")
_BARE_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")


def _page_date_in(line: str) -> tuple[str | None, bool]:
    """The date of an information bar, and whether a label says it is the page's (发布时间：…). An
    unlabelled one ('编辑：某某 2019-07-17') may be a reposting site's: only evidence of when it was posted."""
    match = _INFO_DATE.search(line)
    if match:
        return match.group(1).strip(), True
    dates = _BARE_DATE.findall(line)
    return (dates[0].strip() if len(dates) == 1 else None), False


def _note_headline(kept: list[str], evidence: list) -> None:
    """The line a page's information bar (时间：… 来源：…) stands under is the page's headline, when it is short
    and no sentence: what a content system prints as the document's title (kept as text; extract may take it)."""
    if kept and len(kept[-1]) <= 60 and not re.search(r"[。；：:]", kept[-1]) and not any(k == "headline" for k, _ in evidence):
        evidence.append(("headline", kept[-1]))


def _is_info_bar(line: str, fragment: re.Pattern) -> bool:
    """A line made only of page-information pieces (来源, 作者, 点击数, 【打印】…), at least two of them."""
    if fragment.sub("", line).strip():
        return False  # (the cheap test first: anything left is text)
    pieces = [m for m in fragment.finditer(line) if m.group(0).strip(" ，,|｜/")]
    return len(pieces) >= 2


def _is_noise(line: str, at_head: bool, at_tail: bool) -> bool:
    """Breadcrumbs, column names and page information stand above the text, footers below it; login
    words, credits, picture and copyright lines and navigation bars at either edge; page tools (打印本页,
    上一篇) anywhere. Elsewhere the same words are policy text."""
    if not _may_be_furniture(line) or unbulleted(line) in _bare_titles():
        return False  # (a page may print a title as a list item: "• 政府工作报告")
    table = boilerplate()
    return (
        table.noise_line.fullmatch(line) is not None
        or table.noise_line.fullmatch(unbulleted(line)) is not None  # (a page tool as a list item: • 下一篇文章：没有了)
        or (at_head and table.head_line.fullmatch(line) is not None)
        or (at_tail and table.footer_line.fullmatch(line) is not None)
        or ((at_head or at_tail) and (table.edge_line.fullmatch(line) is not None or _is_navigation_bar(line)))
        or _is_info_bar(line, table.page_info_fragment)
    )


_BAR_SEPARATORS = re.compile(r"[\s|｜/·•]+")
_ONLY_SEPARATORS = re.compile(r"[\s|｜]*")


def _is_navigation_bar(line: str) -> bool:
    """A line made only of the words of a site's navigation, login or tool bar ("无障碍 简体 | 繁体 长者模式")."""
    if len(line) > 80:
        return False
    words = boilerplate().navigation_words
    tokens = [token for token in _BAR_SEPARATORS.split(line) if token]
    return bool(tokens) and all(token in words or _glued_words(token, words) for token in tokens)


def _glued_words(token: str, words: frozenset[str]) -> bool:
    """A menu whose items the page ran together (信息公开公开目录公开年报依申请公开): three or more navigation
    words of two characters or more, and nothing else."""
    if len(token) < 8:
        return False
    # ends[i]: the fewest words that make up token[:i] (None: it cannot be made of them)
    ends: list[int | None] = [0] + [None] * len(token)
    for i in range(len(token)):
        if ends[i] is None:
            continue
        for j in range(i + 2, min(len(token), i + 8) + 1):
            if token[i:j] in words and (ends[j] is None or ends[j] > ends[i] + 1):
                ends[j] = ends[i] + 1
    return ends[-1] is not None and ends[-1] >= 3


def _without_template_code(line: str, evidence: list) -> str:
    """The line without a content system's template code, empty image syntax or a font-size widget glued to
    its text (【大：中：小】 桂教职成〔2009〕38号) — each piece kept as evidence; empty when nothing but those and
    table bars was left. Braces ({{ … }}, {% … %}) go only from a line of nothing but code: inside text they
    may be the text's own."""
    code = boilerplate().template_code
    if not ("<" in line or "{" in line or "![" in line or "【" in line) or not code.search(line):
        return line
    pieces = code.findall(line)
    if _ONLY_SEPARATORS.fullmatch(code.sub(" ", line)):
        evidence.extend(("template_code", piece) for piece in pieces)
        return ""
    evidence.extend(("template_code", piece) for piece in pieces if not piece.startswith("{"))
    rest = code.sub(lambda match: match.group(0) if match.group(0).startswith("{") else " ", line)
    return normalise_line(rest)


@lru_cache(maxsize=1)
def _bare_titles() -> frozenset[str]:
    return frozenset(vocabulary()["bare_titles"])


@lru_cache(maxsize=1)
def _repost_disclaimer() -> re.Pattern:
    """The disclaimers as one pattern: each line is tested once."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in boilerplate().repost_disclaimers))


def _cjk_only(text: str) -> str:
    return "".join(_CJK.findall(text))


def clean(doc: Document) -> Document:
    """Pure: a Document with raw_text to one with paragraphs, evidence, script and warnings (and no raw_text)."""
    table = boilerplate()
    text, pinyin_removed = remove_pinyin(doc.raw_text)
    text, script = to_simplified(text)
    evidence = list(doc.evidence)
    warnings = list(doc.warnings)
    source = doc.source
    page_date, site, reposted = source.page_date, source.site, source.reposted

    # (normalise_line of each line, its first steps done on the whole text at once)
    lines = [line for line in (_punctuation_normalised(raw.strip()) for raw in _spaces_normalised(text).split("\n")) if line]
    tail_start = len(lines) - _TAIL_LINES
    kept: list[str] = []
    teaser_next = False
    teasers: list[str] = []
    content_lines_seen = 0
    for number, line in enumerate(lines):
        line = _without_template_code(line, evidence)
        if not line:
            continue
        # The page's date, publisher and disclosure fields stand above the text; the same words further
        # down ("时间：2023年5月20日" of an event) are policy text.
        at_head = content_lines_seen < _HEAD_LINES
        furniture = _may_be_furniture(line)
        if teaser_next:
            teaser_next = False
            if line.endswith(table.teaser_endings):
                teasers.append(line)
                continue
        author = _AUTHOR.fullmatch(line) if at_head and "作者" in line else None
        if author:
            evidence.append(("author", author.group(1)))  # (the byline of a document: who wrote it, perhaps its issuer)
        info = next((m for p in table.page_info_lines if (m := p.fullmatch(line))), None) if at_head and furniture else None
        if info:
            groups = info.groupdict()
            page_date = page_date or (groups.get("page_date") or "").strip() or None
            site = site or (groups.get("site") or "").strip() or None
            _note_headline(kept, evidence)
            continue
        header = table.red_header.fullmatch(line) if at_head and len(line) <= 70 else None
        if header:
            evidence.append(("red_header", header.group("issuer").strip()))
            continue
        colophon = next((m for p in table.colophon_lines if (m := p.fullmatch(line))), None) if number >= tail_start else None
        if colophon:
            # Metadata (who was sent copies, when it was printed), and the document's own text: it stays.
            evidence.append(("colophon", line))
            evidence.extend((k, v) for k, v in colophon.groupdict().items() if v)
            kept.append(line)
            content_lines_seen += 1
            continue
        if len(line) <= 200 and table.page_notice.fullmatch(line):
            evidence.append(("page_notice", line))  # (about the reader's browser, not the document)
            continue
        if len(line) <= 400 and _repost_disclaimer().fullmatch(line):
            reposted = True
            evidence.append(("repost_disclaimer", line))  # (kept as evidence: removed, not lost)
            continue
        card = split_attribute_card(line) if at_head and "文章属性" in line else None
        if card:
            # A law database's card between the title and the text, all on one line: the title and the text
            # stay, the card's fields are evidence (the title the card stands under is the database's).
            title, fields, after = card
            evidence.extend((k, v) for k, v in [("title", title), *fields] if v)
            kept.extend(part for part in (title, after) if part)
            content_lines_seen += 1
            continue
        fields = (parse_disclosure_row(line) if at_head else None) or parse_labelled_line(line, at_head and furniture)
        if fields is not None:
            evidence.extend((k, v) for k, v in fields if v)
            evidence.extend((k, "") for k, v in fields if not v and k == "validity")
            continue
        if line in table.teaser_headings:
            teaser_next = True
            continue
        if _is_noise(line, at_head=at_head, at_tail=number >= tail_start):
            posted, labelled = _page_date_in(line) if at_head and _is_info_bar(line, table.page_info_fragment) else (None, False)
            if posted:
                # The date the page was posted (发布时间：2021年04月29日): the page's date, which extract
                # takes as the publication date unless the page is a repost.
                evidence.append(("posted", posted))
                page_date = page_date or (posted if labelled else None)
                _note_headline(kept, evidence)
            continue
        kept.append(line)
        content_lines_seen += 1

    # A bare file name left at the end by the attachment link (not an "附件：…" line, which is text).
    if kept and table.attachment_line.fullmatch(kept[-1]) and _may_be_furniture(kept[-1]) and not kept[-1].startswith("附件"):
        evidence.append(("attachment", kept.pop()))

    # A teaser is dropped only when every piece of it is in the body; otherwise it is kept as text.
    body = _cjk_only("".join(kept)) if teasers else ""
    for teaser in teasers:
        stem = teaser.rstrip("".join(table.teaser_endings) + ".…")
        pieces = [_cjk_only(p) for p in re.split(r"[。；！？]", stem)]
        if all(p in body for p in pieces if p):
            continue
        warnings.append("a teaser paragraph (摘要) is not all in the body and was kept")
        kept.insert(0, teaser)

    paragraphs, duplicates = drop_duplicate_paragraphs(kept)

    notes = []
    if pinyin_removed:
        notes.append(f"removed {pinyin_removed} pinyin annotations")
    if duplicates:
        notes.append(f"dropped {duplicates} duplicate paragraph(s)")
    if notes:
        evidence.append(("normalisations", "; ".join(notes)))
    source = replace(source, page_date=page_date, site=site, reposted=reposted)
    # raw_text is let go: the paragraphs replace it, and every later stage (the workers' results pickled
    # back, the cache, the documents a build holds, 100,000 of them at the largest) would carry it twice.
    return replace(
        doc,
        source=source,
        raw_text="",
        evidence=tuple(evidence),
        original_script=script,
        paragraphs=tuple(paragraphs),
        warnings=tuple(warnings),
    )


_SECTION_START = re.compile(r"[一二三四五六七八九十]{1,3}、")


def drop_duplicate_paragraphs(lines: list[str]) -> tuple[list[str], int]:
    """Drop exact repeats that are page artefacts: a copy in the preface (before the first section) of a
    paragraph of the body, and a paragraph repeated right after itself. A sentence that a plan repeats
    in two of its sections is policy text and stays."""
    first_section = next((i for i, line in enumerate(lines) if _SECTION_START.match(line)), len(lines))
    body = set(lines[first_section:])
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if len(line) < _DUPLICATE_MIN_CHARS:
            continue
        if (i < first_section and line in body) or (i > 0 and lines[i - 1] == line):
            drop.add(i)
    return [line for i, line in enumerate(lines) if i not in drop], len(drop)


def preload() -> None:
    """Build the converter and the patterns every cleaning needs (before workers are forked: they share them)."""
    _t2s()
    page_fields.preload()
    _repost_disclaimer()
    _bare_titles()
