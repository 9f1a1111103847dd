#include "parse/shadow_relations.h"

namespace mrun::parse {

namespace {
constexpr const char* kShadowSuffix = "__mrun_shadow";
constexpr size_t kMaxIdentifier = 63;
}  // namespace

std::string shadow_schema(const std::string& schema) {
  std::string suffix = kShadowSuffix;
  return schema.substr(0, kMaxIdentifier - suffix.size()) + suffix;
}

bool is_shadow_schema(const std::string& schema) { return schema.ends_with(kShadowSuffix); }

void ShadowRelations::record(const ShadowRelation& entry) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = index_.emplace(entry.published.quoted(), entries_.size());
  if (inserted) {
    entries_.push_back(entry);
  } else {
    entries_[it->second] = entry;
  }
}

std::optional<Relation> ShadowRelations::shadow_of(const Relation& published) const {
  std::lock_guard lock(mutex_);
  auto it = index_.find(published.quoted());
  if (it == index_.end()) return std::nullopt;
  return entries_[it->second].shadow;
}

std::vector<ShadowRelation> ShadowRelations::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace mrun::parse
