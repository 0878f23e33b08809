// Typed errors thrown by the core. The boundary layer (src/pg) catches them
// and maps ErrorKind to a SQLSTATE; nothing here knows about PostgreSQL.
#pragma once
#include "core/firewall.h"

#include <stdexcept>
#include <string>

namespace lg {

enum class ErrorKind {
  InvalidId,             // malformed or reserved revision id
  InvalidTarget,         // target text that does not parse
  UnknownRevision,       // no revision or label matches a symbol
  AmbiguousRevision,     // a prefix matches several revisions
  MultipleHeads,         // "head" asked for, several heads exist
  UnknownParent,         // registry: parent or depends_on names nothing
  Cycle,                 // registry: cycle or self-loop
  DuplicateLabel,        // registry: label used twice or equal to an id
  RelativeOvershoot,     // +N / -N walked past the end of the graph
  AmbiguousWalk,         // relative walk met a branch or merge point
  AmbiguousCurrent,      // +N / -N with several current rows
  InvalidDowngrade,      // target not below any current row
  UnknownCurrentRow,     // lg.version names a revision that is not registered
  InvalidImport,         // lg_import: a folder that does not fit its layout
};

// An error with PostgreSQL-style parts: a short lower-case message, and an
// optional detail and hint written as sentences.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string detail = {},
        std::string hint = {})
      : std::runtime_error(message),
        kind_(kind),
        detail_(std::move(detail)),
        hint_(std::move(hint)) {}

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  ErrorKind kind_;
  std::string detail_;
  std::string hint_;
};

}  // namespace lg
