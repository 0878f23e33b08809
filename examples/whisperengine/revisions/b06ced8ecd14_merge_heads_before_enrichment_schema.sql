-- b06ced8ecd14: merge revision (alembic merge -m "merge_heads_before_enrichment_schema"
-- 336ce8830dfe 20251019_conv_summaries).  Changes: none.
SELECT lg_revision('b06ced8ecd14',
  parents => '{336ce8830dfe,20251019_conv_summaries}',
  message => 'merge_heads_before_enrichment_schema',
  up => '',
  down => '');
