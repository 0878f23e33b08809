// Shared pieces of the layout parsers of lg_import (import.h): errors that
// name a file, path helpers, version comparisons, options.  Internal to
// src/core/import_*.cpp.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/import.h"
#include "core/version.h"

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg::import_detail {

// Error(InvalidImport): "file "<path>": <what>".
[[noreturn]] void fail_file(const std::string& path, const std::string& what,
                            const std::string& hint = {});
// Error(InvalidImport) not about one file.
[[noreturn]] void fail(const std::string& what, const std::string& hint = {});

std::string basename(const std::string& path);
std::string dirname(const std::string& path);  // "" at top level
bool ends_with(std::string_view s, std::string_view suffix);
bool starts_with(std::string_view s, std::string_view prefix);
bool all_digits(std::string_view s);

// message = description + " (file: <source>)", or "file: <source>".
std::string message_of(const std::string& description, const std::string& source);

// The options a layout reads, with their defaults; refuses any other
// name, or a value not among a fixed choice (choices empty: any value).
struct OptionSpec {
  std::string name;
  std::string default_value;
  std::vector<std::string> choices;
};
std::map<std::string, std::string> read_options(const std::string& layout,
                                                const ImportOptions& given,
                                                const std::vector<OptionSpec>& specs);

// Renames ids (revision ids, parents, depends_on) by import_ids over all
// of them, so references keep pointing at their revisions.
void apply_id_rule(std::vector<ImportedRevision>& revs);

// Layout parsers.
ImportResult import_alembic_sql(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_dbmate(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_golang_migrate(const std::vector<ImportFile>& files,
                                   const ImportOptions& options);
ImportResult import_flyway(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_diesel(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_supabase(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_sqitch(const std::vector<ImportFile>& files, const ImportOptions& options);
ImportResult import_dag(const std::vector<ImportFile>& files, const ImportOptions& options);

}  // namespace lg::import_detail
