// Ctrl-C (SIGINT) and SIGTERM (Airflow stopping a task) while mrun works: the
// signal only sets a flag; the work polls it, cancels its running queries
// and rolls back, so the process ends with a message and exit code 1
// instead of dying with the signal.
#pragma once

#include <csignal>

namespace mrun {

/// Catches SIGINT and SIGTERM for the life of the object (clearing any
/// earlier interrupt) and restores the previous handlers after.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_int_{}, old_term_{};
};

/// True once SIGINT or SIGTERM arrived while a guard was in place.
bool interrupted();

}  // namespace mrun
