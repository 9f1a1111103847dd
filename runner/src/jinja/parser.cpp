#include "jinja/parser.h"

#include <cstring>
#include <initializer_list>
#include <set>
#include <string_view>
#include <unordered_map>

#include "jinja/bigint.h"
#include "jinja/builtins.h"
#include "jinja/lexer.h"
#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

using namespace ast;

/// Tag names that end a body or a tuple: string literals, compared without
/// building strings on each call.
using Names = std::initializer_list<std::string_view>;

/// `text == word`, the lengths compared first (no memcmp call for the many
/// tokens that differ in length).
bool same(const std::string& text, std::string_view word) {
  return text.size() == word.size() && std::memcmp(text.data(), word.data(), word.size()) == 0;
}

class Parser {
 public:
  Parser(std::string_view source, const std::string& name, const EnvironmentOptions& options)
      : source_(source), name_(name), options_(options), tokens_(tokenize(source, name)) {}

  std::shared_ptr<const TemplateBody> run() {
    auto root = std::make_shared<TemplateBody>();
    root->body = subparse({});
    if (cur().type != TokenType::Eof) fail_tag(cur());
    if (!unknown_names_.empty()) fail(unknown_names_[0].first, unknown_names_[0].second);
    root->docs = std::move(docs_);
    root->blocks = std::move(blocks_);
    return root;
  }

 private:
  // ---- token stream ----
  const Token& cur() const { return tokens_[idx_]; }
  const Token& look() const { return tokens_[idx_ + 1 < tokens_.size() ? idx_ + 1 : idx_]; }
  const Token& next() {
    const Token& t = tokens_[idx_];
    if (idx_ + 1 < tokens_.size()) ++idx_;
    return t;
  }
  // string_view: the length is compared first, no strlen per check (the
  // precedence levels test the current token against many operators).
  bool is_op(std::string_view op) const { return cur().type == TokenType::Op && same(cur().text, op); }
  bool is_name(std::string_view n) const { return cur().type == TokenType::Name && same(cur().text, n); }
  bool skip_op(std::string_view op) {
    if (!is_op(op)) return false;
    next();
    return true;
  }
  bool skip_name(std::string_view n) {
    if (!is_name(n)) return false;
    next();
    return true;
  }

  [[noreturn]] void fail(const Pos& p, const std::string& message) const {
    throw TemplateError(SourceLocation{name_, p.line, p.column}, message, source_);
  }
  [[noreturn]] void unexpected(const std::string& expected) const {
    fail(cur().pos, "unexpected " + describe_token(cur()) + ", expected " + expected);
  }
  void expect_op(std::string_view op) {
    if (!skip_op(op)) unexpected("'" + std::string(op) + "'");
  }
  const Token& expect_name() {
    if (cur().type != TokenType::Name) unexpected("a name");
    return next();
  }
  void expect_keyword(std::string_view n) {
    if (!skip_name(n)) unexpected("'" + std::string(n) + "'");
  }
  void expect_block_end() {
    if (cur().type != TokenType::BlockEnd) unexpected("end of statement block");
    next();
  }

  /// A scope other than the template's own (Jinja2's non-toplevel frames).
  struct InnerScope {
    Parser& p;
    explicit InnerScope(Parser& parser) : p(parser) { ++p.inner_scopes_; }
    ~InnerScope() { --p.inner_scopes_; }
  };

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > p.options_.max_parse_depth) p.fail(p.cur().pos, "template nesting too deep");
    }
    ~DepthGuard() { --p.depth_; }
  };

  // ---- statements ----

  /// Error for a block tag that closes nothing open or is unknown.
  [[noreturn]] void fail_tag(const Token& tok) const {
    std::string expected;
    for (auto it = end_stack_.rbegin(); it != end_stack_.rend(); ++it) {
      if (!it->empty()) {
        expected = *it;
        break;
      }
    }
    if (tok.type == TokenType::Eof)
      fail(tok.pos, "unexpected end of template" + (expected.empty() ? "" : ", expected '" + expected + "'"));
    if (expected.empty()) fail(tok.pos, "Encountered unknown tag '" + tok.text + "'");
    fail(tok.pos, "unexpected '" + tok.text + "', expected '" + expected + "'");
  }

  /// Statements until a block tag whose name is in `ends` (left current).
  Body subparse(Names ends) {
    DepthGuard guard(*this);
    Body body;
    while (true) {
      const Token& t = cur();
      if (t.type == TokenType::Eof) return body;
      if (t.type == TokenType::Data) {
        // The token is not read again: its text moves into the tree.
        body.push_back(std::make_unique<TextStmt>(t.pos, std::move(tokens_[idx_].text)));
        next();
      } else if (t.type == TokenType::VarBegin) {
        Pos p = next().pos;
        auto e = parse_tuple(true, {}, false);
        if (cur().type != TokenType::VarEnd) unexpected("end of print statement");
        next();
        body.push_back(std::make_unique<ExprStmt>(StmtKind::Print, p, std::move(e)));
      } else if (t.type == TokenType::BlockBegin) {
        next();
        if (cur().type == TokenType::Name)
          for (std::string_view e : ends)
            if (same(cur().text, e)) return body;
        if (StmtPtr s = parse_statement()) body.push_back(std::move(s));
        expect_block_end();
      } else {
        unexpected("template data");
      }
    }
  }

  /// Body of a block statement: `%}` ... up to one of `ends`; consumes the
  /// end name when drop_needle. Returns the end name seen.
  std::string parse_block(Body& out, Names ends, bool drop_needle) {
    skip_op(":");
    expect_block_end();
    end_stack_.push_back(*ends.begin());
    out = subparse(ends);
    end_stack_.pop_back();
    if (cur().type == TokenType::Eof) {
      end_stack_.push_back(*ends.begin());
      fail_tag(cur());
    }
    std::string seen = cur().text;
    if (drop_needle) next();
    return seen;
  }

  StmtPtr parse_statement() {
    const Token& t = cur();
    if (t.type != TokenType::Name) unexpected("a tag name");
    const std::string& n = t.text;
    Pos p = t.pos;
    if (n == "if") return parse_if();
    if (n == "for") return parse_for();
    if (n == "set") return parse_set();
    if (n == "macro") return parse_macro("", "endmacro");
    if (n == "call") return parse_call_block();
    if (n == "filter") return parse_filter_block();
    if (n == "with") return parse_with();
    if (n == "do") {
      next();
      return std::make_unique<ExprStmt>(StmtKind::Do, p, parse_tuple(true, {}, false));
    }
    if (n == "include" || n == "import" || n == "from") return parse_import();
    if (n == "extends") return parse_extends();
    if (n == "block") return parse_block_stmt();
    if (n == "autoescape") return parse_autoescape();
    if (n == "break" || n == "continue") {
      if (loop_depth_ == 0) fail(p, "'" + n + "' outside of a loop");
      next();
      return std::make_unique<Stmt>(n == "break" ? StmtKind::Break : StmtKind::Continue, p);
    }
    if (options_.dbt_blocks && n == "test") return parse_macro("test_", "endtest");
    if (options_.dbt_blocks && n == "docs") return parse_docs();
    fail_tag(t);
  }

  StmtPtr parse_if() {
    auto node = std::make_unique<IfStmt>(next().pos);
    ++soft_;
    while (true) {
      ExprPtr test = parse_tuple(false, {}, false);
      Body body;
      std::string end = parse_block(body, {"endif", "elif", "else"}, true);
      node->branches.emplace_back(std::move(test), std::move(body));
      if (end == "elif") continue;
      if (end == "else") parse_block(node->otherwise, {"endif"}, true);
      break;
    }
    --soft_;
    return node;
  }

  StmtPtr parse_for() {
    auto node = std::make_unique<ForStmt>(next().pos);
    int saved_soft = soft_;
    soft_ = 0;
    node->target = parse_target(true, {"in"});
    expect_keyword("in");
    node->iter = parse_tuple(false, {"recursive"}, false);
    if (skip_name("if")) node->filter = parse_expression(true);
    node->recursive = skip_name("recursive");
    ++loop_depth_;
    std::string end;
    {
      InnerScope inner(*this);
      end = parse_block(node->body, {"endfor", "else"}, true);
    }
    --loop_depth_;
    if (end == "else") parse_block(node->otherwise, {"endfor"}, true);
    soft_ = saved_soft;
    return node;
  }

  StmtPtr parse_set() {
    Pos p = next().pos;
    Target target = parse_target(true, {}, true);
    if (skip_op("=")) {
      auto node = std::make_unique<SetStmt>(p);
      node->target = std::move(target);
      node->value = parse_tuple(true, {}, false);
      return node;
    }
    auto node = std::make_unique<SetBlockStmt>(p);
    node->target = std::move(target);
    if (is_op("|")) node->filter = parse_filter(nullptr, false);
    InnerScope inner(*this);
    parse_block(node->body, {"endset"}, true);
    return node;
  }

  /// Parses "(a, b=1)" into def.params/defaults.
  void parse_signature(MacroDef& def) {
    expect_op("(");
    while (!is_op(")")) {
      if (!def.params.empty()) expect_op(",");
      const Token& arg = expect_name();
      def.params.push_back(arg.text);
      if (skip_op("=")) {
        def.defaults.push_back(parse_expression(true));
      } else {
        for (const auto& d : def.defaults)
          if (d) fail(arg.pos, "non-default argument follows default argument");
        def.defaults.push_back(nullptr);
      }
    }
    expect_op(")");
  }

  /// Macro bodies see their own loop/name context.
  void parse_macro_body(MacroDef& def, const char* end) {
    int saved_loops = loop_depth_, saved_soft = soft_;
    loop_depth_ = soft_ = 0;
    name_sinks_.emplace_back();
    InnerScope inner(*this);
    parse_block(def.body, {end}, true);
    std::set<std::string> names = std::move(name_sinks_.back());
    name_sinks_.pop_back();
    loop_depth_ = saved_loops;
    soft_ = saved_soft;
    for (const auto& param : def.params)
      if (param == "caller") def.explicit_caller = true;
    def.uses_caller = names.count("caller") > 0;
    def.uses_varargs = names.count("varargs") > 0;
    def.uses_kwargs = names.count("kwargs") > 0;
  }

  StmtPtr parse_macro(const std::string& prefix, const char* end) {
    auto node = std::make_unique<MacroStmt>(next().pos);
    node->def.pos = cur().pos;
    node->def.name = prefix + expect_name().text;
    parse_signature(node->def);
    parse_macro_body(node->def, end);
    return node;
  }

  StmtPtr parse_call_block() {
    auto node = std::make_unique<CallBlockStmt>(next().pos);
    node->caller.pos = node->pos;
    node->caller.name = "caller";
    if (is_op("(")) parse_signature(node->caller);
    Pos p = cur().pos;
    node->call = parse_expression(true);
    if (node->call->kind != ExprKind::Call) fail(p, "expected call");
    parse_macro_body(node->caller, "endcall");
    return node;
  }

  StmtPtr parse_filter_block() {
    auto node = std::make_unique<FilterBlockStmt>(next().pos);
    node->filter = parse_filter(nullptr, true);
    InnerScope inner(*this);
    parse_block(node->body, {"endfilter"}, true);
    return node;
  }

  StmtPtr parse_with() {
    auto node = std::make_unique<WithStmt>(next().pos);
    while (cur().type != TokenType::BlockEnd) {
      if (!node->assignments.empty()) expect_op(",");
      Target t = parse_target(true, {});
      expect_op("=");
      node->assignments.emplace_back(std::move(t), parse_expression(true));
    }
    InnerScope inner(*this);
    parse_block(node->body, {"endwith"}, true);
    return node;
  }

  bool parse_context_flag(ImportStmt& node) {
    if ((is_name("with") || is_name("without")) && look().type == TokenType::Name && look().text == "context") {
      node.with_context = next().text == "with";
      next();
      return true;
    }
    return false;
  }

  StmtPtr parse_import() {
    const Token& kw = next();
    StmtKind kind = kw.text == "include" ? StmtKind::Include : kw.text == "import" ? StmtKind::Import : StmtKind::FromImport;
    auto node = std::make_unique<ImportStmt>(kind, kw.pos);
    node->template_name = parse_expression(true);
    if (kind == StmtKind::Include) {
      node->with_context = true;
      if (is_name("ignore") && look().type == TokenType::Name && look().text == "missing") {
        next();
        next();
        node->ignore_missing = true;
      }
      parse_context_flag(*node);
    } else if (kind == StmtKind::Import) {
      expect_keyword("as");
      node->alias = expect_name().text;
      parse_context_flag(*node);
    } else {
      expect_keyword("import");
      while (true) {
        if (!node->names.empty()) expect_op(",");
        if (cur().type != TokenType::Name) unexpected("a name");
        if (parse_context_flag(*node)) break;
        const Token& n = next();
        if (n.text[0] == '_') fail(n.pos, "names starting with an underline can not be imported");
        std::string alias = n.text;
        if (skip_name("as")) alias = expect_name().text;
        node->names.emplace_back(n.text, alias);
        if (parse_context_flag(*node) || !is_op(",")) break;
      }
    }
    return node;
  }

  /// `{% extends name %}`: only where Jinja2 allows it (the template's own
  /// scope, `if` included; not inside loops, macros, blocks, with, ...).
  StmtPtr parse_extends() {
    Pos p = next().pos;
    if (inner_scopes_ > 0) fail(p, "cannot use extend from a non top-level scope");
    return std::make_unique<ExprStmt>(StmtKind::Extends, p, parse_expression(true));
  }

  StmtPtr parse_block_stmt() {
    auto node = std::make_unique<BlockStmt>(next().pos);
    const Token& name = expect_name();
    node->name = name.text;
    node->scoped = skip_name("scoped");
    node->required = skip_name("required");
    if (is_op("-"))
      fail(cur().pos, "Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.");
    for (const BlockStmt* b : blocks_)
      if (b->name == node->name) fail(name.pos, "block '" + node->name + "' defined twice");
    blocks_.push_back(node.get());
    {
      InnerScope inner(*this);
      int saved_loops = loop_depth_;
      loop_depth_ = 0;
      parse_block(node->body, {"endblock"}, true);
      loop_depth_ = saved_loops;
    }
    if (node->required)
      for (const auto& s : node->body) {
        bool blank = s->kind == StmtKind::Text &&
                     static_cast<const TextStmt&>(*s).text.find_first_not_of(" \t\n\r\f\v") == std::string::npos;
        if (!blank) fail(s->pos, "Required blocks can only contain comments or whitespace");
      }
    skip_name(node->name);
    return node;
  }

  StmtPtr parse_autoescape() {
    auto node = std::make_unique<AutoescapeStmt>(next().pos);
    node->enabled = parse_expression(true);
    InnerScope inner(*this);
    parse_block(node->body, {"endautoescape"}, true);
    return node;
  }

  StmtPtr parse_docs() {
    Pos p = next().pos;
    DocsBlock doc;
    doc.name = expect_name().text;
    doc.line = p.line;
    if (cur().type != TokenType::BlockEnd) unexpected("end of statement block");
    size_t start = cur().offset;
    Body ignored;
    parse_block(ignored, {"enddocs"}, false);
    size_t end = tokens_[idx_ - 1].offset;  // the `{%` of enddocs
    next();
    doc.text = std::string(source_.substr(start, end > start ? end - start : 0));
    docs_.push_back(std::move(doc));
    return nullptr;
  }

  /// Assignment target: name, `ns.attr` (set only), or tuple of targets.
  Target parse_target(bool with_tuple, Names extra_ends, bool with_namespace = false) {
    if (with_namespace && cur().type == TokenType::Name && look().type == TokenType::Op && look().text == ".") {
      Target t;
      t.kind = Target::NsAttr;
      t.pos = cur().pos;
      t.name = next().text;
      next();
      t.attr = expect_name().text;
      return t;
    }
    Target first = parse_target_primary();
    if (!with_tuple || !is_op(",")) return first;
    Target tuple;
    tuple.kind = Target::Tuple;
    tuple.pos = first.pos;
    tuple.items.push_back(std::move(first));
    while (skip_op(",")) {
      if (is_tuple_end(extra_ends)) break;
      tuple.items.push_back(parse_target_primary());
    }
    return tuple;
  }

  Target parse_target_primary() {
    Target t;
    t.pos = cur().pos;
    if (cur().type == TokenType::Name) {
      static const std::set<std::string> kConsts = {"true", "false", "none", "True", "False", "None"};
      if (kConsts.count(cur().text)) fail(cur().pos, "can't assign to 'const'");
      t.name = next().text;
      return t;
    }
    if (skip_op("(")) {
      t.kind = Target::Tuple;
      while (!is_op(")")) {
        if (!t.items.empty()) expect_op(",");
        if (is_op(")")) break;
        t.items.push_back(parse_target_primary());
      }
      expect_op(")");
      return t;
    }
    unexpected("a name");
  }

  // ---- expressions ----

  bool is_tuple_end(Names extra) const {
    TokenType t = cur().type;
    if (t == TokenType::VarEnd || t == TokenType::BlockEnd || (t == TokenType::Op && cur().text == ")")) return true;
    if (t == TokenType::Name)
      for (std::string_view e : extra)
        if (same(cur().text, e)) return true;
    return false;
  }

  ExprPtr parse_tuple(bool with_condexpr, Names extra_ends, bool explicit_parens) {
    Pos p = cur().pos;
    std::vector<ExprPtr> items;
    bool is_tuple = false;
    while (true) {
      if (!items.empty()) expect_op(",");
      if (is_tuple_end(extra_ends)) break;
      items.push_back(parse_expression(with_condexpr));
      if (is_op(",")) is_tuple = true;
      else break;
    }
    if (!is_tuple) {
      if (!items.empty()) return std::move(items[0]);
      if (!explicit_parens) fail(cur().pos, "Expected an expression, got " + describe_token(cur()));
    }
    auto t = std::make_unique<SeqExpr>(ExprKind::Tuple, p);
    t->items = std::move(items);
    return t;
  }

  ExprPtr parse_expression(bool with_condexpr) {
    DepthGuard guard(*this);
    return with_condexpr ? parse_condexpr() : parse_or();
  }

  ExprPtr parse_condexpr() {
    size_t mark = unknown_names_.size();
    ExprPtr expr = parse_or();
    while (is_name("if")) {
      unknown_names_.resize(std::min(mark, unknown_names_.size()));
      auto c = std::make_unique<CondExpr>(next().pos);
      ++soft_;
      c->test = parse_or();
      if (skip_name("else")) c->otherwise = parse_condexpr();
      --soft_;
      c->then = std::move(expr);
      expr = std::move(c);
    }
    return expr;
  }

  ExprPtr parse_or() {
    ExprPtr left = parse_and();
    while (is_name("or")) {
      Pos p = next().pos;
      left = std::make_unique<BinaryExpr>(ExprKind::Or, p, BinOp::Add, std::move(left), parse_and());
    }
    return left;
  }

  ExprPtr parse_and() {
    ExprPtr left = parse_not();
    while (is_name("and")) {
      Pos p = next().pos;
      left = std::make_unique<BinaryExpr>(ExprKind::And, p, BinOp::Add, std::move(left), parse_not());
    }
    return left;
  }

  ExprPtr parse_not() {
    if (is_name("not")) {
      DepthGuard guard(*this);
      auto n = std::make_unique<SeqExpr>(ExprKind::Not, next().pos);
      n->items.push_back(parse_not());
      return n;
    }
    return parse_compare();
  }

  ExprPtr parse_compare() {
    Pos p = cur().pos;
    ExprPtr first = parse_math1();
    std::unique_ptr<CompareExpr> cmp;
    while (true) {
      CmpOp op;
      if (is_op("==")) op = CmpOp::Eq;
      else if (is_op("!=")) op = CmpOp::Ne;
      else if (is_op("<")) op = CmpOp::Lt;
      else if (is_op("<=")) op = CmpOp::Le;
      else if (is_op(">")) op = CmpOp::Gt;
      else if (is_op(">=")) op = CmpOp::Ge;
      else if (is_name("in")) op = CmpOp::In;
      else if (is_name("not") && look().type == TokenType::Name && look().text == "in") {
        next();
        op = CmpOp::NotIn;
      } else break;
      next();
      if (!cmp) {
        cmp = std::make_unique<CompareExpr>(p);
        cmp->first = std::move(first);
      }
      cmp->rest.emplace_back(op, parse_math1());
    }
    if (cmp) return cmp;
    return first;
  }

  ExprPtr binary(BinOp op, ExprPtr left, ExprPtr right, Pos p) {
    return std::make_unique<BinaryExpr>(ExprKind::Binary, p, op, std::move(left), std::move(right));
  }

  ExprPtr parse_math1() {
    ExprPtr left = parse_concat();
    while (is_op("+") || is_op("-")) {
      const Token& t = next();
      BinOp op = t.text == "+" ? BinOp::Add : BinOp::Sub;
      left = binary(op, std::move(left), parse_concat(), t.pos);
    }
    return left;
  }

  ExprPtr parse_concat() {
    Pos p = cur().pos;
    ExprPtr first = parse_math2();
    if (!is_op("~")) return first;
    auto c = std::make_unique<ConcatExpr>(p);
    c->parts.push_back(std::move(first));
    while (skip_op("~")) c->parts.push_back(parse_math2());
    return c;
  }

  ExprPtr parse_math2() {
    ExprPtr left = parse_pow();
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
      const Token& t = next();
      BinOp op = t.text == "*" ? BinOp::Mul : t.text == "/" ? BinOp::Div : t.text == "//" ? BinOp::FloorDiv : BinOp::Mod;
      left = binary(op, std::move(left), parse_pow(), t.pos);
    }
    return left;
  }

  ExprPtr parse_pow() {
    ExprPtr left = parse_unary(true);
    while (is_op("**")) {
      Pos p = next().pos;
      left = binary(BinOp::Pow, std::move(left), parse_unary(true), p);
    }
    return left;
  }

  ExprPtr parse_unary(bool with_filter) {
    DepthGuard guard(*this);
    ExprPtr node;
    if (is_op("-") || is_op("+")) {
      const Token& t = next();
      auto n = std::make_unique<SeqExpr>(t.text == "-" ? ExprKind::Neg : ExprKind::Pos, t.pos);
      n->items.push_back(parse_unary(false));
      node = std::move(n);
    } else {
      node = parse_primary();
    }
    node = parse_postfix(std::move(node));
    if (with_filter) node = parse_filter_expr(std::move(node));
    return node;
  }

  ExprPtr parse_primary() {
    const Token& t = cur();
    Pos p = t.pos;
    switch (t.type) {
      case TokenType::Name: {
        next();
        if (t.text == "true" || t.text == "True") return std::make_unique<ConstExpr>(p, Value(true));
        if (t.text == "false" || t.text == "False") return std::make_unique<ConstExpr>(p, Value(false));
        if (t.text == "none" || t.text == "None") return std::make_unique<ConstExpr>(p, Value::none());
        for (auto& sink : name_sinks_) sink.insert(t.text);
        return std::make_unique<NameExpr>(p, t.text);
      }
      case TokenType::String: {
        std::string s = std::move(tokens_[idx_].text);  // not read again
        next();
        while (cur().type == TokenType::String) s += next().text;
        // One object per distinct string constant of the template, as
        // CPython's compiler merges the constants of the code Jinja2
        // generates: `{% set a = 'x y' %}{% set b = 'x y' %}` makes `a is
        // sameas b` true.
        auto constant = string_constants_.find(s);
        if (constant == string_constants_.end()) constant = string_constants_.emplace(s, Value(s)).first;
        return std::make_unique<ConstExpr>(p, constant->second);
      }
      case TokenType::Int: {
        const Token& tok = next();
        return std::make_unique<ConstExpr>(p, tok.big ? Value::integer(BigInt::parse(tok.text)) : Value(tok.int_value));
      }
      case TokenType::Float: return std::make_unique<ConstExpr>(p, Value(next().float_value));
      case TokenType::Op:
        if (t.text == "(") {
          next();
          ExprPtr e = parse_tuple(true, {}, true);
          expect_op(")");
          return e;
        }
        if (t.text == "[") {
          next();
          auto list = std::make_unique<SeqExpr>(ExprKind::List, p);
          while (!is_op("]")) {
            if (!list->items.empty()) expect_op(",");
            if (is_op("]")) break;
            list->items.push_back(parse_expression(true));
          }
          expect_op("]");
          return list;
        }
        if (t.text == "{") {
          next();
          auto dict = std::make_unique<DictExpr>(p);
          while (!is_op("}")) {
            if (!dict->items.empty()) expect_op(",");
            if (is_op("}")) break;
            ExprPtr key = parse_expression(true);
            expect_op(":");
            dict->items.emplace_back(std::move(key), parse_expression(true));
          }
          expect_op("}");
          return dict;
        }
        break;
      default: break;
    }
    fail(p, "unexpected " + describe_token(t));
  }

  ExprPtr parse_postfix(ExprPtr node) {
    while (true) {
      if (is_op(".")) {
        Pos p = next().pos;
        if (cur().type == TokenType::Name) {
          node = std::make_unique<AttrExpr>(p, std::move(node), next().text);
        } else if (cur().type == TokenType::Int) {
          node = std::make_unique<ItemExpr>(p, std::move(node), std::make_unique<ConstExpr>(p, Value(next().int_value)));
        } else {
          fail(cur().pos, "expected name or number");
        }
      } else if (is_op("[")) {
        Pos p = next().pos;
        std::vector<ExprPtr> args;
        while (!is_op("]")) {
          if (!args.empty()) expect_op(",");
          args.push_back(parse_subscribed());
        }
        expect_op("]");
        ExprPtr index;
        if (args.size() == 1) {
          index = std::move(args[0]);
        } else {
          auto t = std::make_unique<SeqExpr>(ExprKind::Tuple, p);
          t->items = std::move(args);
          index = std::move(t);
        }
        node = std::make_unique<ItemExpr>(p, std::move(node), std::move(index));
      } else if (is_op("(")) {
        node = parse_call(std::move(node));
      } else {
        return node;
      }
    }
  }

  ExprPtr parse_subscribed() {
    Pos p = cur().pos;
    ExprPtr start;
    if (!is_op(":")) {
      start = parse_expression(true);
      if (!is_op(":")) return start;
    }
    next();
    auto slice = std::make_unique<SliceExpr>(p);
    slice->start = std::move(start);
    if (!is_op(":") && !is_op("]") && !is_op(",")) slice->stop = parse_expression(true);
    if (skip_op(":")) {
      if (!is_op("]") && !is_op(",")) slice->step = parse_expression(true);
    }
    return slice;
  }

  void parse_call_args(Args& args) {
    Pos p = cur().pos;
    expect_op("(");
    bool require_comma = false;
    auto ensure = [&](bool ok) {
      if (!ok) fail(p, "invalid syntax for function call expression");
    };
    while (!is_op(")")) {
      if (require_comma) {
        expect_op(",");
        if (is_op(")")) break;
      }
      if (is_op("*")) {
        ensure(!args.star && !args.starstar);
        next();
        args.star = parse_expression(true);
      } else if (is_op("**")) {
        ensure(!args.starstar);
        next();
        args.starstar = parse_expression(true);
      } else if (cur().type == TokenType::Name && look().type == TokenType::Op && look().text == "=") {
        ensure(!args.starstar);
        std::string key = next().text;
        next();
        args.keyword.emplace_back(std::move(key), parse_expression(true));
      } else {
        ensure(!args.star && !args.starstar && args.keyword.empty());
        args.positional.push_back(parse_expression(true));
      }
      require_comma = true;
    }
    expect_op(")");
  }

  ExprPtr parse_call(ExprPtr callee) {
    auto call = std::make_unique<CallExpr>(cur().pos);
    call->callee = std::move(callee);
    parse_call_args(call->args);
    return call;
  }

  /// `| name(args)` chain; `start_inline` means the first name has no pipe.
  ExprPtr parse_filter(ExprPtr node, bool start_inline) {
    while (is_op("|") || start_inline) {
      if (!start_inline) next();
      start_inline = false;
      auto f = std::make_unique<FilterExpr>(cur().pos);
      const Token& name = expect_name();
      f->name = name.text;
      while (skip_op(".")) f->name += "." + expect_name().text;
      f->fn = find_filter(f->name);
      if (!f->fn && soft_ == 0) unknown_names_.emplace_back(name.pos, "No filter named '" + f->name + "'.");
      if (is_op("(")) parse_call_args(f->args);
      f->operand = std::move(node);
      node = std::move(f);
    }
    return node;
  }

  ExprPtr parse_test(ExprPtr node) {
    Pos p = next().pos;
    bool negated = skip_name("not");
    auto t = std::make_unique<TestExpr>(p);
    const Token& name = expect_name();
    t->name = name.text;
    while (skip_op(".")) t->name += "." + expect_name().text;
    t->fn = find_test(t->name);
    if (!t->fn && soft_ == 0) unknown_names_.emplace_back(name.pos, "No test named '" + t->name + "'.");
    if (is_op("(")) {
      parse_call_args(t->args);
    } else {
      TokenType ty = cur().type;
      bool arg_start = ty == TokenType::Name || ty == TokenType::String || ty == TokenType::Int ||
                       ty == TokenType::Float || is_op("(") || is_op("[") || is_op("{");
      if (arg_start && !is_name("else") && !is_name("or") && !is_name("and")) {
        if (is_name("is")) fail(cur().pos, "You cannot chain multiple tests with is");
        t->args.positional.push_back(parse_postfix(parse_primary()));
      }
    }
    t->operand = std::move(node);
    ExprPtr test = fold_constant_sameas(std::move(t));
    if (!negated) return test;
    auto n = std::make_unique<SeqExpr>(ExprKind::Not, p);
    n->items.push_back(std::move(test));
    return n;
  }

  // `'abc' is sameas 'abc'`: Jinja2's optimizer evaluates a test of
  // constants when it compiles the template, on the objects its lexer made
  // (a new one per literal), so only CPython's singletons are the same.
  static ExprPtr fold_constant_sameas(std::unique_ptr<TestExpr> t) {
    const Args& args = t->args;
    if (t->name != "sameas" || t->operand->kind != ExprKind::Const || args.positional.size() != 1 ||
        !args.keyword.empty() || args.star || args.starstar || args.positional[0]->kind != ExprKind::Const)
      return t;
    const Value& a = static_cast<const ConstExpr&>(*t->operand).value;
    const Value& b = static_cast<const ConstExpr&>(*args.positional[0]).value;
    bool same = a.cpython_singleton() && b.cpython_singleton() && a.same_as(b);
    return std::make_unique<ConstExpr>(t->pos, Value(same));
  }

  ExprPtr parse_filter_expr(ExprPtr node) {
    while (true) {
      if (is_op("|")) node = parse_filter(std::move(node), false);
      else if (is_name("is")) node = parse_test(std::move(node));
      else if (is_op("(")) node = parse_call(std::move(node));
      else return node;
    }
  }

  std::string_view source_;
  const std::string& name_;
  const EnvironmentOptions& options_;
  std::vector<Token> tokens_;
  size_t idx_ = 0;
  int depth_ = 0;
  int loop_depth_ = 0;
  int inner_scopes_ = 0;  ///< nesting of InnerScope (0: the template's own scope)
  std::vector<const BlockStmt*> blocks_;
  int soft_ = 0;  ///< inside if/condexpr: unknown filters and tests fail at run time
  std::vector<std::string_view> end_stack_;  ///< string literals
  std::vector<std::set<std::string>> name_sinks_;
  std::vector<DocsBlock> docs_;
  /// Unknown filters/tests outside if/condexpr: compile errors after parsing.
  std::vector<std::pair<Pos, std::string>> unknown_names_;
  std::unordered_map<std::string, Value> string_constants_;  ///< each string constant's one Value
};

}  // namespace

std::shared_ptr<const ast::TemplateBody> parse_template(std::string_view source, const std::string& name,
                                                        const EnvironmentOptions& options) {
  return Parser(source, name, options).run();
}

}  // namespace mrun::jinja
