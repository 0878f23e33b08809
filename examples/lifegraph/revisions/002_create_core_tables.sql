-- 002_create_core_tables.py: parties, roles, commitments (the guide's SQL)
SELECT lg_revision('002',
  parents => '{001}',
  message => 'create core Life Graph tables: parties, roles, commitments',
  up => $up$
CREATE TABLE parties (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    kind VARCHAR(20) NOT NULL CHECK (kind IN ('person', 'org')),
    name VARCHAR(255) NOT NULL,
    tax_id VARCHAR(50),
    contact_json JSONB DEFAULT '{}'::jsonb,
    metadata JSONB DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_parties_name_trgm ON parties USING GIN (name gin_trgm_ops);
CREATE INDEX idx_parties_kind ON parties(kind);
CREATE INDEX idx_parties_tax_id ON parties(tax_id) WHERE tax_id IS NOT NULL;

CREATE TABLE roles (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    party_id UUID NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    user_id UUID NOT NULL,
    role_name VARCHAR(100) NOT NULL,
    domain_tags TEXT[] DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_roles_user ON roles(user_id);
CREATE INDEX idx_roles_party ON roles(party_id);
CREATE INDEX idx_roles_domains ON roles USING GIN (domain_tags);

CREATE TYPE commitment_type AS ENUM (
    'obligation', 'responsibility', 'goal', 'routine', 'appointment', 'compliance'
);

CREATE TYPE commitment_state AS ENUM (
    'proposed', 'accepted', 'active', 'paused', 'fulfilled', 'canceled', 'delinquent'
);

CREATE TABLE commitments (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    role_id UUID NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    commitment_type commitment_type NOT NULL,
    title VARCHAR(500) NOT NULL,
    description TEXT,
    source VARCHAR(50) NOT NULL CHECK (source IN ('email', 'doc', 'vision_extract', 'api', 'manual')),
    counterparty_id UUID REFERENCES parties(id),

    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    due_at TIMESTAMPTZ,
    rrule TEXT,

    priority INT DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
    state commitment_state NOT NULL DEFAULT 'accepted',
    severity INT DEFAULT 0,
    domain_tags TEXT[] DEFAULT '{}',

    reason TEXT,
    metadata JSONB DEFAULT '{}'::jsonb
);

CREATE INDEX idx_commitments_role ON commitments(role_id);
CREATE INDEX idx_commitments_state_due ON commitments(state, due_at);
CREATE INDEX idx_commitments_priority ON commitments(priority DESC);
CREATE INDEX idx_commitments_domains ON commitments USING GIN (domain_tags);
CREATE INDEX idx_commitments_counterparty ON commitments(counterparty_id) WHERE counterparty_id IS NOT NULL;
$up$,
  down => $down$
DROP TABLE commitments;
DROP TABLE roles;
DROP TABLE parties;
DROP TYPE commitment_state;
DROP TYPE commitment_type;
$down$,
  -- the guide's post-migration check, re-run by lg_verify()
  verify => $verify$
SELECT count(*) = 3 FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('parties', 'roles', 'commitments');
SELECT count(*) = 11 FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE ANY (ARRAY['idx_parties_%', 'idx_roles_%', 'idx_commitments_%'])
$verify$);
