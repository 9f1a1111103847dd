#include "util/strings.h"

#include <filesystem>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic_file.h"
#include "util/error.h"

namespace mrun {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string shorten(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return std::string(text.substr(0, cut)) + "...";
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string read_file(const std::string& path) {
  // POSIX calls, not an ifstream: opening a stream sets up a locale, which
  // cost more than the read itself for the small files of a project. The
  // text is read straight into the string, sized by fstat (one read and one
  // more that sees the end), with no buffer in between.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ConfigError(path + ": cannot read file (" + std::strerror(errno) + ")");
  struct stat st {};
  size_t expected = ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0;
  std::string text(expected + 1, '\0');  // +1: the read that sees the end needs room
  size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(text.size() * 2 + 4096);  // grew since fstat, or no size known
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw ConfigError(path + ": cannot read file (" + std::strerror(err) + ")");
    }
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return text;
}

void write_file(const std::string& path, std::string_view content) { write_file_at(AT_FDCWD, path, content, path); }

void write_all(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw RunError(path + ": write failed (" + std::strerror(errno) + ")");
    content.remove_prefix(static_cast<size_t>(n));
  }
}

namespace {

// Closes `fd` after `write` (which may throw: the descriptor is closed all the same).
template <class Write>
void write_and_close(int fd, const std::string& path, Write write) {
  try {
    write();
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw RunError(path + ": write failed (" + std::strerror(errno) + ")");
}

}  // namespace

void write_file_at(int dir_fd, const std::string& name, std::string_view content, const std::string& path) {
  int fd = ::openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw RunError(path + ": cannot write file (" + std::strerror(errno) + ")");
  write_and_close(fd, path, [&] { write_all(fd, content, path); });
}

namespace {

// Whether the open file `fd` of `size` bytes holds exactly `content` (read
// with pread: the file offset stays at 0).
bool holds_exactly(int fd, off_t size, std::string_view content) {
  if (size != static_cast<off_t>(content.size())) return false;
  char buffer[16384];
  off_t offset = 0;
  while (offset < size) {
    ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (std::memcmp(buffer, content.data() + offset, static_cast<size_t>(n)) != 0) return false;
    offset += n;
  }
  return true;
}

}  // namespace

void update_file_at(int dir_fd, const std::string& name, std::string_view content, const std::string& path) {
  int fd = ::openat(dir_fd, name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw RunError(path + ": cannot write file (" + std::strerror(errno) + ")");
  write_and_close(fd, path, [&] {
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw RunError(path + ": cannot read file (" + std::strerror(errno) + ")");
    if (holds_exactly(fd, st.st_size, content)) return;
    // Overwritten from the start, then cut: the blocks are reused rather
    // than freed and allocated again, as O_TRUNC would.
    write_all(fd, content, path);
    if (st.st_size > static_cast<off_t>(content.size()) && ::ftruncate(fd, static_cast<off_t>(content.size())) != 0)
      throw RunError(path + ": write failed (" + std::strerror(errno) + ")");
  });
}

void write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.append(content);
  file.commit();
}

}  // namespace mrun
