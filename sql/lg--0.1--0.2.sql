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
UPDATE lg.script SET up_sql = up_sql;  -- the trigger fills the new columns
ALTER TABLE lg.script ALTER COLUMN down_checksum SET NOT NULL,
                      ALTER COLUMN verify_checksum SET NOT NULL;
COMMENT ON COLUMN lg.script.checksum IS 'lg.sql_fingerprint(up_sql), set by trigger';
COMMENT ON COLUMN lg.script.down_checksum IS 'lg.sql_fingerprint(down_sql), or ''none'' for null; set by trigger';
COMMENT ON COLUMN lg.script.verify_checksum IS 'lg.sql_fingerprint(verify_sql), or ''none'' for null; set by trigger';
ALTER TABLE lg.log ADD COLUMN down_checksum text, ADD COLUMN verify_checksum text;
COMMENT ON COLUMN lg.log.down_checksum IS 'lg.script.down_checksum when the line was written (null before 0.2)';
COMMENT ON COLUMN lg.log.verify_checksum IS 'lg.script.verify_checksum when the line was written (null before 0.2)';
CREATE TABLE lg.sql_baseline (
    revision         text PRIMARY KEY,
    down_checksum    text NOT NULL,
    verify_checksum  text NOT NULL
);
COMMENT ON TABLE lg.sql_baseline
    IS 'down and verify checksums at the update to 0.2 of revisions journaled by 0.1 (their lines have none)';
INSERT INTO lg.sql_baseline (revision, down_checksum, verify_checksum)
    SELECT s.revision, s.down_checksum, s.verify_checksum FROM lg.script s
     WHERE EXISTS (SELECT FROM lg.log l WHERE l.revision OPERATOR(pg_catalog.=) s.revision);
SELECT pg_catalog.pg_extension_config_dump('lg.sql_baseline', '');
GRANT SELECT ON lg.sql_baseline TO PUBLIC;
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

-- == End of sections =======================================================
