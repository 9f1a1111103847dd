#include "project/source_freshness.h"

#include <set>

#include "project/freshness_yaml.h"

namespace mrun::project {

double FreshnessThreshold::seconds() const {
  double unit = period == "minute" ? 60 : period == "hour" ? 3600 : 86400;
  return static_cast<double>(count) * unit;
}

std::string FreshnessRule::status_for(double age_seconds) const {
  if (error_after && age_seconds > error_after->seconds()) return "error";
  if (warn_after && age_seconds > warn_after->seconds()) return "warn";
  return "pass";
}

std::optional<FreshnessRule> effective_freshness(const FreshnessSetting& source, const FreshnessSetting& table) {
  return table.written ? table.rule : source.rule;
}

std::string effective_loaded_at_field(const FreshnessSetting& source, const FreshnessSetting& table) {
  return table.loaded_at_field.empty() ? source.loaded_at_field : table.loaded_at_field;
}

namespace {

std::optional<FreshnessThreshold> read_threshold(const YamlFile& f, const YAML::Node& node, const std::string& what) {
  if (!node || node.IsNull()) return std::nullopt;
  expect_map(f, node, what);
  FreshnessThreshold out;
  std::string count = scalar_string(f, node["count"], what + ".count");
  try {
    size_t used = 0;
    out.count = std::stoll(count, &used);
    if (used != count.size() || out.count <= 0) throw std::invalid_argument(count);
  } catch (const std::exception&) {
    throw ConfigError(location_of(f, node["count"] ? node["count"] : node),
                      what + ".count must be a positive whole number, not '" + count + "'");
  }
  out.period = scalar_string(f, node["period"], what + ".period");
  static const std::set<std::string> kPeriods = {"minute", "hour", "day"};
  if (!kPeriods.count(out.period))
    throw ConfigError(location_of(f, node["period"] ? node["period"] : node),
                      what + ".period must be minute, hour or day, not '" + out.period + "'");
  return out;
}

}  // namespace

FreshnessSetting read_freshness_setting(const YamlFile& file, const MapFields& fields) {
  FreshnessSetting out;
  const YAML::Node config = fields["config"];
  bool in_config = !fields["freshness"] && config && config.IsMap() && config["freshness"];
  const YAML::Node node = in_config ? config["freshness"] : fields["freshness"];
  out.loaded_at_field = scalar_string(file, fields["loaded_at_field"], "loaded_at_field");
  if (out.loaded_at_field.empty() && config && config.IsMap())
    out.loaded_at_field = scalar_string(file, config["loaded_at_field"], "loaded_at_field");
  if (!node) return out;
  out.written = true;
  if (node.IsNull()) return out;
  expect_map(file, node, "freshness");
  FreshnessRule rule;
  rule.where = location_of(file, node);
  rule.warn_after = read_threshold(file, node["warn_after"], "warn_after");
  rule.error_after = read_threshold(file, node["error_after"], "error_after");
  rule.filter = scalar_string(file, node["filter"], "filter");
  if (rule.warn_after || rule.error_after) out.rule = rule;
  return out;
}

}  // namespace mrun::project
