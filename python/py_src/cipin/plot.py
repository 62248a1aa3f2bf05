"""Pictures of cipin's tables, drawn with matplotlib.

Every function takes a table of cipin (a :class:`polars.DataFrame`), draws
on ``ax`` (a new figure when ``None``) and returns the
:class:`matplotlib.figure.Figure`, to restyle or save
(``fig.savefig("keyness.png", dpi=200)``). Chinese labels need a CJK font:
each function calls :func:`cipin.use_cjk_font` first, which finds a system
font or the one ``pip install "cipin[plots]"`` brings.

* :func:`keyness`: the most distinctive terms of a target and a reference
  (the output of :func:`cipin.keyness`), as quanteda's ``textplot_keyness``;
* :func:`trend`: the frequency of chosen terms over time, or over any
  ordered group (the output of :func:`cipin.frequency` with ``by=``);
* :func:`dispersion`: where terms occur in each document, a lexical
  dispersion ("x-ray") plot (a token table of :func:`cipin.segment`, or the
  output of :func:`cipin.kwic`);
* :func:`network`: a collocation or co-occurrence network (the output of
  :func:`cipin.collocations` or :func:`cipin.cooccurrence`);
* :func:`wordcloud`: a word cloud of a frequency table.

Needs matplotlib (and networkx for :func:`network`, wordcloud for
:func:`wordcloud`): ``pip install "cipin[plots]"``. ``import cipin`` does not
import matplotlib; ``cipin.plot`` does, on first use.

Examples
--------
>>> import polars as pl, cipin, cipin.plot
>>> texts = ["发展经济，发展教育。", "保护环境，发展生态。"]
>>> docs = pl.DataFrame({"doc_id": ["a", "b"], "text": texts})
>>> tokens = cipin.segment(docs)
>>> fig = cipin.plot.dispersion(tokens, ["发展", "环境"])
>>> [ax.get_title(loc="left") for ax in fig.axes]
['发展', '环境']
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

import polars as pl

from cipin._fonts import cjk_font_path, use_cjk_font

try:
    import matplotlib.pyplot as plt
except ImportError as e:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        'cipin.plot needs matplotlib: pip install "cipin[plots]" '
        "(matplotlib, networkx, wordcloud and a Chinese font)"
    ) from e

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["dispersion", "keyness", "network", "trend", "wordcloud"]

#: The two colours of :func:`keyness` (target, reference).
KEYNESS_COLORS = ("#1f5f9e", "#b0b0b0")


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f'this chart needs {module}: pip install "cipin[plots]" '
            "(matplotlib, networkx, wordcloud and a Chinese font)"
        ) from e


def _axes(ax: Optional[Axes], figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    use_cjk_font()
    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def _check(table: Any, columns: Sequence[str], what: str) -> pl.DataFrame:
    if isinstance(table, pl.LazyFrame):
        table = table.collect()
    if not isinstance(table, pl.DataFrame):
        raise TypeError(f"{what}: expected a polars DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{what}: no column {', '.join(map(repr, missing))} (columns: {table.columns})"
        )
    return table


def keyness(
    table: pl.DataFrame,
    top: int = 10,
    *,
    measure: str = "g2",
    labels: tuple[str, str] = ("target", "reference"),
    colors: tuple[str, str] = KEYNESS_COLORS,
    ax: Optional[Axes] = None,
) -> Figure:
    """Bar chart of the ``top`` key terms of the target and of the reference.

    ``table`` is the output of :func:`cipin.keyness`, with ``negative=True``
    for the reference's side (without it, only the target's). A term is the
    target's when it is relatively more frequent there (``log_ratio > 0``),
    else the reference's; its bar is its keyness ``measure`` (``"g2"`` or
    ``"log_ratio"``) signed that way: right of zero for the target, left for
    the reference, in two colours, the strongest at the top (quanteda's
    ``textplot_keyness``).

    Examples
    --------
    >>> import polars as pl, cipin.plot
    >>> table = pl.DataFrame({"term": ["发展", "环境", "教育"], "g2": [9.0, 4.0, 1.0],
    ...                       "log_ratio": [2.0, -1.5, 0.5]})
    >>> fig = cipin.plot.keyness(table, top=1)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['发展', '环境']
    """
    if measure not in ("g2", "log_ratio"):
        raise ValueError(f'measure must be "g2" or "log_ratio", not {measure!r}')
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    t = _check(table, ["term", measure, "log_ratio"], "keyness table")
    signed = (
        pl.col(measure).abs() * pl.when(pl.col("log_ratio") > 0).then(1.0).otherwise(-1.0)
    ).alias("value")
    t = t.select("term", signed)
    target = (
        t.filter(pl.col("value") > 0).sort(["value", "term"], descending=[True, False]).head(top)
    )
    reference = t.filter(pl.col("value") <= 0).sort(["value", "term"]).head(top)
    # Top to bottom: the target's strongest first, then the reference's weakest
    # to strongest (so the most negative ends at the bottom).
    rows = pl.concat([target, reference.reverse()])
    fig, ax = _axes(ax, (7.0, 0.3 * max(len(rows), 4) + 1.2))
    y = list(range(len(rows)))[::-1]
    values = rows["value"].to_list()
    ax.barh(
        y,
        values,
        color=[colors[0] if v > 0 else colors[1] for v in values],
        height=0.75,
    )
    ax.set_yticks(y, rows["term"].to_list())
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("G² (signed)" if measure == "g2" else "log ratio")
    from matplotlib.patches import Patch

    ax.legend(
        [Patch(color=colors[0]), Patch(color=colors[1])],
        list(labels),
        loc="lower right",
        frameon=False,
    )
    return fig


def trend(
    table: pl.DataFrame,
    terms: Sequence[str],
    *,
    by: Optional[str] = None,
    value: str = "count",
    ax: Optional[Axes] = None,
) -> Figure:
    """Frequency of ``terms`` over time, or over any ordered group: one line
    per term.

    ``table`` has a group column ``by``, ``term`` and ``value``: the output of
    :func:`cipin.frequency` with ``by=`` (``value="share"`` compares groups of
    different sizes). ``by`` is any column whose order means something: a
    ``date`` or ``year`` column of your documents (cipin's tables keep the
    metadata columns of the input), or ``"file"`` when the files are named by
    date. Groups are drawn in sorted order; a term absent from a group is 0
    there. With ``by=None`` the one column before ``term`` is taken.

    Examples
    --------
    >>> import polars as pl, cipin, cipin.plot
    >>> docs = pl.DataFrame({"year": [2021, 2022, 2023], "text": ["发展", "发展，发展", "环境"]})
    >>> freq = cipin.frequency(docs, by="year")
    >>> fig = cipin.plot.trend(freq, ["发展", "环境"], by="year")
    >>> [line.get_ydata().tolist() for line in fig.axes[0].get_lines()]
    [[1, 2, 0], [0, 0, 1]]
    """
    if isinstance(terms, str):
        terms = [terms]
    if not terms:
        raise ValueError("terms is empty: name the terms to draw")
    t = _check(table, ["term", value], "trend table")
    if by is None:
        before = t.columns[: t.columns.index("term")]
        if len(before) != 1:
            raise ValueError(
                f"say which column orders the groups (by=...); columns before term: {before}"
            )
        by = before[0]
    t = _check(t, [by], "trend table")
    groups = t.select(pl.col(by).unique().sort())[by]
    fig, ax = _axes(ax, (8.0, 4.0))
    numeric = groups.dtype.is_numeric() or groups.dtype.is_temporal()
    x: Any = groups.to_list() if numeric else list(range(len(groups)))
    for term in terms:
        sub = t.filter(pl.col("term") == term).group_by(by).agg(pl.col(value).sum())
        ys = dict(zip(sub[by].to_list(), sub[value].to_list()))
        ax.plot(x, [ys.get(g, 0) for g in groups.to_list()], marker="o", label=term)
    if not numeric:
        ax.set_xticks(x, [str(g) for g in groups.to_list()], rotation=45, ha="right")
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    ax.legend(frameon=False)
    return fig


_TOKEN_COLUMNS = {"sentence", "position", "token", "pos", "start", "end"}
_KWIC_COLUMNS = {"start", "left", "keyword", "right"}


def dispersion(
    table: pl.DataFrame,
    terms: Optional[Sequence[str]] = None,
    *,
    max_docs: int = 40,
    figsize: Optional[tuple[float, float]] = None,
) -> Figure:
    """Lexical dispersion ("x-ray") plot: where each term occurs in each
    document, one panel per term, one row per document, one tick per
    occurrence.

    ``table`` is a token table of :func:`cipin.segment` (positions in
    tokens; ``terms`` required, matched against whole tokens) or the output
    of :func:`cipin.kwic` (positions in characters, from ``start``; ``terms``
    defaults to the keywords found). Documents are told apart by the other
    columns (``doc_id``, ``article``, ``doc``...), in table order; at most
    ``max_docs`` rows are labelled. A grey line shows each document's length
    (token tables) or the last occurrence (KWIC).

    Examples
    --------
    >>> import polars as pl, cipin, cipin.plot
    >>> docs = pl.DataFrame({"doc_id": ["a", "b"], "text": ["共同富裕，共同富裕", "共同富裕"]})
    >>> hits = cipin.kwic(docs, "共同富裕")
    >>> fig = cipin.plot.dispersion(hits)
    >>> len(fig.axes[0].collections[-1].get_offsets())  # the ticks, after the lines
    3
    """
    t = _check(table, [], "dispersion table")
    if "keyword" in t.columns and "start" in t.columns:
        ids = [c for c in t.columns if c not in _KWIC_COLUMNS]
        pos_col, term_col, unit = "start", "keyword", "characters"
        if terms is None:
            terms = t["keyword"].unique(maintain_order=True).to_list()
        extent = None
    elif "token" in t.columns and "position" in t.columns:
        ids = [c for c in t.columns if c not in _TOKEN_COLUMNS]
        pos_col, term_col, unit = "position", "token", "tokens"
        if terms is None:
            raise ValueError("terms is needed with a token table: name the terms to find")
        extent = "length"
    else:
        raise ValueError(
            "dispersion table: expected a token table (token, position) or KWIC output "
            f"(keyword, start), got the columns {t.columns}"
        )
    if isinstance(terms, str):
        terms = [terms]
    if not terms:
        raise ValueError("terms is empty: name the terms to draw")
    if not ids:
        t = t.with_columns(pl.lit("").alias("__doc"))
        ids = ["__doc"]
    # A document's label: its id columns, a file path by its name.
    parts = [pl.col(c).cast(pl.String).fill_null("").str.split("/").list.last() for c in ids]
    key = pl.concat_str(parts, separator=" ")
    t = t.with_columns(key.alias("__key"))
    docs = t["__key"].unique(maintain_order=True).to_list()
    row = {d: i for i, d in enumerate(docs)}
    ends = t.group_by("__key").agg(pl.col(pos_col).max())
    end_of = dict(zip(ends["__key"].to_list(), ends[pos_col].to_list()))
    use_cjk_font()
    n = len(terms)
    size = figsize or (8.0, min(0.25 * len(docs), 6.0) * n + 0.8 * n + 0.6)
    fig, axes = plt.subplots(n, 1, figsize=size, sharex=True, squeeze=False, layout="constrained")
    for ax, term in zip(axes[:, 0], terms):
        hits = t.filter(pl.col(term_col) == term)
        ax.hlines(
            [row[d] for d in docs],
            0,
            [end_of[d] + (1 if extent else 0) for d in docs],
            color="#dddddd",
            linewidth=1,
        )
        ax.scatter(
            hits[pos_col].to_list(),
            [row[d] for d in hits["__key"].to_list()],
            marker="|",
            s=120,
            color="black",
            linewidths=1.2,
        )
        ax.set_title(term, loc="left")
        ax.set_ylim(len(docs) - 0.5, -0.5)
        if len(docs) <= max_docs and ids != ["__doc"]:
            ax.set_yticks(range(len(docs)), docs)
        else:
            ax.set_yticks([])
    axes[-1, 0].set_xlabel(f"position ({unit})")
    return fig


def network(
    table: pl.DataFrame,
    top: int = 40,
    *,
    score: Optional[str] = None,
    seed: int = 1,
    ax: Optional[Axes] = None,
) -> Figure:
    """Network of the ``top`` word pairs by ``score``: words are nodes, pairs
    edges as wide as their score.

    ``table`` is the output of :func:`cipin.collocations` or
    :func:`cipin.cooccurrence` (``w1``, ``w2`` and score columns). ``score``
    defaults to ``llr`` when present, else ``pmi``; ``count`` works too.
    Nodes are sized by the summed counts of their pairs. The layout is
    networkx's spring layout with the given ``seed``, so the same table gives
    the same picture.

    Examples
    --------
    >>> import polars as pl, cipin.plot
    >>> pairs = pl.DataFrame({"w1": ["共同", "共同", "高质量"], "w2": ["富裕", "发展", "发展"],
    ...                       "count": [5, 2, 3], "pmi": [3.0, 1.0, 2.5]})
    >>> fig = cipin.plot.network(pairs, top=2)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['共同', '发展', '富裕', '高质量']
    """
    nx = _require("networkx")
    t = _check(table, ["w1", "w2", "count"], "network table")
    if score is None:
        score = "llr" if "llr" in t.columns else "pmi"
    t = _check(t, [score], "network table")
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    t = t.sort([score, "w1", "w2"], descending=[True, False, False]).head(top)
    g = nx.Graph()
    rows = zip(t["w1"].to_list(), t["w2"].to_list(), t["count"].to_list(), t[score].to_list())
    for w1, w2, c, s in rows:
        g.add_edge(w1, w2, count=c, score=float(s))
    fig, ax = _axes(ax, (8.0, 8.0))
    ax.set_axis_off()
    if g.number_of_edges() == 0:
        return fig
    scores = [d["score"] for _, _, d in g.edges(data=True)]
    lo, hi = min(scores), max(scores)
    widths = [0.8 + 4.2 * ((s - lo) / (hi - lo) if hi > lo else 1.0) for s in scores]
    weights = {n: sum(d["count"] for *_, d in g.edges(n, data=True)) for n in g.nodes}
    big = max(weights.values())
    sizes = [150 + 1200 * weights[n] / big for n in g.nodes]
    pos = nx.spring_layout(g, seed=seed, k=1.5 / math.sqrt(g.number_of_nodes()))
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color="#7a9cc6", alpha=0.8)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color="#f3d9a4")
    import matplotlib

    nx.draw_networkx_labels(
        g, pos, ax=ax, font_size=11, font_family=matplotlib.rcParams["font.sans-serif"][0]
    )
    return fig


def _missing_glyphs(font: str, words: Sequence[str]) -> list[str]:
    from matplotlib.ft2font import FT2Font

    f = FT2Font(font)
    chars = sorted({c for w in words for c in w if not c.isspace()})
    return [c for c in chars if f.get_char_index(ord(c)) == 0]


def wordcloud(
    table: pl.DataFrame,
    top: int = 200,
    *,
    value: str = "count",
    width: int = 800,
    height: int = 500,
    seed: int = 1,
    ax: Optional[Axes] = None,
    **kwargs: Any,
) -> Figure:
    """Word cloud of the ``top`` terms of a frequency table, sized by
    ``value``.

    ``table`` has ``term`` and ``value`` (the output of
    :func:`cipin.frequency`, or any table with those columns; with groups,
    the values of a term are summed). Drawn by the ``wordcloud`` package
    with the font file of :func:`cipin.cjk_font_path`; a character the font
    lacks is a warning (``Glyph ... missing from font``), as matplotlib's.
    ``kwargs`` go to ``wordcloud.WordCloud`` (``colormap``, ``max_font_size``...).

    Examples
    --------
    >>> import polars as pl, cipin.plot
    >>> freq = pl.DataFrame({"term": ["发展", "共同富裕", "环境"], "count": [30, 20, 5]})
    >>> fig = cipin.plot.wordcloud(freq, width=300, height=200)
    >>> fig.axes[0].images[0].get_array().shape
    (200, 300, 3)
    """
    wc = _require("wordcloud")
    t = _check(table, ["term", value], "word cloud table")
    t = (
        t.group_by("term")
        .agg(pl.col(value).sum())
        .filter(pl.col(value) > 0)
        .sort([value, "term"], descending=[True, False])
        .head(top)
    )
    if t.height == 0:
        raise ValueError("word cloud table: no term with a positive value")
    fig, ax = _axes(ax, (width / 100, height / 100))
    font = cjk_font_path()
    words = t["term"].to_list()
    if font is not None:
        for c in _missing_glyphs(font, words):
            warnings.warn(
                f"Glyph {ord(c)} ({c}) missing from font {font}", UserWarning, stacklevel=2
            )
    options: dict[str, Any] = {
        "font_path": font,
        "width": width,
        "height": height,
        "background_color": "white",
        "random_state": seed,
        "prefer_horizontal": 1.0,
        "collocations": False,
    }
    options.update(kwargs)
    cloud = wc.WordCloud(**options).generate_from_frequencies(
        dict(zip(words, map(float, t[value].to_list())))
    )
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return fig
