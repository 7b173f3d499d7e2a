"""Helpers for the site tests: a tiny fixture docs/ that follows the pipeline's contract, and a static server.

``write_fixture_docs(docs_dir, sources_dir)`` writes a few document pages (one of them hostile: markup and
Jinja in front matter and body) plus every page referenced from mkdocs.yml's nav, and returns the
``sources`` list for :func:`policy_archive.site.build_site`.  The browser tests build either this fixture or,
when ``POLICY_ARCHIVE_DOCS`` names a generated docs/ (with ``POLICY_ARCHIVE_SOURCES`` = the folder of the
source files named by ``source.file``, default: seeds/), the real archive.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path
from typing import Iterator

import yaml

HOSTILE = "</title><script>alert(1)</script><img src=x onerror=alert(2)>{{ config }}"
HOSTILE_ESCAPED_MD = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;{{ config }}"


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def _doc_meta(**kw) -> dict:
    meta = {
        "id": None, "title": None, "doc_number": None, "issuer": None, "index_number": None,
        "date_written": None, "date_published": None, "date_effective": None, "year": None,
        "validity": None, "province": None, "city": None, "county": None, "region_code": None,
        "doc_type": None, "topics": [], "source": None, "original_script": "hans", "inferred": [],
        "warnings": [],
    }
    meta.update(kw)
    return meta


DOCUMENTS = [
    # (meta, body markdown, raw source text, raw source target)
    (
        _doc_meta(
            id="370100-2014-work-points",
            title="济南市教育局2014年工作要点",
            doc_number="济教发〔2014〕5号",
            issuer="济南市教育局",
            index_number="11370100004188427X/2014-00031",
            date_written="2014-02-20",
            date_published="2014-02-25",
            year=2014,
            validity="有效",
            province="山东省",
            city="济南市",
            region_code="370100",
            doc_type="工作要点",
            topics=["学前教育", "教师队伍建设"],
            source={"file": "000_aaaa.txt", "sha256": "0" * 64, "url": "http://jnedu.jinan.gov.cn/art/2014/2/25/art_1.html",
                    "site": "济南市教育局", "encoding": "gb18030", "format": "txt", "raw_path": "sources/000_aaaa.txt"},
        ),
        "# 济南市教育局2014年工作要点\n\n2014年全市教育工作的总体要求是：深化教育领域综合改革。\n\n"
        "## 一、大力发展学前教育 {#sec-1}\n\n实施第二期学前教育三年行动计划，新建、改扩建幼儿园100所。\n{: #sec-1-item-1 }\n\n"
        "## 二、加强教师队伍建设 {#sec-2}\n\n完善中小学教师补充机制。\n{: #sec-2-item-1 }\n",
        "济南市教育局2014年工作要点\n大力发展学前教育\n",
        "sources/000_aaaa.txt",
    ),
    (
        _doc_meta(
            id="370800-2023-notice-22",
            title="济宁市教育局关于印发2023年济宁市“教育部基础教育综合改革实验区”重点任务清单的通知",
            doc_number="济教字〔2023〕22号",
            issuer="济宁市教育局",
            index_number="11370800004311076F/2023-01985",
            date_written="2023-03-30",
            year=2023,
            province="山东省",
            city="济宁市",
            region_code="370800",
            doc_type="通知",
            topics=["党建与廉政", "德育与思政", "教育信息化"],
            source={"file": "003_de90ec9362fc9610.txt", "sha256": "a" * 64, "url": None, "site": None,
                    "encoding": "utf-8", "format": "txt", "raw_path": "sources/003_de90ec9362fc9610.txt"},
            inferred=["year"],
        ),
        "# 济宁市教育局关于印发2023年济宁市“教育部基础教育综合改革实验区”重点任务清单的通知\n\n各县（市、区）教育和体育局：\n\n"
        "## 一、深化思政课一体化建设 {#sec-1}\n\n推进大中小学思政课一体化共同体建设。\n{: #sec-1-item-1 }\n\n"
        "## 二、推进教育数字化 {#sec-2}\n\n建设智慧教育平台。\n{: #sec-2-item-1 }\n",
        "济宁市教育局关于印发……的通知\n",
        "sources/003_de90ec9362fc9610.txt",
    ),
    (
        _doc_meta(
            id="440300-2019-hostile",
            title=HOSTILE,
            doc_number="<b>深教〔2019〕1号</b>",
            issuer="<img src=x onerror=alert(3)>",
            index_number="{% raw %}{{ 7*7 }}",
            date_written="2019-01-01",
            year=2019,
            validity="\"><script>alert(5)</script>",
            province="广东省",
            city="<svg onload=alert(6)>",
            region_code="440300",
            doc_type="意见",
            topics=["学前教育", "<script>alert(7)</script>"],
            source={"file": "009_bad.html", "sha256": "b" * 64, "url": "javascript:alert(4)",
                    "site": "<i>x</i>", "encoding": "utf-8", "format": "html", "raw_path": "sources/009_bad.html.txt"},
            original_script="hant",
            inferred=["year", "<u>city</u>"],
            warnings=["标题含有 <script>alert(8)</script>"],
        ),
        f"# {HOSTILE_ESCAPED_MD}\n\n正文提到学前教育普惠发展，以及 {HOSTILE_ESCAPED_MD}。\n\n"
        "## 一、学前教育 {#sec-1}\n\n&lt;iframe src=javascript:alert(9)&gt;&lt;/iframe&gt;\n{: #sec-1-item-1 }\n",
        "<html><body><script>alert('raw source')</script>学前教育</body></html>\n",
        "sources/009_bad.html.txt",
    ),
]

NAV_PAGES = {
    "index.md": "# 地方教育政策文件库\n\n城市与区县教育局年度工作要点、工作意见、任务清单的开放检索档案。\n\n"
    "- [济南市教育局2014年工作要点](documents/370100-2014-work-points.md)\n"
    "- [济宁市重点任务清单](documents/370800-2023-notice-22.md)\n"
    "- [可疑文件](documents/440300-2019-hostile.md)\n",
    "search.md": "# 检索\n\n<div id=\"archive-search\" class=\"archive-search\"></div>\n",
    "about.md": "# 关于\n\n本站收录公开的地方教育政策文件。\n",
    "years/index.md": "# 按年份\n\n- [2014](2014.md)\n- [2019](2019.md)\n- [2023](2023.md)\n",
    "years/2014.md": "# 2014年\n\n- [济南市教育局2014年工作要点](../documents/370100-2014-work-points.md)\n",
    "years/2019.md": "# 2019年\n\n- [可疑文件](../documents/440300-2019-hostile.md)\n",
    "years/2023.md": "# 2023年\n\n- [济宁市重点任务清单](../documents/370800-2023-notice-22.md)\n",
    "places/index.md": "# 按地区\n\n- [山东省](370000.md)\n",
    "places/370000.md": "# 山东省\n\n- [济南市教育局2014年工作要点](../documents/370100-2014-work-points.md)\n",
    "topics/index.md": "# 按主题\n\n- 学前教育\n",
    "xref/index.md": "# 交叉引用\n\n暂无。\n",
}


def write_fixture_docs(docs_dir: Path, sources_dir: Path) -> list[tuple[Path, str]]:
    """Write the fixture docs/ into ``docs_dir`` and raw sources into ``sources_dir``; return ``sources``."""
    docs_dir = Path(docs_dir)
    sources_dir = Path(sources_dir)
    for rel, text in NAV_PAGES.items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (docs_dir / "data").mkdir(parents=True, exist_ok=True)
    (docs_dir / "data" / "catalog.json").write_text("[]\n", encoding="utf-8")
    (docs_dir / "documents").mkdir(parents=True, exist_ok=True)
    sources: list[tuple[Path, str]] = []
    sources_dir.mkdir(parents=True, exist_ok=True)
    for meta, body, raw, target in DOCUMENTS:
        (docs_dir / "documents" / f"{meta['id']}.md").write_text(_front_matter(meta) + body, encoding="utf-8")
        raw_file = sources_dir / Path(target).name
        raw_file.write_text(raw, encoding="utf-8")
        sources.append((raw_file.resolve(), target))
    return sources


def sources_from_docs(docs_dir: Path, sources_dir: Path) -> list[tuple[Path, str]]:
    """For a real generated docs/: ``(sources_dir / source.file, source.raw_path)`` of every document page
    (what ``pipeline.raw_sources`` gives ``build_site``)."""
    out: dict[str, Path] = {}
    for md in sorted(Path(docs_dir, "documents").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        source = meta.get("source") or {}
        if source.get("raw_path") and source.get("file"):
            out[source["raw_path"]] = (Path(sources_dir) / source["file"]).resolve()
    return [(path, raw) for raw, path in out.items()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[str]:
    """Serve ``root`` on http://127.0.0.1:<port or a free port>/ in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
