-- Live-schema drift (README, "Live-schema drift"): after every run lg
-- records the objects the run touched (lg.schema_state); lg_schema_drift()
-- lists what changed in the live catalog outside lg since, and
-- lg_status().schema_drift counts it.
CREATE EXTENSION lg;
SET client_min_messages = warning;
CREATE ROLE regress_lg_drift_reader;
CREATE ROLE regress_lg_drift_nobody;
GRANT EXECUTE ON FUNCTION lg_status(), lg_schema_drift() TO regress_lg_drift_reader;

SELECT lg_revision('d1', up => $$
CREATE TABLE sd_orders (id int PRIMARY KEY, total numeric DEFAULT 0 CONSTRAINT sd_total_positive CHECK (total >= 0),
                        note text);
CREATE INDEX sd_orders_total ON sd_orders (total);
CREATE FUNCTION sd_total(o sd_orders) RETURNS numeric LANGUAGE sql AS 'SELECT o.total';
CREATE TYPE sd_state AS ENUM ('new', 'paid');
$$, down => 'DROP FUNCTION sd_total(sd_orders); DROP TABLE sd_orders; DROP TYPE sd_state');
SELECT lg_revision('d2', up => $$
DO $do$ BEGIN EXECUTE format('CREATE TABLE %I (id int)', 'sd_dynamic'); END $do$;
$$, down => 'DROP TABLE sd_dynamic', parents => '{d1}');

-- nothing recorded, nothing to compare
SELECT * FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();

-- a run records what it touched (EXECUTE in a DO block too); no drift after it
SELECT revision FROM lg_migrate('head');
SELECT DISTINCT unit_kind, unit_schema, unit_name, revision, direction
  FROM lg.schema_state ORDER BY unit_name, unit_kind;
SELECT object_type, object_name FROM lg.schema_state WHERE unit_name = 'sd_orders' ORDER BY 1, 2;
SELECT * FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();

-- each kind of change made by hand
ALTER TABLE sd_orders ADD COLUMN added_by_hand int;
SELECT * FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();
-- lg.status_schema_drift off: lg_status() does not count it (NULL)
SET lg.status_schema_drift = off;
SELECT schema_drift FROM lg_status();
RESET lg.status_schema_drift;
-- the backend keeps what it described and describes again what changed
-- since: an index or a constraint renamed by hand, and back
ALTER INDEX sd_orders_total RENAME TO sd_orders_total2;
SELECT * FROM lg_schema_drift();
ALTER TABLE sd_orders RENAME CONSTRAINT sd_total_positive TO sd_total_nonneg;
SELECT * FROM lg_schema_drift();
ALTER INDEX sd_orders_total2 RENAME TO sd_orders_total;
ALTER TABLE sd_orders RENAME CONSTRAINT sd_total_nonneg TO sd_total_positive;
SELECT * FROM lg_schema_drift();
DROP INDEX sd_orders_total;
ALTER TABLE sd_orders ALTER COLUMN total SET DEFAULT 1;
CREATE OR REPLACE FUNCTION sd_total(o sd_orders) RETURNS numeric LANGUAGE sql AS 'SELECT o.total + 1';
ALTER TYPE sd_state ADD VALUE 'refunded';
DROP TABLE sd_dynamic;
SELECT * FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();
-- a table lg never touched is not lg's business
CREATE TABLE sd_unrelated (id int);
SELECT count(*) FROM lg_schema_drift();

-- a reader may look; a role without the grant may not
SET ROLE regress_lg_drift_reader;
SELECT count(*) FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();
RESET ROLE;
SET ROLE regress_lg_drift_nobody;
SELECT * FROM lg_schema_drift();
SELECT * FROM lg.schema_state;
RESET ROLE;

-- a run that touches the units records them again: the downgrade of d2
-- drops sd_dynamic (created again by hand, with another column type), so
-- its unit loses its rows and its drift is gone; sd_orders' stays
CREATE TABLE sd_dynamic (id bigint);
SELECT * FROM lg_schema_drift() WHERE object_name LIKE '%sd_dynamic%';
SELECT revision FROM lg_downgrade('d1');
SELECT count(*) FROM lg.schema_state WHERE unit_name = 'sd_dynamic';
SELECT * FROM lg_schema_drift();
SELECT revision FROM lg_downgrade('base');
SELECT count(*) FROM lg.schema_state;
SELECT * FROM lg_schema_drift();
SELECT schema_drift FROM lg_status();

-- CALL lg_apply(), committing per step, records in each step's transaction;
-- a statement lg's worker runs top level (CREATE INDEX CONCURRENTLY) is
-- recorded through the relation it names
SELECT lg_revision('d3', up => 'CREATE INDEX CONCURRENTLY sd_orders_note ON sd_orders (note)',
                   down => 'DROP INDEX CONCURRENTLY sd_orders_note', parents => '{d2}');
CALL lg_apply('d2');
SELECT DISTINCT unit_name, revision FROM lg.schema_state ORDER BY 1;
SELECT * FROM lg_schema_drift();
CALL lg_apply('d3');
SELECT object_name, revision FROM lg.schema_state
 WHERE object_type = 'index' ORDER BY 1;
SELECT * FROM lg_schema_drift();
DROP INDEX sd_orders_note;
SELECT * FROM lg_schema_drift();
CREATE INDEX sd_orders_note ON sd_orders (note);
SELECT * FROM lg_schema_drift();
-- a non-transactional revision that fails after a commit: what its
-- committed part created is recorded; reverting it records the drop
SELECT lg_revision('d4', up => 'CREATE TABLE sd_part (id int); COMMIT; CREATE INDEX CONCURRENTLY sd_part_i ON sd_part (no_such_column)',
                   down => 'DROP TABLE IF EXISTS sd_part', parents => '{d3}');
\set VERBOSITY terse
CALL lg_apply('d4');
\set VERBOSITY default
SELECT DISTINCT unit_name, revision FROM lg.schema_state WHERE unit_name = 'sd_part';
SELECT * FROM lg_schema_drift();
CALL lg_apply('base', 'down');
SELECT count(*) FROM lg.schema_state;

-- lg_apply inside a transaction block records at the end of the run
BEGIN;
CALL lg_apply('d1');
SELECT count(*) > 0 AS recorded FROM lg.schema_state;
ROLLBACK;
SELECT count(*) FROM lg.schema_state;

-- an lg_sql() script records through lg_script_step() what its statements
-- name (the table d2 creates through EXECUTE in a DO block is not seen so)
SELECT lg_sql('d2') AS script \gset
BEGIN;
:script
COMMIT;
SELECT DISTINCT unit_kind, unit_name, revision FROM lg.schema_state ORDER BY 2, 1;
SELECT * FROM lg_schema_drift();
ALTER TABLE sd_orders ADD COLUMN by_hand int;
SELECT * FROM lg_schema_drift();
SELECT lg_sql('base', 'down') AS script \gset
BEGIN;
:script
COMMIT;
SELECT count(*) FROM lg.schema_state;

-- ATTACH and DETACH PARTITION (no object access event) record both tables:
-- lg's own attach and detach leave no drift
SELECT lg_revision('p1', up => 'CREATE TABLE sd_parted (k int) PARTITION BY RANGE (k); CREATE TABLE sd_p1 (k int)',
                   down => 'DROP TABLE sd_parted, sd_p1') IS NOT NULL AS ok;
SELECT lg_revision('p2', parents => '{p1}',
                   up => 'ALTER TABLE sd_parted ATTACH PARTITION sd_p1 FOR VALUES FROM (0) TO (10)',
                   down => 'ALTER TABLE sd_parted DETACH PARTITION sd_p1') IS NOT NULL AS ok;
SELECT count(*) AS steps FROM lg_migrate('p2');
SELECT * FROM lg_schema_drift();
CALL lg_apply('p1', 'down');
SELECT * FROM lg_schema_drift();
CALL lg_apply('base', 'down');
SELECT count(*) FROM lg.schema_state;

DROP TABLE sd_unrelated;
DROP EXTENSION lg;
DROP ROLE regress_lg_drift_reader, regress_lg_drift_nobody;
