/*
 * fn_adopt.cpp: lg_adopt(source, schema), moving to lg from another tool.
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

/* ---- matching versions to revisions ------------------------------------ */

/* A version as compared: digits (and diesel's dashes) lose dashes and
 * leading zeros; anything else is kept as it is. */
static char *normalized(const char *s) {
  bool numeric = *s != '\0';
  for (const char *p = s; *p; p++)
    if (!isdigit((unsigned char) *p) && *p != '-') numeric = false;
  if (!numeric) return pstrdup(s);
  StringInfoData out;
  initStringInfo(&out);
  for (const char *p = s; *p; p++)
    if (*p != '-' && !(out.len == 0 && *p == '0')) appendStringInfoChar(&out, *p);
  if (out.len == 0) appendStringInfoChar(&out, '0');
  return out.data;
}

typedef struct KeyEntry {
  const char *key;
  int index; /* graph index, -2 when several revisions share the key */
} KeyEntry;

static int compare_keys(const void *a, const void *b) {
  const KeyEntry *x = (const KeyEntry *) a, *y = (const KeyEntry *) b;
  int c = strcmp(x->key, y->key);
  return c != 0 ? c : x->index - y->index;
}

typedef struct KeyTable {
  KeyEntry *entries;
  int n, cap;
} KeyTable;

static void key_add(KeyTable *t, const char *key, int index) {
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 64;
    t->entries = t->entries ? (KeyEntry *) repalloc(t->entries, sizeof(KeyEntry) * t->cap)
                            : (KeyEntry *) palloc(sizeof(KeyEntry) * t->cap);
  }
  t->entries[t->n].key = key;
  t->entries[t->n].index = index;
  t->n++;
}

/* Sorts the table and folds repeated keys into one entry (index -2 when
 * they name different revisions). */
static void key_finish(KeyTable *t) {
  if (t->n == 0) return;
  qsort(t->entries, t->n, sizeof(KeyEntry), compare_keys);
  int w = 0;
  for (int i = 0; i < t->n; i++) {
    if (w > 0 && strcmp(t->entries[w - 1].key, t->entries[i].key) == 0) {
      if (t->entries[w - 1].index != t->entries[i].index) t->entries[w - 1].index = -2;
      continue;
    }
    t->entries[w++] = t->entries[i];
  }
  t->n = w;
}

static int key_find(const KeyTable *t, const char *key) {
  if (t->n == 0) return -1;
  KeyEntry probe = {key, 0};
  int lo = 0, hi = t->n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int c = strcmp(t->entries[mid].key, probe.key);
    if (c == 0) return t->entries[mid].index;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

typedef struct Matcher {
  const LgRegistry *reg;
  KeyTable ids;        /* normalized ids */
  KeyTable files;      /* version keys of "(file: NAME)" in messages */
  char **tool_version; /* per revision: its version for ordering, or NULL */
} Matcher;

/* Whether s is a dotted number (1, 20240101120000, 1.2.3). */
static bool is_dotted_number(const char *s) {
  if (!isdigit((unsigned char) *s)) return false;
  for (const char *p = s; *p; p++)
    if (!isdigit((unsigned char) *p) && *p != '.') return false;
  return true;
}

/* The version keys of a file name: its base name up to the first "_"
 * (a leading "V" of flyway dropped before a digit), and up to ".sql". */
static void file_keys(Matcher *m, const char *message, int index) {
  const char *at = strstr(message, "(file: ");
  if (at != NULL)
    at += strlen("(file: ");
  else if (strncmp(message, "file: ", 6) == 0)
    at = message + 6; /* no description */
  else
    return;
  const char *end = strchr(at, ')');
  if (end == NULL) end = at + strlen(at);
  char *name = pnstrdup(at, end - at);
  char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  /* The version is in the first name from the end that has one: diesel's
   * "2024-01-01-120000_add_users/up.sql" keeps it in the directory. */
  char *first = pstrdup(name);
  char *underscore = NULL;
  for (;;) {
    char *slash = strrchr(first, '/');
    char *component = slash ? slash + 1 : first;
    underscore = strchr(component, '_');
    if (underscore != NULL && underscore > component) {
      first = component;
      break;
    }
    underscore = NULL;
    if (slash == NULL) break;
    *slash = '\0';
  }
  char *flyway = underscore ? strstr(first, "__") : NULL;
  if (flyway != NULL && (first[0] == 'V' || first[0] == 'v') && isdigit((unsigned char) first[1])) {
    /* flyway's V1_1__name.sql is version 1.1 */
    *flyway = '\0';
    for (char *p = first; *p; p++)
      if (*p == '_') *p = '.';
    underscore = first + strlen(first);
  }
  if (underscore != NULL) {
    *underscore = '\0';
    char *key = first;
    if ((key[0] == 'V' || key[0] == 'v') && isdigit((unsigned char) key[1])) key++;
    char *norm = normalized(key);
    key_add(&m->files, norm, index);
    if (m->tool_version[index] == NULL && is_dotted_number(norm)) m->tool_version[index] = norm;
  }
  size_t len = strlen(base);
  if (len > 4 && strcmp(base + len - 4, ".sql") == 0)
    key_add(&m->files, pnstrdup(base, len - 4), index);
}

static void matcher_init(Matcher *m, const LgRegistry *reg) {
  memset(m, 0, sizeof *m);
  m->reg = reg;
  m->tool_version = (char **) palloc0(sizeof(char *) * (reg->nrevs > 0 ? reg->nrevs : 1));
  for (int i = 0; i < reg->nrevs; i++) {
    char *norm = normalized(reg->ids[i]);
    key_add(&m->ids, norm, i);
    if (is_dotted_number(norm)) m->tool_version[i] = norm;
    if (reg->messages[i] != NULL) file_keys(m, reg->messages[i], i);
    if ((i & 1023) == 0) CHECK_FOR_INTERRUPTS();
  }
  key_finish(&m->ids);
  key_finish(&m->files);
}

/* Graph index of the revision a version names; -1 when none, -2 when
 * several match. */
static int match_version(const Matcher *m, const char *version) {
  int exact = lg_graph_find(m->reg->graph, version);
  if (exact >= 0) return exact;
  char *norm = normalized(version);
  int index = key_find(&m->ids, norm);
  if (index != -1) return index;
  return key_find(&m->files, norm);
}

/* Compares two dotted numbers part by part (1.10 > 1.9; missing parts 0). */
static int compare_versions(const char *a, const char *b) {
  while (*a || *b) {
    while (*a == '0' && isdigit((unsigned char) a[1])) a++;
    while (*b == '0' && isdigit((unsigned char) b[1])) b++;
    size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
    bool za = la == 0 || (la == 1 && *a == '0'), zb = lb == 0 || (lb == 1 && *b == '0');
    if (!(za && zb)) {
      if (la != lb) return la < lb ? -1 : 1;
      int c = strncmp(a, b, la);
      if (c != 0) return c;
    }
    a += la;
    b += lb;
    if (*a == '.') a++;
    if (*b == '.') b++;
    if (!(*a || *b)) break;
    if ((*a && !isdigit((unsigned char) *a)) || (*b && !isdigit((unsigned char) *b))) break;
  }
  return 0;
}

/* ---- the run ------------------------------------------------------------ */

typedef struct AdoptRun {
  AdoptSource source;
  const char *schema;
  char **rows; /* out: the version rows afterwards */
  int nrows;
} AdoptRun;

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

/* Long because it is the adoption in one pass (read the other tool's
 * table as the caller, map its versions to revisions, refuse what cannot be
 * adopted, stamp, journal); splitting it into named steps is open work. */
static void adopt_body(void *arg) {
  AdoptRun *run = (AdoptRun *) arg;
  const char *tool = sources[run->source].name;
  const char *table = sources[run->source].table;
  lg_run_lock_xact();
  lg_require_current_schema();

  /* The other tool's table, found and read as the caller. */
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
  /* for messages: the schema is the caller's text, made inert */
  char *qualified = lg_inert_text(relname, false);
  /* golang-migrate and dbmate both keep a schema_migrations: say which one
   * this is not, rather than the server's "column does not exist". */
  for (int c = 0; c < 5 && sources[run->source].columns[c] != NULL; c++)
    if (get_attnum(relid, sources[run->source].columns[c]) == InvalidAttrNumber)
      ereport(ERROR,
              (errcode(ERRCODE_UNDEFINED_COLUMN),
               errmsg("%s has no column \"%s\": it is not %s's version table", qualified,
                      sources[run->source].columns[c], tool),
               errhint("Check the source: alembic, dbmate, golang-migrate, flyway, sqitch, diesel, "
                       "supabase.")));
  const char *query = NULL;
  switch (run->source) {
    case SRC_ALEMBIC:
      query = psprintf(
          "SELECT version_num::pg_catalog.text, NULL::pg_catalog.bool, "
          "NULL::pg_catalog.text, NULL::pg_catalog.text FROM %s ORDER BY 1",
          relname);
      break;
    case SRC_GOLANG_MIGRATE:
      query = psprintf(
          "SELECT version::pg_catalog.text, dirty::pg_catalog.bool, NULL::pg_catalog.text, "
          "NULL::pg_catalog.text FROM %s",
          relname);
      break;
    case SRC_FLYWAY:
      query = psprintf(
          "SELECT version::pg_catalog.text, success::pg_catalog.bool, type::pg_catalog.text, "
          "script::pg_catalog.text FROM %s ORDER BY installed_rank",
          relname);
      break;
    case SRC_SQITCH:
      query = psprintf(
          "SELECT change::pg_catalog.text, NULL::pg_catalog.bool, "
          "project::pg_catalog.text, change_id::pg_catalog.text FROM %s "
          "ORDER BY committed_at, change_id",
          relname);
      break;
    default: /* dbmate, diesel, supabase: a version column */
      query = psprintf(
          "SELECT version::pg_catalog.text, NULL::pg_catalog.bool, "
          "NULL::pg_catalog.text, NULL::pg_catalog.text FROM %s ORDER BY 1",
          relname);
      break;
  }
  MemoryContext cxt = CurrentMemoryContext;
  int rc = SPI_execute(query, true, 0);
  MemoryContextSwitchTo(cxt);
  if (rc != SPI_OK_SELECT)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("reading %s failed: %s", qualified, SPI_result_code_string(rc))));
  int nsrc = (int) SPI_processed;
  char **versions = (char **) palloc(sizeof(char *) * (nsrc > 0 ? nsrc : 1));
  char **kinds = (char **) palloc(sizeof(char *) * (nsrc > 0 ? nsrc : 1));
  char **labels = (char **) palloc(sizeof(char *) * (nsrc > 0 ? nsrc : 1));
  int *flags = (int *) palloc(sizeof(int) * (nsrc > 0 ? nsrc : 1)); /* -1 null, 0 f, 1 t */
  for (int i = 0; i < nsrc; i++) {
    bool isnull;
    versions[i] = lg_spi_text(i, 1);
    Datum flag = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
    flags[i] = isnull ? -1 : DatumGetBool(flag) ? 1 : 0;
    kinds[i] = lg_spi_text(i, 3);
    labels[i] = lg_spi_text(i, 4);
    CHECK_FOR_INTERRUPTS();
  }
  SPI_freetuptable(SPI_tuptable);

  /* Rows lg cannot take: failed, dirty, undone or deleted migrations. */
  StringInfoData bad;
  initStringInfo(&bad);
  int nbad = 0;
  const char *what = NULL;
  for (int i = 0; i < nsrc; i++) {
    const char *name = versions[i] ? versions[i] : labels[i] ? labels[i] : "(null)";
    const char *before = what;
    if (run->source == SRC_GOLANG_MIGRATE && flags[i] == 1) {
      what = "dirty";
      append_name(&bad, &nbad, name);
    } else if (run->source == SRC_FLYWAY) {
      if (flags[i] != 1) {
        what = "failed";
        append_name(&bad, &nbad, labels[i] ? labels[i] : name);
      } else if (kinds[i] &&
                 (strncmp(kinds[i], "UNDO", 4) == 0 || strcmp(kinds[i], "DELETE") == 0)) {
        what = "undone or deleted";
        append_name(&bad, &nbad, labels[i] ? labels[i] : name);
      }
    } else if (versions[i] == NULL) {
      what = "null (unnamed)";
      append_name(&bad, &nbad, "(null)");
    }
    if (before != NULL && what != before && strcmp(what, before) != 0)
      what = "failed, undone or deleted";
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
  if (run->source == SRC_GOLANG_MIGRATE && nsrc > 1)
    ereport(ERROR, (errcode(ERRCODE_CARDINALITY_VIOLATION),
                    errmsg("%s holds %d rows; golang-migrate keeps one", qualified, nsrc)));

  LgRegistry *reg = lg_registry_load(false);
  Matcher m;
  matcher_init(&m, reg);
  unsigned char *members = (unsigned char *) palloc0(reg->nrevs > 0 ? reg->nrevs : 1);
  StringInfoData unknown, ignored;
  initStringInfo(&unknown);
  initStringInfo(&ignored);
  int nunknown = 0, nignored = 0, nbaseline = 0;
  const char *baseline = NULL, *golang_version = NULL;
  for (int i = 0; i < nsrc; i++) {
    if (run->source == SRC_FLYWAY) {
      if (versions[i] == NULL) { /* a repeatable migration */
        append_name(&ignored, &nignored, labels[i] ? labels[i] : "(null)");
        continue;
      }
      if (kinds[i] && strcmp(kinds[i], "SCHEMA") == 0) continue; /* flyway created a schema */
      if (kinds[i] && strcmp(kinds[i], "BASELINE") == 0) {
        baseline = versions[i];
        nbaseline++;
      }
    }
    int index = match_version(&m, versions[i]);
    if (index == -1 && baseline == versions[i]) {
      /* flyway's baseline of a schema that existed before it: no
       * migration of its own, it only stands for the versions below */
      baseline = normalized(versions[i]);
      continue;
    }
    if (index < 0) {
      if (index == -2) {
        append_name_note(&unknown, &nunknown, versions[i], " (several revisions match)");
      } else {
        append_name(&unknown, &nunknown, versions[i]);
      }
      continue;
    }
    members[index] = 1;
    if (run->source == SRC_GOLANG_MIGRATE)
      golang_version = m.tool_version[index] ? m.tool_version[index] : normalized(versions[i]);
    if (baseline == versions[i] && m.tool_version[index]) baseline = m.tool_version[index];
    CHECK_FOR_INTERRUPTS();
  }
  if (nunknown > 0)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("%s names revision%s that lg does not know", qualified,
                           nunknown == 1 ? "" : "s"),
                    errdetail("Not registered: %s.", unknown.data),
                    errhint("Register them first (lg_revision, or lg_import of %s's files), then "
                            "adopt again; lg_adopt never changes %s.",
                            tool, qualified)));
  if (nbaseline > 1)
    ereport(ERROR, (errcode(ERRCODE_CARDINALITY_VIOLATION),
                    errmsg("%s holds %d baseline rows", qualified, nbaseline)));
  if (nignored > 0)
    ereport(NOTICE, (errmsg("lg: %d repeatable flyway migration%s not adopted", nignored,
                            nignored == 1 ? "" : "s"),
                     errdetail("Repeatable: %s.", ignored.data),
                     errhint("lg has no repeatable migrations; lg_migrate() runs any registered "
                             "revision that is not applied.")));

  /* golang-migrate's one row and flyway's baseline stand for every
   * migration up to their version. */
  const char *upto = run->source == SRC_GOLANG_MIGRATE ? golang_version : baseline;
  if (upto != NULL)
    for (int i = 0; i < reg->nrevs; i++)
      if (m.tool_version[i] != NULL && compare_versions(m.tool_version[i], upto) <= 0)
        members[i] = 1;

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
  /* alembic's rows were closed under their ancestors: count afterwards */
  int nmembers = 0;
  for (int i = 0; i < reg->nrevs; i++) nmembers += members[i] ? 1 : 0;
  char **rows = (char **) palloc(sizeof(char *) * (ntips > 0 ? ntips : 1));
  for (int i = 0; i < ntips; i++) rows[i] = reg->ids[tips[i]];
  run->rows = rows;
  run->nrows = ntips;

  /* lg's own rows: none, or exactly this result. */
  if (reg->nrows > 0) {
    unsigned char *applied;
    lg_registry_applied(reg, &applied);
    bool same = true;
    for (int i = 0; i < reg->nrevs && same; i++)
      if ((applied[i] != 0) != (members[i] != 0)) same = false;
    if (same) {
      ereport(NOTICE, (errmsg("lg: already at %s's revisions, nothing adopted", tool)));
      return;
    }
    StringInfoData current;
    initStringInfo(&current);
    int ncurrent = 0;
    for (int i = 0; i < reg->nrows; i++) append_name(&current, &ncurrent, reg->rows[i]);
    ereport(
        ERROR,
        (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
         errmsg("lg has version rows already; lg_adopt starts lg's history"),
         errdetail("lg's rows: %s; %s's revisions would make them different.", current.data, tool),
         errhint("Compare with lg_current(); SELECT lg_stamp('base') first to start over.")));
  }
  if (nmembers == 0) {
    ereport(NOTICE, (errmsg("lg: %s records no applied migration, nothing adopted", qualified)));
    return;
  }

  char **adopted = (char **) palloc(sizeof(char *) * nmembers);
  int nadopted = 0;
  for (int i = 0; i < reg->nrevs; i++)
    if (members[i]) adopted[nadopted++] = reg->ids[i];
  Oid types[1] = {TEXTARRAYOID};
  Datum values[1] = {lg_text_array(rows, ntips)};
  lg_spi_exec("INSERT INTO lg.version (revision) SELECT pg_catalog.unnest($1)", 1, types, values,
              NULL, false);
  LgJournalLine line;
  lg_journal_line_init(&line, "adopt");
  line.script_checksums = true;
  lg_journal_append(&line, adopted, nadopted);
  ereport(NOTICE, (errmsg("lg: adopted %d revision%s from %s", nadopted, nadopted == 1 ? "" : "s",
                          qualified),
                   errdetail("%d version row%s, no SQL run; %s was only read.", ntips,
                             ntips == 1 ? "" : "s", qualified)));
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
  MemoryContext caller = CurrentMemoryContext;

  SPI_connect();
  lg_run_guarded("lg_adopt()", adopt_body, &run);
  MemoryContextSwitchTo(caller);
  Datum result = lg_text_array(run.rows, run.nrows);
  SPI_finish();
  PG_RETURN_DATUM(result);
}
