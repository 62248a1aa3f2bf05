"""Segmentation into long token tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional, Union

import polars as pl

from cipin._segmenter import Segmenter, register, resolve
from cipin._util import (
    Progress,
    as_names,
    check_columns,
    lazy_to_frame,
    renamed,
    to_polars,
)

Data = Union[str, Sequence[str], pl.Series, pl.DataFrame]
ProgressArg = Union[bool, Callable[[int, int], Any]]

#: id columns used by default when a DataFrame has them (the output of parse).
DEFAULT_IDS = ("doc_id", "article")


def texts_and_ids(
    data: Any, text: str, id: Union[str, Sequence[str], None]
) -> tuple[Any, Optional[pl.DataFrame], str]:
    """Split ``data`` into what the native code reads and the id columns.

    Returns ``(texts, ids, kind)``: ``texts`` is a list of str or a one-column
    DataFrame; ``ids`` the id columns to attach (``None`` for a single str);
    ``kind`` is ``"str"``, ``"list"`` or ``"frame"``.
    """
    data = lazy_to_frame(data)
    if isinstance(data, str):
        if id is not None:
            raise ValueError("id= needs a DataFrame (a single str has no id columns)")
        return [data], None, "str"
    if isinstance(data, pl.Series):
        if data.dtype not in (pl.String, pl.Null):
            raise TypeError(f"a Series of texts must hold str, not {data.dtype}")
        data = data.to_frame("text")
        text = "text"
        if id is None:
            frame = data.with_row_index("doc")
            return frame.select(text), frame.select("doc"), "list"
    if isinstance(data, (list, tuple)):
        if not all(isinstance(t, str) for t in data):
            bad = next(t for t in data if not isinstance(t, str))
            raise TypeError(f"texts must be str, not {type(bad).__name__} ({bad!r})")
        if id is not None:
            raise ValueError("id= needs a DataFrame; a list of texts gets a 'doc' index column")
        ids = pl.DataFrame({"doc": pl.Series(range(len(data)), dtype=pl.UInt32)})
        return list(data), ids, "list"
    if isinstance(data, pl.DataFrame):
        if not isinstance(text, str):
            raise TypeError(f"text must be a column name, not {text!r}")
        check_columns(data, [text], "the DataFrame")
        if data.schema[text] not in (pl.String, pl.Null):
            raise TypeError(f"column {text!r} must hold str, not {data.schema[text]}")
        if id is None:
            names = [c for c in DEFAULT_IDS if c in data.columns and c != text]
            if not names:
                frame = data.with_row_index("doc")
                return frame.select(text), frame.select("doc"), "frame"
        else:
            names = as_names(id, "id")
            check_columns(data, names, "the DataFrame")
            if text in names:
                raise ValueError(f"the text column {text!r} cannot also be an id column")
        return data.select(text), data.select(names), "frame"
    raise TypeError(
        "data must be a str, a list of str, a polars Series or a DataFrame, "
        f"not {type(data).__name__}"
    )


def attach_ids(tokens: pl.DataFrame, ids: Optional[pl.DataFrame]) -> pl.DataFrame:
    """Replace the native ``row`` column by the id columns of each token's text."""
    if ids is None:
        return tokens.drop("row") if "row" in tokens.columns else tokens
    rows = tokens.get_column("row")
    gathered = ids.select(pl.all().gather(rows))
    return pl.concat([gathered, tokens.drop("row")], how="horizontal")


@renamed(keep_quoted="keep_terms")
@register("segment")
def segment(
    data: Data,
    *,
    text: str = "text",
    id: Union[str, Sequence[str], None] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos: bool = False,
    normalize: Union[bool, Mapping[str, bool]] = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    segmenter: Optional[Segmenter] = None,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Segment text into a long token table: one row per token.

    Parameters
    ----------
    data
        A str, a list of str, a polars Series of str, or a DataFrame with a text
        column (e.g. the output of :func:`parse` or :func:`read`).
    text
        The text column of a DataFrame.
    id
        Column(s) of a DataFrame identifying each text, repeated on every token.
        Default: ``doc_id`` and ``article`` where present, else a ``doc`` row
        index. A list of str gets a ``doc`` index column; a single str none.
        Put more columns here to carry them to the tokens (for ``by=`` later).
    mode, hmm, pos, normalize, keep_terms, keep_numbers, compound
        Segmenter settings (see :class:`Segmenter`); or pass ``segmenter=``.
    segmenter
        A configured :class:`Segmenter` (user dictionaries, ...).
    progress
        Show a progress bar (``True``), or call ``progress(done, total)``.

    Returns
    -------
    polars.DataFrame
        The id columns, then ``sentence`` (0-based index of the sentence in
        its text), ``position`` (0-based index of the token in its text),
        ``token`` (normalised), ``pos`` (with ``pos=True``), ``start`` and
        ``end`` (character offsets into the original text, end exclusive).

    Nothing is filtered: in precise mode the tokens of a text, concatenated,
    give back its normalised text without its whitespace (spaces and newlines
    are not tokens). Filtering is for the counting functions.

    Examples
    --------
    >>> import cipin
    >>> tokens = cipin.segment("我来到北京清华大学")
    >>> tokens["token"].to_list()
    ['我', '来到', '北京', '清华大学']
    >>> tokens.columns
    ['sentence', 'position', 'token', 'start', 'end']
    >>> tokens.row(3)
    (0, 3, '清华大学', 5, 9)
    >>> cipin.segment(["我们", "发展经济"], pos=True).columns
    ['doc', 'sentence', 'position', 'token', 'pos', 'start', 'end']
    """
    seg = resolve(segmenter, mode, hmm, pos, normalize, keep_terms, keep_numbers, compound)
    texts, ids, _ = texts_and_ids(data, text, id)
    with Progress(progress, "segment") as cb:
        table = seg._native.segment(texts, True, cb)
    return attach_ids(to_polars(table), ids)
