#include "project/yaml_parse.h"

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>
#include <yaml.h>

#include "util/error.h"

namespace mrun::project {

namespace {

namespace detail = YAML::detail;

// yaml-cpp reads these plain scalars as null.
bool is_null_scalar(std::string_view value) {
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

YAML::Mark mark_of(const yaml_mark_t& m) {
  YAML::Mark mark;
  mark.pos = static_cast<int>(m.index);
  mark.line = static_cast<int>(m.line);
  mark.column = static_cast<int>(m.column);
  return mark;
}

std::string text_of(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

// Owns a libyaml parser for one text.
struct LibyamlParser {
  yaml_parser_t parser;
  LibyamlParser(std::string_view text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~LibyamlParser() { yaml_parser_delete(&parser); }
  LibyamlParser(const LibyamlParser&) = delete;
  LibyamlParser& operator=(const LibyamlParser&) = delete;
};

// The scalar keys of one mapping, to refuse a key given twice. A linear scan
// while the map is small (most are: a few keys each); an index beyond that.
class KeySet {
 public:
  // The earlier key equal to `key`, or nullptr (and `key` is remembered).
  // Keys that are not scalars (complex keys) are not compared.
  const detail::node* add(const detail::node& key) {
    if (!key.is_defined() || (key.type() != YAML::NodeType::Scalar && key.type() != YAML::NodeType::Null)) {
      return nullptr;
    }
    std::string_view name = identity(key);
    if (index_) {
      auto [it, added] = index_->emplace(name, &key);
      return added ? nullptr : it->second;
    }
    for (const detail::node* seen : keys_)
      if (identity(*seen) == name) return seen;
    keys_.push_back(&key);
    if (keys_.size() == kIndexAt) {
      index_ = std::make_unique<std::unordered_map<std::string_view, const detail::node*>>();
      for (const detail::node* seen : keys_) index_->emplace(identity(*seen), seen);
    }
    return nullptr;
  }

 private:
  static constexpr size_t kIndexAt = 32;
  // A null key (`~`, `null`, empty) is one key, distinct from the text "".
  static std::string_view identity(const detail::node& key) {
    return key.type() == YAML::NodeType::Null ? std::string_view("\0null", 5) : std::string_view(key.scalar());
  }
  std::vector<const detail::node*> keys_;
  std::unique_ptr<std::unordered_map<std::string_view, const detail::node*>> index_;
};

// Builds the node tree from events, as yaml-cpp's own builder does: a
// collection joins its parent when it ends; in a map, nodes alternate
// between key and value. A key given twice in one map is a ConfigError
// (YAML forbids it; PyYAML and yaml-cpp would keep one value silently).
class TreeBuilder {
 public:
  explicit TreeBuilder(const std::string& origin) : origin_(origin) {}

  void scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    detail::node& n = create(e.start_mark, s.anchor);
    if (!s.tag && plain && is_null_scalar(value)) {
      n.set_null();
    } else {
      n.set_scalar(std::string(value));
      n.set_tag(s.tag ? text_of(s.tag) : plain ? "?" : "!");
    }
    add(n);
  }

  void collection_start(const yaml_event_t& e, YAML::NodeType::value type) {
    bool sequence = type == YAML::NodeType::Sequence;
    const yaml_char_t* anchor = sequence ? e.data.sequence_start.anchor : e.data.mapping_start.anchor;
    const yaml_char_t* tag = sequence ? e.data.sequence_start.tag : e.data.mapping_start.tag;
    bool flow = sequence ? e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                         : e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    detail::node& n = create(e.start_mark, anchor);
    n.set_type(type);
    n.set_tag(tag ? text_of(tag) : "?");
    n.set_style(flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
    stack_.push_back({&n, nullptr, {}});
  }

  void collection_end() {
    detail::node* n = stack_.back().collection;
    stack_.pop_back();
    add(*n);
  }

  // False when the alias names no anchor seen before.
  bool alias(const yaml_event_t& e) {
    auto it = anchors_.find(text_of(e.data.alias.anchor));
    if (it == anchors_.end()) return false;
    add(*it->second);
    return true;
  }

  YAML::Node root() {
    if (!root_) return YAML::Node();
    // yaml-cpp makes a YAML::Node from an internal node only inside the
    // library or through an iterator: iterate over a holder sequence.
    detail::node& holder = memory_->create_node();
    holder.set_type(YAML::NodeType::Sequence);
    holder.push_back(*root_, memory_);
    YAML::iterator it(holder.begin(), memory_);
    return *it;
  }

 private:
  struct Frame {
    detail::node* collection;
    detail::node* pending_key;
    KeySet keys;  // of a map
  };

  detail::node& create(const yaml_mark_t& mark, const yaml_char_t* anchor) {
    detail::node& n = memory_->create_node();
    n.set_mark(mark_of(mark));
    if (anchor) anchors_[text_of(anchor)] = &n;
    return n;
  }

  void add(detail::node& n) {
    if (stack_.empty()) {
      if (!root_) root_ = &n;
      return;
    }
    Frame& top = stack_.back();
    if (top.collection->type() == YAML::NodeType::Sequence) {
      top.collection->push_back(n, memory_);
    } else if (!top.pending_key) {
      if (const detail::node* first = top.keys.add(n)) duplicate_key(n, *first);
      top.pending_key = &n;
    } else {
      top.collection->insert(*top.pending_key, n, memory_);
      top.pending_key = nullptr;
    }
  }

  [[noreturn]] void duplicate_key(const detail::node& key, const detail::node& first) const {
    const YAML::Mark& at = key.mark();
    std::string name = key.type() == YAML::NodeType::Null ? "null" : key.scalar();
    throw ConfigError(SourceLocation{origin_, at.line + 1, at.column + 1},
                      "duplicate key '" + name + "' (first at line " + std::to_string(first.mark().line + 1) +
                          ", column " + std::to_string(first.mark().column + 1) + ")");
  }

  const std::string& origin_;
  detail::shared_memory_holder memory_ = std::make_shared<detail::memory_holder>();
  std::vector<Frame> stack_;
  std::map<std::string, detail::node*> anchors_;
  detail::node* root_ = nullptr;
};

[[noreturn]] void fail(const yaml_parser_t& p, const std::string& origin) {
  const yaml_mark_t& at = p.problem ? p.problem_mark : p.context_mark;
  std::string message = p.problem ? p.problem : "malformed YAML";
  if (p.context) message += " (" + std::string(p.context) + ")";
  throw ConfigError(SourceLocation{origin, static_cast<int>(at.line) + 1, static_cast<int>(at.column) + 1}, message);
}

}  // namespace

YAML::Node parse_yaml(std::string_view text, const std::string& origin) {
  LibyamlParser owner(text);
  TreeBuilder builder(origin);
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&owner.parser, &e)) fail(owner.parser, origin);
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> held(&e, yaml_event_delete);
    switch (e.type) {
      case YAML_SCALAR_EVENT: builder.scalar(e); break;
      case YAML_SEQUENCE_START_EVENT: builder.collection_start(e, YAML::NodeType::Sequence); break;
      case YAML_MAPPING_START_EVENT: builder.collection_start(e, YAML::NodeType::Map); break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: builder.collection_end(); break;
      case YAML_ALIAS_EVENT:
        if (!builder.alias(e)) {
          throw ConfigError(SourceLocation{origin, static_cast<int>(e.start_mark.line) + 1,
                                           static_cast<int>(e.start_mark.column) + 1},
                            "unknown anchor '" + text_of(e.data.alias.anchor) + "'");
        }
        break;
      case YAML_DOCUMENT_END_EVENT:  // YAML::Load reads the first document only
      case YAML_STREAM_END_EVENT: return builder.root();
      default: break;
    }
  }
}

}  // namespace mrun::project
