import io

import pytest

from policy_archive.read import ReadError, read_bytes

TEXT = "济南市教育局2014年工作要点\n一、深化教育领域综合改革\n1.深化办学体制改革。"


@pytest.mark.parametrize(
    "encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030"), ("gbk", "gb18030")]
)
def test_encodings_detected(encoding, expected):
    doc = read_bytes((TEXT * 3).encode(encoding), "a.txt", "txt")
    assert doc.raw_text == TEXT * 3
    assert doc.source.encoding == expected


def test_big5_detected():
    text = "區文教體局工作意見\n一、指導思想\n高舉中國特色社會主義偉大旗幟，深入學習貫徹黨的十八大精神。" * 3
    doc = read_bytes(text.encode("big5"), "a.txt", "txt")
    assert doc.raw_text == text
    assert doc.source.encoding == "big5"


def test_truncated_multibyte_sequence_kept_with_warning():
    doc = read_bytes(TEXT.encode("utf-8")[:-1], "a.txt", "txt")
    assert doc.raw_text == TEXT[:-1]
    assert "truncated" in doc.warnings[0]


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x00\x01\x02\xff" * 200, "binary"), (b"hello world, no Chinese here", "no Chinese")],
)
def test_bad_input_rejected_with_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "a.txt", "txt")


def test_html_main_content_and_evidence():
    html = """<html><head><title>2019年全市教育工作要点_荣成市人民政府</title>
    <meta name="ArticleTitle" content="2019年全市教育工作要点"><meta name="PubDate" content="2021-04-15 14:27">
    <link rel="canonical" href="http://www.rongcheng.gov.cn/art/2021/4/15/art_1.html"><script>alert(1)</script></head>
    <body><nav>首页 | 政务公开 | 专题</nav><div class="sidebar">热点新闻</div>
    <table><tr><td>索引号</td><td>11371082/2021-00001</td><td>发布机构</td><td>荣成市教育和体育局</td></tr></table>
    <div id="zoom"><p>2019年全市教育工作要点</p><p>一、围绕提升区域教育发展水平</p><p>1.启动行动计划。</p></div>
    <footer>版权所有</footer></body></html>"""
    doc = read_bytes(html.encode("utf-8"), "a.html", "html")
    lines = doc.raw_text.split("\n")
    assert lines[-3:] == ["2019年全市教育工作要点", "一、围绕提升区域教育发展水平", "1.启动行动计划。"]
    assert lines[0].startswith("索引号 | 11371082/2021-00001")
    assert "alert" not in doc.raw_text and "热点新闻" not in doc.raw_text and "版权所有" not in doc.raw_text
    assert ("title", "2019年全市教育工作要点") in doc.evidence
    assert doc.source.url == "http://www.rongcheng.gov.cn/art/2021/4/15/art_1.html"


def test_docx_paragraphs_and_tables_in_order():
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading("某市教育局2020年工作要点", level=1)
    word.add_paragraph("一、总体要求")
    word.add_paragraph("1.加强学前教育。")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "任务"
    table.rows[0].cells[1].text = "责任单位"
    buffer = io.BytesIO()
    word.save(buffer)
    doc = read_bytes(buffer.getvalue(), "a.docx", "docx")
    assert doc.raw_text.split("\n") == ["某市教育局2020年工作要点", "一、总体要求", "1.加强学前教育。", "任务 | 责任单位 |"]
    assert doc.source.encoding is None


def test_markdown_source_keeps_text_drops_markup():
    doc = read_bytes("# 某市教育局2020年工作要点\n\n**一、总体要求**\n\n1. 加强学前教育。\n".encode(), "a.md", "md")
    assert doc.raw_text.split("\n") == ["某市教育局2020年工作要点", "一、总体要求", "1.加强学前教育。"]


def test_html_declared_charset_is_used_when_it_fits():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><div id="zoom"><p>某市教育局2020年工作要点</p><p>一、总体要求</p></div></body></html>'
    doc = read_bytes(html.encode("gb18030"), "a.htm", "html")
    assert doc.source.encoding == "gb18030"
    assert doc.raw_text.split("\n") == ["某市教育局2020年工作要点", "一、总体要求"]


def test_html_wrong_declared_charset_is_detected_instead():
    html = '<html><head><meta charset="big5"></head><body><p>某市教育局2020年工作要点，深化教育领域综合改革。</p></body></html>'
    doc = read_bytes(html.encode("utf-8"), "a.html", "html")
    assert doc.source.encoding == "utf-8"
    assert "某市教育局2020年工作要点" in doc.raw_text


def test_markdown_table_rows_kept_as_rows():
    doc = read_bytes("# 某区教育局2022年工作要点\n\n| 任务 | 单位 |\n|---|---|\n| 新建幼儿园 | 基建科 |\n".encode(), "a.md", "md")
    assert doc.raw_text.split("\n") == ["某区教育局2022年工作要点", "任务 | 单位 |", "新建幼儿园 | 基建科 |"]


def test_aspnet_form_page_and_article_header_title_kept():
    html = """<html><body><form id="form1"><div class="top"><header><a href="/">首页</a></header></div>
    <article><header><h1>合肥市蜀山区教育体育局2023年工作要点</h1></header>
    <p>一、总体要求</p><p>1.办好学前教育。</p></article><footer>版权所有</footer></form></body></html>"""
    doc = read_bytes(html.encode("utf-8"), "a.aspx.html", "html")
    assert doc.raw_text.split("\n") == ["合肥市蜀山区教育体育局2023年工作要点", "一、总体要求", "1.办好学前教育。"]


def test_task_table_with_a_name_column_is_content_not_disclosure():
    html = """<html><body><div class="content"><p>某区教育局2022年重点任务</p>
    <table><tr><td>序号</td><td>名称</td><td>责任科室</td><td>实施时间</td></tr>
    <tr><td>1</td><td>改扩建城南幼儿园</td><td>基建科</td><td>2022年12月</td></tr></table></div></body></html>"""
    doc = read_bytes(html.encode("utf-8"), "a.html", "html")
    assert doc.raw_text.split("\n") == [
        "某区教育局2022年重点任务",
        "序号 | 名称 | 责任科室 | 实施时间 |",
        "1 | 改扩建城南幼儿园 | 基建科 | 2022年12月 |",
    ]


def test_plain_markdown_is_read_line_by_line_exactly_as_the_parser_reads_it():
    """The fast path for law-repository exports must give what markdown-it gives, on every real .md here."""
    from pathlib import Path

    from policy_archive.read import markdown

    root = Path(__file__).resolve().parent.parent
    made_up = "# 某某条例\n\n2012年3月29日 通过　\n  继续一行 \n\n<!-- INFO END -->\n## 第一章　总　　则 ##\n\n第一条　为了。\n"
    texts = [made_up] + [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "corpus" / "sources").glob("*.md"))]
    fast_read = 0
    for text in texts:
        fast = markdown._plain_markdown(text)
        if fast is None:
            continue
        fast_read += 1
        tokens = markdown.markdown_parser().parse(text)
        assert fast == (markdown._markdown_lines(tokens), markdown._first_h1(tokens))
    assert fast_read >= 10
    assert markdown._plain_markdown("# 标题\n\n- 一项\n") is None and markdown._plain_markdown("**粗体**") is None


def test_common_characters_table_is_the_installed_dictionarys():
    """data/common_characters.yaml is what counting jieba's dictionary gives (regenerate it with
    policy_archive.read.common_characters.write_common_characters_table() when jieba's dictionary changes), and
    it is used."""
    from importlib import resources

    from policy_archive.read import common_characters, plausible

    dictionary = common_characters.jieba_dictionary()
    table = resources.files("policy_archive").joinpath("data", common_characters.COMMON_CHARACTERS_TABLE).read_text(encoding="utf-8")
    assert table == common_characters.common_characters_table(dictionary)
    assert plausible.common_character_set() == common_characters.count_common_characters(dictionary)


def test_link_lists_dropped_innermost_first_and_content_kept():
    from policy_archive.read.html import html_to_text

    menu = "".join(f'<li><a href="/{k}">栏目{k}导航</a></li>' for k in range(5))
    page = (
        f"<html><body><div class='content'><ul>{menu}</ul>"
        "<p>各区县教育局：现将有关事项通知如下。</p><p>一、加强学前教育。</p>"
        '<p>参见<a href="/a">文件一</a>、<a href="/b">文件二</a>和<a href="/c">文件三</a>的规定执行，确保落实到位。</p>'
        "</div></body></html>"
    )
    text, _, _ = html_to_text(page)
    assert "栏目" not in text
    assert "各区县教育局：现将有关事项通知如下。" in text and "参见文件一、文件二和文件三的规定执行" in text


@pytest.mark.parametrize("depth", [100, 300, 5000])
def test_text_nested_past_the_parsers_depth_limit_is_kept(depth):
    # libxml2 builds no element deeper than 256 and silently drops what it holds.
    from policy_archive.read.html import html_to_text

    body = "<p>某市教育局2021年工作要点</p><p>一、学前教育</p>"
    page = "<html><body><p>前言</p>" + "<div>" * depth + body + "</div>" * depth + "<p>附件：任务清单</p></body></html>"
    text, _, _ = html_to_text(page)
    assert text.split("\n") == ["前言", "某市教育局2021年工作要点", "一、学前教育", "附件：任务清单"]


def test_knowledge_tables_read_the_same_with_either_yaml_parser():
    """knowledge.py reads the tables with libyaml's parser when there is one: each reads as the pure-Python
    safe loader reads it."""
    from importlib import resources

    import yaml

    from policy_archive import knowledge

    data = resources.files("policy_archive").joinpath("data")
    for table in data.iterdir():
        if table.name.endswith(".yaml"):
            text = table.read_text(encoding="utf-8")
            assert yaml.load(text, Loader=knowledge._SAFE_LOADER) == yaml.safe_load(text), table.name
