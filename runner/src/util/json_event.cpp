#include "util/json_event.h"

#include <chrono>

#include "util/utc_time.h"

namespace mrun {

std::string json_event(std::string_view event, const nlohmann::ordered_json& fields) {
  nlohmann::ordered_json line{{"ts", format_utc(std::chrono::system_clock::now(), "%Y-%m-%dT%H:%M:%SZ")},
                              {"event", event}};
  for (const auto& [key, value] : fields.items()) line[key] = value;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string message_line(std::string_view level, std::string_view text, bool json) {
  if (json) return json_event(level, {{"message", text}});
  return std::string(level) + ": " + std::string(text);
}

}  // namespace mrun
