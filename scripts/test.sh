#!/usr/bin/env bash
# Build everything and run every test: formatting, lints, Rust tests (unit,
# integration on seeds/, property tests, jieba parity on SIGHAN 2005 when
# ../shared/corpora is present), the Python package's tests and the notebooks.
#
# Usage: bash scripts/test.sh
#
# Cargo artefacts go to $CARGO_TARGET_DIR, by default ~/.cache/cipin/target
# (outside the clone, so a second run reuses the first one's build). Cargo and
# maturin share it; everything is built once, in the release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cipin/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --release --all-targets -- -D warnings

step "cargo test (release profile)"
cargo test --release

if [ -f python/scripts/test.sh ]; then
  step "python package and notebooks"
  bash python/scripts/test.sh
fi
step "all tests passed"
