import datetime as dt

from helpers import extracted
from policy_archive.extract import base_id, find_regions, normalise_doc_number, parse_date, structure


def test_dates_in_every_common_form():
    assert parse_date("2014年3月10日") == (dt.date(2014, 3, 10), None)
    assert parse_date("2023-03-30") == (dt.date(2023, 3, 30), None)
    assert parse_date("二〇一四年三月十日") == (dt.date(2014, 3, 10), None)
    assert parse_date("二○二三年十二月二十一日") == (dt.date(2023, 12, 21), None)


def test_placeholder_and_impossible_dates_rejected_with_reason():
    value, problem = parse_date("1970-08-21")
    assert value is None and "placeholder" in problem
    value, problem = parse_date("1970-01-01")
    assert value is None and "placeholder" in problem
    value, problem = parse_date("2019-02-30")
    assert value is None and "not a calendar date" in problem


def test_doc_number_brackets_normalised():
    assert normalise_doc_number("吉市教发[2008]1号") == "吉市教发〔2008〕1号"
    assert normalise_doc_number("京教基（2019）第12号") == "京教基〔2019〕第12号"
    assert normalise_doc_number("无文号") is None


def test_regions_most_specific_with_ancestors():
    assert [r.code for r in find_regions("荣成市人民政府")] == ["370000", "371000", "371082"]
    assert [r.code for r in find_regions("吉林市教育局")] == ["220000", "220200"]
    assert [r.code for r in find_regions("吉林省教育厅")] == ["220000"]


def test_repeated_county_name_resolved_only_by_context():
    assert find_regions("朝阳区教委") == []
    assert [r.code for r in find_regions("北京市朝阳区教委")][-1] == "110105"


def test_structure_headings_and_stable_item_anchors():
    blocks = structure(
        [
            "标题",
            "一、总体要求",
            "1.第一条。",
            "2.第二条。",
            "二、主要任务",
            "（一）学前教育",
            "1.再一条。",
            "任务3：落实。",
            "(1)措施一。",
        ],
        0,
    )
    assert [(b.kind, b.anchor) for b in blocks] == [
        ("title", None),
        ("heading", "sec-1"),
        ("item", "sec-1-item-1"),
        ("item", "sec-1-item-2"),
        ("heading", "sec-2"),
        ("subheading", "sec-2-1"),
        ("item", "sec-2-1-item-1"),
        ("item", "sec-2-1-task-3"),
        ("item", "sec-2-1-task-3-1"),
    ]


def test_long_numbered_section_is_an_anchored_item_not_a_heading():
    long = "一、" + "加强学前教育，" * 12 + "全面提升。"
    (block,) = structure([long], None)
    assert block.kind == "item" and block.anchor == "sec-1"


def test_title_with_doc_number_prefix_and_signature():
    doc = extracted(
        "济教字〔2023〕22号济宁市教育局关于印发2023年重点任务清单的通知\n各学校：\n现将清单印发给你们。\n济宁市教育局\n2023年3月30日\n一、党建\n任务1：加强党的领导。"
    )
    m = doc.metadata
    assert m["title"] == "济宁市教育局关于印发2023年重点任务清单的通知"
    assert m["doc_number"] == "济教字〔2023〕22号"
    assert m["issuer"] == "济宁市教育局"
    assert m["date_written"] == "2023-03-30"
    assert m["year"] == 2023 and "year" not in doc.inferred
    assert (m["province"], m["city"], m["region_code"]) == ("山东省", "济宁市", "370800")
    assert m["doc_type"] == "通知"
    assert base_id(m) == "370800-2023-notice-22"


def test_year_inferred_from_text_when_title_has_none():
    doc = extracted(
        "区文教体局工作意见\n一、目标\n1、到2015年基本实现现代化。\n2、为2014年创建示范区打基础。\n3、制定《区文教体局2013年工作任务分解》。"
    )
    assert doc.metadata["year"] == 2013
    assert "year" in doc.inferred


def test_nothing_found_stays_null_with_warnings():
    doc = extracted("这是一段没有标题也没有日期的文字。")
    m = doc.metadata
    assert m["title"] is None and m["year"] is None and m["region_code"] is None and m["issuer"] is None
    assert any("title" in w for w in doc.warnings) and any("year" in w for w in doc.warnings)


def test_an_issuer_without_a_place_name_is_kept_as_printed_and_doubted():
    # (As the corpus is annotated: a masked or unnamed county's bureau is written as the text prints it.)
    doc = extracted("区文教体局工作意见\n一、指导思想")
    assert doc.metadata["issuer"] == "区文教体局" and doc.metadata["county"] is None
    assert {"issuer", "province"} <= set(doc.doubtful)


def test_topics_need_repeated_evidence_and_link_sections():
    doc = extracted("某市教育局2020年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n二、其他\n2.加强幼儿园管理。")
    assert doc.topic_sections["学前教育"] == ("sec-1", "sec-2")
    assert "校外培训治理" not in doc.topic_sections


def test_citations_collected_in_order():
    doc = extracted("某市教育局2020年工作要点\n一、总体\n1.落实《义务教育法》和《学前教育法》。\n2.再次落实《义务教育法》。")
    assert doc.citations == ("义务教育法", "学前教育法")


def test_stated_title_picks_the_title_line_over_earlier_candidates():
    from helpers import doc_from_text
    from policy_archive.clean import clean
    from policy_archive.extract import extract

    doc = doc_from_text("关于做好工作的通知\n某市教育局2020年工作要点\n一、总体\n1.内容。")
    doc = type(doc)(**{**doc.__dict__, "evidence": (("title", "某市教育局2020年工作要点"),)})
    result = extract(clean(doc))
    assert result.metadata["title"] == "某市教育局2020年工作要点"
    assert [b.kind for b in result.blocks][:2] == ["paragraph", "title"]


def test_title_broken_over_two_lines_is_joined():
    doc = extracted("寿光市教育和体育局\n2022年工作要点\n一、总体要求\n1.内容。")
    m = doc.metadata
    assert m["title"] == "寿光市教育和体育局2022年工作要点"
    assert m["issuer"] == "寿光市教育和体育局" and m["region_code"] == "370783" and m["year"] == 2022
    assert [b.kind for b in doc.blocks][:2] == ["title", "heading"]


def test_full_width_digits_and_chinese_numeral_years():
    doc = extracted("某市教育局二〇二二年工作要点\n一、总体\n1.内容。\n某市教育局\n２０２２年１月５日")
    assert doc.metadata["year"] == 2022 and "year" not in doc.inferred
    assert doc.metadata["date_written"] == "2022-01-05"


def test_other_numbering_styles():
    blocks = structure(["一．总体要求", "1）第一条。", "2)第二条。", "二.主要任务", "一二三四五六七八"], None)
    assert [(b.kind, b.anchor) for b in blocks] == [
        ("heading", "sec-1"),
        ("item", "sec-1-item-1"),
        ("item", "sec-1-item-2"),
        ("heading", "sec-2"),
        ("paragraph", None),
    ]


def test_doc_number_on_its_own_line_below_the_title():
    doc = extracted("成都市教育局\n2020年教育工作要点\n成教〔2020〕5号\n一、总体\n1、内容。")
    assert doc.metadata["doc_number"] == "成教〔2020〕5号"
    assert doc.metadata["title"] == "成都市教育局2020年教育工作要点"


def test_municipality_district_has_the_municipality_as_city():
    doc = extracted("北京市海淀区教育委员会2022年工作要点\n一、总体\n1.内容。")
    m = doc.metadata
    assert (m["province"], m["city"], m["county"], m["region_code"]) == ("北京市", "北京市", "海淀区", "110108")


def test_anchors_follow_printed_numbers_and_parts_nest_sections():
    blocks = structure(
        [
            "第一部分 总体要求",
            "一、指导思想",
            "（1）坚持党的领导。",
            "（二）基本原则",
            "2、依法治教。",
            "第二部分 重点工作",
            "三、学前教育",
            "1.扩大资源。",
        ],
        None,
    )
    assert [(b.kind, b.anchor, b.level) for b in blocks] == [
        ("heading", "part-1", 2),
        ("heading", "part-1-sec-1", 3),
        ("item", "part-1-sec-1-p1", 2),
        ("subheading", "part-1-sec-1-2", 4),
        ("item", "part-1-sec-1-2-item-2", 1),
        ("heading", "part-2", 2),
        ("heading", "part-2-sec-3", 3),
        ("item", "part-2-sec-3-item-1", 1),
    ]


def test_office_of_a_bureau_and_joint_signers_are_issuers():
    assert extracted("郑州市教育局办公室关于印发2022年工作要点的通知\n一、总体").metadata["issuer"] == "郑州市教育局办公室"
    doc = extracted(
        "关于印发2021年教育工作要点的通知\n各学校：\n现印发给你们。\n中共浏阳市委教育工作委员会 浏阳市教育局\n2021年2月1日\n一、总体"
    )
    assert doc.metadata["issuer"] == "中共浏阳市委教育工作委员会 浏阳市教育局"
    assert doc.metadata["date_written"] == "2021-02-01" and doc.metadata["region_code"] == "430181"


def test_dates_long_after_the_planned_year_and_partial_dates_are_reported():
    doc = extracted("某市教育局2022年工作要点\n一、总体\n1.内容。\n某市教育局\n2099年1月5日")
    assert doc.metadata["date_written"] is None and any("2099-01-05" in w for w in doc.warnings)
    from helpers import doc_from_text
    from policy_archive.clean import clean
    from policy_archive.extract import extract

    raw = doc_from_text("某市教育局2022年工作要点\n一、总体")
    raw = type(raw)(**{**raw.__dict__, "evidence": (("date_written", "2022年03月"),)})
    result = extract(clean(raw))
    assert result.metadata["date_written"] is None and any("'2022年03月' is not a whole date" in w for w in result.warnings)


def test_a_placeholder_page_date_is_not_kept():
    doc = extracted("发布时间：1970-01-01\n某市教育局2022年工作要点\n一、总体")
    assert doc.source.page_date is None and any("placeholder" in w for w in doc.warnings)


def test_a_promulgating_gonggao_above_the_articles_gives_the_rules_title():
    # A regulation page whose only heading is the 公告 that promulgates it (湖北省家庭教育促进条例, 2021).
    doc = extracted(
        "湖北省人民代表大会常务委员会公告\n（第二百八十一号）\n"
        "《湖北省家庭教育促进条例》已由湖北省第十三届人民代表大会常务委员会第二十次会议于2021年1月22日通过，现予公布，自2021年5月1日起施行。\n"
        "湖北省人民代表大会常务委员会\n2021年1月22日\n第一章 总则\n"
        "第一条 为了保障未成年人健康成长，促进家庭教育事业发展，结合本省实际，制定本条例。\n"
    )
    assert doc.metadata["title"] == "湖北省家庭教育促进条例" and doc.metadata["doc_type"] == "条例"
    assert "title" not in doc.doubtful
    # A 公告 that promulgates nothing printed below it keeps its own title.
    notice = extracted("湖北省教育厅公告\n经研究，决定开展2021年教师资格认定工作，现将有关事项公告如下。\n湖北省教育厅\n2021年3月1日\n")
    assert notice.metadata["title"] == "湖北省教育厅公告"


def test_a_sharing_sites_selling_word_is_not_part_of_the_title():
    doc = extracted("最新浙江省宁波市教育督导条例\n第一章 总则\n第一条 为了落实教育督导制度，加强对教育工作的行政监督，制定本条例。\n")
    assert doc.metadata["title"] == "浙江省宁波市教育督导条例"
    assert (
        extracted("最新教育政策汇编的通知\n各学校：\n现将有关事项通知如下，请认真贯彻执行。\n").metadata["title"]
        == "最新教育政策汇编的通知"
    )


def test_an_organ_as_a_database_prints_it_is_given_its_own_name():
    # 国家法律法规数据库's 制定机关 field, and a session number before a government.
    regulation = extracted(
        "名称：宁波市学前教育促进条例\n制定机关：宁波市人大（含常委会）\n公布日期：2017-01-05\n第一条 为了促进学前教育事业发展，制定本条例。\n"
    )
    assert regulation.metadata["issuer"] == "宁波市人民代表大会常务委员会" and "issuer" in regulation.inferred
    rule = extracted("名称：杭州市教育督导规定\n制定机关：杭州市十五届人民政府\n第一条 为了加强教育督导，制定本规定。\n")
    assert rule.metadata["issuer"] == "杭州市人民政府" and "issuer" not in rule.doubtful


def test_a_bare_district_bureau_takes_the_one_district_its_text_names():
    doc = extracted(
        "区教体局2020年工作计划\n一、2020年重点项目\n1.创建全国义务教育优质均衡发展区。\n"
        "2.加快推进庐阳区全民健身中心建设，完善老城区学校布局。\n"
    )
    assert doc.metadata["issuer"] == "庐阳区教育体育局" and doc.metadata["county"] == "庐阳区"
    assert "issuer" in doc.inferred
    items = "".join(f"{n}.推进学校建设第{n}项工作，完善学校布局。\n" for n in range(1, 10))
    two = extracted("区教育局2020年工作计划\n" + items + "10.推进庐阳区、瑶海区学校建设。\n")
    assert two.metadata["county"] is None  # (two districts named deep in the text: neither is certain)
    one = extracted("区教育局2020年工作计划\n" + items + "10.推进庐阳区学校建设。\n")
    assert one.metadata["county"] == "庐阳区"


def test_signers_set_letter_spaced_are_read():
    doc = extracted(
        "关于印发河南省2020年特岗教师招聘办法的通知\n各省辖市教育局、财政局：\n现将招聘办法印发给你们，请认真贯彻执行。\n"
        "河 南 省 教 育 厅 河 南 省 财 政 厅\n河南省人力资源和社会保障厅 中共河南省委机构编制委员会办公室\n2020年7月24日\n"
    )
    assert doc.metadata["issuer"].split() == [
        "河南省教育厅",
        "河南省财政厅",
        "河南省人力资源和社会保障厅",
        "中共河南省委机构编制委员会办公室",
    ]


def test_titles_as_sharing_sites_and_column_pages_print_them():
    # A word count after the title; a type the sharing site names its copy by (范文); a title run into its
    # first section as (一); the organ a column's heading puts before the title.
    counted = extracted("2022年教育工作要点4800字(全文4818字)\n2022年全市教育工作总体要求是：坚持立德树人，全面推进教育强市建设。\n")
    assert counted.metadata["title"] == "2022年教育工作要点" and counted.metadata["doc_type"] == "工作要点"
    shared = extracted("2025年教育工作总结及2025年工作计划范文\n一、存在问题。城乡教师待遇差距问题还没有根本解决。\n")
    assert shared.metadata["title"] == "2025年教育工作总结及2025年工作计划范文" and shared.metadata["doc_type"] == "工作计划"
    run_in = extracted("区教育局202x年工作计划(一)强化政治建设，进一步加强党对教育工作的全面领导。\n一是持续推动学习宣传贯彻走深走实。\n")
    assert run_in.metadata["title"] == "区教育局202x年工作计划" and run_in.metadata["issuer"] == "区教育局"
    column = extracted(
        "省教育厅：2018年全省教育工作情况和2019年工作打算\n一、基本情况\n全省共有普通高中661所，要形成切合安徽实际的宣讲提纲。\n"
    )
    assert column.metadata["title"] == "2018年全省教育工作情况和2019年工作打算" and column.metadata["doc_type"] == "工作打算"
    assert column.metadata["issuer"] == "安徽省教育厅" and "issuer" in column.inferred


def test_a_prefectures_usual_short_form_is_read():
    doc = extracted("克州教育局关于开展校园卫生调研的公告\n各县市教育局：\n现将有关事项公告如下。\n克州教育局\n2022年5月6日\n")
    assert doc.metadata["city"] == "克孜勒苏柯尔克孜自治州"


def test_a_numbered_heading_above_the_articles_is_the_rules_title():
    doc = extracted("教育条例\n1. 福建省义务教育条例\n第一章总则第一条为了保障适龄儿童、少年平等接受义务教育的权利，制定本条例。\n")
    assert doc.metadata["title"] == "福建省义务教育条例" and doc.metadata["doc_type"] == "条例"


def test_a_table_captioned_as_a_disclosure_catalogue_is_titled_by_its_caption():
    doc = extracted(
        "| 香山街道义务教育领域基层政务公开标准目录 | ||||\n| 序号 | 公开事项 |\n| 1 | 招生管理 | ●随迁子女入学办法 | 翔安区教育局 |\n"
    )
    assert doc.metadata["title"] == "香山街道义务教育领域基层政务公开标准目录" and doc.metadata["doc_type"] == "目录"


def test_a_sharing_sites_file_name_and_a_date_of_effect_are_not_part_of_the_title():
    doc = extracted("广州市学校安全管理规定(试行)(2012年4月实施)..docVIP\n第一条 为了加强学校安全管理，保障师生安全，制定本规定。\n")
    assert doc.metadata["title"] == "广州市学校安全管理规定（试行）" and doc.metadata["doc_type"] == "规定"


def test_a_provinces_plan_is_placed_by_the_province_its_text_names():
    doc = extracted("2018年全省教育工作要点\n2018年全省教育工作的总体要求是：落实省委省政府决策部署，办好切合安徽实际的教育。\n")
    assert doc.metadata["province"] == "安徽省" and "province" in doc.inferred
    school = extracted("2020年为民办实事\n1.完成育才小学食堂改造项目，开工建设海南小学食堂。\n")
    assert school.metadata["province"] is None  # (海南 in a school's name, in a text that is no province's)


def test_an_undated_notice_takes_the_year_its_text_speaks_of():
    doc = extracted("关于做好清明节放假期间安全工作的通知\n各学校：\n2010年清明节即将到来，现将有关事项通知如下。一、加强安全教育。\n")
    assert doc.metadata["year"] == 2010 and "year" in doc.inferred
    period = extracted(
        "（2017—2020年）\n2011年以来，我市先后实施了一期、二期学前教育三年行动计划，到2020年，普及学前教育。到2020年基本解决入园难。\n"
    )
    assert period.metadata["year"] == 2017


def test_an_organ_printed_without_its_place_at_the_head_of_a_title_is_the_issuer():
    doc = extracted("县教育局过去五年及2016年工作总结\n一、过去五年工作回顾。学前教育实现了跨越式发展，新建乡镇公办中心幼儿园16所。\n")
    assert doc.metadata["issuer"] == "县教育局"
    levelled = extracted("2019年教育局年度工作总结\n2019年，区教育局紧扣区委、区政府的部署，推进教育优质均衡发展。\n")
    assert levelled.metadata["issuer"] == "区教育局"


def test_a_prefectures_short_form_keeps_its_whole_place_name():
    doc = extracted("黔东南州人民政府办公室关于印发城乡义务教育一体化改革发展实施方案的通知\n各县市人民政府：\n现将方案印发给你们。\n")
    assert doc.metadata["city"] == "黔东南苗族侗族自治州"


def test_a_ticker_before_a_title_and_a_consultation_notice_above_its_draft():
    ticker = extracted("当前滚动：河南省教育厅办公室关于拟支持建设社区教育实验区的公示\n根据有关通知要求，现将拟支持名单予以公示。\n")
    assert ticker.metadata["title"] == "河南省教育厅办公室关于拟支持建设社区教育实验区的公示"
    assert ticker.metadata["issuer"] == "河南省教育厅办公室"
    draft = extracted(
        "山西省司法厅关于对《山西省学校安全条例（草案）》公开征求意见的公告\n为了推动科学立法，现向社会公开征求意见。\n"
        "山西省学校安全条例（草案）\n第一条 为了加强学校安全管理，制定本条例。\n"
    )
    assert draft.metadata["doc_type"] == "公告" and draft.metadata["title"].startswith("山西省司法厅关于对")


def test_a_national_law_is_issued_by_the_national_congress_and_has_no_place():
    doc = extracted(
        "# 中华人民共和国义务教育法\n1986年4月12日 第六届全国人民代表大会第四次会议通过\n"
        "2006年6月29日 第十届全国人民代表大会常务委员会第二十二次会议修订\n## 第一章 总则\n"
        "第一条 为了保障适龄儿童、少年接受义务教育的权利，制定本法。\n第二条 本法在马鞍山市等各地实施。\n"
    )
    assert doc.metadata["doc_type"] == "法" and doc.metadata["issuer"] == "全国人民代表大会"
    assert doc.metadata["province"] is None and not {"province", "city", "issuer"} & set(doc.doubtful)


def test_an_organ_heading_its_titles_subject_and_a_signer_run_on_after_the_last_sentence():
    guide = extracted("鄂城区教育局信息公开指南\n为贯彻落实《中华人民共和国政府信息公开条例》，现编制本指南。\n")
    assert guide.metadata["issuer"] == "鄂城区教育局" and guide.metadata["doc_type"] == "指南"
    signed = extracted(
        "关于公布2020年度常州市优质学校名单的通知\n各辖市（区）教育局：\n"
        "现将名单公布如下。希望各校深化主动发展、提升办学品质。 常州市教育局\n2021年1月5日\n"
    )
    assert signed.metadata["issuer"] == "常州市教育局" and signed.metadata["date_written"] == "2021-01-05"


def test_titles_under_a_breadcrumb_a_headline_or_a_filing_record():
    crumbed = extracted(
        "市教育局>政府信息公开>信息公开制度\n宜兴市教育局信息公开工作制度\n第一条 为了规范本局公开信息送交工作程序，制定本办法。\n"
    )
    assert crumbed.metadata["title"] == "宜兴市教育局信息公开工作制度"
    headline = extracted(
        "「春季学期中」关于开学，吉林省发布最新公告！\n关于切实做好全省2020年春季学期中小学错峰错时开学准备工作的公告\n（第6号）\n"
        "3月19日，省领导小组会议研究决定，各地中小学错峰错时开学。\n"
    )
    assert headline.metadata["title"] == "关于切实做好全省2020年春季学期中小学错峰错时开学准备工作的公告"
    record = extracted(
        "桂机（ ）号共4页关于转发《教育部办公厅关于加强中小学幼儿园安全保卫工作的紧急通知》的通知\n各市教育局：\n现转发给你们。\n"
    )
    assert record.metadata["title"].startswith("关于转发《教育部办公厅")


def test_a_bare_county_bureau_takes_the_county_its_text_names_by_short_name():
    doc = extracted("县教育局2022年工作总结\n一、主要工作。今年全县教育系统坚持立德树人，凤台籍学生在全省比赛中获奖，凤台教育持续发展。\n")
    assert doc.metadata["issuer"] == "凤台县教育局" and doc.metadata["county"] == "凤台县" and "issuer" in doc.inferred
    # A word that is also a county's short name (新建, 平安) is not read as one.
    words = extracted("县教育局2022年工作总结\n一、主要工作。新建学校3所，创建平安校园，平安教育深入人心。\n")
    assert words.metadata["county"] is None
    masked = extracted("县教育局20XX年工作总结\n一、主要工作。XX县教育系统坚持立德树人，凤台籍学生获奖。\n")
    assert masked.metadata["county"] is None


def test_a_wen_hao_printed_without_brackets_before_a_flattened_title():
    doc = extracted(
        "1、滨教函202011号滨州市教育局关于印发滨州市第三期名校长培养工程人选培养方案(2019-2022年)的通知"
        "各县(市、区)教体局，各市属开发区教育管理机构，市直各学校：现将培养方案印发给你们，请遵照执行。\n"
    )
    assert doc.metadata["doc_number"] == "滨教函202011号"
    assert doc.metadata["title"].startswith("滨州市教育局关于印发") and doc.metadata["issuer"] == "滨州市教育局"


def test_a_pages_byline_names_the_organs_that_wrote_it():
    doc = extracted(
        "2023年全省教育工作会议工作报告(摘要)\n作者: 江西省委教育工委 江西省教育厅\n一、2022年工作回顾\n"
        "2022年全省教育系统坚持以习近平新时代中国特色社会主义思想为指导，教育强省建设取得了新进步。\n"
    )
    assert doc.metadata["issuer"] == "江西省委教育工委 江西省教育厅" and doc.metadata["province"] == "江西省"


def test_a_title_read_out_of_a_table_row_leaves_the_row_on_the_page():
    doc = extracted(
        "序号 | 公开事项 | 公开依据 | 公开主体 |\n"
        "1 | 政策文件 | 规范性文件 | 部门和地方政府规章、各类教育政策文件 | 《政府信息公开条例》 | 民众镇教体文旅局 |\n"
        "2 | 教育概况 | 义务教育学校名录 | 《政府信息公开条例》 | 民众镇教体文旅局 |\n"
    )
    assert any("部门和地方政府规章、各类教育政策文件" in p for p in doc.paragraphs)
    assert doc.metadata["title"] is None  # (the row's 《…》 cell is a law it cites, not the page's title)


def test_lessons_of_the_batch_of_unseen_sites_numbered_000():
    # A law site's numbered 【】 fields, the organ under its own name (no province before its city).
    law = extracted(
        "青岛市教育督导条例\n1. 【颁布时间】2023-5-30\n2. 【标题】青岛市教育督导条例\n5. 【颁布单位】山东省青岛市人大常委会\n"
        "第一条 为了加强教育督导，制定本条例。\n"
    )
    assert law.metadata["issuer"] == "青岛市人民代表大会常务委员会" and law.metadata["date_published"] == "2023-05-30"
    # A disclosure table's row is no title; the 标题 field below it is.
    report = extracted(
        "索 引 号 0142581323/2026-00001 分 类 科技、教育/教育 / 报告\n标 题 连云区教育局政府信息公开工作2025年度报告\n"
        "一、总体情况\n2025年，区教育局认真贯彻落实政府信息公开条例。\n"
    )
    assert report.metadata["title"] == "连云区教育局政府信息公开工作2025年度报告" and report.metadata["year"] == 2025
    # A title run into a body that opens with its year; kinds a sharing site and a recruiter print.
    run_in = extracted("市教育局2022年工作总结和2023年工作计划2022年，我局认真贯彻落实全国和省、市教育大会精神，全面落实市委市政府部署。\n")
    assert run_in.metadata["title"] == "市教育局2022年工作总结和2023年工作计划"
    assert extracted("梧州市2023年公开招聘中小学教师简章\n一、招聘计划。\n").metadata["doc_type"] == "简章"
    # A 文号 cited in a sentence of the title line is not the document's.
    cited = extracted("河南省人民政府办公厅关于贯彻落实国办发〔2016〕37号文件精神加快教育发展的实施意见\n各市人民政府：\n")
    assert cited.metadata["doc_number"] is None


def test_the_line_a_pages_information_bar_stands_under_is_its_title():
    doc = extracted(
        "您的位置: 首页教育专题 > 规范办学行为\n市教育局开展2021年度义务教育阶段民办学校年检工作\n"
        "时间:2022-04-20来源:鞍山市教育局作者: 点击:\n为进一步加强和规范我市民办学校管理，促进和扶持民办教育事业健康发展，开展年检。\n"
    )
    assert doc.metadata["title"] == "市教育局开展2021年度义务教育阶段民办学校年检工作"
    bare = extracted("首页 公告公示\n说 明\n根据有关规定，现将2023年度招生工作有关事项说明如下。\n")
    assert bare.metadata["title"] == "说明" and bare.metadata["doc_type"] == "说明"


def test_a_templates_masked_organ_is_kept_as_printed():
    doc = extracted("XX区教育局2024年工作计划\n一、指导思想。坚持立德树人，推进XX区教育优质均衡发展。\n")
    assert doc.metadata["issuer"] == "XX区教育局" and doc.metadata["province"] is None


def test_a_levelless_bureau_takes_the_one_county_its_text_names():
    doc = extracted("教育局2019年政府信息公开工作年度报告\n一、总体情况\n全年通过东丽区政府信息公开平台主动公开信息120条。\n")
    assert doc.metadata["issuer"] == "东丽区教育局" and doc.metadata["county"] == "东丽区"


def test_a_local_regulation_that_prints_no_adoption_line_is_its_standing_committees_inferred():
    doc = extracted("包头市义务教育条例(2015修订)\n第一章 总则\n第一条 为了保障适龄儿童少年接受义务教育的权利，制定本条例。\n")
    assert doc.metadata["issuer"] == "包头市人民代表大会常务委员会" and "issuer" in doc.inferred
    measures = extracted(
        "上海市实施《中华人民共和国义务教育法》办法\n第一条 根据《中华人民共和国义务教育法》，结合本市实际，制定本办法。\n"
    )
    assert measures.metadata["issuer"] == "上海市人民代表大会常务委员会"
    autonomy = extracted("玉树藏族自治州自治条例\n第一条 根据宪法和民族区域自治法，制定本条例。\n")
    assert autonomy.metadata["issuer"] == "玉树藏族自治州人民代表大会"
    draft = extracted("湖北省家庭教育促进条例（草案）\n第一条 为了促进家庭教育，制定本条例。\n")
    assert draft.metadata["issuer"] is None  # (a draft is its drafting organ's, which the text does not name)


def test_a_provincial_doc_number_names_its_organ_when_the_place_agrees():
    doc = extracted(
        "粤府〔2004〕4号\n关于贯彻落实国务院进一步加强农村教育工作决定的意见\n各地级以上市人民政府：\n为加快我省农村教育发展，结合广东实际提出如下意见。\n"
    )
    assert doc.metadata["issuer"] == "广东省人民政府" and "issuer" in doc.inferred
    # 宁政发 is also Nanjing's prefix: a text placed in 江苏 is not given 宁夏's government.
    other = extracted(
        "宁政发〔2019〕12号\n关于加快发展学前教育的意见\n各区人民政府：\n为加快我市学前教育发展，结合江苏省和南京实际提出如下意见。\n"
    )
    assert other.metadata["issuer"] != "宁夏回族自治区人民政府"


def test_a_pages_lead_names_the_document_it_goes_on_to_print():
    news = extracted(
        "为巩固免试就近入学改革成果，大连市教育局发布了关于做好中小学招生入学工作的通知，明确了入学条件。\n"
        "各区市县教育局，各有关学校：\n现就做好我市中小学招生入学工作通知如下。\n"
    )
    assert news.metadata["title"] == "关于做好中小学招生入学工作的通知" and "title" in news.inferred
    assert news.metadata["issuer"] == "大连市教育局"
    journal = extracted(
        "1月22日，中共云南省委高校工委、云南省教育厅向全省教育系统发出《关于印发2017年工作要点的通知》"
        "（云高工办〔2017〕1号）。本刊特予全文转载该《工作要点》。\n总体要求：全面贯彻落实党的十九大精神。\n"
    )
    assert journal.metadata["title"] == "关于印发2017年工作要点的通知"
    assert journal.metadata["issuer"] == "中共云南省委高校工委 云南省教育厅"
    # A sentence that cites another document, with the page's own text after it, names no title.
    cited = extracted("市教育局印发了《关于加强课后服务的意见》，各校认真落实。\n一、课后服务覆盖全部学校。\n")
    assert cited.metadata["title"] != "关于加强课后服务的意见"


def test_a_rules_title_run_into_its_first_article():
    doc = extracted(
        "1、中小学校学生伤害事故处理条例第一章总则第一条 为预防和处理中小学校学生伤害事故，保护学生和学校的合法权益，制定本条例。第二条 本条例适用于本市中小学校。\n"
    )
    assert doc.metadata["title"] == "中小学校学生伤害事故处理条例" and doc.metadata["doc_type"] == "条例"


def test_the_organ_a_public_notice_asks_to_hear_objections_is_its_inferred_issuer():
    doc = extracted(
        "黄石市中小学德育工作创新案例评选结果公示\n根据有关通知，市教育局组织专家进行了评审，现予以公示。\n"
        "公示期间，若对评选结果有异议，可通过来电、来信等方式向市教育局反映。\n2021年12月8日\n"
    )
    assert doc.metadata["issuer"] == "黄石市教育局" and "issuer" in doc.inferred
    section = extracted("拟认定普惠性幼儿园名单公示\n现将名单公示如下。\n公示期间，如有异议，请向郫都区学前教育中心电话反映。\n")
    assert section.metadata["issuer"] is None  # (a centre that hears objections is not taken for the publisher)


def test_a_pages_headline_above_the_documents_own_title_of_the_same_kind():
    doc = extracted(
        "2023年广西梧州市招聘352名中小学（幼儿园）教师简章\n梧州市2023年面向社会公开考试招聘中小学（幼儿园）教师简章\n"
        "为及时补充我市中小学校（幼儿园）教师，加快教师队伍建设的步伐，根据《广西壮族自治区事业单位公开招聘人员实施办法》和有关规定，"
        "经研究决定，2023年面向社会公开考试招聘中小学（幼儿园）教师352名，请符合条件的人员按时报名，现将有关事项公告如下。\n一、招聘原则\n"
    )
    assert doc.metadata["title"] == "梧州市2023年面向社会公开考试招聘中小学（幼儿园）教师简章"
    shortened = extracted(
        "岳阳楼区教育局2023年政府信息公开年度报告\n岳阳楼区教育2023年政府信息公开年度报告\n"
        "2023年，在区委、区政府的悉心指导下，我局深入贯彻落实政府信息公开条例，全面推进政务公开工作，取得了新的成效。\n一、总体情况\n"
    )
    assert shortened.metadata["title"] == "岳阳楼区教育局2023年政府信息公开年度报告"


def test_a_provincial_doc_number_names_its_organ_for_a_text_that_speaks_as_a_province():
    doc = extracted("甘政发〔2012〕120号\n各市、自治州人民政府，省政府各部门：\n为推进义务教育均衡发展，现提出如下意见。\n")
    assert doc.metadata["issuer"] == "甘肃省人民政府" and doc.metadata["province"] == "甘肃省"
    city = extracted("内府发〔2012〕12号\n各区县人民政府，市政府各部门：\n为推进全市义务教育均衡发展，现提出如下意见。\n")
    assert city.metadata["issuer"] is None  # (内江's 文号 opens with 内 too: a city's text is not the province's)


def test_organs_printed_one_a_line_above_the_doc_number_are_the_issuers():
    doc = extracted(
        "盐城教师联盟\n盐城市人事局\n盐城市教育局\n盐人通〔2008〕175号\n关于评选全市支持教育工作先进集体和先进个人的通知\n"
        "各县（市、区）人事局、教育局：\n为进一步动员社会各界关心教育，决定开展评选活动。\n"
    )
    assert doc.metadata["issuer"] == "盐城市人事局 盐城市教育局"


def test_a_lead_that_ends_with_its_verb_above_the_title_names_the_issuer():
    doc = extracted(
        "刚刚，十堰市教育局发布\n关于十堰市2022年\n中小学放寒假的通知\n各县市区教育局：\n现将2022年中小学放寒假有关事项通知如下。\n"
    )
    assert doc.metadata["title"] == "关于十堰市2022年中小学放寒假的通知"
    assert doc.metadata["issuer"] == "十堰市教育局"


def test_a_citys_doc_number_names_its_bureau_for_the_city_the_title_names():
    doc = extracted(
        "关于表彰2021年宝鸡市中小学德育工作先进集体和先进个人的通报\n宝市教发〔2021〕171号\n各县区教体局，局直各中小学：\n"
        "为进一步加强中小学德育工作，决定对先进集体和先进个人予以表彰。\n"
    )
    assert doc.metadata["issuer"] == "宝鸡市教育局" and "issuer" in doc.inferred


def test_a_news_items_lead_names_the_organ_of_the_document_it_reports():
    doc = extracted(
        "2月12日，福州市教育局官网发布关于仓山区实验中学组织学生寒假集体补课有关情况的通报。\n"
        "根据群众投诉举报线索，福州市教育局组织工作人员对仓山区部分学校规范办学情况开展实地核查。\n"
    )
    assert doc.metadata["issuer"] == "福州市教育局" and "issuer" in doc.inferred
    assert doc.metadata["county"] is None  # (the schools' district is not the bureau's place)


def test_a_titles_edition_year_and_a_font_widget_before_the_doc_number():
    catalogue = extracted(
        "上海市崇明区教育局政府公开标准化目录（2024）\n类别 | 公开事项 | 公开内容 |\n综合政务 | 政府信息公开 | 年度报告 |\n"
    )
    assert catalogue.metadata["year"] == 2024
    widget = extracted(
        "关于印发《关于严肃中等职业学校招生纪律的七项规定》的通知\n【大：中：小】 桂教职成〔2009〕38号\n各市教育局：\n现将规定印发给你们，请遵照执行。\n"
    )
    assert widget.metadata["doc_number"] == "桂教职成〔2009〕38号"


def test_a_news_columns_name_before_a_headline_over_a_bare_dated_source_bar():
    doc = extracted(
        "关注丨秀山县中小学（幼儿园）2024年秋季学期延迟开学\n2024-08-28 19:27:51 来源： 秀山教育 听新闻\n各中小学、幼儿园：\n"
        "因持续晴热高温天气，为保障师生安全，秋季开学时间调整至9月9日。\n"
    )
    assert doc.metadata["title"] == "秀山县中小学（幼儿园）2024年秋季学期延迟开学"
    assert doc.metadata["date_published"] == "2024-08-28"


def test_a_provincial_doc_number_agrees_with_the_places_its_addressees_name():
    doc = extracted(
        "发布文号: 新政发[2003]37号\n伊犁哈萨克自治州，各州、市、县（市）人民政府，各行政公署，自治区人民政府各部门、各直属机构：\n"
        "为促进我区民族教育事业的改革与发展，结合我区实际，制定如下意见。\n"
    )
    assert doc.metadata["issuer"] == "新疆维吾尔自治区人民政府" and doc.metadata["city"] is None


def test_a_bureau_the_text_keeps_naming_is_the_inferred_issuer_where_nothing_states_one():
    doc = extracted(
        "近日，乌海市教育局召开会议，部署2022年教育重点工作。\n会议指出，乌海市教育局将围绕立德树人根本任务推进教育改革。\n"
        "各区教育局要抓好落实。\n"
    )
    assert doc.metadata["issuer"] == "乌海市教育局" and "issuer" in doc.inferred
    once = extracted("近日召开了全市教育工作会议。会议由乌海市教育局主持，海勃湾区教育局作了交流发言。\n")
    assert once.metadata["issuer"] is None  # (named once each: no bureau stands out)


def test_a_date_standing_alone_after_the_last_sentence_of_a_flattened_line():
    doc = extracted(
        "关于督促整改的通知\n各县市区教育局：\n经督导评估，部分学校被认定为基本合格等次。请你室迅速督促学校按照办学标准进行整改，"
        "争取与2009年创建的合格学校一并接受省级督导评估。 二OO九年九月三日 抄送：衡阳市人民政府\n"
    )
    assert doc.metadata["date_written"] == "2009-09-03"


def test_a_development_zones_bureau_is_placed_in_its_city():
    doc = extracted(
        "长春净月高新技术产业开发区教育局2025年政府信息公开工作年度报告\n一、总体情况\n2025年，我局认真贯彻政府信息公开条例。\n"
    )
    assert (doc.metadata["province"], doc.metadata["city"], doc.metadata["county"]) == ("吉林省", "长春市", "长春净月高新技术产业开发区")


def test_an_organ_printed_with_its_places_short_name_is_completed():
    doc = extracted("【制定机关】宁波人大常委会\n宁波市职业教育校企合作促进条例\n第一条 为了促进职业教育校企合作，制定本条例。\n")
    assert doc.metadata["issuer"] == "宁波市人民代表大会常务委员会" and doc.metadata["city"] == "宁波市"


def test_news_headlines_a_page_prints_in_its_own_ways():
    bar = extracted(
        "州教体局召开2023年工作部署会\n州教体局召开2023年工作部署会\n来源： 发布时间：2023-01-29 字体大小：\n"
        "本网讯 1月29日，州教体局召开2023年工作部署会，局班子成员就分管工作进行了全面部署。\n"
    )
    assert bar.metadata["title"] == "州教体局召开2023年工作部署会" and bar.metadata["date_published"] == "2023-01-29"
    repeated = extracted(
        "我县召开2009—2010学年教育工作总结表彰大会-今日房县网-- 房县门户\n新闻热线\n我县召开2009—2010学年教育工作总结表彰大会\n"
        "11日，2009—2010学年教育工作总结表彰大会在县实验小学召开，会议对上一学年全县教育教学工作进行了总结。\n"
    )
    assert repeated.metadata["title"] == "我县召开2009—2010学年教育工作总结表彰大会"
    catalogue = extracted(
        "关于加强中小学生校服管理工作的通知\n索取号：AA4304002-2015-025 发布日期：2015-12-25字体 [ ]\n为加强校服管理，现通知如下。\n"
    )
    assert catalogue.metadata["date_published"] == "2015-12-25"


def test_a_page_titles_site_name_after_an_underscore_is_not_the_titles():
    from policy_archive.extract.title_lines import unwrap_title

    assert unwrap_title("鲁山县召开2023年教育体育工作会议_风闻")[0] == "鲁山县召开2023年教育体育工作会议"


def test_a_bracketed_date_under_the_title_and_a_formal_entry_into_force():
    opinion = extracted(
        "中共江西省委 江西省人民政府关于全面深化新时代教师队伍建设改革的实施意见\n（2018年8月7日）\n"
        "为深入贯彻全国教育大会精神，造就高素质专业化创新型教师队伍，现提出如下实施意见。\n一、总体原则\n"
    )
    assert opinion.metadata["date_written"] == "2018-08-07"
    rule = extracted(
        "山东省学校安全条例\n（2018年11月30日山东省第十三届人民代表大会常务委员会第七次会议通过，2019年1月1日起正式实施）\n"
        "第一条 为了加强学校安全管理，制定本条例。\n"
    )
    assert rule.metadata["date_effective"] == "2019-01-01"


def test_an_item_number_before_a_title_a_reply_letter_and_a_cited_marks_organ():
    from policy_archive.extract.title_lines import unwrap_title

    assert unwrap_title("（三）义务教育领域基层政务公开标准目录")[0] == "义务教育领域基层政务公开标准目录"
    reply = extracted("宁波市物价局关于幼儿园保育教育费标准的复函\n甬价费〔2012〕10号\n市教育局：\n你局来函收悉，现复函如下。\n")
    assert reply.metadata["doc_type"] == "复函"
    from policy_archive.extract.organs import organ_names

    assert organ_names("《舟山市普陀区发展和改革局")[0] == "舟山市普陀区发展和改革局"


def test_a_placeless_report_speaks_for_its_organ_as_printed():
    doc = extracted(
        "一、总体情况\n2022年，市教育局在市委、市政府的领导下，根据政府信息公开条例等文件要求，加大主动公开力度，"
        "不断完善公开机制，现将2022年市教育局政府信息公开工作情况报告如下：\n二、主动公开政府信息情况\n"
    )
    assert doc.metadata["issuer"] == "市教育局" and "issuer" in doc.doubtful


def test_a_bar_naming_two_sources_a_spaced_urgent_notice_and_a_database_spelling():
    bar = extracted(
        "渠县教育局2023年法治政府建设工作报告\n来源:中共渠县教育局委员会 渠县教育局       发布日期:2024-01-23     点击数: 人次\n"
        "2023年，渠县教育局深入贯彻习近平法治思想，推进依法治教。\n"
    )
    assert bar.metadata["date_published"] == "2024-01-23" and len(bar.paragraphs) == 2
    urgent = extracted("紧 急 通 知\n全县各中小学校、幼儿园：\n根据疫情防控要求，现就我县中小学放假有关事项通知如下。\n")
    assert urgent.metadata["title"] == "紧急通知" and urgent.metadata["doc_type"] == "通知"
    from policy_archive.extract.organs import organ_names

    assert organ_names("山东省人大及其常委会") == ("山东省人民代表大会常务委员会", True)
