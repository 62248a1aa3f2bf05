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

import contextvars
import copy
import functools
import inspect
import os
import pathlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypedDict, Union

import polars as pl

if TYPE_CHECKING:
    from typing_extensions import Unpack

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

# The part of a larger corpus a call counts, ``(index, count, first)``: set
# by :mod:`cipin.dask` around each partition's call, which then returns the
# partition's :class:`Partial` (its documents numbered from ``first``).
_PART: contextvars.ContextVar[Optional[tuple[int, int, int]]] = contextvars.ContextVar(
    "cipin_part", default=None
)


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


def _text_input(data: Any, text: Optional[str], id: Names, by: Names, first: int = 0) -> _Text:
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
        t = _Text(_cipin.corpus_from_texts(texts=list(data), first_id=first), None)
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
            _key(ids).alias("id")
            if ids
            else pl.int_range(first, first + pl.len()).cast(pl.String).alias("id")
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


def _input(call: _Call, by: Names) -> _Text:
    """The native corpus of a call's data: text or a token table."""
    if call.tokens:
        return _token_input(call.data, call.filter, call.id, by)
    part = _PART.get()
    return _text_input(call.data, call.text, call.id, by, part[2] if part else 0)


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

    def __init__(self, data: Any, kw: dict[str, Any]) -> None:
        # What a table does not take has its default (no stopwords where
        # there is no filter, every row where there are no row filters).
        kw = {**_SEGMENT, **_TOKENS, **_ROWS, **_PROGRESS, "top": None, "shard": None, **kw}
        self.data = lazy_to_frame(data)
        self.text, self.id = kw.pop("text"), kw.pop("id")
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
        self.top = kw.pop("top", None)
        if self.top is not None:
            check_int("top", self.top, 0)
        self.progress = kw.pop("progress")
        self.tokens = _is_tokens(self.data, self.text)
        self.shard = kw.pop("shard")
        if self.shard is not None:
            ok = (
                isinstance(self.shard, (tuple, list))
                and len(self.shard) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in self.shard)
                and 0 <= self.shard[0] < self.shard[1]
            )
            if not ok:
                raise ValueError(f"shard must be a pair (i, n) with 0 <= i < n, not {self.shard!r}")

    @property
    def partial(self) -> bool:
        """Whether the call returns a :class:`Partial` (``shard=``, or a Dask partition)."""
        return self.shard is not None or _PART.get() is not None


def _run(call: _Call, t: _Text, name: str, **params: Any) -> pl.DataFrame:
    """Table ``name`` of ``t``, counted in Rust (``_cipin.table``), with the
    call's filter unless ``filter=`` says otherwise."""
    params.setdefault("filter", call.filter)
    with Progress(call.progress, name) as cb:
        table, summary = _cipin.table(name, t.native, call.seg._native, progress=cb, **params)
    emit_warnings(summary["warnings"])
    return to_polars(table)


class Partial:
    """A partial table: the sums of a table (``frequency``, ``ngrams``,
    ``tfidf``, ``dtm``, ``keyness``, ``collocations``, ``cooccurrence``) over
    the documents of one shard of a corpus, to be put together with the
    other shards' by :func:`merge`.

    Made by those functions with ``shard=(i, n)`` (and by :mod:`cipin.dask`
    for each partition). It pickles, so that workers can send it; ``frame``
    is the partial table itself, as ``cipin freq --shard I/N`` writes it.

    Examples
    --------
    >>> import cipin
    >>> texts = ["推进共同富裕。", "缩小三大差距", "共同富裕示范区"]
    >>> parts = [cipin.frequency(texts, shard=(i, 2)) for i in range(2)]
    >>> parts[0]
    <cipin.Partial frequency 0/2: 2 documents>
    >>> cipin.merge(parts).equals(cipin.frequency(texts))
    True
    """

    def __init__(
        self, table: str, frame: pl.DataFrame, text: Optional[_Text], summary: dict[str, Any]
    ) -> None:
        self.table = table
        self.frame = frame
        self._text = text
        self.summary = summary

    @property
    def part(self) -> tuple[int, int]:
        """``(index, count)``: which of how many parts this is."""
        import json

        i, n = json.loads(self.frame["key"][0])["part"]
        return int(i), int(n)

    def __repr__(self) -> str:
        i, n = self.part
        return f"<cipin.Partial {self.table} {i}/{n}: {self.summary['documents']} documents>"


def _partial(call: _Call, t: _Text, name: str, **params: Any) -> Any:
    """The :class:`Partial` of table ``name`` for a call with ``shard=`` or in
    a Dask partition (see ``_cipin.table``'s ``part``). (Typed ``Any``: the
    table functions are annotated with what they return without ``shard``.)"""
    params.setdefault("filter", call.filter)
    if call.shard is not None:
        (i, n), shard, first = call.shard, True, 0
    else:
        i, n, first = _PART.get() or (0, 1, 0)
        shard = False
    # What decides the counts besides the table's settings: checked equal
    # across the parts by the merge.
    counting = {
        "segmenter": repr(call.seg),
        "filter": repr(params["filter"]),
        "tokens": call.tokens,
    }
    with Progress(call.progress, name) as cb:
        frame, summary = _cipin.table(
            name,
            t.native,
            call.seg._native,
            progress=cb,
            part=(i, n),
            shard=shard,
            first_index=first,
            counting=counting,
            **params,
        )
    emit_warnings(summary["warnings"])
    # The mapping of native ids and groups back to the data's columns,
    # without the native corpus (which does not pickle).
    text = copy.copy(t)
    text.native = None
    return Partial(name, to_polars(frame), text, dict(summary))


def _merged_text(texts: list[Optional[_Text]]) -> Optional[_Text]:
    """One mapping of ids and groups from the parts' (each knows its own rows)."""
    known = [t for t in texts if t is not None]
    if not known:
        return None
    out = copy.copy(known[0])
    for attr in ("id_map", "by_map"):
        maps = [getattr(t, attr) for t in known if getattr(t, attr) is not None]
        if maps:
            setattr(out, attr, pl.concat(maps).unique("__key", keep="first", maintain_order=True))
    return out


def merge(parts: Sequence[Any]) -> Any:
    """Put partial tables together into the table.

    Parameters
    ----------
    parts
        The :class:`Partial` tables of every shard (``cipin.frequency(data,
        shard=(i, n))`` for ``i`` in ``range(n)``), or the paths of the parquet
        files ``cipin freq --shard I/N -o part-I.parquet`` wrote, in any order.

    Returns the table the one-machine call returns (for ``dtm``, its
    ``(matrix, vocabulary, doc_ids)``): the merged counts give the same rows,
    bit for bit, and the filters and ``top`` recorded in the parts apply to
    the merged counts. Parts of different tables or settings, a missing shard
    or a shard given twice are a ``ValueError`` naming the part.

    Examples
    --------
    >>> import cipin
    >>> texts = ["推进共同富裕。", "缩小三大差距", "共同富裕示范区", "推进改革"]
    >>> parts = [cipin.tfidf(texts, top=2, shard=(i, 3)) for i in range(3)]
    >>> cipin.merge(parts).equals(cipin.tfidf(texts, top=2))
    True
    """
    frames, names, texts = [], [], []
    for k, p in enumerate(parts):
        if isinstance(p, Partial):
            frames.append(p.frame)
            i, n = p.part
            names.append(f"part {i}/{n} (parts[{k}])")
            texts.append(p._text)
        elif isinstance(p, (str, os.PathLike)):
            frames.append(pl.read_parquet(p))
            names.append(os.fspath(p))
            texts.append(None)
        else:
            raise TypeError(
                f"parts[{k}]: expected a cipin.Partial or a parquet path, not {type(p).__name__}"
            )
    name, tables, summary = _cipin.merge(frames, names)
    emit_warnings(summary["warnings"])
    t = _merged_text(texts)
    if name == "dtm":
        return _dtm_result(t, *tables)
    out = to_polars(tables[0])
    if t is None or name == "keyness":
        return out
    if name == "tfidf" and t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


# ---------------------------------------------------------------------------
# The keywords every table shares, in one place
#
# A table function names its own parameters and takes the shared ones as
# ``**options``; ``_table`` gives it a signature that shows them all (for
# ``help()`` and editors), fills in their defaults and refuses unknown ones.

#: How text is read and segmented (every table).
_SEGMENT: dict[str, Any] = {
    "text": None,
    "id": None,
    "segmenter": None,
    "mode": "precise",
    "hmm": True,
    "pos_tag": False,
    "normalize": True,
    "keep_terms": True,
    "keep_numbers": True,
    "compound": None,
}
#: Which tokens are counted.
_TOKENS: dict[str, Any] = {
    "stopwords": _UNSET,
    "extra_stopwords": None,
    "pos": None,
    "pos_exclude": None,
    "min_len": 1,
    "drop_punct": True,
    "drop_numbers": False,
}
#: Which rows are kept.
_ROWS: dict[str, Any] = {"min_count": 1, "min_df": 0, "max_df": 1.0}
_PROGRESS: dict[str, Any] = {"progress": False}


class SegmentOptions(TypedDict, total=False):
    """The keywords of every table: the input's columns and the segmenter."""

    text: Optional[str]
    id: Names
    segmenter: Optional[Segmenter]
    mode: str
    hmm: bool
    pos_tag: bool
    normalize: Any
    keep_terms: bool
    keep_numbers: bool
    compound: Optional[Sequence[str]]
    progress: ProgressArg


class TokenOptions(SegmentOptions, total=False):
    """:class:`SegmentOptions` and the token filters."""

    stopwords: Any
    extra_stopwords: Optional[Sequence[str]]
    pos: Names
    pos_exclude: Names
    min_len: int
    drop_punct: bool
    drop_numbers: bool


class TableOptions(TokenOptions, total=False):
    """:class:`TokenOptions` and the row filters."""

    min_count: int
    min_df: Union[int, float]
    max_df: Union[int, float]


KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY
#: The shared keywords' types, as written in the classes above.
_ANNOTATIONS = {
    k: getattr(v, "__forward_arg__", v) for k, v in TableOptions.__annotations__.items()
}


def _table(
    *groups: dict[str, Any], drop: Sequence[str] = (), **defaults: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a table function the shared keywords of ``groups`` (less
    ``drop``; ``defaults`` overriding theirs), after its own parameters."""
    shared = {k: v for g in (*groups, _PROGRESS) for k, v in g.items() if k not in drop}
    shared.update(defaults)

    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(f)
        own = [p for p in sig.parameters.values() if p.kind is not p.VAR_KEYWORD]
        names = {p.name for p in own}
        extra = {k: v for k, v in shared.items() if k not in names}
        params = [
            inspect.Parameter(k, KEYWORD_ONLY, default=v, annotation=_ANNOTATIONS[k])
            for k, v in extra.items()
        ]

        @functools.wraps(f)
        def call(*args: Any, **kw: Any) -> Any:
            unknown = [k for k in kw if k not in names and k not in extra]
            if unknown:
                raise TypeError(f"{f.__name__}() got an unexpected keyword argument {unknown[0]!r}")
            for k, v in extra.items():
                kw.setdefault(k, v)
            return f(*args, **kw)

        call.__signature__ = sig.replace(parameters=[*own, *params])  # type: ignore[attr-defined]
        return call

    return wrap


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


_SHARD_DOC = """    shard
        ``(i, n)``: count only the documents whose index is ``i`` modulo ``n``
        and return a :class:`Partial`, which :func:`merge` puts together with
        the other shards' into this table (see :mod:`cipin.dask`).
"""


def _doc(extra: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        f.__doc__ = (f.__doc__ or "").replace("    {filters}\n", _FILTER_DOC.lstrip("\n") + extra)
        return f

    return wrap


# ---------------------------------------------------------------------------
# Frequency tables


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("frequency")
@_table(_SEGMENT, _TOKENS, _ROWS)
def frequency(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    return _frequency(_Call(data, {**options, "top": top, "shard": shard}), by, "frequency")


def _frequency(call: _Call, by: Names, kind: str) -> Any:
    t = _input(call, by)
    if call.partial:
        return _partial(call, t, kind, by=t.by, top=call.top)
    out = _run(call, t, kind, by=t.by, top=call.top)
    return t.groups(out)


@_doc("")
@renamed(keep_quoted="keep_terms")
@_table(_SEGMENT, _TOKENS, _ROWS, stopwords=None)
def slogans(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    **options: Unpack[TableOptions],
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
    call = _Call(data, {**options, "top": top})
    if call.tokens:
        raise TypeError("slogans() needs text: quotes are not kept in a token table")
    t = _text_input(call.data, call.text, call.id, by)
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
        f".json, .yaml, .yml, .dic, .txt, .cat or .lc3 file, not {type(dictionary).__name__}"
    )


def _dictionary_call(
    data: Any, dictionary: Any, keep_words: bool, kw: dict[str, Any]
) -> tuple[_Call, Any]:
    """The call, with the dictionary's plain words added to its segmenter."""
    native = _native_dictionary(dictionary)
    check_bool("keep_words", keep_words)
    call = _Call(data, kw)
    words = native.user_words
    if keep_words and words and not call.tokens:
        # Dictionary words first: the user's own entries win.
        entries = (*[(w, None, None) for w in words], *call.seg.user_words)
        call.seg = call.seg._with(entries=entries)
    return call, native


@_dict_doc
@renamed(keep_quoted="keep_terms")
@_table(_SEGMENT, _TOKENS, stopwords=None)
def count_dictionary(
    data: Any,
    dictionary: Any,
    *,
    by: Names = None,
    keep_words: bool = True,
    **options: Unpack[TokenOptions],
) -> pl.DataFrame:
    """Dictionary counts per document (or group) and category, as quanteda's
    ``tokens_lookup`` and cntext's dictionaries.

    Returns ``<document or group columns>, category, count, tokens, share``:
    every document × every category (zero counts included), documents in
    order (groups sorted), categories in dictionary order. ``count`` is the
    number of matches, ``tokens`` the document's tokens that pass the token
    filter (by default every word: punctuation, symbols and whitespace are
    dropped, stopwords kept), ``share = count / tokens`` (0 without tokens).
    A weighted dictionary (an entry weighing other than 1) adds ``score``:
    the sum of the weights of the matches counted (an entry without a weight
    weighs 1); without weights the table has no ``score``.

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
        named ``parent.child`` as quanteda does, or weighted entries when its
        values are numbers, ``{"情感": {"好": 1.0, "差": -1.0}}``; a str value
        is one entry), or the path of a ``.json`` / ``.yaml`` / ``.yml`` file
        holding such a map (cntext's YAML with a ``Dictionary`` map too), a
        LIWC ``.dic`` file, a ``.txt`` file of ``category: entry entry "two
        words"`` lines, a WordStat ``.cat`` file (indented categories, named
        ``parent.child``; entries ``WORD (weight)``) or a Lexicoder ``.lc3``
        file (``+CATEGORY`` lines, each followed by its entries). A malformed
        file raises :class:`cipin.DictionaryError` naming the file and line.
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
    >>> valence = {"情感": {"好": 1.0, "差": -1.0}}
    >>> cipin.count_dictionary(["服务好，价格好，环境差"], valence)[["count", "score"]].rows()
    [(3, 1.0)]
    """
    call, native = _dictionary_call(data, dictionary, keep_words, options)
    t = _input(call, by)
    out = _run(call, t, "count_dictionary", dictionary=native, by=t.by or "__article")
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_dict_doc
@renamed(keep_quoted="keep_terms")
@_table(_SEGMENT, _TOKENS, stopwords=None)
def dictionary_matches(
    data: Any,
    dictionary: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    min_count: int = 1,
    keep_words: bool = True,
    **options: Unpack[TokenOptions],
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
    options.update(top=top, min_count=min_count)
    call, native = _dictionary_call(data, dictionary, keep_words, options)
    t = _input(call, by)
    out = _run(
        call, t, "dictionary_matches", dictionary=native, by=t.by or "__article", top=call.top
    )
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_doc("")
@renamed(keep_quoted="keep_terms")
@register("term_frequency")
@_table(_SEGMENT, _TOKENS, _ROWS)
def term_frequency(
    data: Any,
    *,
    by: Names = None,
    top: Optional[int] = None,
    **options: Unpack[TableOptions],
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
    return _frequency(_Call(data, {**options, "top": top}), by, "term_frequency")


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("tfidf")
@_table(_SEGMENT, _TOKENS, _ROWS)
def tfidf(
    data: Any,
    *,
    by: Names = None,
    idf: str = "smooth",
    top: Optional[int] = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    call = _Call(data, {**options, "top": top, "shard": shard})
    if idf not in ("smooth", "raw"):
        raise ValueError(f"idf must be 'smooth' or 'raw', not {idf!r}")
    t = _input(call, by)
    if call.partial:
        return _partial(call, t, "tfidf", by=t.by, top=call.top, idf=idf)
    out = _run(call, t, "tfidf", by=t.by, top=call.top, idf=idf)
    if t.by is None:
        return t.ids(out, "article")
    return t.groups(out)


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("ngrams")
@_table(_SEGMENT, _TOKENS, _ROWS, stopwords=None)
def ngrams(
    data: Any,
    n: Union[int, tuple[int, int]] = 2,
    *,
    skip: int = 0,
    by: Names = None,
    top: Optional[int] = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    skip
        Skip-grams (quanteda's ``skip = 0:skip``): between two consecutive
        members, any 0 to ``skip`` kept tokens may be left out, each gap on
        its own, and every choice of positions is counted once. Of ``A B C D``
        with ``n=2, skip=1``: ``A B``, ``B C``, ``C D``, ``A C``, ``B D``.
        ``0`` (the default) gives plain n-grams; at most 9. Skip-grams never
        span a sentence end or a dropped token either.
    {filters}

    Unlike the other tables, n-grams keep stopwords unless ``stopwords=`` is
    given (as ``cipin ngrams``): 的 and 了 are part of many set phrases.

    Examples
    --------
    >>> import cipin
    >>> cipin.ngrams("推进共同富裕。推进共同富裕示范区建设。", 2, top=1)["ngram"].to_list()
    ['推进 共同富裕']
    >>> sorted(cipin.ngrams("推进 共同富裕 示范区", 2, skip=1)["ngram"].to_list())
    ['共同富裕 示范区', '推进 共同富裕', '推进 示范区']
    """
    check_int("skip", skip, 0)
    if isinstance(n, int) and not isinstance(n, bool):
        lo = hi = n
    elif isinstance(n, (tuple, list)) and len(n) == 2:
        lo, hi = n
    else:
        raise TypeError(f"n must be an int or a pair (n_min, n_max), not {n!r}")
    call = _Call(data, {**options, "top": top, "shard": shard})
    t = _input(call, by)
    if call.partial:
        return _partial(call, t, "ngrams", by=t.by, top=call.top, n_min=lo, n_max=hi, skip=skip)
    out = _run(call, t, "ngrams", by=t.by, top=call.top, n_min=lo, n_max=hi, skip=skip)
    return t.groups(out)


# ---------------------------------------------------------------------------
# Associations


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("collocations")
@_table(_SEGMENT, _TOKENS, _ROWS)
def collocations(
    data: Any,
    *,
    sort: str = "llr",
    top: Optional[int] = None,
    min_count: int = 3,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    call = _Call(data, {**options, "top": top, "min_count": 1, "shard": shard})
    t = _input(call, None)
    if call.partial:
        return _partial(call, t, "collocations", top=call.top, sort=sort, min_count=min_count)
    return _run(call, t, "collocations", top=call.top, sort=sort, min_count=min_count)


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("cooccurrence")
@_table(_SEGMENT, _TOKENS, _ROWS)
def cooccurrence(
    data: Any,
    *,
    window: Optional[int] = 5,
    top: Optional[int] = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    call = _Call(data, {**options, "top": top, "shard": shard})
    t = _input(call, None)
    if call.partial:
        return _partial(call, t, "cooccurrence", top=call.top, window=window)
    return _run(call, t, "cooccurrence", top=call.top, window=window)


@_doc(_SHARD_DOC)
@renamed(keep_quoted="keep_terms")
@register("keyness")
@_table(_SEGMENT, _TOKENS, _ROWS)
def keyness(
    data: Any,
    *,
    by: str,
    target: Any,
    reference: Any = None,
    negative: bool = False,
    top: Optional[int] = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    call = _Call(data, {**options, "top": top, "shard": shard})
    t = _input(call, by)

    def as_key(v: Any) -> str:
        if isinstance(call.data, pl.DataFrame):
            dtype = call.data.schema[by]
            return str(pl.Series([v]).cast(dtype).cast(pl.String)[0])
        return str(v)

    if call.partial:
        return _partial(
            call,
            t,
            "keyness",
            by=t.by,
            target=as_key(target),
            reference=None if reference is None else as_key(reference),
            negative=negative,
            top=call.top,
        )
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
@_table(_SEGMENT, _TOKENS)
def keywords(
    data: Any,
    *,
    k: int = 10,
    method: Union[str, Sequence[str]] = "both",
    idf: str = "corpus",
    span: int = 5,
    **options: Unpack[TokenOptions],
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
    call = _Call(data, options)
    if call.tokens and "tfidf" in methods and idf == "jieba":
        raise ValueError(
            "keywords with jieba's idf segment the text with jieba itself: pass text, "
            "not a token table (or use idf='corpus')"
        )
    t = _input(call, None)
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
@_table(_SEGMENT, drop=("pos_tag",))
def kwic(
    data: Any,
    pattern: str,
    *,
    window: int = 5,
    unit: str = "tokens",
    match: str = "token",
    top: Optional[int] = None,
    **options: Unpack[SegmentOptions],
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
    # KWIC keeps every token: the filter is not used (``filter=None`` below).
    call = _Call(data, {**options, "top": top, "pos_tag": False})
    if call.tokens and (unit != "tokens" or match != "token"):
        raise ValueError("a token table has token contexts only: unit='tokens', match='token'")
    t = _input(call, None)
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
@_table(_SEGMENT, _TOKENS, _ROWS)
def dtm(
    data: Any,
    *,
    by: Names = None,
    shard: Optional[tuple[int, int]] = None,
    **options: Unpack[TableOptions],
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
    shard
        As in :func:`frequency`: a :class:`Partial` of shard ``(i, n)``.

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
        import scipy.sparse  # noqa: F401  (needed by _dtm_result: fail before counting)
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("cipin.dtm needs scipy: pip install scipy (or cipin[scipy])") from e
    call = _Call(data, {**options, "shard": shard})
    t = _input(call, by)
    if call.partial:
        return _partial(call, t, "dtm", by=t.by)
    with Progress(call.progress, "dtm") as cb:
        indptr, indices, data_, vocab_t, docs_t, _ = _cipin.dtm(
            t.native, call.seg._native, call.filter, by=t.by, progress=cb
        )
    return _dtm_result(t, indptr, indices, data_, vocab_t, docs_t)


def _dtm_result(
    t: Optional[_Text], indptr: Any, indices: Any, data_: Any, vocab_t: Any, docs_t: Any
) -> Any:
    """``(matrix, vocabulary, doc_ids)`` from the native CSR tables, ids
    mapped back to the data's columns by ``t``."""
    from scipy.sparse import csr_matrix

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
    if t is None:
        return m, vocab, docs[col].to_list()
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


# ---------------------------------------------------------------------------
# Measures: dispersion, lexical diversity, document similarity


@_doc("")
@_table(_SEGMENT, _TOKENS, _ROWS)
def dispersion(
    data: Any,
    terms: Optional[Sequence[str]] = None,
    *,
    by: Names = None,
    top: Optional[int] = None,
    **options: Unpack[TableOptions],
) -> pl.DataFrame:
    """How evenly terms spread over the documents: Juilland's D, Gries' DP and DPnorm.

    Returns ``term, count, parts, juilland_d, dp, dp_norm``. The parts are the
    documents (or the groups of ``by``), each of the size of its kept tokens;
    with ``s_i`` a part's share of the corpus and ``v_i`` the term's count in
    it (``f`` in all):

    * ``dp`` (Gries 2008) ``= ½ Σ|v_i/f − s_i|``: 0 spread as the parts' sizes;
    * ``dp_norm`` (Lijffijt & Gries 2012) ``= dp / (1 − min s_i)``;
    * ``juilland_d`` ``= 1 − CV/√(n−1)``, CV the coefficient of variation
      (population standard deviation) of the term's relative frequencies in
      the ``n`` parts: 1 is perfectly even.

    Parts without kept tokens are left out. NaN where undefined: D with one
    part, DPnorm with one part, all three for a given term that never occurs.

    Parameters
    ----------
    data, by, top
        As in :func:`frequency`; ``by`` makes the parts.
    terms
        The terms to measure, one row each in this order; default every term,
        by count descending (``top`` keeps the first, the row filters apply).
    {filters}

    Examples
    --------
    >>> import cipin
    >>> d = cipin.dispersion(["共同富裕 示范区", "共同富裕 建设"], terms=["共同富裕", "建设"])
    >>> d.select("term", "parts", "dp").rows()
    [('共同富裕', 2, 0.0), ('建设', 1, 0.5)]
    """
    if terms is not None:
        if isinstance(terms, str):
            terms = [terms]
        terms = [str(x) for x in terms]
    call = _Call(data, {**options, "top": top})
    t = _input(call, by)
    return _run(call, t, "dispersion", by=t.by, top=call.top, terms=terms)


@_doc("")
@_table(_SEGMENT, _TOKENS, stopwords=None)
def lexdiv(
    data: Any,
    *,
    window: int = 100,
    threshold: float = 0.72,
    top: Optional[int] = None,
    **options: Unpack[TokenOptions],
) -> pl.DataFrame:
    """Lexical diversity of each document: TTR, Guiraud's R, MATTR and MTLD.

    Returns ``<document columns>, tokens, types, ttr, guiraud_r, mattr, mtld``
    over each document's kept tokens (``N``, ``V`` distinct; stopwords are kept
    unless ``stopwords=`` is given):

    * ``ttr = V/N``; ``guiraud_r = V/√N``;
    * ``mattr``: the mean TTR of every run of ``window`` tokens (Covington &
      McFall 2010; quanteda's window, 100, by default); NaN for a document
      shorter than the window;
    * ``mtld`` (McCarthy & Jarvis 2010): tokens per factor, a factor ending
      where the running TTR falls to ``threshold`` (0.72) or below, the rest
      a partial factor ``(1 − TTR)/(1 − threshold)``; the mean of the forward
      and backward passes. NaN when a pass has no factor (every token new).

    A document without kept tokens has ``tokens`` 0 and NaN measures.

    Parameters
    ----------
    data, top
        As in :func:`frequency` (one row per document, in order).
    window
        MATTR's window, in tokens.
    threshold
        MTLD's TTR threshold.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> cipin.lexdiv(["推进 改革 推进 开放"], window=2).select("ttr", "mattr").row(0)
    (0.75, 1.0)
    """
    check_int("window", window, 1)
    call = _Call(data, {**options, "top": top})
    t = _input(call, None)
    out = _run(call, t, "lexdiv", top=call.top, window=window, threshold=float(threshold))
    return t.ids(out, "article")


@_doc("")
@_table(_SEGMENT, _TOKENS, stopwords=None)
def readability(
    data: Any,
    *,
    top: Optional[int] = None,
    **options: Unpack[TokenOptions],
) -> pl.DataFrame:
    """Readability indicators of each document.

    Returns ``<document columns>, sentences, words, chars, chars_per_sentence,
    words_per_sentence, common_char_share, common_word_share`` over each
    document's kept tokens (punctuation dropped, stopwords kept unless
    ``stopwords=`` is given): ``sentences`` holding a kept token, ``words``
    the kept tokens, ``chars`` the Han characters in them, and the shares of
    those characters among the 2,500 common characters and of those words
    among the 5,000 common words. Both lists are counted from jieba's
    dictionary (the most frequent characters, by the summed frequency of the
    words holding them, and the most frequent words); they are not the
    现代汉语常用字表. No combined score is given: no published Chinese
    readability formula is implemented. A ratio over zero is NaN.

    Parameters
    ----------
    data, top
        As in :func:`frequency` (one row per document, in order).
    {filters}

    Examples
    --------
    >>> import cipin
    >>> r = cipin.readability(["我们 发展 经济。我们 改革！"])
    >>> r.select("sentences", "words", "words_per_sentence").row(0)
    (2, 5, 2.5)
    """
    call = _Call(data, {**options, "top": top})
    t = _input(call, None)
    out = _run(call, t, "readability", top=call.top)
    return t.ids(out, "article")


def _relabel(out: pl.DataFrame, col: str, mapping: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    """Replace the native keys of ``col`` by the value they stand for (a
    struct when several columns name a document)."""
    value = pl.col(cols[0]) if len(cols) == 1 else pl.struct(cols)
    m = mapping.select(pl.col("__key").alias(col), value.alias("__value"))
    joined = out.with_row_index("__i").join(m, on=col, how="left").sort("__i")
    return joined.drop(col, "__i").rename({"__value": col}).select(out.columns)


@_doc("")
@_table(_SEGMENT, _TOKENS, _ROWS)
def simil(
    data: Any,
    *,
    method: str = "cosine",
    by: Names = None,
    top: Optional[int] = 10,
    **options: Unpack[TableOptions],
) -> pl.DataFrame:
    """Each document's nearest neighbours, from the document-term matrix.

    Returns ``doc, other, similarity, rank``: for each document (row of
    :func:`dtm`) its ``top`` most similar others (all with ``top=None``),
    most similar first (``rank`` 1), ties in document order. Computed
    sparsely (an inverted index), never as a dense documents × documents
    matrix. ``doc`` and ``other`` are the document ids (a struct when several
    columns name a document), or the groups of ``by``.

    * ``"cosine"``: ``x·y / (‖x‖‖y‖)`` of the count vectors;
    * ``"jaccard"``: shared terms / terms in either (binary);
    * ``"correlation"``: Pearson's r of the count vectors over the whole
      vocabulary (``1 − scipy.spatial.distance.correlation``).

    Cosine and Jaccard list only documents sharing a term; correlation also
    the others (it can be negative). An undefined similarity (a document with
    no kept term; for correlation, equal counts everywhere) is not listed.

    Parameters
    ----------
    data, by
        As in :func:`tfidf`: the documents, or the groups of ``by``.
    method
        ``"cosine"``, ``"jaccard"`` or ``"correlation"``.
    top
        Neighbours per document.
    {filters}

    Examples
    --------
    >>> import cipin
    >>> s = cipin.simil(["共同富裕 示范区", "共同富裕 示范区 建设", "改革"], top=1)
    >>> s.select("doc", "other", "rank").rows()
    [(0, 1, 1), (1, 0, 1)]
    """
    if method not in ("cosine", "jaccard", "correlation"):
        raise ValueError(f"method must be 'cosine', 'jaccard' or 'correlation', not {method!r}")
    call = _Call(data, {**options, "top": top})
    t = _input(call, by)
    out = _run(call, t, "simil", by=t.by, top=call.top, method=method)
    if t.by is None or t.by in ("__doc", "__article", "__file"):
        if t.index_ids:
            return out.with_columns(pl.col("doc", "other").cast(pl.UInt32))
        if t.id_map is not None and not t.no_ids:
            for col in ("doc", "other"):
                out = _relabel(out, col, t.id_map, t.id_cols)
        return out
    if t.by_map is not None:
        for col in ("doc", "other"):
            out = _relabel(out, col, t.by_map, t.by_cols)
    return out


def fcm(
    data: Any,
    *,
    window: Optional[int] = 5,
    **kwargs: Any,
) -> tuple[Any, list[str]]:
    """The feature co-occurrence matrix (quanteda's ``fcm``), as scipy sparse.

    Returns ``(matrix, vocabulary)``: a symmetric ``scipy.sparse.csr_matrix``
    (``int64``) whose cell ``(i, j)`` is the :func:`cooccurrence` count of
    ``vocabulary[i]`` and ``vocabulary[j]`` (token pairs at most ``window``
    kept tokens apart, or with ``window=None`` the documents holding both),
    and the words that co-occur with another, sorted (code point order, as
    :func:`dtm`). The diagonal is 0: pairs are of distinct words. Every other
    keyword (segmenter, stopwords, filters) is :func:`cooccurrence`'s.
    Needs scipy.

    Examples
    --------
    >>> import cipin
    >>> m, vocab = cipin.fcm(["共同富裕 示范区 建设"], window=1)
    >>> vocab, m.toarray().tolist()
    (['共同富裕', '建设', '示范区'], [[0, 0, 1], [0, 0, 1], [1, 1, 0]])
    """
    try:
        from scipy.sparse import csr_matrix
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("cipin.fcm needs scipy: pip install scipy (or cipin[scipy])") from e
    if "top" in kwargs:
        raise TypeError("fcm has no top: the matrix holds every pair")
    pairs = cooccurrence(data, window=window, **kwargs)
    vocab = sorted(set(pairs["w1"].to_list()) | set(pairs["w2"].to_list()))
    index = {w: i for i, w in enumerate(vocab)}
    rows = [index[w] for w in pairs["w1"].to_list()]
    cols = [index[w] for w in pairs["w2"].to_list()]
    counts = pairs["count"].to_numpy().astype("int64")
    import numpy as np

    m = csr_matrix(
        (np.concatenate([counts, counts]), (rows + cols, cols + rows)),
        shape=(len(vocab), len(vocab)),
    )
    m.sort_indices()
    return m, vocab


def _row_ids(frame: pl.DataFrame, cols: list[str]) -> list[Any]:
    if len(cols) == 1:
        return frame[cols[0]].to_list()
    return [tuple(r) for r in frame.select(cols).iter_rows()]


# Keep `os` imported for type checkers reading PathLike unions above.
_ = os
