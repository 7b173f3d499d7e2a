"""The elements of an official document (GB/T 9704-2012) found in a converted one (extract/layout.py)."""

from helpers import extracted
from policy_archive.extract.layout import describe, read_layout

NOTICE = """济南市教育局关于做好2023年暑期安全工作的通知
济教字〔2023〕22号
各区县教育和体育局：
现将有关事项通知如下。
一、加强学生暑期安全教育，落实各项安全责任，确保学生度过一个平安、快乐的暑假。
二、做好校舍安全检查。
附件：暑期安全检查表
济南市教育局
2023年6月20日
（此件公开发布）
抄送：市安委会办公室。
济南市教育局办公室 2023年6月20日印发
"""


def test_every_element_of_a_notice_is_found_where_it_stands():
    layout = read_layout(extracted(NOTICE))
    assert layout == {
        "number": (2, 2),
        "title": (1, 1),
        "addressee": (3, 3),
        "body": (4, 6),
        "attachments": (7, 7),
        "signature": (8, 8),
        "date": (9, 9),
        "note": (10, 10),
        "colophon": (11, 12),
    }
    assert describe(layout).startswith("发文字号 ¶2 · 标题 ¶1 · 主送机关 ¶3 · 正文 ¶4–6 · 附件说明 ¶7 · 署名 ¶8")


def test_a_plan_without_addressee_or_signature_is_title_and_body():
    layout = read_layout(extracted("济南市教育局2023年工作要点\n一、全面加强党的建设。\n二、推进学前教育普及普惠。\n"))
    assert layout == {"title": (1, 1), "body": (2, 3)}


def test_a_red_header_removed_from_the_text_is_reported_as_read():
    layout = read_layout(extracted("济南市教育局文件\n济教字〔2023〕22号\n关于做好暑期安全工作的通知\n各学校：\n现将有关事项通知如下。\n"))
    assert layout.get("header") == (0, 0) and "发文机关标志 (页眉)" in describe(layout)


def test_the_review_queue_shows_where_each_element_was_read():
    from policy_archive.review import listing

    doc = extracted("县教育局关于做好暑期安全工作的通知\n各学校：\n现将有关事项通知如下。一、加强安全教育。\n")
    text = listing([doc])
    assert "版式（GB/T 9704）: 标题 ¶1 · 主送机关 ¶2 · 正文 ¶3" in text
