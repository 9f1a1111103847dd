// Small string helpers shared by every module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mrun {

/// Splits on every `sep`; keeps empty pieces ("a,,b" -> {"a","","b"}).
std::vector<std::string> split(std::string_view text, char sep);

/// Joins `parts` with `sep` between them.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// `text` with every occurrence of `from` replaced by `to` (`from` not empty).
std::string replace_all(std::string text, std::string_view from, std::string_view to);

/// ASCII lower case.
std::string to_lower(std::string_view text);

/// `text` cut to at most `max` bytes at a UTF-8 character boundary, with
/// "..." appended when it was cut.
std::string shorten(std::string_view text, size_t max);

/// `text` with each %XX (two hex digits) replaced by its byte, as in a URI
/// ("a%20b" -> "a b"); a '%' not followed by two hex digits stays.
std::string percent_decode(std::string_view text);

/// Reads a whole file; throws ConfigError naming the path when it cannot.
std::string read_file(const std::string& path);

/// Writes `content` to `path` through a temporary file and rename, so a
/// reader never sees a half-written file. Creates parent directories.
/// Throws RunError naming the file when it cannot be written.
void write_file_atomic(const std::string& path, std::string_view content);

/// Writes `content` to `path` in place (created or truncated; its folder
/// must exist): for derived files that are rewritten by every run, where a
/// temporary file and rename per file would double the cost.
/// Throws RunError naming the file when it cannot be written.
void write_file(const std::string& path, std::string_view content);

/// write_file for `name` inside the open directory `dir_fd` (openat): no
/// path walk per file when writing thousands into one folder. `shown_path`
/// names the file in errors.
void write_file_at(int dir_fd, const std::string& name, std::string_view content, const std::string& shown_path);

/// write_file_at for a derived file that is usually unchanged since the
/// last run (target/compiled/, the docs site): a file that already holds
/// exactly `content` is left alone (its modification time too); another is
/// overwritten in place and cut to size. Reading a small file back costs a
/// tenth of rewriting it: on ext4, truncating and rewriting 30,000 files
/// took 1-2 s of kernel time here, reading them 0.15 s.
/// Throws RunError naming `shown_path`.
void update_file_at(int dir_fd, const std::string& name, std::string_view content, const std::string& shown_path);

/// Writes all of `content` at the open file's offset (retrying short
/// writes). Throws RunError naming `shown_path`.
void write_all(int fd, std::string_view content, const std::string& shown_path);

}  // namespace mrun
