# Sourced by the other scripts: the npm tools (wasm-opt 132) come first on PATH so Trunk finds
# the version Trunk.toml pins; builds never touch the network once dependencies are fetched.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
