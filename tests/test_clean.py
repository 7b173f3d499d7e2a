from helpers import cleaned
from policy_archive.clean import drop_duplicate_paragraphs, normalise_line
from policy_archive.page_fields import parse_disclosure_row
from policy_archive.script import remove_pinyin, to_simplified


def test_ascii_punctuation_in_chinese_becomes_full_width():
    assert normalise_line("根据生源变化情况,完成规划:一是(试行);二是?") == "根据生源变化情况，完成规划：一是（试行）；二是？"


def test_digits_keep_their_ascii_marks():
    assert normalise_line("面积6,650平方米,时间14:27") == "面积6,650平方米，时间14:27"


def test_percent_then_comma_is_full_width():
    assert normalise_line("增加20%,并用三年") == "增加20%，并用三年"


def test_urls_keep_ascii_punctuation():
    assert normalise_line("详见:http://example.gov.cn/a,b?x=1") == "详见：http://example.gov.cn/a,b?x=1"


def test_full_width_spaces_and_indentation_normalised():
    # Runs of spaces become one; a space between Chinese words stays (it separates joint signers).
    assert normalise_line("\u3000\u3000一、 总体\u3000\u3000要求  Policy  text ") == "一、 总体 要求 Policy text"


def test_pinyin_glued_after_characters_removed_real_parentheses_kept():
    text, removed = remove_pinyin("區(qū)文教體局工作意見(jiàn)，時(shí)間(2022年)和(试行)及(ABC)")
    assert text == "區文教體局工作意見，時間(2022年)和(试行)及(ABC)"
    assert removed == 3


def test_lone_toneless_latin_is_not_taken_for_pinyin():
    text, removed = remove_pinyin("推进STEAM教育(a)项目")
    assert text == "推进STEAM教育(a)项目" and removed == 0


def test_traditional_converted_simplified_untouched():
    assert to_simplified("區文教體局工作意見，學前教育發展") == ("区文教体局工作意见，学前教育发展", "hant")
    assert to_simplified("著名学者乾坤后来") == ("著名学者乾坤后来", "hans")


def test_disclosure_row_parsed_into_fields():
    assert parse_disclosure_row("索 引 号 | 11370800004311076F/2023-01985 | 公开方式 | 主动公开 |") == [
        ("index_number", "11370800004311076F/2023-01985"),
        ("disclosure", "主动公开"),
    ]
    assert parse_disclosure_row("成文日期 | 2023-03-30 | 失效日期 | |") == [("date_written", "2023-03-30"), ("date_expired", "")]
    assert parse_disclosure_row("项目 | 金额 |") is None


def test_web_page_noise_removed_and_page_info_kept_as_evidence():
    doc = cleaned(
        "首页\n>专题>教育政策法规\n2019年全市教育工作要点\n时间:2021年04月15日 14:27 来源:荣成市人民政府 浏览次数:\n一、总体要求\n1.加强学前教育。\n 打印本页 关闭本页  返回顶部\n上一篇 :\n手机扫一扫\n中国教育信息订阅号二维码"
    )
    assert doc.paragraphs == ("2019年全市教育工作要点", "一、总体要求", "1.加强学前教育。")
    assert doc.source.site == "荣成市人民政府"
    assert doc.source.page_date == "2021年04月15日"


def test_noise_words_inside_a_sentence_are_policy_text():
    doc = cleaned("一、工作\n1.推广扫一扫缴费，二维码进校园。")
    assert doc.paragraphs[-1] == "1.推广扫一扫缴费，二维码进校园。"


def test_bracket_fields_become_evidence_not_text():
    doc = cleaned("吉林市教育局2008年工作要点\n【颁发部门】 吉林市教育局\n【发文字号】 吉市教发[2008]1号\n【效力属性】 有效\n正文。")
    assert doc.paragraphs == ("吉林市教育局2008年工作要点", "正文。")
    assert ("issuer", "吉林市教育局") in doc.evidence and ("doc_number", "吉市教发[2008]1号") in doc.evidence


def test_repost_disclaimer_removed_and_marks_repost():
    doc = cleaned(
        "区文教体局工作意见\n时间:2022-09-08 08:27:51\n导语:区文教体局工作意见一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。\n一、指导思想"
    )
    assert doc.paragraphs == ("区文教体局工作意见", "一、指导思想")
    assert doc.source.reposted and doc.source.page_date == "2022-09-08"


def test_teaser_dropped_only_when_body_holds_it():
    body = "一、总体\n5.均衡配置城乡教育资源。加强信息化建设。"
    assert cleaned("摘要\n5 均衡配置城乡教育资源。加强信息...\n" + body).paragraphs == (
        "一、总体",
        "5.均衡配置城乡教育资源。加强信息化建设。",
    )
    kept = cleaned("摘要\n本段话不在正文之中的独有内容...\n" + body)
    assert kept.paragraphs[0] == "本段话不在正文之中的独有内容..."
    assert kept.warnings


def test_trailing_attachment_file_name_removed():
    doc = cleaned("通知正文。\n济教字〔2023〕22号关于印发任务清单的通知.docx")
    assert doc.paragraphs == ("通知正文。",)
    assert doc.evidence_for("attachment") == ["济教字〔2023〕22号关于印发任务清单的通知.docx"]


def test_duplicate_in_preface_goes_body_copy_stays():
    item = "5.均衡配置城乡、区域、校际义务教育资源。"
    lines, dropped = drop_duplicate_paragraphs([item, "标题", "一、总体", "4.前一条内容很长很长很长很长很长。", item, "6.后一条。"])
    assert lines == ["标题", "一、总体", "4.前一条内容很长很长很长很长很长。", item, "6.后一条。"] and dropped == 1


def test_short_repeated_lines_are_kept():
    lines, dropped = drop_duplicate_paragraphs(["措施：", "甲。", "措施：", "乙。"])
    assert lines == ["措施：", "甲。", "措施：", "乙。"] and dropped == 0


def test_event_details_in_the_body_are_not_page_furniture():
    head = "\n".join(["某区教育局2023年工作要点", "一、总体要求"] + [f"{i}.第{i}项工作安排。" for i in range(1, 17)])
    doc = cleaned(head + "\n时间：2023年5月20日\n来源：区财政专项资金\n")
    assert doc.paragraphs[-2:] == ("时间：2023年5月20日", "来源：区财政专项资金")
    assert doc.source.page_date is None and doc.source.site is None


def test_numbered_lines_are_never_furniture_and_footers_only_at_the_end():
    body = [
        "某区教育局2023年工作要点",
        "一、宣传",
        "1.办好“雁塔教育”微信公众号",
        "2.推广校园一卡通扫码就餐",
        "3.建设智慧校园二维码管理系统",
        "主办单位：雁塔区教育局",
    ]
    doc = cleaned("\n".join(body + [f"{i}.其他工作。" for i in range(4, 16)] + ["手机扫一扫", "主办单位：某某网站"]))
    assert doc.paragraphs[:6] == tuple(body)
    assert "手机扫一扫" not in doc.paragraphs and "主办单位：某某网站" not in doc.paragraphs


def test_a_sentence_repeated_in_two_sections_stays_in_both():
    text = "某区教育局2023年工作要点\n一、目标\n坚持以人民为中心的发展思想，办好人民满意的教育。\n二、任务\n坚持以人民为中心的发展思想，办好人民满意的教育。"
    assert cleaned(text).paragraphs.count("坚持以人民为中心的发展思想，办好人民满意的教育。") == 2


def test_a_task_row_with_a_name_column_is_text():
    doc = cleaned("某区教育局2022年重点任务\n一、项目\n名称 | 改扩建城南幼儿园 | 基建科 | 2022年12月 |")
    assert doc.paragraphs[-1] == "名称 | 改扩建城南幼儿园 | 基建科 | 2022年12月 |"


def test_space_entities_left_in_text_are_spaces():
    assert normalise_line("关于印发&nbsp;&nbsp;2015年工作要点的通知&#160;") == "关于印发 2015年工作要点的通知"
    assert normalise_line("A&B 与 &amp; 照旧") == "A&B 与 &amp; 照旧"


def test_clean_lets_the_raw_text_go_once_its_paragraphs_hold_it():
    doc = cleaned("某市教育局2023年工作要点\n一、总体要求\n加强学前教育。")
    assert doc.raw_text == ""
    assert doc.paragraphs == ("某市教育局2023年工作要点", "一、总体要求", "加强学前教育。")


# --- furniture by shape and place (real lines of tests/corpus pages) ---------------------------------------

BODY = "一、总体要求\n1.加强学前教育，新建幼儿园3所。\n2.推进义务教育优质均衡发展。\n某某县教育局\n2023年3月1日"


def test_navigation_and_login_bars_and_picture_lines_at_the_head_are_furniture():
    head = (
        "无障碍 简体 | 繁体 长者模式\n信息报送 | 政务邮箱登陆 繁体版 ENGLISH\n登录 注册\n用户名 密码\n记住我\n"
        "请点击顶部登录按钮\n扫描二维码即可登录\n（资料图片）\n资料来自公开网络，仅提供网友学习讨论使用\n原文版权归原版权人拥有\n"
    )
    doc = cleaned(head + "2023年全县教育工作要点\n" + BODY)
    assert doc.paragraphs[0] == "2023年全县教育工作要点"
    assert doc.paragraphs[1:] == tuple(BODY.split("\n"))


def test_login_words_browser_advice_and_credits_at_the_foot_are_furniture():
    tail = "\n用户登录\n还没有账号？\n立即注册\n（建议使用1024×768以上分辨率 IE8.0及以上版本浏览器）\nProduced By 大汉网络 大汉版通发布系统"
    doc = cleaned("2023年全县教育工作要点\n" + BODY + tail)
    assert doc.paragraphs == ("2023年全县教育工作要点", *BODY.split("\n"))


def test_the_same_words_in_the_body_are_policy_text():
    middle = "\n".join(f"{n}.推进第{n}项重点工作，确保按期完成。" for n in range(3, 20))
    body_lines = ["注册", "登录 注册", "技术支持：市电教馆", "作品版权归主办单位所有。", "（七）注册"]
    doc = cleaned("2023年全县教育工作要点\n一、总体要求\n" + middle + "\n" + "\n".join(body_lines) + "\n" + middle)
    for line in body_lines:
        assert line in doc.paragraphs


def test_template_code_and_empty_image_syntax_are_removed_from_their_line_and_kept_as_evidence():
    doc = cleaned(
        '<#assign base = request.contextPath/> <@spring.message "sys.usersign.html.title"/>\n'
        "![]() |\n![]()辽政发〔2003〕35号\n"
        '<@spring.message "x"/>关于开展浦东新区第十二届学生艺术节活动的通知\n'
        "{{ article.source }} | {% if article.author %}\n各中小学：\n"
        '现将有关事项通知如下。<%= request.getAttribute("foot") %>\n'
        "以 {{ config }} 为名的文件照原样显示"  # (braces inside text may be the text's own: they stay)
    )
    assert doc.paragraphs == (
        "辽政发〔2003〕35号",
        "关于开展浦东新区第十二届学生艺术节活动的通知",
        "各中小学：",
        "现将有关事项通知如下。",
        "以 {{ config }} 为名的文件照原样显示",
    )
    assert "{{ article.source }}" in doc.evidence_for("template_code")
    assert "<#assign base = request.contextPath/>" in doc.evidence_for("template_code")
    assert "![]()" in doc.evidence_for("template_code")


def test_a_document_stores_search_prompt_marks_a_repost_and_goes():
    prompt = "《云南省民办教育机构管理办法.docx》由会员分享，可在线阅读，更多相关《云南省民办教育机构管理办法.docx（14页珍藏版）》请在冰豆网上搜索。"
    doc = cleaned("云南省民办教育机构管理办法\n" + prompt + "\n第一章 总 则\n第一条 为了规范民办教育机构管理，制定本办法。")
    assert doc.paragraphs == ("云南省民办教育机构管理办法", "第一章 总 则", "第一条 为了规范民办教育机构管理，制定本办法。")
    assert doc.source.reposted


def test_a_notice_about_the_readers_browser_goes_with_its_sentence_marks_a_policy_sentence_stays():
    notice = "你正在使用旧版本浏览器。请升级浏览器以获得更好的体验。"  # (a page of tests/heldout/batch-930)
    policy = ("推荐使用国产浏览器和操作系统。", "各校机房显示器分辨率不低于1920×1080。")
    doc = cleaned(notice + "\n宁教建〔2005〕44号\n关于做好校舍安全工作的通知\n" + "\n".join(policy))
    assert doc.paragraphs == ("宁教建〔2005〕44号", "关于做好校舍安全工作的通知", *policy)
    assert doc.evidence_for("page_notice") == [notice]


def test_an_information_bar_whose_font_size_buttons_were_lost_is_furniture():
    doc = cleaned("关于加强教育工作的意见\n【浏览字号： 】 浏览次数 收藏\n一、总体要求\n1.加强学前教育。")  # (tests/corpus 998)
    assert doc.paragraphs == ("关于加强教育工作的意见", "一、总体要求", "1.加强学前教育。")


def test_a_flattened_disclosure_tables_date_with_its_label_run_on():
    from policy_archive.page_fields import parse_labelled_line

    assert parse_labelled_line("发布日期2020-09-30", at_head=True) == [("date_published", "2020-09-30")]
    assert parse_labelled_line("成文日期2020年9月28日", at_head=True) == [("date_written", "2020年9月28日")]
    assert parse_labelled_line("发布日期2020-09-30", at_head=False) is None  # (further down it is text)
    assert parse_labelled_line("发布日期为2020年", at_head=True) is None


def test_a_page_tool_printed_as_a_list_item_is_furniture():
    doc = cleaned("烟台市教育局提醒\n各位家长：\n请注意开学时间，做好准备。\n  • 上一篇文章:\n  • 下一篇文章: 没有了\n")
    assert not any("下一篇" in p or "上一篇" in p for p in doc.paragraphs)


def test_a_sharing_sites_page_labels_and_preview_prompts_are_furniture():
    doc = cleaned(
        "中小学校学生伤害事故处理条1_第1页\n中小学校学生伤害事故处理条1_第2页\n全文预览已结束\n付费下载\n"
        "1、中小学校学生伤害事故处理条例第一章总则第一条 为预防和处理中小学校学生伤害事故，制定本条例。\n"
    )
    assert doc.paragraphs[0] == "中小学校学生伤害事故处理条1_第1页"  # (the first page's label names the document)
    assert not any(p in doc.paragraphs for p in ("中小学校学生伤害事故处理条1_第2页", "全文预览已结束", "付费下载"))


def test_a_law_databases_card_run_into_the_title_line_is_evidence_and_the_text_stays():
    doc = cleaned(
        "某市人民政府关于加快学前教育发展的意见文章属性•【制定机关】某市人民政府•【公布日期】2005.02.01•【字号】某政函[2005]39号"
        "•【效力等级】地方规范性文件•【时效性】失效正文某市人民政府关于加快学前教育发展的意见各区人民政府：为加快发展学前教育，提出如下意见。\n"
    )
    assert doc.paragraphs[0] == "某市人民政府关于加快学前教育发展的意见"
    assert doc.paragraphs[1].endswith("为加快发展学前教育，提出如下意见。")
    evidence = dict(doc.evidence)
    assert evidence["issuer"] == "某市人民政府" and evidence["doc_number"] == "某政函[2005]39号"
    assert evidence["date_published"] == "2005.02.01" and evidence["title"] == "某市人民政府关于加快学前教育发展的意见"
    assert "文章属性" not in "".join(doc.paragraphs)


def test_a_sharing_sites_blurb_and_download_bar_are_furniture_and_mark_a_copy():
    doc = cleaned(
        "铜冶中心校春季开学初安全工作通知\n时间:2019-05-12 02:23:14下载本文作者:会员上传\n"
        "简介:写写帮文库小编为你整理了多篇相关的《铜冶中心校春季开学初安全工作通知》,但愿对你工作学习有帮助。\n"
        "关于做好2014年春季开学初安全工作的通知\n各中小学校:\n为确保开学初校园安全，现就有关事项通知如下。\n"
    )
    assert doc.paragraphs[:2] == ("铜冶中心校春季开学初安全工作通知", "关于做好2014年春季开学初安全工作的通知")
    assert doc.source.reposted


def test_an_information_bar_whose_date_label_has_no_colon():
    doc = cleaned("博望区部署2023年教育工作\n时间 2023-02-07 15:01:57 来源：博望区教育局\n2月3日上午，博望区2023年教育工作会议召开。\n")
    assert "时间 2023-02-07 15:01:57 来源：博望区教育局" not in doc.paragraphs
    assert ("posted", "2023-02-07") in doc.evidence or doc.source.page_date == "2023-02-07"


def test_a_bracketed_information_bar_and_a_catalogue_row():
    doc = cleaned(
        "馆陶县教育体育局开展非法办学清理整治专项行动\n【信息时间：2023-09-27 发布机构：系统管理员 】\n秋季开学以来，馆陶县开展专项行动。\n"
    )
    assert doc.paragraphs == ("馆陶县教育体育局开展非法办学清理整治专项行动", "秋季开学以来，馆陶县开展专项行动。")
    row = cleaned("公开目录 | 人事信息 | 发布日期 | 2022-03-07 |\n各乡镇中心学校：\n为建设高素质教师队伍，现就有关事项通知如下。\n")
    assert ("date_published", "2022-03-07") in row.evidence and row.paragraphs[0] == "各乡镇中心学校："


def test_a_login_box_and_a_sharing_sites_file_card_at_the_head_are_furniture():
    doc = cleaned(
        "扫一扫\n关注官方微信\n手机账号登录\n×\n区教育体育局2024年教育工作要点\ndocx\n"
        "发布 2024-05-07 页数 8页 大小 0.04M 手机查看 收藏 分享\nVIP会员可免费下载与转存\n"
        "2024年全区教育工作的总体思路是：坚持立德树人，办好人民满意的教育。\n"
    )
    assert doc.paragraphs == ("区教育体育局2024年教育工作要点", "2024年全区教育工作的总体思路是：坚持立德树人，办好人民满意的教育。")


def test_a_government_portals_sidebar_words_are_a_navigation_bar():
    doc = cleaned(
        "展开边栏\n城市日历 查询服务\n政务微信\n收起边栏\n公办义务教育学校的划片范围是如何确定的？\n各区对适龄儿童户籍情况进行调查摸底，确定划片范围。\n"
    )
    assert doc.paragraphs[0] == "公办义务教育学校的划片范围是如何确定的？"


def test_information_bars_and_tools_of_county_portals():
    doc = cleaned(
        "我县召开义务教育优质均衡发展创建工作推进会\n日期：2026-02-06 17:45来源：县教育局 供稿：县教育局 浏览量： 字体：【\n"
        "2026年2月4日，全县义务教育优质均衡发展创建工作推进会召开。\n(未经授权禁止转载、摘编、复制或建立镜像) 关闭窗口 打印本页\n"
    )
    assert doc.paragraphs == ("我县召开义务教育优质均衡发展创建工作推进会", "2026年2月4日，全县义务教育优质均衡发展创建工作推进会召开。")
    assert doc.source.page_date == "2026-02-06"
    opened = cleaned("黑龙江省学校安全条例\n2013-10-04 11:55    【  【打印】【我要纠错】\n第一条 为了保障学校安全，制定本条例。\n")
    assert opened.paragraphs == ("黑龙江省学校安全条例", "第一条 为了保障学校安全，制定本条例。")


def test_a_menu_run_together_and_bars_with_empty_labels_are_furniture():
    doc = cleaned(
        "信息公开公开目录公开年报依申请公开公开指南政策解读\n重庆市家庭教育促进条例\n来源        点击数:         发布时间:2018年04月27日\n"
        "第一条 为了促进家庭教育，制定本条例。\n"
    )
    assert doc.paragraphs == ("重庆市家庭教育促进条例", "第一条 为了促进家庭教育，制定本条例。")
    clicks = cleaned(
        "防范学生溺水专题宣传教育现场会\n点击次数:更新时间:2017-05-10 07:05:53【打印】\n各中小学：\n为防范学生溺水，现召开现场会。\n"
    )
    assert clicks.paragraphs[1] == "各中小学："
    # (a sentence made of such words is text)
    assert cleaned("本站设有信息公开公开目录公开年报等栏目。\n").paragraphs == ("本站设有信息公开公开目录公开年报等栏目。",)
