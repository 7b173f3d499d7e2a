"""Bytes to text. Encodings are detected, not assumed: byte-order marks first, then a charset an HTML page
declares (when its bytes fit it), then strict UTF-8, then charset-normalizer limited to the encodings
Chinese sites use. Characters that are not text are removed (and counted) once decoded."""

from __future__ import annotations

import codecs
import re

from ..chinese import CJK
from .reading import ReadError, Reading

# Control characters that never stand in text: many of them mean binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Characters that are not text and that XML (the site's pages, feeds and sitemaps) cannot hold: those
# control characters, lone surrogates (half of a UTF-16 character whose other half is lost) and the
# Unicode noncharacters (U+FDD0–U+FDEF, and the last two code points of every plane).
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
# A form feed (a page break in text exported from a PDF or Word) and a vertical tab (Word's line break in
# its text exports) end a line: removed, they would glue two words.
_LINE_ENDING_CONTROLS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# Encodings a Chinese government or reposting site may serve; limiting detection to these avoids
# charset-normalizer's guesses of Cyrillic or Latin code pages for short Chinese texts.
_CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_8"]


def read_text(data: bytes, warnings: list[str]) -> Reading:
    """The reader of plain text (.txt): decoding is all there is to it."""
    text, encoding, removed = decode_text(data, warnings)
    return Reading(text, encoding, removed)


def decode_text(data: bytes, warnings: list[str], declared: str | None = None) -> tuple[str, str, int]:
    """decode, then characters_of_text (before any markup is parsed): the text, its encoding and how many
    characters that are not text were removed."""
    text, encoding = decode(data, warnings, declared)
    text, removed = characters_of_text(text)
    return text, encoding, removed


def characters_of_text(text: str) -> tuple[str, int]:
    """The text without the characters that are not text (form feeds and vertical tabs become line
    breaks), and how many were removed."""
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_LINE_ENDING_CONTROLS)
    if not _NOT_TEXT.search(text):
        return text, 0
    removed = len(_NOT_TEXT.findall(text))
    return _NOT_TEXT.sub("", text), removed


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


# Charsets a page may declare that are read as declared (GB2312 and GBK as GB18030, their superset).
_CHINESE_CHARSETS = ("gb2312", "gbk", "gb18030", "big5", "big5hkscs")


def decode(data: bytes, warnings: list[str], declared: str | None = None) -> tuple[str, str]:
    """Bytes to text and the name of the encoding used. Raises ReadError for binary data.

    A charset the page declares is used when the bytes decode cleanly with it; GB2312 and GBK
    declarations are read as GB18030, their superset, since sites declare the older name.
    """
    with_bom = _decode_with_bom(data, warnings)
    if with_bom is not None:
        return with_bom
    if b"\x00" in data:
        utf16 = _guess_utf16_without_bom(data)
        if utf16:
            return _check_text(_decode_utf16(data, utf16, warnings)), utf16
        nuls = data.count(0)
        if not _stray_nuls(data):
            raise ReadError(f"binary data: {nuls} NUL bytes in a text file")
        # A few stray NUL bytes (a bad save, a truncated copy) are removed, not a reason to lose the text.
        warnings.append(f"removed {nuls} NUL byte(s)")
        data = data.replace(b"\x00", b"")
    as_declared = _decode_as_declared(data, warnings, declared)
    if as_declared is not None:
        return as_declared
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    return _decode_not_utf8(data, warnings, utf8_error)


def _decode_with_bom(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """Text that starts with a byte-order mark, decoded as the mark says; None without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom) and encoding == "utf-16":
            return _check_text(_decode_utf16(data, encoding, warnings)), encoding
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} at byte {exc.start}"
                ) from exc
    return None


def _decode_as_declared(data: bytes, warnings: list[str], declared: str | None) -> tuple[str, str] | None:
    """A page decoded with the charset it declares, when its bytes fit it; None otherwise."""
    if declared in _CHINESE_CHARSETS and re.search(rb"[\x80-\xff]", data):
        # A page saved by a browser keeps its old charset declaration but is written as UTF-8; GB18030
        # would decode those bytes "cleanly" into nonsense. UTF-8 that decodes is UTF-8.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(f"the page declares charset {declared} but is UTF-8; read as UTF-8")
            return _check_text(text), "utf-8"
    if declared in (*_CHINESE_CHARSETS, "utf-8"):
        declared = "gb18030" if declared in ("gb2312", "gbk") else declared
        try:
            return _check_text(data.decode(declared)), declared
        except UnicodeDecodeError:
            warnings.append(f"the page declares charset {declared} but is not encoded in it; detected instead")
    return None


def _decode_not_utf8(data: bytes, warnings: list[str], utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Text that is not valid UTF-8: UTF-8 cut off in its last character, UTF-8 with some lines in GB18030,
    or the Chinese encoding charset-normalizer finds."""
    # A file cut off in the middle of its last character: keep everything before it, and say so.
    for cut in (1, 2, 3):
        try:
            text = data[:-cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        warnings.append(
            f"truncated multi-byte sequence at the end: the last {cut} byte(s) were not a whole UTF-8 character and were dropped"
        )
        return _check_text(text), "utf-8"
    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        text, count = mixed
        warnings.append(f"mixed encodings: {count} line(s) were not UTF-8 and were decoded as GB18030")
        return _check_text(text), "utf-8+gb18030"
    # (Imported here, not with the module: few sources need it, and every process would pay for importing it.)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise ReadError(f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no Chinese encoding fits")
    encoding = best.encoding
    text = str(best)
    return _check_text(text), encoding


def _stray_nuls(data: bytes) -> bool:
    """Whether the NUL bytes of a file are few enough to be stray ones (a bad save, a truncated copy)."""
    return data.count(0) <= max(8, len(data) // 1000)


def _guess_utf16_without_bom(data: bytes) -> str | None:
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) / 2
    # ASCII-heavy UTF-16 has NULs in one byte of each pair; CJK-heavy text has few NULs at all, so
    # try both byte orders and keep the one that gives Chinese text.
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            # UTF-16 with a lone surrogate or an odd last byte, if its NULs are too many to be stray ones
            # in an 8-bit file (bytes of UTF-8 read as UTF-16 often give Chinese characters).
            if _stray_nuls(data):
                continue
            text = data[: len(data) - len(data) % 2].decode(encoding, errors="surrogatepass")
        # Read in the wrong byte order, Chinese text is full of lone surrogates; a file may hold a few.
        if CJK.search(text) and len(_LONE_SURROGATE.findall(text)) <= max(1, len(text) // 1000):
            if (encoding == "utf-16-le" and odd_nuls >= even_nuls) or (encoding == "utf-16-be" and even_nuls > odd_nuls):
                return encoding
    if odd_nuls > half * 0.3:
        return "utf-16-le"
    if even_nuls > half * 0.3:
        return "utf-16-be"
    return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode_utf16(data: bytes, encoding: str, warnings: list[str]) -> str:
    """UTF-16 text, whatever it holds: a lone surrogate is kept for characters_of_text to remove (and
    count), and an odd last byte, half a code unit, is dropped with a warning."""
    if len(data) % 2:
        data = data[:-1]
        warnings.append("truncated multi-byte sequence at the end: the last 1 byte(s) were not a whole UTF-16 character and were dropped")
    return data.decode(encoding, errors="surrogatepass")


def _decode_mixed_lines(data: bytes) -> tuple[str, int] | None:
    """Decode line by line when most non-ASCII lines are UTF-8 and the rest are GB18030."""
    lines = data.split(b"\n")
    utf8_lines = 0
    other = 0
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(b > 0x7F for b in line):
                utf8_lines += 1
        except UnicodeDecodeError:
            try:
                out.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            other += 1
    if utf8_lines and other and utf8_lines >= other:
        return "\n".join(out), other
    return None


def _check_text(text: str) -> str:
    """Decoded text with its line ends made \\n; binary data is rejected. (A few control characters are
    left for characters_of_text to remove and count.)"""
    if not text.strip():
        raise ReadError("file is empty or holds only white space")
    if _CONTROL.search(text):
        controls = len(_CONTROL.findall(text))
        if controls > max(8, len(text) // 100):
            raise ReadError(f"binary data: {controls} control characters in {len(text)} characters")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
