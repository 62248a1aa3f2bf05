"""Fail when cargo had to compile one of the named packages again.

Reads cargo's JSON messages (``cargo build --message-format=json...``) on
stdin. python/scripts/test.sh pipes the CLI build into it after the wheel was
built: polars and jieba-rs must be "fresh" there, that is, reused from the
wheel's build, or the workspace resolves two feature sets for them and every
CI run compiles polars twice (see crates/cipin-tables/Cargo.toml).

Usage: cargo build ... --message-format=json-render-diagnostics \\
           | python python/scripts/check_fresh.py PACKAGE...
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    wanted = set(sys.argv[1:])
    if not wanted:
        sys.exit(__doc__)
    fresh: set[str] = set()
    rebuilt: set[str] = set()
    compiled = 0
    for line in sys.stdin:
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        if msg.get("reason") != "compiler-artifact":
            continue
        name = msg["target"]["name"].replace("_", "-")
        if not msg["fresh"]:
            compiled += 1
        # A package's library target carries its crate name (jieba_rs).
        for pkg in wanted:
            if name == pkg.replace("_", "-") and "lib" in msg["target"]["kind"]:
                (fresh if msg["fresh"] else rebuilt).add(pkg)
    missing = wanted - fresh - rebuilt
    if missing:
        sys.exit(f"error: cargo built none of {sorted(missing)}: is the name right?")
    if rebuilt:
        sys.exit(
            f"error: {sorted(rebuilt)} compiled again: a dependency feature differs "
            "between this build and the previous one (cargo tree -e features)"
        )
    print(f"reused: {', '.join(sorted(fresh))} ({compiled} units compiled)")


if __name__ == "__main__":
    main()
