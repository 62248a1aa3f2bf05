"""New-term discovery (``cipin discover``) and user dictionaries of its results."""

from __future__ import annotations

import math
import os
import pathlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable, Optional, Union

import polars as pl

from cipin import _cipin
from cipin._segmenter import Segmenter, resolve
from cipin._tables import _is_tokens, _text_input
from cipin._util import Progress, check_bool, check_int, emit_warnings, lazy_to_frame, to_polars

ProgressArg = Union[bool, Callable[[int, int], Any]]
Names = Union[str, Sequence[str], None]

#: The first line of a dictionary written by ``cipin discover --user-dict-out``.
_HEADER = "# cipin discover: word count (count = occurrences in the discovery texts)\n"
_HEADER_WORDS = "# cipin discover: word (no frequency: kept whole where the dictionary allows)\n"


def _check_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {value!r}")
    if math.isnan(value):
        raise ValueError(f"{name} must be a number, not NaN")
    return float(value)


def discover_terms(
    data: Any,
    *,
    min_count: int = 5,
    min_len: int = 2,
    max_len: int = 6,
    min_pmi: float = 3.0,
    min_entropy: float = 1.0,
    exclude_known: bool = True,
    exclude_compounds: bool = False,
    top: Optional[int] = None,
    text: Optional[str] = None,
    id: Names = None,
    segmenter: Optional[Segmenter] = None,
    normalize: Any = True,
    progress: ProgressArg = False,
) -> pl.DataFrame:
    """New-term discovery: strings that behave like words the dictionary lacks.

    Finds local names, slogans and coinages (``共富``, ``西城街道``,
    ``共富工坊``) in unsegmented text, as ``cipin discover`` does: every
    string of ``min_len`` to ``max_len`` Han characters (never across
    punctuation, digits or Latin letters) seen at least ``min_count`` times
    is scored by

    * **cohesion** ``pmi``: the natural-log pointwise mutual information of
      its weakest split into two parts (high when the parts are rarely seen
      apart);
    * **boundary entropy** ``left_entropy``, ``right_entropy`` (nats): how
      varied the characters before and after it are (low for a fragment of a
      longer word: ``共同富`` is nearly always followed by ``裕``);
    * ``score = ln(1 + count) · pmi · min(left_entropy, right_entropy)``.

    Strings of numerals only, strings holding 的, strings starting or ending
    with a function character (了, 是, 在, 和, ...) and, with
    ``exclude_known``, words the dictionary already knows are left out.

    Returns ``term, count, pmi, left_entropy, right_entropy, score`` (the
    columns of ``cipin discover``), by score descending, then term.
    :func:`write_user_dict` turns the result into a user dictionary for
    :class:`Segmenter`.

    Parameters
    ----------
    data
        Text: a str, a list of str, a polars Series, a DataFrame with a text
        column (``text=``), a :class:`Corpus` or a :class:`pathlib.Path` (a
        page's articles then include their kicker and headline, as on the
        command line). Not a token table: discovery reads unsegmented text.
    min_count
        Fewest occurrences (overlapping occurrences all count).
    min_len, max_len
        Shortest and longest candidate in characters (2 to 7).
    min_pmi
        Lowest cohesion (natural-log PMI of the weakest split).
    min_entropy
        Lowest left and right boundary entropy, in nats.
    exclude_known
        Leave out words of the segmenter's dictionary (user words included).
    exclude_compounds
        Also leave out strings the dictionary cuts into known words of two
        characters or more (``领导干部``; but also ``千万工程``), keeping those
        with a piece it does not know (``共富工坊``).
    top
        Keep the best ``top`` candidates.
    text, id
        For a DataFrame: the text column (default ``text``); ``id`` is
        accepted for symmetry with the other tables (discovery pools all
        documents).
    segmenter
        The :class:`Segmenter` whose dictionary says which words are known
        and whose rules normalise the text (full-width forms, traditional
        characters). Or set ``normalize`` (see :class:`Segmenter`).
    progress
        Show a progress bar (``True``), or call ``progress(done, total)``.

    Examples
    --------
    >>> import cipin
    >>> found = cipin.discover_terms(cipin.Corpus("seeds"), top=4)
    >>> found.columns
    ['term', 'count', 'pmi', 'left_entropy', 'right_entropy', 'score']
    >>> found.select("term", "count").rows()
    [('三大差距', 17), ('共富', 29), ('高质量发展', 11), ('千万工程', 7)]

    On a toy corpus every string is rare, so no cohesion threshold:

    >>> texts = [f"{a}共富工坊，{b}共富工坊建设。共富工坊带动增收。"
    ...          for a, b in [("深化", "推进"), ("落实", "谋划"), ("实施", "打造")]]
    >>> cipin.discover_terms(texts, min_count=4, min_pmi=0)["term"].to_list()
    ['共富工坊']

    Words the segmenter knows are not new:

    >>> seg = cipin.Segmenter(user_words=["共富工坊"])
    >>> cipin.discover_terms(texts, min_count=4, min_pmi=0, segmenter=seg).height
    0
    """
    check_int("min_count", min_count, 1)
    check_int("min_len", min_len, 2)
    check_int("max_len", max_len, 2)
    if max_len > 7:
        raise ValueError(f"max_len must be at most 7, not {max_len}")
    if min_len > max_len:
        raise ValueError(f"min_len ({min_len}) must not exceed max_len ({max_len})")
    min_pmi = _check_float("min_pmi", min_pmi)
    min_entropy = _check_float("min_entropy", min_entropy)
    check_bool("exclude_known", exclude_known)
    check_bool("exclude_compounds", exclude_compounds)
    if top is not None:
        check_int("top", top, 0)
    seg = resolve(segmenter, normalize=normalize)
    data = lazy_to_frame(data)
    if _is_tokens(data, text):
        raise TypeError(
            "discover_terms() needs text, not a token table: it finds words the "
            "segmenter cuts apart (pass the articles or the texts)"
        )
    t = _text_input(data, text, id, None)
    with Progress(progress, "discover") as cb:
        table, summary = _cipin.discover_terms(
            t.native,
            seg._native,
            min_len=min_len,
            max_len=max_len,
            min_count=min_count,
            min_pmi=min_pmi,
            min_entropy=min_entropy,
            exclude_known=exclude_known,
            exclude_compounds=exclude_compounds,
            top=top,
            progress=cb,
        )
    emit_warnings(summary["warnings"])
    return to_polars(table)


def _dict_entries(terms: Any, counts: bool) -> list[tuple[str, Optional[int]]]:
    """``(word, count)`` pairs of ``terms`` (count ``None`` without counts)."""
    terms = lazy_to_frame(terms)
    if isinstance(terms, pl.DataFrame):
        if "term" not in terms.columns:
            raise ValueError(
                "the DataFrame needs a 'term' column (the output of cipin.discover_terms); "
                f"its columns: {', '.join(terms.columns)}"
            )
        words = terms["term"].to_list()
        if counts and "count" not in terms.columns:
            raise ValueError("the DataFrame has no 'count' column: pass counts=False")
        freqs = terms["count"].to_list() if counts else [None] * len(words)
    elif isinstance(terms, Mapping):
        words = list(terms.keys())
        freqs = list(terms.values()) if counts else [None] * len(words)
    elif isinstance(terms, str):
        raise TypeError("terms must be a list of words, not a str (wrap it: [word])")
    elif isinstance(terms, Iterable):
        words = list(terms)
        if counts:
            raise ValueError(
                "a list of words has no counts: pass counts=False, a dict {word: count} "
                "or the DataFrame of cipin.discover_terms"
            )
        freqs = [None] * len(words)
    else:
        raise TypeError(
            "terms must be the DataFrame of cipin.discover_terms, a dict {word: count} or a "
            f"list of words, not {type(terms).__name__}"
        )
    out: list[tuple[str, Optional[int]]] = []
    for w, f in zip(words, freqs):
        if not isinstance(w, str) or not w or any(c.isspace() for c in w):
            raise ValueError(
                f"bad user word {w!r}: a word must be a non-empty str without whitespace"
            )
        if f is not None and (isinstance(f, bool) or not isinstance(f, int) or f < 0):
            raise ValueError(f"the count of {w!r} must be an int >= 0, not {f!r}")
        if counts and f is None:
            raise ValueError(f"{w!r} has no count: pass counts=False")
        out.append((w, f))
    return out


def write_user_dict(
    terms: Any,
    path: Union[str, os.PathLike],
    *,
    counts: bool = True,
) -> pathlib.Path:
    """Write discovered terms as a user dictionary that :class:`Segmenter` loads.

    The file is what ``cipin discover --user-dict-out FILE`` writes: a ``#``
    header, then one ``word count`` line per term, UTF-8. It loads with
    ``cipin.Segmenter(user_dict=path)`` or ``cipin segment --user-dict FILE``.

    With ``counts=True`` the count is the word's jieba frequency: the
    dictionary's own words compete with it, so a term is cut whole where the
    statistics favour it. With ``counts=False`` only the words are written:
    each is then kept whole wherever the dictionary allows (its frequency is
    raised to what it takes, never lowered).

    Parameters
    ----------
    terms
        The DataFrame of :func:`discover_terms` (columns ``term`` and
        ``count``, perhaps filtered by hand), a dict ``{word: count}``, or a
        list of words (with ``counts=False``).
    path
        The file to write (replaced if it exists).
    counts
        Write the counts as frequencies.

    Returns
    -------
    pathlib.Path
        ``path``, for ``Segmenter(user_dict=...)``.

    Examples
    --------
    >>> import cipin, tempfile, os
    >>> found = cipin.discover_terms(cipin.Corpus("seeds"), top=3)
    >>> path = os.path.join(tempfile.mkdtemp(), "new_words.txt")
    >>> print(open(cipin.write_user_dict(found, path), encoding="utf-8").read(), end="")
    # cipin discover: word count (count = occurrences in the discovery texts)
    三大差距 17
    共富 29
    高质量发展 11
    >>> seg = cipin.Segmenter(user_dict=path, keep_terms=False)
    >>> seg.cut("推动高质量发展，缩小三大差距")
    ['推动', '高质量发展', '，', '缩小', '三大差距']
    """
    check_bool("counts", counts)
    entries = _dict_entries(terms, counts)
    lines = [_HEADER if counts else _HEADER_WORDS]
    lines += [f"{w} {f}\n" if counts else f"{w}\n" for w, f in entries]
    p = pathlib.Path(os.fspath(path))
    with open(p, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    return p
