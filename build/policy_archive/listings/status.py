"""效力: the documents no longer (or not yet, or not wholly) in force at the stated date — repealed, expired,
printed as partly void, amended by a later version held, not yet in force — each with its evidence (validity.py),
and the groups of versions."""

from __future__ import annotations

from ..document import Document
from ..versions import version_when
from .templating import render

# The statuses the page gathers, in its order (现行有效 is every other document with a status).
GATHERED = ("已废止", "已失效", "部分失效", "已修改", "尚未施行")


def status_pages(docs: list[Document]) -> dict[str, str]:
    with_status = [d for d in docs if d.metadata.get("status")]
    by_status = {s: sorted((d for d in with_status if d.metadata["status"] == s), key=lambda d: d.metadata["id"]) for s in GATHERED}
    by_id = {d.metadata["id"]: d for d in docs}
    groups = sorted({tuple(d.metadata["versions"]) for d in docs if d.metadata.get("versions")})
    versions = [[by_id[i] for i in ids if i in by_id] for ids in groups]
    as_of = next((d.metadata["status_as_of"] for d in with_status), None)
    current = sum(1 for d in with_status if d.metadata["status"] == "现行有效")
    return {
        "status/index.md": render(
            "status/index.md",
            "status-index.md.j2",
            by_status=by_status,
            by_id=by_id,
            versions=versions,
            as_of=as_of,
            current=current,
            version_when=version_when,
        )
    }
