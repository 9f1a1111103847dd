#include "artifacts/json_text.h"

#include "util/parallel.h"

namespace mrun::artifacts {

std::string json_text(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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
