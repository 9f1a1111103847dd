#include "parse/relation.h"

#include <memory>

#include "db/quote.h"
#include "jinja/template_error.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

// dbt's ComponentName keys, for include(), quote() and path dicts.
constexpr const char* kDatabase = "database";
constexpr const char* kSchema = "schema";
constexpr const char* kIdentifier = "identifier";

bool known_type(const std::string& type) {
  return type.empty() || type == "table" || type == "view" || type == "materialized_view" || type == "cte" ||
         type == "external";
}

jinja::Value none_or(const std::string& text) { return text.empty() ? jinja::Value::none() : jinja::Value(text); }

// Text of an optional argument: None and undefined mean "".
std::string text_of(const jinja::Value& v) { return v.is_none() || v.is_undefined() ? "" : v.str(); }

class RelationObject : public jinja::Object {
 public:
  explicit RelationObject(RelationParts parts) : parts_(std::move(parts)) {}

  const RelationParts& parts() const { return parts_; }

  jinja::Value attribute(std::string_view name) const override {
    const RelationParts& p = parts_;
    if (name == "database") return none_or(p.database);
    if (name == "schema") return none_or(p.schema);
    if (name == "identifier" || name == "name" || name == "table") return none_or(p.identifier);
    if (name == "type") return none_or(p.type);
    if (name == "is_table") return jinja::Value(p.type == "table");
    if (name == "is_view") return jinja::Value(p.type == "view");
    if (name == "is_materialized_view") return jinja::Value(p.type == "materialized_view");
    if (name == "is_cte") return jinja::Value(p.type == "cte");
    if (name == "path") return path_dict();
    if (name == "metadata") return metadata();
    if (name == "quote_policy") return flags(p.quote_database, p.quote_schema, p.quote_identifier);
    if (name == "include_policy") return flags(p.include_database, p.include_schema, p.include_identifier);
    if (name == "render") return method("render", [p](jinja::CallArgs&) { return jinja::Value(p.render()); });
    if (name == "include") return method("include", [p](jinja::CallArgs& a) { return with_policy(p, a, false); });
    if (name == "quote") return method("quote", [p](jinja::CallArgs& a) { return with_policy(p, a, true); });
    if (name == "incorporate") return method("incorporate", [p](jinja::CallArgs& a) { return incorporate(p, a); });
    if (name == "replace_path") {
      return method("replace_path", [p](jinja::CallArgs& a) { return replace_path(p, a.keyword); });
    }
    if (name == "without_identifier") {
      return method("without_identifier", [p](jinja::CallArgs&) {
        RelationParts copy = p;
        copy.include_identifier = false;
        copy.display.clear();
        return relation_value(copy);
      });
    }
    if (name == "get") {
      auto self = to_dict();
      return method("get", [self](jinja::CallArgs& a) {
        const jinja::Value* v = self.dict_data().find(a.get(0, "key", jinja::Value("")));
        return v ? *v : a.get(1, "default", jinja::Value::none());
      });
    }
    if (name == "to_dict") {
      auto self = to_dict();
      return method("to_dict", [self](jinja::CallArgs&) { return self; });
    }
    return jinja::Value::undefined(std::string(name));
  }

  jinja::Value item(const jinja::Value& key) const override {
    const jinja::Value* v = to_dict().dict_data().find(key);
    return v ? *v : jinja::Value::undefined(key.str());
  }

  std::string str() const override { return parts_.display.empty() ? parts_.render() : parts_.display; }
  bool is_mapping() const override { return true; }
  std::vector<jinja::Value> iterate() override {
    std::vector<jinja::Value> keys;
    for (const auto& [k, v] : to_dict().dict_data().items) keys.push_back(k);
    return keys;
  }
  std::optional<int64_t> length() const override {
    return static_cast<int64_t>(to_dict().dict_data().items.size());
  }

  // dbt compares relations by their parts; a database only one side names
  // (mrun's relations name none) does not make them differ.
  bool equals(const jinja::Object& other) const override {
    auto* o = dynamic_cast<const RelationObject*>(&other);
    if (!o) return false;
    const RelationParts& a = parts_;
    const RelationParts& b = o->parts_;
    bool same_database = a.database.empty() || b.database.empty() || a.database == b.database;
    return same_database && a.schema == b.schema && a.identifier == b.identifier;
  }

 private:
  static jinja::Value method(const char* name, jinja::NativeFunction fn) { return jinja::Value::function(name, std::move(fn)); }

  static jinja::Value flags(bool database, bool schema, bool identifier) {
    return jinja::Value::dict({{jinja::Value(kDatabase), jinja::Value(database)},
                               {jinja::Value(kSchema), jinja::Value(schema)},
                               {jinja::Value(kIdentifier), jinja::Value(identifier)}});
  }

  jinja::Value path_dict() const {
    return jinja::Value::dict({{jinja::Value(kDatabase), none_or(parts_.database)},
                               {jinja::Value(kSchema), none_or(parts_.schema)},
                               {jinja::Value(kIdentifier), none_or(parts_.identifier)}});
  }

  static jinja::Value metadata() {
    return jinja::Value::dict({{jinja::Value("type"), jinja::Value("PostgresRelation")}});
  }

  jinja::Value to_dict() const {
    return jinja::Value::dict({{jinja::Value("path"), path_dict()},
                               {jinja::Value("type"), none_or(parts_.type)},
                               {jinja::Value("quote_policy"),
                                flags(parts_.quote_database, parts_.quote_schema, parts_.quote_identifier)},
                               {jinja::Value("include_policy"),
                                flags(parts_.include_database, parts_.include_schema, parts_.include_identifier)},
                               {jinja::Value("metadata"), metadata()}});
  }

  // include(database=False) / quote(identifier=False): a copy with those flags set.
  static jinja::Value with_policy(RelationParts p, jinja::CallArgs& a, bool quoting) {
    static const char* const kNames[] = {kDatabase, kSchema, kIdentifier};
    for (size_t i = 0; i < a.positional.size() && i < 3; ++i) a.keyword.emplace_back(kNames[i], a.positional[i]);
    for (const auto& [key, value] : a.keyword) {
      if (value.is_none()) continue;
      bool on = value.truthy();
      if (key == kDatabase) (quoting ? p.quote_database : p.include_database) = on;
      else if (key == kSchema) (quoting ? p.quote_schema : p.include_schema) = on;
      else if (key == kIdentifier) (quoting ? p.quote_identifier : p.include_identifier) = on;
      else throw jinja::EvalError(std::string(quoting ? "quote" : "include") + "() got an unexpected argument '" + key + "'");
    }
    p.display.clear();
    return relation_value(p);
  }

  static jinja::Value replace_path(RelationParts p, const std::vector<std::pair<std::string, jinja::Value>>& parts) {
    for (const auto& [key, value] : parts) {
      if (key == kDatabase) p.database = text_of(value);
      else if (key == kSchema) p.schema = text_of(value);
      else if (key == kIdentifier) p.identifier = text_of(value);
      else throw jinja::EvalError("replace_path() got an unexpected argument '" + key + "'");
    }
    p.display.clear();
    return relation_value(p);
  }

  // incorporate(path={...}, type=...): a copy with a new path or type.
  static jinja::Value incorporate(RelationParts p, jinja::CallArgs& a) {
    std::vector<std::pair<std::string, jinja::Value>> path;
    for (const auto& [key, value] : a.keyword) {
      if (key == "path") {
        if (!value.is_dict()) throw jinja::EvalError("incorporate(path=...) takes a dict");
        for (const auto& [k, v] : value.dict_data().items) path.emplace_back(k.str(), v);
      } else if (key == "type") {
        p.type = text_of(value);
        if (!known_type(p.type)) throw jinja::EvalError("incorporate(): unknown relation type '" + p.type + "'");
      } else {
        throw jinja::EvalError("incorporate() got an unexpected argument '" + key + "'");
      }
    }
    return replace_path(std::move(p), path);
  }

  RelationParts parts_;
};

}  // namespace

std::string Relation::quoted() const { return db::qualified_name(schema, identifier); }

std::string RelationParts::render() const {
  std::string out;
  auto add = [&out](bool included, bool quoted, const std::string& part) {
    if (!included || part.empty()) return;
    if (!out.empty()) out += '.';
    out += quoted ? db::quote_identifier(part) : part;
  };
  add(include_database, quote_database, database);
  add(include_schema, quote_schema, schema);
  add(include_identifier, quote_identifier, identifier);
  return out;
}

jinja::Value relation_value(const Relation& relation) { return relation_value(relation, ""); }

jinja::Value relation_value(const Relation& relation, const std::string& display) {
  RelationParts parts;
  parts.schema = relation.schema;
  parts.identifier = relation.identifier;
  parts.display = display;
  if (!display.empty()) parts.type = "cte";
  return relation_value(std::move(parts));
}

jinja::Value relation_value(RelationParts parts) {
  if (!known_type(parts.type)) throw jinja::EvalError("unknown relation type '" + parts.type + "'");
  return jinja::Value::object(std::make_shared<RelationObject>(std::move(parts)));
}

std::optional<RelationParts> relation_parts(const jinja::Value& value) {
  if (!value.is_object()) return std::nullopt;
  if (auto* object = dynamic_cast<const RelationObject*>(value.object_ptr().get())) return object->parts();
  // Another object with a relation's attributes (`this`).
  jinja::Value schema = value.attribute(kSchema);
  jinja::Value identifier = value.attribute(kIdentifier);
  if (!schema.is_string() || !identifier.is_string()) return std::nullopt;
  RelationParts parts;
  parts.schema = schema.as_string();
  parts.identifier = identifier.as_string();
  return parts;
}

}  // namespace mrun::parse
