"""引用本文's BibTeX entry (archive-cite.js, an ES module run by Node) as a BibTeX parser reads it: the document's facts come
back exactly, whatever LaTeX specials its title holds. (The script's own Node tests: tests/js, run by test_browser_units.py.)"""

import json
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from pylatexenc import latex2text

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "archive-cite.js"
#: Imports the browser's ES modules under Node (tests/js/browser-modules.mjs).
MODULES = ROOT / "tests" / "js" / "browser-modules.mjs"
HOSTILE_TITLE = "关于 & % $ # _ { } ~ ^ \\ 的通知：{未闭合的括号与 100% 的 A&B_C}}"


def _bibtex(facts: dict) -> str:
    """The entry the page's script makes of these facts."""
    program = (
        f"import {{ browserModule }} from {json.dumps(MODULES.as_uri())};"
        f"const cite = await browserModule({json.dumps(SCRIPT.name)});"
        "process.stdout.write(cite.bibtex(JSON.parse(process.argv[1])));"
    )
    run = ["node", "--input-type=module", "-e", program, json.dumps(facts)]
    return subprocess.run(run, capture_output=True, text=True, check=True).stdout


def _latex_text() -> latex2text.LatexNodes2Text:
    """LaTeX to text, with the meaning LaTeX gives \\textbraceleft, \\textbraceright (pylatexenc has neither) and
    \\textasciicircum (pylatexenc gives U+02C6 for this ^)."""
    context = latex2text.get_default_latex_context_db()
    macros = [
        latex2text.MacroTextSpec(name, simplify_repl=text)
        for name, text in (("textbraceleft", "{"), ("textbraceright", "}"), ("textasciicircum", "^"))
    ]
    context.add_context_category("latex-text-symbols", macros=macros, prepend=True)
    return latex2text.LatexNodes2Text(latex_context=context)


def _documents() -> list[dict]:
    rows = json.loads((ROOT / "docs" / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"]
    facts = [
        {
            "id": row["id"],
            "title": row["title"] or "",
            "issuer": row["issuer"] or "",
            "docno": row["doc_number"] or "",
            "date": row["date_published"] or row["date_written"] or "",
            "url": f"https://example.org/{row['url']}#sec-1",
            "accessed": "2026-12-07",
            "archive": "地方教育政策文件库",
        }
        for row in rows
    ]
    hostile = {**facts[0], "id": "hostile", "title": HOSTILE_TITLE, "issuer": "A&B\\C_{D}~^ 教育局", "docno": "#1 $2"}
    return [*facts, hostile]


@pytest.mark.parametrize("facts", _documents(), ids=lambda f: f["id"])
def test_a_bibtex_parser_reads_back_the_documents_facts(facts):
    library = bibtexparser.parse_string(_bibtex(facts))
    assert not library.failed_blocks and len(library.entries) == 1
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("misc", facts["id"])
    values = {field.key: field.value for field in entry.fields}
    text = _latex_text()
    assert text.latex_to_text(values["title"]) == facts["title"]
    if facts["issuer"]:
        assert text.latex_to_text(values["author"]) == facts["issuer"]
    if facts["docno"]:
        assert text.latex_to_text(values["number"]) == facts["docno"]
    assert (values["url"], values["urldate"]) == (facts["url"], facts["accessed"])  # (url is verbatim)


def test_the_hostile_title_is_among_the_entries_checked():
    assert any(f["title"] == HOSTILE_TITLE for f in _documents())
    assert all(c in HOSTILE_TITLE for c in "&%$#_{}~^\\")
