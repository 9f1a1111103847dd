#include "load/fetch/download_progress.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace mrun::load {

using Clock = std::chrono::steady_clock;

std::string human_bytes(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buf;
}

DownloadProgress::DownloadProgress(std::string label, bool bar)
    : label_(std::move(label)), bar_(bar && isatty(STDERR_FILENO)), start_(Clock::now()), last_draw_(start_) {}

void DownloadProgress::update(uint64_t done, uint64_t total) {
  if (first_done_ == UINT64_MAX) first_done_ = done;
  auto now = Clock::now();
  if (bar_) {
    if (last_draw_ != start_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    drawn_ = true;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(done - first_done_) / seconds : 0;
    std::string bar;
    int percent = total ? static_cast<int>(done * 100 / total) : 0;
    for (int i = 0; i < 30; ++i) bar += i < percent * 30 / 100 ? '#' : '.';
    char percent_text[8];
    std::snprintf(percent_text, sizeof percent_text, "%3d%%", percent);
    std::cerr << "\r" << label_ << " [" << bar << "] " << percent_text << " " << human_bytes(done) << " of "
              << (total ? human_bytes(total) : "?") << "  " << human_bytes(static_cast<uint64_t>(rate)) << "/s\x1b[K"
              << std::flush;
    return;
  }
  // Plain output: a line at every 10% step of a large download.
  if (total < (16u << 20)) return;
  int decile = static_cast<int>(done * 10 / total);
  if (decile == last_decile_ || decile == 0 || decile == 10) return;
  last_decile_ = decile;
  std::cerr << "fetch: " << label_ << ": " << decile * 10 << "% (" << human_bytes(done) << " of "
            << human_bytes(total) << ")" << std::endl;
}

void DownloadProgress::message(const std::string& text) {
  if (drawn_) std::cerr << "\r\x1b[K";
  drawn_ = false;
  std::cerr << "fetch: " << label_ << ": " << text << std::endl;
}

void DownloadProgress::finish(uint64_t received, bool resumed) {
  double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  char took[32];
  std::snprintf(took, sizeof took, " in %.1f s", seconds);
  message("downloaded " + human_bytes(received) + (resumed ? " (resumed)" : "") + took);
}

}  // namespace mrun::load
