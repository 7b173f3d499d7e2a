"""Loads the knowledge tables in data/: each table lives in one file, and code reads it only from here."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .schema import LABELS

# libyaml's parser when PyYAML has it (the tables read the same: tests/test_read.py checks every one), the
# pure-Python one otherwise: the tables are read by every build's process.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _load_yaml(name: str) -> dict:
    """A knowledge table, parsed once (topics.yaml serves both topics() and untagged_types())."""
    return yaml.load(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)


@dataclass(frozen=True)
class Boilerplate:
    head_line: re.Pattern  # furniture above the text only
    noise_line: re.Pattern  # furniture wherever it stands
    footer_line: re.Pattern  # furniture only among the last lines of a page
    edge_line: re.Pattern  # furniture at the head of a page or among its last lines
    navigation_words: frozenset[str]  # a line made only of these, at a page's edge, is a navigation bar
    template_code: re.Pattern  # a content system's template code (and empty image syntax) in a line
    page_notice: re.Pattern  # a notice about the reader's browser, sentence marks and all
    repost_disclaimers: tuple[re.Pattern, ...]
    page_info_lines: tuple[re.Pattern, ...]
    teaser_headings: frozenset[str]
    teaser_endings: tuple[str, ...]
    attachment_line: re.Pattern
    red_header: re.Pattern
    page_info_fragment: re.Pattern
    colophon_lines: tuple[re.Pattern, ...]
    metadata_labels: dict[str, str]


@cache
def boilerplate() -> Boilerplate:
    data = _load_yaml("boilerplate.yaml")

    # One alternation per place on the page: a line is tested once rather than against every pattern.
    def alternation(*groups: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for group in groups for p in data["noise_lines"][group]))

    return Boilerplate(
        head_line=alternation("breadcrumbs", "columns", "page_info"),
        noise_line=alternation("page_tools"),
        footer_line=alternation("footers"),
        edge_line=alternation("edges"),
        navigation_words=frozenset(data["navigation_words"]),
        template_code=re.compile(data["template_code"]),
        page_notice=re.compile("|".join(f"(?:{p})" for p in data["page_notices"])),
        repost_disclaimers=tuple(re.compile(p) for p in data["repost_disclaimers"]),
        page_info_lines=tuple(re.compile(p) for p in data["page_info_lines"]),
        teaser_headings=frozenset(data["teaser_headings"]),
        teaser_endings=tuple(data["teaser_endings"]),
        attachment_line=re.compile(data["attachment_line"], re.IGNORECASE),
        metadata_labels=dict(data["metadata_labels"]),
        red_header=re.compile(data["red_header"]),
        page_info_fragment=re.compile("|".join(f"(?:{p})" for p in data["page_info_fragments"])),
        colophon_lines=tuple(re.compile(p) for p in data["colophon_lines"]),
    )


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    terms: tuple[str, ...]


@cache
def topics() -> tuple[tuple[Topic, ...], float]:
    """The topic vocabulary and the weight that makes a topic one of a document's main topics."""
    data = _load_yaml("topics.yaml")
    items = tuple(Topic(t["name"], t["slug"], tuple(t["terms"])) for t in data["topics"])
    return items, float(data["min_weight"])


@cache
def untagged_types() -> frozenset[str]:
    """Document types that get no main topics (topics.yaml)."""
    return frozenset(_load_yaml("topics.yaml").get("untagged_types", ()))


@cache
def vocabulary() -> dict:
    return _load_yaml("vocabulary.yaml")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province, city, county
    parent: str  # parent code, "" for a province


@cache
def regions() -> dict[str, Region]:
    return {r["code"]: Region(r["code"], r["name"], r["level"], r["parent"]) for r in _tsv("regions.tsv")}


@dataclass(frozen=True)
class Tile:
    code: str  # province code (GB/T 2260)
    name: str  # short name shown on the tile
    row: int
    column: int


@cache
def province_tiles() -> tuple[Tile, ...]:
    """The tile grid map of the provinces (province_tiles.tsv)."""
    return tuple(Tile(r["code"], r["name"], int(r["row"]), int(r["column"])) for r in _tsv("province_tiles.tsv"))


@cache
def regions_by_name() -> dict[str, tuple[Region, ...]]:
    """Names to the regions that bear them: full official names (济南市, 荣成市, 山东省; some repeat),
    former names (宁乡县 -> 宁乡市, 襄樊市 -> 襄阳市) and short forms (阿坝州), from region_aliases.tsv."""
    index: dict[str, list[Region]] = {}
    for region in regions().values():
        index.setdefault(region.name, []).append(region)
    table = regions()
    for row in _tsv("region_aliases.tsv"):
        if row["alias"] not in index and row["code"] in table:
            index[row["alias"]] = [table[row["code"]]]
    return {name: tuple(rs) for name, rs in index.items()}


def _tsv(name: str) -> list[dict]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))


def region_chain(code: str) -> list[Region]:
    """The region and its ancestors, province first."""
    table = regions()
    chain = []
    while code and code in table:
        chain.append(table[code])
        code = table[code].parent
    return list(reversed(chain))


@cache
def _warning_texts() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(entry["pattern"]), entry["text"]) for entry in _load_yaml("messages.yaml"))


def in_chinese(message: str) -> str:
    """The Chinese sentence for one of the pipeline's warnings or rejections (data/messages.yaml); field
    names become their labels (成文日期)."""
    for pattern, text in _warning_texts():
        match = pattern.fullmatch(message)
        if match:
            values = dict(match.groupdict())
            for key in ("field", "fields"):
                if values.get(key):
                    values[key] = "、".join(LABELS.get(name.strip(), name.strip()) for name in values[key].split(","))
            return text.format(**{k: v or "" for k, v in values.items()})
    return message


def preload() -> None:
    """Load the tables every conversion reads (before workers are forked: they share them)."""
    regions_by_name()
    boilerplate()
    untagged_types()
