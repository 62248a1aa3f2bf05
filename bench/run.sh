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
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}"
cargo build --release -p cipin-cli -p cipin-bench --bins
VENV=bench/.venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "jieba==0.42.1" pandas scikit-learn maturin
"$VENV/bin/python" -m pip install -q ./python
# pkuseg 0.0.25, if it builds here: its sdist carries the default model (no
# download), but its setup.py imports numpy and Cython, so they go in first
# and the build runs without isolation. Left out of the comparison (and the
# report says so) when it does not build.
if ! "$VENV/bin/python" -c "import pkuseg" 2>/dev/null; then
  { "$VENV/bin/python" -m pip install -q numpy cython setuptools wheel &&
    "$VENV/bin/python" -m pip install -q --no-build-isolation "pkuseg==0.0.25"; } ||
    echo "bench: pkuseg did not build; it is left out of the comparison"
fi
exec "$VENV/bin/python" bench/bench.py \
  --cipin "$CARGO_TARGET_DIR/release/cipin" \
  --seg-throughput "$CARGO_TARGET_DIR/release/seg_throughput" \
  --scaling "$CARGO_TARGET_DIR/release/scaling" \
  --naive-freq "$CARGO_TARGET_DIR/release/naive_freq" "$@"
