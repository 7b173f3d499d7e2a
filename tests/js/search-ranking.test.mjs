// search/ranking.js: candidates checked in batches and ranked; the wider search's candidates.
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const { Ranking, FIRST_BATCH, CHECK_BATCH, widerCharacters, byCharacters } = await browserModule("search/ranking.js");
const { parseQuery } = await browserModule("search/query.js");

/** A Pagefind result whose text is `content` (title `title`), recording when its text is asked for. */
function candidate(id, content, { title = "", words = [] } = {}, asked = []) {
  return { id, words, data: () => { asked.push(id); return Promise.resolve({ url: `/${id}/`, meta: { title }, content }); } };
}

test("results are ranked by grade, then in Pagefind's order; a page without the words is no result", async () => {
  const results = [
    candidate("a", "学前教育在文中"),
    candidate("b", "别的内容"),
    candidate("c", "正文", { title: "学前教育通知" }),
    candidate("d", "也说学前教育"),
  ];
  const ranking = new Ranking(results, parseQuery("学前教育"));
  await ranking.fill(10, () => {}, () => true, 100);
  assert.deepEqual(ranking.ranked.map((r) => r.data.url), ["/c/", "/a/", "/d/"]);
  assert.ok(ranking.done());
  assert.ok(!ranking.stopped());
});

test("pages whose matched words stand side by side are checked first", () => {
  const results = [candidate("far", "x", { words: [1, 9] }), candidate("near", "x", { words: [4, 5] }), candidate("none", "x")];
  const ranking = new Ranking(results, parseQuery("课后 服务"));
  assert.deepEqual(ranking.results.map((r) => r.id), ["near", "far", "none"]);
  assert.deepEqual(ranking.results.map((r) => r.order), [1, 0, 2], "each keeps its place in Pagefind's order");
  assert.deepEqual(new Ranking(results.slice(), null).results.map((r) => r.id), ["far", "near", "none"], "browsing keeps the order");
});

test("the first batch is small, the next ones larger; fill stops once enough results are known", async () => {
  const asked = [];
  const results = Array.from({ length: 40 }, (_, i) => candidate(`p${i}`, i % 2 ? "无关" : "含双减的句子", {}, asked));
  const ranking = new Ranking(results, parseQuery("双减"));
  await ranking.next(null, 6);
  assert.equal(asked.length, FIRST_BATCH);
  await ranking.next(null, 6);
  assert.equal(asked.length, FIRST_BATCH + CHECK_BATCH);
  const fresh = [];
  const again = new Ranking(Array.from({ length: 40 }, (_, i) => candidate(`p${i}`, i % 2 ? "无关" : "含双减的句子", {}, fresh)), parseQuery("双减"));
  let updates = 0;
  await again.fill(6, () => updates++, () => true, 100);
  assert.ok(again.ranked.length >= 6 && fresh.length === FIRST_BATCH + CHECK_BATCH, `${again.ranked.length} results from ${fresh.length} checked`);
  assert.ok(updates >= again.ranked.length, "an update for each result as its text arrives");
  assert.ok(!again.done());
});

test("at the limit of candidates checked the ranking says it stopped", async () => {
  const results = Array.from({ length: 30 }, (_, i) => candidate(`p${i}`, "无关"));
  const ranking = new Ranking(results, parseQuery("双减"));
  await ranking.fill(6, () => {}, () => true, 14);
  assert.equal(ranking.checked, 14);
  assert.equal(ranking.ranked.length, 0);
  assert.ok(ranking.stopped() && !ranking.done());
});

test("a search no longer current stops checking", async () => {
  const asked = [];
  const ranking = new Ranking(Array.from({ length: 30 }, (_, i) => candidate(`p${i}`, "无关", {}, asked)), parseQuery("双减"));
  await ranking.fill(6, () => {}, () => asked.length < FIRST_BATCH, 100);
  assert.equal(asked.length, FIRST_BATCH);
});

test("browsing fetches exactly the documents wanted, each a result in order", async () => {
  const asked = [];
  const pages = Array.from({ length: 50 }, (_, i) => candidate(`p${i}`, "", {}, asked));
  const ranking = new Ranking(pages, null, 500);
  await ranking.fill(20, () => {}, () => true, 80);
  assert.equal(asked.length, 20);
  assert.deepEqual(ranking.ranked.map((r) => r.data.url), pages.slice(0, 20).map((p) => `/${p.id}/`));
  assert.equal(ranking.total, 500);
  assert.equal(new Ranking([], null).total, null);
});

test("extend adds only new candidates, after the others", () => {
  const ranking = new Ranking([candidate("a", ""), candidate("b", "")], null);
  ranking.extend([candidate("b", ""), candidate("c", ""), candidate("a", ""), candidate("d", "")]);
  assert.deepEqual(ranking.results.map((r) => [r.id, r.order]), [["a", 0], ["b", 1], ["c", 2], ["d", 3]]);
});

test("a wider search looks for the query's distinct Chinese characters, at most 8", () => {
  assert.deepEqual(widerCharacters("课后服务 课后 abc"), ["课", "后", "服", "务"]);
  assert.deepEqual(widerCharacters("一二三四五六七八九十"), ["一", "二", "三", "四", "五", "六", "七", "八"]);
  assert.deepEqual(widerCharacters("abc 2023"), []);
});

test("the wider search's pages: each once, those found for more characters first", () => {
  const r = (id) => ({ id });
  const found = [{ results: [r("a"), r("b")] }, null, { results: [r("c"), r("b")] }, { results: [r("b"), r("c"), r("d")] }];
  assert.deepEqual(byCharacters(found).map((x) => x.id), ["b", "c", "a", "d"]);
  assert.deepEqual(byCharacters([]), []);
});
