#include "jinja/line_map.h"

#include <algorithm>

namespace mrun::jinja {

void LineMap::record(size_t offset, int line, bool text) {
  // A later statement at the same offset (an `if` and the text inside it)
  // says more precisely who writes there.
  while (!entries_.empty() && entries_.back().offset == offset) entries_.pop_back();
  entries_.push_back(Entry{offset, line, text});
}

std::vector<int> LineMap::source_lines(std::string_view output) const {
  std::vector<int> lines;
  size_t next = 0;  // first entry after the current line's start
  size_t start = 0;
  while (start <= output.size()) {
    while (next < entries_.size() && entries_[next].offset <= start) ++next;
    int line = 0;
    if (next > 0) {
      const Entry& e = entries_[next - 1];
      line = e.line;
      if (e.text) line += static_cast<int>(std::count(output.begin() + e.offset, output.begin() + start, '\n'));
    }
    // A line that starts with what the previous entry left (e.g. the end of
    // a text) but whose first own writer starts on it: that writer's line.
    size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    if (next < entries_.size() && entries_[next].offset < end && start < output.size() &&
        output.substr(start, entries_[next].offset - start).find_first_not_of(" \t") == std::string_view::npos)
      line = entries_[next].line;
    lines.push_back(line);
    if (end == output.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace mrun::jinja
