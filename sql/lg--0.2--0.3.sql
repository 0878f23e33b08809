/* lg--0.2--0.3.sql: non-transactional revisions (issue 12) and what came
 * with them.
 *
 * A fresh CREATE EXTENSION lg installs lg--0.1.sql, then lg--0.1--0.2.sql,
 * then this script: an update from 0.1 or 0.2 takes the same path a fresh
 * install takes.
 *
 * Routines whose result columns change are dropped and created again, which
 * drops their grants: the first block notes who held the reader and the
 * migration grant of 0.2 (EXECUTE on lg_status() and on lg_apply(text)),
 * and the last block gives those roles 0.3's sets.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION lg UPDATE TO '0.3'" to load this file. \quit

-- Who held 0.2's grants, until the last block of this script (a setting
-- local to the update's transaction).
SELECT pg_catalog.set_config('lg_update.' OPERATOR(pg_catalog.||) g.name,
           COALESCE(pg_catalog.string_agg(a.grantee::pg_catalog.text, ','), ''), true)
  FROM (VALUES ('readers', '@extschema@.lg_status()'::pg_catalog.regprocedure),
               ('migrators', '@extschema@.lg_apply(text)'::pg_catalog.regprocedure)) g(name, fn)
  LEFT JOIN LATERAL pg_catalog.aclexplode((SELECT p.proacl FROM pg_catalog.pg_proc p
                                            WHERE p.oid OPERATOR(pg_catalog.=) g.fn)) a
    ON a.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE'
   AND a.grantee OPERATOR(pg_catalog.<>) 0
   AND a.grantee OPERATOR(pg_catalog.<>) (SELECT e.extowner FROM pg_catalog.pg_extension e
                                           WHERE e.extname OPERATOR(pg_catalog.=) 'lg')
 GROUP BY g.name;

-- == Section A: non-transactional revisions (issue 12) =====================

-- A.1  The journal keeps failed attempts: a failed step of CALL lg_apply()
-- writes a line with outcome 'failed', the statement number, the SQLSTATE
-- and the message (error), committed after the rollback of the step.  A
-- resumed revision whose interrupted CREATE INDEX CONCURRENTLY left an
-- INVALID index gets an outcome 'cleanup' line saying what lg dropped
-- (detail).  'configure' lines record lg_configure().
ALTER TABLE lg.log ADD COLUMN statement integer, ADD COLUMN sqlstate text, ADD COLUMN detail text;
COMMENT ON COLUMN lg.log.outcome IS 'ok, failed (the step was rolled back) or cleanup (lg repaired what an interrupted step left)';
COMMENT ON COLUMN lg.log.error IS 'the error message of a failed step';
COMMENT ON COLUMN lg.log.statement IS 'the statement a failed step failed at (1-based), or a cleanup was for';
COMMENT ON COLUMN lg.log.sqlstate IS 'the SQLSTATE of a failed step';
COMMENT ON COLUMN lg.log.detail IS 'what a cleanup line did';
ALTER TABLE lg.log ADD CONSTRAINT log_outcome_check CHECK (outcome IN ('ok', 'failed', 'cleanup'));
ALTER TABLE lg.log DROP CONSTRAINT log_direction_check;
ALTER TABLE lg.log ADD CONSTRAINT log_direction_check
    CHECK (direction IN ('up', 'down', 'stamp', 'repair', 'adopt', 'unregister', 'configure'));

-- A.2  A non-transactional revision commits part by part: lg.progress says
-- how far it got, committed with each part, so a run that failed or was
-- interrupted resumes where it stopped.  At most one row (runs hold the run
-- lock); the revision is in lg.version only once all of it succeeded.
CREATE TABLE lg.progress (
    revision      text PRIMARY KEY,
    direction     text NOT NULL CHECK (direction IN ('up', 'down')),
    done_checksum text,            -- of the committed statements: a resume checks they are unchanged
    done          integer NOT NULL DEFAULT 0 CHECK (done >= 0),  -- statements committed
    state         text NOT NULL CHECK (state IN ('running', 'failed')),
    statement     integer,         -- the statement running, or that failed
    sqlstate      text,
    error         text,
    by_role       name NOT NULL,
    session_role  name NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
COMMENT ON TABLE lg.progress IS 'the non-transactional revision in progress or failed (CALL lg_apply)';
SELECT pg_catalog.pg_extension_config_dump('lg.progress', '');

-- A.3  lg_status() says which revision is in progress or failed, at which
-- statement, with the error (state 'interrupted': the row says running but
-- no run holds the run lock, so the run that wrote it died).
DROP FUNCTION lg_status();
CREATE FUNCTION lg_status(
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
    OUT in_progress_error text)
AS 'MODULE_PATHNAME', 'lg_status'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_status() IS 'where the database stands, and the revision in progress or failed';
REVOKE ALL ON FUNCTION lg_status() FROM PUBLIC;

-- A.4  CALL lg_apply(target, direction): 'down' reverts, committing after
-- each revision as 'up' applies; the way to run the down SQL of
-- non-transactional revisions, and of a partly applied one.
DROP PROCEDURE lg_apply(text);
CREATE PROCEDURE lg_apply(target text DEFAULT 'head', direction text DEFAULT 'up')
AS 'MODULE_PATHNAME', 'lg_apply'
LANGUAGE C;
COMMENT ON PROCEDURE lg_apply(text, text) IS 'upgrade (or with direction down, downgrade) to target, committing after each revision; runs non-transactional revisions (CALL outside a transaction block)';
REVOKE ALL ON PROCEDURE lg_apply(text, text) FROM PUBLIC;

-- == Section B: plans and history show non-transactional revisions =========

-- B.1  lg_revision's transactional defaults to NULL: detected from the SQL
-- (false when a statement cannot run inside one transaction); false forces
-- a non-transactional revision, true refuses SQL that needs one.  Only the
-- default changes: CREATE OR REPLACE keeps the function and its grants.
CREATE OR REPLACE FUNCTION @extschema@.lg_revision(
    id text,
    up text,
    down text DEFAULT NULL,
    parents text[] DEFAULT '{}',
    message text DEFAULT NULL,
    depends_on text[] DEFAULT '{}',
    branch_labels text[] DEFAULT '{}',
    transactional boolean DEFAULT NULL,
    verify text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'lg_revision'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION @extschema@.lg_revision(text, text, text, text[], text, text[], text[], boolean, text)
    IS 'register a revision (identical re-registration is a no-op; transactional NULL = detected from the SQL)';
COMMENT ON COLUMN lg.revision.transactional
    IS 'false: the revision cannot run inside one transaction (only CALL lg_apply() outside a transaction block runs it)';

-- B.2  lg_plan() and lg_history() gain a column transactional.
DROP FUNCTION @extschema@.lg_plan(text, text);
CREATE FUNCTION @extschema@.lg_plan(target text DEFAULT 'head', direction text DEFAULT 'up')
RETURNS TABLE(step int, revision text, direction text, transactional boolean)
AS 'MODULE_PATHNAME', 'lg_plan'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION @extschema@.lg_plan(text, text) IS 'the steps a run would take; nothing is executed';
REVOKE ALL ON FUNCTION @extschema@.lg_plan(text, text) FROM PUBLIC;

DROP FUNCTION @extschema@.lg_history(text);
CREATE FUNCTION @extschema@.lg_history(range text DEFAULT NULL)
RETURNS TABLE(revision text, parents text[], message text, is_head boolean, is_applied boolean,
              is_current boolean, transactional boolean)
AS 'MODULE_PATHNAME', 'lg_history'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION @extschema@.lg_history(text) IS 'revisions newest first, as alembic history';
REVOKE ALL ON FUNCTION @extschema@.lg_history(text) FROM PUBLIC;

-- == Section C: a picture of the graph (issue 14) ==========================

-- C.1  lg_graph(): every revision, its parents and dependencies, branch
-- labels, heads, what is applied and current, as Graphviz (DOT) or Mermaid
-- text (README, "A picture of the graph").
CREATE FUNCTION @extschema@.lg_graph(format text DEFAULT 'dot')
RETURNS text
AS 'MODULE_PATHNAME', 'lg_graph'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION @extschema@.lg_graph(text)
    IS 'the revision graph as Graphviz (format dot) or Mermaid (format mermaid) text';
REVOKE ALL ON FUNCTION @extschema@.lg_graph(text) FROM PUBLIC;

-- == Section D: lg_sql() scripts with non-transactional revisions ==========
-- Such a script commits as it goes: it is run without psql -1, holds the
-- run lock for the session from its first line to its last, and refuses to
-- start from version rows other than those it was written for.
CREATE FUNCTION @extschema@.lg_script_begin(version_rows text[]) RETURNS void
AS 'MODULE_PATHNAME', 'lg_script_begin'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.lg_script_begin(text[])
    IS 'first line of an lg_sql() script with non-transactional revisions: the run lock for the session, refused inside a transaction block or from other version rows';
REVOKE ALL ON FUNCTION @extschema@.lg_script_begin(text[]) FROM PUBLIC;
CREATE FUNCTION @extschema@.lg_script_end() RETURNS void
AS 'MODULE_PATHNAME', 'lg_script_end'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.lg_script_end()
    IS 'last line of an lg_sql() script with non-transactional revisions: releases the run lock';
REVOKE ALL ON FUNCTION @extschema@.lg_script_end() FROM PUBLIC;

-- == Privileges of 0.3 =====================================================
-- The roles that held 0.2's reader and migration grants get 0.3's routines
-- that are new or were created again above (README, Privileges).
DO $lg$
DECLARE
    reader_routines text := '@extschema@.lg_status(), @extschema@.lg_plan(text, text), '
                            '@extschema@.lg_history(text), @extschema@.lg_graph(text)';
    migrator_routines text := '@extschema@.lg_status(), @extschema@.lg_apply(text, text), '
                              '@extschema@.lg_plan(text, text), @extschema@.lg_history(text), '
                              '@extschema@.lg_script_begin(text[]), @extschema@.lg_script_end(), '
                              '@extschema@.lg_graph(text)';
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
