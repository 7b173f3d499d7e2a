"""Stage 3, extract: metadata and structure from a cleaned Document.

Every value is read from the document (its text or the page's furniture kept as evidence) or inferred
from clear evidence and then named in `inferred`. Nothing is made up: what cannot be found is None.
A placeholder or impossible value is rejected and named in `warnings`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from .clean import normalise_line
from .document import Block, Document
from .knowledge import Region, region_chain, regions_by_name, topics, vocabulary

_HEAD = 15  # paragraphs at the head of a document where title, 文号 and signature are looked for
_TAIL = 6

# --- dates -------------------------------------------------------------------------------------------
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DATE_LINE = re.compile(
    r"\s*(?:(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?|[〇○零Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*"
)
# Dates that content-management systems print when the real one is missing (Unix epoch and friends).
_PLACEHOLDER_YEARS = {1970, 1900, 1899, 1901}
_EARLIEST_YEAR = 1949


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


# Full-width digits (２０２３) are read as digits when parsing metadata; the text itself keeps them.
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_date(text: str | None) -> tuple[dt.date | None, str | None]:
    """A date in the text, and why it was rejected if it is a placeholder or impossible."""
    if not text:
        return None, None
    text = text.translate(_ASCII_DIGITS)
    match = _DATE.search(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = _CN_DATE.search(text)
        if not match:
            return None, None
        y = int("".join(str(_CN_DIGITS[c]) for c in match.group(1)))
        m, d = _cn_number(match.group(2)), _cn_number(match.group(3))
    shown = f"{y:04d}-{m:02d}-{d:02d}"
    if y in _PLACEHOLDER_YEARS:
        return None, f"{shown} is a placeholder date (a content system's default, not the document's)"
    if y < _EARLIEST_YEAR:
        return None, f"{shown} is impossible for a document of this archive (before {_EARLIEST_YEAR})"
    try:
        return dt.date(y, m, d), None
    except ValueError:
        return None, f"{shown} is not a calendar date"


# --- 文号 -----------------------------------------------------------------------------------------------
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*(第?\s*\d{1,5})\s*号")


def normalise_doc_number(text: str | None) -> str | None:
    if not text:
        return None
    match = _DOC_NUMBER.search(text.translate(_ASCII_DIGITS))
    if not match:
        return None
    prefix, year, number = match.groups()
    return f"{prefix}〔{year}〕{number.replace(' ', '')}号"


# --- places ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    ambiguous = set(vocabulary()["ambiguous_place_names"])
    names = sorted((n for n in regions_by_name() if len(n) >= 2 and n not in ambiguous), key=lambda n: (-len(n), n))
    return re.compile("|".join(map(re.escape, names)))


def find_regions(text: str) -> list[Region]:
    """The most specific region named in the text, with its ancestors consistent; [] if none or unclear."""
    if not text:
        return []
    found: list[tuple[Region, ...]] = [regions_by_name()[m.group(0)] for m in _place_pattern().finditer(text)]
    if not found:
        return []
    unique = [c[0] for c in found if len(c) == 1]
    # A repeated name (朝阳区 in Beijing and in Changchun) is resolved by another name in the same text.
    for candidates in found:
        if len(candidates) > 1:
            fits = [
                c
                for c in candidates
                if any(c.code.startswith(u.code[:4] if u.level == "city" else u.code[:2]) for u in unique if u is not c)
            ]
            if len(fits) == 1:
                unique.append(fits[0])
    if not unique:
        return []
    order = {"county": 0, "city": 1, "province": 2}
    best = sorted(unique, key=lambda r: order[r.level])[0]
    chain = region_chain(best.code)
    # Every other region named must lie on the chosen region's path, or the text is about several places.
    chain_codes = {r.code for r in chain}
    if any(
        r.code not in chain_codes and not any(c.code.startswith(r.code.rstrip("0")) for c in chain)
        for r in unique
        if r.level != "county" or r is best
    ):
        provinces = {r.code[:2] for r in unique}
        if len(provinces) > 1:
            return []
    return chain


# Beijing, Tianjin, Shanghai and Chongqing are provinces and cities at once: their districts are county-level
# divisions directly under them, so the city of such a district is the municipality itself.
_MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def place_fields(chain: list[Region]) -> dict:
    """province, city, county and region_code of a region and its ancestors (province first)."""
    fields = {"province": None, "city": None, "county": None, "region_code": None}
    for region in chain:
        fields[region.level] = region.name
    if chain and chain[0].code in _MUNICIPALITIES:
        fields["city"] = chain[0].name
    if chain:
        fields["region_code"] = chain[-1].code
    return fields


# --- structure ---------------------------------------------------------------------------------------
_SECTION = re.compile(
    r"(?:([一二三四五六七八九十]{1,3})\s*[、.．](?![一二三四五六七八九十\d])|第([一二三四五六七八九十]{1,3})(?:部分|章|篇)\s*)"
)
_SUBSECTION = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")
_ITEM = re.compile(r"(\d{1,3})\s*(?:[.、．]|[)）](?=\S))(?!\d)")
_TASK = re.compile(r"任务\s*(\d{1,3})\s*[:：]")
_PAREN_ITEM = re.compile(r"[（(](\d{1,3})[）)]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEADING_MAX = 60
_CITATION = re.compile(r"《([^《》]{2,80})》")


def _is_heading_text(text: str) -> bool:
    body = text.rstrip("。")
    return len(text) <= _HEADING_MAX and "。" not in body and "；" not in body


def structure(paragraphs: list[str], title_index: int | None) -> list[Block]:
    """Headings for parts (第一部分), sections (一、) and subsections (（一）); an anchor for every numbered
    item. Anchors are built from the numbers printed in the text (sec-2-item-5 is item 5 of section 二),
    so a citation link stays valid however the rest of the document is numbered."""
    blocks: list[Block] = []
    used: set[str] = set()
    has_parts = any((m := _SECTION.match(text)) and m.group(2) for text in paragraphs)
    part_scope = ""  # "part-2-" inside 第二部分
    section_scope = scope = "p"  # anchor prefix of the innermost heading
    last_item = None

    def unique(anchor: str) -> str:
        base, n = anchor, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        return anchor

    def heading(kind: str, text: str, anchor: str, level: int) -> Block:
        # A long numbered paragraph ("一、…。…") keeps its anchor but is not made a heading.
        return Block(kind if _is_heading_text(text) else "item", text, anchor, level)

    for i, text in enumerate(paragraphs):
        if i == title_index:
            blocks.append(Block("title", text))
            continue
        match = _SECTION.match(text)
        if match and match.group(2):
            part_scope = f"part-{_cn_number(match.group(2))}"
            section_scope = scope = unique(part_scope)
            part_scope += "-"
            last_item = None
            blocks.append(heading("heading", text, scope, 2))
            continue
        if match:
            section_scope = scope = unique(f"{part_scope}sec-{_cn_number(match.group(1))}")
            last_item = None
            blocks.append(heading("heading", text, scope, 3 if has_parts else 2))
            continue
        match = _SUBSECTION.match(text)
        if match and section_scope != "p":
            scope = unique(f"{section_scope}-{_cn_number(match.group(1))}")
            last_item = None
            blocks.append(heading("subheading", text, scope, 4 if has_parts else 3))
            continue
        match = _TASK.match(text)
        if match:
            last_item = unique(f"{scope}-task-{match.group(1)}")
            blocks.append(Block("item", text, last_item, 1))
            continue
        match = _ITEM.match(text)
        if match:
            last_item = unique(f"{scope}-item-{match.group(1)}")
            blocks.append(Block("item", text, last_item, 1))
            continue
        match = _PAREN_ITEM.match(text)
        if match or (text[:1] and text[0] in _CIRCLED):
            number = match.group(1) if match else str(_CIRCLED.index(text[0]) + 1)
            # (1) under an item is that item's; directly under a heading it is marked "p" so that it
            # never takes the anchor of the heading's subsection (一).
            blocks.append(Block("item", text, unique(f"{last_item}-{number}" if last_item else f"{scope}-p{number}"), 2))
            continue
        blocks.append(Block("paragraph", text))
    return blocks


# --- title, issuer, year, type -----------------------------------------------------------------------


def _looks_like_title(text: str) -> bool:
    """A document's name: short, not a sentence or an item, and ending in a document type (…工作要点,
    …的通知) or naming what it issues (关于…). A bare type or a site's column name (通知公告) is not one."""
    if len(text) > 100 or len(text) < 4 or "。" in text or text.endswith(("：", ":", "，", "；")):
        return False
    if _SECTION.match(text) or _ITEM.match(text) or _DATE_LINE.fullmatch(text):
        return False
    doc_type, _ = _doc_type(text)
    if doc_type and len(_strip_title_suffix(text)) > len(doc_type) + 1:
        return True
    return "关于" in text and any(marker in text for marker in vocabulary()["title_markers"])


def _split_doc_number(text: str) -> tuple[str | None, str]:
    """'济教字〔2023〕22号济宁市教育局关于…' -> ('济教字〔2023〕22号', '济宁市教育局关于…')."""
    match = _DOC_NUMBER.match(text)
    if match:
        return normalise_doc_number(match.group(0)), text[match.end() :].strip()
    return None, text


def _issuer_from_name(text: str) -> str | None:
    """The authority's name at the start of a title or a signature, if it names a place.
    Joint signers separated by spaces ("中共宁乡市委教育工作委员会 宁乡市教育局") are all kept."""
    if " " in text.strip():
        names = [_issuer_from_name(part) for part in text.split()]
        if all(names) and " ".join(names) == " ".join(text.split()):
            return " ".join(names)
    suffixes = sorted(vocabulary()["issuer_suffixes"], key=len, reverse=True)
    for suffix in suffixes:
        at = text.find(suffix)
        if 0 < at <= 30:
            end = at + len(suffix)
            # "郑州市教育局办公室" is the office of the bureau, itself the issuer.
            if text.startswith(("办公室", "办公厅"), end):
                end += 3
            name = text[:end]
            if (find_regions(name) or name.startswith("中共")) and not re.search(r"\d|关于", name):
                return name
    return None


def _strip_title_suffix(title: str) -> str:
    """'…工作要点（试行）' / '…工作要点（2022年）' -> '…工作要点'."""
    return re.sub(r"[（(][^（）()]{1,12}[)）]$", "", title)


def _doc_type(title: str | None) -> tuple[str | None, str | None]:
    if not title:
        return None, None
    stem = _strip_title_suffix(title)
    for entry in vocabulary()["doc_types"]:
        if stem.endswith(entry["name"]):
            return entry["name"], entry["slug"]
    return None, None


def doc_type_slug(name: str | None) -> str:
    for entry in vocabulary()["doc_types"]:
        if entry["name"] == name:
            return entry["slug"]
    return "document"


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:[—\-–~至到]\s*(?:19|20)\d{2}\s*)?年")
_CN_YEAR = re.compile(r"((?:一九|二[〇○零Ｏ])[〇○零Ｏ一二三四五六七八九]{2})年")
_BODY_PLAN_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年度?(?:的)?(?:全[市区县省州旗]|我[市区县省州旗]|本[市区县])?(?:的)?(?:教育)?(?:系统)?(?:重点)?(?:工作|目标任务)"
)


def _year(title: str | None, paragraphs: list[str], date_written: dt.date | None) -> tuple[int | None, bool]:
    """The year the plan is about, and whether it was inferred rather than stated in the title."""
    if title:
        match = _TITLE_YEAR.search(title.translate(_ASCII_DIGITS))
        if match:
            return int(match.group(1)), False
        match = _CN_YEAR.search(title)
        if match:
            return int("".join(str(_CN_DIGITS[c]) for c in match.group(1))), False
    counts: dict[int, int] = {}
    for text in paragraphs:
        for match in _BODY_PLAN_YEAR.finditer(text):
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
    if counts:
        # The most often named; on a tie the earliest, since plans name later years as targets.
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], True
    if date_written:
        # Annual plans are written early in their year or in the last weeks of the one before.
        return (date_written.year + 1 if date_written.month == 12 else date_written.year), True
    return None, True


# --- topics ------------------------------------------------------------------------------------------


_SECTION_ANCHOR = re.compile(r"(?:part-\d+-)?sec-\d+|part-\d+")


def find_topics(blocks: list[Block]) -> dict[str, tuple[str, ...]]:
    """Topic name -> anchors of the sections whose text evidences it (document order).

    Terms are counted as substrings, section by section; only the terms present anywhere in the
    document are counted, which keeps this fast whatever the size of the vocabulary.
    """
    vocabulary_topics, min_hits = topics()
    sections: dict[str, list[str]] = {}
    headings: list[str] = []
    section = "top"
    for block in blocks:
        if block.anchor and _SECTION_ANCHOR.fullmatch(block.anchor):
            section = block.anchor  # a part or a section (一、), not a subsection or an item
        sections.setdefault(section, []).append(block.text)
        if block.kind in ("heading", "subheading", "title"):
            headings.append(block.text)
    section_texts = {anchor: "\n".join(texts) for anchor, texts in sections.items()}
    full_text = "\n".join(section_texts.values())
    heading_text = "\n".join(headings)
    found: dict[str, tuple[str, ...]] = {}
    for topic in vocabulary_topics:
        terms = [t for t in topic.terms if t in full_text]
        if not terms:
            continue
        anchors = []
        hits = 0
        for anchor, text in section_texts.items():
            count = sum(text.count(t) for t in terms)
            if count:
                hits += count
                anchors.append(anchor)
        if hits >= min_hits or any(t in heading_text for t in terms):
            found[topic.name] = tuple(anchors)
    return found


# --- the stage ---------------------------------------------------------------------------------------


def extract(doc: Document) -> Document:
    """Pure: a cleaned Document to one with metadata, blocks, topics, citations, inferred and warnings."""
    warnings = list(doc.warnings)
    inferred: list[str] = []
    paragraphs = list(doc.paragraphs)
    evidence = {}
    for key, value in doc.evidence:
        evidence.setdefault(key, value)

    # Title: a stated title field, else the first line at the head that reads as a document's name.
    title = None
    title_index = None
    doc_number = normalise_doc_number(evidence.get("doc_number"))
    if evidence.get("doc_number") and not doc_number:
        warnings.append(f"文号 {evidence['doc_number']!r} does not read as a document number and was not used")
    stated_title = re.sub(r"\s+", "", evidence.get("title") or "")
    for i, text in enumerate(paragraphs[:_HEAD]):
        number, rest = _split_doc_number(text)
        if number and not rest:
            doc_number = doc_number or number
            continue
        # A title stated by the page (its 标题 field or ArticleTitle meta) names the line that is the title.
        if (stated_title and re.sub(r"\s+", "", rest) == stated_title) or (not stated_title and _looks_like_title(rest)):
            title, title_index = rest, i
            # A title broken over two lines: the authority's name alone, then "2022年工作要点".
            if (
                i > 0
                and not number
                and _issuer_from_name(rest) is None
                and _issuer_from_name(paragraphs[i - 1]) == paragraphs[i - 1]
                and not (i + 1 < len(paragraphs) and _DATE_LINE.fullmatch(rest))
            ):
                title = paragraphs[i - 1] + rest
                paragraphs[i - 1 : i + 1] = [title]
                title_index = i - 1
            doc_number = doc_number or number
            if number:
                # The 文号 printed before the title is kept in the metadata; the block is the title alone.
                paragraphs[i] = rest
            break
    if doc_number is None:
        # A 文号 on a line of its own, above or below the title.
        for text in paragraphs[:_HEAD]:
            number, rest = _split_doc_number(text)
            if number and not rest:
                doc_number = number
                break
    if title is None and stated_title:
        title = normalise_line(evidence["title"])
    if title is None and evidence.get("page_title"):
        parts = [p.strip() for p in re.split(r"[_|｜\-—]+", evidence["page_title"]) if p.strip()]
        marked = [p for p in parts if _looks_like_title(p)]
        if marked:
            title = marked[0]
            inferred.append("title")
    if title is None:
        warnings.append("no title found in the document")

    # Issuer: a stated field, else the signature above the date, else the authority named in the title.
    issuer = (evidence.get("issuer") or "").strip() or None
    signature_date = None
    window = list(range(min(_HEAD + 5, len(paragraphs)))) + list(range(max(0, len(paragraphs) - _TAIL), len(paragraphs)))
    suffixes = tuple(vocabulary()["issuer_suffixes"])
    for i in sorted(set(window)):
        signer = paragraphs[i]
        if (
            i + 1 < len(paragraphs)
            and _DATE_LINE.fullmatch(paragraphs[i + 1].translate(_ASCII_DIGITS))
            and len(signer) <= 40
            and signer.endswith(suffixes)
        ):
            # The signature dates the document even when the signer's name lacks its place.
            signature_date = paragraphs[i + 1]
            if _issuer_from_name(signer) == signer:
                issuer = issuer or signer
            break
    if issuer is None and title:
        issuer = _issuer_from_name(title)

    dates = {}
    for field, stated in (
        ("date_written", evidence.get("date_written") or signature_date),
        ("date_effective", evidence.get("date_effective")),
        ("date_published", evidence.get("date_published")),
    ):
        value, problem = parse_date(stated)
        if problem:
            warnings.append(f"{field} rejected: {problem}")
        elif stated and value is None:
            warnings.append(f"{field} {stated!r} is not a whole date and was not used")
        dates[field] = value
    page_date, problem = parse_date(doc.source.page_date)
    if problem:
        warnings.append(f"page date rejected: {problem}")
    if dates["date_published"] is None and page_date:
        if doc.source.reposted:
            warnings.append(f"page date {page_date.isoformat()} is a reposting site's date, not the document's; not used")
        else:
            dates["date_published"] = page_date
    if dates["date_written"] and dates["date_published"] and dates["date_written"] > dates["date_published"]:
        warnings.append("date_written is later than date_published")

    year, year_inferred = _year(title, paragraphs, dates["date_written"])
    # A plan is written before or during its year: a date years after it is a typing or system error.
    for field in ("date_written", "date_effective"):
        if year and dates[field] and dates[field].year > year + 1:
            warnings.append(f"{field} rejected: {dates[field].isoformat()} is long after the year the document plans ({year})")
            dates[field] = None
    if year is None:
        warnings.append("the year the document is about could not be found")
    elif year_inferred:
        inferred.append("year")

    # Place: from the issuer or the title (stated), else the publishing site, else a regional name in the text.
    chain = find_regions(issuer or "") or find_regions(title or "")
    if not chain:
        chain = find_regions(doc.source.site or "") or find_regions(evidence.get("site", ""))
        if not chain:
            hints = vocabulary()["region_hints"]
            text = "".join(paragraphs)
            named = sorted({code for hint, code in hints.items() if hint in text})
            if len(named) == 1:
                chain = region_chain(named[0])
        if chain:
            inferred.extend([level for level in ("province", "city", "county") if any(r.level == level for r in chain)] + ["region_code"])
    place = place_fields(chain)

    doc_type, _ = _doc_type(title)
    blocks = structure(paragraphs, title_index)
    topic_sections = find_topics(blocks)
    citations: list[str] = []
    for block in blocks:
        if block.kind == "title":
            continue
        for match in _CITATION.finditer(block.text):
            name = match.group(1).strip()
            if name and name not in citations:
                citations.append(name)

    metadata = {
        "id": None,  # given by the pipeline, which sees every document and keeps ids distinct
        "title": title,
        "doc_number": doc_number,
        "issuer": issuer,
        "index_number": (evidence.get("index_number") or "").strip() or None,
        "date_written": dates["date_written"].isoformat() if dates["date_written"] else None,
        "date_published": dates["date_published"].isoformat() if dates["date_published"] else None,
        "date_effective": dates["date_effective"].isoformat() if dates["date_effective"] else None,
        "year": year,
        "validity": (evidence.get("validity") or "").strip() or None,
        **place,
        "doc_type": doc_type,
        "topics": list(topic_sections),
    }
    # The page's own date as a date (or nothing, when it was a placeholder), and the publisher a page's
    # meta tags name when no 来源 line did.
    source = replace(doc.source, page_date=page_date.isoformat() if page_date else None, site=doc.source.site or evidence.get("site"))
    return replace(
        doc,
        source=source,
        paragraphs=tuple(paragraphs),
        blocks=tuple(blocks),
        metadata=metadata,
        inferred=tuple(inferred),
        warnings=tuple(warnings),
        topic_sections=topic_sections,
        citations=tuple(citations),
    )


def base_id(metadata: dict) -> str:
    """A stable ASCII id from the metadata: region code, year, type, and the 文号's number when stated."""
    region = metadata.get("region_code") or "cn"
    year = metadata.get("year") or "undated"
    parts = [str(region), str(year), doc_type_slug(metadata.get("doc_type"))]
    number = re.search(r"〔(\d{4})〕(?:第)?(\d+)号", metadata.get("doc_number") or "")
    if number:
        parts.append(number.group(2))
    return "-".join(parts)
