// A byte stream over a string (with a small read size so tests cross chunk
// boundaries; unit tests' inline CSV rows read through it too) and, for
// tests, a Dataset of in-memory files.
// The real datasets (zip, http, s3, directory) come from open_dataset().
#pragma once

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/dataset.h"
#include "util/error.h"

namespace mrun::load {

/// A ByteStream over an in-memory string, returning at most `step` bytes per read.
class MemoryStream : public ByteStream {
 public:
  explicit MemoryStream(std::string data, size_t step = 1 << 20) : data_(std::move(data)), step_(step) {}
  /// Copies the next bytes; 0 at the end.
  size_t read(char* buf, size_t n) override {
    size_t k = std::min({n, step_, data_.size() - at_});
    std::memcpy(buf, data_.data() + at_, k);
    at_ += k;
    return k;
  }
  /// The string's size.
  std::optional<uint64_t> size() const override { return data_.size(); }

 private:
  std::string data_;
  size_t step_;
  size_t at_ = 0;
};

/// A Dataset of in-memory files (name -> content), for tests.
class MemoryDataset : public Dataset {
 public:
  /// Files keyed by name.
  std::map<std::string, std::string> contents;
  /// Names of the files.
  std::vector<std::string> files() const override {
    std::vector<std::string> names;
    for (const auto& [name, text] : contents) names.push_back(name);
    return names;
  }
  /// A stream over one file; RunError when absent.
  std::unique_ptr<ByteStream> open(const std::string& name) const override {
    auto it = contents.find(name);
    if (it == contents.end()) throw RunError("no file " + name + " in " + describe());
    return std::make_unique<MemoryStream>(it->second, 64 << 10);
  }
  /// "memory".
  std::string describe() const override { return "memory dataset"; }
};

}  // namespace mrun::load
