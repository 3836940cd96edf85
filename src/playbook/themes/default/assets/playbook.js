/* playbook default theme: light/dark toggle, the phone menu, sortable tables (the index's
   filter, and sorting a paged list over all its pages, are ranking.js's).
   Loaded in <head> without defer so a stored theme applies before the first paint; everything
   that touches the page waits for DOMContentLoaded. No inline scripts, so a strict
   Content-Security-Policy (script-src 'self') works. Without JavaScript the pages are complete:
   the system colour scheme still applies and the tables are already in rank order. */
(function () {
  "use strict";

  var STORAGE_KEY = "playbook-theme";
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(STORAGE_KEY);
      return value === "light" || value === "dark" ? value : null;
    } catch (e) {
      return null; // storage blocked (private mode, file:// in some browsers)
    }
  }

  function store(value) {
    try { window.localStorage.setItem(STORAGE_KEY, value); } catch (e) { /* not kept: fine */ }
  }

  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function effectiveTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "light" || chosen === "dark") return chosen;
    return media && media.matches ? "dark" : "light";
  }

  var initial = stored();
  if (initial) root.setAttribute("data-theme", initial);
  root.classList.add("js"); // before the first paint: the phone menu starts folded, not flashing open

  /* --- Theme toggle --------------------------------------------------------------------------- */

  var SVG_NS = "http://www.w3.org/2000/svg";

  function icon() {
    // A circle half filled: the usual "contrast" glyph, meaningful in both schemes.
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var ring = document.createElementNS(SVG_NS, "circle");
    ring.setAttribute("cx", "10"); ring.setAttribute("cy", "10"); ring.setAttribute("r", "7.5");
    ring.setAttribute("fill", "none"); ring.setAttribute("stroke", "currentColor"); ring.setAttribute("stroke-width", "1.8");
    var half = document.createElementNS(SVG_NS, "path");
    half.setAttribute("d", "M10 2.5a7.5 7.5 0 0 1 0 15z");
    half.setAttribute("fill", "currentColor");
    svg.appendChild(ring);
    svg.appendChild(half);
    return svg;
  }

  function setupToggle() {
    var slot = document.querySelector(".header-tools") || document.querySelector("header") || document.body;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "theme-toggle";
    button.appendChild(icon());
    var label = document.createElement("span");
    label.className = "sr-only";
    label.textContent = "Dark mode";
    button.appendChild(label);

    function sync() {
      var dark = effectiveTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? "Switch to light mode" : "Switch to dark mode";
    }

    button.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store(next);
      sync();
    });
    if (media) {
      var onChange = function () { sync(); };
      if (media.addEventListener) media.addEventListener("change", onChange);
      else if (media.addListener) media.addListener(onChange);
    }
    sync();
    slot.appendChild(button);
  }

  /* --- The navigation as a menu on narrow screens ------------------------------------------ */

  // The menu's button is made here, not written in every page: without JavaScript it would do
  // nothing, and the links wrap instead. A theme's page that writes one keeps its own.
  function menuButton(nav) {
    var list = nav.querySelector("ul");
    if (!list) return null;
    var button = document.createElement("button");
    button.className = "nav-toggle";
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    list.id = list.id || "site-nav-list";
    button.setAttribute("aria-controls", list.id);
    var icon = document.createElement("span");
    icon.className = "nav-toggle-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.appendChild(document.createTextNode("Menu"));
    return nav.insertBefore(button, list);
  }

  function setupMenu() {
    var nav = document.querySelector(".site-nav");
    var button = nav && (nav.querySelector(".nav-toggle") || menuButton(nav));
    if (!button) return;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) { set(false); button.focus(); }
    });
  }

  /* --- Sortable tables -------------------------------------------------------------------------- */

  function sortIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "sort-icon");
    svg.setAttribute("viewBox", "0 0 8 12");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var up = document.createElementNS(SVG_NS, "path");
    up.setAttribute("class", "sort-up");
    up.setAttribute("d", "M4 0l4 5H0z");
    up.setAttribute("fill", "currentColor");
    var down = document.createElementNS(SVG_NS, "path");
    down.setAttribute("class", "sort-down");
    down.setAttribute("d", "M4 12L0 7h8z");
    down.setAttribute("fill", "currentColor");
    svg.appendChild(up);
    svg.appendChild(down);
    return svg;
  }

  // A row's sort key, read from its cell in the sorted column (rows carry no copies of their values
  // as attributes, and a group page's cells no class: the column's header says what it holds).
  var STATUS_ORDER = ["idea", "exploring", "validated", "building", "shipped", "parked", "killed"];

  function keyOf(row, key, type, column) {
    var cell = row.cells[column];
    var raw = cell ? cell.textContent.trim() : "";
    if (key === "status-order") {
      var at = STATUS_ORDER.indexOf(raw);
      return at === -1 ? 99 : at;
    }
    if (type === "number") {
      var n = parseFloat(raw.replace(/^\+/, ""));
      return isNaN(n) ? Infinity : n; // unranked ("–") sorts last
    }
    return raw.toLowerCase();
  }

  function compareRows(key, type, direction, column) {
    var sign = direction === "descending" ? -1 : 1;
    return function (a, b) {
      var x = keyOf(a.row, key, type, column);
      var y = keyOf(b.row, key, type, column);
      var result;
      if (type === "number") {
        if (x === y) result = 0;
        else if (x === Infinity) return 1; // missing values stay last either way
        else if (y === Infinity) return -1;
        else result = x < y ? -1 : 1;
      } else {
        result = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" }); // "Owner 2" before "Owner 10"
      }
      return result !== 0 ? sign * result : a.index - b.index; // stable: the rank order breaks ties
    };
  }

  function sortTable(table, th) {
    var key = th.getAttribute("data-sort");
    var type = th.getAttribute("data-type") || "text";
    var current = th.getAttribute("aria-sort");
    var direction;
    if (current === "ascending") direction = "descending";
    else if (current === "descending") direction = "ascending";
    else direction = th.getAttribute("data-first") || "ascending";

    Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-sort]"), function (other) {
      if (other !== th) other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", direction);
    if (table.closest("[data-source]")) {
      // A paged list (the ranking, a group's pages) sorts its whole data, not this page's rows (ranking.js).
      table.dispatchEvent(new CustomEvent("playbook:sort", { detail: { key: key, type: type, direction: direction } }));
      return;
    }

    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      var rows = Array.prototype.filter.call(tbody.rows, function (row) {
        return row.classList.contains("brief-row");
      });
      // Ties keep the page's original order (the playbook's ranking).
      var items = rows.map(function (row) { return { row: row, index: originalOrder.get(row) || 0 }; });
      items.sort(compareRows(key, type, direction, th.cellIndex));
      var anchor = tbody.querySelector(".empty-row");
      items.forEach(function (item) { tbody.insertBefore(item.row, anchor); });
    });
  }

  var originalOrder = new Map();

  function setupSorting(table) {
    if (!table.tHead) return;
    Array.prototype.forEach.call(table.querySelectorAll("tr.brief-row"), function (row, i) {
      originalOrder.set(row, i);
    });
    Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-sort]"), function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.appendChild(sortIcon());
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, th); });
    });
  }

  /* --- The header's search box ------------------------------------------------------------- */

  // Search needs JavaScript, so the header's box is made with it rather than written in every
  // page (the search page has its own, and says so without JavaScript). It sends its words to the
  // search page as ?q=. A theme's page that writes a form there keeps its own.
  function setupSearch() {
    var slot = document.querySelector(".header-tools");
    var home = document.querySelector(".site-title");
    if (!slot || !home || slot.querySelector("form") || document.body.classList.contains("kind-search")) return;
    var form = document.createElement("form");
    form.className = "header-search";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Search the playbook");
    form.setAttribute("action", home.getAttribute("href").replace(/[^\/]*$/, "") + "search/index.html");
    var input = document.createElement("input");
    input.id = "site-search";
    input.type = "search";
    input.name = "q";
    input.placeholder = "Search briefs";
    input.setAttribute("aria-label", "Search briefs");
    input.setAttribute("autocomplete", "off");
    form.appendChild(input);
    slot.insertBefore(form, slot.firstChild);
  }

  function enhance() {
    setupSearch();
    setupToggle();
    setupMenu();
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), setupSorting);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
