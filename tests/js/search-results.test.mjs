// search/results.js (the pure part): the sentence a result shows, the words marked in it, the address of the item that holds it.
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const x = await browserModule("search/results.js");
const { parseQuery } = await browserModule("search/query.js");

test("a sentence ends at Chinese end punctuation, a line break, or the '. ' after a heading", () => {
  const content = "一。二！三？四；五\n六. 七.八";
  for (const c of ["。", "！", "？", "；", "\n"]) assert.ok(x.endsSentence(content, content.indexOf(c)), JSON.stringify(c));
  assert.ok(x.endsSentence(content, content.indexOf(". ")));
  assert.ok(!x.endsSentence(content, content.lastIndexOf(".")), "a dot inside a word");
  assert.ok(!x.endsSentence(content, 0));
});

test("the sentence around a word, with its end mark; '…' where it is cut", () => {
  const content = "第一句。推进学前教育普及普惠发展。第三句";
  assert.equal(x.sentenceAt(content, content.indexOf("学前"), 2), "推进学前教育普及普惠发展。");
  assert.equal(x.sentenceAt("学前教育在开头", 0, 2), "学前教育在开头");
  const long = "甲".repeat(100) + "学前" + "乙".repeat(200);
  const cut = x.sentenceAt(long, 100, 2);
  assert.ok(cut.startsWith("…") && cut.includes("学前"));
  assert.equal(cut.length, 1 + 80 + 2 + 120 - 2 + 1, "80 characters before the word, up to 120 after its start, and one more");
});

test("the matching sentence prefers a sentence of the text to a heading", () => {
  const data = { content: "学前教育. 一、总体要求。各地要大力发展学前教育，扩大普惠性资源。", plain_excerpt: "开头" };
  const found = x.matchingSentence(data, parseQuery("学前教育"));
  assert.equal(found.text, "各地要大力发展学前教育，扩大普惠性资源。");
  assert.deepEqual(found.words, ["学前教育"]);
  assert.equal(x.matchingSentence({ content: "学前教育. 别的" }, parseQuery("学前教育")).text, "学前教育.", "only the heading holds it");
});

test("without the words in the text (or without a query, or for a 文号) the opening words are shown", () => {
  const data = { content: "正文与别的内容。", plain_excerpt: "正文与别的内容" };
  assert.deepEqual(x.matchingSentence(data, parseQuery("高考")), { text: "正文与别的内容", words: ["高考"] });
  assert.deepEqual(x.matchingSentence(data, null), { text: "正文与别的内容", words: [] });
  assert.deepEqual(x.matchingSentence(data, parseQuery("济教字〔2023〕22号")), { text: "正文与别的内容", words: [] });
  assert.deepEqual(x.matchingSentence({ content: "" }, null), { text: "", words: [] });
});

test("every occurrence of each word is marked, regular expression characters as written", () => {
  assert.deepEqual(x.markedParts("学前教育与双减，学前", ["学前", "双减"]), [
    ["学前", true], ["教育与", false], ["双减", true], ["，", false], ["学前", true],
  ]);
  assert.deepEqual(x.markedParts("a.b a+b (c)", ["a+b", "(c)"]), [["a.b ", false], ["a+b", true], [" ", false], ["(c)", true]]);
  assert.deepEqual(x.markedParts("没有词", []), [["没有词", false]]);
  assert.deepEqual(x.markedParts("没有词", ["", ""]), [["没有词", false]]);
});

test("a result links to the first item or heading (not the title) that holds the first word", () => {
  const data = {
    url: "/sub/documents/a/",
    anchors: [
      { element: "h1", id: "title", text: "学前教育通知" },
      { element: "p", id: "sec-1", text: "总体要求" },
      { element: "p", id: "sec-2", text: "发展 学前 教育" },
      { element: "h2", id: "part-3", text: "学前教育" },
      { element: "p", text: "学前教育 without id" },
    ],
  };
  assert.equal(x.resultUrl(data, parseQuery("学前教育 双减")), "/sub/documents/a/#sec-2");
  assert.equal(x.resultUrl(data, parseQuery("高考")), "/sub/documents/a/");
  assert.equal(x.resultUrl(data, null), "/sub/documents/a/");
  assert.equal(x.resultUrl(data, parseQuery("济教字〔2023〕22号")), "/sub/documents/a/");
  assert.equal(x.resultUrl({ ...data, url: "/sub/documents/a/#old" }, parseQuery("学前")), "/sub/documents/a/#sec-2");
});
