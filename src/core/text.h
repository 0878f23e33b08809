// Small string helpers shared by the core's error messages.
#pragma once
#include "core/firewall.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

// Longest accepted revision id or branch label.
constexpr std::size_t kMaxIdLength = 128;

// Empty when name is a valid id (1..128 of [A-Za-z0-9_.], not reserved),
// otherwise a sentence explaining the problem (used for ids and labels).
std::string id_syntax_problem(std::string_view name);

// Longest piece of user text quoted in a message (longer text is cut).
constexpr std::size_t kMaxQuoted = 160;

// "name" with double quotes, as in PostgreSQL messages; text longer than
// kMaxQuoted bytes is cut at a character boundary and ends in "...".
// Line breaks and control characters are written as visible escapes (\n,
// \r, \t, \xNN, and \uXXXX for UTF-8 C1, line separator and
// bidirectional controls): user text in a message (a target) cannot start a
// line of its own or steer a terminal.
std::string quote(std::string_view s);

// "a", "b", "c" (each quoted, comma separated).
std::string quote_list(const std::vector<std::string>& names);

}  // namespace lg
