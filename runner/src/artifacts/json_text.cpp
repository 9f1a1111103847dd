#include "artifacts/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "util/parallel.h"

namespace mrun::artifacts {

std::string json_text(const nlohmann::ordered_json& value) {
  // Dumped into a buffer each thread keeps, then copied at its size: a
  // string grown by doubling from empty copied each node's text five times
  // or more, into fresh memory each time.
  thread_local std::string buffer;
  buffer.clear();
  nlohmann::detail::serializer<nlohmann::ordered_json> serializer(
      nlohmann::detail::output_adapter<char>(buffer), ' ', nlohmann::ordered_json::error_handler_t::replace);
  serializer.dump(value, false, false, 0);
  std::string text = buffer;
  if (buffer.capacity() > (1 << 20)) std::string().swap(buffer);  // a large document's memory is not kept
  return text;
}

namespace {

// The length of the well-formed UTF-8 sequence (Unicode's table 3-7) that
// starts at text[i] with a byte >= 0x80, or 0 when it is not one.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  auto continuation = [](unsigned b, unsigned low = 0x80, unsigned high = 0xBF) { return b >= low && b <= high; };
  unsigned lead = byte(i);
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(byte(i + 1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(byte(i + 1), low, high) && continuation(byte(i + 2)) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(byte(i + 1), low, high) && continuation(byte(i + 2)) && continuation(byte(i + 3)) ? 4 : 0;
  }
  return 0;
}

// Whether a byte is copied as it is: printable ASCII but '"' and '\\'.
bool plain_byte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// Whether all 8 bytes of `w` are plain_byte (no byte >= 0x80, < 0x20, '"'
// or '\\'): compiled SQL is long runs of them, tested a word at a time.
bool plain_word(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero_byte = [](uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  auto has_byte_below_0x20 = [](uint64_t x) { return ((x - kOnes * 0x20) & ~x & kHigh) != 0; };
  return (w & kHigh) == 0 && !has_byte_below_0x20(w) && !has_zero_byte(w ^ (kOnes * '"')) &&
         !has_zero_byte(w ^ (kOnes * '\\'));
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static const char* const kHex = "0123456789abcdef";
  const size_t start = out.size();
  out += '"';
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (plain_word(word)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (plain_byte(c)) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        // Invalid UTF-8: nlohmann's replacement rules, exactly.
        out.resize(start);
        out += json_text(nlohmann::ordered_json(std::string(text)));
        return;
      }
      i += length;
      continue;
    }
    out.append(text.data() + plain, i - plain);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    plain = ++i;
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

JsonWriter::JsonWriter(std::string& out) : out_(out) {}

JsonWriter::JsonWriter(std::string& out, bool nested) : out_(out) {
  if (nested) first_.push_back(true);
}

JsonWriter JsonWriter::members_of(std::string& out) { return JsonWriter(out, true); }

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
  } else if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
}

void JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
}

void JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::string_or_null(std::string_view text) {
  if (text.empty()) {
    null();
  } else {
    string(text);
  }
}

void JsonWriter::integer(int64_t value) {
  before_value();
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, result.ptr);
}

void JsonWriter::number(double value) {
  before_value();
  append_json_number(out_, value);
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
}

void JsonWriter::splice(std::string_view members) {
  if (members.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  out_ += members;
  constexpr size_t kSendBytes = 1 << 20;
  if (file_ && out_.size() >= kSendBytes) finish();
}

void JsonWriter::send_to(AtomicFile& file) { file_ = &file; }

void JsonWriter::finish() {
  file_->append(out_);
  out_.clear();
}

void write_members_in_parallel(JsonWriter& into, size_t count,
                               const std::function<void(size_t, JsonWriter&)>& member) {
  // Chunks of members, each written by one thread into its own string, then
  // joined in order; a group of chunks at a time, so that the memory of one
  // group's texts serves the next (fresh pages cost a fault and zeroing
  // each: the texts of a whole manifest are 45 MB).
  constexpr size_t kChunk = 64, kGroup = 64;
  std::vector<std::string> chunks(kGroup);
  for (size_t first = 0; first < count; first += kChunk * kGroup) {
    size_t in_group = std::min(kGroup, (count - first + kChunk - 1) / kChunk);
    run_in_parallel(in_group, [&](size_t c) {
      chunks[c].clear();
      JsonWriter writer = JsonWriter::members_of(chunks[c]);
      size_t begin = first + c * kChunk;
      for (size_t k = begin; k < std::min(count, begin + kChunk); ++k) member(k, writer);
    });
    for (size_t c = 0; c < in_group; ++c) into.splice(chunks[c]);
  }
}

}  // namespace mrun::artifacts
