"""The configured segmenter."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from cipin import _cipin
from cipin._util import check_bool, check_choice, renamed

MODES = ("precise", "full", "search")

# The functions behind Segmenter's methods (`segment` and the tables),
# registered by the modules that define them (`_segment`, `_tables`), which
# import this one: this module imports neither, so there is no import circle.
# Importing any part of cipin runs `cipin/__init__.py` first, which imports
# those modules, so every function is registered before a method is called.
_FUNCTIONS: dict[str, Any] = {}


def register(name: str) -> Any:
    """Register a function as the one behind ``Segmenter.<name>``."""

    def add(function: Any) -> Any:
        _FUNCTIONS[name] = function
        return function

    return add


def _call(name: str, self: Any, data: Any, args: Any, kwargs: Any) -> Any:
    return _FUNCTIONS[name](data, *args, segmenter=self, **kwargs)


UserWords = Union[
    Iterable[Union[str, tuple[str, int], tuple[str, int, str], tuple[str, Optional[int], str]]],
    Mapping[str, Optional[int]],
]


def _entries(user_words: Any) -> list[tuple[str, Optional[int], Optional[str]]]:
    """Normalise ``user_words`` into ``(word, freq, tag)`` entries."""
    if user_words is None:
        return []
    if isinstance(user_words, str):
        raise TypeError("user_words must be a list of words, not a str (wrap it: [word])")
    out: list[tuple[str, Optional[int], Optional[str]]] = []
    items = user_words.items() if isinstance(user_words, Mapping) else user_words
    for item in items:
        if isinstance(item, str):
            out.append((item, None, None))
            continue
        if not isinstance(item, tuple) or not 1 <= len(item) <= 3:
            raise TypeError(
                f"a user word is a str, (word, freq) or (word, freq, tag), not {item!r}"
            )
        word, freq, tag = (*item, None, None)[:3]
        if not isinstance(word, str):
            raise TypeError(f"a user word must be a str, not {word!r}")
        if freq is not None and (isinstance(freq, bool) or not isinstance(freq, int) or freq < 0):
            raise ValueError(f"the frequency of user word {word!r} must be an int >= 0 or None")
        if tag is not None and not isinstance(tag, str):
            raise TypeError(f"the POS tag of user word {word!r} must be a str")
        out.append((word, freq, tag))
    return out


def _stopwords(stopwords: Any) -> Union[str, tuple[str, ...], None]:
    """``"default"``, ``None`` (no stopwords) or a sorted tuple of words."""
    if stopwords is None or stopwords is False:
        return None
    if stopwords == "default" or stopwords is True:
        return "default"
    if isinstance(stopwords, (str, os.PathLike)):
        return tuple(_cipin.read_stopwords(os.fspath(stopwords)))
    if isinstance(stopwords, Iterable):
        words = list(stopwords)
        if not all(isinstance(w, str) for w in words):
            raise TypeError("stopwords must be strings")
        return tuple(sorted(set(words)))
    raise TypeError(
        "stopwords must be 'default', None, a list of words or the path of a word list, "
        f"not {stopwords!r}"
    )


def _compound(compound: Any) -> tuple[str, ...]:
    """The multi-word expressions to join, as a tuple of str (in order, once each)."""
    if compound is None:
        return ()
    if isinstance(compound, str):
        raise TypeError("compound must be a list of expressions, not a str (wrap it: [expr])")
    if not isinstance(compound, Iterable):
        raise TypeError(f"compound must be a list of expressions, not {type(compound).__name__}")
    out: list[str] = []
    for c in compound:
        if not isinstance(c, str):
            raise TypeError(f"a compound must be a str, not {type(c).__name__} ({c!r})")
        if not c.strip():
            raise ValueError("an empty compound (a compound is an expression such as 高质量发展)")
        if c.strip() not in out:
            out.append(c.strip())
    return tuple(out)


def _normalize(normalize: Any) -> tuple[bool, bool, bool]:
    if isinstance(normalize, bool):
        return (normalize, normalize, normalize)
    if isinstance(normalize, Mapping):
        unknown = set(normalize) - {"fullwidth", "t2s", "spaces"}
        if unknown:
            raise ValueError(
                f"unknown normalisation {sorted(unknown)}; the rules are fullwidth, t2s, spaces"
            )
        return (
            check_bool("fullwidth", normalize.get("fullwidth", True)),
            check_bool("t2s", normalize.get("t2s", True)),
            check_bool("spaces", normalize.get("spaces", True)),
        )
    raise TypeError(
        f"normalize must be True, False or a dict such as {{'t2s': False}}, not {normalize!r}"
    )


class Segmenter:
    """A configured word segmenter (jieba-rs), reusable, thread-safe and picklable.

    Parameters
    ----------
    mode
        ``"precise"`` (jieba's default ``cut``), ``"full"`` (every dictionary
        word, overlapping) or ``"search"`` (precise plus the short words inside
        long ones).
    hmm
        Use the HMM to find words missing from the dictionary.
    pos
        Tag parts of speech (precise mode only); adds a ``pos`` column.
    user_dict
        A user dictionary file, or a list of them: one ``word [freq] [tag]`` per
        line, UTF-8 or GB18030. Read once, here; a malformed line raises
        :class:`cipin.DictionaryError` naming the file and line.
    user_words
        More user words: a list of ``str``, ``(word, freq)`` or
        ``(word, freq, tag)``, or a dict ``{word: freq}``. A word without a
        frequency is kept whole where the dictionary allows it and is never made
        rarer than it was; a frequency replaces the built-in one.
    stopwords
        The stopwords the counting functions drop by default when given this
        segmenter: ``"default"`` (cipin's list of function words), ``None``, a
        list of words, or the path of a word list (one per line).
    keep_terms
        Keep quoted slogans (``“三大差距”``) and numbered expressions
        (``五个“落实”``) whole, one token each (the quotes stay tokens of their
        own), in precise and search modes; tagged ``nz`` with ``pos=True``.
    keep_numbers
        Keep numbers with their unit whole (``2023年``, ``17%``, ``350万``,
        ``－9℃``), as the SIGHAN standards do, and cut back the HMM's words that
        begin or end with a common single-character word (``这一`` → ``这 一``).
        ``keep_terms=False, keep_numbers=False`` is jieba's own segmentation.
        (``keep_terms`` was called ``keep_quoted``; the old name still works,
        with a ``FutureWarning``.)
    normalize
        Normalise text before segmenting: full-width letters and digits to ASCII,
        traditional characters to simplified, odd spaces to ASCII spaces. ``True``,
        ``False``, or a dict such as ``{"t2s": False}``. Offsets always refer to
        the original text (every rule maps one character to one).
    compound
        Multi-word expressions to join into one token (quanteda's
        ``tokens_compound``), written joined as Chinese is: with
        ``["高质量发展"]``, the tokens ``高质量``, ``发展`` next to each other
        become one token ``高质量发展`` (tagged ``nz``), in every table and in
        :func:`cipin.segment`. Only tokens the segmenter made are joined (both
        ends on token boundaries), so the rest of the text is cut as before,
        unlike a user word; normalised as the text is; the longest expression
        wins. Precise mode (search and full modes are left as they are).

    The dictionary is loaded once per process and shared: the built-in one by
    every segmenter, one with user words by every segmenter with the same
    configuration (including copies unpickled in worker processes).

    Examples
    --------
    >>> import cipin
    >>> seg = cipin.Segmenter(user_words=["三大差距"])
    >>> seg.cut("缩小三大差距")
    ['缩小', '三大差距']
    >>> seg.segment("缩小三大差距")["token"].to_list()
    ['缩小', '三大差距']
    >>> cipin.Segmenter(compound=["高质量发展"]).cut("推动高质量发展")
    ['推动', '高质量发展']
    >>> import pickle
    >>> pickle.loads(pickle.dumps(seg)) == seg
    True
    """

    @renamed(keep_quoted="keep_terms")
    def __init__(
        self,
        mode: str = "precise",
        *,
        hmm: bool = True,
        pos: bool = False,
        user_dict: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]], None] = None,
        user_words: Optional[UserWords] = None,
        stopwords: Any = "default",
        normalize: Union[bool, Mapping[str, bool]] = True,
        keep_terms: bool = True,
        keep_numbers: bool = True,
        compound: Optional[Iterable[str]] = None,
    ) -> None:
        check_choice("mode", mode, MODES)
        check_bool("keep_terms", keep_terms)
        check_bool("keep_numbers", keep_numbers)
        check_bool("hmm", hmm)
        check_bool("pos", pos)
        if pos and mode != "precise":
            raise ValueError("pos=True needs mode='precise' (jieba tags only precise cuts)")
        entries: list[tuple[str, Optional[int], Optional[str]]] = []
        if user_dict is not None:
            files = [user_dict] if isinstance(user_dict, (str, os.PathLike)) else list(user_dict)
            for f in files:
                entries.extend(_cipin.read_user_dict(os.fspath(f)))
        entries.extend(_entries(user_words))
        self._config = {
            "mode": mode,
            "hmm": hmm,
            "pos": pos,
            "entries": tuple(entries),
            "stopwords": _stopwords(stopwords),
            "normalize": _normalize(normalize),
            "keep_terms": keep_terms,
            "keep_numbers": keep_numbers,
            "compound": _compound(compound),
        }
        self._build()

    def _build(self) -> None:
        # The settings go to the library's SegmenterConfig by name, as they
        # are: one not set here takes its default there.
        c = self._config
        settings = {k: c[k] for k in ("mode", "hmm", "pos", "keep_terms", "keep_numbers")}
        settings["normalize"] = self.normalize
        settings["compound"] = list(c.get("compound", ()))
        self._native = _cipin.NativeSegmenter(list(c["entries"]), **settings)

    def _with(self, **changes: Any) -> Segmenter:
        """This segmenter with some settings changed (``pos=True``,
        ``entries=...``): the one place a segmenter is copied."""
        new = object.__new__(Segmenter)
        new._config = {**self._config, **changes}
        new._build()
        return new

    # -- configuration ----------------------------------------------------
    @property
    def mode(self) -> str:
        """The segmentation mode."""
        return self._config["mode"]

    @property
    def hmm(self) -> bool:
        """Whether the HMM finds unknown words."""
        return self._config["hmm"]

    @property
    def pos(self) -> bool:
        """Whether tokens get POS tags."""
        return self._config["pos"]

    @property
    def stopwords(self) -> Union[str, tuple[str, ...], None]:
        """``"default"``, ``None`` or the tuple of stopwords counting drops by default."""
        return self._config["stopwords"]

    @property
    def user_words(self) -> list[tuple[str, Optional[int], Optional[str]]]:
        """The user dictionary entries ``(word, freq, tag)``, files included."""
        return list(self._config["entries"])

    @property
    def keep_terms(self) -> bool:
        """Whether quoted slogans and numbered expressions are kept whole."""
        return self._config["keep_terms"]

    @property
    def keep_quoted(self) -> bool:
        """The old name of :attr:`keep_terms` (warns)."""
        import warnings

        warnings.warn("keep_quoted is now keep_terms", FutureWarning, stacklevel=2)
        return self.keep_terms

    @property
    def keep_numbers(self) -> bool:
        """Whether numbers with their unit are kept whole (and HMM words checked)."""
        return self._config.get("keep_numbers", True)

    @property
    def compound(self) -> tuple[str, ...]:
        """The multi-word expressions joined into one token."""
        return self._config.get("compound", ())

    @property
    def normalize(self) -> dict[str, bool]:
        """The normalisation rules."""
        f, t, s = self._config["normalize"]
        return {"fullwidth": f, "t2s": t, "spaces": s}

    # -- pickling ---------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        return dict(self._config)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._config = dict(state)
        # Pickled before keep_quoted became keep_terms.
        if "keep_quoted" in self._config:
            self._config["keep_terms"] = self._config.pop("keep_quoted")
        self._config.setdefault("keep_numbers", True)
        self._config.setdefault("compound", ())
        self._build()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segmenter) and other._config == self._config

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self._config.items())))

    def __repr__(self) -> str:
        c = self._config
        parts = [f"mode={c['mode']!r}", f"hmm={c['hmm']}", f"pos={c['pos']}"]
        if c["entries"]:
            parts.append(f"user_words=<{len(c['entries'])} entries>")
        sw = c["stopwords"]
        parts.append(
            "stopwords=" + (repr(sw) if sw is None or sw == "default" else f"<{len(sw)} words>")
        )
        if c["normalize"] != (True, True, True):
            parts.append(f"normalize={self.normalize}")
        if not c["keep_terms"]:
            parts.append("keep_terms=False")
        if not c.get("keep_numbers", True):
            parts.append("keep_numbers=False")
        if c.get("compound"):
            parts.append(f"compound={list(c['compound'])!r}")
        return f"Segmenter({', '.join(parts)})"

    # -- segmentation -----------------------------------------------------
    def cut(self, text: str) -> list[str]:
        """The words of one text, normalised, whitespace dropped.

        Examples
        --------
        >>> import cipin
        >>> cipin.Segmenter().cut("我来到北京清华大学")
        ['我', '来到', '北京', '清华大学']
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return self._native.cut(text)

    def normalize_text(self, text: str) -> str:
        """``text`` normalised with this segmenter's rules (same length in characters).

        Examples
        --------
        >>> import cipin
        >>> cipin.Segmenter().normalize_text("增长１７％，書記")
        '增长17%，书记'
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return self._native.normalize(text)

    def segment(self, data: Any, **kwargs: Any) -> Any:
        """:func:`cipin.segment` with this segmenter. See there for the arguments.

        Examples
        --------
        >>> import cipin
        >>> cipin.Segmenter().segment(["我们", "发展"])["token"].to_list()
        ['我们', '发展']
        """
        return _call("segment", self, data, (), kwargs)

    def frequency(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.frequency` with this segmenter (and its stopwords)."""
        return _call("frequency", self, data, args, kwargs)

    def term_frequency(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.term_frequency` with this segmenter (and its stopwords)."""
        return _call("term_frequency", self, data, args, kwargs)

    def tfidf(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.tfidf` with this segmenter (and its stopwords)."""
        return _call("tfidf", self, data, args, kwargs)

    def ngrams(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.ngrams` with this segmenter (and its stopwords)."""
        return _call("ngrams", self, data, args, kwargs)

    def collocations(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.collocations` with this segmenter (and its stopwords)."""
        return _call("collocations", self, data, args, kwargs)

    def cooccurrence(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.cooccurrence` with this segmenter (and its stopwords)."""
        return _call("cooccurrence", self, data, args, kwargs)

    def keyness(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.keyness` with this segmenter (and its stopwords)."""
        return _call("keyness", self, data, args, kwargs)

    def keywords(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.keywords` with this segmenter (and its stopwords)."""
        return _call("keywords", self, data, args, kwargs)

    def kwic(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.kwic` with this segmenter (and its stopwords)."""
        return _call("kwic", self, data, args, kwargs)

    def dtm(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        """:func:`cipin.dtm` with this segmenter (and its stopwords)."""
        return _call("dtm", self, data, args, kwargs)


def resolve(
    segmenter: Optional[Segmenter],
    mode: str = "precise",
    hmm: bool = True,
    pos: bool = False,
    normalize: Union[bool, Mapping[str, bool]] = True,
    keep_terms: bool = True,
    keep_numbers: bool = True,
    compound: Optional[Iterable[str]] = None,
) -> Segmenter:
    """The segmenter to use: ``segmenter``, or one built from the arguments."""
    if segmenter is not None:
        if not isinstance(segmenter, Segmenter):
            raise TypeError(f"segmenter must be a cipin.Segmenter, not {type(segmenter).__name__}")
        changed = [
            name
            for name, value, default in (
                ("mode", mode, "precise"),
                ("hmm", hmm, True),
                ("pos", pos, False),
                ("normalize", normalize, True),
                ("keep_terms", keep_terms, True),
                ("keep_numbers", keep_numbers, True),
                ("compound", compound or None, None),
            )
            if value != default
        ]
        if changed:
            raise ValueError(
                f"pass either segmenter= or {', '.join(changed)}=, not both "
                "(configure the Segmenter instead)"
            )
        return segmenter
    return _default_segmenter(
        mode, hmm, pos, normalize, keep_terms, keep_numbers, _compound(compound)
    )


_DEFAULTS: dict[Any, Segmenter] = {}


def _default_segmenter(
    mode: str,
    hmm: bool,
    pos: bool,
    normalize: Any,
    keep_terms: bool,
    keep_numbers: bool,
    compound: tuple[str, ...],
) -> Segmenter:
    key = (mode, hmm, pos, repr(normalize), keep_terms, keep_numbers, compound)
    seg = _DEFAULTS.get(key)
    if seg is None:
        seg = Segmenter(
            mode,
            hmm=hmm,
            pos=pos,
            normalize=normalize,
            keep_terms=keep_terms,
            keep_numbers=keep_numbers,
            compound=compound,
        )
        _DEFAULTS[key] = seg
    return seg
