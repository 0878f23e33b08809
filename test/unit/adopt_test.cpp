// lg_adopt's matching of another tool's versions to registered revisions
// (core/adopt.h VersionMatcher) and the tips of an adopted set.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/adopt.h"
#include "core/import.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(MessageSource, ReadsTheFileAnImportNamed) {
  EXPECT_EQ(lg::message_source("add users (file: V1__add_users.sql)"), "V1__add_users.sql");
  EXPECT_EQ(lg::message_source("file: 001_init.sql"), "001_init.sql");
  EXPECT_EQ(lg::message_source("(file: a/b.sql"), "a/b.sql");  // unclosed: to the end
  EXPECT_FALSE(lg::message_source("no file here").has_value());
}

// Revisions as lg_import registers them from each tool, plus two whose
// normalized ids collide.
class Matcher : public ::testing::Test {
 protected:
  Graph g{{R("V1"), R("V1_1", {"V1"}), R("V2", {"V1_1"}), R("d1"), R("s1"), R("0042"), R("42x"),
           R("007"), R("7")}};
  std::vector<const char*> messages{"init (file: V1__init.sql)",
                                    "more (file: V1_1__more.sql)",
                                    "file: V2__last.sql",
                                    "add (file: 2024-01-01-120000_add/up.sql)",
                                    "users (file: deploy/users.sql)",
                                    nullptr,
                                    nullptr,
                                    nullptr,
                                    nullptr};
  lg::VersionMatcher m{g, messages};
  int index(const std::string& id) { return g.find(id); }
};

TEST_F(Matcher, ExactIdFirst) { EXPECT_EQ(m.match("V1"), index("V1")); }

TEST_F(Matcher, NormalizedId) { EXPECT_EQ(m.match("42"), index("0042")); }

TEST_F(Matcher, SeveralRevisionsWithTheSameNormalizedId) { EXPECT_EQ(m.match("07"), -2); }

TEST_F(Matcher, FlywayVersionsFromTheFileName) {
  EXPECT_EQ(m.match("1"), index("V1"));
  EXPECT_EQ(m.match("1.1"), index("V1_1"));
  EXPECT_EQ(m.match("2"), index("V2"));
}

TEST_F(Matcher, DieselVersionFromTheDirectory) {
  EXPECT_EQ(m.match("20240101120000"), index("d1"));
  EXPECT_EQ(m.match("2024-01-01-120000"), index("d1"));
}

TEST_F(Matcher, SqitchChangeFromTheBaseName) { EXPECT_EQ(m.match("users"), index("s1")); }

TEST_F(Matcher, UnknownVersion) { EXPECT_EQ(m.match("3"), -1); }

TEST_F(Matcher, MarkUptoTheToolVersionOfARow) {
  std::vector<char> members(g.size(), 0);
  m.mark_upto(index("V1_1"), "1.1", members);
  EXPECT_TRUE(members[static_cast<std::size_t>(index("V1"))]);
  EXPECT_TRUE(members[static_cast<std::size_t>(index("V1_1"))]);
  EXPECT_FALSE(members[static_cast<std::size_t>(index("V2"))]);
  EXPECT_FALSE(members[static_cast<std::size_t>(index("d1"))]);
}

TEST_F(Matcher, MarkUptoAnUnmatchedRowUsesItsOwnVersion) {
  std::vector<char> members(g.size(), 0);
  m.mark_upto(-1, "1.5", members);  // a flyway baseline between 1.1 and 2
  EXPECT_TRUE(members[static_cast<std::size_t>(index("V1_1"))]);
  EXPECT_FALSE(members[static_cast<std::size_t>(index("V2"))]);
  std::vector<char> none(g.size(), 0);
  m.mark_upto(-1, "not-a-number", none);
  EXPECT_EQ(none, std::vector<char>(g.size(), 0));
}

}  // namespace
