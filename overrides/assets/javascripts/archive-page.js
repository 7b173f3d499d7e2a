/* Every page, loaded (from the cache after the first page) as a module that runs before Material mounts its components:
 * - the light/dark switch in the header (partials/palette.html);
 * - on a document page, the side column's table of contents, built from the one in the text, and the links to
 *   its headings (¶) and numbered items (§), drawn from the ids the page keeps (mkdocs_plugin.drop_anchor_links);
 * - on a listing, each cell's column label, which a phone shows before the value (archive.css);
 * - a document's text and Markdown downloads and its raw source, stored gzipped: unpacked here, the downloads
 *   saved under their own names, the source shown as text at the document's address + #source.
 * The first four were markup repeated in every page; here they are one cached file.
 *
 * A native ES module (main.html: type="module", so it runs once the page is parsed, before DOMContentLoaded, when
 * Material's script mounts the side contents that it builds). Under Node it touches no page and exports its pure
 * parts (textOfMarkdown, ITEM_ID, sourceCharset), tested by tests/js/archive-page.test.mjs.
 */

// ---- Light/dark switch. The scheme follows the system until the reader chooses; a choice equal to the system's
// goes back to following it. main.html decides the scheme before the first paint and palette.html sets it on
// <body> (Material's colours read data-md-color-scheme there: slate = dark); this switches it.
function schemeSwitch() {
  var root = document.documentElement;
  var button = document.getElementById("archive-scheme-toggle");
  if (!button) return;
  var system = window.matchMedia("(prefers-color-scheme: dark)");

  function apply(dark) {
    root.setAttribute("data-archive-scheme", dark ? "dark" : "light");
    document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    button.setAttribute("aria-pressed", dark ? "true" : "false");
  }

  function chosen() {
    try { return localStorage.getItem("archive-scheme"); } catch (e) { return null; }
  }

  apply(root.getAttribute("data-archive-scheme") === "dark");
  button.addEventListener("click", function () {
    var dark = root.getAttribute("data-archive-scheme") !== "dark";
    try {
      if (dark === system.matches) localStorage.removeItem("archive-scheme");
      else localStorage.setItem("archive-scheme", dark ? "dark" : "light");
    } catch (e) {}
    apply(dark);
  });
  system.addEventListener("change", function (event) {
    if (!chosen()) apply(event.matches);
  });
}

// ---- A document's contents beside the text (wide screens). partials/toc.html leaves an empty
// <nav data-archive-toc>; it gets the markup of Material's partials/toc.html, from the links of the folded list
// in the text (partials/document-toc.html). This runs before Material mounts the contents (on DOMContentLoaded), which then follow the reader.
// Headings are untrusted text: copied with textContent.
function element(tag, className) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function tocList(ol) {
  var ul = element("ul", "md-nav__list");
  Array.prototype.forEach.call(ol.children, function (li) {
    var link = li.firstElementChild;
    if (!link || link.tagName !== "A") return;
    var item = element("li", "md-nav__item");
    var a = element("a", "md-nav__link");
    a.setAttribute("href", link.getAttribute("href"));
    a.textContent = link.textContent;
    item.appendChild(a);
    var sub = li.querySelector("ol");
    if (sub && sub.parentNode === li) {
      var nav = element("nav", "md-nav");
      nav.setAttribute("aria-label", link.textContent);
      nav.appendChild(tocList(sub));
      item.appendChild(nav);
    }
    ul.appendChild(item);
  });
  return ul;
}

function sideToc() {
  var shell = document.querySelector("nav[data-archive-toc]");
  var list = document.querySelector("details.archive-toc > ol");
  if (!shell || !list || shell.firstChild) return;
  var label = element("label", "md-nav__title");
  label.htmlFor = "__toc";
  label.appendChild(element("span", "md-nav__icon md-icon"));
  label.appendChild(document.createTextNode(shell.getAttribute("aria-label") || ""));
  var ul = tocList(list);
  ul.setAttribute("data-md-component", "toc");
  ul.setAttribute("data-md-scrollfix", "");
  shell.appendChild(label);
  shell.appendChild(ul);
}

// ---- A list on a phone is stacked rows, each cell under its column's name (archive.css shows data-label).
// The names are the header's: set here, not on every cell of the HTML, where they were a tenth of a listing's
// bytes. A matrix (data-archive-matrix, marked by the plugin) scrolls instead; a row of another length (a row
// group's heading) has no column labels.
function labelCells() {
  var tables = document.querySelectorAll(".md-typeset table:not([class]):not([data-archive-matrix])");
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (row.cells.length !== labels.length) return;
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (cell.tagName === "TD") cell.setAttribute("data-label", labels[i]);
        });
      });
    });
  });
}

// ---- Files stored gzipped (render.downloads_section, render.raw_path):
// <a href="ID.txt.gz" download data-archive-gunzip="ID.txt"> is unpacked and saved as ID.txt;
// <a href="sources/ID/NAME.txt.gz" data-archive-gunzip-view data-archive-charset="gb18030"> (the raw source) opens
// the document's page at documents/ID/#source, an address a reader can copy, bookmark and send: the page shows the
// source there, unpacked, as plain text in its own encoding (textContent of a <pre>: an HTML source shows as its
// markup, never runs), in place of the text; Back (or 返回正文) returns to the text. The link keeps the .gz file's
// own address (for "save link as", and for a browser without this script or DecompressionStream, where the click
// fetches the file). A host that sends the file with Content-Encoding: gzip hands fetch the unpacked bytes,
// which are used as they are.
export function unpacked(href) {
  return fetch(href, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.arrayBuffer();
    })
    .then(function (bytes) {
      var head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
      if (head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    });
}

// <a href="ID.md.gz" download data-archive-gunzip="ID.txt" data-archive-text="heading|body">: the text is taken out
// of the Markdown, line for line as render.text_of_markdown does (the build stores no ID.txt.gz for such a page,
// having checked that the Markdown gives the text back exactly): after the front matter and up to the rule before
// the relations, without anchor lines, heading marks and anchors, the bold of a later title, backslashes and the
// three entities; the page's heading is the first line when "heading".
var UNESCAPE = /\\([\\`*_{}\[\]()#+!|.-])/g;
var HEADING_LINE = /^#{2,6} ([\s\S]*) \{#[^ }]+\}$/;
var ATTR_LINE = /^\{: #[^ }]+ \}$/;

export function textOfMarkdown(markdown, withHeading) {
  var lines = markdown.split("\n");
  var end = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
  var text = [];
  for (var k = 0; end + 1 + k < lines.length; k++) {
    var line = lines[end + 1 + k];
    if (line === "---") break;
    if (!line || ATTR_LINE.test(line)) continue;
    var heading = HEADING_LINE.exec(line);
    if (k <= 1 && line.indexOf("# ") === 0 && !text.length) {
      if (!withHeading) continue;
      line = line.slice(2);
    } else if (heading) {
      line = heading[1];
    } else if (line.length > 4 && line.slice(0, 2) === "**" && line.slice(-2) === "**") {
      line = line.slice(2, -2);
    }
    text.push(line.replace(UNESCAPE, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
  }
  return text.join("\n");
}

function gunzipLinks() {
  if (typeof DecompressionStream !== "function" || !window.fetch || !window.Blob) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-archive-gunzip], a[data-archive-gunzip-view]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var name = link.getAttribute("data-archive-gunzip");
    if (name === null) {
      location.hash = SOURCE_ID; // showSource, on hashchange: a history entry, an address to share
      return;
    }
    var type = /\.md$/.test(name) ? "text/markdown;charset=utf-8" : "text/plain;charset=utf-8";
    var from = link.getAttribute("data-archive-text");
    unpacked(link.href)
      .then(function (bytes) {
        if (from) bytes = textOfMarkdown(new TextDecoder("utf-8").decode(bytes), from === "heading") + "\n";
        var url = URL.createObjectURL(new Blob([bytes], { type: type }));
        var save = document.createElement("a");
        save.href = url;
        save.download = name;
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      })
      .catch(function () { window.location.href = link.href; });
  });
}

// documents/ID/#source: the raw source in place of the text (see above). The article's other children are hidden
// while it is shown and shown again when the address leaves #source.
export var SOURCE_ID = "source";

export function sourceCharset(link) {
  return (link.getAttribute("data-archive-charset") || "utf-8").replace(/[^\w-]/g, "") || "utf-8";
}

function hideText(article, hide) {
  Array.prototype.forEach.call(article.children, function (child) {
    if (child.id === SOURCE_ID) return;
    // (style, not the hidden attribute, which a display rule of archive.css would outweigh)
    if (hide && child.style.display !== "none") {
      child.style.display = "none";
      child.setAttribute("data-archive-hidden-for-source", "");
    } else if (!hide && child.hasAttribute("data-archive-hidden-for-source")) {
      child.style.display = "";
      child.removeAttribute("data-archive-hidden-for-source");
    }
  });
}

function showSource() {
  var article = document.querySelector("article.archive-document");
  var link = document.querySelector("a[data-archive-gunzip-view]");
  var shown = document.getElementById(SOURCE_ID);
  if (!article || !link) return;
  if (location.hash !== "#" + SOURCE_ID) {
    if (shown && shown.classList.contains("archive-source")) {
      shown.remove();
      hideText(article, false);
    }
    return;
  }
  if (shown) return;
  var section = element("section", "archive-source");
  section.id = SOURCE_ID;
  var heading = element("h1");
  heading.textContent = "原始文件";
  var links = element("p", "archive-source__links");
  var back = element("a");
  back.href = "#";
  back.textContent = "返回正文";
  var file = element("a");
  file.href = link.href;
  file.rel = "nofollow";
  file.textContent = "下载原文件（gzip 压缩）";
  links.appendChild(back);
  links.appendChild(document.createTextNode(" · "));
  links.appendChild(file);
  var text = element("pre", "archive-source__text");
  text.style.whiteSpace = "pre-wrap";
  text.style.overflowWrap = "anywhere";
  text.textContent = "正在读取原始文件…";
  section.appendChild(heading);
  section.appendChild(links);
  section.appendChild(text);
  hideText(article, true);
  article.insertBefore(section, article.firstChild);
  window.scrollTo(0, 0);
  if (typeof DecompressionStream !== "function") {
    text.textContent = "这个浏览器不能在页面中解压原始文件，请下载原文件。";
    return;
  }
  unpacked(link.href)
    .then(function (bytes) {
      var decoder;
      try { decoder = new TextDecoder(sourceCharset(link)); } catch (e) { decoder = new TextDecoder("utf-8"); }
      text.textContent = decoder.decode(bytes);
    })
    .catch(function () { text.textContent = "无法读取原始文件，请下载原文件。"; });
}

function sourceView() {
  showSource();
  window.addEventListener("hashchange", showSource);
}

// ---- Anchor links of a document page: ¶ after each heading (as Material's toc extension writes them on the
// other pages) and § after each numbered item, so that a reader can link to, and cite, one item.
export var ITEM_ID = /^(?:sec|part|p)-[0-9a-z-]+$/;

function anchorLink(target, className, text, label) {
  var link = document.createElement("a");
  link.className = className;
  link.href = "#" + target.id;
  link.textContent = text;
  if (className === "headerlink") link.title = label;
  else link.setAttribute("aria-label", label);
  return link;
}

function anchorLinks() {
  var article = document.querySelector("article.archive-document");
  if (!article) return;
  article.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (heading) {
    if (!heading.querySelector(".headerlink")) heading.appendChild(anchorLink(heading, "headerlink", "¶", "本节链接"));
  });
  article.querySelectorAll("p[id]").forEach(function (item) {
    if (!ITEM_ID.test(item.id) || item.querySelector(".archive-item-link")) return;
    item.appendChild(document.createTextNode(" "));
    item.appendChild(anchorLink(item, "headerlink archive-item-link", "§", "本条链接"));
  });
}

// ---- Material's bundle, started late. main.html leaves its tag inert (type="archive/later"): its bytes would
// come before the page's first paint and its search box on a slow network. It is started LATER_IDLE ms after the
// page has loaded and the search page (archive-search.js: window.archiveSearchReady) shows its first results, or,
// when the reader has begun a search in a box by then (header-search.js: window.archiveSearchBusy), once its
// first results are shown; at most LATER_WAIT ms after the load. It is then told the document is ready: Material
// mounts its components on DOMContentLoaded.
export var LATER_WAIT = 8000;
export var LATER_IDLE = 1000;

function materialLater() {
  var inert = Array.prototype.slice.call(document.querySelectorAll('script[type="archive/later"]'));
  if (!inert.length) return;
  var started = false;
  function start() {
    if (started) return;
    started = true;
    inert.forEach(function (tag, k) {
      var script = document.createElement("script");
      script.src = tag.getAttribute("data-src");
      script.async = false; // in the order of the tags
      if (k === inert.length - 1) {
        script.addEventListener("load", function () {
          document.dispatchEvent(new Event("DOMContentLoaded"));
          window.dispatchEvent(new Event("archive-material"));
        });
      }
      tag.parentNode.insertBefore(script, tag);
    });
  }
  function whenIdle() {
    setTimeout(function () { Promise.resolve(window.archiveSearchBusy).then(start, start); }, LATER_IDLE);
  }
  window.addEventListener("load", function () {
    setTimeout(start, LATER_WAIT);
    Promise.resolve(window.archiveSearchReady).then(whenIdle, whenIdle);
  });
}

if (typeof document !== "undefined") {
  materialLater();
  schemeSwitch();
  anchorLinks();
  sideToc();
  labelCells();
  gunzipLinks();
  sourceView();
}
