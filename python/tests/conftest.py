"""Shared fixtures: the repository, the seed page, the CLI binary."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


def cli_binary() -> Path | None:
    """The `cipin` binary: $CIPIN_BIN, else the release build in $CARGO_TARGET_DIR
    (default ~/.cache/cipin/target), else target/release, else PATH."""
    env = os.environ.get("CIPIN_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/cipin/target"))
    for cand in (target / "release/cipin", ROOT / "target/release/cipin"):
        if cand.exists():
            return cand
    found = shutil.which("cipin")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def cli() -> Path:
    b = cli_binary()
    if b is None or not b.exists():
        pytest.skip("the cipin CLI is not built (cargo build --release -p cipin-cli)")
    return b


@pytest.fixture(scope="session")
def articles():
    import cipin

    return cipin.parse(SEEDS)


@pytest.fixture(scope="session")
def tokens(articles):
    import cipin

    return cipin.segment(articles, id=["doc_id", "article", "kind"])
