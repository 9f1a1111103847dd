// Integration tests use the real embedded PostgreSQL of the build tree
// (build/test-pg), started by the CTest fixture or on first use here.
#pragma once

#include <string>

namespace mrun::test {

/// Drops and re-creates database `name` on the test cluster and returns its
/// libpq URI. Starts the cluster if it is not running.
std::string fresh_database(const std::string& name);

/// The build directory (MRUN_TEST_BUILD_DIR, else the current directory).
std::string build_dir();

/// The source tree (MRUN_SOURCE_DIR).
std::string source_dir();

/// Path of the mrun binary under test (MRUN_BINARY).
std::string mrun_binary();

/// Path of the dataset generator (MRUN_MOVIEGEN, else build_dir()/moviegen).
std::string moviegen_binary();

}  // namespace mrun::test
