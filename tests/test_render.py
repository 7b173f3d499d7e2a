import posixpath
import re
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

from helpers import extracted
from policy_archive.render import escape_markdown, raw_path, render

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ config }} {% include 'x' %}",
    "*强调* _下划线_ `代码` ![图](x.png) <http://x.y> &amp; &lt;",
    "1. 列表",
    "# 标题",
    "---",
    "> 引用",
    "| a | b |",
    "{: #injected .cls }",
    "\\* 反斜杠",
]


def _python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "toc"])


def test_escaped_text_renders_as_the_same_visible_characters():
    import re
    from html import unescape

    for text in HOSTILE:
        html = _python_markdown(escape_markdown(text))
        assert html.startswith("<p>") and html.endswith("</p>"), (text, html)
        inner = html[3:-4]
        assert "<" not in inner.replace("&lt;", ""), (text, html)
        assert unescape(inner) == text, (text, html)
        assert not re.search(r"<(script|img|a|em|strong|code|h1|hr|blockquote|table)\b", html)


def test_escaped_text_has_no_markup_for_markdown_it_either():
    md = MarkdownIt("commonmark")
    for text in HOSTILE:
        tokens = md.parse(escape_markdown(text))
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
        assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}, (text, kinds)


def test_front_matter_round_trips_whatever_the_title():
    title = "关于\"印发\": #标题 'x' --- {{ config }}\n---\nkey: value"
    doc = extracted("某市教育局2020年工作要点\n一、总体\n1.内容。")
    doc = type(doc)(**{**doc.__dict__, "metadata": {**doc.metadata, "id": "x-1", "title": title}})
    page = render(doc)
    # MkDocs reads front matter up to the first line that is only '---'.
    match = re.match(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n(.*)$", page, re.DOTALL)
    head, body = match.groups()
    meta = yaml.safe_load(head)
    assert meta["title"] == title
    assert meta["id"] == "x-1"
    assert "# 关于" in body


def test_items_carry_anchors_and_sections_are_headings():
    doc = extracted("某市教育局2020年工作要点\n一、总体要求\n1.第一条。")
    doc = type(doc)(**{**doc.__dict__, "metadata": {**doc.metadata, "id": "x"}})
    html = _python_markdown(render(doc).split("---\n", 2)[2])
    assert '<h2 id="sec-1">一、总体要求</h2>' in html
    assert '<p id="sec-1-item-1">1.第一条。</p>' in html


def test_an_untitled_document_is_headed_by_what_is_known_of_it_and_keeps_no_title():
    from dataclasses import replace

    from policy_archive.render import heading, render

    doc = extracted("各区县教育局：\n现将有关事项通知如下。")
    doc = replace(doc, metadata={**doc.metadata, "title": None, "doc_type": "年度报告", "issuer": "宁河区教育局", "year": 2025})
    assert heading(doc) == "（无标题）年度报告 · 宁河区教育局 · 2025年"
    page = render(doc)
    assert "\n# （无标题）年度报告 · 宁河区教育局 · 2025年\n" in page and "\ntitle: null\n" in page
    bare = replace(doc, metadata={**doc.metadata, "doc_type": None, "issuer": None, "year": None})
    assert heading(bare) == "（无标题）"


class _Links(HTMLParser):
    """The href of every link of some HTML, as a browser reads it (entities undone)."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None:
            self.links[data] = self._href
            self._href = None


HOSTILE_FILE_NAMES = ["a&b<c>\"d'e.html", "通知 (2023) #1?x=%20.txt", "a:b..c.docx", "&amp;.md"]


@pytest.mark.parametrize("name", HOSTILE_FILE_NAMES)
def test_the_raw_source_link_leads_to_the_path_the_site_writes(name):
    from policy_archive.relations import Relations

    doc = extracted("关于做好学前教育工作的通知\n各幼儿园：\n做好工作。\n某市教育局\n2021年3月1日")
    doc = replace(doc, source=replace(doc.source, file=f"folder/{name}"), metadata={**doc.metadata, "id": "x-1"})
    links = _Links()
    links.feed(_python_markdown(render(doc, Relations([doc]))))
    page_folder = "documents/x-1/"  # (a page is served as documents/ID/)
    target = posixpath.normpath(posixpath.join(page_folder, unquote(links.links["原始文件"])))
    assert target == raw_path(doc) and target.startswith("sources/x-1/")


@pytest.mark.parametrize("name", HOSTILE_FILE_NAMES)
def test_the_cards_raw_source_link_survives_the_plugins_html_escaping(name):
    """The card URL-encodes raw_path as the MkDocs plugin hands it to the template: HTML-escaped. The name the
    site serves needs no escaping, so that is the path itself, once encoded."""
    from jinja2 import Environment

    from policy_archive.site.page_html import escape_value

    doc = replace(extracted("通知\n正文。"), metadata={"id": "x-1"})
    doc = replace(doc, source=replace(doc.source, file=name))
    href = Environment().from_string("{{ raw | urlencode }}").render(raw=escape_value(raw_path(doc)))
    assert unquote(href) == raw_path(doc)
    assert not any(c in raw_path(doc) for c in "&<>\"':") and ".." not in raw_path(doc)  # (what the card refuses)


def test_a_history_read_from_the_web_is_shown_as_text():
    from policy_archive.relations import Relations

    hostile = "2019年9月27日 <script>alert(1)</script>|**某**人民代表大会常务委员会第十四次会议通过"
    doc = extracted(f"某省学前教育条例\n{hostile}\n第一章 总则\n第一条 为了发展学前教育，制定本条例。\n")
    doc = replace(doc, metadata={**doc.metadata, "id": "x-2019-regulation"})
    (event,) = doc.metadata["history"]
    assert (event["date"], event["action"]) == ("2019-09-27", "通过") and "<script>" in event["body"]
    page = render(doc, Relations([doc]))
    section = page[page.index("## 历次修改 {#history}") :]
    html = markdown.markdown(section, extensions=["tables", "attr_list"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<tr>") == 2  # (the | in the body splits no cell)
