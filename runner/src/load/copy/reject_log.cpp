#include "load/copy/reject_log.h"

#include "load/csv/csv_scanner.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::load {

namespace {
constexpr size_t kFirstKept = 10;
}

RejectLog::RejectLog(std::string load_id, std::string file_name)
    : load_id_(std::move(load_id)), file_name_(std::move(file_name)) {}

RejectLog::~RejectLog() {
  if (spill_) std::fclose(spill_);
}

void RejectLog::add(int64_t line, std::string_view reason, std::string_view record) {
  if (!spill_) {
    spill_ = std::tmpfile();
    if (!spill_) throw RunError("cannot create a temporary file for the rejects of " + file_name_);
  }
  ++count_;
  std::string cut;
  if (reason.size() > kMaxReasonBytes) reason = cut = shorten(reason, kMaxReasonBytes);
  if (first_.size() < kFirstKept) first_.push_back({line, std::string(reason)});
  row_.clear();
  append_copy_text(row_, load_id_);
  row_ += '\t';
  append_copy_text(row_, file_name_);
  row_ += '\t';
  row_ += std::to_string(line);
  row_ += '\t';
  append_copy_text(row_, sanitize_utf8(reason));
  row_ += '\t';
  if (find_invalid_utf8(record) == std::string_view::npos) append_copy_text(row_, record);
  else append_copy_text(row_, sanitize_utf8(record));
  row_ += '\n';
  if (std::fwrite(row_.data(), 1, row_.size(), spill_) != row_.size())
    throw RunError("cannot write the rejects of " + file_name_ + " to a temporary file");
}

void RejectLog::write_to(PgConnection& connection, const std::string& table) {
  if (count_ == 0) return;
  std::rewind(spill_);
  CopyIn copy(connection, "COPY " + table + " (load_id, file_name, line_number, reason, record) FROM STDIN");
  std::string& buffer = copy.buffer();
  char block[1 << 16];
  size_t n;
  while ((n = std::fread(block, 1, sizeof block, spill_)) > 0) {
    buffer.append(block, n);
    copy.flush_if_full();
  }
  copy.finish();
  std::fseek(spill_, 0, SEEK_END);
}

std::string RejectLog::create_table_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (load_id text NOT NULL, file_name text NOT NULL, line_number bigint, reason text NOT NULL, record text)";
}

}  // namespace mrun::load
