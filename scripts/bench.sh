#!/usr/bin/env bash
# The benchmark: builds the release site and measures it in headless Chromium with a large
# workspace (default 100,000 customers, about 1,000,000 purchases). Prints one JSON line per
# figure. Takes several minutes, most of it writing the data. Not part of the test run.
#   scripts/bench.sh [customers] [--no-baseline]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source scripts/env.sh
cargo fetch --quiet
trunk build --release --offline --dist target/bench-dist
E2E_DIST=target/bench-dist E2E_BASE=/ node scripts/bench.mjs --customers "${1:-100000}" "${@:2}"
