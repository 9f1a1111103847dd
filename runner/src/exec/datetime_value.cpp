#include "exec/datetime_value.h"

#include <ctime>
#include <memory>

namespace mrun::exec {

namespace {

using Clock = std::chrono::system_clock;

std::tm utc_tm(Clock::time_point when) {
  std::time_t t = Clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string format_time(Clock::time_point when, const std::string& fmt) {
  std::tm tm = utc_tm(when);
  char buf[256];
  size_t n = std::strftime(buf, sizeof buf, fmt.c_str(), &tm);
  return std::string(buf, n);
}

long microseconds_of(Clock::time_point when) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  return static_cast<long>(us % 1000000);
}

class DateTimeObject : public jinja::Object {
 public:
  DateTimeObject(Clock::time_point when, bool date_only) : when_(when), date_only_(date_only) {}

  jinja::Value attribute(std::string_view name) const override {
    std::tm tm = utc_tm(when_);
    if (name == "year") return jinja::Value(tm.tm_year + 1900);
    if (name == "month") return jinja::Value(tm.tm_mon + 1);
    if (name == "day") return jinja::Value(tm.tm_mday);
    if (name == "hour") return jinja::Value(tm.tm_hour);
    if (name == "minute") return jinja::Value(tm.tm_min);
    if (name == "second") return jinja::Value(tm.tm_sec);
    auto when = when_;
    if (name == "strftime") {
      return jinja::Value::function("strftime", [when](jinja::CallArgs& a) {
        return jinja::Value(format_time(when, a.get(0, "format", jinja::Value("")).str()));
      });
    }
    if (name == "isoformat") {
      bool date_only = date_only_;
      return jinja::Value::function("isoformat", [when, date_only](jinja::CallArgs&) {
        if (date_only) return jinja::Value(format_time(when, "%Y-%m-%d"));
        char us[16];
        snprintf(us, sizeof us, ".%06ld", microseconds_of(when));
        return jinja::Value(format_time(when, "%Y-%m-%dT%H:%M:%S") + us + "+00:00");
      });
    }
    return jinja::Value::undefined(std::string(name));
  }

  std::string str() const override {
    if (date_only_) return format_time(when_, "%Y-%m-%d");
    char us[16];
    snprintf(us, sizeof us, ".%06ld", microseconds_of(when_));
    return format_time(when_, "%Y-%m-%d %H:%M:%S") + us + "+00:00";
  }

 private:
  Clock::time_point when_;
  bool date_only_;
};

jinja::Value date_value(Clock::time_point when) {
  return jinja::Value::object(std::make_shared<DateTimeObject>(when, true));
}

jinja::Value record(std::vector<std::pair<std::string, jinja::Value>> attributes, std::string display) {
  return jinja::Value::object(std::make_shared<jinja::RecordObject>(std::move(attributes), std::move(display)));
}

}  // namespace

jinja::Value datetime_value(Clock::time_point when) {
  return jinja::Value::object(std::make_shared<DateTimeObject>(when, false));
}

jinja::Value modules_value() {
  auto now = jinja::Value::function("now", [](jinja::CallArgs&) { return datetime_value(Clock::now()); });
  auto datetime_class = record({{"now", now}, {"utcnow", now}}, "<class 'datetime.datetime'>");
  auto today = jinja::Value::function("today", [](jinja::CallArgs&) { return date_value(Clock::now()); });
  auto date_class = record({{"today", today}}, "<class 'datetime.date'>");
  auto datetime_module = record({{"datetime", datetime_class}, {"date", date_class}}, "<module 'datetime'>");
  return record({{"datetime", datetime_module}}, "<modules>");
}

}  // namespace mrun::exec
