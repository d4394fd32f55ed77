#!/usr/bin/env bash
# The fuzz targets in fuzz/ (cargo-fuzz, libFuzzer), on the stable toolchain.
#
#   scripts/fuzz.sh replay                 run every target once over its kept corpus and
#                                          regressions (test.sh does this)
#   scripts/fuzz.sh run TARGET SECONDS     fuzz TARGET, growing its working corpus
#                                          fuzz/corpus/TARGET (unpacked from the kept one)
#   scripts/fuzz.sh pack TARGET            minimise the working corpus (libFuzzer's set-cover
#                                          merge) into the kept fuzz/corpora/TARGET.tar.xz
#
# The kept corpora are packed: fuzzed inputs are near-copies of each other, so xz
# shrinks them about seventeen times (4 MB of HTML inputs to 250 KB).
#
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP=1 lets the stable
# compiler take them (this machine kind has no other toolchain). Targets are built
# without a sanitizer: the crate has no unsafe code, and without ASan the fuzzer runs
# about three times as fast. A crash's input lands in fuzz/artifacts/TARGET/; once
# fixed, move it to fuzz/regressions/TARGET/, so replay keeps checking it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

targets() { for f in fuzz/fuzz_targets/*.rs; do basename "$f" .rs; done; }
# Inputs up to 8 KiB; an input that runs 10 s counts as a hang, a failure.
FLAGS=(-max_len=8192 -timeout=10 -rss_limit_mb=2048)
BIN=fuzz/target/x86_64-unknown-linux-gnu/release

# Unpacks TARGET's kept corpus into DIR (replacing what is there).
unpack() {
  rm -rf "$2"
  mkdir -p "$2"
  if [ -f "fuzz/corpora/$1.tar.xz" ]; then
    tar -xJf "fuzz/corpora/$1.tar.xz" -C "$2" --strip-components=1
  fi
}

case "${1:-}" in
  replay)
    cargo fuzz build -s none
    for t in $(targets); do
      unpack "$t" "fuzz/target/replay/$t"
      dirs=("fuzz/target/replay/$t")
      [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
      printf 'replaying %s: %s inputs\n' "$t" "$(find "${dirs[@]}" -type f | wc -l)"
      if ! out=$(cargo fuzz run -s none "$t" "${dirs[@]}" -- -runs=0 "${FLAGS[@]}" 2>&1); then
        printf '%s\n' "$out" | tail -n 60
        echo "fuzz target $t failed on a kept input" >&2
        exit 1
      fi
      printf '%s\n' "$out" | grep -E '^#[0-9]+[[:space:]]+INITED' || true
    done
    ;;
  run)
    t=${2:?target}; secs=${3:?seconds}
    [ -d "fuzz/corpus/$t" ] || unpack "$t" "fuzz/corpus/$t"
    cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 "${FLAGS[@]}"
    ;;
  pack)
    t=${2:?target}
    cargo fuzz build -s none "$t"
    tmp=$(mktemp -d)
    mkdir "$tmp/$t"
    "$BIN/$t" -set_cover_merge=1 "${FLAGS[@]}" "$tmp/$t" "fuzz/corpus/$t" 2>&1 | grep -E '^MERGE-OUTER: [0-9]+ new files' || true
    mkdir -p fuzz/corpora
    tar -cJf "fuzz/corpora/$t.tar.xz" -C "$tmp" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner "$t"
    printf 'kept %s inputs of %s in fuzz/corpora/%s.tar.xz (%s)\n' "$(ls "$tmp/$t" | wc -l)" "$t" "$t" \
      "$(du -h "fuzz/corpora/$t.tar.xz" | cut -f1)"
    rm -rf "$tmp"
    ;;
  *)
    sed -n '2,18p' "$0"; exit 2 ;;
esac
