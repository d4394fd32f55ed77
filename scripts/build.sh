#!/usr/bin/env bash
# Builds the release wasm (through wasm-opt) twice from one compile: wasm-pack's
# no-modules glue in target/wasm-page/ for the page and the widget, and its bundler
# output in pkg/, the npm package. Then assembles www/generated/*.js for the served
# page, dist/parallax.html for offline use, dist/parallax-compare.js (the widget) and
# the widget's place in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack --quiet build --mode no-install --release --target no-modules --out-dir target/wasm-page --out-name parallax
wasm-pack --quiet build --mode no-install --release --target bundler --out-dir pkg --out-name parallax
node scripts/assemble.mjs
