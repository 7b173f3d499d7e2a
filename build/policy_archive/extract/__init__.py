"""Stage 3, extract: metadata and structure from a cleaned Document.

Each field has its extractor (titles, doc_numbers, doc_types, dates, years, issuers, places, topics),
which proposes candidates with the text they were read from and where it stands (evidence.PLACES), and
beside it the one rule that chooses: the best-placed candidate. A value not stated by the document is
listed in `inferred`; a placeholder, impossible or doubtful value is rejected or explained in `warnings`.
Nothing is made up: what cannot be found is None. Here, only the order in which the fields are read
(each may need the ones before it) and the document they make.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Document
from ..knowledge import topics as topic_vocabulary
from ..schema import METADATA_KEYS
from . import dates, doc_types, doubts, issuers, places, topics
from .citations import find_citations
from .dates import choose_dates, printed_date, with_page_date
from .doc_numbers import choose_doc_number, normalise_doc_number
from .doc_types import choose_kind, doc_type_slug
from .evidence import Candidate, View
from .history import first_adoption, history, version_date
from .issuers import choose_issuer_and_place
from .lexicon import parse_date
from .periods import title_period
from .places import find_regions, place_fields
from .signatures import signed
from .structure import structure
from .targets import find_duties, find_targets
from .title_lines import strip_revision
from .titles import choose_title, title_numbers
from .topics import document_topics, find_topics
from .years import choose_year

__all__ = ["base_id", "doc_type_slug", "extract", "find_regions", "normalise_doc_number", "parse_date", "place_fields", "structure"]


def extract(doc: Document) -> Document:
    """Pure: a cleaned Document to one with metadata, blocks, topics, citations, inferred and warnings."""
    view = View.of(doc)
    warnings = list(doc.warnings)
    inferred: list[str] = []
    notes: list[tuple[str, str]] = []
    title_choice, fields, page_date = _fields(view, warnings, inferred, notes)
    title = fields["title"]

    paragraphs = list(view.paragraphs)
    title_index = None
    if title_choice and title_choice.value[1] is not None and _wraps_only(paragraphs, title_choice, fields["doc_number"]):
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
        **fields,
        "topics": document_topics(blocks, mentions, topic_vocabulary()[1], fields["doc_type"], title),
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
        doubtful=doubts.doubtful_fields(notes, METADATA_KEYS),
        doubts=tuple(notes),
        warnings=tuple(warnings),
        topic_sections=topic_sections,
        cited=find_citations(blocks, title),
        targets=find_targets(blocks),
        duties=find_duties(blocks),
    )


def _fields(view: View, warnings: list[str], inferred: list[str], notes: list) -> tuple[Candidate | None, dict, object]:
    """Every metadata field but the id and the topics, in front-matter order, each chosen beside its extractor;
    with the chosen title's candidate (its lines) and the page's date. What is inferred or rejected is added to
    `inferred` and `warnings` in the order the fields are read; what is doubtful (doubts.assess), to `notes`."""
    title_choice = choose_title(view)
    title = strip_revision(title_choice.value[0]) if title_choice else None
    if title_choice and title_choice.inferred:
        inferred.append("title")
    if title is None:
        warnings.append("no title found in the document")
    # A rule's 公告 or order: its number is a 文号 candidate, its date one of publication.
    promulgated, notice_number = dates.promulgation(view)
    order_number, ordered_on = dates.order(view)
    on_title, promulgating = title_numbers(view, title_choice), [c for c in (notice_number, order_number) if c]
    doc_number = choose_doc_number(view, on_title, promulgating, warnings)
    adoption = dates.adoption(view)
    session = dates.session(view)
    kind = choose_kind(view, title, title_choice, session)
    after_title = title_choice.value[2] + 1 if title_choice and title_choice.value[2] is not None else 0
    signature, undersigned = signed(view, after_title)

    published = [c for c in (promulgated, ordered_on) if c]
    chosen_dates = choose_dates(view, adoption, session, signature, undersigned, published, warnings)
    had_published = chosen_dates["date_published"] is not None
    issuer, chain, place_inferred = choose_issuer_and_place(view, title, adoption, session, signature, doc_number)
    if place_inferred:
        inferred.extend([level for level in ("province", "city", "county") if any(r.level == level for r in chain)] + ["region_code"])
    if issuer and issuer[1]:
        inferred.append("issuer")
    page_date = with_page_date(view, chosen_dates, issuer[0] if issuer else None, title, doc_number, warnings)
    year, year_inferred = choose_year(title, kind, view.paragraphs, chosen_dates, warnings, doc_number, view.first("posted"))
    if year is None:
        warnings.append("the year the document is about could not be found")
    elif year_inferred:
        inferred.append("year")
    events = [event.as_row() for event in history(view, warnings)]
    # (date_written is the first adoption the history states: a notice above it may name a later 修正案's 通过 first)
    adopted = first_adoption(events)
    period = title_period(title) or (None, None)
    fields = {
        "title": title,
        "doc_number": doc_number,
        "issuer": issuer[0] if issuer else None,
        "index_number": view.first("index_number"),
        **{key: value.isoformat() if value else None for key, value in chosen_dates.items()},
        **({"date_written": adopted} if adopted else {}),
        "date_printed": printed_date(view),
        "history": events,
        "date_version": version_date(events),
        "year": year,
        "period_start": period[0],
        "period_end": period[1],
        "validity": view.first("validity"),
        # (judged over the whole archive at a stated date: validity.with_status)
        **dict.fromkeys(("status", "status_basis", "status_source", "current_version")),
        "versions": [],
        **place_fields(chain),
        "doc_type": kind,
    }
    reading = doubts.Reading(
        title_choice,
        on_title,
        promulgating,
        dates.candidates(view, adoption, session, signature, undersigned, published),
        not had_published and chosen_dates["date_published"] is not None,
        page_date is not None and chosen_dates["date_published"] is None,
        adoption,
        session,
        signature,
        place_inferred,
        year is not None and year_inferred,
        issuer[2] if issuer else None,
        bool(issuer and issuer[1]),
    )
    notes += doubts.assess(view, fields, reading)
    return title_choice, fields, page_date


# What a title's lines may hold besides the title and be shown as the title alone: a wrapper of a few characters
# (名称：, 当前滚动：, a tag). A title read out of a table's row or a longer line leaves that line as it is.
_WRAPPER_CJK = 10


def _wraps_only(paragraphs: list[str], choice, doc_number: str | None) -> bool:
    first, last = choice.value[1], choice.value[2]
    rest = re.sub(r"\s", "", "".join(paragraphs[first : last + 1]))
    for shown in (choice.value[0], doc_number or ""):
        rest = rest.replace(re.sub(r"\s", "", shown), "", 1) if shown else rest
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) <= _WRAPPER_CJK


def base_id(metadata: dict) -> str:
    """A stable ASCII id from the metadata: region code, year, type, and the 文号's number when stated."""
    region = metadata.get("region_code") or "cn"
    year = metadata.get("year") or "undated"
    parts = [str(region), str(year), doc_type_slug(metadata.get("doc_type"))]
    number = re.search(r"〔(\d{4})〕(?:第)?(\d+)号", metadata.get("doc_number") or "")
    if number:
        parts.append(number.group(2))
    return "-".join(parts)


def preload() -> None:
    """Build every extractor's tables once (before workers are forked: they share them)."""
    for extractor in (topics, places, issuers, doc_types):
        extractor.preload()
