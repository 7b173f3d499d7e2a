"""Stage 1, read: a source file's bytes to text, with the facts about the file.

Encodings are detected, not assumed (BOMs first, then strict UTF-8, then charset-normalizer limited to
the encodings Chinese sites use). HTML pages keep only their main content; their <title>, meta tags and
info-disclosure tables become evidence for metadata. Word files are opened with python-docx and their body's XML is read element by element (_WordReader).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import re
import stat
from functools import lru_cache
from pathlib import Path

from .document import Document, Source

TEXT_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".docx": "docx",
}
# The longest annual plans are a few hundred KB of text; a larger file is a mis-saved page or an
# archive, and reading it would stall the build. Word files carry images, so they may be larger.
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_DOCX_BYTES = 32 * 1024 * 1024
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
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


class ReadError(Exception):
    """A source that cannot become a document; the message names the problem."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, root: Path) -> Document:
    """Read one file under root. Raises ReadError with a reason for anything that is not a document."""
    data, fmt = load_bytes(path, root)
    return read_bytes(data, path.relative_to(root).as_posix(), fmt)


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file, reading at most `limit` + 1: a FIFO, a device or a socket is never
    opened (opening a FIFO waits forever), and a file that grows while read is still bounded."""
    info = path.stat()  # follows a link to its target; never blocks
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{what} is not a regular file (a pipe, device or socket) and is not read")
    if info.st_size > limit:
        raise ReadError(f"{what} is {info.st_size:,} bytes, over the {limit:,}-byte limit")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"{what} is over the {limit:,}-byte limit")
    return data


def inside(path: Path, root: Path) -> bool:
    """Whether the file a path names (links followed) lies inside the folder."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def load_bytes(path: Path, root: Path) -> tuple[bytes, str]:
    """The file's bytes and format, after the checks that need no decoding (link, type, size)."""
    if path.is_symlink():
        if not path.exists():
            raise ReadError("broken symbolic link")
        if not inside(path, root):
            raise ReadError("symbolic link pointing outside the sources folder")
    suffix = path.suffix.lower()
    fmt = TEXT_FORMATS.get(suffix)
    if fmt is None:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(sorted(TEXT_FORMATS))}")
    limit = MAX_DOCX_BYTES if fmt == "docx" else MAX_TEXT_BYTES
    try:
        return read_bounded(path, limit, f"this {fmt} file"), fmt
    except ReadError as exc:
        raise ReadError(f"{exc} for one {fmt} document" if "limit" in str(exc) else str(exc)) from None


def read_bytes(data: bytes, name: str, fmt: str) -> Document:
    """Pure: bytes of a source named `name` (relative path) in format `fmt` to a Document with raw_text."""
    digest = sha256_of(data)
    if not data.strip():
        raise ReadError("file is empty or holds only white space")
    warnings: list[str] = []
    evidence: list[tuple[str, str]] = []
    url = None
    removed = 0
    if fmt == "docx":
        text = docx_to_text(data, warnings)
        encoding = None
    else:
        text, encoding = decode(data, warnings, declared_charset(data) if fmt == "html" else None)
        text, removed = characters_of_text(text)  # (before the markup is parsed)
        if fmt == "html":
            text, evidence, url = html_to_text(text)
        elif fmt == "md":
            text, title = read_markdown(text)
            if title:
                evidence.append(("markdown_title", title))
    # Again: a page's character references (&#12;) and a Word file's text are read only now.
    text, removed_after = characters_of_text(text)
    if removed + removed_after:
        warnings.append(
            f"removed {removed + removed_after} character(s) that are not text (control characters, lone surrogates or Unicode noncharacters)"
        )
    if not _CJK.search(text):
        raise ReadError("no Chinese text found: not a policy document (or an unreadable encoding)")
    rare = rare_share(text)
    if rare > IMPLAUSIBLE_RARE_SHARE:
        warnings.append(f"the text reads as implausible Chinese ({rare:.0%} rare characters): its encoding may be wrong")
    source = Source(file=name, sha256=digest, format=fmt, encoding=encoding, url=url)
    return Document(source=source, raw_text=text, evidence=tuple(evidence), warnings=tuple(warnings))


def characters_of_text(text: str) -> tuple[str, int]:
    """The text without the characters that are not text (form feeds and vertical tabs become line
    breaks), and how many were removed."""
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_LINE_ENDING_CONTROLS)
    if not _NOT_TEXT.search(text):
        return text, 0
    removed = len(_NOT_TEXT.findall(text))
    return _NOT_TEXT.sub("", text), removed


# --- plausible Chinese ---------------------------------------------------------------------------------
# Text decoded with the wrong encoding (UTF-8 read as GBK, Big5 as GBK) is made of rare characters:
# measured on the seeds, 0.2% of the characters of a real document are rare, 74-78% of its mojibake.
IMPLAUSIBLE_RARE_SHARE = 0.3
_COMMON_FREQUENCY = 2000  # summed frequency, in jieba's dictionary, of the words a character is in


COMMON_CHARACTERS_TABLE = "common_characters.yaml"


def _jieba_dictionary() -> bytes:
    import os

    import jieba

    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), "rb") as handle:
        return handle.read()


def count_common_characters(dictionary: bytes) -> frozenset[str]:
    """The characters whose summed frequency in jieba's dictionary reaches _COMMON_FREQUENCY."""
    import collections

    counts: collections.Counter = collections.Counter()
    for line in io.StringIO(dictionary.decode("utf-8"), newline=None):  # (as a file opened as text reads it)
        word, frequency = line.split(" ")[:2]
        for character in word:
            counts[character] += int(frequency)
    return frozenset(c for c, n in counts.items() if n >= _COMMON_FREQUENCY)


def common_characters_table(dictionary: bytes) -> str:
    """data/common_characters.yaml for this dictionary (write it with write_common_characters_table)."""
    import yaml

    return yaml.safe_dump(
        {
            "jieba_dict_sha256": sha256_of(dictionary),
            "min_frequency": _COMMON_FREQUENCY,
            "characters": "".join(sorted(count_common_characters(dictionary))),
        },
        allow_unicode=True,
        width=100,
    )


def write_common_characters_table() -> None:
    """Regenerate data/common_characters.yaml from the installed jieba's dictionary."""
    from importlib import resources

    path = resources.files(__package__).joinpath("data", COMMON_CHARACTERS_TABLE)
    path.write_text(common_characters_table(_jieba_dictionary()), encoding="utf-8")


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Counted once, when the table was made (data/common_characters.yaml), for the dictionary whose hash
    it records: counting the 350,000 words of jieba's dictionary took most of a second of every build.
    Counted here when the installed jieba's dictionary is another one."""
    from .knowledge import _load_yaml

    dictionary = _jieba_dictionary()
    try:
        table = _load_yaml(COMMON_CHARACTERS_TABLE)
    except FileNotFoundError:
        table = {}
    if table.get("jieba_dict_sha256") == sha256_of(dictionary) and table.get("min_frequency") == _COMMON_FREQUENCY:
        return frozenset(table["characters"])
    return count_common_characters(dictionary)


def rare_share(text: str, sample: int = 600) -> float:
    """The share of rare characters among the first `sample` Chinese characters (0 for under 50)."""
    from .clean import _t2s

    # Traditional characters are rare in a Simplified dictionary: the sample is compared in Simplified.
    characters = _CJK.findall(_t2s().convert(text[: sample * 4]))[:sample]
    if len(characters) < 50:
        return 0.0
    common = _common_characters()
    return (len(characters) - sum(map(common.__contains__, characters))) / len(characters)


# --- encodings ---------------------------------------------------------------------------------------

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


def decode(data: bytes, warnings: list[str], declared: str | None = None) -> tuple[str, str]:
    """Bytes to text and the name of the encoding used. Raises ReadError for binary data.

    A charset the page declares is used when the bytes decode cleanly with it; GB2312 and GBK
    declarations are read as GB18030, their superset, since sites declare the older name.
    """
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
    if declared in ("gb2312", "gbk", "gb18030", "big5", "big5hkscs") and re.search(rb"[\x80-\xff]", data):
        # A page saved by a browser keeps its old charset declaration but is written as UTF-8; GB18030
        # would decode those bytes "cleanly" into nonsense. UTF-8 that decodes is UTF-8.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(f"the page declares charset {declared} but is UTF-8; read as UTF-8")
            return _check_text(text), "utf-8"
    if declared in ("gb2312", "gbk", "gb18030", "big5", "big5hkscs", "utf-8"):
        declared = "gb18030" if declared in ("gb2312", "gbk") else declared
        try:
            return _check_text(data.decode(declared)), declared
        except UnicodeDecodeError:
            warnings.append(f"the page declares charset {declared} but is not encoded in it; detected instead")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
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
        if _CJK.search(text) and len(_LONE_SURROGATE.findall(text)) <= max(1, len(text) // 1000):
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


# --- HTML --------------------------------------------------------------------------------------------

# Never text. (Not <form>: ASP.NET sites wrap the whole page in one.)
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "aside",
    "head",
}
# Page furniture unless it holds the document's heading (an <article>'s own <header> often does).
_FRAME_TAGS = {"header", "footer"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "ul",
    "ol",
    "center",
    "td",
    "th",
}
# Class or id fragments of the element that holds the text on Chinese government CMSs (TRS, 大汉, 政府网站集约化平台 …).
_CONTENT_HINTS = re.compile(r"(trs_editor|zoom|article|content|con_text|detail|main|text|zwnr|nr_con|view|TRS)", re.IGNORECASE)
_META_EVIDENCE = {
    "articletitle": "title",
    "dc.title": "title",
    "og:title": "title",
    "pubdate": "date_published",
    "firstpublishedtime": "date_published",
    "dc.date": "date_published",
    "contentsource": "site",
    "sitename": "site",
    "og:site_name": "site",
}


# The page is parsed by libxml2 (lxml) and walked as lxml's tree, where the text after an element is its
# `tail`. (BeautifulSoup built a second tree of Python objects over the same parse: 60% of the time of a
# page, for nothing this reader needs.) The text read is the same as BeautifulSoup's "lxml" builder gave.
_FEED_CHUNK = 512  # characters per feed, as BeautifulSoup fed libxml2 (its push parser is chunk-sensitive)


def _parse_html(html: str, capped: bool = False):
    """The page's root element, or None for a page without one (only a comment, say); `capped`: built
    through _DepthCappedTree."""
    from lxml import etree

    html = html.removeprefix("\ufeff")  # (lxml misreads a leading BOM in a str)
    parser = etree.HTMLParser(recover=True, target=_DepthCappedTree() if capped else None)
    try:
        for start in range(0, max(len(html), 1), _FEED_CHUNK):
            parser.feed(html[start : start + _FEED_CHUNK])
        return parser.close()
    except (etree.ParserError, UnicodeDecodeError, LookupError):
        # (Text lxml cannot take as a str, as BeautifulSoup did next: the same text as UTF-8 bytes.)
        parser = etree.HTMLParser(recover=True, encoding="utf-8", target=_DepthCappedTree() if capped else None)
        return etree.fromstring(html.encode("utf-8", "replace"), parser)


# libxml2 builds no element deeper than 256 (and drops all it holds, silently); its parser still reports
# every tag and piece of text to a target. A page that reaches the limit is parsed again through
# _DepthCappedTree, which builds the same tree down to MAX_DEPTH and nothing deeper.
_LIBXML_DEPTH_LIMIT = 256


class _DepthCappedTree:
    """An lxml parser target: the page's tree down to MAX_DEPTH; the text nested deeper, each piece as a line
    of its own in the element at MAX_DEPTH (as _flatten_deep_nesting leaves it), none lost."""

    def __init__(self):
        from lxml import etree

        self._builder = etree.TreeBuilder()
        self._depth = 0

    def start(self, tag, attrib):
        self._depth += 1
        if self._depth <= MAX_DEPTH:
            self._builder.start(tag, attrib)

    def end(self, tag):
        if self._depth <= MAX_DEPTH:
            self._builder.end(tag)
        self._depth -= 1

    def data(self, data):
        if self._depth <= MAX_DEPTH:
            self._builder.data(data)
        elif data.strip():
            self._builder.data(data.strip())
            self._builder.start("br", {})
            self._builder.end("br")

    def comment(self, text):
        if self._depth <= MAX_DEPTH:
            self._builder.comment(text)

    def close(self):
        return self._builder.close()


def _tags(root, names: set[str]) -> list:
    """The elements under root (not root itself) of these names, in document order."""
    return [element for element in root.iter(*names) if element is not root]


def _text(element) -> str:
    """All the text under element, in document order (comments are not text)."""
    return "".join(element.itertext())


def _stripped_text(element, separator: str = " ") -> str:
    """The pieces of text under element, each stripped, the empty ones left out, joined by separator."""
    return separator.join(piece for piece in (raw.strip() for raw in element.itertext()) if piece)


def _drop(element) -> None:
    """Remove element and all it holds. The text after it (lxml keeps it on the element, as its tail)
    stays, as a piece of its own: an empty comment takes the element's place and carries it."""
    from lxml import etree

    parent = element.getparent()
    if parent is None:
        return
    placeholder = etree.Comment()
    placeholder.tail = element.tail
    parent.replace(element, placeholder)


def html_to_text(html: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """Main text of a page (one block per line), metadata evidence, and the page's own URL if stated."""
    root = _parse_html(html)
    if root is None:
        return "", [], None
    if _flatten_deep_nesting(root) >= _LIBXML_DEPTH_LIMIT - 1:
        root = _parse_html(html, capped=True)
    evidence, url = _page_evidence(root)
    for tag in _tags(root, _DROP_TAGS):
        _drop(tag)
    for tag in _tags(root, _FRAME_TAGS):
        if next(tag.iter("h1", "h2"), None) is None:
            _drop(tag)
    disclosure_lines = _disclosure_tables(root)
    body = next(root.iter("body"), None)
    body = root if body is None else body
    content = _drop_link_lists(body)
    lines = _block_lines(content)
    return "\n".join(disclosure_lines + lines), evidence, url


def _page_evidence(root) -> tuple[list[tuple[str, str]], str | None]:
    """The metadata a page's <meta> elements and <title> state, and its own URL (og:url, canonical link)."""
    evidence: list[tuple[str, str]] = []
    url = None
    for meta in _tags(root, {"meta"}):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in _META_EVIDENCE and content:
            evidence.append((_META_EVIDENCE[key], content))
        if key == "og:url" and content.startswith(("http://", "https://")):
            url = content
    canonical = next((link for link in root.iter("link") if "canonical" in (link.get("rel") or "").split()), None)
    if canonical is not None and (canonical.get("href") or "").startswith(("http://", "https://")):
        url = canonical.get("href")
    title = next(root.iter("title"), None)
    if title is not None and _stripped_text(title, ""):
        evidence.append(("page_title", _stripped_text(title)))
    return evidence, url


def _disclosure_tables(root) -> list[str]:
    """Info-disclosure tables often sit outside the content element: they are kept, as "label | value"
    lines, and taken out of the page."""
    from .knowledge import boilerplate

    labels = boilerplate().metadata_labels
    lines = []
    for table in _tags(root, {"table"}):
        cells = [re.sub(r"\s+", "", _stripped_text(c)) for c in _tags(table, {"td", "th"})]
        cells = [c for c in cells if c]
        named = sum(1 for c in cells if c.rstrip("：:") in labels)
        # A disclosure table is label/value pairs; a task table with a 名称 or 实施时间 column is not.
        if named >= 2 and named * 2 >= len(cells) - 1:
            lines.extend(_table_lines(table))
            _drop(table)
    return lines


_LINK_LIST_TAGS = {"ul", "ol", "dl", "div", "table", "p", "td", "section", "nav", "span"}
_LINK_SHARE = 0.6  # of an element's text that is link text, for it to be a list of links
_LINK_LIST_MIN = 3  # links, for an element to be a menu or a "more articles" list


def _drop_link_lists(body):
    """Remove menus and "recommended articles" lists (_link_lists) outside the page's main content, and
    return the main content (_main_content, chosen as if they were gone). Inside it links are text: a
    notice whose body is a list of linked document titles, a 附件 list; only furniture a CMS puts at the
    top or the bottom of its content element is removed there too (_furniture_in_content). A page with no
    content element (the body is its content) has every list removed, as furniture may then be anywhere."""
    lists = _link_lists(body)
    content = _main_content(body, lists)
    in_lists = {node for element in lists for node in element.iter()}
    for element in lists:
        ancestors = set(element.iterancestors())
        if content in ancestors and content is not body:
            if not _furniture_in_content(element, content, in_lists):
                continue
        elif element in set(content.iterancestors()):
            continue  # (holds the content: removing it would remove the text)
        _drop(element)
    return content


def _link_lists(body) -> list:
    """Menus and "recommended articles" lists, innermost first: elements whose text is mostly the text of
    three links or more (a site's navigation, 推荐阅读, 上一篇/下一篇) and whose other words make no
    sentence (根据《教育法》、《义务教育法》等规定，… cites laws as links: it is text)."""
    # The links under each element, listed once for the page (in document order): an element taken as a
    # list no longer counts for its ancestors, so an element with fewer than three links to begin with
    # never is one, and the links still under an element are those of no list found inside it. (lxml
    # gives one Python object per element while any is held, so elements can be keys.)
    links_under: dict = {}
    for link in _tags(body, {"a"}):
        for ancestor in link.iterancestors():
            links_under.setdefault(ancestor, []).append(link)
    taken: set = set()
    lists = []
    for element in reversed(_tags(body, _LINK_LIST_TAGS)):
        if len(links_under.get(element, ())) < _LINK_LIST_MIN or element in taken:
            continue
        links = [link for link in links_under[element] if link not in taken]
        if len(links) < _LINK_LIST_MIN:
            continue
        # Chinese characters only: the dates and separators around the links ([08-15], |) do not count.
        text = len(_CJK.findall(_text(element)))
        linked = sum(len(_CJK.findall(_text(a))) for a in links)
        if text and linked / text >= _LINK_SHARE and not _SENTENCE_MARK.search(_text_outside_links(element)):
            taken.update(element.iter())
            lists.append(element)
    return lists


_SENTENCE_MARK = re.compile("[，。；！？]")
_MENU_LABEL_CHARACTERS = 8  # a menu's labels (首页, 政务公开, 通知公告) are short; document titles are not


def _text_outside_links(element) -> str:
    """The text under element that is not inside a link."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "a":
            pieces.append(_text_outside_links(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _furniture_in_content(element, content, in_lists: set) -> bool:
    """Whether a list of links inside the content is furniture its CMS put there: a column menu or
    breadcrumb of short labels above all of the content's text, or below all of it a menu or a list of
    other articles, each dated ([08-15]). Anywhere else, and of document titles, it is text."""
    links = list(element.iter("a"))
    short_labels = sum(len(_CJK.findall(_text(a))) for a in links) <= _MENU_LABEL_CHARACTERS * len(links)
    before, after = _text_around(element, content, in_lists)
    if not before:
        return short_labels
    dated = len(_LIST_DATE.findall(_text_outside_links(element))) * 2 >= len(links)
    return not after and (short_labels or dated)


_LIST_DATE = re.compile(r"\d{2,4}[-/.]\d{1,2}")


def _text_around(element, content, in_lists: set) -> tuple[int, int]:
    """The Chinese characters of the content before and after element (the text of lists of links aside)."""
    ancestors = set(element.iterancestors())
    inside = set(element.iter())
    before = after = 0
    reached = False
    for node in content.iter():
        reached = reached or node is element
        if node in inside:
            after += len(_CJK.findall(node.tail or "")) if node is element else 0
            continue
        own = len(_CJK.findall(node.text or "")) if isinstance(node.tag, str) and node not in in_lists else 0
        tail = 0 if node is content or node.getparent() in in_lists else len(_CJK.findall(node.tail or ""))
        if reached:
            after += own + tail
        elif node in ancestors:  # (its tail follows all it holds, the list too)
            before, after = before + own, after + tail
        else:
            before += own + tail
    return before, after


# Real pages nest a few dozen elements deep; a page nested hundreds deep is broken or hostile, and every
# pass over it would cost the square of its depth. Elements deeper than this are unwrapped (their
# content moves up to the element at the limit), which keeps every later step linear.
MAX_DEPTH = 64


def _flatten_deep_nesting(root) -> int:
    """Every element at MAX_DEPTH whose content nests deeper keeps its content as plain lines of text
    (one line per piece of text, none lost), so that no later pass sees the depth. Linear: the subtrees
    flattened are disjoint. Returns the depth the tree reached."""
    from lxml import etree

    depth = {}
    at_limit = []
    deepest = 0
    for element in root.iter():  # document order: a parent before its children
        parent = element.getparent()
        level = 1 if parent is None else depth.get(parent, MAX_DEPTH + 1) + 1
        depth[element] = level
        deepest = max(deepest, level)
        if level == MAX_DEPTH and any(isinstance(child.tag, str) for child in element):
            at_limit.append(element)
    for element in at_limit:
        first = (d for d in element.iterdescendants() if isinstance(d.tag, str))
        if not any(depth.get(d, 0) > MAX_DEPTH + 1 for d in itertools.islice(first, 200)):
            continue
        lines = [piece.strip() for piece in element.itertext() if piece.strip()]
        for child in list(element):
            element.remove(child)
        element.text = None
        previous = None
        for line in lines:
            if previous is None:
                element.text = line
            else:
                previous.tail = line
            previous = etree.SubElement(element, "br")
    return deepest


def _main_content(body, lists=()):
    """The element that holds the text: the smallest one marked as content (by its tag, class or id) that
    holds most of the page's text, the text of the lists of links (`lists`) not counted; else the body."""
    in_lists = _characters_in_lists(lists)
    best, best_score = body, 0
    total = len(_CJK.findall(_text(body))) - in_lists.get(body, 0)
    for element in _tags(body, {"div", "article", "main", "section", "td"}):
        marker = " ".join([element.get("id") or ""] + (element.get("class") or "").split())
        if element.tag not in ("article", "main") and not _CONTENT_HINTS.search(marker):
            continue
        score = len(_CJK.findall(_text(element))) - in_lists.get(element, 0)
        # The smallest element that still holds most of the page's text is the content.
        if score >= total * 0.5 and (best is body or score <= best_score):
            best, best_score = element, score
    return best


def _characters_in_lists(lists) -> dict:
    """For each element that holds lists of links, the Chinese characters of their text (each list counted
    once: one inside another is part of it)."""
    listed = set(lists)
    counts: dict = {}
    for element in lists:
        ancestors = list(element.iterancestors())
        if any(a in listed for a in ancestors):
            continue
        characters = len(_CJK.findall(_text(element)))
        for ancestor in ancestors:
            counts[ancestor] = counts.get(ancestor, 0) + characters
    return counts


def _rows_hold_all_text(table) -> bool:
    """Whether a table's text is all in its cells (text put in a table outside any cell, as broken pages
    do, is read as ordinary blocks instead, so that it is not lost)."""
    cells = sum(len(_CJK.findall(_text(c))) for row in table.iter("tr") for c in row if c.tag in ("td", "th"))
    return cells >= len(_CJK.findall(_text(table)))


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iter("tr"):
        cells = [_stripped_text(c) for c in _tags(row, {"td", "th"})]
        if any(cells):
            lines.append(" | ".join(cells) + " |")
    return lines


_SPACES = re.compile(r"[ \t\r\n]+")


def _block_lines(element) -> list[str]:
    lines: list[str] = []
    current: list[str] = []

    def flush():
        text = "".join(current).strip()
        if text:
            lines.append(text)
        current.clear()

    def add(text):
        if text:
            current.append(_SPACES.sub(" ", text))

    def walk(node):
        add(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass  # a comment or processing instruction: not text (what follows it is)
            elif child.tag == "table" and _rows_hold_all_text(child):
                flush()
                lines.extend(_table_lines(child))
            else:
                block = child.tag in _BLOCK_TAGS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()
            add(child.tail)

    walk(element)
    flush()
    return lines


# --- Markdown and Word -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_markdown(text: str) -> tuple[str, str | None]:
    """A Markdown source as plain lines, one per block (markup dropped, its text kept), and the text of
    its first heading when that is a level-1 heading: a law repository's export names the document so
    (# 北京市学前教育条例). The source is parsed once."""
    plain = _plain_markdown(text)
    if plain is not None:
        return plain
    tokens = _markdown_parser().parse(text)
    return _markdown_lines(tokens), _first_h1(tokens)


# Anything a Markdown parser would read as more than headings and paragraphs: emphasis, code, links,
# HTML, entities and escapes, tables, lists, quotes, indented code, setext underlines and rules, tabs.
# (Characters anywhere, and the starts of a line: one character class scans a text fast, where one
# alternation of both was tried at every position.)
_MARKUP_CHARACTER = re.compile(r"[*_`\[\]<>|\\&~\t\0]")
_MARKUP_LINE = re.compile(r" {4}| *(?:[-+]|\d{1,9}[.)])(?: |$)| *(?:=+|-+) *$| *#+[^# \n]")
_COMMENT_LINE = re.compile(r"^ {0,3}<!--[^<>]*--> *$", re.MULTILINE)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?: +(.*?))?(?: +#+)? *$")


def _plain_markdown(text: str) -> tuple[str, str | None] | None:
    """The same lines and title as the parser gives, for a source made only of ATX headings, plain
    paragraphs and comment lines (a law repository's export), read line by line: parsing such a file
    with markdown-it was half of its conversion time. None for anything else (tests compare both)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = _COMMENT_LINE.sub("", text) if "<!--" in text else text
    if _MARKUP_CHARACTER.search(body):
        return None
    blocks: list[str] = []
    paragraph: list[str] = []
    title, first_heading = None, True
    for line in body.split("\n"):
        if _MARKUP_LINE.match(line):
            return None
        heading = _ATX.match(line) if "#" in line else None
        if heading:
            # As the parser does: spaces around each line break dropped, white space around the paragraph.
            if paragraph:
                blocks.append("\n".join(paragraph).strip())
                paragraph = []
            content = (heading.group(2) or "").strip()
            if first_heading:
                title = content if len(heading.group(1)) == 1 else None
                first_heading = False
            blocks.append(content)
            continue
        stripped = line.strip(" ")
        if stripped:
            paragraph.append(stripped)
        elif paragraph:
            blocks.append("\n".join(paragraph).strip())
            paragraph = []
    if paragraph:
        blocks.append("\n".join(paragraph).strip())
    return "\n".join(blocks), title


def _first_h1(tokens) -> str | None:
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            return tokens[k + 1].content.strip() if token.tag == "h1" else None
    return None


def _markdown_lines(tokens) -> str:
    lines = []
    row: list[str] = []
    in_cell = False
    number = ""  # an ordered list item's number, which is policy text ("1." "2、"), not markup
    for token in tokens:
        if token.type == "list_item_open" and token.info:
            number = f"{token.info}{token.markup}"
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            lines.append(" | ".join(row) + " |")  # a table row, as HTML and Word tables are read
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row.append(token.content)
        elif token.type == "inline":
            parts = [number]
            number = ""
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type == "html_inline":
                    parts.append(child.content)
            lines.append("".join(parts))
        elif token.type == "html_block" and _COMMENT.fullmatch(token.content.strip()):
            continue  # an export's markers (<!-- INFO END -->) are not text
        elif token.type in ("code_block", "fence", "html_block"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(lines)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


# A .docx is a zip archive: its members are checked before anything is inflated, so that a small file
# cannot expand to gigabytes in memory (a "zip bomb").
MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_DOCX_MEMBERS = 2000


def _check_archive(data: bytes) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError("not a readable .docx file (not a zip archive)") from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise ReadError(f"not a plausible .docx file: {len(members):,} members in the archive (limit {MAX_DOCX_MEMBERS:,})")
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_DOCX_UNCOMPRESSED:
        raise ReadError(f".docx archive would inflate to {inflated:,} bytes, over the {MAX_DOCX_UNCOMPRESSED:,}-byte limit")


def docx_to_text(data: bytes, warnings: list[str]) -> str:
    """The text of a .docx's body, in document order: a line per paragraph (and per paragraph of a text
    box, where the text box stands) and per table row. Tracked deletions are not text."""
    from docx import Document as WordDocument

    _check_archive(data)
    try:
        word = WordDocument(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package; the kind is enough
        raise ReadError(f"not a readable .docx file ({type(exc).__name__})") from None
    reader = _WordReader()
    reader.walk(word.element.body)
    reader.flush()
    if reader.auto_numbered:
        warnings.append(f"{reader.auto_numbered} paragraph(s) use Word's automatic numbering, whose numbers are not part of the text")
    if reader.imported:
        warnings.append(f"{reader.imported} part(s) of the Word file are imported from other files (altChunk) and were not read")
    text = "\n".join(reader.lines)
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ReadError(f"the .docx file's text is over the {MAX_TEXT_BYTES:,}-byte limit for one document")
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Not the document's text: tracked deletions, the place a tracked move came from (its text stands where it
# went, in w:moveTo), field codes ("HYPERLINK …", "PAGE": the field's result is the text), and properties,
# which hold no text.
_WORD_NOT_TEXT = {
    _W + name
    for name in [
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "pPr",
        "rPr",
        "sdtPr",
        "sdtEndPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sectPr",
    ]
}
# Elements of a run that stand for a character (as python-docx reads them).
_WORD_CHARACTERS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Elements that only wrap rows or cells: content controls, custom XML and smart tags.
_WORD_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}


class _WordReader:
    """Walks WordprocessingML, every element in document order: whatever holds a paragraph, a run or a
    table (content controls, tracked insertions, smart tags, fields, hyperlinks, text boxes in drawings
    and in VML) is read through, so that no text depends on the construct around it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.auto_numbered = 0
        self.imported = 0
        self._pieces: list[str] = []

    def flush(self) -> None:
        line = "".join(self._pieces)
        self._pieces.clear()
        if line:
            self.lines.append(line)

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _WORD_NOT_TEXT:
                continue  # (a comment or processing instruction has no str tag)
            if tag == _W + "t":
                self._pieces.append(child.text or "")
            elif tag in _WORD_CHARACTERS:
                self._pieces.append(_WORD_CHARACTERS[tag])
            elif tag == _W + "br":
                # A line break is a new line; a page or column break is no character (python-docx's reading).
                self._pieces.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
            elif tag == _W + "p":
                self._paragraph(child)
            elif tag == _W + "tbl":
                self.flush()
                self.lines.extend(_word_table_lines(child, self))
            elif tag == _MC + "AlternateContent":
                branch = _one_branch(child)
                if branch is not None:
                    self.walk(branch)
            elif tag == _W + "altChunk":
                self.imported += 1
            else:
                self.walk(child)

    def _paragraph(self, paragraph) -> None:
        # A paragraph is a line of its own; a text box's paragraphs inside it cut it where they stand.
        self.flush()
        properties = paragraph.find(_W + "pPr")
        if properties is not None and properties.find(_W + "numPr") is not None:
            self.auto_numbered += 1
        self.walk(paragraph)
        self.flush()


def _one_branch(alternate):
    """The branch of an mc:AlternateContent to read: its forms hold the same content (a DrawingML text box
    and its VML copy), so one only, or its text would be doubled. The first that holds text."""
    branches = [child for child in alternate if child.tag in (_MC + "Choice", _MC + "Fallback")]
    return next((branch for branch in branches if next(branch.iter(_W + "t"), None) is not None), None)


def _word_children(parent, name: str):
    """The children of parent named w:name, those wrapped in content controls and custom XML included."""
    for child in parent:
        if child.tag == _W + name:
            yield child
        elif child.tag in _WORD_WRAPPERS:
            yield from _word_children(child, name)


def _word_table_lines(table, reader: _WordReader) -> list[str]:
    """A line per row, "cell | cell |", as python-docx's rows read: a cell spanning columns is repeated
    in each, one merged with the cell above repeats that cell's text. A row deleted as a tracked change
    is left out."""
    lines = []
    above: dict[int, str] = {}  # grid column -> the text of the row above there
    for row in _word_children(table, "tr"):
        row_properties = row.find(_W + "trPr")
        if row_properties is not None and row_properties.find(_W + "del") is not None:
            continue
        column = _word_property(row_properties, "gridBefore", 0)
        cells: list[str] = []
        here: dict[int, str] = {}
        for cell in _word_children(row, "tc"):
            properties = cell.find(_W + "tcPr")
            span = max(1, _word_property(properties, "gridSpan", 1))
            merge = properties.find(_W + "vMerge") if properties is not None else None
            if merge is not None and merge.get(_W + "val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = _word_cell_text(cell, reader)
            for offset in range(span):
                here[column + offset] = text
            cells.extend([text] * span)
            column += span
        above = here
        if cells:
            lines.append(" | ".join(cells) + " |")
    return lines


def _word_property(properties, name: str, default: int) -> int:
    """The w:val of a numeric property (w:gridSpan, w:gridBefore), or the default."""
    element = properties.find(_W + name) if properties is not None else None
    try:
        return int(element.get(_W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _word_cell_text(cell, reader: _WordReader) -> str:
    """A cell's paragraphs (and the rows of a table inside it), one line each."""
    inner = _WordReader()
    inner.walk(cell)
    inner.flush()
    reader.auto_numbered += inner.auto_numbered
    reader.imported += inner.imported
    return "\n".join(inner.lines).strip()
