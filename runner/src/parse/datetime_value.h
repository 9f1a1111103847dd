// Python-like datetime values for templates: run_started_at and
// modules.datetime (now(), utcnow(), date.today(), strftime, isoformat).
#pragma once

#include <chrono>

#include "jinja/value.h"

namespace mrun::parse {

/// A datetime object at `when` (UTC): attributes year, month, day, hour,
/// minute, second; methods strftime(fmt), isoformat(); prints like Python's
/// str(datetime) ("2026-11-22 03:04:05.123456+00:00").
jinja::Value datetime_value(std::chrono::system_clock::time_point when);

/// The `modules` object: modules.datetime.datetime.now()/utcnow(),
/// modules.datetime.date.today(), and the constructors
/// modules.datetime.date(y, m, d) and datetime(y, m, d, h, mi, s, us) (in
/// UTC; a tzinfo argument is accepted and not applied).
jinja::Value modules_value();

}  // namespace mrun::parse
