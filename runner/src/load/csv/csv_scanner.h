// A streaming RFC 4180 CSV scanner over a ByteStream.
//
// Reads the stream in large chunks and hands out one record at a time as
// string_views into its own buffer (no allocation per field). Handles quoted
// fields with embedded newlines and doubled quotes, LF / CRLF / CR line ends,
// a leading UTF-8 BOM, and records far longer than one chunk. A malformed
// record (unterminated quote, junk after a closing quote, invalid UTF-8, a NUL
// byte) is returned with `error` set, naming line and column; scanning goes on
// with the next record. Blank lines are skipped (they are not records).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/dataset.h"

namespace mrun::load {

/// One record as scanned. Views stay valid until the next call to next().
struct CsvRecord {
  int64_t line = 0;                      ///< 1-based source line where the record starts
  std::vector<std::string_view> fields;  ///< field contents, quotes removed and "" undoubled
  std::vector<char> quoted;              ///< 1 when the field was written in quotes (so "" is not NULL)
  std::string_view raw;                  ///< the record's bytes as in the file, without the line end
  std::string error;                     ///< empty for a good record, else why it is malformed
};

/// Scans CSV records from a byte stream.
class CsvScanner {
 public:
  /// Scans `in`, reading `chunk_size` bytes at a time. A record longer than
  /// `max_record` bytes is rejected (it is usually an unterminated quote).
  explicit CsvScanner(ByteStream& in, size_t chunk_size = size_t{4} << 20,
                      size_t max_record = size_t{64} << 20);

  /// Fills `record` with the next record; returns false at the end of the
  /// stream. Malformed input never throws: the record comes back with
  /// `error` set. Throws only what the ByteStream throws.
  bool next(CsvRecord& record);

  /// Bytes consumed from the stream so far (for progress).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  // PlainRecord: scanned by scan_unquoted, fields already in the record.
  enum class Scan { Record, PlainRecord, Blank, NeedMore, Unterminated };
  struct FieldSpan {
    size_t begin, end;  // offsets into buffer_
    bool quoted, doubled_quotes;
  };

  Scan scan(CsvRecord& record);
  /// The fast path of scan() for the common record: no quotes, on one line,
  /// its line end in the buffer. Finds delimiters 16 bytes at a time (SSE2)
  /// and skips the UTF-8 check when every byte is ASCII; fills the record's
  /// fields itself. False (nothing consumed) when the general scan must
  /// handle the record.
  bool scan_unquoted(CsvRecord& record);
  bool fill();
  void reject_first_line(CsvRecord& record, const std::string& why);
  void finish_fields(CsvRecord& record);

  ByteStream& in_;
  size_t chunk_size_;
  size_t max_record_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t pos_ = 0;  // start of unconsumed data
  size_t end_ = 0;  // end of valid data
  bool eof_ = false;
  bool started_ = false;  // BOM check done
  bool skip_rest_of_line_ = false;  // after rejecting an over-long line
  int64_t line_ = 1;      // line number at pos_
  uint64_t bytes_read_ = 0;
  std::vector<FieldSpan> spans_;
  std::string unquoted_;  // undoubled copies of fields that contained ""
  // Where the last scan stopped inside an open quote (for the error message).
  int64_t open_quote_line_ = 0;
  size_t open_quote_column_ = 0;
};

/// Offset of the first byte of `text` that is not valid UTF-8 (or is a NUL
/// byte, which PostgreSQL text cannot hold); npos when all of it is valid.
size_t find_invalid_utf8(std::string_view text);

/// `text` with every invalid UTF-8 sequence and NUL byte replaced by U+FFFD,
/// so it can be stored as PostgreSQL text.
std::string sanitize_utf8(std::string_view text);

}  // namespace mrun::load
