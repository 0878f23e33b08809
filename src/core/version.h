// Versions as the other tools write them (lg_import, lg_adopt): digit
// strings compared as numbers, dotted versions compared part by part, and
// the normal form lg_adopt matches a tool's version in.
#pragma once

#include <string>
#include <string_view>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

// Compares digit strings as numbers (any length, leading zeros ignored):
// <0, 0, >0.
int compare_numbers(std::string_view a, std::string_view b);

// Compares dotted versions part by part as numbers, a missing part 0
// (1.10 > 1.9; 1.0 = 1): flyway's order, and lg_adopt's.
int compare_versions(std::string_view a, std::string_view b);

// Natural order of names: runs of digits compare as numbers, other runs
// byte by byte ("9_a" < "10_a" < "10_b", "v2" < "v10"); names equal that
// way ("01" and "1") by their bytes.  A total order: 0 only for equal
// names.  The order of the dag layout's directories (lg_import).
int compare_natural(std::string_view a, std::string_view b);

// Whether s is a dotted number: a digit, then digits and dots (1,
// 20240101120000, 1.2.3).
bool is_dotted_number(std::string_view s);

// A version as lg_adopt compares it: digits (and diesel's dashes) lose
// the dashes and leading zeros ("0" stays); anything else is kept as it is.
std::string normalized_version(std::string_view s);

}  // namespace lg
