// Behaviour of the page kg/viz writes. Data arrives as JSON blocks (page.html); every string from the graph
// reaches the DOM through textContent, never innerHTML. Positions come from the build (kg/viz/layout.py):
// physics is off, so the page is ready as soon as it is drawn.
var FONT_PX = 12, FONT = FONT_PX + "px sans-serif", LABEL_CHARS = 16;

function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
var nodeList = readJson("govkg-nodes"), edgeList = readJson("govkg-edges");
var options = readJson("govkg-options"), legend = readJson("govkg-legend"), data = readJson("govkg-data");
var nodes = new vis.DataSet(nodeList), edges = new vis.DataSet(edgeList);
var byId = {}, edgeById = {}, network = null, placed = [], measure = document.createElement("canvas").getContext("2d");
nodeList.forEach(function (n) { byId[n.id] = n; });
edgeList.forEach(function (e) { edgeById[e.id] = e; });
var state = { classes: new Set(), relations: new Set(), years: new Set(), isolated: !data.hideIsolated,
              forced: new Set(), selected: null, selectedEdge: null, highlight: null, hoverEdge: null };
window.govkgReady = false;
window.govkgLabels = [];

function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  if (cls) { e.className = cls; }
  return e;
}

// ---- which nodes and edges are shown: classes, relations, years, nodes without edges, forced search hits ----
function yearsShown(years) {
  var list = years && years.length ? years : [""];
  return list.some(function (y) { return !state.years.has(y); });
}
function nodeVisible(n) {
  if (state.forced.has(n.id)) { return true; }
  if (state.classes.has(n.cls)) { return false; }
  if (!state.isolated && n.degree === 0) { return false; }
  return yearsShown(n.years);
}
function whyHidden(n) {
  if (state.classes.has(n.cls)) { return "its class " + n.cls + " is filtered out"; }
  if (!state.isolated && n.degree === 0) { return "it has no edge (unconnected nodes are hidden)"; }
  return "its years are filtered out";
}
var shown = {};
function applyFilters() {
  var nodeChanges = [], edgeChanges = [];
  nodeList.forEach(function (n) {
    var v = nodeVisible(n);
    if (shown[n.id] !== v) { nodeChanges.push({ id: n.id, hidden: !v }); shown[n.id] = v; }
  });
  edgeList.forEach(function (e) {
    var v = !state.relations.has(e.relation) && yearsShown(e.years) && shown[e.from] && shown[e.to];
    if (shown["e:" + e.id] !== v) { edgeChanges.push({ id: e.id, hidden: !v }); shown["e:" + e.id] = v; }
  });
  if (nodeChanges.length) { nodes.update(nodeChanges); }
  if (edgeChanges.length) { edges.update(edgeChanges); }
  updateCounts();
  placeLabels();
  saveView();
}
function fitVisible() {  // the whole visible graph, in the part of the window the filter panel leaves free
  var ids = visibleNodeIds();
  if (!ids.length) { return; }
  network.fit({ nodes: ids });
  var panel = document.getElementById("govkg-panel"), width = document.getElementById("mynetwork").clientWidth;
  var left = panel.getBoundingClientRect().right + 4;
  if (left <= 4 || left > width / 2) { left = 0; }
  var scale = network.getScale() * (width - left) / width, at = network.getViewPosition();
  // closer when that is what the 20 most important labels need to show, centred on those 20 nodes, as long as
  // all 20 and their labels still fit in the window at that zoom
  var top = placed.slice(0, 20), need = top.reduce(function (m, q) { return Math.max(m, q.t); }, 0);
  if (need > scale) {
    var pos = network.getPositions(top.map(function (q) { return q.id; }));
    var xs = top.map(function (q) { return pos[q.id].x; }), ys = top.map(function (q) { return pos[q.id].y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var wide = top.reduce(function (m, q) { return Math.max(m, q.w); }, 0) + 16, height = document.getElementById("mynetwork").clientHeight;
    var fits = Math.min((width - left - 2 * wide) / Math.max(maxX - minX, 1e-6),
                        (height - 4 * (FONT_PX + 8)) / Math.max(maxY - minY, 1e-6));
    if (need * 1.001 <= fits) {
      scale = need * 1.001;
      at = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
    }
  }
  network.moveTo({ position: { x: at.x - left / 2 / scale, y: at.y }, scale: scale });
}
function visibleNodeIds() { return nodeList.filter(function (n) { return shown[n.id]; }).map(function (n) { return n.id; }); }

function updateCounts() {
  var n = 0, e = 0, byClass = {}, byRelation = {}, byYear = {};
  nodeList.forEach(function (x) {
    if (shown[x.id]) { n++; byClass[x.cls] = (byClass[x.cls] || 0) + 1;
      (x.years.length ? x.years : [""]).forEach(function (y) { byYear[y] = (byYear[y] || 0) + 1; }); }
  });
  edgeList.forEach(function (x) { if (shown["e:" + x.id]) { e++; byRelation[x.relation] = (byRelation[x.relation] || 0) + 1; } });
  document.getElementById("govkg-counts").textContent =
    n + " of " + nodeList.length + " nodes, " + e + " of " + edgeList.length + " edges shown";
  document.querySelectorAll("#govkg-classes .count").forEach(function (c) {
    c.textContent = (byClass[c.dataset.key] || 0) + "/" + c.dataset.total; });
  document.querySelectorAll("#govkg-relations .count").forEach(function (c) {
    c.textContent = (byRelation[c.dataset.key] || 0) + "/" + c.dataset.total; });
  document.querySelectorAll("#govkg-years .count").forEach(function (c) {
    c.textContent = (byYear[c.dataset.key] || 0) + "/" + c.dataset.total; });
}

// ---- labels by importance: each node gets the zoom from which its label can show without overlapping the
// label of a more important node (boxes in screen pixels, FONT_PX high, beside the node: below, right, above
// or left, whichever frees it soonest); the most important node is always labelled ----
function labelText(n) { return n.name.length > LABEL_CHARS ? n.name.slice(0, LABEL_CHARS - 1) + "…" : n.name; }
function interval(d, c, half) {  // the zooms z >= 0 where |d z + c| < half
  if (Math.abs(d) < 1e-9) { return Math.abs(c) < half ? [0, Infinity] : null; }
  var a = (-half - c) / d, b = (half - c) / d, lo = Math.max(0, Math.min(a, b)), hi = Math.max(a, b);
  return hi > lo ? [lo, hi] : null;
}
function overlapUntil(a, b) {  // the largest zoom at which boxes a and b overlap (0: never)
  var ix = interval(a.ax - b.ax, a.cx - b.cx, (a.w + b.w) / 2);
  if (!ix) { return 0; }
  var iy = interval(a.ay - b.ay, a.cy - b.cy, (a.h + b.h) / 2);
  if (!iy) { return 0; }
  var lo = Math.max(ix[0], iy[0]), hi = Math.min(ix[1], iy[1]);
  return hi > lo ? hi : 0;
}
// below, right, above, left, corners, then a row further below or above (two bodies side by side: 街道办事处 and
// its 工作委员会 both labelled without coming closer)
var SIDES = [[0, 1], [1, 0], [0, -1], [-1, 0], [1, 1], [-1, 1], [1, -1], [-1, -1], [0, 2], [0, -2]];
function placeLabels() {
  if (!network) { return; }
  var ids = state.highlight ? Array.from(state.highlight).filter(function (id) { return shown[id]; }) : visibleNodeIds();
  ids.sort(function (a, b) { return (byId[b].rank - byId[a].rank) || (a < b ? -1 : 1); });
  measure.font = FONT;
  var positions = network.getPositions(ids);
  placed = [];
  ids.forEach(function (id) {
    var n = byId[id], text = labelText(n), w = measure.measureText(text).width + 6, h = FONT_PX + 4, best = null;
    var p = positions[id], r = n.size || 8;
    SIDES.forEach(function (side) {
      var cand = { id: id, text: text, w: w, h: h, side: side, ax: p.x + side[0] * r, ay: p.y + side[1] * r,
                   cx: side[0] * (w / 2 + 3), cy: side[1] * (h / 2 + 2), t: 0 };
      for (var i = 0; i < placed.length; i++) {
        var q = placed[i];
        if (q.t === Infinity) { continue; }
        var until = overlapUntil(cand, q);
        if (until > q.t && until > cand.t) { cand.t = until; if (best && cand.t >= best.t) { return; } }
      }
      if (!best || cand.t < best.t) { best = cand; }
    });
    placed.push(best);
  });
  network.redraw();
}

function boxesOverlap(a, b) { return Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2; }
function drawLabel(ctx, text, x, y, colour) {
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}
function panelBoxes() {  // the floating panels, as label boxes: a label under a panel could not be read
  return ["govkg-panel", "govkg-details"].map(function (id) { return document.getElementById(id); })
    .filter(function (e) { return !e.hidden; }).map(function (e) {
      var r = e.getBoundingClientRect(), box = document.getElementById("mynetwork").getBoundingClientRect();
      return { x: (r.left + r.right) / 2 - box.left, y: (r.top + r.bottom) / 2 - box.top, w: r.width + 4, h: r.height + 4 };
    });
}
function labelBox(q, side) {  // the label of placed entry q on that side of its node, in window pixels
  var body = network.body.nodes[q.id], r = byId[q.id].size || 8;
  var at = network.canvasToDOM({ x: body.x + side[0] * r, y: body.y + side[1] * r });
  return { id: q.id, text: q.text, x: at.x + side[0] * (q.w / 2 + 3), y: at.y + side[1] * (q.h / 2 + 2), w: q.w, h: q.h,
           px: FONT_PX };
}
function drawLabels(ctx) {
  var scale = network.getScale(), ratio = window.devicePixelRatio || 1, drawn = [], panels = panelBoxes();
  var width = ctx.canvas.clientWidth, height = ctx.canvas.clientHeight;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = FONT; ctx.textAlign = "center"; ctx.textBaseline = "middle";
  ctx.lineWidth = 3; ctx.lineJoin = "round"; ctx.strokeStyle = "rgba(255,255,255,0.92)";
  placed.forEach(function (q) {
    if (q.t > scale) { return; }
    var box = labelBox(q, q.side);
    var free = function (b) { return !panels.concat(drawn).some(function (d) { return boxesOverlap(d, b); }); };
    if (!free(box)) {  // under a panel (or a label moved out from under one): the first free side of its node
      box = SIDES.map(function (side) { return labelBox(q, side); }).filter(free)[0];
      if (!box) { return; }
    }
    if (box.x - box.w / 2 < 0 || box.x + box.w / 2 > width || box.y - box.h / 2 < 0 || box.y + box.h / 2 > height) { return; }
    drawLabel(ctx, q.text, box.x, box.y, "#111");
    drawn.push(box);
  });
  edgeLabelIds().forEach(function (id) {  // relation names in Chinese, only on hover or selection, never piled up
    var e = edgeById[id], a = network.body.nodes[e.from], b = network.body.nodes[e.to];
    if (!a || !b || !shown["e:" + id]) { return; }
    var at = network.canvasToDOM({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    var box = { id: id, text: e.zh, x: at.x, y: at.y, w: ctx.measureText(e.zh).width + 6, h: FONT_PX + 4, px: FONT_PX, edge: true };
    if (drawn.concat(panels).some(function (d) { return boxesOverlap(d, box); })) { return; }
    drawLabel(ctx, e.zh, box.x, box.y, e.color.color === "#C8C8C8" ? "#555" : e.color.color);
    drawn.push(box);
  });
  ctx.restore();
  window.govkgLabels = drawn;
}
function edgeLabelIds() {
  var ids = [];
  if (state.hoverEdge) { ids.push(state.hoverEdge); }
  if (state.selectedEdge) { ids.push(state.selectedEdge); }
  if (state.selected) { network.getConnectedEdges(state.selected).forEach(function (id) { ids.push(id); }); }
  return ids;
}

// ---- neighbourhood highlight: the selected node and its neighbours keep their colours, the rest turn pale ----
var PALE = { background: "#ececec", border: "#d8d8d8" };
function highlight(id) {
  var keep = null;
  if (id !== null) { keep = new Set([id]); network.getConnectedNodes(id).forEach(function (n) { keep.add(n); }); }
  state.highlight = keep;
  nodes.update(nodeList.map(function (n) { return { id: n.id, color: !keep || keep.has(n.id) ? n.color : PALE }; }));
  edges.update(edgeList.map(function (e) {
    var on = !keep || e.from === id || e.to === id;
    return { id: e.id, color: on ? e.color : { color: "rgba(200,200,200,0.35)", highlight: e.color.color } };
  }));
  placeLabels();
}

// ---- the side panel: what a node or an edge is, where it is said, and the sentences that say it ----
function reportLine(index) {  // the label says place and year; this adds who wrote it
  var r = data.reports[index];
  return [r.label, r.author && r.author !== r.place ? r.author : "", r.year ? "" : "no year"].filter(Boolean).join(" · ");
}
function evidenceList(refs, total) {
  var box = el("div");
  var count = total || refs.length;
  box.appendChild(el("h3", "evidence 证据: " + count + " sentence" + (count === 1 ? "" : "s") +
    (total && total > refs.length ? " (the first " + refs.length + " here; kg query evidence lists all)" : "")));
  var list = el("ol", null, "evidence");
  refs.forEach(function (ref) {
    var s = data.sentences[ref[0]], report = s[0], start = ref[1] - s[1], end = ref[2] - s[1], text = s[2];
    var item = el("li"), quote = el("div", null, "sentence");
    quote.appendChild(document.createTextNode(text.slice(0, start)));
    quote.appendChild(el("mark", text.slice(start, end)));
    quote.appendChild(document.createTextNode(text.slice(end)));
    item.appendChild(quote);
    var link = el("a", (report >= 0 ? reportLine(report) : "?") +
                       " · chars " + ref[1] + "–" + ref[2], "where");
    link.href = "#"; link.dataset.report = report; link.dataset.start = ref[1]; link.dataset.end = ref[2];
    link.dataset.sentence = ref[0];
    link.addEventListener("click", function (ev) { ev.preventDefault(); openReader(report, ref[1], ref[2], ref[0]); });
    item.appendChild(link);
    list.appendChild(item);
  });
  box.appendChild(list);
  return box;
}
function reportList(indices) {
  var box = el("div");
  box.appendChild(el("h3", "reports 报告: " + indices.length));
  var list = el("ul", null, "reports");
  indices.forEach(function (i) {
    var item = el("li"), link = el("a", reportLine(i));
    link.href = "#";
    link.addEventListener("click", function (ev) { ev.preventDefault(); openReader(i, -1, -1, -1); });
    item.appendChild(link);
    if (data.reports[i].title) { item.appendChild(el("span", " " + data.reports[i].title, "muted")); }
    list.appendChild(item);
  });
  box.appendChild(list);
  return box;
}
function field(body, name, value) {
  if (!value || (Array.isArray(value) && !value.length)) { return; }
  var row = el("div", null, "field");
  row.appendChild(el("span", name + " ", "name"));
  row.appendChild(el("span", Array.isArray(value) ? value.join(" | ") : value));
  body.appendChild(row);
}
function classLine(cls) {
  var c = legend.classes.filter(function (x) { return x.name === cls; })[0];
  return (c ? c.symbol + " " : "") + cls + (c && c.zh ? " " + c.zh : "");
}
function showNode(id) {
  var n = byId[id], body = document.getElementById("govkg-details-body");
  body.textContent = "";
  body.appendChild(el("h2", n.name));
  body.appendChild(el("div", classLine(n.cls), "class"));
  field(body, "IRI", n.id);
  field(body, "aliases 别名", n.aliases);
  field(body, "place 地点", n.place);
  if (state.forced.has(id) && !(function () { state.forced.delete(id); var v = nodeVisible(n); state.forced.add(id); return v; })()) {
    body.appendChild(el("div", "shown although " + whyHidden(n), "note"));
  }
  var links = el("ul", null, "links");
  network.getConnectedEdges(id).forEach(function (eid) {
    var e = edgeById[eid], other = e.from === id ? e.to : e.from, item = el("li"), link = el("a", byId[other].name);
    link.href = "#";
    link.addEventListener("click", function (ev) { ev.preventDefault(); choose(other); });
    item.appendChild(el("span", (e.from === id ? "→ " : "← ") + e.zh + " (" + e.relation + ") ", "muted"));
    item.appendChild(link);
    links.appendChild(item);
  });
  if (links.children.length) { body.appendChild(el("h3", "edges 关系: " + links.children.length)); body.appendChild(links); }
  body.appendChild(reportList(n.reports));
  var refs = data.nodeEvidence[id] || [];
  if (refs.length) { body.appendChild(evidenceList(refs, data.evidenceTotals[id])); }
  document.getElementById("govkg-details").hidden = false;
}
function showEdge(id) {
  var e = edgeById[id], body = document.getElementById("govkg-details-body");
  body.textContent = "";
  body.appendChild(el("h2", byId[e.from].name + " → " + e.zh + " → " + byId[e.to].name));
  body.appendChild(el("div", "relation " + e.relation + " " + e.zh, "class"));
  body.appendChild(reportList(e.reports));
  var refs = data.edgeEvidence[id] || [];
  if (refs.length) { body.appendChild(evidenceList(refs, data.evidenceTotals[id])); }
  document.getElementById("govkg-details").hidden = false;
}
function selectNode(id) {
  state.selected = id; state.selectedEdge = null;
  network.selectNodes([id]);
  highlight(id);
  showNode(id);
  saveView();
}
function selectEdge(id) {
  state.selected = null; state.selectedEdge = id;
  if (state.highlight) { highlight(null); }
  showEdge(id);
  network.redraw();
  saveView();
}
function clearSelection() {
  state.selected = null; state.selectedEdge = null;
  network.unselectAll();
  if (state.highlight) { highlight(null); }
  document.getElementById("govkg-details").hidden = true;
  saveView();
}

// ---- the report text with the claimed span marked (texts travel in the page up to a budget) ----
function openReader(report, start, end, sentence) {
  var r = data.reports[report], box = document.getElementById("govkg-reader-text");
  var note = document.getElementById("govkg-reader-note");
  document.getElementById("govkg-reader-title").textContent = reportLine(report) +
    (start >= 0 ? " · chars " + start + "–" + end : "");
  box.textContent = "";
  note.textContent = r.title ? r.title : "";
  var text = r.text, offset = 0;
  if (text === null || text === undefined) {
    note.textContent = "The full text is not in this page (source: " + (r.path || "unknown") + "); the sentence alone:";
    if (sentence < 0) { return show(); }
    text = data.sentences[sentence][2]; offset = data.sentences[sentence][1];
  }
  if (start < 0) { box.textContent = text; return show(); }
  box.appendChild(document.createTextNode(text.slice(0, start - offset)));
  var mark = el("mark", text.slice(start - offset, end - offset));
  mark.id = "govkg-span";
  box.appendChild(mark);
  box.appendChild(document.createTextNode(text.slice(end - offset)));
  show();
  mark.scrollIntoView({ block: "center" });
  function show() { document.getElementById("govkg-reader").hidden = false; }
}

// ---- search: Traditional folded to Simplified, whole or part of a name or alias, ranked suggestions ----
function foldText(s) {
  var out = "";
  for (var ch of s) {
    var code = ch.codePointAt(0);
    if (code >= 0xFF01 && code <= 0xFF5E) { ch = String.fromCodePoint(code - 0xFEE0); }
    else if (code === 0x3000) { ch = " "; }
    out += data.fold[ch] || ch;
  }
  return out.toLowerCase();
}
var searchIndex = nodeList.map(function (n) { return { id: n.id, names: [n.name].concat(n.aliases || []).map(foldText) }; });
function searchNodes(query) {
  var wanted = foldText(query.trim()), hits = [];
  if (!wanted) { return []; }
  searchIndex.forEach(function (entry) {
    var best = Infinity;
    entry.names.forEach(function (name, i) {
      var score = name === wanted ? (i === 0 ? 0 : 1) : name.indexOf(wanted) === 0 ? 2 : name.indexOf(wanted) > 0 ? 3 : Infinity;
      best = Math.min(best, score + (i > 0 && score > 1 ? 0.5 : 0));
    });
    if (best < Infinity) { hits.push([best, -byId[entry.id].rank, entry.id]); }
  });
  hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
  return hits.map(function (h) { return h[2]; });
}
var suggestions = [], active = -1;
function renderSuggestions(query) {
  var list = document.getElementById("govkg-suggestions"), status = document.getElementById("govkg-search-status");
  suggestions = searchNodes(query).slice(0, 12); active = -1;
  list.textContent = "";
  status.textContent = query.trim() && !suggestions.length ? "no match for “" + query.trim() + "”" : "";
  suggestions.forEach(function (id, i) {
    var n = byId[id], item = el("li", null, shown[id] ? "" : "hidden-hit");
    item.setAttribute("role", "option");
    item.appendChild(el("span", classLine(n.cls).split(" ")[0] + " ", "symbol"));
    item.appendChild(el("span", n.name, "name"));
    var alias = (n.aliases || []).filter(function (a) { return foldText(a).indexOf(foldText(query.trim())) >= 0; })[0];
    if (alias && foldText(n.name).indexOf(foldText(query.trim())) < 0) { item.appendChild(el("span", " (" + alias + ")", "muted")); }
    if (!shown[id]) { item.appendChild(el("span", " hidden", "muted")); }
    item.addEventListener("mousedown", function (ev) { ev.preventDefault(); lastQuery = query; choose(id); });
    item.dataset.index = i;
    list.appendChild(item);
  });
  document.getElementById("govkg-search").setAttribute("aria-expanded", suggestions.length ? "true" : "false");
}
function choose(id) {
  var status = document.getElementById("govkg-search-status");
  document.getElementById("govkg-suggestions").textContent = "";
  suggestions = [];
  status.textContent = "";
  if (!shown[id]) {
    status.textContent = byId[id].name + " is shown although " + whyHidden(byId[id]);
    state.forced.add(id);
    applyFilters();
  }
  network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
  selectNode(id);
  return id;
}
var lastQuery = null;
function findNode(query) {  // the best hit for a typed name, selected; [] when nothing matches
  var hits = searchNodes(query);
  lastQuery = query;
  renderSuggestions(query);
  if (!hits.length) { return []; }
  choose(hits[0]);
  return [hits[0]];
}

// ---- the view in the URL fragment: selection, filters, zoom and centre; a reload or a shared link restores it ----
var restoring = false;
function saveView() {
  if (!network || restoring) { return; }
  var p = new URLSearchParams(), view = network.getViewPosition();
  if (state.selected) { p.set("node", state.selected); }
  if (state.selectedEdge) { p.set("edge", state.selectedEdge); }
  if (state.classes.size) { p.set("hide", Array.from(state.classes).join(",")); }
  if (state.relations.size) { p.set("rel", Array.from(state.relations).join(",")); }
  if (state.years.size) { p.set("years", Array.from(state.years).join(",")); }
  if (state.isolated !== !data.hideIsolated) { p.set("isolated", state.isolated ? "1" : "0"); }
  p.set("zoom", network.getScale().toFixed(3));
  p.set("at", Math.round(view.x) + "," + Math.round(view.y));
  history.replaceState(null, "", "#" + p.toString());
}
function restoreView() {
  var p = new URLSearchParams(location.hash.slice(1));
  restoring = true;
  ["hide", "rel", "years"].forEach(function (key, i) {
    var set = [state.classes, state.relations, state.years][i];
    (p.has(key) ? p.get(key).split(",") : []).forEach(function (v) { set.add(v); });
  });
  if (p.has("isolated")) { state.isolated = p.get("isolated") === "1"; }
  document.querySelectorAll("#govkg-panel fieldset input").forEach(function (box) {
    var set = { "govkg-classes": state.classes, "govkg-relations": state.relations, "govkg-years": state.years }[box.closest("fieldset").id];
    if (set) { box.checked = !set.has(box.value); }
  });
  document.getElementById("govkg-isolated").checked = state.isolated;
  if (p.has("node") && byId[p.get("node")]) { state.forced.add(p.get("node")); }
  restoring = false;
  return p;
}

// ---- building the panel and the network ----
function filterBox(fieldsetId, items, set, makeLabel) {
  var box = document.getElementById(fieldsetId);
  items.forEach(function (item) {
    var label = el("label"), input = el("input");
    input.type = "checkbox"; input.value = item.key; input.checked = true;
    input.addEventListener("change", function () {
      if (input.checked) { set.delete(item.key); } else { set.add(item.key); }
      applyFilters();
    });
    label.appendChild(input);
    makeLabel(label, item);
    var count = el("span", item.total, "count");
    count.dataset.key = item.key; count.dataset.total = item.total;
    label.appendChild(count);
    box.appendChild(label);
  });
  if (!items.length) { box.hidden = true; }
}
function buildPanel() {
  var communities = legend.communities.length > 0;
  legend.notes.forEach(function (note) { document.getElementById("govkg-notes").appendChild(el("div", note, "note")); });
  filterBox("govkg-classes", legend.classes.map(function (c) { return { key: c.name, total: c.count, c: c }; }), state.classes,
    function (label, item) {
      var symbol = el("span", item.c.symbol, "symbol");
      symbol.style.color = communities ? "#444" : item.c.colour;  // with communities, fill is the community's
      label.appendChild(symbol);
      label.appendChild(document.createTextNode(item.c.name + " " + item.c.zh + " "));
    });
  filterBox("govkg-relations", legend.relations.map(function (r) { return { key: r.name, total: r.count, r: r }; }), state.relations,
    function (label, item) {
      var line = el("span", null, "line");
      line.style.background = item.r.colour;
      label.appendChild(line);
      label.appendChild(document.createTextNode(item.r.name + " " + item.r.zh + " "));
    });
  var yearTotals = {};
  nodeList.forEach(function (n) { (n.years.length ? n.years : [""]).forEach(function (y) { yearTotals[y] = (yearTotals[y] || 0) + 1; }); });
  var years = Object.keys(yearTotals).sort();
  filterBox("govkg-years", years.length > 1 ? years.map(function (y) { return { key: y, total: yearTotals[y] }; }) : [], state.years,
    function (label, item) { label.appendChild(document.createTextNode((item.key || "no year 无年份") + " ")); });
  if (communities) {
    var box = document.getElementById("govkg-communities");
    box.hidden = false;
    legend.communities.forEach(function (c) {
      var row = el("div"), swatch = el("span", null, "swatch");
      swatch.style.background = c.colour;
      swatch.dataset.colour = c.colour;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(c.label + " "));
      row.appendChild(el("span", c.size, "count"));
      box.appendChild(row);
    });
  }
  var isolated = nodeList.filter(function (n) { return n.degree === 0; }).length;
  document.getElementById("govkg-isolated-label").textContent = "show the " + isolated + " nodes without edges 显示孤立节点";
  document.getElementById("govkg-isolated").checked = state.isolated;
  document.getElementById("govkg-isolated").closest("label").hidden = isolated === 0;
}

function drawGraph() {
  buildPanel();
  var view = restoreView();
  network = new vis.Network(document.getElementById("mynetwork"), { nodes: nodes, edges: edges }, options);
  applyFilters();
  network.on("beforeDrawing", function (ctx) {  // a white ground, so an exported PNG is not transparent
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  network.on("afterDrawing", drawLabels);
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0]); } else if (p.edges.length) { selectEdge(p.edges[0]); } else { clearSelection(); }
  });
  network.on("hoverEdge", function (p) { state.hoverEdge = p.edge; network.redraw(); });
  network.on("blurEdge", function () { state.hoverEdge = null; network.redraw(); });
  network.on("dragEnd", function (p) { if (p.nodes.length) { placeLabels(); } saveView(); });
  network.on("zoom", saveView);
  if (view.has("zoom") && view.has("at")) {
    var at = view.get("at").split(",").map(Number);
    network.moveTo({ position: { x: at[0], y: at[1] }, scale: Number(view.get("zoom")) });
  } else {
    fitVisible();
  }
  if (view.has("node") && byId[view.get("node")]) { selectNode(view.get("node")); }
  else if (view.has("edge") && edgeById[view.get("edge")]) { selectEdge(view.get("edge")); }
  var status = document.getElementById("govkg-status");
  status.textContent = nodeList.length ? "click a node or an edge for its evidence; labels grow with the zoom"
                                       : "nothing to draw";
  network.once("afterDrawing", function () {
    window.govkgOpenMs = performance.now();
    window.govkgReady = true;
  });
  network.redraw();
  return network;
}

function wire() {
  var search = document.getElementById("govkg-search");
  search.addEventListener("input", function () { renderSuggestions(search.value); });
  search.addEventListener("change", function () {  // typed and left without Enter or a pick
    if (search.value.trim() && search.value !== lastQuery) { findNode(search.value); }
  });
  search.addEventListener("keydown", function (ev) {
    var items = document.querySelectorAll("#govkg-suggestions li");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) { return; }
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (item, i) { item.classList.toggle("active", i === active); });
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (active >= 0 && suggestions[active]) { lastQuery = search.value; choose(suggestions[active]); }
      else { findNode(search.value); }
    } else if (ev.key === "Escape") { renderSuggestions(""); }
  });
  document.getElementById("govkg-reset").addEventListener("click", function () {
    search.value = "";
    renderSuggestions("");
    state.forced.clear();
    clearSelection();
    applyFilters();
  });
  document.getElementById("govkg-isolated").addEventListener("change", function (ev) {
    state.isolated = ev.target.checked;
    applyFilters();
  });
  document.getElementById("govkg-fit").addEventListener("click", function () { fitVisible(); saveView(); });
  document.getElementById("govkg-png").addEventListener("click", function () {
    var link = document.getElementById("govkg-download");
    link.href = document.querySelector("#mynetwork canvas").toDataURL("image/png");
    link.download = (document.title.split(" — ")[0] || "govkg").replace(/[^\w.-]+/g, "-") + ".png";
    link.click();
  });
  document.getElementById("govkg-fold").addEventListener("click", function (ev) {
    var body = document.getElementById("govkg-body");
    body.hidden = !body.hidden;
    ev.target.textContent = body.hidden ? "+" : "–";
  });
  document.getElementById("govkg-details-close").addEventListener("click", clearSelection);
  document.getElementById("govkg-reader-close").addEventListener("click", function () {
    document.getElementById("govkg-reader").hidden = true;
  });
}

wire();
drawGraph();
