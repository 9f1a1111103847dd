// `--log-format json` for every line a command prints: while a JsonOutput
// lives, each line written to std::cout or std::cerr that is not already a
// JSON event (json_event.h) becomes one, {"event": "output", "stream":
// "stdout"|"stderr", "message": line}: the results of ls, show, history and
// debug, warnings printed by libraries' callers, download progress. Terminal
// redraws are dropped: a carriage return starts the line again and ANSI
// escape sequences are removed, so a progress bar leaves only its last line.
#pragma once

#include <memory>
#include <streambuf>

namespace mrun {

class JsonOutput {
 public:
  /// Wraps std::cout and std::cerr.
  JsonOutput();
  /// Writes what is pending and gives the streams back.
  ~JsonOutput();
  JsonOutput(const JsonOutput&) = delete;
  JsonOutput& operator=(const JsonOutput&) = delete;

 private:
  class LineBuffer;
  std::unique_ptr<LineBuffer> out_, err_;
  std::streambuf* cout_original_;
  std::streambuf* cerr_original_;
};

}  // namespace mrun
