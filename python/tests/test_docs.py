"""Every public function is documented with examples, and the examples run."""

from __future__ import annotations

import doctest
import importlib
import inspect
import os

import pytest

import cipin

MODULES = [
    "cipin",
    "cipin._corpus",
    "cipin._discover",
    "cipin._fonts",
    "cipin.plot",
    "cipin._namespace",
    "cipin._segment",
    "cipin._segmenter",
    "cipin._tables",
    "cipin.dask",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, root, monkeypatch):
    monkeypatch.chdir(root)  # examples read seeds/
    if name in ("cipin._fonts", "cipin.plot"):
        for dep in ("matplotlib", "networkx", "wordcloud"):
            pytest.importorskip(dep)
    if name == "cipin.dask":
        # (Not in the oldest-polars environment, which has no dask.)
        pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'cipin[dask]')")
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0


def test_every_public_function_has_examples():
    for name in cipin.__all__:
        obj = getattr(cipin, name)
        if inspect.isclass(obj) and issubclass(obj, Warning | Exception):
            assert obj.__doc__, name
            continue
        doc = inspect.getdoc(obj) or ""
        assert "Examples" in doc and ">>>" in doc, f"cipin.{name} lacks examples"
    for name in ("cut", "normalize_text", "segment"):
        assert ">>>" in (getattr(cipin.Segmenter, name).__doc__ or ""), name


def test_every_chart_has_examples():
    pytest.importorskip("matplotlib")
    plot = importlib.import_module("cipin.plot")
    for name in plot.__all__:
        doc = inspect.getdoc(getattr(plot, name)) or ""
        assert "Examples" in doc and ">>>" in doc, f"cipin.plot.{name} lacks examples"


def test_typing_files_are_shipped():
    pkg = os.path.dirname(cipin.__file__)
    assert os.path.exists(os.path.join(pkg, "py.typed"))
    assert os.path.exists(os.path.join(pkg, "_cipin.pyi"))
