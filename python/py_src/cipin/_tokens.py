"""The tables of a token table, counted with polars.

Text given to the table functions is segmented and counted by the Rust
tables crate. A token table (the output of :func:`cipin.segment`, possibly
edited) is counted here with polars expressions (Rust too, and parallel),
with the same token filter (:meth:`NativeFilter.keep`, the crate's own
test), the same statistics (:func:`_cipin.measure`, the crate's formulas)
and the same sort orders, so that a table of ``segment(text)`` equals the
table of ``text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import polars as pl

from cipin import _cipin
from cipin._util import as_names, check_columns, to_polars

#: Characters ending a sentence (cipin_core::sentences::is_terminal), used
#: when a token table has no ``sentence`` column.
TERMINAL = "[。！？；…!?;｡︒]"

DfLimit = Union[int, float]


class Tokens:
    """A token table prepared for counting."""

    def __init__(
        self,
        frame: pl.DataFrame,
        filt: Any,
        id: Union[str, Sequence[str], None],
        by: Union[str, Sequence[str], None],
    ) -> None:
        check_columns(frame, ["token"], "the token table")
        if frame.schema["token"] != pl.String:
            raise TypeError(f"column 'token' must hold str, not {frame.schema['token']}")
        self.by = as_names(by, "by")
        check_columns(frame, self.by, "the token table")
        if id is None:
            ids = [c for c in ("doc_id", "article") if c in frame.columns]
            if not ids and "doc" in frame.columns:
                ids = ["doc"]
        else:
            ids = as_names(id, "id")
            check_columns(frame, ids, "the token table")
        self.ids = ids
        if filt.needs_pos and "pos" not in frame.columns:
            raise ValueError(
                "POS filters (pos=, pos_exclude=) need a 'pos' column: segment with pos=True"
            )
        keep_tbl = filt.keep(frame.select("token"), frame.select("pos") if filt.needs_pos else None)
        keep = to_polars(keep_tbl).to_series()
        if not ids:
            doc = pl.lit(0, dtype=pl.UInt32)
        elif len(ids) == 1:
            doc = pl.col(ids[0])
        else:
            # A dense code: struct columns cannot be joined on in older polars.
            doc = pl.struct(ids).rank("dense").cast(pl.UInt32)
        self.frame = frame.with_columns(keep.alias("__keep"), doc.alias("__doc"))
        self.filt = filt

    # -- helpers ---------------------------------------------------------
    def doc(self) -> pl.Expr:
        """An expression identifying each token's document."""
        return pl.col("__doc")

    def groups(self, by: Optional[list[str]] = None) -> list[str]:
        """Group columns; a constant ``__g`` when there are none."""
        return list(self.by if by is None else by) or ["__g"]

    def with_g(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame if "__g" in frame.columns else frame.with_columns(__g=pl.lit(0, pl.UInt8))

    def kept(self) -> pl.DataFrame:
        return self.with_g(self.frame.filter(pl.col("__keep")))

    def runs(self, sentences: bool = True) -> pl.DataFrame:
        """Kept tokens with ``__run``: kept tokens share a run when they were
        adjacent in the text (same document, and sentence when ``sentences``;
        no dropped or missing token between them)."""
        f = self.with_g(self.frame)
        brk: pl.Expr = ~pl.col("__keep")
        if self.ids:
            brk = brk | pl.any_horizontal(
                [pl.col(c).ne_missing(pl.col(c).shift(1)) for c in self.ids]
            )
        if sentences:
            if "sentence" in f.columns:
                brk = brk | pl.col("sentence").ne_missing(pl.col("sentence").shift(1))
            else:
                brk = brk | pl.col("token").shift(1).str.contains(TERMINAL).fill_null(False)
        if "position" in f.columns:
            brk = brk | (
                pl.col("position").cast(pl.Int64) != pl.col("position").cast(pl.Int64).shift(1) + 1
            ).fill_null(True)
        return f.with_columns(__run=brk.cum_sum()).filter(pl.col("__keep"))


def _df_ok(limit: DfLimit, df: pl.Expr, n: pl.Expr, at_least: bool) -> pl.Expr:
    if isinstance(limit, float):
        bound = pl.lit(limit) * n.cast(pl.Float64)
        x = df.cast(pl.Float64)
    else:
        bound, x = pl.lit(limit), df
    return x >= bound if at_least else x <= bound


def keep_rows(
    count: pl.Expr, df: pl.Expr, n: pl.Expr, min_count: int, min_df: DfLimit, max_df: DfLimit
) -> pl.Expr:
    """The row filters of ``cipin_tables::Filter::keep_row``."""
    return (count >= min_count) & _df_ok(min_df, df, n, True) & _df_ok(max_df, df, n, False)


def _measure(name: str, a: pl.Series, b: pl.Series, c: pl.Series, d: pl.Series) -> pl.Series:
    frame = pl.DataFrame({"a": a, "b": b, "c": c, "d": d}, schema=dict.fromkeys("abcd", pl.UInt64))
    return to_polars(_cipin.measure(name, frame)).to_series()


def _share(count: pl.Series, total: pl.Series) -> pl.Series:
    """``count / max(total, 1)``, divided as the tables crate divides (polars
    multiplies by the reciprocal when the divisor is a scalar)."""
    zero = pl.Series([0] * len(count), dtype=pl.UInt64)
    return _measure("share", count, total, zero, zero)


def _idf(idf: str, n_docs: int, df: pl.Series) -> pl.Series:
    """The idf of ``df`` documents out of ``n_docs`` (the crate's formulas)."""
    if idf not in ("smooth", "raw"):
        raise ValueError(f"idf must be 'smooth' or 'raw', not {idf!r}")
    n = pl.Series([n_docs] * len(df), dtype=pl.UInt64)
    zero = pl.Series([0] * len(df), dtype=pl.UInt64)
    return _measure(f"idf_{idf}", n, df, zero, zero)


def _top(frame: pl.DataFrame, gcols: list[str], top: Optional[int]) -> pl.DataFrame:
    if top is None:
        return frame
    return frame.filter(pl.int_range(pl.len()).over(gcols) < top)


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.drop([c for c in ("__g",) if c in frame.columns])


# ---------------------------------------------------------------------------
# Frequency tables


def counts(
    t: Tokens, key: str, rows: pl.DataFrame, gcols: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(g..., key, count, doc_freq)`` and ``(g..., __ndocs, __total)``."""
    doc = t.doc()
    table = rows.group_by([*gcols, key]).agg(
        count=pl.len().cast(pl.UInt64), doc_freq=doc.n_unique().cast(pl.UInt64)
    )
    ndocs = (
        t.with_g(t.frame)
        .select(*gcols, doc.alias("__doc"))
        .unique()
        .group_by(gcols)
        .agg(__ndocs=pl.len().cast(pl.UInt64))
    )
    totals = rows.group_by(gcols).agg(__total=pl.len().cast(pl.UInt64))
    stats = ndocs.join(totals, on=gcols, how="left").with_columns(pl.col("__total").fill_null(0))
    return table, stats


def frequency(
    t: Tokens,
    kind: str,
    min_count: int,
    min_df: DfLimit,
    max_df: DfLimit,
    top: Optional[int],
) -> pl.DataFrame:
    """``frequency`` (``kind="frequency"``) or ``term_frequency``."""
    gcols = t.groups()
    rows = t.kept()
    table, stats = counts(t, "token", rows, gcols)
    table = table.join(stats, on=gcols, how="left").filter(
        keep_rows(pl.col("count"), pl.col("doc_freq"), pl.col("__ndocs"), min_count, min_df, max_df)
    )
    table = table.sort([*gcols, "count", "token"], descending=[False] * len(gcols) + [True, False])
    table = table.with_columns(_share(table["count"], table["__total"]).alias("__share"))
    share = pl.col("__share")
    if kind == "frequency":
        out = table.select(
            *gcols,
            pl.col("token").alias("term"),
            "count",
            "doc_freq",
            share.alias("share"),
            pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over(gcols).alias("rank"),
        )
    else:
        out = table.select(*gcols, pl.col("token").alias("term"), "count", share.alias("tf"))
    return _finish(_top(out, gcols, top))


def tfidf(
    t: Tokens,
    idf: str,
    min_count: int,
    min_df: DfLimit,
    max_df: DfLimit,
    top: Optional[int],
) -> pl.DataFrame:
    """TF-IDF per group (``by``), else per document (the id columns)."""
    gcols = t.groups(t.by or t.ids)
    rows = t.kept()
    doc_groups = t.with_g(t.frame).select(gcols).unique()
    n_docs = doc_groups.height
    table = rows.group_by([*gcols, "token"]).agg(count=pl.len().cast(pl.UInt64))
    totals = rows.group_by(gcols).agg(__total=pl.len().cast(pl.UInt64))
    vocab = table.group_by("token").agg(__tc=pl.col("count").sum(), __df=pl.len().cast(pl.UInt64))
    vocab = vocab.filter(
        (pl.col("__df") > 0)
        & keep_rows(pl.col("__tc"), pl.col("__df"), pl.lit(n_docs), min_count, min_df, max_df)
    )
    vocab = vocab.with_columns(_idf(idf, n_docs, vocab["__df"]).alias("idf"))
    out = table.join(vocab.select("token", "idf"), on="token", how="inner").join(
        totals, on=gcols, how="left"
    )
    out = (
        out.with_columns(tf=_share(out["count"], out["__total"]))
        .with_columns(tfidf=pl.col("tf") * pl.col("idf"))
        .sort([*gcols, "tfidf", "token"], descending=[False] * len(gcols) + [True, False])
        .select(*gcols, pl.col("token").alias("term"), "count", "tf", "idf", "tfidf")
    )
    return _finish(_top(out, gcols, top))


def ngrams(
    t: Tokens,
    n_min: int,
    n_max: int,
    min_count: int,
    min_df: DfLimit,
    max_df: DfLimit,
    top: Optional[int],
) -> pl.DataFrame:
    if not (2 <= n_min <= n_max <= 5):
        raise ValueError(f"n-gram sizes {n_min}..{n_max}: expected 2 <= n_min <= n_max <= 5")
    gcols = t.groups()
    runs = t.runs()
    doc = t.doc()
    parts = []
    for n in range(n_min, n_max + 1):
        gram = pl.concat_str(
            [pl.col("token").shift(-j).over("__run") for j in range(n)], separator=" "
        )
        parts.append(
            runs.select(*gcols, "__doc", gram.alias("ngram"))
            .drop_nulls("ngram")
            .with_columns(n=pl.lit(n, pl.UInt32))
        )
    grams = pl.concat(parts) if parts else runs.select(*gcols)
    table = grams.group_by([*gcols, "ngram", "n"]).agg(
        count=pl.len().cast(pl.UInt64), doc_freq=pl.col("__doc").n_unique().cast(pl.UInt64)
    )
    ndocs = (
        t.with_g(t.frame)
        .select(*gcols, doc.alias("__doc"))
        .unique()
        .group_by(gcols)
        .agg(__ndocs=pl.len().cast(pl.UInt64))
    )
    out = (
        table.join(ndocs, on=gcols, how="left")
        .filter(
            keep_rows(
                pl.col("count"), pl.col("doc_freq"), pl.col("__ndocs"), min_count, min_df, max_df
            )
        )
        .sort([*gcols, "count", "ngram"], descending=[False] * len(gcols) + [True, False])
        .select(*gcols, "ngram", "n", "count", "doc_freq")
    )
    return _finish(_top(out, gcols, top))


# ---------------------------------------------------------------------------
# Associations


def _sort_pairs(frame: pl.DataFrame, score: str) -> pl.DataFrame:
    return frame.sort([score, "count", "w1", "w2"], descending=[True, True, False, False])


def collocations(t: Tokens, sort: str, min_count: int, top: Optional[int]) -> pl.DataFrame:
    if sort not in ("count", "pmi", "llr", "g2", "t"):
        raise ValueError(f"sort must be 'count', 'pmi', 'llr' or 't', not {sort!r}")
    runs = t.runs()
    pairs = (
        runs.select(
            pl.col("token").alias("w1"), pl.col("token").shift(-1).over("__run").alias("w2")
        )
        .drop_nulls("w2")
        .group_by("w1", "w2")
        .agg(count=pl.len().cast(pl.UInt64))
    )
    n = int(pairs["count"].sum() or 0)
    r = pairs.group_by("w1").agg(__r=pl.col("count").sum())
    c = pairs.group_by("w2").agg(__c=pl.col("count").sum())
    pairs = (
        pairs.filter(pl.col("count") >= min_count)
        .join(r, on="w1", how="left")
        .join(c, on="w2", how="left")
    )
    o, rr, cc = pairs["count"], pairs["__r"], pairs["__c"]
    nn = pl.Series([n] * pairs.height, dtype=pl.UInt64)
    pairs = pairs.with_columns(
        pmi=_measure("pmi", o, rr, cc, nn),
        llr=_measure("g2_table", o, rr - o, cc - o, nn + o - rr - cc),
        t=_measure("t", o, rr, cc, nn),
    )
    key = {"count": "count", "pmi": "pmi", "llr": "llr", "g2": "llr", "t": "t"}[sort]
    out = _sort_pairs(pairs, key).select("w1", "w2", "count", "pmi", "llr", "t")
    return out if top is None else out.head(top)


def cooccurrence(
    t: Tokens, window: Optional[int], min_count: int, top: Optional[int]
) -> pl.DataFrame:
    doc = t.doc()
    kept = t.kept()
    if window is not None:
        if window < 1:
            raise ValueError("a co-occurrence window must be at least 1 token")
        parts = []
        for j in range(1, window + 1):
            parts.append(
                kept.select(
                    pl.col("token").alias("a"),
                    pl.col("token").shift(-j).over("__doc").alias("b"),
                ).filter(pl.col("b").is_not_null() & (pl.col("a") != pl.col("b")))
            )
        pairs = pl.concat(parts)
        pairs = pairs.select(
            pl.when(pl.col("a") <= pl.col("b"))
            .then(pl.col("a"))
            .otherwise(pl.col("b"))
            .alias("w1"),
            pl.when(pl.col("a") <= pl.col("b"))
            .then(pl.col("b"))
            .otherwise(pl.col("a"))
            .alias("w2"),
        )
        table = pairs.group_by("w1", "w2").agg(count=pl.len().cast(pl.UInt64))
        total = int(table["count"].sum() or 0)
        marg = (
            pl.concat(
                [
                    table.select(pl.col("w1").alias("w"), "count"),
                    table.select(pl.col("w2").alias("w"), "count"),
                ]
            )
            .group_by("w")
            .agg(m=pl.col("count").sum())
        )
        twice = True
    else:
        words = kept.select("__doc", "token").unique()
        left = words.rename({"token": "w1"})
        right = words.rename({"token": "w2"})
        table = (
            left.join(right, on="__doc", how="inner")
            .filter(pl.col("w1") < pl.col("w2"))
            .group_by("w1", "w2")
            .agg(count=pl.len().cast(pl.UInt64))
        )
        total = t.frame.select(doc).n_unique()
        marg = words.group_by(pl.col("token").alias("w")).agg(m=pl.len().cast(pl.UInt64))
        twice = False
    table = (
        table.filter(pl.col("count") >= min_count)
        .join(marg.rename({"w": "w1", "m": "__m1"}), on="w1", how="left")
        .join(marg.rename({"w": "w2", "m": "__m2"}), on="w2", how="left")
    )
    c = table["count"] * 2 if twice else table["count"]
    nn = pl.Series([total] * table.height, dtype=pl.UInt64)
    table = table.with_columns(pmi=_measure("pmi", c, table["__m1"], table["__m2"], nn))
    out = _sort_pairs(table, "count").select("w1", "w2", "count", "pmi")
    return out if top is None else out.head(top)


def keyness(
    t: Tokens,
    target: Any,
    reference: Any,
    negative: bool,
    min_count: int,
    top: Optional[int],
) -> pl.DataFrame:
    if not t.by:
        raise ValueError("keyness needs by= (the column holding the target group)")
    if len(t.by) != 1:
        raise ValueError("keyness takes one by= column")
    col = pl.col(t.by[0])
    f = t.frame
    dtype = f.schema[t.by[0]]
    tval = pl.lit(pl.Series([target]).cast(dtype)[0], dtype=dtype)
    is_t = (col == tval).fill_null(False)
    if reference is None:
        side = pl.when(is_t).then(pl.lit("t")).otherwise(pl.lit("r"))
    else:
        rval = pl.lit(pl.Series([reference]).cast(dtype)[0], dtype=dtype)
        side = (
            pl.when(is_t)
            .then(pl.lit("t"))
            .when((col == rval).fill_null(False))
            .then(pl.lit("r"))
            .otherwise(pl.lit(None, pl.String))
        )
    f = f.with_columns(side.alias("__side"))
    sides = set(f["__side"].drop_nulls().unique().to_list())
    if "t" not in sides:
        raise ValueError(f"no document has {t.by[0]} = {target!r}")
    if "r" not in sides:
        if reference is not None:
            raise ValueError(f"no document has {t.by[0]} = {reference!r}")
        raise ValueError(
            "every document is in the target: there is no reference to compare it with"
        )
    kept = f.filter(pl.col("__keep") & pl.col("__side").is_not_null())
    c = int((kept["__side"] == "t").sum())
    d = int((kept["__side"] == "r").sum())
    table = kept.group_by("token").agg(
        a=(pl.col("__side") == "t").sum().cast(pl.UInt64),
        b=(pl.col("__side") == "r").sum().cast(pl.UInt64),
    )
    table = table.filter((pl.col("a") + pl.col("b")) >= max(min_count, 1))
    if not negative:
        table = table.filter(
            pl.col("a").cast(pl.Float64) * float(d) > pl.col("b").cast(pl.Float64) * float(c)
        )
    cs = pl.Series([c] * table.height, dtype=pl.UInt64)
    ds = pl.Series([d] * table.height, dtype=pl.UInt64)
    g2 = _measure("g2_two_cell", table["a"], table["b"], cs, ds)
    lr = _measure("log_ratio", table["a"], table["b"], cs, ds)
    p = to_polars(_cipin.chi2_sf(g2.to_frame("g2"))).to_series()
    out = (
        table.with_columns(g2=g2, log_ratio=lr, p_value=p)
        .sort(["g2", "token"], descending=[True, False])
        .select(
            pl.col("token").alias("term"),
            pl.col("a").alias("count_target"),
            pl.col("b").alias("count_reference"),
            "g2",
            "log_ratio",
            "p_value",
        )
    )
    return out if top is None else out.head(top)


# ---------------------------------------------------------------------------
# Keywords and KWIC


def keywords(
    t: Tokens, k: int, tfidf_idf: Optional[str], textrank: bool, span: int
) -> pl.DataFrame:
    ids = t.ids or ["__g"]
    f = t.with_g(t.frame)
    docs = f.select(ids).unique(maintain_order=True).with_row_index("__d")
    f = f.join(docs, on=ids, how="left") if t.ids else f.with_columns(__d=pl.lit(0, pl.UInt32))
    parts = []
    if tfidf_idf is not None:
        if tfidf_idf == "jieba":
            raise ValueError(
                "keywords with jieba's idf segment the text with jieba itself: pass text, "
                "not a token table (or use tfidf='corpus')"
            )
        idf = {"corpus": "smooth", "smooth": "smooth", "raw": "raw"}.get(tfidf_idf)
        if idf is None:
            raise ValueError(f"tfidf must be 'corpus', 'raw', 'jieba' or None, not {tfidf_idf!r}")
        kept = f.filter(pl.col("__keep"))
        n_docs = docs.height
        table = kept.group_by("__d", "token").agg(count=pl.len())
        totals = kept.group_by("__d").agg(__total=pl.len())
        dfs = table.group_by("token").agg(__df=pl.len())
        dfs = dfs.with_columns(__idf=_idf(idf, n_docs, dfs["__df"].cast(pl.UInt64)))
        scored = table.join(dfs, on="token", how="left").join(totals, on="__d", how="left")
        tf = _share(scored["count"].cast(pl.UInt64), scored["__total"].cast(pl.UInt64))
        scored = (
            scored.with_columns(__tf=tf)
            .with_columns(score=pl.col("__tf") * pl.col("__idf"))
            .sort(["__d", "score", "token"], descending=[False, True, False])
            .filter(pl.int_range(pl.len()).over("__d") < k)
            .select(
                "__d", pl.lit("tfidf").alias("method"), pl.col("token").alias("keyword"), "score"
            )
        )
        parts.append(scored)
    if textrank:
        vocab = f.filter(pl.col("__keep")).select("token").unique().with_row_index("__id")
        seq = (
            f.join(vocab, on="token", how="left")
            if vocab.height
            else f.with_columns(__id=pl.lit(None, pl.UInt32))
        )
        seq = seq.select(
            pl.col("__d").cast(pl.UInt32),
            pl.when(pl.col("__keep"))
            .then(pl.col("__id").cast(pl.Int64))
            .otherwise(-1)
            .alias("__id"),
        )
        ranked = to_polars(_cipin.textrank(seq, span))
        ranked = (
            ranked.join(
                vocab.with_columns(pl.col("__id").cast(pl.UInt32)),
                left_on="id",
                right_on="__id",
                how="left",
            )
            .rename({"doc": "__d"})
            .with_columns(pl.col("__d").cast(docs.schema["__d"]))
            .sort(["__d", "score", "token"], descending=[False, True, False])
            .filter(pl.int_range(pl.len()).over("__d") < k)
            .select(
                "__d", pl.lit("textrank").alias("method"), pl.col("token").alias("keyword"), "score"
            )
        )
        parts.append(ranked)
    if not parts:
        raise ValueError("nothing to compute: pass tfidf= and/or textrank=True")
    out = pl.concat(parts).with_columns(
        __m=pl.when(pl.col("method") == "tfidf").then(0).otherwise(1)
    )
    out = out.with_row_index("__i").sort(["__d", "__m", "__i"])
    out = out.with_columns(rank=pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over("__d", "__m"))
    out = out.join(docs, on="__d", how="left").sort(["__d", "__m", "rank"])
    return out.select(*[c for c in ids if c != "__g"], "method", "rank", "keyword", "score")


def _glob_regex(part: str) -> str:
    import re

    out = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in part)
    return f"^(?s:{out})$"


def kwic(t: Tokens, pattern: str, normalize: Any, window: int, top: Optional[int]) -> pl.DataFrame:
    parts = normalize(pattern.strip()).split()
    if not parts:
        raise ValueError("empty KWIC pattern")
    if len(parts) > 64:
        raise ValueError("a KWIC pattern has at most 64 words")
    f = t.with_g(t.frame)
    doc = [*t.ids] or ["__g"]
    tok = pl.col("token")

    def match(part: str, shift: int) -> pl.Expr:
        col = tok.shift(-shift).over(doc) if shift else tok
        if "*" in part or "?" in part:
            return col.str.contains(_glob_regex(part)).fill_null(False)
        return (col == part).fill_null(False)

    hit = match(parts[0], 0)
    for i, p in enumerate(parts[1:], start=1):
        hit = hit & match(p, i)
    f = f.with_columns(__hit=hit, __i=pl.int_range(pl.len()))
    np_ = len(parts)
    idx = f.filter(pl.col("__hit"))["__i"].to_list()
    if np_ > 1 and idx:
        # Matches do not overlap: scan left to right within a document.
        docs_of = f.select(pl.struct(doc).alias("d"))["d"]
        keep, last_end, last_doc = [], -1, None
        for i in idx:
            d = docs_of[i]
            if d == last_doc and i <= last_end:
                continue
            keep.append(i)
            last_end, last_doc = i + np_ - 1, d
        f = f.with_columns(__hit=pl.col("__i").is_in(keep))
    empty = pl.lit("")
    left = pl.concat_str(
        [tok.shift(j).over(doc).fill_null("") for j in range(window, 0, -1)] or [empty]
    )
    kw = pl.concat_str([tok.shift(-j).over(doc) for j in range(np_)])
    right = pl.concat_str(
        [tok.shift(-(np_ - 1) - j).over(doc).fill_null("") for j in range(1, window + 1)] or [empty]
    )
    cols = [c for c in t.ids]
    start = pl.col("start") if "start" in f.columns else pl.col("__i")
    out = (
        f.with_columns(left=left, keyword=kw, right=right)
        .filter(pl.col("__hit"))
        .select(*cols, start.cast(pl.UInt64).alias("start"), "left", "keyword", "right")
    )
    return out if top is None else out.head(top)


def dtm_parts(
    t: Tokens, min_count: int, min_df: DfLimit, max_df: DfLimit
) -> tuple[pl.DataFrame, list[str], pl.DataFrame]:
    """``(triplets row/col/count, vocabulary, row keys)``."""
    gcols = t.groups(t.by or t.ids)
    f = t.with_g(t.frame)
    if t.by:
        rows = f.select(gcols).unique().sort(gcols)
    else:
        rows = f.select(gcols).unique(maintain_order=True)
    rows = rows.with_row_index("__row")
    n_docs = rows.height
    kept = t.kept()
    table = kept.group_by([*gcols, "token"]).agg(count=pl.len().cast(pl.UInt64))
    vocab = (
        table.group_by("token")
        .agg(__tc=pl.col("count").sum(), __df=pl.len().cast(pl.UInt64))
        .filter(
            keep_rows(pl.col("__tc"), pl.col("__df"), pl.lit(n_docs), min_count, min_df, max_df)
        )
        .sort("token")
        .with_row_index("__col")
    )
    trip = (
        table.join(vocab.select("token", "__col"), on="token", how="inner")
        .join(rows, on=gcols, how="left")
        .sort(["__row", "__col"])
        .select("__row", "__col", "count")
    )
    return trip, vocab["token"].to_list(), rows.drop("__row")
