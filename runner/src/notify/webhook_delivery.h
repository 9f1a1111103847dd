// Sending one alert to one webhook with libcurl: POST application/json, a
// timeout per attempt, retries with a doubling pause on network errors,
// timeouts, 5xx and 429 (never on another 4xx: the request itself is
// wrong), and an overall deadline. Never throws: the outcome says what
// happened, in words that hold no secret (no URL, no header, no body).
#pragma once

#include <chrono>
#include <string>

#include "notify/webhook.h"

namespace mrun::notify {

/// How patient a delivery is beyond the webhook's own timeout and retries.
struct DeliveryPolicy {
  /// The pause before the first retry, doubled before each next one (1 s, 2 s, 4 s, ...).
  std::chrono::milliseconds first_retry_delay{1000};
  /// No attempt starts after it, and none runs past it.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

/// What a delivery did.
struct Delivery {
  bool delivered = false;  ///< a 2xx answer
  int attempts = 0;        ///< requests sent
  long status = 0;         ///< the last HTTP status; 0 when no answer came
  std::string problem;     ///< why it was not delivered: "HTTP 404 Not Found (not retried)", "timed out after 2 s (gave up after 3 attempts)"
  double seconds = 0;      ///< time spent, pauses included
};

/// POSTs `body` (JSON) to `hook`, with its headers.
Delivery deliver(const Webhook& hook, const std::string& body, const DeliveryPolicy& policy = {});

}  // namespace mrun::notify
