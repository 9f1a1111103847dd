// The Python helpers dbt's context gives templates beyond Jinja's:
// zip(), set() and try_set(), tojson()/fromjson(), toyaml()/fromyaml(),
// modules.re (parse/python_re.h), modules.itertools (chain, product,
// combinations, combinations_with_replacement, permutations, islice,
// zip_longest, returned as lists), modules.pytz.timezone(name), and
// exceptions.raise_not_implemented / raise_database_error beside
// raise_compiler_error and warn.
#pragma once

#include "jinja/environment.h"

namespace mrun::parse {

/// Adds the helpers to `env` (extending its `modules` and `exceptions`).
void install_python_helpers(jinja::Environment& env);

/// `value` as Python's json.dumps writes it ({"a": 1, "b": [true, null]});
/// `sort_keys` sorts dict keys.
std::string python_json(const jinja::Value& value, bool sort_keys);

/// `value` as PyYAML's safe_dump writes it (block style).
std::string python_yaml(const jinja::Value& value, bool sort_keys);

}  // namespace mrun::parse
