// lineage.js: the lineage page. From lineage.html?id=ID&u=U&d=D it takes
// the view of node ID in the lineage graph (window.mrunLineage,
// lineage_data.js): the nodes within U steps of parents and D steps of
// children, nearest first, at most max_nodes (the rest counted); writes it
// as a DOT digraph, left to right, each node linking to its own lineage at
// the same depths and the focus in bold; and has viz.js (Graphviz) lay it
// out. For a model it then loads its column lineage (the columns.<part>.js
// that holds it, and column_lineage.js). Without viz.js the nodes are listed.
#include "docs/site_context.h"

namespace mrun::docs {

const char* lineage_js() {
  return R"JS((function () {
  var data = window.mrunLineage;
  var params = new URLSearchParams(window.location.search);
  var title = document.getElementById("lineage-title");
  var box = document.getElementById("lineage-graph");
  function depth(name) {
    var v = parseInt(params.get(name) || "2", 10);
    return Math.min(data.max_depth, Math.max(1, isNaN(v) ? 2 : v));
  }
  var up = depth("u"), down = depth("d");
  var nodes = data.nodes, parents = data.parents;
  var children = nodes.map(function () { return []; });
  parents.forEach(function (list, child) { list.forEach(function (p) { children[p].push(child); }); });
  var focus = -1, wanted = params.get("id");
  for (var i = 0; i < nodes.length; i++) if (nodes[i][0] === wanted) focus = i;
  if (focus < 0) { title.textContent = "No node " + (wanted || "was given") + " in this project"; return; }
  function address(i, u, d) { return "lineage.html?id=" + encodeURIComponent(nodes[i][0]) + "&u=" + u + "&d=" + d; }

  // The view: nearest first, at most max_nodes.
  var view = [focus], inView = {}, leftOut = 0;
  inView[focus] = true;
  function walk(next, steps) {
    var frontier = [focus], visited = {};
    visited[focus] = true;
    for (var step = 0; step < steps && frontier.length; step++) {
      var following = [];
      frontier.forEach(function (i) {
        next[i].forEach(function (j) {
          if (visited[j]) return;
          visited[j] = true;
          following.push(j);
          if (inView[j]) return;
          if (view.length < data.max_nodes) { inView[j] = true; view.push(j); } else leftOut++;
        });
      });
      frontier = following;
    }
  }
  walk(parents, up);
  walk(children, down);

  var node = nodes[focus];
  document.title = "Lineage of " + node[1] + " \u00b7 " + document.title.split(" \u00b7 ").pop();
  title.textContent = "Lineage of ";
  var link = document.createElement("a");
  link.href = node[3];
  link.textContent = node[1];
  title.appendChild(link);
  var kind = document.createElement("span");
  kind.className = "kind";
  kind.textContent = " " + node[2];
  title.appendChild(kind);
  var depths = document.getElementById("lineage-depths");
  [["Upstream:", "depth-up", up, function (k) { return address(focus, k, down); }],
   ["Downstream:", "depth-down", down, function (k) { return address(focus, up, k); }]].forEach(function (row) {
    depths.appendChild(document.createTextNode(" " + row[0]));
    for (var k = 1; k <= data.max_depth; k++) {
      var e = document.createElement(k === row[2] ? "strong" : "a");
      e.textContent = String(k);
      if (k !== row[2]) { e.href = row[3](k); e.className = row[1]; }
      depths.appendChild(document.createTextNode(" "));
      depths.appendChild(e);
    }
  });
  if (leftOut) {
    var note = document.getElementById("lineage-left-out");
    note.textContent = leftOut + " more nodes within these depths are left out of the picture.";
    note.hidden = false;
  }

  function quoted(text) { return "\"" + String(text).replace(/["\\]/g, "\\$&") + "\""; }
  var position = {};
  view.forEach(function (i, k) { position[i] = k; });
  var dot = "digraph lineage {\n  rankdir=LR; bgcolor=\"transparent\";\n" +
    "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#6b7a90\"];\n" +
    "  edge [color=\"#8a96a8\", arrowsize=0.7];\n";
  view.forEach(function (i, k) {
    var n = nodes[i];
    dot += "  n" + k + " [label=" + quoted(n[1]) + ", URL=" + quoted(address(i, up, down)) + ", tooltip=" +
      quoted(n[0]) + ", id=" + quoted("node-" + n[0]) + ", fillcolor=" + quoted(n[4]) +
      (i === focus ? ", penwidth=2.5, color=\"#1f3b63\"" : "") + "];\n";
  });
  view.forEach(function (child) {
    parents[child].forEach(function (p) {
      if (p in position) dot += "  n" + position[p] + " -> n" + position[child] + ";\n";
    });
  });
  dot += "}\n";

  if (window.Viz) {
    window.Viz.instance().then(function (viz) {
      box.appendChild(viz.renderSVGElement(dot));
      box.setAttribute("data-drawn", "true");
    }).catch(function (e) { box.textContent = "The picture could not be drawn: " + e; console.error(e); });
  } else {
    var list = document.createElement("ul");
    view.forEach(function (i) {
      var item = document.createElement("li"), a = document.createElement("a");
      a.href = address(i, up, down);
      a.textContent = nodes[i][1];
      item.appendChild(a);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // A model's column lineage.
  if (node[5] === null) return;
  document.getElementById("column-lineage").hidden = false;
  if (!node[5]) { document.getElementById("column-unknown").hidden = false; return; }
  document.getElementById("column-view").hidden = false;
  window.mrunColumnModel = node[0];
  [node[5], "column_lineage.js"].forEach(function (src) {
    var script = document.createElement("script");
    script.src = src;
    script.async = false;  // in this order
    document.body.appendChild(script);
  });
})();
)JS";
}

}  // namespace mrun::docs
