// The lines of --log-format json: one JSON object per event, each with the
// time and the event's name first. The one place that shapes them, for the
// run reporter, the loader and the command line's errors and warnings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mrun {

/// {"ts": "2026-11-30T11:40:00Z", "event": `event`, then the keys of the
/// object `fields` in their order}, as one line without the newline.
std::string json_event(std::string_view event, const nlohmann::ordered_json& fields = nlohmann::ordered_json::object());

/// A message line of `level` ("error", "warning"): "error: text", or with
/// `json` the event {"event": "error", "message": text}. No newline.
std::string message_line(std::string_view level, std::string_view text, bool json);

}  // namespace mrun
