// lg_import's layouts with a declared graph: "sqitch" (sqitch.plan with
// deploy/, revert/, verify/) and "dag" (a directory per revision whose
// metadata.yaml lists its parents).
#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include "core/import_detail.h"
#include "core/import_sql.h"
#include "core/text.h"
#include "core/version.h"

namespace lg::import_detail {

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + " ") {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t e = s.find('\n', i);
    if (e == std::string::npos) e = s.size();
    std::string line = s.substr(i, e - i);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
    i = e + 1;
  }
  return out;
}

}  // namespace

namespace {

// A change of sqitch.plan.
struct Change {
  std::string name, note;
  std::vector<std::string> requires_;
  std::vector<std::string> tags;
  std::size_t line;
};

// sqitch.plan, and the SQL files by "deploy/x" (without ".sql"); other
// files go to ignored.
const ImportFile* sqitch_files(const std::vector<ImportFile>& files,
                               std::map<std::string, const ImportFile*>& scripts,
                               std::vector<std::string>& ignored) {
  const ImportFile* plan = nullptr;
  for (const ImportFile& f : files) {
    if (f.path == "sqitch.plan") {
      plan = &f;
    } else if (ends_with(f.path, ".sql")) {
      std::string top = f.path.substr(0, f.path.find('/'));
      if (top != "deploy" && top != "revert" && top != "verify")
        fail_file(f.path, "does not fit layout \"sqitch\"",
                  "SQL of this layout is in deploy/, revert/ and verify/, named after a change of "
                  "sqitch.plan.");
      scripts[f.path.substr(0, f.path.size() - 4)] = &f;
    } else {
      ignored.push_back(f.path);
    }
  }
  if (plan == nullptr)
    fail("no file \"sqitch.plan\" in the import",
         "Layout \"sqitch\" needs sqitch.plan at the top of the folder.");
  return plan;
}

// The required changes of c, from the "[a b !c]" that follows its name in
// rest: earlier changes of the plan by name; conflicts (!c) are not kept.
void read_requires(const std::string& plan, const std::string& where, const std::string& rest,
                   const std::map<std::string, std::size_t>& by_name, Change& c) {
  std::size_t open = rest.find('['), close = rest.find(']');
  if (open == std::string::npos || !trim(rest.substr(0, open)).empty()) return;
  if (close == std::string::npos || close < open)
    fail_file(plan, where + "no \"]\" after the dependencies of change " + quote(c.name));
  for (const std::string& dep : words_of(rest.substr(open + 1, close - open - 1))) {
    if (dep[0] == '!') continue;  // a conflict: lg has no such notion
    if (dep.find(':') != std::string::npos || dep.find('@') != std::string::npos)
      fail_file(
          plan,
          where + "dependency " + quote(dep) + " of change " + quote(c.name) + " is not supported",
          "lg_import follows dependencies on changes of the same plan by name; "
          "dependencies on other projects or on tagged (reworked) changes are not supported.");
    if (by_name.find(dep) == by_name.end())
      fail_file(plan, where + "change " + quote(c.name) + " requires " + quote(dep) +
                          ", which is not an earlier change of the plan");
    if (std::find(c.requires_.begin(), c.requires_.end(), dep) == c.requires_.end())
      c.requires_.push_back(dep);
  }
}

// The changes of sqitch.plan in plan order, each with its tags (pragmas
// and comments skipped; a note after " #" kept).
std::vector<Change> read_plan(const ImportFile& plan) {
  std::vector<Change> changes;
  std::map<std::string, std::size_t> by_name;
  std::vector<std::string> lines = lines_of(plan.content);
  for (std::size_t ln = 0; ln < lines.size(); ++ln) {
    std::string line = trim(lines[ln]);
    const std::string where = "line " + std::to_string(ln + 1) + ": ";
    if (line.empty() || line[0] == '#' || line[0] == '%') continue;
    std::string note;
    std::size_t hash = line.find(" #");
    if (hash != std::string::npos) {
      note = trim(line.substr(hash + 2));
      line = trim(line.substr(0, hash));
    }
    if (line[0] == '@') {
      std::string tag = words_of(line)[0];
      if (changes.empty()) fail_file(plan.path, where + "tag " + quote(tag) + " before any change");
      changes.back().tags.push_back(tag);
      continue;
    }
    Change c;
    c.line = ln + 1;
    c.note = note;
    std::size_t name_end = line.find_first_of(" \t[");
    c.name = line.substr(0, name_end);
    read_requires(plan.path, where,
                  name_end == std::string::npos ? std::string() : line.substr(name_end), by_name,
                  c);
    if (!by_name.emplace(c.name, changes.size()).second)
      fail_file(plan.path, where + "change " + quote(c.name) + " is planned twice",
                "Reworked changes are not supported by lg_import.");
    changes.push_back(std::move(c));
  }
  return changes;
}

// The revision of change c, whose parent is the change before it (none
// for the first); deploy/revert/verify scripts found are noted in used.
ImportedRevision sqitch_revision(const ImportFile& plan, const Change& c, const Change* before,
                                 const std::map<std::string, const ImportFile*>& scripts,
                                 bool with_verify, std::set<std::string>& used) {
  auto script = [&](const std::string& dir) -> const ImportFile* {
    auto it = scripts.find(dir + "/" + c.name);
    if (it == scripts.end()) return nullptr;
    used.insert(it->first);
    return it->second;
  };
  const ImportFile* deploy = script("deploy");
  const ImportFile* revert = script("revert");
  const ImportFile* verify = script("verify");
  if (deploy == nullptr)
    fail_file(plan.path, "line " + std::to_string(c.line) + ": change " + quote(c.name) +
                             " has no deploy script " + quote("deploy/" + c.name + ".sql"));
  ImportedRevision r;
  r.id = c.name;
  if (before != nullptr) r.parents.push_back(before->name);
  r.depends_on = c.requires_;
  // a requirement that is the parent says nothing more
  if (before != nullptr)
    r.depends_on.erase(std::remove(r.depends_on.begin(), r.depends_on.end(), before->name),
                       r.depends_on.end());
  std::string description = c.note;
  for (const std::string& t : c.tags) description += (description.empty() ? "tag " : ", tag ") + t;
  r.message = message_of(description, deploy->path);
  r.up = strip_transaction_wrapper(deploy->content, false);
  if (revert) r.down = strip_transaction_wrapper(revert->content, false);
  if (verify && with_verify) r.verify = strip_transaction_wrapper(verify->content, true);
  r.source = deploy->path;
  return r;
}

}  // namespace

// sqitch: each change of sqitch.plan is a revision whose parent is the
// change before it (sqitch deploys in plan order) and whose depends_on are
// its required changes ([a b]); conflicts (!x) are not kept; tags name the
// change they follow in its message.  deploy/<change>.sql is the up SQL,
// revert/<change>.sql the down, verify/<change>.sql the verify SQL (unless
// {"verify": "false"}); a BEGIN/COMMIT (verify: ROLLBACK) around a script
// is left out, as lg runs each revision in the caller's transaction.
ImportResult import_sqitch(const std::vector<ImportFile>& files, const ImportOptions& options) {
  auto opts = read_options("sqitch", options, {{"verify", "true", {"true", "false"}}});
  std::map<std::string, const ImportFile*> scripts;  // "deploy/x" -> file
  ImportResult out;
  const ImportFile* plan = sqitch_files(files, scripts, out.ignored);
  std::vector<Change> changes = read_plan(*plan);
  std::set<std::string> used;
  for (std::size_t i = 0; i < changes.size(); ++i)
    out.revisions.push_back(sqitch_revision(*plan, changes[i], i > 0 ? &changes[i - 1] : nullptr,
                                            scripts, opts["verify"] == "true", used));
  for (const auto& [key, f] : scripts)
    if (!used.count(key))
      fail_file(f->path, "no change " + quote(key.substr(key.find('/') + 1)) + " in sqitch.plan");
  return out;
}

namespace {

// The value of a YAML scalar: quotes removed ('' and \" escapes kept simple).
std::string scalar(const std::string& path, const std::string& raw) {
  std::string v = trim(raw);
  if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front()) {
    std::string inner = v.substr(1, v.size() - 2), out;
    for (std::size_t i = 0; i < inner.size(); ++i) {
      if (v.front() == '\'' && inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'')
        ++i;
      else if (v.front() == '"' && inner[i] == '\\' && i + 1 < inner.size())
        ++i;
      out.push_back(inner[i]);
    }
    return out;
  }
  if (!v.empty() && (v.front() == '\'' || v.front() == '"'))
    fail_file(path, "unterminated quote in " + quote(v));
  return v;
}

// The line without a comment: "#" at its start or after a space, outside quotes.
std::string strip_comment(const std::string& line) {
  char q = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (q) {
      if (c == q) q = 0;
    } else if (c == '\'' || c == '"') {
      q = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

struct Metadata {
  std::vector<std::string> parents, depends_on;
  std::string message;
};

// The subset of YAML a dag metadata.yaml uses: top-level keys parents,
// depends_on (block lists "- a" or flow lists "[a, b]", empty = none) and
// message (a scalar).
Metadata read_metadata(const ImportFile& f) {
  Metadata m;
  std::vector<std::string>* list = nullptr;  // the block list being read
  std::set<std::string> seen;
  std::vector<std::string> lines = lines_of(f.content);
  for (std::size_t ln = 0; ln < lines.size(); ++ln) {
    std::string line = strip_comment(lines[ln]);
    const std::string where = "line " + std::to_string(ln + 1) + ": ";
    std::string t = trim(line);
    if (t.empty() || t == "---") continue;
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (t[0] == '-' && (t.size() == 1 || t[1] == ' ')) {
      if (list == nullptr) fail_file(f.path, where + "a list item outside parents: or depends_on:");
      std::string item = scalar(f.path, t.substr(1));
      if (item.empty()) fail_file(f.path, where + "an empty list item");
      list->push_back(item);
      continue;
    }
    if (indented)
      fail_file(f.path, where + "unexpected indented line " + quote(t),
                "metadata.yaml holds parents:, depends_on: and message: only.");
    std::size_t colon = t.find(':');
    if (colon == std::string::npos)
      fail_file(f.path, where + "expected \"key: value\", found " + quote(t));
    std::string key = trim(t.substr(0, colon)), value = trim(t.substr(colon + 1));
    if (!seen.insert(key).second) fail_file(f.path, where + "key " + quote(key) + " given twice");
    list = nullptr;
    if (key == "message") {
      m.message = scalar(f.path, value);
    } else if (key == "parents" || key == "depends_on") {
      std::vector<std::string>& target = key == "parents" ? m.parents : m.depends_on;
      if (value.empty() || value == "~" || value == "null") {
        list = &target;
      } else if (value.front() == '[') {
        if (value.back() != ']')
          fail_file(f.path, std::string(where).append("no \"]\" closing the list of ").append(key));
        std::string cur;
        std::string inner = value.substr(1, value.size() - 2);
        for (char c : inner + ",") {
          if (c == ',') {
            std::string item = scalar(f.path, cur);
            if (!item.empty())
              target.push_back(item);
            else if (!trim(inner).empty())
              fail_file(f.path, where + "an empty list item");
            cur.clear();
          } else {
            cur.push_back(c);
          }
        }
      } else {
        target.push_back(scalar(f.path, value));  // one parent as a scalar
      }
    } else {
      fail_file(f.path, where + "unknown key " + quote(key),
                "metadata.yaml holds parents:, depends_on: and message: only.");
    }
  }
  return m;
}

// The files of one revision directory of the dag layout.
struct Dir {
  const ImportFile *meta = nullptr, *up = nullptr, *down = nullptr, *verify = nullptr;
};

// The revision directories of a dag import, by name; files that are not
// SQL or metadata.yaml go to ignored.
std::map<std::string, Dir> dag_dirs(const std::vector<ImportFile>& files,
                                    std::vector<std::string>& ignored) {
  std::map<std::string, Dir> dirs;
  for (const ImportFile& f : files) {
    std::string base = basename(f.path), dir = dirname(f.path);
    bool known =
        base == "metadata.yaml" || base == "up.sql" || base == "down.sql" || base == "verify.sql";
    if (!known && !ends_with(base, ".sql")) {
      ignored.push_back(f.path);
      continue;
    }
    if (!known || dir.empty() || dir.find('/') != std::string::npos)
      fail_file(f.path, "does not fit layout \"dag\"",
                "A revision of this layout is a directory <id> holding metadata.yaml, up.sql and "
                "optionally down.sql and verify.sql.");
    Dir& d = dirs[dir];
    (base == "metadata.yaml" ? d.meta
     : base == "up.sql"      ? d.up
     : base == "down.sql"    ? d.down
                             : d.verify) = &f;
  }
  return dirs;
}

// The metadata of directory name, which must hold metadata.yaml and up.sql.
Metadata dag_metadata(const std::string& name, const Dir& d) {
  if (d.meta == nullptr)
    fail_file(name + "/metadata.yaml",
              "missing: every revision directory needs one, listing its parents");
  if (d.up == nullptr)
    fail_file(name + "/up.sql", "missing: every revision directory needs its up SQL");
  return read_metadata(*d.meta);
}

// The directories parents first: Kahn's algorithm over parents and
// dependencies inside the import, the ready set in natural order of the
// directory names ("9_a" before "10_a": compare_natural), so the order is
// the same whatever order the files came in; Error(Cycle) when they form
// a cycle.
std::vector<std::string> dag_order(const std::map<std::string, Dir>& dirs,
                                   const std::map<std::string, Metadata>& meta) {
  std::map<std::string, int> waiting;
  std::map<std::string, std::vector<std::string>> children;
  for (const auto& [name, m] : meta) {
    std::set<std::string> before(m.parents.begin(), m.parents.end());
    before.insert(m.depends_on.begin(), m.depends_on.end());
    for (const std::string& p : before) {
      if (p == name)
        fail_file(dirs.at(name).meta->path,
                  "revision " + quote(name) + " names itself as a parent");
      if (!dirs.count(p)) continue;
      ++waiting[name];
      children[p].push_back(name);
    }
  }
  auto later = [](const std::string& a, const std::string& b) { return compare_natural(a, b) > 0; };
  std::priority_queue<std::string, std::vector<std::string>, decltype(later)> ready(later);
  for (const auto& [name, m] : meta)
    if (waiting[name] == 0) ready.push(name);
  std::vector<std::string> order;
  while (!ready.empty()) {
    order.push_back(ready.top());
    ready.pop();
    for (const std::string& c : children[order.back()])
      if (--waiting[c] == 0) ready.push(c);
  }
  if (order.size() != dirs.size()) {
    std::vector<std::string> stuck;
    for (const auto& [name, n] : waiting)
      if (n > 0) stuck.push_back(name);
    throw Error(ErrorKind::Cycle, "the parents of the dag import form a cycle",
                "Revisions on or after the cycle: " + quote_list(stuck) + ".");
  }
  return order;
}

}  // namespace

// dag: <name>/metadata.yaml (parents, depends_on, message), <name>/up.sql,
// optionally down.sql and verify.sql.  Registered parents first, ties by
// name; a parent that is no directory of the import must be registered.
ImportResult import_dag(const std::vector<ImportFile>& files, const ImportOptions& options) {
  auto opts = read_options("dag", options, {{"verify", "true", {"true", "false"}}});
  ImportResult out;
  std::map<std::string, Dir> dirs = dag_dirs(files, out.ignored);
  std::map<std::string, Metadata> meta;
  for (const auto& [name, d] : dirs) meta[name] = dag_metadata(name, d);
  for (const std::string& name : dag_order(dirs, meta)) {
    const Dir& d = dirs[name];
    const Metadata& m = meta[name];
    ImportedRevision r;
    r.id = name;
    r.parents = m.parents;
    r.depends_on = m.depends_on;
    r.message = message_of(m.message, d.meta->path);
    r.up = d.up->content;
    if (d.down) r.down = d.down->content;
    if (d.verify && opts["verify"] == "true") r.verify = d.verify->content;
    r.source = d.meta->path;
    out.revisions.push_back(std::move(r));
  }
  return out;
}

}  // namespace lg::import_detail
