"""Helpers shared by the public functions: conversions, checks, progress bars."""

from __future__ import annotations

import functools
import os
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Callable, Optional, Union

import polars as pl

PathLike = Union[str, "os.PathLike[str]"]


class CipinWarning(UserWarning):
    """A warning from cipin (e.g. documents lacking the group column)."""


class LossyDecodeWarning(CipinWarning):
    """Invalid bytes were replaced with U+FFFD (``lossy=True``)."""


def renamed(**old_to_new: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator keeping the old names of renamed keywords working, with a
    ``FutureWarning``: ``@renamed(keep_quoted="keep_terms")``. The old names
    are hidden (the signature shows the new ones), so no script breaks and no
    new one learns them."""

    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)
        def inner(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"pass {new}= only, not also its old name {old}=")
                    warnings.warn(f"{old}= is now {new}=", FutureWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return f(*args, **kwargs)

        return inner

    return wrap


def to_polars(table: Any) -> pl.DataFrame:
    """A native table as a polars DataFrame, through the Arrow PyCapsule interface.

    The DataFrame takes over the Arrow buffers: nothing is copied.
    """
    return pl.DataFrame(table)


def is_frame(obj: Any) -> bool:
    return isinstance(obj, pl.DataFrame)


def lazy_to_frame(obj: Any) -> Any:
    """Collect a LazyFrame; leave anything else alone."""
    if isinstance(obj, pl.LazyFrame):
        return obj.collect()
    return obj


def as_paths(source: Any, what: str = "source") -> list[str]:
    """A path or a list of paths as a list of str."""
    if isinstance(source, (str, os.PathLike)):
        items = [source]
    elif isinstance(source, (list, tuple)) and all(
        isinstance(p, (str, os.PathLike)) for p in source
    ):
        items = list(source)
    else:
        raise TypeError(
            f"{what} must be a path (str or pathlib.Path), a list of paths or a polars "
            f"DataFrame, not {type(source).__name__}"
        )
    out = []
    for p in items:
        s = os.fspath(p)
        if s == "-":
            raise ValueError(
                "reading standard input ('-') is not supported from Python; read it yourself "
                "and pass pl.DataFrame({'doc_id': ['<stdin>'], 'text': [sys.stdin.read()]})"
            )
        out.append(s)
    if not out:
        raise ValueError(f"{what} is an empty list of paths")
    return out


def check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(repr(c) for c in choices)}, not {value!r}"
        )
    return value


def check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


def check_int(name: str, value: Any, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def check_columns(df: pl.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what} has no column {', '.join(repr(c) for c in missing)} "
            f"(its columns: {', '.join(df.columns)})"
        )


def as_names(value: Union[str, Sequence[str], None], what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"{what} must be a column name or a list of column names, not {value!r}")


def emit_warnings(messages: Iterable[str]) -> None:
    for m in messages:
        category = LossyDecodeWarning if "U+FFFD" in m else CipinWarning
        warnings.warn(m, category, stacklevel=3)


# ---------------------------------------------------------------------------
# Progress bars


class _StderrBar:
    """A minimal progress bar on stderr, for when tqdm is not installed."""

    def __init__(self, desc: str) -> None:
        self.desc = desc
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        frac = min(done / total, 1.0) if total else 1.0
        width = 30
        fill = int(frac * width)
        mb = done / 1e6
        rate = mb / max(now - self.start, 1e-3)
        sys.stderr.write(
            f"\r{self.desc}: [{'#' * fill}{' ' * (width - fill)}] {frac * 100:5.1f}% "
            f"{mb:.1f} MB, {rate:.1f} MB/s "
        )
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


class _TqdmBar:
    def __init__(self, desc: str) -> None:
        try:  # a widget in Jupyter when ipywidgets is there, else text
            import ipywidgets  # noqa: F401
            from tqdm.auto import tqdm
        except ImportError:
            from tqdm import tqdm

        self.bar = tqdm(total=None, desc=desc, unit="B", unit_scale=True, unit_divisor=1024)

    def __call__(self, done: int, total: int) -> None:
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class Progress:
    """Context manager giving the callback the native code reports to.

    ``progress=True`` shows a tqdm bar (``tqdm.auto``: a widget in Jupyter, text
    in a terminal) when tqdm is installed, else a plain bar on stderr. A
    callable is called as ``progress(done, total)`` (bytes of text).
    """

    def __init__(self, progress: Union[bool, Callable[[int, int], Any], None], desc: str) -> None:
        if progress is None or progress is False:
            self.callback: Optional[Callable[[int, int], Any]] = None
            self._bar: Any = None
        elif progress is True:
            try:
                self._bar = _TqdmBar(desc)
            except ImportError:
                self._bar = _StderrBar(desc)
            self.callback = self._bar
        elif callable(progress):
            self._bar = None
            self.callback = progress
        else:
            raise TypeError(f"progress must be True, False or a callable, not {progress!r}")

    def __enter__(self) -> Optional[Callable[[int, int], Any]]:
        return self.callback

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.close()
