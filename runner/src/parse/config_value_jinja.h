// Config values (vars, configs, test arguments: project/config_value.h) as
// template values, and template values as configs (`config(...)` in a model).
#pragma once

#include "jinja/value.h"
#include "project/config_value.h"

namespace mrun::parse {

/// `value` as a template value: maps become dicts (in order), lists lists,
/// scalars their type (ints, floats, bools, None, strings: `yes` is True,
/// `'yes'` and `01` strings).
jinja::Value template_value(const project::ConfigValue& value);

/// A template value as a config value. None and undefined are null, dicts
/// maps, lists lists; scalars are spelled as plain YAML and read back as
/// such, as configs set by config() always were: True is true, 5 is 5,
/// 1.0 is the integer 1 (numbers are spelled with 17 significant digits),
/// and the string "12" the integer 12, while "ref('x')" stays a string.
project::ConfigValue config_value(const jinja::Value& value);

}  // namespace mrun::parse
