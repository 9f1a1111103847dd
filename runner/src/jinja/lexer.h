// Splits template source into tokens: data between tags, and the expression
// tokens inside {{ }} and {% %}. Comments and raw blocks are resolved here, as
// is whitespace control ({%- -%}); the trailing newline rule is applied by
// normalize_source() before lexing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jinja/ast.h"

namespace mrun::jinja {

enum class TokenType { Data, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Int, Float, Op, Eof };

struct Token {
  TokenType type;
  ast::Pos pos;
  std::string text;  ///< data, name, decoded string, or operator spelling
  int64_t int_value = 0;
  double float_value = 0;
  size_t offset = 0;  ///< byte offset in the source
  bool big = false;   ///< an Int past int64: its value is the decimal `text`
};

/// Jinja2's newline handling: \r\n and \r become \n, and one trailing
/// newline is dropped (keep_trailing_newline off).
std::string normalize_source(std::string_view source);

/// Tokenizes normalized `source`. Throws TemplateError (with `name`) on
/// unterminated comments, strings or tags and on unexpected characters.
std::vector<Token> tokenize(std::string_view source, const std::string& name);

/// "'endfor'" / "end of template" etc., for error messages.
std::string describe_token(const Token& token);

}  // namespace mrun::jinja
