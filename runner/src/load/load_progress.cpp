#include "load/load_progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "util/json_event.h"

namespace mrun::load {

namespace {

std::string human(double n, const char* unit) {
  static const char* const kPrefix[] = {"", "k", "M", "G", "T"};
  int k = 0;
  while (n >= 1000 && k < 4) {
    n /= 1000;
    ++k;
  }
  char text[32];
  std::snprintf(text, sizeof text, k == 0 ? "%.0f%s%s" : "%.1f%s%s", n, kPrefix[k], unit);
  return text;
}

}  // namespace

std::string summary_line(const TableLoadResult& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1fs", r.seconds);
  if (!r.ok) {
    return "load " + r.file + ": FAILED " + r.error + " (read " + std::to_string(r.read) + ", " +
           std::to_string(r.loaded) + " good, " + std::to_string(r.rejected) + " rejected, nothing loaded, in " +
           seconds + ")";
  }
  return "load " + r.file + ": read " + std::to_string(r.read) + " loaded " + std::to_string(r.loaded) +
         " rejected " + std::to_string(r.rejected) + " in " + seconds;
}

std::string summary_event(const TableLoadResult& r) {
  nlohmann::ordered_json fields{{"file", r.file},         {"table", r.table}, {"read", r.read},
                                {"loaded", r.loaded},     {"rejected", r.rejected},
                                {"seconds", r.seconds},   {"ok", r.ok}};
  if (!r.ok) fields["error"] = r.error;
  return json_event("load_file_finished", fields);
}

ProgressDisplay::ProgressDisplay(const std::vector<FileProgress>& files, bool bar, bool json)
    : files_(files), bar_(bar), json_(json) {
  if (!bar_) return;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      draw_locked();
      wake_.wait_for(lock, std::chrono::milliseconds(200));
    }
  });
}

ProgressDisplay::~ProgressDisplay() { stop(); }

void ProgressDisplay::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    clear_locked();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressDisplay::finished(const TableLoadResult& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
  std::fprintf(stderr, "%s\n", (json_ ? summary_event(result) : summary_line(result)).c_str());
  std::fflush(stderr);
  if (bar_ && !stopping_) draw_locked();
}

void ProgressDisplay::clear_locked() {
  if (drawn_) std::fputs("\r\x1b[K", stderr);
  drawn_ = false;
}

void ProgressDisplay::draw_locked() {
  std::string line;
  for (const FileProgress& f : files_) {
    if (!f.started || f.done) continue;
    if (!line.empty()) line += " | ";
    line += f.file + " " + human(static_cast<double>(f.bytes), "B");
    if (uint64_t total = f.total_bytes) {
      line += "/" + human(static_cast<double>(total), "B");
      line += " " + std::to_string(f.bytes * 100 / total) + "%";
    }
    line += " " + human(static_cast<double>(f.records), " rows");
  }
  if (line.empty()) return clear_locked();
  // A line wider than the terminal would wrap, and "\r" could not redraw it.
  winsize size{};
  size_t width = ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 10 ? size.ws_col - 1 : 119;
  if (line.size() > width) line = line.substr(0, width - 3) + "...";
  std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace mrun::load
