/* lg--0.3--0.4.sql: know before you run (issue 14): lg_lint(), lg_check(),
 * live-schema drift.
 *
 * A fresh CREATE EXTENSION lg installs lg--0.1.sql, then the updates to
 * 0.2, 0.3 and this one: an update from any older version takes the same
 * path a fresh install takes.
 *
 * The first statement notes who held 0.3's reader and migration grants
 * (EXECUTE on lg_status() and on lg_apply(text, text)); the last block
 * gives those roles 0.4's new routines and those created again here.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION lg UPDATE TO '0.4'" to load this file. \quit

-- Who held 0.3's grants, until the last block of this script (a setting
-- local to the update's transaction).
SELECT pg_catalog.set_config('lg_update.' OPERATOR(pg_catalog.||) g.name,
           COALESCE(pg_catalog.string_agg(a.grantee::pg_catalog.text, ','), ''), true)
  FROM (VALUES ('readers', '@extschema@.lg_status()'::pg_catalog.regprocedure),
               ('migrators', '@extschema@.lg_apply(text, text)'::pg_catalog.regprocedure)) g(name, fn)
  LEFT JOIN LATERAL pg_catalog.aclexplode((SELECT p.proacl FROM pg_catalog.pg_proc p
                                            WHERE p.oid OPERATOR(pg_catalog.=) g.fn)) a
    ON a.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE'
   AND a.grantee OPERATOR(pg_catalog.<>) 0
   AND a.grantee OPERATOR(pg_catalog.<>) (SELECT e.extowner FROM pg_catalog.pg_extension e
                                           WHERE e.extname OPERATOR(pg_catalog.=) 'lg')
 GROUP BY g.name;

-- == Section A: lg_check(), the stairway test ==============================

-- A.1  lg_check(): for each revision of the plan to target, up, down and up
-- again inside a subtransaction that is always rolled back, comparing what
-- the up and the down touched after the down with the state before the up
-- (README, "The stairway check").  Revision SQL runs as the caller: a
-- migration role's routine.
CREATE FUNCTION @extschema@.lg_check(target text DEFAULT 'heads')
RETURNS TABLE(revision text, step text, ok boolean, detail text)
AS 'MODULE_PATHNAME', 'lg_check'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION @extschema@.lg_check(text)
    IS 'the stairway test: up, down, up again for each revision of the plan to target, all rolled back';
REVOKE ALL ON FUNCTION @extschema@.lg_check(text) FROM PUBLIC;

-- == Section B: lg_lint() ===================================================

-- What each statement of the plan to target will do and what could go
-- wrong, from the parse tree and the live catalog; nothing is executed
-- (the unordered_conflict pass runs revision SQL as the caller in a
-- subtransaction that is rolled back: a migration routine).
CREATE FUNCTION @extschema@.lg_lint(target text DEFAULT 'head')
RETURNS TABLE(revision text, statement int, rule text, severity text, lock text,
              relation text, detail text)
AS 'MODULE_PATHNAME', 'lg_lint'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION @extschema@.lg_lint(text)
    IS 'lint the plan to target: locks, rewrites, hazards; nothing is kept';
REVOKE ALL ON FUNCTION @extschema@.lg_lint(text) FROM PUBLIC;

-- == Section C: live-schema drift ===========================================

-- == Privileges of 0.4 =====================================================
-- The roles that held 0.3's reader and migration grants get 0.4's routines
-- that are new or were created again above (README, Privileges).  Each
-- section adds its signatures to the lists.
DO $lg$
DECLARE
    reader_routines text := '';
    migrator_routines text := '@extschema@.lg_lint(text), @extschema@.lg_check(text)';
    r text;
BEGIN
    FOR r IN SELECT pg_catalog.unnest(pg_catalog.string_to_array(
                 pg_catalog.current_setting('lg_update.readers'), ','))
    LOOP
        IF reader_routines OPERATOR(pg_catalog.<>) '' THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON ROUTINE %s TO %I', reader_routines,
                                      pg_catalog.pg_get_userbyid(r::pg_catalog.oid));
        END IF;
    END LOOP;
    FOR r IN SELECT pg_catalog.unnest(pg_catalog.string_to_array(
                 pg_catalog.current_setting('lg_update.migrators'), ','))
    LOOP
        IF migrator_routines OPERATOR(pg_catalog.<>) '' THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON ROUTINE %s TO %I', migrator_routines,
                                      pg_catalog.pg_get_userbyid(r::pg_catalog.oid));
        END IF;
    END LOOP;
END
$lg$;
