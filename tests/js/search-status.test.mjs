// search/ranking.js (the status lines): what the header box and the search page say of their results.
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const s = await browserModule("search/ranking.js");

/** A ranking as the status functions read it. */
function ranking({ query = { text: "学前教育" }, ranked = 0, results = 10, checked = 10, done = true, stopped = false, total = null } = {}) {
  return {
    query, total, checked,
    ranked: Array.from({ length: ranked }, () => ({})),
    results: Array.from({ length: results }, () => ({})),
    done: () => done,
    stopped: () => stopped,
  };
}

test("the header box: found, finding, none (with the candidates seen when it stopped), or still searching", () => {
  assert.equal(s.headerStatus(ranking({ ranked: 3 }), false), "找到 3 个文件含“学前教育”");
  assert.equal(s.headerStatus(ranking({ ranked: 2, done: false }), false), "含“学前教育”的文件：");
  assert.equal(s.headerStatus(ranking(), false), "没有文件含“学前教育”");
  assert.equal(s.headerStatus(ranking({ done: false, stopped: true, checked: 40 }), false), "没有文件含“学前教育”（已查看前 40 个候选）");
  assert.equal(s.headerStatus(ranking(), true), "正在检索…", "the query may still change once the converter is here");
  assert.equal(s.headerStatus(ranking({ done: false }), false), "正在检索…");
});

test("the search page browsing: every document or those of the filters, by date; more while some are not shown", () => {
  const browse = (o) => ranking({ query: null, ...o });
  assert.deepEqual(s.pageStatus(browse({ ranked: 20, total: 265 }), 20, false, false), { status: "全部文件 265 个，按日期排列", moreHidden: false });
  assert.deepEqual(s.pageStatus(browse({ ranked: 7, results: 7 }), 20, true, false), { status: "符合筛选条件的文件 7 个，按日期排列", moreHidden: true });
  assert.deepEqual(s.pageStatus(browse({ ranked: 0, results: 0 }), 20, true, false), { status: "没有符合筛选条件的文件", moreHidden: true });
  assert.equal(s.pageStatus(browse({ ranked: 5, results: 30 }), 20, false, false).status, "正在载入…");
});

test("the search page with a query: none, found, found so far (a floor), or searching", () => {
  assert.deepEqual(s.pageStatus(ranking(), 20, false, false), { status: "没有文件含“学前教育”", moreHidden: true });
  assert.deepEqual(s.pageStatus(ranking(), 20, false, true), { status: "正在检索…", moreHidden: true });
  assert.deepEqual(s.pageStatus(ranking({ ranked: 20 }), 20, false, false), { status: "找到 20 个含“学前教育”的文件", moreHidden: true });
  assert.deepEqual(s.pageStatus(ranking({ ranked: 21 }), 20, false, false), { status: "找到 21 个含“学前教育”的文件", moreHidden: false });
  assert.deepEqual(s.pageStatus(ranking({ ranked: 20, done: false, checked: 34, results: 90 }), 20, false, false), {
    status: "找到 20 个以上含“学前教育”的文件（已查看 34 / 90 个候选）",
    moreHidden: false,
  });
  assert.equal(s.pageStatus(ranking({ ranked: 3, done: false, stopped: true, checked: 80, results: 90 }), 20, false, false).status,
    "找到 3 个以上含“学前教育”的文件（已查看 80 / 90 个候选）");
  assert.deepEqual(s.pageStatus(ranking({ ranked: 3, done: false }), 20, false, false), { status: "正在检索… 已找到 3 个", moreHidden: true });
});

test("a wider search is offered once, for two Chinese characters or more, when every candidate is checked", () => {
  assert.ok(s.offersWider(ranking({ query: { text: "课后服务" } }), false));
  assert.ok(!s.offersWider(ranking({ query: { text: "课后服务" } }), true));
  assert.ok(!s.offersWider(ranking({ query: { text: "课后服务" }, done: false }), false));
  assert.ok(!s.offersWider(ranking({ query: { text: "课 a" } }), false));
  assert.ok(!s.offersWider(ranking({ query: null }), false));
});
