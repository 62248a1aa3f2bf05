#!/usr/bin/env bash
# Build the Python package for distribution, into dist/ (git-ignored):
#   * one abi3 wheel for every CPython >= 3.9 on Linux with glibc >= 2.28
#     (cipin-<version>-cp39-abi3-manylinux_2_28_<arch>.whl), which installs
#     without Rust: the jieba dictionary, the HMM and POS models, the stopword
#     list and the OpenCC tables are compiled into the shared library;
#   * the sdist (cipin-<version>.tar.gz), from which pip builds with Rust.
#
# Usage: bash scripts/wheel.sh   (from anywhere; needs Rust, Python 3 and pip)
# Environment: PYTHON (default python3); CIPIN_BUILD_VENV (default
# ~/.cache/cipin/venv-build: maturin and zig live there, not in the user's
# venv); CARGO_TARGET_DIR (default: cargo's, ./target); CIPIN_MANYLINUX:
#   manylinux_2_28 (default): the wheel to ship. Linked with zig against glibc
#     2.28, because a library linked on this Debian 12 (glibc 2.36) needs
#     GLIBC_2.34 symbols (libc, libm's 2.29). Zig builds for an explicit
#     --target, so cargo compiles every dependency, polars included, a second
#     time, into $CARGO_TARGET_DIR/x86_64-unknown-linux-gnu (once; later runs
#     reuse it).
#   host: no zig; the wheel links against the host's glibc and maturin tags it
#     with the oldest manylinux its check accepts (manylinux_2_34 on Debian 12).
#     It reuses the polars that `cargo build`/`cargo test --release` compiled,
#     so python/scripts/test.sh (CI) uses it.
#   any other manylinux_2_X: with zig, for that glibc.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON="${PYTHON:-python3}"
VENV="${CIPIN_BUILD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cipin/venv-build}"
MANYLINUX="${CIPIN_MANYLINUX:-manylinux_2_28}"
DIST="$ROOT/dist"

# The same maturin range as python/pyproject.toml's build-system, so that
# `pip install ./python` and this script build alike; ziglang is zig as a pip
# package (maturin finds it as `python -m ziglang` on PATH).
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip "maturin>=1.9.4,<2.0"
compat=()
if [ "$MANYLINUX" != host ]; then
  "$VENV/bin/python" -m pip install --quiet "ziglang>=0.13"
  export PATH="$VENV/bin:$PATH"
  compat=(--zig --compatibility "$MANYLINUX")
fi

rm -rf "$DIST" && mkdir -p "$DIST"

# maturin's own auditwheel check fails the build if the library needs a
# glibc symbol newer than the tag says, or a shared library outside the
# manylinux policy (without --compatibility it picks the oldest tag that
# passes). Stripping: python/pyproject.toml sets `strip = true`,
# which maturin passes to the final link of _cipin only (`-C link-arg=-s`), so
# the debug line tables of the release profile stay out of the wheel while
# polars and the other crates are reused from the shared build unchanged.
# The interpreter is the build venv's: abi3 makes the wheel the same for any.
"$VENV/bin/maturin" build --release --manifest-path python/Cargo.toml \
  --interpreter "$VENV/bin/python" "${compat[@]}" --out "$DIST"
"$VENV/bin/maturin" sdist --manifest-path python/Cargo.toml --out "$DIST"

shopt -s nullglob
wheels=("$DIST"/cipin-*-abi3-*.whl)
sdists=("$DIST"/cipin-*.tar.gz)
if [ "${#wheels[@]}" -ne 1 ] || [ "${#sdists[@]}" -ne 1 ]; then
  echo "error: expected one abi3 wheel and one sdist in $DIST, found:" "$DIST"/* >&2
  exit 1
fi
WHEEL=${wheels[0]}
want="$MANYLINUX"
[ "$MANYLINUX" != host ] || want="manylinux_*"
# shellcheck disable=SC2254  # $want is a pattern on purpose
case "$(basename "$WHEEL")" in
  *-cp39-abi3-${want}_*.whl) ;;
  *) echo "error: $WHEEL lacks the cp39-abi3 and $want tags" >&2; exit 1 ;;
esac

# The shipped library must carry no debug info: a wheel with the release
# profile's line tables is several times larger.
"$VENV/bin/python" - "$WHEEL" <<'EOF'
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as z:
    libs = [n for n in z.namelist() if n.endswith(".so")]
    assert len(libs) == 1, libs
    data = z.read(libs[0])
# The section names, from the ELF (64-bit, little-endian) section headers.
import struct

shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
def header(i):
    return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
strtab = header(shstrndx)[4]
names = []
for i in range(shnum):
    off = strtab + header(i)[0]
    names.append(data[off : data.index(b"\0", off)].decode())
debug = [n for n in names if n.startswith((".debug", ".zdebug"))]
if debug:
    sys.exit(f"error: {libs[0]} in {sys.argv[1]} has debug sections {debug}")
print(f"{libs[0]}: {len(data) / 1e6:.1f} MB unpacked, {shnum} sections, none of debug info")
EOF
ls -l "$DIST"
