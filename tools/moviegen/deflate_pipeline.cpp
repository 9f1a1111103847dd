#include "deflate_pipeline.h"

#include <zlib.h>

#include <stdexcept>

namespace mrun::moviegen {

DeflatedPiece deflate_piece(const std::string& chunk) {
  DeflatedPiece piece;
  piece.size = chunk.size();
  piece.crc = static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(chunk.data()), chunk.size()));
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  piece.data.resize(deflateBound(&zs, chunk.size()) + 64);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
  zs.avail_in = static_cast<uInt>(chunk.size());
  zs.next_out = reinterpret_cast<Bytef*>(piece.data.data());
  zs.avail_out = static_cast<uInt>(piece.data.size());
  const int rc = deflate(&zs, Z_SYNC_FLUSH);
  const bool complete = rc == Z_OK && zs.avail_in == 0 && zs.avail_out > 0;
  piece.data.resize(piece.data.size() - zs.avail_out);
  deflateEnd(&zs);
  if (!complete) throw std::runtime_error("zlib deflate failed");
  return piece;
}

DeflatePipeline::DeflatePipeline(ChunkFn fn, size_t depth)
    : depth_(depth), thread_([this, fn = std::move(fn)]() mutable { run(std::move(fn)); }) {}

DeflatePipeline::~DeflatePipeline() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void DeflatePipeline::run(ChunkFn fn) {
  try {
    for (;;) {
      auto chunk = std::make_shared<std::string>();
      if (!fn(*chunk)) break;
      std::unique_lock lock(mu_);
      changed_.wait(lock, [&] { return stop_ || queue_.size() < depth_; });
      if (stop_) return;
      queue_.push_back(std::async(std::launch::async, [chunk] { return deflate_piece(*chunk); }));
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mu_);
    error_ = std::current_exception();
  }
  std::lock_guard lock(mu_);
  done_ = true;
  changed_.notify_all();
}

bool DeflatePipeline::next(std::string& out) {
  std::future<DeflatedPiece> front;
  {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return !queue_.empty() || done_; });
    if (queue_.empty()) {
      if (error_) std::rethrow_exception(error_);
      if (final_sent_) return false;
      out.assign("\x03\x00", 2);  // an empty final block (fixed Huffman) ends the stream
      final_sent_ = finished_ = true;
      return true;
    }
    front = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
  }
  DeflatedPiece piece = front.get();
  crc_ = static_cast<uint32_t>(crc32_combine(crc_, piece.crc, static_cast<z_off_t>(piece.size)));
  size_ += piece.size;
  out = std::move(piece.data);
  return true;
}

}  // namespace mrun::moviegen
