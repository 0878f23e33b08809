-- Registry and target errors that need more than a chain: each names the
-- revisions involved, with its SQLSTATE, and changes nothing.
CREATE EXTENSION lg;
SET client_min_messages = warning;

-- two heads: "head" is ambiguous, "heads" is not
SELECT lg_revision('root', up => '', down => '');
SELECT lg_revision('left1', up => '', down => '', parents => '{root}');
SELECT lg_revision('right1', up => '', down => '', parents => '{root}');
SELECT * FROM lg_migrate('head');
\echo :LAST_ERROR_SQLSTATE
SELECT revision, direction FROM lg_migrate('heads');
SELECT current, heads FROM lg_status();
-- -1 from two rows: Alembic guesses, lg refuses
SELECT * FROM lg_downgrade('-1');
\echo :LAST_ERROR_SQLSTATE
SELECT revision, direction FROM lg_downgrade('base');

-- an ambiguous prefix lists candidates
SELECT * FROM lg_migrate('r');
\echo :LAST_ERROR_SQLSTATE
SELECT revision, direction FROM lg_migrate('le');

-- a cycle names the revisions on it
SELECT lg_revision('cyc_a', up => '', down => '', parents => '{cyc_b}');
SELECT lg_revision('cyc_b', up => '', down => '', parents => '{cyc_a}');
SELECT * FROM lg_migrate('heads');
\echo :LAST_ERROR_SQLSTATE
DELETE FROM lg.revision WHERE id LIKE 'cyc%';

-- a branch label used twice
SELECT lg_revision('lab1', up => '', down => '', parents => '{left1}', branch_labels => '{feature}');
SELECT lg_revision('lab2', up => '', down => '', parents => '{right1}', branch_labels => '{feature}');
SELECT * FROM lg_migrate('heads');
\echo :LAST_ERROR_SQLSTATE
SELECT revision FROM lg.version ORDER BY revision;

SET lg.allow_drop = on;  -- revisions are applied: the drop is deliberate
DROP EXTENSION lg;
