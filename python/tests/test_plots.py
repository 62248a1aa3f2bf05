"""cipin.plot: every chart draws its data, with Chinese glyphs, with or
without a system CJK font (the font of ``cipin[plots]`` alone suffices)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import polars as pl
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("networkx")
pytest.importorskip("wordcloud")

import matplotlib

matplotlib.use("Agg")

import cipin
import cipin.plot

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TESTS = Path(__file__).resolve().parent

#: Warnings of a glyph missing from the font (matplotlib's, and cipin.plot's
#: for word clouds) are errors here.
GLYPH = "error:Glyph:UserWarning"


def tables() -> dict[str, pl.DataFrame]:
    articles = cipin.parse(SEEDS)
    first = articles["article"][0]
    years = pl.DataFrame(
        {
            "year": [2021, 2021, 2022, 2023],
            "text": ["推进共同富裕。", "共同富裕，发展经济。", "发展经济，发展教育。", "共同富裕"],
        }
    )
    return {
        "keyness": cipin.keyness(articles, by="article", target=first, negative=True),
        "years": cipin.frequency(years, by="year"),
        "tokens": cipin.segment(articles),
        "kwic": cipin.kwic(articles, "发展"),
        "collocations": cipin.collocations(articles),
        "cooccurrence": cipin.cooccurrence(articles),
        "frequency": cipin.frequency(articles),
    }


def figures(t: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """Every chart of cipin.plot, each drawn on its own figure."""
    return {
        "keyness": cipin.plot.keyness(t["keyness"], top=5),
        "trend": cipin.plot.trend(t["years"], ["共同富裕", "发展"], by="year"),
        "dispersion": cipin.plot.dispersion(t["tokens"], ["发展", "共同富裕"]),
        "dispersion_kwic": cipin.plot.dispersion(t["kwic"]),
        "network": cipin.plot.network(t["collocations"], top=20),
        "network_cooccurrence": cipin.plot.network(t["cooccurrence"], top=20, score="count"),
        "wordcloud": cipin.plot.wordcloud(t["frequency"], top=50, width=400, height=250),
    }


def render(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


@pytest.fixture(scope="module")
def data() -> dict[str, pl.DataFrame]:
    return tables()


@pytest.mark.filterwarnings(GLYPH)
def test_every_chart_renders_with_chinese_glyphs(data: dict[str, pl.DataFrame]) -> None:
    import matplotlib.pyplot as plt

    for name, fig in figures(data).items():
        png = render(fig)
        assert png.startswith(b"\x89PNG") and len(png) > 2000, name
        plt.close(fig)


@pytest.mark.filterwarnings(GLYPH)
def test_keyness_bars_are_signed_top_of_each_side(data: dict[str, pl.DataFrame]) -> None:
    k = data["keyness"]
    fig = cipin.plot.keyness(k, top=3)
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    order = {"by": ["g2", "term"], "descending": [True, False]}
    target = k.filter(pl.col("log_ratio") > 0).sort(**order).head(3)
    reference = k.filter(pl.col("log_ratio") <= 0).sort(**order).head(3)
    assert reference.height == 3
    # Top to bottom: the target's strongest first, the reference's strongest last.
    assert labels[:3] == target["term"].to_list()
    assert labels[3:] == reference["term"].to_list()[::-1]
    assert widths[:3] == pytest.approx(target["g2"].to_list())
    assert widths[3:] == pytest.approx([-g for g in reference["g2"].to_list()[::-1]])
    colours = {tuple(p.get_facecolor()) for p in ax.patches[:3]}
    assert len(colours) == 1 and colours != {tuple(p.get_facecolor()) for p in ax.patches[3:]}
    with pytest.raises(ValueError, match="no column 'g2'"):
        cipin.plot.keyness(k.drop("g2"))


@pytest.mark.filterwarnings(GLYPH)
def test_trend_lines_follow_the_counts(data: dict[str, pl.DataFrame]) -> None:
    fig = cipin.plot.trend(data["years"], ["共同富裕", "发展"], by="year")
    lines = fig.axes[0].get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[2021, 2022, 2023]] * 2
    assert [list(line.get_ydata()) for line in lines] == [[2, 0, 1], [1, 2, 0]]
    # by= inferred from the one column before `term`; share as the value.
    fig = cipin.plot.trend(data["years"], "共同富裕", value="share")
    assert len(fig.axes[0].get_lines()) == 1
    # A string group column is drawn in sorted order, as categories.
    by_doc = cipin.frequency(
        pl.DataFrame({"doc_id": ["b", "a"], "text": ["发展", "发展，发展"]}), by="doc_id"
    )
    fig = cipin.plot.trend(by_doc, ["发展"], by="doc_id")
    assert list(fig.axes[0].get_lines()[0].get_ydata()) == [2, 1]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["a", "b"]
    with pytest.raises(ValueError, match="say which column"):
        cipin.plot.trend(data["frequency"], ["发展"])


@pytest.mark.filterwarnings(GLYPH)
def test_dispersion_marks_every_occurrence(data: dict[str, pl.DataFrame]) -> None:
    tokens = data["tokens"]
    fig = cipin.plot.dispersion(tokens, ["发展", "共同富裕"])
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["发展", "共同富裕"]
    for ax, term in zip(fig.axes, ["发展", "共同富裕"]):
        hits = tokens.filter(pl.col("token") == term)
        offsets = ax.collections[-1].get_offsets()
        assert len(offsets) == hits.height > 0
        assert sorted(offsets[:, 0].tolist()) == sorted(hits["position"].to_list())
    kwic = data["kwic"]
    fig = cipin.plot.dispersion(kwic)
    assert sum(len(ax.collections[-1].get_offsets()) for ax in fig.axes) == kwic.height
    with pytest.raises(ValueError, match="terms is needed"):
        cipin.plot.dispersion(tokens)


@pytest.mark.filterwarnings(GLYPH)
def test_network_edges_are_the_top_pairs(data: dict[str, pl.DataFrame]) -> None:
    coll = data["collocations"]
    fig = cipin.plot.network(coll, top=10)
    top = coll.sort(["llr", "w1", "w2"], descending=[True, False, False]).head(10)
    words = set(top["w1"].to_list()) | set(top["w2"].to_list())
    assert {t.get_text() for t in fig.axes[0].texts} == words
    # The same table and seed: the same layout.
    again = cipin.plot.network(coll, top=10)
    assert [t.get_position() for t in fig.axes[0].texts] == [
        t.get_position() for t in again.axes[0].texts
    ]


@pytest.mark.filterwarnings(GLYPH)
def test_wordcloud_uses_the_cjk_font(data: dict[str, pl.DataFrame]) -> None:
    fig = cipin.plot.wordcloud(data["frequency"], top=20, width=300, height=200)
    image = fig.axes[0].images[0].get_array()
    assert image.shape == (200, 300, 3)
    assert (image < 200).any()  # something was drawn on the white
    # A character the font lacks is a warning.
    with pytest.warns(UserWarning, match="Glyph .* missing from font"):
        cipin.plot.wordcloud(pl.DataFrame({"term": ["发展", "\U000e0041"], "count": [2, 1]}))


def test_import_cipin_does_not_import_matplotlib() -> None:
    code = "import sys, cipin; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_matplotlib_names_the_extra() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["matplotlib"] = None
        sys.modules["matplotlib.pyplot"] = None
        import cipin
        try:
            cipin.plot
        except ImportError as e:
            print(e)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 'pip install "cipin[plots]"' in out.stdout


HIDDEN = """
import sys, warnings
sys.path.insert(0, {tests!r})
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager as fm
import matplotlib.pyplot as plt

# Hide every font but matplotlib's own (DejaVu: no Chinese).
data = matplotlib.get_data_path()
fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if f.fname.startswith(data)]
getattr(fm.fontManager, "_findfont_cached", None) and fm.fontManager._findfont_cached.cache_clear()

# The hiding works: Chinese in the default font is missing glyphs.
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    fig, ax = plt.subplots()
    ax.set_title("中文")
    fig.canvas.draw()
assert any("missing from" in str(w.message) for w in seen), [str(w.message) for w in seen]
plt.close(fig)

import cipin
from cipin._fonts import pip_font_path
assert pip_font_path() is not None, "no pip CJK font installed (pip install 'cipin[plots]')"
warnings.filterwarnings("error", message="Glyph")
name = cipin.use_cjk_font()
assert cipin.cjk_font_path() == pip_font_path(), (name, cipin.cjk_font_path())
import test_plots
for chart, fig in test_plots.figures(test_plots.tables()).items():
    assert len(test_plots.render(fig)) > 2000, chart
print("ok", name)
"""


def test_charts_need_no_system_font() -> None:
    """With the system fonts hidden from matplotlib, the font of
    ``cipin[plots]`` alone gives Chinese glyphs in every chart."""
    from cipin._fonts import pip_font_path

    if pip_font_path() is None:
        pytest.skip("no pip CJK font installed (pip install 'cipin[plots]')")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = subprocess.run(
        [sys.executable, "-c", HIDDEN.format(tests=str(TESTS))],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.startswith("ok ")


def test_use_cjk_font_prefers_a_system_font_then_the_pip_font() -> None:
    from matplotlib import font_manager

    name = cipin.use_cjk_font()
    installed = {f.name for f in font_manager.fontManager.ttflist}
    system = [n for n in cipin._fonts.CJK_FONTS if n in installed]
    assert name is not None
    assert name == system[0]
    assert matplotlib.rcParams["font.sans-serif"][0] == name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = cipin.cjk_font_path()
    assert path is not None and Path(path).exists()
