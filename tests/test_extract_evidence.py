"""Extraction by evidence on the shapes real documents take (small made-up inputs; the real documents
are measured by `make eval` on tests/corpus)."""

import pytest

from helpers import cleaned, extracted
from policy_archive.clean import clean
from policy_archive.extract import extract, parse_date
from policy_archive.extract.organs import split_names
from policy_archive.extract.title_lines import unwrap_title
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


def test_red_header_is_metadata_and_the_colophon_stays_on_the_page_as_well():
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
    assert "吉林省教育厅文件" not in doc.paragraphs
    assert doc.paragraphs[-3:] == ("抄送：教育部办公厅。", "吉林省教育厅办公室 2015年3月12日印发", "（共印50份）")
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
    assert ("index_number", "11337776/2017-1013698") in doc.evidence and ("publisher", "咸宁市教育局") in doc.evidence
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


def test_a_county_report_whose_session_line_the_page_broke():
    doc = extracted(
        "2011年县政府工作报告\n政府工作报告\n——2011年1月13日在县第十五届人民代表大会\n第五次会议上\n"
        "静宁县常务副县长某某\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。"
    )
    m = doc.metadata
    assert (m["title"], m["doc_type"], m["issuer"], m["date_written"], m["county"]) == (
        "政府工作报告",
        "政府工作报告",
        "静宁县人民政府",
        "2011-01-13",
        "静宁县",
    )


def test_a_report_without_its_title_line_is_known_by_its_session():
    doc = extracted(
        "——2021年11月22日在拉萨市第十二届人民代表大会第一次会议上\n各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。"
    )
    assert (doc.metadata["title"], doc.metadata["doc_type"]) == (None, "政府工作报告")


def test_a_speech_title_above_its_subtitle():
    doc = extracted(
        "深化改革 突破创新 全面提升教育的整体水平\n——在2014年全市教育工作会议上的报告\n市教育局局长 某某\n同志们：\n这次会议的主要任务是总结工作。"
    )
    assert (doc.metadata["title"], doc.metadata["doc_type"]) == ("深化改革 突破创新 全面提升教育的整体水平", "报告")


@pytest.mark.parametrize(
    ("text", "issuer", "date"),
    [
        # signer and date on one line
        (
            "关于认定示范性幼儿园的通知\n各幼儿园：\n经评估，现予认定。\n上海市闵行区教育局 2020年3月12日",
            "上海市闵行区教育局",
            "2020-03-12",
        ),
        # a forum ran its replies on after the date
        (
            "嘉奖令\n各乡镇人民政府：\n县政府决定予以嘉奖。\n枞阳县人民政府\n二○一二年六月二十七日 再接再厉！ 好！",
            "枞阳县人民政府",
            "2012-06-27",
        ),
        # five signer lines of a joint notice
        (
            "关于印发行动计划的通知\n各地级以上市教育局：\n现印发给你们。\n广东省教育厅 广东省发展和改革委员会\n广东省公安厅 广东省财政厅\n"
            "广东省人力资源和社会保障厅 广东省自然资源厅\n广东省住房和城乡建设厅 广东省医疗保障局\n国家税务总局广东省税务局\n2022年12月29日",
            "广东省教育厅 广东省发展和改革委员会 广东省公安厅 广东省财政厅 广东省人力资源和社会保障厅 广东省自然资源厅 广东省住房和城乡建设厅 "
            "广东省医疗保障局 国家税务总局广东省税务局",
            "2022-12-29",
        ),
        # a date that lost its 年
        (
            "关于举办比赛的通知\n各学校：\n现将有关事项通知如下。\n嘉鱼县教育局 嘉鱼县文化和旅游局\n20213月18",
            "嘉鱼县教育局 嘉鱼县文化和旅游局",
            "2021-03-18",
        ),
        # no date: the signer above the site's address
        (
            "关于清明节放假的通知\n各中小学：\n现将放假安排通知如下。\n常州市武进区教育局\n地址： 江苏省常州市武进区清涟街",
            "常州市武进区教育局",
            None,
        ),
    ],
)
def test_signatures_as_pages_print_them(text, issuer, date):
    doc = extracted(text)
    assert (doc.metadata["issuer"], doc.metadata["date_written"]) == (issuer, date)


def test_flattened_disclosure_fields_and_list_items_are_read():
    doc = cleaned("[ 索引号 ]1150/2022-01700 [ 发文字号 ]开州府发〔2022〕9号 [ 发布机构 ]开州区政府办公室 [ 成文日期 ]2022-04-14\n正文。")
    assert {("doc_number", "开州府发〔2022〕9号"), ("publisher", "开州区政府办公室"), ("date_written", "2022-04-14")} <= set(doc.evidence)
    listed = cleaned("通知\n- 发文机关：上海市闵行区教育局\n- 发文字号：闵教字〔2020〕28号\n各幼儿园：")
    assert {("issuer", "上海市闵行区教育局"), ("doc_number", "闵教字〔2020〕28号")} <= set(listed.evidence)


def test_a_document_sharing_sites_card_and_terms_are_furniture():
    doc = cleaned(
        "2011年县政府工作报告\n• 格式：doc\n• 大小：62.00 KB\n下载文档原格式\n/ 25\n"
        "1. 1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑、内容补充、找答案等附加服务。\n• 政府工作报告\n各位代表："
    )
    assert doc.paragraphs == ("2011年县政府工作报告", "• 政府工作报告", "各位代表：") and doc.source.reposted


def test_obfuscating_pinyin_runs_are_removed_and_an_unlabelled_bar_date_is_not_the_page_date():
    doc = cleaned("编辑： 某某 2019-07-17\n" + "深入学习贯（guan）彻习近（jin）平新时代（dai）（dai）中国特色社会主义思想，" * 4)
    assert "（" not in doc.paragraphs[0] and doc.source.page_date is None and ("posted", "2019-07-17") in doc.evidence


def test_a_letter_spaced_bare_title_that_addressees_follow():
    doc = extracted("奉新信息网\n通 知\n各县市区教育体育局：\n因春节临近，经研究，决定调整幼儿园寒假放假时间。")
    assert (doc.metadata["title"], doc.metadata["doc_type"]) == ("通知", "通知")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024327", "2024-03-27"),
        ("2022411日", "2022-04-11"),
        ("2020105", "2020-10-05"),
        ("2021111", None),
        ("二00九年十二月七日", "2009-12-07"),
    ],
)
def test_dates_that_lost_their_separators_are_read_only_when_one_reading_is_possible(text, iso):
    parsed, _ = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == iso


def test_a_notice_whose_date_lost_its_separators_and_signer():
    doc = extracted(
        "关于印发《芜湖市教育局2024年工作要点》的通知\n各县市区教育局：\n现将工作要点印发给你们，请认真贯彻落实。\n2024327\n（此件主动公开）"
    )
    assert doc.metadata["date_written"] == "2024-03-27"


def test_titles_a_page_states_in_other_ways():
    cell = extracted("词条 | 甘肃省“十一五”教育事业发展规划 |\n一、发展基础\n“十五”期间，全省教育事业取得了显著成就。")
    assert (cell.metadata["title"], cell.metadata["doc_type"]) == ("甘肃省“十一五”教育事业发展规划", "规划")
    headline = extracted(
        "墨玉县2025学年义务教育事业发展主要情况\n"
        + "在县委、县人民政府的领导下，全县教育工作坚持以立德树人为根本任务，办学条件持续改善。" * 2
    )
    assert headline.metadata["title"] == "墨玉县2025学年义务教育事业发展主要情况"
    issued = extracted(
        "欢迎光临本网\n各区、县教育局： 现将《2012年全市教育工作要点》印发你们，请认真抓好贯彻落实。 特此通知 附件：《2012年全市教育工作要点》"
        " 二〇一二年二月九日 附件： 2012年全市教育工作要点 2012年是全市教育工作的关键之年。"
    )
    assert (issued.metadata["title"], issued.metadata["doc_type"], issued.metadata["date_written"]) == (
        "2012年全市教育工作要点",
        "工作要点",
        "2012-02-09",
    )
    assert "title" in issued.inferred
    notice_only = extracted("各区、县教育局： 现将《2012年全市教育工作要点》印发你们，请认真抓好贯彻落实。")
    assert notice_only.metadata["title"] is None  # the plan itself is not on the page: no title is made up


def test_a_regulation_on_a_page_that_lost_its_title_line_and_a_revision_marker():
    doc = extracted(
        "（2022年2月25日徐州市第十六届人民代表大会常务委员会第五十四次会议通过） |\n"
        "徐州市第十七届人民代表大会常务委员会公告 第1号 《徐州市基础教育促进条例》已由徐州市第十六届人民代表大会常务委员会第五十四次会议于2022年2月25日通过，现予公布。"
    )
    assert (doc.metadata["title"], doc.metadata["doc_type"]) == ("徐州市基础教育促进条例", "条例")
    revised = extracted(
        "EHS中国 法规首页 山东省未成年人保护条例（2023年修订）\n山东省未成年人保护条例（2023年修订）\n第一章 总则\n第一条 为了保护未成年人，制定本条例。"
    )
    assert revised.metadata["title"] == "山东省未成年人保护条例"
    assert "山东省未成年人保护条例（2023年修订）" in revised.paragraphs  # the page's text keeps the marker


def test_a_notices_number_on_the_line_below_it_and_a_stated_one():
    doc = extracted(
        "法搜网\n鄂温克族自治旗民族教育条例\n鄂温克族自治旗第九届人民代表大会常务委员会公告\n（第1号）\n"
        "《鄂温克族自治旗民族教育条例》已经批准，现予公告。\n鄂温克族自治旗第九届人民代表大会常务委员会\n二00三年八月二日"
    )
    assert doc.metadata["doc_number"] == "鄂温克族自治旗第九届人民代表大会常务委员会公告第1号"
    assert doc.metadata["date_written"] == "2003-08-02"
    stated = extracted("【发文字号】山东省人民代表大会常务委员会公告第12号\n山东省未成年人保护条例\n第一条 为了保护未成年人，制定本条例。")
    assert stated.metadata["doc_number"] == "山东省人民代表大会常务委员会公告第12号"


def test_the_pages_date_gives_the_year_of_a_document_that_states_none():
    doc = extracted(
        "发布时间：2018-06-29\n昌黎县人民政府关于统筹推进义务教育一体化改革发展的实施意见\n一、指导思想\n全面贯彻党的十九大精神。"
    )
    assert (doc.metadata["date_published"], doc.metadata["year"]) == ("2018-06-29", 2018)
    report = extracted("重庆市长寿区教育委员会政府信息主动公开清单（2025年）\n序号 | 公开事项 |")
    assert report.metadata["issuer"] == "重庆市长寿区教育委员会"


def test_a_pages_shortened_heading_gives_way_to_the_documents_title_block():
    doc = extracted(
        "凌海市推进义务教育督导评估实施细则的通知\n凌海市人民政府办公室关于印发凌海市推进\n义务教育督导评估\n实施细则的通知\n"
        "各乡镇人民政府：\n经市政府同意，现印发给你们。"
    )
    assert doc.metadata["title"] == "凌海市人民政府办公室关于印发凌海市推进义务教育督导评估实施细则的通知"
    site = extracted(
        "北京市海淀区教育委员会\n" + "为贯彻落实上级精神，全区教育系统认真开展工作，取得了显著成效，现将有关情况报告如下。" * 2
    )
    assert site.metadata["title"] is None  # an authority's name above the text is not a headline


def test_work_reports_as_county_sites_print_them():
    spaced = extracted(
        "平远县2006年县政府工作报告\n来源：平远县人民政府网 时间：2006-12-15 00:00:00 浏览：-\n字号：\n政 府 工 作 报 告\n"
        "——2006年10月18日在县十三届人大一次会议上\n平远县县长 某某\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。"
    )
    m = spaced.metadata
    assert (m["title"], m["issuer"], m["date_written"], m["doc_type"]) == ("政府工作报告", "平远县人民政府", "2006-10-18", "政府工作报告")
    undashed = extracted(
        "2010年政府工作报告（全文）\n2010年2月24日在杨陵区第七届\n人民代表大会第四次会议上\n杨陵区区长 某某\n各位代表：\n"
        "现在，我代表区人民政府向大会作工作报告，请予审议。"
    )
    m = undashed.metadata
    assert (m["title"], m["issuer"], m["date_written"]) == ("2010年政府工作报告", "杨陵区人民政府", "2010-02-24")


def test_a_disclosure_report_that_lost_its_title():
    doc = extracted(
        "本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n（一）主动公开\n"
        "2025年年度五通桥区教育局加强政务公开工作，紧紧围绕教育领域民生事项，做好部门预算编制说明。"
    )
    m = doc.metadata
    assert (m["doc_type"], m["year"], m["issuer"], m["county"]) == ("年度报告", 2025, "五通桥区教育局", "五通桥区")
    assert "issuer" in doc.inferred and m["title"] is None


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("南宁市教育局欢迎您！关于印发南宁市教育局2018年工作要点的通知", "关于印发南宁市教育局2018年工作要点的通知"),
        ("黑龙江省职业教育条例.doc", "黑龙江省职业教育条例"),
        ("通 知", "通知"),
    ],
)
def test_what_sites_glue_to_a_title(line, title):
    assert unwrap_title(line)[0] == title


def test_issuers_in_a_title_that_forwards_or_brackets_a_second_organ():
    forwarded = extracted("山西省人民政府办公厅转发省教育厅关于教育发展重点工程的通知\n各市、县人民政府：\n现转发给你们。")
    assert forwarded.metadata["issuer"] == "山西省人民政府办公厅"
    bracketed = extracted("山东省教育厅（中共山东省委教育工委）2018年工作要点\n一、加强党的建设\n全面加强教育系统党的建设。")
    assert bracketed.metadata["issuer"] == "山东省教育厅 中共山东省委教育工委"


def test_the_addressees_do_not_place_a_document():
    doc = extracted(
        "发布文号： 新政发[2003]37号\n伊犁哈萨克自治州，各州、市、县（市）人民政府，各行政公署：\n为促进我区民族教育事业的发展，制定如下意见。"
    )
    assert doc.metadata["city"] is None and doc.metadata["doc_number"] == "新政发〔2003〕37号"


def test_a_status_label_and_an_unfilled_placeholder_in_the_information_bar():
    doc = cleaned(
        "状态：有效 发布日期：2008-02-22 生效日期： 2008-02-22\n来源：${currentUser.inDepartmentName!} 访问量： 发布日期：2022-12-13 18:50:37\n正文。"
    )
    assert ("validity", "有效") in doc.evidence and ("date_effective", "2008-02-22") in doc.evidence
    assert doc.paragraphs == ("正文。",)


def test_a_government_rule_promulgated_by_an_order():
    doc = extracted(
        "贵州省人民政府令\n第213号\n《贵州省教育督导规定》已经2023年12月14日省人民政府第26次常务会议审议通过，现予公布，自2024年3月1日起施行。\n"
        "省 长 某某\n2024年1月6日\n第一条 为了加强教育督导工作，制定本规定。"
    )
    m = doc.metadata
    assert (m["doc_number"], m["date_written"], m["date_published"], m["date_effective"]) == (
        "贵州省人民政府令第213号",
        "2023-12-14",
        "2024-01-06",
        "2024-03-01",
    )


def test_heads_a_page_ran_together():
    number = extracted(
        "武威市人民政府关于推进义务教育一体化改革发展的实施意见武政发[2017]52号\n各县、区人民政府：\n为贯彻落实上级精神，提出如下意见。"
    )
    assert (number.metadata["title"], number.metadata["doc_number"], number.metadata["doc_type"]) == (
        "武威市人民政府关于推进义务教育一体化改革发展的实施意见",
        "武政发〔2017〕52号",
        "实施意见",
    )
    report = extracted(
        "政府工作报告 在济宁市第十六届人民代表大会第五次会议上（2016年2月16日） 代市长 某某\n"
        "各位代表：现在，我代表济宁市人民政府向大会报告工作，请予审议。"
    )
    m = report.metadata
    assert (m["title"], m["issuer"], m["date_written"], m["doc_type"]) == ("政府工作报告", "济宁市人民政府", "2016-02-16", "政府工作报告")
    county = extracted("乐亭县2007年政府工作报告\n一、政府工作回顾\n2003年以来，十三届政府在县委的正确领导下，坚持科学发展。")
    assert county.metadata["issuer"] == "乐亭县人民政府" and "issuer" in county.inferred


def test_a_databases_fields_as_a_list():
    doc = cleaned("- 【发布日期】1989-12-02\n- 【生效日期】1989-12-02\n- 【失效日期】--\n都安瑶族自治县自治条例")
    assert ("date_published", "1989-12-02") in doc.evidence and doc.paragraphs == ("都安瑶族自治县自治条例",)


def test_a_page_posted_long_after_the_document_is_a_later_copy():
    late = extracted("发布时间：2021-02-07\n关于印发任务分工的通知\n各市人民政府：\n现印发给你们。\n黑龙江省人民政府办公厅\n2011年6月28日")
    assert late.metadata["date_written"] == "2011-06-28" and late.metadata["date_published"] is None
    assert any("later copy" in w for w in late.warnings)
    prompt = extracted(
        "发布时间：2011-07-05\n关于印发任务分工的通知\n各市人民政府：\n现印发给你们。\n黑龙江省人民政府办公厅\n2011年6月28日"
    )
    assert prompt.metadata["date_published"] == "2011-07-05"
    undated = extracted("发布时间：2012-04-14\n乐亭县2007年政府工作报告\n一、工作回顾\n过去一年，全县经济稳步发展。")
    assert undated.metadata["date_published"] is None and undated.metadata["year"] == 2007


def test_the_organ_a_page_names_as_its_source_is_the_issuer_when_nothing_else_is():
    doc = extracted("来源：深圳市教育局\n2018年深圳教育工作思路计划\n深入学习贯彻党的十九大精神，全面加强党对教育工作的领导。")
    assert doc.metadata["issuer"] == "深圳市教育局" and "issuer" in doc.inferred
    signed = extracted("来源：深圳市人民政府\n关于做好招生工作的通知\n各区教育局：\n现通知如下。\n深圳市教育局\n2018年3月1日")
    assert signed.metadata["issuer"] == "深圳市教育局"  # the signature, not the page's source


def test_a_number_and_date_in_brackets_under_the_title():
    doc = extracted(
        "关于印发《甘肃省教育厅政府信息公开实施办法》的通知\n甘肃省教育厅政府信息公开实施办法\n（甘教办〔2021〕2号 2021年3月 24 日）\n"
        "第一章 总 则\n第一条 为了保障公民依法获取政府信息，制定本办法。"
    )
    assert (doc.metadata["doc_number"], doc.metadata["date_written"], doc.metadata["year"]) == ("甘教办〔2021〕2号", "2021-03-24", 2021)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("时讯:《江西省义务教育条例》全文", "江西省义务教育条例"),
        ("❶包头市义务教育条例", "包头市义务教育条例"),
        ("政府工作报告 ?", "政府工作报告"),
    ],
)
def test_debris_around_a_title(line, title):
    assert unwrap_title(line)[0] == title


def test_a_reports_subject_after_an_item_label():
    doc = extracted(
        "一、总体情况\n本报告依据《中华人民共和国政府信息公开条例》编制。\n"
        "（一）主动公开情况。2022年宜城市教育局全面贯彻落实《条例》精神，规范公开流程，扎实推进各项工作。\n二、主动公开政府信息情况"
    )
    assert (doc.metadata["issuer"], doc.metadata["year"], doc.metadata["doc_type"]) == ("宜城市教育局", 2022, "年度报告")


def test_any_bureau_of_a_place_signs_and_a_notice_issues_its_own_measures():
    doc = extracted(
        "关于印发行动计划的通知\n各区县教育局：\n现印发给你们。\n长沙市教育局 长沙市发展和改革委员会\n"
        "长沙市人力资源和社会保障局 长沙市自然资源和规划局\n2023年5月22日"
    )
    assert doc.metadata["issuer"] == "长沙市教育局 长沙市发展和改革委员会 长沙市人力资源和社会保障局 长沙市自然资源和规划局"
    own = extracted("关于印发《甘肃省教育厅政府信息公开实施办法》的通知\n第一章 总则\n第一条 为了保障公民依法获取政府信息，制定本办法。")
    assert own.metadata["issuer"] == "甘肃省教育厅" and "issuer" in own.inferred
    assert unwrap_title("政府工作报告？")[0] == "政府工作报告" and unwrap_title("如何办好教育？")[0] == "如何办好教育？"


def test_a_two_character_county_is_a_place_only_where_a_place_can_stand():
    from policy_archive.extract.places import find_regions

    assert find_regions("大力实施科教兴县和人才强县") == [] and find_regions("循环发展示范县”建设") == []
    assert [r.name for r in find_regions("打响房县教育品牌")][-1] == "房县"
    assert [r.name for r in find_regions("吕梁市兴县教育局")][-1] == "兴县"


def test_titles_on_document_sharing_sites():
    assert unwrap_title("2024年县教育局工作计划范文.docx")[0] == "2024年县教育局工作计划"
    assert unwrap_title("县教育局2016年工作计划方案.doc_第1页")[0] == "县教育局2016年工作计划方案"
    run_in = extracted(
        "县教育局过去五年及2016年工作总结一、过去五年工作回顾1.协调发展实现新跨越。学前教育实现了跨越式发展，新建乡镇公办中心幼儿园16所。"
        * 2
    )
    assert (run_in.metadata["title"], run_in.metadata["doc_type"]) == ("县教育局过去五年及2016年工作总结", "工作总结")


def test_an_issuer_printed_without_its_place_is_kept_as_printed_and_joins_no_series():
    from policy_archive.series import _issuer

    doc = extracted("2024年县教育局工作计划\n一、指导思想\n坚持立德树人。\n县教育局\n2024年1月5日")
    assert (doc.metadata["issuer"], doc.metadata["region_code"]) == ("县教育局", None)
    assert "issuer" not in doc.inferred and _issuer(doc) is None


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("贵州省教育厅2021年政府信息公开工作年度工作报告", "年度报告"),
        ("某县教体局2020年年终工作总结报告", "工作总结"),
        ("某市教育局2019年工作报告", "工作报告"),
    ],
)
def test_document_types_named_in_other_words(title, kind):
    from policy_archive.extract.doc_types import doc_type

    assert doc_type(title)[0] == kind


def test_a_notice_that_lost_its_title_is_still_one_a_publicity_list_is_given_no_type():
    assert extracted("各学校：\n现将有关事项通知如下。\n一、时间安排\n请按时完成。").metadata["doc_type"] == "通知"
    # (tests/corpus/README: a type is the word a title ends with; seven untitled 公示 pages are annotated without one.)
    assert extracted("经评审，拟认定以下学校为示范学校，现予以公示。\n公示期为7天。").metadata["doc_type"] is None
    assert extracted("一、指导思想\n坚持立德树人。").metadata["doc_type"] is None


def test_a_report_title_below_the_sites_heading_and_a_statement_further_down():
    doc = extracted(
        "2021年荣县政府工作报告\n1 2021 最新修订（可编辑）\n政府工作报告 ?\n2021 年 1 月 27 日在荣县第十八届人民代表大会第五次会议上 ?\n"
        "荣县人民政府县长 某某 ?\n各位代表： ?\n现在，我代表县人民政府向大会报告工作，请予审议。"
    )
    assert doc.metadata["title"] == "政府工作报告"
    statement = extracted(
        "（资料图片）\n图片说明\n7月2日，仙桃市教育局发布严正声明，全文如下：\n严正声明\n近日，有人冒用我局名义发布招生信息。"
    )
    assert (statement.metadata["title"], statement.metadata["doc_type"]) == ("严正声明", "声明")


def test_a_text_whose_places_all_lie_in_one_province_is_placed_there_inferred():
    doc = extracted("2016年教育局工作要点\n一、总体要求\n认真落实《安徽省中长期教育改革和发展规划纲要》，办好人民满意的教育。")
    assert (doc.metadata["province"], doc.metadata["city"]) == ("安徽省", None) and "province" in doc.inferred
    two = extracted("2016年教育局工作要点\n一、总体要求\n学习浙江省和江苏省的经验，办好人民满意的教育。")
    assert two.metadata["province"] is None
