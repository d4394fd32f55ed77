#!/usr/bin/env bash
# Installs what is missing, builds the wasm and the page, and serves it on the demo.
#   ./run.sh             build, then serve www/ on http://127.0.0.1:8080/ (PORT=... to change)
#   ./run.sh --no-serve  build only
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
./scripts/build.sh
echo
echo "Offline page (open it directly, no server needed): file://$PWD/dist/parallax.html"
if [ "${1:-}" = "--no-serve" ]; then
  exit 0
fi
exec node scripts/serve.mjs --port "${PORT:-8080}"
