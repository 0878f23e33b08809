// The linear layouts of lg_import: dbmate, golang-migrate, flyway, diesel,
// supabase.  Each file (or directory) is one version; versions are sorted
// as the tool sorts them and each revision's parent is the one before.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "core/import_detail.h"
#include "core/import_sql.h"
#include "core/text.h"

namespace lg::import_detail {

namespace {

struct Version {
  std::string id;           // the tool's own version, as lg's id before the id rule
  std::string description;  // the name part of the file
  std::string source;       // the up file (or the directory)
  std::optional<std::string> up, down, verify;
  std::string down_source;
  bool transactional = true;
};

using Less = std::function<int(const std::string&, const std::string&)>;

// Sorted by cmp; a duplicate version (cmp 0) is an error naming both files.
ImportResult chain(std::vector<Version> versions, const Less& cmp,
                   std::vector<std::string> ignored) {
  std::stable_sort(versions.begin(), versions.end(),
                   [&](const Version& a, const Version& b) { return cmp(a.id, b.id) < 0; });
  ImportResult out;
  out.ignored = std::move(ignored);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    Version& v = versions[i];
    if (i > 0 && cmp(versions[i - 1].id, v.id) == 0)
      fail_file(v.source,
                "duplicate version " + quote(v.id) + ", also in " + quote(versions[i - 1].source));
    if (!v.up) fail_file(v.down_source, "a down migration without its up migration");
    ImportedRevision r;
    r.id = v.id;
    if (i > 0) r.parents.push_back(versions[i - 1].id);
    r.message = message_of(v.description, v.source);
    r.up = *v.up;
    r.down = v.down;
    r.verify = v.verify;
    r.transactional = v.transactional;
    r.source = v.source;
    out.revisions.push_back(std::move(r));
  }
  return out;
}

// Splits "<digits><sep><rest>" of name (without extension); false if name
// does not start with digits followed by sep (or end).
bool digits_prefix(const std::string& name, std::string& version, std::string& rest) {
  std::size_t k = 0;
  while (k < name.size() && name[k] >= '0' && name[k] <= '9') ++k;
  if (k == 0) return false;
  version = name.substr(0, k);
  rest = name.substr(k);
  if (!rest.empty() && rest[0] == '_') rest.erase(0, 1);
  return true;
}

// The .sql files of files that in_folder takes; the others go to ignored.
std::vector<const ImportFile*> sql_files(const std::vector<ImportFile>& files,
                                         const std::function<bool(const std::string&)>& in_folder,
                                         std::vector<std::string>& ignored) {
  std::vector<const ImportFile*> out;
  for (const ImportFile& f : files) {
    if (ends_with(f.path, ".sql") && in_folder(f.path))
      out.push_back(&f);
    else
      ignored.push_back(f.path);
  }
  return out;
}

// f as the up SQL of v, or its down SQL; a second one of either is an
// error naming both files ("duplicate <what> ...").
void set_up(Version& v, const ImportFile& f, const std::string& version,
            const std::string& description) {
  if (v.up)
    fail_file(f.path, "duplicate version " + quote(version) + ", also in " + quote(v.source));
  v.up = f.content;
  v.source = f.path;
  v.description = description;
}

void set_down(Version& v, const ImportFile& f, const std::string& version, const char* what) {
  if (v.down)
    fail_file(f.path, std::string("duplicate ") + what + " " + quote(version) + ", also in " +
                          quote(v.down_source));
  v.down = f.content;
  v.down_source = f.path;
}

// Versions of a layout whose files are "<digits>_<name>.sql" in one folder,
// each file the up SQL of a version (supabase) or parsed by fill (dbmate).
ImportResult one_file_per_version(const std::vector<ImportFile>& files, const std::string& layout,
                                  const std::function<bool(const std::string&)>& in_folder,
                                  const std::function<void(const ImportFile&, Version&)>& fill) {
  std::vector<Version> versions;
  std::vector<std::string> ignored;
  for (const ImportFile* file : sql_files(files, in_folder, ignored)) {
    const ImportFile& f = *file;
    std::string base = basename(f.path);
    Version v;
    std::string rest;
    if (!digits_prefix(base.substr(0, base.size() - 4), v.id, rest))
      fail_file(f.path, "does not fit layout " + quote(layout),
                "A migration of this layout is named <version>_<name>.sql, the version digits.");
    v.description = rest;
    v.source = f.path;
    fill(f, v);
    versions.push_back(std::move(v));
  }
  return chain(std::move(versions), compare_numbers, std::move(ignored));
}

bool top_level(const std::string& path) { return path.find('/') == std::string::npos; }

// One line of text starting at offset i: [i, end of line).
std::size_t line_end(const std::string& s, std::size_t i) {
  std::size_t e = s.find('\n', i);
  return e == std::string::npos ? s.size() : e;
}

}  // namespace

// dbmate: <version>_<name>.sql with "-- migrate:up" and optionally
// "-- migrate:down" sections; "transaction:false" on a marker line makes
// the revision non-transactional (which lg_revision refuses, naming it).
ImportResult import_dbmate(const std::vector<ImportFile>& files, const ImportOptions& options) {
  read_options("dbmate", options, {});
  return one_file_per_version(files, "dbmate", top_level, [](const ImportFile& f, Version& v) {
    const std::string& s = f.content;
    std::optional<std::size_t> up_at, down_at;
    std::size_t up_body = 0, down_body = 0;
    for (std::size_t i = 0; i < s.size(); i = line_end(s, i) + 1) {
      std::size_t e = line_end(s, i);
      std::string line = s.substr(i, e - i);
      std::size_t k = 2;
      if (!starts_with(line, "--")) continue;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      std::string rest = line.substr(k);
      bool up = starts_with(rest, "migrate:up"), down = starts_with(rest, "migrate:down");
      if (!up && !down) continue;
      if ((up && up_at) || (down && down_at))
        fail_file(f.path,
                  std::string("more than one \"-- migrate:") + (up ? "up" : "down") + "\" line");
      if (rest.find("transaction:false") != std::string::npos) v.transactional = false;
      (up ? up_at : down_at) = i;
      (up ? up_body : down_body) = e < s.size() ? e + 1 : e;
    }
    if (!up_at)
      fail_file(f.path, "no \"-- migrate:up\" line",
                "A dbmate migration has a \"-- migrate:up\" section and optionally a "
                "\"-- migrate:down\" section.");
    if (down_at && *down_at < *up_at)
      fail_file(f.path, "\"-- migrate:down\" comes before \"-- migrate:up\"");
    std::size_t up_end = down_at ? *down_at : s.size();
    v.up = trim(std::string_view(s).substr(up_body, up_end - up_body));
    if (!v.up->empty()) *v.up += '\n';
    if (down_at) {
      v.down = trim(std::string_view(s).substr(down_body));
      if (!v.down->empty()) *v.down += '\n';
    }
  });
}

// supabase: supabase/migrations/<timestamp>_<name>.sql (or the files of
// that folder at the top level); forward only.
ImportResult import_supabase(const std::vector<ImportFile>& files, const ImportOptions& options) {
  read_options("supabase", options, {});
  auto in_folder = [](const std::string& path) {
    std::string dir = dirname(path);
    return dir.empty() || dir == "supabase/migrations" || dir == "migrations";
  };
  return one_file_per_version(files, "supabase", in_folder,
                              [](const ImportFile& f, Version& v) { v.up = f.content; });
}

// golang-migrate: <version>_<title>.up.sql and <version>_<title>.down.sql.
ImportResult import_golang_migrate(const std::vector<ImportFile>& files,
                                   const ImportOptions& options) {
  read_options("golang-migrate", options, {});
  std::map<std::string, Version, std::function<bool(const std::string&, const std::string&)>>
      by_version(
          [](const std::string& a, const std::string& b) { return compare_numbers(a, b) < 0; });
  std::vector<std::string> ignored;
  for (const ImportFile* file : sql_files(files, top_level, ignored)) {
    const ImportFile& f = *file;
    std::string base = basename(f.path);
    bool up = ends_with(base, ".up.sql"), down = ends_with(base, ".down.sql");
    std::string version, title;
    if ((!up && !down) ||
        !digits_prefix(base.substr(0, base.size() - (up ? 7 : 9)), version, title))
      fail_file(f.path, "does not fit layout \"golang-migrate\"",
                "A migration of this layout is <version>_<title>.up.sql, with an optional "
                "<version>_<title>.down.sql.");
    Version& v = by_version[version];
    if (v.id.empty()) v.id = version;
    if (up)
      set_up(v, f, version, title);
    else
      set_down(v, f, version, "version");
  }
  std::vector<Version> versions;
  for (auto& [k, v] : by_version) versions.push_back(std::move(v));
  return chain(std::move(versions), compare_numbers, std::move(ignored));
}

namespace {

std::string spaced(std::string s) {
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace

namespace {

// The version of flyway's V<version>__ or U<version>__ (stem up to sep),
// "_" read as "."; refuses one that is not numbers separated by dots.
std::string flyway_version(const ImportFile& f, const std::string& stem, std::size_t sep) {
  std::string version = stem.substr(1, sep - 1);
  std::replace(version.begin(), version.end(), '_', '.');
  if (!is_dotted_number(version) || version.back() == '.' ||
      version.find("..") != std::string::npos)
    fail_file(f.path, "invalid flyway version " + quote(version),
              "A version is numbers separated by \".\" or \"_\", as in V1_2__add_users.sql.");
  return version;
}

// A repeatable migration R__<description>.sql, kept by stem when options
// allow ({"repeatables": "append"}).
void add_repeatable(const ImportFile& f, const std::string& stem, std::size_t sep, bool append,
                    std::map<std::string, const ImportFile*>& repeatables) {
  if (sep != 1)
    fail_file(f.path, "a repeatable migration has no version", "Name it R__<description>.sql.");
  if (!append)
    fail_file(f.path, "repeatable migrations are not imported by default",
              "lg has no repeatable migrations: move the SQL into a versioned migration, or "
              "import repeatables once, after the versions, with options "
              "{\"repeatables\": \"append\"}.");
  if (!repeatables.emplace(stem, &f).second)
    fail_file(f.path, "duplicate repeatable migration " + quote(stem));
}

// The repeatable migrations after the versions, by description, each the
// child of the one before.
void append_repeatables(const std::map<std::string, const ImportFile*>& repeatables,
                        ImportResult& out) {
  for (const auto& [stem, f] : repeatables) {
    ImportedRevision r;
    r.id = stem;
    if (!out.revisions.empty()) r.parents.push_back(out.revisions.back().id);
    r.message = message_of(spaced(stem.substr(3)), f->path);
    r.up = f->content;
    r.source = f->path;
    out.revisions.push_back(std::move(r));
  }
}

bool anywhere(const std::string&) { return true; }

}  // namespace

// flyway: V<version>__<description>.sql, U<version>__<description>.sql
// (undo: the down SQL), R__<description>.sql (repeatable: refused, or with
// {"repeatables": "append"} imported once, after the versions, ordered by
// description, id R__<description>).
ImportResult import_flyway(const std::vector<ImportFile>& files, const ImportOptions& options) {
  auto opts = read_options("flyway", options, {{"repeatables", "refuse", {"refuse", "append"}}});
  std::map<std::string, Version, std::function<bool(const std::string&, const std::string&)>>
      by_version(
          [](const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; });
  std::map<std::string, const ImportFile*> repeatables;
  std::vector<std::string> ignored;
  for (const ImportFile* file : sql_files(files, anywhere, ignored)) {
    const ImportFile& f = *file;
    std::string base = basename(f.path);
    std::string stem = base.substr(0, base.size() - 4);
    std::size_t sep = stem.find("__");
    char prefix = stem.empty() ? '\0' : stem[0];
    if (sep == std::string::npos || (prefix != 'V' && prefix != 'U' && prefix != 'R'))
      fail_file(f.path, "does not fit layout \"flyway\"",
                "A migration of this layout is V<version>__<description>.sql, "
                "U<version>__<description>.sql (undo) or R__<description>.sql.");
    if (prefix == 'R') {
      add_repeatable(f, stem, sep, opts["repeatables"] == "append", repeatables);
      continue;
    }
    std::string version = flyway_version(f, stem, sep);
    Version& v = by_version[version];
    if (prefix == 'V' || v.id.empty()) v.id = version;  // V's spelling of the version wins
    if (prefix == 'V')
      set_up(v, f, version, spaced(stem.substr(sep + 2)));
    else
      set_down(v, f, version, "undo version");
  }
  std::vector<Version> versions;
  for (auto& [k, v] : by_version) versions.push_back(std::move(v));
  ImportResult out = chain(std::move(versions), compare_versions, std::move(ignored));
  append_repeatables(repeatables, out);
  return out;
}

// diesel: <version>_<name>/up.sql and down.sql (and metadata.toml with
// run_in_transaction = false); the version is the part before the first
// "_" without its dashes, as diesel records it.
ImportResult import_diesel(const std::vector<ImportFile>& files, const ImportOptions& options) {
  read_options("diesel", options, {});
  std::map<std::string, Version> by_dir;
  std::vector<std::string> ignored;
  for (const ImportFile& f : files) {
    std::string base = basename(f.path), dir = dirname(f.path);
    bool sql = ends_with(base, ".sql"), toml = base == "metadata.toml";
    if (!sql && !toml) {
      ignored.push_back(f.path);
      continue;
    }
    std::string dirbase = basename(dir);
    std::size_t us = dirbase.find('_');
    std::string version = dirbase.substr(0, us);
    version.erase(std::remove(version.begin(), version.end(), '-'), version.end());
    if (dir.empty() || (sql && base != "up.sql" && base != "down.sql") || !all_digits(version))
      fail_file(f.path, "does not fit layout \"diesel\"",
                "A migration of this layout is a directory <version>_<name> holding up.sql and "
                "optionally down.sql.");
    Version& v = by_dir[dir];
    v.id = version;
    v.description = us == std::string::npos ? std::string() : dirbase.substr(us + 1);
    if (base == "up.sql") {
      v.up = f.content;
      v.source = f.path;
    } else if (base == "down.sql") {
      v.down = f.content;
      v.down_source = f.path;
    } else {
      for (std::size_t i = 0; i < f.content.size(); i = line_end(f.content, i) + 1) {
        std::string line = f.content.substr(i, line_end(f.content, i) - i);
        line.erase(std::remove_if(line.begin(), line.end(),
                                  [](char c) { return c == ' ' || c == '\t' || c == '\r'; }),
                   line.end());
        if (line == "run_in_transaction=false") v.transactional = false;
      }
      if (v.down_source.empty()) v.down_source = f.path;
    }
  }
  std::vector<Version> versions;
  for (auto& [dir, v] : by_dir) {
    if (v.source.empty() && !v.up) v.source = v.down_source;
    versions.push_back(std::move(v));
  }
  return chain(std::move(versions), compare_numbers, std::move(ignored));
}

}  // namespace lg::import_detail
