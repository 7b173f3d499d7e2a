"""Each source format through the whole conversion: a saved government page, a Word attachment, Markdown."""

import io
import json

from click.testing import CliRunner

from policy_archive.cli import main

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="gbk">
<title>荣成市教育和体育局关于印发2021年全市教育工作要点的通知_荣成市人民政府</title>
<meta name="ArticleTitle" content="荣成市教育和体育局关于印发2021年全市教育工作要点的通知">
<meta name="PubDate" content="2021-03-02 09:15"><meta name="ContentSource" content="荣成市教育和体育局">
<link rel="canonical" href="http://www.rongcheng.gov.cn/art/2021/3/2/art_1_2.html">
<style>.x{color:red}</style><script>var tracker = "首页";</script></head>
<body><div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="crumb">首页 &gt; 政务公开 &gt; 政策文件</div>
<table class="xxgk"><tr><td>索引号：</td><td>11371082MB28550000/2021-00012</td><td>发布机构：</td><td>荣成市教育和体育局</td></tr>
<tr><td>发文字号：</td><td>荣教体发〔2021〕3号</td><td>成文日期：</td><td>2021年02月26日</td></tr></table>
<div id="zoom" class="TRS_Editor">
<p style="text-align:center">荣成市教育和体育局关于印发2021年全市教育工作要点的通知</p>
<p>各镇（街道）教育办，市直各学校：</p><p>现将《2021年全市教育工作要点》印发给你们，请认真贯彻落实。</p>
<p>荣成市教育和体育局</p><p>2021年2月26日</p>
<p>一、推进学前教育普及普惠</p><p>1.新建改扩建幼儿园5所，普惠性幼儿园覆盖率达到90%以上。</p>
<p>2.落实“双减”政策，规范校外培训机构。</p><p>二、加强教师队伍建设</p><p>3.开展师德师风专项整治。</p>
</div><div class="share">分享到：</div><div class="footer">版权所有：荣成市人民政府 网站标识码3710820001 鲁ICP备05002371号</div>
<script>alert("x")</script></body></html>"""


def _build(tmp_path, files):
    sources = tmp_path / "s"
    sources.mkdir()
    for name, data in files.items():
        (sources / name).write_bytes(data)
    docs = tmp_path / "d"
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--docs", str(docs), "--no-site", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads((docs / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"], docs


def test_saved_government_page(tmp_path):
    (row,), docs = _build(tmp_path, {"page.html": PAGE.encode("gbk")})
    assert row["title"] == "荣成市教育和体育局关于印发2021年全市教育工作要点的通知"
    assert row["doc_number"] == "荣教体发〔2021〕3号"
    assert row["issuer"] == "荣成市教育和体育局"
    assert row["index_number"] == "11371082MB28550000/2021-00012"
    assert row["date_written"] == "2021-02-26" and row["date_published"] == "2021-03-02"
    assert row["year"] == 2021
    assert (row["province"], row["city"], row["county"], row["region_code"]) == ("山东省", "威海市", "荣成市", "371082")
    assert row["source"]["url"] == "http://www.rongcheng.gov.cn/art/2021/3/2/art_1_2.html"
    assert row["source"]["encoding"] == "gb18030"
    # (双减 is named once, in one item of three: a passing mention is no main topic.)
    assert {"学前教育", "教师队伍与师德"} <= set(row["topics"])
    page = (docs / "documents" / f"{row['id']}.md").read_text(encoding="utf-8")
    body = page.split("\n---\n", 1)[1]
    for noise in ("政务公开", "分享到", "版权所有", "ICP", "tracker", "alert", "color:red"):
        assert noise not in body, noise
    assert "新建改扩建幼儿园5所" in body and "开展师德师风专项整治" in body
    assert "raw_path: sources/" in page and page.count(".html.txt") == 2  # the front matter and the 下载 link


def test_word_attachment(tmp_path):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("威海市教育局2022年工作要点")
    word.add_paragraph("一、办好人民满意的学前教育")
    word.add_paragraph("1.扩大普惠性学前教育资源，新建幼儿园10所。")
    word.add_paragraph("2.提升幼儿园保教质量。")
    buffer = io.BytesIO()
    word.save(buffer)
    (row,), _ = _build(tmp_path, {"附件1.docx": buffer.getvalue()})
    assert (row["title"], row["issuer"], row["year"], row["region_code"], row["doc_type"]) == (
        "威海市教育局2022年工作要点",
        "威海市教育局",
        2022,
        "371000",
        "工作要点",
    )
    assert "学前教育" in row["topics"]
    assert row["source"]["format"] == "docx" and row["source"]["encoding"] is None


def test_markdown_source(tmp_path):
    text = "# 青岛市教育局2020年工作要点\n\n## 一、深化教育改革\n\n1. 推进集团化办学，简政放权。\n"
    (row,), docs = _build(tmp_path, {"q.md": text.encode("utf-8")})
    assert (row["title"], row["year"], row["region_code"]) == ("青岛市教育局2020年工作要点", 2020, "370200")
    page = (docs / "documents" / f"{row['id']}.md").read_text(encoding="utf-8")
    assert "1\\.推进集团化办学" in page and "{: #sec-1-item-1 }" in page
