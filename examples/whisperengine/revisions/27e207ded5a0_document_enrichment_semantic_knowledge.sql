-- 27e207ded5a0: documentation-only (no-op).  fact_entities,
-- user_fact_relationships and entity_relationships are created by
-- sql/semantic_knowledge_graph_schema.sql, not by migrations; this revision
-- only records them in the migration history.  up and down run nothing.
SELECT lg_revision('27e207ded5a0',
  parents => '{a71d62f22c10}',
  message => 'document enrichment semantic knowledge graph tables (fact_entities, '
             'user_fact_relationships, entity_relationships): created by '
             'sql/semantic_knowledge_graph_schema.sql; no-op',
  up => '',
  down => '');
