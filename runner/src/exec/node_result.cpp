#include "exec/node_result.h"

namespace mrun::exec {

const char* status_name(NodeStatus status) {
  switch (status) {
    case NodeStatus::Success: return "success";
    case NodeStatus::Error: return "error";
    case NodeStatus::Skipped: return "skipped";
    case NodeStatus::Reused: return "reused";
    case NodeStatus::Pass: return "pass";
    case NodeStatus::Fail: return "fail";
    case NodeStatus::Warn: return "warn";
  }
  return "?";
}

}  // namespace mrun::exec
