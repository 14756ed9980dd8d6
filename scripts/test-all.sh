#!/usr/bin/env bash
# Every test: types, unit, integration on PGlite and on PostgreSQL, then Chromium end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."

export HEILONG_TEST_POSTGRES_URL="${HEILONG_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

echo "== types"; npx tsc --noEmit
echo "== unit"; npx vitest run --project unit
echo "== integration (embedded PGlite)"; npx vitest run --project integration
echo "== integration (PostgreSQL at ${HEILONG_TEST_POSTGRES_URL})"
HEILONG_TEST_DATABASE_URL="$HEILONG_TEST_POSTGRES_URL" npx vitest run --project integration
echo "== end-to-end (Chromium)"; npx playwright test
