"""Everything that lists fields agrees with the schema (policy_archive/schema.py)."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import extracted
from policy_archive import schema
from policy_archive.curation import validate_curated
from policy_archive.document import Source
from policy_archive.exports import _feed_date, catalog
from policy_archive.render import render
from policy_archive.sources import read_sidecar

ROOT = Path(__file__).resolve().parent.parent
DOC = extracted("济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n济南市教育局\n2014年3月10日\n")
DOC = DOC.__class__(**{**DOC.__dict__, "metadata": {**DOC.metadata, "id": "370100-2014-work-points"}})


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_front_matter_and_catalog_row_are_the_schema_in_its_order():
    meta = front_matter(render(DOC))
    row = json.loads(catalog([DOC]))["documents"][0]
    expected = [*schema.METADATA_KEYS, "source", *(f.name for f in schema.RECORD)]
    assert list(meta) == expected
    assert list(row) == [*expected, "url"]
    assert list(meta["source"]) == list(schema.SOURCE_KEYS) == list(row["source"])
    assert list(Source.__dataclass_fields__) == [k for k in schema.SOURCE_KEYS if k not in ("raw_path", "also_saved_as", "attachments")] + [
        "reposted"
    ]


def test_catalog_validates_against_the_published_json_schema():
    rows = json.loads(catalog([DOC]))
    jsonschema.Draft202012Validator.check_schema(schema.json_schema())
    jsonschema.validate(rows, schema.json_schema())
    # The schema is strict: a row with a field the schema lacks, or without one it has, is invalid.
    broken = json.loads(catalog([DOC]))
    broken["documents"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema.json_schema())
    del broken["documents"][0]["colour"], broken["documents"][0]["doc_type"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema.json_schema())


def test_the_committed_catalog_of_the_seeds_validates():
    rows = json.loads((ROOT / "docs" / "data" / "catalog.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, json.loads((ROOT / "docs" / "data" / "schema.json").read_text(encoding="utf-8")))


def test_about_page_lists_every_field_with_its_label():
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    for field in schema.METADATA + schema.RECORD:
        assert f"| `{field.name}` | {field.label} |" in about
    for field in schema.SOURCE:
        assert f"| `source.{field.name}` | {field.label} |" in about


def test_card_rows_come_from_the_schema():
    template = (ROOT / "overrides" / "partials" / "document-card.html").read_text(encoding="utf-8")
    renders = {row["render"] for row in schema.card_fields()}
    for render_kind in renders:
        assert f'row.render == "{render_kind}"' in template, render_kind
    # No label is written into the template: they all come from the schema.
    for field in schema.METADATA + schema.SOURCE + schema.RECORD:
        assert f">{field.label}</dt>" not in template


def test_sidecar_keys_are_the_curatable_fields(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    sidecar = tmp_path / "a.txt.meta.yaml"
    for field in schema.METADATA + schema.SOURCE:
        value = {"date": "2014-03-10", "year": 2014, "region_code": "370100", "topics": ["学前教育"]}.get(field.type, "文本")
        sidecar.write_text(yaml.safe_dump({field.name: value}, allow_unicode=True), encoding="utf-8")
        if field.curatable:
            assert field.name in read_sidecar(source)
        else:
            with pytest.raises(Exception, match="unknown fields"):
                read_sidecar(source)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"year": True}, "year must be a year such as 2023, not true/false"),
        ({"year": 1800}, "year 1800 is not a year"),
        ({"title": True}, "must be text"),
        ({"date_written": "2014-13-40"}, "not a calendar date"),
        ({"region_code": "999999"}, "not a GB/T 2260"),
        ({"topics": ["不存在"]}, "topic vocabulary"),
    ],
)
def test_curated_values_are_checked_by_type(value, problem):
    with pytest.raises(ValueError, match=problem):
        validate_curated(value)


# Shapes a careless or hostile sidecar gives a field. Each is wrong for every curatable field: a whole number is
# text to no text field and no year or region code at 12.
WRONG_SHAPES = {
    "a nested list": [["学前教育", "义务教育"]],
    "a list in a list of words": ["学前教育", ["义务教育"]],
    "a mapping": {"学前教育": "义务教育"},
    "a list of mappings": [{"a": 1}],
    "a decimal number": 3.5,
    "a whole number": 12,
    "a boolean": True,
    "a list of text": ["文本"],
}


@pytest.mark.parametrize("shape", WRONG_SHAPES, ids=list(WRONG_SHAPES))
@pytest.mark.parametrize("field", [f.name for f in schema.METADATA + schema.SOURCE if f.curatable])
def test_a_sidecar_value_of_the_wrong_shape_is_a_rejection_naming_the_sidecar_and_the_field(tmp_path, field, shape):
    from policy_archive.read import ReadError

    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text(yaml.safe_dump({field: WRONG_SHAPES[shape]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReadError) as rejection:
        read_sidecar(source)
    assert str(rejection.value).startswith(f"sidecar a.txt.meta.yaml: {field} "), str(rejection.value)


def test_nested_topics_are_a_named_rejection_of_the_source_not_an_internal_error(tmp_path):
    from policy_archive.pipeline import convert_all

    (tmp_path / "a.txt").write_text("济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("topics: [[学前教育, 义务教育]]\n", encoding="utf-8")
    docs, outcomes = convert_all(tmp_path)
    assert not docs
    assert [(o.status, o.reason) for o in outcomes] == [
        ("rejected", "sidecar a.txt.meta.yaml: topics must be a list of words, and one of them is a list")
    ]


def test_characters_xml_cannot_hold_leave_a_curated_value_with_a_warning(tmp_path):
    from policy_archive.exports import atom_feed
    from policy_archive.knowledge import in_chinese
    from policy_archive.pipeline import convert_all

    (tmp_path / "a.txt").write_text(
        "济南市教育局2014年工作要点\n一、学前教育\n1.扩大普惠性幼儿园。\n济南市教育局\n2014年3月10日\n", encoding="utf-8"
    )
    # YAML's escapes give what a file's bytes cannot: U+FFFF, a lone surrogate, a form feed, ESC.
    (tmp_path / "a.txt.meta.yaml").write_text(
        'title: "济南市\\uFFFF教育局\\uD800工作\\f要点\\e"\nsite: "\\uFFFE某网站"\n', encoding="utf-8"
    )
    (doc,) = convert_all(tmp_path)[0]
    assert (doc.metadata["title"], doc.source.site) == ("济南市教育局工作要点", "某网站")
    warnings = [w for w in doc.warnings if "XML" in w]
    assert warnings == [
        "removed 4 character(s) that XML cannot hold from the curated title",
        "removed 1 character(s) that XML cannot hold from the curated site",
    ]
    assert in_chinese(warnings[0]) == "已从人工校订的标题中去除 4 个 XML 无法容纳的字符。"
    assert "<title>济南市教育局工作要点</title>" in atom_feed([doc])


def test_catalog_csv_has_a_bom_and_the_schema_columns():
    import csv
    import io

    from policy_archive.exports import catalog_csv

    text = catalog_csv([DOC])
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0])[: len(schema.METADATA_KEYS)] == list(schema.METADATA_KEYS)
    assert rows[0]["title"] == "济南市教育局2014年工作要点" and rows[0]["source.format"] == "txt"
    assert rows[0]["topics"] == "；".join(DOC.metadata["topics"]) and rows[0]["county"] == ""


def test_the_dates_roles_are_the_schemas():
    dates = {f.name for f in schema.METADATA if f.type == "date"}
    assert schema.DOCUMENT_DATE == ("date_written", "date_published", "date_printed", "date_effective")
    assert schema.PUBLIC_DATE == ("date_published", "date_written")
    assert set(schema.DOCUMENT_DATE) <= dates and set(schema.PUBLIC_DATE) <= dates
    both = {"date_written": "2014-03-10", "date_published": "2014-03-12", "date_printed": "2014-03-11"}
    assert schema.first_date(both) == "2014-03-10" and schema.first_date({"date_printed": "2014-03-11"}) == "2014-03-11"
    assert schema.first_date({"date_written": None}) is None
    # The feeds date a document by when it entered public view.
    assert _feed_date(DOC.__class__(**{**DOC.__dict__, "metadata": {**DOC.metadata, **both}})) == "2014-03-12"
    assert (
        _feed_date(DOC.__class__(**{**DOC.__dict__, "metadata": {**DOC.metadata, "date_published": None}})) == DOC.metadata["date_written"]
    )


_SCRIPT_FILTER = re.compile(r'\{ key: "([^"]+)", param: "([^"]+)", label: "([^"]+)"(?:, after: "([^"]+)")? \}')


def test_search_filters_are_the_schemas():
    filters = [f for _, f in schema.SEARCH_FILTERS]
    assert [f.rank for f in filters] == list(range(1, len(filters) + 1))
    # The card writes each filter (data-pagefind-filter), and only those.
    card = (ROOT / "overrides" / "partials" / "document-card.html").read_text(encoding="utf-8")
    assert set(re.findall(r'data-pagefind-filter="([^"]+)"', card)) == {f.label for f in filters}
    # A script that lists the filters itself lists the schema's, in its order.
    expected = [(f.label, f.param, f.label, f.after or "") for f in filters]
    for script in sorted((ROOT / "overrides" / "assets" / "javascripts").rglob("*.js")):
        listed = _SCRIPT_FILTER.findall(script.read_text(encoding="utf-8"))
        assert not listed or listed == expected, script.name
