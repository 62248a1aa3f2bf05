#!/usr/bin/env bash
# Benchmarks and accuracy, side by side with Python jieba, in one command:
#
#   bash bench/run.sh            # full run (about 15-25 minutes on 2 cores)
#   bash bench/run.sh --quick    # 2 MB, one round: a smoke test
#
# Builds the release binaries and the Python package, makes its own venv
# (bench/.venv: jieba 0.42.1, pandas, scikit-learn, the cipin package), reads
# the corpora from ../shared/corpora (or $CIPIN_CORPORA) and rewrites the
# measured part of BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cipin/target}"
cargo build --release -p cipin-cli -p cipin-core --bins --examples
VENV=bench/.venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "jieba==0.42.1" pandas scikit-learn maturin
"$VENV/bin/python" -m pip install -q ./python
exec "$VENV/bin/python" bench/bench.py \
  --cipin "$CARGO_TARGET_DIR/release/cipin" \
  --seg-throughput "$CARGO_TARGET_DIR/release/examples/seg_throughput" \
  --scaling "$CARGO_TARGET_DIR/release/examples/scaling" \
  --naive-freq "$CARGO_TARGET_DIR/release/examples/naive_freq" "$@"
