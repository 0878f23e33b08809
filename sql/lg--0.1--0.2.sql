/* lg--0.1--0.2.sql: the trust boundary (issue 11).
 *
 * A fresh CREATE EXTENSION lg installs lg--0.1.sql and then this script:
 * there is one definition of every object, and an update from 0.1 is the
 * same path a fresh install takes.
 *
 * The script is in sections, one per concern; each keeps to its own
 * objects.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION lg UPDATE TO '0.2'" to load this file. \quit

-- == Section A: the registry changes only through lg ======================

-- == Section B: reviewed scripts, lexing and statements ====================

-- == Section C: the run lock ===============================================

-- The run lock is a lock-manager lock that no SQL function but this one can
-- take (0.1 used pg_advisory_xact_lock, whose key any role could hold to
-- block every migration).  In pg_locks: locktype 'advisory', classid
-- 1818713965, objid 1768387169, objsubid 3.  lg_sql() scripts call it
-- first; the wait is bounded by lg.lock_timeout.
CREATE FUNCTION lg.lock_runs() RETURNS void
AS 'MODULE_PATHNAME', 'lg_lock_runs'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION lg.lock_runs()
    IS 'take lg''s run lock until the end of the transaction (first line of an lg_sql() script)';
REVOKE ALL ON FUNCTION lg.lock_runs() FROM PUBLIC;

-- == Section D: applied revisions, verify, integrity ========================

-- == End of sections =======================================================
