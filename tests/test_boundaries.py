"""The edges of the rules that decide what a page says: each test stands where a small change of the code
(a constant, a comparison, an order) would change a public fact, and fails if that change is made.

They were written for the mutants that survived every other test (issue 24): a placeholder year, the
order in which a citation is resolved, how "truncated" is aggregated, the similarity threshold of
reworded items, the habit that makes toneless pinyin removable, the suffix of a repeated anchor (part of
public citation URLs), and a document resolving to itself. Imports go through public names only.
"""

from dataclasses import replace

import pytest
from rapidfuzz import fuzz

from helpers import extracted
from policy_archive.changes import compare
from policy_archive.document import Block, Document, Source
from policy_archive.extract import parse_date, structure
from policy_archive.relations import Relations
from policy_archive.script import remove_pinyin


def _doc(text: str, doc_id: str, **metadata) -> Document:
    doc = extracted(text)
    return replace(doc, metadata={**doc.metadata, "id": doc_id, **metadata})


# --- dates: the years content systems print when the real date is missing -----------------------------


@pytest.mark.parametrize("text", ["1900-01-01", "一九〇〇年一月一日", "一八九九年十二月三十一日", "1901-01-01", "1970-01-01"])
def test_a_placeholder_year_is_rejected_as_a_placeholder_not_as_too_early(text):
    # 1899, 1900 and 1901 are before 1949 too: only the reason tells that they are a system's default.
    # (1899 is read only in Chinese numerals: an ASCII year starts with 19 or 20.)
    value, problem = parse_date(text)
    assert value is None and "placeholder" in problem, problem


def test_the_years_beside_the_placeholders_are_too_early_or_real():
    assert "impossible" in parse_date("1902-01-01")[1] and "placeholder" not in parse_date("1902-01-01")[1]
    assert "impossible" in parse_date("1948-12-31")[1]
    assert parse_date("1949-10-01")[1] is None and parse_date("1969-12-31")[1] is None and parse_date("1971-01-01")[1] is None


# --- relations: a citation resolves by its 文号 first, then by its title; never to its own document ---


NUMBERED = "另一个名称的规划\n正文。"  # holds 济发〔2014〕7号 under another title
TITLED = "某市教育事业发展规划\n一、总体\n1.正文。"  # holds the cited title under another number
CITING = "某市教育局2015年工作要点\n一、总体\n1.落实《某市教育事业发展规划》（济发〔2014〕7号）。"
PLAN = "某市教育事业发展规划"


def _held(relations: Relations, doc: Document) -> dict[str, str | None]:
    return {r.citation.title: r.held.metadata["id"] if r.held else None for r in relations.cites(doc)}


def test_a_citation_whose_doc_number_and_title_name_two_documents_resolves_by_its_doc_number():
    numbered = _doc(NUMBERED, "370100-2014-plan-7", doc_number="济发〔2014〕7号")
    titled = _doc(TITLED, "370100-2014-plan-9", doc_number="济发〔2014〕9号")
    citing = _doc(CITING, "370100-2015-work-points")
    assert titled.metadata["title"] == PLAN and numbered.metadata["title"] != PLAN
    # (Either order of the documents gives the same answer.)
    for docs in ([numbered, titled, citing], [citing, titled, numbered]):
        relations = Relations(docs)
        assert _held(relations, citing) == {PLAN: "370100-2014-plan-7"}
        assert [r.citing.metadata["id"] for r in relations.cited_by(numbered)] == ["370100-2015-work-points"]
        assert relations.cited_by(titled) == []


def test_a_citation_whose_doc_number_is_not_held_resolves_by_its_title():
    titled = _doc(TITLED, "370100-2014-plan-9", doc_number="济发〔2014〕9号")
    citing = _doc(CITING, "370100-2015-work-points")
    assert _held(Relations([titled, citing]), citing) == {PLAN: "370100-2014-plan-9"}


def test_a_document_citing_its_own_doc_number_does_not_resolve_to_itself():
    own = _doc("另一个名称的规划\n一、总体\n1.落实《某市规划》（济发〔2014〕7号）。", "370100-2014-plan-7", doc_number="济发〔2014〕7号")
    assert own.citations == ("某市规划",)
    relations = Relations([own])
    assert _held(relations, own) == {"某市规划": None} and relations.cited_by(own) == []
    # Another document of the same number is the one it names.
    twin = _doc(NUMBERED, "370100-2014-plan-7b", doc_number="济发〔2014〕7号")
    relations = Relations([own, twin])
    assert _held(relations, own) == {"某市规划": "370100-2014-plan-7b"} and relations.cited_by(own) == []


def test_a_document_whose_own_title_is_among_its_citations_does_not_resolve_to_itself():
    # find_citations drops a document's own title; Relations must not rely on it.
    plan = _doc(TITLED, "370100-2014-plan-9")
    cited = _doc(f"某市教育局2015年工作要点\n一、总体\n1.落实《{PLAN}》。", "x").cited
    plan = replace(plan, cited=cited)
    assert plan.metadata["title"] == PLAN and plan.citations == (PLAN,)
    relations = Relations([plan])
    assert _held(relations, plan) == {PLAN: None} and relations.cited_by(plan) == []


# --- truncated: a title is cut only if every citation of it is cut ------------------------------------


CUT = "某市教育局2015年工作要点\n一、总体\n1.落实《关于进一步加强 》的要求。"
WHOLE = "某市教育局2016年工作要点\n一、总体\n1.落实《关于进一步加强》的要求。"


def test_one_document_citing_a_title_once_cut_and_once_whole_cites_it_whole():
    for text in (
        "某市教育局2015年工作要点\n一、总体\n1.落实《关于进一步加强 》的要求。\n2.落实《关于进一步加强》的要求。",
        "某市教育局2015年工作要点\n一、总体\n1.落实《关于进一步加强》的要求。\n2.落实《关于进一步加强 》的要求。",
    ):
        (citation,) = extracted(text).cited
        assert citation.title == "关于进一步加强" and not citation.truncated
        assert citation.anchors == ("sec-1-item-1", "sec-1-item-2")
    (cut,) = extracted(CUT).cited
    assert cut.title == "关于进一步加强" and cut.truncated


def test_a_cited_title_is_listed_as_cut_only_when_every_citation_of_it_is_cut():
    cut = _doc(CUT, "370100-2015-work-points")
    whole = _doc(WHOLE, "370100-2016-work-points")
    cut_again = _doc(CUT.replace("2015", "2017"), "370100-2017-work-points")
    (mixed,) = Relations([cut, whole]).cited_titles()
    assert len(mixed.references) == 2 and not mixed.truncated
    (mixed,) = Relations([whole, cut, cut_again]).cited_titles()
    assert len(mixed.references) == 3 and not mixed.truncated
    (all_cut,) = Relations([cut, cut_again]).cited_titles()
    assert len(all_cut.references) == 2 and all_cut.truncated


# --- changes: two items are one reworded item from a similarity of 55 ---------------------------------


def _texts(common: int, apart: int) -> tuple[str, str]:
    """Two item texts sharing their first `common` characters and no other: similarity 200·common / total."""
    shared = "".join(chr(0x4E10 + i) for i in range(common))
    return shared + "".join(chr(0x5000 + i) for i in range(apart)), shared + "".join(chr(0x6000 + i) for i in range(apart))


def _item_doc(text: str, name: str) -> Document:
    source = Source(file=name, sha256="0" * 64, format="txt")
    return Document(source=source, blocks=(Block("item", "1." + text, "sec-1-item-1", 1),), metadata={"id": name})


@pytest.mark.parametrize(
    "common, apart, score, kinds",
    [
        (27, 23, 54, ["dropped", "new"]),  # 54: two different items
        (28, 22, 56, ["reworded"]),  # 56: one item, reworded
        (50, 0, 100, ["same"]),
    ],
)
def test_items_are_one_reworded_item_from_a_similarity_of_55(common, apart, score, kinds):
    before, after = _texts(common, apart)
    assert round(fuzz.ratio(before, after)) == score  # (the construction is what it says)
    changes = compare(_item_doc(before, "a"), _item_doc(after, "b"))
    assert [c.kind for c in changes.items] == kinds
    if kinds == ["reworded"]:
        assert round(changes.items[0].score) == score


# --- pinyin: toneless annotations are removed only where the text shows the habit ---------------------


def test_toneless_pinyin_is_kept_beside_two_toned_annotations_and_removed_beside_three():
    assert remove_pinyin("学(xué)习(xí)的(de)精神") == ("学习的(de)精神", 2)
    assert remove_pinyin("学(xué)习(xí)贯(guàn)彻的(de)精神") == ("学习贯彻的精神", 4)


def test_toneless_pinyin_alone_needs_ten_annotations():
    nine = "".join(f"字({s})" for s in ("guan", "che", "xi", "jin", "ping", "xin", "shi", "dai", "zhong"))
    assert remove_pinyin(nine) == (nine, 0)
    assert remove_pinyin(nine + "国(guo)") == ("字" * 9 + "国", 10)


# --- anchors: a repeated number gets -2, then -3 (they are part of public citation URLs) --------------


def test_a_repeated_item_number_gets_suffix_2_then_3():
    paragraphs = ["一、总体", "1.第一项。", "1.重复的第一项。", "1.又一个第一项。", "2.第二项。", "一、再一节", "1.一。"]
    assert [b.anchor for b in structure(paragraphs, None)] == [
        "sec-1",
        "sec-1-item-1",
        "sec-1-item-1-2",
        "sec-1-item-1-3",
        "sec-1-item-2",
        "sec-1-2",
        "sec-1-2-item-1",
    ]


def test_the_anchor_of_a_repeated_item_is_its_public_link():
    doc = extracted("某市教育局2015年工作要点\n一、总体\n1.第一项。\n1.落实《义务教育法》。")
    assert [b.anchor for b in doc.blocks if b.anchor] == ["sec-1", "sec-1-item-1", "sec-1-item-1-2"]
    (citation,) = doc.cited
    assert citation.anchors == ("sec-1-item-1-2",)
