"""Every document page offers its clean text, its Markdown and its source, and the site holds them."""

import gzip
import json
from pathlib import Path

from policy_archive.render import text_in_markdown, text_of_markdown
from policy_archive.site_data import write_site_texts

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_each_page_links_its_downloads_and_the_site_holds_them(tmp_path):
    write_site_texts(DOCS, tmp_path)
    rows = [json.loads(line) for line in (DOCS / "data" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        page = (DOCS / "documents" / f"{row['id']}.md").read_text(encoding="utf-8")
        assert f'<a href="{row["id"]}.md.gz" download data-archive-gunzip="{row["id"]}.md">' in page
        raw = row["source"]["raw_path"]
        assert f'href="../../{raw}"' in page  # (the page is documents/ID/: two folders below the root)
        folder = tmp_path / "documents" / row["id"]
        assert gzip.decompress((folder / f"{row['id']}.md.gz").read_bytes()) == (DOCS / "documents" / f"{row['id']}.md").read_bytes()
        # The text: taken out of the Markdown where that gives it back exactly (every seed), else stored on its own.
        how = text_in_markdown(page, row["text"])
        assert how in ("heading", "body")
        assert text_of_markdown(page, how == "heading") == row["text"]
        assert f'<a href="{row["id"]}.md.gz" download data-archive-gunzip="{row["id"]}.txt" data-archive-text="{how}">' in page
        assert not (folder / f"{row['id']}.txt.gz").exists()
        assert not (folder / f"{row['id']}.txt").exists() and not (folder / f"{row['id']}.md").exists()
    # The same text gives the same bytes (no time or name in the gzip header).
    again = tmp_path / "again"
    write_site_texts(DOCS, again)
    first = rows[0]["id"]
    assert (again / "documents" / first / f"{first}.md.gz").read_bytes() == (tmp_path / "documents" / first / f"{first}.md.gz").read_bytes()


def test_a_text_the_markdown_does_not_give_back_is_stored_on_its_own(tmp_path):
    """Where undoing the Markdown would not give the text exactly, the page links ID.txt.gz and the site holds it."""
    from policy_archive.document import Block, Document, Source
    from policy_archive.render import render

    def page(text: str) -> str:
        doc = Document(
            source=Source(file="x.txt", sha256="0" * 64, format="txt"),
            blocks=(Block("title", "标题"), Block("paragraph", text)),
            metadata={"id": "x-doc", "title": "标题", "year": 2023},
        )
        return render(doc, relations=_NoRelations())

    kept = page("正文（2023-2025年），*强调* &lt; 1\\.")
    assert 'data-archive-gunzip="x-doc.txt" data-archive-text="heading"' in kept
    assert text_of_markdown(kept, True) == "标题\n正文（2023-2025年），*强调* &lt; 1\\."
    # Leading spaces are dropped by escape_markdown: that text cannot come back from the Markdown.
    lost = page("  缩进的正文")
    assert text_in_markdown(lost, "标题\n  缩进的正文") is None
    assert '<a href="x-doc.txt.gz" download data-archive-gunzip="x-doc.txt">' in lost
    # The site holds that text on its own, and none for a page whose script takes the text out of its Markdown.
    for doc_id, markdown, text in (("x-doc", lost, "标题\n  缩进的正文"), ("y-doc", kept.replace("x-doc", "y-doc"), "标题")):
        (tmp_path / "docs" / "documents").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "data").mkdir(exist_ok=True)
        (tmp_path / "docs" / "documents" / f"{doc_id}.md").write_text(markdown, encoding="utf-8")
        (tmp_path / "docs" / "data" / "documents.jsonl").write_text(json.dumps({"id": doc_id, "text": text}) + "\n", encoding="utf-8")
        write_site_texts(tmp_path / "docs", tmp_path / "site")
    stored = tmp_path / "site" / "documents" / "x-doc" / "x-doc.txt.gz"
    assert gzip.decompress(stored.read_bytes()).decode("utf-8") == "标题\n  缩进的正文\n"
    assert not (tmp_path / "site" / "documents" / "y-doc" / "y-doc.txt.gz").exists()
    # A Markdown without the end of its front matter is read from its first line (as the script reads it).
    assert text_of_markdown("---\n正文", False) == ""
    assert text_of_markdown("# 标题\n\n正文", True) == "标题\n正文"


class _NoRelations:
    def cites(self, doc):
        return []

    def cited_by(self, doc):
        return []
