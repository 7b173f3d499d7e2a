"""What the build reads back from the files Pagefind writes: the only module that knows their private layout (the
entry file's language indexes, the gzipped files behind their ``pagefind_dcd`` signature, the CBOR of a bundle's
metadata and filter files, the JSON of its fragments, the index chunks' folder). It was written against Pagefind
PAGEFIND_VERSION; tests/test_site.py checks the installed version and the layout, so that another Pagefind
version is noticed here and not on the search page.

From those files it writes, into each bundle, the list of index chunks the search box may fetch before a word is
typed (PREFETCH_FILE), into the first bundle the search page's first view (SUMMARY_FILE), and into the search
page's HTML its bundles' language indexes and word-index chunk bounds (SEARCH_PAGE_FILES)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from ..staging import write_atomic

#: The Pagefind version whose files this module was written for (and checked against, by tests/test_site.py).
PAGEFIND_VERSION = "1.5.2"

#: A loaded page (once idle) and the search box (when it gets focus) fetch a bundle's whole word index if it is at
#: most this big (a small archive, where every query needs the same chunk): a query typed then waits for no chunk;
#: a larger index is fetched chunk by chunk as words are typed. Written to PREFETCH_FILE in each bundle after Pagefind has run, since chunk names are hashes.
PREFETCH_INDEX_BYTES = 96 * 1024
PREFETCH_FILE = "archive-prefetch.json"

#: The search page's first view, written after Pagefind has run (SUMMARY_FILE in the first bundle): each filter's
#: values and counts, the province → city → county nesting and the first page of the listing without a query
#: (newest first), so that the page shows its selects and listing before anything is typed without Pagefind's
#: filter files and fragments (issue 12). Rewritten on every build, from the bundles as they are then.
SUMMARY_FILE = "archive-summary.json.gz"
#: Documents of the listing's first page (archive-search.js's PAGE_RESULTS).
SUMMARY_LISTING = 20
#: At most this many values of one filter, those on most documents (the rest: the client reads the filter's files
#: when the reader opens that select), so that the file stays small however many issuers the archive holds.
SUMMARY_VALUES = 300
#: Pagefind words of a document's text shown under a listed document (archive-search.js's plain_excerpt).
SUMMARY_EXCERPT_WORDS = 40
_JS_WHITESPACE = (
    " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: The search page (search/index.html) names in its HTML, in the element SEARCH_PAGE_FILES, each bundle's language
#: indexes and the bounds of their word-index chunks ([from, to, chunk], the metadata's own table), written after
#: Pagefind has run since the names are hashes: opened with a query, the page asks for the metadata and the query's
#: chunks from its head (main.html), beside its stylesheets, and not after the entry and the metadata have arrived
#: and its scripts have run (on a phone over a slow network two round trips and a second more). Left out (null)
#: past SEARCH_PAGE_FILES_BYTES of JSON, where the table would cost the page more than it saves: 1,000 documents
#: take 1.5 KB; the page then reads the entry and the metadata as before.
SEARCH_PAGE = "search/index.html"
SEARCH_PAGE_FILES = "archive-search-files"
SEARCH_PAGE_FILES_BYTES = 32 * 1024
# The element main.html writes (its content "null" until the bundles are known); the JSON in it holds no "<".
_SEARCH_PAGE_FILES_ELEMENT = re.compile(r'(<script id="' + SEARCH_PAGE_FILES + r'" type="application/json">)[^<]*(</script>)')
#: What Pagefind puts before the content of each of its files (inside their gzip).
_SIGNATURE = b"pagefind_dcd"


def write_prefetch_lists(site_dir: Path, bundles: list[str]) -> None:
    """For each Pagefind bundle, the index chunks the search box may fetch before a word is typed."""
    for bundle in bundles:
        folder = Path(site_dir) / bundle
        chunks = sorted((folder / "index").glob("*.pf_index"))
        size = sum(chunk.stat().st_size for chunk in chunks)
        index = [f"index/{chunk.name}" for chunk in chunks] if size <= PREFETCH_INDEX_BYTES else []
        write_atomic(folder / PREFETCH_FILE, json.dumps({"index": index}).encode("utf-8"))


def decode_cbor(data: bytes, at: int = 0) -> tuple[object, int]:
    """One CBOR value (the subset Pagefind writes: integers, strings, arrays, maps) and where it ends."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        return {20: False, 21: True}.get(info), at
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("CBOR: unsupported length")
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major == 2:
        return data[at : at + n], at + n
    if major == 3:
        return data[at : at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = decode_cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(n):
            key, at = decode_cbor(data, at)
            mapping[key], at = decode_cbor(data, at)
        return mapping, at
    raise ValueError(f"CBOR: unsupported type {major}")


def pagefind_file(path: Path) -> bytes:
    """A Pagefind file's content: gzip, then the signature Pagefind puts before it."""
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return data[len(_SIGNATURE) :]


def bundle_index(folder: Path) -> dict:
    """The language index of a bundle that the search page loads (the one with most pages, as for lang zh)."""
    languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8")).get("languages") or {}
    if "zh" in languages:
        return languages["zh"]
    return sorted(languages.values(), key=lambda index: -index.get("page_count", 0))[0]


def bundle_pages(folder: Path, k: int, counts: dict[str, dict[str, int]]) -> list[dict]:
    """The pages of the bundle `folder` (the k-th), each with its hash, its filters' values, its year and its rank
    in the bundle's date sort (-1: no date), in the order of the bundle's metadata; `counts` ({filter: {value:
    pages}}) is added to."""
    index = bundle_index(folder)
    meta, _ = decode_cbor(pagefind_file(folder / f"pagefind.{index['hash']}.pf_meta"))
    own = [{"bundle": k, "hash": page[0], "values": {}, "year": "", "rank": -1.0} for page in meta[1]]
    for sort in meta[4]:
        if sort[0] == "date":
            for position, n in enumerate(sort[1]):
                if n < len(own):
                    own[n]["rank"] = (position + 1) / len(sort[1])
    for _name, chunk in meta[3]:
        filter_name, entries = decode_cbor(pagefind_file(folder / "filter" / f"{chunk}.pf_filter"))[0]
        for value, members in entries:
            members = {n for n in members if n < len(own)}
            counts.setdefault(filter_name, {})[value] = counts.get(filter_name, {}).get(value, 0) + len(members)
            for n in sorted(members):
                own[n]["values"].setdefault(filter_name, []).append(value)
                if filter_name == "年份":
                    own[n]["year"] = value
    return own


def search_summary(site_dir: Path, bundles: list[str]) -> dict:
    """What the search page shows before anything is typed, read from the Pagefind bundles: every filter's values
    with the number of documents holding each (sorted by value), the places nested province → city → county, and
    the listing's first SUMMARY_LISTING documents in the order archive-search.js lists them (its Catalog.byDate:
    by the 年份 filter, then by the page's place in its bundle's date sort; pages without a date last)."""
    site_dir = Path(site_dir)
    pages: list[dict] = []
    counts: dict[str, dict[str, int]] = {}
    for k, bundle in enumerate(bundles):
        pages.extend(bundle_pages(site_dir / bundle, k, counts))
    filters, truncated = _filters(counts)
    # archive-search.js's Catalog.byDate: dated pages first, then by year and rank, both descending; stable.
    ordered = sorted(pages, key=lambda p: (p["rank"] >= 0, p["year"], p["rank"]), reverse=True)
    return {
        "version": 1,
        "bundles": list(bundles),
        "pages": len(pages),
        "filters": filters,
        "truncated": truncated,
        "places": _places(pages),
        "listing": [_listed(site_dir, bundles, page) for page in ordered[:SUMMARY_LISTING]],
    }


def _filters(counts: dict[str, dict[str, int]]) -> tuple[dict[str, list], list[str]]:
    """Each filter's [value, count] pairs, sorted by value, at most SUMMARY_VALUES of them (the most frequent);
    and the names of the filters that had more."""
    filters = {}
    truncated = []
    for name in sorted(counts):
        values = sorted((value, n) for value, n in counts[name].items() if n > 0)
        if len(values) > SUMMARY_VALUES:
            kept = {value for value, _ in sorted(values, key=lambda v: (-v[1], v[0]))[:SUMMARY_VALUES]}
            values = [v for v in values if v[0] in kept]
            truncated.append(name)
        filters[name] = [[value, n] for value, n in values]
    return filters, truncated


def _places(pages: list[dict]) -> list:
    """[[province, [[city, [county, …]], …]], …] of the pages' 省份, 城市 and 区县 filters, sorted."""
    places: dict = {}
    for page in pages:
        values = page["values"]
        for province in values.get("省份", [""]):
            cities = places.setdefault(province, {})
            for city in values.get("城市", [""]):
                counties = cities.setdefault(city, set())
                counties.update(values.get("区县", []))
    return [
        [province, [[city, sorted(counties)] for city, counties in sorted(cities.items())]] for province, cities in sorted(places.items())
    ]


def _listed(site_dir: Path, bundles: list[str], page: dict) -> dict:
    """A listed document as a result card shows it, from its fragment: address, meta fields and excerpt."""
    data = json.loads(pagefind_file(site_dir / bundles[page["bundle"]] / "fragment" / f"{page['hash']}.pf_fragment"))
    meta = data.get("meta") or {}
    words = (data.get("content") or "").split("\u200b")
    entry = {"bundle": page["bundle"], "hash": page["hash"], "url": data.get("url") or ""}
    for field in ("title", "docno", "issuer", "date", "place"):
        if meta.get(field):
            entry[field] = meta[field]
    entry["excerpt"] = "".join(words[:SUMMARY_EXCERPT_WORDS]).strip(_JS_WHITESPACE)
    return entry


def write_search_summary(site_dir: Path, bundles: list[str]) -> int:
    """SUMMARY_FILE in the first bundle (see search_summary), JSON in gzip; its size in bytes. Deterministic:
    sorted, no time."""
    data = json.dumps(search_summary(site_dir, bundles), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path = Path(site_dir) / bundles[0] / SUMMARY_FILE
    # gzip as Pagefind's own files (a quarter of the JSON's size); no file name or time in it: the same bytes each build.
    write_atomic(path, gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    return path.stat().st_size


def search_page_files(site_dir: Path, bundles: list[str]) -> dict:
    """{bundle: {"languages": the entry's language indexes, "chunks": {index hash: [[from, to, chunk]…]}}}."""
    files = {}
    for bundle in bundles:
        folder = Path(site_dir) / bundle
        languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8")).get("languages") or {}
        chunks = {}
        for index in languages.values():
            meta, _ = decode_cbor(pagefind_file(folder / f"pagefind.{index['hash']}.pf_meta"))
            chunks[index["hash"]] = [[str(c[0]), str(c[1]), str(c[2])] for c in meta[2]]
        kept = {lang: {"hash": index["hash"], "page_count": index.get("page_count", 0)} for lang, index in languages.items()}
        files[bundle] = {"languages": kept, "chunks": chunks}
    return files


def write_search_page_files(site_dir: Path, bundles: list[str]) -> int:
    """The search page's SEARCH_PAGE_FILES element filled (see there); the bytes of JSON written (0: none, or no
    search page). Index words are the documents' text: the JSON is escaped for an HTML script element."""
    page = Path(site_dir) / SEARCH_PAGE
    if not page.is_file():
        return 0
    data = json.dumps(search_page_files(site_dir, bundles), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if len(data.encode("utf-8")) > SEARCH_PAGE_FILES_BYTES:
        data = "null"
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    html = page.read_text(encoding="utf-8")
    filled = _SEARCH_PAGE_FILES_ELEMENT.sub(lambda m: m.group(1) + data + m.group(2), html, count=1)
    if filled != html:
        write_atomic(page, filled.encode("utf-8"))
    return 0 if data == "null" else len(data.encode("utf-8"))
