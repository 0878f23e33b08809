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

-- C.1  What lg's runs left in the catalog: after each run (for CALL
-- lg_apply(), in each step's transaction) the description of every unit
-- (table, view, sequence, type, routine, schema, extension) its revision
-- SQL created, altered or dropped replaces that unit's rows here; a unit
-- that no longer exists has none.  lg_schema_drift() compares it with the
-- live catalog.
CREATE TABLE lg.schema_state (
    unit_kind text NOT NULL CHECK (unit_kind IN ('r', 't', 'f', 'n', 'e')),
    unit_schema text,
    unit_name text NOT NULL,
    object_type text NOT NULL,
    object_name text NOT NULL,
    definition text NOT NULL,
    revision text,
    direction text,
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
CREATE INDEX schema_state_unit ON lg.schema_state (unit_name, unit_kind, unit_schema);
COMMENT ON TABLE lg.schema_state IS 'what lg''s runs left in the catalog: one row per part (column, index, constraint, ...) of each unit they touched (lg_schema_drift)';
COMMENT ON COLUMN lg.schema_state.unit_kind IS 'r relation, t type, f routine (every overload), n schema, e extension';
COMMENT ON COLUMN lg.schema_state.revision IS 'the revision whose step last touched the unit';
COMMENT ON COLUMN lg.schema_state.direction IS 'up or down: the direction of that step';
SELECT pg_catalog.pg_extension_config_dump('lg.schema_state', '');

-- C.2  lg_schema_drift(): what changed in the live catalog outside lg since
-- lg's runs recorded it (README, "Live-schema drift").
CREATE FUNCTION @extschema@.lg_schema_drift()
RETURNS TABLE(object_type text, object_name text, change text)
AS 'MODULE_PATHNAME', 'lg_schema_drift'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION @extschema@.lg_schema_drift()
    IS 'objects lg''s runs created or changed that were changed, added or dropped outside lg since';
REVOKE ALL ON FUNCTION @extschema@.lg_schema_drift() FROM PUBLIC;

-- C.3  lg_status() says whether there is live-schema drift (a column
-- schema_drift: how many objects lg_schema_drift() lists).
DROP FUNCTION @extschema@.lg_status();
CREATE FUNCTION @extschema@.lg_status(
    OUT current text[],
    OUT heads text[],
    OUT revisions int,
    OUT applied int,
    OUT pending int,
    OUT at_head boolean,
    OUT last_change timestamptz,
    OUT drifted text[],
    OUT in_progress text,
    OUT in_progress_direction text,
    OUT in_progress_state text,
    OUT in_progress_statement int,
    OUT in_progress_error text,
    OUT schema_drift int)
AS 'MODULE_PATHNAME', 'lg_status'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION @extschema@.lg_status() IS 'where the database stands, the revision in progress or failed, and live-schema drift';
REVOKE ALL ON FUNCTION @extschema@.lg_status() FROM PUBLIC;

-- == lg's tables grant nothing ============================================
-- lg writes its tables as their owner and grants nothing on them (README,
-- Privileges).  Default privileges of the role that installs or updates lg
-- (ALTER DEFAULT PRIVILEGES ... ON TABLES / SEQUENCES) would give rights on
-- the tables any version's script creates: a TRIGGER right on a table lg
-- writes as its owner would run the grantee's function as the owner.
-- Taken back here: every right on schema lg's relations but the owner's,
-- except SELECT on the tables older than 0.4 (0.1's README had readers
-- granted SELECT, and the update to 0.2 kept those grants).
DO $lg$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT c.oid::pg_catalog.regclass AS rel, a.grantee, a.privilege_type AS priv,
                    CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace,
                    LATERAL pg_catalog.aclexplode(c.relacl) a
              WHERE n.nspname OPERATOR(pg_catalog.=) 'lg'
                AND a.grantee OPERATOR(pg_catalog.<>) c.relowner
                AND NOT (a.privilege_type OPERATOR(pg_catalog.=) 'SELECT'
                         AND c.relkind OPERATOR(pg_catalog.=) 'r'
                         AND c.relname OPERATOR(pg_catalog.<>) 'schema_state')
    LOOP
        IF g.grantee OPERATOR(pg_catalog.=) 0 THEN
            EXECUTE pg_catalog.format('REVOKE %s ON %s %s FROM PUBLIC', g.priv, g.kind, g.rel);
        ELSE
            EXECUTE pg_catalog.format('REVOKE %s ON %s %s FROM %I', g.priv, g.kind, g.rel,
                                      pg_catalog.pg_get_userbyid(g.grantee));
        END IF;
    END LOOP;
END
$lg$;

-- == Privileges of 0.4 =====================================================
-- The roles that held 0.3's reader and migration grants get 0.4's routines
-- that are new or were created again above (README, Privileges).  Each
-- section adds its signatures to the lists.
DO $lg$
DECLARE
    reader_routines text := '@extschema@.lg_schema_drift(), @extschema@.lg_status()';
    migrator_routines text := '@extschema@.lg_lint(text), @extschema@.lg_check(text), '
                              '@extschema@.lg_schema_drift(), @extschema@.lg_status()';
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
