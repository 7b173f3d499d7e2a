/* The catalog, the summary and each document's fragment, fetched once (catalog.js reads them).
 * Where the summary is missing or unreadable the search page reads Pagefind's files from the start; where the
 * catalog cannot be read (no DecompressionStream, or files it does not understand) it browses and filters with
 * Pagefind itself.
 */
import { BUNDLES, BUNDLE_PATHS, ROOT, bundleEntry, fileBytes, warmBundles } from "./bundles.js";
import {
  Catalog, addFilterValues, decodeCbor, fragmentData, fragmentPath, gunzip, inflate, metaFilters, metaPages, readSummary,
  summaryData,
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
