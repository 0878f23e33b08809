"""convert preferences text to jsonb

Revision ID: a71d62f22c10
Revises: 'b06ced8ecd14'
The SQL of examples/whisperengine/revisions/a71d62f22c10_convert_preferences_text_to_jsonb.sql
"""
from alembic import op

revision = 'a71d62f22c10'
down_revision = 'b06ced8ecd14'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(r'''
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
''')


def downgrade():
    op.execute(r'''
DROP INDEX idx_universal_users_preferences_gin;

ALTER TABLE universal_users
ALTER COLUMN preferences DROP DEFAULT;

ALTER TABLE universal_users
ALTER COLUMN preferences TYPE text
USING preferences::text;

ALTER TABLE universal_users
ALTER COLUMN preferences SET DEFAULT '{}';
''')
