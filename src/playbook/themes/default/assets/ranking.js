/* playbook default theme: sorting and filtering whole lists from their compact index
   (ranking-index.js and the search index it refers to, loaded on the first filter or sort) rather
   than from a table of every brief: the index's ranking (filter and sort), and a paged tag, status
   or sufferer page (sort). A page itself lists one page of briefs, with plain links to the others,
   so without JavaScript every brief is still a link away. Rows are built with textContent and
   setAttribute only: no brief's text is ever parsed as HTML. */
(function () {
  "use strict";

  var SHOWN = 100; // rows shown at a time; "Show more" adds as many again
  var STATUS_ORDER = ["idea", "exploring", "validated", "building", "shipped", "parked", "killed"];
  var SOURCE_TAIL = "assets/ranking-index.js";
  var TEXT_ORDER = { numeric: true, sensitivity: "base" }; // "Owner 2" before "Owner 10"; case aside

  /* The data, each script loaded once however many lists a page has: scripts, not JSON, so they
     load from file:// too. The ranked briefs are PLAYBOOK_RANKING's. */
  var loaded = {}, waiting = {};

  function loadScript(source, then, failed) {
    if (loaded[source]) { then(loaded[source]); return; }
    if (waiting[source]) { waiting[source].push([then, failed]); return; }
    waiting[source] = [[then, failed]];
    var done = function (ok) {
      waiting[source].splice(0).forEach(function (pair) { if (ok) pair[0](loaded[source]); else pair[1](); });
      delete waiting[source];
    };
    var script = document.createElement("script");
    script.src = source;
    script.onload = function () {
      if (/search-index\.js$/.test(source)) { loaded[source] = true; done(true); return; } // read as window.PLAYBOOK_SEARCH
      // The index's row i is the search index's entry first + i: the words are there, once.
      loadScript(source.replace(/[^\/]*$/, "search-index.js"), function () {
        var raw = window.PLAYBOOK_RANKING || { fields: [], rows: [] };
        var entries = window.PLAYBOOK_SEARCH || [];
        loaded[source] = raw.rows.map(function (values, i) {
          var e = entries[(raw.first || 0) + i] || {};
          var row = { path: e.u, title: e.t, who: e.w, status: e.s, owner: e.o || "", draft: !!e.d };
          raw.fields.forEach(function (field, at) { row[field] = values[at]; });
          row.who_path = (raw.sufferers || [])[row.sufferer];
          row.tags = row.tags || [];
          row.search = [e.t, e.w, e.p, e.s, e.o].concat(e.g || []).join(" ").toLowerCase();
          row["status-order"] = STATUS_ORDER.indexOf(row.status) === -1 ? 99 : STATUS_ORDER.indexOf(row.status);
          return row;
        });
        done(true);
      }, function () { done(false); });
    };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  // The ranking's rows, in rank order, each a list's own copy with its place as its index.
  function loadData(source, then, failed) {
    loadScript(source, function (rows) {
      then(rows.map(function (row, index) {
        var copy = Object.create(row);
        copy.index = index;
        return copy;
      }));
    }, failed);
  }

  /* One list over the data: options.member picks its briefs, options.form (if any) filters them. */
  function setupList(table, options) {
    var source = options.source;
    var prefix = source.slice(0, source.length - SOURCE_TAIL.length); // the site's root, relative
    var form = options.form;
    var count = options.count;
    var more = options.more;
    var pagers = options.pagers;
    var bodies = Array.prototype.slice.call(table.tBodies);
    var original = bodies.map(function (tbody) {
      var empty = tbody.querySelector(".empty-row");
      return {
        rows: Array.prototype.filter.call(tbody.rows, function (r) { return r.classList.contains("brief-row"); }),
        emptyText: empty ? empty.textContent : "",
        emptyHidden: empty ? empty.hidden : true
      };
    });
    var state = { words: [], tier: "", status: "", key: "rank", type: "number", direction: "ascending", limit: SHOWN };
    var rows = null;

    function load(then) {
      if (rows) { then(); return; }
      if (count) count.textContent = "Loading the list…";
      loadData(source, function (all) {
        rows = all.filter(options.member);
        then();
      }, function () {
        if (count) count.textContent = "The list's data could not be loaded; the pages below list every brief.";
      });
    }

    function isDefault() {
      return !state.words.length && !state.tier && !state.status && state.key === "rank" && state.direction === "ascending";
    }

    function compare(a, b) {
      var x = a[state.key], y = b[state.key], result;
      if (state.type === "number") {
        x = x === null || x === undefined || x === "" ? Infinity : Number(x);
        y = y === null || y === undefined || y === "" ? Infinity : Number(y);
        if (x === y) result = 0;
        else if (x === Infinity) return 1; // a missing value stays last either way
        else if (y === Infinity) return -1;
        else result = x < y ? -1 : 1;
      } else {
        result = String(x || "").localeCompare(String(y || ""), undefined, TEXT_ORDER);
      }
      return result !== 0 ? (state.direction === "descending" ? -result : result) : a.index - b.index;
    }

    function matches(row) {
      return (!state.tier || row.tier === state.tier) &&
        (!state.status || row.status === state.status) &&
        state.words.every(function (w) { return row.search.indexOf(w) !== -1; });
    }

    function apply() {
      if (isDefault()) { restore(); return; }
      load(render);
    }

    function restore() {
      bodies.forEach(function (tbody, i) {
        clearRows(tbody);
        var anchor = tbody.querySelector(".empty-row");
        original[i].rows.forEach(function (row) { tbody.insertBefore(row, anchor); });
        if (anchor) { anchor.hidden = original[i].emptyHidden; anchor.textContent = ""; anchor.appendChild(cell(original[i].emptyText)); }
        var tierRow = tbody.querySelector(".tier-row");
        if (tierRow) tierRow.hidden = false;
      });
      Array.prototype.forEach.call(pagers, function (p) { p.hidden = false; });
      if (more) more.hidden = true;
      if (count) count.textContent = "";
    }

    function render() {
      var found = rows.filter(matches);
      var tiers = { "ready": [], "model-gap": [] };
      found.forEach(function (row) { (tiers[row.tier] || tiers["model-gap"]).push(row); });
      var budget = state.limit;
      bodies.forEach(function (tbody) {
        var key = tbody.getAttribute("data-tier-group");
        var mine = (key ? tiers[key] || [] : found).sort(compare);
        var shown = mine.slice(0, Math.max(budget, 0));
        budget -= shown.length;
        clearRows(tbody);
        var anchor = tbody.querySelector(".empty-row");
        shown.forEach(function (row) { tbody.insertBefore(makeRow(row), anchor); });
        var excluded = Boolean(key && state.tier && state.tier !== key);
        var tierRow = tbody.querySelector(".tier-row");
        if (tierRow) tierRow.hidden = excluded;
        if (anchor) {
          anchor.textContent = "";
          anchor.appendChild(cell("No brief in this tier matches the filter."));
          anchor.hidden = excluded || mine.length > 0;
        }
      });
      var showing = Math.min(found.length, state.limit);
      Array.prototype.forEach.call(pagers, function (p) { p.hidden = true; });
      if (count) count.textContent = options.counted(showing, found.length, rows.length);
      if (more) {
        more.hidden = found.length <= state.limit;
        more.querySelector("button").textContent = "Show " + Math.min(SHOWN, found.length - state.limit) + " more";
      }
    }

    function cell(text) {
      var td = document.createElement("td");
      td.colSpan = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells.length : 1; // the columns this list has
      td.textContent = text;
      return td;
    }

    function clearRows(tbody) {
      Array.prototype.filter.call(tbody.rows, function (r) { return r.classList.contains("brief-row"); })
        .forEach(function (r) { tbody.removeChild(r); });
    }

    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    }

    function link(className, path, text) {
      var a = el("a", className, text);
      a.setAttribute("href", prefix + path + "index.html");
      return a;
    }

// Numbers as the build writes them (Python's formats): a tie rounds to even, where toFixed
    // would round it up (56.25 is "56.2", not "56.3").
    function fixed(v, digits) {
      var exact = Math.abs(v).toFixed(100); // every digit of the double: a tie is "…5" then zeros
      var point = exact.indexOf(".");
      var kept = exact.slice(0, digits ? point + 1 + digits : point);
      if (/^50*$/.test(exact.slice(point + 1 + digits)) && Number(kept.slice(-1)) % 2 === 0) {
        return (v < 0 ? "-" : "") + kept;
      }
      return v.toFixed(digits);
    }
    function number(v) { return v === Math.round(v) ? String(v) : fixed(v, 1).replace(/\.0$/, ""); }
    function percent(v) { return fixed(v * 100, 0) + "%"; }
    function ratio(v) { return fixed(Number(v), 2); }
    function signed(v) { return (v >= 0 ? "+" : "") + fixed(Number(v), 2); }
    // A value's class in [0, 1], in steps of 5% ("v65"): the stylesheet draws the cell's bar from it.
    function level(value) { return "v" + Math.round(Math.min(Math.max(value, 0), 1) * 20) * 5; }

    // The row as _macros.html's brief_row draws it, cell for cell. The fit: in the index's tiered
    // ranking with the chart's shape (the group pages' cells have it bare, then a tier badge).
    function fitValue(row) {
      var value = el("span", "fit-value");
      var unproven = row.tier === "ready" && row.verdict === "unproven";
      value.appendChild(el("span", "shape shape-" + (unproven ? "unproven" : row.tier)));
      value.appendChild(document.createTextNode(signed(row.fit)));
      if (unproven) value.appendChild(el("span", "sr-only", " (not yet proven)"));
      return value;
    }

    function tierBadge(row) {
      var unproven = row.tier === "ready" && row.verdict === "unproven";
      var badge = el("span", "badge tier tier-" + row.tier + (unproven ? " verdict-unproven" : ""));
      badge.appendChild(document.createTextNode(row.tier === "ready" ? (unproven ? "Ready?" : "Ready") : "Gap"));
      return badge;
    }

    // The row as _macros.html's brief_row draws it, cell for cell: no class a cell but its bar's
    // and the fit's; no sufferer cell on a sufferer page, no status cell on a status page.
    function makeRow(row) {
      var tr = el("tr", "brief-row");
      var rank = el("td");
      if (row.rank === null) {
        rank.appendChild(el("span", "", "–")).setAttribute("aria-hidden", "true");
        rank.appendChild(el("span", "sr-only", "unranked"));
      } else {
        rank.textContent = String(row.rank);
      }
      if (row.movement) {
        var move = el("span", "move move-" + row.movement[0]);
        move.title = row.movement[2];
        var label = el("span", "", row.movement[1]);
        label.setAttribute("aria-hidden", "true");
        move.appendChild(label);
        move.appendChild(el("span", "sr-only", ", " + row.movement[2]));
        rank.appendChild(move);
      }
      tr.appendChild(rank);
      var problem = document.createElement("th");
      problem.setAttribute("scope", "row");
      problem.appendChild(link("", row.path, row.title));
      if (row.draft) { problem.appendChild(document.createTextNode(" ")); problem.appendChild(el("span", "badge draft", "Draft")); }
      tr.appendChild(problem);
      if (options.showSufferer) {
        var who = el("td");
        who.appendChild(link("", row.who_path, row.who));
        tr.appendChild(who);
      }
      tr.appendChild(el("td", level(row.pain / 100), number(row.pain)));
      tr.appendChild(el("td", level(row.completeness), percent(row.completeness)));
      var fit = el("td", "fit-" + row.tier);
      if (options.tiered) fit.appendChild(fitValue(row));
      else { fit.appendChild(document.createTextNode(signed(row.fit) + " ")); fit.appendChild(tierBadge(row)); }
      fit.appendChild(el("small", "", ratio(row.required) + " / " + ratio(row.model)));
      tr.appendChild(fit);
      tr.appendChild(el("td", "", number(row.score)));
      if (options.showStatus) {
        var status = el("td");
        status.appendChild(el("span", "badge status status-" + row.status, row.status));
        tr.appendChild(status);
      }
      tr.appendChild(el("td", "", row.owner || ""));
      tr.appendChild(el("td", "", row.updated || ""));
      return tr;
    }

    function readForm() {
      var text = form.elements.namedItem("text");
      var tier = form.elements.namedItem("tier");
      var status = form.elements.namedItem("status");
      state.words = (text && text.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      state.tier = tier ? tier.value : "";
      state.status = status ? status.value : "";
      state.limit = SHOWN;
      apply();
    }

    if (form) {
      form.addEventListener("input", readForm);
      form.addEventListener("change", readForm);
      form.addEventListener("submit", function (event) { event.preventDefault(); readForm(); });
    }
    table.addEventListener("playbook:sort", function (event) {
      state.key = event.detail.key;
      state.type = event.detail.type;
      state.direction = event.detail.direction;
      state.limit = SHOWN;
      apply();
    });
    if (more) {
      more.querySelector("button").addEventListener("click", function () {
        state.limit += SHOWN;
        apply();
      });
    }
    if (form) form.hidden = false;
  }

  function setup() {
    var ranking = document.getElementById("ranking");
    var form = document.querySelector('form[data-filter-for="ranking"]');
    if (ranking && form && ranking.getAttribute("data-source")) {
      setupList(ranking, {
        source: ranking.getAttribute("data-source"),
        form: form,
        count: form.querySelector(".filter-count"),
        more: document.querySelector(".ranking-section .more-rows"),
        pagers: document.querySelectorAll(".ranking-section .pager"),
        member: function (row) { return row.rank !== null; },
        tiered: true,
        showSufferer: true,
        showStatus: true,
        counted: function (showing, found, all) {
          return "Showing " + showing.toLocaleString("en") + " of " + found.toLocaleString("en") +
            " matching briefs (" + all.toLocaleString("en") + " ranked)";
        }
      });
    }
    // A paged tag, status or sufferer page: its table's briefs are the ranked rows whose field (a
    // list or one value) holds the page's value; its unranked ones are a list of links.
    Array.prototype.forEach.call(document.querySelectorAll(".group-briefs[data-source]"), function (holder) {
      var table = holder.querySelector("table.ranking");
      var field = holder.getAttribute("data-group-field");
      var value = holder.getAttribute("data-group-value");
      if (!table || !field) return;
      setupList(table, {
        source: holder.getAttribute("data-source"),
        form: null,
        count: holder.querySelector(".list-count"),
        more: holder.querySelector(".more-rows"),
        pagers: holder.querySelectorAll(".pager"),
        member: function (row) {
          var held = row[field];
          return Array.isArray(held) ? held.indexOf(value) !== -1 : held === value;
        },
        tiered: false,
        showSufferer: Boolean(table.querySelector('th[data-sort="who"]')),
        showStatus: Boolean(table.querySelector('th[data-sort="status-order"]')),
        counted: function (showing, found) {
          return "Sorted across all " + found.toLocaleString("en") + " ranked briefs: showing the first " +
            showing.toLocaleString("en") + ".";
        }
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
