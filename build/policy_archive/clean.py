"""Stage 2, clean: raw text to the document's paragraphs.

Documented normalisations, the only changes ever made to policy text:
  1. Web-page furniture (knowledge table data/boilerplate.yaml) is removed line by line; metadata found
     in it (disclosure tables, 【颁发部门】 blocks, the page's date and publisher) becomes evidence.
  2. Pinyin glued after characters (區(qū)) is removed; real parentheses are kept.
  3. Traditional characters are converted to Simplified with OpenCC (t2s); the page records it.
  4. ASCII punctuation inside Chinese text becomes full-width (，：；？！（）); digits keep theirs (6,650).
  5. Indentation, full-width and doubled spaces are normalised; spaces between Chinese characters dropped.
  6. A truncated teaser (摘要 …) that only repeats the body, and exact duplicate paragraphs, are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .document import Document
from .knowledge import boilerplate

CJK_CHAR = r"\u3400-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CHAR}]")
_CJK_OR_PUNCT = f"{CJK_CHAR}\u3000-\u303f\uff00-\uffef“”‘’《》"
# Characters that carry no text: zero-width spaces and joiners, BOMs, soft hyphens.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
_BETWEEN_CJK_SPACE = re.compile(f"(?<=[{_CJK_OR_PUNCT}]) (?=[{_CJK_OR_PUNCT}])")
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef]+|[\w.+-]+@[\w-]+\.[\w.-]+")
_DUPLICATE_MIN_CHARS = 20
_HEAD_LINES = 15

# --- pinyin annotations ------------------------------------------------------------------------------
_TONED = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|in|un|ün|vn|ia|ie|iu|ua|uo|ui|üe|ue|ve|er|a|o|e|i|u|ü|v)"
    r"[1-5]?|ng|m|n"
)
_ANNOTATION = re.compile(f"(?<=[{CJK_CHAR}])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿü]{{1,7}}[1-5]?)[)）]")


def _is_syllable(token: str) -> bool:
    return _SYLLABLE.fullmatch(token.translate(_TONED)) is not None


def remove_pinyin(text: str) -> tuple[str, int]:
    """Drop pinyin glued after characters. Toneless ones (的(de)) only when toned ones show the habit."""
    toned = sum(1 for m in _ANNOTATION.finditer(text) if m.group(1) != m.group(1).translate(_TONED) and _is_syllable(m.group(1)))
    removed = 0

    def drop(match: re.Match) -> str:
        nonlocal removed
        token = match.group(1)
        has_tone = token != token.translate(_TONED)
        if _is_syllable(token) and (has_tone or toned >= 3):
            removed += 1
            return ""
        return match.group(0)

    return _ANNOTATION.sub(drop, text), removed


# --- Traditional to Simplified -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, str]:
    """Convert with OpenCC when the text is Traditional; returns (text, "hant" or "hans").

    Simplified text is returned untouched: OpenCC's t2s also rewrites a few characters that are valid
    in Simplified text, and policy text must not change without cause.
    """
    converted = _t2s().convert(text)
    if converted == text:
        return text, "hans"
    cjk = len(_CJK.findall(text)) or 1
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed >= 3 and changed / cjk >= 0.02:
        return converted, "hant"
    return text, "hans"


# --- punctuation and spaces --------------------------------------------------------------------------
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PUNCT = re.compile(r"[,:;?!]")
_PARENS = re.compile(r"\(([^()\n]*)\)")


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


def normalise_line(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    line = _SPACES.sub(" ", line).strip()
    if not line:
        return ""
    # URLs and e-mail addresses keep their ASCII punctuation.
    parts = []
    last = 0
    for match in _URL.finditer(line):
        parts.append(_normalise_segment(line[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_normalise_segment(line[last:]))
    line = "".join(parts)
    return _BETWEEN_CJK_SPACE.sub("", line)


# --- web-page furniture ------------------------------------------------------------------------------


def _label(cell: str) -> str:
    return re.sub(r"\s+", "", cell).rstrip(":：")


def parse_disclosure_row(line: str) -> list[tuple[str, str]] | None:
    """'索 引 号 | 1137…/2023-01985 | 公开方式 | 主动公开 |' -> [(index_number, …), (disclosure, …)]."""
    if "|" not in line:
        return None
    labels = boilerplate().metadata_labels
    cells = [c.strip() for c in line.split("|")]
    if not cells or _label(cells[0]) not in labels:
        return None
    pairs = []
    i = 0
    while i < len(cells):
        label = _label(cells[i])
        if label in labels:
            value = cells[i + 1] if i + 1 < len(cells) and _label(cells[i + 1]) not in labels else ""
            pairs.append((labels[label], value))
            i += 2 if value else 1
        else:
            i += 1
    return pairs


_BRACKET_FIELD = re.compile(r"[【\[]\s*([^】\]]{2,8}?)\s*[】\]]\s*[:：]?\s*(.*)")
_COLON_FIELD = re.compile(r"([^:：|]{2,8}?)\s*[:：]\s*(.+)")


def parse_labelled_line(line: str, at_head: bool) -> list[tuple[str, str]] | None:
    """【颁发部门】 吉林市教育局 -> [(issuer, 吉林市教育局)]; at the head of a page also 发文字号：…"""
    labels = boilerplate().metadata_labels
    match = _BRACKET_FIELD.fullmatch(line)
    if match and _label(match.group(1)) in labels:
        return [(labels[_label(match.group(1))], match.group(2).strip())]
    if at_head:
        match = _COLON_FIELD.fullmatch(line)
        if match and _label(match.group(1)) in labels:
            return [(labels[_label(match.group(1))], match.group(2).strip())]
    return None


def _is_noise(line: str) -> bool:
    # Sentences are policy text: furniture never ends a clause with 。 or ；.
    if "。" in line or "；" in line:
        return False
    return boilerplate().noise_line.fullmatch(line) is not None


def _cjk_only(text: str) -> str:
    return "".join(_CJK.findall(text))


def clean(doc: Document) -> Document:
    """Pure: a Document with raw_text to one with paragraphs, evidence, script and warnings."""
    table = boilerplate()
    text, pinyin_removed = remove_pinyin(doc.raw_text)
    text, script = to_simplified(text)
    evidence = list(doc.evidence)
    warnings = list(doc.warnings)
    source = doc.source
    page_date, site, reposted = source.page_date, source.site, source.reposted

    lines = [normalise_line(raw) for raw in text.split("\n")]
    kept: list[str] = []
    teaser_next = False
    teasers: list[str] = []
    content_lines_seen = 0
    for line in lines:
        if not line:
            continue
        at_head = content_lines_seen < _HEAD_LINES
        if teaser_next:
            teaser_next = False
            if line.endswith(table.teaser_endings):
                teasers.append(line)
                continue
        info = next((m for p in table.page_info_lines if (m := p.fullmatch(line))), None)
        if info:
            groups = info.groupdict()
            page_date = page_date or (groups.get("page_date") or "").strip() or None
            site = site or (groups.get("site") or "").strip() or None
            continue
        if any(p.fullmatch(line) for p in table.repost_disclaimers):
            reposted = True
            continue
        fields = parse_disclosure_row(line) or parse_labelled_line(line, at_head)
        if fields is not None:
            evidence.extend((k, v) for k, v in fields if v)
            evidence.extend((k, "") for k, v in fields if not v and k == "validity")
            continue
        if line in table.teaser_headings:
            teaser_next = True
            continue
        if _is_noise(line):
            continue
        kept.append(line)
        content_lines_seen += 1

    if kept and table.attachment_line.fullmatch(kept[-1]) and not kept[-1].endswith("。"):
        evidence.append(("attachment", kept.pop()))

    # A teaser is dropped only when every piece of it is in the body; otherwise it is kept as text.
    body = _cjk_only("".join(kept))
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
    return replace(doc, source=source, evidence=tuple(evidence), original_script=script, paragraphs=tuple(paragraphs), warnings=tuple(warnings))


_SECTION_START = re.compile(r"[一二三四五六七八九十]{1,3}、")


def drop_duplicate_paragraphs(lines: list[str]) -> tuple[list[str], int]:
    """Drop exact repeats of a paragraph. A page often repeats a paragraph of the body in a preface
    before the text begins; then the copy in the preface goes and the body keeps its own."""
    first_section = next((i for i, line in enumerate(lines) if _SECTION_START.match(line)), len(lines))
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if len(line) >= _DUPLICATE_MIN_CHARS:
            positions.setdefault(line, []).append(i)
    drop: set[int] = set()
    for places in positions.values():
        if len(places) < 2:
            continue
        in_body = [i for i in places if i > first_section]
        keep = in_body[0] if in_body and places[0] < first_section else places[0]
        drop.update(i for i in places if i != keep)
    return [line for i, line in enumerate(lines) if i not in drop], len(drop)
