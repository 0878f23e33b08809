-- Installing lg: objects, privileges, not relocatable, removable.
CREATE EXTENSION lg;

SELECT extname, extrelocatable, extversion FROM pg_extension WHERE extname = 'lg';

-- the schema and its tables
SELECT c.relname, c.relkind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'lg' AND c.relkind IN ('r', 'S')
 ORDER BY c.relname;

SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a
 WHERE a.attrelid = 'lg.version'::regclass AND a.attnum > 0 AND NOT a.attisdropped;

-- the functions, and which of them PUBLIC may execute
SELECT p.proname,
       pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
       p.prosecdef
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'lg') AND d.deptype = 'e'
 ORDER BY p.proname;

-- registry, rows and journal are dumped by pg_dump
SELECT c::regclass AS dumped
  FROM pg_extension, unnest(extconfig) AS c WHERE extname = 'lg' ORDER BY c::regclass::text;

-- an empty registry
SELECT * FROM lg_status();
SELECT count(*) FROM lg_history();
SELECT count(*) FROM lg_current();

-- not relocatable
CREATE SCHEMA elsewhere;
ALTER EXTENSION lg SET SCHEMA elsewhere;
DROP SCHEMA elsewhere;

-- the journal is append-only
INSERT INTO lg.log (revision, direction) VALUES ('x', 'up');
UPDATE lg.log SET revision = 'y';
DELETE FROM lg.log;
SELECT revision FROM lg.log;

DROP EXTENSION lg;
SELECT count(*) FROM pg_namespace WHERE nspname = 'lg';
