#include "parse/datetime_value.h"

#include <memory>

#include "util/utc_time.h"

namespace mrun::parse {

namespace {

using Clock = std::chrono::system_clock;

class DateTimeObject : public jinja::Object {
 public:
  DateTimeObject(Clock::time_point when, bool date_only) : when_(when), date_only_(date_only) {}

  jinja::Value attribute(std::string_view name) const override {
    auto field = [this](const char* format) { return jinja::Value(std::stoi(format_utc(when_, format))); };
    if (name == "year") return field("%Y");
    if (name == "month") return field("%m");
    if (name == "day") return field("%d");
    if (name == "hour") return field("%H");
    if (name == "minute") return field("%M");
    if (name == "second") return field("%S");
    auto when = when_;
    if (name == "strftime") {
      return jinja::Value::function("strftime", [when](jinja::CallArgs& a) {
        return jinja::Value(format_utc(when, a.get(0, "format", jinja::Value("")).str()));
      });
    }
    if (name == "isoformat") {
      bool date_only = date_only_;
      return jinja::Value::function("isoformat", [when, date_only](jinja::CallArgs&) {
        if (date_only) return jinja::Value(format_utc(when, "%Y-%m-%d"));
        char us[16];
        snprintf(us, sizeof us, ".%06ld", microseconds_of(when));
        return jinja::Value(format_utc(when, "%Y-%m-%dT%H:%M:%S") + us + "+00:00");
      });
    }
    return jinja::Value::undefined(std::string(name));
  }

  std::string str() const override {
    if (date_only_) return format_utc(when_, "%Y-%m-%d");
    char us[16];
    snprintf(us, sizeof us, ".%06ld", microseconds_of(when_));
    return format_utc(when_, "%Y-%m-%d %H:%M:%S") + us + "+00:00";
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

}  // namespace mrun::parse
