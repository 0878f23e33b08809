-- 336ce8830dfe: character learning persistence (one of the two heads the
-- merge joins).  The guide only names it; designed here: universal_users as
-- the guide describes it before a71d62f22c10 (preferences TEXT, default '{}'),
-- and a table of what a character learned about a user.
SELECT lg_revision('336ce8830dfe',
  message => 'character learning persistence',
  up => $up$
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
$up$,
  down => $down$
DROP TABLE character_learning_moments;
DROP TABLE universal_users;
$down$);
