"""Write the example notebooks in notebooks/ (source of truth for their cells).

    python python/scripts/make_notebooks.py [NAME.ipynb ...]  # write them (or those), no outputs
    python python/scripts/run_notebooks.py --in-place  # then execute and keep outputs

Edit the cells here, not in the .ipynb files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "notebooks"

SETUP = """\
from pathlib import Path
import time

import matplotlib.pyplot as plt
import polars as pl

import cipin

cipin.use_cjk_font()  # Chinese labels in charts (see the README: fonts-noto-cjk)
pl.Config.set_tbl_rows(12)
pl.Config.set_fmt_str_lengths(40)

# The repository root, whether the notebook runs from notebooks/ or from the root.
ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "seeds").is_dir())
SEEDS = ROOT / "seeds"
print("cipin", cipin.__version__, "| polars", pl.__version__)"""


def md(text: str):
    return new_markdown_cell(text.strip())


def code(text: str):
    return new_code_cell(text.strip())


def quickstart():
    return [
        md(
            """
# cipin quickstart: a newspaper page → articles → tokens → top terms

[cipin](../README.md) (词频) turns Chinese newspaper and policy text into tidy
[polars](https://pola.rs) DataFrames. Everything runs in Rust, in parallel,
without holding the GIL; every call returns a `polars.DataFrame`.

This notebook takes the seed page in `seeds/` (the front page of a district
newspaper, as plain text extracted from the PDF) through the whole pipeline.
"""
        ),
        code(SETUP),
        md(
            """
## 1. Read

`cipin.read` takes a file, a folder or a list of them. UTF-8 (with or without
BOM) and GB18030/GBK are detected; a file that is neither raises a
`cipin.DecodeError` naming the file and the byte offset.
"""
        ),
        code(
            """
docs = cipin.read(SEEDS)
print(docs["text"][0][:300])
docs.select("doc_id", "encoding", pl.col("text").str.len_chars().alias("characters"))
"""
        ),
        md(
            """
## 2. Parse the page into articles

`cipin.parse` splits a page into articles, with their kicker (引题), headline,
subtitle, byline, reporters (记者), correspondents (通讯员), dateline and
continuation marks (下转…), and repairs column breaks. Page banners are records
of kind `banner`. `text` is the article body, paragraphs joined by newlines.
"""
        ),
        code(
            """
articles = cipin.parse(SEEDS)
articles.select("article", "kind", "kicker", "headline", "reporters", "continuation")
"""
        ),
        md(
            """
## 3. Segment

`cipin.segment` gives one row per token with the article's id columns, the
sentence and position of the token, and its character offsets in the original
text. Nothing is dropped: the tokens of a text rebuild it.
"""
        ),
        code(
            """
tokens = cipin.segment(articles)
print(f"{tokens.height:,} tokens in {articles.height} records")
tokens.head(8)
"""
        ),
        code(
            """
# Lossless: the tokens of the first article give back its text (whitespace aside).
first = tokens.filter(pl.col("article") == 0)["token"].str.join("")[0]
assert first == "".join(articles["text"][0].split())
first[:60]
"""
        ),
        md(
            """
## 4. Top terms

`cipin.frequency` counts the tokens. By default it drops cipin's stopwords
(function words such as 的, 了, 我们) and punctuation; every filter is a keyword
argument (`stopwords=`, `pos=`, `min_len=`, `drop_numbers=`, `min_count=`,
`min_df=`, `max_df=`). It takes a token table or text directly — counting
text skips the token table altogether.
"""
        ),
        code(
            """
top = cipin.frequency(tokens, top=20)
top
"""
        ),
        code(
            """
fig, ax = plt.subplots(figsize=(7, 6))
ax.barh(top["term"].to_list()[::-1], top["count"].to_list()[::-1], color="#b22222")
ax.set_xlabel("出现次数")
ax.set_title("头版高频词（前 20）")
fig.tight_layout()
plt.show()
"""
        ),
        md(
            """
### Pictures: `cipin.plot`

`cipin.plot` draws cipin's tables with matplotlib (`pip install
"cipin[plots]"` brings it, networkx, wordcloud and a Chinese font). Each
function returns the `Figure`, to restyle or `fig.savefig(...)`. A word cloud
of the page, and where three words occur in each article (a lexical
dispersion plot: one tick per occurrence, positions in tokens):
"""
        ),
        code(
            """
import cipin.plot

fig = cipin.plot.wordcloud(cipin.frequency(tokens), top=80, width=700, height=380)
"""
        ),
        code(
            """
fig = cipin.plot.dispersion(tokens, ["共同富裕", "发展", "乡村"])
"""
        ),
        md(
            """
## 5. Policy terms as single words

Slogans in quotes — “三大差距” (the "three gaps"), “千万工程” — are kept whole
by default (`keep_terms=True`). Unquoted, jieba's dictionary splits them. A
`cipin.Segmenter` with user words keeps them whole everywhere. It is
reusable, thread-safe and picklable (multiprocessing, joblib and Dask can ship
it), and loads its dictionary once.
"""
        ),
        code(
            """
seg = cipin.Segmenter(user_words=["三大差距", "千万工程", "共富工坊", "共同富裕"])
print(cipin.Segmenter().cut("缩小“三大差距”"))
print(cipin.Segmenter().cut("缩小三大差距，深化千万工程"))
print(seg.cut("缩小三大差距，深化千万工程"))
cipin.frequency(articles, segmenter=seg, top=10)
"""
        ),
        md(
            """
## 6. Inside polars queries: the `cipin` namespace

`import cipin` adds a `cipin` namespace to polars expressions and Series:
`.cipin.tokens()` (a list of words per row), `.cipin.count([...])` (per row,
a struct of counts of some terms, or of the categories of a dictionary) and
`.cipin.normalize()`. They work in lazy queries (`pl.scan_parquet(...)`) and
with the streaming engine, batch by batch, and take the segmenter's keywords.
"""
        ),
        code(
            """
per_article = (
    articles.lazy()
    .with_columns(
        pl.col("text").cipin.tokens().alias("tokens"),
        pl.col("text").cipin.count(["共同富裕", "三大差距", "发展*"], segmenter=seg).alias("n"),
    )
    .select("article", "headline", pl.col("tokens").list.len().alias("n_tokens"), "n")
    .unnest("n")
    .collect()
)
per_article.head(6)
"""
        ),
        code(
            """
pl.Series(["增長１７％，書記", None]).cipin.normalize()
"""
        ),
        md(
            """
## 7. Errors you can act on

A missing path raises `FileNotFoundError`; bad bytes a `cipin.DecodeError`
(a `ValueError`) with the file and the offset; bad arguments a `ValueError` or
`TypeError` that says what was expected.
"""
        ),
        code(
            """
for call in (lambda: cipin.read(SEEDS / "missing.txt"),
             lambda: cipin.segment("文本", mode="fast"),
             lambda: cipin.frequency(articles, by="no_such_column")):
    try:
        call()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
"""
        ),
    ]


def policy_language():
    return [
        md(
            """
# Comparing the articles of a page: the language of policy

Which words make each article what it is? This notebook compares the articles
of the seed page with **keyness** (log-likelihood G² and log ratio), reads the
slogan 三大差距 in context (**KWIC**), finds fixed phrases (**collocations**) and
draws which words appear together (**co-occurrence**). The last part follows the
page's **slogans and numbered expressions** (提法) across its articles and finds
**new terms** the dictionary does not know.
"""
        ),
        code(SETUP),
        code(
            """
articles = cipin.parse(SEEDS).filter(pl.col("kind") == "article")
# Keep the policy slogans whole, and drop a few words every article uses.
seg = cipin.Segmenter(user_words=["三大差距", "千万工程", "共同富裕", "共富工坊", "六干", "小橘灯"])
articles.select("article", "kicker", "headline", pl.col("text").str.len_chars().alias("chars"))
"""
        ),
        md(
            """
## Keyness: what the lead report says more than the rest

`cipin.keyness(data, by=..., target=...)` compares the target group with every
other document (or with `reference=`). Positive `log_ratio`: more frequent in
the target; `p_value` is the χ² p-value of G².
"""
        ),
        code(
            """
key = cipin.keyness(articles, by="article", target=0, segmenter=seg, top=15)
key
"""
        ),
        md(
            """
`cipin.plot.keyness` draws both sides, as quanteda's `textplot_keyness`:
with `negative=True` the table also holds the words the target uses *less*,
drawn to the left.
"""
        ),
        code(
            """
import cipin.plot

both = cipin.keyness(articles, by="article", target=0, segmenter=seg, negative=True)
fig = cipin.plot.keyness(both, top=10, labels=("第 0 篇（推进会报道）", "其余各篇"))
"""
        ),
        md(
            """
## 三大差距 in context

`cipin.kwic` returns every occurrence with its left and right context, cut
from the original text. With the user word, 三大差距 is one token; without
it, `match="substring"` finds it whatever the segmentation.
"""
        ),
        code(
            """
lines = cipin.kwic(articles, "三大差距", window=6, segmenter=seg)
lines.select("article", "left", "keyword", "right")
"""
        ),
        code(
            """
# The same lines by characters, without any user dictionary:
cipin.kwic(articles, "三大差距", match="substring", unit="chars", window=12).height
"""
        ),
        md(
            """
## Collocations

Adjacent word pairs, within sentences, scored by PMI, log-likelihood and t
(as NLTK's bigram measures). Sorting by log-likelihood with `min_count=2`
brings out the page's set phrases.
"""
        ),
        code(
            """
cipin.collocations(articles, segmenter=seg, sort="llr", min_count=2, top=15)
"""
        ),
        code(
            """
# The 30 strongest pairs as a network: edge width by log-likelihood.
pairs = cipin.collocations(articles, segmenter=seg, sort="llr", min_count=2)
fig = cipin.plot.network(pairs, top=30)
"""
        ),
        md(
            """
## A co-occurrence picture

Words within five tokens of each other, counted over the page; the heat map
shows the 14 most connected words.
"""
        ),
        code(
            """
import numpy as np

co = cipin.cooccurrence(articles, segmenter=seg, window=5, min_df=1)
ends = pl.concat([co.select(pl.col("w1").alias("w"), "count"),
                  co.select(pl.col("w2").alias("w"), "count")])
strength = ends.group_by("w").agg(pl.col("count").sum())
words = strength.sort(["count", "w"], descending=[True, False]).head(14)["w"].to_list()
index = {w: i for i, w in enumerate(words)}
matrix = np.zeros((len(words), len(words)))
inside = co.filter(pl.col("w1").is_in(words) & pl.col("w2").is_in(words))
for w1, w2, c in inside.select("w1", "w2", "count").iter_rows():
    matrix[index[w1], index[w2]] = matrix[index[w2], index[w1]] = c

fig, ax = plt.subplots(figsize=(7, 6))
im = ax.imshow(matrix, cmap="Reds")
ax.set_xticks(range(len(words)), words, rotation=60)
ax.set_yticks(range(len(words)), words)
ax.set_title("五词窗口内的共现次数")
fig.colorbar(im, ax=ax, shrink=0.8)
fig.tight_layout()
plt.show()
"""
        ),
        md(
            """
## Keywords of every article

TF-IDF over the page's articles and TextRank (as `jieba.analyse`) side by side.
"""
        ),
        code(
            """
kw = cipin.keywords(articles, segmenter=seg, k=5)
kw.group_by("article", "method", maintain_order=True).agg(pl.col("keyword").str.join("、"))
"""
        ),
        md(
            """
## Slogans and numbered expressions (提法)

Party and government texts signal priorities through fixed formulations
(提法): slogans set off in quotation marks (“千万工程”, “小橘灯”) and numbered
expressions that bundle several tasks under a number (三大差距 "the three gaps",
六大共富行动 "six common-prosperity actions", 五个“落实”). Which formulations a
page repeats, and where, is a direct measure of the agenda it transmits.

`cipin.slogans` finds both kinds in the text itself — no word list needed —
and counts them. Here it reads the page from `seeds/` through `cipin.Corpus`,
as the command line does, so headlines and kickers count too. `count` is the
number of occurrences on the page, `doc_freq` the number of records (six
articles and the banner) that use the term, `example` its first occurrence in
context.
"""
        ),
        code(
            """
page = cipin.Corpus(SEEDS)
slogans = cipin.slogans(page)
print(f"{slogans.height} formulations, {slogans['count'].sum()} occurrences on the page")
slogans.select("term", "kind", "count", "doc_freq", "example").head(12)
"""
        ),
        md(
            """
### Numbered expressions and quoted slogans

`kind` says how a term was found: `quoted` only between quotation marks
(mostly local project and brand names: “小橘灯”, “左拎右送”); `numbered` as a
numeral + measure word + noun without quotes (四个总体原则, 六大共富行动);
`both` for numbered expressions the paper also puts in quotes (“三大差距”,
“六干”) — typically formulas handed down from higher levels, which are quoted
to mark them as official wording. Few formulations, used often, are of the
`both` kind; the long tail of quoted terms is local colour.
"""
        ),
        code(
            """
(slogans.group_by("kind")
 .agg(terms=pl.len(),
      occurrences=pl.col("count").sum(),
      examples=pl.col("term").head(6).str.join("、"))
 .sort("occurrences", descending=True))
"""
        ),
        md(
            """
### Their spread across the page's articles

`by="article"` counts per article. Pivoted, it gives an article × slogan
table of the formulations the page uses at least twice: a formula repeated in
one report only (小橘灯 in the community story) is a topic; one running through
several articles (六干, 七优享) is a page-wide frame. Article numbers follow
the page; the banner is the masthead strip.
"""
        ),
        code(
            """
per_article = cipin.slogans(page, by="article").with_columns(
    # a Corpus names a page's articles `file#N`: keep N
    article=pl.col("article").str.extract(r"#(\\d+)$").cast(pl.UInt32)
)
records = cipin.parse(SEEDS).select(
    "article",
    label=pl.format("{} {}", "article",
                    pl.col("headline").fill_null("（报头）").str.slice(0, 9)),
)
shown = slogans.filter(pl.col("count") >= 2)["term"].to_list()  # most frequent first
spread = (
    records.join(per_article.filter(pl.col("term").is_in(shown))
                 .pivot(on="term", index="article", values="count"),
                 on="article", how="left")
    .fill_null(0)
    .select("article", "label", *shown)
)
spread
"""
        ),
        code(
            """
import numpy as np

matrix = spread.select(shown).to_numpy()
fig, ax = plt.subplots(figsize=(10, 4.2))
im = ax.imshow(matrix, cmap="Reds", aspect="auto")
ax.set_xticks(range(len(shown)), shown, rotation=60, ha="right")
ax.set_yticks(range(spread.height), spread["label"].to_list())
for i, j in zip(*np.nonzero(matrix)):
    ax.text(j, i, int(matrix[i, j]), ha="center", va="center", fontsize=8,
            color="white" if matrix[i, j] > matrix.max() / 2 else "black")
ax.set_title("提法在各篇文章中的分布（出现次数）")
fig.colorbar(im, ax=ax, shrink=0.8)
fig.tight_layout()
plt.show()
"""
        ),
        md(
            """
The lead report (0) and the feature (4) carry 三大差距 and 千万工程, the
formulas of the provincial campaign that the district meeting implements; the
signed pieces of a bureau chief and a township party secretary (2, 3), run
under a “六干” discussion column, take up 六干, the provincial committee's
call to action that the banner repeats; the community story (1) speaks in
local brand names (小橘灯, 左拎右送); the road-works notice (5) uses none.
Summed by kind, the same table shows how much of each article's vocabulary
of formulations is official numbered wording:
"""
        ),
        code(
            """
by_kind = (
    records.join(per_article.group_by("article", "kind").agg(pl.col("count").sum())
                 .pivot(on="kind", index="article", values="count"),
                 on="article", how="left")
    .fill_null(0)
)
names = {"quoted": "仅引号", "both": "带引号的数字提法", "numbered": "不带引号的数字提法"}
colors = {"quoted": "#d9a441", "both": "#b22222", "numbered": "#1f5f8b"}
fig, ax = plt.subplots(figsize=(7, 3.8))
left = np.zeros(by_kind.height)
for kind in [k for k in names if k in by_kind.columns]:
    values = by_kind[kind].to_numpy()
    ax.barh(by_kind["label"].to_list(), values, left=left, label=names[kind], color=colors[kind])
    left += values
ax.invert_yaxis()
ax.set_xlabel("出现次数")
ax.set_title("各篇文章的提法：引号与数字")
ax.legend()
fig.tight_layout()
plt.show()
"""
        ),
        md(
            """
## New terms the dictionary does not know

Formulations without quotes or numbers — 共富 (short for 共同富裕), place
names such as 西城街道 — are invisible to `cipin.slogans`, and jieba's
dictionary cuts them into pieces (西城 / 街道, 共富 / 工坊), which splits their
counts. `cipin.discover_terms` finds such strings statistically, from the
unsegmented text: a candidate must be frequent (`count`), its characters must
stick together more than chance predicts (`pmi`, cohesion), and it must
appear in varied contexts on both sides (`left_entropy`, `right_entropy`: a
fragment such as 共同富 is always followed by 裕). `score` combines the three.
Words already in the dictionary are left out.
"""
        ),
        code(
            """
new = cipin.discover_terms(page)
new.with_columns(also_a_slogan=pl.col("term").is_in(slogans["term"].to_list()))
"""
        ),
        md(
            """
Half of the candidates are slogans found above; the others — the
abbreviation 共富, 高质量发展, 西城街道, 双桂路 — are terms only the statistics
reveal. `cipin.write_user_dict` saves them as a user dictionary (the format of
`cipin discover --user-dict-out`), which a `Segmenter` loads: the terms are
then counted whole, and words such as 共富 and 发展 no longer absorb the counts
of the longer terms that contain them (the table compares `cipin.frequency`
before and after). Review the list before using it: the
statistics propose, the researcher decides.
"""
        ),
        code(
            """
import tempfile

path = cipin.write_user_dict(new, Path(tempfile.mkdtemp()) / "new_words.txt")
learned = cipin.Segmenter(user_dict=path)
sentence = "西城街道共富工坊带动双桂路沿线共富"
print("before:", " / ".join(cipin.Segmenter().cut(sentence)))
print("after: ", " / ".join(learned.cut(sentence)))
# How the counts move: the pieces lose what the whole terms gain.
before = cipin.frequency(page).select("term", pl.col("count").alias("before"))
after = cipin.frequency(page, segmenter=learned).select("term", pl.col("count").alias("after"))
focus = ["共富", "共富工坊", "共富小屋", "发展", "高质量发展", "西城", "街道", "西城街道"]
(pl.DataFrame({"term": focus})
 .join(before, on="term", how="left")
 .join(after, on="term", how="left")
 .fill_null(0))
"""
        ),
        md(
            """
## Dictionary counts: how much of each article is about what

Content analysts count words by category (quanteda's `tokens_lookup`,
cntext's dictionaries, LIWC). `cipin.count_dictionary(data, dictionary)`
takes `{category: [words]}` — a Python dict, or a JSON, YAML, LIWC `.dic` or
text file — where an entry is a word, a glob (`*工程`, `共富*`), a regular
expression (`re:...`) or several words separated by spaces (consecutive
tokens). It returns one row per article and category, zeros included:
`count` of matching tokens, `tokens` in the article, and `share`. The
dictionary's plain words are kept whole by the segmenter.
"""
        ),
        code(
            """
themes = {
    "common_prosperity": ["共同富裕", "共富*", "三大差距", "收入"],
    "rural": ["乡村*", "农村", "农民", "千万工程", "*村"],
    "party": ["党*", "*书记", "组织部"],
    "economy": ["经济", "产业", "项目", "投资", "企业"],
}
by_theme = cipin.count_dictionary(articles, themes, by="article")
(by_theme.pivot(on="category", index="article", values="share")
 .join(articles.select("article", "headline"), on="article")
 .sort("article"))
"""
        ),
        code(
            """
# Which words made the counts (the detail behind each category), over the page.
(cipin.dictionary_matches(articles, themes)
 .group_by("category", "term").agg(pl.col("count").sum())
 .sort(["category", "count", "term"], descending=[False, True, False]))
"""
        ),
        md(
            """
## Words over time

`cipin.plot.trend` draws terms over any ordered group column: the output of
`cipin.frequency(..., by=COLUMN)` for a date, a year or a period of your
documents. The national laws of `../shared/corpora/laws_lawrefbook` carry
their date in the file name; grouped by five-year period, `value="share"`
compares periods of different sizes. (Without the corpus, the articles of
the page in page order stand in.)
"""
        ),
        code(
            r"""
LAWS = ROOT.parent / "shared" / "corpora" / "laws_lawrefbook"
if LAWS.is_dir():
    laws = pl.concat(
        [pl.read_ndjson(p) for p in sorted(LAWS.glob("national_*.jsonl"))], how="diagonal_relaxed"
    )
    year = pl.col("source_path").str.extract(r"\((\d{4})-\d{2}-\d{2}\)").cast(pl.Int32)
    laws = laws.with_columns(period=year // 5 * 5).drop_nulls("period")
    by_period = cipin.frequency(laws.select("period", "text"), by="period")
    terms, group = ["数据", "网络", "环境", "安全"], "period"
else:
    by_period = cipin.frequency(articles, by="article", segmenter=seg)
    terms, group = ["共同富裕", "乡村", "发展"], "article"
fig = cipin.plot.trend(by_period, terms, by=group, value="share")
"""
        ),
    ]


def corpus_scale():
    return [
        md(
            """
# A corpus at scale: cipin against jieba + Counter

The laws and regulations of the PRC (`../shared/corpora/laws_lawrefbook`,
JSON lines, one law per line) when they are present; the seed page repeated
otherwise. We count word frequencies the usual Python way — `jieba.lcut` and a
`collections.Counter` — and with cipin, compare speed and results, then chart
word use by category.
"""
        ),
        code(SETUP),
        code(
            """
LAWS = ROOT.parent / "shared" / "corpora" / "laws_lawrefbook"
LIMIT_MB = 6  # keep the notebook quick; raise it to use the whole corpus (~57 MB)
CATEGORY = {  # file -> the folder of the LawRefBook repository it comes from
    "national_constitution": "宪法", "national_constitution_related_laws": "宪法相关法",
    "national_civil_code": "民法典", "national_civil_commercial_laws": "民法商法",
    "national_administrative_laws": "行政法", "national_economic_laws": "经济法",
    "national_social_laws": "社会法", "national_criminal_law": "刑法",
    "national_procedural_laws": "诉讼法", "state_council_administrative_regulations": "行政法规",
}

if LAWS.is_dir():
    frames, size = [], 0
    for path in sorted(LAWS.glob("national_*.jsonl")):
        df = pl.read_ndjson(path).select("title", "text").with_columns(
            category=pl.lit(CATEGORY.get(path.stem, path.stem)))
        frames.append(df)
        size += df["text"].str.len_bytes().sum()
        if size > LIMIT_MB * 1e6:
            break
    corpus = pl.concat(frames)
    source = f"laws_lawrefbook ({len(frames)} files)"
else:
    print("note: ../shared/corpora/laws_lawrefbook not found; using the seed page, repeated")
    arts = cipin.parse(SEEDS)
    corpus = pl.concat([arts.select(pl.col("headline").fill_null("").alias("title"), "text",
                                    category=pl.lit(f"副本{i % 4}")) for i in range(100)])
    source = "seed page ×100"

mb = corpus["text"].str.len_bytes().sum() / 1e6
print(f"{source}: {corpus.height:,} documents, {mb:.1f} MB")
corpus.group_by("category", maintain_order=True).len()
"""
        ),
        md(
            """
## The jieba + Counter way
"""
        ),
        code(
            """
import collections

import jieba

jieba.setLogLevel(60)
jieba.initialize()  # load the dictionary outside the timing

t0 = time.perf_counter()
counter = collections.Counter()
for text in corpus["text"]:
    counter.update(w for w in jieba.lcut(text) if w.strip())
t_jieba = time.perf_counter() - t0
tokens = sum(counter.values())
print(f"jieba + Counter: {t_jieba:.1f} s, {mb / t_jieba:.2f} MB/s, {tokens:,} tokens")
"""
        ),
        md(
            """
## The cipin way

The same count — no normalisation, nothing filtered — is one call. cipin
segments with jieba-rs (the same dictionary and algorithm as jieba) on every
core and counts without building a Python object per token.
"""
        ),
        code(
            """
seg = cipin.Segmenter(normalize=False)
cipin.segment("预热", segmenter=seg)  # load the dictionary outside the timing

t0 = time.perf_counter()
freq = cipin.frequency(corpus, segmenter=seg, stopwords=None, drop_punct=False, progress=True)
t_cipin = time.perf_counter() - t0
print(f"cipin: {t_cipin:.2f} s, {mb / t_cipin:.1f} MB/s — {t_jieba / t_cipin:.0f}× faster")
"""
        ),
        code(
            """
# Do they agree? Compare the counts of the 1,000 most frequent words.
theirs = pl.DataFrame(counter.most_common(1000), schema=["term", "jieba"], orient="row")
both = theirs.join(freq.select("term", pl.col("count").alias("cipin")), on="term", how="left")
same = (both["jieba"] == both["cipin"]).mean()
print(f"identical counts for {same:.1%} of jieba's top 1,000 words")
both.head(10)
"""
        ),
        code(
            """
pl.DataFrame({"method": ["jieba + Counter", "cipin.frequency"],
              "seconds": [t_jieba, t_cipin],
              "MB/s": [mb / t_jieba, mb / t_cipin]})
"""
        ),
        md(
            """
## Frequency by group

`by=` counts per group; `share` is the share of the group's tokens, so groups
of different sizes compare. Here: how often the regulations of each category
speak of 安全, 保护, 管理, 服务 and 监督 (per 10,000 words, stopwords and
punctuation dropped).
"""
        ),
        code(
            """
by_cat = cipin.frequency(corpus, by="category")
if LAWS.is_dir():
    terms = ["安全", "保护", "管理", "服务", "监督"]
else:
    terms = cipin.frequency(corpus, top=5)["term"].to_list()
table = (by_cat.filter(pl.col("term").is_in(terms))
         .with_columns(per_10k=pl.col("share") * 10_000)
         .pivot(on="term", index="category", values="per_10k"))
table = table.with_columns([pl.lit(0.0).alias(t) for t in terms if t not in table.columns])
table = table.fill_null(0).select("category", *terms)
table
"""
        ),
        code(
            """
import numpy as np

cats = table["category"].to_list()
x = np.arange(len(cats))
width = 0.8 / len(terms)
fig, ax = plt.subplots(figsize=(9, 4.5))
for i, term in enumerate(terms):
    ax.bar(x + i * width, table[term].to_list(), width, label=term)
ax.set_xticks(x + width * (len(terms) - 1) / 2, cats)
ax.set_ylabel("每万词出现次数")
ax.set_title("法律部门的用词差异")
ax.set_ylim(0, table.select(terms).max_horizontal().max() * 1.25)
ax.legend(ncol=len(terms), loc="upper center")
fig.tight_layout()
plt.show()
"""
        ),
        md(
            """
## Bigger than memory

For corpora of many files, `cipin.Corpus` reads them in batches while
counting (`.txt` pages, `.jsonl`, `.csv`, `.parquet`), exactly as the `cipin`
command line does.
"""
        ),
        code(
            """
if LAWS.is_dir():
    files = cipin.Corpus(sorted(LAWS.glob("national_*.jsonl"))[:3])
    top3 = cipin.frequency(files, by="file", top=3)
    print(top3.with_columns(pl.col("file").str.split("/").list.last()))
"""
        ),
    ]


def cluster():
    return [
        md(
            """
# Counting on a cluster: Dask, and SLURM job arrays

Frequencies, n-grams, tf-idf, keyness, collocations, co-occurrence and
document-term matrices are sums over documents: each worker counts its share
of the corpus into a *partial table*, and `cipin.merge` adds the partial
tables up and computes the table from the sums (shares, ranks, idf, G², `top`,
`min_count`… only then). The result is the table the one-machine call gives,
row for row.

Here the workers are two processes of a `distributed.LocalCluster` on this
machine; on a cluster they would be SLURM jobs (below).
"""
        ),
        code(SETUP),
        code(
            """
import dask.bag as db
import dask.dataframe as dd
from distributed import Client, LocalCluster

import cipin.dask

cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
client = Client(cluster)
print(len(client.scheduler_info()["workers"]), "workers")
"""
        ),
        code(
            """
LAWS = ROOT.parent / "shared" / "corpora" / "laws_lawrefbook"
if LAWS.is_dir():
    path = sorted(LAWS.glob("national_*.jsonl"))[0]
    laws = pl.read_ndjson(path).select("title", "text").head(400)
    source = f"{path.name} (first {laws.height} laws)"
else:
    laws = cipin.parse(SEEDS).select(title="headline", text="body")
    source = "the seed page"
print(source, laws.height, "documents,", laws["text"].str.len_chars().sum(), "characters")
"""
        ),
        md(
            """
A Dask DataFrame of texts, in 4 partitions: each worker counts the partitions
it is given (with a pickled `Segmenter`, the same on every worker), and the
merge is the reduction.
"""
        ),
        code(
            """
ddf = dd.from_pandas(laws.to_pandas(), npartitions=4)
t = time.perf_counter()
on_cluster = cipin.dask.frequency(ddf, top=15)
print(f"dask: {time.perf_counter() - t:.2f} s")
t = time.perf_counter()
here = cipin.frequency(laws, top=15)
print(f"one process: {time.perf_counter() - t:.2f} s")
assert on_cluster.equals(here)
on_cluster
"""
        ),
        code(
            """
# tf-idf per law and its top terms, and a Bag of plain texts.
tf = cipin.dask.tfidf(ddf, id="title", top=3)
assert tf.equals(cipin.tfidf(laws, id="title", top=3))
bag = db.from_sequence(laws["text"].to_list(), npartitions=4)
grams = cipin.dask.ngrams(bag, n=3, top=10)
assert grams.equals(cipin.ngrams(laws["text"].to_list(), n=3, top=10))
tf.head(6)
"""
        ),
        md(
            """
## On a SLURM cluster

With [dask-jobqueue](https://jobqueue.dask.org), the cluster is SLURM jobs
instead of local processes; only the lines that make the cluster change
(queue, account, cores and memory per job are yours to fill in):

```python
from dask_jobqueue import SLURMCluster
from distributed import Client

cluster = SLURMCluster(
    queue="standard",          # your partition
    account="my-project",      # your allocation
    cores=8, processes=1,      # one worker per job, using 8 cores
    memory="16GB",
    walltime="01:00:00",
)
cluster.scale(jobs=4)          # four SLURM jobs
client = Client(cluster)

counts = cipin.dask.frequency(ddf, by="year")   # as above
```

Without Dask, a SLURM **job array** does the same with the command line:
each task counts one shard and writes a partial table, and `cipin merge`
puts them together (see the README):

```bash
#SBATCH --array=0-3
cipin freq corpus/ --shard $SLURM_ARRAY_TASK_ID/4 -o part-$SLURM_ARRAY_TASK_ID.parquet
# then, once all four have finished:
cipin merge part-*.parquet -o freq.csv
```

In Python the parts merge the same way: `cipin.merge(["part-0.parquet", ...])`,
or `cipin.frequency(data, shard=(i, 4))` for each shard then `cipin.merge(parts)`.
"""
        ),
        code(
            """
parts = [cipin.frequency(laws, top=15, shard=(i, 4)) for i in range(4)]
print(parts)
assert cipin.merge(parts).equals(here)
client.close()
cluster.close()
"""
        ),
    ]


def write(name: str, cells) -> Path:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    path = OUT / name
    nbformat.write(nb, path)
    return path


def main() -> int:
    OUT.mkdir(exist_ok=True)
    notebooks = {
        "01_quickstart.ipynb": quickstart,
        "02_policy_language.ipynb": policy_language,
        "03_corpus_scale.ipynb": corpus_scale,
        "04_cluster.ipynb": cluster,
    }
    # Names given: write only those (python make_notebooks.py 01_quickstart.ipynb).
    chosen = sys.argv[1:] or list(notebooks)
    for name in chosen:
        print("wrote", write(name, notebooks[name]()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
