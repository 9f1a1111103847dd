#include "jinja/py_bytes.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "jinja/operators.h"
#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

enum class Codec { utf8, ascii, latin1 };

const Value& require_str(const Value& v, const char* argument) {
  if (!v.is_string()) throw EvalError(std::string("argument '") + argument + "' must be str, not " + type_name(v));
  return v;
}

/// The codec Python's codecs.lookup finds for `name` (case, '-' and ' ' do not matter).
Codec codec_named(const Value& name) {
  require_str(name, "encoding");
  std::string key;
  for (char c : name.as_string()) key += c == '-' || c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view alias : {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"})
    if (key == alias) return Codec::utf8;
  for (std::string_view alias : {"ascii", "us_ascii", "646", "us", "ansi_x3.4_1968", "iso646_us", "cp367"})
    if (key == alias) return Codec::ascii;
  for (std::string_view alias : {"latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819", "iso_ir_100"})
    if (key == alias) return Codec::latin1;
  throw EvalError("unknown encoding: " + name.as_string() + " (mrun encodes and decodes utf-8, ascii and latin-1 only)");
}

std::string codec_name(Codec c) { return c == Codec::utf8 ? "utf-8" : c == Codec::ascii ? "ascii" : "latin-1"; }

std::string handler_named(const Value& errors, bool encoding) {
  const std::string& h = errors.as_string();
  if (h == "strict" || h == "ignore" || h == "replace") return h;
  if (encoding && (h == "backslashreplace" || h == "xmlcharrefreplace")) return h;
  throw EvalError("unknown error handler name '" + h + "' (mrun's " + (encoding ? "encode" : "decode") +
                  " knows strict, ignore, replace" + (encoding ? ", backslashreplace, xmlcharrefreplace" : "") + ")");
}

std::string hex2(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02x", v);
  return buf;
}

/// Python's backslash escape of a code point: \xhh, \uhhhh or \Uhhhhhhhh.
std::string backslash_escaped(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", cp);
  return buf;
}

/// A code point the codec cannot encode, under `handler` (not strict).
void append_unencodable(std::string& out, uint32_t cp, const std::string& handler) {
  if (handler == "replace") out += '?';
  else if (handler == "xmlcharrefreplace") out += "&#" + std::to_string(cp) + ";";
  else if (handler == "backslashreplace") out += backslash_escaped(cp);
}

/// The length of the well-formed UTF-8 sequence at s[i], or of the maximal
/// prefix of one (at least 1) with `valid` false: what Python replaces by one U+FFFD.
size_t utf8_sequence(std::string_view s, size_t i, bool& valid) {
  auto b = static_cast<unsigned char>(s[i]);
  valid = b < 0x80;
  if (valid) return 1;
  size_t need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (need == 0) return 1;
  unsigned lo = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80, hi = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
  size_t n = 1;
  while (n < need && i + n < s.size()) {
    auto c = static_cast<unsigned char>(s[i + n]);
    if (c < (n == 1 ? lo : 0x80) || c > (n == 1 ? hi : 0xbf)) break;
    ++n;
  }
  valid = n == need;
  return n;
}

Value decode(const std::string& data, CallArgs& args) {
  args.check("decode", {"encoding", "errors"});
  Codec codec = codec_named(args.get(0, "encoding", Value("utf-8")));
  Value errors = require_str(args.get(1, "errors", Value("strict")), "errors");
  std::string out;
  for (size_t i = 0; i < data.size();) {
    auto b = static_cast<unsigned char>(data[i]);
    size_t n = 1;
    bool valid = true;
    if (codec == Codec::utf8) n = utf8_sequence(data, i, valid);
    else if (codec == Codec::ascii) valid = b < 0x80;
    if (valid) {
      if (codec == Codec::latin1) append_utf8(out, b);
      else out.append(data, i, n);
      i += n;
      continue;
    }
    std::string handler = handler_named(errors, false);
    if (handler == "strict") {
      throw EvalError("'" + codec_name(codec) + "' codec can't decode byte 0x" + hex2(b) + " in position " +
                      std::to_string(i) + (codec == Codec::ascii ? ": ordinal not in range(128)" : ": invalid utf-8"));
    } else if (handler == "replace") {
      out += "\xef\xbf\xbd";
    }
    i += n;
  }
  return Value(std::move(out));
}

}  // namespace

Value PyBytes::attribute(std::string_view name) const {
  std::string data = data_;
  if (name == "decode") return Value::function("decode", [data](CallArgs& a) { return decode(data, a); });
  if (name == "hex")
    return Value::function("hex", [data](CallArgs& a) {
      a.check("hex", {});
      std::string out;
      for (char c : data) out += hex2(static_cast<unsigned char>(c));
      return Value(out);
    });
  return Value::undefined("'bytes object' has no attribute '" + std::string(name) + "'");
}

/// Python's repr of bytes: b'...' (b"..." when only ' occurs); tab, newline,
/// carriage return, quote and backslash escaped, other bytes that are not
/// printable ASCII as \xhh.
std::string PyBytes::str() const {
  char quote = data_.find('\'') != std::string::npos && data_.find('"') == std::string::npos ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (char c : data_) {
    auto b = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') out += '\\', out += c;
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + hex2(b);
    else out += c;
  }
  return out + quote;
}

Value PyBytes::item(const Value& key) const {
  // Jinja2's subscript: what Python's [] refuses is undefined.
  if (!key.is_int() && !key.is_bool()) return Value::undefined("byte indices must be integers or slices, not " + type_name(key));
  int64_t size = static_cast<int64_t>(data_.size()), i = key.as_int();
  if (i < 0) i += size;
  if (i < 0 || i >= size) return Value::undefined("index out of range");
  return Value(static_cast<int64_t>(static_cast<unsigned char>(data_[static_cast<size_t>(i)])));
}

std::vector<Value> PyBytes::iterate() {
  std::vector<Value> out;
  for (char c : data_) out.emplace_back(static_cast<int64_t>(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int64_t> PyBytes::length() const { return static_cast<int64_t>(data_.size()); }

bool PyBytes::equals(const Object& other) const {
  const auto* bytes = dynamic_cast<const PyBytes*>(&other);
  return bytes && bytes->data_ == data_;
}

bool PyBytes::truthy() const { return !data_.empty(); }

Value py_encode(std::string_view s, CallArgs& args) {
  args.check("encode", {"encoding", "errors"});
  Codec codec = codec_named(args.get(0, "encoding", Value("utf-8")));
  Value errors = require_str(args.get(1, "errors", Value("strict")), "errors");
  std::string out;
  size_t position = 0;
  for (size_t i = 0; i < s.size(); ++position) {
    size_t start = i;
    uint32_t cp = utf8_next(s, i);
    bool surrogate = cp >= 0xd800 && cp <= 0xdfff;
    uint32_t limit = codec == Codec::utf8 ? 0x110000 : codec == Codec::ascii ? 0x80 : 0x100;
    if (cp < limit && !surrogate) {
      if (codec == Codec::utf8) out.append(s.substr(start, i - start));
      else out += static_cast<char>(cp);
      continue;
    }
    std::string handler = handler_named(errors, true);
    if (handler == "strict") {
      throw EvalError("'" + codec_name(codec) + "' codec can't encode character '" + backslash_escaped(cp) + "' in position " +
                      std::to_string(position) + ": " +
                      (surrogate ? "surrogates not allowed" : "ordinal not in range(" + std::to_string(limit) + ")"));
    }
    append_unencodable(out, cp, handler);
  }
  return Value::object(std::make_shared<PyBytes>(std::move(out)));
}

}  // namespace mrun::jinja
