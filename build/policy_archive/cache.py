"""The conversion cache: converted Documents on disk, so an unchanged source is not converted again.

An entry is data, never code: gzip of one line of JSON saying what the entry is (format, version, its key,
the SHA-256 of the source and of the sidecar it was made from, the SHA-256 of what follows), then the
Document as JSON. It is read back only into the types of RECORDS, each value checked against its field's
type, so a document read from the cache has the repr of the one converted (page_heads.document_key relies on
it). An entry that is not exactly that (another version, cut short, altered, made from other bytes) is
not used: the source is converted afresh and the entry written again.

The cache only saves time: a folder that cannot be read or written costs a warning, never a document.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import logging
import os
import secrets
import types
import typing
import zlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from . import PIPELINE_VERSION
from .document import Block, Document, Source
from .extract.citations import Citation
from .extract.targets import Duty, Target

log = logging.getLogger(__name__)

FORMAT = "policy-archive conversion cache"
VERSION = 1


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Changes whenever the pipeline's code or knowledge tables change, so stale cache entries are never used."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".tsv", ".md")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- the Document as JSON -------------------------------------------------------------------------------

#: The only types an entry is decoded into.
RECORDS = (Document, Source, Block, Citation, Target, Duty)
#: The fields whose annotation does not say what they hold.
FIELD_TYPES = {
    (Document, "metadata"): dict[str, str | int | list[str] | list[dict[str, str | None]] | None],
    (Document, "topic_sections"): dict[str, tuple[str, ...]],
    (Document, "cited"): tuple[Citation, ...],
    (Document, "targets"): tuple[Target, ...],
    (Document, "duties"): tuple[Duty, ...],
}


class Unfit(ValueError):
    """A value that is not of its field's type: such an entry is not used, such a document not stored."""


@dataclass(frozen=True)
class Codec:
    """How values of one type become JSON values and back, each checked to be of the type both ways."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]
    # For text, numbers, booleans and None: the types kept as they are (checked in place, the common case).
    scalars: frozenset[type] = frozenset()


def _scalar(*kinds: type) -> Codec:
    # A float field may hold an int (4万 as 40000 or 40000.0): each is kept as it is, JSON tells them apart.
    allowed = frozenset(kinds)

    def check(value):
        if type(value) not in allowed:
            raise Unfit(f"{type(value).__name__} where {' or '.join(sorted(k.__name__ for k in kinds))} belongs")
        return value

    return Codec(check, check, allowed)


def _either(options: list[Codec]) -> Codec:
    scalars = frozenset(kind for option in options for kind in option.scalars)
    others = [option for option in options if not option.scalars]
    if not others:
        return _scalar(*scalars)

    def first_fit(way: str):
        def convert(value):
            if type(value) in scalars:
                return value
            for option in others:
                try:
                    return getattr(option, way)(value)
                except Unfit:
                    continue
            raise Unfit(f"{type(value).__name__} fits none of the types of its field")

        return convert

    return Codec(first_fit("encode"), first_fit("decode"))


def _array(value, length: int | None = None) -> list:
    if type(value) is not list or (length is not None and len(value) != length):
        raise Unfit(f"{type(value).__name__} where an array{f' of {length}' if length else ''} belongs")
    return value


def _sequence(kind: type, items: Codec) -> Codec:
    """tuple[X, ...] or list[X]: a JSON array either way, the field's type says which it was."""

    def encode(value):
        if type(value) is not kind:
            raise Unfit(f"{type(value).__name__} where {kind.__name__} belongs")
        if items.scalars and set(map(type, value)) <= items.scalars:
            return list(value)
        return [items.encode(item) for item in value]

    def decode(value):
        if items.scalars and type(value) is list and set(map(type, value)) <= items.scalars:
            return kind(value)
        return kind(items.decode(item) for item in _array(value))

    return Codec(encode, decode)


def _fixed_tuple(parts: list[Codec]) -> Codec:
    """tuple[X, Y]: a JSON array of as many values."""

    def encode(value):
        if type(value) is not tuple or len(value) != len(parts):
            raise Unfit(f"{type(value).__name__} where a tuple of {len(parts)} belongs")
        return [part.encode(item) for part, item in zip(parts, value)]

    def decode(value):
        return tuple(part.decode(item) for part, item in zip(parts, _array(value, len(parts))))

    return Codec(encode, decode)


def _text_keyed(values: Codec) -> Codec:
    """dict[str, X]: a JSON object, in the dict's order."""

    def convert(way: str):
        def each(value):
            if type(value) is not dict or any(type(key) is not str for key in value):
                raise Unfit("not a mapping of text keys")
            return {key: getattr(values, way)(item) for key, item in value.items()}

        return each

    return Codec(convert("encode"), convert("decode"))


def _record(kind: type) -> Codec:
    """One of RECORDS: a JSON object of exactly its fields, in their order."""
    hints = typing.get_type_hints(kind)
    codecs = {f.name: codec_for(FIELD_TYPES.get((kind, f.name), hints[f.name])) for f in fields(kind)}
    names = tuple(codecs)

    def encode(value):
        if type(value) is not kind:
            raise Unfit(f"{type(value).__name__} where {kind.__name__} belongs")
        return {name: codec.encode(getattr(value, name)) for name, codec in codecs.items()}

    def decode(value):
        if type(value) is not dict or tuple(value) != names:
            raise Unfit(f"not the fields of {kind.__name__}")
        arguments = {}
        for name, codec in codecs.items():
            item = value[name]
            if type(item) in codec.scalars:
                arguments[name] = item
            else:
                arguments[name] = codec.decode(item)  # (which raises Unfit for a scalar of another type)
        return kind(**arguments)

    return Codec(encode, decode)


@cache
def codec_for(hint: Any) -> Codec:
    """The codec of a field's type: text, numbers, booleans, None, tuples, lists, text-keyed dicts, RECORDS."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint in RECORDS:
        return _record(hint)
    if hint in (str, int, bool, type(None)):
        return _scalar(hint)
    if hint is float:
        return _scalar(int, float)
    if origin in (types.UnionType, typing.Union):
        return _either([codec_for(option) for option in arguments])
    if (origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis) or (origin is list and len(arguments) == 1):
        return _sequence(origin, codec_for(arguments[0]))
    if origin is tuple and arguments:
        return _fixed_tuple([codec_for(argument) for argument in arguments])
    if origin is dict and len(arguments) == 2 and arguments[0] is str:
        return _text_keyed(codec_for(arguments[1]))
    raise TypeError(f"the conversion cache cannot store a field of type {hint!r}: declare it in FIELD_TYPES")


def document_to_json(doc: Document) -> bytes:
    """The document as JSON (UTF-8; a lone surrogate the text may hold is kept as it is). Raises Unfit."""
    text = json.dumps(codec_for(Document).encode(doc), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def document_from_json(data: bytes) -> Document:
    """The document document_to_json wrote. Raises Unfit (or ValueError, RecursionError) for anything else."""
    return codec_for(Document).decode(json.loads(data.decode("utf-8", "surrogatepass")))


# --- entries on disk --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CacheKey:
    """A source's entry: its file name and what it must have been made from."""

    name: str  # hex digest of the pipeline, the source's name, its bytes and its sidecar's
    source_sha256: str
    sidecar_sha256: str


def _header(key: CacheKey, body: bytes) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "key": key.name,
        "source_sha256": key.source_sha256,
        "sidecar_sha256": key.sidecar_sha256,
        "content_sha256": hashlib.sha256(body).hexdigest(),
    }


#: Entries are gzip at its fastest level: at 1,000 of the bench's real documents (2026-12-07) 3.1 MB instead of
#: 10.7 MB of JSON (the blocks repeat the paragraphs' text; the old pickles took 5.8 MB), for 0.03 s more to read
#: them all (0.16 s; the pickles 0.05 s). Level 6 saves another 10 % of the bytes, reads no faster, writes slower.
GZIP_LEVEL = 1
#: An entry that holds more than this once decompressed is not read: a few kilobytes of gzip can expand to gigabytes.
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def entry_bytes(key: CacheKey, doc: Document) -> bytes:
    """What the cache holds for the key: gzip of the header line, then the document. Raises Unfit."""
    body = document_to_json(doc)
    header = json.dumps(_header(key, body), separators=(",", ":")).encode()
    return gzip.compress(header + b"\n" + body, compresslevel=GZIP_LEVEL, mtime=0)


def _decompressed(data: bytes) -> bytes | None:
    """The one gzip member `data` is, if it is whole and not larger than MAX_ENTRY_BYTES."""
    inflate = zlib.decompressobj(wbits=31)  # (31: a gzip header and trailer, checked)
    try:
        plain = inflate.decompress(data, MAX_ENTRY_BYTES)
    except zlib.error:
        return None
    return plain if inflate.eof and not inflate.unused_data else None


def entry_document(data: bytes, key: CacheKey) -> Document | None:
    """The document of an entry that is whole, of this format and version, and made from the key's source and
    sidecar; None for anything else."""
    plain = _decompressed(data)
    if plain is None:
        return None
    header, _, body = plain.partition(b"\n")
    try:
        if json.loads(header) != _header(key, body):
            return None
        doc = document_from_json(body)
    except (ValueError, RecursionError):  # (Unfit, JSON and UTF-8 errors are ValueErrors)
        return None
    return doc if doc.source.sha256 == key.source_sha256 else None


@cache
def _warn_once(message: str) -> None:
    log.warning("%s", message)


class ConversionCache:
    """Keyed by the source's bytes, its sidecar, its name, the pipeline and the furniture its site teaches."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = 0

    def key(self, rel: str, data: bytes, sidecar: bytes, furniture: bytes = b"") -> CacheKey:
        """`furniture`: the key of the lines its site teaches that the conversion removes (site_furniture),
        which decide the output as much as the source does; empty when there are none."""
        source_sha256, sidecar_sha256 = hashlib.sha256(data), hashlib.sha256(sidecar)
        digest = hashlib.sha256()
        parts = (pipeline_fingerprint().encode(), rel.encode(), source_sha256.digest(), sidecar_sha256.digest())
        for part in parts + ((furniture,) if furniture else ()):
            digest.update(len(part).to_bytes(8, "big") + part)
        return CacheKey(digest.hexdigest(), source_sha256.hexdigest(), sidecar_sha256.hexdigest())

    def path(self, key: CacheKey) -> Path:
        return self.folder / key.name[:2] / f"{key.name}.json.gz"

    def get(self, key: CacheKey) -> Document | None:
        """The cached document, or None (none there, unreadable, or not a sound entry for this key)."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        doc = entry_document(data, key)
        if doc is not None:
            self.hits += 1
        return doc

    def put(self, key: CacheKey, doc: Document) -> bool:
        """Store the document (replacing what the key's file held). False, with a warning once per process,
        when it cannot be: the build goes on without it."""
        try:
            data = entry_bytes(key, doc)
        except Unfit as exc:
            _warn_once(
                f"conversion cache: a document holds what the cache cannot store ({exc}); such documents are converted on every build"
            )
            return False
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(path, data)
        except OSError as exc:
            _warn_once(f"conversion cache {self.folder} cannot be written ({type(exc).__name__}): sources are converted on every build")
            return False
        return True


def _write_whole(path: Path, data: bytes) -> None:
    """Write to a name no other process uses, then rename: a reader sees the old entry or the new, never part
    of one, and two builds writing the same entry each rename their own file."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(8)}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
