// lg_import's layout parsers (core/import.h): good folders of every
// layout, the id rule, and bad input that must name its file.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/import.h"
#include "core/import_sql.h"
#include "core/revision.h"

#include <cstdint>

namespace {

using lg::ErrorKind;
using lg::ImportFile;
using lg::ImportResult;
using Names = std::vector<std::string>;

ImportResult run(const std::string& layout, std::vector<ImportFile> files,
                 lg::ImportOptions options = {}) {
  return lg::import_folder(layout, files, options);
}

Names ids(const ImportResult& r) {
  Names out;
  for (const auto& rev : r.revisions) out.push_back(rev.id);
  return out;
}

// The message of the error run() throws ("" if none), and its kind.
std::string error_of(const std::string& layout, std::vector<ImportFile> files,
                     lg::ImportOptions options = {}, ErrorKind* kind = nullptr,
                     std::string* hint = nullptr) {
  try {
    run(layout, std::move(files), std::move(options));
  } catch (const lg::Error& e) {
    if (kind) *kind = e.kind();
    if (hint) *hint = e.hint();
    return e.what();
  }
  return "";
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(ImportSql, SplitsAtTopLevelSemicolonsOnly) {
  std::string sql =
      "CREATE TABLE t (s text DEFAULT 'a;b');\n"
      "-- a comment; with a semicolon\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
      "/* nested /* ; */ ; */ SELECT \"a;b\" FROM x;\n"
      "SELECT E'it\\'s;' ;\n"
      "SELECT 1";
  auto pieces = lg::split_sql(sql);
  ASSERT_EQ(pieces.size(), 5u);
  EXPECT_EQ(lg::leading_words(sql.substr(pieces[1].keyword), 2), (Names{"CREATE", "FUNCTION"}));
  EXPECT_EQ(pieces[4].end, sql.size());
}

TEST(ImportSql, StripsATransactionWrapper) {
  EXPECT_EQ(
      lg::strip_transaction_wrapper("-- Deploy x\nBEGIN;\nCREATE TABLE x ();\nCOMMIT;\n", false),
      "-- Deploy x\nCREATE TABLE x ();\n");
  EXPECT_EQ(lg::strip_transaction_wrapper("BEGIN;\nSELECT 1;\nROLLBACK;\n", true), "SELECT 1;\n");
  EXPECT_EQ(lg::strip_transaction_wrapper("BEGIN;\nSELECT 1;\nROLLBACK;\n", false),
            "BEGIN;\nSELECT 1;\nROLLBACK;\n");
  EXPECT_EQ(lg::strip_transaction_wrapper("CREATE TABLE x ();\n", false), "CREATE TABLE x ();\n");
}

TEST(ImportIds, KeepsValidIdsAndDerivesTheRest) {
  Names got = lg::import_ids({"1.2.10", "add users", "add_users", "head", "a-b", "a_b"});
  EXPECT_EQ(got[0], "1.2.10");
  EXPECT_EQ(got[2], "add_users");           // valid: kept
  EXPECT_EQ(got[1], "add_users_076b5524");  // collides with a kept id: hashed (README's example)
  EXPECT_EQ(got[1].size(), std::string("add_users_").size() + 8);
  EXPECT_TRUE(got[3].rfind("head_", 0) == 0);  // reserved
  EXPECT_EQ(got[5], "a_b");
  EXPECT_NE(got[4], "a_b");
  EXPECT_EQ(lg::import_ids({"schemas/ü x"})[0], "schemas___x");
  // deterministic, in any order
  Names again = lg::import_ids({"a_b", "a-b", "head", "add_users", "add users", "1.2.10"});
  EXPECT_EQ(again[1], got[4]);
  EXPECT_EQ(again[4], got[1]);
  EXPECT_LE(lg::import_ids({std::string(300, '-')})[0].size(), 128u);
}

TEST(ImportLayouts, UnknownLayoutListsTheLayouts) {
  ErrorKind kind;
  std::string hint;
  EXPECT_EQ(error_of("rails", {}, {}, &kind, &hint), "unknown import layout \"rails\"");
  EXPECT_EQ(kind, ErrorKind::InvalidImport);
  EXPECT_TRUE(
      has(hint, "alembic-sql, dag, dbmate, diesel, flyway, golang-migrate, sqitch, supabase"));
  EXPECT_TRUE(has(error_of("dbmate", {}, {{"x", "1"}}), "unknown option \"x\""));
}

TEST(Dbmate, SectionsOrderAndTransactionFalse) {
  auto r =
      run("dbmate", {{"20200102000000_b.sql",
                      "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n"},
                     {"20200101000000_a.sql",
                      "-- migrate:up\nCREATE TABLE t (x int);\n-- migrate:down\nDROP TABLE t;\n"},
                     {"notes.txt", "x"}});
  EXPECT_EQ(ids(r), (Names{"20200101000000", "20200102000000"}));
  EXPECT_EQ(r.revisions[0].up, "CREATE TABLE t (x int);\n");
  EXPECT_EQ(*r.revisions[0].down, "DROP TABLE t;\n");
  EXPECT_TRUE(r.revisions[0].transactional);
  EXPECT_FALSE(r.revisions[1].down.has_value());
  EXPECT_FALSE(r.revisions[1].transactional);
  EXPECT_EQ(r.revisions[1].parents, Names{"20200101000000"});
  EXPECT_EQ(r.revisions[0].message, "a (file: 20200101000000_a.sql)");
  EXPECT_EQ(r.ignored, Names{"notes.txt"});
}

TEST(Dbmate, BadInput) {
  EXPECT_EQ(error_of("dbmate", {{"1_a.sql", "CREATE TABLE t ();"}}),
            "file \"1_a.sql\": no \"-- migrate:up\" line");
  EXPECT_TRUE(has(error_of("dbmate", {{"create.sql", "-- migrate:up\n"}}),
                  "file \"create.sql\": does not fit layout \"dbmate\""));
  EXPECT_TRUE(
      has(error_of("dbmate", {{"1_a.sql", "-- migrate:up\n"}, {"01_b.sql", "-- migrate:up\n"}}),
          "duplicate version"));
  EXPECT_TRUE(has(error_of("dbmate", {{"1_a.sql", "-- migrate:down\nx;\n-- migrate:up\n"}}),
                  "comes before"));
}

TEST(GolangMigrate, NumericOrderUpAndDown) {
  auto r =
      run("golang-migrate",
          {{"10_c.up.sql", "C"}, {"2_b.up.sql", "B"}, {"2_b.down.sql", "b"}, {"1_a.up.sql", "A"}});
  EXPECT_EQ(ids(r), (Names{"1", "2", "10"}));
  EXPECT_EQ(*r.revisions[1].down, "b");
  EXPECT_EQ(r.revisions[2].parents, Names{"2"});
  EXPECT_TRUE(has(error_of("golang-migrate", {{"3_x.down.sql", "x"}}),
                  "file \"3_x.down.sql\": a down migration without its up migration"));
  EXPECT_TRUE(has(error_of("golang-migrate", {{"3_x.sql", "x"}}),
                  "does not fit layout \"golang-migrate\""));
  EXPECT_TRUE(has(error_of("golang-migrate", {{"3_x.up.sql", "x"}, {"003_y.up.sql", "y"}}),
                  "duplicate version"));
}

TEST(Flyway, VersionsUndoAndRepeatables) {
  std::vector<ImportFile> files = {{"sql/V1.2.10__ten.sql", "T"},
                                   {"V1.2.9__nine.sql", "N"},
                                   {"V1_1__add_users.sql", "A"},
                                   {"U1.2.9__nine.sql", "n"},
                                   {"R__views.sql", "V"}};
  EXPECT_TRUE(has(error_of("flyway", files),
                  "file \"R__views.sql\": repeatable migrations are not imported"));
  auto r = run("flyway", files, {{"repeatables", "append"}});
  EXPECT_EQ(ids(r), (Names{"1.1", "1.2.9", "1.2.10", "R__views"}));
  EXPECT_EQ(*r.revisions[1].down, "n");
  EXPECT_EQ(r.revisions[0].message, "add users (file: V1_1__add_users.sql)");
  EXPECT_EQ(r.revisions[3].parents, Names{"1.2.10"});
  EXPECT_TRUE(
      has(error_of("flyway", {{"V1__a.sql", "a"}, {"V1.0__b.sql", "b"}}), "duplicate version"));
  EXPECT_TRUE(
      has(error_of("flyway", {{"U2__a.sql", "a"}}), "a down migration without its up migration"));
  EXPECT_TRUE(has(error_of("flyway", {{"init.sql", "a"}}), "does not fit layout \"flyway\""));
  EXPECT_TRUE(has(error_of("flyway", {{"Vx__a.sql", "a"}}), "invalid flyway version"));
  EXPECT_TRUE(has(error_of("flyway", {}, {{"repeatables", "later"}}), "invalid value \"later\""));
}

TEST(Diesel, DirectoriesAndMetadata) {
  auto r = run("diesel", {{"2023-01-02-000000_b/up.sql", "B"},
                          {"2023-01-02-000000_b/metadata.toml", "run_in_transaction = false\n"},
                          {"2023-01-01-000000_a/up.sql", "A"},
                          {"2023-01-01-000000_a/down.sql", "a"}});
  EXPECT_EQ(ids(r), (Names{"20230101000000", "20230102000000"}));
  EXPECT_EQ(*r.revisions[0].down, "a");
  EXPECT_FALSE(r.revisions[1].transactional);
  EXPECT_EQ(r.revisions[1].message, "b (file: 2023-01-02-000000_b/up.sql)");
  EXPECT_TRUE(has(error_of("diesel", {{"2023_x/down.sql", "x"}}),
                  "a down migration without its up migration"));
  EXPECT_TRUE(
      has(error_of("diesel", {{"2023_x/other.sql", "x"}}), "does not fit layout \"diesel\""));
  EXPECT_TRUE(has(error_of("diesel", {{"up.sql", "x"}}), "does not fit layout \"diesel\""));
}

TEST(Supabase, ForwardOnly) {
  auto r = run("supabase", {{"supabase/migrations/20240102_b.sql", "B"},
                            {"supabase/migrations/20240101_a.sql", "A"},
                            {"supabase/seed.sql", "S"},
                            {"supabase/config.toml", "x"}});
  EXPECT_EQ(ids(r), (Names{"20240101", "20240102"}));
  EXPECT_FALSE(r.revisions[0].down.has_value());
  EXPECT_EQ(r.ignored.size(), 2u);
}

TEST(AlembicSql, MarkersParentsMergesAndVersionTable) {
  std::string up =
      "BEGIN;\n\nCREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
      "    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
      "-- Running upgrade  -> a1\n\nCREATE TABLE t (id int);\n\n"
      "INSERT INTO alembic_version (version_num) VALUES ('a1') RETURNING alembic_version.version_num;\n\n"
      "-- Running upgrade a1 -> c3, add c\n\nCREATE TABLE c (id int);\n\n"
      "UPDATE alembic_version SET version_num='c3' WHERE alembic_version.version_num = 'a1';\n\n"
      "-- Running upgrade a1 -> b2\n\nCREATE TABLE b (id int);\n\nINSERT INTO b VALUES (1);\n\n"
      "INSERT INTO alembic_version (version_num) VALUES ('b2') RETURNING alembic_version.version_num;\n\n"
      "-- Running upgrade b2, c3 -> d4\n\n"
      "DELETE FROM alembic_version WHERE alembic_version.version_num = 'b2';\n\n"
      "UPDATE alembic_version SET version_num='d4' WHERE alembic_version.version_num = 'c3';\n\nCOMMIT;\n\n";
  std::string down =
      "BEGIN;\n\n-- Running downgrade d4 -> b2, c3\n\n"
      "INSERT INTO alembic_version (version_num) VALUES ('b2') RETURNING alembic_version.version_num;\n\n"
      "-- Running downgrade b2 -> a1\n\nDROP TABLE b;\n\n"
      "DELETE FROM alembic_version WHERE alembic_version.version_num = 'b2';\n\n"
      "-- Running downgrade a1 -> \n\nDROP TABLE t;\n\nDROP TABLE alembic_version;\n\nCOMMIT;\n";
  auto r = run("alembic-sql", {{"up.sql", up}, {"down.sql", down}});
  EXPECT_EQ(ids(r), (Names{"a1", "c3", "b2", "d4"}));
  EXPECT_EQ(r.revisions[0].up, "CREATE TABLE t (id int);\n");
  EXPECT_EQ(*r.revisions[0].down, "DROP TABLE t;\n");
  EXPECT_TRUE(r.revisions[0].parents.empty());
  EXPECT_EQ(r.revisions[1].message, "add c (file: up.sql)");
  EXPECT_EQ(r.revisions[2].up, "CREATE TABLE b (id int);\n\nINSERT INTO b VALUES (1);\n");
  EXPECT_EQ(r.revisions[3].parents, (Names{"b2", "c3"}));
  EXPECT_EQ(r.revisions[3].up, "");
  EXPECT_EQ(*r.revisions[3].down, "");
  EXPECT_FALSE(r.revisions[1].down.has_value());
}

TEST(AlembicSql, BadInput) {
  EXPECT_TRUE(has(error_of("alembic-sql", {{"x.sql", "CREATE TABLE t ();\n"}}),
                  "line 1: SQL before the first"));
  EXPECT_TRUE(
      has(error_of("alembic-sql", {{"x.sql", "BEGIN;\nCOMMIT;\n"}}), "no \"-- Running upgrade\""));
  EXPECT_TRUE(
      has(error_of("alembic-sql", {{"d.sql", "-- Running downgrade b -> a\nDROP TABLE b;\n"}}),
          "a downgrade of revision \"b\" without its upgrade"));
  EXPECT_TRUE(has(error_of("alembic-sql", {{"a.sql", "-- Running upgrade  -> a\n"},
                                           {"b.sql", "-- Running upgrade  -> a\n"}}),
                  "file \"b.sql\": line 1: revision \"a\" is upgraded twice"));
}

TEST(Sqitch, PlanDependenciesTagsAndScripts) {
  std::string plan =
      "%syntax-version=1.0.0\n%project=flipr\n\n"
      "appschema 2013-12-30T23:19:42Z Marge <marge@example.com> # Add schema.\n"
      "users [appschema] 2013-12-30T23:49:00Z Marge <marge@example.com> # Users.\n"
      "@v1.0.0-dev1 2013-12-31T00:00:00Z Marge <marge@example.com> # Tag.\n"
      "flips [appschema users !old] 2014-01-01T00:00:00Z Marge <marge@example.com> # Flips.\n";
  auto r = run("sqitch",
               {{"sqitch.plan", plan},
                {"sqitch.conf", "[core]"},
                {"deploy/appschema.sql", "BEGIN;\nCREATE SCHEMA flipr;\nCOMMIT;\n"},
                {"revert/appschema.sql", "BEGIN;\nDROP SCHEMA flipr;\nCOMMIT;\n"},
                {"verify/appschema.sql",
                 "BEGIN;\nSELECT pg_catalog.has_schema_privilege('flipr', 'usage');\nROLLBACK;\n"},
                {"deploy/users.sql", "CREATE TABLE flipr.users ();"},
                {"deploy/flips.sql", "CREATE TABLE flipr.flips ();"}});
  EXPECT_EQ(ids(r), (Names{"appschema", "users", "flips"}));
  EXPECT_EQ(r.revisions[0].up, "CREATE SCHEMA flipr;\n");
  EXPECT_EQ(*r.revisions[0].down, "DROP SCHEMA flipr;\n");
  EXPECT_EQ(*r.revisions[0].verify, "SELECT pg_catalog.has_schema_privilege('flipr', 'usage');\n");
  EXPECT_TRUE(r.revisions[1].depends_on.empty());  // its parent already
  EXPECT_EQ(r.revisions[1].message, "Users., tag @v1.0.0-dev1 (file: deploy/users.sql)");
  EXPECT_EQ(r.revisions[2].parents, Names{"users"});
  EXPECT_EQ(r.revisions[2].depends_on, Names{"appschema"});
  auto nv = run("sqitch",
                {{"sqitch.plan", "a 2013-12-30T23:19:42Z M <m@x> # A\n"},
                 {"deploy/a.sql", "x"},
                 {"verify/a.sql", "y"}},
                {{"verify", "false"}});
  EXPECT_FALSE(nv.revisions[0].verify.has_value());
}

TEST(Sqitch, BadInput) {
  EXPECT_TRUE(has(error_of("sqitch", {{"deploy/a.sql", "x"}}), "no file \"sqitch.plan\""));
  EXPECT_TRUE(
      has(error_of("sqitch", {{"sqitch.plan", "a 2013 M <m> # x\n"}}), "has no deploy script"));
  EXPECT_TRUE(has(error_of("sqitch", {{"sqitch.plan", "a 2013 M <m> # x\n"},
                                      {"deploy/a.sql", "x"},
                                      {"deploy/b.sql", "x"}}),
                  "file \"deploy/b.sql\": no change \"b\" in sqitch.plan"));
  EXPECT_TRUE(
      has(error_of("sqitch", {{"sqitch.plan", "a [b] 2013 M <m> # x\n"}, {"deploy/a.sql", "x"}}),
          "which is not an earlier change"));
  EXPECT_TRUE(has(
      error_of("sqitch", {{"sqitch.plan", "a 2013 M <m>\na 2014 M <m>\n"}, {"deploy/a.sql", "x"}}),
      "planned twice"));
  EXPECT_TRUE(
      has(error_of("sqitch", {{"sqitch.plan", "a [other:b] 2013 M <m>\n"}, {"deploy/a.sql", "x"}}),
          "is not supported"));
  EXPECT_TRUE(
      has(error_of("sqitch",
                   {{"sqitch.plan", "a 2013 M <m>\n"}, {"deploy/a.sql", "x"}, {"lib/x.sql", "x"}}),
          "does not fit layout \"sqitch\""));
}

TEST(Dag, ParentsInBlockAndFlowListsTopologicalOrder) {
  auto r =
      run("dag", {{"m/metadata.yaml", "# merge\nparents: [b, 'c']\nmessage: \"merge b and c\"\n"},
                  {"m/up.sql", ""},
                  {"c/metadata.yaml", "parents:\n  - a   # the base\n"},
                  {"c/up.sql", "C"},
                  {"b/metadata.yaml", "parents:\n- a\nmessage: add b\n"},
                  {"b/up.sql", "B"},
                  {"b/down.sql", "b"},
                  {"b/verify.sql", "SELECT true"},
                  {"a/metadata.yaml", "parents: []\n"},
                  {"a/up.sql", "A"},
                  {"README.md", "x"}});
  EXPECT_EQ(ids(r), (Names{"a", "b", "c", "m"}));
  EXPECT_EQ(r.revisions[3].parents, (Names{"b", "c"}));
  EXPECT_EQ(r.revisions[3].message, "merge b and c (file: m/metadata.yaml)");
  EXPECT_EQ(*r.revisions[1].verify, "SELECT true");
  EXPECT_EQ(r.revisions[1].message, "add b (file: b/metadata.yaml)");
  // a parent outside the import is kept (the boundary checks it is registered)
  auto out = run("dag", {{"x/metadata.yaml", "parents: [old_one]"}, {"x/up.sql", ""}});
  EXPECT_EQ(out.revisions[0].parents, Names{"old_one"});
}

// Registration order (lg.revision.ord, the tie-break of every plan): a
// revision after its parents and dependencies, and among the ready ones
// the first in version order of the directory names (digits as numbers),
// whatever order the files come in.
TEST(Dag, RegistrationOrderIsParentsFirstThenVersionOrder) {
  std::vector<ImportFile> files = {
      {"10_c/metadata.yaml", "parents: [1_a]"},    {"10_c/up.sql", ""},
      {"9_b/metadata.yaml", "parents: [1_a]"},     {"9_b/up.sql", ""},
      {"2_z/metadata.yaml", "parents: [10_c]"},    {"2_z/up.sql", ""},
      {"3_y/metadata.yaml", "parents: []"},        {"3_y/up.sql", ""},
      {"1_a/metadata.yaml", "parents: []"},        {"1_a/up.sql", ""},
      {"9_b2/metadata.yaml", "depends_on: [2_z]"}, {"9_b2/up.sql", ""},
      {"09_b/metadata.yaml", "parents: [1_a]"},    {"09_b/up.sql", ""}};
  const Names expected{"1_a", "3_y", "09_b", "9_b", "10_c", "2_z", "9_b2"};
  EXPECT_EQ(ids(run("dag", files)), expected);
  std::reverse(files.begin(), files.end());
  EXPECT_EQ(ids(run("dag", files)), expected);
  std::rotate(files.begin(), files.begin() + 5, files.end());
  EXPECT_EQ(ids(run("dag", files)), expected);
}

TEST(Dag, BadInput) {
  ErrorKind kind;
  error_of("dag",
           {{"a/metadata.yaml", "parents: [b]"},
            {"a/up.sql", ""},
            {"b/metadata.yaml", "parents: [a]"},
            {"b/up.sql", ""}},
           {}, &kind);
  EXPECT_EQ(kind, ErrorKind::Cycle);
  EXPECT_TRUE(has(error_of("dag", {{"a/up.sql", ""}}), "file \"a/metadata.yaml\": missing"));
  EXPECT_TRUE(
      has(error_of("dag", {{"a/metadata.yaml", "parents: []"}}), "file \"a/up.sql\": missing"));
  EXPECT_TRUE(has(error_of("dag", {{"a/metadata.yaml", "owner: me"}, {"a/up.sql", ""}}),
                  "unknown key \"owner\""));
  EXPECT_TRUE(
      has(error_of("dag", {{"a/metadata.yaml", "parents: [b"}, {"a/up.sql", ""}}), "no \"]\""));
  EXPECT_TRUE(
      has(error_of("dag", {{"a/metadata.yaml", "- b"}, {"a/up.sql", ""}}), "a list item outside"));
  EXPECT_TRUE(has(error_of("dag", {{"a/x.sql", ""}}), "does not fit layout \"dag\""));
}

}  // namespace

namespace {

// Random folders for every layout, from pieces of each syntax: a parser
// either returns revisions with valid ids or throws lg::Error; nothing
// else escapes.  Also run by hand under -fsanitize=address,undefined:
// g++ -std=c++17 -fsanitize=address,undefined -Isrc src/core/*.cpp
//     test/unit/import_test.cpp -lgtest -lgtest_main -pthread
TEST(ImportRobustness, RandomFoldersGiveValidIdsOrLgErrors) {
  const std::vector<std::string> names = {"1_a.sql",
                                          "2_b.up.sql",
                                          "2_b.down.sql",
                                          "V1.2__x.sql",
                                          "U1.2__x.sql",
                                          "R__v.sql",
                                          "2023-01-01-000000_a/up.sql",
                                          "2023-01-01-000000_a/down.sql",
                                          "x/metadata.yaml",
                                          "x/up.sql",
                                          "y/metadata.yaml",
                                          "y/up.sql",
                                          "sqitch.plan",
                                          "deploy/a.sql",
                                          "revert/a.sql",
                                          "verify/a.sql",
                                          "supabase/migrations/1_a.sql",
                                          "up.sql",
                                          "-",
                                          "a/b/c.sql",
                                          "é.sql"};
  const std::vector<std::string> bits = {"-- migrate:up",
                                         "-- migrate:down",
                                         "transaction:false",
                                         "\n",
                                         ";",
                                         "'",
                                         "\"",
                                         "$$",
                                         "$a$",
                                         "/*",
                                         "*/",
                                         "--",
                                         "E'\\'",
                                         "BEGIN;",
                                         "COMMIT;",
                                         "ROLLBACK;",
                                         "-- Running upgrade ",
                                         "-- Running downgrade ",
                                         " -> ",
                                         ", ",
                                         "a1",
                                         "b2",
                                         "parents:",
                                         "  - ",
                                         "[",
                                         "]",
                                         "x",
                                         "y",
                                         "message: ",
                                         "depends_on:",
                                         "#",
                                         "@t",
                                         "a [x] 2013 M <m> # n",
                                         "!",
                                         ":",
                                         "INSERT INTO alembic_version",
                                         "UPDATE alembic_version",
                                         "CREATE TABLE alembic_version (",
                                         "é",
                                         "\xff",
                                         "\r\n",
                                         " "};
  std::uint32_t seed = 12345;
  auto rnd = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (int iter = 0; iter < 4000; ++iter) {
    std::vector<ImportFile> files;
    for (std::uint32_t f = rnd(5); f > 0; --f) {
      std::string content;
      for (std::uint32_t k = rnd(12); k > 0; --k) content += bits[rnd(bits.size())];
      files.push_back({names[rnd(names.size())], content});
    }
    const std::string& layout = lg::import_layouts()[rnd(lg::import_layouts().size())];
    try {
      ImportResult r = run(layout, files);
      for (const auto& rev : r.revisions) {
        EXPECT_NO_THROW(lg::validate_revision_id(rev.id)) << layout;
        for (const auto& p : rev.parents) EXPECT_NO_THROW(lg::validate_revision_id(p)) << layout;
      }
    } catch (const lg::Error&) {
    }
  }
}

}  // namespace
