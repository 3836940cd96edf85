/* playbook default theme: client-side search over window.PLAYBOOK_SEARCH, an array of
   {t: title, u: site path ("briefs/x/"), s: status, g: tags, w: who, p: problem, o: owner}
   written by the build into assets/search-index.js, and window.PLAYBOOK_WORDS, each entry's body
   text in the same order (assets/search-words.js; an entry's own x wins). Every word of the query must match (AND);
   title hits weigh most, then sufferer, problem and tags, then the body. Results are built with
   DOM methods only (textContent), never innerHTML, so index content cannot inject markup.
   The body text (x) is only searched, never shown: the build may reduce it to distinct words. */
(function () {
  "use strict";

  var MAX_RESULTS = 50;

  function lower(value) { return String(value == null ? "" : value).toLowerCase(); }

  function prepare(raw, words) {
    // Lower-case every searchable string once, up front: queries then only do indexOf.
    return raw.map(function (e, i) {
      var tags = Array.isArray(e.g) ? e.g.map(String) : [];
      return {
        entry: e,
        title: lower(e.t),
        who: lower(e.w),
        problem: lower(e.p),
        tags: lower(tags.join(" ")),
        owner: lower(e.o),
        body: lower(e.x !== undefined ? e.x : words[i]),
        status: lower(e.s)
      };
    });
  }

  function wordStart(haystack, word) {
    var at = haystack.indexOf(word);
    while (at !== -1) {
      if (at === 0 || /[^a-z0-9]/.test(haystack.charAt(at - 1))) return true;
      at = haystack.indexOf(word, at + 1);
    }
    return false;
  }

  function score(item, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var s = 0;
      if (item.title.indexOf(w) !== -1) s += wordStart(item.title, w) ? 12 : 8;
      if (item.who.indexOf(w) !== -1) s += 4;
      if (item.problem.indexOf(w) !== -1) s += 4;
      if (item.tags.indexOf(w) !== -1) s += 4;
      if (item.owner.indexOf(w) !== -1) s += 2;
      if (item.status === w) s += 3;
      if (s === 0 && item.body.indexOf(w) !== -1) s = 1;
      else if (s > 0 && item.body.indexOf(w) !== -1) s += 1;
      if (s === 0) return 0; // every word must match somewhere
      total += s;
    }
    return total;
  }

  function search(items, query) {
    var words = lower(query).split(/\s+/).filter(Boolean);
    if (!words.length) return { words: words, hits: [] };
    var hits = [];
    for (var i = 0; i < items.length; i++) {
      var s = score(items[i], words);
      if (s > 0) hits.push({ item: items[i], score: s, index: i, bodyOnly: s === words.length });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || (a.item.title < b.item.title ? -1 : a.item.title > b.item.title ? 1 : a.index - b.index);
    });
    return { words: words, hits: hits };
  }

  function appendMarked(parent, text, words) {
    // Wrap the first occurrence of each query word in <mark>, with text nodes only.
    var lowerText = text.toLowerCase();
    var ranges = [];
    words.forEach(function (w) {
      var at = lowerText.indexOf(w);
      if (at !== -1) ranges.push([at, at + w.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return; // overlapping: skip
      if (r[0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      pos = r[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function safePath(path) {
    // Site paths are relative ("briefs/x/"); refuse anything with a scheme or a leading slash.
    path = String(path || "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.charAt(0) === "/" || path.indexOf("..") !== -1) return null;
    return path;
  }

  function render(results, list, status, root, query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!results.words.length) {
      status.textContent = "";
      return;
    }
    var hits = results.hits;
    if (!hits.length) {
      status.textContent = "No brief matches “" + query.trim() + "”.";
      return;
    }
    status.textContent = hits.length === 1 ? "1 brief matches." :
      hits.length > MAX_RESULTS ? hits.length + " briefs match; showing the best " + MAX_RESULTS + "." :
      hits.length + " briefs match.";
    var fragment = document.createDocumentFragment();
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var e = hit.item.entry;
      var li = document.createElement("li");
      var head = document.createElement("div");
      head.className = "result-head";
      var path = safePath(e.u);
      var title = document.createElement(path === null ? "span" : "a");
      title.className = "result-title";
      if (path !== null) title.href = root + (path === "" || path.charAt(path.length - 1) === "/" ? path + "index.html" : path);
      appendMarked(title, String(e.t || ""), results.words);
      head.appendChild(title);
      if (e.s) {
        var badge = document.createElement("span");
        badge.className = "badge status status-" + String(e.s).replace(/[^a-z-]/g, "");
        var dot = document.createElement("span");
        dot.className = "dot";
        dot.setAttribute("aria-hidden", "true");
        badge.appendChild(dot);
        badge.appendChild(document.createTextNode(String(e.s)));
        head.appendChild(badge);
      }
      if (e.d) {
        var draft = document.createElement("span");
        draft.className = "badge draft";
        draft.textContent = "Draft";
        head.appendChild(draft);
      }
      li.appendChild(head);
      if (e.w) {
        var who = document.createElement("p");
        who.className = "result-who";
        who.textContent = String(e.w);
        li.appendChild(who);
      }
      if (e.p) {
        var p = document.createElement("p");
        p.className = "result-snippet";
        appendMarked(p, String(e.p), results.words);
        li.appendChild(p);
      }
      if (hit.bodyOnly) {
        var where = document.createElement("p");
        where.className = "result-where";
        where.textContent = "Matched in the notes";
        li.appendChild(where);
      }
      fragment.appendChild(li);
    });
    list.appendChild(fragment);
  }

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !list || !status) return;

    var raw = Array.isArray(window.PLAYBOOK_SEARCH) ? window.PLAYBOOK_SEARCH : null;
    if (!raw) {
      status.textContent = "The search index could not be loaded.";
      return;
    }
    var items = prepare(raw, Array.isArray(window.PLAYBOOK_WORDS) ? window.PLAYBOOK_WORDS : []);
    // The home page's URL from this page, e.g. "../index.html" → "../".
    var root = (form.getAttribute("data-root") || "../index.html").replace(/index\.html$/, "");

    var timer = null;
    function run(updateUrl) {
      var query = input.value;
      render(search(items, query), list, status, root, query);
      if (updateUrl && window.history && window.history.replaceState) {
        try {
          var url = new URL(window.location.href);
          if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
          window.history.replaceState(null, "", url.toString());
        } catch (e) { /* file:// in some browsers: the URL just does not follow */ }
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, items.length > 2000 ? 120 : 40);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(true);
    });

    var initial = "";
    try { initial = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { initial = ""; }
    if (initial) {
      input.value = initial;
      run(false);
    } else {
      status.textContent = items.length + (items.length === 1 ? " brief" : " briefs") + " to search.";
    }
    input.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
