// Database relations as templates see them: `this`, `ref('m')`,
// `source('s','t')`, `api.Relation.create(...)` and what `adapter.get_relation`
// finds are Relation objects (dbt's BaseRelation): they print as
// "schema"."name" and have database, schema, identifier, name, type,
// is_table/is_view, include(), quote(), render(), incorporate(),
// replace_path() and `==`. They pass `is mapping` with a `metadata.type`
// ending in "Relation", which dbt_utils checks.
#pragma once

#include <optional>
#include <string>

#include "jinja/value.h"

namespace mrun::parse {

/// A table or view in the database.
struct Relation {
  std::string schema;
  std::string identifier;

  /// "schema"."identifier", quoted.
  std::string quoted() const;
};

/// Everything a template's Relation holds (dbt's BaseRelation).
struct RelationParts {
  std::string database;    ///< "" when unknown (mrun's own relations name none)
  std::string schema;
  std::string identifier;
  /// "table", "view", "materialized_view", "cte", or "" (unknown: dbt's None).
  std::string type;
  /// Which parts render (dbt's include policy). The database is left out by
  /// default: mrun's relations print as "schema"."name".
  bool include_database = false, include_schema = true, include_identifier = true;
  /// Which parts are double-quoted when rendered (dbt's quote policy).
  bool quote_database = true, quote_schema = true, quote_identifier = true;
  /// Printed instead of the rendered name when set (an ephemeral model's CTE).
  std::string display;

  /// The parts included, quoted as the policy says, joined with dots.
  std::string render() const;
};

/// The template value of `relation`: prints quoted.
jinja::Value relation_value(const Relation& relation);

/// A value that prints as `sql` (an ephemeral CTE name or a subquery) and has
/// the attributes of `relation` otherwise.
jinja::Value relation_value(const Relation& relation, const std::string& display);

/// A Relation object holding `parts`.
jinja::Value relation_value(RelationParts parts);

/// The parts of `value` when it is a Relation object (or an object with
/// string attributes schema and identifier, such as `this`), else nullopt.
std::optional<RelationParts> relation_parts(const jinja::Value& value);

}  // namespace mrun::parse
