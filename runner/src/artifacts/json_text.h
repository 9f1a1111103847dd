// Writing JSON as text. The large artifacts (manifest.json, run_results.json:
// 60 MB for a 30,000-node project) are written straight into their string
// by JsonWriter, without building a tree of values first: building and
// freeing nlohmann trees was a third of `mrun compile`'s CPU. Smaller
// documents are built as nlohmann values and written by json_text. Both
// write the same bytes for the same value: compact, UTF-8 kept as is,
// invalid UTF-8 replaced by U+FFFD, numbers as nlohmann writes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/atomic_file.h"

namespace mrun::artifacts {

/// `value` as compact JSON; invalid UTF-8 is replaced, never an error.
std::string json_text(const nlohmann::ordered_json& value);

/// Appends `text` as a JSON string literal (quotes included), escaped as
/// json_text escapes it.
void append_json_string(std::string& out, std::string_view text);

/// Appends `value` as json_text writes a number (shortest round-trip form,
/// "1.0" for integral values; NaN and infinities as null).
void append_json_number(std::string& out, double value);

/// Writes one JSON value into a string, member by member: objects and
/// arrays are opened and closed, values written in order, commas placed by
/// the writer. Misuse (a value where a key is due, unbalanced ends) is not
/// checked: the callers are this module's writers.
class JsonWriter {
 public:
  /// Writes at the end of `out`.
  explicit JsonWriter(std::string& out);

  /// A writer of the members of an object (or the items of an array) that
  /// is open in another writer: what it writes is spliced into that one
  /// later (splice()). Lets the members of one object be written apart, on
  /// several threads.
  static JsonWriter members_of(std::string& out);

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next member's key (inside an object); its value follows.
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  /// "" as null, else a string.
  void string_or_null(std::string_view text);
  void integer(int64_t value);
  void number(double value);
  void boolean(bool value);
  void null();
  /// A value that is JSON text already.
  void raw(std::string_view json);
  /// Members (or items) written by a members_of() writer, into the object
  /// (array) open here; empty text adds nothing.
  void splice(std::string_view members);

  /// From now on, the text written is sent to `file` and cleared whenever
  /// more than a megabyte is held at the end of spliced members, and by
  /// finish(): a large document is never held whole.
  void send_to(AtomicFile& file);
  /// Sends what is still held to the file of send_to().
  void finish();

  /// The string written to.
  std::string& text() { return out_; }

 private:
  JsonWriter(std::string& out, bool nested);
  void before_value();

  std::string& out_;
  std::vector<bool> first_;  ///< per open object/array: nothing written in it yet
  bool after_key_ = false;
  AtomicFile* file_ = nullptr;  ///< see send_to()
};

/// Writes the members (or items) of the object (array) open in `into` on
/// every core: member(k, writer) writes member k (its key and value;
/// `writer` is a members_of() writer) for k in [0, count), in index order
/// in the result. `member` must not throw.
void write_members_in_parallel(JsonWriter& into, size_t count,
                               const std::function<void(size_t, JsonWriter&)>& member);

}  // namespace mrun::artifacts
