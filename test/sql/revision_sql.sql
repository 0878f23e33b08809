-- Revision SQL is read one way everywhere (the lexing rule), refusals of
-- statements that cannot run in a revision, and the text of errors about
-- revision SQL.
CREATE EXTENSION lg;
CREATE TABLE lex_t (id int);

-- 1. The lexing rule: standard_conforming_strings on, backslash_quote
-- safe_encoding, whatever the session says.
-- A revision cannot change them (nor RESET ALL, which would).
SELECT lg_revision('l0', up => 'SET standard_conforming_strings = off');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('l0', up => 'SELECT 1; SET LOCAL standard_conforming_strings TO off');
SELECT lg_revision('l0', up => 'RESET standard_conforming_strings');
SELECT lg_revision('l0', up => 'SET backslash_quote = on');
SELECT lg_revision('l0', up => 'RESET ALL');
-- other settings are fine
SELECT lg_revision('l0', up => 'SET LOCAL work_mem = ''8MB''');

-- The attack of issue 11: l1 turns standard_conforming_strings off, and l2,
-- reviewed as one harmless SELECT, would run as a SELECT and a DROP TABLE.
-- l1 can only come from an older registration (written here by hand).
SELECT lg_revision('l1', up => 'SELECT 1', parents => '{l0}');
UPDATE lg.script SET up_sql = 'SET standard_conforming_strings = off' WHERE revision = 'l1';
SELECT lg_revision('l2', up => $$SELECT 'a\' AS x, '; DROP TABLE lex_t; -- '$$, parents => '{l1}');
SET client_min_messages = warning;
SELECT * FROM lg_migrate('l2');
\echo :LAST_ERROR_SQLSTATE
SELECT to_regclass('lex_t') AS lex_t_still_there, current_setting('standard_conforming_strings') AS scs;
-- the same through set_config(), which registration cannot see: the run
-- stops right after the statement
UPDATE lg.script SET up_sql = $$DO 'BEGIN PERFORM set_config(''standard_conforming_strings'', ''off'', true); END'$$
  WHERE revision = 'l1';
SELECT * FROM lg_migrate('l2');
UPDATE lg.script SET up_sql = 'SELECT 1' WHERE revision = 'l1';
RESET client_min_messages;

-- A session with standard_conforming_strings off registers, checksums,
-- scripts and runs l2 exactly as a session with it on.
SELECT checksum AS l2_checksum FROM lg.script WHERE revision = 'l2' \gset
SET standard_conforming_strings = off;
SET escape_string_warning = off;
SELECT lg.sql_fingerprint(up_sql) = :'l2_checksum' AS same_fingerprint FROM lg.script WHERE revision = 'l2';
SELECT lg_revision('l2', up => E'SELECT \'a\\\' AS x, \'; DROP TABLE lex_t; -- \'', parents => '{l1}');
SELECT checksum = :'l2_checksum' AS same_checksum FROM lg.script WHERE revision = 'l2';
SELECT lg_sql('l2');
SET client_min_messages = warning;
SELECT revision, statements FROM lg_migrate('l2');
RESET client_min_messages;
SELECT to_regclass('lex_t') AS lex_t_still_there, current_setting('standard_conforming_strings') AS scs;
RESET standard_conforming_strings;
RESET escape_string_warning;

-- 2. Statements PostgreSQL refuses inside a transaction block or a
-- function make a revision non-transactional (nontransactional.sql):
-- registered with transactional => true, they are refused (25001), with
-- their number.
SELECT lg_revision('x1', up => 'SELECT 1; DISCARD ALL', transactional => true);
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('x1', up => 'CLUSTER', transactional => true);
SELECT lg_revision('x1', up => 'CLUSTER VERBOSE', transactional => true);
SELECT lg_revision('x1', up => 'REINDEX SCHEMA public', transactional => true);
SELECT lg_revision('x1', up => 'REINDEX DATABASE somedb', transactional => true);
SELECT lg_revision('x1', up => 'REINDEX SYSTEM somedb', transactional => true);
SELECT lg_revision('x1', up => 'REINDEX (CONCURRENTLY) TABLE lex_t', transactional => true);
SELECT lg_revision('x1', up => 'REINDEX TABLE CONCURRENTLY lex_t', transactional => true);
SELECT lg_revision('x1', up => 'ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY', transactional => true);
SELECT lg_revision('x1', up => 'ALTER DATABASE somedb SET TABLESPACE somespace', transactional => true);
SELECT lg_revision('x1', up => $$CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p$$, transactional => true);
SELECT lg_revision('x1', up => $$CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p WITH (create_slot = true, connect = false)$$, transactional => true);
SELECT lg_revision('x1', up => 'ALTER SUBSCRIPTION s REFRESH PUBLICATION', transactional => true);
SELECT lg_revision('x1', up => 'ALTER SUBSCRIPTION s SET PUBLICATION p', transactional => true);
SELECT lg_revision('x1', up => 'ALTER SUBSCRIPTION s ADD PUBLICATION p', transactional => true);
SELECT lg_revision('x1', up => 'ALTER SUBSCRIPTION s DROP PUBLICATION p', transactional => true);
SELECT lg_revision('x1', up => 'CREATE DATABASE somedb', transactional => true);
SELECT lg_revision('x1', up => 'DROP DATABASE somedb', transactional => true);
SELECT lg_revision('x1', up => $$CREATE TABLESPACE somespace LOCATION '/nowhere'$$, transactional => true);
SELECT lg_revision('x1', up => 'DROP TABLESPACE somespace', transactional => true);
SELECT lg_revision('x1', up => 'ALTER SYSTEM SET work_mem = ''8MB''', transactional => true);
SELECT lg_revision('x1', up => 'VACUUM lex_t', transactional => true);
SELECT lg_revision('x1', up => 'CREATE INDEX CONCURRENTLY lex_i ON lex_t (id)', transactional => true);
SELECT lg_revision('x1', up => 'DROP INDEX CONCURRENTLY lex_i', transactional => true);
SELECT lg_revision('x1', up => 'DROP SUBSCRIPTION s', transactional => true);
SELECT lg_revision('x1', up => 'ALTER SUBSCRIPTION s SET (failover = true)', transactional => true);
SELECT lg_revision('x1', up => 'COMMIT', transactional => true);
SELECT lg_revision('x1', up => 'END AND CHAIN', transactional => true);
SELECT lg_revision('x1', up => $$CREATE TYPE x1_e AS ENUM ('a'); ALTER TYPE x1_e ADD VALUE 'b'; SELECT 1$$, transactional => true);
-- and those that can never be part of a revision, whatever transactional says
SELECT lg_revision('x1', up => 'BEGIN');
SELECT lg_revision('x1', up => 'SAVEPOINT s');
SELECT lg_revision('x1', up => $$PREPARE TRANSACTION 'gx'$$);
SELECT lg_revision('x1', up => $$COMMIT PREPARED 'gx'$$);
SELECT lg_revision('x1', up => $$ROLLBACK PREPARED 'gx'$$);
SELECT lg_revision('x1', up => 'START TRANSACTION');
SELECT lg_revision('x1', up => 'CREATE TABLE x1_t (); ROLLBACK');
SELECT lg_revision('x1', up => 'ROLLBACK AND CHAIN', transactional => false);
SELECT lg_revision('x1', up => 'SELECT 1', down => 'SAVEPOINT s; SELECT 2; ROLLBACK TO SAVEPOINT s');
SELECT lg_revision('x1', up => 'SELECT 1', down => 'RELEASE SAVEPOINT s');
SELECT lg_revision('x1', up => 'COPY lex_t FROM STDIN');
SELECT lg_revision('x1', up => 'COPY lex_t TO STDOUT', transactional => false);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS x1_registered FROM lg.revision WHERE id = 'x1';
-- their transactional forms register
SELECT lg_revision('x2', up => $$DISCARD TEMP; CLUSTER lex_t USING lex_pk; REINDEX TABLE lex_t;
  ANALYZE lex_t; ALTER TABLE p DETACH PARTITION p1;
  CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p WITH (connect = false);
  CREATE SUBSCRIPTION s2 CONNECTION 'dbname=x' PUBLICATION p WITH (create_slot = false);
  ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false); ALTER DATABASE somedb SET work_mem = '8MB';
  ALTER SUBSCRIPTION s SET (synchronous_commit = off); CREATE TYPE x2_e AS ENUM ('a');
  ALTER TYPE x2_e RENAME VALUE 'a' TO 'b'; ALTER TYPE x2_e ADD VALUE 'c'$$,
  parents => '{l2}', transactional => true);
SELECT transactional FROM lg.revision WHERE id = 'x2';
-- the server agrees: each refused statement fails inside a function
DO $$BEGIN EXECUTE 'DISCARD ALL'; END$$;
DO $$BEGIN EXECUTE 'CLUSTER'; END$$;
DO $$BEGIN EXECUTE 'REINDEX SCHEMA public'; END$$;

-- 3. Error text.
-- A syntax error shows the failing statement only (not the whole script),
-- positioned inside it, without the comments above it.
SELECT lg_revision('e1', up => E'CREATE TABLE e1_a (id int);\n-- the second table\n/* with a comment */\nCREATE TABLE e1_b (id int);\n-- the third\nCREATE TABLE e1_c (id int,);\nCREATE TABLE e1_d (id int)');
SELECT lg_revision('e1', up => E'SELECT 1;\nSELECT ''unterminated');
-- a run-time error names the statement from its first token, not from the
-- comments above it
SELECT lg_revision('e1', up => E'CREATE TABLE e1_a (id int);\n-- now fail\n/* really */ SELECT 1/0', parents => '{x2}');
SET client_min_messages = warning;
UPDATE lg.script SET up_sql = 'SELECT 2' WHERE revision = 'x2';
SELECT * FROM lg_migrate('e1');
RESET client_min_messages;

-- The statement in the context line is cut after 200 characters, never
-- inside one: a LATIN1 client gets the real error (22012), not a
-- conversion error (22021).
SELECT lg_revision('e1', up => 'SELECT 1/0, ''' || repeat('é', 300) || '''', parents => '{x2}');
SET client_min_messages = warning;
SET client_encoding = 'LATIN1';
\set VERBOSITY terse
SELECT * FROM lg_migrate('e1');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET client_encoding;
RESET client_min_messages;
-- Revision SQL is shown as it is (lg_sql, context lines): characters that
-- can hide or rewrite what a terminal shows are refused at registration.
SELECT lg_revision('c1', up => E'SELECT \'\x1b[2K\' AS erased');
\echo :LAST_ERROR_SQLSTATE
SELECT lg_revision('c1', up => E'SELECT 1;\n/* \u202e */ SELECT 2');
SELECT lg_revision('c1', up => E'SELECT 1; DROP TABLE lex_t;\r-- a harmless comment over it');
-- tabs, line feeds and CRLF line ends are fine
SELECT lg_revision('c1', up => E'SELECT\t1;\r\nSELECT 2\r\n', parents => '{x2}');
-- and lg_sql does not print one registered before (by hand here)
UPDATE lg.script SET up_sql = E'SELECT \'\x1b[2K\'' WHERE revision = 'c1';
SELECT lg_sql('c1');
-- A target quoted in an error cannot start a line or steer a terminal.
SELECT lg_sql(E'no\nsuch\r\x1b[2K\\! rev');
SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
