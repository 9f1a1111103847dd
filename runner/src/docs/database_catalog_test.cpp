#include "docs/database_catalog.h"

#include <catch2/catch.hpp>

#include "db/connection.h"
#include "test_database.h"

using namespace mrun;

namespace {

graph::Node relation_node(const std::string& id, graph::NodeKind kind, const std::string& schema,
                          const std::string& name) {
  graph::Node n;
  n.unique_id = id;
  n.kind = kind;
  n.name = name;
  n.database_schema = schema;
  n.relation_name = name;
  return n;
}

}  // namespace

TEST_CASE("the catalog has what the database says about each built relation and source") {
  std::string url = test::fresh_database("docs_catalog_test");
  auto conn = db::connect(url);
  {
    pqxx::work tx(*conn);
    tx.exec("create schema analytics; create schema raw");
    tx.exec("create table analytics.orders (order_id integer not null, amount numeric(12,2), note text)");
    tx.exec("alter table analytics.orders drop column note");
    tx.exec("insert into analytics.orders select g, g * 1.5 from generate_series(1, 40) g");
    tx.exec("comment on table analytics.orders is 'One row per order'");
    tx.exec("comment on column analytics.orders.order_id is 'The key'");
    tx.exec("create table raw.payments (id text, cents bigint)");
    tx.exec("insert into raw.payments values ('a', 1), ('b', 2), ('c', 3)");
    tx.exec("create view analytics.big_orders as select order_id from analytics.orders where amount > 10");
    tx.commit();
  }
  pqxx::nontransaction(*conn).exec("analyze raw.payments");

  graph::Manifest m;
  m.add(relation_node("model.p.orders", graph::NodeKind::Model, "analytics", "orders"));
  m.add(relation_node("model.p.big_orders", graph::NodeKind::Model, "analytics", "big_orders"));
  m.add(relation_node("model.p.not_built", graph::NodeKind::Model, "analytics", "not_built"));
  graph::Node ephemeral = relation_node("model.p.orders_cte", graph::NodeKind::Model, "analytics", "orders");
  ephemeral.config.set("materialized", project::ConfigValue::string("ephemeral"));
  m.add(ephemeral);
  m.add(relation_node("source.p.raw.payments", graph::NodeKind::Source, "raw", "payments"));
  m.link();

  auto relations = docs::read_database_catalog(*conn, m);

  REQUIRE(relations.size() == 3);
  const auto& orders = relations[0];
  CHECK(orders.unique_id == "model.p.orders");
  CHECK(!orders.is_source);
  CHECK(orders.type == "BASE TABLE");
  CHECK(orders.database == "docs_catalog_test");
  CHECK(orders.comment == "One row per order");
  CHECK(!orders.owner.empty());
  REQUIRE(orders.columns.size() == 2);  // the dropped column is not listed
  CHECK(orders.columns[0].name == "order_id");
  CHECK(orders.columns[0].type == "integer");
  CHECK(orders.columns[0].index == 1);
  CHECK(orders.columns[0].comment == "The key");
  CHECK(orders.columns[1].type == "numeric(12,2)");
  CHECK(orders.row_count == 40);  // never analyzed: counted
  CHECK(orders.bytes.value_or(0) > 0);

  const auto& view = relations[1];
  CHECK(view.type == "VIEW");
  CHECK(!view.row_count);
  CHECK(!view.bytes);
  REQUIRE(view.columns.size() == 1);

  const auto& payments = relations[2];
  CHECK(payments.is_source);
  CHECK(payments.row_count == 3);  // from the statistics ANALYZE wrote
  CHECK(payments.columns[1].type == "bigint");
}
