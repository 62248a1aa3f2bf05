"""Issue 15: patterns of several words, and compounds (``compound=``)."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

import cipin

TEXT = "推动高质量发展，实现高質量發展。高质量、发展。坚持高质量发展不动摇"


def hits(data, pattern, **kw):
    return cipin.kwic(data, pattern, **kw).select("start", "keyword").rows()


def test_a_word_the_segmenter_cuts_matches_its_tokens_in_sequence():
    assert cipin.Segmenter().cut("高质量发展") == ["高质量", "发展"]
    found = hits(TEXT, "高质量发展")
    assert len(found) == 3
    assert found == hits(TEXT, "高质量发展", match="substring")
    assert found == hits(TEXT, "高质量 发展")
    # The keyword is the whole phrase, as in the original text.
    assert [k for _, k in found] == ["高质量发展", "高質量發展", "高质量发展"]


def test_kwic_of_a_cut_word_on_the_seed(articles):
    n = sum(t.count("高质量发展") for t in articles["text"])
    assert n > 0
    tokens = cipin.kwic(articles, "高质量发展")
    substring = cipin.kwic(articles, "高质量发展", match="substring")
    assert tokens.height == n
    assert tokens.select("article", "start", "keyword").equals(
        substring.select("article", "start", "keyword")
    )


def test_compound_joins_tokens_everywhere():
    seg = cipin.Segmenter(compound=["高质量发展"])
    assert seg.cut("推动高质量发展") == ["推动", "高质量发展"]
    assert seg.compound == ("高质量发展",)
    assert cipin.segment("推动高质量发展", compound=["高质量发展"])["token"].to_list() == [
        "推动",
        "高质量发展",
    ]
    freq = cipin.frequency(TEXT, compound=["高质量发展"])
    counts = dict(freq.select("term", "count").iter_rows())
    assert counts["高质量发展"] == 3 and counts.get("发展") == 1
    assert hits(TEXT, "高质量发展", segmenter=seg) == hits(TEXT, "高质量发展")
    # Written traditional, normalised as the text is.
    assert cipin.Segmenter(compound=["高質量發展"]).cut("高质量发展") == ["高质量发展"]
    # A compound joins only tokens: 提高质量发展 is cut 提高 / 质量 / 发展.
    assert cipin.Segmenter(compound=["高质量发展"]).cut("提高质量发展") == cipin.Segmenter().cut(
        "提高质量发展"
    )


def test_compound_never_changes_the_text(articles):
    seg = cipin.Segmenter(compound=["高质量发展", "共同富裕示范区", "三大差距"])
    plain = cipin.segment(articles, segmenter=cipin.Segmenter(normalize=False))
    joined = cipin.segment(
        articles, segmenter=cipin.Segmenter(normalize=False, compound=["高质量发展"])
    )

    def text(t: pl.DataFrame) -> pl.DataFrame:
        return t.group_by("article", maintain_order=True).agg(pl.col("token").str.join(""))

    assert text(plain).equals(text(joined))
    assert (joined["token"] == "高质量发展").sum() > 0
    assert pickle.loads(pickle.dumps(seg)) == seg
    assert "compound=" in repr(seg)


def test_compound_in_the_namespace_and_its_errors():
    s = pl.Series(["推动高质量发展"])
    assert s.cipin.tokens(compound=["高质量发展"]).to_list() == [["推动", "高质量发展"]]
    with pytest.raises(TypeError, match="wrap it"):
        cipin.Segmenter(compound="高质量发展")
    with pytest.raises(ValueError, match="empty compound"):
        cipin.Segmenter(compound=["  "])
    with pytest.raises(TypeError, match="must be a str"):
        cipin.Segmenter(compound=[1])
    with pytest.raises(ValueError, match="either segmenter= or compound="):
        cipin.frequency(TEXT, segmenter=cipin.Segmenter(), compound=["高质量发展"])


def test_dictionary_entries_that_are_cut_match_as_phrases():
    d = {"发展": ["高质量发展"]}
    kept = cipin.count_dictionary(TEXT, d)["count"].to_list()
    cut = cipin.count_dictionary(TEXT, d, keep_words=False)["count"].to_list()
    spaced = cipin.count_dictionary(TEXT, {"发展": ["高质量 发展"]}, keep_words=False)
    assert kept == cut == spaced["count"].to_list() == [3]
