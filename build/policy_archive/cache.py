"""The conversion cache: converted Documents on disk, so an unchanged source is not converted again."""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from . import PIPELINE_VERSION
from .document import Document


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Changes whenever the pipeline's code or knowledge tables change, so stale cache entries are never used."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".tsv", ".md")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ConversionCache:
    """Keyed by the source's bytes, its sidecar, its name and the pipeline."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.hits = 0

    def key(self, rel: str, data: bytes, sidecar: bytes) -> str:
        digest = hashlib.sha256()
        for part in (pipeline_fingerprint().encode(), rel.encode(), hashlib.sha256(data).digest(), hashlib.sha256(sidecar).digest()):
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Document | None:
        try:
            with self._path(key).open("rb") as handle:
                doc = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            return None
        self.hits += 1
        return doc

    def put(self, key: str, doc: Document) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
