"""The review queue (`policy-archive review`): the documents with doubtful fields, most doubtful first, each
field with why it is doubtful and the other candidates and where they were found; and the one-step
correction (`--write`): each document's sidecar (NAME.meta.yaml) written or completed with the chosen values
and the doubts as YAML comments, so that a curator corrects a document by editing one small file.

A curator's sidecar is never overwritten: its lines are kept as they are and only the fields it does not name
are added below them. A curated field is no longer doubtful (sources.apply_sidecar), so a second run adds
nothing for it."""

from __future__ import annotations

from pathlib import Path

import yaml

from .document import Document
from .extract.layout import describe, read_layout
from .schema import CURATED_KEYS, LABELS
from .sources import sidecar_path

HEADER = "# policy-archive review: fields read automatically that need a check (自动识别，待核)."
_HOW = "# Correct a value or keep it; a field named here is curated from now on and is no longer doubtful."


def queue(docs: list[Document]) -> list[Document]:
    """The documents with doubtful fields, most doubtful first (then by file)."""
    return sorted((d for d in docs if d.doubtful), key=lambda d: (-len(d.doubtful), d.source.file))


def listing(docs: list[Document]) -> str:
    """The queue as text: a document per block, a line per doubtful field and one per note."""
    lines = []
    for doc in queue(docs):
        lines.append(f"{doc.source.file}  ({len(doc.doubtful)} doubtful: {', '.join(doc.doubtful)})")
        layout = describe(read_layout(doc))
        if layout:
            lines.append(f"  版式（GB/T 9704）: {layout}")
        for name in doc.doubtful:
            lines.append(f"  {name}（{LABELS.get(name, name)}）: {_shown(doc.metadata.get(name))}")
            lines += [f"      {note}" for field, note in doc.doubts if field == name]
    return "\n".join(lines)


def _shown(value) -> str:
    return "—" if value is None or value == "" or value == [] else str(value)


def sidecar_text(doc: Document, existing: str = "") -> str:
    """The sidecar for `doc`: the curator's existing text kept as it is, with every doubtful field it does not
    name added below (the value as chosen, the doubts as comments; a missing value as a commented line)."""
    named = set((yaml.safe_load(existing) or {}) if existing.strip() else {})
    lines = []
    for name in doc.doubtful:
        if name in named or name not in CURATED_KEYS:
            continue
        lines.append(f"# {name}（{LABELS.get(name, name)}）:")
        lines += [f"#   {note}".replace("\n", " ") for field, note in doc.doubts if field == name]
        value = doc.metadata.get(name)
        dumped = yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=False, width=10_000).rstrip("\n")
        lines.append(dumped if value not in (None, "", []) else f"# {name}: ")
    if not lines:
        return existing
    head = existing.rstrip("\n") + "\n" if existing.strip() else ""
    return head + "\n".join([HEADER, _HOW, *lines]) + "\n"


def write_sidecars(docs: list[Document], sources_dir: Path) -> list[Path]:
    """Write or complete the sidecar of every document in the queue; the sidecars changed."""
    written = []
    for doc in queue(docs):
        path = sidecar_path(sources_dir / doc.source.file)
        existing = path.read_text(encoding="utf-8") if path.is_file() else ""
        text = sidecar_text(doc, existing)
        if text != existing:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
