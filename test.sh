#!/usr/bin/env bash
# Installs what is missing and runs every test: format and lint checks, native tests,
# browser tests of the wasm (headless Chrome and Firefox), and page tests of the
# served and the offline page (playwright-core driving Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "set-up"
./scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy (native and wasm32)"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings

step "cargo deny check licenses bans sources (deny.toml; advisories need a database this machine cannot fetch)"
cargo deny check licenses bans sources

step "cargo test (native)"
cargo test

step "fuzz targets replay their kept corpora and regressions (scripts/fuzz.sh)"
./scripts/fuzz.sh replay

step "wasm-pack test --headless --chrome"
wasm-pack test --mode no-install --headless --chrome

step "wasm-pack test --headless --firefox"
wasm-pack test --mode no-install --headless --firefox

step "build the release page"
./scripts/build.sh

step "the npm package: its TypeScript declarations (tsc) and a bundler-style import"
tsc -p tests/types
node --test tests/package.test.mjs

step "page tests (served and file://)"
node --test --test-concurrency=1 tests/page/
