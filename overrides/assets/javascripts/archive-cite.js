/* "引用本文" on a document page: a ready citation in GB/T 7714-2015 style (electronic resource), BibTeX and
 * CSL-JSON, each copied with one click. The facts come from the card's index (title, issuer, 文号, date); the
 * address is the page's, with the numbered item the reader came to (#sec-…) and today's date as the date accessed.
 * Document text is untrusted: everything is set with textContent.
 *
 * A native ES module (main.html: type="module", on document pages). The formats are pure functions of the facts,
 * exported; under Node the module touches no page, which is how tests/js/archive-cite.test.mjs and
 * tests/test_cite.py check them.
 */

/** GB/T 7714-2015, electronic resource: 责任者. 题名: 文号[EB/OL]. (发布日期)[引用日期]. 获取路径. */
export function gbt7714(f) {
  var text = (f.issuer ? f.issuer + ". " : "") + f.title + (f.docno ? ": " + f.docno : "") + "[EB/OL]. ";
  if (f.date) text += "(" + f.date + ")";
  return text + "[" + f.accessed + "]. " + f.url + ".";
}

// LaTeX's special characters as text. A brace is \textbraceleft{}, not \{: BibTeX counts every brace, escaped
// or not, and one unbalanced brace ends the entry (or the file) early.
var LATEX = {
  "\\": "\\textbackslash{}",
  "{": "\\textbraceleft{}",
  "}": "\\textbraceright{}",
  "#": "\\#",
  "$": "\\$",
  "%": "\\%",
  "&": "\\&",
  "_": "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Text as a BibTeX value: braced, LaTeX's specials escaped, white space one space. */
export function bibtexValue(text) {
  var plain = String(text).replace(/\s+/g, " ").trim();
  return "{" + plain.replace(/[\\{}#$%&_~^]/g, function (c) { return LATEX[c]; }) + "}";
}

/** An address as a BibTeX value: as it is (url is verbatim to biblatex), with any brace or backslash
 * percent-encoded, which the address means the same with. */
export function bibtexUrl(url) {
  return "{" + String(url).replace(/[{}\\\s]/g, function (c) { return encodeURIComponent(c); }) + "}";
}

/** The entry's key: the document's id (letters, digits, - and _), the same on every visit. */
export function bibtexKey(id) {
  return String(id || "").replace(/[^A-Za-z0-9_-]/g, "") || "document";
}

export function bibtex(f) {
  var fields = [
    // Braced twice: an issuer is one corporate author, not names to split at "and".
    ["author", f.issuer ? "{" + bibtexValue(f.issuer) + "}" : ""],
    ["title", f.title ? bibtexValue(f.title) : ""],
    ["number", f.docno ? bibtexValue(f.docno) : ""],
    ["date", f.date ? bibtexValue(f.date) : ""],
    ["year", /^\d{4}/.test(f.date || "") ? bibtexValue(f.date.slice(0, 4)) : ""],
    ["url", f.url ? bibtexUrl(f.url) : ""],
    ["urldate", f.accessed ? bibtexValue(f.accessed) : ""],
    ["organization", f.archive ? bibtexValue(f.archive) : ""],
  ].filter(function (field) { return field[1]; });
  return "@misc{" + bibtexKey(f.id) + ",\n" + fields.map(function (field) { return "  " + field[0] + " = " + field[1]; }).join(",\n") + "\n}";
}

export function dateParts(date) {
  var parts = (date || "").split("-").map(Number).filter(function (n) { return n > 0; });
  return parts.length ? { "date-parts": [parts] } : undefined;
}

export function cslJson(f) {
  var item = {
    id: f.id,
    type: "legislation",
    title: f.title,
    author: f.issuer ? [{ literal: f.issuer }] : undefined,
    number: f.docno || undefined,
    issued: dateParts(f.date),
    URL: f.url,
    accessed: dateParts(f.accessed),
    "container-title": f.archive || undefined,
  };
  return JSON.stringify([item], null, 2);
}

export var FORMATS = [
  { name: "GB/T 7714", make: gbt7714 },
  { name: "BibTeX", make: bibtex },
  { name: "CSL-JSON", make: cslJson },
];

function fact(name) {
  var node = document.querySelector('.archive-card__index [data-pagefind-meta="' + name + '"]');
  return node ? node.textContent.trim() : "";
}

function today() {
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

/** The public address: the canonical URL when the site knows it, else this one; with the item read. */
function address() {
  var canonical = document.querySelector('link[rel="canonical"]');
  var url = canonical ? canonical.href : window.location.origin + window.location.pathname;
  var item = window.location.hash.slice(1);
  if (item && /^[\w-]+$/.test(item) && document.getElementById(item)) url = url.split("#")[0] + "#" + item;
  return url;
}

function facts() {
  var siteName = document.querySelector('meta[property="og:site_name"]');
  return {
    id: (window.location.pathname.replace(/\/$/, "").split("/").pop() || "document").replace(/[^\w-]/g, ""),
    title: fact("title"),
    issuer: fact("issuer"),
    docno: fact("docno"),
    date: fact("date"),
    url: address(),
    accessed: today(),
    archive: siteName ? siteName.content : "",
  };
}

function copy(text, button) {
  var done = function () {
    button.textContent = "已复制";
    setTimeout(function () { button.textContent = "复制"; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text) && done(); });
  } else if (fallbackCopy(text)) {
    done();
  }
}

function fallbackCopy(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  var ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  document.body.removeChild(area);
  return ok;
}

function build(card) {
  var box = document.createElement("details");
  box.className = "archive-cite";
  var summary = document.createElement("summary");
  summary.textContent = "引用本文";
  box.appendChild(summary);
  var blocks = FORMATS.map(function (format) {
    var figure = document.createElement("div");
    figure.className = "archive-cite__format";
    var head = document.createElement("div");
    head.className = "archive-cite__head";
    var name = document.createElement("span");
    name.className = "archive-cite__name";
    name.textContent = format.name;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "archive-cite__copy";
    button.textContent = "复制";
    button.setAttribute("aria-label", "复制 " + format.name + " 引文");
    var text = document.createElement("pre");
    text.className = "archive-cite__text";
    button.addEventListener("click", function () { copy(text.textContent, button); });
    head.appendChild(name);
    head.appendChild(button);
    figure.appendChild(head);
    figure.appendChild(text);
    box.appendChild(figure);
    return { text: text, format: format };
  });
  function refresh() {
    var f = facts();
    blocks.forEach(function (block) { block.text.textContent = block.format.make(f); });
  }
  refresh();
  // The reader who follows an item's link cites that item.
  window.addEventListener("hashchange", refresh);
  box.addEventListener("toggle", refresh);
  card.appendChild(box);
}

function start() {
  var card = document.querySelector(".archive-card");
  if (card && document.querySelector(".archive-card__index")) build(card);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
