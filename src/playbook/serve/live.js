// Live reload and the error overlay of `playbook serve`. Served only by the preview server,
// never part of a build. Builds every element with textContent: diagnostics are untrusted text.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(script && script.getAttribute("data-version"));
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "playbook-error-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "The playbook has errors");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace";
    var title = document.createElement("h2");
    title.textContent = errors.length + (errors.length === 1 ? " error" : " errors") +
      " — showing the last good build. Fix and save: this page reloads.";
    title.style.cssText = "margin:0 0 1rem;font:600 16px/1.4 system-ui,sans-serif;color:#ff8a80";
    overlay.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "list-style:none;margin:0;padding:0";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 .75rem;padding:.5rem .75rem;border-left:3px solid #ff8a80;background:rgba(255,255,255,.05)";
      var where = document.createElement("div");
      where.textContent = (e.path ? e.path + ":" + e.line + ":" + e.column + ": " : "") + e.code + " " + e.name;
      where.style.color = "#ffcc80";
      var message = document.createElement("div");
      message.textContent = e.message;
      item.appendChild(where);
      item.appendChild(message);
      if (e.hint) {  // the fix, as the terminal prints it under the finding
        var hint = document.createElement("div");
        hint.className = "playbook-hint";
        hint.textContent = "= hint: " + e.hint;
        hint.style.color = "#a5d6a7";
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "font:inherit;padding:.25rem .75rem;cursor:pointer";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function apply(state) {
    if (state.errors.length) { show(state.errors); return; }
    hide();
    if (state.version !== version) { location.reload(); }
  }

  if (typeof EventSource === "undefined") { return; }
  var source = new EventSource("/__playbook__/events");
  source.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
})();
