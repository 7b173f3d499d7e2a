/* A bundle's files, each fetched once, and the Pagefind engine, fetched when first needed.
 *
 * Pagefind runs in this page (noWorker), so that it fetches with window.fetch. A bundle's files are fetched here
 * side by side as soon as search is wanted (Pagefind asks for them one after another, a round trip each) and each
 * is fetched once: Pagefind's own requests for them, and the search's for the catalog (documents.js), share one
 * download (an HTTP cache that revalidates, or a response still on its way, would not be shared). Importing this
 * module puts its window.fetch in place.
 */
// Where the site and its search files are, as main.html tells the search script (its data-* attributes): the
// site's root (MkDocs' base_url, so that the site works under any sub-path), the Pagefind bundles (site.py indexes a
// large archive in shards: pagefind/, pagefind-1/, …; the first is the main bundle) and the Traditional→Simplified
// converter. A module has no document.currentScript: the script element is found by its data-bundles attribute.
var script = document.querySelector("script[data-bundles]");

export var ROOT = new URL(((script && script.getAttribute("data-base-url")) || ".").replace(/\/?$/, "/"), document.baseURI).pathname;
export var BUNDLES = ((script && script.getAttribute("data-bundles")) || "pagefind/").split(/\s+/).filter(Boolean);
export var BUNDLE_PATHS = BUNDLES.map(function (bundle) { return ROOT + bundle; });
export var CONVERTER_URL = script && script.getAttribute("data-converter");

var nativeFetch = window.fetch.bind(window);
var downloads = {}; // path without query -> Promise<{status, type, bytes}>
var LOADED_AT = Date.now(); // the entry names the other files: asked for past any cache, once per page load

function bundleFile(url) {
  var parsed;
  try {
    parsed = new URL(url, document.baseURI);
  } catch (e) {
    return null;
  }
  if (parsed.origin !== window.location.origin) return null;
  var path = parsed.pathname;
  return BUNDLE_PATHS.some(function (b) { return path.indexOf(b) === 0; }) ? path : null;
}

// The search page opened with a query starts its bundles' first files from an inline script in the page's head
// (main.html), before this module arrives: {path: Promise<{status, type, bytes}>}, each taken over once.
var early = window.archiveEarly || {};

/** A bundle file's status and bytes, downloaded once (a failed download is tried again when asked again). */
export function download(path) {
  if (!downloads[path] && early[path]) {
    downloads[path] = early[path];
    delete early[path];
    downloads[path].catch(function () { delete downloads[path]; });
  }
  if (!downloads[path]) {
    var url = /\/pagefind-entry\.json$/.test(path) ? path + "?ts=" + LOADED_AT : path;
    downloads[path] = nativeFetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.arrayBuffer().then(function (buffer) {
        return { status: response.status, type: response.headers.get("content-type") || "", bytes: buffer };
      });
    });
    downloads[path].catch(function () { delete downloads[path]; });
  }
  return downloads[path];
}

window.fetch = function (input, init) {
  var url = typeof input === "string" ? input : input && input.url;
  var path = url && (!init || !init.method || init.method === "GET") ? bundleFile(url) : null;
  if (!path) return nativeFetch(input, init);
  return download(path).then(function (file) {
    return new Response(file.bytes.slice(0), { status: file.status, headers: { "content-type": file.type } });
  });
};

/** A bundle file's bytes, or a rejection when it is missing. */
export function fileBytes(path) {
  return download(path).then(function (file) {
    if (file.status !== 200) throw new Error(path + ": HTTP " + file.status);
    return new Uint8Array(file.bytes);
  });
}

/** The language index Pagefind will load for a page of language `lang`, from the bundle's entry (as Pagefind
 *  chooses it: the page's language, its primary language, else the index with most pages). */
export function languageIndex(entry, lang) {
  var languages = (entry && entry.languages) || {};
  lang = (lang || "unknown").toLowerCase();
  return languages[lang] || languages[lang.split("-")[0]] || Object.keys(languages).map(function (k) {
    return languages[k];
  }).sort(function (a, b) { return b.page_count - a.page_count; })[0] || null;
}

/** The bundle's entry: the language index that Pagefind will load for this page. */
export function bundleEntry(bundle) {
  return fileBytes(bundle + "pagefind-entry.json").then(function (bytes) {
    var index = languageIndex(JSON.parse(new TextDecoder().decode(bytes)), document.documentElement.getAttribute("lang"));
    if (!index) throw new Error(bundle + ": no language index");
    return index;
  });
}

/** The language index of a bundle that the search page's HTML names (main.html writes window.archiveSearchFiles
 *  from the build's table), else the entry's: the first list from the index chunks need not wait for the entry.
 *  Where the page is older than the bundle, its metadata is missing and that list gives way to Pagefind's. */
export function firstIndex(bundle) {
  var files = window.archiveSearchFiles;
  var named = files && bundle.indexOf(ROOT) === 0 && files[bundle.slice(ROOT.length)];
  var index = named && languageIndex(named, document.documentElement.getAttribute("lang"));
  return index ? Promise.resolve(index) : bundleEntry(bundle);
}

/** What Pagefind needs before its first search, fetched side by side: each bundle's entry and metadata, the
 *  first bundle's WebAssembly (the merged bundles use the first one's), and a small archive's whole word index
 *  (site.py lists it in archive-prefetch.json when it is tiny). */
var engineWarmed = false;
// The search page opened with a query holds Pagefind's script and WebAssembly (the largest files before a result)
// until its first list, read from the index chunks without the engine, is shown: they would share the network
// with that list's files. releaseEngine() lets them go (at the latest after HOLD_MS).
var HOLD_MS = 8000;
var held = Promise.resolve();
var releaseHeld = null;
export function holdEngine() {
  if (releaseHeld) return;
  held = new Promise(function (resolve) { releaseHeld = resolve; });
  setTimeout(releaseEngine, HOLD_MS);
}
export function releaseEngine() {
  if (releaseHeld) releaseHeld();
}
var indexWarmed = false;
function warmEngineFiles() {
  if (engineWarmed) return;
  engineWarmed = true;
  BUNDLE_PATHS.forEach(function (bundle, k) {
    bundleEntry(bundle).then(function (index) {
      download(bundle + "pagefind." + index.hash + ".pf_meta");
      if (k === 0) held.then(function () { download(bundle + "wasm." + (index.wasm || "unknown") + ".pagefind"); });
    }).catch(function () {});
  });
}
export function warmBundles() {
  warmEngineFiles();
  if (indexWarmed) return;
  indexWarmed = true;
  // Held with the engine: the search page opened with a query has its own chunks asked for already (main.html).
  held.then(function () {
    BUNDLE_PATHS.forEach(function (bundle) {
      fileBytes(bundle + "archive-prefetch.json").then(function (bytes) {
        (JSON.parse(new TextDecoder().decode(bytes)).index || []).forEach(function (chunk) { download(bundle + chunk); });
      }).catch(function () {});
    });
  });
}

var enginePromise = null;

function engine() {
  if (!enginePromise) {
    warmEngineFiles();
    enginePromise = held.then(function () {
      return import(BUNDLE_PATHS[0] + "pagefind.js");
    }).then(function (pagefind) {
      return pagefind.options({ baseUrl: ROOT, excerptLength: 40, noWorker: true }).then(function () {
        return Promise.all(
          BUNDLE_PATHS.slice(1).map(function (bundle) {
            return pagefind.mergeIndex(bundle, { baseUrl: ROOT });
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

/** Pagefind, with the other bundles merged into the first one's engine, fetched when first needed (with a small
 *  archive's word index). */
export function loadEngine() {
  warmBundles();
  return engine();
}

/** The engine alone (its script, WebAssembly and metadata: no word index, no page's text), for a loaded page
 *  while the browser is idle (archive-search.js): a query typed later waits only for its own index chunks. */
export var prepareEngine = engine;

export var warmUp = loadEngine;
