// Python's bytes, as far as templates meet them: what str.encode() gives.
// It prints as Python prints bytes (`{{ 'é'.encode('utf-8') }}` is
// b'\xc3\xa9', as in Jinja2), has a length (in bytes), iterates as
// integers, indexes to an integer (undefined out of range), compares by content, is false when empty
// and has `decode()` and `hex()`. Codecs: UTF-8, ASCII and Latin-1 (under
// their Python names and aliases); error handlers strict, ignore, replace,
// and for encoding backslashreplace and xmlcharrefreplace (looked up, as in
// Python, only when a character needs one). Other codecs and handlers are
// errors naming them.
#pragma once

#include <string>
#include <string_view>

#include "jinja/value.h"

namespace mrun::jinja {

class PyBytes : public Object {
 public:
  explicit PyBytes(std::string data) : data_(std::move(data)) {}
  const std::string& data() const { return data_; }

  Value attribute(std::string_view name) const override;
  std::string str() const override;
  Value item(const Value& key) const override;
  std::vector<Value> iterate() override;
  std::optional<int64_t> length() const override;
  bool equals(const Object& other) const override;
  bool truthy() const override;
  bool is_iterable() const override { return true; }

 private:
  std::string data_;
};

/// str.encode(encoding='utf-8', errors='strict') of `s` (UTF-8 text).
Value py_encode(std::string_view s, CallArgs& args);

}  // namespace mrun::jinja
