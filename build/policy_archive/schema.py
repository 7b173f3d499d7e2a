"""The one description of every metadata field.

Everything that lists fields is made from the tables below: the `Document` metadata keys, the order of
the front matter, the rows of catalog.json, the sidecar keys a curator may set and their validation,
the labels of the document card, the field table of the about page and the published JSON Schema
(docs/data/schema.json). Adding a field means a row here, its extractor, and a test.

A row also says the field's roles: which dates make "the document's date" and in what order (DOCUMENT_DATE),
which say when it entered public view (PUBLIC_DATE, the feeds), and which fields the search page filters by,
under what name (SEARCH_FILTERS).

A leaf: it describes the fields and imports nothing of the package. What is made of a document by them lives
beside its users: records.py (the catalog row and front matter), curation.py (a sidecar's values checked by
their types).
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFilter:
    """A field the search page filters by: a Pagefind filter (data-pagefind-filter) the document card writes."""

    label: str  # the filter's name in the index and on the search page (年份, 省份 …)
    param: str  # its key in the search page's address (?year=2023)
    rank: int  # its place among the search page's filters
    after: str | None = None  # the filter it narrows (城市 after 省份): offered once that one is chosen


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text, date, year, region_code, topics, id, list, script, history (a list of events)
    label: str  # Chinese label shown to readers (card, about page)
    description: str  # what the value means, in Chinese (about page, JSON Schema)
    curatable: bool = True  # a curator may set it in a sidecar
    # How the document card shows it: text, searchable (text that Pagefind indexes), or a special
    # rendering of overrides/partials/document-card.html (title, docno, year, place …); None: not shown.
    card: str | None = "text"
    card_label: str | None = None  # the card row's label when it is not the field's (one row for the place)
    # Roles. date_rank: its place among the dates that make "the document's date" (the first of them a document
    # has: DOCUMENT_DATE); public_rank: among those that say when it entered public view (the feeds: PUBLIC_DATE);
    # search: the search page's filter of it (SEARCH_FILTERS).
    date_rank: int | None = None
    public_rank: int | None = None
    search: SearchFilter | None = None


# The document's metadata, in front-matter order.
METADATA: tuple[Field, ...] = (
    Field("id", "id", "标识", "由地区代码、年度、文种、文号序号组成的稳定标识", curatable=False, card=None),
    Field("title", "text", "标题", "文件标题（网页外壳如“转发”不计）", card="title"),
    Field("doc_number", "text", "文号", "发文字号，括号统一为〔〕", card="docno"),
    Field(
        "issuer",
        "text",
        "发文机关",
        "发文机关；联合发文时各机关以空格分隔",
        card="searchable",
        search=SearchFilter("发文机关", "issuer", 7),
    ),
    Field("index_number", "text", "索引号", "政府信息公开索引号", card="searchable"),
    Field("date_written", "date", "成文日期", "成文日期（签署日期；法规为通过日期）", date_rank=1, public_rank=2),
    Field("date_published", "date", "发布日期", "发布日期（转载网站的日期不算）", date_rank=2, public_rank=1),
    Field("date_effective", "date", "实施日期", "施行或生效日期", date_rank=4),
    Field("date_printed", "date", "印发日期", "版记所载印发日期", date_rank=3),
    Field(
        "history",
        "history",
        "历次修改",
        "法规题注与末条所载历次事件（通过、批准、公布、施行、修正、修订）：日期、事件、机关或会议、所据决定，按时间先后",
        curatable=False,
        card=None,
    ),
    Field(
        "date_version", "date", "版本日期", "本文本所是版本的日期：历次修改中最近的通过、批准、公布、修正或修订", curatable=False, card=None
    ),
    Field("year", "year", "年度", "文件所规划或总结的年度", card="year", search=SearchFilter("年份", "year", 1)),
    Field("period_start", "year", "规划起始年", "规划、计划所覆盖时期的第一年（标题所示，如“十四五”为 2021）", curatable=False, card=None),
    Field("period_end", "year", "规划终止年", "规划、计划所覆盖时期的最后一年（如“十四五”为 2025）", curatable=False, card=None),
    Field("validity", "text", "有效性", "原文或公开目录所印的有效性（如“有效”“失效”）"),
    Field(
        "status",
        "text",
        "效力状态",
        "截至判断日期（构建参数 --as-of，默认取各来源所载的最晚日期，载于“效力”页）的效力：尚未施行、现行有效、已修改、部分失效、已废止、已失效（印有有效性时从其所印）",
        curatable=False,
        card="status",
        search=SearchFilter("效力", "status", 8),
    ),
    Field("status_basis", "text", "效力依据", "判断效力所据的原文语句或事实", curatable=False, card=None),
    Field("status_source", "text", "效力依据文件", "效力依据所在的本库文件的 id（本文件自身为 null）", curatable=False, card=None),
    Field("versions", "list", "历史版本", "同一法规在本库的各个版本的 id，自旧至新", curatable=False, card=None),
    Field("current_version", "text", "现行版本", "同一法规在本库的现行版本的 id", curatable=False, card=None),
    Field("province", "text", "省份", "省级行政区", card="place", card_label="地区", search=SearchFilter("省份", "province", 2)),
    Field("city", "text", "城市", "地级行政区", card=None, search=SearchFilter("城市", "city", 3, after="省份")),
    Field("county", "text", "区县", "县级行政区", card=None, search=SearchFilter("区县", "county", 4, after="城市")),
    Field("region_code", "region_code", "行政区划代码", "最细一级地区的 GB/T 2260 代码", card=None),
    Field("doc_type", "text", "文种", "标题所示文种（印发通知的文种为“通知”）", card="doc_type", search=SearchFilter("文种", "type", 6)),
    Field("topics", "topics", "主题", "主要主题（受控词表）", card="topics", search=SearchFilter("主题", "topic", 5)),
)

# Facts about the source file, under `source:` in the front matter.
SOURCE: tuple[Field, ...] = (
    Field("file", "text", "来源文件", "来源文件在来源文件夹中的路径", curatable=False, card=None),
    Field("sha256", "text", "SHA-256", "来源文件的 SHA-256", curatable=False, card=None),
    Field("format", "text", "格式", "来源文件格式：txt、md、html、docx", curatable=False, card=None),
    Field("encoding", "text", "编码", "检测到的字符编码", curatable=False, card=None),
    Field("url", "text", "原文网址", "原文网址", card=None),
    Field("site", "text", "来源网站", "来源网站或发布者", card=None),
    Field("page_date", "date", "网页日期", "网页所示日期（不一定是文件日期）", curatable=False, card=None),
    Field("raw_path", "text", "原始文件", "站内原始文件的路径", curatable=False, card="source", card_label="来源"),
    Field("also_saved_as", "list", "重复来源", "内容相同的其他来源文件", curatable=False, card=None),
    Field("attachments", "list", "附件", "页末列出的附件文件名", curatable=False, card=None),
)

# About the record itself, after the source.
RECORD: tuple[Field, ...] = (
    Field("original_script", "script", "原文字形", "原文字形：hans 简体，hant 繁体（已转为简体）", curatable=False, card="script"),
    Field("inferred", "list", "推断字段", "推断所得（非文件明文）的字段", curatable=False, card="inferred"),
    Field(
        "doubtful",
        "list",
        "待核字段",
        "自动识别而证据不足或相互矛盾、有待人工核对的字段（校订后不再列出）",
        curatable=False,
        card="doubtful",
    ),
    Field("warnings", "list", "提示", "存疑或被拒绝的值", curatable=False, card="warnings"),
)

# What documents.jsonl (and archive.sqlite) add to the catalog row: the text and what was read from it.
CONTENT: tuple[Field, ...] = (
    Field("text", "body", "正文", "清理后的正文，每段一行", curatable=False, card=None),
    Field("sections", "sections", "章节", "章节标题与编号条目：锚点、层级、文字", curatable=False, card=None),
    Field(
        "citations",
        "citations",
        "引用",
        "正文以书名号引用的文件：标题、其后所注文号、所在条目、标题是否不完整、本库对应文件",
        curatable=False,
        card=None,
    ),
    Field("targets", "targets", "量化目标", "正文中的量化目标：指标、数值、单位、所在语句与条目", curatable=False, card=None),
    Field("units", "units", "责任单位", "任务的责任（牵头）单位：单位、所负责的任务及其条目", curatable=False, card=None),
)

METADATA_KEYS: tuple[str, ...] = tuple(f.name for f in METADATA)
SOURCE_KEYS: tuple[str, ...] = tuple(f.name for f in SOURCE)
CURATED_KEYS: frozenset[str] = frozenset(f.name for f in METADATA + SOURCE if f.curatable)
LABELS: dict[str, str] = {f.name: f.label for f in METADATA + SOURCE + RECORD}

# "The document's date": the first of these dates a document has (listings, the search summary, the card).
DOCUMENT_DATE: tuple[str, ...] = tuple(f.name for f in sorted((f for f in METADATA if f.date_rank), key=lambda f: f.date_rank))
# When it entered public view: published, else written (the Atom feeds; a reposting page's date is never one).
PUBLIC_DATE: tuple[str, ...] = tuple(f.name for f in sorted((f for f in METADATA if f.public_rank), key=lambda f: f.public_rank))
# The search page's filters, in the order it shows them: (field name, filter).
SEARCH_FILTERS: tuple[tuple[str, SearchFilter], ...] = tuple(
    (f.name, f.search) for f in sorted((f for f in METADATA if f.search), key=lambda f: f.search.rank)
)


def first_date(metadata: dict, names: tuple[str, ...] = DOCUMENT_DATE) -> str | None:
    """The first of the dates `names` (the document's date by default) the metadata has; None if it has none."""
    return next((metadata[name] for name in names if metadata.get(name)), None)


def card_fields() -> list[dict]:
    """The document card's rows, in order: {name, label, render}."""
    fields = METADATA + SOURCE + RECORD
    return [{"name": f.name, "label": f.card_label or f.label, "render": f.card} for f in fields if f.card]


# --- published descriptions ---------------------------------------------------------------------------


def about_table() -> str:
    """The about page's Markdown table of every field."""
    lines = ["| 字段 | 名称 | 含义 |", "|---|---|---|"]
    for f in METADATA:
        lines.append(f"| `{f.name}` | {f.label} | {f.description} |")
    for f in SOURCE:
        lines.append(f"| `source.{f.name}` | {f.label} | {f.description} |")
    for f in RECORD:
        lines.append(f"| `{f.name}` | {f.label} | {f.description} |")
    for f in CONTENT:
        lines.append(f"| `{f.name}`（documents.jsonl） | {f.label} | {f.description} |")
    return "\n".join(lines)


_JSON_TYPES = {
    "text": {"type": ["string", "null"]},
    "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
    "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "year": {"type": ["integer", "null"], "minimum": 1949, "maximum": 2100},
    "region_code": {"type": ["string", "null"], "pattern": r"^\d{6}$"},
    "topics": {"type": "array", "items": {"type": "string"}},
    "list": {"type": "array", "items": {"type": "string"}},
    "script": {"type": "string", "enum": ["hans", "hant"]},
    "body": {"type": "string"},
    "history": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "action": {"type": "string", "enum": ["通过", "批准", "公布", "施行", "修正", "修订"]},
                "body": {"type": ["string", "null"], "description": "机关或会议"},
                "instrument": {"type": ["string", "null"], "description": "所据决定、命令"},
            },
            "required": ["date", "action", "body", "instrument"],
            "additionalProperties": False,
        },
    },
}


def _objects(properties: dict) -> dict:
    return {
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False},
    }


_TEXT = {"type": "string"}
_MAYBE_TEXT = {"type": ["string", "null"]}
_ANCHOR = {"type": ["string", "null"], "description": "所在条目或章节的锚点（页面地址 #锚点）；正文开头为 null"}
_CONTENT_TYPES = {
    "sections": _objects(
        {
            "anchor": _TEXT,
            "kind": {"type": "string", "enum": ["heading", "subheading", "item"]},
            "level": {"type": "integer"},
            "text": _TEXT,
        }
    ),
    "citations": _objects(
        {
            "title": {**_TEXT, "description": "所引标题（跨行或被空格隔开的已接合）"},
            "doc_number": {**_MAYBE_TEXT, "description": "标题后括注的文号"},
            "anchors": {"type": "array", "items": _TEXT, "description": "引用所在的条目锚点；正文开头为空字符串"},
            "truncated": {"type": "boolean", "description": "原文标题不完整（网页截断），照录，不与本库文件对应"},
            "repaired": {"type": "boolean", "description": "标题曾被换行或空格隔开，已接合"},
            "held_id": {**_MAYBE_TEXT, "description": "本库对应文件的 id；不在本库为 null"},
        }
    ),
    "targets": _objects(
        {
            "indicator": {**_MAYBE_TEXT, "description": "指标（数值前的名词，如 新增学位数、入园率）"},
            "number": {**_TEXT, "description": "原文所写的数值，如 4万、97"},
            "value": {"type": "number", "description": "数值（4万 → 40000）"},
            "unit": {**_MAYBE_TEXT, "description": "单位或 %"},
            "qualifier": {**_MAYBE_TEXT, "description": "以上、以下、左右等"},
            "phrase": {**_TEXT, "description": "目标所在的分句"},
            "anchor": _ANCHOR,
        }
    ),
    "units": _objects(
        {
            "unit": {**_TEXT, "description": "单位名称"},
            "role": {**_TEXT, "description": "原文所用的称谓：责任单位、牵头单位、配合单位……"},
            "task": {**_MAYBE_TEXT, "description": "所负责的任务（所在条目的开头）"},
            "anchor": _ANCHOR,
        }
    ),
}


def _properties(fields: tuple[Field, ...]) -> dict:
    types = {**_JSON_TYPES, **_CONTENT_TYPES}
    return {f.name: {**types[f.type], "title": f.label, "description": f.description} for f in fields}


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of one row of catalog.json (= one document's front matter + url)."""
    source = {"type": "object", "properties": _properties(SOURCE), "required": list(SOURCE_KEYS), "additionalProperties": False}
    properties = {**_properties(METADATA), "source": source, **_properties(RECORD)}
    properties["url"] = {"type": "string", "title": "页面地址", "description": "文件页面在站内的相对地址"}
    row = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    line = {**properties, **_properties(CONTENT)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema.json",
        "title": "地方教育政策文件库 catalog.json",
        "type": "object",
        "properties": {"documents": {"type": "array", "items": row}},
        "required": ["documents"],
        "additionalProperties": False,
        "$defs": {
            # One line of documents.jsonl: the catalog row, the text and what was read from it.
            "document": {
                "title": "地方教育政策文件库 documents.jsonl 的一行",
                "type": "object",
                "properties": line,
                "required": list(line),
                "additionalProperties": False,
            }
        },
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"
