/* Every page, loaded (from the cache after the first page) just before Material's script:
 * - the light/dark switch in the header (partials/palette.html);
 * - on a document page, the side column's table of contents, built from the one in the text.
 * Both were markup repeated in every page; here they are one cached file.
 */
(function () {
  "use strict";

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
  // in the text (partials/document-toc.html). This runs before Material's script, which then follows the reader.
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

  schemeSwitch();
  sideToc();
})();
