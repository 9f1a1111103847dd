// Deflates a file generator's output on several threads (pigz style): each
// chunk is compressed independently as raw deflate ending in a sync flush,
// and the pieces, concatenated in order and closed by an empty final block,
// form one valid deflate stream. Generation runs in its own thread too.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "dataset.h"

namespace mrun::moviegen {

/// One compressed chunk.
struct DeflatedPiece {
  std::string data;      ///< raw deflate blocks, byte-aligned (sync flush)
  uint64_t size = 0;     ///< uncompressed length
  uint32_t crc = 0;      ///< CRC-32 of the uncompressed bytes
};

/// Returns chunk compressed at level 1 as raw deflate ending in a sync
/// flush. Fails (std::runtime_error) if zlib fails.
DeflatedPiece deflate_piece(const std::string& chunk);

/// Generates and compresses a file in background threads; the consumer
/// reads the deflate stream piece by piece, in order.
class DeflatePipeline {
 public:
  /// Starts generating fn's chunks, keeping at most depth compressions in flight.
  explicit DeflatePipeline(ChunkFn fn, size_t depth = 4);
  /// Stops generation (discarding unread pieces) and joins the threads.
  ~DeflatePipeline();
  DeflatePipeline(const DeflatePipeline&) = delete;
  DeflatePipeline& operator=(const DeflatePipeline&) = delete;

  /// Replaces out with the next bytes of the deflate stream; returns false
  /// after the final block. Rethrows a generator or zlib exception.
  bool next(std::string& out);

  /// Returns true once next() has returned the whole stream.
  bool finished() const { return finished_; }
  /// Returns the uncompressed size (complete once finished()).
  uint64_t size() const { return size_; }
  /// Returns the CRC-32 of the uncompressed data (complete once finished()).
  uint32_t crc() const { return crc_; }

 private:
  void run(ChunkFn fn);

  size_t depth_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::future<DeflatedPiece>> queue_;
  bool done_ = false;
  bool stop_ = false;
  bool finished_ = false;
  bool final_sent_ = false;
  uint64_t size_ = 0;
  uint32_t crc_ = 0;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace mrun::moviegen
