"""The Word reader: a .docx is opened with python-docx (its zip archive checked first) and its body's
XML is read element by element (_WordReader), in document order: a line per paragraph (and per paragraph
of a text box, where the text box stands) and per table row."""

from __future__ import annotations

import io
import zipfile

from .files import MAX_TEXT_BYTES
from .reading import ReadError, Reading


def read_docx(data: bytes, warnings: list[str]) -> Reading:
    """The reader of Word files: their text is not encoded as text, so it has no encoding."""
    return Reading(docx_to_text(data, warnings), None)


def preload() -> None:
    """Load python-docx."""
    import docx  # noqa: F401


# A .docx is a zip archive: its members are checked before anything is inflated, so that a small file
# cannot expand to gigabytes in memory (a "zip bomb").
MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_DOCX_MEMBERS = 2000


def _check_archive(data: bytes) -> None:
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
    from docx import Document as WordDocument  # (imported when a Word file is read: it takes a while)

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
