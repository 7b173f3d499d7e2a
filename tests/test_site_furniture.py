"""Furniture a site teaches (site_furniture): learned from its pages in each build, removed at the edges only."""

from __future__ import annotations

import random
from pathlib import Path

from policy_archive.pipeline import convert_all
from policy_archive.site_furniture import Edges, Page, edges, learn, may_be_learned

# Lines sites print around their pages that no pattern or shape tells from text (tests/corpus 120, 709, 300; the
# last a banner of the kind sites print).
HEADER = ("法搜网--中国法律信息搜索网", "今天是")
FOOTER = ("专题专栏", "政府网站年度工作报表", "阳光招生服务平台")
TITLES = (
    "关于做好2023年春季学期开学工作的通知",
    "关于开展中小学校园安全隐患排查治理的通知",
    "关于公布2023年义务教育学校招生结果的通知",
    "关于做好2023年暑期学生安全教育工作的通知",
)


def page(number: int, host: str = "jyj.example.gov.cn", header=HEADER, footer=FOOTER) -> str:
    lines = "".join(f"<div>{line}</div>" for line in header)
    tail = "".join(f"<div>{line}</div>" for line in footer)
    return f"""<html><head><meta property="og:url" content="https://{host}/art/{number}.html"></head><body>
{lines}<h1>{TITLES[number]}</h1>
<p>各县市区教育局：</p>
<p>为切实做好第{number + 1}项工作，现将有关事项通知如下。</p>
<p>一、提高认识，加强领导。各地要高度重视，确保各项工作落实到位。</p>
<p>某某市教育局</p><p>2023年{number + 2}月10日</p>{tail}
</body></html>"""


def write_pages(folder: Path, numbers, **kwargs) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"page{n}.html").write_text(page(n, **kwargs), encoding="utf-8")
    return folder


def texts(folder: Path, **kwargs) -> dict[str, tuple[str, ...]]:
    docs, _ = convert_all(folder, workers=1, **kwargs)
    return {doc.source.file: doc.paragraphs for doc in docs}


def test_a_header_and_footer_repeated_on_three_pages_are_removed_from_all_and_kept_as_evidence(tmp_path):
    docs, _ = convert_all(write_pages(tmp_path, range(3)), workers=1)
    assert len(docs) == 3
    for doc in docs:
        assert not set(HEADER + FOOTER) & set(doc.paragraphs)
        assert sorted(doc.evidence_for("site_furniture")) == sorted(HEADER + FOOTER)
        # The document itself is whole: title, addressee, sentences, signature and date.
        assert doc.paragraphs[1:] == (
            "各县市区教育局：",
            f"为切实做好第{TITLES.index(doc.metadata['title']) + 1}项工作，现将有关事项通知如下。",
            "一、提高认识，加强领导。各地要高度重视，确保各项工作落实到位。",
            "某某市教育局",
            doc.paragraphs[-1],
        )


def test_a_line_repeated_on_only_two_pages_is_kept(tmp_path):
    for paragraphs in texts(write_pages(tmp_path, range(2))).values():
        assert set(HEADER + FOOTER) <= set(paragraphs)


def test_pages_of_other_sites_do_not_teach_one_another(tmp_path):
    write_pages(tmp_path / "a", range(2))
    write_pages(tmp_path / "b", [2], host="jyj.other.gov.cn")
    for paragraphs in texts(tmp_path).values():
        assert set(HEADER) <= set(paragraphs)


def test_the_addressee_and_signature_every_page_repeats_are_never_removed(tmp_path):
    for paragraphs in texts(write_pages(tmp_path, range(4))).values():
        assert "各县市区教育局：" in paragraphs
        assert "某某市教育局" in paragraphs


def test_a_repeated_line_between_the_title_and_the_signature_stays(tmp_path):
    # The same short line printed after the title of every page is in the body, not at an edge.
    folder = tmp_path / "s"
    folder.mkdir()
    for n in range(3):
        html = page(n).replace("<p>各县市区教育局：</p>", "<p>各县市区教育局：</p><p>专题专栏</p>")
        (folder / f"page{n}.html").write_text(html, encoding="utf-8")
    for paragraphs in texts(folder).values():
        assert "专题专栏" in paragraphs  # (learned from the pages' feet, where it is removed)
        assert paragraphs.count("专题专栏") == 1
        assert not set(HEADER) & set(paragraphs)


def test_the_order_of_the_sources_does_not_change_the_output(tmp_path):
    first = write_pages(tmp_path / "first", range(4))
    second = tmp_path / "second"
    second.mkdir()
    for k, n in enumerate([3, 1, 0, 2]):  # the same pages under names that sort in another order
        (second / f"z{9 - k}-{n}.html").write_text(page(n), encoding="utf-8")
    a = sorted(texts(first).values())
    b = sorted(texts(second).values())
    assert a == b
    assert not set(HEADER) & {line for paragraphs in a for line in paragraphs}


def test_adding_a_third_page_of_a_site_updates_the_other_pages_on_the_next_cached_build(tmp_path):
    cache = tmp_path / "cache"
    folder = write_pages(tmp_path / "sources", range(2))
    before = texts(folder, cache_dir=cache)
    assert all(set(HEADER) <= set(p) for p in before.values())
    assert texts(folder, cache_dir=cache) == before  # (from the cache: unchanged)
    write_pages(folder, [2])
    after = texts(folder, cache_dir=cache)
    assert set(after) == {"page0.html", "page1.html", "page2.html"}
    assert all(not set(HEADER + FOOTER) & set(p) for p in after.values())
    assert texts(folder, cache_dir=cache) == after  # (the learned conversions from the cache)
    (folder / "page2.html").unlink()
    assert texts(folder, cache_dir=cache) == before  # two pages again: nothing is learned


def test_a_line_on_three_pages_of_seven_is_not_learned():
    pages = [Page("example.gov.cn", str(k), Edges(("通知公告 | 政策文件",) if k < 3 else (), ())) for k in range(7)]
    assert learn(pages) == {}
    pages += [Page("example.gov.cn", "7", Edges(("通知公告 | 政策文件",), ()))]
    assert learn(pages) == {}  # (4 of 8 is not more than half)
    pages += [Page("example.gov.cn", "8", Edges(("通知公告 | 政策文件",), ()))]
    assert learn(pages) == {"example.gov.cn": (frozenset({"通知公告 | 政策文件"}), frozenset())}


def test_copies_of_one_page_count_once_and_learning_ignores_order():
    edges = Edges(("设为首页 | 加入收藏",), ("技术支持：某某网络科技有限公司",))
    copies = [Page("example.gov.cn", "same text", edges) for _ in range(5)]
    assert learn(copies) == {}
    pages = [Page("example.gov.cn", str(k), edges) for k in range(3)] + [Page("other.cn", str(k), edges) for k in range(2)]
    for seed in range(5):
        random.Random(seed).shuffle(pages)
        assert learn(pages) == {"example.gov.cn": (frozenset(edges.head), frozenset(edges.tail))}


def test_lines_a_document_prints_at_its_edges_are_never_learned():
    for line in (
        "各县市区教育局：",  # an addressee
        "附件：2023年招生计划表",
        "某某市教育局",  # a signature
        "2023年3月10日",
        "为切实做好开学工作，现将有关事项通知如下。",
        "一、总体要求",
        "抄送：省教育厅",
        "（此件公开发布）",  # a note below the date (tests/corpus 433)
        "规范性文件 |",  # a table's cell, as a flattened table prints it
        "0 | |",
    ):
        assert not may_be_learned(line), line
    assert may_be_learned("无障碍 简体 | 繁体 长者模式")
    assert may_be_learned("法搜网--中国法律信息搜索网")


def test_a_page_whose_body_never_ends_has_no_tail_to_learn_from():
    from policy_archive.document import Block, Document, Source

    names = ("张三 李四 王五", "赵六 钱七")  # a list of names, the same on a school's every 公示
    paragraphs = ("2023年优秀教师评选结果公示", *names)
    doc = Document(Source("a.html", "0", "html"), paragraphs=paragraphs, blocks=(Block("title", paragraphs[0]),))
    assert edges(doc) == Edges((), ())
    signed = Document(doc.source, paragraphs=(*paragraphs, "某某中学", "2023年6月1日", "专题专栏"), blocks=doc.blocks)
    assert edges(signed) == Edges((), ("专题专栏",))
