"""Building again over a finished site: only the pages whose Markdown changed are built and indexed again.

The real MkDocs and Pagefind run on the seeds (three documents a search shard, so that the archive has
two shards); a made-up document is then added, removed, and the configuration changed."""

import shutil
from pathlib import Path

import pytest

from policy_archive.archive import Settings, build_archive
from policy_archive.site import STAMP_SUFFIX, read_stamp, remove_stale_pages, shard_of, stamp_path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

ADDED = """\
淄博市教育局关于印发《淄博市教育局2031年工作要点》的通知
淄教发〔2031〕7号
各区县教育局：
现将《淄博市教育局2031年工作要点》印发给你们，请认真贯彻落实。
淄博市教育局
2031年2月20日
淄博市教育局2031年工作要点
一、学前教育
1.新增普惠性幼儿园学位3000个，学前三年毛入园率达到98%以上。
二、校园安全
2.开展防溺水专题教育，覆盖全部中小学。
"""


def _settings(tmp_path: Path, config: Path = ROOT / "mkdocs.yml", clean: bool = False) -> Settings:
    return Settings(
        sources=tmp_path / "sources",
        docs=tmp_path / "docs",
        site=tmp_path / "site",
        config=config,
        cache=tmp_path / "cache",
        workers=1,
        shard_pages=3,
        clean=clean,
    )


def _page_times(site: Path) -> dict[str, int]:
    return {p.parent.name: p.stat().st_mtime_ns for p in (site / "documents").glob("*/index.html")}


def _bundle_times(site: Path) -> dict[str, int]:
    return {p.name: (p / "pagefind-entry.json").stat().st_mtime_ns for p in site.glob("pagefind*")}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("incremental")
    shutil.copytree(SEEDS, tmp_path / "sources")
    build_archive(_settings(tmp_path))
    return tmp_path


def test_a_first_build_leaves_a_stamp_with_two_search_shards(archive):
    stamp = read_stamp(archive / "site")
    assert stamp and set(stamp["shards"]) == {"pagefind/", "pagefind-1/"}
    assert list(stamp["sources"]) == sorted(stamp["sources"]) and len(stamp["sources"]) == 5


def test_adding_a_document_builds_its_page_and_indexes_its_shard_only(archive):
    site = archive / "site"
    pages, bundles = _page_times(site), _bundle_times(site)
    raw = {p: p.stat().st_mtime_ns for p in (site / "sources").rglob("*") if p.is_file()}
    (archive / "sources" / "900_added.txt").write_text(ADDED, encoding="utf-8")
    build_archive(_settings(archive))
    after = _page_times(site)
    (added,) = set(after) - set(pages)
    assert "淄博市教育局2031年工作要点" in (site / "documents" / added / "index.html").read_text(encoding="utf-8")
    # The other documents' Markdown did not change, so neither did their pages.
    assert all(after[doc] == pages[doc] for doc in pages)
    changed = f"{'pagefind' if shard_of(added, 2) == 0 else 'pagefind-1'}"
    kept = ({"pagefind", "pagefind-1"} - {changed}).pop()
    now = _bundle_times(site)
    assert now[kept] == bundles[kept] and now[changed] != bundles[changed]
    # The raw copies of the other sources are not copied again.
    assert all(p.stat().st_mtime_ns == t for p, t in raw.items())
    # The year listing of the new year is a new page.
    assert (site / "years" / "2031" / "index.html").is_file()
    assert stamp_path(site).is_file() and not any(p.name.endswith(STAMP_SUFFIX) for p in site.rglob("*"))


def test_removing_the_document_removes_its_page_its_source_and_its_listings(archive):
    site = archive / "site"
    (archive / "sources" / "900_added.txt").unlink()
    build_archive(_settings(archive))
    assert not (site / "years" / "2031").exists()
    assert not any("2031" in p.name for p in (site / "documents").iterdir())
    assert not any(p.name == "900_added.txt" for p in (site / "sources").rglob("*"))
    assert len(_page_times(site)) == 5


def test_another_configuration_or_clean_builds_every_page_again(archive, tmp_path):
    site = archive / "site"
    before = _page_times(site)
    config = archive / "mkdocs-other.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(
        text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}") + "\ncopyright: 另一配置\n", encoding="utf-8"
    )
    build_archive(_settings(archive, config=config))
    after = _page_times(site)
    assert all(after[doc] != before[doc] for doc in before)
    build_archive(_settings(archive, config=config, clean=True))
    assert all(t != after[doc] for doc, t in _page_times(site).items())


def test_stale_pages_are_those_without_markdown(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    for page in ("index.md", "years/index.md", "years/2014.md"):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# x\n", encoding="utf-8")
    for page in ("index.html", "years/index.html", "years/2014/index.html", "years/2013/index.html", "assets/x/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<p>x</p>", encoding="utf-8")
    assert remove_stale_pages(docs, site) == 1
    assert not (site / "years" / "2013").exists() and (site / "years" / "2014" / "index.html").is_file()
    assert (site / "assets" / "x" / "index.html").is_file()


def test_a_third_page_of_a_site_changes_the_other_pages_on_the_next_build(tmp_path):
    """The furniture a site teaches is learned in each build: the third page of one site makes its header
    furniture on the two pages built before, whose conversions are cached."""
    from test_site_furniture import FOOTER, HEADER, write_pages

    lines = (HEADER[1], *FOOTER)  # (as the page's Markdown prints them)

    write_pages(tmp_path / "sources", range(2))
    settings = Settings(sources=tmp_path / "sources", docs=tmp_path / "docs", site=None, cache=tmp_path / "cache", workers=1)

    def pages() -> list[str]:
        return [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "docs" / "documents").glob("*.md"))]

    build_archive(settings)
    before = pages()
    assert len(before) == 2 and all(line in page for page in before for line in lines)
    write_pages(tmp_path / "sources", [2])
    build_archive(settings)
    after = pages()
    assert len(after) == 3 and not any(line in page for page in after for line in lines)
