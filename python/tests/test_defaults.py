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
    assert set(defaults) == {
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
    }
    differ = []
    for table, params in defaults.items():
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
    surfaces.update({f"cipin.{t}": getattr(cipin, t) for t in _cipin.defaults()})
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
