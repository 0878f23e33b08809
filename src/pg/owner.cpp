/*
 * owner.cpp: running lg's bookkeeping as the extension owner (owner.h).
 */
#include "pg/owner.h"

extern "C" {
#include "access/genam.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

static Oid cached_owner = InvalidOid;
static LocalTransactionId cached_lxid = InvalidLocalTransactionId;

static LocalTransactionId current_lxid(void) { return LG_MY_LXID; }

/* extowner and extnamespace of lg; false if lg is not installed. */
static bool scan_extension(Oid *owner, Oid *nsp) {
  bool found = false;
  Relation rel = table_open(ExtensionRelationId, AccessShareLock);
  ScanKeyData key;
  ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
              CStringGetDatum("lg"));
  SysScanDesc scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
  HeapTuple tup = systable_getnext(scan);
  if (HeapTupleIsValid(tup)) {
    Form_pg_extension ext = (Form_pg_extension) GETSTRUCT(tup);
    *owner = ext->extowner;
    *nsp = ext->extnamespace;
    found = true;
  }
  systable_endscan(scan);
  table_close(rel, AccessShareLock);
  return found;
}

Oid lg_extension_owner(void) {
  LocalTransactionId lxid = current_lxid();
  if (OidIsValid(cached_owner) && cached_lxid == lxid) return cached_owner;
  Oid owner, nsp;
  if (!scan_extension(&owner, &nsp))
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("extension \"lg\" is not installed in this database"),
                    errhint("CREATE EXTENSION lg, as a superuser.")));
  cached_owner = owner;
  cached_lxid = lxid;
  return owner;
}

bool lg_extension_find(Oid *owner, Oid *nsp) { return scan_extension(owner, nsp); }

void lg_owner_enter(LgOwnerSwitch *sw) {
  Oid owner = lg_extension_owner();
  GetUserIdAndSecContext(&sw->saved_user, &sw->saved_sec);
  SetUserIdAndSecContext(
      owner, sw->saved_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
  sw->nest = NewGUCNestLevel();
  (void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
                           GUC_ACTION_SAVE, true, 0, false);
  /* lg's statements are planned (at execution, by the plan cache) with jit
   * off: they are small, but estimates on unanalyzed lg tables can pass
   * jit_above_cost, and compiling costs ~20 ms, more than the statement
   * (lg_status()'s drift query did). */
  (void) set_config_option("jit", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                           false);
}

void lg_owner_leave(LgOwnerSwitch *sw) {
  AtEOXact_GUC(true, sw->nest);
  SetUserIdAndSecContext(sw->saved_user, sw->saved_sec);
}

void lg_owner_restore_user(const LgOwnerSwitch *sw) {
  /* the pinned search_path and jit go too, not only at the abort of the
   * caller's (sub)transaction */
  AtEOXact_GUC(false, sw->nest);
  SetUserIdAndSecContext(sw->saved_user, sw->saved_sec);
}

Datum lg_caller_role(void) { return CStringGetTextDatum(GetUserNameFromId(GetUserId(), false)); }

Datum lg_caller_session_role(void) {
  return CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));
}

void lg_require_current_schema(void) {
  /* lg.schema_state is what the newest update script, 0.3 to 0.4, adds. */
  Oid nsp = get_namespace_oid("lg", true);
  if (OidIsValid(nsp) && OidIsValid(get_relname_relid("schema_state", nsp))) return;
  ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                  errmsg("lg's tables are older than its library"),
                  errdetail("The library is lg 0.4; there is no table lg.schema_state, so the "
                            "tables are still those of an older lg."),
                  errhint("Run ALTER EXTENSION lg UPDATE.")));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
