// lg_import's entry point (import.h): the layouts, the id rule and the
// helpers the layout parsers share (import_detail.h).
#include "core/import.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "core/import_detail.h"
#include "core/text.h"

namespace lg {

namespace d = import_detail;

namespace {

using Parser = ImportResult (*)(const std::vector<ImportFile>&, const ImportOptions&);

// Every layout and its parser, in the order import_layouts lists them.
const std::vector<std::pair<std::string, Parser>>& parsers() {
  static const std::vector<std::pair<std::string, Parser>> table = {
      {"alembic-sql", d::import_alembic_sql}, {"dag", d::import_dag},
      {"dbmate", d::import_dbmate},           {"diesel", d::import_diesel},
      {"flyway", d::import_flyway},           {"golang-migrate", d::import_golang_migrate},
      {"sqitch", d::import_sqitch},           {"supabase", d::import_supabase}};
  return table;
}

}  // namespace

const std::vector<std::string>& import_layouts() {
  static const std::vector<std::string> layouts = [] {
    std::vector<std::string> names;
    for (const auto& [name, parser] : parsers()) names.push_back(name);
    return names;
  }();
  return layouts;
}

ImportResult import_folder(const std::string& layout, const std::vector<ImportFile>& files,
                           const ImportOptions& options) {
  auto it = std::find_if(parsers().begin(), parsers().end(),
                         [&](const auto& entry) { return entry.first == layout; });
  if (it == parsers().end()) {
    std::string list;
    for (const std::string& l : import_layouts()) list += (list.empty() ? "" : ", ") + l;
    throw Error(ErrorKind::InvalidImport, "unknown import layout " + quote(layout), {},
                "The layouts are: " + list + ".");
  }
  ImportResult r = it->second(files, options);
  d::apply_id_rule(r.revisions);
  return r;
}

namespace {

bool id_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

std::string fnv8(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(h));
  return buf;
}

}  // namespace

std::vector<std::string> import_ids(const std::vector<std::string>& names) {
  std::vector<std::string> cleaned(names.size());
  std::unordered_map<std::string, int> uses;  // how many names would take each id
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (id_syntax_problem(name).empty()) {
      cleaned[i] = name;
    } else {
      std::string c;
      for (std::size_t k = 0; k < name.size(); ++k) {
        unsigned char b = static_cast<unsigned char>(name[k]);
        if (id_byte(b))
          c.push_back(static_cast<char>(b));
        else if ((b & 0xC0) != 0x80)
          c.push_back('_');  // one "_" per UTF-8 sequence
      }
      cleaned[i] = c;
    }
    ++uses[cleaned[i]];
  }
  // A valid name keeps its id; a changed name whose result is empty, too
  // long, reserved, a kept name or another changed name's takes the hash.
  std::vector<std::string> out(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& c = cleaned[i];
    if (id_syntax_problem(names[i]).empty()) {
      out[i] = c;
      continue;
    }
    bool clash = uses[c] > 1;
    if (c.empty() || c.size() > kMaxIdLength || !id_syntax_problem(c).empty() || clash) {
      std::string base = c.size() > kMaxIdLength - 9 ? c.substr(0, kMaxIdLength - 9) : c;
      out[i] = base + "_" + fnv8(names[i]);
    } else {
      out[i] = c;
    }
  }
  return out;
}

namespace import_detail {

void fail_file(const std::string& path, const std::string& what, const std::string& hint) {
  throw Error(ErrorKind::InvalidImport, "file " + quote(path) + ": " + what, {}, hint);
}

void fail(const std::string& what, const std::string& hint) {
  throw Error(ErrorKind::InvalidImport, what, {}, hint);
}

std::string basename(const std::string& path) {
  std::size_t s = path.rfind('/');
  return s == std::string::npos ? path : path.substr(s + 1);
}

std::string dirname(const std::string& path) {
  std::size_t s = path.rfind('/');
  return s == std::string::npos ? std::string() : path.substr(0, s);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string message_of(const std::string& description, const std::string& source) {
  return description.empty() ? "file: " + source : description + " (file: " + source + ")";
}

std::map<std::string, std::string> read_options(const std::string& layout,
                                                const ImportOptions& given,
                                                const std::vector<OptionSpec>& specs) {
  std::map<std::string, std::string> out;
  for (const OptionSpec& s : specs) out[s.name] = s.default_value;
  for (const auto& entry : given) {
    // plain references, not a structured binding: clang 14 (the fuzz build)
    // cannot capture a binding in the lambda below
    const std::string& name = entry.first;
    const std::string& value = entry.second;
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      std::string list;
      for (const OptionSpec& s : specs) list += (list.empty() ? "" : ", ") + s.name;
      throw Error(ErrorKind::InvalidImport,
                  "unknown option " + quote(name) + " for layout " + quote(layout), {},
                  list.empty() ? "Layout " + quote(layout) + " takes no options."
                               : "The options of layout " + quote(layout) + " are: " + list + ".");
    }
    if (!spec->choices.empty() &&
        std::find(spec->choices.begin(), spec->choices.end(), value) == spec->choices.end())
      throw Error(ErrorKind::InvalidImport,
                  "invalid value " + quote(value) + " for option " + quote(name), {},
                  "Use one of: " + quote_list(spec->choices) + ".");
    out[name] = value;
  }
  return out;
}

void apply_id_rule(std::vector<ImportedRevision>& revs) {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;
  auto note = [&](const std::string& n) {
    if (index.emplace(n, names.size()).second) names.push_back(n);
  };
  for (const ImportedRevision& r : revs) note(r.id);
  for (const ImportedRevision& r : revs) {
    for (const std::string& p : r.parents) note(p);
    for (const std::string& p : r.depends_on) note(p);
  }
  std::vector<std::string> ids = import_ids(names);
  for (ImportedRevision& r : revs) {
    r.id = ids[index[r.id]];
    for (std::string& p : r.parents) p = ids[index[p]];
    for (std::string& p : r.depends_on) p = ids[index[p]];
  }
}

}  // namespace import_detail

std::optional<std::string> message_source(std::string_view message) {
  static constexpr std::string_view marker = "(file: ", bare = "file: ";
  std::size_t at = message.find(marker);
  if (at != std::string_view::npos)
    at += marker.size();
  else if (message.substr(0, bare.size()) == bare)
    at = bare.size(); /* no description */
  else
    return std::nullopt;
  std::size_t end = message.find(')', at);
  return std::string(message.substr(at, end == std::string_view::npos ? message.npos : end - at));
}

}  // namespace lg
