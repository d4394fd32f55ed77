#!/usr/bin/env bash
# Builds the release wasm into pkg/ (through wasm-opt) and assembles the page:
# www/generated/*.js for the served page and dist/parallax.html for offline use.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack --quiet build --mode no-install --release --target no-modules --out-name parallax
node scripts/assemble.mjs
