/* Traditional → Simplified, with OpenCC's own tables (t2s, as the pipeline converts documents): the vendored
 * opencc-js (a classic script that defines window.OpenCC), fetched only for a query that holds a character the
 * conversion may change, before that query is searched. Which characters those are is convertible.js's table,
 * imported once the reader starts to search (loadConvertible), not with the page.
 */
import { CONVERTER_URL } from "./bundles.js";
import { parseQuery } from "./query.js";

var holdsConvertible = null;
var convertiblePromise = null;

/** convertible.js, imported once: until it is here every query may convert (mayConvert), so callers wait for it. */
export function loadConvertible() {
  if (!convertiblePromise) {
    convertiblePromise = import("./convertible.js").then(function (module) {
      holdsConvertible = module.holdsConvertible;
    });
    convertiblePromise.catch(function () { convertiblePromise = null; });
  }
  return convertiblePromise;
}

var converter = null;
var converterPromise = null;
var converterSettled = false; // fetched (or failed): a query's conversion is known

export function loadConverter() {
  if (!converterPromise) {
    converterPromise = new Promise(function (resolve) {
      function settle(value) {
        converter = value;
        converterSettled = true;
        resolve(value);
      }
      if (!CONVERTER_URL) return settle(null);
      var tag = document.createElement("script");
      tag.src = CONVERTER_URL;
      tag.onload = function () {
        try {
          settle(window.OpenCC.Converter({ from: "t", to: "cn" }));
        } catch (e) {
          settle(null);
        }
      };
      tag.onerror = function () { settle(null); };
      document.head.appendChild(tag);
    });
  }
  return converterPromise;
}

/** Whether the query may change once the converter is here (it holds such a character, the converter is not;
 *  before convertible.js is here, any query may). */
export function mayConvert(raw) {
  return !converterSettled && (!holdsConvertible || holdsConvertible(raw));
}

/** The converter, fetched first when the query needs it (so that the query is searched converted). */
export function converterFor(raw) {
  return loadConvertible().then(function () {
    return mayConvert(raw) ? loadConverter() : converter;
  });
}

/** The query parsed (query.js) with the conversion known so far. */
export function readQuery(raw) {
  return parseQuery(raw, converter);
}
