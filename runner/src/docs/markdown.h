// Descriptions as Markdown, as dbt renders them: model, column and source
// descriptions (with their doc() blocks already in the text) are GitHub
// flavoured Markdown: headings, emphasis, code, lists, links and tables.
// Rendered at generate time by cmark-gfm (GitHub's CommonMark library,
// Debian's libcmark-gfm-dev) in its safe mode: raw HTML in a description is
// left out, and links to javascript: and the like are dropped, so a
// description cannot run script in the site.
#pragma once

#include <string>
#include <string_view>

namespace mrun::docs {

/// `markdown` as HTML (block elements: <p>, <h1>, <ul>, <table>, ...).
std::string markdown_html(std::string_view markdown);

/// The words of `markdown` without its markup (for search and one-line
/// summaries): text, code and link texts, blocks separated by newlines.
std::string markdown_text(std::string_view markdown);

}  // namespace mrun::docs
