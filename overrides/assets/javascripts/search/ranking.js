/* Checking and ranking Pagefind's candidates: each candidate's text is fetched (r.data()) in small batches and
 * graded (query.js); a result is shown as soon as its text arrives. Pure of the page: the candidates bring their
 * own data().
 */
import { adjacentWords, grade } from "./query.js";

// The first candidate's text alone: a slow network shares its bandwidth between the files on their way, and the
// best candidate mostly holds the query (four texts together took twice as long to bring the first result).
export var FIRST_BATCH = 1;
export var CHECK_BATCH = 10; // the next candidates' text, fetched together

/** Candidates to check, in Pagefind's order (r.order, which ranks results of equal grade) except that pages
 *  whose matched words stand side by side are checked first: a query Pagefind splits in two words (课后 服务)
 *  is held as written mostly by those, and the others' text need not be fetched to find the first results.
 *  Without a query (browsing) every candidate is a result; `total` is the number of documents when the candidates
 *  are a first page only (the summary's). */
export function Ranking(results, query, total) {
  this.total = typeof total === "number" ? total : null;
  results.forEach(function (r, i) { r.order = i; });
  this.results = query ? results.filter(adjacentWords).concat(results.filter(function (r) { return !adjacentWords(r); })) : results;
  this.query = query;
  this.checked = 0; // candidates whose text was asked for
  this.settled = 0; // … and has arrived
  this.ranked = [];
  this.firstBatch = FIRST_BATCH; // the search page's first list from the index chunks asks for one text first
}
/** Every candidate checked. */
Ranking.prototype.done = function () {
  return this.settled >= this.results.length;
};
/** Check the next batch of candidates; `onEach()` whenever one is known to hold the query (as soon as its
 *  text arrives, not when the whole batch has). */
Ranking.prototype.next = function (onEach, wanted) {
  var self = this;
  // Browsing (no query), every candidate is a result: exactly those wanted are fetched.
  var size = this.query ? (this.checked ? CHECK_BATCH : this.firstBatch) : Math.max(1, wanted - this.ranked.length);
  // Never past the limit of candidates checked (fill's): a batch stops there.
  if (this.limit) size = Math.min(size, Math.max(1, this.limit - this.checked));
  var batch = this.results.slice(this.checked, this.checked + size);
  this.checked += batch.length;
  return Promise.all(batch.map(function (r) {
    return r.data().then(function (data) {
      self.settled++;
      var score = self.query ? grade(data, self.query) : 1;
      if (score <= 0) return;
      self.ranked.push({ data: data, score: score, order: r.order });
      self.ranked.sort(function (a, b) {
        return b.score - a.score || a.order - b.order;
      });
      if (onEach) onEach();
    });
  })).then(function () {
    return self.ranked;
  });
};
/** More candidates (another search's results), those not yet among them. */
Ranking.prototype.extend = function (results) {
  var known = {};
  this.results.forEach(function (r) { known[r.id] = true; });
  var next = this.results.length;
  this.results = this.results.concat(results.filter(function (r) { return !known[r.id]; }).map(function (r, i) {
    r.order = next + i;
    return r;
  }));
};
/** Whether candidates are left unchecked at the limit (and none is on its way). */
Ranking.prototype.stopped = function () {
  return !this.done() && this.settled === this.checked && this.checked >= this.limit;
};
/** Check batches until `wanted` results are known or no candidate is left, at most `limit` candidates;
 *  `onUpdate(ranked)` after each result and batch, while `isCurrent()`. */
Ranking.prototype.fill = function (wanted, onUpdate, isCurrent, limit) {
  var self = this;
  this.limit = limit;
  function step() {
    if (!isCurrent()) return Promise.resolve();
    if (self.ranked.length >= wanted || self.done() || self.checked >= limit) {
      onUpdate(self.ranked);
      return Promise.resolve();
    }
    return self.next(function () {
      if (isCurrent()) onUpdate(self.ranked);
    }, wanted).then(function () {
      if (isCurrent()) onUpdate(self.ranked);
      return step();
    });
  }
  return step();
};

/** The characters a wider search looks for: the query's distinct Chinese characters, at most 8. Pagefind splits a
 *  page's Chinese into words when it indexes it; where it split a phrase differently (学校课|后服务), the phrase
 *  is not among its candidates, but the page has a word beginning with one of its characters. */
export function widerCharacters(text) {
  return Array.from(new Set(text.replace(/[^\u3400-\u9fff]/g, "").split(""))).slice(0, 8);
}

/** The results of the searches for each character (`found`, one {results} or null per character) as one list: every
 *  page once, those found for more of the characters first, else in the order they were found. */
export function byCharacters(found) {
  var hits = {};
  var order = [];
  found.forEach(function (f) {
    (f ? f.results : []).forEach(function (r) {
      if (!hits[r.id]) {
        hits[r.id] = { result: r, count: 0 };
        order.push(r.id);
      }
      hits[r.id].count++;
    });
  });
  return order.map(function (id, i) { return { entry: hits[id], i: i }; }).sort(function (a, b) {
    return b.entry.count - a.entry.count || a.i - b.i;
  }).map(function (x) { return x.entry.result; });
}

// ------------------------------------------------------------------ what the search says of its results
// The status lines, and whether "更多结果" and "在更多文件中查找" are offered: pure functions of the ranking and of
// whether the query may still change once the converter is here.

/** The header box's status line. */
export function headerStatus(ranking, converting) {
  var ranked = ranking.ranked;
  var text = ranking.query.text;
  if (ranking.done() && ranked.length) return "找到 " + ranked.length + " 个文件含“" + text + "”";
  if (ranked.length) return "含“" + text + "”的文件：";
  if ((ranking.done() || ranking.stopped()) && !converting) {
    return "没有文件含“" + text + "”" + (ranking.stopped() ? "（已查看前 " + ranking.checked + " 个候选）" : "");
  }
  return "正在检索…";
}

/** The search page's status line and whether its "more" button is hidden, `shown` results wanted; `filtered`:
 *  a filter is chosen. */
export function pageStatus(ranking, shown, filtered, converting) {
  var query = ranking.query;
  var ranked = ranking.ranked;
  var done = ranking.done();
  if (!query) {
    // Browsing: every candidate is a result, their number is known.
    var total = ranking.total !== null ? ranking.total : ranking.results.length;
    var status = total ? (filtered ? "符合筛选条件的文件 " : "全部文件 ") + total + " 个，按日期排列" : "没有符合筛选条件的文件";
    if (ranked.length < Math.min(shown, total)) status = "正在载入…";
    return { status: status, moreHidden: ranked.length >= total };
  }
  if (done && !ranked.length) {
    return { status: converting ? "正在检索…" : "没有文件含“" + query.text + "”", moreHidden: true };
  }
  if (done) return { status: "找到 " + ranked.length + " 个含“" + query.text + "”的文件", moreHidden: ranked.length <= shown };
  if (ranking.stopped() || ranked.length >= shown) {
    // Candidates are left: the count is a floor, and "more" checks further.
    return {
      status: "找到 " + ranked.length + " 个以上含“" + query.text + "”的文件（已查看 " + ranking.checked + " / " + ranking.results.length + " 个候选）",
      moreHidden: false,
    };
  }
  return { status: "正在检索… 已找到 " + ranked.length + " 个", moreHidden: true };
}

/** Whether "在更多文件中查找" is offered: a query of two Chinese characters or more, every candidate checked, not
 *  yet widened. */
export function offersWider(ranking, widened) {
  var query = ranking.query;
  return !!(query && ranking.done() && !widened && /[\u3400-\u9fff]{2}/.test(query.text));
}
