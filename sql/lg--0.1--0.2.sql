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

-- == End of sections =======================================================
