-- WhisperEngine (seed 004): registers every revision with lg.
-- Run from this folder:  psql -X -v ON_ERROR_STOP=1 -f load.sql
-- then:                  SELECT * FROM lg_migrate('heads');
-- Two heads from parallel development, the merge that joins them, the
-- TEXT -> JSONB conversion, and a documentation-only revision.
\ir revisions/336ce8830dfe_character_learning_persistence.sql
\ir revisions/20251019_conv_summaries.sql
\ir revisions/b06ced8ecd14_merge_heads_before_enrichment_schema.sql
\ir revisions/a71d62f22c10_convert_preferences_text_to_jsonb.sql
\ir revisions/27e207ded5a0_document_enrichment_semantic_knowledge.sql
