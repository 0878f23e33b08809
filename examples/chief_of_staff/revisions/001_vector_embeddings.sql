-- 001_vector_embeddings: the pgvector part of the guide's 001_initial_schema
-- (1536-dimension embeddings on contacts, communications, transcript_chunks,
-- media_chunks and insights, with the IVFFlat indexes the guide's maintenance
-- section names), on its own branch labelled "vector".  load.sql registers it
-- only where the vector extension is available; lg_migrate('heads') applies
-- it with the rest, lg_migrate('vector@head') alone.  Downgrade drops the
-- indexes and columns and, like the guide's rollback, keeps the extension.
SELECT lg_revision('001_vector_embeddings',
  parents => '{001_initial_schema}',
  branch_labels => '{vector}',
  message => 'pgvector: embedding columns and IVFFlat indexes',
  up => $up$
CREATE EXTENSION IF NOT EXISTS vector;

ALTER TABLE core.contacts ADD COLUMN IF NOT EXISTS embedding vector(1536);
ALTER TABLE comms.communications ADD COLUMN IF NOT EXISTS embedding vector(1536);
ALTER TABLE meetings.transcript_chunks ADD COLUMN IF NOT EXISTS embedding vector(1536);
ALTER TABLE media.media_chunks ADD COLUMN IF NOT EXISTS embedding vector(1536);
ALTER TABLE intel.insights ADD COLUMN IF NOT EXISTS embedding vector(1536);

CREATE INDEX IF NOT EXISTS idx_contacts_embedding ON core.contacts
  USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
CREATE INDEX IF NOT EXISTS idx_comms_embedding ON comms.communications
  USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
CREATE INDEX IF NOT EXISTS idx_chunks_embedding ON meetings.transcript_chunks
  USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
CREATE INDEX IF NOT EXISTS idx_media_chunks_embedding ON media.media_chunks
  USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
CREATE INDEX IF NOT EXISTS idx_insights_embedding ON intel.insights
  USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
$up$,
  down => $down$
DROP INDEX IF EXISTS intel.idx_insights_embedding;
DROP INDEX IF EXISTS media.idx_media_chunks_embedding;
DROP INDEX IF EXISTS meetings.idx_chunks_embedding;
DROP INDEX IF EXISTS comms.idx_comms_embedding;
DROP INDEX IF EXISTS core.idx_contacts_embedding;

ALTER TABLE intel.insights DROP COLUMN IF EXISTS embedding;
ALTER TABLE media.media_chunks DROP COLUMN IF EXISTS embedding;
ALTER TABLE meetings.transcript_chunks DROP COLUMN IF EXISTS embedding;
ALTER TABLE comms.communications DROP COLUMN IF EXISTS embedding;
ALTER TABLE core.contacts DROP COLUMN IF EXISTS embedding;

-- DROP EXTENSION IF EXISTS vector;
$down$);
