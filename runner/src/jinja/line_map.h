// Where each part of a render's output came from: the template line of the
// text or expression that wrote it. A render records it on request
// (Environment::render with a LineMap); only what the template's own code
// writes is recorded, so a macro's output counts as the line that called it.
// Used to point a database error in rendered SQL back at the template line.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace mrun::jinja {

class LineMap {
 public:
  /// The template's code at `line` writes from output offset `offset` on;
  /// `text`: it is template data, whose own newlines advance the line.
  void record(size_t offset, int line, bool text);

  /// The template line of each line of `output` (the output this map was
  /// recorded for): element 0 is output line 1. 0 where nothing is known.
  std::vector<int> source_lines(std::string_view output) const;

 private:
  struct Entry {
    size_t offset;
    int line;
    bool text;
  };
  std::vector<Entry> entries_;  ///< by offset, as written
};

}  // namespace mrun::jinja
