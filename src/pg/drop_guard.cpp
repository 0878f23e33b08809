/*
 * drop_guard.cpp: lg.drop_guard(), an event trigger on ddl_command_start
 * for DROP EXTENSION, DROP SCHEMA and DROP OWNED.  Dropping extension lg
 * deletes every revision, version row and journal line with it, and
 * PostgreSQL asks for no CASCADE to do so.  While lg.version has rows
 * (revisions are applied) the drop is refused unless the session says so
 * with SET lg.allow_drop = on; the hint says how to keep the history first.
 *
 * It covers DROP EXTENSION lg, DROP SCHEMA ... CASCADE of schema lg or of
 * the schema lg's functions are in, and DROP OWNED BY the extension's
 * owner, by a role that may run the drop.  lg.version is read as the owner
 * (lg_spi_exec), whoever drops; how many rows it has is said only to a
 * role with the owner's privileges.
 */
#include "pg/pg_headers.h"

#include "pg/guc.h"
#include "pg/owner.h"
#include "pg/spi_util.h"

extern "C" {
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "commands/event_trigger.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"
}

static bool names_contain(List *objects, const char *name) {
  ListCell *lc;
  foreach (lc, objects) {
    Node *obj = (Node *) lfirst(lc);
    if (IsA(obj, String) && strcmp(strVal(obj), name) == 0) return true;
  }
  return false;
}

/* Whether the current role owns the schema named name. */
static bool owns_schema(const char *name) {
  Oid nsp = get_namespace_oid(name, true);
  return OidIsValid(nsp) && LG_OWNS_SCHEMA(nsp);
}

/*
 * Whether the statement would drop extension lg (or its history) and the
 * role may run it.  A role that may not (DROP EXTENSION and DROP OWNED need
 * the owner's privileges, DROP SCHEMA the schema's ownership) gets
 * PostgreSQL's own refusal after this trigger, not ours, which would tell
 * it that revisions are applied.
 */
static bool drops_lg(Node *parsetree, Oid owner, Oid nsp) {
  if (IsA(parsetree, DropStmt)) {
    DropStmt *stmt = (DropStmt *) parsetree;
    if (stmt->removeType == OBJECT_EXTENSION)
      return names_contain(stmt->objects, "lg") && has_privs_of_role(GetUserId(), owner);
    if (stmt->removeType == OBJECT_SCHEMA && stmt->behavior == DROP_CASCADE) {
      char *ext_schema = get_namespace_name(nsp);
      bool lg_named = names_contain(stmt->objects, "lg");
      bool ext_named = ext_schema != NULL && names_contain(stmt->objects, ext_schema);
      if (!lg_named && !ext_named) return false;
      return (!lg_named || owns_schema("lg")) && (!ext_named || LG_OWNS_SCHEMA(nsp));
    }
    return false;
  }
  if (IsA(parsetree, DropOwnedStmt)) {
    ListCell *lc;
    foreach (lc, ((DropOwnedStmt *) parsetree)->roles) {
      Oid role = get_rolespec_oid((RoleSpec *) lfirst(lc), true);
      if (role == owner) return has_privs_of_role(GetUserId(), owner);
    }
  }
  return false;
}

LG_FUNCTION(lg_drop_guard) {
  if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("lg.drop_guard() must be called as an event trigger")));
  if (lg_allow_drop) PG_RETURN_VOID();
  EventTriggerData *trigdata = (EventTriggerData *) fcinfo->context;
  Oid owner, nsp;
  if (!lg_extension_find(&owner, &nsp) || !drops_lg(trigdata->parsetree, owner, nsp))
    PG_RETURN_VOID();
  if (get_relname_relid("version", get_namespace_oid("lg", true)) == InvalidOid)
    PG_RETURN_VOID(); /* nothing left to lose */

  SPI_connect();
  uint64 rows = lg_spi_exec("SELECT revision FROM lg.version", 0, NULL, NULL, NULL, true);
  SPI_finish();
  if (rows == 0) PG_RETURN_VOID();
  /* 2BP01, as a DROP without CASCADE that would take dependent objects
   * with it: the history depends on the extension, and the way through is
   * an explicit opt-in. */
  /* How many rows only a role with the owner's privileges learns: another
   * one that may drop (the owner of the schema lg is in) is told only that
   * revisions are applied, which the refusal says anyway. */
  bool may_know = has_privs_of_role(GetUserId(), owner);
  ereport(ERROR,
          (errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
           errmsg("dropping extension lg would delete the history of applied revisions"),
           may_know ? errdetail("lg.version has %llu row%s; the drop would delete every revision, "
                                "version row and journal line of lg.",
                                (unsigned long long) rows, rows == 1 ? "" : "s")
                    : errdetail("Revisions are applied; the drop would delete every revision, "
                                "version row and journal line of lg."),
           errhint("Keep the history first: a pg_dump of the database keeps lg's tables with their "
                   "rows, or \\copy lg.log, lg.revision, lg.script and lg.version to files.  Then "
                   "SET lg.allow_drop = on and drop again.")));
  PG_RETURN_VOID();
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
