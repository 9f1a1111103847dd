// A column of a relation as templates see it (dbt's Column), what
// adapter.get_columns_in_relation returns and api.Column.create makes:
// name (and `column`), quoted, dtype (PostgreSQL's information_schema
// data_type), data_type (with its size: "character varying(10)",
// "numeric(12,2)"), char_size, numeric_precision, numeric_scale, and
// is_string(), is_number(), is_integer(), is_float(), is_numeric(),
// string_size().
#pragma once

#include <optional>
#include <string>

#include "jinja/value.h"

namespace mrun::parse {

/// What a column is made of.
struct ColumnSpec {
  std::string name;
  std::string dtype;
  std::optional<int64_t> char_size;
  std::optional<int64_t> numeric_precision;
  std::optional<int64_t> numeric_scale;
};

/// The Column object of `spec`.
jinja::Value column_value(ColumnSpec spec);

/// The name of a Column object (or of any value with a `name` attribute).
std::string column_name(const jinja::Value& column);

}  // namespace mrun::parse
