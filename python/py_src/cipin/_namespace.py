"""The ``cipin`` namespace of polars expressions and Series.

``import cipin`` registers it (``pl.api.register_expr_namespace("cipin")`` and
``register_series_namespace("cipin")``), so that text columns can be
segmented, counted and normalised inside any polars query, lazy and streaming
ones included::

    pl.scan_parquet("news.parquet").with_columns(
        pl.col("text").cipin.tokens().alias("tokens")
    ).collect()

Each method is a ``map_batches`` over the column with its ``return_dtype``
declared and marked element-wise, so polars can plan around it and the
streaming engine can hand it any batch: every row is worked on by itself, so
the result does not depend on how the column is cut into batches. Each batch
crosses into Rust through the Arrow C stream interface (no pyo3-polars, hence
no coupling to the polars version's ABI) and is worked on in parallel there.

The settings are checked, and the segmenter and dictionary built, when the
expression is made, not when the query runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional, Union

import polars as pl

from cipin._segmenter import Segmenter, resolve
from cipin._tables import _native_dictionary, count_dictionary
from cipin._util import to_polars

Normalize = Union[bool, Mapping[str, bool]]


def _texts(s: pl.Series) -> pl.DataFrame:
    """A batch as the one-column frame the native code reads (str or null)."""
    if s.dtype not in (pl.String, pl.Null):
        raise TypeError(
            f"the cipin namespace works on a column of str, not {s.dtype} (column {s.name!r})"
        )
    return s.cast(pl.String).to_frame("text")


def _segmenter(
    segmenter: Optional[Segmenter],
    mode: str,
    hmm: bool,
    normalize: Normalize,
    keep_terms: bool,
    keep_numbers: bool,
    compound: Optional[Sequence[str]],
) -> Segmenter:
    return resolve(segmenter, mode, hmm, False, normalize, keep_terms, keep_numbers, compound)


def _tokens_fn(seg: Segmenter) -> Callable[[pl.Series], pl.Series]:
    def tokens(s: pl.Series) -> pl.Series:
        out = to_polars(seg._native.tokens_column(_texts(s), s.name))
        return out.to_series()

    return tokens


def _normalize_fn(seg: Segmenter) -> Callable[[pl.Series], pl.Series]:
    def normalize(s: pl.Series) -> pl.Series:
        return to_polars(seg._native.normalize_column(_texts(s), s.name)).to_series()

    return normalize


def _dictionary(terms_or_dictionary: Any) -> Any:
    """The native dictionary: one category per term for a list of terms,
    else whatever :func:`cipin.count_dictionary` accepts."""
    d = terms_or_dictionary
    if isinstance(d, (list, tuple)):
        if not d:
            raise ValueError("count() needs at least one term")
        bad = [t for t in d if not isinstance(t, str)]
        if bad:
            raise TypeError(f"a term must be a str, not {type(bad[0]).__name__} ({bad[0]!r})")
        seen: set[str] = set()
        dupes = [t for t in d if t in seen or seen.add(t)]  # type: ignore[func-returns-value]
        if dupes:
            raise ValueError(f"term {dupes[0]!r} is given twice")
        return _native_dictionary({t: [t] for t in d})
    return _native_dictionary(d)


def _count_fn(
    seg: Segmenter, dictionary: Any, keep_words: bool, filters: dict[str, Any]
) -> Callable[[pl.Series], pl.Series]:
    categories = dictionary.categories
    k = len(categories)
    dtype = pl.Struct({c: pl.UInt64 for c in categories})

    def count(s: pl.Series) -> pl.Series:
        texts = _texts(s)
        n = len(texts)
        if n == 0:
            return pl.Series(s.name, [], dtype=dtype)
        long = count_dictionary(
            texts.get_column("text").fill_null(""),  # null rows are nulled below
            dictionary,
            keep_words=keep_words,
            segmenter=seg,
            **filters,
        )
        # One row per text × category, texts in order, categories in the
        # dictionary's order: column j of the struct is every k-th count.
        counts = long.get_column("count")
        if len(counts) != n * k:  # pragma: no cover - a broken invariant
            raise RuntimeError(f"cipin: expected {n * k} dictionary counts, got {len(counts)}")
        wide = pl.DataFrame(
            [counts.gather_every(k, offset=j).alias(c) for j, c in enumerate(categories)]
        ).to_struct(s.name)
        if not s.has_nulls():
            return wide
        # A null text is a null struct. Gathering from the structs with one
        # null struct appended keeps that outer null on every polars version
        # (``when/then`` makes it a struct of nulls on polars 1.3).
        padded = pl.concat([wide, pl.Series(s.name, [None], dtype=wide.dtype)])
        rows = pl.select(
            pl.when(pl.lit(s.is_null()))
            .then(pl.lit(n, pl.UInt32))
            .otherwise(pl.int_range(0, n, dtype=pl.UInt32))
        ).to_series()
        return padded.gather(rows)

    # Check the filter's arguments now (an empty batch runs no segmenter).
    count_dictionary([], dictionary, keep_words=keep_words, segmenter=seg, **filters)
    return count


class _Methods:
    """What the expression and Series namespaces share: they differ only in
    how a batch function is applied (``_apply``)."""

    def _apply(self, fn: Callable[[pl.Series], pl.Series], dtype: Any) -> Any:
        raise NotImplementedError

    def tokens(
        self,
        *,
        segmenter: Optional[Segmenter] = None,
        mode: str = "precise",
        hmm: bool = True,
        normalize: Normalize = True,
        keep_terms: bool = True,
        keep_numbers: bool = True,
        compound: Optional[Sequence[str]] = None,
    ) -> Any:
        """The tokens of each text, a ``List[String]`` (nulls stay null).

        The words :meth:`cipin.Segmenter.cut` gives: normalised, whitespace
        dropped, nothing filtered (stopwords and punctuation included), so
        that in precise mode a row's tokens joined are its normalised text
        without whitespace. The settings are those of :class:`cipin.Segmenter`
        (or pass ``segmenter=``).

        Examples
        --------
        >>> import cipin, polars as pl
        >>> df = pl.DataFrame({"text": ["推进共同富裕", None]})
        >>> df.select(pl.col("text").cipin.tokens())["text"].to_list()
        [['推进', '共同富裕'], None]
        >>> pl.Series(["我来到北京清华大学"]).cipin.tokens().to_list()
        [['我', '来到', '北京', '清华大学']]
        """
        seg = _segmenter(segmenter, mode, hmm, normalize, keep_terms, keep_numbers, compound)
        return self._apply(_tokens_fn(seg), pl.List(pl.String))

    def count(
        self,
        terms_or_dictionary: Any,
        *,
        keep_words: bool = True,
        segmenter: Optional[Segmenter] = None,
        mode: str = "precise",
        hmm: bool = True,
        normalize: Normalize = True,
        keep_terms: bool = True,
        keep_numbers: bool = True,
        compound: Optional[Sequence[str]] = None,
        **filters: Any,
    ) -> Any:
        """Per text, the counts of some terms or of a dictionary's categories:
        a ``Struct`` with one ``UInt64`` field per term (or category), in the
        order given, so ``.struct.unnest()`` makes them columns. A null text
        gives a null struct.

        Counted as :func:`cipin.count_dictionary` counts: a list of terms is a
        dictionary of one category per term (the term its only entry); a dict
        ``{category: [entries]}`` or the path of a dictionary file is taken as
        it is. Entries are exact words, globs (``发展*``), ``re:`` expressions
        or words separated by spaces (consecutive tokens); plain words are
        kept whole by the segmenter (``keep_words``); stopwords count, and
        punctuation is dropped. A single term is a list too (``["共同富裕"]``):
        a bare ``str`` is a dictionary file's path, as for ``count_dictionary``.

        Parameters
        ----------
        terms_or_dictionary
            A list of terms, a dict of categories, or a dictionary file.
        keep_words
            Add the plain words to the segmenter as user words.
        segmenter, mode, hmm, normalize, keep_terms, keep_numbers, compound
            The segmenter, as for :class:`cipin.Segmenter`.
        **filters
            The token filter of :func:`cipin.count_dictionary` (``stopwords=``,
            ``pos=``, ``min_len=``, ``drop_punct=``, ...).

        Examples
        --------
        >>> import cipin, polars as pl
        >>> df = pl.DataFrame({"text": ["推进共同富裕，共同富裕", "发展经济", None]})
        >>> out = df.select(pl.col("text").cipin.count(["共同富裕", "发展*"]))
        >>> out["text"].to_list()
        [{'共同富裕': 2, '发展*': 0}, {'共同富裕': 0, '发展*': 1}, None]
        >>> out.unnest("text").columns
        ['共同富裕', '发展*']
        """
        seg = _segmenter(segmenter, mode, hmm, normalize, keep_terms, keep_numbers, compound)
        dictionary = _dictionary(terms_or_dictionary)
        fn = _count_fn(seg, dictionary, keep_words, filters)
        return self._apply(fn, pl.Struct({c: pl.UInt64 for c in dictionary.categories}))

    def normalize(
        self,
        *,
        segmenter: Optional[Segmenter] = None,
        normalize: Normalize = True,
    ) -> Any:
        """Each text normalised as the segmenter normalises it before cutting
        (:meth:`cipin.Segmenter.normalize_text`): full-width letters and digits
        to ASCII, traditional characters to simplified, odd spaces to ASCII
        spaces. Each text keeps its length in characters; nulls stay null.

        ``normalize`` chooses the rules (``{"t2s": False}``), as for
        :class:`cipin.Segmenter`; or pass ``segmenter=``.

        Examples
        --------
        >>> import cipin, polars as pl
        >>> pl.Series(["增长１７％，書記", None]).cipin.normalize().to_list()
        ['增长17%，书记', None]
        """
        seg = resolve(segmenter, normalize=normalize)
        return self._apply(_normalize_fn(seg), pl.String)


@pl.api.register_expr_namespace("cipin")
class ExprNamespace(_Methods):
    """``pl.col("text").cipin``: tokens, term counts and normalisation as
    polars expressions, usable in lazy and streaming queries.

    Examples
    --------
    >>> import cipin, polars as pl
    >>> lf = pl.LazyFrame({"text": ["缩小三大差距"]})
    >>> lf.with_columns(pl.col("text").cipin.tokens().alias("tokens")).collect().row(0)
    ('缩小三大差距', ['缩小', '三大差距'])
    """

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _apply(self, fn: Callable[[pl.Series], pl.Series], dtype: Any) -> pl.Expr:
        # Element-wise: the streaming engine may cut the column into batches
        # anywhere, and every row is worked on by itself.
        return self._expr.map_batches(fn, return_dtype=dtype, is_elementwise=True)


@pl.api.register_series_namespace("cipin")
class SeriesNamespace(_Methods):
    """``series.cipin``: the methods of ``pl.col(...).cipin`` on a Series.

    Examples
    --------
    >>> import cipin, polars as pl
    >>> pl.Series(["发展经济"]).cipin.tokens().to_list()
    [['发展', '经济']]
    """

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def _apply(self, fn: Callable[[pl.Series], pl.Series], dtype: Any) -> pl.Series:
        return fn(self._series)


__all__ = ["ExprNamespace", "SeriesNamespace"]
