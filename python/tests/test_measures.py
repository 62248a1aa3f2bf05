"""The measures (skip-grams, dispersion, lexical diversity, similarity, fcm)
against independent computations, and the same as the CLI's."""

from __future__ import annotations

import itertools
import math

import numpy as np
import polars as pl
import pytest
from test_cli import cli_table, same_as_cli

import cipin

# Gries (2008: 406), "Dispersions and adjusted frequencies in corpora", IJCL
# 13(4); also Gries (2020), "Analyzing dispersion", p. 3: five parts of 9,
# 10, 10, 10 and 11 words.
GRIES = [
    "b a m n i b e u p",
    "b a s a t b e w q n",
    "b c a g a b e s t a",
    "b a g h a b e a a t",
    "b a h a a b e a x a t",
]


def token_table(lines: list[str]) -> pl.DataFrame:
    rows = [(str(i), w) for i, line in enumerate(lines) for w in line.split()]
    return pl.DataFrame(rows, schema=["doc_id", "token"], orient="row")


def test_skipgrams_are_every_choice_of_gaps():
    words = ["甲", "乙", "丙", "丁", "戊", "己"]
    table = pl.DataFrame({"id": ["0"] * len(words), "token": words})
    for n, skip in [(2, 1), (3, 1), (2, 2), (3, 2)]:
        got = cipin.ngrams(table, n, skip=skip, stopwords=None)
        want: dict[str, int] = {}
        for at in itertools.combinations(range(len(words)), n):
            if all(1 <= b - a <= skip + 1 for a, b in zip(at, at[1:])):
                key = " ".join(words[i] for i in at)
                want[key] = want.get(key, 0) + 1
        assert dict(zip(got["ngram"].to_list(), got["count"].to_list())) == want, (n, skip)
    with pytest.raises(ValueError):
        cipin.ngrams(table, 2, skip=-1)
    with pytest.raises(ValueError, match="skip 10"):
        cipin.ngrams(table, 2, skip=10)


def test_dispersion_reproduces_gries():
    d = cipin.dispersion(token_table(GRIES), ["a", "b", "i", "q", "x"], stopwords=None)
    rows = {r["term"]: r for r in d.iter_rows(named=True)}
    # Gries (2008: 416): DP of `a` 0.18; DPnorm 0.18/0.82; D by hand 0.785150.
    assert rows["a"]["dp"] == pytest.approx(0.18)
    assert rows["a"]["dp_norm"] == pytest.approx(0.18 / 0.82)
    assert rows["a"]["juilland_d"] == pytest.approx(0.785150, abs=1e-6)
    # Gries (2020), three decimals.
    for term, (dj, dp, norm) in {
        "b": (0.968, 0.02, 0.024),
        "i": (0.0, 0.82, 1.0),
        "q": (0.0, 0.8, 0.976),
        "x": (0.0, 0.78, 0.951),
    }.items():
        assert rows[term]["juilland_d"] == pytest.approx(dj, abs=5e-4)
        assert rows[term]["dp"] == pytest.approx(dp, abs=5e-4)
        assert rows[term]["dp_norm"] == pytest.approx(norm, abs=5e-4)


def test_dispersion_against_numpy(articles):
    """Every term of the seed page against the formulas on the dense DTM."""
    d = cipin.dispersion(articles)
    m, vocab, _ = cipin.dtm(articles)
    x = m.toarray().astype(float)
    sizes = x.sum(axis=1)  # the kept tokens of each document (dtm's filter is the same)
    x = x[sizes > 0]
    sizes = sizes[sizes > 0]
    s = sizes / sizes.sum()
    col = {w: j for j, w in enumerate(vocab)}
    for r in d.head(50).iter_rows(named=True):
        v = x[:, col[r["term"]]]
        assert r["count"] == v.sum()
        assert r["dp"] == pytest.approx(0.5 * np.abs(v / v.sum() - s).sum())
        assert r["dp_norm"] == pytest.approx(r["dp"] / (1 - s.min()))
        p = v / sizes
        assert r["juilland_d"] == pytest.approx(1 - p.std() / p.mean() / math.sqrt(len(p) - 1))


def test_lexdiv_by_hand():
    # a a b c d: MTLD forward 5/1, backward 5/(0.2/0.28) = 7, mean 6;
    # a b a c with windows of 2: MATTR 1; TTR 0.75, R 3/2.
    out = cipin.lexdiv(token_table(["a a b c d", "a b a c"]), window=2)
    assert out.columns == ["doc_id", "tokens", "types", "ttr", "guiraud_r", "mattr", "mtld"]
    a, b = out.row(0, named=True), out.row(1, named=True)
    assert a["mtld"] == pytest.approx(6.0)
    assert (b["ttr"], b["guiraud_r"], b["mattr"]) == (0.75, 1.5, 1.0)
    # A document without kept tokens: every measure NaN.
    empty = cipin.lexdiv(["。，"])
    assert empty["tokens"].to_list() == [0] and math.isnan(empty["ttr"][0])
    with pytest.raises(ValueError):
        cipin.lexdiv(["a"], threshold=1.5)


def dense_scipy(m, method: str) -> np.ndarray:
    from scipy.spatial import distance

    x = m.toarray()
    n = x.shape[0]
    out = np.full((n, n), np.nan)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            with np.errstate(all="ignore"):
                if method == "cosine":
                    out[i, j] = 1 - distance.cosine(x[i], x[j])
                elif method == "jaccard":
                    out[i, j] = 1 - distance.jaccard(x[i] > 0, x[j] > 0)
                else:
                    out[i, j] = 1 - distance.correlation(x[i], x[j])
    return out


@pytest.mark.parametrize("method", ["cosine", "jaccard", "correlation"])
def test_simil_against_scipy(articles, method):
    m, _, docs = cipin.dtm(articles)
    want = dense_scipy(m, method)
    got = cipin.simil(articles, method=method, top=None)
    key = list(docs)
    pos = {d: i for i, d in enumerate(key)}
    ids = [c for c in got.columns if c not in ("other", "similarity", "rank")]
    assert ids == ["doc"]
    seen = set()
    for r in got.iter_rows(named=True):
        i = pos[tuple(r["doc"].values()) if isinstance(r["doc"], dict) else r["doc"]]
        j = pos[tuple(r["other"].values()) if isinstance(r["other"], dict) else r["other"]]
        assert r["similarity"] == pytest.approx(want[i, j], abs=1e-12)
        seen.add((i, j))
    # Every pair with a defined similarity is listed (cosine, Jaccard: if > 0).
    for i, j in zip(*np.nonzero(~np.isnan(want))):
        if method == "correlation" or want[i, j] > 0:
            assert (i, j) in seen
    # top=2: the first two of each document, most similar first.
    top = cipin.simil(articles, method=method, top=2)
    assert top["rank"].max() <= 2
    for _, group in top.group_by("doc", maintain_order=True):
        assert group["similarity"].is_sorted(descending=True)
        assert group["rank"].to_list() == list(range(1, group.height + 1))


def test_fcm_is_the_cooccurrence_table():
    texts = ["共同富裕 示范区 建设", "建设 共同富裕"]
    m, vocab = cipin.fcm(texts, window=1)
    pairs = cipin.cooccurrence(texts, window=1)
    assert (m != m.T).nnz == 0 and m.diagonal().sum() == 0
    for w1, w2, count in pairs.select("w1", "w2", "count").iter_rows():
        assert m[vocab.index(w1), vocab.index(w2)] == count
    assert m.sum() == 2 * pairs["count"].sum()


def test_measures_equal_cli(cli, seeds):
    path = str(seeds)
    corpus = cipin.Corpus(seeds)
    cases = [
        (cipin.ngrams(corpus, 2, skip=2), ["ngrams", "--skip", "2", path]),
        (cipin.dispersion(corpus), ["dispersion", path]),
        (
            cipin.dispersion(corpus, ["发展", "建设", "不在"]),
            ["dispersion", "--terms", "发展,建设,不在", path],
        ),
        (cipin.lexdiv(corpus, window=50), ["lexdiv", "--window", "50", path]),
        (cipin.simil(corpus), ["simil", path]),
        (
            cipin.simil(corpus, method="correlation", top=3),
            ["simil", "--method", "correlation", "--top", "3", path],
        ),
    ]
    for mine, args in cases:
        same_as_cli(mine, cli_table(cli, *args))


def test_readability_by_hand():
    # 我们 发展 经济 / 我们 改革: 2 sentences, 5 words, 10 Han characters;
    # every character and word is on the common lists.
    r = cipin.readability(token_table(["我们 发展 经济 。 我们 改革 ！"]))
    row = r.row(0, named=True)
    assert (row["sentences"], row["words"], row["chars"]) == (2, 5, 10)
    assert (row["chars_per_sentence"], row["words_per_sentence"]) == (5.0, 2.5)
    assert (row["common_char_share"], row["common_word_share"]) == (1.0, 1.0)
    # 饕餮 is neither a common word nor made of common characters.
    rare = cipin.readability(["饕餮 发展。"]).row(0, named=True)
    assert (rare["common_char_share"], rare["common_word_share"]) == (0.5, 0.5)


def test_readability_equals_cli(cli, seeds):
    corpus = cipin.Corpus(seeds)
    same_as_cli(cipin.readability(corpus), cli_table(cli, "readability", str(seeds)))
