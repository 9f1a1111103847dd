#include "artifacts/json_text.h"

#include "util/parallel.h"

namespace mrun::artifacts {

std::string json_text(const nlohmann::ordered_json& value) {
  // Dumped into a buffer each thread keeps, then copied at its size: a
  // string grown by doubling from empty copied each node's text five times
  // or more, into fresh memory each time.
  thread_local std::string buffer;
  buffer.clear();
  nlohmann::detail::serializer<nlohmann::ordered_json> serializer(
      nlohmann::detail::output_adapter<char>(buffer), ' ', nlohmann::ordered_json::error_handler_t::replace);
  serializer.dump(value, false, false, 0);
  std::string text = buffer;
  if (buffer.capacity() > (1 << 20)) std::string().swap(buffer);  // a large document's memory is not kept
  return text;
}

JsonObjectWriter::JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }

void JsonObjectWriter::member(const std::string& key, const std::string& value_text) { value_of(key) += value_text; }

std::string& JsonObjectWriter::value_of(const std::string& key) {
  if (!first_) out_ += ',';
  first_ = false;
  out_ += json_text(key);
  out_ += ':';
  return out_;
}

void JsonObjectWriter::close() { out_ += '}'; }

std::vector<std::string> json_texts_in_parallel(size_t count,
                                                const std::function<nlohmann::ordered_json(size_t)>& item) {
  std::vector<std::string> texts(count);
  run_in_parallel(count, [&](size_t k) { texts[k] = json_text(item(k)); });
  return texts;
}

}  // namespace mrun::artifacts
