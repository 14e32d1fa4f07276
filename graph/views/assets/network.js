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

    /* ---- filters: kinds, layers, predicates, statuses on the drawing; tags and time on
     * each claim (an edge stays while one of its claims passes) ---- */
    var off = {kind: {}, predicate: {}, status: {}, layer: {}, tag: {}, claimant: {}, source: {}, rating: {}};
    var meta = data.meta || {};
    (meta.layers_off || []).forEach(function (l) { off.layer[l] = true; });  /* switched on by the reader */
    var time = null;  /* {from, to, undated} in years, once the slider exists */
    function claimOk(cid) {
      var c = data.claims[cid];
      if (!c) { return true; }
      var tags = c.tags || [];
      if (tags.length ? tags.every(function (t) { return off.tag[t]; }) : off.tag[""]) { return false; }
      if (off.claimant[c.claimant_id || ""] || off.rating[c.rating || ""]) { return false; }
      var srcs = c.sources || [];
      if (srcs.length ? srcs.every(function (x) { return off.source[x]; }) : off.source[""]) { return false; }
      if (time) {
        var span = c.span || [null, null];
        if (!c.time) { return time.undated; }
        var lo = span[0] ? +span[0].slice(0, 4) : -Infinity, hi = span[1] ? +span[1].slice(0, 4) : Infinity;
        if (lo > time.to || hi < time.from) { return false; }
      }
      return true;
    }
    function claimFiltersOn() {
      return ["tag", "claimant", "source", "rating"].some(function (f) {
          return Object.keys(off[f]).some(function (k) { return off[f][k]; }); }) ||
        !!(time && (time.from > time.min || time.to < time.max || !time.undated));
    }
    var shownClaims = null;  /* per edge, the claims that pass (null: no claim filter) */
    function applyFilters() {
      var nodeUpdates = [], hiddenNode = {}, used = {};
      var claimsOn = claimFiltersOn();
      shownClaims = claimsOn ? {} : null;
      data.nodes.forEach(function (n) {
        var m = nodeMeta[n.id] || {};
        hiddenNode[n.id] = !!(off.kind[m.kind] || off.layer[m.layer]);
      });
      var edgeUpdates = data.edges.map(function (e) {
        var m = edgeMeta[e.id] || {};
        var h = !!(off.predicate[m.predicate] || off.status[m.status] || off.layer[m.layer] ||
                   hiddenNode[e.from] || hiddenNode[e.to]);
        if (!h && claimsOn && (m.claims || []).length) {
          shownClaims[e.id] = m.claims.filter(claimOk);
          h = !shownClaims[e.id].length;
        }
        if (!h) { used[e.from] = used[e.to] = 1; }
        return {id: e.id, hidden: h};
      });
      data.nodes.forEach(function (n) {  /* a node none of whose links is left goes too */
        nodeUpdates.push({id: n.id, hidden: hiddenNode[n.id] || (!used[n.id] && data.edges.length > 0)});
      });
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      var count = root.querySelector(".cg-count");
      if (count) {
        var nv = nodeUpdates.filter(function (u) { return !u.hidden; }).length;
        var ev = edgeUpdates.filter(function (u) { return !u.hidden; }).length;
        count.textContent = nv + " of " + data.nodes.length + " nodes · " + ev + " of " + data.edges.length + " edges shown";
      }
      root.setAttribute("data-shown-edges", String(edgeUpdates.filter(function (u) { return !u.hidden; }).length));
    }
    var side = root.querySelector(".cg-filters") || root.querySelector(".cg-side");
    function group(title, rows, key, swatch, caption, open) {
      if (!rows.length) { return null; }
      var fs = el("fieldset", "cg-filter cg-filter-" + key);
      fs.appendChild(el("legend", null, title));
      rows.forEach(function (r) {
        var lab = el("label", "cg-filter-row");
        var cb = el("input");
        cb.type = "checkbox"; cb.checked = !off[key][r.id]; cb.value = r.id;
        cb.setAttribute("data-filter", key);
        cb.addEventListener("change", function () { off[key][r.id] = !cb.checked; applyFilters(); });
        lab.appendChild(cb);
        if (swatch) { lab.appendChild(swatch(r)); }
        lab.appendChild(caption ? caption(r) : el("span", null, r.label));
        fs.appendChild(lab);
      });
      if (open === false) {  /* a long list folds away */
        var d = el("details", "cg-fold");
        d.appendChild(el("summary", null, title));
        fs.querySelector("legend").remove();
        d.appendChild(fs);
        side.appendChild(d);
        return d;
      }
      side.appendChild(fs);
      return fs;
    }
    /* a status: its edge (dashes, and its colour when edges take it) and its badge — first,
     * so the legend of what the lines mean is on screen without scrolling */
    group("Evidence (line = status)", legend.statuses, "status", function (r) { return swatchLine(r.edgeColor || "#555", r.dashes); },
      function (r) { var b = badge(r.id, legend); b.title = r.description || ""; return b; });
    var layerNames = {actors: "Actors", items: "Items (what)", motives: "Motives (why)", claimants: "Claimants (who says it)"};
    var layers = {};
    data.nodes.forEach(function (n) { var l = (nodeMeta[n.id] || {}).layer; if (l) { layers[l] = 1; } });
    data.edges.forEach(function (e) { var l = (edgeMeta[e.id] || {}).layer; if (l) { layers[l] = 1; } });
    var layerRows = Object.keys(layerNames).filter(function (l) { return layers[l]; })
      .map(function (l) { return {id: l, label: layerNames[l]}; });
    if (layerRows.length > 1) { group("Layers", layerRows, "layer", null); }
    group("Kinds", legend.kinds, "kind", function (r) {
      var s = el("span", "cg-swatch cg-shape-" + String(r.shape).replace(/[^A-Za-z]/g, ""));
      s.style.backgroundColor = r.color;
      return s;
    }, null, legend.kinds.length > 6 ? false : undefined);
    group("Predicates", legend.predicates, "predicate", function (r) { return swatchLine(r.color, false); },
      null, legend.predicates.length > 6 ? false : undefined);
    var tagNames = meta.tags || {};
    var tagRows = Object.keys(tagNames).sort().map(function (t) { return {id: t, label: tagNames[t] === t ? t : t + " — " + tagNames[t]}; });
    var untagged = Object.keys(data.claims).some(function (c) { return !(data.claims[c].tags || []).length; });
    if (tagRows.length) {
      if (untagged) { tagRows.push({id: "", label: "(no tag)"}); }
      group("Analyses and tags", tagRows, "tag", null);
    }

    /* ---- who says it, the sources quoted, the verdict rating: on each claim ---- */
    function claimRows(value, label, none) {
      var seen = {}, rows = [];
      Object.keys(data.claims).sort().forEach(function (cid) {
        [].concat(value(data.claims[cid])).forEach(function (v) {
          v = v || "";
          if (!(v in seen)) { seen[v] = 1; rows.push({id: v, label: v ? label(v, data.claims[cid]) : none}); }
        });
      });
      return rows.sort(function (a, b) { return (a.id === "") - (b.id === "") || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); });
    }
    var claimantRows = claimRows(function (c) { return c.claimant_id; }, function (v, c) { return c.claimant || v; }, "(no claimant)");
    if (claimantRows.length > 1) { group("Who says it (claimant)", claimantRows, "claimant", null, null, claimantRows.length > 6 ? false : undefined); }
    var sourceRows = claimRows(function (c) { return (c.sources || []).length ? c.sources : [""]; },
      function (v) { var s = data.sources[v]; return s ? s.title : v; }, "(no source)");
    if (sourceRows.length > 1) { group("Sources quoted", sourceRows, "source", null, null, sourceRows.length > 6 ? false : undefined); }
    var ratingNames = meta.ratings || {};
    var ratingRows = claimRows(function (c) { return c.rating; }, function (v) { return ratingNames[v] || v; }, "(no verdict)");
    if (ratingRows.some(function (r) { return r.id; })) { group("Verdict rating", ratingRows, "rating", null); }

    /* ---- time: a range slider over the claims' years ---- */
    var years = [];
    Object.keys(data.claims).forEach(function (c) {
      (data.claims[c].span || []).forEach(function (d) { if (d) { years.push(+d.slice(0, 4)); } });
    });
    if (years.length) {
      var ymin = Math.min.apply(null, years), ymax = Math.max.apply(null, years);
      time = {min: ymin, max: ymax, from: ymin, to: ymax, undated: true};
      var fs = el("fieldset", "cg-filter cg-filter-time");
      fs.appendChild(el("legend", null, "Time of the claims"));
      var shown = el("div", "cg-time-shown", ymin + " – " + ymax);
      function slider(cls, value) {
        var r = el("input", cls);
        r.type = "range"; r.min = String(ymin); r.max = String(ymax); r.step = "1"; r.value = String(value);
        r.setAttribute("aria-label", cls === "cg-time-from" ? "from year" : "to year");
        r.addEventListener("input", function () {
          var a = +from.value, b = +to.value;
          if (a > b) { if (r === from) { to.value = String(a); b = a; } else { from.value = String(b); a = b; } }
          time.from = a; time.to = b;
          shown.textContent = a + " – " + b;
          applyFilters();
        });
        return r;
      }
      var from = slider("cg-time-from", ymin), to = slider("cg-time-to", ymax);
      fs.appendChild(shown); fs.appendChild(from); fs.appendChild(to);
      var lab = el("label", "cg-filter-row");
      var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.className = "cg-time-undated";
      cb.addEventListener("change", function () { time.undated = cb.checked; applyFilters(); });
      lab.appendChild(cb); lab.appendChild(el("span", null, "undated claims"));
      fs.appendChild(lab);
      side.appendChild(fs);
    }

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
    var margin = data.kind === "provenance" ? 0.8 : 0.88;  // room for labels beyond nodes
    var fitsLabels = data.kind === "provenance" || data.kind === "focus";  /* small views:
      fitted to their labels, the written edge labels included */
    function fitLabels() {  /* the drawing, labels included, as large as the canvas holds */
      var box = null;
      nodes.getIds({filter: function (n) { return !n.hidden; }}).forEach(function (id) {
        var b = network.getBoundingBox(id);
        box = box ? {left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
                     top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)} : b;
      });
      (placedLabels || []).forEach(function (l) {  /* the written edge labels too */
        if (!box) { return; }
        box = {left: Math.min(box.left, l.x - l.w / 2), right: Math.max(box.right, l.x + l.w / 2),
               top: Math.min(box.top, l.y - l.h / 2), bottom: Math.max(box.bottom, l.y + l.h / 2)};
      });
      if (!box) { return; }
      var c = canvas.getBoundingClientRect();
      var scale = 0.96 * Math.min(c.width / Math.max(1, box.right - box.left),
                                  c.height / Math.max(1, box.bottom - box.top));
      network.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2},
                      scale: scale, animation: false});
    }
    var fit = root.querySelector(".cg-fit");
    if (fit) {
      fit.addEventListener("click", function () {
        network.fit({animation: false});
        if (fitsLabels) { fitLabels(); } else {
          network.moveTo({scale: network.getScale() * margin, animation: false});
        }
      });
    }

    /* ---- regions: a tinted box behind each community, named after its best-connected
     * members (the layout leaves room for the name above them) ---- */
    var regions = data.regions || [];
    var tints = ["#eef4fb", "#f3f0fa", "#eef7f1", "#fbf3ea", "#f8eef2", "#eef6f7", "#f6f6ea", "#f1f1f1"];
    function regionBox(r) {
      var box = null;
      r.members.forEach(function (id) {
        var n = nodes.get(id);
        if (!n || n.hidden) { return; }
        var b = network.getBoundingBox(id);
        box = box ? {left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
                     top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)} : b;
      });
      if (!box) { return null; }
      return {x: box.left - 10, y: box.top - 44, w: box.right - box.left + 20, h: box.bottom - box.top + 54};
    }
    network.on("beforeDrawing", function (ctx) {  /* the tinted boxes, under the edges */
      regions.forEach(function (r, i) {
        var b = regionBox(r);
        if (!b) { return; }
        ctx.save();
        ctx.fillStyle = tints[i % tints.length];
        ctx.strokeStyle = "#d5dde6";
        ctx.lineWidth = 1;
        ctx.beginPath();
        if (ctx.roundRect) { ctx.roundRect(b.x, b.y, b.w, b.h, 12); } else { ctx.rect(b.x, b.y, b.w, b.h); }
        ctx.fill(); ctx.stroke();
        ctx.restore();
      });
    });
    network.on("afterDrawing", function (ctx) {  /* the names, over the edges: never crossed */
      regions.forEach(function (r, i) {
        var b = regionBox(r);
        if (!b) { return; }
        var size = Math.min(32, Math.max(15, 13 / network.getScale()));
        ctx.save();
        ctx.font = "600 " + size + "px " + ((options.nodes || {}).font || {}).face;
        ctx.textBaseline = "top";
        var name = r.name;
        while (name.length > 8 && ctx.measureText(name).width > b.w - 20) { name = name.slice(0, -2).replace(/\s+$/, "") + "…"; name = name.replace(/……$/, "…"); }
        var tw = ctx.measureText(name).width;
        ctx.fillStyle = tints[i % tints.length];
        ctx.fillRect(b.x + 4, b.y + 2, tw + 12, size * 1.25 + 6);
        ctx.fillStyle = "#4a5a6a";
        ctx.fillText(name, b.x + 10, b.y + 6);
        ctx.restore();
      });
    });

    /* ---- the written edge labels of a network view, placed in Python where they cover no
     * node and no label; a thin line leads to their edge's middle; written only at a zoom
     * where they can be read ---- */
    var placedLabels = data.edgeLabels || [];
    network.on("afterDrawing", function (ctx) {
      if (!placedLabels.length || 15 * network.getScale() < 8.5) { return; }  /* written when readable */
      var face = ((options.nodes || {}).font || {}).face;
      ctx.save();
      ctx.font = "15px " + face;
      ctx.textBaseline = "middle"; ctx.textAlign = "center";
      placedLabels.forEach(function (l) {
        var e = edges.get(l.edge);
        if (!e || e.hidden) { return; }
        var a = network.getPosition(e.from), b = network.getPosition(e.to);
        var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        if (Math.abs(mx - l.x) > l.w / 2 || Math.abs(my - l.y) > l.h / 2) {
          ctx.strokeStyle = "rgba(80, 90, 100, .55)"; ctx.lineWidth = 1; ctx.setLineDash([3, 3]);
          ctx.beginPath(); ctx.moveTo(mx, my); ctx.lineTo(l.x, l.y); ctx.stroke(); ctx.setLineDash([]);
        }
        ctx.fillStyle = "rgba(255, 255, 255, .92)"; ctx.strokeStyle = "#c9d2dc";
        ctx.beginPath();
        if (ctx.roundRect) { ctx.roundRect(l.x - l.w / 2, l.y - l.h / 2, l.w, l.h, 4); } else { ctx.rect(l.x - l.w / 2, l.y - l.h / 2, l.w, l.h); }
        ctx.fill(); ctx.stroke();
        ctx.fillStyle = "#2b3642";
        var lines = String(l.text).split("\n");
        lines.forEach(function (t, i) { ctx.fillText(t, l.x, l.y + (i - (lines.length - 1) / 2) * 15 * 1.25); });
      });
      ctx.restore();
    });

    /* ---- edge labels: the best-evidenced edges carry theirs; a selected node shows all of
     * its edges' labels ---- */
    var featured = {};
    data.edges.forEach(function (e) { if (e.label) { featured[e.id] = e.label; } });
    var labelled = [];
    function showLabels(id) {
      var ups = labelled.map(function (eid) { return {id: eid, label: featured[eid] || ""}; });
      labelled = [];
      if (id) {
        network.getConnectedEdges(id).forEach(function (eid) {
          if (!featured[eid] && edgeMeta[eid]) { labelled.push(eid); ups.push({id: eid, label: edgeMeta[eid].label}); }
        });
      }
      if (ups.length) { edges.update(ups); }
    }
    network.on("selectNode", function (p) { showLabels(p.nodes[0]); });
    network.on("deselectNode", function () { showLabels(null); });

    /* ---- why: the best-evidenced path between two entities (cost 1 / weight per link,
     * either direction, never through a motive), highlighted under the drawing ---- */
    var avoid = {};
    (meta.avoid || []).forEach(function (k) { avoid[k] = 1; });
    var path = null;  /* {nodes: [...], edges: [...]} */
    function bestPath(a, b) {
      var adj = {};
      data.edges.forEach(function (e) {
        var m = edgeMeta[e.id] || {}, cur = edges.get(e.id);
        var affirmed = (m.claims || []).some(function (c) { return (data.claims[c] || {}).polarity !== "denied"; });
        if ((cur && cur.hidden) || !affirmed || e.from === e.to) { return; }  /* a denial links nothing */
        var w = +m.weight || 0.05;
        [[e.from, e.to], [e.to, e.from]].forEach(function (p) {
          var row = adj[p[0]] = adj[p[0]] || {};
          var link = row[p[1]] = row[p[1]] || {w: 0, edges: []};
          link.w += w; link.edges.push(e.id);
        });
      });
      var dist = {}, prev = {}, done = {};
      dist[a] = 0;
      for (;;) {
        var u = null;
        Object.keys(dist).forEach(function (k) { if (!done[k] && (u === null || dist[k] < dist[u] || (dist[k] === dist[u] && k < u))) { u = k; } });
        if (u === null || u === b) { break; }
        done[u] = 1;
        if (u !== a && avoid[(nodeMeta[u] || {}).kind]) { continue; }  /* reached, not crossed */
        Object.keys(adj[u] || {}).sort().forEach(function (v) {
          var d = dist[u] + 1 / adj[u][v].w;
          if (!done[v] && (dist[v] === undefined || d < dist[v] - 1e-12)) { dist[v] = d; prev[v] = u; }
        });
      }
      if (dist[b] === undefined) { return null; }
      var ns = [b];
      while (ns[0] !== a) { ns.unshift(prev[ns[0]]); }
      var es = [];
      for (var i = 1; i < ns.length; i++) { es = es.concat(adj[ns[i - 1]][ns[i]].edges); }
      return {nodes: ns, edges: es, cost: dist[b]};
    }
    function showPath(p, a, b) {
      path = p;
      root.setAttribute("data-why", p ? p.nodes.join(">") : "none");
      panel.textContent = "";
      var h = el("h3", null, "Why: " + (nodeMeta[a] || {}).name + " — " + (nodeMeta[b] || {}).name);
      panel.appendChild(h);
      if (!p) { panel.appendChild(el("p", "cg-muted", "No path between them among the links shown (a path never steps through a motive).")); network.redraw(); return; }
      panel.appendChild(el("p", "cg-muted", (p.nodes.length - 1) + " hops, each a link drawn with its claims; best evidenced first (cost = Σ 1 / weight = " + p.cost.toFixed(2) + ")."));
      for (var i = 1; i < p.nodes.length; i++) {
        var u = p.nodes[i - 1], v = p.nodes[i], ids = [];
        p.edges.forEach(function (eid) {
          var e = edges.get(eid);
          if ((e.from === u && e.to === v) || (e.from === v && e.to === u)) {
            ids = ids.concat((edgeMeta[eid].claims || []).filter(function (c) { return (data.claims[c] || {}).polarity !== "denied"; }));
          }
        });
        claimList((nodeMeta[u] || {}).name + " — " + (nodeMeta[v] || {}).name, ids);
      }
      network.selectNodes(p.nodes, false);
      network.redraw();
    }
    network.on("beforeDrawing", function (ctx) {
      if (!path) { return; }
      ctx.save();
      ctx.strokeStyle = "rgba(255, 170, 0, 0.55)"; ctx.lineWidth = 16; ctx.lineCap = "round";
      for (var i = 1; i < path.nodes.length; i++) {
        var a = network.getPosition(path.nodes[i - 1]), b = network.getPosition(path.nodes[i]);
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
      }
      ctx.fillStyle = "rgba(255, 170, 0, 0.45)";
      path.nodes.forEach(function (id) {
        var q = network.getPosition(id);
        ctx.beginPath(); ctx.arc(q.x, q.y, 26, 0, 2 * Math.PI); ctx.fill();
      });
      ctx.restore();
    });
    var whyBox = root.querySelector(".cg-why");
    var whyFrom = null, whyTo = null;
    if (whyBox && data.kind !== "provenance") {
      var names = data.nodes.map(function (n) { return n.id; }).sort(function (x, y) {
        return String((nodeMeta[x] || {}).name).localeCompare(String((nodeMeta[y] || {}).name)); });
      function picker(cls, label) {
        var s = el("select", cls);
        s.setAttribute("aria-label", label);
        s.appendChild(el("option", null, label));
        s.firstChild.value = "";
        names.forEach(function (id) { var o = el("option", null, (nodeMeta[id] || {}).name); o.value = id; s.appendChild(o); });
        whyBox.appendChild(s);
        return s;
      }
      whyFrom = picker("cg-why-from", "from…");
      whyTo = picker("cg-why-to", "to…");
      var go = el("button", "cg-fit cg-why-go", "Show the path");
      go.type = "button";
      var clear = el("button", "cg-fit cg-why-clear", "Clear");
      clear.type = "button";
      whyBox.appendChild(go); whyBox.appendChild(clear);
      go.addEventListener("click", function () { if (whyFrom.value && whyTo.value) { why(whyFrom.value, whyTo.value); } });
      clear.addEventListener("click", function () { path = null; root.removeAttribute("data-why"); network.unselectAll(); network.redraw(); });
    } else if (whyBox) { whyBox.hidden = true; }
    function why(a, b) {
      if (whyFrom) { whyFrom.value = a; whyTo.value = b; }
      var p = bestPath(a, b);
      showPath(p, a, b);
      return p;
    }
    var drawnPaths = ((meta.why || {}).paths || []).filter(function (p) {
      return p.every(function (id) { return !!nodes.get(id); }); });
    if (drawnPaths.length) {  /* view --why A B: the strongest path drawn */
      var first = drawnPaths[0];
      var es = [];
      data.edges.forEach(function (e) {
        for (var i = 1; i < first.length; i++) {
          if ((e.from === first[i - 1] && e.to === first[i]) || (e.from === first[i] && e.to === first[i - 1])) { es.push(e.id); }
        }
      });
      var cost = 0;
      showPath({nodes: first, edges: es, cost: meta.why.costs[meta.why.paths.indexOf(first)] || cost}, meta.why.from, meta.why.to);
      if (drawnPaths.length > 1) {
        panel.appendChild(el("p", "cg-muted", "Other paths: " + drawnPaths.slice(1).map(function (p) {
          return p.map(function (id) { return (nodeMeta[id] || {}).name; }).join(" — "); }).join("; ")));
      }
      if (whyFrom) { whyFrom.value = meta.why.from; whyTo.value = meta.why.to; }
    } else if (meta.why) {
      showPath(null, meta.why.from, meta.why.to);
    }
    var notes = root.querySelector(".cg-notes");
    if (notes) { (meta.notes || []).forEach(function (t) { notes.appendChild(el("p", "cg-note-text", t)); }); }

    applyFilters();
    network.once("afterDrawing", function () {
      if ((meta.layers_off || []).length) {  /* fitted to what is shown first */
        network.fit({nodes: nodes.getIds({filter: function (n) { return !n.hidden; }}), animation: false});
      }
      if (fitsLabels) { fitLabels(); } else {
        // fit() ignores labels: step back a little so the outermost labels are not cut off
        network.moveTo({scale: network.getScale() * margin, animation: false});
      }
      root.setAttribute("data-ready", "1");
      window.cgReady = (window.cgReady || 0) + 1;
    });
    window.cgViews = window.cgViews || {};
    window.cgViews[root.id] = {network: network, nodes: nodes, edges: edges, search: function (q) { search.value = q; return runSearch(); }, select: select, data: data, why: why, apply: applyFilters};
  }

  function start() {
    var roots = document.querySelectorAll(".cg-net");
    for (var i = 0; i < roots.length; i++) { init(roots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
