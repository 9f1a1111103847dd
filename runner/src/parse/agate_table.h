// Query results as templates see them: dbt hands macros an agate.Table
// (run_query(), load_result(name).table), and this is one with the parts
// macros use:
//
//   table.rows              rows, each indexable by position and by name:
//                           row[0], row['id'], row.values(), row.keys(), row.dict()
//   table.columns           columns by position or name: columns[0].name,
//                           columns['id'].values(), .values_distinct()
//   table.column_names      a tuple of names;  table.column_types
//   table|length            the number of rows; `for row in table` visits rows
//   table.print_table()     prints nothing (agate's prints to stdout)
//
// Values are typed from PostgreSQL's types: integers Int, numeric Int when
// integral else Float, floats Float, booleans Bool, NULL None, the rest text.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jinja/value.h"

namespace mrun::parse {

/// A table of `column_names` and `rows` (each row one value per column).
jinja::Value agate_table(std::vector<std::string> column_names, std::vector<std::vector<jinja::Value>> rows);

/// The table of a query's result.
jinja::Value agate_table(const pqxx::result& result);

/// `field` as a template value, typed from its PostgreSQL type.
jinja::Value field_value(const pqxx::field& field);

/// The rows of a table made by agate_table as a list of tuples (dbt's
/// load_result(...)['data']); an empty list for any other value.
jinja::Value table_data(const jinja::Value& table);

}  // namespace mrun::parse
