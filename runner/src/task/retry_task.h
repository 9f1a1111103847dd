// `mrun retry` (dbt's retry): runs again what failed in the last run, as
// target/run_results.json recorded it (task/run_args.h).
//
//   what         the nodes whose status was error, fail or skipped (warn too
//                when that run had --warn-error), by unique id: exactly
//                those, no test follows them indirectly (the tests of a
//                failed model were skipped, so they are among them)
//   how          the same command (build, run, test, seed) with the same
//                --select/--exclude (recorded), vars, target, threads,
//                --full-refresh, --fail-fast, --warn-error, --store-failures.
//                --vars, --threads and --target given to the retry replace
//                the recorded ones; log and color flags are the retry's own
//   the load     a build whose load failed ran no node: its retry is the
//                whole build again, load first. Otherwise a retry of a
//                build does not load: the last load was committed (or
//                --no-load), and reloading would change the data the
//                successful nodes were built from
//   afterwards   run_results.json is the retry's own, so a second retry
//                retries what still fails
//
// Nothing failed: "nothing to retry: the last run (build, <invocation id>)
// succeeded", exit 0. No run_results.json, one from `mrun compile`, or a
// recorded target other than the one the retry resolves (without --target):
// ConfigError (exit 2).
#pragma once

#include "task/options.h"

namespace mrun::task {

/// Runs the retry and returns its exit code (0 ok or nothing to retry, 1
/// failures, as run_dag_task). Throws ConfigError as described above.
int run_retry_task(const CommonOptions& options);

}  // namespace mrun::task
