#include "util/private_files.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>

#include "util/strings.h"

namespace fs = std::filesystem;

namespace {
mode_t mode_of(const fs::path& path) {
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("make_private_directory creates a missing directory and closes an open one") {
  fs::path base = fs::temp_directory_path() / "mrun-private-files-test";
  fs::remove_all(base);
  fs::create_directories(base / "open");
  fs::permissions(base / "open", fs::perms::all);
  mrun::make_private_directory(base / "open");
  CHECK((mode_of(base / "open") & 077) == 0);
  CHECK((mode_of(base / "open") & 0700) == 0700);
  mrun::make_private_directory(base / "new" / "deeper");
  CHECK((mode_of(base / "new" / "deeper") & 077) == 0);
  fs::remove_all(base);
}

TEST_CASE("after keep_new_files_private, new files are readable by their owner only") {
  mrun::keep_new_files_private();
  fs::path file = fs::temp_directory_path() / "mrun-private-files-test.txt";
  mrun::write_file_atomic(file.string(), "secret");
  CHECK(mode_of(file) == 0600);
  fs::remove(file);
}
