#include "parse/python_re.h"

#include <memory>
#include <regex>

#include "jinja/template_error.h"
#include "jinja/evaluator.h"

namespace mrun::parse {

namespace {

using jinja::CallArgs;
using jinja::Value;

// Python's flag values.
constexpr int64_t kIgnoreCase = 2, kMultiline = 8, kDotAll = 16, kVerbose = 64;

struct Compiled {
  std::string pattern;  ///< as written (Python syntax)
  int64_t flags = 0;
  std::regex regex;
  std::vector<std::string> group_names;  ///< index - 1 -> name ("" when unnamed)
  size_t groups = 0;
};

[[noreturn]] void unsupported(const std::string& pattern, const std::string& what) {
  throw jinja::EvalError("modules.re: pattern '" + pattern + "': " + what + " is not supported");
}

// Python's pattern syntax as ECMAScript, with its named groups and flags.
std::shared_ptr<const Compiled> compile(const std::string& pattern, int64_t flags) {
  auto c = std::make_shared<Compiled>();
  c->pattern = pattern;
  std::string out;
  size_t i = 0;
  // Inline flags at the start: (?imsx).
  while (pattern.compare(i, 2, "(?") == 0 && i + 2 < pattern.size() && std::string("imsxaLu").find(pattern[i + 2]) != std::string::npos) {
    size_t close = pattern.find(')', i);
    if (close == std::string::npos) break;
    for (size_t k = i + 2; k < close; ++k) {
      switch (pattern[k]) {
        case 'i': flags |= kIgnoreCase; break;
        case 'm': flags |= kMultiline; break;
        case 's': flags |= kDotAll; break;
        case 'x': flags |= kVerbose; break;
        case 'a': case 'u': break;
        default: unsupported(pattern, std::string("the inline flag ") + pattern[k]);
      }
    }
    i = close + 1;
  }
  if (flags & kVerbose) unsupported(pattern, "re.VERBOSE");
  bool in_class = false;
  for (; i < pattern.size(); ++i) {
    char ch = pattern[i];
    if (ch == '\\' && i + 1 < pattern.size()) {
      char next = pattern[i + 1];
      if (!in_class && next == 'A') out += '^';
      else if (!in_class && next == 'Z') out += '$';
      else out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      if (ch == ']') in_class = false;
      out += ch;
      continue;
    }
    if (ch == '[') {
      in_class = true;
      out += ch;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += "\\]", ++i;
      continue;
    }
    if (ch == '.' && (flags & kDotAll)) {
      out += "[\\s\\S]";
      continue;
    }
    if (ch == '(') {
      if (pattern.compare(i, 4, "(?P<") == 0) {
        size_t close = pattern.find('>', i);
        if (close == std::string::npos) unsupported(pattern, "an unterminated group name");
        c->group_names.push_back(pattern.substr(i + 4, close - i - 4));
        out += '(';
        i = close;
        continue;
      }
      if (pattern.compare(i, 4, "(?P=") == 0) {
        size_t close = pattern.find(')', i);
        std::string name = pattern.substr(i + 4, close - i - 4);
        size_t index = 0;
        for (size_t g = 0; g < c->group_names.size(); ++g)
          if (c->group_names[g] == name) index = g + 1;
        if (!index) unsupported(pattern, "a reference to unknown group '" + name + "'");
        out += "\\" + std::to_string(index);
        i = close;
        continue;
      }
      if (pattern.compare(i, 4, "(?<=") == 0 || pattern.compare(i, 4, "(?<!") == 0) unsupported(pattern, "lookbehind");
      if (pattern.compare(i, 3, "(?>") == 0) unsupported(pattern, "an atomic group");
      if (pattern.compare(i, 2, "(?") != 0) c->group_names.emplace_back();
    }
    if ((ch == '+' || ch == '*' || ch == '?' || ch == '}') && i + 1 < pattern.size() && pattern[i + 1] == '+')
      unsupported(pattern, "a possessive quantifier");
    out += ch;
  }
  auto syntax = std::regex::ECMAScript;
  if (flags & kIgnoreCase) syntax |= std::regex::icase;
  if (flags & kMultiline) syntax |= std::regex::multiline;
  try {
    c->regex = std::regex(out, syntax);
  } catch (const std::regex_error& e) {
    throw jinja::EvalError("modules.re: pattern '" + pattern + "' does not compile: " + e.what());
  }
  c->groups = c->regex.mark_count();
  c->group_names.resize(c->groups);
  c->flags = flags;
  return c;
}

Value function(const char* name, jinja::NativeFunction fn) { return Value::function(name, std::move(fn)); }

Value group_value(const std::smatch& m, size_t index) {
  return m[index].matched ? Value(m[index].str()) : Value::none();
}

class MatchObject : public jinja::Object {
 public:
  MatchObject(std::shared_ptr<const Compiled> re, std::shared_ptr<const std::string> text, std::smatch m)
      : re_(std::move(re)), text_(std::move(text)), m_(std::move(m)) {}

  size_t index_of(const Value& key) const {
    if (key.is_int()) {
      if (key.as_int() < 0 || static_cast<size_t>(key.as_int()) > re_->groups) throw jinja::EvalError("no such group");
      return static_cast<size_t>(key.as_int());
    }
    for (size_t g = 0; g < re_->group_names.size(); ++g)
      if (re_->group_names[g] == key.str()) return g + 1;
    throw jinja::EvalError("no such group: " + key.repr());
  }

  Value group(const Value& key) const { return group_value(m_, index_of(key)); }

  Value attribute(std::string_view name) const override {
    auto self = std::static_pointer_cast<const MatchObject>(shared_from_this_());
    if (name == "string") return Value(*text_);
    if (name == "re") return Value(re_->pattern);
    if (name == "group") {
      return function("group", [self](CallArgs& a) {
        if (a.positional.size() <= 1) return self->group(a.positional.empty() ? Value(0) : a.positional[0]);
        std::vector<Value> out;
        for (const auto& key : a.positional) out.push_back(self->group(key));
        return Value::tuple(std::move(out));
      });
    }
    if (name == "groups") {
      return function("groups", [self](CallArgs& a) {
        Value fallback = a.get(0, "default", Value::none());
        std::vector<Value> out;
        for (size_t g = 1; g <= self->re_->groups; ++g) out.push_back(self->m_[g].matched ? Value(self->m_[g].str()) : fallback);
        return Value::tuple(std::move(out));
      });
    }
    if (name == "groupdict") {
      return function("groupdict", [self](CallArgs&) {
        Value out = Value::dict();
        for (size_t g = 0; g < self->re_->group_names.size(); ++g)
          if (!self->re_->group_names[g].empty()) out.dict_data().set(Value(self->re_->group_names[g]), group_value(self->m_, g + 1));
        return out;
      });
    }
    if (name == "start" || name == "end" || name == "span") {
      std::string which(name);
      return function(which.c_str(), [self, which](CallArgs& a) {
        size_t g = self->index_of(a.get(0, "group", Value(0)));
        int64_t start = self->m_[g].matched ? self->m_.position(g) : -1;
        int64_t end = self->m_[g].matched ? start + self->m_.length(g) : -1;
        if (which == "start") return Value(start);
        if (which == "end") return Value(end);
        return Value::tuple({Value(start), Value(end)});
      });
    }
    return Value::undefined(std::string(name));
  }
  Value item(const Value& key) const override { return group(key); }
  std::string str() const override {
    return "<re.Match object; span=(" + std::to_string(m_.position(0)) + ", " +
           std::to_string(m_.position(0) + m_.length(0)) + "), match=" + jinja::string_repr(m_.str(0)) + ">";
  }

  void set_self(std::weak_ptr<MatchObject> self) { self_ = std::move(self); }

 private:
  std::shared_ptr<const jinja::Object> shared_from_this_() const { return self_.lock(); }

  std::shared_ptr<const Compiled> re_;
  std::shared_ptr<const std::string> text_;
  std::smatch m_;
  std::weak_ptr<MatchObject> self_;
};

Value match_value(const std::shared_ptr<const Compiled>& re, const std::shared_ptr<const std::string>& text,
                  const std::smatch& m) {
  auto object = std::make_shared<MatchObject>(re, text, m);
  object->set_self(object);
  return Value::object(object);
}

enum class Anchor { Search, Match, Full };

Value find(const std::shared_ptr<const Compiled>& re, const std::string& s, Anchor anchor) {
  auto text = std::make_shared<const std::string>(s);
  std::smatch m;
  bool found = anchor == Anchor::Full    ? std::regex_match(*text, m, re->regex)
               : anchor == Anchor::Match ? std::regex_search(*text, m, re->regex, std::regex_constants::match_continuous)
                                         : std::regex_search(*text, m, re->regex);
  return found ? match_value(re, text, m) : Value::none();
}

std::vector<std::smatch> all_matches(const std::shared_ptr<const Compiled>& re, const std::string& text) {
  std::vector<std::smatch> out;
  for (std::sregex_iterator it(text.begin(), text.end(), re->regex), end; it != end; ++it) out.push_back(*it);
  return out;
}

Value findall(const std::shared_ptr<const Compiled>& re, const std::string& text) {
  std::vector<Value> out;
  for (const auto& m : all_matches(re, text)) {
    if (re->groups == 0) out.emplace_back(m.str(0));
    else if (re->groups == 1) out.emplace_back(m[1].matched ? m.str(1) : "");
    else {
      std::vector<Value> groups;
      for (size_t g = 1; g <= re->groups; ++g) groups.emplace_back(m[g].matched ? m.str(g) : "");
      out.push_back(Value::tuple(std::move(groups)));
    }
  }
  return Value::list(std::move(out));
}

// Python's replacement template (\1, \g<1>, \g<name>, \n) for match `m`.
std::string expand(const Compiled& re, const std::string& repl, const std::smatch& m) {
  std::string out;
  for (size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] != '\\' || i + 1 == repl.size()) {
      out += repl[i];
      continue;
    }
    char next = repl[++i];
    if (std::isdigit(static_cast<unsigned char>(next))) {
      size_t g = static_cast<size_t>(next - '0');
      if (i + 1 < repl.size() && std::isdigit(static_cast<unsigned char>(repl[i + 1])) && g * 10 + (repl[i + 1] - '0') <= re.groups)
        g = g * 10 + (repl[++i] - '0');
      if (g > re.groups) throw jinja::EvalError("modules.re: invalid group reference " + std::to_string(g));
      out += m[g].str();
    } else if (next == 'g' && i + 1 < repl.size() && repl[i + 1] == '<') {
      size_t close = repl.find('>', i);
      if (close == std::string::npos) throw jinja::EvalError("modules.re: missing > in group name");
      std::string name = repl.substr(i + 2, close - i - 2);
      size_t g = 0;
      if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) g = std::stoul(name);
      else {
        for (size_t k = 0; k < re.group_names.size(); ++k)
          if (re.group_names[k] == name) g = k + 1;
        if (!g) throw jinja::EvalError("modules.re: unknown group name '" + name + "'");
      }
      out += m[g].str();
      i = close;
    } else if (next == 'n') out += '\n';
    else if (next == 't') out += '\t';
    else if (next == '\\') out += '\\';
    else out += std::string("\\") + next;
  }
  return out;
}

// re.sub / re.subn: the new text and the number of replacements.
std::pair<std::string, int64_t> substitute(const std::shared_ptr<const Compiled>& re, const Value& repl,
                                           const std::string& s, int64_t count, CallArgs& a) {
  auto text = std::make_shared<const std::string>(s);
  std::string out;
  int64_t done = 0;
  auto last = text->cbegin();
  for (std::sregex_iterator it(text->begin(), text->end(), re->regex), end; it != end; ++it) {
    if (count > 0 && done >= count) break;
    const std::smatch& m = *it;
    out.append(last, m[0].first);
    if (repl.is_callable()) {
      CallArgs call;
      call.positional.push_back(match_value(re, text, m));
      out += a.state ? a.state->call(repl, call).str() : repl.call(call).str();
    } else {
      out += expand(*re, repl.str(), m);
    }
    last = m[0].second;
    ++done;
  }
  out.append(last, text->cend());
  return {out, done};
}

Value split(const std::shared_ptr<const Compiled>& re, const std::string& text, int64_t maxsplit) {
  std::vector<Value> out;
  auto last = text.cbegin();
  int64_t done = 0;
  for (const auto& m : all_matches(re, text)) {
    if (maxsplit > 0 && done >= maxsplit) break;
    out.emplace_back(std::string(last, m[0].first));
    for (size_t g = 1; g <= re->groups; ++g) out.push_back(group_value(m, g));
    last = m[0].second;
    ++done;
  }
  out.emplace_back(std::string(last, text.cend()));
  return Value::list(std::move(out));
}

// The methods of a compiled pattern, or (re = nullptr) the module's
// functions that take the pattern first.
std::vector<std::pair<std::string, Value>> pattern_functions(std::shared_ptr<const Compiled> fixed) {
  // Arguments after the pattern start at `first`.
  size_t first = fixed ? 0 : 1;
  auto pattern_of = [fixed](CallArgs& a, size_t flags_index) {
    if (fixed) return fixed;
    Value p = a.get(0, "pattern", Value(""));
    if (p.is_object()) return compile(p.attribute("pattern").str(), p.attribute("flags").as_int());  // a compiled pattern
    return compile(p.str(), a.get(flags_index, "flags", Value(0)).as_int());
  };
  std::vector<std::pair<std::string, Value>> out;
  for (auto [name, anchor] : {std::pair{"match", Anchor::Match}, {"search", Anchor::Search}, {"fullmatch", Anchor::Full}}) {
    Anchor how = anchor;
    out.emplace_back(name, function(name, [=](CallArgs& a) {
      return find(pattern_of(a, first + 1), a.get(first, "string", Value("")).str(), how);
    }));
  }
  out.emplace_back("findall", function("findall", [=](CallArgs& a) {
    return findall(pattern_of(a, first + 1), a.get(first, "string", Value("")).str());
  }));
  out.emplace_back("finditer", function("finditer", [=](CallArgs& a) {
    auto re = pattern_of(a, first + 1);
    auto text = std::make_shared<const std::string>(a.get(first, "string", Value("")).str());
    std::vector<Value> matches;
    for (const auto& m : all_matches(re, *text)) matches.push_back(match_value(re, text, m));
    return Value::list(std::move(matches));
  }));
  for (bool with_count : {false, true}) {
    const char* name = with_count ? "subn" : "sub";
    out.emplace_back(name, function(name, [=](CallArgs& a) {
      auto re = pattern_of(a, first + 4);
      auto [text, n] = substitute(re, a.get(first, "repl", Value("")), a.get(first + 1, "string", Value("")).str(),
                                  a.get(first + 2, "count", Value(0)).as_int(), a);
      return with_count ? Value::tuple({Value(text), Value(n)}) : Value(text);
    }));
  }
  out.emplace_back("split", function("split", [=](CallArgs& a) {
    return split(pattern_of(a, first + 2), a.get(first, "string", Value("")).str(),
                 a.get(first + 1, "maxsplit", Value(0)).as_int());
  }));
  if (fixed) {
    out.emplace_back("pattern", Value(fixed->pattern));
    out.emplace_back("flags", Value(fixed->flags));
    out.emplace_back("groups", Value(static_cast<int64_t>(fixed->groups)));
  }
  return out;
}

Value escape(CallArgs& a) {
  std::string s = a.get(0, "pattern", Value("")).str();
  std::string out;
  for (char ch : s) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && !(static_cast<unsigned char>(ch) & 0x80)) out += '\\';
    out += ch;
  }
  return Value(out);
}

}  // namespace

jinja::Value python_re_module() {
  auto attributes = pattern_functions(nullptr);
  attributes.emplace_back("compile", function("compile", [](CallArgs& a) {
    auto re = compile(a.get(0, "pattern", Value("")).str(), a.get(1, "flags", Value(0)).as_int());
    return Value::object(std::make_shared<jinja::RecordObject>(pattern_functions(re), "re.compile(" + jinja::string_repr(re->pattern) + ")"));
  }));
  attributes.emplace_back("escape", function("escape", escape));
  for (auto [name, value] : {std::pair{"IGNORECASE", kIgnoreCase}, {"I", kIgnoreCase}, {"MULTILINE", kMultiline},
                             {"M", kMultiline}, {"DOTALL", kDotAll}, {"S", kDotAll}, {"VERBOSE", kVerbose},
                             {"X", kVerbose}, {"ASCII", int64_t{256}}, {"A", int64_t{256}}, {"UNICODE", int64_t{32}},
                             {"U", int64_t{32}}})
    attributes.emplace_back(name, Value(value));
  return Value::object(std::make_shared<jinja::RecordObject>(std::move(attributes), "<module 're'>"));
}

}  // namespace mrun::parse
