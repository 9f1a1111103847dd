// moviegen: writes a synthetic copy of Kaggle's "The Movies Dataset" (the
// seven CSV files, same columns, formats and quirks) at a chosen scale.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <memory>

#include "archive_writer.h"
#include "dataset.h"

int main(int argc, char** argv) {
  using namespace mrun::moviegen;
  CLI::App app{"Generate The Movies Dataset (synthetic, deterministic for a seed)"};
  double scale = 1.0;
  uint64_t seed = 42;
  std::string out_zip, out_dir;
  std::vector<std::string> files;
  app.add_option("--scale", scale, "1.0 = the real sizes (26M ratings); 0.01 = 1%")->check(CLI::Range(0.0, 100.0));
  app.add_option("--seed", seed, "random seed; the same seed and scale give the same bytes");
  auto* zip_opt = app.add_option("--out", out_zip, "zip file to write");
  auto* dir_opt = app.add_option("--out-dir", out_dir, "directory for plain CSV files (instead of a zip)");
  zip_opt->excludes(dir_opt);
  app.add_option("--files", files, "only these files (e.g. movies_metadata,links)")->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  if (out_zip.empty() && out_dir.empty()) {
    std::fprintf(stderr, "moviegen: give --out FILE.zip or --out-dir DIR\n");
    return 2;
  }
  try {
    auto data = std::make_shared<Dataset>();
    data->catalog = build_catalog(seed, scale);
    data->pools = make_pools(seed);
    auto entries = dataset_files(data, files);
    if (!out_dir.empty()) write_directory(out_dir, std::move(entries));
    else write_zip(out_zip, std::move(entries));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "moviegen: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "moviegen: %s\n", e.what());
    return 1;
  }
  return 0;
}
