#include "load/csv/csv_scanner.h"

#include <algorithm>
#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mrun::load {

namespace {

// Bytes that end an unquoted field: the delimiter and the line ends.
constexpr std::array<bool, 256> kFieldEnd = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  return t;
}();

bool all_ascii_no_nul(std::string_view s) {
  // Eight bytes at a time: no high bit set and (checked below) no NUL.
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) return false;
    if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) return false;  // has a zero byte
  }
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0 || c >= 0x80) return false;
  }
  return true;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto at = [&](size_t k) -> unsigned { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0x100u; };
  unsigned c = at(i);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return (at(k) & 0xC0u) == 0x80u && at(k) < 0x100u; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned c1 = at(i + 1);
    if (c == 0xE0 && (c1 < 0xA0 || c1 > 0xBF)) return 0;  // overlong
    if (c == 0xED && (c1 < 0x80 || c1 > 0x9F)) return 0;  // surrogates
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned c1 = at(i + 1);
    if (c == 0xF0 && (c1 < 0x90 || c1 > 0xBF)) return 0;  // overlong
    if (c == 0xF4 && (c1 < 0x80 || c1 > 0x8F)) return 0;  // above U+10FFFF
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// 1-based line (relative to the record start) and column of offset `at` in `text`.
std::pair<int64_t, size_t> line_and_column(std::string_view text, size_t at) {
  int64_t line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, at - line_start + 1};
}

// Sets the record's error when its bytes are not valid UTF-8 or hold a NUL,
// naming the line and column of the first bad byte.
void check_utf8(CsvRecord& record) {
  size_t bad = find_invalid_utf8(record.raw);
  if (bad == std::string_view::npos) return;
  auto [dl, col] = line_and_column(record.raw, bad);
  std::string what = record.raw[bad] == '\0' ? "NUL byte" : "invalid UTF-8";
  record.error = what + " at line " + std::to_string(record.line + dl) + " column " + std::to_string(col);
}

}  // namespace

size_t find_invalid_utf8(std::string_view text) {
  if (all_ascii_no_nul(text)) return std::string_view::npos;
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.data() + i, n);
      i += n;
    }
  }
  return out;
}

CsvScanner::CsvScanner(ByteStream& in, size_t chunk_size, size_t max_record)
    : in_(in), chunk_size_(std::max<size_t>(chunk_size, 16)), max_record_(std::max<size_t>(max_record, 16)) {
  capacity_ = chunk_size_ * 2;
  buffer_.reset(new char[capacity_]);
}

bool CsvScanner::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // keep the unconsumed tail at the front
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (capacity_ - end_ < chunk_size_) {  // a record longer than the buffer: grow
    size_t capacity = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[capacity]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
  }
  size_t n = in_.read(buffer_.get() + end_, capacity_ - end_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  bytes_read_ += n;
  return true;
}

CsvScanner::Scan CsvScanner::scan(CsvRecord& record) {
  const char* data = buffer_.get();
  const char* p = data + pos_;
  const char* end = data + end_;
  const char* const start = p;
  if (*p == '\n' || *p == '\r') {  // a blank line is not a record
    if (*p == '\r' && p + 1 == end && !eof_) return Scan::NeedMore;
    pos_ += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
    ++line_;
    return Scan::Blank;
  }
  spans_.clear();
  record.error.clear();
  if (scan_unquoted(record)) return Scan::PlainRecord;
  int64_t lines = 0;              // newlines inside quoted fields so far
  const char* line_start = start;  // start of the current physical line (for columns)
  auto fail = [&](const char* at, const std::string& what) {
    if (record.error.empty())
      record.error = what + " at line " + std::to_string(line_ + lines) + " column " +
                     std::to_string(at - line_start + 1);
  };
  for (;;) {
    FieldSpan f{static_cast<size_t>(p - data), 0, false, false};
    if (p < end && *p == '"') {
      f.quoted = true;
      open_quote_line_ = line_ + lines;
      open_quote_column_ = static_cast<size_t>(p - line_start + 1);
      ++p;
      f.begin = static_cast<size_t>(p - data);
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
        if (!q) return eof_ ? Scan::Unterminated : Scan::NeedMore;
        if (const char* nl = static_cast<const char*>(std::memchr(p, '\n', q - p))) {
          lines += std::count(nl, q, '\n');
          const char* last = q - 1;
          while (*last != '\n') --last;
          line_start = last + 1;
        }
        if (q + 1 == end && !eof_) return Scan::NeedMore;
        if (q + 1 < end && q[1] == '"') {
          f.doubled_quotes = true;
          p = q + 2;
          continue;
        }
        f.end = static_cast<size_t>(q - data);
        p = q + 1;
        break;
      }
      if (p < end && !kFieldEnd[static_cast<unsigned char>(*p)]) {
        fail(p, "junk after closing quote");
        while (p < end && !kFieldEnd[static_cast<unsigned char>(*p)]) ++p;
        f.end = static_cast<size_t>(p - data);
      }
    } else {
      // A quote inside an unquoted field is kept as text (as Python's csv does).
      while (p < end && !kFieldEnd[static_cast<unsigned char>(*p)]) ++p;
      f.end = static_cast<size_t>(p - data);
    }
    if (p == end) {
      if (!eof_) return Scan::NeedMore;
      spans_.push_back(f);  // the last record has no line end
      record.raw = std::string_view(start, p - start);
      pos_ = end_;
      break;
    }
    spans_.push_back(f);
    if (*p == ',') {
      ++p;
      continue;
    }
    record.raw = std::string_view(start, p - start);
    if (*p == '\r') {
      if (p + 1 == end && !eof_) return Scan::NeedMore;
      p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
    } else {
      ++p;
    }
    pos_ = static_cast<size_t>(p - data);
    break;
  }
  record.line = line_;
  line_ += lines + 1;
  check_utf8(record);
  return Scan::Record;
}

bool CsvScanner::scan_unquoted(CsvRecord& record) {
#if defined(__SSE2__)
  const char* data = buffer_.get();
  const char* start = data + pos_;
  const char* end = data + end_;
  const char* field = start;
  record.fields.clear();
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                quote = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
  unsigned unusual = 0;  // bytes that are not ASCII, or NUL: the record needs the UTF-8 check
  for (const char* block = start; block + 16 <= end; block += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    unsigned stops = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)))));
    unsigned odd = static_cast<unsigned>(_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
    for (; stops != 0; stops &= stops - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(stops));
      const char* at = block + bit;
      if (*at == '"' || (*at == '\r' && at + 1 == end)) break;  // the general scan decides
      record.fields.emplace_back(field, static_cast<size_t>(at - field));
      if (*at == ',') {
        field = at + 1;
        continue;
      }
      record.quoted.assign(record.fields.size(), 0);
      record.raw = std::string_view(start, at - start);
      record.line = line_;
      ++line_;
      pos_ = static_cast<size_t>(at + (*at == '\r' && at[1] == '\n' ? 2 : 1) - data);
      if ((unusual | (odd & ((1u << bit) - 1))) != 0) check_utf8(record);
      return true;
    }
    if (stops != 0) break;
    unusual |= odd;
  }
#else
  (void)record;
#endif
  return false;
}

void CsvScanner::finish_fields(CsvRecord& record) {
  const char* data = buffer_.get();
  unquoted_.clear();
  unquoted_.reserve(record.raw.size());  // never reallocates below: views stay valid
  record.fields.resize(spans_.size());
  record.quoted.resize(spans_.size());
  for (size_t i = 0; i < spans_.size(); ++i) {
    const FieldSpan& f = spans_[i];
    record.quoted[i] = f.quoted;
    if (!f.doubled_quotes) {
      record.fields[i] = std::string_view(data + f.begin, f.end - f.begin);
      continue;
    }
    size_t from = unquoted_.size();
    for (size_t k = f.begin; k < f.end; ++k) {
      unquoted_.push_back(data[k]);
      if (data[k] == '"' && k + 1 < f.end && data[k + 1] == '"') ++k;
    }
    record.fields[i] = std::string_view(unquoted_.data() + from, unquoted_.size() - from);
  }
}

void CsvScanner::reject_first_line(CsvRecord& record, const std::string& why) {
  // Resynchronize: only the first physical line is rejected, scanning goes on after it.
  const char* data = buffer_.get();
  const char* start = data + pos_;
  const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
  const char* stop = nl ? nl : data + end_;
  const char* raw_end = (stop > start && stop[-1] == '\r') ? stop - 1 : stop;
  record.line = line_;
  record.raw = std::string_view(start, raw_end - start);
  record.error = why;
  record.fields.clear();
  record.quoted.clear();
  pos_ = nl ? static_cast<size_t>(nl + 1 - data) : end_;
  skip_rest_of_line_ = nl == nullptr;  // the line goes on beyond the buffer: drop the rest
  ++line_;
}

bool CsvScanner::next(CsvRecord& record) {
  if (!started_) {
    started_ = true;
    while (end_ < 3 && fill()) {
    }
    if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  while (skip_rest_of_line_) {
    if (pos_ == end_ && !fill()) return false;
    const char* start = buffer_.get() + pos_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    pos_ = nl ? static_cast<size_t>(nl + 1 - buffer_.get()) : end_;
    skip_rest_of_line_ = nl == nullptr;
  }
  for (;;) {
    if (pos_ == end_ && !fill()) return false;
    switch (scan(record)) {
      case Scan::Record:
        finish_fields(record);
        return true;
      case Scan::PlainRecord:
        return true;
      case Scan::Blank:
        continue;
      case Scan::Unterminated:
        reject_first_line(record, "unterminated quoted field opened at line " + std::to_string(open_quote_line_) +
                                      " column " + std::to_string(open_quote_column_));
        return true;
      case Scan::NeedMore:
        if (end_ - pos_ >= max_record_) {
          reject_first_line(record, "record longer than " + std::to_string(max_record_) +
                                        " bytes (unterminated quoted field opened at line " +
                                        std::to_string(open_quote_line_) + " column " +
                                        std::to_string(open_quote_column_) + "?)");
          return true;
        }
        if (!fill()) continue;  // end of stream: scan again knowing it
        continue;
    }
  }
}

}  // namespace mrun::load
