#include "util/background_file_writer.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace {
fs::path fresh_folder(const std::string& name) {
  fs::path base = fs::temp_directory_path() / name;
  fs::remove_all(base);
  return base;
}
}  // namespace

TEST_CASE("BackgroundFileWriter writes every queued file, folders created, in queue order") {
  fs::path base = fresh_folder("mrun-background-writer-test");
  mrun::BackgroundFileWriter writer(3);
  for (int i = 0; i < 300; ++i) {
    writer.write((base / ("folder" + std::to_string(i % 7)) / ("f" + std::to_string(i) + ".sql")).string(),
                 "select " + std::to_string(i));
  }
  writer.write((base / "folder0" / "f0.sql").string(), "rewritten");  // the later write wins
  writer.flush();
  CHECK(mrun::read_file((base / "folder0" / "f0.sql").string()) == "rewritten");
  CHECK(mrun::read_file((base / "folder5" / "f299.sql").string()) == "select 299");
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(base)) files += entry.is_regular_file() ? 1 : 0;
  CHECK(files == 300);
  fs::remove_all(base);
}

TEST_CASE("BackgroundFileWriter leaves a file that holds the content alone and cuts a longer one to size") {
  fs::path base = fresh_folder("mrun-background-writer-update-test");
  fs::create_directories(base);
  auto same = (base / "same.sql").string(), shorter = (base / "shorter.sql").string(),
       longer = (base / "longer.sql").string();
  mrun::write_file(same, "select 1");
  mrun::write_file(shorter, "select 1234567890 as a_long_name");
  mrun::write_file(longer, "select 1");
  auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const auto& f : {same, shorter, longer}) fs::last_write_time(f, old_time);
  {
    mrun::BackgroundFileWriter writer(2);
    writer.write(same, "select 1");
    writer.write(shorter, "select 2");
    writer.write(longer, "select 2, 'a longer text than before'");
    writer.write((base / "empty.sql").string(), "");
    writer.flush();
  }
  CHECK(fs::last_write_time(same) == old_time);
  CHECK(mrun::read_file(shorter) == "select 2");
  CHECK(fs::last_write_time(shorter) != old_time);
  CHECK(mrun::read_file(longer) == "select 2, 'a longer text than before'");
  CHECK(fs::file_size(base / "empty.sql") == 0);
  fs::remove_all(base);
}

TEST_CASE("BackgroundFileWriter reports the first file it could not write at flush, and writes the rest") {
  fs::path base = fresh_folder("mrun-background-writer-error-test");
  fs::create_directories(base);
  mrun::write_file((base / "plain").string(), "a file, not a folder");
  mrun::BackgroundFileWriter writer(3);
  writer.write((base / "plain" / "a.sql").string(), "x");  // its folder is a file
  writer.write((base / "ok" / "b.sql").string(), "y");
  try {
    writer.flush();
    FAIL("flush did not throw");
  } catch (const mrun::RunError& e) {
    CHECK(std::string(e.what()).find((base / "plain").string()) != std::string::npos);
  }
  CHECK(mrun::read_file((base / "ok" / "b.sql").string()) == "y");
  writer.flush();  // the error was reported once
  fs::remove_all(base);
}

TEST_CASE("BackgroundFileWriter writes what is queued when it is destroyed without a flush") {
  fs::path base = fresh_folder("mrun-background-writer-exit-test");
  {
    mrun::BackgroundFileWriter writer(3);
    for (int i = 0; i < 50; ++i) writer.write((base / ("f" + std::to_string(i))).string(), std::to_string(i));
  }
  CHECK(mrun::read_file((base / "f49").string()) == "49");
  fs::remove_all(base);
}
