// The syntax tree built by the parser and walked by the evaluator. Nodes are
// immutable after parsing; a tree is shared by every render of its template.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jinja/environment.h"
#include "jinja/value.h"

namespace mrun::jinja::ast {

/// 1-based source position of a node.
struct Pos {
  int line = 0;
  int column = 0;
};

enum class ExprKind {
  Const, Name, List, Tuple, Dict, Neg, Pos, Not, Binary, And, Or, Compare, Concat,
  Cond, Attr, Item, Slice, Call, Filter, Test
};

struct Expr {
  Expr(ExprKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Pos pos;
};
using ExprPtr = std::unique_ptr<Expr>;

struct ConstExpr : Expr {
  ConstExpr(Pos p, Value v) : Expr(ExprKind::Const, p), value(std::move(v)) {}
  Value value;
};

struct NameExpr : Expr {
  NameExpr(Pos p, std::string n) : Expr(ExprKind::Name, p), name(std::move(n)) {}
  std::string name;
};

/// List, Tuple literals; Neg/Pos/Not use items[0].
struct SeqExpr : Expr {
  SeqExpr(ExprKind k, Pos p) : Expr(k, p) {}
  std::vector<ExprPtr> items;
};

struct DictExpr : Expr {
  explicit DictExpr(Pos p) : Expr(ExprKind::Dict, p) {}
  std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

/// Arithmetic operators.
enum class BinOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow };

/// Binary arithmetic, and `and`/`or` (kind And/Or, op unused).
struct BinaryExpr : Expr {
  BinaryExpr(ExprKind k, Pos p, BinOp o, ExprPtr l, ExprPtr r)
      : Expr(k, p), op(o), left(std::move(l)), right(std::move(r)) {}
  BinOp op;
  ExprPtr left, right;
};

enum class CmpOp { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };

struct CompareExpr : Expr {
  explicit CompareExpr(Pos p) : Expr(ExprKind::Compare, p) {}
  ExprPtr first;
  std::vector<std::pair<CmpOp, ExprPtr>> rest;
};

struct ConcatExpr : Expr {
  explicit ConcatExpr(Pos p) : Expr(ExprKind::Concat, p) {}
  std::vector<ExprPtr> parts;
};

/// `then if test else otherwise` (otherwise may be null).
struct CondExpr : Expr {
  explicit CondExpr(Pos p) : Expr(ExprKind::Cond, p) {}
  ExprPtr test, then, otherwise;
};

/// `object.name`.
struct AttrExpr : Expr {
  AttrExpr(Pos p, ExprPtr o, std::string n) : Expr(ExprKind::Attr, p), object(std::move(o)), name(std::move(n)) {}
  ExprPtr object;
  std::string name;
};

/// `object[index]`; index may be a SliceExpr.
struct ItemExpr : Expr {
  ItemExpr(Pos p, ExprPtr o, ExprPtr i) : Expr(ExprKind::Item, p), object(std::move(o)), index(std::move(i)) {}
  ExprPtr object, index;
};

/// `start:stop:step` inside [] (each may be null).
struct SliceExpr : Expr {
  explicit SliceExpr(Pos p) : Expr(ExprKind::Slice, p) {}
  ExprPtr start, stop, step;
};

/// Call arguments: positional, keyword, *args, **kwargs.
struct Args {
  std::vector<ExprPtr> positional;
  std::vector<std::pair<std::string, ExprPtr>> keyword;
  ExprPtr star, starstar;
};

struct CallExpr : Expr {
  explicit CallExpr(Pos p) : Expr(ExprKind::Call, p) {}
  ExprPtr callee;
  Args args;
};

/// A builtin filter: (render state, operand, arguments) -> result.
using FilterFunc = Value (*)(RenderState& state, const Value& operand, CallArgs& args);
/// A builtin test: (render state, operand, arguments) -> result.
using TestFunc = bool (*)(RenderState& state, const Value& operand, CallArgs& args);

/// `operand | name(args)`; operand is null in filter blocks / block set.
struct FilterExpr : Expr {
  explicit FilterExpr(Pos p) : Expr(ExprKind::Filter, p) {}
  ExprPtr operand;
  std::string name;
  Args args;
  FilterFunc fn = nullptr;  ///< null: unknown filter, an error when evaluated
};

/// `operand is name args`.
struct TestExpr : Expr {
  explicit TestExpr(Pos p) : Expr(ExprKind::Test, p) {}
  ExprPtr operand;
  std::string name;
  Args args;
  TestFunc fn = nullptr;  ///< null: unknown test, an error when evaluated
};

/// Assignment target: a name, a tuple of targets, or `ns.attr`.
struct Target {
  enum Kind { Name, Tuple, NsAttr } kind = Name;
  Pos pos;
  std::string name;
  std::string attr;
  std::vector<Target> items;
};

enum class StmtKind {
  Text, Print, If, For, Set, SetBlock, Macro, CallBlock, FilterBlock, With, Do,
  Include, Import, FromImport, Break, Continue, Extends, Block, Autoescape
};

struct Stmt {
  Stmt(StmtKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Pos pos;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct TextStmt : Stmt {
  TextStmt(Pos p, std::string t) : Stmt(StmtKind::Text, p), text(std::move(t)) {}
  std::string text;
};

/// `{{ expr }}`, `{% do expr %}` (kind Do) and `{% extends expr %}` (kind Extends).
struct ExprStmt : Stmt {
  ExprStmt(StmtKind k, Pos p, ExprPtr e) : Stmt(k, p), expr(std::move(e)) {}
  ExprPtr expr;
};

struct IfStmt : Stmt {
  explicit IfStmt(Pos p) : Stmt(StmtKind::If, p) {}
  std::vector<std::pair<ExprPtr, Body>> branches;
  Body otherwise;
};

struct ForStmt : Stmt {
  explicit ForStmt(Pos p) : Stmt(StmtKind::For, p) {}
  Target target;
  ExprPtr iter, filter;
  Body body, otherwise;
  bool recursive = false;  ///< `for ... recursive`: the body may call `loop(items)`
};

struct SetStmt : Stmt {
  explicit SetStmt(Pos p) : Stmt(StmtKind::Set, p) {}
  Target target;
  ExprPtr value;
};

/// `{% set x | filters %}body{% endset %}` (filter chain has a null operand).
struct SetBlockStmt : Stmt {
  explicit SetBlockStmt(Pos p) : Stmt(StmtKind::SetBlock, p) {}
  Target target;
  ExprPtr filter;
  Body body;
};

/// A macro definition, also the body of a call block (name "caller").
struct MacroDef {
  Pos pos;
  std::string name;
  std::vector<std::string> params;
  std::vector<ExprPtr> defaults;  ///< aligned with params; null = required
  Body body;
  bool uses_caller = false, uses_varargs = false, uses_kwargs = false;
  bool explicit_caller = false;  ///< `caller` is a declared parameter
};

struct MacroStmt : Stmt {
  explicit MacroStmt(Pos p) : Stmt(StmtKind::Macro, p) {}
  MacroDef def;
};

struct CallBlockStmt : Stmt {
  explicit CallBlockStmt(Pos p) : Stmt(StmtKind::CallBlock, p) {}
  ExprPtr call;  ///< a CallExpr
  MacroDef caller;
};

struct FilterBlockStmt : Stmt {
  explicit FilterBlockStmt(Pos p) : Stmt(StmtKind::FilterBlock, p) {}
  ExprPtr filter;  ///< FilterExpr chain whose innermost operand is null
  Body body;
};

struct WithStmt : Stmt {
  explicit WithStmt(Pos p) : Stmt(StmtKind::With, p) {}
  std::vector<std::pair<Target, ExprPtr>> assignments;
  Body body;
};

/// include / import / from-import.
struct ImportStmt : Stmt {
  ImportStmt(StmtKind k, Pos p) : Stmt(k, p) {}
  ExprPtr template_name;
  bool ignore_missing = false;
  bool with_context = false;
  std::string alias;                                      ///< import ... as alias
  std::vector<std::pair<std::string, std::string>> names; ///< from-import (name, alias)
};

/// `{% block name [scoped] [required] %}body{% endblock %}`: rendered in
/// place, unless a template that extends this one overrides it.
struct BlockStmt : Stmt {
  explicit BlockStmt(Pos p) : Stmt(StmtKind::Block, p) {}
  std::string name;
  bool scoped = false;    ///< the body sees the variables around the block
  bool required = false;  ///< a template that extends this one must override it
  Body body;
};

/// `{% autoescape expr %}body{% endautoescape %}`: HTML escaping of printed
/// values switched on or off for the body.
struct AutoescapeStmt : Stmt {
  explicit AutoescapeStmt(Pos p) : Stmt(StmtKind::Autoescape, p) {}
  ExprPtr enabled;
  Body body;
};

/// The root of a template.
struct TemplateBody {
  Body body;
  std::vector<DocsBlock> docs;
  /// Every block of the template, at any depth, by name (names are unique).
  std::vector<const BlockStmt*> blocks;
  /// The block named `name`, or nullptr.
  const BlockStmt* find_block(std::string_view name) const {
    for (const BlockStmt* b : blocks)
      if (b->name == name) return b;
    return nullptr;
  }
};

}  // namespace mrun::jinja::ast
