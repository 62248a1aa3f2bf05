//! Association tables: [`collocations`], [`cooccurrence`] and [`keyness`].

use polars::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, GroupBy};
use crate::count::{walk, Counts, Ev, Interner, Vocab};
use crate::engine::{self, Key};
use crate::error::{Error, Result, Setting};
use crate::measures::{chi2_sf_1, g2_table, g2_two_cell, log_ratio, pmi, t_score};
use crate::tables::{count_pass, Options, Output};

/// Pair counts keyed `(a << 32) | b` with their words.
#[derive(Default)]
struct PairChunk {
    vocab: Vocab,
    pairs: FxHashMap<u64, u64>,
    /// Per word: documents containing it (document co-occurrence).
    df: Vec<u64>,
    docs: u64,
    window: std::collections::VecDeque<u32>,
    seen: Vec<u32>,
}

#[inline]
fn pair(a: u32, b: u32) -> u64 {
    (a as u64) << 32 | b as u64
}

#[inline]
fn unpair(k: u64) -> (u32, u32) {
    ((k >> 32) as u32, (k & 0xFFFF_FFFF) as u32)
}

/// Global pair counts.
#[derive(Default)]
struct Pairs {
    words: Interner,
    pairs: FxHashMap<u64, u64>,
    df: Vec<u64>,
    docs: u64,
}

impl Pairs {
    /// Merge a chunk; `unordered` pairs are stored with the smaller global id first.
    fn merge(&mut self, chunk: PairChunk, unordered: bool) {
        let mut map = vec![u32::MAX; chunk.vocab.terms.len()];
        let mut global = |id: u32, words: &mut Interner| {
            let m = &mut map[id as usize];
            if *m == u32::MAX {
                *m = words.intern(chunk.vocab.terms.str(id));
            }
            *m
        };
        for (k, n) in chunk.pairs {
            let (a, b) = unpair(k);
            let (mut a, mut b) = (global(a, &mut self.words), global(b, &mut self.words));
            if unordered && a > b {
                std::mem::swap(&mut a, &mut b);
            }
            *self.pairs.entry(pair(a, b)).or_insert(0) += n;
        }
        for (id, &d) in chunk.df.iter().enumerate() {
            if d > 0 {
                let g = global(id as u32, &mut self.words) as usize;
                if g >= self.df.len() {
                    self.df.resize(g + 1, 0);
                }
                self.df[g] += d;
            }
        }
        self.docs += chunk.docs;
    }
}

/// How [`collocations`] rows are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Count descending.
    Count,
    /// PMI descending.
    Pmi,
    /// Log-likelihood descending.
    Llr,
    /// t-score descending.
    T,
}

impl std::str::FromStr for Sort {
    type Err = Error;
    fn from_str(s: &str) -> Result<Sort> {
        match s {
            "count" => Ok(Sort::Count),
            "pmi" => Ok(Sort::Pmi),
            "llr" | "g2" => Ok(Sort::Llr),
            "t" => Ok(Sort::T),
            other => Err(Error::invalid(format!(
                "unknown sort `{other}` (expected count, pmi, llr or t)"
            ))),
        }
    }
}

impl std::fmt::Display for Sort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Sort::Count => "count",
            Sort::Pmi => "pmi",
            Sort::Llr => "llr",
            Sort::T => "t",
        })
    }
}

/// The parameters of [`collocations`], with the defaults of every surface
/// (the library, `cipin collocations`, `cipin.collocations`).
///
/// The defaults are what a corpus linguist expects of a collocation list:
/// pairs ranked by an association measure, Dunning's log-likelihood, not by
/// raw count (which only repeats the frequency list), and pairs seen fewer
/// than 3 times left out (a pair seen once has the highest PMI there is, and
/// no evidence behind it).
///
/// ```
/// use cipin_tables::assoc::{CollocationsConfig, Sort};
///
/// let c = CollocationsConfig::default();
/// assert_eq!((c.sort, c.min_count), (Sort::Llr, 3));
/// let by_count = CollocationsConfig { sort: Sort::Count, min_count: 1 };
/// assert_eq!(serde_json::to_string(&by_count).unwrap(), r#"{"sort":"count","min_count":1}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CollocationsConfig {
    /// The measure rows are sorted by, descending.
    pub sort: Sort,
    /// Pairs seen fewer times are left out. This, not the filter's
    /// `min_count`, is the threshold of collocations: its default differs
    /// from the other tables'.
    pub min_count: u64,
}

impl Default for CollocationsConfig {
    fn default() -> Self {
        CollocationsConfig {
            sort: Sort::Llr,
            min_count: 3,
        }
    }
}

/// Sort rows of `(w1, w2, count, score)` by score (or count) descending,
/// then count descending, then `w1`, `w2` ascending.
fn sort_pairs(rows: &mut [(u32, u32, u64, f64)], words: &Interner) {
    rows.sort_unstable_by(|a, b| {
        b.3.total_cmp(&a.3)
            .then(b.2.cmp(&a.2))
            .then_with(|| words.str(a.0).cmp(words.str(b.0)))
            .then_with(|| words.str(a.1).cmp(words.str(b.1)))
    });
}

/// Collocations: pairs of adjacent tokens `w1 w2` (in that order, within
/// a sentence, with no dropped token between them), with
///
/// * `count` = O₁₁, the times `w1` is followed by `w2`;
/// * `pmi = log2(O₁₁·N / (R₁·C₁))`, `R₁` the bigrams starting with `w1`,
///   `C₁` those ending with `w2`, `N` all bigrams (as NLTK's
///   `BigramAssocMeasures`);
/// * `llr`: Dunning's G² on the 2×2 table `[[O₁₁, R₁−O₁₁], [C₁−O₁₁, N−R₁−C₁+O₁₁]]`;
/// * `t = (O₁₁ − R₁·C₁/N) / √O₁₁`.
///
/// Columns `w1, w2, count, pmi, llr, t`; rows with `count <
/// cfg.min_count` are left out (the filter's `min_count` is not used);
/// sorted by `cfg.sort` descending, then count, then `w1`, `w2`.
pub fn collocations(corpus: &Corpus, opts: &Options, cfg: &CollocationsConfig) -> Result<Output> {
    let (pairs, summary) = collocation_pairs(corpus, opts)?;
    let frame = collocations_finish(&pairs, opts, cfg)?;
    Ok(Output { frame, summary })
}

/// What separates the two words of a pair in a partial table's key.
const PAIR_SEP: char = '\u{1f}';

/// The sums of [`collocations`] as a partial table's counts
/// ([`crate::merge`]): one group, each pair a key `w1 U+001F w2`.
pub(crate) fn collocations_counts(
    corpus: &Corpus,
    opts: &Options,
) -> Result<(Counts, crate::corpus::Summary)> {
    let (pairs, summary) = collocation_pairs(corpus, opts)?;
    let mut counts = Counts::default();
    let g = counts.add_group("", summary.documents, 0, 0);
    let mut key = String::new();
    for (&k, &c) in &pairs.pairs {
        let (a, b) = unpair(k);
        let (a, b) = (pairs.words.str(a), pairs.words.str(b));
        if a.contains(PAIR_SEP) || b.contains(PAIR_SEP) {
            return Err(Error::invalid(format!(
                "the token {:?} holds U+001F, which a partial collocation table cannot hold",
                if a.contains(PAIR_SEP) { a } else { b }
            )));
        }
        key.clear();
        key.push_str(a);
        key.push(PAIR_SEP);
        key.push_str(b);
        counts.add_cell(g, &key, c, 0);
    }
    Ok((counts, summary))
}

/// [`collocations`]' table from a partial table's (merged) counts.
pub(crate) fn collocations_from_counts(
    counts: &Counts,
    opts: &Options,
    cfg: &CollocationsConfig,
) -> Result<DataFrame> {
    let mut pairs = Pairs::default();
    for (_, k, c) in counts.table.cells() {
        let (a, b) = counts.keys.str(k).split_once(PAIR_SEP).ok_or_else(|| {
            Error::invalid("a partial collocation table holds a key that is not a pair")
        })?;
        let (a, b) = (pairs.words.intern(a), pairs.words.intern(b));
        *pairs.pairs.entry(pair(a, b)).or_insert(0) += c.count;
    }
    collocations_finish(&pairs, opts, cfg)
}

/// The adjacent pairs of the corpus, counted.
fn collocation_pairs(corpus: &Corpus, opts: &Options) -> Result<(Pairs, crate::corpus::Summary)> {
    let (seg, filter) = (&opts.segmenter, &opts.filter);
    filter.check(seg)?;
    let mut pairs = Pairs::default();
    let summary = engine::run(
        corpus,
        true,
        |_| Key::Group(""),
        PairChunk::default,
        |st, stats, it| {
            let PairChunk { vocab, pairs, .. } = st;
            let mut prev: Option<u32> = None;
            walk(seg, filter, vocab, it.text, true, stats, |ev, _| match ev {
                Ev::Term(id) => {
                    if let Some(p) = prev {
                        *pairs.entry(pair(p, id)).or_insert(0) += 1;
                    }
                    prev = Some(id);
                }
                Ev::Drop | Ev::Boundary => prev = None,
            });
        },
        |st| {
            pairs.merge(st, false);
            Ok(())
        },
    )?;
    Ok((pairs, summary))
}

/// [`collocations`]' table from the pair counts: the measures from the
/// sums, then `min_count`, the sort and `top`.
fn collocations_finish(
    pairs: &Pairs,
    opts: &Options,
    cfg: &CollocationsConfig,
) -> Result<DataFrame> {
    let CollocationsConfig { sort, min_count } = *cfg;
    let n_words = pairs.words.len();
    let (mut first, mut second) = (vec![0u64; n_words], vec![0u64; n_words]);
    let mut n = 0u64;
    for (&k, &c) in &pairs.pairs {
        let (a, b) = unpair(k);
        first[a as usize] += c;
        second[b as usize] += c;
        n += c;
    }
    let mut rows: Vec<(u32, u32, u64, f64)> = pairs
        .pairs
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, &c)| {
            let (a, b) = unpair(k);
            let (r, col) = (first[a as usize], second[b as usize]);
            let score = match sort {
                Sort::Count => c as f64,
                Sort::Pmi => pmi(c, r, col, n),
                Sort::Llr => g2_table(c, r - c, col - c, n + c - r - col),
                Sort::T => t_score(c, r, col, n),
            };
            (a, b, c, score)
        })
        .collect();
    sort_pairs(&mut rows, &pairs.words);
    if let Some(t) = opts.top {
        rows.truncate(t);
    }
    let measures = |&(a, b, c, _): &(u32, u32, u64, f64)| {
        let (r, col) = (first[a as usize], second[b as usize]);
        (
            pmi(c, r, col, n),
            g2_table(c, r - c, col - c, n + c - r - col),
            t_score(c, r, col, n),
        )
    };
    let m: Vec<(f64, f64, f64)> = rows.iter().map(measures).collect();
    let frame = DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                "w1".into(),
                rows.iter()
                    .map(|r| pairs.words.str(r.0))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "w2".into(),
                rows.iter()
                    .map(|r| pairs.words.str(r.1))
                    .collect::<Vec<_>>(),
            ),
            Column::new("count".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            Column::new("pmi".into(), m.iter().map(|x| x.0).collect::<Vec<_>>()),
            Column::new("llr".into(), m.iter().map(|x| x.1).collect::<Vec<_>>()),
            Column::new("t".into(), m.iter().map(|x| x.2).collect::<Vec<_>>()),
        ],
    )?;
    Ok(frame)
}

/// The context of [`cooccurrence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Two kept tokens at most this many kept tokens apart, in one document
    /// (dropped tokens take no place; sentences do not stop the window).
    Window(usize),
    /// Two words in one document.
    Document,
}

/// The parameters of [`cooccurrence`]: pairs at most `window` tokens
/// apart (5 by default), or in one document (`window: None`).
///
/// ```
/// use cipin_tables::assoc::{Context, CooccurrenceConfig};
///
/// assert_eq!(CooccurrenceConfig::default().context(), Context::Window(5));
/// assert_eq!(CooccurrenceConfig { window: None }.context(), Context::Document);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CooccurrenceConfig {
    /// The window in tokens, or `None` for whole documents.
    pub window: Option<usize>,
}

impl Default for CooccurrenceConfig {
    fn default() -> Self {
        CooccurrenceConfig { window: Some(5) }
    }
}

impl CooccurrenceConfig {
    /// The context this window means.
    pub fn context(&self) -> Context {
        match self.window {
            Some(k) => Context::Window(k),
            None => Context::Document,
        }
    }
}

/// Word co-occurrence, sparse: unordered pairs of distinct words, `w1 < w2`
/// (code point order), with
///
/// * `Context::Window(k)`: `count` the pairs of tokens at most `k` apart;
///   `pmi = log2(2·D·count / (m₁·m₂))`, `D` all pairs, `mᵢ` the pairs
///   containing word `i` (the chance of the unordered pair under
///   independence being `2·p₁·p₂`, `pᵢ = mᵢ / 2D`);
/// * `Context::Document`: `count` the documents containing both;
///   `pmi = log2(N·count / (df₁·df₂))`, `N` the documents.
///
/// Columns `w1, w2, count, pmi`; `min_count` applies to `count`; sorted
/// by count descending, then `w1`, `w2`.
pub fn cooccurrence(corpus: &Corpus, opts: &Options, cfg: &CooccurrenceConfig) -> Result<Output> {
    let (pairs, summary) = cooccurrence_pairs(corpus, opts, cfg)?;
    let frame = cooccurrence_finish(&pairs, opts, cfg)?;
    Ok(Output { frame, summary })
}

/// The pair `a U+001F b` of a partial table's key, the words in code
/// point order (a partial's ids are its own; strings are not).
fn pair_key(key: &mut String, a: &str, b: &str) -> Result<()> {
    if a.contains(PAIR_SEP) || b.contains(PAIR_SEP) {
        return Err(Error::invalid(format!(
            "the token {:?} holds U+001F, which a partial pair table cannot hold",
            if a.contains(PAIR_SEP) { a } else { b }
        )));
    }
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    key.clear();
    key.push_str(a);
    key.push(PAIR_SEP);
    key.push_str(b);
    Ok(())
}

/// The sums of [`cooccurrence`] as a partial table's counts
/// ([`crate::merge`]): group `pairs` (its documents, each unordered pair a
/// key `w1 U+001F w2` in code point order) and group `df` (the documents
/// containing each word, with `--window doc`).
pub(crate) fn cooccurrence_counts(
    corpus: &Corpus,
    opts: &Options,
    cfg: &CooccurrenceConfig,
) -> Result<(Counts, crate::corpus::Summary)> {
    let (pairs, summary) = cooccurrence_pairs(corpus, opts, cfg)?;
    let mut counts = Counts::default();
    let g = counts.add_group("pairs", pairs.docs, 0, 0);
    let mut key = String::new();
    for (&k, &c) in &pairs.pairs {
        let (a, b) = unpair(k);
        pair_key(&mut key, pairs.words.str(a), pairs.words.str(b))?;
        counts.add_cell(g, &key, c, 0);
    }
    let g = counts.add_group("df", 0, 0, 1);
    for (w, &d) in pairs.df.iter().enumerate() {
        if d > 0 {
            counts.add_cell(g, pairs.words.str(w as u32), d, 0);
        }
    }
    Ok((counts, summary))
}

/// [`cooccurrence`]'s table from a partial table's (merged) counts.
pub(crate) fn cooccurrence_from_counts(
    counts: &Counts,
    opts: &Options,
    cfg: &CooccurrenceConfig,
) -> Result<DataFrame> {
    let mut pairs = Pairs::default();
    let (pg, dg) = (
        counts.table.groups.get("pairs"),
        counts.table.groups.get("df"),
    );
    if let Some(g) = pg {
        pairs.docs = counts.table.stats[g as usize].docs;
    }
    for (g, k, c) in counts.table.cells() {
        let key = counts.keys.str(k);
        if Some(g) == pg {
            let (a, b) = key.split_once(PAIR_SEP).ok_or_else(|| {
                Error::invalid("a partial co-occurrence table holds a key that is not a pair")
            })?;
            let (a, b) = (pairs.words.intern(a), pairs.words.intern(b));
            *pairs.pairs.entry(pair(a, b)).or_insert(0) += c.count;
        } else if Some(g) == dg {
            let w = pairs.words.intern(key) as usize;
            if w >= pairs.df.len() {
                pairs.df.resize(w + 1, 0);
            }
            pairs.df[w] += c.count;
        }
    }
    cooccurrence_finish(&pairs, opts, cfg)
}

/// The pairs of the corpus, counted.
fn cooccurrence_pairs(
    corpus: &Corpus,
    opts: &Options,
    cfg: &CooccurrenceConfig,
) -> Result<(Pairs, crate::corpus::Summary)> {
    let context = cfg.context();
    let (seg, filter) = (&opts.segmenter, &opts.filter);
    filter.check(seg)?;
    if context == Context::Window(0) {
        return Err(Error::invalid(
            "a co-occurrence window must be at least 1 token",
        ));
    }
    let mut pairs = Pairs::default();
    let summary = engine::run(
        corpus,
        false,
        |_| Key::Group(""),
        PairChunk::default,
        |st, stats, it| {
            let PairChunk {
                vocab,
                pairs,
                df,
                docs,
                window,
                seen,
            } = st;
            *docs += 1;
            window.clear();
            seen.clear();
            walk(seg, filter, vocab, it.text, false, stats, |ev, _| {
                let Ev::Term(id) = ev else { return };
                match context {
                    Context::Window(k) => {
                        for &other in window.iter() {
                            if other != id {
                                let (a, b) = if other < id { (other, id) } else { (id, other) };
                                *pairs.entry(pair(a, b)).or_insert(0) += 1;
                            }
                        }
                        if window.len() == k {
                            window.pop_front();
                        }
                        window.push_back(id);
                    }
                    Context::Document => seen.push(id),
                }
            });
            if context == Context::Document {
                seen.sort_unstable();
                seen.dedup();
                for (i, &a) in seen.iter().enumerate() {
                    if a as usize >= df.len() {
                        df.resize(a as usize + 1, 0);
                    }
                    df[a as usize] += 1;
                    for &b in &seen[i + 1..] {
                        *pairs.entry(pair(a, b)).or_insert(0) += 1;
                    }
                }
            }
        },
        |st| {
            pairs.merge(st, true);
            Ok(())
        },
    )?;
    Ok((pairs, summary))
}

/// [`cooccurrence`]'s table from the pair counts: the margins and PMI from
/// the sums, then `min_count`, the sort and `top`.
fn cooccurrence_finish(
    pairs: &Pairs,
    opts: &Options,
    cfg: &CooccurrenceConfig,
) -> Result<DataFrame> {
    let context = cfg.context();
    let marg: Vec<u64> = match context {
        Context::Document => {
            let mut m = pairs.df.clone();
            m.resize(pairs.words.len(), 0);
            m
        }
        Context::Window(_) => {
            let mut m = vec![0u64; pairs.words.len()];
            for (&k, &c) in &pairs.pairs {
                let (a, b) = unpair(k);
                m[a as usize] += c;
                m[b as usize] += c;
            }
            m
        }
    };
    let total: u64 = match context {
        Context::Document => pairs.docs,
        Context::Window(_) => pairs.pairs.values().sum(),
    };
    let score = |a: u32, b: u32, c: u64| match context {
        Context::Document => pmi(c, marg[a as usize], marg[b as usize], total),
        Context::Window(_) => pmi(2 * c, marg[a as usize], marg[b as usize], total),
    };
    let mut rows: Vec<(u32, u32, u64, f64)> = pairs
        .pairs
        .iter()
        .filter(|(_, &c)| c >= opts.filter.min_count)
        .map(|(&k, &c)| {
            let (a, b) = unpair(k);
            // Put the pair in code point order.
            let (a, b) = if pairs.words.str(a) <= pairs.words.str(b) {
                (a, b)
            } else {
                (b, a)
            };
            (a, b, c, c as f64)
        })
        .collect();
    sort_pairs(&mut rows, &pairs.words);
    if let Some(t) = opts.top {
        rows.truncate(t);
    }
    let height = rows.len();
    let frame = DataFrame::new(
        height,
        vec![
            Column::new(
                "w1".into(),
                rows.iter()
                    .map(|r| pairs.words.str(r.0))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "w2".into(),
                rows.iter()
                    .map(|r| pairs.words.str(r.1))
                    .collect::<Vec<_>>(),
            ),
            Column::new("count".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            Column::new(
                "pmi".into(),
                rows.iter()
                    .map(|r| score(r.0, r.1, r.2))
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    Ok(frame)
}

/// Whether a document's group value `v` is the `want` of `--target` or
/// `--reference`: the value itself or, for a document or article id, its
/// number alone (`3` for `file#3`, an article of a page, or `file:3`, a
/// line of a plain-text file), so users need not spell out the path.
fn group_matches(by: &GroupBy, v: &str, want: &str) -> bool {
    v == want
        || v.rsplit_once('#').is_some_and(|(_, n)| n == want)
        || (matches!(by, GroupBy::Doc | GroupBy::Article)
            && v.rsplit_once(':').is_some_and(|(_, n)| n == want))
}

/// The error for a `--target`/`--reference` value no document has, with a
/// few of the values the corpus does have (read again, without segmenting).
fn no_group_value(corpus: &Corpus, by: &GroupBy, want: &str) -> String {
    let name = by.column_name().unwrap_or_default();
    let mut seen: Vec<String> = Vec::new();
    let mut more = false;
    'read: for batch in corpus.batches() {
        let Ok(batch) = batch else { break };
        for d in batch.docs.iter() {
            if let Some(v) = by.key(d) {
                if !seen.iter().any(|s| s == v) {
                    if seen.len() == 3 {
                        more = true;
                        break 'read;
                    }
                    seen.push(v.to_string());
                }
            }
        }
    }
    if seen.is_empty() {
        return format!("no document has {name} = `{want}` (no document has a {name} at all)");
    }
    let list = seen
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "no document has {name} = `{want}`; its values are like {list}{}",
        if more { ", …" } else { "" }
    )
}

/// The parameters of [`keyness`]: the target group (no default), the
/// reference (every other document by default), and whether terms the
/// target underuses are listed too (no, by default).
///
/// ```
/// use cipin_tables::assoc::KeynessConfig;
///
/// let k = KeynessConfig { target: "2021".into(), ..KeynessConfig::default() };
/// assert_eq!((k.reference, k.negative), (None, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeynessConfig {
    /// The group value of the target documents.
    pub target: String,
    /// The group value of the reference documents (`None`: every other document).
    pub reference: Option<String>,
    /// Also list the terms the target uses less than the reference.
    pub negative: bool,
}

/// Keyness of a target group against the rest of the corpus, or against a
/// named reference group: which terms the target uses more (or less) than
/// the reference.
///
/// `opts.by` says which documents are the target: those whose group value
/// is `target`. The reference is every other document (those lacking the
/// column included), or only those whose value is `reference`.
///
/// Columns: `term, count_target, count_reference, g2, log_ratio, p_value`:
///
/// * `g2`: log-likelihood with Rayson's two-cell formula
///   ([`crate::measures::g2_two_cell`]) on the term's counts and the two
///   corpora's kept-token totals;
/// * `log_ratio`: Hardie's `log2((a/c)/(b/d))`, a zero count as 0.5
///   (positive: more frequent in the target);
/// * `p_value`: the χ²(1) survival of `g2`.
///
/// Terms the target underuses (`log_ratio < 0`) are left out unless
/// `negative`; `min_count` applies to `count_target + count_reference`.
/// Sorted by `g2` descending, then term.
pub fn keyness(corpus: &Corpus, opts: &Options, cfg: &KeynessConfig) -> Result<Output> {
    let (counts, summary) = keyness_counts(corpus, opts, cfg)?;
    let frame = keyness_finish(&counts, opts, cfg, Some(corpus))?;
    Ok(Output { frame, summary })
}

/// The sums of [`keyness`] (a partial table, [`crate::merge`]): counts of
/// the groups `target` and `reference`.
pub(crate) fn keyness_counts(
    corpus: &Corpus,
    opts: &Options,
    cfg: &KeynessConfig,
) -> Result<(Counts, crate::corpus::Summary)> {
    let (target, reference) = (cfg.target.as_str(), cfg.reference.as_deref());
    if opts.by.column_name().is_none() {
        return Err(Error::setting(
            Setting::GroupBy,
            "keyness needs documents grouped by a column to find the target in",
        ));
    }
    let by = &opts.by;
    let matches = |v: &str, want: &str| group_matches(by, v, want);
    let group_of = engine::key_fn(|d| match (by.key(d), reference) {
        (Some(v), _) if matches(v, target) => Key::Group("target"),
        (Some(v), Some(r)) if matches(v, r) => Key::Group("reference"),
        (_, Some(_)) => Key::Skip,
        (_, None) => Key::Group("reference"),
    });
    count_pass(corpus, &opts.segmenter, &opts.filter, None, group_of)
}

/// [`keyness`]'s table from its sums. An absent target or reference is an
/// error listing some of the values `corpus` has, when there is one (not
/// after a merge).
pub(crate) fn keyness_finish(
    counts: &Counts,
    opts: &Options,
    cfg: &KeynessConfig,
    corpus: Option<&Corpus>,
) -> Result<DataFrame> {
    let (target, reference, negative) =
        (cfg.target.as_str(), cfg.reference.as_deref(), cfg.negative);
    let by = &opts.by;
    let absent = |want: &str| match corpus {
        Some(c) => no_group_value(c, by, want),
        None => format!(
            "no document has {} = `{want}`",
            by.column_name().unwrap_or("the group")
        ),
    };
    let gid = |name: &str| counts.table.groups.get(name);
    let Some(t) = gid("target") else {
        return Err(Error::invalid(absent(target)));
    };
    let r = gid("reference");
    if r.is_none() {
        return Err(Error::invalid(match reference {
            Some(rv) => absent(rv),
            None => {
                "every document is in the target: there is no reference to compare it with".into()
            }
        }));
    }
    let c = counts.table.stats[t as usize].tokens;
    let d = r.map_or(0, |r| counts.table.stats[r as usize].tokens);
    let mut per_key = vec![(0u64, 0u64); counts.keys.len()];
    for (g, key, cell) in counts.table.cells() {
        let key = key as usize;
        if g == t {
            per_key[key].0 += cell.count;
        } else {
            per_key[key].1 += cell.count;
        }
    }
    let mut rows: Vec<(u32, u64, u64, f64, f64)> = per_key
        .iter()
        .enumerate()
        .filter(|(_, &(a, b))| a + b > 0 && a + b >= opts.filter.min_count)
        .map(|(k, &(a, b))| {
            (
                k as u32,
                a,
                b,
                g2_two_cell(a, b, c, d),
                log_ratio(a, b, c, d),
            )
        })
        .filter(|row| negative || (row.1 as f64) * (d as f64) > (row.2 as f64) * (c as f64))
        .collect();
    rows.sort_unstable_by(|x, y| {
        y.3.total_cmp(&x.3)
            .then_with(|| counts.keys.str(x.0).cmp(counts.keys.str(y.0)))
    });
    if let Some(top) = opts.top {
        rows.truncate(top);
    }
    let height = rows.len();
    let frame = DataFrame::new(
        height,
        vec![
            Column::new(
                "term".into(),
                rows.iter()
                    .map(|r| counts.keys.str(r.0))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "count_target".into(),
                rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            ),
            Column::new(
                "count_reference".into(),
                rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            ),
            Column::new("g2".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
            Column::new(
                "log_ratio".into(),
                rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            ),
            Column::new(
                "p_value".into(),
                rows.iter().map(|r| chi2_sf_1(r.3)).collect::<Vec<_>>(),
            ),
        ],
    )?;
    Ok(frame)
}
