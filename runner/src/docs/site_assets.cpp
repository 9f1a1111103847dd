// site.css: the one stylesheet of the docs site (no web fonts, no CDN).
#include "docs/site_context.h"

namespace mrun::docs {

const char* site_css() {
  return R"CSS(:root { --ink: #1d2733; --muted: #6b7a90; --line: #dde3ea; --accent: #1f5fa8; --bg: #f7f9fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 1.5em; padding: .6em 1.5em; background: #1d2733; }
header .home { color: #fff; font-weight: 600; font-size: 1.1em; text-decoration: none; }
header .search { flex: 1; max-width: 32em; }
header input { width: 100%; padding: .4em .6em; border-radius: 4px; border: 0; font-size: 1em; }
main { padding: 1em 1.5em 3em; max-width: 80em; }
footer { padding: 1em 1.5em; color: var(--muted); font-size: .85em; }
a { color: var(--accent); }
h1 .kind, .results .kind { font-size: .55em; font-weight: normal; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.results .kind { font-size: .8em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid var(--line); padding-bottom: .2em; font-size: 1.2em; }
h3.layer { text-transform: capitalize; margin-bottom: .2em; }
h4.folder { margin: .8em 0 .3em; color: var(--muted); font-weight: normal; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; background: #fff; margin: .4em 0; }
th, td { text-align: left; vertical-align: top; padding: .3em .7em; border: 1px solid var(--line); }
table.facts th { background: var(--bg); font-weight: 600; width: 12em; }
table.nodes, table.columns { width: 100%; }
.mono, .column-name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .92em; }
.muted { color: var(--muted); }
.markdown > :first-child { margin-top: 0; }
.markdown > :last-child { margin-bottom: 0; }
.markdown code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f5; padding: 0 .25em; border-radius: 3px; }
.markdown pre { background: #fff; border: 1px solid var(--line); padding: .6em; overflow: auto; }
.markdown pre code { background: none; padding: 0; }
.markdown h1, .markdown h2, .markdown h3 { border: 0; font-size: 1.1em; margin: .8em 0 .3em; }
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; font-size: .82em; background: #e5e9ef; }
.badge.good { background: #d4f0dc; color: #17602f; }
.badge.bad { background: #f8d7d7; color: #8a1c1c; }
.badge.warn { background: #fbeccb; color: #7a5200; }
.test { white-space: nowrap; }
pre.sql { background: #fff; border: 1px solid var(--line); padding: .8em; overflow: auto; font-size: .9em; }
pre.sql .k { color: #0b5cad; font-weight: 600; }
pre.sql .s { color: #a3411a; }
pre.sql .n { color: #6a3ea1; }
pre.sql .c { color: #7d8793; font-style: italic; }
pre.sql .j { color: #1b7f5a; background: #eef8f3; }
svg.trend { background: #fff; border: 1px solid var(--line); }
svg.trend polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
.depths { margin: .5em 0 1em; }
.depths a, .depths strong { margin: 0 .25em; }
.lineage-graph, .column-graph { background: #fff; border: 1px solid var(--line); padding: .5em; overflow: auto; }
.lineage-graph svg, .column-graph svg { max-width: 100%; height: auto; }
.column-graph svg.focused g.node, .column-graph svg.focused g.edge { opacity: .25; }
.column-graph svg.focused g.on { opacity: 1; }
.column-graph g.node.on path, .column-graph g.node.on polygon { stroke: #1f5fa8; stroke-width: 2; fill: #fff3c4; }
.column-graph g.edge.on path { stroke: #1f5fa8; stroke-width: 2; }
.column-sources { font-family: ui-monospace, monospace; font-size: .9em; }
.unknown { color: #8a1c1c; }
.results li { margin: .5em 0; }
.matched-columns { font-family: ui-monospace, monospace; font-size: .9em; }
)CSS";
}

}  // namespace mrun::docs
