#!/usr/bin/env bash
# The real-client tests (node-postgres, psycopg2) under prove, against the
# server in the PG* variables.  scripts/sql-tests.sh runs it; the drivers
# come from scripts/setup.sh (python3-psycopg2, nodejs/npm) and npm ci here.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent >/dev/null
prove --exec node node_pg.js
prove --exec /usr/bin/python3 psycopg2_test.py
