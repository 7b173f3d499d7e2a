"""What the build writes for a phone on a slow network (issue 27): the search page's table of its bundles' index
chunks (site/pagefind_files.py, write_search_page_files) and the site's own scripts minified (site/minify.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policy_archive.site import minify, pagefind_files
from policy_archive.site.pagefind_files import SEARCH_PAGE, SEARCH_PAGE_FILES, bundle_index, decode_cbor, pagefind_file

ROOT = Path(__file__).resolve().parent.parent
ELEMENT = re.compile(r'<script id="' + SEARCH_PAGE_FILES + r'" type="application/json">([^<]*)</script>')


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    from policy_archive.archive import Settings, build_archive

    work = tmp_path_factory.mktemp("phone")
    build_archive(Settings(sources=ROOT / "seeds", docs=work / "docs", site=work / "site", cache=None, config=ROOT / "mkdocs.yml"))
    return work / "site"


def _table(site: Path):
    (text,) = ELEMENT.findall((site / SEARCH_PAGE).read_text(encoding="utf-8"))
    return json.loads(text)


def test_the_search_page_names_each_bundles_index_and_its_chunks(seed_site):
    table = _table(seed_site)
    assert set(table) == {"pagefind/"}
    for bundle, files in table.items():
        folder = seed_site / bundle
        index = bundle_index(folder)
        assert files["languages"]["zh"] == {"hash": index["hash"], "page_count": index["page_count"]}
        meta, _ = decode_cbor(pagefind_file(folder / f"pagefind.{index['hash']}.pf_meta"))
        assert files["chunks"][index["hash"]] == [[str(c[0]), str(c[1]), str(c[2])] for c in meta[2]]
        for _, _, chunk in files["chunks"][index["hash"]]:
            assert (folder / "index" / f"{chunk}.pf_index").is_file(), chunk


def test_the_table_is_escaped_for_a_script_element_and_left_out_when_too_large(seed_site, monkeypatch):
    words = {"pagefind/": {"languages": {"zh": {"hash": "zh_1", "page_count": 1}}, "chunks": {"zh_1": [["</script><b>&", "z", "zh_2"]]}}}
    monkeypatch.setattr(pagefind_files, "search_page_files", lambda site, bundles: words)
    written = pagefind_files.write_search_page_files(seed_site, ["pagefind/"])
    html = (seed_site / SEARCH_PAGE).read_text(encoding="utf-8")
    (text,) = ELEMENT.findall(html)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == words and written == len(text.encode("utf-8"))
    monkeypatch.setattr(pagefind_files, "SEARCH_PAGE_FILES_BYTES", 10)
    assert pagefind_files.write_search_page_files(seed_site, ["pagefind/"]) == 0
    assert ELEMENT.findall((seed_site / SEARCH_PAGE).read_text(encoding="utf-8")) == ["null"]


def test_the_sites_own_scripts_are_minified_and_material_s_left_as_it_is(seed_site):
    scripts = seed_site / minify.SCRIPTS
    sources = ROOT / "overrides" / "assets" / "javascripts"
    own = sorted(p.relative_to(sources) for p in sources.rglob("*.js"))
    assert own, "no scripts in overrides"
    sizes = [0, 0]
    for relative in own:
        served = (scripts / relative).read_text(encoding="utf-8")
        source = (sources / relative).read_text(encoding="utf-8")
        assert served == minify.rjsmin.jsmin(source) and len(served) < len(source), relative
        sizes = [sizes[0] + len(served), sizes[1] + len(source)]
    assert sizes[0] < sizes[1] * 0.7, sizes
    assert minify.minify_scripts(seed_site) == 0, "minifying twice changes nothing"
    import material

    upstream = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    bundles = sorted(scripts.glob("bundle.*.min.js"))
    assert bundles and all(p.read_bytes() == (upstream / p.name).read_bytes() for p in bundles)
