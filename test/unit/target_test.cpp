// Target syntax (parse_target) and how a target is quoted in messages:
// every form, and every way a target can be wrong.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/resolve.h"
#include "core/planner.h"
#include "core/target.h"
#include "core/text.h"
#include "test_support.h"

namespace {

using namespace lg_test;

TEST(ParseTarget, AbsoluteForms) {
  lg::Target t = lg::parse_target("head");
  EXPECT_EQ(t.symbol, "head");
  EXPECT_TRUE(t.branch.empty());
  EXPECT_FALSE(t.relative);
  t = lg::parse_target("left@heads");
  EXPECT_EQ(t.branch, "left");
  EXPECT_EQ(t.symbol, "heads");
  t = lg::parse_target("ae1027a6acf");
  EXPECT_EQ(t.symbol, "ae1027a6acf");
  EXPECT_EQ(t.text, "ae1027a6acf");
}

TEST(ParseTarget, RelativeForms) {
  lg::Target t = lg::parse_target("+2");
  EXPECT_TRUE(t.relative);
  EXPECT_TRUE(t.from_current());
  EXPECT_EQ(t.steps, 2);
  t = lg::parse_target("-3");
  EXPECT_EQ(t.steps, -3);
  EXPECT_TRUE(t.from_current());
  t = lg::parse_target("ae10+1");
  EXPECT_EQ(t.symbol, "ae10");
  EXPECT_EQ(t.steps, 1);
  EXPECT_FALSE(t.from_current());
  t = lg::parse_target("head-2");
  EXPECT_EQ(t.symbol, "head");
  EXPECT_EQ(t.steps, -2);
  t = lg::parse_target("left@-1");
  EXPECT_EQ(t.branch, "left");
  EXPECT_TRUE(t.from_current());
  EXPECT_EQ(t.steps, -1);
  t = lg::parse_target("left@l1+1");
  EXPECT_EQ(t.branch, "left");
  EXPECT_EQ(t.symbol, "l1");
  EXPECT_EQ(t.steps, 1);
  t = lg::parse_target("+2147483647");
  EXPECT_EQ(t.steps, 2147483647);
  t = lg::parse_target("abc+0");
  EXPECT_EQ(t.steps, 0);
}

TEST(ParseTarget, MalformedTargetsQuoteTheTarget) {
  for (const std::string& bad : std::vector<std::string>{
           "",      "+",   "-",      "@",    "head@@", "a@b@c",       "lbl@",
           "@head", "+x",  "+1x",    "-1-1", "a+",     "+2147483648", "+99999999999999999999",
           "a b",   "a:b", "a;drop", "x\ty", "+0",     "-0",          "lb-l@head"}) {
    lg::Error e = error_of([&] { lg::parse_target(bad); });
    EXPECT_EQ(e.kind(), ErrorKind::InvalidTarget) << bad;
    // a tab (any control character) is shown as an escape
    const std::string shown = bad == "x\ty" ? "x\\ty" : bad;
    EXPECT_EQ(std::string(e.what()), "invalid target \"" + shown + "\"");
    EXPECT_FALSE(e.detail().empty()) << bad;
  }
}

TEST(TargetText, LongTargetIsCutInTheMessage) {
  lg::Graph g({lg::Revision{"a", {}, {}, {}}});
  std::string huge(1000000, 'x');
  try {
    lg::plan_upgrade(g, {}, huge);
    FAIL() << "expected an error";
  } catch (const lg::Error& e) {
    EXPECT_EQ(e.kind(), lg::ErrorKind::UnknownRevision);
    EXPECT_LT(std::string(e.what()).size(), 300u);
    EXPECT_NE(std::string(e.what()).find("...\""), std::string::npos);
  }
}

TEST(TargetText, CutKeepsUtf8CharactersWhole) {
  std::string s(lg::kMaxQuoted - 1, 'a');
  s += "\xC3\xA9\xC3\xA9";  // two two-byte characters straddling the limit
  std::string q = lg::quote(s);
  EXPECT_EQ(q, "\"" + std::string(lg::kMaxQuoted - 1, 'a') + "...\"");
}

TEST(TargetText, QuoteEscapesLineBreaksAndControls) {
  EXPECT_EQ(lg::quote("a\nb\r\x1b[2K\\! x\t"), "\"a\\nb\\r\\x1B[2K\\! x\\t\"");
  EXPECT_EQ(lg::quote("x\xE2\x80\xA8y\xE2\x80\xAEz\xC2\x9B"), "\"x\\u2028y\\u202Ez\\u009B\"");
  EXPECT_EQ(lg::quote("caf\xC3\xA9 \xE2\x82\xAC"), "\"caf\xC3\xA9 \xE2\x82\xAC\"");
}

}  // namespace
