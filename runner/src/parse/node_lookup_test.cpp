#include "parse/node_lookup.h"

#include <catch2/catch.hpp>

using namespace mrun;
using namespace mrun::parse;

namespace {
graph::Node node(graph::NodeKind kind, const std::string& package, const std::string& name,
                 const std::string& source_name = "") {
  graph::Node n;
  n.kind = kind;
  n.package = package;
  n.name = name;
  n.source_name = source_name;
  n.unique_id = std::string(graph::kind_name(kind)) + "." + package + "." +
                (source_name.empty() ? "" : source_name + ".") + name;
  return n;
}
}  // namespace

TEST_CASE("ref() finds a node as dbt does: a named package only, else root, the caller's package, any") {
  graph::Manifest m;
  size_t pkg_orders = m.add(node(graph::NodeKind::Model, "pkg", "orders"));
  size_t root_orders = m.add(node(graph::NodeKind::Model, "shop", "orders"));
  size_t pkg_only = m.add(node(graph::NodeKind::Seed, "pkg", "codes"));
  size_t other_only = m.add(node(graph::NodeKind::Model, "other", "lonely"));
  graph::Node disabled = node(graph::NodeKind::Model, "pkg", "off");
  disabled.config.set("enabled", project::ConfigValue::boolean(false));
  m.add(disabled);
  NodeLookup lookup(m, "shop");

  CHECK(lookup.ref({"", "orders"}, "shop") == root_orders);
  CHECK(lookup.ref({"", "orders"}, "pkg") == root_orders);  // the root project first, even from a package
  CHECK(lookup.ref({"pkg", "orders"}, "shop") == pkg_orders);
  CHECK(lookup.ref({"", "codes"}, "shop") == pkg_only);     // then any package
  CHECK(lookup.ref({"", "lonely"}, "pkg") == other_only);
  CHECK(lookup.ref({"shop", "codes"}, "pkg") == graph::Manifest::npos);  // a named package only
  CHECK(lookup.ref({"", "off"}, "pkg") == graph::Manifest::npos);        // disabled nodes are not found
}

TEST_CASE("source() finds the root's source first, then the caller's package's") {
  graph::Manifest m;
  size_t pkg_source = m.add(node(graph::NodeKind::Source, "pkg", "events", "raw"));
  size_t root_source = m.add(node(graph::NodeKind::Source, "shop", "events", "raw"));
  size_t pkg_users = m.add(node(graph::NodeKind::Source, "pkg", "users", "raw"));
  NodeLookup lookup(m, "shop");
  CHECK(lookup.source("raw", "events", "pkg") == root_source);
  CHECK(lookup.source("raw", "users", "shop") == pkg_users);
  CHECK(lookup.source("raw", "nothing", "shop") == graph::Manifest::npos);
  CHECK(pkg_source != root_source);
}
