/* Pagefind search page of the policy archive.
 * Loaded only on search/ (after pagefind/pagefind-ui.js).  Everything is resolved relative to MkDocs' base_url,
 * so the site works under a sub-path such as https://user.github.io/repo-name/.
 * ?q=... (from the header search form or a shared link) is read and searched; the address bar follows the
 * query as the user types, so results can be bookmarked.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base-url")) || ".";
  var root = new URL(base.replace(/\/?$/, "/"), window.location.href).pathname; // e.g. "/repo-name/"
  // A large archive's index is built in shards; the first is the main bundle, the others are merged into it.
  var bundles = ((script && script.getAttribute("data-bundles")) || "pagefind/").split(/\s+/).filter(Boolean);

  function initialQuery() {
    try {
      return (new URLSearchParams(window.location.search).get("q") || "").trim();
    } catch (e) {
      return "";
    }
  }

  function rememberQuery(term) {
    try {
      var url = new URL(window.location.href);
      if (term) url.searchParams.set("q", term);
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* ignore */ }
  }

  function start() {
    // The search page's placeholder: <div id="archive-search"></div> (or <div id="search"></div>); the
    // template adds one when search.md has neither.
    var element = document.getElementById("archive-search") || document.getElementById("search");
    if (!element) return;
    if (!/(^|\s)archive-search(\s|$)/.test(element.className)) element.className += " archive-search";
    if (typeof window.PagefindUI === "undefined") {
      element.textContent = "检索索引未生成（pagefind/ 不存在）。请使用 policy-archive build 构建站点。";
      element.className += " archive-search--error";
      return;
    }
    var q = initialQuery();
    var headerInput = document.getElementById("archive-header-q");
    if (headerInput && q) headerInput.value = q;
    var ui = new window.PagefindUI({
      element: element,
      bundlePath: root + bundles[0],
      mergeIndex: bundles.slice(1).map(function (bundle) {
        return { bundlePath: root + bundle, baseUrl: root };
      }),
      baseUrl: root,
      showSubResults: true,
      showImages: false,
      showEmptyFilters: false,
      pageSize: 10,
      excerptLength: 40,
      autofocus: !q,
      processTerm: function (term) {
        rememberQuery(term);
        return term;
      },
      translations: {
        placeholder: "输入关键词、文号或发布机构",
        clear_search: "清除",
        load_more: "加载更多结果",
        search_label: "站内检索",
        filters_label: "筛选",
        zero_results: "没有找到与 [SEARCH_TERM] 相关的文件",
        many_results: "找到 [COUNT] 个与 [SEARCH_TERM] 相关的文件",
        one_result: "找到 [COUNT] 个与 [SEARCH_TERM] 相关的文件",
        alt_search: "没有找到与 [SEARCH_TERM] 相关的文件，改为显示 [DIFFERENT_TERM] 的结果",
        search_suggestion: "没有找到与 [SEARCH_TERM] 相关的文件，请尝试其他关键词",
        searching: "正在检索 [SEARCH_TERM]…"
      }
    });
    window.archiveSearch = ui;
    if (q) ui.triggerSearch(q);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
