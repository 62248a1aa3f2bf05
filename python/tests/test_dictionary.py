"""cipin.count_dictionary and cipin.dictionary_matches: dictionaries from dicts
and files, the tables on text and on token tables, and agreement with the CLI."""

from __future__ import annotations

import json
import subprocess

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import cipin

POLICY = {
    "发展": ["发展*"],
    "政策": {"富裕": ["共同富裕", "共富"], "差距": ["*差距"]},
    "地方": ["黄岩", "西城"],
    "推进": ["推进 *"],
}
CATS = ["发展", "政策.富裕", "政策.差距", "地方", "推进"]


def test_columns_types_and_every_row():
    texts = ["推进共同富裕，促进高质量发展。", "缩小三大差距", ""]
    df = cipin.count_dictionary(texts, POLICY)
    assert df.columns == ["doc", "category", "count", "tokens", "share"]
    assert df.schema["count"] == pl.UInt64 and df.schema["tokens"] == pl.UInt64
    assert df.schema["share"] == pl.Float64
    # Every document × every category, zeros included, in order.
    assert df.height == 3 * len(CATS)
    assert df["doc"].to_list() == [0] * 5 + [1] * 5 + [2] * 5
    assert df["category"].to_list() == CATS * 3
    rows = {(r[0], r[1]): r[2:] for r in df.rows()}
    assert rows[(0, "发展")] == (1, 5, 0.2)
    assert rows[(0, "政策.富裕")][0] == 1
    assert rows[(0, "推进")][0] == 1
    assert rows[(1, "政策.差距")][0] == 1
    assert rows[(2, "发展")] == (0, 0, 0.0)


def test_seed_counts_match_the_frequency_table(seeds):
    corpus = cipin.Corpus(seeds)
    d = {"富裕": ["共同富裕", "共富"], "差距": ["三大差距"]}
    df = cipin.count_dictionary(corpus, d)
    assert df.columns[:2] == ["article", "category"]
    assert df.height == 7 * 2
    totals = dict(df.group_by("category").agg(pl.col("count").sum()).rows())
    # The same tokens (the dictionary's words are user words), counted by frequency().
    seg = cipin.Segmenter(user_words=["共同富裕", "共富", "三大差距"])
    freq = dict(
        cipin.frequency(corpus, segmenter=seg, stopwords=None).select("term", "count").rows()
    )
    assert totals["富裕"] == freq["共同富裕"] + freq["共富"]
    assert totals["差距"] == freq["三大差距"] == 17  # `grep -o 三大差距` on the page
    tokens = df.group_by("article", maintain_order=True).agg(pl.col("tokens").first())
    assert tokens["tokens"].sum() == sum(freq.values())
    assert (df["count"] <= df["tokens"]).all()


def test_nested_file_formats_and_errors(tmp_path):
    y = tmp_path / "d.yaml"
    y.write_text("发展: [发展*]\n政策:\n  富裕: [共同富裕]\n", encoding="utf-8")
    j = tmp_path / "d.json"
    j.write_text(json.dumps({"发展": ["发展*"], "政策": {"富裕": "共同富裕"}}), encoding="utf-8")
    t = tmp_path / "d.txt"
    t.write_text("发展: 发展*\n政策.富裕: 共同富裕\n", encoding="utf-8")
    texts = ["推进共同富裕，促进高质量发展。"]
    want = cipin.count_dictionary(texts, {"发展": ["发展*"], "政策": {"富裕": ["共同富裕"]}})
    for p in (y, j, t, str(y)):
        assert_frame_equal(cipin.count_dictionary(texts, p), want)
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "a": ["x",\n  "re:("]}\n', encoding="utf-8")
    with pytest.raises(cipin.DictionaryError) as e:
        cipin.count_dictionary(texts, bad)
    assert e.value.file == str(bad) and e.value.line == 3
    assert "category `a`" in str(e.value)
    with pytest.raises(FileNotFoundError):
        cipin.count_dictionary(texts, tmp_path / "missing.yaml")
    csv = tmp_path / "d.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown dictionary format"):
        cipin.count_dictionary(texts, csv)
    with pytest.raises(TypeError, match="must be a str"):
        cipin.count_dictionary(texts, {"a": ["x", 3]})
    with pytest.raises(TypeError, match="dictionary must be"):
        cipin.count_dictionary(texts, ["x"])
    with pytest.raises(ValueError, match="bad regular expression"):
        cipin.count_dictionary(texts, {"a": ["re:["]})


def test_wordstat_lexicoder_and_weights(tmp_path, seeds):
    texts = ["推进共同富裕，促进高质量发展。", "共同富裕示范区，共同富裕"]
    want = cipin.count_dictionary(texts, {"发展": ["发展*"], "政策": {"富裕": ["共同富裕"]}})
    cat = tmp_path / "d.cat"
    cat.write_text("发展\n\t发展* (1)\n政策\n\t富裕\n\t\t共同富裕 (1)\n", encoding="utf-8")
    lc3 = tmp_path / "d.lc3"
    lc3.write_text("+发展\n发展*\n+政策.富裕\n共同富裕\n", encoding="utf-8")
    for p in (cat, lc3):
        assert_frame_equal(cipin.count_dictionary(texts, p), want)
    # Weights (a dict, a YAML file, a .cat file): a score column.
    valence = {"情感": {"好": 1.0, "差": -1}, "主题": ["服务"]}
    docs = ["服务好，价格好，环境差。", "服务差", "没有"]
    out = cipin.count_dictionary(docs, valence)
    assert out.columns == ["doc", "category", "count", "tokens", "share", "score"]
    assert out["score"].dtype == pl.Float64
    assert out.filter(pl.col("category") == "情感")[["count", "score"]].rows() == [
        (3, 1.0),
        (1, -1.0),
        (0, 0.0),
    ]
    # Unweighted categories of a weighted dictionary weigh 1 per match.
    assert out.filter(pl.col("category") == "主题")["score"].to_list() == [1.0, 1.0, 0.0]
    y = tmp_path / "v.yaml"
    y.write_text("情感:\n  好: 1.0\n  差: -1\n主题: [服务]\n", encoding="utf-8")
    w = tmp_path / "v.cat"
    w.write_text("情感\n\t好 (1)\n\t差 (-1)\n主题\n\t服务 (1)\n", encoding="utf-8")
    for p in (y, w):
        assert_frame_equal(cipin.count_dictionary(docs, p), out)
    assert cipin._tables._native_dictionary(valence).is_weighted
    assert not cipin._tables._native_dictionary(cat).is_weighted
    # The seed page: score = Σ weight × matches of each entry.
    d = {"w": {"共同富裕": 2.0, "发展": -0.5}}
    total = cipin.count_dictionary(seeds, d)
    matches = cipin.dictionary_matches(seeds, d)
    n = dict(matches.group_by("term").agg(pl.col("count").sum()).rows())
    assert n["共同富裕"] > 0 and n["发展"] > 0
    assert total["score"].sum() == pytest.approx(2.0 * n["共同富裕"] - 0.5 * n["发展"])
    # Errors: file and line; mixed weights and subcategories.
    bad = tmp_path / "bad.cat"
    bad.write_text("情感\n\t好 (1)\n\t差 (minus one)\n", encoding="utf-8")
    with pytest.raises(cipin.DictionaryError) as e:
        cipin.count_dictionary(docs, bad)
    assert e.value.file == str(bad) and e.value.line == 3
    bad = tmp_path / "bad.lc3"
    bad.write_text("好\n+情感\n", encoding="utf-8")
    with pytest.raises(cipin.DictionaryError) as e:
        cipin.count_dictionary(docs, bad)
    assert e.value.line == 1 and "before any category" in str(e.value)
    with pytest.raises(TypeError, match="weights and of subcategories"):
        cipin.count_dictionary(docs, {"a": {"好": 1, "b": ["x"]}})
    with pytest.raises(ValueError, match="appears twice with different weights"):
        cipin.count_dictionary(docs, {"a": {"好": 1, "好 ": 2}})


def test_keep_words_keeps_dictionary_words_whole():
    texts = ["黄岩区委召开会议。"]
    d = {"地名": ["黄岩区委"]}
    assert cipin.count_dictionary(texts, d)["count"].to_list() == [1]
    assert cipin.dictionary_matches(texts, d)["term"].to_list() == ["黄岩区委"]
    # Not kept whole, the word is cut 黄岩 / 区委 and matches those two tokens
    # as a phrase (issue 15), as the KWIC pattern 黄岩区委 does.
    assert cipin.count_dictionary(texts, d, keep_words=False)["count"].to_list() == [1]
    matched = cipin.dictionary_matches(texts, d, keep_words=False)["term"].to_list()
    assert matched == ["黄岩 区委"]


def test_groups_and_stopwords():
    df = pl.DataFrame(
        {
            "year": [2024, 2023, 2024],
            "text": ["我们推进改革。", "他们推进发展。", "我们的发展"],
        }
    )
    d = {"代词": ["我们", "他们"], "发展": ["发展"]}
    out = cipin.count_dictionary(df, d, by="year")
    assert out.columns == ["year", "category", "count", "tokens", "share"]
    assert out["year"].to_list() == [2023, 2023, 2024, 2024]
    assert out.filter(year=2024, category="代词")["count"].item() == 2
    # Stopwords are kept by default; dropped when asked, and then never match.
    dropped = cipin.count_dictionary(df, d, by="year", stopwords="default")
    assert dropped.filter(category="代词")["count"].sum() == 0
    assert (dropped["tokens"] < out["tokens"]).all()


def test_matches_add_up(seeds):
    corpus = cipin.Corpus(seeds)
    counts = cipin.count_dictionary(corpus, POLICY, by="kind")
    matches = cipin.dictionary_matches(corpus, POLICY, by="kind")
    assert matches.columns == ["kind", "category", "term", "count"]
    sums = matches.group_by("kind", "category").agg(pl.col("count").sum().alias("m"))
    joined = counts.join(sums, on=["kind", "category"], how="left").with_columns(
        pl.col("m").fill_null(0)
    )
    assert (joined["count"] == joined["m"]).all()
    assert any(t.startswith("推进 ") for t in matches["term"])
    top = cipin.dictionary_matches(corpus, POLICY, by="kind", top=1)
    assert top.group_by("kind", "category").len()["len"].max() == 1


def test_token_tables_agree_with_text(articles):
    d = dict(POLICY)
    text = cipin.count_dictionary(articles, d, keep_words=False)
    tokens = cipin.segment(articles)
    assert_frame_equal(cipin.count_dictionary(tokens, d), text)
    m_text = cipin.dictionary_matches(articles, d, keep_words=False)
    assert_frame_equal(cipin.dictionary_matches(tokens, d), m_text)


def test_cli_agrees(cli, seeds, tmp_path):
    p = tmp_path / "d.json"
    p.write_text(json.dumps(POLICY, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [cli, "dictionary", p, seeds, "--format", "csv", "-q"],
        capture_output=True,
        check=True,
    ).stdout
    from io import BytesIO

    from_cli = pl.read_csv(BytesIO(out))
    ours = cipin.count_dictionary(cipin.Corpus(seeds), p)
    assert from_cli["count"].to_list() == ours["count"].to_list()
    assert from_cli["tokens"].to_list() == ours["tokens"].to_list()
    assert from_cli["article"].to_list() == ours["article"].to_list()


WORDS = ["发展", "改革", "推进", "我们", "的", "共同富裕", "建设"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.text(alphabet="发展改革推进我们的共同富裕建设，。 ", max_size=40), min_size=1),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=3), min_size=1, max_size=4),
)
def test_exact_words_sum_to_naive_counts(texts, cats):
    d = {f"c{i}": words for i, words in enumerate(cats)}
    df = cipin.count_dictionary(texts, d, keep_words=False)
    assert df.height == len(texts) * len(cats)
    tokens = cipin.segment(texts)
    kept = [w for w in tokens["token"].to_list() if w.strip() and w not in "，。"]
    naive = sum(sum(w in set(words) for w in kept) for words in cats)
    assert df["count"].sum() == naive
    assert ((df["share"] >= 0) & (df["share"] <= 1)).all()
