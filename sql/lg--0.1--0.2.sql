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
--
-- lg's tables grant nothing to anyone: the right to migrate is EXECUTE on
-- lg's functions, which read and write the tables as the extension owner
-- (only lg's own fixed statements; revision SQL runs as the caller), and
-- the right to read is EXECUTE on the read functions.  PUBLIC gets nothing.

-- The journal names who called lg, explicitly: by_role is the caller's
-- current role and session_role its session role, both taken before lg
-- switches to the owner (the columns' defaults would name the owner; they
-- stay for rows a superuser writes by hand).  Lines written before 0.2
-- have no session_role.
ALTER TABLE lg.log ADD COLUMN session_role name;
ALTER TABLE lg.log ALTER COLUMN session_role SET DEFAULT SESSION_USER;
COMMENT ON COLUMN lg.log.by_role IS 'current role of the caller of lg';
COMMENT ON COLUMN lg.log.session_role IS 'session role of the caller of lg (NULL on lines written before 0.2)';
COMMENT ON COLUMN lg.revision.registered_by IS 'current role of the caller of lg_revision or lg_merge';

-- The bookkeeping of a reviewed script (lg_sql): records a step only if it
-- is the correct next step, with the caller named.
CREATE FUNCTION lg_script_step(revision text, direction text, removed text[], added text[])
RETURNS void
AS 'MODULE_PATHNAME', 'lg_script_step'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_script_step(text, text, text[], text[])
    IS 'records one step of a script from lg_sql(): version rows and journal line';

-- DROP EXTENSION lg deletes the history; refused while revisions are
-- applied unless SET lg.allow_drop = on.
CREATE FUNCTION lg.drop_guard() RETURNS event_trigger
AS 'MODULE_PATHNAME', 'lg_drop_guard'
LANGUAGE C;
COMMENT ON FUNCTION lg.drop_guard()
    IS 'refuses DROP EXTENSION lg while revisions are applied (SET lg.allow_drop = on to drop)';
CREATE EVENT TRIGGER lg_drop_guard ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA', 'DROP OWNED')
    EXECUTE FUNCTION lg.drop_guard();

-- Privileges: at the end of this script (after every section has created
-- its objects), "Privileges of 0.2".

-- == Section B: reviewed scripts, lexing and statements ====================

-- == Section C: the run lock ===============================================

-- The run lock is a lock-manager lock that no SQL function but this one can
-- take (0.1 used pg_advisory_xact_lock, whose key any role could hold to
-- block every migration).  In pg_locks: locktype 'advisory', classid
-- 1818713965, objid 1768387169, objsubid 3.  lg_sql() scripts call it
-- first; the wait is bounded by lg.lock_timeout.
CREATE FUNCTION lg_lock_runs() RETURNS void
AS 'MODULE_PATHNAME', 'lg_lock_runs'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION lg_lock_runs()
    IS 'take lg''s run lock until the end of the transaction (first line of an lg_sql() script)';
REVOKE ALL ON FUNCTION lg_lock_runs() FROM PUBLIC;

-- == Section D: applied revisions, verify, integrity ========================

-- D.1  The registry generation moves only when a row was written.  A
-- statement trigger fires even when its statement changed nothing (the
-- INSERT ... ON CONFLICT DO NOTHING of an identical re-registration), and
-- every backend then reloaded the registry for nothing.  One trigger per
-- event, each with the statement's transition table: lg.registry_changed()
-- skips an empty one.  TRUNCATE has no transition table and always counts.
DROP TRIGGER revision_changed ON lg.revision;
CREATE TRIGGER revision_inserted_registry AFTER INSERT ON lg.revision
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER revision_updated_registry AFTER UPDATE ON lg.revision
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER revision_deleted_registry AFTER DELETE ON lg.revision
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER revision_truncated_registry AFTER TRUNCATE ON lg.revision
    FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
DROP TRIGGER script_changed_registry ON lg.script;
CREATE TRIGGER script_inserted_registry AFTER INSERT ON lg.script
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER script_updated_registry AFTER UPDATE ON lg.script
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER script_deleted_registry AFTER DELETE ON lg.script
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER script_truncated_registry AFTER TRUNCATE ON lg.script
    FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();


-- D.2  Down and verify SQL are part of what was applied.  lg.script keeps
-- a checksum of each of the three scripts (one column each, so drift can
-- say which changed): checksum (up, as in 0.1), down_checksum and
-- verify_checksum, each lg.sql_fingerprint() of its SQL, or 'none' where
-- the SQL is null (an irreversible revision, no verify); the trigger
-- lg.script_checksum() sets all three, however the row is written.  The
-- journal records them with every up, stamp and repair line.  Lines from
-- 0.1 have none (null): for them the down and verify SQL found at the
-- update (lg.sql_baseline) stand for what was applied.
ALTER TABLE lg.script ADD COLUMN down_checksum text, ADD COLUMN verify_checksum text;
-- 0.2 also fingerprints a keyword as the identifier it spells (so a
-- checksum is the same on every PostgreSQL major), so the up checksums 0.1
-- stored change below.  Which revisions' up SQL was what the journal last
-- recorded is noted first: for them the new checksum stands for what was
-- applied (lg.sql_baseline.up_checksum); the others stay drifted.
CREATE TABLE lg.sql_baseline (
    revision         text PRIMARY KEY,
    up_checksum      text,
    down_checksum    text,
    verify_checksum  text
);
INSERT INTO lg.sql_baseline (revision, up_checksum)
    SELECT s.revision,
           CASE WHEN s.checksum OPERATOR(pg_catalog.=)
                     (SELECT l.checksum FROM lg.log l
                       WHERE l.revision OPERATOR(pg_catalog.=) s.revision
                         AND l.direction OPERATOR(pg_catalog.=) ANY ('{up,repair,stamp}'::pg_catalog.text[])
                       ORDER BY l.id DESC LIMIT 1)
                THEN 'kept' END
      FROM lg.script s
     WHERE EXISTS (SELECT FROM lg.log l WHERE l.revision OPERATOR(pg_catalog.=) s.revision);
UPDATE lg.script SET up_sql = up_sql;  -- the trigger fills the new columns, recomputes checksum
UPDATE lg.sql_baseline b
   SET up_checksum = CASE WHEN b.up_checksum OPERATOR(pg_catalog.=) 'kept' THEN s.checksum END,
       down_checksum = s.down_checksum, verify_checksum = s.verify_checksum
  FROM lg.script s WHERE s.revision OPERATOR(pg_catalog.=) b.revision;
ALTER TABLE lg.sql_baseline ALTER COLUMN down_checksum SET NOT NULL,
                            ALTER COLUMN verify_checksum SET NOT NULL;
ALTER TABLE lg.script ALTER COLUMN down_checksum SET NOT NULL,
                      ALTER COLUMN verify_checksum SET NOT NULL;
COMMENT ON COLUMN lg.script.checksum IS 'lg.sql_fingerprint(up_sql), set by trigger';
COMMENT ON COLUMN lg.script.down_checksum IS 'lg.sql_fingerprint(down_sql), or ''none'' for null; set by trigger';
COMMENT ON COLUMN lg.script.verify_checksum IS 'lg.sql_fingerprint(verify_sql), or ''none'' for null; set by trigger';
ALTER TABLE lg.log ADD COLUMN down_checksum text, ADD COLUMN verify_checksum text;
COMMENT ON COLUMN lg.log.down_checksum IS 'lg.script.down_checksum when the line was written (null before 0.2)';
COMMENT ON COLUMN lg.log.verify_checksum IS 'lg.script.verify_checksum when the line was written (null before 0.2)';
COMMENT ON TABLE lg.sql_baseline
    IS 'checksums at the update to 0.2 of revisions journaled by 0.1: what their 0.1 lines stand for (up: null where the up SQL had drifted already)';
SELECT pg_catalog.pg_extension_config_dump('lg.sql_baseline', '');
-- a change of any of the three can start drift
DROP TRIGGER script_changed ON lg.script;
CREATE TRIGGER script_changed AFTER UPDATE ON lg.script
    FOR EACH ROW WHEN (OLD.checksum IS DISTINCT FROM NEW.checksum
                       OR OLD.down_checksum IS DISTINCT FROM NEW.down_checksum
                       OR OLD.verify_checksum IS DISTINCT FROM NEW.verify_checksum
                       OR OLD.revision IS DISTINCT FROM NEW.revision)
    EXECUTE FUNCTION lg.note_sql_changed();

-- D.3  The graph of an applied revision does not change: an UPDATE of the
-- id, parents, depends_on or branch_labels of an applied revision is
-- refused (55000), by lg_revision() first and by this trigger for any
-- other writer, a superuser's hand edit included.
CREATE FUNCTION lg.applied_graph_is_kept() RETURNS trigger
AS 'MODULE_PATHNAME', 'lg_applied_graph_is_kept'
LANGUAGE C;
REVOKE ALL ON FUNCTION lg.applied_graph_is_kept() FROM PUBLIC;
CREATE TRIGGER applied_graph_kept BEFORE UPDATE ON lg.revision
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id
                       OR OLD.parents IS DISTINCT FROM NEW.parents
                       OR OLD.depends_on IS DISTINCT FROM NEW.depends_on
                       OR OLD.branch_labels IS DISTINCT FROM NEW.branch_labels)
    EXECUTE FUNCTION lg.applied_graph_is_kept();

-- D.4  lg_repair() accepts new verify SQL too (and journals all three
-- checksums); the 0.1 signature is replaced.
DROP FUNCTION lg_repair(text, text, text);
CREATE FUNCTION lg_repair(id text, up text DEFAULT NULL, down text DEFAULT NULL,
                          verify text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'lg_repair'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_repair(text, text, text, text)
    IS 'accept new SQL (up, down, verify) for an applied revision deliberately, recorded in lg.log';
REVOKE ALL ON FUNCTION lg_repair(text, text, text, text) FROM PUBLIC;

-- D.5  Which part of which applied revision drifted.
CREATE FUNCTION lg_drift()
RETURNS TABLE(revision text, parts text[])
AS 'MODULE_PATHNAME', 'lg_drift'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_drift() IS 'applied revisions whose up, down or verify SQL is not what was applied';

-- == Section F: adopt, step order, unregister ==============================

-- F.1  Two more kinds of journal line: 'adopt' (lg_adopt took a revision
-- over from another tool's history, no SQL run) and 'unregister'
-- (lg_unregister removed a revision that was not applied; the line keeps
-- the checksums of its SQL).
ALTER TABLE lg.log DROP CONSTRAINT log_direction_check;
ALTER TABLE lg.log ADD CONSTRAINT log_direction_check
    CHECK (direction IN ('up', 'down', 'stamp', 'repair', 'adopt', 'unregister'));

-- F.2  Registry-wide settings, written only by lg_configure() (as the
-- owner), read with the registry: a change moves the registry generation,
-- so every session plans alike.  step_order: 'alembic' (no row: Alembic's
-- depth-first walk) or 'registration' (Kahn's order, registration order as
-- the tie-break).
CREATE TABLE lg.settings (
    key    text PRIMARY KEY,
    value  text NOT NULL,
    CONSTRAINT settings_valid CHECK (key = 'step_order' AND value IN ('alembic', 'registration'))
);
COMMENT ON TABLE lg.settings IS 'registry-wide settings of lg (lg_configure)';
SELECT pg_catalog.pg_extension_config_dump('lg.settings', '');
CREATE TRIGGER settings_inserted_registry AFTER INSERT ON lg.settings
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER settings_updated_registry AFTER UPDATE ON lg.settings
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER settings_deleted_registry AFTER DELETE ON lg.settings
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
CREATE TRIGGER settings_truncated_registry AFTER TRUNCATE ON lg.settings
    FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();

CREATE FUNCTION lg_configure(key text, value text) RETURNS text
AS 'MODULE_PATHNAME', 'lg_configure'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_configure(text, text)
    IS 'set a registry-wide lg setting (step_order: alembic or registration); returns the value';
REVOKE ALL ON FUNCTION lg_configure(text, text) FROM PUBLIC;
CREATE FUNCTION lg_configure(key text) RETURNS text
AS 'MODULE_PATHNAME', 'lg_configure'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION lg_configure(text) IS 'the current value of a registry-wide lg setting';
REVOKE ALL ON FUNCTION lg_configure(text) FROM PUBLIC;

-- F.3  Moving to lg: stamp lg to the revisions another tool had applied,
-- read (as the caller) from that tool's version table.
CREATE FUNCTION lg_adopt(source text, schema text DEFAULT NULL) RETURNS text[]
AS 'MODULE_PATHNAME', 'lg_adopt'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_adopt(text, text)
    IS 'stamp lg to what another tool applied (alembic, dbmate, golang-migrate, flyway, sqitch, diesel, supabase); journaled as adopt';
REVOKE ALL ON FUNCTION lg_adopt(text, text) FROM PUBLIC;

-- F.4  Removing a revision registered by mistake (not applied, nothing
-- registered depends on it), journaled as unregister.
CREATE FUNCTION lg_unregister(id text) RETURNS text
AS 'MODULE_PATHNAME', 'lg_unregister'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_unregister(text)
    IS 'remove a registered revision that is not applied and that nothing depends on; journaled';
REVOKE ALL ON FUNCTION lg_unregister(text) FROM PUBLIC;

-- == Section E: lg_import =================================================

-- Registers every revision of another tool's migration folder, given as a
-- JSON object {relative path: file content}, through lg_revision's own
-- code path, in one statement (README "Moving to lg").  Returns the
-- revisions it wrote: new ones and changed unapplied ones.
CREATE FUNCTION lg_import(layout text, files jsonb, options jsonb DEFAULT '{}')
RETURNS TABLE(revision text, parents text[], source text)
AS 'MODULE_PATHNAME', 'lg_import'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_import(text, jsonb, jsonb)
    IS 'register the revisions of a migration folder of another tool (alembic-sql, dbmate, golang-migrate, flyway, sqitch, diesel, supabase, dag)';
REVOKE ALL ON FUNCTION lg_import(text, jsonb, jsonb) FROM PUBLIC;

-- == End of sections =======================================================

-- == Privileges of 0.2 (Section A's rule, over the objects of every section)
-- Privileges.  An update from 0.1 first carries over what roles were
-- given under 0.1's README, then takes every write away:
--  * a role that could append to lg.log (0.1's migration role) gets
--    EXECUTE on the migration functions, which is less than it had;
--  * a role with any explicit privilege on an lg table gets EXECUTE on the
--    read functions (PUBLIC's read access goes below);
--  * every privilege on lg's tables and sequences other than SELECT is
--    revoked from every role but the owner (INSERT, UPDATE, DELETE,
--    TRUNCATE, REFERENCES, TRIGGER: a trigger on an lg table would run as
--    the owner); explicit SELECT grants stay, as the owner gave them, and
--    so that they keep working, those roles get USAGE on schema lg, which
--    PUBLIC loses.
DO $lg$
DECLARE
    lg_owner oid := (SELECT e.extowner FROM pg_catalog.pg_extension e
                      WHERE e.extname OPERATOR(pg_catalog.=) 'lg');
    r record;
BEGIN
    FOR r IN
        SELECT a.grantee,
               pg_catalog.bool_or(c.relname OPERATOR(pg_catalog.=) 'log'
                                  AND a.privilege_type OPERATOR(pg_catalog.=) 'INSERT') AS migrator
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace,
               LATERAL pg_catalog.aclexplode(c.relacl) a
         WHERE n.nspname OPERATOR(pg_catalog.=) 'lg'
           AND a.grantee OPERATOR(pg_catalog.<>) 0
           AND a.grantee OPERATOR(pg_catalog.<>) lg_owner
         GROUP BY a.grantee
    LOOP
        EXECUTE pg_catalog.format(
            'GRANT EXECUTE ON FUNCTION @extschema@.lg_status(), @extschema@.lg_current(), '
            '@extschema@.lg_heads(), @extschema@.lg_bases(), @extschema@.lg_branches(), '
            '@extschema@.lg_history(text), @extschema@.lg_plan(text, text), @extschema@.lg_drift(), '
            '@extschema@.lg_configure(text) TO %I',
            pg_catalog.pg_get_userbyid(r.grantee));
        IF r.migrator THEN
            EXECUTE pg_catalog.format(
                'GRANT EXECUTE ON ROUTINE @extschema@.lg_sql(text, text), '
                '@extschema@.lg_revision(text, text, text, text[], text, text[], text[], boolean, text), '
                '@extschema@.lg_migrate(text), @extschema@.lg_downgrade(text), @extschema@.lg_apply(text), '
                '@extschema@.lg_stamp(text, boolean), @extschema@.lg_merge(text[], text, text), '
                '@extschema@.lg_repair(text, text, text, text), @extschema@.lg_verify(), '
                '@extschema@.lg_script_step(text, text, text[], text[]), @extschema@.lg_lock_runs(), '
                '@extschema@.lg_adopt(text, text), @extschema@.lg_configure(text, text), '
                '@extschema@.lg_configure(text), @extschema@.lg_unregister(text), '
                '@extschema@.lg_import(text, jsonb, jsonb) TO %I',
                pg_catalog.pg_get_userbyid(r.grantee));
        END IF;
    END LOOP;

    FOR r IN
        SELECT DISTINCT c.oid::pg_catalog.regclass AS rel, c.relkind, a.grantee, a.grantor,
               a.privilege_type
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace,
               LATERAL pg_catalog.aclexplode(c.relacl) a
         WHERE n.nspname OPERATOR(pg_catalog.=) 'lg'
           AND a.grantee OPERATOR(pg_catalog.<>) 0
           AND a.grantee OPERATOR(pg_catalog.<>) lg_owner
           AND a.privilege_type OPERATOR(pg_catalog.<>) 'SELECT'
    LOOP
        EXECUTE pg_catalog.format('REVOKE %s ON %s %s FROM %I GRANTED BY %I CASCADE',
            r.privilege_type,
            CASE WHEN r.relkind OPERATOR(pg_catalog.=) 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
            r.rel, pg_catalog.pg_get_userbyid(r.grantee), pg_catalog.pg_get_userbyid(r.grantor));
    END LOOP;

    -- Column grants (GRANT UPDATE (parents) ON lg.revision ...): a table-level
    -- REVOKE takes the column privileges with it.
    FOR r IN
        SELECT DISTINCT c.oid::pg_catalog.regclass AS rel, a.grantee, a.grantor, a.privilege_type
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
          JOIN pg_catalog.pg_attribute att ON att.attrelid OPERATOR(pg_catalog.=) c.oid,
               LATERAL pg_catalog.aclexplode(att.attacl) a
         WHERE n.nspname OPERATOR(pg_catalog.=) 'lg'
           AND a.grantee OPERATOR(pg_catalog.<>) lg_owner
           AND a.privilege_type OPERATOR(pg_catalog.<>) 'SELECT'
    LOOP
        EXECUTE pg_catalog.format('REVOKE %s ON TABLE %s FROM %s GRANTED BY %I CASCADE',
            r.privilege_type, r.rel,
            CASE WHEN r.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                 ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.grantee)) END,
            pg_catalog.pg_get_userbyid(r.grantor));
    END LOOP;

    FOR r IN
        SELECT DISTINCT a.grantee
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace,
               LATERAL pg_catalog.aclexplode(c.relacl) a
         WHERE n.nspname OPERATOR(pg_catalog.=) 'lg'
           AND a.grantee OPERATOR(pg_catalog.<>) 0
           AND a.grantee OPERATOR(pg_catalog.<>) lg_owner
           AND a.privilege_type OPERATOR(pg_catalog.=) 'SELECT'
    LOOP
        EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA lg TO %I',
                                  pg_catalog.pg_get_userbyid(r.grantee));
    END LOOP;

    -- PUBLIC: nothing.  Not the schema, no table or sequence, no function.
    REVOKE ALL ON SCHEMA lg FROM PUBLIC;
    REVOKE ALL ON ALL TABLES IN SCHEMA lg FROM PUBLIC;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA lg FROM PUBLIC;
    FOR r IN
        SELECT d.objid::pg_catalog.regprocedure AS fn
          FROM pg_catalog.pg_depend d
         WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
           AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
           AND d.refobjid OPERATOR(pg_catalog.=)
               (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'lg')
           AND d.deptype OPERATOR(pg_catalog.=) 'e'
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON ROUTINE %s FROM PUBLIC', r.fn);
    END LOOP;
END
$lg$;

