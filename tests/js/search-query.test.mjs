// search/query.js: the query parsed, 文号 keys, a page's grade; search/convertible.js: the characters that need the converter.
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const q = await browserModule("search/query.js");
const { holdsConvertible } = await browserModule("search/convertible.js");

test("compact drops every white space and lowers the case", () => {
  assert.equal(q.compact("  PDF 文件\t教育\n局 "), "pdf文件教育局");
  assert.equal(q.compact(undefined), "");
});

test("a 文号's key is the same whatever brackets, spaces or 第 it is typed with", () => {
  const key = "济教字202322号";
  for (const typed of ["济教字〔2023〕22号", "济教字[2023]22号", "济教字(2023)22号", "济教字（2023）22号", "济教字【2023】22号",
    "济教字［2023］第22号", "济教字 2023 22号", "济教字{2023}22号", "济教字<2023>22号"]) {
    assert.equal(q.docnoKey(typed), key, typed);
  }
  assert.notEqual(q.docnoKey("济教字〔2023〕23号"), key);
});

test("a 文号 is searched as its three parts and matched by its key", () => {
  const parsed = q.parseQuery(" 济教字〔2023〕第22号 ");
  assert.deepEqual(parsed, { text: "济教字〔2023〕第22号", engineQuery: "济教字 2023 22号", docno: "济教字202322号", terms: [] });
  assert.equal(q.parseQuery("济教字 [2023] 22 号").engineQuery, "济教字 2023 22号");
  assert.equal(q.parseQuery("鲁教基字2019年5号").engineQuery, "鲁教基字 2019 5号");
  // Not a 文号: a year outside 19xx/20xx, no 号, or no issuer's characters in front.
  for (const text of ["济教字〔1899〕22号", "济教字〔2023〕22", "〔2023〕22号", "2023年22号"]) assert.equal(q.parseQuery(text).docno, null, text);
});

test("any other query is its words, white space made one space", () => {
  assert.deepEqual(q.parseQuery("  课后服务 \t 双减  "), { text: "课后服务 双减", engineQuery: "课后服务 双减", docno: null, terms: ["课后服务", "双减"] });
  assert.deepEqual(q.parseQuery("").terms, []);
  assert.deepEqual(q.parseQuery(null).terms, []);
});

test("the converter, where given, converts the query before it is read", () => {
  const convert = (text) => text.replace(/學/g, "学").replace(/則/g, "则");
  assert.deepEqual(q.parseQuery("學前教育", convert).terms, ["学前教育"]);
  assert.equal(q.parseQuery("學前教育", convert).text, "学前教育");
  assert.equal(q.parseQuery("學前教育").text, "學前教育");
});

test("only a query with a character the tables may change needs the converter", () => {
  for (const text of ["學前教育", "課後服務", "教育局關於", "𠁞"]) assert.ok(holdsConvertible(text), text);
  for (const text of ["学前教育", "课后服务", "济教字〔2023〕22号", "abc 123", ""]) assert.ok(!holdsConvertible(text), text);
});

const PAGE = {
  meta: { title: "关于做好学前教育工作的通知", docno: "济教字〔2023〕22号" },
  anchors: [
    { element: "h1", text: "关于做好学前教育工作的通知" },
    { element: "h2", text: "一、课后 服务" },
    { element: "p", text: "师德师风建设" },
  ],
  content: "关于做好学前教育工作的通知. 一、课后 服务. 加强师德师风建设。推进双减。",
};

test("each word is graded by its best place: title, 文号, heading, text; a missing word fails the page", () => {
  const grade = (raw) => q.grade(PAGE, q.parseQuery(raw));
  assert.equal(grade("学前教育"), q.TITLE);
  assert.equal(grade("2023"), q.DOCNO_TIER);
  assert.equal(grade("课后服务"), q.HEADING); // the heading's space is not a word break
  assert.equal(grade("双减"), q.BODY);
  assert.equal(grade("师德"), q.BODY); // a paragraph's anchor is not a heading
  assert.equal(grade("学前教育 双减"), q.TITLE + q.BODY);
  assert.equal(grade("学前教育 高考"), 0);
  assert.equal(grade("学前 教育"), 2 * q.TITLE);
  assert.ok(q.TITLE > q.DOCNO_TIER && q.DOCNO_TIER > q.HEADING && q.HEADING > q.BODY && q.BODY > 0);
});

test("a 文号 query matches the page's own 文号 above one its text only cites", () => {
  assert.equal(q.grade(PAGE, q.parseQuery("济教字[2023]22号")), q.DOCNO_TIER);
  const citing = { meta: { title: "另一个通知", docno: "济教字〔2024〕1号" }, content: "根据《通知》（济教字〔2023〕22号）要求" };
  assert.equal(q.grade(citing, q.parseQuery("济教字（2023）22号")), q.BODY);
  assert.equal(q.grade(citing, q.parseQuery("济教字〔2023〕23号")), 0);
  assert.equal(q.grade({ content: "" }, q.parseQuery("济教字〔2023〕22号")), 0);
});

test("words side by side: two matched positions that follow each other", () => {
  assert.ok(q.adjacentWords({ words: [9, 3, 4] }));
  assert.ok(!q.adjacentWords({ words: [1, 3, 5] }));
  assert.ok(!q.adjacentWords({ words: [7] }));
  assert.ok(!q.adjacentWords({}));
  const r = { words: [5, 4] };
  q.adjacentWords(r);
  assert.deepEqual(r.words, [5, 4], "the result's own list is left as it was");
});
