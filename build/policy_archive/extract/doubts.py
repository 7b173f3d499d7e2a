"""How sure each field is: the doubts worth a curator's look, read from how its value was chosen.

A field is `stated` (read from a labelled place), `inferred` (listed in Document.inferred) or `doubtful`:
its chosen candidate stands in a weak place (a page bar's date, the page's <title>), a well-placed candidate
disagrees with it, its value is unusual for the document's kind, or a field every document has is missing.
The rules judge kinds of evidence, never particular documents, and never change a value: `assess` only
explains. Each doubt is a (field, note) pair; a note names the reason and, where there were any, the other
candidates and where they were found ("also: disclosure 2023-01-05").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import traces
from .doc_numbers import SENTENCE_WORDS, doc_number_candidates
from .doc_types import doc_type, shared_copy
from .evidence import Candidate, View
from .issuers import candidates as issuer_candidates
from .issuers import title_organs
from .lexicon import MASKED_PLACE, MASKED_YEAR, parse_date
from .organs import national, organ_names
from .places import find_regions, provinces_named
from .years import RULE_TYPES, report_year

# Places that state a value (PLACES): a candidate from one of these that disagrees with the chosen value is
# a doubt; a value chosen from one of the others is weakly read.
STRONG = ("curated", "disclosure", "meta", "heading", "history", "session", "signature")
# A notice that issues another document: 现将《…》印发给你们, 《…》已经…审议通过，现印发给你们.
_ISSUES = re.compile(r"现将[^。]{0,80}?(?:印发|转发|下发|发)给|》[^。《]{0,60}?现(?:予)?(?:印发|转发)给")
# A line that reads as a 文号 (济教字〔2023〕22号, 枞政76号), or its start where the page lost the rest
# (桓办发〔201539); a rule's order number standing in the head (广州市人民政府令 第66号).
_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(?:(?:[〔\[（(【]\s*(?:19|20)\d{2}\s*[〕\]）)】])?\s*(?:第\s*)?\d{1,4}\s*号|[〔\[【]\s*(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}\d{1,3}号)"
)
_ORDER_NUMBER = re.compile(r"人民政府令\s*(?:第\s*)?\d{1,4}\s*号")
# A title's shape that says it was misread: Latin letters (a CMS's ticker), brackets or quotes left open,
# a type printed twice, a title starting with punctuation or a bracketed tag (（广西）…).
_BAD_TITLE = re.compile(
    r"[A-Za-z]{3,}|^[（(【\[）)》」”\"、，：]|》《|（）|\(\)|(通知|报告|计划|方案).*\1$|^\W"
    # (a page's furniture read with it: a label before a colon (当前滚动：), a number run or a path of a
    # disclosure row (索引号0142581323/2026-00001), a breadcrumb's or a column's words)
    r"|^[\u4e00-\u9fff]{1,6}[:：]|\d{6,}|[/|]|首页|当前位置|索引号"
)
_TITLE_MAX = 90  # characters: a longer "title" ran into the text
# A draft put out for comment (草案, 征求意见稿, 公开征求意见).
_DRAFT = re.compile(r"草案|征求意见")
# Words of a sentence or a title, never of an organ's name.
_NOT_ORGAN_WORDS = re.compile(r"印发|转发|要点|计划|总结|关于|通知")
# What no organ's name holds: a label's colon (当前滚动：…), figures, Latin letters, brackets left open.
_NOT_NAME_CHARS = re.compile(r"[:：\dA-Za-z|/]")
# A news headline: a subject, then 印发 / 出台 / 发布 what it reports ('南京印发《…》', '…工作要点印发中共…').
_HEADLINE = re.compile(r"^[^《关]{2,30}?(?:印发|出台|发布)《(?!.*的通知$)|(?:要点|计划|方案|意见|总结|规划)(?:印发|发布)")
# An organ named without its place: 县教育局, 市教育局, 教育局, 示范区教育局.
_BARE_ORGAN = re.compile(r"^(?:[省市县区州旗]|示范区|新区|开发区)?委?(?:教育|教体)")
# A date printed as a web page prints it (2023-11-24, 2023-11-24 11:54): documents sign in 年月日.
_ISO_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)")
# A title that ends with two types of document (工作计划方案, 工作思路计划): which one is the type is unsure.
_TWO_TYPES = re.compile(r"(?:计划|方案|思路|要点|总结|规划)(?:计划|方案)$")
# Places whose schools are run under laws of their own: a local education bureau there is a misread place.
_SEPARATE_SYSTEMS = ("台湾省", "香港特别行政区", "澳门特别行政区")
# Kinds of report delivered on a day the text usually prints (——2021年2月4日在…人民代表大会上).
_DELIVERED_KINDS = ("政府工作报告",)


@dataclass(frozen=True)
class Reading:
    """What the choosers saw, beside the values they chose (extract._fields fills it)."""

    title_choice: Candidate | None
    title_numbers: list
    promulgating: list
    dated: dict  # {field: [Candidate, …]}: every date candidate (dates.candidates)
    page_date_used: bool
    page_date_rejected: bool
    adoption: Candidate | None
    session: Candidate | None
    signature: Candidate | None
    place_inferred: bool
    year_inferred: bool
    issuer_basis: str | None = None  # where the issuer was read (issuers.choose_issuer_and_place)
    issuer_inferred: bool = False


def assess(view: View, fields: dict, reading: Reading) -> list[tuple[str, str]]:
    """The doubts about the chosen `fields`: (field, note), in the order the fields are read."""
    notes: list[tuple[str, str]] = []
    for rule in (_title, _doc_number, _issuer, _dates, _year, _place, _doc_type):
        notes += rule(view, fields, reading)
    return notes


def doubtful_fields(notes, order) -> tuple[str, ...]:
    """The fields the notes doubt, in `order` (the schema's)."""
    named = {name for name, _ in notes}
    return tuple(name for name in order if name in named)


def _also(found, chosen, show=str) -> str:
    others = list(dict.fromkeys(f"{c.where} {show(c.value)}" for c in found if show(c.value) != show(chosen)))
    return ("; also: " + ", ".join(others[:4])) if others else ""


def _title(view, fields, reading):
    title = fields["title"]
    if title is None:
        return _missing_title(view, fields["doc_type"])
    notes = []
    if _misread(title):
        notes.append(("title", "unusual: its shape says it was misread (letters, open brackets, a type twice)"))
    if shared_copy(title):
        notes.append(("title", "weak: a sharing site's name for its copy; the document's own heading may differ"))
    if _HEADLINE.search(title) or ("》和《" in title and "关于" not in title):
        notes.append(("title", "unusual: a headline that reports another document (…印发《…》), not a document's title"))
    if fields["doc_type"] in RULE_TYPES and _DRAFT.search("".join(view.paragraphs[:6])[:3000]) and not _DRAFT.search(title):
        notes.append(("title", "unusual: the head speaks of a draft for comment: this may be the draft's title, not the notice's"))
    stated = view.stated("title")
    if _issues_another(view, fields):
        notes.append(("title", "unusual: the text issues another document; this may be the attachment's title"))
    if stated and not any(_squeezed(s) in _squeezed(title) or _squeezed(title) in _squeezed(s) for s in stated):
        notes.append(("title", "disagree: also: disclosure " + ", ".join(stated[:2])))
    return notes


def _misread(title: str) -> bool:
    """The title's shape says it was misread: letters, furniture, open brackets, too long."""
    return (
        bool(_BAD_TITLE.search(title))
        or title.count("《") != title.count("》")
        or title.count("“") != title.count("”")
        or title.count('"') % 2 == 1
        or len(title) > _TITLE_MAX
        or _CUT_OR_BYLINE.search(title) is not None
    )


# A title cut in a number ('…读书系列活动的通知' read as '…"2016'), or with a speaker's post (（…局局长）).
_CUT_OR_BYLINE = re.compile(r"(?<![年号])\d$|(?:局长|书记|主任|校长)[)）]")


def _issues_another(view, fields) -> bool:
    """The head says it issues a document (现将《…》印发给你们) while the title is not a notice's."""
    kind = fields["doc_type"]
    return kind not in ("通知", "决定", "通报", "函") and any(_ISSUES.search(p) for p in view.paragraphs[:8])


def _missing_title(view, kind) -> list[tuple[str, str]]:
    """A missing title is doubtful where the head shows one: a type of document named near a line's start, a
    news lead naming the document, a line above a page's information bar, or a first line that does not start
    as a body does. A report or notice whose type was read from its text often prints no title at all."""
    if kind:
        return []
    if traces.typed_head(view):
        return [("title", "missing: a head line names a type of document, but no title was read")]
    head = [p.strip() for p in view.paragraphs[:3]]
    if head and (not traces.starts_with_body(head[0]) or any(traces.INFO_BAR.match(p) for p in head[1:])):
        return [("title", "missing: the first line does not start a body; it may be the title")]
    return []


def _squeezed(text: str) -> str:
    return re.sub(r"\W", "", text)


def _doc_number(view, fields, reading):
    number = fields["doc_number"]
    if not number:
        head = view.paragraphs[: view.head_end + 3]
        printed = next((p for p in head if _NUMBER_LINE.match(p.strip()) or _ORDER_NUMBER.search(p)), None)
        return [("doc_number", f"missing: a line reads as a 文号 ({printed[:30]})")] if printed else []
    found = doc_number_candidates(view, reading.title_numbers) + reading.promulgating
    notes = []
    strong = {_squeezed(str(c.value)) for c in found if c.where in STRONG}
    if len(strong) > 1:
        notes.append(("doc_number", "disagree" + _also(found, number)))
    if SENTENCE_WORDS.search(number.split("〔")[0]):
        notes.append(("doc_number", "unusual: the words before the number read as a sentence, not an organ's short name"))
    organ = re.match(r"(.+?)(?:公告|令)", number)
    if organ and "〔" not in number and not find_regions(organ.group(1)):
        notes.append(("doc_number", "unusual: the promulgating organ's place is not named"))
    return notes


# A joint document's title that counts its issuers: 陕西省教育厅等十七部门关于…, 等5部门, 等四个单位.
_COUNTED_ORGANS = re.compile(r"等\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?:部门|单位|厅局|委办局)")
_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}


def _number(text: str) -> int | None:
    """'17', '十七', '二十' -> the number."""
    if text.isdigit():
        return int(text)
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text)
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def _issuer(view, fields, reading):
    issuer = fields["issuer"]
    if not issuer:
        return [("issuer", "missing: no issuer found")]
    notes = []
    names = issuer.split()
    if not all(find_regions(n) or national(n) for n in names) or any(_BARE_ORGAN.match(n) for n in names):
        notes.append(("issuer", "unusual: an organ named without its place"))
    if any(_NOT_ORGAN_WORDS.search(n) or _NOT_NAME_CHARS.search(n) for n in names):
        notes.append(("issuer", "unusual: the name holds words no organ's name holds (印发, 要点, 关于): a misread"))
    found = issuer_candidates(view, fields["title"], reading.adoption, reading.session, reading.signature)
    chosen = set(names)
    for c in found:
        if c.where in STRONG and c.where != "curated":
            other = set(organ_names(str(c.value))[0].split())
            if not (other & chosen) and not any(a in b or b in a for a in other for b in chosen):
                notes.append(("issuer", f"disagree; also: {c.where} {c.value}"))
                break
    if reading.issuer_inferred and reading.issuer_basis == "context" and not fields["title"] and not fields["doc_type"]:
        # (a page with no title and no type — a news item, a page that lost its head — whose issuer was taken from
        # the organ its sentences speak of: 番禺区委 of a meeting's report)
        notes.append(("issuer", "weak: the page has no title; the issuer was inferred from the organ its text speaks of"))
    if reading.issuer_basis == "mentioned":
        notes.append(("issuer", "weak: no issuer is stated; the bureau the text names most was taken"))
    in_title = title_organs(fields["title"] or "")[1]
    if len(in_title) > len(names) and not set(in_title) <= chosen:
        notes.append(("issuer", f"incomplete: the title names {len(in_title)} organs ({' '.join(in_title)}), {len(names)} were read"))
    counted = _COUNTED_ORGANS.search(fields["title"] or "")
    if counted and _number(counted.group(1)) not in (None, len(names)):
        notes.append(("issuer", f"incomplete: the title counts {counted.group(1)} organs ({counted.group(0)}), {len(names)} were read"))
    province = fields.get("province")
    site = find_regions(view.source.site or "") or find_regions(view.first("site") or "")
    if province and site and site[0].name != province:
        notes.append(("issuer", f"disagree: the page's site ({site[0].name}) is in another province than the issuer"))
        notes.append(("province", f"disagree: the page's site is in {site[0].name}"))
    return notes


def _dates(view, fields, reading):
    notes = []
    written, published = fields["date_written"], fields["date_published"]
    for field in ("date_written", "date_published", "date_effective"):
        found = reading.dated.get(field, [])
        parsed = {}
        for c in found:
            value, problem = parse_date(c.value)
            if value and not problem and c.where in STRONG:
                parsed.setdefault(value.isoformat(), c.where)
        if fields[field] and len(parsed) > 1:
            others = ", ".join(f"{where} {value}" for value, where in parsed.items() if value != fields[field])
            notes.append((field, f"disagree; also: {others}"))
    if published and not reading.page_date_used and _page_bar(reading.dated.get("date_published", []), published):
        notes.append(("date_published", "weak: the date stands in a page's bar with its counter (点击, 浏览): a copy's posting date"))
    if reading.page_date_used:
        # (A page's date is the day that page posted its copy: on a site never seen, a repost's as often as the
        # issuer's own, so it is always worth a look; the note says when more speaks against it.)
        why = _page_date_doubt(view, fields) or "not a date the document prints"
        notes.append(("date_published", f"weak: the web page's date (the page bar), {why}"))
    if published is None and not reading.page_date_rejected and _page_dated(view) and not _page_date_doubt(view, fields):
        notes.append(("date_published", "missing: the page shows a date (posted, or printed as 2023-01-05) that was not taken"))
    if written is None and fields["doc_type"] in _DELIVERED_KINDS:
        notes.append(("date_written", "missing: a report without the date it was delivered"))
    if written is None and fields["doc_type"] not in _UNSIGNED_KINDS and traces.prints_a_day(view):
        notes.append(("date_written", "missing: no date it was signed, though its text prints a day (outside what it cites)"))
    if written and published and written > published:
        notes.append(("date_written", f"unusual: later than the date of publication ({published})"))
    return notes


# A page's bar under its title: the day it was posted beside its counter of visits.
_COUNTER = re.compile(r"点击|浏览|阅读|访问")


def _page_bar(found, published) -> bool:
    """The chosen date of publication was read from a line that counts the page's visits (2022-06-06 来源：
    点击量：), which a page's bar prints, not a disclosure table."""
    return any(
        c.where == "disclosure"
        and _COUNTER.search(str(c.value))
        and parse_date(c.value)[0]
        and parse_date(c.value)[0].isoformat() == published
        for c in found
    )


def _page_date_doubt(view, fields) -> str | None:
    """Why the page's date may not be the document's publication, if there is a reason."""
    if _others_page(view, fields):
        return "on a page that is not the issuer's own"
    if fields["doc_type"] in RULE_TYPES:
        return "on a page carrying a rule, which is published by its 公布 (the page's date is the copy's)"
    if any(MASKED_YEAR.search(p) for p in view.paragraphs[:40]):
        return "on a page whose text masks its years (20XX年): a template's copy"
    if fields["issuer"] and not find_regions(fields["issuer"]):
        return "on a page whose issuer names no place: it cannot be the issuer's own site"
    if fields["date_written"] is None and fields["doc_type"] in _PLANS_AND_REPORTS:
        return "for a plan or report that prints no date of its own: a page carrying it may have posted it any day"
    return None


_PLANS_AND_REPORTS = (
    *("工作要点", "工作计划", "工作总结", "工作意见", "工作安排", "工作思路", "工作打算", "工作小结", "工作汇报", "汇报材料"),
    *("要点", "计划", "总结", "规划", "实施方案", "行动计划"),
)
# Kinds of document that often print no date of their own: plans and reports (dated by the page or the notice
# that carries them), rules (by their adoption history), reports delivered or disclosed (by their own rules).
_UNSIGNED_KINDS = (*_PLANS_AND_REPORTS, *RULE_TYPES, *_DELIVERED_KINDS, "年度报告")


def _others_page(view, fields) -> bool:
    """The page names its publisher (来源), and it is neither one of the issuers nor of the issuer's place: the
    page's date may be the day another site carried the document. (A page that names no publisher is most
    often the issuer's own.)"""
    site, issuers = view.source.site or view.first("site") or "", (fields["issuer"] or "").split()
    if not site:
        return False
    if any(site in name or name in site for name in issuers):
        return False
    place = find_regions(site)
    deepest = [level for level in ("county", "city", "province") if fields.get(level)]
    return not (place and deepest and place[-1].name == fields[deepest[0]])


def _page_dated(view) -> bool:
    """The page shows a date of its own: a posted date, or a head line dated as a web page dates (2023-01-05)."""
    return bool(view.stated("posted")) or any(_ISO_DATE.search(p) for p in view.paragraphs[:10])


def _year(view, fields, reading):
    year = fields["year"]
    if year is None:
        return [("year", "missing: the text names a year of its own, but none was read")] if traces.names_a_year(view) else []
    notes = []
    if reading.year_inferred and reading.page_date_used and _page_date_doubt(view, fields):
        notes.append(("year", "weak: read from the page's date, which may be a copy's"))
    written = dt.date.fromisoformat(fields["date_written"]) if fields["date_written"] else None
    if written and abs(written.year - year) > 1:
        notes.append(("year", f"unusual: {year} is far from the date written ({written})"))
    titled = re.search(r"((?:19|20)\d{2})\s*[—\-–~至到]\s*((?:19|20)\d{2})", fields["title"] or "")
    if titled and written and written.year != year:
        notes.append(("year", f"unusual: the title names a period ({titled.group(0)}) and the date written is in {written.year}"))
    summed = report_year(view.paragraphs[1:8]) if "总结" in (fields["title"] or "") else None
    if summed and summed != year:
        notes.append(("year", f"disagree: the text's opening sums up {summed}"))
    numbered = re.search(
        r"[〔\[【]\s*((?:19|20)\d{2})\s*[〕\]】]|^[\u4e00-\u9fff]{2,6}((?:19|20)\d{2})\d{1,3}号$", fields["doc_number"] or ""
    )
    numbered_year = numbered and int(numbered.group(1) or numbered.group(2))
    if numbered_year and numbered_year != year:
        notes.append(("year", f"disagree: the 文号 is of {numbered_year}"))
    return notes


def _template(view, fields) -> bool:
    """A template a sharing site offers (…工作计划范文, a text that masks its places as XX区): it names no place
    on purpose, so a place it lacks is no doubt."""
    return shared_copy(fields["title"] or "") or any(MASKED_PLACE.search(p) for p in view.paragraphs[:40])


def _place(view, fields, reading):
    levels = [level for level in ("province", "city", "county") if fields.get(level)]
    if fields["issuer"] and all(national(n) for n in fields["issuer"].split()):
        return []
    opening = "".join(view.paragraphs[:60])[:20_000]
    if not levels and _template(view, fields) and not find_regions(opening) and not provinces_named(opening):
        return []
    notes = []
    if reading.place_inferred and not fields["issuer"] and levels[-1:] == ["city"] and not _CITY_SPEAKS.search(opening):
        # (With no issuer to say its level, a document placed by the city its text names may be one of the
        # city's counties or zones, unless it speaks as the city: 我市, 全市.)
        notes.append(("county", "missing: the place was read from the text, with no issuer to give its level"))
    for source, text in (("issuer", fields["issuer"]), ("title", fields["title"])):
        named = find_regions(text or "")
        if named and named[-1].level in ("city", "county") and named[-1].level not in levels:
            notes.append((named[-1].level, f"missing: the {source} names {named[-1].name}, which the place does not hold"))
            break
    # An organ named with no place at all (教育局, or 县教育局 at the head of the title) in a text placed in a
    # province or city: it has a county the text does not name. (A text that names no place at all is one
    # written to be anyone's, a template's.)
    organs = (fields["issuer"] or "").split() + [re.sub(r"^(?:19|20)\d{2}年", "", fields["title"] or "")]
    if levels and "county" not in levels and any(re.match(r"^[县区旗]?教育", name) for name in organs):
        notes.append(("county", "missing: an organ is named without its place (县教育局, 教育局)"))
    if fields.get("province") in _SEPARATE_SYSTEMS:
        notes += [(level, f"unusual: {fields['province']} has an education system of its own") for level in levels]
        if fields["issuer"]:
            notes.append(("issuer", f"unusual: an organ placed in {fields['province']}, which has an education system of its own"))
    organs = " ".join((fields["issuer"] or "").split() + [fields["title"] or ""])
    if "county" not in levels and re.search(
        r"(?:开发区|高新区|新区|试验区|示范区)(?:管委会|管理委员会)?(?:教育|社会事业|社会发展)", organs
    ):
        notes.append(("county", "missing: an organ of a development zone, a county-level area the regions table may not hold"))
    placed = [find_regions(n) for n in (fields["issuer"] or "").split()]
    if "county" not in levels and not any(chain and chain[-1].level in ("city", "province") for chain in placed):
        masked = MASKED_PLACE.search(opening) or MASKED_YEAR.search(opening) or shared_copy(fields["title"] or "")
        if _COUNTY_SPEAKS.search(opening) and not masked:  # (a template that masks its places is anyone's)
            # 全县, 我区: a county's own text, whose county was not read.
            notes.append(("county", "missing: the text speaks as a county's (全县, 我区), but no county was read"))
    if not fields.get("province"):
        return [("province", "missing: no place found"), ("city", "missing: no place found"), *notes]
    # An organ printed as 县教育局 / 市教育局: its county or city is not named, though it has one.
    for name in (fields["issuer"] or "").split():
        for level, mark in (("county", "县区旗"), ("city", "市州盟")):
            if name[:1] in mark and _BARE_ORGAN.match(name) and level not in levels:
                notes.append((level, f"missing: the issuer ({name}) has a {level} the text does not name"))
    return notes


_COUNTY_SPEAKS = re.compile(r"(?:全|我|本)(?:县|区|旗)(?![域外级])")
_CITY_SPEAKS = re.compile(r"(?:全|我|本)市|市(?:委|政府|人民政府|教育局)")


def _doc_type(view, fields, reading):
    kind, title = fields["doc_type"], fields["title"]
    if kind is None:
        # (A title that ends with no type is often a page's headline or a list's caption, which has none; a text
        # with no title has none unless its head names one.)
        named = title is None and traces.typed_head(view)
        return [("doc_type", "missing: a head line names a type of document, but none was read")] if named else []
    notes = []
    if title is None:
        notes.append(("doc_type", "weak: read from a phrase of the text (特此通知, 予以公示); the document prints no title"))
    if title and doc_type(title)[0] != kind:
        notes.append(("doc_type", "weak: not the type the title ends with"))
    if _issues_another(view, fields):
        notes.append(("doc_type", "unusual: the text issues another document, as a notice does"))
    if title and kind in RULE_TYPES and _DRAFT.search("".join(view.paragraphs[:6])[:3000]):
        notes.append(("doc_type", "unusual: a rule's draft published for comment: the page may be the notice (公告) that asks for it"))
    if title and _TWO_TYPES.search(title):
        notes.append(("doc_type", "unusual: the title ends with two types of document"))
    if title and kind != "通知" and re.match(r"^(?:关于)?(?:印发|转发|批转)", title):
        notes.append(("doc_type", "unusual: a title that issues another document is a notice's"))
    return notes
