"""Every table's defaults agree on the three surfaces.

The library's parameters structs (``CollocationsConfig``, ...) are the one
home of the defaults; the binding exports them (``_cipin.defaults()``), and
this test compares them with the Python functions' keyword defaults. The CLI's
flags are compared with the same structs in Rust
(``table_defaults_are_the_library_defaults`` in ``crates/cipin-cli/src/main.rs``).
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

import cipin
from cipin import _cipin
from cipin._tables import _UNSET

# Library parameters with no default: required on every surface.
NO_DEFAULT = {("keyness", "target"), ("kwic", "pattern")}


def python_default(table: str, param: str, fn: Callable[..., Any]) -> Any:
    """The library value the Python keyword's default stands for."""
    params = inspect.signature(fn).parameters
    if table == "ngrams" and param in ("n_min", "n_max"):
        # One keyword, ``n``: a size, or a pair ``(n_min, n_max)``.
        n = params["n"].default
        return n if isinstance(n, int) else n[("n_min", "n_max").index(param)]
    assert param in params, f"cipin.{table} has no keyword {param!r}"
    value = params[param].default
    assert value is not inspect.Parameter.empty, f"cipin.{table}({param}=...) has no default"
    if param == "stopwords":
        # The segmenter's list else the default list, or none.
        return {id(_UNSET): "default", id(None): "none"}.get(id(value), value)
    return value


def test_every_table_has_the_library_defaults_in_python():
    defaults = _cipin.defaults()
    assert set(defaults) - {"segmenter", "filter"} == {
        "frequency",
        "term_frequency",
        "tfidf",
        "dtm",
        "ngrams",
        "collocations",
        "cooccurrence",
        "keyness",
        "keywords",
        "kwic",
        "slogans",
        "count_dictionary",
        "dictionary_matches",
        "dispersion",
        "lexdiv",
        "simil",
        "readability",
    }
    differ = []
    for table, params in defaults.items():
        if table in ("segmenter", "filter"):
            continue
        fn = getattr(cipin, table)
        for param, want in params.items():
            if (table, param) in NO_DEFAULT:
                continue
            got = python_default(table, param, fn)
            if got != want:
                differ.append(f"cipin.{table}({param}={got!r}), library {want!r}")
    assert not differ, "\n".join(differ)


def test_collocations_defaults_are_llr_and_3():
    """What a corpus linguist expects: ranked by association, rare pairs out."""
    assert _cipin.defaults()["collocations"] == {
        "sort": "llr",
        "min_count": 3,
        "stopwords": "default",
    }


def test_a_misspelt_table_parameter_is_an_error():
    import pytest

    corpus = _cipin.corpus_from_texts(texts=["推进共同富裕"])
    seg = cipin.Segmenter()._native
    with pytest.raises(TypeError, match="unknown field `sortt`"):
        _cipin.table("collocations", corpus, seg, sortt="llr")
    with pytest.raises(ValueError, match="unknown variant `dice`"):
        _cipin.table("collocations", corpus, seg, sort="dice")
    with pytest.raises(TypeError, match="unknown field `n`"):
        _cipin.table("frequency", corpus, seg, n=2)


# The Python keyword of each shared setting, and how its default reads as the
# library's value (None for a list means the empty list; normalize=True means
# every rule). Settings missing here have no keyword on that surface.
SEGMENTER_KEYWORDS = {
    "mode": "mode",
    "hmm": "hmm",
    "normalize": "normalize",
    "keep_terms": "keep_terms",
    "keep_numbers": "keep_numbers",
}
FILTER_KEYWORDS = {"extra_stopwords": "extra_stopwords", "pos_include": "pos",
                   "pos_exclude": "pos_exclude", "min_len": "min_len",
                   "drop_punct": "drop_punct", "drop_numbers": "drop_numbers",
                   "min_df": "min_df", "max_df": "max_df"}  # fmt: skip


def as_library(param: str, value: Any) -> Any:
    if value is None:
        return []
    if param == "normalize" and isinstance(value, bool):
        return {"fullwidth": value, "t2s": value, "spaces": value}
    return value


def test_segmenter_and_filter_defaults_are_the_library_defaults():
    """Segmenter() and every table's segmenter and filter keywords default to
    the library's SegmenterConfig and FilterConfig."""
    defaults = _cipin.defaults()
    seg, filt = defaults["segmenter"], defaults["filter"]
    differ = []
    init = inspect.signature(cipin.Segmenter).parameters
    for lib, kw in [*SEGMENTER_KEYWORDS.items(), ("pos", "pos")]:
        got = as_library(lib, init[kw].default)
        if got != seg[lib]:
            differ.append(f"Segmenter({kw}={init[kw].default!r}), library {seg[lib]!r}")
    assert cipin.Segmenter()._native.config == seg
    tables = [t for t in defaults if t not in ("segmenter", "filter")]
    for table in tables:
        params = inspect.signature(getattr(cipin, table)).parameters
        for lib, kw in [*SEGMENTER_KEYWORDS.items(), ("pos", "pos_tag")]:
            if table == "kwic" and kw == "pos_tag":
                continue  # KWIC shows no tags
            got = as_library(lib, params[kw].default)
            if got != seg[lib]:
                differ.append(f"cipin.{table}({kw}={params[kw].default!r}), library {seg[lib]!r}")
        if table == "kwic":
            continue  # KWIC keeps every token: it has no filter keywords
        for lib, kw in FILTER_KEYWORDS.items():
            if kw not in params:
                continue  # min_df/max_df: not on the per-category dictionary tables
            got = as_library(lib, params[kw].default)
            want = filt[lib]
            if lib in ("min_df", "max_df"):
                want = next(iter(want.values())) if isinstance(want, dict) else want
            if got != want:
                differ.append(f"cipin.{table}({kw}={params[kw].default!r}), library {filt[lib]!r}")
    assert not differ, "\n".join(differ)


# The segmenter's settings: SegmenterConfig's defaults (what a NativeSegmenter
# built with no settings reports) against every Python surface taking them.
SEGMENTER_SETTINGS = ("mode", "hmm", "keep_terms", "keep_numbers", "compound")


def segmenter_python_default(param: str, value: Any) -> Any:
    """The library value a Python segmenter keyword's default stands for."""
    if param == "compound":
        return [] if value is None else list(value)
    return value


def test_segmenter_defaults_are_the_library_defaults_everywhere():
    import inspect

    from cipin._namespace import ExprNamespace

    library = _cipin.NativeSegmenter().config
    assert library["compound"] == [] and library["mode"] == "precise"
    surfaces = {
        "Segmenter": cipin.Segmenter,
        "segment": cipin.segment,
        "namespace.tokens": ExprNamespace.tokens,
        "namespace.count": ExprNamespace.count,
    }
    surfaces.update(
        {
            f"cipin.{t}": getattr(cipin, t)
            for t in _cipin.defaults()
            if t not in ("segmenter", "filter")
        }
    )
    differ = []
    for name, fn in surfaces.items():
        params = inspect.signature(fn).parameters
        for p in SEGMENTER_SETTINGS:
            if p not in params:
                differ.append(f"{name} has no {p}=")
                continue
            got = segmenter_python_default(p, params[p].default)
            if got != library[p]:
                differ.append(f"{name}({p}={got!r}), library {library[p]!r}")
    assert not differ, "\n".join(differ)
    assert cipin.Segmenter()._native.config == library
