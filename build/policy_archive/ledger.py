"""The ledger: when each document first entered the archive. The feeds list documents by it, newest additions
first, so that a 2008 plan added today is news today.

docs/data/ledger.json, committed with docs/ (a generated file, listed in the manifest):

    {"added": {"<document id>": "YYYY-MM-DD", …}}      (one entry a document the archive holds, sorted by id)

Its rules:

- a document the last build's ledger holds keeps its date (a curator may correct one by editing the file: any
  valid date is kept);
- a document new to the ledger takes the build's date (archive.build_date: `Settings.today`, else
  $SOURCE_DATE_EPOCH, else the clock — the one value of a build the clock gives);
- the first ledger of an archive whose docs/ was written before ledgers existed: a document docs/ already held
  (its page listed in the manifest) takes its own date (schema.PUBLIC_DATE: published, else written), else the
  build's date; it was added no later than that, and the feeds keep the order they had;
- a document that leaves the archive leaves the ledger: the ledger describes what the archive holds (like every
  file of docs/), and a document that comes back is news again. Its id's page and feed entry are gone with it;
- where no build date is given (write.generate called as a library function, the tests), the date used for a
  document new to the ledger is the newest own date among the documents, else 1970-01-01: the same documents
  give the same bytes.

A ledger that cannot be read (not JSON, not a mapping of ids to dates) stops the build (LedgerError): a date
is never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from .document import Document
from .schema import PUBLIC_DATE, first_date

#: The ledger's path below docs/.
LEDGER = "data/ledger.json"
#: The date a document new to the ledger takes when no build date is given and no document has a date.
NO_DATE = "1970-01-01"


class LedgerError(Exception):
    """docs/data/ledger.json cannot be read as a ledger; the message names the file and the problem."""


def valid_date(value) -> bool:
    """Whether `value` is a date as the ledger writes it (YYYY-MM-DD, a real day)."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_ledger(docs_dir: Path) -> dict[str, str] | None:
    """The ledger the last build wrote into `docs_dir`: {id: date}; None where there is none yet."""
    path = Path(docs_dir) / LEDGER
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"cannot read {path}: {exc.strerror or exc}（无法读取收录记录 {path}）") from None
    try:
        added = json.loads(text)["added"]
    except (ValueError, KeyError, TypeError):
        added = None
    if not isinstance(added, dict):
        raise LedgerError(f'{path} is not a ledger: {{"added": {{id: "YYYY-MM-DD"}}}} expected（收录记录 {path} 格式不对）')
    wrong = sorted(str(key) for key, value in added.items() if not valid_date(value))
    if wrong:
        raise LedgerError(f"{path}: not a date (YYYY-MM-DD) for {', '.join(wrong[:5])}（收录记录 {path} 中日期格式不对）")
    return dict(added)


def page_ids(manifest: Iterable[str]) -> set[str]:
    """The ids of the document pages a manifest (write.read_manifest) lists: documents/<id>.md."""
    return {
        rel[len("documents/") : -len(".md")]
        for rel in manifest
        if rel.startswith("documents/") and rel.endswith(".md") and rel.count("/") == 1
    }


def own_date(doc: Document) -> str | None:
    """The document's own date (published, else written), where it is a valid one."""
    date = first_date(doc.metadata, PUBLIC_DATE)
    return date if valid_date(date) else None


def default_date(docs: Iterable[Document]) -> str:
    """The date a document new to the ledger takes where no build date is given: the newest own date, else NO_DATE."""
    return max(filter(None, map(own_date, docs)), default=NO_DATE)


def ledger_entries(
    docs: Iterable[Document], previous: Mapping[str, str] | None, today: str, existing: Collection[str] = ()
) -> dict[str, str]:
    """This build's ledger, {id: date} sorted by id, for `docs` (see the module's rules): `previous` is the last
    build's ledger (None: there was none), `today` the build's date, `existing` the ids the docs/ written before
    the first ledger held."""
    entries = {}
    for doc in docs:
        doc_id = doc.metadata["id"]
        if previous is not None and doc_id in previous:
            entries[doc_id] = previous[doc_id]
        elif previous is None and doc_id in existing:
            entries[doc_id] = own_date(doc) or today
        else:
            entries[doc_id] = today
    return dict(sorted(entries.items()))


def complete_ledger(docs: list[Document], added: Mapping[str, str] | None) -> dict[str, str]:
    """`added` for exactly `docs`, a document it lacks dated as where no build date is given (`added` None: as a
    first ledger of documents all held before)."""
    return ledger_entries(docs, added, default_date(docs), existing={doc.metadata["id"] for doc in docs})


def ledger_text(added: Mapping[str, str]) -> str:
    """docs/data/ledger.json's text: one entry a line, sorted by id, so that a change shows as one line of a diff."""
    return json.dumps({"added": dict(sorted(added.items()))}, ensure_ascii=False, indent=1) + "\n"
