"""Every construct of a source is read: no policy text is dropped because of the markup around it.

Word documents are made here with python-docx, then given the WordprocessingML of each construct (content
controls, tracked changes, smart tags, fields, hyperlinks, text boxes), as Word writes it.
"""

import io

import pytest

from policy_archive.clean import clean
from policy_archive.read import read_bytes

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
TITLE = "某市教育局2024年工作要点"


def word_file(*body_xml: str) -> bytes:
    """A .docx whose body is a title paragraph followed by each piece of raw WordprocessingML."""
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    word = WordDocument()
    word.add_paragraph(TITLE)
    body = word.element.body
    for xml in body_xml:
        wrapper = parse_xml(f"<w:body {NAMESPACES}>{xml}</w:body>")
        for element in list(wrapper):
            body.insert(len(body) - 1, element)  # (before the section properties, which end the body)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def paragraphs_of(data: bytes) -> list[str]:
    return list(clean(read_bytes(data, "a.docx", "docx")).paragraphs)


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def paragraph(*inner: str) -> str:
    return f"<w:p>{''.join(inner)}</w:p>"


def content_control(inner: str) -> str:
    return f"<w:sdt><w:sdtPr><w:alias w:val='正文'/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def text_box_drawing(text: str) -> str:
    return (
        "<w:drawing><wp:inline><wp:extent cx='1' cy='1'/><wp:docPr id='1' name='文本框 1'/><a:graphic><a:graphicData "
        "uri='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'><wps:wsp><wps:txbx><w:txbxContent>"
        f"{paragraph(run(text))}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing>"
    )


def text_box_vml(text: str) -> str:
    return f"<w:pict><v:shape><v:textbox><w:txbxContent>{paragraph(run(text))}</w:txbxContent></v:textbox></v:shape></w:pict>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


SENTENCE = "一、全面落实立德树人根本任务，深化教育评价改革。"
CONSTRUCTS = {
    "content control at body level": content_control(paragraph(run(SENTENCE))),
    "content control in a paragraph": paragraph(content_control(run(SENTENCE))),
    "content control in a table cell": table([content_control(paragraph(run(SENTENCE)))]),
    "content control around a table row": "<w:tbl>" + content_control(f"<w:tr><w:tc>{paragraph(run(SENTENCE))}</w:tc></w:tr>") + "</w:tbl>",
    "tracked insertion": paragraph(f"<w:ins w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'>{run(SENTENCE)}</w:ins>"),
    "smart tag": paragraph(
        f"<w:smartTag w:uri='urn:schemas-microsoft-com:office:smarttags' w:element='place'>{run(SENTENCE)}</w:smartTag>"
    ),
    "simple field": paragraph(f"<w:fldSimple w:instr=' DOCPROPERTY Subject '>{run(SENTENCE)}</w:fldSimple>"),
    "hyperlink": paragraph(f"<w:hyperlink w:anchor='a'>{run(SENTENCE)}</w:hyperlink>"),
    "custom XML": f"<w:customXml w:element='body'>{paragraph(run(SENTENCE))}</w:customXml>",
    "text box in a drawing": paragraph(f"<w:r>{text_box_drawing(SENTENCE)}</w:r>"),
    "text box in VML": paragraph(f"<w:r>{text_box_vml(SENTENCE)}</w:r>"),
    "text box in a table cell": table([paragraph(f"<w:r>{text_box_drawing(SENTENCE)}</w:r>")]),
}


@pytest.mark.parametrize("construct", CONSTRUCTS, ids=list(CONSTRUCTS))
def test_text_inside_each_word_construct_reaches_the_page(construct):
    paragraphs = paragraphs_of(word_file(CONSTRUCTS[construct]))
    assert paragraphs[0] == TITLE
    assert any(SENTENCE in p for p in paragraphs), paragraphs


def test_text_box_in_alternate_content_is_read_once():
    # Word writes a text box twice: as DrawingML (mc:Choice) and as its VML copy (mc:Fallback).
    alternate = (
        f"<mc:AlternateContent><mc:Choice Requires='wps'>{text_box_drawing(SENTENCE)}</mc:Choice>"
        f"<mc:Fallback>{text_box_vml(SENTENCE)}</mc:Fallback></mc:AlternateContent>"
    )
    paragraphs = paragraphs_of(word_file(paragraph(run("前言："), f"<w:r>{alternate}</w:r>", run("以上为重点任务。"))))
    text = "\n".join(paragraphs)
    assert text.count("全面落实立德树人根本任务") == 1
    # The text box stands where it is anchored: between the text before and after it.
    assert paragraphs[1:] == ["前言：", SENTENCE, "以上为重点任务。"]


def test_fallback_is_read_when_the_choice_holds_no_text():
    alternate = f"<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing/></mc:Choice><mc:Fallback>{text_box_vml(SENTENCE)}</mc:Fallback></mc:AlternateContent>"
    assert paragraphs_of(word_file(paragraph(f"<w:r>{alternate}</w:r>")))[1:] == [SENTENCE]


def test_tracked_deletions_and_moved_from_text_are_not_read():
    deleted = "<w:del w:id='2' w:author='a'><w:r><w:delText>已删除的旧表述，</w:delText></w:r></w:del>"
    moved_from = f"<w:moveFrom w:id='3' w:author='a'>{run('移走的句子。')}</w:moveFrom>"
    moved_to = f"<w:moveTo w:id='4' w:author='a'>{run('移走的句子。')}</w:moveTo>"
    inserted = f"<w:ins w:id='5' w:author='a'>{run('新增的表述，')}</w:ins>"
    field_code = "<w:r><w:instrText> PAGE </w:instrText></w:r>"
    paragraphs = paragraphs_of(
        word_file(paragraph(run("二、"), deleted, inserted, field_code, run("推进教育公平。"), moved_from, moved_to))
    )
    assert paragraphs[1:] == ["二、新增的表述，推进教育公平。移走的句子。"]


def test_deleted_table_row_is_left_out_and_merged_cells_repeat_as_before():
    deleted_row = f"<w:tr><w:trPr><w:del w:id='6' w:author='a'/></w:trPr><w:tc>{paragraph('<w:del><w:r><w:delText>旧任务</w:delText></w:r></w:del>')}</w:tc></w:tr>"
    span = f"<w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>{paragraph(run('学前教育'))}</w:tc>"
    top = f"<w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr>{paragraph(run('基建科'))}</w:tc>"
    below = f"<w:tc><w:tcPr><w:vMerge/></w:tcPr>{paragraph()}</w:tc>"
    rows = f"<w:tr>{span}{top}</w:tr><w:tr><w:tc>{paragraph(run('新建'))}</w:tc><w:tc>{paragraph(run('幼儿园'))}</w:tc>{below}</w:tr>"
    text = read_bytes(word_file(f"<w:tbl>{deleted_row}{rows}</w:tbl>"), "a.docx", "docx").raw_text
    assert text.split("\n")[1:] == ["学前教育 | 学前教育 | 基建科 |", "新建 | 幼儿园 | 基建科 |"]


def test_imported_part_is_not_dropped_silently():
    # An altChunk's text is in another part of the package (imported HTML or RTF), which is not read: say so.
    doc = read_bytes(word_file(paragraph(run(SENTENCE)), "<w:altChunk r:id='rId99'/>"), "a.docx", "docx")
    assert any("altChunk" in warning for warning in doc.warnings)
    from policy_archive.knowledge import in_chinese

    assert in_chinese(doc.warnings[-1]) == "Word 文件中有 1 处内容导入自其他文件（altChunk），未读取。"


def test_a_colophon_is_shown_on_the_page_and_kept_as_evidence():
    # The 版记 (抄送, 印发, 共印) is part of the official document: its facts are evidence, its lines stay text.
    from helpers import cleaned

    colophon = ["抄送：教育部办公厅，省委办公厅，省政府办公厅。", "吉林省教育厅办公室 2015年3月12日印发", "（共印50份）"]
    doc = cleaned("\n".join(["关于印发工作要点的通知", "各市（州）教育局：", "现印发给你们，请认真贯彻执行。", *colophon]))
    assert list(doc.paragraphs[-3:]) == colophon
    assert ("date_printed", "2015年3月12日") in doc.evidence and ("colophon", colophon[0]) in doc.evidence
