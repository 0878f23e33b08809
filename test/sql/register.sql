-- lg_revision(): registration, re-registration and refusals.
CREATE EXTENSION lg;

SELECT lg_revision('a1', up => 'CREATE TABLE reg_t (id int)', down => 'DROP TABLE reg_t');
-- a child may be registered before its parent
SELECT lg_revision('c3', up => 'SELECT 1', down => '', parents => '{b2}', message => 'third');
SELECT lg_revision('b2', up => 'SELECT 2', down => '', parents => '{a1}');
SELECT id, ord, parents, message, down_sql IS NULL AS irreversible, length(checksum) AS checksum_len
  FROM lg.revision JOIN lg.script ON revision = id ORDER BY ord;

-- the checksum is the SHA-256 fingerprint of the up SQL's tokens
SELECT checksum = lg.sql_fingerprint(up_sql) AS fingerprint_of_up, checksum ~ '^[0-9a-f]{64}$' AS sha256_hex
  FROM lg.script WHERE revision = 'a1';

-- identical re-registration is a no-op (ord and time unchanged)
SELECT registered_at AS a1_at FROM lg.revision WHERE id = 'a1' \gset
SELECT lg_revision('a1', up => 'CREATE TABLE reg_t (id int)', down => 'DROP TABLE reg_t');
SELECT ord, registered_at = :'a1_at'::timestamptz AS unchanged FROM lg.revision WHERE id = 'a1';

-- different content for an unapplied revision replaces it, keeping its place
SELECT lg_revision('c3', up => 'SELECT 3', down => '', parents => '{b2}', message => 'third, fixed');
SELECT id, ord, up_sql, message FROM lg.revision JOIN lg.script ON revision = id WHERE id = 'c3';

-- changing an applied revision is refused (drift)
SET client_min_messages = warning;
SELECT revision FROM lg_migrate('b2');
RESET client_min_messages;
SELECT lg_revision('a1', up => 'CREATE TABLE reg_t (id bigint)', down => 'DROP TABLE reg_t');
\echo :LAST_ERROR_SQLSTATE
-- its message may still change: it alters neither schema nor graph
SELECT lg_revision('b2', up => 'SELECT 2', down => '', parents => '{a1}', message => 'now with a message');
SELECT message FROM lg.revision WHERE id = 'b2';
-- c3 is not applied yet: it may still change
SELECT lg_revision('c3', up => 'SELECT 33', down => '', parents => '{b2}');
SELECT up_sql FROM lg.script WHERE revision = 'a1';

-- invalid ids
SELECT lg_revision('head', up => 'SELECT 1');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('base', up => 'SELECT 1');
SELECT lg_revision('a-b', up => 'SELECT 1');
SELECT lg_revision('a@b', up => 'SELECT 1');
SELECT lg_revision('', up => 'SELECT 1');
SELECT lg_revision(repeat('x', 129), up => 'SELECT 1');
SELECT lg_revision(NULL, up => 'SELECT 1');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'SELECT 1', parents => '{a+b}');
SELECT lg_revision('x1', up => 'SELECT 1', parents => ARRAY[NULL]::text[]);
SELECT lg_revision('x1', up => 'SELECT 1', parents => '{x1}');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'SELECT 1', parents => '{a1,a1}');

-- SQL is checked by PostgreSQL's parser at registration
SELECT lg_revision('x1', up => 'CREATE TABLE ok (id int); CREAT TABLE typo (id int)');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'SELECT 1', down => 'DROP TABLE');
-- statements that cannot run inside a transaction make the revision
-- non-transactional (nontransactional.sql); with transactional => true
-- they are refused with their number
SELECT lg_revision('x1', up => 'CREATE TABLE t (id int); CREATE INDEX CONCURRENTLY t_i ON t (id)', transactional => true);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'SELECT 1', down => 'VACUUM', transactional => true);
-- statements that can never run are refused whatever transactional says
SELECT lg_revision('x1', up => 'SELECT 1; ROLLBACK');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'COPY reg_t FROM STDIN', transactional => false);
\echo :LAST_ERROR_SQLSTATE
-- none of the refusals registered anything
SELECT count(*) FROM lg.revision WHERE id = 'x1';

-- an empty up is allowed (a documentation-only revision)
SELECT lg_revision('d4', up => '', down => '', parents => '{c3}', message => 'docs only');

-- rows written by hand obey the same rules (the CHECK of lg.revision)
INSERT INTO lg.revision (id) VALUES ('a-b');
INSERT INTO lg.revision (id, parents) VALUES ('h6', ARRAY['d4', NULL]);
UPDATE lg.revision SET depends_on = '{a1,a1}' WHERE id = 'c3';
INSERT INTO lg.revision (id, branch_labels) VALUES ('h6', '{heads}');

-- a revision inserted into lg.revision by hand has no script: a run refuses
-- it before running anything, and lg_revision() writes the script
INSERT INTO lg.revision (id, parents) VALUES ('h5', '{d4}');
SELECT * FROM lg_migrate();
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('h5', up => 'SELECT 5', down => '', parents => '{d4}');
SELECT up_sql, down_sql, length(checksum) AS checksum_len FROM lg.script WHERE revision = 'h5';
-- the SQL lives in lg.script, one row per revision, gone with its revision
SELECT (SELECT count(*) FROM lg.revision) = (SELECT count(*) FROM lg.script) AS one_script_each;

SET client_min_messages = warning;
SELECT revision FROM lg_downgrade('base');
RESET client_min_messages;
UPDATE lg.revision SET id = 'h5b' WHERE id = 'h5';
SELECT revision, up_sql FROM lg.script WHERE revision LIKE 'h5%';
DELETE FROM lg.revision WHERE id = 'h5b';
SELECT count(*) AS h5_scripts FROM lg.script WHERE revision LIKE 'h5%';

-- a replaced revision moves in the heap but keeps its place (ord): the
-- registry is read in heap order and put back in ord order (heads list in
-- registration order), and a parent registered after its child plans first
SELECT lg_revision('o1', up => 'SELECT 1');
SELECT lg_revision('o2', up => 'SELECT 2', parents => '{o1}');
SELECT lg_revision('o3', up => 'SELECT 3');
SELECT lg_revision('o4', up => 'SELECT 4');
SELECT lg_revision('o1', up => 'SELECT 1', parents => '{o3}');
SELECT lg_revision('o2', up => 'SELECT 2', parents => '{o1}', message => 'moved');
SELECT id FROM lg.revision WHERE id LIKE 'o%' ORDER BY ctid;
SELECT revision FROM lg_heads();
SELECT revision FROM lg_plan('o2');
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
