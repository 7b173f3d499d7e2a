"""Main topics are read from what a document is about (title, headings, the weight of its sections), never
from an addressee line, a cited title alone, the colophon or boilerplate sections."""

from helpers import extracted


def test_an_addressee_line_naming_kindergartens_and_vocational_schools_is_no_topic():
    doc = extracted(
        "某区教育局关于做好暑期校外培训机构治理工作的通知\n各中小学、中等职业学校、幼儿园：\n"
        "一、开展校外培训机构排查\n1.全面排查校外培训机构，治理有偿补课。\n"
        "二、加强校外培训监管\n2.规范校外培训机构收费，严禁培训机构超前培训。\n特此通知。"
    )
    assert doc.metadata["topics"] == ["校外培训治理"]
    assert "学前教育" in doc.topic_sections  # the mention stays for the cross-reference table


def test_a_cited_title_alone_is_no_topic():
    doc = extracted(
        "某市教育局关于加强校园安全工作的通知\n一、排查安全隐患\n1.依据《学前教育法》《职业教育法》，开展校园安全隐患排查。\n"
        "二、开展安全教育\n2.做好防溺水安全教育和应急演练。"
    )
    assert doc.metadata["topics"] == ["校园安全"]


def test_boilerplate_sections_and_the_colophon_give_no_topic():
    doc = extracted(
        "某市教育局2020年学前教育工作要点\n一、扩大普惠资源\n1.扩大普惠性幼儿园资源，办好幼儿园。\n"
        "二、提高保教质量\n2.提高幼儿园保教质量。\n三、保障措施\n3.加强教师队伍建设，落实经费，强化督导评估，抓好职业教育。\n"
        "抄送：市职业教育中心，各高校。"
    )
    assert doc.metadata["topics"] == ["学前教育"]


def test_a_title_and_a_section_about_preschool_make_it_a_main_topic():
    doc = extracted(
        "某县教育局关于推进学前教育发展的意见\n各乡镇中心学校、幼儿园：\n一、扩大学前教育资源\n1.新建公办幼儿园三所。\n"
        "二、加强教师培训\n2.开展教师培训。\n三、组织领导\n3.加强领导。"
    )
    assert "学前教育" in doc.metadata["topics"]


def test_a_single_mention_in_a_long_document_is_no_topic():
    body = "\n".join(f"{n}、推进校园足球\n{i}.开展校园足球联赛，加强体育锻炼。" for i, n in enumerate("一二三四", 1))
    doc = extracted(f"某市教育局关于推进校园足球的通知\n{body}\n5.另外，发挥家长学校作用。")
    assert doc.metadata["topics"] == ["体育美育劳动教育"]
