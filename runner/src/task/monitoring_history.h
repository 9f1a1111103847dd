// What the row-count monitoring tests (exec/monitoring.h) compare with,
// read from the run state once, before the nodes run: the row counts of the
// project's last successful runs and the numbers of the loads behind the raw
// tables (this run's load included: it ran before).
#pragma once

#include "exec/monitoring.h"
#include "graph/manifest.h"
#include "task/run_record.h"

namespace mrun::task {

/// The history the monitoring tests of `manifest` need, from `record`'s
/// store; nothing is read when the manifest has none.
exec::MonitoringHistory read_monitoring_history(RunRecord& record, const graph::Manifest& manifest);

}  // namespace mrun::task
