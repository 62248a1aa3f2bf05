#!/usr/bin/env bash
# Prepare what the Python package's tests and notebooks need:
#   * a virtual environment (default: <repo>/.venv) with the test and notebook
#     dependencies, polars at its newest release;
#   * the chart dependencies of the `plots` extra (matplotlib, networkx,
#     wordcloud, and pylopdf-fonts-zh-cn: Noto Sans SC, a CJK font that pip
#     installs, so charts show Chinese characters without a system font);
#   * a system CJK font too (Debian's fonts-noto-cjk) where apt can install
#     one: the tests draw with it and, hiding it, with the pip font alone.
# It does not build cipin itself (python/scripts/test.sh does).
#
# Usage: bash python/scripts/setup_env.sh        (from anywhere)
# Environment: PYTHON (default python3), CIPIN_VENV (default <repo>/.venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PYTHON="${PYTHON:-python3}"
VENV="${CIPIN_VENV:-$ROOT/.venv}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# Test and notebook dependencies (python/pyproject.toml extras `test` and
# `notebooks`, dask for cipin.dask and notebooks/04_cluster.ipynb), ruff for lint, mypy for stubtest (the native module's stubs
# checked against the module), and the newest polars.
"$VENV/bin/python" -m pip install --quiet --upgrade \
  polars "pytest>=7" "hypothesis>=6" "scipy>=1.8" "tqdm>=4.60" \
  "nbclient>=0.7" "nbformat>=5" "ipykernel>=6" "matplotlib>=3.6" "jieba>=0.42" ruff "mypy>=1.18" \
  "networkx>=2.8" "wordcloud>=1.9" "pylopdf-fonts-zh-cn>=0.1.1" \
  "dask[dataframe,distributed]>=2023.1"

# A system CJK font as well (the charts fall back to the pip font without one).
if command -v fc-list >/dev/null && fc-list :lang=zh family | grep -q .; then
  echo "CJK font: $(fc-list :lang=zh family | sort | head -1)"
elif command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing fonts-noto-cjk (CJK font for matplotlib)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q fonts-noto-cjk >/dev/null; }
  # matplotlib caches the font list: make it look again.
  rm -rf "${MPLCONFIGDIR:-$HOME/.cache/matplotlib}"
else
  echo "note: no system CJK font and cannot install one; charts use the pip font" \
       "(pylopdf-fonts-zh-cn) instead" >&2
fi
