// The tips of an applied set, for lg_adopt: linear in the set and its edges.
#include "core/adopt.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>

#include "core/import.h"
#include "core/version.h"

namespace lg {

std::vector<RevIndex> set_tips(const Graph& g, std::vector<char>& members, bool close,
                               std::pair<RevIndex, RevIndex>* gap) {
  const std::size_t n = g.size();
  auto at = [](RevIndex i) { return static_cast<std::size_t>(i); };
  if (close) {
    std::vector<RevIndex> stack;
    for (std::size_t v = 0; v < n; ++v)
      if (members[v]) stack.push_back(static_cast<RevIndex>(v));
    while (!stack.empty()) {
      RevIndex v = stack.back();
      stack.pop_back();
      for (RevIndex d : g.down(v))
        if (!members[at(d)]) {
          members[at(d)] = 1;
          stack.push_back(d);
        }
    }
  }
  std::vector<char> below(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    if (!members[v]) continue;
    for (RevIndex d : g.down(static_cast<RevIndex>(v))) {
      if (!members[at(d)]) {
        if (gap != nullptr) *gap = {static_cast<RevIndex>(v), d};
        return {};
      }
      below[at(d)] = 1;
    }
  }
  std::vector<RevIndex> tips;
  for (std::size_t v = 0; v < n; ++v)
    if (members[v] && !below[v]) tips.push_back(static_cast<RevIndex>(v));
  return tips;
}

}  // namespace lg

namespace lg {

namespace {

bool flyway_prefix(std::string_view s) {
  return s.size() > 1 && (s[0] == 'V' || s[0] == 'v') &&
         std::isdigit(static_cast<unsigned char>(s[1]));
}

// The component of a file name that holds the version: the last one with
// a "_" past its first character (diesel's "2024-01-01-120000_add/up.sql"
// keeps it in the directory), and the position of that "_"; npos if none.
std::pair<std::string_view, std::size_t> versioned_component(std::string_view name) {
  for (;;) {
    std::size_t slash = name.rfind('/');
    std::string_view component = slash == std::string_view::npos ? name : name.substr(slash + 1);
    std::size_t underscore = component.find('_');
    if (underscore != std::string_view::npos && underscore > 0) return {component, underscore};
    if (slash == std::string_view::npos) return {name, std::string_view::npos};
    name = name.substr(0, slash);
  }
}

}  // namespace

VersionMatcher::VersionMatcher(const Graph& g, const std::vector<const char*>& messages)
    : g_(g), tool_version_(g.size()) {
  for (std::size_t i = 0; i < g.size(); ++i) {
    const int index = static_cast<int>(i);
    std::string norm = normalized_version(g.id(index));
    if (is_dotted_number(norm)) tool_version_[i] = norm;
    add(ids_, std::move(norm), index);
    if (i < messages.size() && messages[i] != nullptr) add_file_keys(messages[i], index);
  }
}

void VersionMatcher::add(Keys& keys, std::string key, int index) {
  auto [it, fresh] = keys.emplace(std::move(key), index);
  if (!fresh && it->second != index) it->second = -2;
}

// The version keys of the file a message names: the part of the versioned
// component before its "_" (a leading "V" of flyway dropped, flyway's
// V1_1__name read as 1.1), and the base name without ".sql".
void VersionMatcher::add_file_keys(std::string_view message, int index) {
  std::optional<std::string> name = message_source(message);
  if (!name) return;
  auto [component, underscore] = versioned_component(*name);
  if (underscore != std::string_view::npos) {
    std::string key(component.substr(0, underscore));
    std::size_t flyway = component.find("__");
    if (flyway != std::string_view::npos && flyway_prefix(component)) {
      key = std::string(component.substr(0, flyway));
      std::replace(key.begin(), key.end(), '_', '.');
    }
    if (flyway_prefix(key)) key.erase(0, 1);
    std::string norm = normalized_version(key);
    std::string& tool = tool_version_[static_cast<std::size_t>(index)];
    if (tool.empty() && is_dotted_number(norm)) tool = norm;
    add(files_, std::move(norm), index);
  }
  std::size_t slash = name->rfind('/');
  std::string base = slash == std::string::npos ? *name : name->substr(slash + 1);
  if (base.size() > 4 && base.compare(base.size() - 4, 4, ".sql") == 0)
    add(files_, base.substr(0, base.size() - 4), index);
}

int VersionMatcher::match(std::string_view version) const {
  RevIndex exact = g_.find(version);
  if (exact >= 0) return exact;
  std::string norm = normalized_version(version);
  if (auto it = ids_.find(norm); it != ids_.end()) return it->second;
  if (auto it = files_.find(norm); it != files_.end()) return it->second;
  return -1;
}

void VersionMatcher::mark_upto(int index, std::string_view version,
                               std::vector<char>& members) const {
  std::string bound = index >= 0 && !tool_version_[static_cast<std::size_t>(index)].empty()
                          ? tool_version_[static_cast<std::size_t>(index)]
                          : normalized_version(version);
  if (!is_dotted_number(bound)) return;
  for (std::size_t i = 0; i < tool_version_.size(); ++i)
    if (!tool_version_[i].empty() && compare_versions(tool_version_[i], bound) <= 0) members[i] = 1;
}

}  // namespace lg
