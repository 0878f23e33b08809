"""merge_heads_before_enrichment_schema

Revision ID: b06ced8ecd14
Revises: ('336ce8830dfe', '20251019_conv_summaries')
The SQL of examples/whisperengine/revisions/b06ced8ecd14_merge_heads_before_enrichment_schema.sql
"""
from alembic import op

revision = 'b06ced8ecd14'
down_revision = ('336ce8830dfe', '20251019_conv_summaries')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
