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

ExitCode exit_code_for(const std::exception& error) {
  if (dynamic_cast<const ConfigError*>(&error)) return kExitUsage;
  if (const auto* run = dynamic_cast<const RunError*>(&error); run && run->transient) return kExitTransient;
  return kExitFailed;
}

ExitCode worse_exit_code(ExitCode a, ExitCode b) {
  auto rank = [](ExitCode code) {
    switch (code) {
      case kExitOk: return 0;
      case kExitTransient: return 1;
      case kExitFailed: return 2;
      case kExitUsage: return 3;
    }
    return 2;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace mrun
