// Downloading one remote object into the download cache with libcurl:
// conditional requests (an unchanged object is not transferred again), resume
// of interrupted transfers (Range + If-Range), retries with exponential
// backoff on transient failures, and errors that say what failed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "load/dataset.h"
#include "util/error.h"

namespace mrun::load {

/// One GET request as the fetcher sends it.
struct HttpRequest {
  std::string url;                   ///< what to GET
  std::string display;               ///< how messages name it (never with credentials)
  std::vector<std::string> headers;  ///< extra "Name: value" headers
  std::string aws_sigv4;             ///< CURLOPT_AWS_SIGV4 ("aws:amz:REGION:s3"); empty: not signed
  std::string aws_credentials;       ///< "key_id:secret" used with aws_sigv4; never printed
  bool follow_redirects = true;      ///< follow 3xx Location (off for S3: it signals regions by 301)
  bool etag_is_md5 = false;          ///< S3: a plain 32-hex ETag is the object's MD5, checked after download
};

/// What download() did.
struct DownloadResult {
  std::string path;             ///< the complete object in the cache
  bool transferred = false;     ///< false: the cached copy was current (HTTP 304)
  bool resumed = false;         ///< a partial earlier download was continued
  uint64_t bytes_received = 0;  ///< body bytes received by this call, over all attempts
  int attempts = 0;             ///< requests sent
};

/// The text of the first <tag>...</tag> in `xml` ("" when absent).
std::string xml_element(const std::string& xml, const std::string& tag);

/// A final HTTP answer that is not a success (after retries, when retried).
class HttpError : public RunError {
 public:
  HttpError(const std::string& message, int status, std::string body, std::string bucket_region)
      : RunError(message),
        status(status),
        code(xml_element(body, "Code")),
        body(std::move(body)),
        bucket_region(std::move(bucket_region)) {}
  int status;                 ///< HTTP status code
  std::string code;           ///< S3 error <Code> from the XML body, if any ("NoSuchKey")
  std::string body;           ///< the answer's body (first 64 KB), e.g. S3's XML error
  std::string bucket_region;  ///< S3 x-amz-bucket-region header, if any
};

/// Makes the cache file `path` a complete, current copy of `request`'s
/// object and returns it. Sends If-None-Match/If-Modified-Since when a copy is
/// cached, Range/If-Range when a .part is left from an interrupted attempt.
/// Retries connect errors, timeouts, dropped connections, 5xx and 429 up to
/// options.max_attempts times. Throws HttpError for an HTTP failure status
/// ("HTTP 404 NoSuchKey"), RunError for DNS, connection, size or checksum
/// mismatch failures (mismatches are retried from scratch first); an error
/// still there after every retry is transient (RunError::transient). Concurrent callers for the same path are serialized (file lock).
DownloadResult download(const HttpRequest& request, const std::string& path, const FetchOptions& options);


}  // namespace mrun::load
