// Importing a migration folder of another tool (lg_import): the files of
// the folder, given as (relative path, content), become lg revisions with
// ids, parents, dependencies, message and up/down/verify SQL.  Pure
// parsing: nothing here knows the registry; the boundary registers the
// result through lg_revision's code path.  README "Moving to lg" is the
// user's description of every layout and rule here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

struct ImportFile {
  std::string path;     // relative to the folder, '/' separated
  std::string content;  // the file's text
};

struct ImportedRevision {
  std::string id;
  std::vector<std::string> parents;     // ids; may name revisions outside the import
  std::vector<std::string> depends_on;  // ids
  std::string message;                  // description + " (file: <source>)"
  std::string up;
  std::optional<std::string> down;  // none: irreversible
  std::optional<std::string> verify;
  bool transactional = true;
  std::string source;  // the file (or directory) the revision came from
};

struct ImportResult {
  std::vector<ImportedRevision> revisions;  // in registration order: parents first
  std::vector<std::string> ignored;         // files the layout does not read (not .sql, ...)
};

using ImportOptions = std::vector<std::pair<std::string, std::string>>;

// The layouts, in the order of the error hint.
const std::vector<std::string>& import_layouts();

// Parses files as layout; throws Error(InvalidImport) naming the file on
// bad input, Error(Cycle) for a cycle in a dag layout.
ImportResult import_folder(const std::string& layout, const std::vector<ImportFile>& files,
                           const ImportOptions& options);

// The id rule: name itself when it is a valid id; otherwise every
// character outside [A-Za-z0-9_.] (a UTF-8 sequence counts as one) becomes
// "_", and when that is empty, reserved, longer than 128 characters or the
// id of another name in the set, "_" and 8 hex digits of the FNV-1a hash of
// name are appended (after cutting to 119 characters).  Deterministic:
// the same set of names gives the same ids in any order.
std::vector<std::string> import_ids(const std::vector<std::string>& names);

// The <source> of a message an import wrote ("... (file: <source>)" or
// "file: <source>"), or none.
std::optional<std::string> message_source(std::string_view message);

}  // namespace lg
