// Lexing of SQL files for lg_import: statements (split at top-level ";"),
// marker comment lines at top level, and the leading keywords of a
// statement.  Knows quotes, E'' strings, dollar quotes, "identifiers",
// -- and nested /* */ comments.  Not a parser: the server's parser checks
// the SQL when lg_revision registers it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

struct SqlPiece {
  enum Kind { Statement, Marker } kind;
  std::size_t begin;    // byte offsets into the text
  std::size_t end;      // Statement: through its ";" (or end of text); Marker: end of line (no \n)
  std::size_t line;     // 1-based line of begin (of the first keyword for a statement)
  std::size_t keyword;  // Statement: offset of its first token after comments
};

// Splits text.  A line that starts (at top level, outside any statement
// text but comments) with marker_prefix is a Marker piece; an empty prefix
// marks nothing.  Text after the last ";" that holds a token is a final
// statement without ";"; only whitespace and comments is dropped.
std::vector<SqlPiece> split_sql(std::string_view text, std::string_view marker_prefix = {});

// The first n words of a statement (upper-cased, comments skipped, a word
// being letters, digits, "_", "." and "\"" quoted parts as written).
std::vector<std::string> leading_words(std::string_view statement, std::size_t n);

// text without a transaction wrapper: a first statement BEGIN / START
// TRANSACTION and a last COMMIT / END (or ROLLBACK when allow_rollback)
// are removed, when both are there; otherwise text as it is.
std::string strip_transaction_wrapper(std::string_view text, bool allow_rollback);

// text without leading and trailing whitespace.
std::string trim(std::string_view text);

}  // namespace lg
