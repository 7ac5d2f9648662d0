#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it at http://127.0.0.1:8080
# the way a static host would (404.html fallback for deep links). Ctrl+C stops it.
# Options: PORT=9000 to use another port, BASE=/crm/ to serve under a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source scripts/env.sh
PORT="${PORT:-8080}"
BASE="${BASE:-/}"
cargo fetch --quiet
trunk build --release --offline --public-url "$BASE"
exec node scripts/serve.mjs --dir dist --port "$PORT" --base "$BASE"
