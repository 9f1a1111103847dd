#include "util/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <vector>

TEST_CASE("run_in_parallel calls the work once for every index") {
  for (size_t count : {0u, 1u, 15u, 1000u}) {
    std::vector<std::atomic<int>> calls(count);
    mrun::run_in_parallel(count, [&](size_t k) { ++calls[k]; });
    for (size_t k = 0; k < count; ++k) CHECK(calls[k] == 1);
  }
}
