/* What the reader asked for, and how well a document holds it: pure functions.
 *
 * Pagefind matches a Chinese query by its characters, so a page with 双 and 减 far apart matches 双减. Each
 * candidate's text is therefore checked: a result must contain every word of the query as written (after
 * Traditional → Simplified conversion with the vendored opencc-js, converter.js; convertible.js says which queries
 * need it), and results are ranked by where the
 * words stand: title, then 文号, then headings, then the text. A 文号 may be typed with 〔〕, [], (), 【】 or without
 * brackets.
 */

var BRACKETS = /[〔〕[\]()（）【】［］{}｛｝〈〉<>]/g;
var DOCNO = /^([\u3400-\u9fff]{1,20})\s*[〔[(（【［{｛]?\s*((?:19|20)\d{2})\s*[〕\])）】］}｝]?\s*年?\s*第?\s*(\d{1,5})\s*号$/;

/** Text without white space, lower case. */
export function compact(text) {
  return (text || "").replace(/\s+/g, "").toLowerCase();
}

/** A 文号 as it is compared: compact, without brackets and 第. */
export function docnoKey(text) {
  return compact(text).replace(BRACKETS, "").replace(/第/g, "");
}

/** The query as Pagefind should look for it, and what each result must contain: {text, engineQuery, docno (its
 *  key, for a query that is a 文号), terms}. `convert` is Traditional → Simplified where it is known. */
export function parseQuery(raw, convert) {
  var text = (raw || "").trim().replace(/\s+/g, " ");
  if (convert) text = convert(text);
  var docno = DOCNO.exec(text.replace(/\s+/g, ""));
  if (docno) {
    return { text: text, engineQuery: docno[1] + " " + docno[2] + " " + docno[3] + "号", docno: docnoKey(text), terms: [] };
  }
  var terms = text.split(" ").filter(Boolean);
  return { text: text, engineQuery: text, docno: null, terms: terms };
}

// Where a word of the query stands, best first.
export var TITLE = 4;
export var DOCNO_TIER = 3;
export var HEADING = 2;
export var BODY = 1;

function headings(data) {
  return (data.anchors || [])
    .filter(function (a) {
      return /^h[1-6]$/i.test(a.element || "");
    })
    .map(function (a) {
      return compact(a.text);
    });
}

/** How well a page (Pagefind's result data) matches: 0 if a word of the query is missing, else the sum of each
 *  word's best place. */
export function grade(data, query) {
  var meta = data.meta || {};
  var body = compact(data.content);
  if (query.docno) {
    if (meta.docno && docnoKey(meta.docno) === query.docno) return DOCNO_TIER;
    return docnoKey(data.content).indexOf(query.docno) >= 0 ? BODY : 0;
  }
  var title = compact(meta.title);
  var docno = docnoKey(meta.docno);
  var heads = headings(data);
  var total = 0;
  for (var i = 0; i < query.terms.length; i++) {
    var term = compact(query.terms[i]);
    var best = 0;
    if (title.indexOf(term) >= 0) best = TITLE;
    else if (docno && docno.indexOf(docnoKey(term)) >= 0) best = DOCNO_TIER;
    else if (heads.some(function (h) { return h.indexOf(term) >= 0; })) best = HEADING;
    else if (body.indexOf(term) >= 0) best = BODY;
    if (!best) return 0;
    total += best;
  }
  return total;
}

/** Whether two of the words Pagefind matched on the page (r.words, their positions) stand side by side (the
 *  query's words in a row). */
export function adjacentWords(r) {
  var words = (r.words || []).slice().sort(function (a, b) { return a - b; });
  for (var i = 1; i < words.length; i++) if (words[i] === words[i - 1] + 1) return true;
  return false;
}
