/* Search of the policy archive, on every page: results under the header box as the reader types, and the full
 * search page (search/) with filters that work without a query and are kept in the address.
 *
 * Pagefind (pagefind/pagefind.js) finds candidates; Pagefind matches a Chinese query by its characters, so a
 * page with 双 and 减 far apart matches 双减. Each candidate's text is therefore checked here: a result must
 * contain every word of the query as written (after Traditional → Simplified conversion with the vendored
 * opencc-js), and results are ranked by where the words stand: title, then 文号, then headings, then the text.
 * A 文号 may be typed with 〔〕, [], (), 【】 or without brackets.
 *
 * Document text is untrusted: results are built with textContent, never with innerHTML.
 * Everything is resolved relative to MkDocs' base_url, so the site works under any sub-path.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL(((script && script.getAttribute("data-base-url")) || ".").replace(/\/?$/, "/"), document.baseURI).pathname;
  // A large archive's index is built in shards; the first is the main bundle, the others are merged into it.
  var BUNDLES = ((script && script.getAttribute("data-bundles")) || "pagefind/").split(/\s+/).filter(Boolean);
  var CONVERTER_URL = script && script.getAttribute("data-converter");

  var FIRST_BATCH = 4; // the first candidates' text, fetched together: small, so that the first result shows soon
  var CHECK_BATCH = 10; // the next candidates' text, fetched together
  var HEADER_RESULTS = 6;
  var PAGE_RESULTS = 20;
  // At most this many candidates' text is fetched per list (header) or per "more" (search page): on a large
  // archive a query's characters are scattered over most pages, and its phrase may be in none of them.
  var HEADER_CHECKS = 40;
  var PAGE_CHECKS = 80;
  var UNAVAILABLE = "检索索引无法载入（pagefind/ 不存在或网络中断）。";

  // ------------------------------------------------------------------ the engine, fetched when first needed
  var enginePromise = null;

  function prefetch(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.arrayBuffer() : null; })
      .catch(function () { return null; });
  }

  /** Pagefind fetches its files one after another (module, worker, entry, then index metadata and engine), a
   *  round trip each. Fetched side by side here, they wait in the HTTP cache when Pagefind asks for them. */
  function prefetchBundle(bundle) {
    prefetch(bundle + "pagefind-worker.js");
    // A small archive's whole word index (site.py lists it when it is small), needed by any query.
    fetch(bundle + "archive-prefetch.json", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { index: [] }; })
      .then(function (list) {
        (list.index || []).forEach(function (chunk) { prefetch(bundle + chunk); });
      })
      .catch(function () {});
    fetch(bundle + "pagefind-entry.json", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (entry) {
        Object.keys(entry.languages || {}).forEach(function (language) {
          var index = entry.languages[language];
          prefetch(bundle + "pagefind." + index.hash + ".pf_meta");
          prefetch(bundle + "wasm." + (index.wasm || "unknown") + ".pagefind");
        });
      })
      .catch(function () {});
  }

  function loadEngine() {
    if (!enginePromise) {
      BUNDLES.forEach(function (bundle) { prefetchBundle(ROOT + bundle); });
      enginePromise = import(ROOT + BUNDLES[0] + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: ROOT, excerptLength: 40 }).then(function () {
          return Promise.all(
            BUNDLES.slice(1).map(function (bundle) {
              return pagefind.mergeIndex(ROOT + bundle, { baseUrl: ROOT });
            })
          );
        }).then(function () {
          return pagefind.init();
        }).then(function () {
          return pagefind;
        });
      });
    }
    return enginePromise;
  }

  // Traditional → Simplified, with OpenCC's own tables (t2s, as the pipeline converts documents). Fetched after
  // the engine, so that it never delays a Simplified query; a query typed before it arrives is searched again.
  var converter = null;
  var converterPromise = null;
  var converterSettled = false; // fetched (or failed): a query's conversion is known
  function loadConverter() {
    if (!converterPromise) {
      converterPromise = new Promise(function (resolve) {
        if (!CONVERTER_URL) return resolve(null);
        var tag = document.createElement("script");
        tag.src = CONVERTER_URL;
        tag.onload = function () {
          try {
            converter = window.OpenCC.Converter({ from: "t", to: "cn" });
          } catch (e) {
            converter = null;
          }
          converterSettled = true;
          resolve(converter);
        };
        tag.onerror = function () {
          converterSettled = true;
          resolve(null);
        };
        document.head.appendChild(tag);
      });
    }
    return converterPromise;
  }

  function warmUp() {
    return loadEngine();
  }

  /** Whether the query may still change once the converter is here (it has Chinese, the converter is not). */
  function mayConvert(raw) {
    return !converterSettled && /[^\x00-\x7f]/.test(raw);
  }

  /** After a query's first results: fetch the converter, then search again if it changes the query, or else
   *  `settle` (show the results as final: "nothing found" waits for the converter). */
  function convertLater(raw, isCurrent, searchAgain, settle) {
    if (!mayConvert(raw)) return;
    loadConverter().then(function () {
      if (!isCurrent()) return;
      if (converter && converter(raw) !== raw) searchAgain();
      else settle();
    });
  }

  // ------------------------------------------------------------------ what the reader asked for
  var BRACKETS = /[〔〕[\]()（）【】［］{}｛｝〈〉<>]/g;
  var DOCNO = /^([\u3400-\u9fff]{1,20})\s*[〔[(（【［{｛]?\s*((?:19|20)\d{2})\s*[〕\])）】］}｝]?\s*年?\s*第?\s*(\d{1,5})\s*号$/;

  function compact(text) {
    return (text || "").replace(/\s+/g, "").toLowerCase();
  }
  function docnoKey(text) {
    return compact(text).replace(BRACKETS, "").replace(/第/g, "");
  }
  function toSimplified(text) {
    return converter ? converter(text) : text;
  }

  /** The query as Pagefind should look for it, and what each result must contain. */
  function parseQuery(raw) {
    var text = toSimplified((raw || "").trim().replace(/\s+/g, " "));
    var docno = DOCNO.exec(text.replace(/\s+/g, ""));
    if (docno) {
      return { text: text, engineQuery: docno[1] + " " + docno[2] + " " + docno[3] + "号", docno: docnoKey(text), terms: [] };
    }
    var terms = text.split(" ").filter(Boolean);
    return { text: text, engineQuery: text, docno: null, terms: terms };
  }

  // ------------------------------------------------------------------ checking and ranking a candidate
  var TITLE = 4;
  var DOCNO_TIER = 3;
  var HEADING = 2;
  var BODY = 1;

  function headings(data) {
    return (data.anchors || [])
      .filter(function (a) {
        return /^h[1-6]$/i.test(a.element || "");
      })
      .map(function (a) {
        return compact(a.text);
      });
  }

  /** How well a page matches: 0 if a word of the query is missing, else the sum of each word's best place. */
  function grade(data, query) {
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

  /** Checks Pagefind's candidates in batches; `onUpdate(ranked, done)` after each batch. */
  function Ranking(results, query) {
    this.results = results;
    this.query = query;
    this.checked = 0;
    this.ranked = [];
  }
  Ranking.prototype.done = function () {
    return this.checked >= this.results.length;
  };
  Ranking.prototype.next = function () {
    var self = this;
    var batch = this.results.slice(this.checked, this.checked + (this.checked ? CHECK_BATCH : FIRST_BATCH));
    var offset = this.checked;
    this.checked += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      pages.forEach(function (data, k) {
        var score = self.query ? grade(data, self.query) : 1;
        if (score > 0) self.ranked.push({ data: data, score: score, order: offset + k });
      });
      self.ranked.sort(function (a, b) {
        return b.score - a.score || a.order - b.order;
      });
      return self.ranked;
    });
  };
  /** Check batches until `wanted` results are known or no candidate is left. */
  /** More candidates (another search's results), those not yet among them. */
  Ranking.prototype.extend = function (results) {
    var known = {};
    this.results.forEach(function (r) { known[r.id] = true; });
    this.results = this.results.concat(results.filter(function (r) { return !known[r.id]; }));
  };

  /** Whether candidates are left unchecked. */
  Ranking.prototype.stopped = function () {
    return !this.done() && this.checked >= this.limit;
  };
  Ranking.prototype.fill = function (wanted, onUpdate, isCurrent, limit) {
    var self = this;
    this.limit = limit;
    function step() {
      if (!isCurrent()) return Promise.resolve();
      if (self.ranked.length >= wanted || self.done() || self.checked >= limit) {
        onUpdate(self.ranked);
        return Promise.resolve();
      }
      return self.next().then(function () {
        if (isCurrent()) onUpdate(self.ranked);
        return step();
      });
    }
    return step();
  };

  // ------------------------------------------------------------------ showing a result (text only, no HTML)
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var SENTENCE_END = /[。！？；!?;\n]/;

  /** Whether the sentence ends at `i`: Chinese end punctuation, or the ". " Pagefind puts after a heading. */
  function endsSentence(content, i) {
    var c = content.charAt(i);
    return SENTENCE_END.test(c) || (c === "." && content.charAt(i + 1) === " ");
  }

  /** The sentence around position `at` of the page's text. */
  function sentenceAt(content, at, length) {
    var start = at;
    while (start > 0 && at - start < 80 && !endsSentence(content, start - 1)) start--;
    var end = at + length;
    while (end < content.length && end - at < 120 && !endsSentence(content, end)) end++;
    if (end < content.length) end++;
    return (start > 0 && !endsSentence(content, start - 1) ? "…" : "") + content.slice(start, end).trim();
  }

  /** The sentence of the page that holds the first word of the query: a sentence of the text rather than a
   *  heading (a heading is the sentence only when the word is nowhere else), and where in it the words stand. */
  function matchingSentence(data, query) {
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

  function appendMarked(parent, text, words) {
    var pattern = words.filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    if (!pattern) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var parts = text.split(new RegExp("(" + pattern + ")"));
    parts.forEach(function (part, i) {
      if (!part) return;
      parent.appendChild(i % 2 ? el("mark", null, part) : document.createTextNode(part));
    });
  }

  /** The page's URL, at the numbered item or heading that holds the first word when there is one. */
  function resultUrl(data, query) {
    var url = data.url;
    var word = query && !query.docno && query.terms[0] ? compact(query.terms[0]) : "";
    if (!word) return url;
    var anchors = (data.anchors || []).filter(function (a) {
      return a.id && !/^h1$/i.test(a.element || "") && compact(a.text).indexOf(word) >= 0;
    });
    return anchors.length ? url.split("#")[0] + "#" + anchors[0].id : url;
  }

  function resultCard(data, query, compactCard) {
    var meta = data.meta || {};
    var item = el("li", "archive-result");
    var link = el("a", "archive-result__title", meta.title || data.url);
    link.href = resultUrl(data, query);
    item.appendChild(link);
    var facts = el("p", "archive-result__meta");
    [
      ["issuer", "发文机关"],
      ["date", "日期"],
      ["place", "地区"],
      ["docno", "文号"],
    ].forEach(function (field) {
      if (!meta[field[0]]) return;
      var span = el("span", "archive-result__" + field[0], meta[field[0]]);
      span.title = field[1];
      facts.appendChild(span);
    });
    if (facts.childNodes.length) item.appendChild(facts);
    var sentence = matchingSentence(data, query);
    if (sentence.text && !(compactCard && !query)) {
      var excerpt = el("p", "archive-result__excerpt");
      appendMarked(excerpt, sentence.text, sentence.words);
      item.appendChild(excerpt);
    }
    return item;
  }

  // ------------------------------------------------------------------ the header box: results as you type
  function HeaderSearch(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.generation = 0;
    this.panel = el("div", "archive-suggest");
    this.panel.id = "archive-suggest";
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
    this.input.addEventListener("focus", warmUp, { once: true });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = self.input.value.trim();
      // The index chunk of the first characters starts loading while the reader is still typing.
      if (value) loadEngine().then(function (engine) { engine.preload(parseQuery(value).engineQuery); }).catch(function () {});
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
    // "/" or "s" anywhere outside a field goes to the search box, as in Material's own search.
    document.addEventListener("keydown", function (event) {
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
    return warmUp().then(function (engine) {
      if (!isCurrent()) return null;
      var query = parseQuery(raw);
      return engine.search(query.engineQuery).then(function (found) {
        if (!isCurrent() || !found) return;
        var ranking = new Ranking(found.results, query);
        self.ranking = ranking;
        return ranking.fill(HEADER_RESULTS, function () { self.show(ranking); }, isCurrent, HEADER_CHECKS);
      }).then(function () {
        convertLater(raw, isCurrent, function () { self.search(raw); }, function () { self.show(self.ranking); });
      });
    }).catch(function () {
      self.status.textContent = UNAVAILABLE;
    });
  };
  HeaderSearch.prototype.show = function (ranking) {
    var ranked = ranking.ranked;
    var query = ranking.query;
    var list = this.list;
    list.textContent = "";
    ranked.slice(0, HEADER_RESULTS).forEach(function (r) {
      list.appendChild(resultCard(r.data, query, true));
    });
    var status;
    if (ranking.done() && ranked.length) status = "找到 " + ranked.length + " 个文件含“" + query.text + "”";
    else if (ranked.length) status = "含“" + query.text + "”的文件：";
    else if ((ranking.done() || ranking.stopped()) && !mayConvert(query.text)) status = "没有文件含“" + query.text + "”" + (ranking.stopped() ? "（已查看前 " + ranking.checked + " 个候选）" : "");
    else status = "正在检索…";
    this.status.textContent = status;
  };


  // ------------------------------------------------------------------ the search page: query, filters, address
  var FILTERS = [
    { key: "年份", param: "year", label: "年份" },
    { key: "省份", param: "province", label: "省份" },
    { key: "城市", param: "city", label: "城市", after: "省份" },
    { key: "区县", param: "county", label: "区县", after: "城市" },
    { key: "主题", param: "topic", label: "主题" },
    { key: "文种", param: "type", label: "文种" },
    { key: "发文机关", param: "issuer", label: "发文机关" },
  ];

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: (params.get("q") || "").trim(), filters: {} };
    FILTERS.forEach(function (f) {
      var value = params.get(f.param);
      if (value) state.filters[f.key] = value;
    });
    return state;
  }

  function writeAddress(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (f) {
      if (state.filters[f.key]) params.set(f.param, state.filters[f.key]);
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) window.history.replaceState(null, "", url);
  }

  function SearchPage(container) {
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
        self.state.filters[f.key] = select.value || undefined;
        // A narrower place belongs to the wider one: choosing another province clears the city and county.
        FILTERS.forEach(function (g) {
          if (g.after && !self.state.filters[g.after]) delete self.state.filters[g.key];
        });
        if (f.key === "省份") delete self.state.filters["城市"];
        if (f.key === "省份" || f.key === "城市") delete self.state.filters["区县"];
        self.run();
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
      self.fill();
    });
    this.container.textContent = "";
    this.container.appendChild(form);
    this.container.appendChild(this.status);
    this.container.appendChild(this.list);
    this.container.appendChild(this.more);
    // Pagefind splits a page's Chinese into words when it indexes it; where it split a phrase differently
    // (学校课|后服务), the phrase is not among its candidates. On request, the pages with a word beginning with
    // one of the query's characters are checked too, those with most of them first.
    this.wider = el("button", "archive-results__wider", "在更多文件中查找");
    this.wider.type = "button";
    this.wider.hidden = true;
    this.wider.addEventListener("click", function () { self.widen(); });
    this.container.appendChild(this.wider);
    var headerInput = document.getElementById("archive-header-q");
    if (headerInput && this.state.q) headerInput.value = this.state.q;
    if (!this.state.q) this.input.focus();
    this.status.textContent = "正在载入检索索引…";
    this.run();
  };
  SearchPage.prototype.activeFilters = function () {
    var out = {};
    var filters = this.state.filters;
    Object.keys(filters).forEach(function (key) {
      if (filters[key]) out[key] = filters[key];
    });
    return out;
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
    return warmUp().then(function (engine) {
      // Every filter's values, once: Pagefind reports counts only for the filters it has loaded.
      if (!self.allFilters) self.allFilters = engine.filters();
      return self.allFilters.then(function () { return engine; });
    }).then(function (engine) {
      if (!isCurrent()) return;
      var query = state.q ? parseQuery(state.q) : null;
      var options = { filters: self.activeFilters() };
      if (!query) options.sort = { date: "desc" };
      return engine.search(query ? query.engineQuery : null, options).then(function (found) {
        if (!isCurrent() || !found) return;
        self.query = query;
        self.ranking = new Ranking(found.results, query);
        self.showFilters(found.filters || {}, !query);
        self.list.textContent = "";
        return self.fill();
      }).then(function () {
        if (query) {
          convertLater(state.q, isCurrent, function () { self.run(); }, function () { self.show(); });
        }
      });
    }).catch(function () {
      self.status.textContent = UNAVAILABLE;
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
    var ranked = ranking.ranked;
    var list = this.list;
    list.textContent = "";
    ranked.slice(0, this.shown).forEach(function (r) {
      list.appendChild(resultCard(r.data, query, false));
    });
    var done = ranking.done();
    var stopped = ranking.stopped();
    var status;
    if (!query) {
      // Browsing: every candidate is a result, their number is known.
      var filtered = Object.keys(this.activeFilters()).length > 0;
      var total = ranking.results.length;
      status = total ? (filtered ? "符合筛选条件的文件 " : "全部文件 ") + total + " 个，按日期排列" : "没有符合筛选条件的文件";
      if (ranked.length < Math.min(this.shown, total)) status = "正在载入…";
      this.more.hidden = ranked.length >= total;
    } else if (done && !ranked.length) {
      status = mayConvert(query.text) ? "正在检索…" : "没有文件含“" + query.text + "”";
      this.more.hidden = true;
    } else if (done) {
      status = "找到 " + ranked.length + " 个含“" + query.text + "”的文件";
      this.more.hidden = ranked.length <= this.shown;
    } else if (stopped || ranked.length >= this.shown) {
      // Candidates are left: the count is a floor, and "more" checks further.
      status = "找到 " + ranked.length + " 个以上含“" + query.text + "”的文件（已查看 " + ranking.checked + " / " + ranking.results.length + " 个候选）";
      this.more.hidden = false;
    } else {
      status = "正在检索… 已找到 " + ranked.length + " 个";
      this.more.hidden = true;
    }
    this.status.textContent = status;
    this.wider.hidden = !(query && done && !this.widened && /[\u3400-\u9fff]{2}/.test(query.text));
  };
  SearchPage.prototype.widen = function () {
    var self = this;
    var ranking = this.ranking;
    var query = this.query;
    var generation = this.generation;
    this.widened = true;
    this.wider.hidden = true;
    this.status.textContent = "正在检索…";
    var characters = Array.from(new Set(query.text.replace(/[^\u3400-\u9fff]/g, "").split(""))).slice(0, 8);
    var options = { filters: this.activeFilters() };
    return loadEngine().then(function (engine) {
      return Promise.all(characters.map(function (c) { return engine.search(c, options); }));
    }).then(function (found) {
      if (generation !== self.generation) return;
      // Every page with a word beginning with one of the characters, those with more of them first.
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
      ranking.extend(order.map(function (id, i) { return { entry: hits[id], i: i }; }).sort(function (a, b) {
        return b.entry.count - a.entry.count || a.i - b.i;
      }).map(function (x) { return x.entry.result; }));
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
      var values = Object.keys(counts[f.key] || {}).filter(function (v) {
        return counts[f.key][v] > 0 || v === chosen;
      });
      if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
      values.sort(function (a, b) {
        if (f.key === "年份") return b.localeCompare(a);
        return (counts[f.key][b] || 0) - (counts[f.key][a] || 0) || a.localeCompare(b, "zh");
      });
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

  // ------------------------------------------------------------------ start
  // Printing a document prints its whole card: the folded part is opened first.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.archive-card__more").forEach(function (details) {
      details.open = true;
    });
  });

  function start() {
    var form = document.querySelector(".archive-header-search");
    if (form && form.querySelector("input[type=search]")) window.archiveHeaderSearch = new HeaderSearch(form);
    var container = document.getElementById("archive-search") || document.getElementById("search");
    if (container) {
      container.classList.add("archive-search");
      window.archiveSearch = new SearchPage(container);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
