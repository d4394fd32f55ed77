#!/usr/bin/env bash
# Installs everything Parallax needs to build and test, from the registries only
# (Debian, crates.io, npm). Idempotent: each step checks before it installs.
# See ../shared/TOOLCHAIN.md for why each pin and flag is what it is.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
CARGO_DENY_VERSION=0.20.2
CARGO_FUZZ_VERSION=0.13.2
# Must equal the `wasm-bindgen = "=X.Y.Z"` pin in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Browsers and drivers from Debian.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

# 2. Rust target and cargo-installed tools.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
have_version() { command -v "$1" >/dev/null && "$1" --version 2>/dev/null | grep -q " $2\b"; }
if ! have_version wasm-pack "$WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --locked --version "$WASM_PACK_VERSION"
fi
if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! have_version geckodriver "$GECKODRIVER_VERSION"; then
  say "installing geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --locked --version "$GECKODRIVER_VERSION"
fi

if ! have_version cargo-deny "$CARGO_DENY_VERSION"; then
  say "installing cargo-deny $CARGO_DENY_VERSION"
  cargo install cargo-deny --locked --version "$CARGO_DENY_VERSION"
fi
# cargo-fuzz runs the fuzz targets; test.sh replays their corpora (see fuzz/README.md).
if ! have_version cargo-fuzz "$CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

# 3. Node packages: playwright-core (page tests), binaryen (wasm-opt 132),
#    diff and diff-match-patch (benchmark peers), typescript (checks pkg/'s types).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "toolchain ready"
