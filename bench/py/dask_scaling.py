"""cipin.dask on a LocalCluster of 1 then 2 worker processes (one thread each)
against the in-process call, on the laws corpus.

    python bench/py/dask_scaling.py [CORPUS_DIR] [ROUNDS]

The texts are a Dask Bag of the JSONL files' ``text`` fields (one partition
per file); the in-process call counts the same texts as a list. Each figure
is the wall time of the call (the cluster already started, the workers warm:
a first untimed call loads the dictionary in every worker). The results are
checked equal to the in-process table.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import cipin
import cipin.dask
import dask.bag as db
from distributed import Client, LocalCluster

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    corpus = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else ROOT.parent / "shared/corpora/laws_lawrefbook"
    )
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    files = sorted(str(p) for p in corpus.glob("*.jsonl"))
    texts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(
        f"{len(files)} files, {len(texts)} documents, {mb:.1f} MB of text; {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    bag = db.read_text(files, blocksize=None).map(json.loads).pluck("text")
    want = cipin.frequency(texts)
    cipin.frequency(texts)
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers,
                processes=True,
                threads_per_worker=1,
                dashboard_address=None,
            ) as cluster,
            Client(cluster),
        ):
            assert cipin.dask.frequency(bag).equals(
                want
            )  # warm: every worker loads the dictionary
            for r in range(rounds):
                t = time.perf_counter()
                got = cipin.dask.frequency(bag)
                dask_s = time.perf_counter() - t
                t = time.perf_counter()
                cipin.frequency(texts)
                here_s = time.perf_counter() - t
                assert got.equals(want)
                print(
                    f"{workers} worker(s), round {r + 1}: dask {dask_s:.2f} s, in process {here_s:.2f} s"
                )


if __name__ == "__main__":
    main()
