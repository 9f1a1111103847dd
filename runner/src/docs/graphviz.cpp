#include "docs/graphviz.h"

#include <filesystem>
#include <thread>

#include "util/error.h"
#include "util/parallel.h"
#include "util/process.h"
#include "util/strings.h"

namespace mrun::docs {

namespace fs = std::filesystem;

bool graphviz_available() { return program_exists("dot"); }

std::vector<std::string> render_svgs(const std::vector<std::string>& graphs) {
  std::vector<std::string> svgs(graphs.size());
  if (graphs.empty()) return svgs;
  if (!graphviz_available()) throw RunError("Graphviz's dot is not installed (apt-get install graphviz)");
  size_t chunks = std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), graphs.size()));
  fs::path dir = fs::temp_directory_path() / ("mrun-dot-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{dir};
  // Chunk c holds graphs c, c + chunks, c + 2 * chunks, ...
  std::vector<std::string> failures(chunks);
  run_in_parallel(chunks, [&](size_t c) {
    try {
      std::string input;
      for (size_t g = c; g < graphs.size(); g += chunks) input += graphs[g];
      std::string file = (dir / ("graphs" + std::to_string(c) + ".dot")).string();
      write_file(file, input);
      ProcessResult r = run_process({"dot", "-Tsvg", "-O", file});
      if (r.exit_code != 0) {
        failures[c] = "dot failed (exit " + std::to_string(r.exit_code) + "): " + r.output;
        return;
      }
      size_t k = 1;
      for (size_t g = c; g < graphs.size(); g += chunks, ++k) {
        std::string svg = read_file(file + (k == 1 ? "" : "." + std::to_string(k)) + ".svg");
        size_t start = svg.find("<svg");
        svgs[g] = start == std::string::npos ? svg : svg.substr(start);
      }
    } catch (const std::exception& e) {
      failures[c] = e.what();
    }
  });
  for (const auto& f : failures)
    if (!f.empty()) throw RunError(f);
  return svgs;
}

}  // namespace mrun::docs
