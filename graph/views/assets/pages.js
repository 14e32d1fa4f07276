/* claimgraph casebook pages: a click on a dot or a stance of a matrix lists the claims
   behind it (text only, from the page's JSON). */
(function () {
  "use strict";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function wire(table) {
    var data = document.getElementById(table.getAttribute("data-claims"));
    var panel = document.getElementById(table.getAttribute("data-panel"));
    if (!data || !panel) { return; }
    var claims = JSON.parse(data.textContent || "{}");
    var list = panel.querySelector("ul"), heading = panel.querySelector("h3");
    var current = null;
    function show(button) {
      if (current) { current.classList.remove("cg-on"); }
      current = button;
      button.classList.add("cg-on");
      heading.textContent = button.getAttribute("data-title") || "";
      list.textContent = "";
      (button.getAttribute("data-claims") || "").split(" ").forEach(function (id) {
        var c = claims[id];
        if (!c) { return; }
        var li = el("li", "cg-claim");
        var b = el("span", "cg-badge cg-st-" + String(c.status).replace(/[^a-z0-9_-]/g, ""), c.statusLabel);
        li.appendChild(b);
        li.appendChild(document.createTextNode(" "));
        var a = el("a", "cg-literal", c.text);
        if (c.href) { a.setAttribute("href", c.href); }
        li.appendChild(a);
        li.appendChild(el("span", "cg-muted", " " + id));
        list.appendChild(li);
      });
      panel.hidden = false;
    }
    table.addEventListener("click", function (ev) {
      var t = ev.target;
      while (t && t !== table && !(t.tagName === "BUTTON" && t.hasAttribute("data-claims"))) { t = t.parentNode; }
      if (t && t !== table) { show(t); }
    });
    panel.querySelector(".cg-mx-close").addEventListener("click", function () {
      panel.hidden = true;
      if (current) { current.classList.remove("cg-on"); current = null; }
    });
  }
  function start() {
    var tables = document.querySelectorAll("table[data-claims][data-panel]");
    for (var i = 0; i < tables.length; i++) { wire(tables[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
