#!/usr/bin/env bash
# Runs every test and exits non-zero on any failure:
#   format, clippy (native and wasm32), native unit tests, in-browser tests against real
#   IndexedDB (headless Chromium), and end-to-end tests of the release build served under a
#   sub-path with its Content-Security-Policy on. Screenshots land in test-results/.
# Installs whatever is missing first (see scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source scripts/env.sh

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
started=$SECONDS

step "fetch dependencies"
cargo fetch --quiet
export CARGO_NET_OFFLINE=true

step "format"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets --quiet -- -D warnings

step "clippy (wasm32)"
cargo clippy --all-targets --target wasm32-unknown-unknown --quiet -- -D warnings

step "native tests"
cargo test --quiet

step "sync test server (PouchDB Server in memory, 127.0.0.1:5990)"
# Stopped when this script ends, however it ends.
node scripts/sync-server.mjs 5990 > target/sync-server.log 2>&1 &
sync_server=$!
trap 'kill $sync_server 2>/dev/null || true' EXIT
for _ in $(seq 150); do grep -q '^http' target/sync-server.log && break; sleep 0.2; done
grep -q '^http' target/sync-server.log || { cat target/sync-server.log; exit 1; }
CRM_SYNC_SERVER=$(head -1 target/sync-server.log)
export CRM_SYNC_SERVER

step "in-browser tests (headless Chromium, real IndexedDB)"
# Debug wasm writing a few thousand customers takes seconds; the runner's default limit per
# test (20 s) is too tight on a busy two-core machine. These are not timing tests.
WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180} cargo test --target wasm32-unknown-unknown

step "release build under a sub-path (/crm/)"
trunk build --release --offline --public-url /crm/ --dist target/e2e-dist

step "end-to-end tests"
mkdir -p test-results
E2E_DIST=target/e2e-dist E2E_BASE=/crm/ node --test --test-concurrency=1 tests/e2e/

printf '\n\033[1;32mall tests passed in %ss\033[0m\n' "$((SECONDS - started))"
