"""Extraction by evidence on the shapes real documents take (small made-up inputs; the real documents
are measured by `make eval` on tests/corpus)."""

import pytest

from helpers import cleaned, extracted
from policy_archive.clean import clean
from policy_archive.extract import extract
from policy_archive.extract.issuers import split_names
from policy_archive.extract.titles import unwrap_title
from policy_archive.extract.topics import count_words
from policy_archive.read import read_bytes

REGULATION_MD = """# 某某省学前教育条例

2012年3月29日 湖南省第十一届人民代表大会常务委员会第二十八次会议通过

2020年7月30日 湖南省第十三届人民代表大会常务委员会第十九次会议修正

<!-- INFO END -->

## 第一章　总　　则

第一条　为了促进学前教育事业发展，制定本条例。

第三十条　本条例自2012年7月1日起施行。
"""


def test_a_law_repository_export_of_a_regulation():
    doc = extract(clean(read_bytes(REGULATION_MD.encode(), "r.md", "md")))
    m = doc.metadata
    assert m["title"] == "某某省学前教育条例" and m["doc_type"] == "条例"
    assert m["issuer"] == "湖南省人民代表大会常务委员会"
    assert (m["date_written"], m["date_effective"], m["year"]) == ("2012-03-29", "2012-07-01", 2012)
    assert m["province"] == "湖南省"
    assert not any("INFO END" in p or "<!--" in p for p in doc.paragraphs)


def test_a_work_report_and_its_session():
    doc = extracted(
        "政府工作报告\n——2019年1月26日在甘肃省第十三届人民代表大会第二次会议上\n甘肃省省长 某某\n各位代表：\n一、回顾\n过去一年，教育事业稳步发展。"
    )
    m = doc.metadata
    assert (m["title"], m["doc_type"], m["issuer"], m["date_written"], m["year"]) == (
        "政府工作报告",
        "政府工作报告",
        "甘肃省人民政府",
        "2019-01-26",
        2019,
    )


@pytest.mark.parametrize(
    ("line", "title", "number"),
    [
        (
            "名 称： 关于印发《咸宁市教育局2017年工作要点》的通知 发布日期： 2017年05月02日",
            "关于印发《咸宁市教育局2017年工作要点》的通知",
            None,
        ),
        ("〔政策〕济宁市兖州区人民政府办公室关于印发三年行动计划的通知", "济宁市兖州区人民政府办公室关于印发三年行动计划的通知", None),
        ("当前位置：首页 » 政策文件 » 广州市教育局关于印发2017年工作要点的通知", "广州市教育局关于印发2017年工作要点的通知", None),
        ("转发：绍兴市教育局办公室关于开展平安寒假活动的通知", "绍兴市教育局办公室关于开展平安寒假活动的通知", None),
        ("《云南省人民政府办公厅关于督导评估结果的通报》", "云南省人民政府办公厅关于督导评估结果的通报", None),
        (
            "四川省财政厅 四川省教育厅关于支持学前教育发展的通知（川财教〔2011〕224号）",
            "四川省财政厅 四川省教育厅关于支持学前教育发展的通知",
            "川财教〔2011〕224号",
        ),
        ("市教育局2018年工作要点 字号：[ 大 中 小 ]", "市教育局2018年工作要点", None),
    ],
)
def test_titles_unwrapped_from_what_sites_put_around_them(line, title, number):
    assert unwrap_title(line) == (title, number)


def test_the_title_the_addressees_follow_is_the_documents():
    doc = extracted(
        "温州市教育强市建设实施意见\n2006年印发的文件介绍。\n温州市委办公室 温州市人民政府办公室关于印发《温州市教育强市建设实施意见》的通知\n"
        "温委办〔2006〕47号\n各县（市、区）委、人民政府，市直属各单位：\n现印发给你们。\n"
    )
    m = doc.metadata
    assert m["title"] == "温州市委办公室 温州市人民政府办公室关于印发《温州市教育强市建设实施意见》的通知"
    assert m["doc_number"] == "温委办〔2006〕47号" and m["issuer"] == "温州市委办公室 温州市人民政府办公室"


def test_a_title_broken_over_three_lines_and_a_chinese_numeral_signature():
    doc = extracted(
        "黑龙江省人民政府\n批转省教育厅黑龙江省教育事业发展规划的通知\n黑政发〔2007〕89号\n各市、县人民政府：\n省政府同意，现转发给你们。\n二○○七年十一月二十六日\n"
    )
    m = doc.metadata
    assert m["title"] == "黑龙江省人民政府批转省教育厅黑龙江省教育事业发展规划的通知"
    assert (m["issuer"], m["date_written"], m["year"]) == ("黑龙江省人民政府", "2007-11-26", 2007)


def test_red_header_and_colophon_are_metadata_not_text():
    lines = [
        "吉林省教育厅文件",
        "吉教发〔2015〕1号",
        "关于印发工作要点的通知",
        "各市（州）教育局：",
        "现印发给你们。",
        "吉林省教育厅",
        "2015年3月10日",
    ]
    lines += ["抄送：教育部办公厅。", "吉林省教育厅办公室 2015年3月12日印发", "（共印50份）"]
    doc = extracted("\n".join(lines))
    assert "吉林省教育厅文件" not in doc.paragraphs and not any("抄送" in p or "共印" in p for p in doc.paragraphs)
    assert ("date_printed", "2015年3月12日") in doc.evidence and doc.metadata["date_printed"] == "2015-03-12"
    assert doc.metadata["issuer"] == "吉林省教育厅" and doc.metadata["date_written"] == "2015-03-10"


def test_joint_issuers_split_and_completed():
    assert split_names("四川省财政厅四川省教育厅") == ["四川省财政厅", "四川省教育厅"]
    assert split_names("中共济南市委教育工作委员会办公室 济南市教育局办公室") == ["中共济南市委教育工作委员会办公室", "济南市教育局办公室"]
    doc = extracted("银川市教育局 卫生健康委员会关于做好返校复课工作的通知\n各县（市）区教育局：\n现通知如下。")
    assert doc.metadata["issuer"] == "银川市教育局 银川市卫生健康委员会"


def test_an_issuer_without_its_place_is_completed_from_the_title():
    doc = extracted("绍兴市中小学教坛新秀评选工作的通知\n各区县教育局：\n现通知如下。\n市教育局\n2019年5月6日")
    assert doc.metadata["issuer"] == "绍兴市教育局" and "issuer" in doc.inferred


def test_a_notices_year_is_its_date_not_the_year_it_speaks_of():
    doc = extracted(
        "福建省人民政府教育督导办公室关于公布2012年度教育工作先进县名单的通知\n各设区市：\n现予公布。\n福建省人民政府教育督导办公室\n2014年5月26日"
    )
    assert doc.metadata["year"] == 2014
    plan = extracted("关于印发2015年工作要点的通知\n各学校：\n现印发。\n某市教育局\n2014年12月30日")
    assert plan.metadata["year"] == 2015


def test_doc_number_with_a_chinese_numeral_year():
    doc = extracted("浙江省教育厅关于做好工作的通知\n浙教办〔二〇一五〕3号\n各市教育局：\n现通知如下。")
    assert doc.metadata["doc_number"] == "浙教办〔二〇一五〕3号"


def test_labels_spaced_out_and_several_on_one_line_are_read():
    doc = cleaned("索 引 号：11337776/2017-1013698 文 号：无\n发布机构：咸宁市教育局\n咸宁市教育局2017年工作要点\n一、总体")
    assert ("index_number", "11337776/2017-1013698") in doc.evidence and ("issuer", "咸宁市教育局") in doc.evidence
    assert not any(key == "doc_number" for key, _ in doc.evidence)  # 文号：无 says there is none
    assert doc.paragraphs == ("咸宁市教育局2017年工作要点", "一、总体")


def test_terms_count_only_as_words():
    assert count_words("扩大学生资助覆盖面", "大学") == 0
    assert count_words("支持地方大学建设，大学生就业", "大学") == 1
    assert count_words("加强师德师风建设", "师德") == 1


def test_main_topics_are_what_the_document_treats_not_a_passing_mention():
    sections = "\n".join(f"{n}、学前教育工作\n{i}.扩大普惠性幼儿园资源，办好幼儿园。" for i, n in enumerate("一二三四", 1))
    doc = extracted(f"某市教育局2020年学前教育工作要点\n{sections}\n5.另外，加强高中的校车安全。")
    assert doc.metadata["topics"] == ["学前教育"]
    assert "校园安全" in doc.topic_sections  # the mention stays for the cross-reference table


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("宁乡县教育局", "430182", "宁乡市"),
        ("襄樊市教育局", "420600", "襄阳市"),
        ("阿坝州教育局", "513200", "阿坝藏族羌族自治州"),
        ("锡林郭勒盟教育局", "152500", "锡林郭勒盟"),
    ],
)
def test_places_are_current_and_know_former_names_and_short_forms(text, code, name):
    from policy_archive.extract import find_regions

    chain = find_regions(text)
    assert chain[-1].code == code and chain[-1].name == name


def test_a_department_rule_adopted_at_its_executive_meeting():
    doc = extracted(
        "云南省民办教育机构管理办法\n《云南省民办教育机构管理办法》于2011年6月13日云南省教育厅第8次厅务会议通过，现予公布，自2012年5月1日起施行。\n"
        "云南省教育厅\n2011年6月20日\n第一条 为了规范民办教育机构，制定本办法。"
    )
    m = doc.metadata
    assert (m["issuer"], m["date_written"], m["date_published"], m["date_effective"]) == (
        "云南省教育厅",
        "2011-06-13",
        "2011-06-20",
        "2012-05-01",
    )


def test_a_law_database_export():
    text = "\n".join(
        [
            "北京市教育委员会关于印发《2019年北京市教育工作要点》的通知",
            "（京教发〔2019〕1号）",
            "【发布部门】北京市教育委员会",
            "【时效性】现行有效",
            "各区教委，各高等学校：",
            "现将《2019年北京市教育工作要点》印发给你们，请认真贯彻落实。",
            *(f"{n}.第{n}项工作，认真组织实施。" for n in range(1, 25)),
            "北京市教育委员会",
            "二〇一九年一月十五日",
            "【法宝引证码】CLI.12.1234567",
            "原文链接：https://www.pkulaw.com/lar/abc.html",
        ]
    )
    doc = extracted(text)
    m = doc.metadata
    assert (m["title"], m["doc_number"], m["issuer"], m["date_written"], m["year"]) == (
        "北京市教育委员会关于印发《2019年北京市教育工作要点》的通知",
        "京教发〔2019〕1号",
        "北京市教育委员会",
        "2019-01-15",
        2019,
    )
    assert not any("法宝引证码" in p or "原文链接" in p or "【" in p for p in doc.paragraphs), doc.paragraphs
    assert m["validity"] == "现行有效"


def test_an_issuer_inferred_from_the_plan_a_notice_issues_and_he_in_a_place_name():
    doc = extracted("关于印发《芜湖市教育局2024年工作要点》的通知\n各县市区教育局：\n现将工作要点印发给你们。")
    assert doc.metadata["issuer"] == "芜湖市教育局" and "issuer" in doc.inferred
    forwarded = extracted("关于转发《省教育厅关于加强安全工作的通知》的通知\n各学校：\n现转发给你们。")
    assert forwarded.metadata["issuer"] is None
    assert extracted("和平县教育局2019年政府信息公开工作年度报告\n一、总体情况\n本年度。").metadata["issuer"] == "和平县教育局"


def test_a_signature_inside_a_flattened_line():
    doc = extracted(
        "关于印发工作要点的通知\n各市（州）教育局： 现将工作要点印发给你们，请结合实际，认真抓好贯彻落实。 附件：工作要点 吉林省教育厅 2015年3月10日\n"
    )
    assert (doc.metadata["issuer"], doc.metadata["date_written"]) == ("吉林省教育厅", "2015-03-10")
    table = extracted("关于公布评估结果的通知\n各学校：\n现予公布。\n江西省教育厅\n二○一一年十一月十六日 |\n")
    assert table.metadata["date_written"] == "2011-11-16"
