#!/usr/bin/env bash
# Installs whatever this machine is missing to build and test the app, and nothing it already
# has: the wasm32 target, Chromium + chromedriver (+ CJK fonts for readable screenshots),
# wasm-bindgen-cli at exactly the version in Cargo.lock, Trunk, wasm-split-cli, and the npm tools from the
# committed lockfile (binaryen's wasm-opt, playwright-core, axe-core).
# Safe to re-run: every step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
SPLIT_VERSION=0.2.4
say() { printf '\033[1;34m[install]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

# 1. The wasm32 target of the machine's one Rust toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Chromium, its driver, and fonts that cover Chinese (Debian packages).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Tools built from crates.io: release profile without fat LTO, which halves the build time
# and makes no measurable difference to how fast they process one wasm file.
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --quiet "$@"
}

# 3. wasm-bindgen-cli at exactly the version the app links against (Cargo.lock).
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$BINDGEN_VERSION" ]; then
  echo "cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! grep -q "wasm_bindgen = \"$BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $BINDGEN_VERSION; update [tools]" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (several minutes)"
  # Not --locked: its lockfile names a dependency version that is no longer on crates.io.
  fast_install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# 4. Trunk (0.22 needs a newer rustc than this machine's 1.95).
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (ten minutes or more)"
  fast_install --locked trunk --version "$TRUNK_VERSION" --no-default-features --features rustls
fi

# 5. wasm-split-cli, which splits the release wasm into lazily loaded pages
#    (scripts/split-wasm.mjs). It has no --version; cargo's list of installed crates says which.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "installing wasm-split-cli $SPLIT_VERSION (a minute or two)"
  fast_install --locked wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary
fi

# 6. npm tools from the committed lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen, playwright-core, axe-core, iconv-lite)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 7. The sync tests' server (PouchDB Server) from its own lockfile, without install scripts:
#    its optional native parts would be built or downloaded, and in memory it needs none.
if [ ! -d tests/sync-server/node_modules/pouchdb-server ] ||
  [ tests/sync-server/package-lock.json -nt tests/sync-server/node_modules/.package-lock.json ]; then
  say "installing the sync test server (pouchdb-server)"
  npm ci --prefix tests/sync-server --ignore-scripts --no-audit --no-fund --loglevel=error
fi

say "ready: $(rustc --version | cut -d' ' -f1-2), trunk $TRUNK_VERSION, wasm-bindgen $BINDGEN_VERSION, wasm-split-cli $SPLIT_VERSION, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3)"
