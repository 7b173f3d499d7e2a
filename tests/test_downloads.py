"""Every document page offers its clean text, its Markdown and its source, and the site holds them."""

import json
from pathlib import Path

from policy_archive.write import write_site_texts

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_each_page_links_its_downloads_and_the_site_holds_them(tmp_path):
    write_site_texts(DOCS, tmp_path)
    rows = [json.loads(line) for line in (DOCS / "data" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        page = (DOCS / "documents" / f"{row['id']}.md").read_text(encoding="utf-8")
        assert f'<a href="{row["id"]}.txt" download>' in page and f'<a href="{row["id"]}.md" download>' in page
        raw = row["source"]["raw_path"]
        assert f'href="../../{raw}"' in page  # (the page is documents/ID/: two folders below the root)
        folder = tmp_path / "documents" / row["id"]
        assert (folder / f"{row['id']}.txt").read_text(encoding="utf-8") == row["text"] + "\n"
        assert (folder / f"{row['id']}.md").read_bytes() == (DOCS / "documents" / f"{row['id']}.md").read_bytes()
