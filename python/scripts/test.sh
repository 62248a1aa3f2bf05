#!/usr/bin/env bash
# Build the Python package from source and run its tests and the notebooks:
#   1. environment and CJK font (setup_env.sh);
#   2. ruff (lint and format) and clippy on the binding crate;
#   3. scripts/wheel.sh: the abi3 manylinux wheel (for the host's glibc) and
#      the sdist, into dist/;
#   4. a smoke test of that wheel in a fresh venv, with no cargo or rustc on
#      PATH and no network (python/scripts/smoke.py);
#   5. the CLI, checking that it reuses the polars build of the wheel;
#   6. pytest with the newest polars (in <repo>/.venv), on the same wheel and
#      against that CLI, and mypy's stubtest on the native module's stubs;
#   7. pytest with the oldest supported polars (in ~/.cache/cipin/venv-oldpolars);
#   8. the notebooks in notebooks/, executed top to bottom.
#
# Usage: bash python/scripts/test.sh   (from anywhere; scripts/test.sh calls it)
# Environment: CARGO_TARGET_DIR (default: cargo's, <repo>/target, the one the
# README's `cargo run` and the Rust tests use, so polars compiles once),
# PYTHON, CIPIN_VENV, CIPIN_OLD_VENV.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PYTHON="${PYTHON:-python3}"
VENV="${CIPIN_VENV:-$ROOT/.venv}"
# Outside the clone (like the cargo cache), so that it needs no .gitignore entry.
OLD_VENV="${CIPIN_OLD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cipin/venv-oldpolars}"
OLDEST_POLARS="1.3.0"  # the lower bound in python/pyproject.toml
step() { printf '\n==> %s\n' "$*"; }

step "python: environment (venv, test and notebook dependencies, CJK font)"
PYTHON="$PYTHON" CIPIN_VENV="$VENV" bash python/scripts/setup_env.sh

step "python: ruff check, ruff format --check"
"$VENV/bin/ruff" check python
"$VENV/bin/ruff" format --check python

step "python: cargo clippy -p cipin-python"
PYO3_PYTHON="$VENV/bin/python" cargo clippy --release -p cipin-python --no-deps -- -D warnings

step "python: scripts/wheel.sh (abi3 manylinux wheel and sdist, into dist/)"
# `host`: linked against this machine's glibc (manylinux_2_34 on Debian 12),
# reusing the polars the Rust steps compiled; the default, zig for glibc 2.28,
# would compile every dependency once more for its explicit --target.
CIPIN_MANYLINUX=host bash scripts/wheel.sh
WHEEL=$(ls "$ROOT"/dist/cipin-*-abi3-*.whl)
echo "built $WHEEL"

step "python: smoke test of the wheel in a fresh venv, without Rust and offline"
# The real interpreter (not a pyenv shim, which needs its own PATH entries).
REAL_PYTHON=$("$PYTHON" -c 'import sys; print(sys.executable)')
SMOKE=$(mktemp -d)
(
  # Keep only the PATH entries without a Rust toolchain: the wheel must not
  # need one (pip may not build anything from source either: --only-binary).
  path=""
  IFS=: read -ra dirs <<<"$PATH"
  for d in "${dirs[@]}"; do
    if [ -n "$d" ] && [ ! -e "$d/cargo" ] && [ ! -e "$d/rustc" ] && [ ! -e "$d/rustup" ]; then
      path="${path:+$path:}$d"
    fi
  done
  export PATH="$path"
  unset CARGO_HOME RUSTUP_HOME CARGO_TARGET_DIR RUSTC
  if command -v cargo || command -v rustc; then
    echo "error: cargo or rustc still on PATH in the smoke test" >&2
    exit 1
  fi
  echo "no cargo, no rustc on PATH"
  "$REAL_PYTHON" -m venv "$SMOKE/venv"
  "$SMOKE/venv/bin/python" -m pip install --quiet --only-binary :all: "$WHEEL"
  # Offline (a new network namespace) where the system allows it: nothing may
  # be downloaded at run time (dictionary and models are in the library).
  offline=()
  if unshare --net true 2>/dev/null; then
    offline=(unshare --net)
  elif unshare -rn true 2>/dev/null; then
    offline=(unshare -rn)
  else
    echo "note: cannot drop the network here (unshare); smoke test runs online"
  fi
  # From outside the clone, so `import cipin` cannot find python/py_src.
  cd "$SMOKE"
  "${offline[@]}" "$SMOKE/venv/bin/python" "$ROOT/python/scripts/smoke.py" "$ROOT/seeds"
)
rm -rf "$SMOKE"

step "python: the cipin CLI, for the tests comparing with it"
# The CLI must reuse the polars that the wheel was just built with (and that
# `cargo test --release` built): the workspace asks for one feature set for
# all three (crates/cipin-tables/Cargo.toml). A rebuild here means a feature
# drifted and CI compiles polars twice: fail, naming what was rebuilt.
cargo build --release -p cipin-cli --message-format=json-render-diagnostics \
  | "$REAL_PYTHON" python/scripts/check_fresh.py polars-core polars jieba-rs
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps \
  | "$REAL_PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
export CIPIN_BIN="$TARGET_DIR/release/cipin"

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
