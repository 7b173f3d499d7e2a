/* Pagefind's own files read without Pagefind, and what the search page browses and filters with: pure functions
 * of the files' bytes (the fetching is documents.js's).
 *
 * Pagefind lists pages without a query (a null search) only after fetching every chunk of the word index
 * (Pagefind 1.5.2 asks for the chunks of the empty word, which are all of them: megabytes on a large archive).
 * Pages, their date order and their filter values are in the bundle's metadata and filter files, so the search page
 * browses and filters from those (decoded here: gzip, then CBOR), and asks Pagefind only for words.
 *
 * The summary (archive-summary.json.gz in the first bundle, written by site.py's search_summary after Pagefind has
 * run) is the search page's first view: each filter's values with the number of documents holding each, the places
 * nested province → city → county, and the list's first page without a query (the documents Catalog.byDate lists
 * first, with what a result card shows of them).
 */

var SIGNATURE = "pagefind_dcd";

/** A Pagefind file's payload: gunzipped (unless the server already did) and without its signature. */
export function inflate(bytes) {
  var head = new TextDecoder().decode(bytes.subarray(0, 12));
  if (head === SIGNATURE) return Promise.resolve(bytes.subarray(12));
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (buffer) {
    var out = new Uint8Array(buffer);
    if (new TextDecoder().decode(out.subarray(0, 12)) !== SIGNATURE) throw new Error("not a Pagefind file");
    return out.subarray(12);
  });
}

/** gzip bytes unpacked, or the bytes as they are when they are not gzip (a host that sends .gz with
 *  Content-Encoding: gzip hands fetch the unpacked bytes). */
export function gunzip(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
  if (typeof DecompressionStream === "undefined") return Promise.reject(new Error("no DecompressionStream"));
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
}

/** A CBOR value (the subset Pagefind writes: integers, strings, arrays, maps). */
export function decodeCbor(bytes) {
  var at = 0;
  var text = new TextDecoder();
  function length(info) {
    if (info < 24) return info;
    var size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (!size) throw new Error("CBOR: unsupported length");
    var value = 0;
    for (var i = 0; i < size; i++) value = value * 256 + bytes[at++];
    return value;
  }
  function item() {
    var head = bytes[at++];
    var major = head >> 5;
    var info = head & 31;
    if (major === 7) return info === 21 ? true : info === 20 ? false : null;
    var n = length(info);
    var out;
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: out = bytes.subarray(at, at + n); at += n; return out;
      case 3: out = text.decode(bytes.subarray(at, at + n)); at += n; return out;
      case 4: out = []; for (var i = 0; i < n; i++) out.push(item()); return out;
      case 5: out = {}; for (var j = 0; j < n; j++) { var key = item(); out[key] = item(); } return out;
      default: throw new Error("CBOR: unsupported type " + major);
    }
  }
  return item();
}

/** A bundle's pages from its metadata file: [{bundle, hash, values: {}, year: "", rank}] (rank: the page's place in
 *  the bundle's date order, from 1/n for the oldest to 1 for the newest; -1 without a date). */
export function metaPages(meta, bundle) {
  // [version, [[page hash, word count]…], [[from, to, chunk]…], [[filter, chunk]…], [[sort, [page…]]…], …]
  var valid = Array.isArray(meta) && Array.isArray(meta[1]) && Array.isArray(meta[3]) && Array.isArray(meta[4]) &&
    meta[1].every(function (page) { return typeof page[0] === "string"; }) &&
    meta[3].every(function (filter) { return typeof filter[0] === "string" && typeof filter[1] === "string"; });
  if (!valid) throw new Error(bundle + ": unknown Pagefind metadata layout");
  var pages = (meta[1] || []).map(function (page) {
    return { bundle: bundle, hash: page[0], values: {}, year: "", rank: -1 };
  });
  (meta[4] || []).forEach(function (sort) {
    if (sort[0] !== "date") return;
    sort[1].forEach(function (n, position) {
      if (pages[n]) pages[n].rank = (position + 1) / sort[1].length;
    });
  });
  return pages;
}

/** The words Pagefind looks up for a query (as its search splits a Chinese one: Intl.Segmenter's words, in lower
 *  case), so that their index chunks can be fetched before its engine runs. */
export function queryWords(query, lang) {
  if (typeof Intl === "undefined" || typeof Intl.Segmenter === "undefined") return [];
  var out = [];
  String(query || "").split(/\s+/).forEach(function (part) {
    Array.from(new Intl.Segmenter(lang || "zh", { granularity: "word" }).segment(part)).forEach(function (s) {
      if (s.isWordLike && out.indexOf(s.segment.toLowerCase()) < 0) out.push(s.segment.toLowerCase());
    });
  });
  return out;
}

/** The index chunks (the metadata's [[from, to, chunk]…]) that hold `words`: for each word the first chunk whose
 *  bounds, cut to the word's length, enclose it, as Pagefind's request_indexes chooses it. */
export function chunksFor(chunks, words) {
  var out = [];
  words.forEach(function (word) {
    // A word that falls between two chunks (学前教育 after …学前, before 学区…) is looked for by its longest
    // prefix a chunk encloses: Pagefind split the text there (学前), and its pages are in that chunk.
    var found = null;
    for (var n = word.length; n > 0 && !found; n--) found = enclosing(chunks, word.slice(0, n));
    if (found && out.indexOf(found[2]) < 0) out.push(found[2]);
  });
  return out;
}

function enclosing(chunks, word) {
  var n = word.length;
  return (chunks || []).filter(function (c) {
    return typeof c[0] === "string" && typeof c[1] === "string" && c[0].slice(0, n) <= word && word <= c[1].slice(0, n);
  })[0] || null;
}

/** The pages of an index chunk ([[[word, [[page delta, [weight, position…], …]…], …]…]]) that hold `word`: those
 *  with a word beginning with it, else with the longest word it begins with (学前 for 学前教育: Pagefind split the
 *  text there), each [page number, positions], most positions first. */
export function chunkPages(chunk, word) {
  var entries = (Array.isArray(chunk) && Array.isArray(chunk[0]) ? chunk[0] : []).filter(function (e) {
    return Array.isArray(e) && typeof e[0] === "string" && Array.isArray(e[1]);
  });
  var found = entries.filter(function (e) { return e[0].indexOf(word) === 0; });
  if (!found.length) {
    var prefixes = entries.filter(function (e) { return e[0].length > 1 && word.indexOf(e[0]) === 0; });
    prefixes.sort(function (a, b) { return b[0].length - a[0].length; });
    found = prefixes.slice(0, 1);
  }
  var positions = {};
  found.forEach(function (e) {
    var page = 0;
    e[1].forEach(function (hit) {
      page += hit[0];
      positions[page] = (positions[page] || 0) + Math.max(1, (hit[1] || []).length - 1);
    });
  });
  return Object.keys(positions).map(function (n) { return [Number(n), positions[n]]; }).sort(function (a, b) {
    return b[1] - a[1] || a[0] - b[0];
  });
}

/** The filter files named by the metadata: [[filter name, chunk]…]. */
export function metaFilters(meta) {
  return meta[3] || [];
}

/** Each filter chunk's values onto the pages ([filter, [[value, [page…]]…]] each); the 年份 value is the year. */
export function addFilterValues(pages, chunks) {
  chunks.forEach(function (chunk) {
    (chunk[1] || []).forEach(function (entry) {
      entry[1].forEach(function (n) {
        var page = pages[n];
        if (!page) return;
        (page.values[chunk[0]] = page.values[chunk[0]] || []).push(entry[0]);
        if (chunk[0] === "年份") page.year = entry[0];
      });
    });
  });
  return pages;
}

/** Whether the page has every chosen filter value. */
export function passes(page, chosen) {
  return Object.keys(chosen).every(function (name) {
    return (page.values[name] || []).indexOf(chosen[name]) >= 0;
  });
}

/** Every bundle's pages (`parts`, one list per bundle); `dataOf(page)` is a page's fragment, fetched when asked. */
export function Catalog(parts, dataOf) {
  var self = this;
  this.pages = [].concat.apply([], parts);
  this.dataOf = dataOf;
  this.byHash = {};
  this.pages.forEach(function (page) {
    (self.byHash[page.hash] = self.byHash[page.hash] || []).push(page);
  });
  // Newest first: by year, then by the page's place in its own bundle's date order; pages without a date last
  // (Pagefind's own sorted search leaves them out).
  this.byDate = this.pages.slice().sort(function (a, b) {
    return (b.rank >= 0) - (a.rank >= 0) || b.year.localeCompare(a.year) || b.rank - a.rank;
  });
}
/** Every page with the chosen filter values, newest first, as results with data(). */
Catalog.prototype.browse = function (chosen) {
  var dataOf = this.dataOf;
  return this.byDate.filter(function (page) { return passes(page, chosen); }).map(function (page) {
    return { id: page.hash, pages: [page], data: function () { return dataOf(page); } };
  });
};
/** Pagefind's results that have the chosen filter values (each result's pages as r.pages: a page hash is unique
 *  within a bundle, not necessarily across bundles). */
Catalog.prototype.narrow = function (results, chosen) {
  var byHash = this.byHash;
  var any = Object.keys(chosen).length > 0;
  return results.filter(function (r) {
    r.pages = byHash[r.id] || [];
    return !any || r.pages.some(function (page) { return passes(page, chosen); });
  });
};
/** For each filter, how many of the results have each value (as Pagefind reports a search's filters). */
Catalog.prototype.counts = function (results) {
  var counts = {};
  results.forEach(function (r) {
    var seen = {};
    r.pages.forEach(function (page) {
      Object.keys(page.values).forEach(function (name) {
        var values = (counts[name] = counts[name] || {});
        page.values[name].forEach(function (value) {
          if (seen[name + "\n" + value]) return;
          seen[name + "\n" + value] = true;
          values[value] = (values[value] || 0) + 1;
        });
      });
    });
  });
  return counts;
};

/** Where a fragment's url leads: a site-relative url under the site's root `root` (one slash between the parts), an
 *  absolute one as it is. */
export function pageUrl(root, url) {
  return /^(https?:)?\/\//.test(url) ? url : (root + "/" + url).replace(/\/+/g, "/");
}

export function fragmentPath(bundle, hash) {
  return bundle + "fragment/" + hash + ".pf_fragment";
}

/** A fragment's data as Pagefind's result.data() gives it (url, content without word breaks, meta, anchors), with
 *  the opening words as plain_excerpt and the url as written as raw_url. */
export function fragmentData(data, root) {
  var words = (data.content || "").split("\u200B");
  data.plain_excerpt = words.slice(0, 40).join("").trim();
  data.content = (data.content || "").replace(/\u200B/g, "");
  data.raw_url = data.url;
  data.url = pageUrl(root, data.url);
  return data;
}

/** A fragment's data as fragmentData gives it, from a listed document of the summary (untrusted text: shown with
 *  textContent like any other). */
export function summaryData(entry, root) {
  var meta = {};
  ["title", "docno", "issuer", "date", "place"].forEach(function (field) {
    if (typeof entry[field] === "string" && entry[field]) meta[field] = entry[field];
  });
  var url = String(entry.url || "");
  return {
    raw_url: url,
    url: pageUrl(root, url),
    meta: meta,
    content: "",
    anchors: [],
    plain_excerpt: typeof entry.excerpt === "string" ? entry.excerpt : "",
  };
}

/** The summary checked (a throw where it is not one written for these bundles), with each filter's counts as
 *  summary.counts ({filter: {value: count}}). */
export function readSummary(summary, bundles, bundlePaths) {
  var valid = summary && summary.version === 1 && typeof summary.pages === "number" &&
    Array.isArray(summary.listing) && summary.filters && typeof summary.filters === "object" &&
    Array.isArray(summary.bundles) && summary.bundles.join(" ") === bundles.join(" ") &&
    summary.listing.every(function (entry) {
      return entry && typeof entry.hash === "string" && bundlePaths[entry.bundle] !== undefined;
    });
  if (!valid) throw new Error("unknown summary layout");
  summary.counts = {};
  Object.keys(summary.filters).forEach(function (name) {
    var values = (summary.counts[name] = {});
    (summary.filters[name] || []).forEach(function (pair) {
      if (Array.isArray(pair) && typeof pair[0] === "string") values[pair[0]] = Number(pair[1]) || 0;
    });
  });
  return summary;
}

/** The cities of a province, or the counties of a city, as the summary nests them (for the narrower select while
 *  the chosen place's documents load): {name: 0}. */
export function summaryPlaces(summary, province, city) {
  var out = {};
  (summary.places || []).forEach(function (p) {
    if (!Array.isArray(p) || p[0] !== province || !Array.isArray(p[1])) return;
    p[1].forEach(function (c) {
      if (!Array.isArray(c)) return;
      if (city === undefined) {
        if (c[0]) out[c[0]] = 0;
      } else if (c[0] === city && Array.isArray(c[1])) {
        c[1].forEach(function (county) { if (county) out[county] = 0; });
      }
    });
  });
  return out;
}
