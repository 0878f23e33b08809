-- 004_create_signals_links.py: signals, document_links, interactions
SELECT lg_revision('004',
  parents => '{003}',
  message => 'create signals, document_links, interactions',
  up => $up$
CREATE TABLE signals (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    source VARCHAR(50) NOT NULL CHECK (source IN ('vision_upload', 'email', 'api', 'manual')),
    payload_json JSONB NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    status VARCHAR(50) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'processing', 'attached', 'archived')),
    dedupe_key VARCHAR(255) UNIQUE,

    extraction_id UUID REFERENCES documents(id),
    extraction_cost NUMERIC(10, 4)
);

CREATE INDEX idx_signals_status ON signals(status);
CREATE INDEX idx_signals_received ON signals(received_at DESC);
CREATE UNIQUE INDEX idx_signals_dedupe ON signals(dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE document_links (
    document_id UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_type VARCHAR(50) NOT NULL,
    entity_id UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),

    PRIMARY KEY (document_id, entity_type, entity_id)
);

CREATE INDEX idx_doclinks_entity ON document_links(entity_type, entity_id);
CREATE INDEX idx_doclinks_document ON document_links(document_id);

CREATE TABLE interactions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    type VARCHAR(50) NOT NULL,
    actor_type VARCHAR(20) NOT NULL,
    actor_id UUID,

    primary_entity_type VARCHAR(50) NOT NULL,
    primary_entity_id UUID NOT NULL,

    related_entities JSONB DEFAULT '[]'::jsonb,
    metadata JSONB DEFAULT '{}'::jsonb,
    cost NUMERIC(10, 4),

    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_interactions_entity ON interactions(primary_entity_type, primary_entity_id);
CREATE INDEX idx_interactions_type ON interactions(type);
CREATE INDEX idx_interactions_created ON interactions(created_at DESC);
CREATE INDEX idx_interactions_actor ON interactions(actor_type, actor_id) WHERE actor_id IS NOT NULL;
$up$,
  down => $down$
DROP TABLE interactions;
DROP TABLE document_links;
DROP TABLE signals;
$down$,
  -- the guide's post-migration check, re-run by lg_verify()
  verify => $verify$
SELECT count(*) = 3 FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('signals', 'document_links', 'interactions')
$verify$);
