/* playbook default theme: the index's filter and sort over the whole ranking, from its compact
   index (ranking-index.js and the search index it refers to, loaded on the first filter or sort) rather than from a table of every
   brief. The page itself lists one page of ranks, with plain links to the others, so without
   JavaScript every brief is still a link away. Rows are built with textContent and
   setAttribute only: no brief's text is ever parsed as HTML. */
(function () {
  "use strict";

  var SHOWN = 100; // rows shown at a time; "Show more" adds as many again
  var STATUS_ORDER = ["idea", "exploring", "validated", "building", "shipped", "parked", "killed"];
  var SOURCE_TAIL = "assets/ranking-index.js";

  function setup() {
    var table = document.getElementById("ranking");
    var form = document.querySelector('form[data-filter-for="ranking"]');
    if (!table || !form || !table.getAttribute("data-source")) return;
    var source = table.getAttribute("data-source");
    var prefix = source.slice(0, source.length - SOURCE_TAIL.length); // the site's root, relative
    var count = form.querySelector(".filter-count");
    var more = document.querySelector(".more-rows");
    var pagers = document.querySelectorAll(".ranking-section .pager");
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
    var loading = false;

    function load(then) {
      if (rows) { then(); return; }
      if (loading) return;
      loading = true;
      if (count) count.textContent = "Loading the ranking…";
      // The brief's words are the search index's (entry i is rank i); the ranking index has the numbers.
      script(prefix + "assets/search-index.js", function () {
        script(source, function () {
          var data = window.PLAYBOOK_RANKING || { fields: [], rows: [] };
          var entries = window.PLAYBOOK_SEARCH || [];
          rows = data.rows.map(function (values, index) {
            var e = entries[index] || {};
            var row = { index: index, path: e.u, title: e.t, who: e.w, status: e.s, owner: e.o, draft: !!e.d };
            data.fields.forEach(function (field, i) { row[field] = values[i]; });
            row.who_path = (data.sufferers || [])[row.sufferer];
            row.search = [e.t, e.w, e.p, e.s, e.o].concat(e.g || []).join(" ").toLowerCase();
            row["status-order"] = STATUS_ORDER.indexOf(row.status) === -1 ? 99 : STATUS_ORDER.indexOf(row.status);
            return row;
          });
          then();
        });
      });
    }

    function script(src, then) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = then;
      tag.onerror = function () {
        loading = false;
        if (count) count.textContent = "The ranking's data could not be loaded; the pages below list every brief.";
      };
      document.head.appendChild(tag);
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
        result = String(x || "").toLowerCase().localeCompare(String(y || "").toLowerCase());
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
        var mine = (tiers[key] || []).sort(compare);
        var shown = mine.slice(0, Math.max(budget, 0));
        budget -= shown.length;
        clearRows(tbody);
        var anchor = tbody.querySelector(".empty-row");
        shown.forEach(function (row) { tbody.insertBefore(makeRow(row), anchor); });
        var excluded = state.tier && state.tier !== key;
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
      if (count) count.textContent = "Showing " + showing.toLocaleString("en") + " of " + found.length.toLocaleString("en") + " matching briefs (" + rows.length.toLocaleString("en") + " ranked)";
      if (more) {
        more.hidden = found.length <= state.limit;
        more.querySelector("button").textContent = "Show " + Math.min(SHOWN, found.length - state.limit) + " more";
      }
    }

    function cell(text) {
      var td = document.createElement("td");
      td.colSpan = 10;
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

    function number(v) { return v === Math.round(v) ? String(v) : (Math.round(v * 10) / 10).toString(); }
    function percent(v) { return Math.round(v * 100) + "%"; }
    function ratio(v) { return Number(v).toFixed(2); }
    function signed(v) { return (v >= 0 ? "+" : "") + Number(v).toFixed(2); }
    function bar(value, kind) {
      var step = Math.round(Math.min(Math.max(value, 0), 1) * 20) * 5;
      var i = el("i", "bar " + kind + " v" + step);
      i.setAttribute("aria-hidden", "true");
      return i;
    }
    function metric(td, text, value, kind) {
      var span = el("span", "cell-metric", text);
      span.appendChild(bar(value, kind));
      td.appendChild(span);
      return td;
    }

    function makeRow(row) {
      var tr = el("tr", "brief-row");
      var rank = el("td", "num rank", String(row.rank));
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
      var problem = el("th", "problem");
      problem.setAttribute("scope", "row");
      problem.appendChild(link("", row.path, row.title));
      if (row.draft) { problem.appendChild(document.createTextNode(" ")); problem.appendChild(el("span", "badge draft", "Draft")); }
      tr.appendChild(problem);
      var who = el("td", "sufferer");
      who.appendChild(link("quiet", row.who_path, row.who));
      tr.appendChild(who);
      tr.appendChild(metric(el("td", "num pain"), number(row.pain), row.pain / 100, "bar-pain"));
      tr.appendChild(metric(el("td", "num completeness"), percent(row.completeness), row.completeness, "bar-completeness"));
      var fit = el("td", "num fit fit-" + row.tier);
      var value = el("span", "fit-value");
      var unproven = row.tier === "ready" && row.verdict === "unproven";
      var shape = el("span", "shape shape-" + (unproven ? "unproven" : row.tier));
      shape.setAttribute("aria-hidden", "true");
      value.appendChild(shape);
      value.appendChild(document.createTextNode(signed(row.fit)));
      if (unproven) value.appendChild(el("span", "sr-only", " (not yet proven)"));
      fit.appendChild(value);
      var needs = el("span", "needs-has", ratio(row.required) + " / " + ratio(row.model));
      needs.title = "the workflow needs " + ratio(row.required) + ", the model has " + ratio(row.model);
      fit.appendChild(needs);
      tr.appendChild(fit);
      var score = el("td", "num score");
      score.appendChild(el("strong", "", number(row.score)));
      tr.appendChild(score);
      var status = el("td", "status-cell");
      var badge = el("span", "badge status status-" + row.status);
      var dot = el("span", "dot");
      dot.setAttribute("aria-hidden", "true");
      badge.appendChild(dot);
      badge.appendChild(document.createTextNode(row.status));
      status.appendChild(badge);
      tr.appendChild(status);
      tr.appendChild(el("td", "owner", row.owner || ""));
      var updated = el("td", "updated");
      if (row.updated) {
        var time = el("time", "", row.updated);
        time.setAttribute("datetime", row.updated);
        updated.appendChild(time);
      }
      tr.appendChild(updated);
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

    form.addEventListener("input", readForm);
    form.addEventListener("change", readForm);
    form.addEventListener("submit", function (event) { event.preventDefault(); readForm(); });
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
    form.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
