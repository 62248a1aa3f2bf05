"""Throughput of the Python package against the `cipin` command line, same work.

    python python/scripts/bench_vs_cli.py [DIR] [--cli PATH] [--repeat 3]

DIR holds .txt pages (default: ~20 MB of laws from ../shared/corpora written
as one .txt page per law into a temporary folder, else the seed page copied).
Each task runs --repeat times; the best wall time counts. Every run includes
loading the dictionary (a fresh process for the CLI, a warm one for Python
after a first call: what a notebook user sees).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cipin

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir(limit_mb: float) -> Path:
    out = Path(tempfile.mkdtemp(prefix="cipin-bench-"))
    laws = ROOT.parent / "shared" / "corpora" / "laws_lawrefbook"
    size, n = 0, 0
    if laws.is_dir():
        for f in sorted(laws.glob("*.jsonl")):
            for line in f.open(encoding="utf-8"):
                text = json.loads(line)["text"]
                (out / f"{n:05d}.txt").write_text(text, encoding="utf-8")
                n += 1
                size += len(text.encode())
                if size > limit_mb * 1e6:
                    return out
    else:
        seed = next((ROOT / "seeds").glob("*.txt"))
        while size < limit_mb * 1e6:
            shutil.copy(seed, out / f"{n:05d}.txt")
            size += seed.stat().st_size
            n += 1
    return out


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?", type=Path)
    ap.add_argument("--cli", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mb", type=float, default=20)
    args = ap.parse_args()
    # cargo's default target folder, as scripts/test.sh and the README use it
    repo = Path(__file__).resolve().parents[2]
    target = Path(os.environ.get("CARGO_TARGET_DIR", repo / "target"))
    cli = args.cli or Path(os.environ.get("CIPIN_BIN", target / "release/cipin"))
    d = args.dir or corpus_dir(args.mb)
    mb = sum(p.stat().st_size for p in d.glob("*.txt")) / 1e6
    print(f"corpus: {d} ({mb:.1f} MB), CLI: {cli}, threads: {os.cpu_count()}")

    def sh(*a: str):
        return lambda: subprocess.run(
            [str(cli), "--quiet", *a, str(d)], stdout=subprocess.DEVNULL, check=True
        )

    cipin.segment("预热")  # the dictionary, once per process
    tasks = [
        ("parse", sh("parse", "--format", "jsonl"), lambda: cipin.parse(d)),
        (
            "parse + segment",
            sh("segment", "--format", "jsonl"),
            lambda: cipin.segment(cipin.parse(d)),
        ),
    ]
    probe = subprocess.run([str(cli), "freq", "--help"], capture_output=True, text=True)
    if probe.returncode == 0:
        tasks.append(("frequency", sh("freq"), lambda: cipin.frequency(cipin.Corpus(d))))
    print(f"{'task':<18}{'CLI s':>8}{'Python s':>10}{'CLI MB/s':>10}{'Py MB/s':>9}{'Py/CLI':>8}")
    for name, c, p in tasks:
        tc, tp = best(c, args.repeat), best(p, args.repeat)
        print(f"{name:<18}{tc:>8.2f}{tp:>10.2f}{mb / tc:>10.1f}{mb / tp:>9.1f}{tp / tc:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
