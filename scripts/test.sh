#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

rm -f test-results/vitest.json test-results/vitest-faults.json test-results/playwright.json
step() { printf '\n== %s\n' "$*"; }

step "Embedded database"
node scripts/install-ferretdb.mjs
step "Chromium"
bash scripts/install-chromium.sh

step "Lint"
npx eslint --max-warnings=0 .
step "Format"
npx prettier --check . >/dev/null && echo "All files formatted."
step "Type-check"
npx tsc --noEmit && echo "No type errors."
step "Dependency rules"
npx depcruise --config .dependency-cruiser.cjs .
step "Dead code"
npx knip && echo "No unused files, exports or dependencies."

step "Unit and integration tests (real database)"
npx vitest run --project unit --project int \
  --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "Production build"
npx next build >/tmp/support-desk-build.log 2>&1 || { cat /tmp/support-desk-build.log; exit 1; }
echo "Built."

step "Fault tests (real processes)"
npx vitest run --project faults \
  --reporter=default --reporter=json --outputFile.json=test-results/vitest-faults.json

step "End-to-end tests (Chromium)"
npx playwright test

node scripts/test-summary.mjs
