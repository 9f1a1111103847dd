#include "csv_edit.h"

#include "load/csv/csv_scanner.h"
#include "load/archive/memory_dataset.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::test {

namespace {

// One record as CSV: a field is quoted when it was (so "" stays empty text,
// not NULL), or when it holds a delimiter, a quote or a line break.
std::string csv_line(const std::vector<std::string>& fields, const std::vector<char>& was_quoted) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (!(i < was_quoted.size() && was_quoted[i]) && f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out + "\n";
}

}  // namespace

int edit_csv(const std::string& path, const CsvEdit& edit) {
  load::MemoryStream in(read_file(path));
  load::CsvScanner scanner(in);
  load::CsvRecord record;
  std::string out;
  int changed = 0;
  bool header = true;
  while (scanner.next(record)) {
    if (!record.error.empty()) throw RunError(path + ": " + record.error);
    std::optional<std::vector<std::string>> replacement;
    if (!header) replacement = edit(std::vector<std::string>(record.fields.begin(), record.fields.end()));
    header = false;
    if (!replacement) {
      out.append(record.raw).append("\n");
    } else {
      ++changed;
      if (!replacement->empty()) out += csv_line(*replacement, record.quoted);
    }
  }
  write_file_atomic(path, out);
  return changed;
}

}  // namespace mrun::test
