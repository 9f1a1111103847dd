#include "task/monitoring_history.h"

namespace mrun::task {

exec::MonitoringHistory read_monitoring_history(RunRecord& record, const graph::Manifest& manifest) {
  exec::MonitoringHistory history;
  history.current_run = record.run_id();
  int depth = exec::monitoring_history_depth(manifest);
  if (depth == 0) return history;
  record.with_store([&](state::RunStore& store) {
    history.row_counts = store.row_count_history(depth);
    history.loads = store.published_load_numbers(record.run_id());
  });
  return history;
}

}  // namespace mrun::task
