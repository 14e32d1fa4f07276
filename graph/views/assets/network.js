/* claimgraph network views (vis-network). Case data is untrusted: it is read from JSON in
 * <script type="application/json"> and only ever put into the page with textContent or as
 * attribute values (links are relative paths or http(s) URLs checked in Python and again
 * here). Tooltips are our own DOM elements: vis-network's `title` is never used. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function safeHref(href) {
    if (typeof href !== "string" || !href) { return null; }
    if (/^https?:\/\//i.test(href)) { return href; }
    if (/^[A-Za-z0-9_.\-\/]+\.html(#[A-Za-z0-9_.\-]*)?$/.test(href) && href.indexOf("//") < 0) {
      return href;
    }
    return null;
  }

  function link(text, href, cls) {
    var ok = safeHref(href);
    if (!ok) { return el("span", cls, text); }
    var a = el("a", cls, text);
    a.setAttribute("href", ok);
    if (/^https?:/i.test(ok)) { a.setAttribute("rel", "noopener noreferrer"); }
    return a;
  }

  function badge(status, legend) {
    var b = el("span", "cg-badge cg-st-" + String(status).replace(/[^a-z0-9_-]/g, ""));
    var label = status;
    (legend.statuses || []).forEach(function (s) { if (s.id === status) { label = s.label; } });
    b.textContent = label;
    return b;
  }

  function swatchLine(color, dashes) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "34"); svg.setAttribute("height", "10");
    svg.setAttribute("class", "cg-swatch-line");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "33"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", color || "#555");
    line.setAttribute("stroke-width", "3");
    if (Array.isArray(dashes)) {
      line.setAttribute("stroke-dasharray", dashes.map(Number).join(" "));
    }
    svg.appendChild(line);
    return svg;
  }

  function normal(s) {
    return String(s || "").normalize("NFKC").replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "").toLowerCase();
  }

  function init(root) {
    var script = document.getElementById(root.getAttribute("data-graph"));
    var data = JSON.parse(script.textContent);
    var legend = data.legend || {kinds: [], predicates: [], statuses: []};
    /* nodes, edges and options are pyvis's records (vis-network's own format); what they
     * mean (kind, names, claims) is in nodeInfo / edgeInfo */
    var nodeMeta = data.nodeInfo || {}, edgeMeta = data.edgeInfo || {};
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var canvas = root.querySelector(".cg-canvas");
    var options = data.options;
    var network = new vis.Network(canvas, {nodes: nodes, edges: edges}, options);

    /* ---- tooltip (our own, text only) ---- */
    var tip = el("div", "cg-tip");
    tip.hidden = true;
    root.querySelector(".cg-stage").appendChild(tip);
    function showTip(lines, pointer) {
      tip.textContent = "";
      lines.forEach(function (l, i) { tip.appendChild(el(i === 0 ? "strong" : "div", null, l)); });
      tip.style.left = (pointer.x + 14) + "px";
      tip.style.top = (pointer.y + 14) + "px";
      tip.hidden = false;
    }
    network.on("hoverNode", function (p) {
      var n = nodeMeta[p.node];
      if (n) { showTip([n.name, n.kindLabel + (n.description ? " — " + n.description : "")], p.pointer.DOM); }
    });
    network.on("hoverEdge", function (p) {
      var e = edgeMeta[p.edge], ends = edges.get(p.edge);
      if (!e || !ends) { return; }
      var lines = [(nodeMeta[ends.from] || {}).name + " " + e.label + " " + (nodeMeta[ends.to] || {}).name];
      (e.claims || []).slice(0, 3).forEach(function (c) { if (data.claims[c]) { lines.push(data.claims[c].text); } });
      showTip(lines, p.pointer.DOM);
    });
    network.on("blurNode", function () { tip.hidden = true; });
    network.on("blurEdge", function () { tip.hidden = true; });
    network.on("dragStart", function () { tip.hidden = true; });

    /* ---- details panel ---- */
    var panel = root.querySelector(".cg-details");
    function claimItem(cid) {
      var c = data.claims[cid];
      var li = el("li", "cg-claim");
      if (!c) { li.textContent = cid; return li; }
      li.appendChild(badge(c.status, legend));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link(c.text, c.href, "cg-claim-text"));
      var src = el("div", "cg-claim-sources");
      if (c.claimant) { src.appendChild(el("span", "cg-muted", "claimant: " + c.claimant + " · ")); }
      src.appendChild(el("span", "cg-muted", (c.sources.length ? "sources: " : "no sources")));
      c.sources.forEach(function (sid, i) {
        var s = data.sources[sid];
        if (i) { src.appendChild(document.createTextNode(", ")); }
        src.appendChild(link(s ? s.title + (s.reliability ? " [" + s.reliability + "]" : "") : sid, s ? s.href : null));
      });
      li.appendChild(src);
      return li;
    }
    function claimList(title, ids) {
      if (!ids.length) { return; }
      panel.appendChild(el("h4", null, title + " (" + ids.length + ")"));
      var ul = el("ul", "cg-claims");
      ids.forEach(function (c) { ul.appendChild(claimItem(c)); });
      panel.appendChild(ul);
    }
    function showNode(id) {
      var n = nodeMeta[id];
      panel.textContent = "";
      if (!n) { return; }
      var h = el("h3");
      h.appendChild(link(n.name, n.href));
      panel.appendChild(h);
      panel.appendChild(el("div", "cg-muted", n.kindLabel));
      if (n.description) { panel.appendChild(el("p", null, n.description)); }
      if (n.aliases && n.aliases.length) { panel.appendChild(el("p", "cg-muted", "also: " + n.aliases.join(" · "))); }
      var by = [], about = [], seen = {};
      data.edges.forEach(function (e) {
        ((edgeMeta[e.id] || {}).claims || []).forEach(function (c) {
          var key = (e.from === id ? "b" : "a") + c;
          if (seen[key]) { return; }
          if (e.from === id) { seen[key] = 1; by.push(c); } else if (e.to === id) { seen[key] = 1; about.push(c); }
        });
      });
      claimList(data.kind === "provenance" ? "Outgoing" : "Claims with it as subject", by);
      claimList(data.kind === "provenance" ? "Incoming" : "Claims about it", about);
      root.setAttribute("data-selected", id);
    }
    function showEdge(id) {
      var e = edgeMeta[id], ends = edges.get(id);
      panel.textContent = "";
      if (!e || !ends) { return; }
      var h = el("h3");
      h.appendChild(link((nodeMeta[ends.from] || {}).name, (nodeMeta[ends.from] || {}).href));
      h.appendChild(el("span", "cg-pred", " " + e.label + " "));
      h.appendChild(link((nodeMeta[ends.to] || {}).name, (nodeMeta[ends.to] || {}).href));
      panel.appendChild(h);
      var status = el("div", "cg-muted");
      status.appendChild(badge(e.status, legend));
      status.appendChild(document.createTextNode(" evidence weight " + e.weight + " (the analytics' weight of this link)"));
      panel.appendChild(status);
      claimList("Claims", e.claims || []);
      root.setAttribute("data-selected", id);
    }
    network.on("click", function (p) {
      tip.hidden = true;
      if (p.nodes && p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges && p.edges.length) { showEdge(p.edges[0]); }
    });

    /* ---- filters ---- */
    var off = {kind: {}, predicate: {}, status: {}};
    function applyFilters() {
      var nodeUpdates = [], hiddenNode = {};
      data.nodes.forEach(function (n) {
        var h = !!off.kind[(nodeMeta[n.id] || {}).kind];
        hiddenNode[n.id] = h;
        nodeUpdates.push({id: n.id, hidden: h});
      });
      var edgeUpdates = data.edges.map(function (e) {
        var m = edgeMeta[e.id] || {};
        return {id: e.id, hidden: !!(off.predicate[m.predicate] || off.status[m.status] || hiddenNode[e.from] || hiddenNode[e.to])};
      });
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
    }
    var side = root.querySelector(".cg-side");
    function group(title, rows, key, swatch, caption) {
      if (!rows.length) { return; }
      var fs = el("fieldset", "cg-filter cg-filter-" + key);
      fs.appendChild(el("legend", null, title));
      rows.forEach(function (r) {
        var lab = el("label", "cg-filter-row");
        var cb = el("input");
        cb.type = "checkbox"; cb.checked = true; cb.value = r.id;
        cb.setAttribute("data-filter", key);
        cb.addEventListener("change", function () { off[key][r.id] = !cb.checked; applyFilters(); });
        lab.appendChild(cb);
        lab.appendChild(swatch(r));
        lab.appendChild(caption ? caption(r) : el("span", null, r.label));
        fs.appendChild(lab);
      });
      side.appendChild(fs);
    }
    group("Kinds", legend.kinds, "kind", function (r) {
      var s = el("span", "cg-swatch cg-shape-" + String(r.shape).replace(/[^A-Za-z]/g, ""));
      s.style.backgroundColor = r.color;
      return s;
    });
    group("Predicates", legend.predicates, "predicate", function (r) { return swatchLine(r.color, false); });
    /* a status: its edge (dashes, and its colour when edges take it) and its badge */
    group("Evidence", legend.statuses, "status", function (r) { return swatchLine(r.edgeColor || "#555", r.dashes); },
      function (r) { var b = badge(r.id, legend); b.title = r.description || ""; return b; });

    /* ---- search ---- */
    var search = root.querySelector(".cg-search");
    var results = root.querySelector(".cg-results");
    function find(q) {
      q = normal(q).trim();
      if (!q) { return []; }
      return data.nodes.filter(function (n) {
        var m = nodeMeta[n.id] || {};
        if (normal(m.name).indexOf(q) >= 0) { return true; }
        return (m.aliases || []).some(function (a) { return normal(a).indexOf(q) >= 0; });
      }).map(function (n) { return n.id; });
    }
    function select(id) {
      network.selectNodes([id]);
      network.focus(id, {scale: 1.2, animation: false});
      showNode(id);
    }
    function runSearch() {
      var hits = find(search.value);
      results.textContent = "";
      if (!search.value.trim()) { network.unselectAll(); return hits; }
      results.appendChild(el("div", "cg-muted", hits.length + (hits.length === 1 ? " match" : " matches")));
      hits.slice(0, 12).forEach(function (id) {
        var b = el("button", "cg-hit", nodeMeta[id].name);
        b.type = "button";
        b.addEventListener("click", function () { select(id); });
        results.appendChild(b);
      });
      network.selectNodes(hits);
      return hits;
    }
    if (search) {
      search.addEventListener("input", runSearch);
      search.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { var hits = runSearch(); if (hits.length) { select(hits[0]); } }
      });
    }

    /* ---- physics toggle (small views only) ---- */
    var phys = root.querySelector(".cg-physics");
    if (phys) {
      phys.addEventListener("change", function () { network.setOptions({physics: {enabled: phys.checked}}); });
    }
    var margin = data.kind === "provenance" ? 0.7 : 0.88;  // room for labels beyond nodes
    var fit = root.querySelector(".cg-fit");
    if (fit) {
      fit.addEventListener("click", function () {
        network.fit({animation: false});
        network.moveTo({scale: network.getScale() * margin, animation: false});
      });
    }

    network.once("afterDrawing", function () {
      // fit() ignores labels: step back a little so the outermost labels are not cut off
      network.moveTo({scale: network.getScale() * margin, animation: false});
      root.setAttribute("data-ready", "1");
      window.cgReady = (window.cgReady || 0) + 1;
    });
    window.cgViews = window.cgViews || {};
    window.cgViews[root.id] = {network: network, nodes: nodes, edges: edges, search: function (q) { search.value = q; return runSearch(); }, select: select, data: data};
  }

  function start() {
    var roots = document.querySelectorAll(".cg-net");
    for (var i = 0; i < roots.length; i++) { init(roots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
