// Spreading independent work over the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace mrun {

/// Calls work(k) for every k in [0, count), on as many threads as there are
/// cores (fewer for small counts; at least 16 items a thread), the calling
/// thread included; returns when all calls have returned. `work` must not
/// throw (catch inside and record the error per item).
void run_in_parallel(size_t count, const std::function<void(size_t)>& work);

/// run_in_parallel for work that may throw: every item runs; then the
/// exception of the lowest index that threw is rethrown, so which error is
/// reported does not depend on thread timing.
void run_in_parallel_or_throw(size_t count, const std::function<void(size_t)>& work);

}  // namespace mrun
