// A config value: what a node config, a test argument or a project var holds
// once its YAML is read (project/yaml_config_value.h converts at the parse
// boundary), so that the manifest and the modules after project/ never see
// YAML nodes.
//
// A value is null, a bool, an integer, a float, a string, a list, or a map
// whose entries keep the order they were written in. A scalar keeps its text
// as written beside its type: dbt settings compare text (`enabled: yes`,
// `alias: 01`), while templates and manifest.json see the type (true, "01").
// A value read from a file knows where it was written, for errors.
//
// Values are immutable and share their contents: a copy is one reference
// count, so merging one folder config into 10,000 nodes copies no trees.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.h"

namespace mrun::project {

/// Where a config value was written: the file (shared by every value read
/// from it) and the 1-based line and column. No file: made in code.
struct ConfigValuePosition {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;
};

class ConfigValue {
 public:
  enum class Kind { Null, Bool, Integer, Float, String, List, Map };
  /// One entry of a map: key and value.
  using Entry = std::pair<std::string, ConfigValue>;

  using Position = ConfigValuePosition;

  /// Null, written nowhere.
  ConfigValue() = default;

  static ConfigValue null(Position at = {});
  /// A plain (unquoted) scalar: typed as YAML 1.1 reads `text`
  /// (project/plain_scalar.h), so "yes" is a bool, "12" an integer, "01"
  /// and "ref('x')" strings, "~" and "" null.
  static ConfigValue plain(std::string text, Position at = {});
  /// A string, whatever it spells (a quoted scalar).
  static ConfigValue string(std::string text, Position at = {});
  static ConfigValue boolean(bool value, Position at = {});
  static ConfigValue integer(int64_t value, Position at = {});
  static ConfigValue list(std::vector<ConfigValue> items, Position at = {});
  /// A map of `entries` in the order given; a key given again keeps its
  /// first place and takes the later value (as a dict update does).
  static ConfigValue map(std::vector<Entry> entries, Position at = {});

  Kind kind() const;
  bool is_null() const { return kind() == Kind::Null; }
  /// A bool, integer, float or string (null is not a scalar).
  bool is_scalar() const;
  bool is_list() const { return kind() == Kind::List; }
  bool is_map() const { return kind() == Kind::Map; }

  /// A scalar's text as written ("yes", "01", "2.50"); "" for null, lists and maps.
  const std::string& text() const;
  /// A Bool's value (false for other kinds).
  bool as_bool() const;
  /// An Integer's value (0 for other kinds).
  int64_t as_integer() const;
  /// A Float's value, or an Integer's as a double (0 for other kinds).
  double as_double() const;

  /// A list's items (none for other kinds).
  const std::vector<ConfigValue>& items() const;
  /// A map's entries in written order (none for other kinds).
  const std::vector<Entry>& entries() const;
  /// The value of `key` in a map; nullptr when absent or not a map. A key
  /// written with a null value (`key: ~`) is found: null differs from missing.
  const ConfigValue* find(std::string_view key) const;
  /// The value of `key`, or null when absent or not a map.
  ConfigValue operator[](std::string_view key) const;

  /// A copy of this map (an empty one when this is not a map) with `key` set
  /// to `value`: in its place when present, else appended.
  ConfigValue with(const std::string& key, ConfigValue value) const;

  /// file:line:col where the value was written; an empty file when made in code.
  SourceLocation where() const;

 private:
  struct Data;
  explicit ConfigValue(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  static ConfigValue make(Data data, Position at);

  std::shared_ptr<const Data> data_;  // nullptr: null, written nowhere
};

}  // namespace mrun::project
