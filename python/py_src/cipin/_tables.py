"""The tables: frequency, TF-IDF, n-grams, collocations, keyness, keywords,
KWIC, co-occurrence and the document-term matrix.

Every function takes either

* **text**: a str, a list of str, a polars Series of str, a DataFrame with a
  text column (``text=``), a :class:`Corpus` of files, or a
  :class:`pathlib.Path`: segmented and counted in Rust (the ``cipin-tables``
  crate) without materialising tokens; or
* **a token table** (a DataFrame with a ``token`` column, the output of
  :func:`cipin.segment`): its documents handed to the same Rust pass as
  already segmented documents, so that a table of ``segment(text)`` is the
  table of ``text``.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Sequence
from typing import Any, Callable, Optional, Union

import polars as pl

from cipin import _cipin
from cipin._segmenter import Segmenter, _stopwords, register, resolve
from cipin._util import (
    Progress,
    as_names,
    as_paths,
    check_bool,
    check_columns,
    check_int,
    emit_warnings,
    lazy_to_frame,
    renamed,
    to_polars,
)

ProgressArg = Union[bool, Callable[[int, int], Any]]
Names = Union[str, Sequence[str], None]
SEP = "\x1f"
NULL = "\x00"
_UNSET: Any = type("_Unset", (), {"__repr__": lambda self: "<segmenter's or 'default'>"})()


# ---------------------------------------------------------------------------
# Corpora of files


class Corpus:
    """Files and folders to count, read as the ``cipin`` command line reads them.

    A corpus is read lazily, in batches, each time a table is built: memory
    grows with the vocabulary, not with the corpus. Pass it to any table
    function instead of text.

    Parameters
    ----------
    source
        A file, a folder (walked recursively, sorted) or a list of them.
        ``.txt`` files are newspaper pages, parsed into articles (ids
        ``path#N``; an article's text is its kicker, headline, subtitle and
        body, where :func:`cipin.parse`'s ``text`` is the body alone; metadata
        ``kind``, ``kicker``, ``headline``) — or, with ``plain=True``, one
        document per non-blank line (ids ``path:LINE``); ``.jsonl``/``.ndjson``
        files hold one document per line; ``.csv``, ``.tsv`` and ``.parquet``
        files one per row. Every other JSONL field or table column is metadata
        to group by.
    encoding, lossy
        As in :func:`cipin.read`.
    extensions
        Extensions kept when walking folders (default: every format above).
    plain
        ``.txt`` files: a document per line instead of parsing pages.
    text_field, id_field
        JSONL: the field holding the text, and the one holding the document id
        (default ``path:LINE``).
    text_column, id_column
        CSV/parquet: the same, for columns.

    Examples
    --------
    >>> import cipin
    >>> corpus = cipin.Corpus("seeds")
    >>> cipin.frequency(corpus, top=3).columns
    ['term', 'count', 'doc_freq', 'share', 'rank']
    >>> cipin.frequency(corpus, by="kind", top=1)["kind"].to_list()
    ['article', 'banner']
    """

    def __init__(
        self,
        source: Any,
        *,
        encoding: str = "auto",
        lossy: bool = False,
        extensions: Optional[Sequence[str]] = None,
        plain: bool = False,
        text_field: str = "text",
        id_field: Optional[str] = None,
        text_column: str = "text",
        id_column: Optional[str] = None,
    ) -> None:
        self._args = {
            "paths": as_paths(source),
            "encoding": encoding,
            "lossy": check_bool("lossy", lossy),
            "extensions": None if extensions is None else list(extensions),
            "plain": check_bool("plain", plain),
            "text_field": text_field,
            "id_field": id_field,
            "text_column": text_column,
            "id_column": id_column,
        }
        self._native = _cipin.corpus_from_paths(**self._args)

    @property
    def paths(self) -> list[str]:
        """The paths given."""
        return list(self._args["paths"])

    def __getstate__(self) -> dict[str, Any]:
        return dict(self._args)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._args = dict(state)
        self._native = _cipin.corpus_from_paths(**self._args)

    def __repr__(self) -> str:
        return f"Corpus({self._args['paths']!r})"


# ---------------------------------------------------------------------------
# Inputs


class _Text:
    """Text input: a native corpus and how to map its ids and groups back."""

    def __init__(self, native: Any, by: Optional[str]) -> None:
        self.native = native
        self.by = by  # the group name the native code sees
        self.id_map: Optional[pl.DataFrame] = None  # __key -> id columns
        self.id_cols: list[str] = []
        self.by_map: Optional[pl.DataFrame] = None  # __by -> by columns
        self.by_cols: list[str] = []
        self.index_ids = False  # ids are "0", "1", ...: a `doc` column
        self.no_ids = False  # one document without id columns: no id column

    def keyed(self, frame: pl.DataFrame, ids: list[str], by_cols: list[str]) -> _Text:
        """Map the keys of the id and ``by`` columns of ``frame`` (``_key``,
        the native ``id`` and ``__by``) back to their values."""
        if ids:
            self.id_cols = ids
            self.id_map = frame.select(_key(ids).alias("__key"), *ids).unique("__key", keep="first")
        if by_cols:
            self.by, self.by_cols = "__by", by_cols
            self.by_map = frame.select(_key(by_cols).alias("__key"), *by_cols).unique(
                "__key", keep="first"
            )
        return self

    # -- mapping native outputs back -----------------------------------
    @staticmethod
    def _map(out: pl.DataFrame, col: str, mapping: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
        """Replace the key column ``col`` of ``out`` by the columns it stands for."""
        pos = out.columns.index(col)
        rest = [c for c in out.columns if c != col]
        joined = (
            out.rename({col: "__nk"})
            .with_row_index("__i")
            .join(mapping.rename({"__key": "__nk"}), on="__nk", how="left")
            .sort("__i")
        )
        return joined.select([*rest[:pos], *cols, *rest[pos:]])

    def ids(self, out: pl.DataFrame, col: str) -> pl.DataFrame:
        """Replace the native id column ``col`` by the id columns."""
        if col not in out.columns:
            return out
        if self.no_ids:
            return out.drop(col)
        if self.index_ids:
            return out.with_columns(pl.col(col).cast(pl.UInt32)).rename({col: "doc"})
        if self.id_map is None:
            return out
        return self._map(out, col, self.id_map, self.id_cols)

    def groups(self, out: pl.DataFrame) -> pl.DataFrame:
        """Replace the native group column by the ``by`` columns, sorted by value."""
        if self.by_map is None or self.by not in out.columns:
            return out
        out = self._map(out, self.by, self.by_map, self.by_cols)
        return out.sort(self.by_cols, maintain_order=True, nulls_last=True)


def _key(cols: list[str]) -> pl.Expr:
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null(NULL) for c in cols], separator=SEP)


def _default_ids(frame: pl.DataFrame, text: str) -> list[str]:
    return [c for c in ("doc_id", "article") if c in frame.columns and c != text]


def _is_tokens(data: Any, text: Optional[str]) -> bool:
    return (
        isinstance(data, pl.DataFrame)
        and "token" in data.columns
        and (text is None or text not in data.columns)
    )


_BUILTIN_BY = {
    "doc": "__doc",
    "document": "__doc",
    "article": "__article",
    "id": "__article",
    "file": "__file",
}


def _text_input(data: Any, text: Optional[str], id: Names, by: Names) -> _Text:
    text = "text" if text is None else text
    by_cols = as_names(by, "by")
    if isinstance(data, (pathlib.PurePath,)) or (
        isinstance(data, (list, tuple))
        and data
        and all(isinstance(p, pathlib.PurePath) for p in data)
    ):
        data = Corpus(data)
    if isinstance(data, Corpus):
        if id is not None:
            raise ValueError("id= is for DataFrames; a Corpus names its documents itself")
        if len(by_cols) > 1:
            raise ValueError("a Corpus is grouped by one column (by='kind', 'file', ...)")
        name = _BUILTIN_BY.get(by_cols[0], by_cols[0]) if by_cols else None
        return _Text(data._native, name)
    if isinstance(data, str):
        data = [data]
    if isinstance(data, pl.Series):
        if data.dtype not in (pl.String, pl.Null):
            raise TypeError(f"a Series of texts must hold str, not {data.dtype}")
        data = data.to_list()
    if isinstance(data, (list, tuple)):
        if not all(isinstance(t, str) for t in data):
            bad = next(t for t in data if not isinstance(t, str))
            raise TypeError(f"texts must be str, not {type(bad).__name__} ({bad!r})")
        if by_cols:
            raise ValueError("by= needs a DataFrame (texts in a list have no columns)")
        if id is not None:
            raise ValueError("id= needs a DataFrame; a list of texts gets a 'doc' index column")
        t = _Text(_cipin.corpus_from_texts(texts=list(data)), None)
        t.index_ids = True
        return t
    if isinstance(data, pl.DataFrame):
        check_columns(data, [text], "the DataFrame")
        if data.schema[text] not in (pl.String, pl.Null):
            raise TypeError(f"column {text!r} must hold str, not {data.schema[text]}")
        ids = as_names(id, "id") if id is not None else _default_ids(data, text)
        check_columns(data, ids, "the DataFrame")
        check_columns(data, by_cols, "the DataFrame")
        cols = [
            _key(ids).alias("id") if ids else pl.int_range(pl.len()).cast(pl.String).alias("id")
        ]
        cols.append(pl.col(text).alias("text"))
        if by_cols:
            cols.append(_key(by_cols).alias("__by"))
        t = _Text(_cipin.corpus_from_texts(frame=data.select(cols)), None)
        t.index_ids = not ids
        return t.keyed(data, ids, by_cols)
    raise TypeError(
        "data must be text (a str, a list of str, a Series or a DataFrame with a text column), "
        "a token table (a DataFrame with a 'token' column), a cipin.Corpus or a pathlib.Path, "
        f"not {type(data).__name__}"
    )


def _token_input(frame: pl.DataFrame, filt: Any, id: Names, by: Names) -> _Text:
    """A token table as a native corpus of segmented documents: a document
    per id (``doc_id``/``article``, else ``doc``, else the whole table), with
    its tokens, tags, sentences, positions and starts (see
    ``_cipin.corpus_from_tokens``)."""
    check_columns(frame, ["token"], "the token table")
    if frame.schema["token"] != pl.String:
        raise TypeError(f"column 'token' must hold str, not {frame.schema['token']}")
    by_cols = as_names(by, "by")
    check_columns(frame, by_cols, "the token table")
    if id is None:
        ids = [c for c in ("doc_id", "article") if c in frame.columns]
        if not ids and "doc" in frame.columns:
            ids = ["doc"]
    else:
        ids = as_names(id, "id")
        check_columns(frame, ids, "the token table")
    if filt.needs_pos and "pos" not in frame.columns:
        raise ValueError(
            "POS filters (pos=, pos_exclude=) need a 'pos' column: segment with pos=True"
        )
    cols = [_key(ids).alias("id") if ids else pl.lit("").alias("id"), pl.col("token")]
    if "pos" in frame.columns:
        cols.append(pl.col("pos").cast(pl.String))
    cols.extend(pl.col(c) for c in ("sentence", "position", "start") if c in frame.columns)
    if by_cols:
        cols.append(_key(by_cols).alias("__by"))
    t = _Text(_cipin.corpus_from_tokens(frame.select(cols)), None)
    t.no_ids = not ids
    return t.keyed(frame, ids, by_cols)


def _input(call: _Call, id: Names, by: Names) -> _Text:
    """The native corpus of a call's data: text or a token table."""
    if call.tokens:
        return _token_input(call.data, call.filter, id, by)
    return _text_input(call.data, call.text, id, by)


def _filter(
    seg: Segmenter,
    segmenter_given: bool,
    stopwords: Any,
    extra_stopwords: Optional[Sequence[str]],
    pos: Names,
    pos_exclude: Names,
    min_len: int,
    drop_punct: bool,
    drop_numbers: bool,
    min_count: int,
    min_df: Union[int, float],
    max_df: Union[int, float],
) -> Any:
    if stopwords is _UNSET:
        sw = seg.stopwords if segmenter_given else "default"
    else:
        sw = _stopwords(stopwords)
    extra = list(extra_stopwords or [])
    if not all(isinstance(w, str) for w in extra):
        raise TypeError("extra_stopwords must be a list of str")
    # A list of one's own replaces the default list: no list, plus its words.
    if sw == "default" or sw is None:
        name, words = ("default" if sw else "none"), extra
    else:
        name, words = "none", [*sw, *extra]
    check_int("min_len", min_len, 1)
    check_int("min_count", min_count, 0)
    for what, v in (("min_df", min_df), ("max_df", max_df)):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"{what} must be an int (documents) or a float (a share), not {v!r}")
        if v < 0:
            raise ValueError(f"{what} must be >= 0, not {v}")
    # The settings go to the library's FilterConfig by name.
    return _cipin.NativeFilter(
        stopwords=name,
        extra_stopwords=words,
        pos_include=as_names(pos, "pos"),
        pos_exclude=as_names(pos_exclude, "pos_exclude"),
        min_len=min_len,
        drop_punct=check_bool("drop_punct", drop_punct),
        drop_numbers=check_bool("drop_numbers", drop_numbers),
        min_count=min_count,
        min_df=min_df,
        max_df=max_df,
    )


class _Call:
    """Everything a table call resolves before dispatching."""

    def __init__(self, data: Any, text: Optional[str], kw: dict[str, Any]) -> None:
        self.data = lazy_to_frame(data)
        self.text = text
        seg_arg = kw.pop("segmenter")
        self.seg = resolve(
            seg_arg,
            kw.pop("mode"),
            kw.pop("hmm"),
            kw.pop("pos_tag"),
            kw.pop("normalize"),
            kw.pop("keep_terms"),
            kw.pop("keep_numbers"),
            kw.pop("compound"),
        )
        self.filter = _filter(
            self.seg,
            seg_arg is not None,
            kw.pop("stopwords"),
            kw.pop("extra_stopwords"),
            kw.pop("pos"),
            kw.pop("pos_exclude"),
            kw.pop("min_len"),
            kw.pop("drop_punct"),
            kw.pop("drop_numbers"),
            kw.pop("min_count"),
            kw.pop("min_df"),
            kw.pop("max_df"),
        )
        if self.filter.needs_pos and not self.seg.pos and self.seg.mode == "precise":
            # POS filters on text: tag while segmenting (a token table has
            # its own tags, but the filter checks them against the tagger's).
            self.seg = self.seg._with(pos=True)
        self.top = kw.pop("top")
        if self.top is not None:
            check_int("top", self.top, 0)
        self.progress = kw.pop("progress")
        self.tokens = _is_tokens(self.data, text)


def _run(call: _Call, t: _Text, name: str, **params: Any) -> pl.DataFrame:
    """Table ``name`` of ``t``, counted in Rust (``_cipin.table``), with the
    call's filter unless ``filter=`` says otherwise."""
    params.setdefault("filter", call.filter)
    with Progress(call.progress, name) as cb:
        table, summary = _cipin.table(name, t.native, call.seg._native, progress=cb, **params)
    emit_warnings(summary["warnings"])
    return to_polars(table)


# ---------------------------------------------------------------------------
# Shared documentation of the keyword arguments

_FILTER_DOC = """
    segmenter
        A configured :class:`Segmenter`; its stopwords become the default
        ``stopwords``. Or set ``mode``, ``hmm``, ``pos_tag``, ``normalize``,
        ``keep_terms``, ``keep_numbers`` and ``compound`` (multi-word
        expressions joined into one token before counting, ``["高质量发展"]``;
        see :class:`Segmenter`).
    stopwords
        ``"default"`` (cipin's list of function words), ``None`` (keep all), a
        list of words, or the path of a word list. Default: the segmenter's
        list, else ``"default"``.
    extra_stopwords
        Words dropped in addition to ``stopwords``.
    pos, pos_exclude
        Keep only tokens with one of these POS tags / drop these tags
        (``pos=["n", "nr", "ns", "v"]``). Text is then tagged while segmented;
        a token table needs a ``pos`` column.
    min_len
        Minimum token length in characters.
    drop_punct, drop_numbers
        Drop punctuation and symbols (default), numbers (``2024``, ``二十``).
    min_count, min_df, max_df
        Keep rows counted at least ``min_count`` times, in at least / at most
        ``min_df`` / ``max_df`` documents (an int) or share of documents (a
        float, as scikit-learn).
    text, id
        For a DataFrame of texts: the text column, and the column(s) naming a
        document (default ``doc_id`` and ``article`` where present, else the
        row number ``doc``).
    progress
        Show a progress bar (``True``), or call ``progress(done, total)``.
"""


def _doc(extra: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        f.__doc__ = (f.__doc__ or "").replace("    {filters}\n", _FILTER_DOC.lstrip("\n") + extra)
        return f

    return wrap


# ---------------------------------------------------------------------------
# Frequency tables


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("frequency")
def frequency(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Term frequencies over the corpus or per group.

    Returns the columns ``[by...,] term, count, doc_freq, share, rank``:
    ``count`` the tokens of the term, ``doc_freq`` the documents of the group
    containing it, ``share`` its share of the group's kept tokens, ``rank`` its
    1-based rank in the group. Sorted by group, then count descending, then
    term.

    Parameters
    ----------
    data
        Text (str, list of str, Series, DataFrame with a text column, a
        :class:`Corpus`, a :class:`pathlib.Path`) or a token table.
    by
        Group column(s) of a DataFrame (``"kind"``, ``"doc_id"``, ...); for a
        :class:`Corpus` ``"doc"``, ``"article"``, ``"file"`` or a metadata field.
    top
        Keep the first ``top`` rows of each group.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> freq = cipin.frequency(["推进共同富裕，推进改革。", "共同富裕示范区"])
    >>> freq.columns
    ['term', 'count', 'doc_freq', 'share', 'rank']
    >>> freq.rows()[:2]
    [('共同富裕', 2, 2, 0.4, 1), ('推进', 1, 1, 0.2, 2)]
    >>> tokens = cipin.segment(["推进共同富裕，推进改革。", "共同富裕示范区"])
    >>> texts = ["推进共同富裕，推进改革。", "共同富裕示范区"]
    >>> cipin.frequency(tokens).equals(cipin.frequency(texts))
    True
    """
    call = _Call(data, text, locals_of(locals()))
    return _frequency(call, by, id, "frequency")


def locals_of(ns: dict[str, Any]) -> dict[str, Any]:
    out = dict(ns)
    for k in ("data", "by", "text", "id", "call"):
        out.pop(k, None)
    return out


def _frequency(call: _Call, by: Names, id: Names, kind: str) -> pl.DataFrame:
    t = _input(call, id, by)
    out = _run(call, t, kind, by=t.by, top=call.top)
    return t.groups(out)


@_doc("")
@renamed(keep_quoted="keep_terms")
def slogans(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = None,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Quoted slogans and numbered policy expressions (提法), counted.

    Returns ``[by...,] term, kind, count, doc_freq, example``: ``kind`` is
    ``quoted`` (``“千万工程”``), ``numbered`` (``三大差距``, ``五个“落实”`` as
    ``五个落实``) or ``both``; ``example`` the first occurrence with its
    context. Sorted by group, then count descending, then term. Needs text
    (quotes are not in a token table); of the filters only ``min_count``
    applies.

    Parameters
    ----------
    data, by, top
        As in :func:`frequency`, text only.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> df = cipin.slogans(["深化“千万工程”，缩小“三大差距”。", "缩小“三大差距”！"])
    >>> df.select("term", "kind", "count", "doc_freq").rows()
    [('三大差距', 'both', 2, 2), ('千万工程', 'both', 1, 1)]
    """
    call = _Call(data, text, locals_of(locals()))
    if call.tokens:
        raise TypeError("slogans() needs text: quotes are not kept in a token table")
    t = _text_input(call.data, call.text, id, by)
    out = _run(call, t, "slogans", by=t.by, top=call.top)
    return t.groups(out)


# ---------------------------------------------------------------------------
# Dictionary counting

_DICT_FILTER_DOC = _FILTER_DOC.replace(
    """    min_count, min_df, max_df
        Keep rows counted at least ``min_count`` times, in at least / at most
        ``min_df`` / ``max_df`` documents (an int) or share of documents (a
        float, as scikit-learn).
""",
    "",
)


def _dict_doc(f: Callable[..., Any]) -> Callable[..., Any]:
    f.__doc__ = (f.__doc__ or "").replace("    {filters}\n", _DICT_FILTER_DOC.lstrip("\n"))
    return f


def _plain_mapping(d: Any) -> dict[Any, Any]:
    """A (nested) mapping as nested dicts, in its order."""
    from collections.abc import Mapping

    return {k: _plain_mapping(v) if isinstance(v, Mapping) else v for k, v in d.items()}


def _native_dictionary(dictionary: Any) -> Any:
    """A native dictionary from a dict, a file path, or a native dictionary."""
    from collections.abc import Mapping

    if isinstance(dictionary, _cipin.NativeDictionary):
        return dictionary
    if isinstance(dictionary, (str, os.PathLike)):
        path = os.fspath(dictionary)
        if not os.path.exists(path):
            raise FileNotFoundError(2, "No such file or directory", path)
        return _cipin.dictionary_from_path(path)
    if isinstance(dictionary, Mapping):
        return _cipin.dictionary_from_dict(_plain_mapping(dictionary))
    raise TypeError(
        "dictionary must be a dict {category: [words or patterns]} or the path of a "
        f".json, .yaml, .yml, .dic or .txt file, not {type(dictionary).__name__}"
    )


def _dictionary_call(data: Any, text: Optional[str], kw: dict[str, Any]) -> tuple[_Call, Any]:
    """The call, with the dictionary's plain words added to its segmenter."""
    native = _native_dictionary(kw.pop("dictionary"))
    keep_words = check_bool("keep_words", kw.pop("keep_words"))
    kw.setdefault("min_count", 1)
    kw.setdefault("top", None)
    kw.update(min_df=0, max_df=1.0)
    call = _Call(data, text, kw)
    words = native.user_words
    if keep_words and words and not call.tokens:
        # Dictionary words first: the user's own entries win.
        entries = (*[(w, None, None) for w in words], *call.seg.user_words)
        call.seg = call.seg._with(entries=entries)
    return call, native


@_dict_doc
@renamed(keep_quoted="keep_terms")
def count_dictionary(
    data: Any,
    dictionary: Any,
    *,
    by: Names = None,
    text: Optional[str] = None,
    id: Names = None,
    keep_words: bool = True,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = None,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Dictionary counts per document (or group) and category, as quanteda's
    ``tokens_lookup`` and cntext's dictionaries.

    Returns ``<document or group columns>, category, count, tokens, share``:
    every document × every category (zero counts included), documents in
    order (groups sorted), categories in dictionary order. ``count`` is the
    number of matches, ``tokens`` the document's tokens that pass the token
    filter (by default every word: punctuation, symbols and whitespace are
    dropped, stopwords kept), ``share = count / tokens`` (0 without tokens).

    Entries are exact words (``共同富裕``), globs (``发展*``, ``*工程``: ``*``
    any run of characters, ``?`` one), regular expressions on the whole token
    (``re:[0-9]+年``), or words separated by spaces matching consecutive
    tokens of one sentence (``共同 富裕``). Each category is matched on its
    own, left to right, longest entry first: a token counts at most once per
    category (several entries may match it), can count in several
    categories, and a multi-word match counts once. Entries are normalised
    as the text is (traditional characters, full-width forms); matching is
    case-sensitive.

    Parameters
    ----------
    data, by
        As in :func:`frequency`; without ``by`` each document is a group (the
        id columns; ``doc`` for a list of texts), as in :func:`tfidf`.
        Sum ``count`` and ``tokens`` over documents for corpus totals.
    dictionary
        A dict ``{category: [entries]}`` (a dict value gives subcategories,
        named ``parent.child`` as quanteda does; a str value is one entry), or
        the path of a ``.json`` / ``.yaml`` / ``.yml`` file holding such a map
        (cntext's YAML with a ``Dictionary`` map too), a LIWC ``.dic`` file,
        or a ``.txt`` file of ``category: entry entry "two words"`` lines. A
        malformed file raises :class:`cipin.DictionaryError` naming the file
        and line.
    keep_words
        Add the dictionary's exact words to the segmenter as user words (no
        frequency: kept whole where the dictionary allows, never weakened), so
        that ``共同富裕`` is one token to match. Text only.
    {filters}

    Unlike most tables, stopwords are kept unless ``stopwords=`` is given (as
    ``cipin dictionary``): dictionaries of pronouns, negations or function
    words need them, and they belong in the denominator.

    Examples
    --------
    >>> import cipin
    >>> texts = ["推进共同富裕，促进高质量发展。", "缩小三大差距"]
    >>> d = {"发展": ["发展*"], "政策": {"富裕": ["共同富裕"], "差距": ["*差距"]}}
    >>> cipin.count_dictionary(texts, d).rows()[:3]
    [(0, '发展', 1, 5, 0.2), (0, '政策.富裕', 1, 5, 0.2), (0, '政策.差距', 0, 5, 0.0)]
    >>> import polars as pl
    >>> cipin.count_dictionary(texts, d).group_by("category", maintain_order=True).agg(
    ...     pl.col("count").sum()
    ... ).rows()
    [('发展', 1), ('政策.富裕', 1), ('政策.差距', 1)]
    """
    call, native = _dictionary_call(data, text, dict(locals_of(locals())))
    t = _input(call, id, by)
    out = _run(call, t, "count_dictionary", dictionary=native, by=t.by or "__article")
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_dict_doc
@renamed(keep_quoted="keep_terms")
def dictionary_matches(
    data: Any,
    dictionary: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    min_count: int = 1,
    text: Optional[str] = None,
    id: Names = None,
    keep_words: bool = True,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = None,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Which words matched each category of a dictionary, with counts.

    Returns ``<document or group columns>, category, term, count``: ``term``
    is the matched token, or the tokens of a multi-word match joined by a
    space, so the counts of a document and category add up to its ``count``
    in :func:`count_dictionary`. Sorted by document (group), category,
    count descending, term.

    Parameters
    ----------
    data, dictionary, by, keep_words
        As in :func:`count_dictionary`.
    top
        Keep the ``top`` most frequent terms of each document and category.
    min_count
        Keep terms matched at least ``min_count`` times.
    {filters}

    Stopwords are kept unless ``stopwords=`` is given, as in
    :func:`count_dictionary`.

    Examples
    --------
    >>> import cipin
    >>> d = {"发展": ["发展*"]}
    >>> cipin.dictionary_matches(["发展是第一要务，坚持新发展理念。"], d).rows()
    [(0, '发展', '发展', 2)]
    """
    call, native = _dictionary_call(data, text, dict(locals_of(locals())))
    t = _input(call, id, by)
    out = _run(
        call, t, "dictionary_matches", dictionary=native, by=t.by or "__article", top=call.top
    )
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("term_frequency")
def term_frequency(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Term frequencies per group, as quanteda's ``dfm`` in long form.

    Returns ``[by...,] term, count, tf`` with ``tf`` the term's share of the
    group's kept tokens. Sorted as :func:`frequency`.

    Parameters
    ----------
    data, by, top
        As in :func:`frequency`.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> import polars as pl
    >>> df = pl.DataFrame({"year": [2023, 2024], "text": ["推进共同富裕。", "缩小三大差距。"]})
    >>> tf = cipin.term_frequency(df, by="year")
    >>> tf.filter(year=2023).rows()
    [(2023, '共同富裕', 1, 0.5), (2023, '推进', 1, 0.5)]
    """
    call = _Call(data, text, locals_of(locals()))
    return _frequency(call, by, id, "term_frequency")


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("tfidf")
def tfidf(
    data: Any,
    *,
    by: Names = None,
    idf: str = "smooth",
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """TF-IDF per document (or per group with ``by=``).

    Returns ``<document or group columns>, term, count, tf, idf, tfidf`` with
    ``tf`` the share of the document's kept tokens, ``idf`` smooth
    ``ln((1+N)/(1+df)) + 1`` (scikit-learn's default) or raw ``ln(N/df)``.
    Sorted by document, then ``tfidf`` descending, then term. ``min_count``,
    ``min_df`` and ``max_df`` filter the vocabulary over the whole corpus.

    Parameters
    ----------
    data, by, top
        As in :func:`frequency`; without ``by`` the documents are the id
        columns (each text of a list: ``doc``).
    idf
        ``"smooth"`` or ``"raw"``.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> cipin.tfidf(["共同富裕示范区", "推进共同富裕"], top=1)["term"].to_list()
    ['示范区', '推进']
    """
    call = _Call(data, text, locals_of(locals()))
    if idf not in ("smooth", "raw"):
        raise ValueError(f"idf must be 'smooth' or 'raw', not {idf!r}")
    t = _input(call, id, by)
    out = _run(call, t, "tfidf", by=t.by, top=call.top, idf=idf)
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("ngrams")
def ngrams(
    data: Any,
    n: Union[int, tuple[int, int]] = 2,
    *,
    by: Names = None,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = None,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """N-gram counts, within sentences.

    Returns ``[by...,] ngram, n, count, doc_freq``; ``ngram`` is the tokens
    joined by one space. An n-gram never spans a sentence end or a token the
    filter drops, so every n-gram is made of tokens adjacent in the text.

    Parameters
    ----------
    data, by, top
        As in :func:`frequency`.
    n
        The size (2 to 5), or a range ``(n_min, n_max)``.
    {filters}

    Unlike the other tables, n-grams keep stopwords unless ``stopwords=`` is
    given (as ``cipin ngrams``): 的 and 了 are part of many set phrases.

    Examples
    --------
    >>> import cipin
    >>> cipin.ngrams("推进共同富裕。推进共同富裕示范区建设。", 2, top=1)["ngram"].to_list()
    ['推进 共同富裕']
    """
    if isinstance(n, int) and not isinstance(n, bool):
        lo = hi = n
    elif isinstance(n, (tuple, list)) and len(n) == 2:
        lo, hi = n
    else:
        raise TypeError(f"n must be an int or a pair (n_min, n_max), not {n!r}")
    call = _Call(
        data,
        text,
        locals_of({k: v for k, v in locals().items() if k not in ("n", "lo", "hi")}),
    )
    t = _input(call, id, by)
    out = _run(call, t, "ngrams", by=t.by, top=call.top, n_min=lo, n_max=hi)
    return t.groups(out)


# ---------------------------------------------------------------------------
# Associations


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("collocations")
def collocations(
    data: Any,
    *,
    sort: str = "llr",
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 3,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Collocations: pairs of adjacent words ``w1 w2`` with association scores.

    Returns ``w1, w2, count, pmi, llr, t``: ``count`` how often ``w1`` is
    directly followed by ``w2`` (within a sentence, no dropped token
    between), ``pmi`` pointwise mutual information (log2), ``llr`` Dunning's
    log-likelihood G², ``t`` the t-score (as NLTK's bigram measures). Sorted by
    ``sort`` descending (log-likelihood by default, as ``cipin collocations``:
    a raw count only repeats the frequency list).

    Parameters
    ----------
    data, top
        As in :func:`frequency`.
    sort
        ``"llr"`` (default), ``"pmi"``, ``"t"`` or ``"count"``.
    min_count
        Leave out pairs seen fewer times (default 3: a pair seen once has the
        highest PMI there is, and no evidence behind it).
    {filters}

    Examples
    --------
    >>> import cipin
    >>> text = "推进共同富裕。推进共同富裕示范区建设。"
    >>> c = cipin.collocations(text, sort="count", min_count=2, top=1)
    >>> c[["w1", "w2", "count"]].row(0)
    ('推进', '共同富裕', 2)
    """
    if sort not in ("count", "pmi", "llr", "g2", "t"):
        raise ValueError(f"sort must be 'count', 'pmi', 'llr' or 't', not {sort!r}")
    check_int("min_count", min_count, 0)
    # min_count is collocations' own parameter (its default is not the
    # filter's): it goes to the table, and the filter keeps every row.
    ns = {k: v for k, v in locals().items() if k not in ("sort", "min_count")}
    call = _Call(data, text, locals_of({**ns, "min_count": 1}))
    t = _input(call, id, None)
    return _run(call, t, "collocations", top=call.top, sort=sort, min_count=min_count)


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("cooccurrence")
def cooccurrence(
    data: Any,
    *,
    window: Optional[int] = 5,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Word co-occurrence: unordered pairs of distinct words, ``w1 < w2``.

    Returns ``w1, w2, count, pmi``. With ``window=k``, ``count`` is the number
    of token pairs at most ``k`` kept tokens apart in a document and
    ``pmi = log2(2·D·count / (m1·m2))`` (``D`` all pairs, ``mi`` the pairs
    with word ``i``); with ``window=None``, ``count`` is the number of
    documents containing both and ``pmi = log2(N·count / (df1·df2))``.
    Sorted by count descending, then ``w1``, ``w2``.

    Parameters
    ----------
    data, top
        As in :func:`frequency`.
    window
        The window in tokens, or ``None`` for whole documents.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> co = cipin.cooccurrence(["共同富裕 示范区", "共同富裕 示范区 建设"], window=None)
    >>> co.row(0)[:3]
    ('共同富裕', '示范区', 2)
    """
    if window is not None:
        check_int("window", window, 1)
    call = _Call(data, text, locals_of({k: v for k, v in locals().items() if k != "window"}))
    t = _input(call, id, None)
    return _run(call, t, "cooccurrence", top=call.top, window=window)


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("keyness")
def keyness(
    data: Any,
    *,
    by: str,
    target: Any,
    reference: Any = None,
    negative: bool = False,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Keyness: the terms a target group uses more than the rest (or a reference group).

    Returns ``term, count_target, count_reference, g2, log_ratio, p_value``:
    Rayson's log-likelihood G² on the term's counts and the groups' kept-token
    totals, Hardie's log ratio ``log2((a/c)/(b/d))`` (positive: more frequent
    in the target), and the χ²(1) p-value of G². Sorted by G² descending.

    Parameters
    ----------
    data, top
        As in :func:`frequency`.
    by
        The column holding the groups (``"article"``, ``"kind"``, ...).
    target
        The value of ``by`` of the target documents. With ``by="doc"`` or
        ``"article"`` a document's number alone also works (``4`` for
        ``page.txt#4``, ``2`` for line 2 of a plain-text file).
    reference
        The value of the reference documents (default: every other document).
    negative
        Also list the terms the target uses less (``log_ratio < 0``).
    {filters}

    Examples
    --------
    >>> import cipin
    >>> import polars as pl
    >>> df = pl.DataFrame({"side": ["a", "b"], "text": ["缩小差距，缩小差距。", "推进共同富裕。"]})
    >>> cipin.keyness(df, by="side", target="a")[["term", "count_target", "count_reference"]].row(0)
    ('缩小差距', 2, 0)
    """
    if not isinstance(by, str):
        raise TypeError("keyness takes one by= column name")
    check_bool("negative", negative)
    call = _Call(
        data,
        text,
        locals_of(
            {k: v for k, v in locals().items() if k not in ("target", "reference", "negative")}
        ),
    )
    t = _input(call, id, by)

    def as_key(v: Any) -> str:
        if isinstance(call.data, pl.DataFrame):
            dtype = call.data.schema[by]
            return str(pl.Series([v]).cast(dtype).cast(pl.String)[0])
        return str(v)

    try:
        return _run(
            call,
            t,
            "keyness",
            by=t.by,
            target=as_key(target),
            reference=None if reference is None else as_key(reference),
            negative=negative,
            top=call.top,
        )
    except ValueError as e:
        # The native code knows a DataFrame's groups as `__by`: name the column.
        if t.by != "__by":
            raise
        raise ValueError(str(e).replace("__by", by)) from None


# ---------------------------------------------------------------------------
# Keywords, KWIC, DTM


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("keywords")
def keywords(
    data: Any,
    *,
    k: int = 10,
    method: Union[str, Sequence[str]] = "both",
    idf: str = "corpus",
    span: int = 5,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """The top ``k`` keywords of every document, by TF-IDF and by TextRank.

    Returns ``<id columns>, method, rank, keyword, score``, documents in
    order, ``method`` ``tfidf`` then ``textrank``.

    Parameters
    ----------
    data
        As in :func:`frequency`.
    k
        Keywords per document and method.
    method
        ``"tfidf"``, ``"textrank"`` or ``"both"`` (or a list of methods).
    idf
        For TF-IDF: ``"corpus"`` (smooth idf over the documents given),
        ``"raw"``, or ``"jieba"`` (jieba's built-in idf table, as
        ``jieba.analyse.extract_tags``; text only).
    span
        TextRank's window (jieba's 5).
    {filters}

    Examples
    --------
    >>> import cipin
    >>> kw = cipin.keywords(["推进共同富裕示范区建设，共同富裕是目标。"], k=1)
    >>> kw["method"].to_list()
    ['tfidf', 'textrank']
    """
    methods = [method] if isinstance(method, str) else list(method)
    if methods == ["both"]:
        methods = ["tfidf", "textrank"]
    bad = [m for m in methods if m not in ("tfidf", "textrank")]
    if bad or not methods:
        raise ValueError(f"method must be 'tfidf', 'textrank' or 'both', not {method!r}")
    rust_method = "both" if len(set(methods)) == 2 else methods[0]
    check_int("k", k, 1)
    check_int("span", span, 2)
    if idf not in ("corpus", "smooth", "raw", "jieba"):
        raise ValueError(f"idf must be 'corpus', 'raw' or 'jieba', not {idf!r}")
    ns = {
        k_: v
        for k_, v in locals().items()
        if k_ not in ("k", "method", "idf", "span", "methods", "bad", "rust_method")
    }
    ns.update(min_count=1, min_df=0, max_df=1.0, top=None)
    call = _Call(data, text, locals_of(ns))
    if call.tokens and "tfidf" in methods and idf == "jieba":
        raise ValueError(
            "keywords with jieba's idf segment the text with jieba itself: pass text, "
            "not a token table (or use idf='corpus')"
        )
    t = _input(call, id, None)
    out = _run(
        call,
        t,
        "keywords",
        k=k,
        method=rust_method,
        idf=idf,
        span=span,
    )
    return t.ids(out, "id")


@renamed(keep_quoted="keep_terms")
@register("kwic")
def kwic(
    data: Any,
    pattern: str,
    *,
    window: int = 5,
    unit: str = "tokens",
    match: str = "token",
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Keyword in context: every occurrence of a word or phrase with its context.

    Returns ``<id columns>, start, left, keyword, right``: ``start`` the
    character offset of the keyword in its text, and the contexts and the
    keyword *as in the original text* (before normalisation). In order.

    Parameters
    ----------
    data
        Text (as in :func:`frequency`) or a token table (contexts are then
        the tokens joined).
    pattern
        A word (``三大差距``); words separated by spaces match consecutive
        tokens (``共同 富裕``); ``*`` and ``?`` are wildcards (``共同*``).
        Normalised as the text is: traditional characters find simplified ones.
    window
        Context size each side.
    unit
        ``"tokens"`` or ``"chars"``.
    match
        ``"token"`` (whole tokens) or ``"substring"`` (anywhere in the text,
        whatever the segmentation; text only).
    top
        At most this many lines.
    text, id, segmenter, mode, hmm, normalize, keep_terms, keep_numbers, compound, progress
        As in :func:`frequency`.

    Examples
    --------
    >>> import cipin
    >>> cipin.kwic("缩小三大差距，推进共同富裕。", "共同富裕", window=1).row(0)
    (0, 9, '推进', '共同富裕', '。')
    >>> text = "缩小三大差距，推进共同富裕。"
    >>> cipin.kwic(text, "三大差距", match="substring", unit="chars", window=2).row(0)
    (0, 2, '缩小', '三大差距', '，推')
    """
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str, not {type(pattern).__name__}")
    check_int("window", window, 0)
    if unit not in ("tokens", "chars"):
        raise ValueError(f"unit must be 'tokens' or 'chars', not {unit!r}")
    if match not in ("token", "substring"):
        raise ValueError(f"match must be 'token' or 'substring', not {match!r}")
    ns = dict(
        segmenter=segmenter,
        mode=mode,
        hmm=hmm,
        pos_tag=False,
        normalize=normalize,
        keep_terms=keep_terms,
        keep_numbers=keep_numbers,
        compound=compound,
        stopwords=None,
        extra_stopwords=None,
        pos=None,
        pos_exclude=None,
        min_len=1,
        drop_punct=False,
        drop_numbers=False,
        min_count=1,
        min_df=0,
        max_df=1.0,
        top=top,
        progress=progress,
    )
    call = _Call(data, text, ns)
    if call.tokens and (unit != "tokens" or match != "token"):
        raise ValueError("a token table has token contexts only: unit='tokens', match='token'")
    t = _input(call, id, None)
    out = _run(
        call,
        t,
        "kwic",
        filter=None,
        top=call.top,
        pattern=pattern,
        window=window,
        unit=unit,
        match=match,
    )
    return t.ids(out, "id")


@renamed(keep_quoted="keep_terms")
@register("dtm")
def dtm(
    data: Any,
    *,
    by: Names = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    mode: str = "precise",
    hmm: bool = True,
    pos_tag: bool = False,
    normalize: Any = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Sequence[str]] = None,
    stopwords: Any = _UNSET,
    extra_stopwords: Optional[Sequence[str]] = None,
    pos: Names = None,
    pos_exclude: Names = None,
    min_len: int = 1,
    drop_punct: bool = True,
    drop_numbers: bool = False,
    min_count: int = 1,
    min_df: Union[int, float] = 0,
    max_df: Union[int, float] = 1.0,
    progress: ProgressArg = False,
) -> tuple[Any, list[str], list[Any]]:
    """The document-term matrix, for scikit-learn, gensim and scipy.

    Returns ``(matrix, vocabulary, doc_ids)``: a ``scipy.sparse.csr_matrix`` of
    counts (documents × terms, ``int64``), the terms (sorted, as
    scikit-learn's ``CountVectorizer``), and the document (or group) of each
    row — a value, or a tuple with several id columns. Needs scipy.

    Parameters
    ----------
    data, by
        As in :func:`tfidf`: rows are the documents, or the groups of ``by``.
    segmenter, stopwords, ... , min_count, min_df, max_df
        As in :func:`frequency`; the row filters select the vocabulary over
        the whole corpus.

    Examples
    --------
    >>> import cipin
    >>> m, vocab, docs = cipin.dtm(["共同富裕示范区", "推进共同富裕"])
    >>> m.shape, vocab, docs
    ((2, 3), ['共同富裕', '推进', '示范区'], [0, 1])
    >>> m.toarray().tolist()
    [[1, 0, 1], [1, 1, 0]]
    """
    try:
        from scipy.sparse import csr_matrix
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("cipin.dtm needs scipy: pip install scipy (or cipin[scipy])") from e
    ns = {k: v for k, v in locals().items() if k not in ("csr_matrix",)}
    ns["top"] = None
    call = _Call(data, text, locals_of(ns))
    t = _input(call, id, by)
    with Progress(call.progress, "dtm") as cb:
        indptr, indices, data_, vocab_t, docs_t, _ = _cipin.dtm(
            t.native, call.seg._native, call.filter, by=t.by, progress=cb
        )
    vocab = to_polars(vocab_t).to_series().to_list()
    docs = to_polars(docs_t)
    m = csr_matrix(
        (
            to_polars(data_).to_series().to_numpy().astype("int64"),
            to_polars(indices).to_series().to_numpy(),
            to_polars(indptr).to_series().to_numpy(),
        ),
        shape=(docs.height, len(vocab)),
    )
    col = docs.columns[0]
    if t.no_ids and t.by is None:
        # A token table without id columns is one document, named by no column.
        return m, vocab, [()] * docs.height
    if t.by is None or t.by in ("__doc", "__article", "__file"):
        mapped = t.ids(docs.rename({col: "__id"}), "__id")
        cols = [c for c in mapped.columns if c != "__id"]
        return m, vocab, _row_ids(mapped, cols or ["__id"])
    if t.by_map is not None:
        mapped = t._map(docs.rename({col: t.by}), t.by, t.by_map, t.by_cols)
        return m, vocab, _row_ids(mapped, t.by_cols)
    return m, vocab, docs[col].to_list()


def _row_ids(frame: pl.DataFrame, cols: list[str]) -> list[Any]:
    if len(cols) == 1:
        return frame[cols[0]].to_list()
    return [tuple(r) for r in frame.select(cols).iter_rows()]


# Keep `os` imported for type checkers reading PathLike unions above.
_ = os
