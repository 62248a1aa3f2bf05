"""Import time of cipin: best of N fresh interpreters, and -X importtime's top.

Each figure is the best wall time of N fresh processes (best, not mean: on a
shared machine the noise only ever adds). cipin imports polars at import time
(every function returns a polars DataFrame), so ``import polars`` is reported
too: cipin's own share is the difference.

Usage: python python/scripts/import_time.py [--python PYTHON] [-n N] [--top K]
Run it from outside the clone so that the installed package is measured.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time


def best(python: str, code: str, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([python, "-c", code], check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args()

    bare = best(args.python, "pass", args.n)
    pl = best(args.python, "import polars", args.n)
    cp = best(args.python, "import cipin", args.n)
    print(f"best of {args.n} fresh processes ({args.python})")
    print(f"  python -c pass           {bare * 1e3:7.1f} ms")
    print(f"  python -c 'import polars' {pl * 1e3:6.1f} ms  (+{(pl - bare) * 1e3:.1f} ms)")
    print(f"  python -c 'import cipin'  {cp * 1e3:6.1f} ms  (+{(cp - bare) * 1e3:.1f} ms)")
    print(f"  cipin's own share (cipin - polars): {(cp - pl) * 1e3:.1f} ms")

    # -X importtime writes "import time: self | cumulative | name" to stderr.
    err = subprocess.run(
        [args.python, "-X", "importtime", "-c", "import cipin"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    rows = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)), m.group(4)))
    rows.sort(reverse=True)
    print(f"-X importtime, top {args.top} by cumulative time (one run):")
    for cum, own, depth, name in rows[: args.top]:
        indent = "." * (depth // 2)
        print(f"  {cum / 1e3:7.1f} ms cumulative {own / 1e3:6.1f} ms self  {indent}{name}")


if __name__ == "__main__":
    main()
