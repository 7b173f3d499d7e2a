// The citation formats of archive-cite.js, as pure functions: `node --test tests/js/` (tests/test_cite.py runs it).
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const cite = await browserModule("archive-cite.js");

const FACTS = {
  id: "370800-2023-notice-22",
  title: "济宁市教育局关于印发2023年济宁市教育工作要点的通知",
  issuer: "济宁市教育局",
  docno: "济教字〔2023〕22号",
  date: "2023-05-02",
  url: "https://example.org/documents/370800-2023-notice-22/#sec-2-task-4",
  accessed: "2026-12-07",
  archive: "地方教育政策文件库",
};

function fields(entry) {
  return Object.fromEntries(entry.split("\n").slice(1, -1).map((line) => line.replace(/,$/, "").trim().split(" = ")));
}

test("every value of the entry is braced, urldate too", () => {
  const entry = cite.bibtex(FACTS);
  assert.match(entry, /^@misc\{370800-2023-notice-22,\n/);
  assert.ok(entry.endsWith("\n}"));
  const values = fields(entry);
  assert.deepEqual(Object.keys(values), ["author", "title", "number", "date", "year", "url", "urldate", "organization"]);
  for (const [name, value] of Object.entries(values)) assert.match(value, /^\{.*\}$/, name);
  assert.equal(values.urldate, "{2026-12-07}");
  assert.equal(values.author, "{{济宁市教育局}}");
  assert.equal(values.year, "{2023}");
});

test("each LaTeX special of a title is escaped", () => {
  const escaped = {
    "#": "\\#",
    $: "\\$",
    "%": "\\%",
    "&": "\\&",
    _: "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\\": "\\textbackslash{}",
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
  };
  for (const [special, latex] of Object.entries(escaped)) {
    assert.equal(cite.bibtexValue(`关于${special}的通知`), `{关于${latex}的通知}`, special);
  }
});

test("braces stay balanced whatever the text holds", () => {
  for (const text of ["}", "{", "}{", "a}}}b", "\\}", "{\\"]) {
    const value = cite.bibtexValue(text);
    let depth = 0;
    for (const c of value) {
      depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      assert.ok(depth >= 0, value);
    }
    assert.equal(depth, 0, value);
  }
});

test("the key is the document's id, the same every time, and nothing else", () => {
  assert.equal(cite.bibtexKey("370800-2023-notice-22"), "370800-2023-notice-22");
  assert.equal(cite.bibtexKey("a,b}{c%d e#"), "abcde");
  assert.equal(cite.bibtexKey(""), "document");
  assert.equal(cite.bibtex(FACTS), cite.bibtex({ ...FACTS }));
});

test("a fact the page lacks leaves its field out", () => {
  const values = fields(cite.bibtex({ ...FACTS, issuer: "", docno: "", date: "", archive: "" }));
  assert.deepEqual(Object.keys(values), ["title", "url", "urldate"]);
});

test("an address keeps its characters, but braces and backslashes, which are percent-encoded", () => {
  assert.equal(fields(cite.bibtex({ ...FACTS, url: "https://x.example/a%20b#c" })).url, "{https://x.example/a%20b#c}");
  assert.equal(fields(cite.bibtex({ ...FACTS, url: "https://x.example/{a}\\b" })).url, "{https://x.example/%7Ba%7D%5Cb}");
});

test("GB/T 7714: issuer, title, 文号, [EB/OL], the date issued and accessed, the address", () => {
  assert.equal(
    cite.gbt7714(FACTS),
    "济宁市教育局. 济宁市教育局关于印发2023年济宁市教育工作要点的通知: 济教字〔2023〕22号[EB/OL]. (2023-05-02)[2026-12-07]. " +
      "https://example.org/documents/370800-2023-notice-22/#sec-2-task-4.",
  );
  assert.equal(
    cite.gbt7714({ ...FACTS, issuer: "", docno: "", date: "" }),
    "济宁市教育局关于印发2023年济宁市教育工作要点的通知[EB/OL]. [2026-12-07]. https://example.org/documents/370800-2023-notice-22/#sec-2-task-4.",
  );
});

test("CSL-JSON: one legislation item, dates as date-parts, a missing fact left out", () => {
  const [item] = JSON.parse(cite.cslJson(FACTS));
  assert.deepEqual(item, {
    id: "370800-2023-notice-22",
    type: "legislation",
    title: FACTS.title,
    author: [{ literal: "济宁市教育局" }],
    number: "济教字〔2023〕22号",
    issued: { "date-parts": [[2023, 5, 2]] },
    URL: FACTS.url,
    accessed: { "date-parts": [[2026, 12, 7]] },
    "container-title": "地方教育政策文件库",
  });
  const [bare] = JSON.parse(cite.cslJson({ ...FACTS, issuer: "", docno: "", date: "", archive: "" }));
  assert.deepEqual(Object.keys(bare), ["id", "type", "title", "URL", "accessed"]);
  assert.deepEqual(cite.dateParts("2023"), { "date-parts": [[2023]] });
  assert.equal(cite.dateParts(""), undefined);
});

test("the three formats, in the order the page shows them", () => {
  assert.deepEqual(cite.FORMATS.map((f) => f.name), ["GB/T 7714", "BibTeX", "CSL-JSON"]);
  assert.equal(cite.FORMATS[1].make(FACTS), cite.bibtex(FACTS));
});
