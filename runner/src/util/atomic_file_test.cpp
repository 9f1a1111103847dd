#include "util/atomic_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <utility>

#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace {
fs::path fresh_folder(const std::string& name) {
  fs::path base = fs::temp_directory_path() / name;
  fs::remove_all(base);
  return base;
}

size_t files_in(const fs::path& folder) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++n;
  return n;
}
}  // namespace

TEST_CASE("AtomicFile puts the whole file in place at commit, its folders created") {
  fs::path base = fresh_folder("mrun-atomic-file-test");
  std::string path = (base / "a" / "doc.json").string();
  mrun::AtomicFile file(path);
  file.append("{\"x\":");
  file.append("1}");
  CHECK_FALSE(fs::exists(path));  // a reader sees nothing half-written
  file.commit();
  CHECK(mrun::read_file(path) == "{\"x\":1}");
  CHECK(files_in(base / "a") == 1);  // no temporary file left
  fs::remove_all(base);
}

TEST_CASE("AtomicFile not committed leaves the old file and no temporary file, also when moved") {
  fs::path base = fresh_folder("mrun-atomic-file-abandon-test");
  std::string path = (base / "doc.json").string();
  mrun::write_file_atomic(path, "old");
  {
    mrun::AtomicFile file(path);
    file.append("new, but abandoned");
    mrun::AtomicFile moved(std::move(file));
    moved.append(" twice");
  }
  CHECK(mrun::read_file(path) == "old");
  CHECK(files_in(base) == 1);
  fs::remove_all(base);
}

TEST_CASE("AtomicFile names the path when its folder cannot be made") {
  fs::path base = fresh_folder("mrun-atomic-file-error-test");
  mrun::write_file_atomic((base / "plain").string(), "a file, not a folder");
  CHECK_THROWS_WITH(mrun::AtomicFile((base / "plain" / "doc.json").string()),
                    Catch::Contains((base / "plain" / "doc.json").string()));
  fs::remove_all(base);
}
