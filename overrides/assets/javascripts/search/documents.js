/* The catalog, the summary and each document's fragment, fetched once (catalog.js reads them).
 * Where the summary is missing or unreadable the search page reads Pagefind's files from the start; where the
 * catalog cannot be read (no DecompressionStream, or files it does not understand) it browses and filters with
 * Pagefind itself.
 */
import { BUNDLES, BUNDLE_PATHS, ROOT, bundleEntry, download, fileBytes, firstIndex, warmBundles } from "./bundles.js";
import {
  Catalog, addFilterValues, chunkPages, chunksFor, decodeCbor, fragmentData, fragmentPath, gunzip, inflate, metaFilters, metaPages,
  queryWords, readSummary, summaryData,
} from "./catalog.js";

var SUMMARY_FILE = "archive-summary.json.gz";
var catalogPromise = null;
var summaryPromise = null;
var pageDataCache = {}; // fragment path -> Promise<data>

function readPagefindFile(path) {
  return fileBytes(path).then(inflate).then(decodeCbor);
}

/** A page's fragment as Pagefind's result.data() gives it (catalog.js, fragmentData), fetched once. */
export function pageData(page) {
  var path = fragmentPath(page.bundle, page.hash);
  if (!pageDataCache[path]) {
    pageDataCache[path] = fileBytes(path).then(inflate).then(function (bytes) {
      return fragmentData(JSON.parse(new TextDecoder().decode(bytes)), ROOT);
    });
    pageDataCache[path].catch(function () { delete pageDataCache[path]; });
  }
  return pageDataCache[path];
}

/** A page's fragment with its text (pageData may hold the summary's card of it, without the text). The file is
 *  fetched once, shared with Pagefind's own request for it (bundles.js). */
var fullDataCache = {};
function fullPageData(page) {
  var path = fragmentPath(page.bundle, page.hash);
  if (!fullDataCache[path]) {
    fullDataCache[path] = fileBytes(path).then(inflate).then(function (bytes) {
      return fragmentData(JSON.parse(new TextDecoder().decode(bytes)), ROOT);
    });
    fullDataCache[path].catch(function () { delete fullDataCache[path]; });
  }
  return fullDataCache[path];
}

/** One bundle: its pages (fragment hashes), date order and filters. */
function loadCatalogBundle(bundle) {
  return bundleEntry(bundle).then(function (index) {
    return readPagefindFile(bundle + "pagefind." + index.hash + ".pf_meta");
  }).then(function (meta) {
    var pages = metaPages(meta, bundle);
    return Promise.all(metaFilters(meta).map(function (filter) {
      return readPagefindFile(bundle + "filter/" + filter[1] + ".pf_filter");
    })).then(function (chunks) {
      return addFilterValues(pages, chunks);
    });
  });
}

/** The index chunks Pagefind will ask for to search `engineQuery`, fetched now (from each bundle's metadata),
 *  beside its WebAssembly, rather than once its engine has run: a round trip and the chunks' bytes earlier when the
 *  search page is opened with a query. A wrong guess costs a chunk fetched for nothing; Pagefind asks anyway. */
export function prefetchQuery(engineQuery) {
  var words = queryWords(engineQuery, document.documentElement.getAttribute("lang"));
  if (!words.length || typeof DecompressionStream === "undefined") return;
  BUNDLE_PATHS.forEach(function (bundle) {
    firstIndex(bundle).then(function (index) {
      return fileBytes(bundle + "pagefind." + index.hash + ".pf_meta");
    }).then(inflate).then(function (bytes) {
      chunksFor(decodeCbor(bytes)[2], words).forEach(function (chunk) { download(bundle + "index/" + chunk + ".pf_index"); });
    }).catch(function () {});
  });
}

/** A first list of candidates for a one-word query, read from its index chunks without Pagefind's engine (whose
 *  WebAssembly is the largest file before a result): [{id, data()}], those with the word most often first, or null.
 *  The search page shows it while the engine loads; the engine's results then take its place. */
export function quickResults(engineQuery) {
  var words = queryWords(engineQuery, document.documentElement.getAttribute("lang"));
  if (words.length !== 1 || typeof DecompressionStream === "undefined") return Promise.resolve(null);
  return Promise.all(BUNDLE_PATHS.map(function (bundle) {
    return firstIndex(bundle).then(function (index) {
      return readPagefindFile(bundle + "pagefind." + index.hash + ".pf_meta");
    }).then(function (meta) {
      return Promise.all(chunksFor(meta[2], words).map(function (chunk) {
        return readPagefindFile(bundle + "index/" + chunk + ".pf_index");
      })).then(function (chunks) {
        var pages = [];
        chunks.forEach(function (chunk) {
          chunkPages(chunk, words[0]).forEach(function (hit) {
            var page = meta[1][hit[0]];
            if (page && typeof page[0] === "string") pages.push({ bundle: bundle, hash: page[0], weight: hit[1] });
          });
        });
        return pages;
      });
    });
  })).then(function (parts) {
    var pages = [].concat.apply([], parts).sort(function (a, b) { return b.weight - a.weight; });
    return pages.map(function (page) {
      return { id: page.hash, data: function () { return fullPageData(page); } };
    });
  }).catch(function () {
    return null;
  });
}

/** The catalog of every bundle, or null where it cannot be read. */
export function loadCatalog() {
  if (!catalogPromise) {
    if (typeof DecompressionStream === "undefined") {
      catalogPromise = Promise.resolve(null);
    } else {
      warmBundles();
      catalogPromise = Promise.all(BUNDLE_PATHS.map(loadCatalogBundle)).then(function (parts) {
        return new Catalog(parts, pageData);
      }).catch(function () {
        return null; // unreadable (another Pagefind version's layout, a failed download): Pagefind alone
      });
    }
  }
  return catalogPromise;
}

/** The summary, or null where it is missing or unreadable (or written for other bundles); its first page of the
 *  list as summary.results. */
export function loadSummary() {
  if (!summaryPromise) {
    summaryPromise = fileBytes(BUNDLE_PATHS[0] + SUMMARY_FILE).then(gunzip).then(function (bytes) {
      var summary = readSummary(JSON.parse(new TextDecoder().decode(bytes)), BUNDLES, BUNDLE_PATHS);
      summary.results = summary.listing.map(function (entry) {
        var path = fragmentPath(BUNDLE_PATHS[entry.bundle], entry.hash);
        // Browsing further (the catalog's list) finds these documents' cards here instead of fetching them.
        if (!pageDataCache[path]) pageDataCache[path] = Promise.resolve(summaryData(entry, ROOT));
        var data = pageDataCache[path];
        return { id: entry.hash, data: function () { return data; } };
      });
      return summary;
    }).catch(function () {
      return null; // Pagefind's files, as before the summary
    });
  }
  return summaryPromise;
}
