// Adopting another tool's history (lg_adopt): the version rows of a set of
// applied revisions.
#pragma once
#include "core/graph.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// The tips of members (members[i] != 0): the members that no other member
// has as a down-revision, in registration order. With close, members is
// first closed under down-revisions (Alembic's rows name tips only);
// without, a member whose down-revision is not a member is a gap: *gap is
// set to the first such (member, down-revision) pair in registration order
// and the result is empty.
std::vector<RevIndex> set_tips(const Graph& g, std::vector<char>& members, bool close,
                               std::pair<RevIndex, RevIndex>* gap);

// Which registered revision a version of another tool names (README,
// "Adopting another tool's history"): the revision whose id is the
// version; else whose id is the version normalized (normalized_version);
// else whose message names the file it came from, "(file: NAME)", where
// the last component of NAME that holds a "_" (not first) begins with the
// version followed by "_" (flyway: "V<version>__", "_" in the version
// read as "."; diesel: the directory "2024-01-01-120000_name"), or NAME's
// base name is the version followed by ".sql" (sqitch).
class VersionMatcher {
 public:
  // messages[i]: revision i's message, or nullptr.
  VersionMatcher(const Graph& g, const std::vector<const char*>& messages);

  // The index of the revision version names; -1 when none, -2 when several.
  int match(std::string_view version) const;

  // Marks in members every revision whose tool version (its normalized id,
  // or else the version of its file, when a dotted number) is at most the
  // version a row stands for: the tool version of revision index, or else
  // the row's own version normalized (index < 0).  golang-migrate's one
  // row and flyway's baseline stand for every migration up to theirs.
  void mark_upto(int index, std::string_view version, std::vector<char>& members) const;

  // The number of revisions (the size of members).
  std::size_t size() const noexcept { return tool_version_.size(); }

 private:
  using Keys = std::unordered_map<std::string, int>;  // key -> index, -2: several
  static void add(Keys& keys, std::string key, int index);
  void add_file_keys(std::string_view message, int index);

  const Graph& g_;
  Keys ids_, files_;
  std::vector<std::string> tool_version_;  // "" when none
};

}  // namespace lg
