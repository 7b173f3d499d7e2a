"""The build report: what became of every file of the sources folder."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from . import PIPELINE_VERSION

STATUSES = ("converted", "duplicate", "rejected", "ignored")


@dataclass
class Outcome:
    """What became of one source file: the build report's row."""

    file: str
    status: str  # one of STATUSES
    id: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    doubtful: list[str] = field(default_factory=list)  # the document's fields for a curator to check (extract/doubts.py)
    cached: bool = False  # reused from the conversion cache; not in the report, which must not depend on it

    def as_dict(self) -> dict:
        from .knowledge import in_chinese

        reason_zh = in_chinese(self.reason) if self.reason else None
        return {
            "file": self.file,
            "status": self.status,
            "id": self.id,
            "reason": self.reason,
            "reason_zh": reason_zh,
            "warnings": self.warnings,
            "doubtful": self.doubtful,
        }


def counts(outcomes: list[Outcome]) -> Counter:
    return Counter(o.status for o in outcomes)


def doubtful_count(outcomes: list[Outcome]) -> tuple[int, int]:
    """(doubtful fields, documents with any) over the converted sources: what `policy-archive review` lists."""
    converted = [o for o in outcomes if o.status == "converted"]
    return sum(len(o.doubtful) for o in converted), sum(1 for o in converted if o.doubtful)


def build_report(outcomes: list[Outcome]) -> str:
    """JSON, deterministic: no timestamps, no cache state, sources in file order."""
    tally = counts(outcomes)
    fields, documents = doubtful_count(outcomes)
    report = {
        "pipeline_version": PIPELINE_VERSION,
        "summary": {
            "sources": len(outcomes),
            **{status: tally[status] for status in STATUSES},
            "doubtful": fields,
            "doubtful_documents": documents,
        },
        "sources": [o.as_dict() for o in sorted(outcomes, key=lambda o: o.file)],
    }
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"
