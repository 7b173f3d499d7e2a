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


def test_a_term_inside_an_organs_name_is_no_topic():
    doc = extracted(
        "某市教育局关于做好学校食堂食品安全工作的通知\n一、落实食品安全责任\n1.会同市经济和信息化局、市场监管局检查学校食堂食品安全。\n"
        "二、开展食品安全检查\n2.经济和信息化局配合开展食品安全检查，排查安全隐患。"
    )
    assert doc.metadata["topics"] == ["校园安全"]
    assert "教育信息化" not in doc.topic_sections  # (信息化 stands only inside 经济和信息化局)


def test_a_term_broken_by_a_space_between_characters_is_read():
    doc = extracted(
        "某县教育局关于做好2021年有关工作的通知\n一、加快建设步伐\n1.推进教育信 息化，建设智慧 校园。\n"
        "二、提升应用水平\n2.推进教育信 息化应用，开展智慧 校园评比。"
    )
    assert doc.metadata["topics"] == ["教育信息化"]  # (教育信 息化: a PDF's line broken inside the word)


def test_the_opening_before_the_first_heading_gives_no_topic():
    opening = (
        "全市教育工作以习近平新时代中国特色社会主义思想为指导，落实立德树人根本任务，坚持立德树人，以立德树人为根本。\n"
        "主要目标是：教育质量稳步提升，人民群众满意度不断提高。"
    )
    body = "\n".join(
        f"{n}、推进学前教育普惠发展\n{i}.扩大普惠性幼儿园资源，新建公办幼儿园{i}所，提高幼儿园保教质量和办园水平，落实学前教育经费，"
        "加强幼儿园园长和保育员培训，规范民办幼儿园收费。"
        for i, n in enumerate("一二三四", 1)
    )
    doc = extracted(f"某市教育局2020年工作要点\n{opening}\n{body}")
    assert "学前教育" in doc.metadata["topics"]
    assert "德育与思政" not in doc.metadata["topics"]
    assert "德育与思政" in doc.topic_sections  # (the mention stays for the cross-reference table)


def test_a_notice_whose_body_stands_before_its_one_heading_keeps_it():
    doc = extracted(
        "某区教育局关于普惠性民办幼儿园认定结果的公示\n"
        "根据普惠性民办幼儿园认定办法，经幼儿园申报、实地核查，拟认定以下幼儿园为普惠性民办幼儿园：阳光幼儿园、育才幼儿园、"
        "启明幼儿园、星星幼儿园。普惠性民办幼儿园享受生均补助，收费执行普惠性幼儿园收费标准。\n"
        "三、公示时间\n公示期为5个工作日。"
    )
    assert doc.metadata["topics"][:1] == ["学前教育"]
    assert "民办教育" in doc.metadata["topics"]


def test_a_regulations_chapter_is_weighed_against_the_body_not_the_title():
    kindergarten = "幼儿园应当提高保教质量，学前教育机构应当科学保教，幼儿园办园应当规范。"
    chapters = [
        ("第一章 总则", "第一条 为了发展学前教育，规范幼儿园办园行为，制定本条例。"),
        ("第二章 幼儿园", f"第二条 {kindergarten}第三条 {kindergarten}"),
        ("第三章 保育教育", f"第四条 {kindergarten}第五条 {kindergarten}"),
        ("第四章 管理", f"第六条 {kindergarten}第七条 {kindergarten}"),
        ("第五章 保障", "第八条 各级人民政府应当保障学前教育经费，经费专款专用。"),
        ("第六章 附则", "第九条 本条例自公布之日起施行。"),
    ]
    body = "\n".join(f"{heading}\n{text}" for heading, text in chapters)
    doc = extracted(f"某市学前教育条例\n{body}")
    assert doc.metadata["topics"] == ["学前教育", "经费与资源配置"]


def test_a_headline_term_names_a_topic_in_a_heading_only():
    with_heading = extracted(
        "某县教育局2021年工作要点\n一、守牢安全底线\n1.落实责任制，开展隐患排查。\n二、筑牢安全防线\n2.完善人防物防技防措施。"
    )
    assert with_heading.metadata["topics"] == ["校园安全"]
    in_passing = extracted(
        "某县教育局2021年工作要点\n一、推进义务教育均衡\n1.推进义务教育优质均衡发展，确保安全有序。\n二、办好农村学校\n2.办好每所小学和初中，保障安全。"
    )
    assert in_passing.metadata["topics"] == ["义务教育"]


def test_the_kinds_of_school_a_regulation_applies_to_are_its_scope_not_its_topic():
    doc = extracted(
        "某市学校安全管理条例\n第一条 为了加强学校安全管理，制定本条例。\n"
        "第二条 本市行政区域内普通中小学校、中等职业学校（以下简称学校）的安全管理，适用本条例。\n"
        "第三条 学校应当落实安全管理责任，排查安全隐患。\n第四条 学校应当开展安全教育和应急演练。\n"
        "第五条 中等职业学校的主管部门负责所属学校的安全管理工作。\n第六条 本条例自公布之日起施行。"
    )
    assert doc.metadata["topics"] == ["校园安全"]
    assert "职业教育" in doc.topic_sections  # (the mentions stay for the cross-reference table)


def test_a_regulations_chapter_on_teachers_names_the_topic():
    duty = "学校应当规范办学，保障学生权益，提高义务教育质量，落实义务教育课程方案。"
    chapters = [
        ("第一章 总则", "第一条 为了实施义务教育，制定本条例。"),
        ("第二章 学校", f"第二条 {duty}第三条 {duty}第四条 {duty}"),
        ("第三章 教育教学", f"第五条 {duty}第六条 {duty}第七条 {duty}"),
        ("第四章 教师", "第八条 学校应当按照编制标准配备人员，保障其工资待遇。"),
        ("第五章 附则", "第九条 本条例自公布之日起施行。"),
    ]
    body = "\n".join(f"{heading}\n{text}" for heading, text in chapters)
    doc = extracted(f"某市义务教育条例\n{body}")
    assert doc.metadata["topics"] == ["义务教育", "教师队伍与师德"]


def test_a_page_without_a_title_is_about_the_notice_its_opening_carries_out():
    doc = extracted(
        "根据《市教育局关于开展中小学德育工作创新案例评选的通知》，市教育局组织专家对各校推荐的案例进行了评审，"
        "评出一等奖7篇、二等奖13篇。现将评选结果予以公示。\n公示时间：2021年12月8日至12月14日。\n某市教育局\n2021年12月8日"
    )
    assert doc.metadata["title"] is None
    assert doc.metadata["topics"] == ["德育与思政"]


def test_a_cited_law_at_a_pages_opening_is_no_topic():
    doc = extracted(
        "依据《中华人民共和国义务教育法》，市教育局组织专家对各校推荐的案例进行了评审，评出一等奖7篇、二等奖13篇。"
        "现将评选结果予以公示。\n公示时间：2021年12月8日至12月14日。\n某市教育局\n2021年12月8日"
    )
    assert doc.metadata["topics"] == []


def test_a_bureaus_disclosure_rules_are_about_governance_a_passing_mention_is_not():
    rules = extracted(
        "某县教育局政府信息公开工作制度\n第一条 为规范本局政府信息公开工作，制定本制度。\n第二条 办公室负责信息公开的日常工作。\n"
        "第三条 主动公开的信息在十个工作日内公开。\n第四条 本制度自印发之日起施行。"
    )
    assert rules.metadata["topics"] == ["教育改革与治理"]
    plan = extracted(
        "某县教育局2021年学前教育工作要点\n一、扩大普惠资源\n1.新建公办幼儿园三所，做好信息公开。\n二、提高保教质量\n2.提高幼儿园保教质量。"
    )
    assert plan.metadata["topics"] == ["学前教育"]


def test_a_list_of_schools_by_name_is_no_stage_of_education():
    doc = extracted(
        "某县教育局关于表彰2020年度教学质量评估优秀学校的决定\n"
        "各学校：\n经评估，决定对以下学校予以表彰：城东小学、实验小学、塔山小学、阜山中学、城关幼儿园。\n"
        "希望受表彰的学校再接再厉，进一步提高教学质量评估水平。\n某县教育局\n2021年1月5日"
    )
    assert doc.metadata["topics"] == ["督导与评价"]
    assert "义务教育" in doc.topic_sections  # (the names stay in the cross-reference table)


def test_an_evaluation_names_the_topic_in_a_title_not_in_running_text():
    body = "一、扩大普惠资源\n1.新建公办幼儿园三所，建设前开展风险评估。\n二、提高保教质量\n2.提高幼儿园保教质量，经评估后实施。"
    assert extracted(f"某县教育局2021年学前教育工作要点\n{body}").metadata["topics"] == ["学前教育"]
    report = extracted(f"某县教育局关于2021年幼儿园办园质量评估结果的通报\n{body}")
    assert report.metadata["topics"] == ["学前教育", "督导与评价"]


def test_a_sentence_saying_what_the_document_contains_names_its_topics():
    doc = extracted(
        "某市人民政府关于印发《某市教育强市建设实施意见》的通知\n各县（市、区）人民政府：\n"
        "现将《某市教育强市建设实施意见》印发给你们，请认真贯彻执行。\n"
        "主要任务是：稳步发展基础教育；大力发展职业教育；加快教育信息化建设。\n"
        "各地要加强领导，推进教育信息化，建设智慧校园，推进教育信息化应用。"
    )
    assert doc.metadata["topics"] == ["职业教育", "教育信息化"]


def test_kindergartens_in_brackets_after_the_schools_are_no_topic():
    doc = extracted(
        "某县中小学（幼儿园）2024年秋季学期延迟开学的通知\n各中小学（幼儿园）：\n"
        "因持续高温天气，为保障师生生命安全，全县中小学（幼儿园）开学时间调整至9月9日。\n"
        "各学校要做好开学准备，强化安全教育，确保平安开学。"
    )
    assert doc.metadata["topics"] == ["校园安全"]


def test_a_list_of_kinds_of_school_of_several_stages_is_no_topic():
    doc = extracted(
        "某市教育局关于做好2022年寒假工作的通知\n"
        "全市小学、初中定于1月22日放寒假，高中、中职学校定于1月24日放寒假，幼儿园参照执行。\n"
        "各中小学、幼儿园要开展假期安全教育，做好防溺水、交通安全和消防安全工作，排查安全隐患。\n"
        "招聘计划：初中18名、小学122名、幼儿园40名。"
    )
    assert doc.metadata["topics"] == ["校园安全"]
    assert "学前教育" in doc.topic_sections  # (the mentions stay for the cross-reference table)


def test_stages_of_education_a_plan_treats_in_clauses_of_their_own_stay_topics():
    doc = extracted(
        "某县2021年教育工作要点\n"
        "推进学前教育普及普惠，新建公办幼儿园三所，提高幼儿园保教质量；推动义务教育优质均衡发展，消除大班额，推进小学、初中标准化建设。\n"
        "扩大学前教育资源，办好乡镇中心幼儿园。义务教育阶段落实划片招生、就近入学。"
    )
    assert doc.metadata["topics"] == ["学前教育", "义务教育"]


def test_a_report_of_a_work_meeting_is_about_what_the_meeting_is_named_for():
    body = (
        "会议指出，要推进学前教育普及普惠，新建幼儿园五所；推动义务教育优质均衡发展，消除大班额；"
        "加强师德师风建设，开展教师培训；强化校园安全，开展防溺水安全教育。\n"
        "会议强调，要加强党建引领，落实全面从严治党，推进党风廉政建设。"
    )
    general = extracted(f"某县召开2023年教育工作会议\n2月3日，某县召开2023年全县教育工作会议，总结2022年工作，部署2023年任务。\n{body}")
    assert general.metadata["topics"] == []
    assert "学前教育" in general.topic_sections
    named = extracted(f"某县部署防溺水工作\n5月8日上午，某县召开全县中小学防溺水工作推进会，部署暑期安全工作。\n{body}")
    assert named.metadata["topics"] == ["校园安全"]


def test_a_yearly_report_on_governing_by_law_is_about_governance_a_disclosure_report_has_no_topic():
    body = (
        "一、推进法治政府建设的主要举措\n1.健全依法行政制度体系，推进依法治校，加强法治建设。\n"
        "二、存在的不足\n2.依法行政能力有待提高，法治政府建设仍需加强，依法治校示范校创建不足。"
    )
    law = extracted(f"某县教育局2023年法治政府建设年度报告\n{body}")
    assert law.metadata["doc_type"] == "年度报告"
    assert law.metadata["topics"] == ["教育改革与治理"]
    disclosure = extracted(f"某县教育局2023年政府信息公开工作年度报告\n{body}")
    assert disclosure.metadata["doc_type"] == "年度报告"
    assert disclosure.metadata["topics"] == []


def test_a_schools_fees_are_funding():
    doc = extracted(
        "某区发展和改革局 某区教育局关于调整公办幼儿园保教费收费标准的通知\n各公办幼儿园：\n"
        "一、调整保教费收费标准\n1.公办幼儿园保教费收费标准调整为每生每月600元。\n"
        "二、规范收费管理\n2.幼儿园应公示保教费收费标准，不得另行收取服务费。"
    )
    assert doc.metadata["topics"] == ["学前教育", "经费与资源配置"]


def test_a_title_on_protecting_minors_names_home_school_cooperation_and_safety_not_the_committees_name():
    body = (
        "第一章 总则\n第一条 为了保护未成年人身心健康，保障未成年人合法权益，制定本条例。\n第二条 本省行政区域内未成年人的保护适用本条例。"
    )
    regulation = extracted(f"某省未成年人保护条例\n{body}")
    assert regulation.metadata["topics"] == ["校园安全", "家校社协同"]
    notice = extracted(
        "某市教育委员会 某市未成年人保护委员会办公室关于开展2016年中小学生读书活动的通知\n"
        "各区教育局：\n为促进中小学生养成良好阅读习惯，以阅读引领思想道德建设，开展读书活动。\n活动以爱国主义教育为主题，开展征文。"
    )
    assert "家校社协同" not in notice.metadata["topics"]


def test_the_opening_of_a_notice_whose_headings_are_procedural_is_its_body():
    doc = extracted(
        "陕西省教育厅关于拟认定县域义务教育优质均衡发展县的公示\n"
        "根据有关文件精神，经某县自主申报、市政府教育督导机构复核，省教育厅拟对某县申报义务教育优质均衡发展县组织省级督导评估，"
        "现予以公示。\n一、公示时间：2025年10月23日至27日。\n二、联系方式：联系人罗老师，联系电话029-88668860，"
        "公示期间如有异议请以书面形式反映，单位反映情况的请出具正式公函并加盖公章，个人反映情况的请提供姓名和联系方式。"
    )
    assert doc.metadata["topics"] == ["义务教育", "督导与评价"]
