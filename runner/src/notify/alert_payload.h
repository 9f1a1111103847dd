// The JSON body that every webhook of a run receives (README.md, "Alerts"):
// the run's id, status, exit code, times and counts, the nodes that failed
// or warned (each with its message and compiled SQL file), the run's events,
// and a `text` field that reads well in a chat tool (Slack, Mattermost and
// Teams incoming webhooks show `text`). Pure: no I/O.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "notify/run_outcome.h"

namespace mrun::notify {

/// The most nodes listed in `failures` and in `warnings`; the rest are
/// counted in `failures_more` / `warnings_more`.
constexpr size_t kMaxPayloadNodes = 20;
/// The most nodes the `text` names, failures first.
constexpr size_t kMaxTextNodes = 10;
/// A node's message in the payload is cut to this many bytes (a database
/// error may quote a whole statement).
constexpr size_t kMaxMessageBytes = 2000;

/// {"run_id", "project", "command", "status", "exit_code", "started_at",
/// "finished_at", "elapsed_seconds", "counts", "error", "failures",
/// "failures_more", "warnings", "warnings_more", "events", "text"}.
nlohmann::ordered_json alert_payload(const RunOutcome& outcome);

/// The chat text: a headline ("mrun build on movies FAILED (exit 1): 1
/// error, 1 test failed, 3 skipped, 12 ok in 4.2 s"), then one line per
/// failed or warned node ("• fct_rating (model error): ..."), at most
/// kMaxTextNodes of them.
std::string alert_text(const RunOutcome& outcome);

}  // namespace mrun::notify
