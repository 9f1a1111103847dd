#include "artifacts/catalog_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mrun::artifacts;
using nlohmann::json;

TEST_CASE("catalog.json holds dbt's catalog v1 keys for models and sources") {
  CatalogRelation model;
  model.unique_id = "model.jaffle.orders";
  model.database = "warehouse";
  model.schema = "analytics";
  model.name = "orders";
  model.type = "BASE TABLE";
  model.comment = "One row per order";
  model.owner = "mrun";
  model.columns = {{"order_id", "integer", 1, "The key"}, {"amount", "numeric(12,2)", 2, ""}};
  model.row_count = 99;
  model.bytes = 8192;
  CatalogRelation source;
  source.unique_id = "source.jaffle.raw.orders";
  source.is_source = true;
  source.schema = "raw";
  source.name = "orders";
  source.type = "VIEW";
  source.columns = {{"id", "text", 1, ""}};

  json doc = json::parse(catalog_json_text({model, source}, new_metadata("jaffle", "0.1.0")));

  CHECK(doc["metadata"]["dbt_schema_version"] == kCatalogSchemaUrl);
  CHECK(doc["errors"].is_null());
  const json& m = doc["nodes"]["model.jaffle.orders"];
  CHECK(m["unique_id"] == "model.jaffle.orders");
  CHECK(m["metadata"] == json{{"type", "BASE TABLE"}, {"schema", "analytics"}, {"name", "orders"},
                              {"database", "warehouse"}, {"comment", "One row per order"}, {"owner", "mrun"}});
  CHECK(m["columns"]["order_id"] == json{{"type", "integer"}, {"index", 1}, {"name", "order_id"}, {"comment", "The key"}});
  CHECK(m["columns"]["amount"]["comment"].is_null());
  CHECK(m["stats"]["row_count"]["value"] == 99);
  CHECK(m["stats"]["bytes"]["value"] == 8192);
  CHECK(m["stats"]["has_stats"]["value"] == true);
  const json& s = doc["sources"]["source.jaffle.raw.orders"];
  CHECK(s["metadata"]["type"] == "VIEW");
  CHECK(s["metadata"]["database"].is_null());
  CHECK(s["stats"]["has_stats"]["value"] == false);
  CHECK(!s["stats"].contains("row_count"));
  CHECK(doc["nodes"].size() == 1);
}
