#include "util/error.h"

namespace mrun {

std::string SourceLocation::str() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

}  // namespace mrun
