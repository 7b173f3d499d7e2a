// archive-page.js: a document's text taken out of its Markdown (as render.text_of_markdown does), the gzipped
// downloads unpacked, the ids that get a § link.
import test from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { browserModule } from "./browser-modules.mjs";

const page = await browserModule("archive-page.js");

const MARKDOWN = [
  "---",
  "id: 370800-2023-notice-22",
  "title: 关于印发的通知",
  "---",
  "",
  "# 关于印发的通知",
  "",
  "{: #sec-1 }",
  "一、总体要求",
  "",
  "## 二、主要任务 {#part-2}",
  "",
  "**附件：工作要点**",
  "",
  "1\\. 推进 \\*学前\\* 教育 &lt;普惠&gt; &amp; 发展",
  "",
  "---",
  "",
  "## 相关文件",
  "- [别的](../x/)",
].join("\n");

test("the text: front matter, anchor lines, heading marks and anchors, a later title's bold and the escapes gone", () => {
  assert.equal(page.textOfMarkdown(MARKDOWN, false), "一、总体要求\n二、主要任务\n附件：工作要点\n1. 推进 *学前* 教育 <普惠> & 发展");
});

test("with its heading, the page's title is the first line", () => {
  assert.equal(page.textOfMarkdown(MARKDOWN, true).split("\n")[0], "关于印发的通知");
  assert.equal(page.textOfMarkdown(MARKDOWN, true).split("\n").length, 5);
});

test("only the page's own heading, at the top, loses its mark; a later '# ' line is text", () => {
  const markdown = "---\nid: a\n---\n\n正文。\n# 不是标题";
  assert.equal(page.textOfMarkdown(markdown, true), "正文。\n# 不是标题");
});

test("without front matter the text starts at the first line; the rule before the relations ends it", () => {
  assert.equal(page.textOfMarkdown("# 标题\n正文\n---\n关系", false), "正文");
  assert.equal(page.textOfMarkdown("正文\n**粗**\n****", false), "正文\n粗\n****", "bold only around some text");
  assert.equal(page.textOfMarkdown("\\\\ \\` \\_ \\{ \\} \\[ \\] \\( \\) \\# \\+ \\- \\. \\! \\| \\a", false), "\\ ` _ { } [ ] ( ) # + - . ! | \\a");
  assert.equal(page.textOfMarkdown("&amp;lt;", false), "&lt;", "an entity unescaped once");
});

test("a heading line keeps its text, an anchor line is dropped only when it is one", () => {
  assert.equal(page.textOfMarkdown("###### 六级 {#sec-6}\n{: #sec-7 }\n{: #sec-8 } 正文\n####### 七 {#x}", false), "六级\n{: #sec-8 } 正文\n####### 七 {#x}");
});

test("a gzipped download is unpacked; one the server already unpacked is used as it is", async () => {
  const text = "第一行\n第二行\n";
  const gz = `data:application/gzip;base64,${gzipSync(Buffer.from(text)).toString("base64")}`;
  assert.equal(new TextDecoder().decode(await page.unpacked(gz)), text);
  const plain = `data:text/plain;base64,${Buffer.from(text).toString("base64")}`;
  assert.equal(new TextDecoder().decode(await page.unpacked(plain)), text);
});

test("a numbered item's id gets its § link; other ids do not", () => {
  for (const id of ["sec-1", "sec-2-task-4", "part-3", "p-12"]) assert.ok(page.ITEM_ID.test(id), id);
  for (const id of ["section-1", "sec-", "SEC-1", "x-sec-1", "sec-1 "]) assert.ok(!page.ITEM_ID.test(id), id);
});

test("the raw source is decoded in the charset its link names, never in one a page could inject", () => {
  const link = (charset) => ({ getAttribute: (name) => (name === "data-archive-charset" ? charset : null) });
  assert.equal(page.sourceCharset(link("gb18030")), "gb18030");
  assert.equal(page.sourceCharset(link(null)), "utf-8");
  assert.equal(page.sourceCharset(link("utf-8\"><script>")), "utf-8script");
  assert.equal(page.sourceCharset(link("\"<>")), "utf-8");
  assert.equal(page.SOURCE_ID, "source");
});
