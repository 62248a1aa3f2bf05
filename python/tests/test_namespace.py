"""The ``cipin`` polars namespace: ``pl.col("text").cipin.tokens()`` and co.,
eager, lazy and streaming, on the oldest and newest polars."""

from __future__ import annotations

import inspect

import polars as pl
import pytest

import cipin
from cipin._namespace import ExprNamespace, SeriesNamespace

TEXTS = ["推进共同富裕，共同富裕。", None, "", "我来到北京清华大学", "增长１７％，書記"]


def polars_version() -> tuple[int, ...]:
    return tuple(int(p) for p in pl.__version__.split(".")[:2])


def collect_streaming(lf: pl.LazyFrame) -> pl.DataFrame:
    """Collect with the streaming engine, whatever this polars calls it."""
    if "engine" in inspect.signature(pl.LazyFrame.collect).parameters and polars_version() >= (
        1,
        23,
    ):
        return lf.collect(engine="streaming")
    return lf.collect(streaming=True)


def expected_tokens(texts, **kw):
    seg = cipin.Segmenter(**kw)
    return [None if t is None else seg.cut(t) for t in texts]


def test_registered_on_import():
    assert isinstance(pl.col("text").cipin, ExprNamespace)
    assert isinstance(pl.Series(["a"]).cipin, SeriesNamespace)


def test_tokens_row_for_row_with_nulls():
    df = pl.DataFrame({"text": TEXTS})
    out = df.select(pl.col("text").cipin.tokens())
    assert out.schema == {"text": pl.List(pl.String)}
    assert out["text"].to_list() == expected_tokens(TEXTS)
    # The same words as cipin.segment's token table.
    table = cipin.segment([t or "" for t in TEXTS])
    by_doc = table.group_by("doc", maintain_order=True).agg("token")
    for doc, toks in by_doc.iter_rows():
        assert out["text"][doc].to_list() == toks


def test_tokens_take_the_segmenter_settings():
    s = pl.Series(["2025年缩小“三大差距”"])
    assert s.cipin.tokens().to_list() == expected_tokens(s.to_list())
    plain = s.cipin.tokens(keep_terms=False, keep_numbers=False).to_list()
    assert plain == expected_tokens(s.to_list(), keep_terms=False, keep_numbers=False)
    assert plain != s.cipin.tokens().to_list()
    seg = cipin.Segmenter(user_words=["缩小三"])
    assert s.cipin.tokens(segmenter=seg).to_list() == [seg.cut(s[0])]
    with pytest.raises(ValueError, match="either segmenter= or"):
        s.cipin.tokens(segmenter=seg, hmm=False)
    with pytest.raises(ValueError, match="mode"):
        pl.col("text").cipin.tokens(mode="fast")


def test_normalize():
    s = pl.Series("t", ["增长１７％，書記", None])
    assert s.cipin.normalize().to_list() == ["增长17%，书记", None]
    assert s.cipin.normalize(normalize={"t2s": False}).to_list() == ["增长17%，書記", None]
    assert s.cipin.normalize().name == "t"
    seg = cipin.Segmenter()
    assert s.cipin.normalize(segmenter=seg)[0] == seg.normalize_text(s[0])


def test_count_terms_and_dictionary():
    df = pl.DataFrame({"text": ["推进共同富裕，共同富裕。", "发展经济，发展观", None]})
    out = df.select(pl.col("text").cipin.count(["共同富裕", "发展*"]))
    assert out.schema["text"] == pl.Struct({"共同富裕": pl.UInt64, "发展*": pl.UInt64})
    assert out["text"].to_list() == [
        {"共同富裕": 2, "发展*": 0},
        {"共同富裕": 0, "发展*": 2},
        None,
    ]
    d = {"富裕": ["共同富裕"], "政策": {"经济": ["经济", "发展*"]}}
    wide = df.select(pl.col("text").cipin.count(d)).unnest("text")
    assert wide.columns == ["富裕", "政策.经济"]
    # The same numbers as count_dictionary.
    long = cipin.count_dictionary(df["text"].fill_null(""), d)
    want = long.filter(category="政策.经济")["count"].to_list()
    assert wide["政策.经济"].to_list()[:2] == want[:2]


def test_count_checks_its_arguments_when_built():
    with pytest.raises(ValueError, match="twice"):
        pl.col("text").cipin.count(["a", "a"])
    with pytest.raises(TypeError, match="term must be a str"):
        pl.col("text").cipin.count(["a", 1])
    with pytest.raises(FileNotFoundError):
        pl.col("text").cipin.count("no-such-dictionary.yaml")
    with pytest.raises(TypeError):
        pl.col("text").cipin.count(["a"], no_such_filter=1)


def test_not_a_string_column_is_a_clear_error():
    with pytest.raises(Exception, match="column of str"):
        pl.DataFrame({"n": [1, 2]}).select(pl.col("n").cipin.tokens())


def test_lazy_parquet_and_streaming(tmp_path, articles):
    path = tmp_path / "articles.parquet"
    articles.select("article", "text").write_parquet(path)
    lf = pl.scan_parquet(path).with_columns(
        pl.col("text").cipin.tokens().alias("tokens"),
        pl.col("text").cipin.count(["发展", "建设"]).alias("n"),
    )
    eager = lf.collect()
    assert eager["tokens"].to_list() == expected_tokens(articles["text"].to_list())
    streamed = collect_streaming(lf)
    assert streamed.equals(eager)
    assert eager.unnest("n")["建设"].sum() > 0


def test_streaming_in_small_batches_gives_the_same_rows():
    texts = [f"第{i}次会议推进共同富裕示范区建设。" if i % 7 else None for i in range(3000)]
    lf = pl.LazyFrame({"text": texts}).with_columns(pl.col("text").cipin.tokens().alias("tokens"))
    eager = lf.collect()
    assert eager["tokens"].to_list() == expected_tokens(texts)
    assert collect_streaming(lf).equals(eager)
    # In any slice: rows are worked on one by one.
    part = pl.Series(texts[5:9]).cipin.tokens()
    assert part.to_list() == eager["tokens"].to_list()[5:9]


def test_namespace_defaults_are_the_segmenters():
    seg = inspect.signature(cipin.Segmenter).parameters
    for method in ("tokens", "count"):
        params = inspect.signature(getattr(ExprNamespace, method)).parameters
        for name in ("mode", "hmm", "normalize", "keep_terms", "keep_numbers"):
            assert params[name].default == seg[name].default, (method, name)
