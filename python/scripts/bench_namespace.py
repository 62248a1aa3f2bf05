"""Throughput of the polars namespace against the table functions, same work.

    python python/scripts/bench_namespace.py [--mb 10] [--rounds 5]

The texts: about --mb MB of laws from ../shared/corpora (one law a row), else
the seed page's lines repeated. Paired rounds, alternating, best time each:

* ``tokens, namespace``: ``df.with_columns(pl.col("text").cipin.tokens())``;
* ``tokens, segment``: the same lists from the long token table
  (``cipin.segment`` then ``group_by(...).agg("token")``), the way to get
  them without the namespace;
* ``tokens, lazy streaming``: the namespace in a streaming query over
  ``LazyFrame`` (batches of the streaming engine's choice);
* ``count, namespace``: ``.cipin.count([...])`` of 5 terms per row;
* ``count, count_dictionary``: the long table of the same counts.
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
from pathlib import Path

import polars as pl

import cipin

ROOT = Path(__file__).resolve().parents[2]
TERMS = ["发展", "建设", "管理", "人民政府", "规定"]


def texts(limit_mb: float) -> list[str]:
    out: list[str] = []
    size = 0
    laws = ROOT.parent / "shared" / "corpora" / "laws_lawrefbook"
    files = sorted(laws.glob("*.jsonl")) if laws.is_dir() else []
    for f in files:
        for line in f.open(encoding="utf-8"):
            t = json.loads(line)["text"]
            out.append(t)
            size += len(t.encode())
            if size > limit_mb * 1e6:
                return out
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8").splitlines()
    while size < limit_mb * 1e6:
        out.extend(seed)
        size += sum(len(t.encode()) for t in seed)
    return out


def streaming(lf: pl.LazyFrame) -> pl.DataFrame:
    if "engine" in inspect.signature(pl.LazyFrame.collect).parameters:
        return lf.collect(engine="streaming")
    return lf.collect(streaming=True)  # polars < 1.23


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    df = pl.DataFrame({"text": texts(args.mb)})
    mb = df["text"].str.len_bytes().sum() / 1e6
    df = df.with_row_index("doc")
    cipin.Segmenter().cut("预热")  # load the dictionary

    tasks = {
        "tokens, namespace": lambda: df.with_columns(pl.col("text").cipin.tokens()),
        "tokens, segment": lambda: (
            cipin.segment(df, id="doc").group_by("doc", maintain_order=True).agg("token")
        ),
        "tokens, lazy streaming": lambda: streaming(
            df.lazy().with_columns(pl.col("text").cipin.tokens())
        ),
        "count, namespace": lambda: df.with_columns(pl.col("text").cipin.count(TERMS)),
        "count, count_dictionary": lambda: cipin.count_dictionary(
            df, {t: [t] for t in TERMS}, id="doc"
        ),
    }
    best = {k: float("inf") for k in tasks}
    for _ in range(args.rounds):
        for k, fn in tasks.items():
            t0 = time.perf_counter()
            fn()
            best[k] = min(best[k], time.perf_counter() - t0)
    print(f"{len(df)} texts, {mb:.1f} MB, polars {pl.__version__}, best of {args.rounds}")
    print("| task | seconds | MB/s |")
    print("|---|---|---|")
    for k, t in best.items():
        print(f"| {k} | {t:.2f} | {mb / t:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
