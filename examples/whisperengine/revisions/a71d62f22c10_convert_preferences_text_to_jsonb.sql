-- a71d62f22c10: universal_users.preferences TEXT -> JSONB, with the guide's
-- three steps and its GIN index.
--
-- Step 0 (added; the guide ran its validation query by hand before the
-- migration): count the rows whose text is not valid JSON and refuse to start
-- if there is any.  PostgreSQL 15 has no IS JSON predicate, so each row is
-- cast in its own exception block; the first statement fails, so nothing has
-- changed (and lg's run is atomic anyway).  NULL stays NULL.
SELECT lg_revision('a71d62f22c10',
  parents => '{b06ced8ecd14}',
  message => 'convert preferences text to jsonb',
  up => $up$
DO $check$
DECLARE
    bad bigint := 0;
    sample text;
    row record;
BEGIN
    FOR row IN SELECT universal_id, preferences FROM universal_users WHERE preferences IS NOT NULL LOOP
        BEGIN
            PERFORM row.preferences::jsonb;
        EXCEPTION WHEN data_exception THEN
            bad := bad + 1;
            sample := coalesce(sample, row.universal_id);
        END;
    END LOOP;
    IF bad > 0 THEN
        RAISE EXCEPTION '% rows of universal_users.preferences are not valid JSON', bad
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = format('First bad row: universal_id = %L.', sample),
                  HINT = 'Fix or clear those rows, then run the migration again.';
    END IF;
END
$check$;

-- Step 1: Drop TEXT default (can't auto-convert)
ALTER TABLE universal_users
ALTER COLUMN preferences DROP DEFAULT;

-- Step 2: Convert TEXT -> JSONB
ALTER TABLE universal_users
ALTER COLUMN preferences TYPE jsonb
USING preferences::jsonb;

-- Step 3: Set JSONB default
ALTER TABLE universal_users
ALTER COLUMN preferences SET DEFAULT '{}'::jsonb;

-- Step 4: Add GIN index for fast lookups
CREATE INDEX idx_universal_users_preferences_gin
ON universal_users USING gin (preferences);
$up$,
  -- Rollback: the guide's JSONB -> TEXT conversion, after removing what
  -- cannot survive it (the GIN index has no text operator class, the jsonb
  -- default cannot be cast), and the TEXT default back.  Every row is kept;
  -- the text is JSONB's canonical form of the same value.
  down => $down$
DROP INDEX idx_universal_users_preferences_gin;

ALTER TABLE universal_users
ALTER COLUMN preferences DROP DEFAULT;

ALTER TABLE universal_users
ALTER COLUMN preferences TYPE text
USING preferences::text;

ALTER TABLE universal_users
ALTER COLUMN preferences SET DEFAULT '{}';
$down$);
