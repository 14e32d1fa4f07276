/* claimgraph casebook: client-side search and status filter of claim tables (text only). */
(function () {
  "use strict";
  function normal(s) {
    return String(s || "").normalize("NFKC").replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "").toLowerCase();
  }
  function wire(bar) {
    var table = document.getElementById(bar.getAttribute("data-table"));
    if (!table) { return; }
    var input = bar.querySelector(".cg-table-search");
    var select = bar.querySelector(".cg-table-status");
    var count = bar.querySelector(".cg-table-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return normal(r.textContent); });
    function apply() {
      var q = normal(input.value).trim(), st = select.value, shown = 0;
      rows.forEach(function (r, i) {
        var ok = (!q || texts[i].indexOf(q) >= 0) && (!st || r.getAttribute("data-status") === st);
        r.hidden = !ok;
        if (ok) { shown++; }
      });
      count.textContent = shown + " of " + rows.length + " claims";
    }
    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
    apply();
  }
  function start() {
    var bars = document.querySelectorAll(".cg-toolbar[data-table]");
    for (var i = 0; i < bars.length; i++) { wire(bars[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
