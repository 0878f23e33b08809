/*
 * pg_headers.h: every PostgreSQL header the boundary layer uses, included
 * once, with C linkage.  Files under src/pg include this instead of
 * PostgreSQL headers directly, and must keep C++ objects with destructors
 * out of any scope that calls into PostgreSQL (docs/DESIGN.md, boundary rule 3).
 */
#pragma once

/*
 * -fvisibility=hidden hides every symbol; PostgreSQL before 16 defines
 * PGDLLEXPORT empty on ELF platforms, so the magic block and the fmgr
 * entry points would be hidden too.  Give them default visibility.
 */
#ifndef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#endif

extern "C" {
#include "postgres.h"
/* The oldest release lg supports; version switches below are for 16 on. */
#if PG_VERSION_NUM < 150000
#error "lg needs PostgreSQL 15 or later"
#endif

#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_index.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "utils/fmgroids.h"
#include "commands/defrem.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "optimizer/plancat.h"
#include "parser/parser.h"
#include "parser/parse_func.h"
#include "portability/instr_time.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "storage/sinvaladt.h"
#if PG_VERSION_NUM >= 170000
#include "storage/procarray.h" /* ProcNumberGetProc */
#endif
#include "utils/backend_status.h"
#include "utils/guc.h"
#include "utils/timeout.h"
#include "utils/snapmgr.h"
#include "utils/hsearch.h"
#include "commands/trigger.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#if PG_VERSION_NUM < 160000
#include "parser/gramparse.h"
#endif
#include "parser/scanner.h"
/* catalog_watch.cpp: the object access hook and the catalogs it maps. */
#include "access/genam.h"
#include "access/stratnum.h"
#include "catalog/objectaccess.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_attrdef.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_policy.h"
#include "catalog/pg_rewrite.h"
#include "catalog/pg_statistic_ext.h"
#include "catalog/pg_trigger.h"
#include "commands/extension.h"
/* top_level.cpp, top_level_worker.cpp: a statement run top level by a
 * dynamic background worker, its messages back through a shm_mq. */
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "parser/analyze.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/shm_mq.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/portal.h"
#include "utils/ps_status.h"
}

/*
 * The core scanner's token codes (fingerprint.cpp).  From PostgreSQL 16 on,
 * gramparse.h and the bison-generated gram.h are no longer installed;
 * scanner.h fixes these codes instead: they are the first tokens of any
 * grammar built on the core scanner, in this order, from IDENT = 258.
 * Keywords come with their own codes in ScanKeywordTokens.
 */
#if PG_VERSION_NUM >= 160000
enum lg_core_scanner_token {
  IDENT = 258,
  UIDENT,
  FCONST,
  SCONST,
  USCONST,
  BCONST,
  XCONST,
  Op,
  ICONST,
  PARAM
};
#endif

/* raw_parser of a whole SQL text. */
#define LG_RAW_PARSE(sql) raw_parser((sql), RAW_PARSE_DEFAULT)

/* The backend status table by position (1-based), and the PGPROC of a
 * virtual transaction id (lock holders), across versions. */
#if PG_VERSION_NUM >= 160000
#define LG_LOCAL_BEENTRY(i) pgstat_get_local_beentry_by_index(i)
#else
#define LG_LOCAL_BEENTRY(i) pgstat_fetch_stat_local_beentry(i)
#endif
#if PG_VERSION_NUM >= 170000
#define LG_VXID_PROC(vxid) ProcNumberGetProc((vxid).procNumber)
#else
#define LG_VXID_PROC(vxid) BackendIdGetProc((vxid).backendId)
#endif

/* A tree walker (nodes/nodeFuncs.h) such as bool walker(Node *, void *).
 * PostgreSQL 15's walkers take bool (*)(): cast through void (*)(void), the
 * cast GCC accepts between function types.  From 16 on they are macros that
 * cast to tree_walker_callback themselves, and a second cast would warn
 * (-Wcast-function-type, in PGXS's flags from 17). */
#if PG_VERSION_NUM >= 160000
#define LG_WALKER(fn) (fn)
#else
#define LG_WALKER(fn) ((bool (*)())(void (*)(void))(fn))
#endif

/* This backend's local transaction id: in PGPROC's vxid from PostgreSQL 17. */
#if PG_VERSION_NUM >= 170000
#define LG_MY_LXID (MyProc->vxid.lxid)
#else
#define LG_MY_LXID (MyProc->lxid)
#endif

/* LockHeldByMe gained its orstronger argument in PostgreSQL 17; false is
 * the earlier behaviour (exactly this mode). */
#if PG_VERSION_NUM >= 170000
#define LG_LOCK_HELD_BY_ME(tag, mode) LockHeldByMe((tag), (mode), false)
#else
#define LG_LOCK_HELD_BY_ME(tag, mode) LockHeldByMe((tag), (mode))
#endif

/* PortalRun lost its run_once argument in PostgreSQL 18 (it was always
 * true for a portal run once, as here). */
#if PG_VERSION_NUM >= 180000
#define LG_PORTAL_RUN_ONCE(portal, top, dest, qc) \
  PortalRun((portal), FETCH_ALL, (top), (dest), (dest), (qc))
#else
#define LG_PORTAL_RUN_ONCE(portal, top, dest, qc) \
  PortalRun((portal), FETCH_ALL, (top), true, (dest), (dest), (qc))
#endif

/* Whether the current role owns schema nsp (catalog/pg_namespace.h for
 * NamespaceRelationId): object_ownercheck from PostgreSQL 16. */
#if PG_VERSION_NUM >= 160000
#define LG_OWNS_SCHEMA(nsp) object_ownercheck(NamespaceRelationId, (nsp), GetUserId())
#else
#define LG_OWNS_SCHEMA(nsp) pg_namespace_ownercheck((nsp), GetUserId())
#endif

/* Whether the current role may EXECUTE function fn: object_aclcheck from
 * PostgreSQL 16. */
#if PG_VERSION_NUM >= 160000
#define LG_MAY_EXECUTE(fn) \
  (object_aclcheck(ProcedureRelationId, (fn), GetUserId(), ACL_EXECUTE) == ACLCHECK_OK)
#else
#define LG_MAY_EXECUTE(fn) (pg_proc_aclcheck((fn), GetUserId(), ACL_EXECUTE) == ACLCHECK_OK)
#endif

/* A function that does not return, written before its declaration:
 * pg_attribute_noreturn() gave way to pg_noreturn in PostgreSQL 18. */
#if PG_VERSION_NUM >= 180000
#define LG_NORETURN pg_noreturn
#else
#define LG_NORETURN pg_attribute_noreturn()
#endif

/* The executor's permission-check hook (lint_unordered.cpp: which
 * relations revision SQL reads or writes): PostgreSQL 16 moved the
 * permissions out of the range table into a list of RTEPermissionInfo. */
#include "executor/executor.h"
#if PG_VERSION_NUM >= 160000
#define LG_EXEC_PERMS_PARAMS List *range_table, List *perm_infos, bool ereport_on_violation
#define LG_EXEC_PERMS_ARGS range_table, perm_infos, ereport_on_violation
#define LG_EXEC_PERM_INFOS perm_infos
#define LG_PERM_INFO_RELID(p) (((RTEPermissionInfo *) (p))->relid)
#else
#define LG_EXEC_PERMS_PARAMS List *range_table, bool ereport_on_violation
#define LG_EXEC_PERMS_ARGS range_table, ereport_on_violation
#define LG_EXEC_PERM_INFOS NIL
#define LG_PERM_INFO_RELID(p) ((void) (p), InvalidOid)
#endif

/* Entry points are exported with default visibility despite -fvisibility=hidden. */
#define LG_FUNCTION(name)                   \
  extern "C" {                              \
  PGDLLEXPORT Datum name(PG_FUNCTION_ARGS); \
  PG_FUNCTION_INFO_V1(name);                \
  }                                         \
  Datum name(PG_FUNCTION_ARGS)
