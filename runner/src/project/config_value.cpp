#include "project/config_value.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "project/plain_scalar.h"

namespace mrun::project {

struct ConfigValue::Data {
  Kind kind = Kind::Null;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string text;
  std::vector<ConfigValue> items;
  std::vector<Entry> entries;
  Position at;
};

namespace {

const std::string kNoText;
const std::vector<ConfigValue> kNoItems;
const std::vector<ConfigValue::Entry> kNoEntries;

bool has_repeated_keys(const std::vector<ConfigValue::Entry>& entries) {
  if (entries.size() <= 8) {
    for (size_t i = 0; i < entries.size(); ++i)
      for (size_t j = i + 1; j < entries.size(); ++j)
        if (entries[i].first == entries[j].first) return true;
    return false;
  }
  std::unordered_set<std::string_view> seen;
  seen.reserve(entries.size());
  for (const auto& entry : entries)
    if (!seen.insert(entry.first).second) return true;
  return false;
}

// `entries` with each key once, in the place it was first given, with the
// value it was last given. Maps read from YAML have distinct keys already
// (the parser refuses a key given twice), so the common case is one check.
std::vector<ConfigValue::Entry> without_repeated_keys(std::vector<ConfigValue::Entry> entries) {
  if (!has_repeated_keys(entries)) return entries;
  std::vector<ConfigValue::Entry> out;
  out.reserve(entries.size());  // no reallocation: the index keeps views of out's keys
  std::unordered_map<std::string_view, size_t> place;
  for (auto& entry : entries) {
    auto it = place.find(entry.first);
    if (it == place.end()) {
      out.push_back(std::move(entry));
      place.emplace(out.back().first, out.size() - 1);
    } else {
      out[it->second].second = std::move(entry.second);
    }
  }
  return out;
}

}  // namespace

ConfigValue ConfigValue::make(Data data, Position at) {
  data.at = std::move(at);
  return ConfigValue(std::make_shared<const Data>(std::move(data)));
}

ConfigValue ConfigValue::null(Position at) {
  if (!at.file) return ConfigValue();
  return make(Data{}, std::move(at));
}

ConfigValue ConfigValue::plain(std::string text, Position at) {
  Data d;
  std::visit(
      [&d](auto&& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          d.kind = Kind::Bool;
          d.boolean = v;
        } else if constexpr (std::is_same_v<T, int64_t>) {
          d.kind = Kind::Integer;
          d.integer = v;
        } else if constexpr (std::is_same_v<T, double>) {
          d.kind = Kind::Float;
          d.number = v;
        } else if constexpr (std::is_same_v<T, std::string>) {
          d.kind = Kind::String;
        }
      },
      read_plain_scalar(text));
  // A null keeps no text: "~" and "" are the same null.
  if (d.kind != Kind::Null) d.text = std::move(text);
  return make(std::move(d), std::move(at));
}

ConfigValue ConfigValue::string(std::string text, Position at) {
  Data d;
  d.kind = Kind::String;
  d.text = std::move(text);
  return make(std::move(d), std::move(at));
}

ConfigValue ConfigValue::boolean(bool value, Position at) {
  Data d;
  d.kind = Kind::Bool;
  d.boolean = value;
  d.text = value ? "true" : "false";
  return make(std::move(d), std::move(at));
}

ConfigValue ConfigValue::integer(int64_t value, Position at) {
  Data d;
  d.kind = Kind::Integer;
  d.integer = value;
  d.text = std::to_string(value);
  return make(std::move(d), std::move(at));
}

// An empty list or map written nowhere is one shared value (values never
// change): a project of 10,000 models asks for 60,000 of them (a test
// without arguments, a column without constraints), each a fresh allocation.
ConfigValue ConfigValue::list(std::vector<ConfigValue> items, Position at) {
  Data d;
  d.kind = Kind::List;
  if (items.empty() && !at.file) {
    static const ConfigValue kEmpty = make(std::move(d), {});
    return kEmpty;
  }
  d.items = std::move(items);
  return make(std::move(d), std::move(at));
}

ConfigValue ConfigValue::map(std::vector<Entry> entries, Position at) {
  Data d;
  d.kind = Kind::Map;
  if (entries.empty() && !at.file) {
    static const ConfigValue kEmpty = make(std::move(d), {});
    return kEmpty;
  }
  d.entries = without_repeated_keys(std::move(entries));
  return make(std::move(d), std::move(at));
}

ConfigValue::Kind ConfigValue::kind() const { return data_ ? data_->kind : Kind::Null; }

bool ConfigValue::is_scalar() const {
  Kind k = kind();
  return k == Kind::Bool || k == Kind::Integer || k == Kind::Float || k == Kind::String;
}

const std::string& ConfigValue::text() const { return data_ ? data_->text : kNoText; }

bool ConfigValue::as_bool() const { return data_ && data_->kind == Kind::Bool && data_->boolean; }

int64_t ConfigValue::as_integer() const { return data_ && data_->kind == Kind::Integer ? data_->integer : 0; }

double ConfigValue::as_double() const {
  if (!data_) return 0;
  if (data_->kind == Kind::Float) return data_->number;
  return data_->kind == Kind::Integer ? static_cast<double>(data_->integer) : 0;
}

const std::vector<ConfigValue>& ConfigValue::items() const { return data_ ? data_->items : kNoItems; }

const std::vector<ConfigValue::Entry>& ConfigValue::entries() const { return data_ ? data_->entries : kNoEntries; }

const ConfigValue* ConfigValue::find(std::string_view key) const {
  for (const auto& [name, value] : entries())
    if (name == key) return &value;
  return nullptr;
}

ConfigValue ConfigValue::operator[](std::string_view key) const {
  const ConfigValue* value = find(key);
  return value ? *value : ConfigValue();
}

ConfigValue ConfigValue::with(const std::string& key, ConfigValue value) const {
  std::vector<Entry> copy = entries();
  auto it = std::find_if(copy.begin(), copy.end(), [&key](const Entry& e) { return e.first == key; });
  if (it == copy.end()) {
    copy.emplace_back(key, std::move(value));
  } else {
    it->second = std::move(value);
  }
  return map(std::move(copy), data_ ? data_->at : Position{});
}

SourceLocation ConfigValue::where() const {
  if (!data_ || !data_->at.file) return SourceLocation{};
  return SourceLocation{*data_->at.file, data_->at.line, data_->at.column};
}

}  // namespace mrun::project
