// column_lineage.js: the column view of a model's lineage page. It fills
// the choice of columns, writes the picture of the model's view
// (window.mrunColumnLineage[window.mrunColumnModel], columns.<part>.js) as
// DOT and has viz.js (Graphviz) lay it out: the columns grouped by
// relation, one cluster each (titled with its node's name and linking to
// its page), each column's SVG id "col-" + its id, each edge's "coledge-" +
// its position; when a column is
// chosen (the list, a click on a column of the model, or #column=NAME in
// the address) it highlights the columns and edges upstream of it and lists
// them. Plain JavaScript, no network.
#include "docs/site_context.h"

namespace mrun::docs {

const char* column_lineage_js() {
  return R"JS((function () {
  var data = (window.mrunColumnLineage || {})[window.mrunColumnModel];
  var box = document.getElementById("column-graph");
  var select = document.getElementById("column-select");
  var list = document.getElementById("column-sources");
  if (!data || !box || !select || !list) return;
  data.order.forEach(function (name) {
    var option = document.createElement("option");
    option.value = option.textContent = name;
    select.appendChild(option);
  });
  var svg = null;
  var focusIds = {};
  function svgId(k) { return "col-" + data.ids[k]; }
  Object.keys(data.columns).forEach(function (name) { focusIds[svgId(data.columns[name].columns[0])] = name; });
  function item(text, className) {
    var li = document.createElement("li");
    li.textContent = text;
    if (className) li.className = className;
    list.appendChild(li);
  }
  function show(name) {
    box.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
    list.textContent = "";
    var entry = data.columns[name];
    if (svg) svg.classList.toggle("focused", !!entry);
    select.value = entry ? name : "";
    if (!entry) return;
    entry.columns.map(svgId).concat(entry.edges.map(function (e) { return "coledge-" + e; })).forEach(function (id) {
      var e = document.getElementById(id);
      if (e) e.classList.add("on");
    });
    var from = entry.columns.slice(1).map(function (k) { return data.ids[k]; });
    if (!from.length) item(name + " is computed from no column (a constant, or an expression of none)", "muted");
    from.forEach(function (id) {
      if (id.indexOf("unknown:") === 0) item("unknown: the database could not tell what " + id.slice(8) + " is computed from", "unknown");
      else item(id, "");
    });
    try { history.replaceState(null, "", "#column=" + encodeURIComponent(name)); } catch (e) { /* file:// in some browsers */ }
  }
  select.addEventListener("change", function () { show(select.value); });
  box.addEventListener("click", function (event) {
    var node = event.target.closest && event.target.closest("g.node");
    if (node && focusIds[node.id]) show(focusIds[node.id]);
  });
  if (data.left_out) {
    var note = document.createElement("p");
    note.className = "muted";
    note.textContent = data.left_out + " more upstream columns are left out of the picture.";
    box.parentNode.insertBefore(note, box.nextSibling);
  }
  function start() {
    var wanted = /[#&]column=([^&]*)/.exec(window.location.hash);
    if (wanted) show(decodeURIComponent(wanted[1]));
  }
  if (!window.Viz) {
    box.textContent = "No picture: viz.js was not bundled into this mrun.";
    start();
    return;
  }
  function quoted(text) { return "\"" + String(text).replace(/["\\]/g, "\\$&") + "\""; }
  function dot() {
    var members = {}, unknown = [];
    data.relations.forEach(function (r) { members[r[0]] = []; });
    data.ids.forEach(function (id, k) {
      if (id.indexOf("unknown:") === 0) unknown.push(k);
      else members[id.slice(0, id.lastIndexOf("."))].push(k);
    });
    function column(k) {
      var id = data.ids[k], isUnknown = id.indexOf("unknown:") === 0;
      return "    c" + k + " [label=" + quoted(isUnknown ? "unknown" : id.slice(id.lastIndexOf(".") + 1)) +
        ", id=" + quoted("col-" + id) + ", tooltip=" +
        quoted(isUnknown ? "the database could not tell where this comes from" : id) +
        (isUnknown ? ", style=\"dashed\", fontcolor=\"#8a1c1c\", color=\"#8a1c1c\"" : "") + "];\n";
    }
    var out = "digraph columns {\n  rankdir=LR; bgcolor=\"transparent\"; nodesep=0.15; ranksep=0.6;\n" +
      "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10, " +
      "height=0.25, color=\"#6b7a90\"];\n  edge [color=\"#8a96a8\", arrowsize=0.6];\n";
    data.relations.forEach(function (r, k) {
      out += "  subgraph cluster_" + k + " {\n    label=" + quoted(r[1]) +
        "; style=\"rounded,filled\"; color=\"#6b7a90\"; fontname=\"Helvetica\"; fontsize=11;\n" +
        "    id=" + quoted("rel-" + r[0]) + ";\n" +
        (r[3] ? "    URL=" + quoted(r[3]) + "; tooltip=" + quoted(r[2]) + ";\n" : "") +
        "    fillcolor=" + quoted(r[4]) + ";\n";
      members[r[0]].forEach(function (c) { out += column(c); });
      out += "  }\n";
    });
    unknown.forEach(function (c) { out += column(c); });
    data.edges.forEach(function (e, k) { out += "  c" + e[0] + " -> c" + e[1] + " [id=\"coledge-" + k + "\"];\n"; });
    return out + "}\n";
  }
  window.Viz.instance().then(function (viz) {
    svg = viz.renderSVGElement(dot());
    box.appendChild(svg);
    box.setAttribute("data-drawn", "true");
    start();
  }).catch(function (e) { box.textContent = "The picture could not be drawn: " + e; console.error(e); });
})();
)JS";
}

}  // namespace mrun::docs
