// column_lineage.js: the column view of a lineage page. It draws the
// picture of window.mrunColumnLineage (columns.<unique_id>.js), and when a
// column is chosen (the list, a click on a column of the focus, or
// #column=NAME in the address) highlights the columns and edges upstream of
// it and lists them. Plain JavaScript, no library, no network.
#include "docs/site_context.h"

namespace mrun::docs {

const char* column_lineage_js() {
  return R"JS((function () {
  var data = window.mrunColumnLineage;
  var box = document.getElementById("column-graph");
  var select = document.getElementById("column-select");
  var list = document.getElementById("column-sources");
  if (!data || !box || !select || !list) return;
  if (data.svg) box.innerHTML = data.svg;
  else box.textContent = "No picture: Graphviz was not installed when the site was generated.";
  var svg = box.querySelector("svg");
  var focusIds = {};
  Object.keys(data.columns).forEach(function (name) { focusIds[data.columns[name].ids[0]] = name; });
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
    entry.ids.concat(entry.edges).forEach(function (id) {
      var e = document.getElementById(id);
      if (e) e.classList.add("on");
    });
    if (!entry.from.length) item(name + " is computed from no column (a constant, or an expression of none)", "muted");
    entry.from.forEach(function (c) { item(c, c.indexOf("unknown") === 0 ? "unknown" : ""); });
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
  var wanted = /[#&]column=([^&]*)/.exec(window.location.hash);
  if (wanted) show(decodeURIComponent(wanted[1]));
})();
)JS";
}

}  // namespace mrun::docs
