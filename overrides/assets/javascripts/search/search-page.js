/* The search page (search/): a query and filters that work without a query, kept in the address (address.js).
 *
 * What is fetched (issue 12: the search files before the first result stay small as the archive grows): the
 * page's first view (its selects with every filter's values and counts, and the first page of the list without a
 * query) from the build's summary, so that nothing else but what a query needs is fetched before anything is
 * typed; the rest of the list, a chosen filter, and the filters a query's results hold from Pagefind's metadata
 * and filter files (the catalog), never from a null search (which fetches the whole word index); a candidate's text
 * in small batches, each result shown as soon as its text arrives; the converter only for a query that holds a
 * character it may change. Where the summary is missing or unreadable the page reads Pagefind's files from the
 * start; where the catalog is, it browses and filters with Pagefind itself.
 */
import { loadEngine, releaseEngine, warmUp } from "./bundles.js";
import { converterFor, loadConvertible, mayConvert, readQuery } from "./converter.js";
import { loadCatalog, loadSummary, prefetchQuery, quickResults } from "./documents.js";
import { summaryPlaces } from "./catalog.js";
import { Ranking, byCharacters, offersWider, pageStatus, widerCharacters } from "./ranking.js";
import { UNAVAILABLE, el, resultCard } from "./results.js";
import { FILTERS, activeFilters, choose, filterValues, readAddress, writeAddress } from "./address.js";

export var PAGE_RESULTS = 20;
// At most this many candidates' text is fetched per "more": on a large archive a query's characters are scattered
// over most pages, and its phrase may be in none of them.
export var PAGE_CHECKS = 80;
// The first list from the index chunks checks at most this many candidates' text (the engine's list follows).
var FIRST_BATCH_QUICK = 8;

export function SearchPage(container) {
  this.container = container;
  this.state = readAddress();
  this.generation = 0;
  this.ranking = null;
  this.query = null;
  this.shown = PAGE_RESULTS;
  this.build();
}
SearchPage.prototype.build = function () {
  var self = this;
  var form = el("form", "archive-search__form");
  form.setAttribute("aria-label", "检索与筛选");
  var label = el("label", "archive-search__label", "检索词");
  label.htmlFor = "archive-q";
  this.input = el("input", "archive-search__input");
  this.input.type = "search";
  this.input.id = "archive-q";
  this.input.name = "q";
  this.input.placeholder = "输入词语、文号或发文机关";
  this.input.autocomplete = "off";
  this.input.value = this.state.q;
  form.appendChild(label);
  form.appendChild(this.input);
  this.filterBox = el("div", "archive-search__filters");
  this.filterBox.id = "archive-search-filters";
  // On a phone the filters are folded behind this button (archive.css), so that the first result is on the first
  // screen; they are open when the address chose one.
  var toggle = el("button", "archive-search__toggle", "筛选（年份、地区、主题…）");
  toggle.type = "button";
  toggle.setAttribute("aria-controls", this.filterBox.id);
  var setOpen = function (open) {
    form.classList.toggle("archive-search__form--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  };
  setOpen(Object.keys(activeFilters(this.state.filters)).length > 0);
  toggle.addEventListener("click", function () {
    setOpen(!form.classList.contains("archive-search__form--open"));
  });
  form.appendChild(toggle);
  form.appendChild(this.filterBox);
  this.selects = {};
  FILTERS.forEach(function (f) {
    var wrap = el("div", "archive-filter");
    var id = "archive-filter-" + f.param;
    var name = el("label", "archive-filter__label", f.label);
    name.htmlFor = id;
    var select = el("select", "archive-filter__select");
    select.id = id;
    select.name = f.param;
    select.setAttribute("data-filter", f.key);
    select.addEventListener("change", function () {
      // A narrower place belongs to the wider one: choosing another province clears the city and county.
      self.state.filters = choose(self.state.filters, f.key, select.value);
      self.showNarrowerPlace(f.key);
      self.run();
    });
    // The summary lists a filter's most frequent values only when it has very many: all of them when opened.
    select.addEventListener("focus", function () {
      if (self.filtersFrom === "summary" && self.summary && (self.summary.truncated || []).indexOf(f.key) >= 0) self.filtersFromCatalog();
    });
    wrap.appendChild(name);
    wrap.appendChild(select);
    self.filterBox.appendChild(wrap);
    self.selects[f.key] = { select: select, wrap: wrap, filter: f };
  });
  var reset = el("button", "archive-search__reset", "清除筛选");
  reset.type = "button";
  reset.addEventListener("click", function () {
    self.state.filters = {};
    self.run();
  });
  this.filterBox.appendChild(reset);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    self.state.q = self.input.value.trim();
    self.run();
  });
  var timer = null;
  this.input.addEventListener("input", function () {
    clearTimeout(timer);
    // The query's index chunks start loading now, not once the reader has stopped typing (as in the header box).
    var value = self.input.value.trim();
    if (value) loadConvertible().then(function () {
      if (!mayConvert(value)) prefetchQuery(readQuery(value).engineQuery);
    }).catch(function () {});
    timer = setTimeout(function () {
      self.state.q = self.input.value.trim();
      self.run();
    }, 150);
  });
  this.status = el("p", "archive-search__status");
  this.status.setAttribute("role", "status");
  this.list = el("ol", "archive-results");
  this.more = el("button", "archive-results__more", "更多结果");
  this.more.type = "button";
  this.more.hidden = true;
  this.more.addEventListener("click", function () {
    self.shown += PAGE_RESULTS;
    self.checks += PAGE_CHECKS;
    self.more.hidden = true;
    self.status.textContent = "正在检索…";
    if (self.ranking && self.ranking.total !== null) self.browseFurther();
    else self.fill();
  });
  this.container.textContent = "";
  this.container.appendChild(form);
  this.container.appendChild(this.status);
  this.container.appendChild(this.list);
  this.container.appendChild(this.more);
  // Where Pagefind split the query's phrase differently from the page's (ranking.js, widerCharacters), on request
  // the pages with a word beginning with one of the query's characters are checked too, those with most first.
  this.wider = el("button", "archive-results__wider", "在更多文件中查找");
  this.wider.type = "button";
  this.wider.hidden = true;
  this.wider.addEventListener("click", function () { self.widen(); });
  this.widerNote = el("span", "archive-results__wider-note", "以上结果按整个词语查找；一些文件的词语切分不同，按其中的单字再查可以找到。");
  this.widerNote.id = "archive-wider-note";
  this.widerNote.hidden = true;
  this.wider.setAttribute("aria-describedby", this.widerNote.id);
  this.container.appendChild(this.wider);
  this.container.appendChild(this.widerNote);
  var headerInput = document.getElementById("archive-header-q");
  if (headerInput && this.state.q) headerInput.value = this.state.q;
  if (!this.state.q) this.input.focus();
  this.status.textContent = "正在载入检索索引…";
  this.ready = this.run();
  // The reader is here to search: the engine loads while the list is browsed (errors show when searching).
  warmUp().catch(function () {});
  loadConvertible().catch(function () {});
};
SearchPage.prototype.activeFilters = function () {
  return activeFilters(this.state.filters);
};
SearchPage.prototype.run = function () {
  var self = this;
  var generation = ++this.generation;
  var state = this.state;
  writeAddress(state);
  this.shown = PAGE_RESULTS;
  this.checks = PAGE_CHECKS;
  this.widened = false;
  var isCurrent = function () { return generation === self.generation; };
  var query = null;
  var chosen = this.activeFilters();
  // Without a filter the summary is enough to browse (its first page) and to offer the filters; a chosen filter
  // needs the catalog. A query needs the engine too, and the converter if it may be Traditional (all fetched
  // side by side).
  var bySummary = Object.keys(chosen).length === 0 && !this.noSummary;
  var engineDone = false;
  // Pagefind's script and WebAssembly (held when the page was opened with a query, archive-search.js) and the
  // summary follow the first list from the index chunks, or come at once where there is none: on a slow network
  // they would share it with that list's files.
  var firstShown = Promise.resolve();
  if (state.q) {
    var early = readQuery(state.q);
    prefetchQuery(early.engineQuery);
    // A first list from the index chunks while the engine loads (not for a 文号, a filter or Traditional text).
    if (bySummary && !early.docno) {
      var shown = null;
      firstShown = new Promise(function (resolve) { shown = resolve; });
      var release = function () {
        releaseEngine();
        shown();
      };
      loadConvertible().then(function () {
        if (mayConvert(state.q)) return null;
        return quickResults(early.engineQuery).then(function (results) {
          if (results && results.length && isCurrent() && !engineDone) {
            return self.showQuick(results, early, function () { return isCurrent() && !engineDone; }, release);
          }
        });
      }).then(release, release);
    } else {
      releaseEngine();
    }
  } else {
    releaseEngine();
  }
  return Promise.all([
    state.q ? warmUp() : null,
    bySummary ? firstShown.then(loadSummary) : loadCatalog(),
    state.q ? converterFor(state.q) : null,
  ]).then(function (loaded) {
    if (!isCurrent()) return null;
    query = state.q ? readQuery(state.q) : null;
    var engine = loaded[0];
    var summary = bySummary ? loaded[1] : null;
    if (summary) {
      self.summary = summary;
      if (!query) return { results: summary.results, total: summary.pages, counts: summary.counts, from: "summary" };
      // The results' own filter values are read once the first results are shown (filtersFromCatalog).
      return engine.search(query.engineQuery).then(function (found) {
        return found && { results: found.results, counts: summary.counts, from: "summary" };
      });
    }
    return (bySummary ? loadCatalog() : Promise.resolve(loaded[1])).then(function (catalog) {
      if (!isCurrent()) return null;
      if (!catalog) return self.runWithPagefind(query, isCurrent);
      if (!query) {
        var pages = catalog.browse(chosen);
        return { results: pages, counts: catalog.counts(pages), from: "catalog" };
      }
      return engine.search(query.engineQuery).then(function (found) {
        if (!found) return null;
        var results = catalog.narrow(found.results, chosen);
        return { results: results, counts: catalog.counts(results), from: "catalog" };
      });
    });
  }).then(function (found) {
    if (!isCurrent() || !found) return;
    engineDone = true;
    self.query = query;
    self.ranking = new Ranking(found.results, query, found.total);
    self.filtersFrom = found.from || "pagefind";
    self.showFilters(found.counts, !query);
    self.list.textContent = "";
    return self.fill().then(function () {
      // A query's results offer the filter values they hold (as without the summary), read once they are shown.
      if (query && self.filtersFrom === "summary" && isCurrent()) return self.filtersFromCatalog();
    });
  }).catch(function () {
    self.status.textContent = UNAVAILABLE;
  });
};
/** The list without a query beyond the summary's first page: the catalog's whole list (the summary's documents
 *  first, their cards already here), or Pagefind's where the catalog cannot be read. */
SearchPage.prototype.browseFurther = function () {
  var self = this;
  var generation = this.generation;
  var shown = this.shown;
  var chosen = this.activeFilters();
  return loadCatalog().then(function (catalog) {
    if (generation !== self.generation) return;
    if (!catalog) {
      self.noSummary = true;
      return self.run().then(function () {
        self.shown = shown;
        return self.fill();
      });
    }
    var pages = catalog.browse(chosen);
    self.ranking = new Ranking(pages, null);
    self.filtersFrom = "catalog";
    self.showFilters(catalog.counts(pages), true);
    return self.fill();
  }).catch(function () {
    self.status.textContent = UNAVAILABLE;
  });
};
/** The selects from the catalog where they were filled from the summary: a query's results' own values, or every
 *  value of a filter the summary lists only in part. */
SearchPage.prototype.filtersFromCatalog = function () {
  var self = this;
  var generation = this.generation;
  var ranking = this.ranking;
  var query = this.query;
  return loadCatalog().then(function (catalog) {
    if (!catalog || generation !== self.generation || self.filtersFrom !== "summary") return;
    var results = query ? catalog.narrow(ranking.results, {}) : catalog.browse({});
    self.filtersFrom = "catalog";
    self.showFilters(catalog.counts(results), !query);
  }).catch(function () {});
};
/** While a chosen place's documents load, its cities (or counties) from the summary in the narrower select. */
SearchPage.prototype.showNarrowerPlace = function (key) {
  var summary = this.summary;
  var filters = this.state.filters;
  if (!summary || !filters["省份"] || (key !== "省份" && key !== "城市") || (key === "城市" && !filters["城市"])) return;
  var narrower = key === "省份" ? "城市" : "区县";
  var values = key === "省份" ? summaryPlaces(summary, filters["省份"]) : summaryPlaces(summary, filters["省份"], filters["城市"]);
  var entry = this.selects[narrower];
  var select = entry.select;
  select.textContent = "";
  var all = el("option", null, "全部");
  all.value = "";
  select.appendChild(all);
  Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "zh"); }).forEach(function (v) {
    var option = el("option", null, v);
    option.value = v;
    select.appendChild(option);
  });
  select.value = "";
  entry.wrap.hidden = Object.keys(values).length === 0;
};
/** Browsing and filtering with Pagefind alone, where the catalog cannot be read: every filter's values once
 *  (Pagefind reports counts only for the filters it has loaded), then a search with the filters; a null search
 *  (no query) fetches the whole word index. Resolves to the results, their filter counts kept for showFilters. */
SearchPage.prototype.runWithPagefind = function (query, isCurrent) {
  var self = this;
  return warmUp().then(function (engine) {
    if (!self.allFilters) self.allFilters = engine.filters();
    return self.allFilters.then(function () { return engine; });
  }).then(function (engine) {
    if (!isCurrent()) return null;
    var options = { filters: self.activeFilters() };
    if (!query) options.sort = { date: "desc" };
    return engine.search(query ? query.engineQuery : null, options).then(function (found) {
      return found && { results: found.results, counts: found.filters || {} };
    });
  });
};
SearchPage.prototype.fill = function () {
  var self = this;
  var generation = this.generation;
  var ranking = this.ranking;
  return ranking.fill(
    this.shown,
    function () { self.show(); },
    function () { return generation === self.generation; },
    this.checks
  );
};
SearchPage.prototype.show = function () {
  var ranking = this.ranking;
  var query = this.query;
  var list = this.list;
  list.textContent = "";
  ranking.ranked.slice(0, this.shown).forEach(function (r) {
    list.appendChild(resultCard(r.data, query, false));
  });
  var filtered = Object.keys(this.activeFilters()).length > 0;
  var shown = pageStatus(ranking, this.shown, filtered, !!query && mayConvert(query.text));
  this.more.hidden = shown.moreHidden;
  this.status.textContent = shown.status;
  this.wider.hidden = !offersWider(ranking, this.widened);
  this.widerNote.hidden = this.wider.hidden;
};
/** The first list, from the index chunks alone (documents.js, quickResults), until the engine's results come. */
SearchPage.prototype.showQuick = function (results, query, isCurrent, onShown) {
  var list = this.list;
  var status = this.status;
  var ranking = new Ranking(results, query);
  ranking.firstBatch = 1; // one text first, alone on the network: the first result the sooner
  return ranking.fill(PAGE_RESULTS, function () {
    if (!isCurrent() || !ranking.ranked.length) return;
    list.textContent = "";
    ranking.ranked.slice(0, PAGE_RESULTS).forEach(function (r) {
      list.appendChild(resultCard(r.data, query, false));
    });
    if (onShown) onShown();
    status.textContent = "正在检索…（先列出已找到的文件）";
  }, isCurrent, FIRST_BATCH_QUICK);
};
SearchPage.prototype.widen = function () {
  var self = this;
  var ranking = this.ranking;
  var query = this.query;
  var generation = this.generation;
  this.widened = true;
  this.wider.hidden = true;
  this.widerNote.hidden = true;
  this.status.textContent = "正在检索…";
  var characters = widerCharacters(query.text);
  var chosen = this.activeFilters();
  return Promise.all([loadEngine(), loadCatalog()]).then(function (loaded) {
    var engine = loaded[0];
    var catalog = loaded[1];
    return Promise.all(characters.map(function (c) {
      if (!catalog) return engine.search(c, { filters: chosen });
      return engine.search(c).then(function (f) {
        return f && { results: catalog.narrow(f.results, chosen) };
      });
    }));
  }).then(function (found) {
    if (generation !== self.generation) return;
    // Every page with a word beginning with one of the characters, those with more of them first.
    ranking.extend(byCharacters(found));
    self.checks = ranking.checked + PAGE_CHECKS;
    return self.fill();
  });
};
SearchPage.prototype.showFilters = function (counts, withCounts) {
  var state = this.state;
  var selects = this.selects;
  FILTERS.forEach(function (f) {
    var entry = selects[f.key];
    var chosen = state.filters[f.key] || "";
    var values = filterValues(f, counts, chosen);
    var select = entry.select;
    select.textContent = "";
    var all = el("option", null, "全部");
    all.value = "";
    select.appendChild(all);
    values.forEach(function (v) {
      var option = el("option", null, withCounts && counts[f.key][v] ? v + "（" + counts[f.key][v] + "）" : v);
      option.value = v;
      select.appendChild(option);
    });
    select.value = chosen;
    // 城市 once a province is chosen, 区县 once a city is: the places nest as the reader narrows down.
    entry.wrap.hidden = (f.after && !state.filters[f.after]) || values.length === 0;
  });
};
