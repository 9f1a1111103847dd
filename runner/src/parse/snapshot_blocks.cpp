#include "parse/snapshot_blocks.h"

#include <cctype>

namespace mrun::parse {

namespace {

// A `{% word args %}` tag (with optional '-' whitespace control).
struct Tag {
  size_t begin = 0;   ///< index of "{%"
  size_t end = 0;     ///< index just past "%}"
  std::string word;   ///< "snapshot", "endsnapshot", ...
  std::string rest;   ///< what follows the word, trimmed
};

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The next tag at or after `from`, skipping {# comments #}; false at the end.
bool next_tag(const std::string& text, size_t from, Tag& tag) {
  for (size_t i = text.find('{', from); i != std::string::npos && i + 1 < text.size(); i = text.find('{', i + 1)) {
    if (text[i + 1] == '#') {
      size_t close = text.find("#}", i + 2);
      if (close == std::string::npos) return false;
      i = close;
      continue;
    }
    if (text[i + 1] != '%') continue;
    size_t close = text.find("%}", i + 2);
    if (close == std::string::npos) return false;
    size_t a = i + 2, b = close;
    if (a < b && text[a] == '-') ++a;
    if (b > a && text[b - 1] == '-') --b;
    while (a < b && space(text[a])) ++a;
    while (b > a && space(text[b - 1])) --b;
    size_t word_end = a;
    while (word_end < b && !space(text[word_end])) ++word_end;
    tag.begin = i;
    tag.end = close + 2;
    tag.word = text.substr(a, word_end - a);
    size_t rest = word_end;
    while (rest < b && space(text[rest])) ++rest;
    tag.rest = text.substr(rest, b - rest);
    return true;
  }
  return false;
}

SourceLocation location_at(const std::string& text, size_t index, const std::string& path) {
  int line = 1, column = 1;
  for (size_t i = 0; i < index && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return SourceLocation{path, line, column};
}

bool identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

}  // namespace

std::vector<SnapshotBlock> find_snapshot_blocks(const std::string& text, const std::string& path) {
  std::vector<SnapshotBlock> blocks;
  Tag tag;
  size_t at = 0;
  while (next_tag(text, at, tag)) {
    at = tag.end;
    if (tag.word == "endsnapshot")
      throw ConfigError(location_at(text, tag.begin, path), "{% endsnapshot %} without a {% snapshot %} before it");
    if (tag.word != "snapshot") continue;
    SnapshotBlock block;
    block.where = location_at(text, tag.begin, path);
    if (!identifier(tag.rest))
      throw ConfigError(block.where, "{% snapshot %} needs a name: {% snapshot my_snapshot %}");
    block.name = tag.rest;
    size_t body_begin = tag.end;
    Tag end;
    bool closed = false;
    while (next_tag(text, at, end)) {
      at = end.end;
      if (end.word == "endsnapshot") {
        closed = true;
        break;
      }
      if (end.word == "snapshot")
        throw ConfigError(location_at(text, end.begin, path), "{% snapshot %} inside snapshot " + block.name);
    }
    if (!closed) throw ConfigError(block.where, "snapshot " + block.name + " has no {% endsnapshot %}");
    block.body = text.substr(body_begin, end.begin - body_begin);
    block.placed_body = text.substr(0, body_begin);
    for (char& c : block.placed_body)
      if (c != '\n') c = ' ';
    block.placed_body += block.body;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace mrun::parse
