#include "load/fetch/http_fetch.h"

#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include "load/fetch/download_cache.h"
#include "load/fetch/download_progress.h"
#include "util/md5_digest.h"
#include "util/private_files.h"
#include "util/strings.h"

namespace mrun::load {

namespace fs = std::filesystem;

std::string xml_element(const std::string& xml, const std::string& tag) {
  size_t open = xml.find("<" + tag + ">");
  if (open == std::string::npos) return "";
  open += tag.size() + 2;
  size_t close = xml.find("</" + tag + ">", open);
  return close == std::string::npos ? "" : xml.substr(open, close - open);
}

namespace {

/// The state of one request/response; libcurl's callbacks fill it in.
struct Attempt {
  CURL* curl = nullptr;
  std::string part_path;
  std::string source;
  uint64_t offset = 0;  ///< bytes of .part kept, sent as Range start
  DownloadProgress* progress = nullptr;

  // Headers of the current response (reset at every status line: redirects).
  std::string reason, etag, last_modified, content_range, bucket_region;
  bool encrypted_etag = false;  ///< SSE-KMS / SSE-C: the ETag is not the MD5 of the bytes
  std::optional<uint64_t> content_length;

  bool decided = false;  ///< the body's destination is chosen
  long status = 0;
  int fd = -1;           ///< .part, when the body is the object
  std::optional<uint64_t> total;
  uint64_t received = 0;
  std::string error_body;   ///< body of a failure answer (S3 XML), capped
  std::string write_error;  ///< why we stopped the transfer ourselves
  bool restart = false;     ///< the .part must be dropped and the download begun anew
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& a = *static_cast<Attempt*>(user);
  std::string_view line(data, size * count);
  std::string_view clean = trim(line);
  if (clean.starts_with("HTTP/")) {
    a.reason.clear(), a.etag.clear(), a.last_modified.clear(), a.content_range.clear(), a.bucket_region.clear();
    a.content_length.reset();
    a.encrypted_etag = false;
    size_t sp1 = clean.find(' '), sp2 = sp1 == std::string_view::npos ? sp1 : clean.find(' ', sp1 + 1);
    if (sp2 != std::string_view::npos) a.reason = std::string(clean.substr(sp2 + 1));
    return line.size();
  }
  size_t colon = clean.find(':');
  if (colon == std::string_view::npos) return line.size();
  std::string name = to_lower(clean.substr(0, colon));
  std::string value(trim(clean.substr(colon + 1)));
  if (name == "etag") a.etag = value;
  else if (name == "last-modified") a.last_modified = value;
  else if (name == "content-range") a.content_range = value;
  else if (name == "x-amz-bucket-region") a.bucket_region = value;
  else if (name == "x-amz-server-side-encryption-customer-algorithm") a.encrypted_etag = true;
  else if (name == "x-amz-server-side-encryption") a.encrypted_etag = a.encrypted_etag || value != "AES256";
  else if (name == "content-length") {
    try {
      a.content_length = std::stoull(value);
    } catch (const std::exception&) {
    }
  }
  return line.size();
}

/// Chooses where the body goes once the status is known: the .part file
/// (200: from scratch, 206: appended at the Range start) or the error buffer.
bool decide(Attempt& a) {
  a.decided = true;
  curl_easy_getinfo(a.curl, CURLINFO_RESPONSE_CODE, &a.status);
  if (a.status != 200 && a.status != 206) return true;
  uint64_t keep = 0;
  if (a.status == 206) {
    unsigned long long first = 0, last = 0, total = 0;
    if (std::sscanf(a.content_range.c_str(), "bytes %llu-%llu/%llu", &first, &last, &total) != 3 ||
        first != a.offset) {
      a.write_error = "server resumed at an unexpected position (Content-Range: " + a.content_range + ")";
      a.restart = true;
      return false;
    }
    keep = a.offset;
    a.total = total;
  } else if (a.content_length) {
    a.total = *a.content_length;
  }
  a.offset = keep;
  a.fd = ::open(a.part_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (a.fd < 0 || ftruncate(a.fd, static_cast<off_t>(keep)) != 0 || lseek(a.fd, 0, SEEK_END) < 0) {
    a.write_error = a.part_path + ": " + std::strerror(errno);
    return false;
  }
  // Remember which version the .part holds, so a later attempt can resume it.
  // (No exception may cross libcurl, which calls us.)
  try {
    write_validators(a.part_path + ".meta", {a.etag, a.last_modified, a.total.value_or(0), a.source});
  } catch (const std::exception& e) {
    a.write_error = e.what();
    return false;
  }
  return true;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& a = *static_cast<Attempt*>(user);
  size_t n = size * count;
  if (!a.decided && !decide(a)) return 0;
  if (a.fd < 0) {
    if (a.error_body.size() < 65536) a.error_body.append(data, n);
    return n;
  }
  for (size_t done = 0; done < n;) {
    ssize_t w = ::write(a.fd, data + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      a.write_error = a.part_path + ": write failed: " + std::strerror(errno);
      return 0;
    }
    done += static_cast<size_t>(w);
  }
  a.received += n;
  return n;
}

int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto& a = *static_cast<Attempt*>(user);
  if (a.fd >= 0 && a.progress)
    a.progress->update(a.offset + static_cast<uint64_t>(dlnow),
                       dltotal > 0 ? a.offset + static_cast<uint64_t>(dltotal) : 0);
  return 0;
}

bool transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

/// Why a transfer failed, in words (curl's detail last).
std::string describe_curl_error(CURLcode code, const char* detail) {
  std::string what;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: what = "DNS lookup failed"; break;
    case CURLE_COULDNT_CONNECT: what = "could not connect"; break;
    case CURLE_OPERATION_TIMEDOUT: what = "timed out"; break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING: what = "connection dropped"; break;
    default: what = curl_easy_strerror(code);
  }
  return *detail ? what + " (" + detail + ")" : what;
}

std::string http_failure(const Attempt& a) {
  std::string code = xml_element(a.error_body, "Code");
  std::string message = xml_element(a.error_body, "Message");
  std::string text = "HTTP " + std::to_string(a.status) + " " + (code.empty() ? a.reason : code);
  if (!message.empty()) text += ": " + message;
  return text;
}

/// Why the downloaded bytes do not match the MD5 in the ETag; "" when they do
/// or when the ETag is not a plain MD5 (multipart uploads: "<md5>-<parts>").
std::string checksum_mismatch(const Attempt& a, const std::string& file) {
  if (a.etag.size() != 34 || a.etag.front() != '"' || a.etag.back() != '"' || a.encrypted_etag) return "";
  std::string expected = to_lower(a.etag.substr(1, 32));
  if (expected.find_first_not_of("0123456789abcdef") != std::string::npos) return "";
  std::string actual = md5_of_file(file);
  return actual == expected ? "" : "checksum mismatch: the download's MD5 is " + actual + ", the ETag says " + expected;
}

void remove_part(const std::string& part) {
  std::error_code ec;
  fs::remove(part, ec);
  fs::remove(part + ".meta", ec);
}

/// Holds an exclusive lock on "<path>.lock" while a download runs, so two
/// mrun processes do not write the same .part.
class CacheLock {
 public:
  explicit CacheLock(const std::string& path) {
    fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw RunError(path + ".lock: " + std::strerror(errno));
    while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {}
  }
  ~CacheLock() { ::close(fd_); }
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

 private:
  int fd_;
};

/// curl_slist owner.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
};

/// Adds Range + If-Range to resume the .part of an interrupted download of
/// the same version, else If-None-Match / If-Modified-Since for the `cached`
/// copy. Returns the Range start (0: not resuming).
uint64_t add_validator_headers(const std::string& path, const std::optional<ObjectValidators>& cached,
                               HeaderList& headers) {
  std::error_code ec;
  auto part_validators = read_validators(path + ".part.meta");
  auto part_size = fs::file_size(path + ".part", ec);
  if (!ec && part_size > 0 && part_validators && part_validators->usable()) {
    headers.add("Range: bytes=" + std::to_string(part_size) + "-");
    headers.add("If-Range: " + (part_validators->etag.empty() ? part_validators->last_modified
                                                              : part_validators->etag));
    return part_size;
  }
  if (cached && cached->usable()) {
    if (!cached->etag.empty()) headers.add("If-None-Match: " + cached->etag);
    if (!cached->last_modified.empty()) headers.add("If-Modified-Since: " + cached->last_modified);
  }
  return 0;
}

/// Makes the finished .part the cached copy at `path` after checking its
/// size (and MD5 when the request asks, and its content when the options
/// say how). Returns "" on success, else why it was refused (the .part is
/// then removed, so a retry starts over).
std::string install_part(const Attempt& a, const HttpRequest& request, const FetchOptions& options,
                         const std::string& path) {
  const std::string part = path + ".part";
  uint64_t size = fs::file_size(part);
  std::string problem;
  if (a.total && size != *a.total)
    problem = "size mismatch: have " + std::to_string(size) + " bytes, expected " + std::to_string(*a.total);
  else if (request.etag_is_md5)
    problem = checksum_mismatch(a, part);
  if (problem.empty() && options.verify_download) problem = options.verify_download(part);
  if (!problem.empty()) {
    remove_part(part);
    return problem;
  }
  // Drop the old metadata first: a crash between the steps leaves a file
  // without metadata (downloaded again), never a wrong pairing.
  std::error_code ec;
  fs::remove(path + ".meta", ec);
  fs::rename(part, path);
  write_validators(path + ".meta", {a.etag, a.last_modified, size, request.display});
  fs::remove(part + ".meta", ec);
  return "";
}

/// Sends one GET with libcurl, feeding the callbacks above; returns curl's
/// result, with its detail in `error_text`.
CURLcode perform(const HttpRequest& request, const HeaderList& headers, const FetchOptions& options, Attempt& a,
                 char* error_text) {
  CURL* curl = curl_easy_init();
  if (!curl) throw RunError("GET " + request.display + ": cannot initialize libcurl");
  a.curl = curl;
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_s));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.stall_timeout_s));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mrun");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &a);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &a);
  if (!request.aws_sigv4.empty()) {
    curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, request.aws_sigv4.c_str());
    curl_easy_setopt(curl, CURLOPT_USERPWD, request.aws_credentials.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK && !a.decided) decide(a);  // empty body
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(curl);
  a.curl = nullptr;
  if (a.fd >= 0) ::close(a.fd);
  a.fd = -1;
  return rc;
}

}  // namespace

namespace {

/// download() once the cache directory exists and the lock is held.
DownloadResult download_locked(const HttpRequest& request, const std::string& path, const FetchOptions& options) {
  const std::string what = "GET " + request.display;
  const std::string part = path + ".part";
  DownloadResult result;
  result.path = path;
  DownloadProgress progress(request.display, options.progress);
  std::string last_error;
  int last_status = 0;
  std::string last_body, last_region;

  for (int attempt = 1; attempt <= std::max(1, options.max_attempts); ++attempt) {
    if (attempt > 1) {
      long delay = std::min<long>(30000, static_cast<long>(options.retry_delay_ms) << std::min(attempt - 2, 15));
      char retry[64];
      std::snprintf(retry, sizeof retry, "; retry %d of %d in %.1f s", attempt - 1, options.max_attempts - 1,
                    static_cast<double>(delay) / 1000);
      progress.message(last_error + retry);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
    result.attempts = attempt;

    Attempt a;
    a.part_path = part;
    a.source = request.display;
    a.progress = &progress;
    HeaderList headers;
    for (const auto& h : request.headers) headers.add(h);

    auto cached = complete_copy(path);
    a.offset = add_validator_headers(path, cached, headers);

    char error_text[CURL_ERROR_SIZE] = "";
    CURLcode rc = perform(request, headers, options, a, error_text);
    result.bytes_received += a.received;
    last_status = 0;

    if (a.restart) {
      remove_part(part);
      last_error = a.write_error;
      continue;
    }
    if (!a.write_error.empty()) throw RunError(what + ": " + a.write_error);
    if (rc != CURLE_OK) {
      last_error = describe_curl_error(rc, error_text);
      if (!transient(rc)) throw RunError(what + ": " + last_error);
      continue;
    }
    if (a.status == 304 && cached) {
      result.transferred = false;
      progress.message("not modified, using " + path);
      return result;
    }
    if (a.status == 200 || a.status == 206) {
      last_error = install_part(a, request, options, path);
      if (!last_error.empty()) continue;
      result.transferred = true;
      result.resumed = a.status == 206;
      progress.finish(result.bytes_received, result.resumed);
      return result;
    }
    last_status = static_cast<int>(a.status);
    last_body = a.error_body;
    last_region = a.bucket_region;
    last_error = http_failure(a);
    if (a.status == 416 && a.offset > 0) {  // the .part no longer fits the object
      remove_part(part);
      continue;
    }
    if (a.status >= 500 || a.status == 429) continue;
    throw HttpError(what + ": " + last_error, last_status, last_body, last_region);
  }
  std::string message = what + ": " + last_error + " (gave up after " + std::to_string(result.attempts) + " attempts)";
  // What is still failing after every retry is the network's or the server's
  // doing: a later run may succeed (exit code 3).
  if (last_status) {
    HttpError error(message, last_status, last_body, last_region);
    error.transient = true;
    throw error;
  }
  throw RunError(message, /*transient=*/true);
}

}  // namespace

DownloadResult download(const HttpRequest& request, const std::string& path, const FetchOptions& options) {
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  try {
    if (fs::path(path).has_parent_path()) make_private_directory(fs::path(path).parent_path());
    CacheLock lock(path);
    return download_locked(request, path, options);
  } catch (const fs::filesystem_error& e) {
    throw RunError("GET " + request.display + ": download cache: " + e.what());
  }
}

}  // namespace mrun::load
