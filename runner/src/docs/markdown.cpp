#include "docs/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace mrun::docs {

namespace {

// cmark-gfm's extensions write global tables of the inline parser when they
// are attached to a parser: one document at a time (a description takes
// microseconds).
std::mutex cmark_mutex;

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

constexpr int kOptions = CMARK_OPT_DEFAULT;  // safe: no raw HTML, no javascript: links

// Parses `markdown` with the GitHub extensions and hands the document and
// the parser's extensions to `use`.
template <typename Use>
std::string with_document(std::string_view markdown, Use use) {
  std::lock_guard lock(cmark_mutex);
  static const bool registered = (cmark_gfm_core_extensions_ensure_registered(), true);
  (void)registered;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"})
    if (cmark_syntax_extension* e = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), e);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));
  return use(document.get(), cmark_parser_get_syntax_extensions(parser.get()));
}

bool is_block(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_CODE_BLOCK:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string markdown_html(std::string_view markdown) {
  return with_document(markdown, [](cmark_node* document, cmark_llist* extensions) {
    char* html = cmark_render_html(document, kOptions, extensions);
    std::string out = html ? html : "";
    cmark_get_default_mem_allocator()->free(html);
    return out;
  });
}

std::string markdown_text(std::string_view markdown) {
  std::string text = with_document(markdown, [](cmark_node* document, cmark_llist*) {
    std::string out;
    auto separate = [&out](char c) {
      if (!out.empty() && out.back() != '\n' && out.back() != ' ') out += c;
      else if (c == '\n' && !out.empty() && out.back() == ' ') out.back() = '\n';
    };
    cmark_iter* iter = cmark_iter_new(document);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
      cmark_node* node = cmark_iter_get_node(iter);
      if (event == CMARK_EVENT_EXIT) {
        if (is_block(node)) separate('\n');
        else if (std::string_view(cmark_node_get_type_string(node)) == "table_cell") separate(' ');
        continue;
      }
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          out += cmark_node_get_literal(node);
          break;
        case CMARK_NODE_CODE_BLOCK:
          out += cmark_node_get_literal(node);
          separate('\n');
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          separate(' ');
          break;
        default:
          if (std::string_view(cmark_node_get_type_string(node)) == "table_row") separate('\n');
          break;
      }
    }
    cmark_iter_free(iter);
    return out;
  });
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace mrun::docs
