#include "notify/webhook_delivery.h"

#include <algorithm>
#include <curl/curl.h>
#include <mutex>
#include <thread>

#include "util/strings.h"

namespace mrun::notify {

namespace {

using Clock = std::chrono::steady_clock;

// One request's answer: the status line's reason; the body is dropped.
struct Answer {
  std::string reason;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  std::string_view line = trim(std::string_view(data, size * count));
  if (line.starts_with("HTTP/")) {
    size_t first = line.find(' '), second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    static_cast<Answer*>(user)->reason = second == std::string_view::npos ? "" : std::string(line.substr(second + 1));
  }
  return size * count;
}

size_t drop_body(char*, size_t size, size_t count, void*) { return size * count; }

// A failed transfer in words, without curl's detail text (it may name
// more of the URL than the logs may show).
std::string describe(CURLcode code, long timeout_ms) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: {
      char text[48];
      std::snprintf(text, sizeof text, "timed out after %.1f s", static_cast<double>(timeout_ms) / 1000);
      return text;
    }
    case CURLE_COULDNT_CONNECT: return "could not connect";
    case CURLE_COULDNT_RESOLVE_HOST: return "DNS lookup failed";
    default: return curl_easy_strerror(code);
  }
}

// A request that cannot succeed however often it is sent.
bool permanent(CURLcode code) {
  return code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_OUT_OF_MEMORY ||
         code == CURLE_FAILED_INIT;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
};

// One POST; sets `status` (0 when no answer) and returns curl's result.
CURLcode post_once(const Webhook& hook, const std::string& body, long timeout_ms, long& status, Answer& answer) {
  CURL* curl = curl_easy_init();
  if (!curl) return CURLE_FAILED_INIT;
  HeaderList headers;
  headers.add("Content-Type: application/json");
  for (const std::string& h : hook.headers) headers.add(h);
  curl_easy_setopt(curl, CURLOPT_URL, hook.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mrun");
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, drop_body);
  CURLcode rc = curl_easy_perform(curl);
  status = 0;
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  return rc;
}

}  // namespace

Delivery deliver(const Webhook& hook, const std::string& body, const DeliveryPolicy& policy) {
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Delivery delivery;
  Clock::time_point start = Clock::now();
  auto finish = [&](std::string problem) {
    delivery.problem = std::move(problem);
    delivery.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return delivery;
  };
  std::chrono::milliseconds pause = policy.first_retry_delay;
  std::string last_problem;
  for (int attempt = 1; attempt <= hook.retries + 1; ++attempt) {
    if (attempt > 1) {
      if (Clock::now() + pause >= policy.deadline) break;
      std::this_thread::sleep_for(pause);
      pause *= 2;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(policy.deadline - Clock::now());
    long timeout_ms = std::min<long>(hook.timeout_seconds * 1000L, static_cast<long>(left.count()));
    if (timeout_ms <= 0) break;
    delivery.attempts = attempt;
    Answer answer;
    CURLcode rc = post_once(hook, body, timeout_ms, delivery.status, answer);
    if (rc != CURLE_OK) {
      last_problem = describe(rc, timeout_ms);
      if (permanent(rc)) return finish(last_problem + " (not retried)");
      continue;
    }
    if (delivery.status >= 200 && delivery.status < 300) {
      delivery.delivered = true;
      return finish("");
    }
    last_problem = "HTTP " + std::to_string(delivery.status) + (answer.reason.empty() ? "" : " " + answer.reason);
    if (delivery.status < 500 && delivery.status != 429) return finish(last_problem + " (not retried)");
  }
  if (delivery.attempts == 0) return finish("no time left before the alerts' deadline");
  return finish(last_problem + " (gave up after " + std::to_string(delivery.attempts) +
                (delivery.attempts == 1 ? " attempt)" : " attempts)"));
}

}  // namespace mrun::notify
