#include "parse/macro_namespaces.h"

#include <catch2/catch.hpp>

using namespace mrun;
using namespace mrun::parse;

namespace {
// A macro stand-in that returns where it was defined.
jinja::Value marker(const std::string& where) {
  return jinja::Value::function(where, [where](jinja::CallArgs&) { return jinja::Value(where); });
}

std::string dispatched(const MacroNamespaces& ns, const std::string& name, const jinja::Value& macro_namespace,
                       const std::string& caller = "shop") {
  jinja::CallArgs none;
  return ns.dispatch(name, macro_namespace, caller).call(none).str();
}
}  // namespace

TEST_CASE("dispatch searches the dispatch: order, else the root then the namespace, postgres__ before default__") {
  jinja::Environment env;
  MacroNamespaces ns("shop", {{"utils", {"shims", "utils"}}}, env);
  ns.add("utils", "default__star", marker("utils.default__star"));
  ns.add("utils", "postgres__star", marker("utils.postgres__star"));
  ns.add("shims", "default__star", marker("shims.default__star"));
  ns.add("shop", "default__hash", marker("shop.default__hash"));
  ns.add("dates", "default__hash", marker("dates.default__hash"));
  ns.add("dates", "default__now", marker("dates.default__now"));
  ns.add("dbt", "default__now", marker("dbt.default__now"));

  CHECK(dispatched(ns, "star", jinja::Value("utils")) == "shims.default__star");  // dispatch: [shims, utils]
  CHECK(dispatched(ns, "hash", jinja::Value("dates")) == "shop.default__hash");   // [root, dates]
  CHECK(dispatched(ns, "now", jinja::Value("dates")) == "dates.default__now");
  // One argument: the root, the calling macro's package, then dbt.
  CHECK(dispatched(ns, "now", jinja::Value::none(), "dates") == "dates.default__now");
  CHECK(dispatched(ns, "now", jinja::Value::none(), "shop") == "dbt.default__now");
  // A namespace nothing installs searches as the one-argument form does.
  CHECK(dispatched(ns, "hash", jinja::Value("not_installed")) == "shop.default__hash");
}

TEST_CASE("dispatch errors name what was searched and what is wrong") {
  jinja::Environment env;
  MacroNamespaces ns("shop", {{"utils", {"missing_pkg"}}}, env);
  ns.declare("dates");
  CHECK_THROWS_WITH(ns.dispatch("now", jinja::Value("dates"), "shop"),
                    "In dispatch: no macro named 'now' found within namespace 'dates'; searched for: "
                    "shop.postgres__now, shop.default__now, dates.postgres__now, dates.default__now");
  CHECK_THROWS_WITH(ns.dispatch("star", jinja::Value("utils"), "shop"),
                    Catch::Contains("names package 'missing_pkg', which is not installed"));
  CHECK_THROWS_WITH(ns.dispatch("dates.now", jinja::Value::none(), "shop"),
                    Catch::Contains("write adapter.dispatch('now', macro_namespace='dates')"));
}

TEST_CASE("a namespace's object gives its macros as attributes") {
  jinja::Environment env;
  MacroNamespaces ns("shop", {}, env);
  ns.add("utils", "star", marker("utils.star"));
  jinja::Value utils = ns.namespace_value("utils");
  CHECK(utils.attribute("star").is_callable());
  CHECK(utils.attribute("nothing").is_undefined());
}
