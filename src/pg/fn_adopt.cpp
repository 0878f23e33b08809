/*
 * fn_adopt.cpp: lg_adopt(source, schema), moving to lg from another tool.
 * Which revision a tool's version names is the core's (core/adopt.h
 * VersionMatcher, through the bridge); this file reads the tool's table and
 * writes lg's rows.
 *
 * Reads the version table another migration tool left in the database, as
 * the caller (the table is the user's; lg's owner may not even see it), and
 * stamps lg to exactly the revisions that tool had applied, journaling one
 * 'adopt' line per revision.  The other tool's table is only read.
 *
 * A tool's version is matched to a registered revision (README, "Adopting
 * another tool's history"): the revision whose id is the version; else
 * whose id is the version with leading zeros (and diesel's dashes) dropped;
 * else the one whose message names the file it came from, "(file: NAME)",
 * where the last component of NAME that holds a "_" begins with the
 * version followed by "_" (flyway: "V<version>__"; diesel: the directory
 * "2024-01-01-120000_name", dashes dropped), or NAME's base name is the
 * version followed by ".sql" (sqitch).
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/journal.h"
#include "pg/owned_slot.h"
#include "pg/owner.h"
#include "pg/registry.h"
#include "pg/run_lock.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"
#include "pg/c_style.h"  // last, unguarded: no C++ standard header above

typedef enum AdoptSource {
  SRC_ALEMBIC,
  SRC_DBMATE,
  SRC_GOLANG_MIGRATE,
  SRC_FLYWAY,
  SRC_SQITCH,
  SRC_DIESEL,
  SRC_SUPABASE,
  NSOURCES
} AdoptSource;

static const struct {
  const char *name;
  const char *schema; /* default schema */
  const char *table;
  const char *columns[5]; /* the columns lg reads, NULL-terminated */
} sources[NSOURCES] = {
    {"alembic", "public", "alembic_version", {"version_num", NULL}},
    {"dbmate", "public", "schema_migrations", {"version", NULL}},
    {"golang-migrate", "public", "schema_migrations", {"version", "dirty", NULL}},
    {"flyway",
     "public",
     "flyway_schema_history",
     {"installed_rank", "version", "success", "type", "script"}},
    {"sqitch", "sqitch", "changes", {"change_id", "change", "project", "committed_at", NULL}},
    {"diesel", "public", "__diesel_schema_migrations", {"version", NULL}},
    {"supabase", "supabase_migrations", "schema_migrations", {"version", NULL}},
};

/* ---- the run ------------------------------------------------------------ */

typedef struct AdoptRun {
  AdoptSource source;
  const char *schema;
  char **rows; /* out: the version rows afterwards */
  int nrows;
} AdoptRun;

/* The other tool's rows, as read: a version (or change name), a flag
 * (golang-migrate's dirty, flyway's success), a kind (flyway's type) and a
 * label (flyway's script, sqitch's change id). */
typedef struct ToolRows {
  int n;
  char **versions;
  int *flags; /* -1 null, 0 false, 1 true */
  char **kinds;
  char **labels;
} ToolRows;

/* Up to 10 quoted names of a list, then how many more. */
static void append_name_note(StringInfo s, int *count, const char *name, const char *note) {
  if (*count < 10)
    appendStringInfo(s, "%s\"%s\"%s", *count ? ", " : "", lg_inert_text(name, false), note);
  else if (*count == 10)
    appendStringInfoString(s, ", ...");
  (*count)++;
}

static void append_name(StringInfo s, int *count, const char *name) {
  append_name_note(s, count, name, "");
}

/* The other tool's table, found as the caller: its quoted name, with the
 * columns lg reads (golang-migrate and dbmate both keep a
 * schema_migrations: say which one this is not, rather than the server's
 * "column does not exist").  *qualified: the name for messages (the schema
 * is the caller's text, made inert). */
static char *tool_table(const AdoptRun *run, char **qualified) {
  const char *tool = sources[run->source].name;
  const char *table = sources[run->source].table;
  Oid nsp = get_namespace_oid(run->schema, true);
  Oid relid = OidIsValid(nsp) ? get_relname_relid(table, nsp) : InvalidOid;
  if (!OidIsValid(relid))
    ereport(
        ERROR,
        (errcode(ERRCODE_UNDEFINED_TABLE),
         errmsg("%s's version table %s.%s does not exist", tool,
                lg_inert_text(quote_identifier(run->schema), false), quote_identifier(table)),
         errhint("Give the schema %s keeps it in: lg_adopt('%s', schema => '...').", tool, tool)));
  char *relname = quote_qualified_identifier(run->schema, table);
  *qualified = lg_inert_text(relname, false);
  for (int c = 0; c < 5 && sources[run->source].columns[c] != NULL; c++)
    if (get_attnum(relid, sources[run->source].columns[c]) == InvalidAttrNumber)
      ereport(ERROR,
              (errcode(ERRCODE_UNDEFINED_COLUMN),
               errmsg("%s has no column \"%s\": it is not %s's version table", *qualified,
                      sources[run->source].columns[c], tool),
               errhint("Check the source: alembic, dbmate, golang-migrate, flyway, sqitch, diesel, "
                       "supabase.")));
  return relname;
}

/* The query that reads the tool's rows (version, flag, kind, label) from
 * relname, in the order the tool applied them. */
static char *tool_query(AdoptSource source, const char *relname) {
  switch (source) {
    case SRC_ALEMBIC:
      return psprintf(
          "SELECT version_num::pg_catalog.text, NULL::pg_catalog.bool, "
          "NULL::pg_catalog.text, NULL::pg_catalog.text FROM %s ORDER BY 1",
          relname);
    case SRC_GOLANG_MIGRATE:
      return psprintf(
          "SELECT version::pg_catalog.text, dirty::pg_catalog.bool, NULL::pg_catalog.text, "
          "NULL::pg_catalog.text FROM %s",
          relname);
    case SRC_FLYWAY:
      return psprintf(
          "SELECT version::pg_catalog.text, success::pg_catalog.bool, type::pg_catalog.text, "
          "script::pg_catalog.text FROM %s ORDER BY installed_rank",
          relname);
    case SRC_SQITCH:
      return psprintf(
          "SELECT change::pg_catalog.text, NULL::pg_catalog.bool, "
          "project::pg_catalog.text, change_id::pg_catalog.text FROM %s "
          "ORDER BY committed_at, change_id",
          relname);
    default: /* dbmate, diesel, supabase: a version column */
      return psprintf(
          "SELECT version::pg_catalog.text, NULL::pg_catalog.bool, "
          "NULL::pg_catalog.text, NULL::pg_catalog.text FROM %s ORDER BY 1",
          relname);
  }
}

/* Reads the tool's rows as the caller (the table is the user's). */
static void read_tool_rows(const AdoptRun *run, const char *relname, const char *qualified,
                           ToolRows *out) {
  MemoryContext cxt = CurrentMemoryContext;
  int rc = SPI_execute(tool_query(run->source, relname), true, 0);
  MemoryContextSwitchTo(cxt);
  if (rc != SPI_OK_SELECT)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("reading %s failed: %s", qualified, SPI_result_code_string(rc))));
  int n = (int) SPI_processed;
  out->n = n;
  out->versions = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  out->kinds = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  out->labels = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  out->flags = (int *) palloc(sizeof(int) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    bool isnull;
    out->versions[i] = lg_spi_text(i, 1);
    Datum flag = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
    out->flags[i] = isnull ? -1 : DatumGetBool(flag) ? 1 : 0;
    out->kinds[i] = lg_spi_text(i, 3);
    out->labels[i] = lg_spi_text(i, 4);
    CHECK_FOR_INTERRUPTS();
  }
  SPI_freetuptable(SPI_tuptable);
}

/* Refuses rows lg cannot take: failed, dirty, undone or deleted
 * migrations, a version that is null; golang-migrate's second row. */
static void refuse_unsettled(const AdoptRun *run, const ToolRows *t, const char *qualified) {
  StringInfoData bad;
  initStringInfo(&bad);
  int nbad = 0;
  const char *what = NULL;
  for (int i = 0; i < t->n; i++) {
    const char *name = t->versions[i] ? t->versions[i] : t->labels[i] ? t->labels[i] : "(null)";
    const char *label = t->labels[i] ? t->labels[i] : name;
    const char *before = what;
    if (run->source == SRC_GOLANG_MIGRATE && t->flags[i] == 1) {
      what = "dirty";
      append_name(&bad, &nbad, name);
    } else if (run->source == SRC_FLYWAY) {
      const char *kind = t->kinds[i];
      if (t->flags[i] != 1) {
        what = "failed";
        append_name(&bad, &nbad, label);
      } else if (kind && (strncmp(kind, "UNDO", 4) == 0 || strcmp(kind, "DELETE") == 0)) {
        what = "undone or deleted";
        append_name(&bad, &nbad, label);
      }
    } else if (t->versions[i] == NULL) {
      what = "null (unnamed)";
      append_name(&bad, &nbad, "(null)");
    }
    if (before != NULL && what != before && strcmp(what, before) != 0)
      what = "failed, undone or deleted";
    CHECK_FOR_INTERRUPTS();
  }
  if (nbad > 0)
    ereport(
        ERROR,
        (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
         errmsg("%s records %s %s migration%s: lg adopts only a settled history", qualified,
                nbad == 1 ? "a" : "several", what, nbad == 1 ? "" : "s"),
         errdetail("Row%s: %s.", nbad == 1 ? "" : "s", bad.data),
         errhint(run->source == SRC_GOLANG_MIGRATE
                     ? "Fix the database and clear the dirty flag with golang-migrate (migrate "
                       "force), then adopt."
                 : run->source == SRC_FLYWAY
                     ? "Settle the history with flyway (fix the migration, flyway repair), then "
                       "adopt."
                     : "Settle the history with the tool first, then adopt.")));
  if (run->source == SRC_GOLANG_MIGRATE && t->n > 1)
    ereport(ERROR, (errcode(ERRCODE_CARDINALITY_VIOLATION),
                    errmsg("%s holds %d rows; golang-migrate keeps one", qualified, t->n)));
}

static void free_matcher(void *p) { lg_version_matcher_free((LgVersionMatcher *) p); }

/* The row that stands for every migration up to its version
 * (golang-migrate's one row, flyway's baseline): its index (-1 when it
 * names no revision) and version; version NULL when there is none. */
typedef struct UptoRow {
  int index;
  const char *version;
} UptoRow;

/*
 * Marks in members the revisions the tool's rows name, and the row that
 * stands for the ones below it (upto); refuses rows that name no
 * registered revision, or several.  Flyway's repeatable migrations are
 * not adopted (a NOTICE says so).
 */
static void match_rows(const AdoptRun *run, const ToolRows *t, const LgVersionMatcher *m,
                       const char *qualified, unsigned char *members, UptoRow *upto) {
  StringInfoData unknown, ignored;
  initStringInfo(&unknown);
  initStringInfo(&ignored);
  int nunknown = 0, nignored = 0, nbaseline = 0;
  upto->index = -1;
  upto->version = NULL;
  LgCoreError err;
  for (int i = 0; i < t->n; i++) {
    CHECK_FOR_INTERRUPTS();
    bool baseline = false;
    if (run->source == SRC_FLYWAY) {
      if (t->versions[i] == NULL) { /* a repeatable migration */
        append_name(&ignored, &nignored, t->labels[i] ? t->labels[i] : "(null)");
        continue;
      }
      if (t->kinds[i] && strcmp(t->kinds[i], "SCHEMA") == 0) continue; /* flyway made a schema */
      baseline = t->kinds[i] && strcmp(t->kinds[i], "BASELINE") == 0;
      nbaseline += baseline ? 1 : 0;
    }
    int index = lg_version_matcher_match(m, t->versions[i], &err);
    if (index == -3) lg_raise_core_error(&err);
    if (baseline || run->source == SRC_GOLANG_MIGRATE) {
      upto->index = index;
      upto->version = t->versions[i];
    }
    /* flyway's baseline of a schema that existed before it: no migration
     * of its own, it only stands for the versions below */
    if (index == -1 && baseline) continue;
    if (index < 0)
      append_name_note(&unknown, &nunknown, t->versions[i],
                       index == -2 ? " (several revisions match)" : "");
    else
      members[index] = 1;
  }
  if (nunknown > 0)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("%s names revision%s that lg does not know", qualified,
                           nunknown == 1 ? "" : "s"),
                    errdetail("Not registered: %s.", unknown.data),
                    errhint("Register them first (lg_revision, or lg_import of %s's files), then "
                            "adopt again; lg_adopt never changes %s.",
                            sources[run->source].name, qualified)));
  if (nbaseline > 1)
    ereport(ERROR, (errcode(ERRCODE_CARDINALITY_VIOLATION),
                    errmsg("%s holds %d baseline rows", qualified, nbaseline)));
  if (nignored > 0)
    ereport(NOTICE, (errmsg("lg: %d repeatable flyway migration%s not adopted", nignored,
                            nignored == 1 ? "" : "s"),
                     errdetail("Repeatable: %s.", ignored.data),
                     errhint("lg has no repeatable migrations; lg_migrate() runs any registered "
                             "revision that is not applied.")));
}

/* The version rows of members (closed under down-revisions for alembic,
 * whose rows name tips only); refuses a member applied without a revision
 * lg applies before it. */
static int adopted_tips(const AdoptRun *run, const LgRegistry *reg, unsigned char *members,
                        char ***rows) {
  const char *tool = sources[run->source].name;
  int *tips = (int *) palloc(sizeof(int) * (reg->nrevs > 0 ? reg->nrevs : 1));
  int gap_rev = -1, gap_down = -1;
  LgCoreError err;
  int ntips = lg_graph_set_tips(reg->graph, members, run->source == SRC_ALEMBIC ? 1 : 0, tips,
                                &gap_rev, &gap_down, &err);
  if (ntips == -1) lg_raise_core_error(&err);
  if (ntips == -2)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("%s applied revision \"%s\" but not \"%s\", which lg applies before it",
                           tool, reg->ids[gap_rev], reg->ids[gap_down]),
                    errdetail("lg's graph and %s's history disagree: \"%s\" lists \"%s\" as a "
                              "parent or dependency.",
                              tool, reg->ids[gap_rev], reg->ids[gap_down]),
                    errhint("Register the revisions in the order %s applied them, then adopt "
                            "again.",
                            tool)));
  *rows = (char **) palloc(sizeof(char *) * (ntips > 0 ? ntips : 1));
  for (int i = 0; i < ntips; i++) (*rows)[i] = reg->ids[tips[i]];
  return ntips;
}

/* lg's own rows: none (false), or exactly the adopted set (true: nothing
 * to do); anything else is refused. */
static bool already_adopted(const AdoptRun *run, const LgRegistry *reg,
                            const unsigned char *members) {
  const char *tool = sources[run->source].name;
  if (reg->nrows == 0) return false;
  unsigned char *applied;
  lg_registry_applied(reg, &applied);
  bool same = true;
  for (int i = 0; i < reg->nrevs && same; i++) {
    CHECK_FOR_INTERRUPTS();
    if ((applied[i] != 0) != (members[i] != 0)) same = false;
  }
  if (same) {
    ereport(NOTICE, (errmsg("lg: already at %s's revisions, nothing adopted", tool)));
    return true;
  }
  StringInfoData current;
  initStringInfo(&current);
  int ncurrent = 0;
  for (int i = 0; i < reg->nrows; i++) {
    CHECK_FOR_INTERRUPTS();
    append_name(&current, &ncurrent, reg->rows[i]);
  }
  ereport(
      ERROR,
      (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
       errmsg("lg has version rows already; lg_adopt starts lg's history"),
       errdetail("lg's rows: %s; %s's revisions would make them different.", current.data, tool),
       errhint("Compare with lg_current(); SELECT lg_stamp('base') first to start over.")));
  return false; /* not reached */
}

/* Writes the version rows and one 'adopt' journal line per member. */
static void write_adoption(const LgRegistry *reg, const unsigned char *members, char **rows,
                           int nrows, const char *qualified) {
  char **adopted = (char **) palloc(sizeof(char *) * (reg->nrevs > 0 ? reg->nrevs : 1));
  int nadopted = 0;
  for (int i = 0; i < reg->nrevs; i++) {
    CHECK_FOR_INTERRUPTS();
    if (members[i]) adopted[nadopted++] = reg->ids[i];
  }
  if (nadopted == 0) {
    ereport(NOTICE, (errmsg("lg: %s records no applied migration, nothing adopted", qualified)));
    return;
  }
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(rows, nrows)};
  lg_spi_exec("INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($1)", 1, types, values,
              NULL, false);
  LgJournalLine line;
  lg_journal_line_init(&line, "adopt");
  line.script_checksums = true;
  lg_journal_append(&line, adopted, nadopted);
  ereport(NOTICE, (errmsg("lg: adopted %d revision%s from %s", nadopted, nadopted == 1 ? "" : "s",
                          qualified),
                   errdetail("%d version row%s, no SQL run; %s was only read.", nrows,
                             nrows == 1 ? "" : "s", qualified)));
}

/* The adoption: read the other tool's table as the caller, map its
 * versions to revisions, refuse what cannot be adopted, stamp, journal. */
static void adopt_body(void *arg) {
  AdoptRun *run = (AdoptRun *) arg;
  lg_run_lock_xact();
  lg_require_current_schema();

  char *qualified;
  char *relname = tool_table(run, &qualified);
  ToolRows rows;
  read_tool_rows(run, relname, qualified, &rows);
  refuse_unsettled(run, &rows, qualified);

  LgRegistry *reg = lg_registry_load(false);
  LgCoreError err;
  void **slot = lg_owned_slot(free_matcher);
  LgVersionMatcher *m = lg_version_matcher_new(reg->graph, reg->messages, &err);
  *slot = m;
  if (m == NULL) lg_raise_core_error(&err);
  unsigned char *members = (unsigned char *) palloc0(reg->nrevs > 0 ? reg->nrevs : 1);
  UptoRow upto;
  match_rows(run, &rows, m, qualified, members, &upto);
  if (upto.version != NULL &&
      !lg_version_matcher_mark_upto(m, upto.index, upto.version, members, &err))
    lg_raise_core_error(&err);

  run->nrows = adopted_tips(run, reg, members, &run->rows);
  if (!already_adopted(run, reg, members))
    write_adoption(reg, members, run->rows, run->nrows, qualified);
}

/* lg_adopt(source text, schema text DEFAULT NULL) RETURNS text[] */
LG_FUNCTION(lg_adopt) {
  if (PG_ARGISNULL(0))
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("source must not be null"),
                    errhint("Sources: alembic, dbmate, golang-migrate, flyway, sqitch, diesel, "
                            "supabase.")));
  char *source = text_to_cstring(PG_GETARG_TEXT_PP(0));
  AdoptRun run;
  memset(&run, 0, sizeof run);
  run.source = NSOURCES;
  for (int i = 0; i < NSOURCES; i++)
    if (strcmp(source, sources[i].name) == 0) run.source = (AdoptSource) i;
  if (run.source == NSOURCES)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("unknown source \"%s\"", lg_inert_text(source, false)),
                    errhint("Sources: alembic, dbmate, golang-migrate, flyway, sqitch, diesel, "
                            "supabase.")));
  run.schema = PG_NARGS() > 1 && !PG_ARGISNULL(1) ? text_to_cstring(PG_GETARG_TEXT_PP(1))
                                                  : sources[run.source].schema;
  PG_RETURN_DATUM(lg_run_rows("lg_adopt()", adopt_body, &run, &run.rows, &run.nrows));
}
