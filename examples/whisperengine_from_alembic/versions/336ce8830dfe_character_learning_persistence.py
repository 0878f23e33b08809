"""character learning persistence

Revision ID: 336ce8830dfe
Revises: 
The SQL of examples/whisperengine/revisions/336ce8830dfe_character_learning_persistence.sql
"""
from alembic import op

revision = '336ce8830dfe'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute(r'''
CREATE TABLE universal_users (
    universal_id VARCHAR(255) PRIMARY KEY,
    primary_username VARCHAR(255),
    display_name VARCHAR(255),
    preferences TEXT DEFAULT '{}',
    created_at TIMESTAMP DEFAULT NOW(),
    last_active TIMESTAMP DEFAULT NOW()
);

CREATE TABLE character_learning_moments (
    id BIGSERIAL PRIMARY KEY,
    user_id VARCHAR(255) NOT NULL REFERENCES universal_users(universal_id) ON DELETE CASCADE,
    character_name VARCHAR(100) NOT NULL,
    moment_type VARCHAR(50) NOT NULL,
    content TEXT NOT NULL,
    confidence FLOAT CHECK (confidence >= 0 AND confidence <= 1),
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_learning_moments_user_character
    ON character_learning_moments (user_id, character_name, created_at DESC);
''')


def downgrade():
    op.execute(r'''
DROP TABLE character_learning_moments;
DROP TABLE universal_users;
''')
