#!/usr/bin/env bash
# Build the Python package from source and run its tests and the notebooks:
#   1. environment and CJK font (setup_env.sh);
#   2. ruff (lint and format) and clippy on the binding crate;
#   3. `pip wheel ./python`: the wheel exactly as `pip install ./python` builds it;
#   4. pytest with the newest polars (in <repo>/.venv), against the CLI built
#      from the same sources, and mypy's stubtest on the native module's stubs;
#   5. pytest with the oldest supported polars (in ~/.cache/cipin/venv-oldpolars);
#   6. the notebooks in notebooks/, executed top to bottom.
#
# Usage: bash python/scripts/test.sh   (from anywhere; scripts/test.sh calls it)
# Environment: CARGO_TARGET_DIR (default ~/.cache/cipin/target, shared with the
# Rust build so polars compiles once), PYTHON, CIPIN_VENV, CIPIN_OLD_VENV.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cipin/target}"
PYTHON="${PYTHON:-python3}"
VENV="${CIPIN_VENV:-$ROOT/.venv}"
# Outside the clone (like the cargo cache), so that it needs no .gitignore entry.
OLD_VENV="${CIPIN_OLD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cipin/venv-oldpolars}"
OLDEST_POLARS="1.3.0"  # the lower bound in python/pyproject.toml
WHEELS="$ROOT/.whl"
step() { printf '\n==> %s\n' "$*"; }

step "python: environment (venv, test and notebook dependencies, CJK font)"
PYTHON="$PYTHON" CIPIN_VENV="$VENV" bash python/scripts/setup_env.sh

step "python: ruff check, ruff format --check"
"$VENV/bin/ruff" check python
"$VENV/bin/ruff" format --check python

step "python: cargo clippy -p cipin-python"
PYO3_PYTHON="$VENV/bin/python" cargo clippy --release -p cipin-python --no-deps -- -D warnings

step "python: pip wheel ./python (maturin, release profile)"
rm -rf "$WHEELS" && mkdir -p "$WHEELS"
"$VENV/bin/python" -m pip wheel --quiet --no-deps ./python -w "$WHEELS"
WHEEL=$(ls "$WHEELS"/cipin-*.whl)
echo "built $WHEEL"

step "python: the cipin CLI, for the tests comparing with it"
cargo build --release -p cipin-cli
export CIPIN_BIN="$CARGO_TARGET_DIR/release/cipin"

step "python: pytest, newest polars"
"$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps "$WHEEL"
"$VENV/bin/python" -m pip install --quiet "$WHEEL"  # its dependencies
"$VENV/bin/python" -c "import polars; print('polars', polars.__version__)"
(cd python && "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests)

step "python: mypy stubtest (python/py_src/cipin/_cipin.pyi against the built module)"
(cd python && "$VENV/bin/python" -m mypy.stubtest cipin._cipin)

step "python: pytest, oldest supported polars ($OLDEST_POLARS)"
[ -x "$OLD_VENV/bin/python" ] || "$PYTHON" -m venv "$OLD_VENV"
"$OLD_VENV/bin/python" -m pip install --quiet --upgrade pip
"$OLD_VENV/bin/python" -m pip install --quiet "polars==$OLDEST_POLARS" "pytest>=7" "hypothesis>=6" "scipy>=1.8" "tqdm>=4.60"
"$OLD_VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps "$WHEEL"
"$OLD_VENV/bin/python" -c "import polars; print('polars', polars.__version__)"
(cd python && "$OLD_VENV/bin/python" -m pytest -q -p no:cacheprovider tests)

step "python: notebooks"
"$VENV/bin/python" python/scripts/run_notebooks.py --out "$(mktemp -d)"
