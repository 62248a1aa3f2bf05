"""``cipin.dask`` on a two-process ``LocalCluster``: every table counted by the
workers (partitions of a Bag or a DataFrame, shards of a list of files) and
merged equals the in-process call."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

# The oldest-polars environment (python/scripts/test.sh, step 5) installs
# only the core test dependencies: no dask there.
distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (pip install 'cipin[dask]')"
)
dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed")
db = pytest.importorskip("dask.bag")

import cipin  # noqa: E402
import cipin.dask  # noqa: E402

TEXTS = [
    "推进共同富裕，推进改革。缩小三大差距！",
    "共同富裕示范区建设的目标。要推进共同富裕",
    "",
    "缩小三大差距，建设共同富裕示范区。",
    "深化新时代“千万工程”，推进乡村振兴。",
    "共同富裕是社会主义的本质要求。",
    "推进改革，深化改革。",
] * 3
YEARS = ["2021", "2022", "2023"]


def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(TEXTS))],
            "year": [YEARS[i % 3] for i in range(len(TEXTS))],
            "text": TEXTS,
        }
    )


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_a_configured_segmenter_pickles():
    seg = cipin.Segmenter(keep_terms=False, stopwords=["推进"])
    back = pickle.loads(pickle.dumps(seg))
    assert cipin.frequency(TEXTS, segmenter=back).equals(cipin.frequency(TEXTS, segmenter=seg))


@pytest.mark.parametrize(
    "name,kw",
    [
        ("frequency", {}),
        ("frequency", {"top": 4, "min_count": 2}),
        ("ngrams", {"n": (2, 3)}),
        ("tfidf", {"top": 3}),
        ("collocations", {"min_count": 2}),
        ("cooccurrence", {"window": None}),
    ],
)
def test_a_bag_of_texts_counts_as_the_list(client, name, kw):
    bag = db.from_sequence(TEXTS, npartitions=4)
    got = getattr(cipin.dask, name)(bag, **kw)
    assert got.equals(getattr(cipin, name)(TEXTS, **kw))


@pytest.mark.parametrize(
    "name,kw",
    [
        ("frequency", {"by": "year"}),
        ("tfidf", {"min_df": 2}),
        ("keyness", {"by": "year", "target": "2022"}),
        ("ngrams", {"by": "year", "top": 2}),
    ],
)
def test_a_dask_dataframe_counts_as_the_polars_one(client, name, kw):
    ddf = dd.from_pandas(frame().to_pandas(), npartitions=3)
    got = getattr(cipin.dask, name)(ddf, **kw)
    assert got.equals(getattr(cipin, name)(frame(), **kw))


def test_the_dtm_and_a_configured_segmenter_travel(client):
    seg = cipin.Segmenter(keep_terms=False)
    ddf = dd.from_pandas(frame().to_pandas(), npartitions=3)
    m, vocab, docs = cipin.dask.dtm(ddf, segmenter=seg)
    m1, vocab1, docs1 = cipin.dtm(frame(), segmenter=seg)
    assert (vocab, docs) == (vocab1, docs1)
    assert (m != m1).nnz == 0


def test_files_are_counted_in_shards(client, seeds):
    got = cipin.dask.frequency([seeds], npartitions=3, by="article")
    assert got.equals(cipin.frequency(cipin.Corpus(seeds), by="article"))


def test_other_inputs_are_refused():
    with pytest.raises(TypeError, match="Dask Bag"):
        cipin.dask.frequency(42)
