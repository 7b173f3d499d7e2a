"""The cross-reference and statistics pages on a phone (issue 27), in Debian's chromium: each document named by its
title, touch targets of at least 24 × 24 px, chart labels at least 11 px, topic names whole, nothing wider than
the screen but the overview that scrolls in its box."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest_site import serve_directory
from policy_archive.archive import Settings, build_archive

ROOT = Path(__file__).resolve().parents[1]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
TARGET = 24  # px, WCAG 2.2 (2.5.8)
LABEL = 11  # px, the smallest chart label on a phone
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("tables")
    build_archive(Settings(sources=ROOT / "seeds", docs=work / "docs", site=work / "www" / "sub", cache=None, config=ROOT / "mkdocs.yml"))
    with serve_directory(work / "www") as url:
        yield url + "sub/"


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_the_cross_reference_names_each_document_and_its_links_are_touch_targets(phone, site):
    phone.goto(site + "xref/2023/")
    rows = phone.locator(".archive-xref table:not([data-archive-matrix]) tbody tr")
    assert rows.count() >= 1
    label = rows.first.locator("td").first.inner_text()
    assert "济宁市教育局关于印发2023年" in label and "济宁市 · 通知" in label
    # The per-document table is read down the screen: nothing in it wider than the phone.
    box = phone.locator(".archive-xref table:not([data-archive-matrix])").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    small = phone.eval_on_selector_all(
        ".archive-xref__topic a, .archive-xref table[data-archive-matrix] td:not(:first-child) a",
        f"""els => els.filter(e => e.getBoundingClientRect().width > 0)
                 .map(e => e.getBoundingClientRect())
                 .filter(r => r.width < {TARGET} - 0.5 || r.height < {TARGET} - 0.5).map(r => [r.width, r.height])""",
    )
    assert not small, small[:5]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "phone-xref-2023.png"), full_page=True)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_the_statistics_labels_are_at_least_11_px_and_topic_names_whole_on_a_phone(phone, site):
    phone.goto(site + "stats/")
    sizes = phone.eval_on_selector_all(
        "svg.archive-chart",
        """svgs => svgs.filter(s => s.getBoundingClientRect().width > 0).flatMap(s => {
             const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
             return [...s.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
           })""",
    )
    assert sizes and min(sizes) >= LABEL, min(sizes)
    print(f"smallest chart label on a phone: {min(sizes):.1f} px")
    # In the heat map's table each topic's name stands on one line (学前教育, never 学前教 / 育).
    lines = phone.eval_on_selector_all(
        ".archive-heat-table tbody td:first-child a",
        """els => els.map(a => { const r = document.createRange(); r.selectNodeContents(a);
             const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top))); return [a.textContent, tops.size]; })""",
    )
    assert lines and all(n == 1 for _, n in lines), [x for x in lines if x[1] != 1]
    # The charts' links are no image's children (axe: nested-interactive): each chart is a named group.
    roles = phone.eval_on_selector_all(
        "svg.archive-chart", "svgs => svgs.map(s => [s.getAttribute('role'), s.getAttribute('aria-labelledby')])"
    )
    assert roles and all(role == "group" and name for role, name in roles)
    phone.screenshot(path=str(SHOTS / "phone-stats.png"), full_page=True)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", ["xref/2023/", "stats/"])
def test_axe_finds_no_target_smaller_than_24_px(phone, site, path):
    """axe's target-size rule (WCAG 2.2, 2.5.8; off by default) on the pages of this change, as a phone."""
    phone.goto(site + path)
    phone.add_script_tag(path=str(ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"))
    result = phone.evaluate("async () => await axe.run(document, {runOnly: ['target-size'], resultTypes: ['violations']})")
    assert not [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
