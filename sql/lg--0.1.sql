/* lg--0.1.sql: schema migrations that run inside PostgreSQL */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION lg" to load this file. \quit

-- The registry and journal live in schema lg, whatever schema the functions
-- are installed in; lg's C code refers to them schema-qualified.
CREATE SCHEMA lg;
COMMENT ON SCHEMA lg IS 'lg migration registry, version rows and journal';

CREATE FUNCTION lg.revision_row_is_valid(id text, parents text[], depends_on text[], branch_labels text[])
RETURNS boolean
AS 'MODULE_PATHNAME', 'lg_revision_row_is_valid'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION lg.revision_row_is_valid(text, text[], text[], text[])
    IS 'CHECK of lg.revision: valid ids, no null, self or repeated entry in the lists (raises the error)';

-- Every registered revision and its place in the graph; ord is registration
-- order, the tie-break of every plan (it plays the role of Alembic's file
-- order).  Its SQL is in lg.script.
CREATE TABLE lg.revision (
    id             text PRIMARY KEY,
    ord            bigserial NOT NULL UNIQUE,
    parents        text[] NOT NULL DEFAULT '{}',
    depends_on     text[] NOT NULL DEFAULT '{}',
    branch_labels  text[] NOT NULL DEFAULT '{}',
    message        text,
    transactional  boolean NOT NULL DEFAULT true,
    registered_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    registered_by  name NOT NULL DEFAULT CURRENT_USER,
    -- ids and lists as lg_revision() checks them, with its messages
    CONSTRAINT revision_valid CHECK (lg.revision_row_is_valid(id, parents, depends_on, branch_labels))
);
COMMENT ON TABLE lg.revision IS 'registered migration revisions and their graph (lg_revision)';

-- The SQL of every revision, apart from the graph: each backend reads
-- lg.revision whole to build its registry, and with the scripts in the same
-- rows a registry of 100,000 revisions pulled every script through shared
-- buffers (65 MB of the backend's resident memory in bench/) to read a few
-- MB of graph.  Runs read only the scripts of their steps.
CREATE TABLE lg.script (
    revision    text PRIMARY KEY,  -- lg.revision's id (kept in step by a trigger there)
    up_sql      text NOT NULL,
    down_sql    text,
    verify_sql  text,
    checksum    text NOT NULL  -- SHA-256 of up's tokens as the server's scanner reads them
);
COMMENT ON TABLE lg.script IS 'the up, down and verify SQL of each registered revision';

-- A script goes with its revision (deleted, or renamed with it).  A trigger
-- rather than a foreign key: the key's check is one more query for every
-- registration, and nothing but lg reads a script by anything but its
-- revision's id.
CREATE FUNCTION lg.revision_script_follows() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM lg.script WHERE revision = OLD.id;
    ELSE
        UPDATE lg.script SET revision = NEW.id WHERE revision = OLD.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER revision_deleted AFTER DELETE ON lg.revision
    FOR EACH ROW EXECUTE FUNCTION lg.revision_script_follows();
CREATE TRIGGER revision_renamed AFTER UPDATE OF id ON lg.revision
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION lg.revision_script_follows();

-- The checksum always matches up_sql, however the row is written.
CREATE FUNCTION lg.sql_fingerprint(sql text) RETURNS text
AS 'MODULE_PATHNAME', 'lg_sql_fingerprint_fn'
LANGUAGE C STRICT STABLE PARALLEL SAFE;
COMMENT ON FUNCTION lg.sql_fingerprint(text)
    IS 'SHA-256 of the SQL''s tokens as the server scanner reads them (layout and comments ignored)';

CREATE FUNCTION lg.script_checksum() RETURNS trigger
AS 'MODULE_PATHNAME', 'lg_script_checksum'
LANGUAGE C;
CREATE TRIGGER script_checksum BEFORE INSERT OR UPDATE ON lg.script
    FOR EACH ROW EXECUTE FUNCTION lg.script_checksum();

-- Drift (registered SQL no longer what was applied) can only start where a
-- revision's checksum changed after registration, or where its script was
-- deleted (it may come back with other SQL).  Those ids are noted here, so
-- lg_status() compares only them with the journal, never every revision.
-- Registration and runs write nothing here.
CREATE TABLE lg.sql_changed (
    revision  text PRIMARY KEY
);
COMMENT ON TABLE lg.sql_changed IS 'revisions whose SQL changed or that were deleted: the only ones that can drift';

CREATE FUNCTION lg.note_sql_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO lg.sql_changed (revision) SELECT DISTINCT revision FROM lg.log
            ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO lg.sql_changed (revision) VALUES (OLD.revision) ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO lg.sql_changed (revision) VALUES (OLD.revision), (NEW.revision)
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER script_changed AFTER UPDATE ON lg.script
    FOR EACH ROW WHEN (OLD.checksum IS DISTINCT FROM NEW.checksum OR OLD.revision IS DISTINCT FROM NEW.revision)
    EXECUTE FUNCTION lg.note_sql_changed();
CREATE TRIGGER script_deleted AFTER DELETE ON lg.script
    FOR EACH ROW EXECUTE FUNCTION lg.note_sql_changed();
CREATE TRIGGER script_truncated AFTER TRUNCATE ON lg.script
    FOR EACH STATEMENT EXECUTE FUNCTION lg.note_sql_changed();

-- A generation number that changes with every change to lg.revision, so a
-- backend can keep the parsed registry between calls and know when it is
-- stale.  Sequence values are never reused, even by rolled-back changes.
CREATE SEQUENCE lg.registry_generation;
CREATE TABLE lg.registry_state (
    one         boolean PRIMARY KEY DEFAULT true CHECK (one),
    generation  bigint NOT NULL
);
INSERT INTO lg.registry_state (generation) VALUES (pg_catalog.nextval('lg.registry_generation'));
COMMENT ON TABLE lg.registry_state IS 'changes whenever lg.revision changes (registry cache key)';

CREATE FUNCTION lg.registry_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'lg_registry_changed'
LANGUAGE C;
CREATE TRIGGER revision_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lg.revision
    FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();
-- A script change leaves the graph as it is but may change drift, which
-- lg_status() caches under the same key.
CREATE TRIGGER script_changed_registry AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lg.script
    FOR EACH STATEMENT EXECUTE FUNCTION lg.registry_changed();

-- The applied tips of the database, as alembic_version: everything below a
-- row through its down-revisions counts as applied.
CREATE TABLE lg.version (
    revision  text PRIMARY KEY
);
COMMENT ON TABLE lg.version IS 'applied revision tips (one row per independently applied head)';

-- Append-only journal of every step.
CREATE TABLE lg.log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    by_role      name NOT NULL DEFAULT CURRENT_USER,
    revision     text NOT NULL,
    direction    text NOT NULL CHECK (direction IN ('up', 'down', 'stamp', 'repair')),
    duration_ms  double precision,
    statements   integer,
    checksum     text,
    outcome      text NOT NULL DEFAULT 'ok',
    error        text
);
COMMENT ON TABLE lg.log IS 'append-only journal of applied steps';
-- the last checksum recorded for a revision (drift check in lg_status)
CREATE INDEX log_revision_id ON lg.log (revision, id);

CREATE FUNCTION lg.log_is_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION 'lg.log is append-only'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'The journal keeps every step; only the extension owner may truncate it.';
END
$$;
CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON lg.log
    FOR EACH ROW EXECUTE FUNCTION lg.log_is_append_only();

-- pg_dump keeps the registry, the rows and the journal.
SELECT pg_catalog.pg_extension_config_dump('lg.revision', '');
SELECT pg_catalog.pg_extension_config_dump('lg.revision_ord_seq', '');
SELECT pg_catalog.pg_extension_config_dump('lg.script', '');
SELECT pg_catalog.pg_extension_config_dump('lg.version', '');
SELECT pg_catalog.pg_extension_config_dump('lg.log', '');
SELECT pg_catalog.pg_extension_config_dump('lg.log_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('lg.sql_changed', '');

-- Registration ------------------------------------------------------------

CREATE FUNCTION lg_revision(
    id text,
    up text,
    down text DEFAULT NULL,
    parents text[] DEFAULT '{}',
    message text DEFAULT NULL,
    depends_on text[] DEFAULT '{}',
    branch_labels text[] DEFAULT '{}',
    transactional boolean DEFAULT true,
    verify text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'lg_revision'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_revision(text, text, text, text[], text, text[], text[], boolean, text)
    IS 'register a revision (identical re-registration is a no-op)';

-- Running -------------------------------------------------------------------

CREATE FUNCTION lg_migrate(target text DEFAULT 'head')
RETURNS TABLE(revision text, direction text, duration_ms double precision, statements int)
AS 'MODULE_PATHNAME', 'lg_migrate'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_migrate(text) IS 'upgrade to target, atomically; one row per step';

CREATE FUNCTION lg_downgrade(target text)
RETURNS TABLE(revision text, direction text, duration_ms double precision, statements int)
AS 'MODULE_PATHNAME', 'lg_downgrade'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_downgrade(text) IS 'downgrade to target, atomically; one row per step';

CREATE FUNCTION lg_stamp(target text, purge boolean DEFAULT false)
RETURNS text[]
AS 'MODULE_PATHNAME', 'lg_stamp'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_stamp(text, boolean) IS 'move the version rows to target without running SQL';

CREATE FUNCTION lg_merge(parents text[], message text DEFAULT NULL, id text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'lg_merge'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_merge(text[], text, text) IS 'register an empty revision merging the given heads';

CREATE FUNCTION lg_repair(id text, up text DEFAULT NULL, down text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'lg_repair'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION lg_repair(text, text, text)
    IS 'accept new SQL for an applied revision deliberately, recorded in lg.log';

CREATE PROCEDURE lg_apply(target text DEFAULT 'head')
AS 'MODULE_PATHNAME', 'lg_apply'
LANGUAGE C;
COMMENT ON PROCEDURE lg_apply(text) IS 'upgrade to target, committing after each revision (CALL outside a transaction block)';

CREATE FUNCTION lg_verify()
RETURNS TABLE(revision text, ok boolean, statements int, error text)
AS 'MODULE_PATHNAME', 'lg_verify'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION lg_verify() IS 're-run the verify SQL of every applied revision; changes nothing';

-- Reading -------------------------------------------------------------------

CREATE FUNCTION lg_plan(target text DEFAULT 'head', direction text DEFAULT 'up')
RETURNS TABLE(step int, revision text, direction text)
AS 'MODULE_PATHNAME', 'lg_plan'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION lg_plan(text, text) IS 'the steps a run would take; nothing is executed';

CREATE FUNCTION lg_sql(target text DEFAULT 'head', direction text DEFAULT 'up')
RETURNS text
AS 'MODULE_PATHNAME', 'lg_sql'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION lg_sql(text, text) IS 'the script a run would execute, for psql -1 -f';

CREATE FUNCTION lg_status(
    OUT current text[],
    OUT heads text[],
    OUT revisions int,
    OUT applied int,
    OUT pending int,
    OUT at_head boolean,
    OUT last_change timestamptz,
    OUT drifted text[])
AS 'MODULE_PATHNAME', 'lg_status'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_status() IS 'where the database stands';

CREATE FUNCTION lg_current()
RETURNS TABLE(revision text, is_head boolean, via_dependency boolean, message text)
AS 'MODULE_PATHNAME', 'lg_current'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_current() IS 'the version rows, then revisions applied only through depends_on';

CREATE FUNCTION lg_heads()
RETURNS TABLE(revision text, effective boolean, branch_labels text[], is_applied boolean, message text)
AS 'MODULE_PATHNAME', 'lg_heads'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_heads() IS 'every head; effective = a head that another revision depends on';

CREATE FUNCTION lg_bases()
RETURNS TABLE(revision text, branch_labels text[], is_applied boolean, message text)
AS 'MODULE_PATHNAME', 'lg_bases'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_bases() IS 'every revision without parents';

CREATE FUNCTION lg_branches()
RETURNS TABLE(revision text, is_branch_point boolean, children text[], branch_labels text[])
AS 'MODULE_PATHNAME', 'lg_branches'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION lg_branches() IS 'branch points and labelled revisions';

CREATE FUNCTION lg_history(range text DEFAULT NULL)
RETURNS TABLE(revision text, parents text[], message text, is_head boolean, is_applied boolean, is_current boolean)
AS 'MODULE_PATHNAME', 'lg_history'
LANGUAGE C CALLED ON NULL INPUT STABLE;
COMMENT ON FUNCTION lg_history(text) IS 'revisions newest first, as alembic history';

-- Privileges: what changes migrations is not for PUBLIC (DESIGN.md, Security).
REVOKE ALL ON FUNCTION lg_revision(text, text, text, text[], text, text[], text[], boolean, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_verify() FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_stamp(text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_merge(text[], text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_repair(text, text, text) FROM PUBLIC;
REVOKE ALL ON PROCEDURE lg_apply(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_migrate(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg_downgrade(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lg.log_is_append_only() FROM PUBLIC;
REVOKE ALL ON FUNCTION lg.registry_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lg.script_checksum() FROM PUBLIC;
REVOKE ALL ON FUNCTION lg.note_sql_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lg.revision_script_follows() FROM PUBLIC;
GRANT USAGE ON SCHEMA lg TO PUBLIC;
GRANT SELECT ON lg.revision, lg.script, lg.version, lg.log, lg.registry_state, lg.sql_changed TO PUBLIC;
