"""Small builders shared by the stage tests."""

from policy_archive.clean import clean
from policy_archive.document import Document, Source
from policy_archive.extract import extract


def doc_from_text(text: str, name: str = "t.txt") -> Document:
    return Document(source=Source(file=name, sha256="0" * 64, format="txt", encoding="utf-8"), raw_text=text)


def cleaned(text: str) -> Document:
    return clean(doc_from_text(text))


def extracted(text: str) -> Document:
    return extract(clean(doc_from_text(text)))
