"""Partial tables that merge: ``shard=(i, n)`` and ``cipin.merge``.

For every mergeable table (frequency, ngrams, tfidf, dtm, keyness,
collocations, cooccurrence) and 1, 2
and 3 shards, the merge of the shards' partial tables equals the in-process
table, on lists of texts, DataFrames with id and group columns, a token
table and a corpus of files; parts pickle; the CLI's parquet parts merge in
Python; bad sets of parts are refused naming the part.
"""

from __future__ import annotations

import pickle
import subprocess

import polars as pl
import pytest

import cipin

TEXTS = [
    "推进共同富裕，推进改革。缩小三大差距！",
    "共同富裕示范区建设的目标。要推进共同富裕",
    "",
    "缩小三大差距，建设共同富裕示范区。",
    "深化新时代“千万工程”，推进乡村振兴。",
    "共同富裕是社会主义的本质要求。",
    "推进改革，深化改革。",
]


def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(TEXTS))],
            "year": [2021, 2022, 2021, None, 2023, 2022, 2021],
            "text": TEXTS,
        }
    )


CALLS = [
    ("frequency", {}),
    ("frequency", {"by": "year", "top": 3, "min_count": 2}),
    ("ngrams", {"n": (2, 3)}),
    ("tfidf", {}),
    ("tfidf", {"by": "year", "top": 2, "min_df": 2, "idf": "raw"}),
    ("keyness", {"by": "year", "target": 2021, "negative": True}),
    ("collocations", {"min_count": 1}),
    ("collocations", {"sort": "pmi", "min_count": 1, "top": 4}),
    ("cooccurrence", {}),
    ("cooccurrence", {"window": None, "min_count": 2, "top": 5}),
]


def merged(fn, data, shards, **kw):
    parts = [fn(data, shard=(i, shards), **kw) for i in range(shards)]
    # Through pickle, as a worker would send them, and in reverse order.
    parts = [pickle.loads(pickle.dumps(p)) for p in reversed(parts)]
    return cipin.merge(parts)


@pytest.mark.parametrize("name,kw", CALLS)
@pytest.mark.parametrize("n", [1, 2, 3])
def test_merged_shards_equal_the_in_process_table_of_a_frame(name, kw, n):
    fn = getattr(cipin, name)
    want = fn(frame(), **kw)
    got = merged(fn, frame(), n, **kw)
    assert got.equals(want), f"{name} {kw} in {n} shards:\n{got}\n{want}"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_merged_shards_of_texts_tokens_and_files(n, seeds):
    for data in (TEXTS, cipin.segment(TEXTS), cipin.Corpus(seeds)):
        for name in ("frequency", "tfidf", "ngrams"):
            fn = getattr(cipin, name)
            assert merged(fn, data, n).equals(fn(data)), (name, type(data))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_merged_dtm_is_the_in_process_dtm(n):
    for kw in ({}, {"by": "year"}, {"min_df": 2}):
        m, vocab, docs = cipin.dtm(frame(), **kw)
        m2, vocab2, docs2 = merged(cipin.dtm, frame(), n, **kw)
        assert (vocab2, docs2) == (vocab, docs)
        assert (m2 != m).nnz == 0 and m2.shape == m.shape


def test_a_partial_says_what_it_is():
    p = cipin.frequency(TEXTS, shard=(1, 3))
    assert p.part == (1, 3) and p.table == "frequency"
    assert p.summary["documents"] == 2
    assert repr(p) == "<cipin.Partial frequency 1/3: 2 documents>"


def test_parts_that_do_not_make_one_table_are_refused():
    f = [cipin.frequency(TEXTS, shard=(i, 2)) for i in range(2)]
    with pytest.raises(ValueError, match=r"part 1/2 is missing"):
        cipin.merge(f[:1])
    with pytest.raises(ValueError, match=r"part 1/2 again"):
        cipin.merge([f[0], f[1], f[1]])
    t = cipin.tfidf(TEXTS, shard=(1, 2))
    with pytest.raises(ValueError, match=r"parts\[1\].*`tfidf`"):
        cipin.merge([f[0], t])
    top = cipin.frequency(TEXTS, shard=(1, 2), top=2)
    with pytest.raises(ValueError, match=r"parts\[1\].*top"):
        cipin.merge([f[0], top])
    other = cipin.frequency(TEXTS, shard=(1, 2), keep_terms=False)
    with pytest.raises(ValueError, match=r"parts\[1\].*counting"):
        cipin.merge([f[0], other])
    with pytest.raises(ValueError, match="shard"):
        cipin.frequency(TEXTS, shard=(2, 2))
    with pytest.raises(TypeError, match="Partial"):
        cipin.merge([f[0], 3])


def test_cli_parts_merge_in_python(cli, seeds, tmp_path):
    """The parquet parts of ``cipin freq --shard I/N`` are what Python merges."""
    paths = []
    for i in range(2):
        p = tmp_path / f"part-{i}.parquet"
        subprocess.run(
            [str(cli), "freq", str(seeds), "--shard", f"{i}/2", "-q", "-o", str(p)], check=True
        )
        paths.append(p)
    whole = tmp_path / "whole.parquet"
    subprocess.run([str(cli), "freq", str(seeds), "-q", "-o", str(whole)], check=True)
    assert cipin.merge(paths).equals(pl.read_parquet(whole))


def test_the_tables_that_merge_take_shard_on_every_surface():
    """The Python functions with ``shard=`` (default ``None``) and the
    ``cipin.dask`` functions are the library's mergeable tables, the list the
    CLI's ``--shard`` is checked against (``cipin_tables::merge::MERGEABLE``)."""
    import inspect

    mergeable = {"frequency", "ngrams", "tfidf", "dtm", "keyness", "collocations", "cooccurrence"}
    with_shard = {
        name
        for name in cipin.__all__
        if callable(getattr(cipin, name))
        and not inspect.isclass(getattr(cipin, name))
        and "shard" in inspect.signature(getattr(cipin, name)).parameters
    }
    assert with_shard == mergeable
    for name in mergeable:
        assert inspect.signature(getattr(cipin, name)).parameters["shard"].default is None
    dask = pytest.importorskip("cipin.dask", reason="dask is not installed")
    assert set(dask.__all__) == mergeable
