/* The search page's state in its address: ?q=…&year=…&province=…, so that a search can be linked, bookmarked
 * and reloaded. decodeAddress and encodeAddress are pure; readAddress and writeAddress use this page's address.
 */

/** The filters, in the order the search page shows them: the Pagefind filter (key), its address parameter, its
 *  label, and the wider place it narrows (after). */
export var FILTERS = [
  { key: "年份", param: "year", label: "年份" },
  { key: "省份", param: "province", label: "省份" },
  { key: "城市", param: "city", label: "城市", after: "省份" },
  { key: "区县", param: "county", label: "区县", after: "城市" },
  { key: "主题", param: "topic", label: "主题" },
  { key: "文种", param: "type", label: "文种" },
  { key: "发文机关", param: "issuer", label: "发文机关" },
  { key: "效力", param: "status", label: "效力" },
];

/** The state ({q, filters: {key: value}}) of an address's query string. */
export function decodeAddress(search) {
  var params = new URLSearchParams(search);
  var state = { q: (params.get("q") || "").trim(), filters: {} };
  FILTERS.forEach(function (f) {
    var value = params.get(f.param);
    if (value) state.filters[f.key] = value;
  });
  return state;
}

/** The query string ("" or "?q=…") of a state: the query, then the chosen filters in their order. */
export function encodeAddress(state) {
  var params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  FILTERS.forEach(function (f) {
    if (state.filters[f.key]) params.set(f.param, state.filters[f.key]);
  });
  var search = params.toString();
  return search ? "?" + search : "";
}

export function readAddress() {
  return decodeAddress(window.location.search);
}

/** The state into this page's address (replacing it in the history: the Back button leaves the search page). */
export function writeAddress(state) {
  var url = window.location.pathname + encodeAddress(state) + window.location.hash;
  if (url !== window.location.pathname + window.location.search + window.location.hash) window.history.replaceState(null, "", url);
}

/** The filters once `key` was chosen: a narrower place belongs to the wider one, so choosing another province
 *  clears the city and county, another city the county; a narrower place without its wider one is dropped. */
export function choose(filters, key, value) {
  var out = {};
  Object.keys(filters).forEach(function (k) { out[k] = filters[k]; });
  out[key] = value || undefined;
  FILTERS.forEach(function (g) {
    if (g.after && !out[g.after]) delete out[g.key];
  });
  if (key === "省份") delete out["城市"];
  if (key === "省份" || key === "城市") delete out["区县"];
  return out;
}

/** The chosen filters (those with a value). */
export function activeFilters(filters) {
  var out = {};
  Object.keys(filters).forEach(function (key) {
    if (filters[key]) out[key] = filters[key];
  });
  return out;
}

/** A filter's values for its select: those the results hold (count > 0) and the chosen one; years newest first,
 *  the others most frequent first, then in Chinese order. */
export function filterValues(filter, counts, chosen) {
  var values = Object.keys(counts[filter.key] || {}).filter(function (v) {
    return counts[filter.key][v] > 0 || v === chosen;
  });
  if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
  return values.sort(function (a, b) {
    if (filter.key === "年份") return b.localeCompare(a);
    return (counts[filter.key][b] || 0) - (counts[filter.key][a] || 0) || a.localeCompare(b, "zh");
  });
}
