/* Every page: the light/dark switch in the header (partials/palette.html). Kept here, in one cached file, rather
 * than inline in every page. The scheme follows the system until the reader chooses; a choice equal to the
 * system's goes back to following it. main.html decides the scheme before the first paint and palette.html sets
 * it on <body> (Material's colours read data-md-color-scheme there: slate = dark); this switches it.
 */
(function () {
  "use strict";
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
})();
