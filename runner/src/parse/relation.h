// Database relations (schema + name) as templates see them: `this`,
// `ref('m')`, `source('s','t')` all print as "schema"."name".
#pragma once

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

/// The template value of `relation`: prints quoted; has attributes schema,
/// identifier, name, database, table and is_table/is_view flags left out.
jinja::Value relation_value(const Relation& relation);

/// A value that prints as `sql` (an ephemeral CTE name or a subquery) and has
/// the attributes of `relation` otherwise.
jinja::Value relation_value(const Relation& relation, const std::string& display);

}  // namespace mrun::parse
