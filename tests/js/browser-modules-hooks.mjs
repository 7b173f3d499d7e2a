// Loader hooks of browser-modules.mjs: a .js file under overrides/assets/javascripts/ is an ES module.
let sources = "";

export function initialize(data) {
  sources = data.sources;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith(sources) && url.endsWith(".js")) return nextLoad(url, { ...context, format: "module" });
  return nextLoad(url, context);
}
