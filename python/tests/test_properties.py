"""Property tests (hypothesis)."""

from __future__ import annotations

from collections import Counter

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cipin

# Text the way policy prose looks: common characters, punctuation, digits,
# full-width forms, traditional characters, spaces and line breaks.
ALPHABET = st.sampled_from(
    list(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
    )
    + list("，。！？；：“”、（）《》…—")
    + list("０１２３４５６７８９ＡＢＣ％")
    + list("書記國發")
    + [" ", "\n", "\u3000", "1", "9", "a", "Z"]
)
TEXT = st.text(ALPHABET, max_size=120)
TEXTS = st.lists(TEXT, max_size=8)
SETTINGS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(TEXTS)
def test_frequency_is_a_naive_count_of_segment(texts):
    tokens = cipin.segment(texts)
    naive = Counter(tokens["token"].to_list())
    freq = cipin.frequency(texts, stopwords=None, drop_punct=False)
    assert dict(zip(freq["term"].to_list(), freq["count"].to_list())) == naive
    total = sum(naive.values())
    for _term, count, share in freq.select("term", "count", "share").iter_rows():
        assert abs(share - count / total) < 1e-12
    docs = {t: {d for d, w in zip(tokens["doc"], tokens["token"]) if w == t} for t in naive}
    for term, df in zip(freq["term"], freq["doc_freq"]):
        assert df == len(docs[term])


@SETTINGS
@given(TEXTS)
def test_filtered_frequency_of_tokens_equals_text(texts):
    tokens = cipin.segment(texts)
    a = cipin.frequency(tokens)
    b = cipin.frequency(texts)
    assert a.equals(b)
    assert cipin.ngrams(tokens, (2, 3)).equals(cipin.ngrams(texts, (2, 3)))


@SETTINGS
@given(TEXTS)
def test_parallel_equals_sequential(texts):
    together = cipin.segment(texts)
    parts = [
        cipin.segment(t).with_columns(doc=pl.lit(i, pl.UInt32)).select(together.columns)
        for i, t in enumerate(texts)
    ]
    expected = pl.concat(parts) if parts else together.clear()
    assert together.equals(expected)
    # Counting all texts at once (chunks on the thread pool, merged) equals
    # summing the counts of each text counted alone.
    keep_all = {"stopwords": None, "drop_punct": False}
    whole = cipin.frequency(texts, **keep_all)
    summed: Counter[str] = Counter()
    for t in texts:
        f = cipin.frequency([t], **keep_all)
        summed.update(dict(zip(f["term"].to_list(), f["count"].to_list())))
    assert dict(zip(whole["term"].to_list(), whole["count"].to_list())) == dict(summed)


@SETTINGS
@given(TEXT)
def test_tokens_rebuild_the_text(text):
    seg = cipin.Segmenter(normalize=False)
    t = cipin.segment(text, segmenter=seg)
    assert "".join(t["token"].to_list()) == "".join(text.split())
    for tok, a, b in t.select("token", "start", "end").iter_rows():
        assert text[a:b] == tok
    normalized = cipin.segment(text)
    norm_text = cipin.Segmenter().normalize_text(text)
    assert "".join(normalized["token"].to_list()) == "".join(norm_text.split())


@SETTINGS
@given(TEXT, st.integers(1, 4))
def test_kwic_finds_every_occurrence(text, window):
    seg = cipin.Segmenter()
    tokens = seg.segment(text)["token"].to_list()
    if not tokens:
        return
    word = tokens[len(tokens) // 2]
    k = cipin.kwic(text, word, window=window, segmenter=seg)
    assert k.height == tokens.count(word)
