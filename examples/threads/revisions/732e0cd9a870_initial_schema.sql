-- 732e0cd9a870: initial schema of the V2 data model.  The guide describes
-- the seven tables and their features (JSONB columns, tsvector with GIN,
-- check / foreign-key / timestamp / range constraints, partial, composite and
-- JSONB expression indexes, GIN on arrays) without DDL: the columns below are
-- designed from its bullet lists.
SELECT lg_revision('732e0cd9a870',
  parents => '{lct_0000_uuid_ossp}',
  message => 'initial schema: conversations, utterances, nodes, relationships, clusters, edits_log, api_calls_log',
  up => $up$
-- 1. conversations: top-level container
CREATE TABLE conversations (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    title TEXT NOT NULL,
    description TEXT,
    source_type VARCHAR(32) NOT NULL
        CONSTRAINT ck_conversations_source_type
        CHECK (source_type IN ('google_meet', 'slack', 'zoom', 'live_audio', 'transcript_upload', 'other')),
    source_metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    participants JSONB NOT NULL DEFAULT '[]'::jsonb,
    participant_count INTEGER NOT NULL DEFAULT 0
        CONSTRAINT ck_conversations_participant_count CHECK (participant_count >= 0),
    goals JSONB NOT NULL DEFAULT '[]'::jsonb,
    goal_progress NUMERIC(5, 2)
        CONSTRAINT ck_conversations_goal_progress CHECK (goal_progress BETWEEN 0 AND 100),
    started_at TIMESTAMPTZ,
    ended_at TIMESTAMPTZ,
    created_by VARCHAR(255),
    tsv_search TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')
    ) STORED,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ck_conversations_time_order CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX ix_conversations_tsv_search ON conversations USING GIN (tsv_search);
CREATE INDEX ix_conversations_source_type_started ON conversations (source_type, started_at DESC);
CREATE INDEX ix_conversations_created_at ON conversations (created_at DESC);
CREATE INDEX ix_conversations_meeting_id ON conversations ((source_metadata ->> 'meeting_id'))
    WHERE source_metadata ? 'meeting_id';
CREATE INDEX ix_conversations_participants ON conversations USING GIN (participants jsonb_path_ops);

-- 2. utterances: atomic units of speech/text
CREATE TABLE utterances (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sequence_number INTEGER NOT NULL CONSTRAINT ck_utterances_sequence CHECK (sequence_number >= 0),
    speaker_id VARCHAR(255) NOT NULL,
    speaker_name VARCHAR(255),
    text TEXT NOT NULL,
    start_time DOUBLE PRECISION,
    end_time DOUBLE PRECISION,
    platform_metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    confidence DOUBLE PRECISION CONSTRAINT ck_utterances_confidence CHECK (confidence BETWEEN 0 AND 1),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_utterances_sequence UNIQUE (conversation_id, sequence_number),
    CONSTRAINT ck_utterances_time_order CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time)
);
CREATE INDEX ix_utterances_conversation_time ON utterances (conversation_id, start_time);
CREATE INDEX ix_utterances_speaker ON utterances (conversation_id, speaker_id);

-- 3. nodes: analysed topics/segments
CREATE TABLE nodes (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT,
    node_type VARCHAR(32) NOT NULL DEFAULT 'topic'
        CONSTRAINT ck_nodes_node_type CHECK (node_type IN ('topic', 'question', 'decision', 'action_item', 'tangent', 'summary')),
    parent_id UUID REFERENCES nodes(id) ON DELETE SET NULL,
    level INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_nodes_level CHECK (level >= 0),
    zoom_level_visible INTEGER[] NOT NULL DEFAULT '{1,2,3,4,5}',
    utterance_ids UUID[] NOT NULL DEFAULT '{}',
    speaker_info JSONB NOT NULL DEFAULT '{}'::jsonb,
    speaker_transitions JSONB NOT NULL DEFAULT '[]'::jsonb,
    cluster_info JSONB NOT NULL DEFAULT '{}'::jsonb,
    canvas_x DOUBLE PRECISION,
    canvas_y DOUBLE PRECISION,
    predecessor_id UUID REFERENCES nodes(id) ON DELETE SET NULL,
    successor_id UUID REFERENCES nodes(id) ON DELETE SET NULL,
    start_time DOUBLE PRECISION,
    end_time DOUBLE PRECISION,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ck_nodes_time_order CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time),
    CONSTRAINT ck_nodes_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX ix_nodes_conversation ON nodes (conversation_id);
CREATE INDEX ix_nodes_parent ON nodes (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_nodes_zoom_levels ON nodes USING GIN (zoom_level_visible);
CREATE INDEX ix_nodes_conversation_level ON nodes (conversation_id, level);

-- 4. relationships: edges between nodes
CREATE TABLE relationships (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    from_node_id UUID NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    to_node_id UUID NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    relationship_type VARCHAR(32) NOT NULL
        CONSTRAINT ck_relationships_type
        CHECK (relationship_type IN ('temporal', 'contextual', 'causal', 'supports', 'contradicts', 'elaborates', 'references')),
    strength DOUBLE PRECISION NOT NULL DEFAULT 0.5 CONSTRAINT ck_relationships_strength CHECK (strength BETWEEN 0 AND 1),
    confidence DOUBLE PRECISION CONSTRAINT ck_relationships_confidence CHECK (confidence BETWEEN 0 AND 1),
    supporting_utterance_ids UUID[] NOT NULL DEFAULT '{}',
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ck_relationships_no_self_loop CHECK (from_node_id <> to_node_id),
    CONSTRAINT uq_relationships_edge UNIQUE (from_node_id, to_node_id, relationship_type)
);
CREATE INDEX ix_relationships_conversation ON relationships (conversation_id);
CREATE INDEX ix_relationships_to_node ON relationships (to_node_id);

-- 5. clusters: hierarchical grouping of nodes
CREATE TABLE clusters (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_cluster_id UUID REFERENCES clusters(id) ON DELETE SET NULL,
    label TEXT NOT NULL,
    level INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_clusters_level CHECK (level >= 0),
    node_ids UUID[] NOT NULL DEFAULT '{}',
    is_auto_generated BOOLEAN NOT NULL DEFAULT true,
    clustering_algorithm VARCHAR(64),
    clustering_metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_clusters_conversation_level ON clusters (conversation_id, level);
CREATE INDEX ix_clusters_node_ids ON clusters USING GIN (node_ids);

-- 6. edits_log: training data from user corrections
CREATE TABLE edits_log (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID REFERENCES conversations(id) ON DELETE SET NULL,
    target_type VARCHAR(32) NOT NULL
        CONSTRAINT ck_edits_log_target_type CHECK (target_type IN ('node', 'relationship', 'cluster', 'utterance', 'conversation')),
    target_id UUID NOT NULL,
    edit_type VARCHAR(32) NOT NULL
        CONSTRAINT ck_edits_log_edit_type CHECK (edit_type IN ('create', 'update', 'delete', 'merge', 'split')),
    field_name VARCHAR(128),
    old_value JSONB,
    new_value JSONB,
    edited_by VARCHAR(255),
    user_confidence DOUBLE PRECISION CONSTRAINT ck_edits_log_user_confidence CHECK (user_confidence BETWEEN 0 AND 1),
    exported_for_training BOOLEAN NOT NULL DEFAULT false,
    exported_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ck_edits_log_export CHECK (exported_for_training OR exported_at IS NULL)
);
CREATE INDEX ix_edits_log_target ON edits_log (target_type, target_id);
CREATE INDEX ix_edits_log_not_exported ON edits_log (created_at) WHERE NOT exported_for_training;

-- 7. api_calls_log: LLM call tracking and cost
CREATE TABLE api_calls_log (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id UUID REFERENCES conversations(id) ON DELETE SET NULL,
    provider VARCHAR(64) NOT NULL,
    model VARCHAR(128) NOT NULL,
    endpoint VARCHAR(128),
    purpose VARCHAR(64),
    prompt_tokens INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_api_calls_prompt_tokens CHECK (prompt_tokens >= 0),
    completion_tokens INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_api_calls_completion_tokens CHECK (completion_tokens >= 0),
    total_tokens INTEGER GENERATED ALWAYS AS (prompt_tokens + completion_tokens) STORED,
    cost_usd NUMERIC(12, 6) NOT NULL DEFAULT 0 CONSTRAINT ck_api_calls_cost CHECK (cost_usd >= 0),
    latency_ms INTEGER CONSTRAINT ck_api_calls_latency CHECK (latency_ms >= 0),
    status VARCHAR(16) NOT NULL DEFAULT 'success'
        CONSTRAINT ck_api_calls_status CHECK (status IN ('success', 'error', 'timeout', 'rate_limited')),
    error_message TEXT,
    request_metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ck_api_calls_error_message CHECK (status = 'success' OR error_message IS NOT NULL)
);
CREATE INDEX ix_api_calls_log_conversation ON api_calls_log (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX ix_api_calls_log_created ON api_calls_log (created_at DESC);
CREATE INDEX ix_api_calls_log_model_created ON api_calls_log (provider, model, created_at);
CREATE INDEX ix_api_calls_log_failures ON api_calls_log (created_at) WHERE status <> 'success';
$up$,
  down => $down$
DROP TABLE api_calls_log;
DROP TABLE edits_log;
DROP TABLE clusters;
DROP TABLE relationships;
DROP TABLE nodes;
DROP TABLE utterances;
DROP TABLE conversations;
$down$);
