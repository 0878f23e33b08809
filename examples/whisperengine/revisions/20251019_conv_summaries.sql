-- 20251019_conv_summaries: conversation summaries table (the other head).
-- The guide only names it; designed here.  No foreign key to universal_users:
-- this branch was developed in parallel with 336ce8830dfe and does not
-- depend on it (that is why the merge b06ced8ecd14 exists).
SELECT lg_revision('20251019_conv_summaries',
  message => 'conversation summaries table',
  up => $up$
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
$up$,
  down => $down$
DROP TABLE conversation_summaries;
$down$);
