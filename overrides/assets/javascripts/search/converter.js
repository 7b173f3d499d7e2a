/* Traditional → Simplified, with OpenCC's own tables (t2s, as the pipeline converts documents): the vendored
 * opencc-js (a classic script that defines window.OpenCC), fetched only for a query that holds a character the
 * conversion may change, before that query is searched.
 */
import { CONVERTER_URL } from "./bundles.js";
import { holdsConvertible, parseQuery } from "./query.js";

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

/** Whether the query may change once the converter is here (it holds such a character, the converter is not). */
export function mayConvert(raw) {
  return !converterSettled && holdsConvertible(raw);
}

/** The converter, fetched first when the query needs it (so that the query is searched converted). */
export function converterFor(raw) {
  return mayConvert(raw) ? loadConverter() : Promise.resolve(converter);
}

/** The query parsed (query.js) with the conversion known so far. */
export function readQuery(raw) {
  return parseQuery(raw, converter);
}
