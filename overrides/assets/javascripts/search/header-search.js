/* The header box, on every page: results under it as the reader types, and a link to all of them on the search
 * page (search/?q=…). Arrow keys move between the results, Escape closes them, "/" or "s" goes to the box.
 */
import { ROOT, loadEngine, warmUp } from "./bundles.js";
import { converterFor, loadConverter, loadConvertible, mayConvert, readQuery } from "./converter.js";
import { Ranking, headerStatus } from "./ranking.js";
import { UNAVAILABLE, el, resultCard } from "./results.js";

export var HEADER_RESULTS = 6;
// At most this many candidates' text is fetched per list: on a large archive a query's characters are scattered
// over most pages, and its phrase may be in none of them.
export var HEADER_CHECKS = 40;

export function HeaderSearch(form, panelId) {
  this.form = form;
  this.input = form.querySelector("input[type=search]");
  this.generation = 0;
  this.panel = el("div", "archive-suggest");
  this.panel.id = panelId || "archive-suggest";
  this.panel.hidden = true;
  this.status = el("p", "archive-suggest__status");
  this.status.setAttribute("role", "status");
  this.list = el("ol", "archive-suggest__list");
  this.all = el("a", "archive-suggest__all", "全部结果与筛选 →");
  this.panel.appendChild(this.status);
  this.panel.appendChild(this.list);
  this.panel.appendChild(this.all);
  form.appendChild(this.panel);
  this.input.setAttribute("aria-controls", this.panel.id);
  this.bind();
}
HeaderSearch.prototype.bind = function () {
  var self = this;
  var timer = null;
  this.input.addEventListener("focus", function () {
    warmUp();
    loadConvertible();
    // The first search of the page: archive-page.js holds Material's bundle back until its results are shown.
    if (!window.archiveSearchBusy) {
      window.archiveSearchBusy = new Promise(function (resolve) {
        self.firstShown = resolve;
        setTimeout(resolve, 6000);
      });
    }
  }, { once: true });
  this.input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = self.input.value.trim();
    // The index chunk of the first characters starts loading while the reader is still typing.
    if (value) loadConvertible().then(function () {
      if (mayConvert(value)) loadConverter();
      else loadEngine().then(function (engine) { engine.preload(readQuery(value).engineQuery); }).catch(function () {});
    }).catch(function () {});
    timer = setTimeout(function () { self.search(self.input.value); }, 120);
  });
  this.input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") self.close();
    if (event.key === "ArrowDown" && !self.panel.hidden) {
      var first = self.list.querySelector("a");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  this.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      self.close();
      self.input.focus();
      return;
    }
    // Arrow keys move between the results (and back up to the box), as in Material's own search.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(self.panel.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) self.input.focus();
    else if (next < links.length) links[next].focus();
  });
  document.addEventListener("click", function (event) {
    if (!self.form.contains(event.target)) self.close();
  });
  // "/" or "s" anywhere outside a field goes to the header's box, as in Material's own search (not to the home
  // page's box, a second instance with a panel of its own).
  if (this.panel.id === "archive-suggest") document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    self.form.classList.add("archive-header-search--open");
    self.input.focus();
  });
  // On a narrow screen the box is folded behind the magnifier: a tap opens it (without JavaScript the
  // magnifier is a link to the search page).
  var button = this.form.querySelector(".archive-header-search__button");
  if (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      self.form.classList.add("archive-header-search--open");
      self.input.focus();
    });
  }
};
HeaderSearch.prototype.close = function () {
  this.panel.hidden = true;
  this.form.classList.remove("archive-header-search--open");
};
HeaderSearch.prototype.search = function (raw) {
  var self = this;
  var generation = ++this.generation;
  var isCurrent = function () { return generation === self.generation; };
  if (!raw.trim()) {
    this.panel.hidden = true;
    return Promise.resolve();
  }
  this.all.href = ROOT + "search/?q=" + encodeURIComponent(raw.trim());
  this.panel.hidden = false;
  if (!this.list.childNodes.length) this.status.textContent = "正在检索…";
  return Promise.all([warmUp(), converterFor(raw)]).then(function (loaded) {
    if (!isCurrent()) return null;
    var query = readQuery(raw);
    return loaded[0].search(query.engineQuery).then(function (found) {
      if (!isCurrent() || !found) return;
      var ranking = new Ranking(found.results, query);
      self.ranking = ranking;
      return ranking.fill(HEADER_RESULTS, function () { self.show(ranking); }, isCurrent, HEADER_CHECKS);
    });
  }).catch(function () {
    self.status.textContent = UNAVAILABLE;
  });
};
HeaderSearch.prototype.show = function (ranking) {
  var query = ranking.query;
  var list = this.list;
  list.textContent = "";
  ranking.ranked.slice(0, HEADER_RESULTS).forEach(function (r) {
    list.appendChild(resultCard(r.data, query, true));
  });
  this.status.textContent = headerStatus(ranking, mayConvert(query.text));
  if (this.firstShown && ranking.ranked.length) this.firstShown();
};
