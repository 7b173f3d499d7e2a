// search/catalog.js: Pagefind's files read without Pagefind (gzip, CBOR), the catalog, the summary.
import test from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { browserModule } from "./browser-modules.mjs";

const c = await browserModule("search/catalog.js");
const bytes = (...b) => new Uint8Array(b);
const utf8 = (text) => new TextEncoder().encode(text);

test("CBOR as Pagefind writes it: integers of every length, negatives, strings, byte strings, arrays, maps", () => {
  assert.equal(c.decodeCbor(bytes(0x17)), 23);
  assert.equal(c.decodeCbor(bytes(0x18, 0xff)), 255);
  assert.equal(c.decodeCbor(bytes(0x19, 0x01, 0x00)), 256);
  assert.equal(c.decodeCbor(bytes(0x1a, 0x00, 0x01, 0x00, 0x00)), 65536);
  assert.equal(c.decodeCbor(bytes(0x1b, 0, 0, 0, 1, 0, 0, 0, 0)), 2 ** 32);
  assert.equal(c.decodeCbor(bytes(0x20)), -1);
  assert.equal(c.decodeCbor(bytes(0x38, 0x63)), -100);
  assert.equal(c.decodeCbor(bytes(0x63, ...utf8("年份").subarray(0, 3))), "年");
  assert.deepEqual([...c.decodeCbor(bytes(0x42, 7, 8))], [7, 8]);
  assert.deepEqual(c.decodeCbor(bytes(0x83, 0x01, 0x82, 0x02, 0x03, 0x61, 0x61)), [1, [2, 3], "a"]);
  assert.deepEqual(c.decodeCbor(bytes(0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x80)), { a: 1, b: [] });
  assert.deepEqual([c.decodeCbor(bytes(0xf5)), c.decodeCbor(bytes(0xf4)), c.decodeCbor(bytes(0xf6))], [true, false, null]);
  const long = "学".repeat(30);
  assert.equal(c.decodeCbor(bytes(0x78, 90, ...utf8(long))), long);
  assert.throws(() => c.decodeCbor(bytes(0x1c)), /unsupported length/);
  assert.throws(() => c.decodeCbor(bytes(0xc1)), /unsupported type 6/);
});

test("a Pagefind file: gunzipped and its signature taken off; an unpacked one as it is; anything else refused", async () => {
  const payload = bytes(0x82, 0x01, 0x02);
  const file = new Uint8Array([...utf8("pagefind_dcd"), ...payload]);
  assert.deepEqual([...(await c.inflate(new Uint8Array(gzipSync(file))))], [...payload]);
  assert.deepEqual([...(await c.inflate(file))], [...payload], "a server that already unpacked it");
  await assert.rejects(c.inflate(new Uint8Array(gzipSync(utf8("something else entirely")))), /not a Pagefind file/);
});

test("gunzip unpacks gzip and leaves other bytes as they are", async () => {
  const text = utf8("{\"version\": 1}");
  assert.deepEqual([...(await c.gunzip(new Uint8Array(gzipSync(text))))], [...text]);
  assert.equal(await c.gunzip(text), text);
});

/** A bundle's metadata: three pages, a date order (page 2 newest, page 0 oldest, page 1 undated) and two filters. */
const META = [
  "1.5.2",
  [["h0", 10], ["h1", 20], ["h2", 30]],
  [["a", "b", "idx"]],
  [["年份", "f_year"], ["省份", "f_prov"]],
  [["date", [0, 2]]],
];
const CHUNKS = [
  ["年份", [["2021", [0]], ["2023", [2, 1]]]],
  ["省份", [["山东省", [0, 2]], ["江苏省", [1, 9]]]],
];

test("a bundle's pages, their date rank and filter values", () => {
  const pages = c.addFilterValues(c.metaPages(META, "/sub/pagefind/"), CHUNKS);
  assert.deepEqual(pages, [
    { bundle: "/sub/pagefind/", hash: "h0", values: { 年份: ["2021"], 省份: ["山东省"] }, year: "2021", rank: 0.5 },
    { bundle: "/sub/pagefind/", hash: "h1", values: { 年份: ["2023"], 省份: ["江苏省"] }, year: "2023", rank: -1 },
    { bundle: "/sub/pagefind/", hash: "h2", values: { 年份: ["2023"], 省份: ["山东省"] }, year: "2023", rank: 1 },
  ]);
  assert.deepEqual(c.metaFilters(META), [["年份", "f_year"], ["省份", "f_prov"]]);
  assert.throws(() => c.metaPages(["1.0", {}, [], [], []], "b/"), /unknown Pagefind metadata layout/);
  assert.throws(() => c.metaPages(["1.0", [[1, 2]], [], [], []], "b/"), /unknown Pagefind metadata layout/);
});

function catalog() {
  const first = c.addFilterValues(c.metaPages(META, "/p/"), CHUNKS);
  const second = [{ bundle: "/p1/", hash: "h0", values: { 年份: ["2024"], 省份: ["江苏省"] }, year: "2024", rank: 0.2 }];
  return new c.Catalog([first, second], (page) => Promise.resolve(`${page.bundle}${page.hash}`));
}

test("the catalog lists newest first (by year, then date rank), undated pages last, and filters", async () => {
  const cat = catalog();
  const listed = cat.browse({});
  assert.deepEqual(listed.map((r) => r.pages[0].bundle + r.id), ["/p1/h0", "/p/h2", "/p/h0", "/p/h1"]);
  assert.equal(await listed[0].data(), "/p1/h0");
  assert.deepEqual(cat.browse({ 省份: "山东省" }).map((r) => r.id), ["h2", "h0"]);
  assert.deepEqual(cat.browse({ 省份: "山东省", 年份: "2023" }).map((r) => r.id), ["h2"]);
  assert.deepEqual(cat.browse({ 省份: "北京市" }), []);
});

test("narrowing Pagefind's results: a hash may name a page of each bundle", () => {
  const cat = catalog();
  const narrowed = cat.narrow([{ id: "h0" }, { id: "h1" }, { id: "zz" }], { 省份: "江苏省" });
  assert.deepEqual(narrowed.map((r) => [r.id, r.pages.length]), [["h0", 2], ["h1", 1]]);
  assert.equal(cat.narrow([{ id: "zz" }], {}).length, 1, "no filter: every result, even one the catalog lacks");
});

test("counts: how many results hold each value, a result counted once per value", () => {
  const cat = catalog();
  const counts = cat.counts(cat.narrow([{ id: "h0" }, { id: "h2" }], {}));
  assert.deepEqual(counts, { 年份: { 2021: 1, 2024: 1, 2023: 1 }, 省份: { 山东省: 2, 江苏省: 1 } });
  assert.ok(c.passes({ values: { a: ["x", "y"] } }, { a: "y" }));
  assert.ok(!c.passes({ values: {} }, { a: "y" }));
});

test("a fragment's address is under the site's root; its text without word breaks; its opening words", () => {
  assert.equal(c.pageUrl("/sub/", "/documents/a/"), "/sub/documents/a/");
  assert.equal(c.pageUrl("/sub/", "documents/a/"), "/sub/documents/a/");
  assert.equal(c.pageUrl("/", "https://example.org/x/"), "https://example.org/x/");
  assert.equal(c.pageUrl("/", "//cdn.example/x"), "//cdn.example/x");
  const words = Array.from({ length: 50 }, (_, i) => `词${i}`);
  const data = c.fragmentData({ url: "/documents/a/", content: words.join("\u200B"), meta: {} }, "/sub/");
  assert.equal(data.url, "/sub/documents/a/");
  assert.equal(data.raw_url, "/documents/a/");
  assert.equal(data.content, words.join(""));
  assert.equal(data.plain_excerpt, words.slice(0, 40).join(""));
  assert.equal(c.fragmentPath("/sub/pagefind/", "zh_1"), "/sub/pagefind/fragment/zh_1.pf_fragment");
});

test("a listed document of the summary is a fragment's data: only its string facts", () => {
  const data = c.summaryData({ url: "documents/a/", title: "标题", docno: "", issuer: 7, date: "2023-05-02", excerpt: "开头", hash: "h" }, "/sub/");
  assert.deepEqual(data, {
    raw_url: "documents/a/", url: "/sub/documents/a/", meta: { title: "标题", date: "2023-05-02" }, content: "", anchors: [], plain_excerpt: "开头",
  });
  assert.equal(c.summaryData({}, "/").plain_excerpt, "");
});

const SUMMARY = () => ({
  version: 1, pages: 3, bundles: ["pagefind/"], listing: [{ hash: "h0", bundle: 0 }],
  filters: { 年份: [["2023", 2], ["2021", "1"], [5, 1], "bad"], 省份: [] },
  places: [["山东省", [["济宁市", ["任城区", "", "兖州区"]], ["济南市", []], ["", []]]], ["江苏省", "bad"]],
});

test("the summary is read for its own bundles only; its counts as {filter: {value: count}}", () => {
  const summary = c.readSummary(SUMMARY(), ["pagefind/"], ["/sub/pagefind/"]);
  assert.deepEqual(summary.counts, { 年份: { 2023: 2, 2021: 1 }, 省份: {} });
  assert.throws(() => c.readSummary(SUMMARY(), ["pagefind/", "pagefind-1/"], ["/a/", "/b/"]), /unknown summary layout/);
  assert.throws(() => c.readSummary({ ...SUMMARY(), version: 2 }, ["pagefind/"], ["/p/"]), /unknown summary layout/);
  assert.throws(() => c.readSummary({ ...SUMMARY(), listing: [{ hash: "h", bundle: 1 }] }, ["pagefind/"], ["/p/"]), /unknown summary layout/);
  assert.throws(() => c.readSummary(null, ["pagefind/"], ["/p/"]), /unknown summary layout/);
});

test("the summary's places: a province's cities, a city's counties", () => {
  const summary = SUMMARY();
  assert.deepEqual(c.summaryPlaces(summary, "山东省"), { 济宁市: 0, 济南市: 0 });
  assert.deepEqual(c.summaryPlaces(summary, "山东省", "济宁市"), { 任城区: 0, 兖州区: 0 });
  assert.deepEqual(c.summaryPlaces(summary, "山东省", "济南市"), {});
  assert.deepEqual(c.summaryPlaces(summary, "江苏省"), {});
  assert.deepEqual(c.summaryPlaces({}, "山东省"), {});
});

test("a query's index chunks, found as Pagefind finds them: each word's first chunk whose bounds, cut to its length, enclose it", () => {
  const chunks = [["0", "6", "zh_a"], ["严正", "事故", "zh_b"], ["多次", "安排", "zh_c"], ["学会", "对", "zh_d"], ["工作", "龙", "zh_e"]];
  assert.deepEqual(c.chunksFor(chunks, ["学前教育"]), ["zh_c"]);
  assert.deepEqual(c.chunksFor(chunks, ["学前教育", "学前教育", "工作"]), ["zh_c", "zh_e"]);
  assert.deepEqual(c.chunksFor(chunks, []), []);
  assert.deepEqual(c.chunksFor(undefined, ["学"]), []);
  // A word between two chunks: the chunk that encloses its longest prefix (Pagefind indexed 学前 there).
  const gap = [["处级", "学前", "zh_p"], ["学区", "实习", "zh_q"]];
  assert.deepEqual(c.chunksFor(gap, ["学前教育"]), ["zh_p"]);
  assert.deepEqual(c.chunksFor(gap, ["学区"]), ["zh_q"]);
});

test("a query's words as Pagefind's search splits them (Intl.Segmenter), lower case, each once, no punctuation", () => {
  assert.deepEqual(c.queryWords("学前教育", "zh"), ["学前教育"]);
  assert.deepEqual(c.queryWords("PDF 学前教育，学前教育", "zh"), ["pdf", "学前教育"]);
  assert.deepEqual(c.queryWords("", "zh"), []);
});

test("an index chunk's pages for a word: page numbers are deltas; a word it begins with when none begins with it", () => {
  const chunk = [[
    ["学会", [[2, [-25, 5], []]], []],
    ["学前", [[3, [-25, 214, 103], []], [4, [-25, 9], []]], []],
    ["学前教育", [[7, [-25, 1], []]], []],
  ]];
  assert.deepEqual(c.chunkPages(chunk, "学前教育"), [[7, 1]]);
  assert.deepEqual(c.chunkPages(chunk, "学前"), [[3, 2], [7, 2]]);
  assert.deepEqual(c.chunkPages(chunk, "学前班"), [[3, 2], [7, 1]]);
  assert.deepEqual(c.chunkPages(chunk, "体育"), []);
  assert.deepEqual(c.chunkPages(null, "学"), []);
});
