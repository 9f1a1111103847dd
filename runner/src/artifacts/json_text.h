// Writing large JSON documents as text, piece by piece: the artifacts of a
// 30,000-node project were slow to build as one nlohmann tree (and to free),
// so each node's entry is built and dumped on its own, on every core.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace mrun::artifacts {

/// `value` as compact JSON; invalid UTF-8 is replaced, never an error.
std::string json_text(const nlohmann::ordered_json& value);

/// A JSON object written member by member into a string.
class JsonObjectWriter {
 public:
  /// Starts the object at the end of `out`.
  explicit JsonObjectWriter(std::string& out);
  /// Adds `"key": value_text`; `value_text` must be JSON already.
  void member(const std::string& key, const std::string& value_text);
  /// Starts member `key` and returns the text to append its value to (JSON
  /// already, complete before the next call): a large value is written in
  /// place rather than built apart and copied.
  std::string& value_of(const std::string& key);
  /// Ends the object.
  void close();

 private:
  std::string& out_;
  bool first_ = true;
};

/// The JSON texts of item(0) .. item(count - 1), made on every core, in
/// index order. `item` must not throw.
std::vector<std::string> json_texts_in_parallel(size_t count,
                                                const std::function<nlohmann::ordered_json(size_t)>& item);

}  // namespace mrun::artifacts
