"""conversation summaries table

Revision ID: 20251019_conv_summaries
Revises: 
The SQL of examples/whisperengine/revisions/20251019_conv_summaries.sql
"""
from alembic import op

revision = '20251019_conv_summaries'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute(r'''
CREATE TABLE conversation_summaries (
    id BIGSERIAL PRIMARY KEY,
    user_id VARCHAR(255) NOT NULL,
    bot_name VARCHAR(100) NOT NULL,
    summary_text TEXT NOT NULL,
    start_timestamp TIMESTAMPTZ NOT NULL,
    end_timestamp TIMESTAMPTZ NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    key_topics JSONB DEFAULT '[]',
    created_at TIMESTAMPTZ DEFAULT NOW(),
    CHECK (end_timestamp >= start_timestamp)
);

CREATE INDEX idx_conv_summaries_user_bot_time
    ON conversation_summaries (user_id, bot_name, end_timestamp DESC);
''')


def downgrade():
    op.execute(r'''
DROP TABLE conversation_summaries;
''')
