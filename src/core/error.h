// Typed errors thrown by the core. The boundary layer (src/pg) catches them
// and maps ErrorKind to a SQLSTATE; nothing here knows about PostgreSQL.
#pragma once

#include "core/error_kinds.h"

#include <stdexcept>
#include <string>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// One enumerator per entry of core/error_kinds.h.
enum class ErrorKind {
#define LG_CORE_KIND(kind, c_name, sqlstate) kind,
  LG_ERROR_KINDS(LG_CORE_KIND)
#undef LG_CORE_KIND
};

// An error with PostgreSQL-style parts: a short lower-case message, and an
// optional detail and hint written as sentences.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string detail = {}, std::string hint = {})
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
