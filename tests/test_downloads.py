"""Every document page offers its clean text, its Markdown and its source, and the site holds them."""

import gzip
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
        for suffix in ("txt", "md"):
            assert f'<a href="{row["id"]}.{suffix}.gz" download data-archive-gunzip="{row["id"]}.{suffix}">' in page
        raw = row["source"]["raw_path"]
        assert f'href="../../{raw}"' in page  # (the page is documents/ID/: two folders below the root)
        folder = tmp_path / "documents" / row["id"]
        assert gzip.decompress((folder / f"{row['id']}.txt.gz").read_bytes()).decode("utf-8") == row["text"] + "\n"
        assert gzip.decompress((folder / f"{row['id']}.md.gz").read_bytes()) == (DOCS / "documents" / f"{row['id']}.md").read_bytes()
        assert not (folder / f"{row['id']}.txt").exists() and not (folder / f"{row['id']}.md").exists()
    # The same text gives the same bytes (no time or name in the gzip header).
    again = tmp_path / "again"
    write_site_texts(DOCS, again)
    first = rows[0]["id"]
    assert (again / "documents" / first / f"{first}.md.gz").read_bytes() == (tmp_path / "documents" / first / f"{first}.md.gz").read_bytes()
