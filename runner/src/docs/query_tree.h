// PostgreSQL's query trees as text (pg_node_tree: what pg_rewrite.ev_action
// holds for a view, written by the server's nodeToString): read into a tree
// of nodes, fields and lists that column lineage walks. The format:
// `{QUERY :commandType 1 :rtable ({RANGETBLENTRY ...} ...) ...}`; `<>` is
// NULL; `(b 1 2)`, `(i 1)`, `(o 23)` are bitmapsets and integer or OID lists;
// a Const's datum is `:constvalue 4 [ 1 0 0 0 ]`; a backslash escapes the
// next character of a token.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mrun::docs {

struct QueryTreeNode;

/// One value: a token ("16557", "true", "id", "<>"), a node, or a list.
struct QueryTreeItem {
  std::string atom;                           ///< a token (unescaped), when not a node or list
  std::unique_ptr<QueryTreeNode> node;        ///< `{TYPE ...}`
  std::vector<QueryTreeItem> list;            ///< `(...)`
  bool is_list = false;
};

/// `{TYPE :field value ...}`.
struct QueryTreeNode {
  std::string type;  ///< "QUERY", "VAR", "TARGETENTRY", ...
  std::vector<std::pair<std::string, std::vector<QueryTreeItem>>> fields;  ///< in order, without the ':'

  /// The first value of `field`, or nullptr when absent.
  const QueryTreeItem* field(std::string_view name) const;
  /// The node of `field`, or nullptr (absent, `<>`, not a node).
  const QueryTreeNode* node(std::string_view name) const;
  /// The items of list `field` (empty when absent or `<>`).
  const std::vector<QueryTreeItem>& list(std::string_view name) const;
  /// The token of `field` as an integer, or `fallback`.
  long number(std::string_view name, long fallback = 0) const;
  /// The token of `field`, or "".
  std::string text(std::string_view name) const;
};

/// Reads a whole pg_node_tree text: its top-level values (a view's
/// ev_action is a list of one QUERY). Throws RunError on text it cannot read.
std::vector<QueryTreeItem> read_query_tree(std::string_view text);

}  // namespace mrun::docs
