#!/usr/bin/env bash
# The main job: set up, then run a short lg session on a throwaway local
# cluster (created and removed by pg_virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== demo on a throwaway cluster"
source scripts/cluster.sh
pg_virtualenv -t "${LG_CLUSTER_OPTS[@]}" psql -X -v ON_ERROR_STOP=1 -f scripts/demo.sql
