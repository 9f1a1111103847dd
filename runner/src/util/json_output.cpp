#include "util/json_output.h"

#include <iostream>
#include <mutex>
#include <string>

#include "util/json_event.h"

namespace mrun {

// Collects characters into lines and writes each to `target` as a JSON
// event (unless it is one already). Threads write whole lines through one
// stream, so a mutex guards the pending line.
class JsonOutput::LineBuffer : public std::streambuf {
 public:
  LineBuffer(std::streambuf* target, const char* stream) : target_(target), stream_(stream) {}
  ~LineBuffer() override { flush_line(); }

  void flush_line() {
    std::lock_guard lock(mu_);
    if (!line_.empty()) emit();
    target_->pubsync();
  }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    std::lock_guard lock(mu_);
    put(traits_type::to_char_type(ch));
    return ch;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard lock(mu_);
    for (std::streamsize i = 0; i < n; ++i) put(s[i]);
    return n;
  }
  int sync() override {
    target_->pubsync();
    return 0;
  }

 private:
  void put(char c) {
    if (escape_) {
      // ESC [ parameters final-byte; a lone ESC X is two characters.
      if (c == '[' && escape_ == 1) escape_ = 2;
      else if (escape_ == 1 || (c >= '@' && c <= '~')) escape_ = 0;
      return;
    }
    if (c == '\x1b') escape_ = 1;
    else if (c == '\r') line_.clear();
    else if (c == '\n') emit();
    else line_ += c;
  }

  void emit() {
    std::string out;
    if (!line_.empty() && line_.front() == '{' && nlohmann::json::accept(line_)) out = line_;
    else out = json_event("output", {{"stream", stream_}, {"message", line_}});
    out += '\n';
    target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    line_.clear();
  }

  std::streambuf* target_;
  const char* stream_;
  std::mutex mu_;
  std::string line_;
  int escape_ = 0;  ///< 1 after ESC, 2 inside ESC [ ...
};

JsonOutput::JsonOutput()
    : out_(std::make_unique<LineBuffer>(std::cout.rdbuf(), "stdout")),
      err_(std::make_unique<LineBuffer>(std::cerr.rdbuf(), "stderr")),
      cout_original_(std::cout.rdbuf(out_.get())),
      cerr_original_(std::cerr.rdbuf(err_.get())) {}

JsonOutput::~JsonOutput() {
  std::cout.flush();
  std::cerr.flush();
  out_->flush_line();
  err_->flush_line();
  std::cout.rdbuf(cout_original_);
  std::cerr.rdbuf(cerr_original_);
}

}  // namespace mrun
