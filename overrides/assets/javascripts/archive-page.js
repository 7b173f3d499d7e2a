/* Every page, loaded (from the cache after the first page) as a module that runs before Material mounts its components:
 * - the light/dark switch in the header (partials/palette.html);
 * - on a document page, the side column's table of contents, built from the one in the text, and the links to
 *   its headings (¶) and numbered items (§), drawn from the ids the page keeps (mkdocs_plugin.drop_anchor_links);
 * - on a listing, each cell's column label, which a phone shows before the value (archive.css);
 * - a document's text and Markdown downloads and its raw source, stored gzipped: unpacked here, the downloads
 *   saved under their own names, the source shown as text.
 * The first four were markup repeated in every page; here they are one cached file.
 *
 * A native ES module (main.html: type="module", so it runs once the page is parsed, before DOMContentLoaded, when
 * Material's script mounts the side contents that it builds). Under Node it touches no page and exports its pure
 * parts (textOfMarkdown, ITEM_ID), tested by tests/js/archive-page.test.mjs.
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
// <a href="sources/ID/NAME.txt.gz" data-archive-gunzip-view data-archive-charset="gb18030"> (the raw source) is
// unpacked and shown in the tab as plain text in its own encoding (a Blob typed text/plain: an HTML source shows
// as its markup, never runs). Where the browser cannot unpack, or anything fails, the link does what it does
// without this script: it fetches the .gz file. A host that sends the file with Content-Encoding: gzip hands
// fetch the unpacked bytes, which are used as they are.
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
    var charset = (link.getAttribute("data-archive-charset") || "utf-8").replace(/[^\w-]/g, "");
    var type = name === null ? "text/plain;charset=" + charset : /\.md$/.test(name) ? "text/markdown;charset=utf-8" : "text/plain;charset=utf-8";
    var from = link.getAttribute("data-archive-text");
    unpacked(link.href)
      .then(function (bytes) {
        if (from) bytes = textOfMarkdown(new TextDecoder("utf-8").decode(bytes), from === "heading") + "\n";
        var url = URL.createObjectURL(new Blob([bytes], { type: type }));
        if (name === null) {
          window.location.href = url; // shown in this tab; Back returns to the document
          return;
        }
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

if (typeof document !== "undefined") {
  schemeSwitch();
  anchorLinks();
  sideToc();
  labelCells();
  gunzipLinks();
}
