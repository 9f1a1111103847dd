#include "docs/query_tree.h"

#include <cstdlib>

#include "util/error.h"

namespace mrun::docs {

namespace {

const std::vector<QueryTreeItem> kNoItems;

bool is_special(char c) { return c == '(' || c == ')' || c == '{' || c == '}'; }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// pg_strtok's tokens: ( ) { } alone, else up to white space or one of them;
// a backslash keeps the next character in the token.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::vector<QueryTreeItem> values_until(char end) {
    std::vector<QueryTreeItem> out;
    for (;;) {
      skip_space();
      if (at_end()) {
        if (end) fail("unexpected end");
        return out;
      }
      if (text_[pos_] == end) {
        ++pos_;
        return out;
      }
      out.push_back(value());
    }
  }

 private:
  QueryTreeItem value() {
    QueryTreeItem item;
    char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      item.node = std::make_unique<QueryTreeNode>(node_body());
    } else if (c == '(') {
      ++pos_;
      item.is_list = true;
      item.list = values_until(')');
    } else if (c == ')' || c == '}') {
      fail("unbalanced '" + std::string(1, c) + "'");
    } else {
      item.atom = token();
    }
    return item;
  }

  // After '{': the type, then :field values... up to '}'.
  QueryTreeNode node_body() {
    QueryTreeNode node;
    skip_space();
    node.type = token();
    for (;;) {
      skip_space();
      if (at_end()) fail("unexpected end in " + node.type);
      if (text_[pos_] == '}') {
        ++pos_;
        return node;
      }
      std::string name = token();
      if (name.empty() || name[0] != ':') fail("expected a field of " + node.type + ", found '" + name + "'");
      std::vector<QueryTreeItem> values;
      for (;;) {
        skip_space();
        // A field's values end at the next field (a token starting with ':';
        // a value starting with ':' is written with a backslash) or at '}'.
        if (at_end() || text_[pos_] == '}' || text_[pos_] == ':') break;
        values.push_back(value());
      }
      node.fields.emplace_back(name.substr(1), std::move(values));
    }
  }

  std::string token() {
    if (!at_end() && is_special(text_[pos_])) return std::string(1, text_[pos_++]);
    std::string out;
    while (!at_end() && !is_space(text_[pos_]) && !is_special(text_[pos_])) {
      char c = text_[pos_++];
      if (c == '\\' && !at_end()) c = text_[pos_++];
      out += c;
    }
    return out;
  }

  void skip_space() {
    while (!at_end() && is_space(text_[pos_])) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  [[noreturn]] void fail(const std::string& what) const {
    throw RunError("cannot read a query tree at offset " + std::to_string(pos_) + ": " + what);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

const QueryTreeItem* QueryTreeNode::field(std::string_view name) const {
  for (const auto& [n, values] : fields)
    if (n == name) return values.empty() ? nullptr : &values.front();
  return nullptr;
}

const QueryTreeNode* QueryTreeNode::node(std::string_view name) const {
  const QueryTreeItem* item = field(name);
  return item ? item->node.get() : nullptr;
}

const std::vector<QueryTreeItem>& QueryTreeNode::list(std::string_view name) const {
  const QueryTreeItem* item = field(name);
  return item && item->is_list ? item->list : kNoItems;
}

long QueryTreeNode::number(std::string_view name, long fallback) const {
  const QueryTreeItem* item = field(name);
  if (!item || item->atom.empty()) return fallback;
  char* end = nullptr;
  long v = std::strtol(item->atom.c_str(), &end, 10);
  return end && *end == '\0' ? v : fallback;
}

std::string QueryTreeNode::text(std::string_view name) const {
  const QueryTreeItem* item = field(name);
  return item ? item->atom : "";
}

std::vector<QueryTreeItem> read_query_tree(std::string_view text) { return Reader(text).values_until('\0'); }

}  // namespace mrun::docs
