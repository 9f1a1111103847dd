// Jinja2's builtin tests (jinja2/tests.py): `x is name(args)`.
#include <cmath>
#include <unordered_map>

#include "jinja/builtins.h"
#include "jinja/evaluator.h"
#include "jinja/operators.h"
#include "jinja/strings_py.h"
#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

using Args = CallArgs;

Value arg0(const Args& a) {
  if (a.positional.empty() && a.keyword.empty()) throw EvalError("test requires an argument");
  return a.positional.empty() ? a.keyword[0].second : a.positional[0];
}
/// str.islower() (upper=false) / str.isupper() (upper=true).
bool lower_only(const std::string& s, bool upper) { return py_is(s, upper ? "isupper" : "islower"); }

bool t_defined(RenderState&, const Value& v, Args&) { return !v.is_undefined(); }
bool t_undefined(RenderState&, const Value& v, Args&) { return v.is_undefined(); }
bool t_none(RenderState&, const Value& v, Args&) { return v.is_none(); }
bool t_boolean(RenderState&, const Value& v, Args&) { return v.is_bool(); }
bool t_true(RenderState&, const Value& v, Args&) { return v.is_bool() && v.as_bool(); }
bool t_false(RenderState&, const Value& v, Args&) { return v.is_bool() && !v.as_bool(); }
bool t_integer(RenderState&, const Value& v, Args&) { return v.is_int(); }
bool t_float(RenderState&, const Value& v, Args&) { return v.is_float(); }
bool t_number(RenderState&, const Value& v, Args&) { return v.is_number(); }
bool t_string(RenderState&, const Value& v, Args&) { return v.is_string(); }
bool t_mapping(RenderState&, const Value& v, Args&) { return v.is_dict() || (v.is_object() && v.as_object().is_mapping()); }
bool t_iterable(RenderState&, const Value& v, Args&) {
  return v.is_string() || v.is_list() || v.is_dict() || v.is_undefined() || (v.is_object() && v.as_object().is_iterable());
}
bool t_sequence(RenderState&, const Value& v, Args&) { return v.is_string() || v.is_list() || v.is_dict() || v.is_undefined(); }
bool t_callable(RenderState&, const Value& v, Args&) { return v.is_callable(); }
bool t_even(RenderState&, const Value& v, Args&) { return binary_op(ast::BinOp::Mod, v, Value(2)).equals(Value(0)); }
bool t_odd(RenderState&, const Value& v, Args&) { return binary_op(ast::BinOp::Mod, v, Value(2)).equals(Value(1)); }
bool t_divisibleby(RenderState&, const Value& v, Args& a) {
  Value d = arg0(a);
  return binary_op(ast::BinOp::Mod, v, d).equals(Value(0));
}
bool t_eq(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Eq, v, arg0(a)); }
bool t_ne(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Ne, v, arg0(a)); }
bool t_lt(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Lt, v, arg0(a)); }
bool t_le(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Le, v, arg0(a)); }
bool t_gt(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Gt, v, arg0(a)); }
bool t_ge(RenderState&, const Value& v, Args& a) { return compare(ast::CmpOp::Ge, v, arg0(a)); }
bool t_in(RenderState&, const Value& v, Args& a) { return contains(arg0(a), v); }
bool t_lower(RenderState&, const Value& v, Args&) { return lower_only(v.str(), false); }
bool t_upper(RenderState&, const Value& v, Args&) { return lower_only(v.str(), true); }
bool t_sameas(RenderState&, const Value& v, Args& a) { return v.same_as(arg0(a)); }
bool t_escaped(RenderState&, const Value& v, Args&) { return v.is_safe(); }
bool t_filter(RenderState&, const Value& v, Args&) { return v.is_string() && find_filter(v.as_string()); }
bool t_test(RenderState&, const Value& v, Args&) { return v.is_string() && find_test(v.as_string()); }

}  // namespace

void check_test_arguments(std::string_view name, const CallArgs& args) {
  // Jinja2's tests are Python functions of the value plus, for these, one
  // more parameter (named, so it may be passed by keyword); the comparison
  // tests are operator functions, which take no keywords.
  static const std::unordered_map<std::string_view, std::string_view> kOneNamed = {
      {"divisibleby", "num"}, {"in", "seq"}, {"sameas", "other"}};
  static const char* const kOneOperator[] = {"eq", "==", "equalto", "ne", "!=", "lt", "lessthan", "<", "le", "<=",
                                             "gt", "greaterthan", ">", "ge", ">="};
  size_t wanted = 0;
  std::string_view keyword;
  if (auto it = kOneNamed.find(name); it != kOneNamed.end()) {
    wanted = 1;
    keyword = it->second;
  }
  for (const char* op : kOneOperator)
    if (name == op) wanted = 1;
  for (const auto& [k, v] : args.keyword)
    if (keyword.empty() || k != keyword || !args.positional.empty())
      throw EvalError("test '" + std::string(name) + "' got an unexpected keyword argument '" + k + "'");
  size_t given = args.positional.size() + args.keyword.size();
  if (given > wanted)
    throw EvalError("test '" + std::string(name) + "' takes " + std::to_string(wanted) + " argument(s) but " +
                    std::to_string(given) + " were given");
  if (given < wanted) throw EvalError("test '" + std::string(name) + "' requires an argument");
}

ast::TestFunc find_test(std::string_view name) {
  static const std::unordered_map<std::string_view, ast::TestFunc> table = {
      {"defined", t_defined}, {"undefined", t_undefined}, {"none", t_none}, {"boolean", t_boolean},
      {"true", t_true}, {"false", t_false}, {"integer", t_integer}, {"float", t_float}, {"number", t_number},
      {"string", t_string}, {"mapping", t_mapping}, {"iterable", t_iterable}, {"sequence", t_sequence},
      {"callable", t_callable}, {"even", t_even}, {"odd", t_odd}, {"divisibleby", t_divisibleby},
      {"eq", t_eq}, {"==", t_eq}, {"equalto", t_eq}, {"ne", t_ne}, {"!=", t_ne}, {"lt", t_lt}, {"lessthan", t_lt},
      {"<", t_lt}, {"le", t_le}, {"<=", t_le}, {"gt", t_gt}, {"greaterthan", t_gt}, {">", t_gt}, {"ge", t_ge},
      {">=", t_ge}, {"in", t_in}, {"lower", t_lower}, {"upper", t_upper}, {"sameas", t_sameas},
      {"escaped", t_escaped}, {"filter", t_filter}, {"test", t_test}};
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

}  // namespace mrun::jinja
