/* A result as the reader sees it: a card with the document's title (linked to where the query stands), its facts
 * and the sentence that holds the query, the words marked. Document text is untrusted: built with textContent,
 * never with innerHTML.
 */
import { compact } from "./query.js";

var SENTENCE_END = /[。！？；!?;\n]/;

/** Whether the sentence ends at `i`: Chinese end punctuation, or the ". " Pagefind puts after a heading. */
export function endsSentence(content, i) {
  var c = content.charAt(i);
  return SENTENCE_END.test(c) || (c === "." && content.charAt(i + 1) === " ");
}

/** The sentence around position `at` of the page's text (at most 80 characters before the word and 120 after it;
 *  "…" where it starts inside a sentence). */
export function sentenceAt(content, at, length) {
  var start = at;
  while (start > 0 && at - start < 80 && !endsSentence(content, start - 1)) start--;
  var end = at + length;
  while (end < content.length && end - at < 120 && !endsSentence(content, end)) end++;
  if (end < content.length) end++;
  return (start > 0 && !endsSentence(content, start - 1) ? "…" : "") + content.slice(start, end).trim();
}

/** The sentence of the page that holds the first word of the query: a sentence of the text rather than a
 *  heading (a heading is the sentence only when the word is nowhere else), and where in it the words stand. */
export function matchingSentence(data, query) {
  var content = data.content || "";
  var words = query ? (query.docno ? [] : query.terms) : [];
  var word = words.filter(function (w) { return content.indexOf(w) >= 0; })[0];
  if (!word) return { text: data.plain_excerpt || "", words: words };
  var first = null;
  for (var at = content.indexOf(word), tries = 0; at >= 0 && tries < 30; at = content.indexOf(word, at + word.length), tries++) {
    var text = sentenceAt(content, at, word.length);
    if (!first) first = text;
    if (text.replace(/^…/, "").length > word.length + 12) return { text: text, words: words };
  }
  return { text: first, words: words };
}

/** The text in parts, each [part, marked]: the words marked wherever they stand (a word is matched as written,
 *  regular expression characters and all). */
export function markedParts(text, words) {
  var pattern = words.filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
  if (!pattern) return [[text, false]];
  var out = [];
  text.split(new RegExp("(" + pattern + ")")).forEach(function (part, i) {
    if (part) out.push([part, i % 2 === 1]);
  });
  return out;
}

/** The page's URL, at the numbered item or heading that holds the first word when there is one. */
export function resultUrl(data, query) {
  var url = data.url;
  var word = query && !query.docno && query.terms[0] ? compact(query.terms[0]) : "";
  if (!word) return url;
  var anchors = (data.anchors || []).filter(function (a) {
    return a.id && !/^h1$/i.test(a.element || "") && compact(a.text).indexOf(word) >= 0;
  });
  return anchors.length ? url.split("#")[0] + "#" + anchors[0].id : url;
}

// ------------------------------------------------------------------ the card

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function appendMarked(parent, text, words) {
  markedParts(text, words).forEach(function (part) {
    parent.appendChild(part[1] ? el("mark", null, part[0]) : document.createTextNode(part[0]));
  });
}

var FACTS = [
  ["issuer", "发文机关"],
  ["date", "日期"],
  ["place", "地区"],
  ["docno", "文号"],
];

/** A result's card: with a query, the sentence that holds its words. */
export function resultCard(data, query, compactCard) {
  var meta = data.meta || {};
  var item = el("li", "archive-result");
  var link = el("a", "archive-result__title", meta.title || data.url);
  link.href = resultUrl(data, query);
  item.appendChild(link);
  var facts = el("p", "archive-result__meta");
  FACTS.forEach(function (field) {
    if (!meta[field[0]]) return;
    var span = el("span", "archive-result__" + field[0], meta[field[0]]);
    span.title = field[1];
    facts.appendChild(span);
  });
  if (facts.childNodes.length) item.appendChild(facts);
  var sentence = matchingSentence(data, query);
  // Without a query there is no sentence to show (a page's opening words are its card's facts, already above).
  if (sentence.text && query) {
    var excerpt = el("p", "archive-result__excerpt");
    appendMarked(excerpt, sentence.text, sentence.words);
    item.appendChild(excerpt);
  }
  return item;
}

export var UNAVAILABLE = "检索索引无法载入（pagefind/ 不存在或网络中断）。";
