"""Stage 3, extract: metadata and structure from a cleaned Document.

Each field has its extractor (titles, issuers, dates, places, topics), which proposes candidates with
the text they were read from and where it stands (evidence.PLACES), and one rule here that chooses:
the best-placed candidate. A value not stated by the document is listed in `inferred`; a placeholder,
impossible or doubtful value is rejected or explained in `warnings`. Nothing is made up: what cannot
be found is None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..document import Document
from ..knowledge import region_chain, untagged_types, vocabulary
from ..knowledge import topics as topic_vocabulary
from . import dates, issuers, titles
from .citations import find_citations
from .dates import ascii_digits, cn_year, parse_date
from .evidence import PLACES, Candidate, View, choose
from .places import find_regions, place_fields
from .structure import structure
from .targets import find_duties, find_targets
from .titles import doc_type_slug, normalise_doc_number
from .topics import find_topics, main_topics

__all__ = ["base_id", "doc_type_slug", "extract", "find_regions", "normalise_doc_number", "parse_date", "place_fields", "structure"]

# Kinds of document whose year is the one they plan for (written early in it or late in the year before).
PLAN_TYPES = ("工作要点", "工作意见", "工作计划", "工作安排", "工作思路", "任务清单", "重点任务清单", "要点", "计划")
# Kinds whose date is the adoption of a rule: their year is that date's.
RULE_TYPES = ("条例", "实施办法", "办法", "规定", "实施细则", "细则", "规则")


def extract(doc: Document) -> Document:
    """Pure: a cleaned Document to one with metadata, blocks, topics, citations, inferred and warnings."""
    view = View.of(doc)
    warnings = list(doc.warnings)
    inferred: list[str] = []

    title_choice = titles.choose_title(view)
    title = titles.strip_revision(title_choice.value[0]) if title_choice else None
    if title_choice and title_choice.inferred:
        inferred.append("title")
    if title is None:
        warnings.append("no title found in the document")
    # A rule's 公告 or order: its number is a 文号 candidate, its date one of publication.
    promulgated, notice_number = dates.promulgation(view)
    order_number, ordered_on = dates.order(view)
    doc_number = _doc_number(view, title_choice, warnings, [c for c in (notice_number, order_number) if c])
    adoption = dates.adoption(view)
    session = dates.session(view)
    kind = _kind(view, title, title_choice, session)
    after_title = title_choice.value[2] + 1 if title_choice and title_choice.value[2] is not None else 0
    signature = issuers.signature(view, after_title)
    undersigned = (issuers.bare_date(view, after_title) or issuers.closing_date(view)) if signature is None else None
    signature = signature or (issuers.undated_signature(view, after_title) if undersigned is None else None)

    chosen_dates = _dates(view, adoption, session, signature, undersigned, [c for c in (promulgated, ordered_on) if c], warnings)
    issuer, chain, place_inferred = _issuer_and_place(view, title, adoption, session, signature)
    if place_inferred:
        inferred.extend([level for level in ("province", "city", "county") if any(r.level == level for r in chain)] + ["region_code"])
    if issuer and issuer[1]:
        inferred.append("issuer")

    page_date, problem = parse_date(doc.source.page_date)
    if problem:
        warnings.append(f"page date rejected: {problem}")
    if chosen_dates["date_published"] is None and page_date:
        if doc.source.reposted or _school_repost(view, issuer[0] if issuer else None):
            warnings.append(f"page date {page_date.isoformat()} is a reposting site's date, not the document's; not used")
        elif _later_copy(page_date, chosen_dates["date_written"], title, doc_number):
            warnings.append(
                f"page date {page_date.isoformat()} is too late to be the document's publication (a later copy's date); not used"
            )
        else:
            chosen_dates["date_published"] = page_date
    if chosen_dates["date_written"] and chosen_dates["date_published"] and chosen_dates["date_written"] > chosen_dates["date_published"]:
        warnings.append("date_written is later than date_published")
    year, year_inferred = _year(title, kind, view.paragraphs, chosen_dates, warnings, doc_number, view.first("posted"))
    if year is None:
        warnings.append("the year the document is about could not be found")
    elif year_inferred:
        inferred.append("year")

    paragraphs = list(view.paragraphs)
    title_index = None
    if title_choice and title_choice.value[1] is not None:
        first, last = title_choice.value[1], title_choice.value[2]
        # The title block shows the title alone: lines it was broken over are joined, a 文号 printed
        # before it stays in the metadata.
        paragraphs[first : last + 1] = [title_choice.value[0]]
        title_index = first
    blocks = structure(paragraphs, title_index)
    mentions = find_topics(blocks, title)
    topic_sections = {name: m.sections for name, m in mentions.items()}

    metadata = {
        "id": None,  # given by the pipeline, which sees every document and keeps ids distinct
        "title": title,
        "doc_number": doc_number,
        "issuer": issuer[0] if issuer else None,
        "index_number": view.first("index_number"),
        **{key: value.isoformat() if value else None for key, value in chosen_dates.items()},
        "date_printed": _printed(view),
        "year": year,
        "validity": view.first("validity"),
        **place_fields(chain),
        "doc_type": kind,
        "topics": [] if kind in untagged_types() else main_topics(blocks, mentions, topic_vocabulary()[1]),
    }
    # The page's own date as a date (or nothing, when it was a placeholder), and the publisher a page's
    # meta tags name when no 来源 line did.
    source = replace(doc.source, page_date=page_date.isoformat() if page_date else None, site=doc.source.site or view.first("site"))
    return replace(
        doc,
        source=source,
        paragraphs=tuple(paragraphs),
        blocks=tuple(blocks),
        metadata=metadata,
        inferred=tuple(inferred),
        warnings=tuple(warnings),
        topic_sections=topic_sections,
        cited=find_citations(blocks, title),
        targets=find_targets(blocks),
        duties=find_duties(blocks),
    )


# --- one rule per field --------------------------------------------------------------------------------


def _kind(view: View, title: str | None, title_choice: Candidate | None, session: Candidate | None) -> str | None:
    """The type the title ends with; else the one its subtitle names (——在…会议上的报告); else a
    government's report to its people's congress (the head names the session it was delivered at)."""
    kind, _ = titles.doc_type(title)
    last = title_choice.value[2] if title_choice else None
    if kind is None and last is not None and last + 1 < len(view.paragraphs):
        subtitle = view.paragraphs[last + 1].lstrip("•· ")
        kind = titles.doc_type(subtitle)[0] if subtitle.startswith("—") else None
    if kind is None and title is None and disclosure_report(view):
        kind = "年度报告"
    if kind is None and title is None:
        # A notice that lost its title still ends as one (特此通知) or asks for comments as a 公示 does.
        text = "".join(view.paragraphs)
        kind = "通知" if re.search(r"特此通知|现(?:将有关事项|就有关事项)?通知如下", text) else None
        kind = kind or ("公示" if re.search(r"现(?:予以|予|将[^。]{0,40}予以)公示|公示期", text) else None)
    if kind is None and session is not None and re.search(r"代表[^。]{0,12}人民政府[^。]{0,12}报告", "".join(view.paragraphs[:12])):
        kind = "政府工作报告"
    return kind


def disclosure_report(view: View) -> bool:
    """A government information-disclosure annual report, by the outline every such report follows
    (一、总体情况 … 二、主动公开政府信息情况) and the regulation it reports under."""
    head = view.paragraphs[:4]
    outline = any(re.fullmatch(r"[一1][、.．]\s*总体情况", p) for p in head) or any(
        "主动公开政府信息情况" in p for p in view.paragraphs[:40]
    )
    return outline and "政府信息公开" in "".join(head)


_REPORT_YEAR = (
    re.compile(r"((?:19|20)\d{2})\s*年度?政府信息公开(?:工作)?年度报告"),  # the year the notice calling for it names
    re.compile(r"(?:^|。)((?:19|20)\d{2})\s*年(?:年度|度)?[，,]?\s*(?!\d{1,2}\s*月)"),  # '2019年，教育局坚持…'
)


def _report_year(paragraphs) -> int | None:
    """The year an annual report reports on, as its first lines state it."""
    for pattern in _REPORT_YEAR:
        for text in paragraphs[:6]:
            match = pattern.search(ascii_digits(text))
            if match:
                return int(match.group(1))
    return None


def _doc_number(view: View, title: Candidate | None, warnings: list[str], promulgating: list[Candidate]) -> str | None:
    found = titles.doc_number_candidates(view, title) + promulgating
    for value in view.stated("doc_number"):
        if normalise_doc_number(value):
            continue
        if dates.NOTICE_NUMBER.fullmatch(value.strip()):
            found.append(Candidate(re.sub(r"\s+", "", value), "disclosure", value))  # a 公告's number: 某某常务委员会公告第12号
        else:
            warnings.append(f"文号 {value!r} does not read as a document number and was not used")
    chosen = choose(found)
    return chosen.value if chosen else None


def _date_candidates(view: View, adoption, session, signature, undersigned, published) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = {"date_written": [], "date_published": [], "date_effective": []}
    for key in found:
        found[key] += [Candidate(v, "disclosure", v) for v in view.stated(key)]
    if adoption:
        found["date_written"].append(Candidate(adoption.value[0], "history", adoption.text, adoption.line))
    if session:
        found["date_written"].append(Candidate(session.value[0], "session", session.text, session.line))
    if signature and signature.value[1] is None:
        pass  # signed, but the page lost the date
    elif signature and adoption:
        # A rule's signature dates the 公告 or 令 that promulgates it; its adoption dates the rule.
        found["date_published"].append(Candidate(signature.value[1], "signature", signature.text, signature.line))
    elif signature:
        found["date_written"].append(Candidate(signature.value[1], "signature", signature.text, signature.line))
    if undersigned:
        found["date_written"].append(undersigned)
    for i, text in enumerate(view.paragraphs[: view.head_end + 3]):
        numbered = titles.numbered_line(text)
        if numbered and numbered[1]:
            found["date_written"].append(Candidate(numbered[1], "heading", text, i))  # （甘教办〔2021〕2号 2021年3月24日）
    effective = dates.effective_in_body(view)
    if effective:
        found["date_effective"].append(effective)
    found["date_published"] += published
    return found


def _dates(view: View, adoption, session, signature, undersigned, published, warnings: list[str]) -> dict[str, dt.date | None]:
    chosen: dict[str, dt.date | None] = {}
    for field, found in _date_candidates(view, adoption, session, signature, undersigned, published).items():
        value = None
        for candidate in sorted(found, key=_rank):
            parsed, problem = parse_date(candidate.value)
            if problem:
                warnings.append(f"{field} rejected: {problem}")
                continue
            if parsed is None:
                warnings.append(f"{field} {candidate.value!r} is not a whole date and was not used")
                continue
            value = parsed
            break
        chosen[field] = value
    return chosen


# A document is published within weeks of being signed; a page posted later carries a copy.
PUBLISHED_WITHIN_DAYS = 60


def _numbered_year(doc_number: str | None) -> int | None:
    """The year in a 文号's brackets (济教字〔2023〕22号 -> 2023)."""
    match = re.search(r"〔((?:19|20)\d{2})〕", doc_number or "")
    return int(match.group(1)) if match else None


def _later_copy(page_date: dt.date, written: dt.date | None, title: str | None, doc_number: str | None) -> bool:
    """Whether a page's date is too late to be the document's publication: over PUBLISHED_WITHIN_DAYS
    after its signature, or in a year after the one after the year its title or 文号 names."""
    if written is not None:
        return (page_date - written).days > PUBLISHED_WITHIN_DAYS
    named = _title_year(title)[0] if title else None
    stated = named or _numbered_year(doc_number)
    return stated is not None and page_date.year > stated + 1


def _school_repost(view: View, issuer: str | None) -> bool:
    """A school's site carrying an authority's document: its page title names the school."""
    markers = vocabulary()["school_site_markers"]
    page = " ".join(view.stated("page_title") + view.stated("site"))
    return any(m in page for m in markers) and not (issuer and any(m in issuer for m in markers))


def _printed(view: View) -> str | None:
    """The date the colophon says the document was printed (…办公室 2015年3月12日印发)."""
    parsed, _ = parse_date(view.first("date_printed"))
    return parsed.isoformat() if parsed else None


def _rank(candidate: Candidate) -> int:
    """Where a candidate stands in the order of trust (evidence.PLACES)."""
    return PLACES.index(candidate.where)


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:[—\-–~至到]\s*(?:19|20)\d{2}\s*)?年")
_CN_YEAR = re.compile(r"((?:一九|二[〇○零Ｏ])[〇○零Ｏ一二三四五六七八九]{2})年")
_BODY_PLAN_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年度?(?:的)?(?:全[市区县省州旗]|我[市区县省州旗]|本[市区县])?(?:的)?(?:教育)?(?:系统)?(?:重点)?(?:工作|目标任务)"
)


_PLANNED = re.compile(r"要点|计划|总结|意见|方案|规划|报告|清单|安排|思路|任务|目标")


def _title_year(title: str) -> tuple[int | None, bool]:
    """The year a title names, and whether it names what the document plans or sums up
    (2015年工作要点) rather than what a notice is about (关于公布2012年度先进县名单的通知)."""
    text = ascii_digits(title)
    match = _TITLE_YEAR.search(text)
    if match:
        return int(match.group(1)), bool(_PLANNED.search(text[match.end() :]))
    match = _CN_YEAR.search(title)
    if match:
        return cn_year(match.group(1)), bool(_PLANNED.search(title[match.end() :]))
    return None, False


def _year(
    title: str | None,
    kind: str | None,
    paragraphs,
    chosen: dict,
    warnings: list[str],
    doc_number: str | None = None,
    posted_on: str | None = None,
) -> tuple[int | None, bool]:
    """The year the document plans or reports on, and whether it was inferred rather than stated."""
    written = chosen["date_written"]
    year, inferred = None, True
    titled, planned = _title_year(title) if title and kind not in RULE_TYPES else (None, False)
    if titled and (planned or kind in PLAN_TYPES or not written):
        year, inferred = titled, False
    if year is None and written and kind not in PLAN_TYPES:
        year, inferred = written.year, False
    if year is None and kind == "年度报告" and not title:
        year = _report_year(paragraphs)
    if year is None and kind not in PLAN_TYPES:
        year = _numbered_year(doc_number)
    if year is None:
        counts: dict[int, int] = {}
        for text in paragraphs:
            for match in _BODY_PLAN_YEAR.finditer(text):
                counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
        if counts:
            # The most often named; on a tie the earliest, since plans name later years as targets.
            year = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if year is None and written:
        # Annual plans are written early in their year or in the last weeks of the one before.
        year = written.year + 1 if written.month == 12 and kind in PLAN_TYPES else written.year
    if year is None and chosen["date_published"] and kind not in PLAN_TYPES:
        year = chosen["date_published"].year
    posted, _ = parse_date(posted_on)
    if year is None and posted and kind not in PLAN_TYPES:
        year = posted.year  # the date a page was posted, perhaps by a reposting site: inferred
    # A plan is written before or during its year: a date years after it is a typing or system error.
    if year and kind not in RULE_TYPES:
        for field in ("date_written", "date_effective"):
            if chosen[field] and chosen[field].year > year + 1:
                warnings.append(f"{field} rejected: {chosen[field].isoformat()} is long after the year the document plans ({year})")
                chosen[field] = None
    return year, inferred


def _issuer_and_place(view: View, title, adoption, session, signature):
    """((issuer, completed from context), region chain, place inferred). The best-placed issuer that
    names its place, or whose place the title, the page or another candidate makes certain."""
    found = issuers.candidates(view, title, adoption, session, signature)
    issuer, completed = None, False
    for candidate in sorted(found, key=_rank):
        wider = _wider(candidate, found)
        if wider is not None:
            candidate = wider
        names = str(candidate.value).split()
        if all(find_regions(name) for name in names):
            issuer, completed = candidate.value, candidate.inferred
            break
        whole = issuers.complete(names, find_regions(title or "") or _context_place(view, found)) or issuers.complete(
            names, _head_place(view)
        )
        if whole:
            issuer, completed = " ".join(whole), True
            break
    if issuer is None:
        # An organ the document prints only as 县教育局 (a page that masks its place): as printed, with no
        # place (series and listings do not group it with others).
        printed = (c for c in sorted(found, key=_rank) if c.where not in ("page", "context") and not c.inferred)
        bare = next((c for c in printed if re.fullmatch(r"[\u4e00-\u9fff]+(?: [\u4e00-\u9fff]+)*", str(c.value))), None)
        if bare is not None:
            issuer = str(bare.value)
    chain = find_regions(issuer or "") or find_regions(title or "")
    # A place read off an inferred issuer (the page's source, a report's subject) is inferred too.
    place_inferred = bool(chain) and completed and not find_regions(title or "")
    if not chain:
        chain = _context_place(view, found)
        if not chain:
            hints = vocabulary()["region_hints"]
            text = "".join(view.paragraphs)
            named = sorted({code for hint, code in hints.items() if hint in text})
            if len(named) == 1:
                chain = region_chain(named[0])
        if not chain:
            # Every place the text names lies in one province (《安徽省…规划》, 浙江省…): that province (and its
            # city, when one city holds them all), inferred.
            named_in_text = find_regions(_place_lines(view.paragraphs)[:PLACE_TEXT_CHARS])
            chain = [r for r in named_in_text if r.level in ("province", "city")][:2]
        place_inferred = bool(chain)
    return ((issuer, completed) if issuer else None), chain, place_inferred


def _wider(chosen: Candidate, found: list[Candidate]) -> Candidate | None:
    """A candidate naming more issuers, among them the chosen one: a disclosure table names the bureau
    that publishes a joint document; its title or signature names every issuer."""
    names = str(chosen.value).split()
    for other in found:
        more = str(other.value).split()
        if len(more) > len(names) and all(any(name in m for m in more) for name in names):
            return other
    return None


# How much of a text is read for the places it names, when nothing else places it (a long text names many).
PLACE_TEXT_CHARS = 30_000


def _place_lines(paragraphs) -> str:
    """The lines that may place a document: not an addressee line, which names the places it is sent to
    (伊犁哈萨克自治州，各州、市…：), not the issuer's."""
    return "\n".join(p for p in paragraphs if not titles.is_addressee(p))


def _head_place(view: View):
    """The one place the opening paragraphs name (a 县教育局 of a plan that names 房县 in its first lines)."""
    return find_regions(_place_lines(view.paragraphs[:8]))


def _context_place(view: View, found: list[Candidate]):
    """The place other candidates, the page's publisher or the first lines name."""
    for candidate in found:
        chain = find_regions(str(candidate.value))
        if chain:
            return chain
    return find_regions(view.source.site or "") or find_regions(view.first("site") or "") or find_regions(_place_lines(view.paragraphs[:3]))


def base_id(metadata: dict) -> str:
    """A stable ASCII id from the metadata: region code, year, type, and the 文号's number when stated."""
    region = metadata.get("region_code") or "cn"
    year = metadata.get("year") or "undated"
    parts = [str(region), str(year), doc_type_slug(metadata.get("doc_type"))]
    number = re.search(r"〔(\d{4})〕(?:第)?(\d+)号", metadata.get("doc_number") or "")
    if number:
        parts.append(number.group(2))
    return "-".join(parts)
