"""document enrichment semantic knowledge graph tables

Revision ID: 27e207ded5a0
Revises: 'a71d62f22c10'
The SQL of examples/whisperengine/revisions/27e207ded5a0_document_enrichment_semantic_knowledge.sql
"""
from alembic import op

revision = '27e207ded5a0'
down_revision = 'a71d62f22c10'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
