#!/usr/bin/env bash
# Run the Aho-Corasick cutter experiment on TEXT (one document per line).
# Uses jieba's dict.txt from the jieba-rs 0.11.0 sources cargo downloaded.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
text="$(realpath "${1:?usage: run.sh TEXT}")"
cargo fetch -q --manifest-path "$here/Cargo.toml"
dict="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt | head -1)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cipin/target}/ac_core" \
  cargo run -q --release --manifest-path "$here/Cargo.toml" -- "$dict" "$text"
