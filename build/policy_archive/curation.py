"""A curator's sidecar values, checked like extracted ones: each field by its schema type (schema.py), before
sources.py applies them to a document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .clean import normalise_line
from .extract.lexicon import parse_date
from .knowledge import regions, topics
from .schema import CURATED_KEYS, METADATA, SOURCE, Field
from .xml_text import xml_safe


class Curated(dict):
    """A sidecar's checked values, and what was changed in them to make them usable (`warnings`), which the
    document carries."""

    def __init__(self, values: dict, warnings: tuple[str, ...] = ()):
        super().__init__(values)
        self.warnings = warnings


def _kind(value: Any) -> str:
    """What a YAML value is, in a curator's words."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def _check_date(field: Field, value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, (str, dt.date)):
        raise ValueError(f"{field.name} must be a date (YYYY-MM-DD), not {_kind(value)}")
    parsed, problem = parse_date(str(value))
    if problem or parsed is None:
        raise ValueError(f"{field.name} {value!r}: {problem or 'not a date (YYYY-MM-DD)'}")
    return parsed.isoformat()


def _check_year(field: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"year must be a year such as 2023, not {_kind(value)}")
    if not 1949 <= value <= 2100:
        raise ValueError(f"year {value} is not a year such as 2023")
    return value


def _check_region(field: Field, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"region_code must be a six-digit code such as 370100, not {_kind(value)}")
    code = f"{value:06d}" if isinstance(value, int) else value
    if code not in regions():
        raise ValueError(f"region_code {value!r} is not a GB/T 2260 code of the region table")
    return code


def _check_topics(field: Field, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"topics must be a list of words, not {_kind(value)}")
    odd = next((t for t in value if not isinstance(t, str)), None)
    if odd is not None:
        raise ValueError(f"topics must be a list of words, and one of them is {_kind(odd)}")
    names = {t.name for t in topics()[0]}
    if any(t not in names for t in value):
        raise ValueError(f"topics must be a list of names from the topic vocabulary: {sorted(names)}")
    return value


def _check_text(field: Field, value: Any) -> str:
    if not isinstance(value, str):
        # (YAML reads 00123 as 83 and 1_000 as 1000: a number is never taken for the text it was written as.)
        quote = " (in quotes if it is written like a number)" if isinstance(value, (int, float)) else ""
        raise ValueError(f"{field.name} must be text{quote}, not {_kind(value)}")
    # One line, no invisible or bidirectional characters: a line break would split a heading.
    text = normalise_line(" ".join(value.split()))
    if not text:
        raise ValueError(f"{field.name} is empty")
    return text


_CHECKS = {"date": _check_date, "year": _check_year, "region_code": _check_region, "topics": _check_topics}
_BY_NAME = {f.name: f for f in METADATA + SOURCE}


def _xml_safe_values(value: Any) -> tuple[Any, int]:
    """The value (text, or a list of texts) without the characters XML cannot hold, and how many there were."""
    if isinstance(value, str):
        safe = xml_safe(value)
        return safe, len(value) - len(safe)
    if isinstance(value, list):
        pairs = [_xml_safe_values(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    return value, 0


def validate_curated(data: dict) -> Curated:
    """A curator's sidecar values, checked like extracted ones. Raises ValueError naming the field (and only
    ValueError, whatever the shape of a value). Characters XML cannot hold are removed, with a warning."""
    unknown = sorted(str(k) for k in set(data) - CURATED_KEYS)
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(unknown)} (allowed: {', '.join(sorted(CURATED_KEYS))})")
    clean: dict = {}
    warnings = []
    for key, value in data.items():
        field = _BY_NAME[key]
        value, removed = _xml_safe_values(value)
        if removed:
            warnings.append(f"removed {removed} character(s) that XML cannot hold from the curated {key}")
        clean[key] = None if value is None else _CHECKS.get(field.type, _check_text)(field, value)
    return Curated(clean, tuple(warnings))
