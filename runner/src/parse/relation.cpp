#include "parse/relation.h"

#include <memory>

#include "db/quote.h"

namespace mrun::parse {

std::string Relation::quoted() const { return db::qualified_name(schema, identifier); }

jinja::Value relation_value(const Relation& relation) { return relation_value(relation, relation.quoted()); }

jinja::Value relation_value(const Relation& relation, const std::string& display) {
  std::vector<std::pair<std::string, jinja::Value>> attributes = {
      {"schema", jinja::Value(relation.schema)},
      {"identifier", jinja::Value(relation.identifier)},
      {"name", jinja::Value(relation.identifier)},
      {"table", jinja::Value(relation.identifier)},
      {"database", jinja::Value("")},
  };
  return jinja::Value::object(std::make_shared<jinja::RecordObject>(std::move(attributes), display));
}

}  // namespace mrun::parse
