/* Search of the policy archive, on every page: results under the header box as the reader types, and the full
 * search page (search/) with filters that work without a query and are kept in the address. A native ES module
 * (main.html loads it with type="module", and names the modules below in <link rel="modulepreload"> so that they are
 * fetched side by side with this one, not one round trip later); its parts, in search/:
 *
 *   bundles.js        where the site's root, the bundles and the converter are (main.html's data-*); each bundle
 *                     file fetched once (Pagefind's own requests included); Pagefind loaded on demand
 *   query.js          pure: the query parsed (文号 keys), grading a page
 *   converter.js      Traditional → Simplified with the vendored opencc-js, fetched only when a query may need it;
 *     convertible.js  pure: the characters that need it (a large table, imported once the reader starts to search)
 *   ranking.js        pure: candidates checked in batches and ranked, the wider search's candidates, the status lines
 *   results.js        a result's card: the sentence it shows, the words marked, the item it links to (pure), and the
 *                     card itself (text only: document text is untrusted, never innerHTML)
 *   header-search.js  the header box
 *   search-page.js    the search page (imported only where there is one), with:
 *     address.js      pure: the query and filters in the address, the filters' values
 *     catalog.js      pure: Pagefind's metadata, filter and fragment files read (gzip, CBOR), the catalog, the summary
 *     documents.js    the catalog, the summary and each document's text, fetched once
 *
 * Everything is resolved relative to MkDocs' base_url, so the site works under any sub-path. The pure modules
 * are tested under Node: tests/js/*.test.mjs.
 */
// Every module the header box needs is imported here (and preloaded by main.html): fetched side by side, none
// found only once another has arrived.
import "./search/bundles.js"; // Pagefind's requests for bundle files go through its downloads from now on
import "./search/query.js";
import "./search/converter.js";
import "./search/ranking.js";
import "./search/results.js";
import { holdEngine, prepareEngine, warmBundles, warmUp } from "./search/bundles.js";
import { loadConvertible } from "./search/converter.js";
import { HeaderSearch } from "./search/header-search.js";

// Printing a document prints its whole card: the folded part is opened first.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.archive-card__more").forEach(function (details) {
    details.open = true;
  });
});

function start() {
  var form = document.querySelector(".archive-header-search");
  if (form && form.querySelector("input[type=search]")) window.archiveHeaderSearch = new HeaderSearch(form);
  // The home page's own box (templates/home.md.j2): results under it as the reader types, as in the header.
  var home = document.querySelector(".archive-home-search");
  if (home && home.querySelector("input[type=search]")) window.archiveHomeSearch = new HeaderSearch(home, "archive-home-suggest");
  var container = document.getElementById("archive-search") || document.getElementById("search");
  if (container) {
    container.classList.add("archive-search");
    // Opened with a query: the bundles' files are asked for now, beside the search page's own modules; Pagefind's
    // script and WebAssembly wait for the first list (search-page.js releases them; bundles.js, holdEngine).
    if (/[?&]q=[^&]/.test(window.location.search)) {
      holdEngine();
      warmUp().catch(function () {});
    }
    // When the first results are shown (archive-page.js starts Material's bundle then, not before).
    window.archiveSearchReady = import("./search/search-page.js").then(function (page) {
      window.archiveSearch = new page.SearchPage(container);
      return window.archiveSearch.ready;
    });
  } else {
    window.archiveSearchReady = Promise.resolve();
  }
  // A loaded page fetches the search engine (about 85 KB gzipped: Pagefind's script, its WebAssembly, its
  // metadata; no page's text; the word index only where it is small enough to be listed in the bundle's prefetch
  // list) once it has loaded and the browser is idle, before Material's bundle (archive-page.js), so that a query
  // typed later waits only for its own index chunks, if any: not where the reader asked to save data.
  var connection = navigator.connection;
  if (!(connection && connection.saveData)) {
    var prepare = function () {
      (window.requestIdleCallback || setTimeout)(function () {
        prepareEngine().catch(function () {});
        loadConvertible().catch(function () {});
        warmBundles(); // a small archive's whole word index (its prefetch list; none past 96 KB, pagefind_files.py)
      });
    };
    if (document.readyState === "complete") prepare();
    else window.addEventListener("load", prepare);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
