"""Count on a Dask cluster: each worker counts its partitions, the partial
tables are merged into the table the one-machine call gives.

``cipin.dask.frequency(data, ...)`` takes what ``cipin.frequency`` takes, but
``data`` is

* a Dask **Bag** of texts (``dask.bag.from_sequence(texts)``,
  ``dask.bag.read_text(...)``): each text is a document, numbered across the
  whole bag as ``cipin.frequency(list(bag))`` numbers them;
* a Dask **DataFrame** with a text column (``text=``, default ``"text"``) and
  any id or group columns (``by=``, ``id=``), as a polars DataFrame would be;
* a **list of files** (paths, or a :class:`cipin.Corpus`): ``npartitions``
  shards of the corpus (documents by index modulo ``npartitions``, as
  ``cipin freq --shard I/N``), each worker reading the files and counting its
  shard.

Each partition is counted with :func:`cipin.frequency` (... ``shard=``) into a
:class:`cipin.Partial` on a worker (segmenters pickle: a configured
:class:`cipin.Segmenter` travels with the task), and :func:`cipin.merge` is the
reduction: the result equals the in-process call's, row for row. The tasks run
on the current Dask scheduler: a ``distributed.Client`` (a ``LocalCluster``, a
``dask_jobqueue.SLURMCluster``) once one is created.

Needs ``dask`` (``pip install "cipin[dask]"``).

Examples
--------
>>> import dask.bag as db
>>> import cipin, cipin.dask
>>> texts = ["推进共同富裕。", "缩小三大差距", "共同富裕示范区", "推进改革"]
>>> bag = db.from_sequence(texts, npartitions=2)
>>> cipin.dask.frequency(bag, scheduler="sync").equals(cipin.frequency(texts))
True
"""

from __future__ import annotations

import os
import pathlib
from typing import Any, Optional

import cipin
from cipin import _tables

__all__ = ["collocations", "cooccurrence", "dtm", "frequency", "keyness", "ngrams", "tfidf"]


def _dask() -> Any:
    try:
        import dask
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('cipin.dask needs dask: pip install "cipin[dask]"') from e
    return dask


def _count_partition(
    part: Any, before: list[int], name: str, kw: dict[str, Any], index: int, count: int
) -> Any:
    """Partition ``index`` of ``count`` (its documents numbered from the sum of
    the earlier partitions' lengths ``before``), counted into a Partial."""
    if hasattr(part, "to_dict") and hasattr(part, "columns"):  # pandas
        import polars as pl

        part = pl.from_pandas(part)
    else:
        part = list(part)
    token = _tables._PART.set((index, count, int(sum(before))))
    try:
        return getattr(cipin, name)(part, **kw)
    finally:
        _tables._PART.reset(token)


def _count_shard(paths: Any, name: str, kw: dict[str, Any], index: int, count: int) -> Any:
    """Shard ``index`` of ``count`` of the files ``paths``, counted into a Partial."""
    return getattr(cipin, name)(paths, shard=(index, count), **kw)


def _len(part: Any) -> int:
    return len(part) if hasattr(part, "__len__") else sum(1 for _ in part)


def _workers() -> int:
    try:
        from distributed import get_client

        return max(1, len(get_client().scheduler_info()["workers"]))
    except (ImportError, ValueError):
        return os.cpu_count() or 1


def _is_paths(data: Any) -> bool:
    return isinstance(data, (str, os.PathLike, cipin.Corpus)) or (
        isinstance(data, (list, tuple))
        and bool(data)
        and all(isinstance(p, (str, os.PathLike)) for p in data)
    )


def _run(
    name: str, data: Any, npartitions: Optional[int], scheduler: Optional[str], kw: dict[str, Any]
) -> Any:
    dask = _dask()
    if kw.get("progress"):
        raise ValueError("progress= is for one machine; watch the Dask dashboard instead")
    kw.pop("progress", None)
    if _is_paths(data):
        if isinstance(data, (str, os.PathLike)):
            data = [data]
        if not isinstance(data, cipin.Corpus):
            data = cipin.Corpus([pathlib.Path(p) for p in data])
        n = npartitions or _workers()
        parts = [dask.delayed(_count_shard)(data, name, kw, i, n) for i in range(n)]
    elif hasattr(data, "to_delayed"):
        pieces = data.to_delayed()
        if hasattr(pieces, "ravel"):  # an array of them (dask.dataframe)
            pieces = list(pieces.ravel())
        n = len(pieces)
        lengths = [dask.delayed(_len)(p) for p in pieces]
        parts = [
            dask.delayed(_count_partition)(p, lengths[:i], name, kw, i, n)
            for i, p in enumerate(pieces)
        ]
    else:
        raise TypeError(
            "data must be a Dask Bag of texts, a Dask DataFrame with a text column, "
            f"or a list of files, not {type(data).__name__}"
        )
    merged = dask.delayed(cipin.merge)(parts)
    return merged.compute(scheduler=scheduler) if scheduler else merged.compute()


def frequency(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.frequency` of ``data`` (see the module), counted by the Dask workers.

    Parameters
    ----------
    data
        A Dask Bag of texts, a Dask DataFrame, or a list of files.
    npartitions
        For files: the number of shards (default: the cluster's workers).
    scheduler
        A Dask scheduler name (``"sync"``, ``"processes"``); default the current one.
    **kw
        The keywords of :func:`cipin.frequency` (``by``, ``top``, ``min_count``, ...).

    Examples
    --------
    >>> import dask.bag as db
    >>> import cipin.dask
    >>> bag = db.from_sequence(["共同富裕", "共同富裕示范区"])
    >>> cipin.dask.frequency(bag, scheduler="sync").row(0)
    ('共同富裕', 2, 2, 0.6666666666666666, 1)
    """
    return _run("frequency", data, npartitions, scheduler, kw)


def tfidf(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.tfidf` counted by the Dask workers (as :func:`frequency`)."""
    return _run("tfidf", data, npartitions, scheduler, kw)


def ngrams(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.ngrams` counted by the Dask workers (as :func:`frequency`)."""
    return _run("ngrams", data, npartitions, scheduler, kw)


def keyness(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.keyness` counted by the Dask workers (as :func:`frequency`)."""
    return _run("keyness", data, npartitions, scheduler, kw)


def dtm(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.dtm`, ``(matrix, vocabulary, doc_ids)``, counted by the Dask workers."""
    return _run("dtm", data, npartitions, scheduler, kw)


def collocations(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.collocations` counted by the Dask workers (as :func:`frequency`)."""
    return _run("collocations", data, npartitions, scheduler, kw)


def cooccurrence(
    data: Any, *, npartitions: Optional[int] = None, scheduler: Optional[str] = None, **kw: Any
) -> Any:
    """:func:`cipin.cooccurrence` counted by the Dask workers (as :func:`frequency`)."""
    return _run("cooccurrence", data, npartitions, scheduler, kw)
