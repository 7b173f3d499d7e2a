"""Characters that are not text (and that XML cannot hold) are removed in reading, with a warning; a form
feed ends a line; UTF-16 holding a lone surrogate is read, not an internal error."""

import pytest

from policy_archive.clean import clean
from policy_archive.knowledge import in_chinese
from policy_archive.read import read_bytes
from test_read_constructs import paragraph, run, word_file

TITLE = "济南市教育局2014年工作要点"
FIRST = "一、深化教育领域综合改革，激发各类学校发展活力。"
SECOND = "二、加强学前教育，扩大普惠性幼儿园。"
NOT_TEXT_WARNING = "removed 1 character(s) that are not text (control characters, lone surrogates or Unicode noncharacters)"


@pytest.mark.parametrize("character", ["\x01", "\x08", "\x0e", "\x1f", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"])
def test_a_character_that_is_not_text_is_removed_with_a_warning(character):
    doc = read_bytes(f"{TITLE}\n{FIRST[:6]}{character}{FIRST[6:]}\n".encode(), "a.txt", "txt")
    assert doc.raw_text == f"{TITLE}\n{FIRST}\n"
    assert doc.warnings == (NOT_TEXT_WARNING,)
    assert in_chinese(NOT_TEXT_WARNING) == "已去除 1 个不是文字的字符（控制字符、孤立的代理项或 Unicode 非字符）。"


@pytest.mark.parametrize("control", ["\f", "\v"])
def test_a_form_feed_or_vertical_tab_between_paragraphs_is_a_line_break(control):
    # pdftotext ends each page with a form feed; Word's text export writes a manual line break as \v.
    pages = "".join(f"{TITLE}\n{FIRST}{control}{SECOND}\n" for _ in range(30))
    paragraphs = clean(read_bytes(pages.encode(), "a.txt", "txt")).paragraphs
    assert FIRST in paragraphs and SECOND in paragraphs
    assert not any(FIRST + SECOND in p for p in paragraphs)


def test_a_character_reference_to_a_control_character_in_a_page_is_removed():
    page = f"<html><body><div class='content'><p>{TITLE}</p><p>{FIRST[:6]}&#1;{FIRST[6:]}&#12;{SECOND}</p></div></body></html>"
    doc = read_bytes(page.encode(), "a.html", "html")
    assert doc.raw_text.split("\n") == [TITLE, FIRST, SECOND]
    assert doc.warnings == (NOT_TEXT_WARNING,)


def test_a_noncharacter_in_a_word_file_is_removed():
    # XML may hold U+FDD0, so a Word file can carry it; it is still not text.
    doc = read_bytes(word_file(paragraph(run(f"{FIRST[:6]}\ufdd0{FIRST[6:]}"))), "a.docx", "docx")
    assert doc.raw_text.split("\n")[1:] == [FIRST]
    assert NOT_TEXT_WARNING in doc.warnings


@pytest.mark.parametrize("encoding,lone", [("utf-16-le", b"\x00\xd8"), ("utf-16-be", b"\xd8\x00"), ("utf-16", b"\x00\xdc")])
def test_utf16_holding_a_lone_surrogate_is_read_with_a_warning(encoding, lone):
    text = f"{TITLE}\n{FIRST}\n{SECOND}\n" * 3
    data = text.encode(encoding)
    middle = len(data) // 2 & ~1  # (on a code unit's boundary)
    doc = read_bytes(data[:middle] + lone + data[middle:], "a.txt", "txt")
    assert doc.raw_text == text and doc.source.encoding == encoding
    assert doc.warnings == (NOT_TEXT_WARNING,)


def test_utf16_with_an_odd_last_byte_is_read_with_a_warning():
    text = f"{TITLE}\n{FIRST}\n" * 3
    doc = read_bytes(text.encode("utf-16-le") + b"\x4e", "a.txt", "txt")
    assert doc.raw_text == text
    assert doc.warnings == (
        "truncated multi-byte sequence at the end: the last 1 byte(s) were not a whole UTF-16 character and were dropped",
    )
