-- Designed: the durable outbox of domain events the guide checks after deploying
-- (SELECT status, COUNT(*) FROM platform_outbox GROUP BY status).
SELECT lg_revision('20251001_platform_outbox',
  message => 'platform outbox for domain events',
  up => $up$
CREATE TABLE platform_outbox (
    id BIGSERIAL PRIMARY KEY,
    event_type VARCHAR(100) NOT NULL,
    aggregate_type VARCHAR(50),
    aggregate_id BIGINT,
    user_id INTEGER,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ
);
CREATE INDEX ix_platform_outbox_status_created ON platform_outbox (status, created_at);
$up$,
  down => $down$
DROP TABLE platform_outbox;
$down$);
