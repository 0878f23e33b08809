// Versions of other tools (core/version.h): numbers of any length, dotted
// versions part by part, the normal form lg_adopt matches in.
#include <gtest/gtest.h>

#include "core/version.h"

namespace {

TEST(Version, NumbersCompareByValueAtAnyLength) {
  EXPECT_LT(lg::compare_numbers("9", "10"), 0);
  EXPECT_EQ(lg::compare_numbers("007", "7"), 0);
  EXPECT_GT(lg::compare_numbers("20240101120000", "9999999999999"), 0);
  EXPECT_EQ(lg::compare_numbers("0", "000"), 0);
}

TEST(Version, DottedVersionsComparePartByPart) {
  EXPECT_GT(lg::compare_versions("1.10", "1.9"), 0);
  EXPECT_EQ(lg::compare_versions("1.0", "1"), 0);
  EXPECT_EQ(lg::compare_versions("1.0.0", "1"), 0);
  EXPECT_LT(lg::compare_versions("1", "1.0.1"), 0);
  EXPECT_LT(lg::compare_versions("2", "10"), 0);
  EXPECT_EQ(lg::compare_versions("01.02", "1.2"), 0);
}

TEST(Version, DottedNumbers) {
  EXPECT_TRUE(lg::is_dotted_number("1"));
  EXPECT_TRUE(lg::is_dotted_number("1.2.3"));
  EXPECT_FALSE(lg::is_dotted_number(""));
  EXPECT_FALSE(lg::is_dotted_number(".1"));
  EXPECT_FALSE(lg::is_dotted_number("1a"));
}

TEST(Version, NormalizedDropsDashesAndLeadingZerosOfNumbersOnly) {
  EXPECT_EQ(lg::normalized_version("2024-01-01-120000"), "20240101120000");
  EXPECT_EQ(lg::normalized_version("0042"), "42");
  EXPECT_EQ(lg::normalized_version("000"), "0");
  EXPECT_EQ(lg::normalized_version("1.2"), "1.2");  // a dot: kept as it is
  EXPECT_EQ(lg::normalized_version("abc_01"), "abc_01");
  EXPECT_EQ(lg::normalized_version(""), "");
}

}  // namespace

TEST(Version, NaturalOrderComparesDigitRunsAsNumbers) {
  EXPECT_LT(lg::compare_natural("9_a", "10_a"), 0);
  EXPECT_LT(lg::compare_natural("10_a", "10_b"), 0);
  EXPECT_LT(lg::compare_natural("v2", "v10"), 0);
  EXPECT_LT(lg::compare_natural("01", "1"), 0);  // equal as numbers: by bytes
  EXPECT_EQ(lg::compare_natural("abc", "abc"), 0);
  EXPECT_GT(lg::compare_natural("a10", "a9b"), 0);
}
