"""Doubt (issue 28, items 1-3): every field stated, inferred or doubtful; carried to the front matter, the
catalog and the schema; the review queue and its sidecars."""

from dataclasses import replace

import yaml

from helpers import doc_from_text, extracted
from policy_archive.clean import clean
from policy_archive.document import Document, Source
from policy_archive.exports import json_schema_text
from policy_archive.extract import doubts, extract, traces
from policy_archive.extract.evidence import View
from policy_archive.records import record
from policy_archive.render import front_matter
from policy_archive.report import Outcome, build_report
from policy_archive.review import listing, queue, sidecar_text, write_sidecars
from policy_archive.sources import apply_sidecar, load_sidecar

NOTICE = """济南市教育局关于做好2023年暑期安全工作的通知
济教字〔2023〕22号
各区县教育和体育局：
现将有关事项通知如下。一、加强学生暑期安全教育，落实各项安全责任，确保学生度过一个平安、快乐的暑假。
济南市教育局
2023年6月20日
"""


def _paged(text: str, page_date: str | None = None, evidence=()) -> Document:
    doc = doc_from_text(text)
    doc = replace(doc, source=replace(doc.source, page_date=page_date))
    cleaned = clean(doc)
    return extract(replace(cleaned, evidence=cleaned.evidence + tuple(evidence)))


def test_a_page_bar_date_is_always_doubtful_and_says_why():
    # (来源 names the page's publisher: a city government's site carrying a county's document, a school's.)
    carried = _paged(NOTICE, page_date="2023-06-21", evidence=(("site", "苏州市人民政府"),))
    assert carried.metadata["date_published"] == "2023-06-21"
    assert any(f == "date_published" and "not the issuer's own" in note for f, note in carried.doubts)
    # The issuer's own page (its 来源 is the issuer or the issuer's place), or one that names no publisher: its
    # date is still a page's, not one the document prints (on sites never seen, a repost's as often as not).
    for evidence in ((("site", "济南市教育局"),), (("site", "济南市"),), ()):
        own = _paged(NOTICE, page_date="2023-06-21", evidence=evidence)
        assert own.metadata["date_published"] == "2023-06-21" and "date_published" in own.doubtful
        assert not any("not the issuer's own" in note for _, note in own.doubts)
    # A date the page states in a disclosure table is stated, not doubtful (test below).


def test_a_disclosure_tables_date_is_stated_not_doubtful():
    doc = _paged(NOTICE, page_date="2023-06-21", evidence=(("date_published", "2023-06-21"),))
    assert doc.metadata["date_published"] == "2023-06-21"
    assert "date_published" not in doc.doubtful and "date_published" not in doc.inferred
    assert not {"title", "doc_number", "issuer", "date_written", "year", "province", "city"} & set(doc.doubtful)


def test_candidates_that_disagree_make_a_field_doubtful():
    doc = _paged(NOTICE, evidence=(("date_written", "2023-06-18"),))
    assert doc.metadata["date_written"] == "2023-06-18"  # the disclosure table wins, as before
    assert "date_written" in doc.doubtful
    assert any(f == "date_written" and "signature 2023-06-20" in note for f, note in doc.doubts)


def test_missing_fields_and_a_bare_organ_are_doubtful():
    doc = extracted("一、加强学生暑期安全教育，落实各项安全责任。\n县教育局\n")
    assert "province" in doc.doubtful


def test_a_missing_title_is_doubtful_only_where_the_head_shows_one():
    # A title glued to the first sentence (a sharing site's copy): the head names a type of document.
    glued = extracted(
        "第1页共4页教育体育局XX年工作小结小编寄语。下面是我们整理的工作小结，请参阅。一、工作小结2023年，县教育体育局根据县委部署开展工作。\n"
    )
    assert glued.metadata["title"] is None and {"title", "doc_type"} <= set(glued.doubtful)
    # A news lead that names the document it reports.
    reported = extracted("日前，市教育局发布了《关于做好中小学招生入学工作的通知》，明确了今年入学条件。\n一、招生范围\n")
    assert reported.metadata["title"] is None and "title" in reported.doubtful
    # A text kept from its body on (根据《…的通知》…予以公示; an addressee line, 通知如下): no title to read.
    for body in (
        "根据《市教育局关于开展中小学德育工作创新案例评选的通知》，现将评选结果予以公示。\n公示期间如有异议请反映。\n",
        "各中小学、直属单位：\n现将暑假工作的有关事宜通知如下：\n一、时间安排\n",
    ):
        doc = extracted(body)
        assert doc.metadata["title"] is None and not {"title", "doc_type"} & set(doc.doubtful), body


def test_a_missing_year_is_doubtful_only_where_the_text_names_one():
    undated = extracted("第一条 为了加强学校安全管理，根据《中华人民共和国教育法》，制定本条例。\n第二条 本条例适用于本市学校。\n")
    assert undated.metadata["year"] is None and "year" not in undated.doubtful
    # A year printed in the text, in figures, in Chinese numerals or as a school year, is one the year could
    # have been read from; one inside a cited title, a cited 文号 or an edition (2022年版) is not.
    for text, named in (
        ("二〇〇六年十二月六日", True),
        ("做好我市2021-2022学年招生工作", True),
        ("发布时间：2020-03-02", True),
        ("根据《关于做好2020年普惠性民办幼儿园认定工作的通知》（鄂教幼高办〔2016〕5号）", False),
        ("根据《山东省幼儿园分类认定标准（2022年版）》", False),
        ("区教育局20XX年工作计划", True),
    ):
        assert traces.names_a_year(View((text,), (), None)) is named, text


def test_doubt_never_changes_a_value():
    plain, paged = _paged(NOTICE), _paged(NOTICE, evidence=(("date_written", "2023-06-18"),))
    assert {k: v for k, v in plain.metadata.items() if k != "date_written"} == {
        k: v for k, v in paged.metadata.items() if k != "date_written"
    }


def test_a_curated_value_is_never_doubtful():
    doc = _paged(NOTICE, page_date="2023-06-21")
    curated = apply_sidecar(doc, {"date_published": "2023-06-22"})
    assert "date_published" not in curated.doubtful and all(f != "date_published" for f, _ in curated.doubts)


def test_doubtful_is_carried_to_the_front_matter_catalog_schema_and_report():
    doc = _paged(NOTICE, page_date="2023-06-21")
    doc = replace(doc, metadata={**doc.metadata, "id": "x"})
    row = record(doc)
    assert row["doubtful"] == list(doc.doubtful) and front_matter(doc)["doubtful"] == row["doubtful"]
    assert list(row).index("doubtful") == list(row).index("inferred") + 1
    schema = yaml.safe_load(json_schema_text())
    assert "doubtful" in schema["properties"]["documents"]["items"]["properties"]
    report = yaml.safe_load(build_report([Outcome("a.txt", "converted", doubtful=["title", "year"]), Outcome("b.txt", "converted")]))
    assert report["summary"]["doubtful"] == 2 and report["summary"]["doubtful_documents"] == 1


def _doc(name: str, doubtful: tuple, metadata: dict, doubts=()) -> Document:
    return Document(source=Source(name, "0" * 64, "txt"), metadata=metadata, doubtful=doubtful, doubts=doubts)


def test_review_lists_the_most_doubtful_first():
    docs = [
        _doc("a.txt", ("year",), {"year": 2023}),
        _doc("b.txt", ("issuer", "year"), {"issuer": "县教育局", "year": 2022}, (("issuer", "unusual: an organ named without its place"),)),
        _doc("c.txt", (), {}),
    ]
    assert [d.source.file for d in queue(docs)] == ["b.txt", "a.txt"]
    text = listing(docs)
    assert text.index("b.txt") < text.index("a.txt") and "县教育局" in text and "unusual: an organ named without its place" in text


def test_write_merges_into_a_curators_sidecar(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text(NOTICE, encoding="utf-8")
    sidecar = tmp_path / "n.txt.meta.yaml"
    sidecar.write_text("# my note\nyear: 2024\n", encoding="utf-8")
    doc = _doc(
        "n.txt",
        ("issuer", "date_published", "year"),
        {"issuer": "济南市教育局", "date_published": "2023-06-21", "year": 2023},
        (("date_published", "weak: the web page's date; also: disclosure 2023-06-22"), ("year", "disagree")),
    )
    assert write_sidecars([doc], tmp_path) == [sidecar]
    text = sidecar.read_text(encoding="utf-8")
    assert text.startswith("# my note\nyear: 2024\n")  # the curator's lines kept, their value not overwritten
    assert "#   weak: the web page's date; also: disclosure 2023-06-22" in text
    values, _ = load_sidecar(source, tmp_path)  # the written sidecar passes the sidecar check
    assert values["year"] == 2024 and values["issuer"] == "济南市教育局" and str(values["date_published"]) == "2023-06-21"
    assert sidecar_text(doc, text) == text  # a second run adds nothing
    assert write_sidecars([doc], tmp_path) == []


REPORT = """沅陵县教育局关于做好寒假安全工作的通知
2022-01-13
各学校：
现将有关事项通知如下。一、加强学生寒假安全教育，落实各项安全责任，确保学生度过一个平安的寒假。
沅陵县教育局
2022年1月10日
"""


def test_a_page_date_that_was_not_taken_makes_the_date_of_publication_doubtful():
    doc = extracted(REPORT)
    assert doc.metadata["date_published"] is None  # (the value is not changed: the rule only explains)
    assert any(f == "date_published" and "page shows a date" in note for f, note in doc.doubts)
    assert "date_published" not in extracted(REPORT.replace("2022-01-13\n", "")).doubtful
    # Where a page's date would itself be doubtful beyond being a page's (an issuer without a place, on a
    # site that cannot be its own), that it was not taken is no doubt.
    other = extracted(REPORT.replace("沅陵县", "沅江县"))
    assert other.metadata["date_published"] is None and "date_published" not in other.doubtful


def test_a_year_the_wen_hao_contradicts_is_doubtful():
    doc = extracted(
        "山东省教育厅关于印发《2022年全省教育督导评价报告》的通知\n鲁教督字〔2023〕1号\n各市教育局：\n"
        "现将《2022年全省教育督导评价报告》印发给你们，请认真贯彻执行。\n山东省教育厅\n2023年4月24日\n"
    )
    assert doc.metadata["year"] == 2022 and doc.metadata["doc_number"] == "鲁教督字〔2023〕1号"
    assert any(f == "year" and "文号 is of 2023" in note for f, note in doc.doubts)
    assert "year" not in extracted(NOTICE).doubtful


def test_values_that_were_right_wherever_they_were_doubted_are_not_doubted():
    # A yearly report's year read from its date, a 公告's number standing as the 文号, the place a title names
    # after 关于: flagged on the annotated corpus and the untuned held-out batches, these were right 10, 5 and 6
    # times for 0, 2 and 2 wrong; a curator's look is kept for what is doubtful.
    report = extracted(
        "济南市教育局政府信息公开工作年度报告\n一、总体情况\n本年度，济南市教育局认真贯彻落实政府信息公开条例，主动公开政府信息。\n济南市教育局\n2023年1月20日\n"
    )
    assert report.metadata["doc_type"] == "年度报告" and "year" not in report.doubtful
    rule = extracted(
        "济南市学前教育条例\n济南市人民代表大会常务委员会公告第5号\n第一条 为了促进学前教育发展，根据有关法律法规，结合本市实际，制定本条例。\n"
    )
    assert rule.metadata["doc_number"] == "济南市人民代表大会常务委员会公告第5号" and "doc_number" not in rule.doubtful
    about = extracted("关于对常宁市柏坊中学进行限期整改的通知\n衡阳市教育局：\n现将有关事项通知如下。一、限期整改。\n")
    assert not any("about" in note for _, note in about.doubts)


def test_a_title_ending_with_two_types_makes_the_type_doubtful():
    doc = extracted("济南市教育局2016年工作计划方案\n一、指导思想。坚持以立德树人为根本任务，全面提高教育质量，推进教育现代化建设。\n")
    assert any(f == "doc_type" and "two types" in note for f, note in doc.doubts)


def test_an_organ_without_its_place_leaves_the_county_doubtful():
    text = "县教育局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，县教育局按照要求，紧密结合全县教育工作实际，主动公开政府信息。\n"
    placed = extracted(text.replace("一、总体情况", "一、总体情况（湖南省）"))
    assert placed.metadata["province"] == "湖南省" and placed.metadata["county"] is None and "county" in placed.doubtful
    # A text that names no place at all is written to be anyone's (a template): its county is no doubt, unless
    # it speaks as a county's own (全县: test_a_county_text_without_its_county_…).
    anyones = extracted(text.replace("全县", "全局"))
    assert anyones.metadata["province"] is None and "county" not in anyones.doubtful


def test_a_notice_that_says_it_issues_the_attached_plan_doubts_the_title():
    doc = extracted(
        "济南市学前教育招生工作方案\n各幼儿园：\n《济南市学前教育招生工作方案》已经局长办公会议审议通过，现印发给你们，请认真贯彻执行。\n济南市教育局\n2023年4月20日\n"
    )
    assert {"title", "doc_type"} <= set(doc.doubtful)


def test_a_template_sites_masked_place_is_not_a_missing_place():
    text = "xx区教育局2023年工作总结\n一、主要工作。今年以来，我局坚持立德树人，全面提高教育质量，推进教育优质均衡发展。\n"
    doc = extracted(text)
    assert doc.metadata["province"] is None and not {"province", "city"} & set(doc.doubtful)
    assert {"province", "city"} <= set(extracted(text.replace("xx区", "区")).doubtful)


def test_an_opinion_published_unsigned_is_not_doubted_for_its_date():
    opinion = "关于加快发展学前教育的实施意见\n为加快发展学前教育，现提出如下实施意见。一、总体要求。坚持公益普惠，扩大资源。\n"
    assert "date_written" not in extracted(opinion).doubtful
    # A notice without the date it was signed, whose text prints a day (not in a title it cites) where the date
    # may stand; one that prints none (a text cut after its opening) leaves nothing to check.
    notice = "关于做好暑期安全工作的通知\n各区县教育局：\n现将有关事项通知如下。一、加强学生暑期安全教育，落实责任。\n"
    assert "date_written" not in extracted(notice).doubtful
    dated = notice.replace("一、", "一、2023年6月20日前，")
    assert extracted(dated).metadata["date_written"] is None and "date_written" in extracted(dated).doubtful
    cited = notice.replace("现将", "根据《2023年6月1日会议纪要》，现将")
    assert "date_written" not in extracted(cited).doubtful
    # So for a page of any kind but those that print no date of their own (plans, reports, rules).
    listing = extracted("根据有关规定，现将拟认定名单予以公示。公示期为2020年4月7日至4月14日。\n一、城东幼儿园\n")
    assert listing.metadata["date_written"] is None and "date_written" in listing.doubtful
    assert not {"title", "doc_type"} & set(listing.doubtful)  # (根据有关规定，… starts a body: 规定 is no title's end)
    plan = extracted("济南市教育局2023年工作要点\n一、2023年3月1日前完成全面部署，坚持和加强党对教育工作的全面领导。\n")
    assert plan.metadata["date_written"] is None and "date_written" not in plan.doubtful


def test_a_news_headline_taken_for_a_title_is_doubtful():
    doc = extracted(
        "南京印发《关于全面加强和改进新时代学校体育工作的实施意见》和《关于全面加强和改进新时代学校美育工作的实施意见》\n"
        "近日，南京市印发两个实施意见，对全市学校体育和美育工作作出部署，提出到2025年的主要目标和重点任务。\n"
    )
    assert any(f == "title" and "headline" in note for f, note in doc.doubts)
    official = extracted(
        "长沙市教育局关于印发《长沙市学前教育发展提升行动计划》和《长沙市县域普通高中发展提升行动计划》的通知\n各区县教育局：\n现将两个行动计划印发给你们，请认真贯彻执行。\n长沙市教育局\n2023年5月6日\n"
    )
    assert "title" not in official.doubtful


def test_a_wen_hao_the_page_broke_or_a_sentence_taken_for_one_is_doubtful():
    broken = extracted(
        "桓台县人民政府办公室关于印发桓台县基础教育改革方案的通知\n桓办发〔201539\n各镇人民政府：\n现将方案印发给你们，请认真贯彻执行。\n"
    )
    assert broken.metadata["doc_number"] is None and "doc_number" in broken.doubtful
    sentence = extracted(
        "安化县第二中学关于规范办学行为的通告\n省教育厅相继颁发了湘教发〔2009〕36号文件，对规范办学行为提出了明确要求。\n安化县第二中学\n2012年1月5日\n"
    )
    assert sentence.metadata["doc_number"] is None  # (a number a sentence cites is not the document's)


def test_a_place_in_taiwan_for_a_local_bureau_is_doubtful():
    doc = extracted("台中市中区教育局2018年工作思路\n一、指导思想。坚持立德树人，全面提高教育质量，推进教育均衡发展。\n")
    assert doc.metadata["province"] == "台湾省" and {"province", "city", "issuer"} <= set(doc.doubtful)


def test_a_type_read_from_a_phrase_of_an_untitled_page_is_doubtful():
    doc = extracted("各学校：\n现将有关事项通知如下。一、加强学生暑期安全教育，落实各项安全责任。\n特此通知。\n")
    assert doc.metadata["title"] is None and doc.metadata["doc_type"] == "通知"
    assert any(f == "doc_type" and "phrase" in note for f, note in doc.doubts)
    # A page that only makes a list public (现予以公示) under no title is given no type.
    listed = extracted("经审核，以下幼儿园拟认定为普惠性民办幼儿园，现予以公示。公示期为2020年4月7日至4月14日。\n")
    assert listed.metadata["doc_type"] is None


def test_a_page_date_on_a_rule_or_a_template_is_doubtful():
    rule = _paged(
        "福建省义务教育条例\n第一章 总则\n第一条 为了保障适龄儿童、少年平等接受义务教育的权利，结合本省实际，制定本条例。\n",
        page_date="2022-06-15",
    )
    assert rule.metadata["date_published"] == "2022-06-15" and "date_published" in rule.doubtful
    template = _paged(
        "县教育局教育工作总结\n20XX年，教育局紧紧围绕县委、县政府的统一部署和年度教育工作目标任务，真抓实干。\n", page_date="2021-08-31"
    )
    assert template.metadata["date_published"] == "2021-08-31" and "date_published" in template.doubtful
    assert template.metadata["year"] == 2021 and "year" in template.doubtful


def test_a_template_that_masks_its_places_is_not_doubted_for_them():
    doc = extracted("2025年教育工作总结及2025年工作计划范文\n一、存在问题。城乡教师待遇差距问题还没有根本解决，XX区学校布局有待优化。\n")
    assert not {"province", "city", "county"} & set(doc.doubtful)


def test_a_title_that_counts_more_issuers_than_were_read_is_doubtful():
    doc = extracted(
        "陕西省教育厅等十七部门关于印发《全面加强和改进新时代陕西省学生心理健康工作专项行动计划》的通知\n各设区市教育局：\n"
        "现将行动计划印发给你们，请认真贯彻执行。\n陕西省教育厅 陕西省财政厅\n2024年5月8日\n"
    )
    assert any(f == "issuer" and "counts 十七" in note for f, note in doc.doubts)


def test_the_review_command_prints_a_line_per_field_and_note(tmp_path):
    from click.testing import CliRunner

    from policy_archive.cli import main

    (tmp_path / "a.txt").write_text(
        "县教育局关于做好暑期安全工作的通知\n各学校：\n现将有关事项通知如下。一、加强安全教育。\n", encoding="utf-8"
    )
    out = CliRunner().invoke(main, ["review", "--sources", str(tmp_path)]).output
    lines = out.splitlines()
    assert lines[0].startswith("a.txt  (") and any(line.startswith("  issuer（发文机关）: 县教育局") for line in lines)
    assert "\\n" not in out  # (the listing's line breaks are not escaped as text)


def test_a_summary_whose_opening_sums_up_another_year_than_its_title_is_doubtful():
    doc = extracted(
        "县教育局2023年工作总结和2023年工作计划\n2022年，县教育局坚持立德树人，全面推进教育优质均衡发展。\n一、2022年工作成效及亮点\n"
    )
    assert doc.metadata["year"] == 2023 and any(f == "year" and "sums up 2022" in note for f, note in doc.doubts)


def test_a_page_date_for_a_plan_that_prints_no_date_is_doubtful():
    plan = _paged("济南市教育局2023年工作要点\n一、全面加强党的建设，坚持和加强党对教育工作的全面领导。\n", page_date="2023-03-20")
    assert plan.metadata["date_published"] == "2023-03-20"
    assert any(f == "date_published" and "prints no date" in note for f, note in plan.doubts)


def test_a_year_an_unbracketed_wen_hao_contradicts_is_doubtful():
    doc = extracted(
        "1、滨教函202011号滨州市教育局关于印发滨州市第三期名校长培养工程人选培养方案(2019-2022年)的通知"
        "各县(市、区)教体局，各市属开发区教育管理机构，市直各学校：现将培养方案印发给你们，请遵照执行。\n"
    )
    assert doc.metadata["doc_number"] == "滨教函202011号" and doc.metadata["year"] == 2019  # (the plan's period)
    assert any(f == "year" and "文号 is of 2020" in note for f, note in doc.doubts)


def test_a_date_read_beside_a_pages_counter_is_doubtful():
    bar = _paged(NOTICE, evidence=(("date_published", "2023-06-21 来源：济南市教育局 点击量：35"),))
    assert bar.metadata["date_published"] == "2023-06-21"
    assert any(f == "date_published" and "counter" in note for f, note in bar.doubts)
    table = _paged(NOTICE, evidence=(("date_published", "2023-06-21"),))
    assert table.metadata["date_published"] == "2023-06-21" and "date_published" not in table.doubtful


def test_a_rules_draft_for_comment_doubts_the_title_and_type_of_its_page():
    page = extracted(
        "山西省学校安全条例\n山西省司法厅关于对《山西省学校安全条例（草案）》公开征求意见的公告\n"
        "为广泛听取社会各界意见，现将草案全文公布，征求意见。\n第一条 为了加强学校安全工作，制定本条例。\n"
    )
    assert page.metadata["doc_type"] == "条例" and {"title", "doc_type"} <= set(page.doubtful)
    adopted = extracted("山西省学校安全条例\n第一条 为了加强学校安全工作，制定本条例。\n第二条 本条例适用于本省学校。\n")
    assert not {"title", "doc_type"} & set(adopted.doubtful)


def test_a_title_or_issuer_holding_a_pages_furniture_is_doubtful():
    for title in ("当前滚动：河南省教育厅办公室关于公布名单的公示", "索引号0142581323/2026-00001分类科技、教育/教育/报告", "首页公告公示"):
        assert doubts._misread(title), title
    for title in ("河南省教育厅办公室关于公布名单的公示", "关于印发《2024年工作要点》的通知", "东莞市教育局2020年工作总结"):
        assert not doubts._misread(title), title
    assert doubts._NOT_NAME_CHARS.search("当前滚动：河南省教育厅办公室") and not doubts._NOT_NAME_CHARS.search("河南省教育厅办公室")


def test_a_wen_hao_line_with_its_year_glued_is_read_as_one():
    doc = extracted("滨教函202011号\n滨州市教育局关于印发培养方案的通知\n各县区教育局：\n现将方案印发给你们。\n")
    assert doc.metadata["doc_number"] is not None or any(f == "doc_number" and "滨教函202011号" in note for f, note in doc.doubts)
    assert doubts._NUMBER_LINE.match("滨教函202011号") and not doubts._NUMBER_LINE.match("滨州市2020年教育工作要点")


def test_a_first_line_that_does_not_start_a_body_may_be_the_title():
    doc = extracted("2024年春季开学安全工作\n一、全面排查校园安全隐患，落实各项安全责任。\n")
    assert doc.metadata["title"] is None and any(f == "title" and "first line" in note for f, note in doc.doubts)
    for body in ("第一章 总则\n第一条 为了加强学校管理，制定本办法。\n", "按照市教育局要求，现将有关事项通知如下。\n一、时间安排\n"):
        assert not doubts._missing_title(View(tuple(body.splitlines()), (), None), None), body


def test_a_bureau_taken_because_the_text_names_it_most_is_doubtful():
    doc = extracted("近日，乌海市教育局召开会议，部署2022年教育重点工作。\n会议指出，乌海市教育局将围绕立德树人根本任务推进教育改革。\n")
    assert doc.metadata["issuer"] == "乌海市教育局" and "issuer" in doc.doubtful


def test_a_county_text_without_its_county_and_a_title_naming_more_organs_than_read():
    county = extracted("关于做好寒假安全工作的通知\n各中小学：\n为确保全县师生度过安全祥和的寒假，现就有关事项通知如下。\n")
    assert county.metadata["county"] is None and "county" in county.doubtful
    joint = extracted("市委教育工委市教育局2017年工作要点\n一、加强党的建设\n全市教育系统要坚持党的领导。\n武汉市教育局\n2017年2月10日\n")
    assert joint.metadata["issuer"] == "武汉市教育局" and "issuer" in joint.doubtful


def test_a_title_with_an_open_quote_cut_in_a_number_or_with_a_speakers_post_is_doubtful():
    for title in ('重庆市开州区人民政府关于印发重庆市开州区教育事业发展十四五"规划的通知',):
        doc = extracted(f"{title}\n各区县教育局：\n为做好有关工作，现将有关事项通知如下。\n")
        assert "title" in doc.doubtful, title
    whole = extracted("关于做好2016年中小学生读书活动的通知\n各区县教育局：\n为做好有关工作，现将有关事项通知如下。\n")
    assert "title" not in whole.doubtful
    assert doubts._misread('上海市教育委员会关于开展"绿色悦读书香伴我成长"2016')  # (cut in a number)
    assert doubts._misread("平邑县教育体育局（平邑县教育体育局局长）")  # (a speaker's byline)
    assert not doubts._misread("2016年中小学生读书活动方案（2016年）") and not doubts._misread("某县教育局公告第3号")


def test_an_issuer_inferred_from_the_text_of_a_page_with_no_title_is_doubtful():
    view = View.of(clean(doc_from_text("1月24日，番禺区2024年教育工作会议召开。区委副书记出席会议并讲话。\n")))
    fields = {"title": None, "doc_type": None, "issuer": "番禺区委", "province": "广东省"}
    inferred = doubts.Reading(None, [], [], {}, False, False, None, None, None, False, False, "context", True)
    assert any("no title" in n for f, n in doubts._issuer(view, fields, inferred) if f == "issuer")
    titled = {**fields, "title": "番禺区2024年教育工作会议召开", "doc_type": None}
    assert not any("no title" in n for f, n in doubts._issuer(view, titled, inferred) if f == "issuer")
