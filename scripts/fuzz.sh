#!/usr/bin/env bash
# The fuzz targets in fuzz/ (cargo-fuzz, libFuzzer), on the stable toolchain.
#
#   scripts/fuzz.sh replay                 run every target once over its kept corpus and
#                                          regressions (test.sh does this)
#   scripts/fuzz.sh run TARGET SECONDS     fuzz TARGET, adding what it finds to its corpus
#   scripts/fuzz.sh cmin TARGET            shrink TARGET's corpus to the inputs that
#                                          add coverage, before committing it
#
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP=1 lets the stable
# compiler take them (this machine kind has no other toolchain). Targets are built
# without a sanitizer: the crate has no unsafe code, and without ASan the fuzzer runs
# about three times as fast. A crash's input lands in fuzz/artifacts/TARGET/; move it
# to fuzz/regressions/TARGET/ once fixed, so replay keeps checking it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

targets() { for f in fuzz/fuzz_targets/*.rs; do basename "$f" .rs; done; }
# Inputs no longer than any kept one, a hung input is a failure after 10 s.
FLAGS=(-max_len=8192 -timeout=10 -rss_limit_mb=2048)

case "${1:-}" in
  replay)
    cargo fuzz build -s none
    for t in $(targets); do
      dirs=("fuzz/corpus/$t")
      [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
      printf 'replaying %s: %s inputs\n' "$t" "$(find "${dirs[@]}" -type f | wc -l)"
      if ! out=$(cargo fuzz run -s none "$t" "${dirs[@]}" -- -runs=0 "${FLAGS[@]}" 2>&1); then
        printf '%s\n' "$out" | tail -n 60
        echo "fuzz target $t failed on a kept input" >&2
        exit 1
      fi
      printf '%s\n' "$out" | grep -E '^Done' || true
    done
    ;;
  run)
    t=${2:?target}; secs=${3:?seconds}
    mkdir -p "fuzz/corpus/$t"
    cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 "${FLAGS[@]}"
    ;;
  cmin)
    t=${2:?target}
    cargo fuzz cmin -s none "$t" "fuzz/corpus/$t" -- "${FLAGS[@]}"
    ;;
  *)
    sed -n '2,14p' "$0"; exit 2 ;;
esac
