-- 003_enhance_documents.py: Life Graph columns on the existing documents table.
-- source and storage_uri are NOT NULL without a default, exactly as the guide
-- has them: this works on an empty documents table (and fails, atomically, on
-- a populated one: backfill first in that case).
SELECT lg_revision('003',
  parents => '{002}',
  message => 'enhance documents: sha256, source, storage and extraction columns',
  up => $up$
ALTER TABLE documents
    ADD COLUMN sha256 VARCHAR(64) UNIQUE,
    ADD COLUMN source VARCHAR(50) NOT NULL,
    ADD COLUMN mime_type VARCHAR(100),
    ADD COLUMN file_size BIGINT,
    ADD COLUMN storage_uri TEXT NOT NULL,
    ADD COLUMN extraction_type VARCHAR(50),
    ADD COLUMN extraction_data JSONB,
    ADD COLUMN extraction_cost NUMERIC(10, 4),
    ADD COLUMN extracted_at TIMESTAMPTZ;

CREATE UNIQUE INDEX idx_documents_sha256 ON documents(sha256);
CREATE INDEX idx_documents_source ON documents(source);
CREATE INDEX idx_documents_extraction_type ON documents(extraction_type) WHERE extraction_type IS NOT NULL;
CREATE INDEX idx_documents_created ON documents(created_at DESC);
$up$,
  down => $down$
DROP INDEX idx_documents_created;
DROP INDEX idx_documents_extraction_type;
DROP INDEX idx_documents_source;
DROP INDEX idx_documents_sha256;

ALTER TABLE documents
    DROP COLUMN extracted_at,
    DROP COLUMN extraction_cost,
    DROP COLUMN extraction_data,
    DROP COLUMN extraction_type,
    DROP COLUMN storage_uri,
    DROP COLUMN file_size,
    DROP COLUMN mime_type,
    DROP COLUMN source,
    DROP COLUMN sha256;
$down$,
  -- the guide's post-migration check, re-run by lg_verify()
  verify => $verify$
SELECT count(*) = 9 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'documents' AND column_name IN ('sha256', 'source', 'mime_type', 'file_size', 'storage_uri', 'extraction_type', 'extraction_data', 'extraction_cost', 'extracted_at');
SELECT count(*) = 4 FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('idx_documents_sha256', 'idx_documents_source', 'idx_documents_extraction_type', 'idx_documents_created')
$verify$);
