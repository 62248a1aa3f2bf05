"""Reading and parsing: files and folders to DataFrames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Union

import polars as pl

from cipin import _cipin
from cipin._util import (
    PathLike,
    Progress,
    as_paths,
    check_bool,
    check_columns,
    emit_warnings,
    lazy_to_frame,
    to_polars,
)

ENCODINGS = ("auto", "utf-8", "utf8", "utf-8-sig", "gb18030", "gbk", "gb2312", "cp936")

Source = Union[PathLike, Sequence[PathLike], pl.DataFrame]
ProgressArg = Union[bool, Callable[[int, int], Any]]


def _encoding(encoding: Any) -> str:
    if not isinstance(encoding, str) or encoding.lower().replace("_", "-") not in ENCODINGS:
        raise ValueError(f"encoding must be 'auto', 'utf-8' or 'gb18030', not {encoding!r}")
    return encoding


def _extensions(extensions: Any) -> list[str]:
    if isinstance(extensions, str):
        return [extensions]
    if isinstance(extensions, (list, tuple)) and all(isinstance(e, str) for e in extensions):
        return list(extensions)
    raise TypeError(f"extensions must be a str or a list of str, not {extensions!r}")


def read(
    source: Union[PathLike, Sequence[PathLike]],
    *,
    encoding: str = "auto",
    lossy: bool = False,
    extensions: Union[str, Sequence[str]] = ("txt",),
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Read text files into a DataFrame ``doc_id, text, encoding``.

    Parameters
    ----------
    source
        A file, a folder (walked recursively, files in sorted path order), or a
        list of them.
    encoding
        ``"auto"`` (UTF-8, with or without BOM, else GB18030 when that decodes
        cleanly), ``"utf-8"`` or ``"gb18030"`` (also GBK, GB2312).
    lossy
        Replace invalid bytes with U+FFFD (and warn with
        :class:`cipin.LossyDecodeWarning`) instead of raising
        :class:`cipin.DecodeError`.
    extensions
        File extensions kept when walking folders (files named explicitly are
        always read).
    progress
        Show a progress bar (``True``), or call ``progress(done, total)``.

    Returns
    -------
    polars.DataFrame
        One row per file: ``doc_id`` (the path), ``text`` (line endings made
        ``\\n``) and ``encoding`` (``utf-8``, ``utf-8-sig`` or ``gb18030``).

    Raises
    ------
    FileNotFoundError
        A path does not exist.
    cipin.DecodeError
        A file is not valid in the encoding (a ``ValueError`` with ``file``,
        ``encoding`` and ``offset``).

    Examples
    --------
    >>> import cipin
    >>> docs = cipin.read("seeds")
    >>> docs.columns
    ['doc_id', 'text', 'encoding']
    >>> docs["encoding"].to_list()
    ['utf-8']
    """
    paths = as_paths(source)
    check_bool("lossy", lossy)
    with Progress(progress, "read") as cb:
        table, warnings = _cipin.read(
            paths, _encoding(encoding), lossy, _extensions(extensions), cb
        )
    emit_warnings(warnings)
    return to_polars(table)


def parse(
    source: Source,
    *,
    encoding: str = "auto",
    lossy: bool = False,
    extensions: Union[str, Sequence[str]] = ("txt",),
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """Parse newspaper pages into one row per article (and per banner line).

    The columns are the parse contract of ``cipin parse --format jsonl``:
    ``doc_id, article, kind, kicker, headline, subtitle, byline, reporters,
    correspondents, authors, dateline, continuation, paragraphs`` (a list),
    ``flags`` (a list: what the parser inferred, ``no_byline``,
    ``title_inferred``, ``roles_guessed``, ``continued``) and ``text`` (the
    paragraphs joined by newlines; a banner's text).

    Parameters
    ----------
    source
        A file or folder, a list of them, or a DataFrame with ``doc_id`` and
        ``text`` columns (one page per row, e.g. the output of :func:`read`).
    encoding, lossy, extensions
        As in :func:`read` (ignored for a DataFrame).
    progress
        Show a progress bar (``True``), or call ``progress(done, total)``.

    Examples
    --------
    >>> import cipin
    >>> arts = cipin.parse("seeds")
    >>> arts.columns[:4]
    ['doc_id', 'article', 'kind', 'kicker']
    >>> arts.filter(kind="article").height > 0
    True
    >>> import polars as pl
    >>> cipin.parse(pl.DataFrame({"doc_id": ["a"], "text": ["标题\\n\\n正文。"]})).height >= 1
    True
    """
    source = lazy_to_frame(source)
    if isinstance(source, pl.DataFrame):
        check_columns(source, ["doc_id", "text"], "the DataFrame")
        frame = source.select(pl.col("doc_id").cast(pl.String), pl.col("text"))
        if frame.schema["text"] != pl.String:
            raise TypeError(f"column 'text' must hold str, not {frame.schema['text']}")
        with Progress(progress, "parse") as cb:
            table = _cipin.parse_texts(frame.select("doc_id"), frame.select("text"), cb)
        return to_polars(table)
    paths = as_paths(source)
    check_bool("lossy", lossy)
    with Progress(progress, "parse") as cb:
        table, warnings = _cipin.parse_paths(
            paths, _encoding(encoding), lossy, _extensions(extensions), cb
        )
    emit_warnings(warnings)
    return to_polars(table)
