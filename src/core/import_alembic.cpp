// lg_import's "alembic-sql" layout: the output of `alembic upgrade
// <from>:<to> --sql` (and of `alembic downgrade <to>:<from> --sql` for the
// down SQL).  Revisions and parents come from Alembic's markers
//   -- Running upgrade <parent>[, <parent>...] -> <revision>[, <message>]
//   -- Running downgrade <revision> -> <parents>[, <message>]
// and the SQL between them; the statements on the version table
// (CREATE/DROP TABLE, INSERT INTO, UPDATE, DELETE FROM alembic_version)
// and BEGIN/COMMIT are Alembic's own bookkeeping and are left out.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/import_detail.h"
#include "core/import_sql.h"
#include "core/text.h"

namespace lg::import_detail {

namespace {

constexpr std::string_view kMarker = "-- Running ";

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The last part of a possibly qualified, possibly quoted name, upper-cased
// unless quoted.
std::string table_name(const std::string& word) {
  std::string w = word;
  std::size_t dot = std::string::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '"')
      quoted = !quoted;
    else if (w[i] == '.' && !quoted)
      dot = i;
  }
  if (dot != std::string::npos) w = w.substr(dot + 1);
  if (w.size() >= 2 && w.front() == '"' && w.back() == '"') return w.substr(1, w.size() - 2);
  return w;  // leading_words upper-cased it
}

bool is_version_statement(const std::vector<std::string>& w, const std::string& table) {
  auto names = [&](std::size_t i) {
    if (i >= w.size()) return false;
    std::string t = table_name(w[i]);
    return t == table || t == upper(table);
  };
  if (w.empty()) return false;
  if (w[0] == "INSERT" || w[0] == "DELETE")
    return w.size() > 2 && (w[1] == "INTO" || w[1] == "FROM") && names(2);
  if (w[0] == "UPDATE") return names(1);
  if (w[0] == "CREATE" || w[0] == "DROP") return w.size() > 2 && w[1] == "TABLE" && names(2);
  return false;
}

bool is_transaction_statement(const std::vector<std::string>& w) {
  return !w.empty() && (w[0] == "BEGIN" || w[0] == "COMMIT" || w[0] == "END" ||
                        (w[0] == "START" && w.size() > 1 && w[1] == "TRANSACTION"));
}

std::vector<std::string> id_list(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',') {
      std::string t = trim(cur);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

struct Section {
  bool up;
  std::vector<std::string> from;  // upgrade: parents
  std::string revision;
  std::string message;
  std::string sql;
  std::string path;
  std::size_t line;
};

// The sections of one file.
std::vector<Section> sections(const ImportFile& f, const std::string& table) {
  std::vector<Section> out;
  std::string_view s = f.content;
  for (const SqlPiece& p : split_sql(s, kMarker)) {
    std::string text(s.substr(p.begin, p.end - p.begin));
    if (p.kind == SqlPiece::Marker) {
      std::string rest = text.substr(kMarker.size());
      Section sec;
      sec.path = f.path;
      sec.line = p.line;
      if (starts_with(rest, "upgrade "))
        sec.up = true;
      else if (starts_with(rest, "downgrade "))
        sec.up = false;
      else
        fail_file(f.path,
                  "line " + std::to_string(p.line) + ": not an Alembic marker: " + quote(text));
      rest = rest.substr(sec.up ? 8 : 10);
      std::size_t arrow = rest.find("->");
      if (arrow == std::string::npos)
        fail_file(f.path,
                  "line " + std::to_string(p.line) + ": not an Alembic marker: " + quote(text));
      std::string left = rest.substr(0, arrow), right = trim(rest.substr(arrow + 2));
      if (sec.up) {
        sec.from = id_list(left);
        std::size_t comma = right.find(',');
        sec.revision = trim(right.substr(0, comma));
        if (comma != std::string::npos) sec.message = trim(right.substr(comma + 1));
      } else {
        sec.revision = trim(left);
        // right: the parents, then maybe ", message": the parents are known
        // from the upgrade; a message is not told apart from them here.
      }
      if (sec.revision.empty() || sec.revision.find_first_of(" \t,") != std::string::npos)
        fail_file(f.path,
                  "line " + std::to_string(p.line) + ": no revision in marker " + quote(text));
      out.push_back(std::move(sec));
      continue;
    }
    std::vector<std::string> w = leading_words(text.substr(p.keyword - p.begin), 3);
    if (is_transaction_statement(w) || is_version_statement(w, table)) continue;
    if (out.empty())
      fail_file(
          f.path, "line " + std::to_string(p.line) + ": SQL before the first \"-- Running\" marker",
          "The file is expected to be the output of alembic upgrade --sql (or downgrade --sql).");
    std::string stmt = trim(text);
    if (!out.back().sql.empty()) out.back().sql += "\n\n";
    out.back().sql += stmt;
  }
  if (out.empty())
    fail_file(
        f.path, "no \"-- Running upgrade\" or \"-- Running downgrade\" marker",
        "The file is expected to be the output of alembic upgrade --sql (or downgrade --sql).");
  for (Section& sec : out)
    if (!sec.sql.empty()) sec.sql += '\n';
  return out;
}

}  // namespace

ImportResult import_alembic_sql(const std::vector<ImportFile>& files,
                                const ImportOptions& options) {
  auto opts = read_options("alembic-sql", options, {{"version_table", "alembic_version", {}}});
  const std::string table = opts["version_table"];
  std::vector<const ImportFile*> sorted;
  ImportResult out;
  for (const ImportFile& f : files) {
    if (ends_with(f.path, ".sql"))
      sorted.push_back(&f);
    else
      out.ignored.push_back(f.path);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const ImportFile* a, const ImportFile* b) { return a->path < b->path; });
  std::map<std::string, std::size_t> index;  // revision -> position in out.revisions
  std::vector<Section> downs;
  for (const ImportFile* f : sorted) {
    for (Section& sec : sections(*f, table)) {
      if (!sec.up) {
        downs.push_back(std::move(sec));
        continue;
      }
      auto [it, fresh] = index.emplace(sec.revision, out.revisions.size());
      if (!fresh)
        fail_file(sec.path, "line " + std::to_string(sec.line) + ": revision " +
                                quote(sec.revision) + " is upgraded twice, also in " +
                                quote(out.revisions[it->second].source));
      ImportedRevision r;
      r.id = sec.revision;
      r.parents = sec.from;
      r.message = message_of(sec.message, sec.path);
      r.up = sec.sql;
      r.source = sec.path;
      out.revisions.push_back(std::move(r));
    }
  }
  std::map<std::string, const Section*> seen_down;
  for (const Section& sec : downs) {
    auto it = index.find(sec.revision);
    if (it == index.end())
      fail_file(sec.path,
                "line " + std::to_string(sec.line) + ": a downgrade of revision " +
                    quote(sec.revision) + " without its upgrade",
                "Give the output of alembic upgrade --sql for the same range too.");
    if (!seen_down.emplace(sec.revision, &sec).second)
      fail_file(sec.path, "line " + std::to_string(sec.line) + ": revision " + quote(sec.revision) +
                              " is downgraded twice");
    out.revisions[it->second].down = sec.sql;
  }
  return out;
}

}  // namespace lg::import_detail
