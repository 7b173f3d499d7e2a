// The browser's modules (overrides/assets/javascripts/, plain .js files) imported under Node: Node reads a .js file
// without a package.json "type" as CommonJS, so a loader hook says they are ES modules (the site publishes no
// package.json beside them). Import them through `browserModule`, after which the hook is in place.
import { register } from "node:module";

const SOURCES = new URL("../../overrides/assets/javascripts/", import.meta.url);
let registered = false;

/** The module at `path` (relative to overrides/assets/javascripts/), e.g. "search/query.js". */
export async function browserModule(path) {
  if (!registered) {
    register("./browser-modules-hooks.mjs", import.meta.url, { data: { sources: SOURCES.href } });
    registered = true;
  }
  return import(new URL(path, SOURCES).href);
}
