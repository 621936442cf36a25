// Behaviour of the page kg/viz writes; `nodes`, `edges` (vis DataSets) and `options` are defined just above.
// neighbourhoodHighlight() comes from pyvis' bindings (utils.js) and reads the globals declared here.
var network, allNodes, allEdges, nodeColors = {}, highlightActive = false;
window.govkgReady = false;

function drawGraph() {
  allNodes = nodes.get({ returnType: "Object" });
  for (var id in allNodes) { nodeColors[id] = allNodes[id].color; }
  allEdges = edges.get({ returnType: "Object" });
  network = new vis.Network(document.getElementById("mynetwork"), { nodes: nodes, edges: edges }, options);
  var status = document.getElementById("govkg-status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // the layout is computed once; physics then stops so the page stays still and costs no CPU
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    status.textContent = "click a node to highlight its neighbours; hover for the evidence";
    window.govkgReady = true;
  });
  if (nodes.length === 0) { status.textContent = "nothing to draw"; window.govkgReady = true; }
  network.on("click", neighbourhoodHighlight);
  return network;
}

// show or hide every node of a class / every edge of a relation (hidden nodes take their edges along)
function bindFilter(fieldsetId, dataset, field) {
  document.querySelectorAll("#" + fieldsetId + " input").forEach(function (box) {
    box.addEventListener("change", function () {
      var changed = dataset.get({ filter: function (item) { return item[field] === box.value; } });
      dataset.update(changed.map(function (item) { return { id: item.id, hidden: !box.checked }; }));
    });
  });
}

// select a node by its preferred label or an alias, zoom to it and highlight its neighbourhood
function findNode(name) {
  var wanted = name.trim();
  var ids = nodes.getIds({ filter: function (n) {
    return n.label === wanted || n.hiddenLabel === wanted || (n.aliases || []).indexOf(wanted) >= 0;
  } });
  if (ids.length === 0) { return []; }
  network.selectNodes(ids);
  network.focus(ids[0], { scale: 1.2, animation: { duration: 400 } });
  neighbourhoodHighlight({ nodes: ids });
  return ids;
}

drawGraph();
bindFilter("govkg-classes", nodes, "cls");
bindFilter("govkg-relations", edges, "relation");
document.getElementById("govkg-search").addEventListener("change", function (e) { findNode(e.target.value); });
document.getElementById("govkg-reset").addEventListener("click", function () {
  document.getElementById("govkg-search").value = "";
  network.unselectAll();
  neighbourhoodHighlight({ nodes: [] });
});
