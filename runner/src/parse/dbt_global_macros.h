// dbt's global macros for PostgreSQL, written for mrun from dbt's documented
// behaviour, in the `dbt` namespace beside the builtin macros
// (parse/builtin_macros.h): each is `X(args)` dispatching through
// adapter.dispatch('X', 'dbt') to `postgres__X` or `default__X`, so a project
// or package overrides them as in dbt.
// - types: type_string, type_int, type_bigint, type_numeric, type_float,
//   type_timestamp, type_boolean
// - cross-database: date_trunc, dateadd, datediff, concat, hash, safe_cast,
//   split_part, listagg, any_value, bool_or, cast_bool_to_text, except,
//   intersect, escape_single_quotes, string_literal, current_timestamp,
//   last_day, position, length, replace, right, array_construct,
//   array_append, array_concat, generate_series, get_powers_of_two,
//   get_intervals_between, date_spine
// - materialization-facing: should_store_failures, should_full_refresh,
//   load_relation, load_cached_relation, make_temp_relation,
//   make_intermediate_relation, make_backup_relation, get_columns_in_query
//   (is_incremental is a C++ function: parse/dbt_context.cpp)
#pragma once

namespace mrun::parse {

/// The source of the global macros template.
const char* dbt_global_macros_source();

}  // namespace mrun::parse
