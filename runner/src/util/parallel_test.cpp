#include "util/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

TEST_CASE("run_in_parallel calls the work once for every index") {
  for (size_t count : {0u, 1u, 15u, 1000u}) {
    std::vector<std::atomic<int>> calls(count);
    mrun::run_in_parallel(count, [&](size_t k) { ++calls[k]; });
    for (size_t k = 0; k < count; ++k) CHECK(calls[k] == 1);
  }
}

TEST_CASE("run_in_parallel_or_throw runs every item and rethrows the lowest index's error") {
  std::vector<std::atomic<int>> calls(100);
  try {
    mrun::run_in_parallel_or_throw(100, [&](size_t k) {
      ++calls[k];
      if (k == 70 || k == 30) throw std::runtime_error("item " + std::to_string(k));
    });
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "item 30");
  }
  for (size_t k = 0; k < 100; ++k) CHECK(calls[k] == 1);
}
