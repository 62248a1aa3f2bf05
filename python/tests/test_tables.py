"""The tables, on text and on token tables: columns, types, filters, and
agreement between the two paths (Rust tables crate vs polars)."""

from __future__ import annotations

import pathlib

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import cipin

IDS = ["doc_id", "article"]


def same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert_frame_equal(a, b, check_exact=False)


# -- columns and types ------------------------------------------------------


def test_frequency_columns(articles):
    f = cipin.frequency(articles)
    assert f.columns == ["term", "count", "doc_freq", "share", "rank"]
    assert f.schema["count"] == pl.UInt64 and f.schema["rank"] == pl.UInt32
    assert f["rank"].to_list() == list(range(1, f.height + 1))
    counts = f["count"].to_list()
    assert counts == sorted(counts, reverse=True)
    assert abs(f["share"].sum() - 1.0) < 1e-9
    assert "的" not in f["term"].to_list() and "，" not in f["term"].to_list()


def test_frequency_filters(articles):
    everything = cipin.frequency(articles, stopwords=None, drop_punct=False)
    assert {"的", "，"} <= set(everything["term"])
    no_nums = cipin.frequency(articles, drop_numbers=True)
    assert not any(t.isdigit() for t in no_nums["term"])
    long = cipin.frequency(articles, min_len=3)
    assert all(len(t) >= 3 for t in long["term"])
    frequent = cipin.frequency(articles, min_count=5)
    assert frequent["count"].min() >= 5
    common = cipin.frequency(articles, min_df=3)
    assert common["doc_freq"].min() >= 3
    rare = cipin.frequency(articles, max_df=0.2)
    assert rare["doc_freq"].max() <= 0.2 * articles.height
    extra = cipin.frequency(articles, extra_stopwords=["建设"])
    assert "建设" not in extra["term"].to_list() and "的" not in extra["term"].to_list()
    mine = cipin.frequency(articles, stopwords=["建设"])
    assert "的" in mine["term"].to_list() and "建设" not in mine["term"].to_list()
    nouns = cipin.frequency(articles, pos=["n"], top=5)
    assert nouns.height == 5


def test_frequency_by_and_top(articles):
    f = cipin.frequency(articles, by="kind", top=3)
    assert f.columns[0] == "kind"
    assert f.group_by("kind").len()["len"].max() == 3
    by_article = cipin.frequency(articles, by="article", top=1)
    assert by_article["article"].dtype == pl.UInt32
    assert by_article["article"].to_list() == sorted(by_article["article"].to_list())
    two = cipin.frequency(articles, by=["doc_id", "kind"], top=2)
    assert two.columns[:2] == ["doc_id", "kind"]


def test_term_frequency(articles):
    tf = cipin.term_frequency(articles, by="article")
    assert tf.columns == ["article", "term", "count", "tf"]
    sums = tf.group_by("article").agg(pl.col("tf").sum())["tf"]
    assert all(abs(s - 1.0) < 1e-9 for s in sums)


def test_tfidf(articles):
    t = cipin.tfidf(articles)
    assert t.columns == [*IDS, "term", "count", "tf", "idf", "tfidf"]
    raw = cipin.tfidf(articles, idf="raw", top=2)
    assert raw.group_by(IDS).len()["len"].max() == 2
    with pytest.raises(ValueError, match="idf"):
        cipin.tfidf(articles, idf="bm25")


def test_ngrams(articles):
    g = cipin.ngrams(articles, (2, 3))
    assert g.columns == ["ngram", "n", "count", "doc_freq"]
    assert set(g["n"]) == {2, 3}
    assert all(len(x.split(" ")) == n for x, n in zip(g["ngram"], g["n"]))
    with pytest.raises(ValueError, match="n-gram"):
        cipin.ngrams(articles, 6)


def test_collocations_and_cooccurrence(articles):
    c = cipin.collocations(articles, sort="llr", min_count=2, top=10)
    assert c.columns == ["w1", "w2", "count", "pmi", "llr", "t"]
    assert c["llr"].to_list() == sorted(c["llr"].to_list(), reverse=True)
    assert c["count"].min() >= 2
    co = cipin.cooccurrence(articles, window=3, top=10)
    assert co.columns == ["w1", "w2", "count", "pmi"]
    assert all(a < b for a, b in zip(co["w1"], co["w2"]))
    with pytest.raises(ValueError, match="sort"):
        cipin.collocations(articles, sort="dice")


def test_keyness(articles):
    k = cipin.keyness(articles, by="article", target=0)
    assert k.columns == ["term", "count_target", "count_reference", "g2", "log_ratio", "p_value"]
    assert (k["log_ratio"] > 0).all()
    assert k["g2"].to_list() == sorted(k["g2"].to_list(), reverse=True)
    assert k["p_value"].is_between(0, 1).all()
    with pytest.raises(ValueError, match="no document"):
        cipin.keyness(articles, by="article", target=99)
    with pytest.raises(ValueError):
        cipin.keyness(["甲", "乙"], by="x", target="y")


def test_keywords(articles):
    k = cipin.keywords(articles, k=3)
    assert k.columns == [*IDS, "method", "rank", "keyword", "score"]
    assert set(k["method"]) == {"tfidf", "textrank"}
    assert k["rank"].max() == 3
    jieba = cipin.keywords(articles, k=2, method="tfidf", idf="jieba")
    assert set(jieba["method"]) == {"tfidf"}


def test_kwic(articles):
    k = cipin.kwic(articles, "三大差距", match="substring", unit="chars", window=4)
    assert k.columns == [*IDS, "start", "left", "keyword", "right"]
    assert k.height >= 5 and set(k["keyword"]) == {"三大差距"}
    for row in k.iter_rows(named=True):
        text = articles.filter(article=row["article"])["text"][0]
        assert text[row["start"] : row["start"] + 4] == "三大差距"
    seg = cipin.Segmenter(user_words=["三大差距"])
    by_token = cipin.kwic(articles, "三大差距", segmenter=seg)
    assert by_token.height == k.height
    trad = cipin.kwic(articles, "縮小", match="substring")
    assert trad.height == cipin.kwic(articles, "缩小", match="substring").height > 0


def test_dtm(articles):
    m, vocab, docs = cipin.dtm(articles)
    assert m.shape == (articles.height, len(vocab))
    assert vocab == sorted(vocab)
    assert docs[0] == (articles["doc_id"][0], 0)
    f = cipin.frequency(articles)
    total = dict(zip(f["term"], f["count"]))
    col_sums = m.sum(axis=0).A1
    assert all(total[v] == s for v, s in zip(vocab, col_sums))
    m2, _, groups = cipin.dtm(articles, by="kind")
    assert groups == ["article", "banner"] and m2.shape[0] == 2


def test_corpus_of_files(seeds, articles):
    corpus = cipin.Corpus(seeds)
    f = cipin.frequency(corpus)
    assert f.columns == ["term", "count", "doc_freq", "share", "rank"]
    # Paths work directly too.
    assert cipin.frequency(pathlib.Path(seeds)).equals(f)
    by_kind = cipin.frequency(corpus, by="kind", top=2)
    assert by_kind["kind"].to_list() == ["article", "article", "banner", "banner"]
    t = cipin.tfidf(corpus, top=1)
    assert t.columns[0] == "article" and t["article"][0].endswith("#0")


def test_text_inputs_agree():
    texts = ["推进共同富裕，推进改革。", "共同富裕示范区"]
    a = cipin.frequency(texts)
    b = cipin.frequency(pl.Series(texts))
    c = cipin.frequency(pl.DataFrame({"text": texts}))
    d = cipin.frequency(pl.DataFrame({"body": texts}), text="body")
    for x in (b, c, d):
        same(a, x)


# -- the token path equals the text path ----------------------------------


@pytest.mark.parametrize("by", [None, "kind", "article"])
def test_token_tables_equal_text_tables(articles, tokens, by):
    same(cipin.frequency(tokens, by=by, id=IDS), cipin.frequency(articles, by=by))
    same(
        cipin.term_frequency(tokens, by=by, id=IDS, top=5),
        cipin.term_frequency(articles, by=by, top=5),
    )
    same(cipin.tfidf(tokens, by=by, id=IDS), cipin.tfidf(articles, by=by))
    same(cipin.ngrams(tokens, (2, 3), by=by, id=IDS), cipin.ngrams(articles, (2, 3), by=by))


@pytest.mark.parametrize("sort", ["count", "pmi", "llr", "t"])
def test_token_collocations_equal_text(articles, tokens, sort):
    same(cipin.collocations(tokens, sort=sort), cipin.collocations(articles, sort=sort))


def test_token_associations_equal_text(articles, tokens):
    keep_all = {"stopwords": None, "drop_punct": False}
    same(cipin.ngrams(tokens, 2, **keep_all), cipin.ngrams(articles, 2, **keep_all))
    same(cipin.collocations(tokens, **keep_all), cipin.collocations(articles, **keep_all))
    same(cipin.cooccurrence(tokens), cipin.cooccurrence(articles))
    same(cipin.cooccurrence(tokens, window=None), cipin.cooccurrence(articles, window=None))
    same(
        cipin.keyness(tokens, by="article", target=0),
        cipin.keyness(articles, by="article", target=0),
    )
    same(
        cipin.keyness(tokens, by="article", target=0, reference=1, negative=True),
        cipin.keyness(articles, by="article", target=0, reference=1, negative=True),
    )
    same(cipin.keywords(tokens, id=IDS), cipin.keywords(articles))
    # Token contexts are the tokens joined: the text's whitespace is not in them.
    nows = [pl.col(c).str.replace_all(r"\s", "") for c in ("left", "keyword", "right")]
    for pattern in ("差距", "三大 差距", "共*"):
        same(
            cipin.kwic(tokens, pattern, window=3, id=IDS).with_columns(nows),
            cipin.kwic(articles, pattern, window=3).with_columns(nows),
        )
    m1, v1, d1 = cipin.dtm(tokens, id=IDS)
    m2, v2, d2 = cipin.dtm(articles)
    assert (m1 != m2).nnz == 0 and v1 == v2 and d1 == d2


def test_token_table_errors(tokens):
    with pytest.raises(ValueError, match="pos"):
        cipin.frequency(tokens, pos=["n"])
    with pytest.raises(ValueError, match="no column"):
        cipin.frequency(tokens, by="headline")
    with pytest.raises(ValueError, match="text"):
        cipin.keywords(tokens, idf="jieba")
    with pytest.raises(ValueError):
        cipin.kwic(tokens, "差距", unit="chars")
    tagged = cipin.segment(["我们发展经济"], pos=True)
    nouns = cipin.frequency(tagged, pos=["n"])
    assert nouns["term"].to_list() == ["经济"]


def test_token_tables_gaps_sentences_and_documents():
    t = cipin.segment(["推进共同富裕。推进改革的建设", "共同富裕示范区建设"])
    # Rows removed from a token table leave gaps that no n-gram spans.
    gapped = cipin.ngrams(t.filter(pl.col("token") != "的"), 2, stopwords=None)
    assert "推进改革 建设" not in gapped["ngram"].to_list()
    # Without `sentence` and `position`, a sentence ends after 。 as in text.
    bare = cipin.ngrams(t.select("doc", "token"), 2, stopwords=None, drop_punct=False)
    assert "共同富裕 。" in bare["ngram"].to_list()
    assert "。 推进改革" not in bare["ngram"].to_list()
    # The rows of a document need not be together.
    assert cipin.frequency(t.sort("doc", descending=True)).equals(cipin.frequency(t))
    # Without id columns the table is one document, named by no column.
    one = t.drop("doc")
    assert cipin.tfidf(one).columns == ["term", "count", "tf", "idf", "tfidf"]
    assert cipin.keywords(one, k=1).columns == ["method", "rank", "keyword", "score"]
    assert cipin.kwic(one, "建设").columns == ["start", "left", "keyword", "right"]
    assert cipin.count_dictionary(one, {"a": ["建设"]}).rows() == [("a", 2, 8, 0.25)]
    _, _, rows = cipin.dtm(one)
    assert rows == [()]
    with pytest.raises(ValueError, match="no document has doc = `7`"):
        cipin.keyness(t, by="doc", target=7)


def test_segmenter_methods_use_its_stopwords(articles):
    seg = cipin.Segmenter(stopwords=["建设"])
    f = seg.frequency(articles)
    assert "建设" not in f["term"].to_list() and "的" in f["term"].to_list()
    same(f, cipin.frequency(articles, stopwords=["建设"]))
    assert seg.kwic(articles, "建设", window=1).height > 0


def test_slogans_on_the_seed(seeds):
    df = cipin.slogans(cipin.Corpus(seeds))
    assert df.columns == ["term", "kind", "count", "doc_freq", "example"]
    rows = {r[0]: r for r in df.rows()}
    # Counted on the page itself: `grep -o 三大差距` gives 17, 六干 7.
    assert rows["三大差距"][1:4] == ("both", 17, 2)
    assert rows["六干"][2] == 7
    assert rows["四个总体原则"][1] == "numbered"
    assert "三大差距" in rows["三大差距"][4]
    per = cipin.slogans(cipin.Corpus(seeds), by="article", top=3)
    assert per.columns[0] == "article"
    assert per.group_by("article").len()["len"].max() <= 3
    with pytest.raises(TypeError):
        cipin.slogans(cipin.segment("缩小“三大差距”"))


def test_one_native_entry_point_for_the_tables():
    from cipin import _cipin
    from cipin._util import to_polars

    corpus = _cipin.corpus_from_texts(texts=["推进共同富裕，推进改革。"])
    seg = cipin.Segmenter()._native
    table, summary = _cipin.table("frequency", corpus, seg)
    assert summary["documents"] == 1
    # Without a filter every token counts, punctuation included.
    assert "，" in to_polars(table)["term"].to_list()
    with pytest.raises(ValueError, match="no table named"):
        _cipin.table("frequencies", corpus, seg)
    expected = "ngrams: unknown field `n_mx`, expected one of `n_min`, `n_max`, `skip`"
    with pytest.raises(TypeError, match=expected):
        _cipin.table("ngrams", corpus, seg, n_mx=3)
