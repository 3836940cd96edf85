// Live reload and the error overlay of `playbook serve`. Served only by the preview server,
// never part of a build. Builds every element with textContent: diagnostics are untrusted text.
// Errors in the configuration or the theme block the whole preview: a full overlay lists them.
// Errors in some briefs or pages only leave those out: a panel lists them, with links to their
// addresses (which show their errors), and the rest of the site is served and reloads as usual.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(script && script.getAttribute("data-version"));
  var overlay = null;
  var DISMISSED = "playbook-overlay-dismissed";

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function element(tag, text, css) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (css) { node.style.cssText = css; }
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function errorItem(e) {
    var item = element("li", "", "margin:0 0 .75rem;padding:.5rem .75rem;border-left:3px solid #ff8a80;" +
      "background:rgba(255,255,255,.05);overflow-wrap:anywhere");
    item.appendChild(element("div", (e.path ? e.path + ":" + e.line + ":" + e.column + ": " : "") +
      e.code + " " + e.name, "color:#ffcc80"));
    item.appendChild(element("div", e.message));
    if (e.hint) {  // the fix, as the terminal prints it under the finding
      var hint = element("div", "= hint: " + e.hint, "color:#a5d6a7");
      hint.className = "playbook-hint";
      item.appendChild(hint);
    }
    return item;
  }

  function closeButton(key) {
    var close = element("button", "Dismiss", "font:inherit;padding:.25rem .75rem;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", function () {
      try { sessionStorage.setItem(DISMISSED, key); } catch (ignored) { /* storage off */ }
      hide();
    });
    return close;
  }

  function dismissed(key) {
    try { return sessionStorage.getItem(DISMISSED) === key; } catch (ignored) { return false; }
  }

  // The configuration or the theme fails: nothing new can be served.
  function showBlocking(state) {
    hide();
    overlay = element("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace");
    overlay.id = "playbook-error-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "The playbook has errors");
    overlay.appendChild(element("h2", plural(state.errors.length, "error") + " — " +
      (state.built ? "showing the last good build." : "nothing has built yet.") +
      " Fix and save: this page reloads.", "margin:0 0 1rem;font:600 16px/1.4 system-ui,sans-serif;color:#ff8a80"));
    var list = element("ul", "", "list-style:none;margin:0;padding:0");
    state.errors.forEach(function (e) { list.appendChild(errorItem(e)); });
    overlay.appendChild(list);
    overlay.appendChild(closeButton(""));
    document.body.appendChild(overlay);
  }

  // Some briefs or pages have errors: they are left out, the rest is current.
  function showBroken(state) {
    hide();
    var key = JSON.stringify(state.broken);
    if (dismissed(key)) { return; }
    overlay = element("aside", "", "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;" +
      "max-width:min(28rem,calc(100vw - 2rem));max-height:45vh;overflow:auto;padding:1rem;border-radius:6px;" +
      "background:rgba(20,20,24,.96);color:#f5f5f5;box-shadow:0 4px 24px rgba(0,0,0,.35);" +
      "font:14px/1.5 system-ui,sans-serif");
    overlay.id = "playbook-error-overlay";
    overlay.setAttribute("role", "status");
    overlay.setAttribute("aria-label", "Briefs left out of the preview");
    overlay.appendChild(element("h2", plural(state.broken.length, "file") + " with errors, left out of " +
      "this preview. Fix and save: the page reloads.", "margin:0 0 .5rem;font:600 15px/1.4 system-ui,sans-serif;" +
      "color:#ff8a80"));
    var list = element("ul", "", "margin:0 0 .75rem;padding:0 0 0 1.25rem;background:none");
    state.broken.forEach(function (b) {
      // Inline styles throughout: the page's own (a theme's, the broken page's) must not reach in.
      var item = element("li", "", "margin:0 0 .25rem;padding:0;border:0;background:none;color:inherit;" +
        "overflow-wrap:anywhere");
      var label = b.title + " (" + (b.draft ? "draft, " : "") + plural(b.errors, "error") + ")";
      if (b.url && b.url !== "/") {
        var link = element("a", label, "color:#90caf9;background:none");
        link.href = b.url;
        item.appendChild(link);
      } else {
        item.appendChild(element("span", label));
      }
      item.appendChild(element("div", b.path, "font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;color:#bbb"));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    overlay.appendChild(closeButton(key));
    document.body.appendChild(overlay);
  }

  function apply(state) {
    if (state.blocking) { showBlocking(state); return; }
    if (state.version !== version) { location.reload(); return; }
    if (state.broken.length) { showBroken(state); return; }
    hide();
  }

  if (typeof EventSource === "undefined") { return; }
  var source = new EventSource("/__playbook__/events");
  source.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
})();
