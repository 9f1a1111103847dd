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

// A class: its attributes (now(), today()) and its constructor when called.
class ClassObject : public jinja::RecordObject {
 public:
  ClassObject(std::vector<std::pair<std::string, jinja::Value>> attributes, std::string display, jinja::NativeFunction make)
      : RecordObject(std::move(attributes), std::move(display)), make_(std::move(make)) {}
  jinja::Value call(jinja::CallArgs& args) override { return make_(args); }

 private:
  jinja::NativeFunction make_;
};

jinja::Value class_value(std::vector<std::pair<std::string, jinja::Value>> attributes, std::string display,
                         jinja::NativeFunction make) {
  return jinja::Value::object(std::make_shared<ClassObject>(std::move(attributes), std::move(display), std::move(make)));
}

// The UTC time of date(year, month, day) / datetime(year, month, day, hour,
// minute, second, microsecond); a tzinfo is accepted and not applied.
Clock::time_point civil_time(const jinja::CallArgs& a, bool with_time) {
  auto part = [&a](size_t index, const char* name, int64_t fallback) {
    jinja::Value v = a.get(index, name, jinja::Value(fallback));
    if (!v.is_int()) throw std::runtime_error(std::string("datetime: '") + name + "' must be an integer");
    return v.as_int();
  };
  using namespace std::chrono;
  year_month_day day{year{static_cast<int>(part(0, "year", 1970))}, month{static_cast<unsigned>(part(1, "month", 1))},
                     std::chrono::day{static_cast<unsigned>(part(2, "day", 1))}};
  if (!day.ok()) throw std::runtime_error("datetime: day is out of range for month");
  Clock::time_point when = sys_days(day);
  if (with_time) {
    when += hours(part(3, "hour", 0)) + minutes(part(4, "minute", 0)) + seconds(part(5, "second", 0)) +
            microseconds(part(6, "microsecond", 0));
  }
  return when;
}

}  // namespace

jinja::Value datetime_value(Clock::time_point when) {
  return jinja::Value::object(std::make_shared<DateTimeObject>(when, false));
}

jinja::Value modules_value() {
  auto now = jinja::Value::function("now", [](jinja::CallArgs&) { return datetime_value(Clock::now()); });
  auto datetime_class = class_value({{"now", now}, {"utcnow", now}}, "<class 'datetime.datetime'>", [](jinja::CallArgs& a) {
    return datetime_value(civil_time(a, true));
  });
  auto today = jinja::Value::function("today", [](jinja::CallArgs&) { return date_value(Clock::now()); });
  auto date_class = class_value({{"today", today}}, "<class 'datetime.date'>", [](jinja::CallArgs& a) {
    return date_value(civil_time(a, false));
  });
  auto datetime_module = record({{"datetime", datetime_class}, {"date", date_class}}, "<module 'datetime'>");
  return record({{"datetime", datetime_module}}, "<modules>");
}

}  // namespace mrun::parse
