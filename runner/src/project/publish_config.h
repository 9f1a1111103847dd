// How a run publishes what it builds (write–audit–publish, README
// "Publishing"): the `publish:`, `publish-lock-timeout:` and
// `publish-attempts:` keys of project.yml, and `--publish` of build, run and
// seed.
#pragma once

#include <string>

#include "util/error.h"

namespace mrun::project {

/// When the relations a run builds become visible.
enum class PublishMode {
  Atomic,   ///< all at once after the run passed, or none (the default)
  PerNode,  ///< each as soon as it is built
};

/// The publish settings of a project.
struct PublishConfig {
  PublishMode mode = PublishMode::Atomic;
  /// How long one publish attempt waits for a lock (on a relation a reader
  /// is using) before it gives up and backs off; readers who come after the
  /// publish queue behind it at most this long.
  double lock_timeout_seconds = 5;
  /// Publish attempts before the run gives up (exit 1, nothing published).
  int attempts = 4;
};

/// "atomic" or "per_node" as a mode; ConfigError at `where` otherwise.
PublishMode publish_mode_of(const std::string& text, const SourceLocation& where);

/// "atomic" or "per_node".
const char* publish_mode_name(PublishMode mode);

}  // namespace mrun::project
