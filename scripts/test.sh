#!/usr/bin/env bash
# Build everything and run every test: formatting, lints, Rust tests (unit,
# integration on seeds/, property tests, jieba parity on SIGHAN 2005 when
# ../shared/corpora is present), the Python package's tests and the notebooks.
#
# Usage: bash scripts/test.sh
#
# Cargo artefacts go where cargo puts them: <repo>/target, or $CARGO_TARGET_DIR
# when set. The README's `cargo run --release -p cipin-cli` builds into the
# same folder, so this script reuses its polars and jieba builds (and a second
# run reuses the first). Cargo and maturin share it; everything is built in
# the release profile, with one feature set (crates/cipin-tables/Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
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
