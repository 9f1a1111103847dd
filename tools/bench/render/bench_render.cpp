// Renders every model template in a directory with mrun's Jinja engine
// (parse + render each, one thread) and prints the throughput as JSON.
//   bench_render MODELS_DIR MACROS_DIR [REPEAT]
// Driven by bench_render.py, which also times Python's Jinja2 on the same files.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "jinja/environment.h"
#include "util/strings.h"

using namespace mrun::jinja;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_render MODELS_DIR MACROS_DIR [REPEAT]\n";
    return 2;
  }
  int repeat = argc > 3 ? std::stoi(argv[3]) : 1;
  std::vector<std::pair<std::string, std::string>> models;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1]))
    if (entry.path().extension() == ".sql") models.emplace_back(entry.path().filename().string(), mrun::read_file(entry.path().string()));
  std::sort(models.begin(), models.end());

  Environment env;
  env.set_loader(std::make_shared<DirectoryLoader>(std::vector<std::string>{argv[2]}));
  env.add_function("ref", [](CallArgs& a) { return Value("\"analytics\".\"" + a.positional.at(0).str() + "\""); });
  env.add_function("source", [](CallArgs& a) {
    return Value("\"raw\".\"" + a.positional.at(0).str() + "_" + a.positional.at(1).str() + "\"");
  });
  env.add_function("var", [](CallArgs& a) { return a.get(1, "default", Value::none()); });
  Context ctx{{"target", Value::dict({{Value("schema"), Value("analytics")}, {Value("name"), Value("dev")}})}};

  size_t in_bytes = 0, out_bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r)
    for (const auto& [name, source] : models) {
      TemplatePtr t = env.parse(source, name);
      out_bytes += env.render(*t, ctx).size();
      in_bytes += source.size();
    }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t n = models.size() * repeat;
  std::cout << "{\"templates\": " << n << ", \"input_bytes\": " << in_bytes << ", \"output_bytes\": " << out_bytes
            << ", \"seconds\": " << seconds << "}\n";
  return 0;
}
