//! Frequency tables: [`frequency`], [`term_frequency`], [`tfidf`], [`dtm`]
//! and [`ngrams`].
//!
//! All of them come from one counting pass ([`crate::count`]) that
//! keeps, per group and term, the count and the number of documents
//! containing it. Rows are sorted by group, then count descending, then
//! term ascending (code point order) — except `tfidf`, sorted by tf-idf
//! descending within each group. Groups come in corpus order (documents,
//! articles, files) or sorted by value (metadata columns).

use cipin_core::segment::Segmenter;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Doc, GroupBy, Summary};
use crate::count::{walk, Bag, Counts, Ev, Interner, Table, Vocab};
use crate::engine::{self, Key};
use crate::error::{Error, Result, Setting};
use crate::filter::Filter;
use crate::measures::{idf_raw, idf_smooth};

/// What every table needs: how to segment, what to count, how to group,
/// how many rows to keep.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The segmenter (mode, HMM, POS tags, user dictionaries, normalisation).
    pub segmenter: Segmenter,
    /// Token and row filters.
    pub filter: Filter,
    /// Grouping.
    pub by: GroupBy,
    /// Keep the first `top` rows of each group (of the whole table when
    /// it has no groups).
    pub top: Option<usize>,
}

/// A table and what the pass that made it saw.
#[derive(Debug, Clone)]
pub struct Output {
    /// The table.
    pub frame: DataFrame,
    /// Files, documents, tokens, warnings.
    pub summary: Summary,
}

/// Which idf formula [`tfidf`] uses. `N` is the number of documents
/// (groups), `df` the number of them containing the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Idf {
    /// `ln((1 + N) / (1 + df)) + 1`, as scikit-learn's `smooth_idf=True`.
    #[default]
    Smooth,
    /// `ln(N / df)`.
    Raw,
}

impl std::str::FromStr for Idf {
    type Err = Error;
    fn from_str(s: &str) -> Result<Idf> {
        match s {
            "smooth" => Ok(Idf::Smooth),
            "raw" => Ok(Idf::Raw),
            other => Err(Error::invalid(format!(
                "unknown idf `{other}` (expected smooth or raw)"
            ))),
        }
    }
}

impl std::fmt::Display for Idf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Idf::Smooth => "smooth",
            Idf::Raw => "raw",
        })
    }
}

/// The parameters of [`tfidf`], with the defaults of every surface (the
/// library, `cipin tfidf`, `cipin.tfidf`).
///
/// ```
/// use cipin_tables::tables::{Idf, TfidfConfig};
///
/// assert_eq!(TfidfConfig::default().idf, Idf::Smooth);
/// let raw: TfidfConfig = serde_json::from_str(r#"{"idf": "raw"}"#).unwrap();
/// assert_eq!(raw.idf, Idf::Raw);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TfidfConfig {
    /// The idf formula (smooth, as scikit-learn's default).
    pub idf: Idf,
}

/// The parameters of [`ngrams`]: sizes `n_min..=n_max`, bigrams by
/// default, and `skip` for skip-grams (0, the default: plain n-grams).
///
/// ```
/// use cipin_tables::tables::NgramsConfig;
///
/// let c = NgramsConfig::default();
/// assert_eq!((c.n_min, c.n_max, c.skip), (2, 2, 0));
/// assert_eq!(NgramsConfig::n(3), NgramsConfig { n_min: 3, n_max: 3, skip: 0 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NgramsConfig {
    /// The smallest size (2 to 5).
    pub n_min: usize,
    /// The largest size (`n_min` to 5).
    pub n_max: usize,
    /// Skip-grams: between two consecutive members, any number of tokens
    /// from 0 to `skip` may be left out (quanteda's `skip = 0:skip`), each
    /// gap independently (0 to [`MAX_SKIP`]).
    pub skip: usize,
}

/// The largest [`NgramsConfig::skip`]: a token ends up to
/// `(skip + 1)^(n - 1)` skip-grams of size `n`, 10⁴ for 5-grams at 9.
pub const MAX_SKIP: usize = 9;

impl Default for NgramsConfig {
    fn default() -> Self {
        NgramsConfig {
            n_min: 2,
            n_max: 2,
            skip: 0,
        }
    }
}

impl NgramsConfig {
    /// N-grams of one size.
    pub fn n(n: usize) -> Self {
        NgramsConfig {
            n_min: n,
            n_max: n,
            skip: 0,
        }
    }
}

/// Call `f` with the positions of every skip-gram of `lo..=hi` members
/// whose last member is the last of `len` tokens, consecutive members at
/// most `skip` tokens apart (`skip = 0`: the n-grams ending there). The
/// positions come last first; `stack` is scratch space.
///
/// A depth-first walk: extend the chain by the token right before its first
/// member, and when it cannot grow, widen the gap before its first member,
/// or drop that member and widen the gap before the next.
fn skipgrams_ending(
    len: usize,
    (lo, hi, skip): (usize, usize, usize),
    stack: &mut Vec<usize>,
    mut f: impl FnMut(&[usize]),
) {
    stack.clear();
    if len == 0 {
        return;
    }
    stack.push(len - 1);
    loop {
        if stack.len() >= lo {
            f(stack);
        }
        let first = stack[stack.len() - 1];
        if stack.len() < hi && first >= 1 {
            stack.push(first - 1);
            continue;
        }
        // Backtrack: the first gap that can still widen.
        loop {
            if stack.len() == 1 {
                return;
            }
            let p = stack.pop().expect("not empty");
            let next = stack[stack.len() - 1];
            if p >= 1 && next - p <= skip {
                stack.push(p - 1);
                break;
            }
        }
    }
}

impl Idf {
    /// The idf of a term in `df` of `n_docs` documents.
    pub fn value(self, n_docs: u64, df: u64) -> f64 {
        match self {
            Idf::Smooth => idf_smooth(n_docs, df),
            Idf::Raw => idf_raw(n_docs, df),
        }
    }
}

/// A chunk's state in a counting pass.
#[derive(Default)]
struct CountChunk {
    vocab: Vocab,
    ngrams: Interner,
    table: Table,
    bag: Bag,
    window: Vec<u32>,
    stack: Vec<usize>,
    buf: String,
}

/// Count terms (`ngram: None`) or the n-grams (skip-grams) of `ngram` per group.
pub(crate) fn count_pass<G>(
    corpus: &Corpus,
    seg: &Segmenter,
    filter: &Filter,
    ngram: Option<NgramsConfig>,
    group_of: G,
) -> Result<(Counts, Summary)>
where
    G: for<'d> Fn(&'d Doc) -> Key<'d> + Sync,
{
    filter.check(seg)?;
    let mut counts = Counts::default();
    let summary = engine::run(
        corpus,
        true,
        group_of,
        CountChunk::default,
        |st, stats, it| {
            let CountChunk {
                vocab,
                ngrams,
                table,
                bag,
                window,
                stack,
                buf,
            } = st;
            match ngram {
                None => walk(seg, filter, vocab, it.text, false, stats, |ev, _| {
                    if let Ev::Term(id) = ev {
                        bag.add(id)
                    }
                }),
                Some(NgramsConfig { n_min, n_max, skip }) => {
                    window.clear();
                    // The tokens a skip-gram ending at the newest can reach.
                    let reach = (n_max - 1) * (skip + 1) + 1;
                    walk(
                        seg,
                        filter,
                        vocab,
                        it.text,
                        true,
                        stats,
                        |ev, vocab| match ev {
                            Ev::Term(id) => {
                                if window.len() == reach {
                                    window.remove(0);
                                }
                                window.push(id);
                                let shape = (n_min, n_max, skip);
                                skipgrams_ending(window.len(), shape, stack, |at| {
                                    buf.clear();
                                    for (j, &p) in at.iter().rev().enumerate() {
                                        if j > 0 {
                                            buf.push(' ');
                                        }
                                        buf.push_str(vocab.terms.str(window[p]));
                                    }
                                    bag.add(ngrams.intern(buf));
                                });
                            }
                            Ev::Drop | Ev::Boundary => window.clear(),
                        },
                    )
                }
            }
            table.add_doc(it.group, it.doc_idx, bag);
        },
        |st| {
            let keys = if ngram.is_some() {
                &st.ngrams
            } else {
                &st.vocab.terms
            };
            counts.merge(keys, st.table);
            Ok(())
        },
    )?;
    Ok((counts, summary))
}

/// [`count_pass`] grouped by `by`, with an error naming a column no document has.
fn count_by(
    corpus: &Corpus,
    opts: &Options,
    by: &GroupBy,
    ngram: Option<NgramsConfig>,
) -> Result<(Counts, Summary)> {
    count_pass(corpus, &opts.segmenter, &opts.filter, ngram, group_fn(by))
        .map_err(|e| name_group_column(e, by))
}

/// An engine error about the group column, made to name the column `by` asks for.
pub(crate) fn name_group_column(e: Error, by: &GroupBy) -> Error {
    match (e, by) {
        (
            Error::Core(cipin_core::Error::Setting {
                setting: Setting::GroupBy,
                ..
            }),
            GroupBy::Column(c),
        ) => Error::setting(Setting::GroupBy, format!(
            "no document has a `{c}` column or field (documents are grouped by doc, article, file, none, a JSONL field or a CSV/parquet column; page articles have kind, kicker, headline, subtitle, byline, dateline, reporters)"
        )),
        (e, _) => e,
    }
}

/// An error, before any work, when the group column would be named like
/// one of the table's own `columns` (`--by term` on a frequency table):
/// the frame could not be built, and only after the whole count.
pub(crate) fn check_group_name(by: &GroupBy, columns: &[&str]) -> Result<()> {
    match by.column_name() {
        Some(name) if columns.contains(&name) => Err(Error::invalid(format!(
            "cannot group by `{name}`: the table has its own `{name}` column (its columns: \
             {}); rename that field or column in the input",
            columns.join(", ")
        ))),
        _ => Ok(()),
    }
}

/// The group function of a [`GroupBy`].
pub(crate) fn group_fn(by: &GroupBy) -> impl for<'d> Fn(&'d Doc) -> Key<'d> + Sync + '_ {
    move |d| match by.key(d) {
        Some(g) => Key::Group(g),
        None => Key::Missing,
    }
}

/// The first `top` rows of each group, rows coming group by group.
struct TopPerGroup {
    top: Option<usize>,
    group: u32,
    seen: usize,
}

impl TopPerGroup {
    fn new(top: Option<usize>) -> Self {
        TopPerGroup {
            top,
            group: u32::MAX,
            seen: 0,
        }
    }

    /// Whether the next row, of group `g`, is among its group's first `top`.
    fn admit(&mut self, g: u32) -> bool {
        if g != self.group {
            self.group = g;
            self.seen = 0;
        }
        self.seen += 1;
        self.top.is_none_or(|t| self.seen <= t)
    }
}

/// Rows kept by the row filters and `top`, per group, in table order.
fn kept_rows(counts: &Counts, opts: &Options) -> Vec<(u32, u32, crate::count::Cell)> {
    let mut top = TopPerGroup::new(opts.top);
    // Filtered in place (`retain` visits the rows once, in order, as
    // `admit` needs): a copy of the kept rows would double the largest
    // vector of an n-gram table.
    let mut rows = counts.sorted_rows(opts.by.sorted());
    rows.retain(|&(g, _, c)| {
        let docs = counts.table.stats[g as usize].docs;
        opts.filter.keep_row(c.count, c.df, docs) && top.admit(g)
    });
    rows.shrink_to_fit();
    rows
}

/// Build a frame, putting the group column first when there is one.
pub(crate) fn frame(
    by: &GroupBy,
    groups: Option<Vec<&str>>,
    mut columns: Vec<Column>,
) -> Result<DataFrame> {
    if let (Some(name), Some(groups)) = (by.column_name(), groups) {
        columns.insert(0, Column::new(name.into(), groups));
    }
    let height = columns.first().map_or(0, |c| c.len());
    Ok(DataFrame::new(height, columns)?)
}

fn frequency_frame(
    counts: &Counts,
    opts: &Options,
    key_name: &str,
    ngram: bool,
) -> Result<DataFrame> {
    let rows = kept_rows(counts, opts);
    let n = rows.len();
    // Only the columns the table has are filled: an n-gram table can have
    // millions of rows, and a group name or a share per row is 8 to 16
    // bytes each that no column would use.
    let grouped = opts.by.column_name().is_some();
    let with = |yes: bool| if yes { n } else { 0 };
    let mut groups = Vec::with_capacity(with(grouped));
    let mut terms = Vec::with_capacity(n);
    let mut sizes = Vec::with_capacity(with(ngram));
    let mut count = Vec::with_capacity(n);
    let mut df = Vec::with_capacity(n);
    let mut share = Vec::with_capacity(with(!ngram));
    let mut rank = Vec::with_capacity(with(!ngram));
    let mut current = u32::MAX;
    let mut r = 0u32;
    for (g, k, c) in rows {
        if g != current {
            current = g;
            r = 0;
        }
        r += 1;
        let term = counts.keys.str(k);
        if grouped {
            groups.push(counts.table.groups.str(g));
        }
        terms.push(term);
        count.push(c.count);
        df.push(c.df);
        if ngram {
            sizes.push(term.split(' ').count() as u32);
        } else {
            share.push(c.count as f64 / counts.table.stats[g as usize].tokens.max(1) as f64);
            rank.push(r);
        }
    }
    let mut columns = vec![Column::new(key_name.into(), terms)];
    if ngram {
        columns.push(Column::new("n".into(), sizes));
    }
    columns.push(Column::new("count".into(), count));
    columns.push(Column::new("doc_freq".into(), df));
    if !ngram {
        columns.push(Column::new("share".into(), share));
        columns.push(Column::new("rank".into(), rank));
    }
    frame(&opts.by, Some(groups), columns)
}

/// Term frequencies over the corpus or per group.
///
/// Columns: `[<group>,] term, count, doc_freq, share, rank`:
///
/// * `count` (u64): tokens of the term;
/// * `doc_freq` (u64): documents ([`Doc`]s: articles, lines, records) of
///   the group containing it;
/// * `share` (f64): `count` / kept tokens of the group;
/// * `rank` (u32): 1-based position in the group's sorted rows (ties
///   broken by term), before `top` is applied.
///
/// Row filters apply per row: `min_count` to `count`, `min_df`/`max_df` to
/// `doc_freq` out of the group's documents.
///
/// ```
/// use cipin_tables::{corpus::Corpus, tables::{frequency, Options}};
///
/// let corpus = Corpus::from_texts(["推进共同富裕，推进改革。", "共同富裕示范区"]);
/// let out = frequency(&corpus, &Options::default()).unwrap();
/// let df = out.frame;
/// assert_eq!(df.get_column_names(), ["term", "count", "doc_freq", "share", "rank"]);
/// let terms = df.column("term").unwrap().str().unwrap();
/// assert_eq!(terms.get(0), Some("共同富裕"));
/// assert_eq!(df.column("count").unwrap().u64().unwrap().get(0), Some(2));
/// assert_eq!(out.summary.documents, 2);
/// ```
pub fn frequency(corpus: &Corpus, opts: &Options) -> Result<Output> {
    let (counts, summary) = frequency_counts(corpus, opts)?;
    let frame = frequency_finish(&counts, opts)?;
    Ok(Output { frame, summary })
}

/// The sums of [`frequency`] (a partial table, [`crate::merge`]).
pub(crate) fn frequency_counts(corpus: &Corpus, opts: &Options) -> Result<(Counts, Summary)> {
    check_group_name(&opts.by, &["term", "count", "doc_freq", "share", "rank"])?;
    count_by(corpus, opts, &opts.by, None)
}

/// [`frequency`]'s table from its sums.
pub(crate) fn frequency_finish(counts: &Counts, opts: &Options) -> Result<DataFrame> {
    frequency_frame(counts, opts, "term", false)
}

/// N-grams of `n_min..=n_max` tokens (2 ≤ n ≤ 5), within sentences; with
/// `skip > 0`, skip-grams.
///
/// Columns: `[<group>,] ngram, n, count, doc_freq`, `ngram` being the
/// tokens joined by one space. An n-gram never spans a sentence end or a
/// token the filter drops (punctuation, and stopwords when a list is
/// used), so every bigram counted is a pair of tokens adjacent in the text.
///
/// **Skip-grams** (quanteda's `tokens_ngrams(x, n, skip = 0:k)`): with
/// `skip = k`, consecutive members may have any 0 to `k` kept tokens
/// between them, each gap on its own, and each choice of positions is
/// counted once. Of `A B C D` with `n = 2, skip = 1`: `A B`, `B C`, `C D`
/// (no gap) and `A C`, `B D` (one token skipped); with `n = 3, skip = 1`
/// also `A B D`, `A C D`. `skip = 0` gives the plain n-grams. The same
/// walls hold: a skip-gram never spans a sentence end or a dropped token.
///
/// ```
/// use cipin_tables::{corpus::Corpus, tables::{ngrams, NgramsConfig, Options}};
///
/// let corpus = Corpus::from_texts(["推进 共同富裕 示范区 建设"]);
/// let cfg = NgramsConfig { skip: 1, ..NgramsConfig::default() };
/// let df = ngrams(&corpus, &Options::default(), &cfg).unwrap().frame;
/// let mut grams: Vec<&str> = df.column("ngram").unwrap().str().unwrap().iter().flatten().collect();
/// grams.sort();
/// assert_eq!(grams, ["共同富裕 建设", "共同富裕 示范区", "推进 共同富裕", "推进 示范区", "示范区 建设"]);
/// ```
pub fn ngrams(corpus: &Corpus, opts: &Options, cfg: &NgramsConfig) -> Result<Output> {
    let (counts, summary) = ngrams_counts(corpus, opts, cfg)?;
    let frame = ngrams_finish(&counts, opts)?;
    Ok(Output { frame, summary })
}

/// The sums of [`ngrams`] (a partial table, [`crate::merge`]).
pub(crate) fn ngrams_counts(
    corpus: &Corpus,
    opts: &Options,
    cfg: &NgramsConfig,
) -> Result<(Counts, Summary)> {
    let NgramsConfig { n_min, n_max, skip } = *cfg;
    if !(2..=5).contains(&n_min) || !(n_min..=5).contains(&n_max) {
        return Err(Error::invalid(format!(
            "n-gram sizes {n_min}..{n_max}: expected 2 ≤ n_min ≤ n_max ≤ 5"
        )));
    }
    if skip > MAX_SKIP {
        return Err(Error::invalid(format!(
            "skip {skip}: expected 0 to {MAX_SKIP} tokens"
        )));
    }
    check_group_name(&opts.by, &["ngram", "n", "count", "doc_freq"])?;
    count_by(corpus, opts, &opts.by, Some(*cfg))
}

/// [`ngrams`]' table from its sums.
pub(crate) fn ngrams_finish(counts: &Counts, opts: &Options) -> Result<DataFrame> {
    frequency_frame(counts, opts, "ngram", true)
}

/// Term frequencies per group, as quanteda's `dfm` in long form.
///
/// Columns: `[<group>,] term, count, tf` with `tf = count / kept tokens
/// of the group`. Row filters as in [`frequency`].
pub fn term_frequency(corpus: &Corpus, opts: &Options) -> Result<Output> {
    check_group_name(&opts.by, &["term", "count", "tf"])?;
    let (counts, summary) = count_by(corpus, opts, &opts.by, None)?;
    let rows = kept_rows(&counts, opts);
    let mut groups = Vec::with_capacity(rows.len());
    let mut terms = Vec::with_capacity(rows.len());
    let mut count = Vec::with_capacity(rows.len());
    let mut tf = Vec::with_capacity(rows.len());
    for (g, k, c) in rows {
        groups.push(counts.table.groups.str(g));
        terms.push(counts.keys.str(k));
        count.push(c.count);
        tf.push(c.count as f64 / counts.table.stats[g as usize].tokens.max(1) as f64);
    }
    let frame = frame(
        &opts.by,
        Some(groups),
        vec![
            Column::new("term".into(), terms),
            Column::new("count".into(), count),
            Column::new("tf".into(), tf),
        ],
    )?;
    Ok(Output { frame, summary })
}

/// The documents of tf-idf and the dtm: the groups, each [`Doc`] when
/// there are none.
pub(crate) fn doc_groups(by: &GroupBy) -> GroupBy {
    match by {
        GroupBy::None => GroupBy::Article,
        other => other.clone(),
    }
}

/// Corpus-level totals per key: (count, number of groups containing it).
fn key_totals(counts: &Counts) -> Vec<(u64, u64)> {
    let mut totals = vec![(0u64, 0u64); counts.keys.len()];
    for (_, k, c) in counts.table.cells() {
        let t = &mut totals[k as usize];
        t.0 += c.count;
        t.1 += 1;
    }
    totals
}

/// Whether a key passes the vocabulary filters of tf-idf and the dtm:
/// `min_count` on its corpus count, `min_df`/`max_df` on the number of
/// documents (groups) containing it out of `n_docs`.
fn keep_vocab(filter: &Filter, total: (u64, u64), n_docs: u64) -> bool {
    total.1 > 0 && filter.keep_row(total.0, total.1, n_docs)
}

/// TF-IDF per document (group; each [`Doc`] when `opts.by` is `None`).
///
/// Columns: `<group>, term, count, tf, idf, tfidf` with
///
/// * `tf = count / kept tokens of the document`,
/// * `idf` by [`Idf`]: smooth `ln((1+N)/(1+df)) + 1` (default) or raw
///   `ln(N/df)`, `N` the number of documents, `df` those containing the term,
/// * `tfidf = tf · idf`.
///
/// Rows are sorted by document, then `tfidf` descending, then term. The
/// vocabulary filters apply to the corpus: `min_count` to the term's total
/// count, `min_df`/`max_df` to `df` out of `N`.
pub fn tfidf(corpus: &Corpus, opts: &Options, cfg: &TfidfConfig) -> Result<Output> {
    let (counts, summary) = tfidf_counts(corpus, opts)?;
    let frame = tfidf_finish(&counts, opts, cfg)?;
    Ok(Output { frame, summary })
}

/// The sums of [`tfidf`] (a partial table, [`crate::merge`]).
pub(crate) fn tfidf_counts(corpus: &Corpus, opts: &Options) -> Result<(Counts, Summary)> {
    let by = doc_groups(&opts.by);
    check_group_name(&by, &["term", "count", "tf", "idf", "tfidf"])?;
    count_by(corpus, opts, &by, None)
}

/// [`tfidf`]'s table from its sums.
pub(crate) fn tfidf_finish(
    counts: &Counts,
    opts: &Options,
    cfg: &TfidfConfig,
) -> Result<DataFrame> {
    let idf = cfg.idf;
    let by = doc_groups(&opts.by);
    let n_docs = counts.table.groups.len() as u64;
    let totals = key_totals(counts);
    let idfs: Vec<f64> = totals.iter().map(|t| idf.value(n_docs, t.1)).collect();
    let rank = counts.group_ranks(by.sorted());
    let mut rows: Vec<(u32, u32, u64, f64)> = counts
        .table
        .cells()
        .filter_map(|(g, k, c)| {
            if !keep_vocab(&opts.filter, totals[k as usize], n_docs) {
                return None;
            }
            let tf = c.count as f64 / counts.table.stats[g as usize].tokens.max(1) as f64;
            Some((g, k, c.count, tf * idfs[k as usize]))
        })
        .collect();
    rows.sort_unstable_by(|a, b| {
        rank[a.0 as usize]
            .cmp(&rank[b.0 as usize])
            .then(b.3.total_cmp(&a.3))
            .then_with(|| counts.keys.str(a.1).cmp(counts.keys.str(b.1)))
    });
    let mut groups = Vec::new();
    let mut terms = Vec::new();
    let mut count = Vec::new();
    let mut tf = Vec::new();
    let mut idf_col = Vec::new();
    let mut score = Vec::new();
    let mut top = TopPerGroup::new(opts.top);
    for (g, k, c, s) in rows {
        if !top.admit(g) {
            continue;
        }
        groups.push(counts.table.groups.str(g));
        terms.push(counts.keys.str(k));
        count.push(c);
        tf.push(c as f64 / counts.table.stats[g as usize].tokens.max(1) as f64);
        idf_col.push(idfs[k as usize]);
        score.push(s);
    }
    let frame = frame(
        &by,
        Some(groups),
        vec![
            Column::new("term".into(), terms),
            Column::new("count".into(), count),
            Column::new("tf".into(), tf),
            Column::new("idf".into(), idf_col),
            Column::new("tfidf".into(), score),
        ],
    )?;
    Ok(frame)
}

/// A sparse document-term matrix in CSR form, for scikit-learn, scipy and
/// gensim.
///
/// Row `i` (document `doc_ids[i]`) holds `data[indptr[i]..indptr[i+1]]`
/// at columns `indices[indptr[i]..indptr[i+1]]` (ascending); column `j` is
/// the term `vocabulary[j]`, the vocabulary sorted as scikit-learn's
/// `CountVectorizer` sorts it (code point order).
///
/// In Python: `scipy.sparse.csr_matrix((data, indices, indptr), shape=(len(doc_ids), len(vocabulary)))`,
/// or [`Dtm::write_dir`] and `scipy.io.mmread("dtm.mtx").tocsr()`;
/// gensim reads the same file with `gensim.corpora.MmCorpus`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dtm {
    /// Document (row) ids.
    pub doc_ids: Vec<String>,
    /// Terms (columns).
    pub vocabulary: Vec<String>,
    /// Row pointers, `doc_ids.len() + 1` of them.
    pub indptr: Vec<u64>,
    /// Column of each stored count.
    pub indices: Vec<u32>,
    /// The counts.
    pub data: Vec<u64>,
    /// What the pass saw.
    pub summary: Summary,
}

impl Dtm {
    /// Number of stored (non-zero) counts.
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// The matrix as triplets: columns `row` (u32), `col` (u32), `doc`,
    /// `term`, `count` (u64), row by row.
    pub fn triplets(&self) -> Result<DataFrame> {
        let mut rows = Vec::with_capacity(self.nnz());
        let mut docs = Vec::with_capacity(self.nnz());
        for i in 0..self.doc_ids.len() {
            for _ in self.indptr[i]..self.indptr[i + 1] {
                rows.push(i as u32);
                docs.push(self.doc_ids[i].as_str());
            }
        }
        let terms: Vec<&str> = self
            .indices
            .iter()
            .map(|&j| self.vocabulary[j as usize].as_str())
            .collect();
        let cols = vec![
            Column::new("row".into(), rows),
            Column::new("col".into(), self.indices.clone()),
            Column::new("doc".into(), docs),
            Column::new("term".into(), terms),
            Column::new("count".into(), self.data.clone()),
        ];
        Ok(DataFrame::new(self.nnz(), cols)?)
    }

    /// Write the matrix in Matrix Market coordinate format (1-based).
    pub fn write_matrix_market(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(w, "%%MatrixMarket matrix coordinate integer general")?;
        writeln!(w, "% cipin document-term matrix: rows are documents (docs.txt), columns are terms (vocabulary.txt)")?;
        writeln!(
            w,
            "{} {} {}",
            self.doc_ids.len(),
            self.vocabulary.len(),
            self.nnz()
        )?;
        for i in 0..self.doc_ids.len() {
            for p in self.indptr[i] as usize..self.indptr[i + 1] as usize {
                writeln!(w, "{} {} {}", i + 1, self.indices[p] + 1, self.data[p])?;
            }
        }
        Ok(())
    }

    /// Write `dtm.mtx`, `vocabulary.txt` and `docs.txt` (one per line) into `dir`.
    pub fn write_dir(&self, dir: &std::path::Path) -> Result<()> {
        let werr = |p: &std::path::Path| {
            let p = p.display().to_string();
            move |source| Error::Write { path: p, source }
        };
        std::fs::create_dir_all(dir).map_err(werr(dir))?;
        let p = dir.join("dtm.mtx");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).map_err(werr(&p))?);
        self.write_matrix_market(&mut f)
            .and_then(|_| std::io::Write::flush(&mut f))
            .map_err(werr(&p))?;
        for (name, lines) in [
            ("vocabulary.txt", &self.vocabulary),
            ("docs.txt", &self.doc_ids),
        ] {
            let p = dir.join(name);
            let mut text = String::new();
            for l in lines {
                text.push_str(&l.replace('\n', " "));
                text.push('\n');
            }
            std::fs::write(&p, text).map_err(werr(&p))?;
        }
        Ok(())
    }
}

/// The document-term matrix of the corpus: rows are the groups of
/// `opts.by` (each [`Doc`] when `None`), in table order; the vocabulary
/// filters are those of [`tfidf`]. `opts.top` is ignored.
pub fn dtm(corpus: &Corpus, opts: &Options) -> Result<Dtm> {
    let (counts, summary) = dtm_counts(corpus, opts)?;
    Ok(dtm_finish(&counts, opts, summary))
}

/// The sums of [`dtm`] (a partial table, [`crate::merge`]).
pub(crate) fn dtm_counts(corpus: &Corpus, opts: &Options) -> Result<(Counts, Summary)> {
    count_by(corpus, opts, &doc_groups(&opts.by), None)
}

/// [`dtm`]'s matrix from its sums.
pub(crate) fn dtm_finish(counts: &Counts, opts: &Options, summary: Summary) -> Dtm {
    let by = doc_groups(&opts.by);
    let n_docs = counts.table.groups.len() as u64;
    let totals = key_totals(counts);
    let mut vocab: Vec<u32> = (0..counts.keys.len() as u32)
        .filter(|&k| keep_vocab(&opts.filter, totals[k as usize], n_docs))
        .collect();
    vocab.sort_unstable_by(|&a, &b| counts.keys.str(a).cmp(counts.keys.str(b)));
    let mut column = vec![u32::MAX; counts.keys.len()];
    for (j, &k) in vocab.iter().enumerate() {
        column[k as usize] = j as u32;
    }
    let order = counts.groups_in_order(by.sorted());
    let mut row_of = vec![0usize; order.len()];
    for (i, &g) in order.iter().enumerate() {
        row_of[g as usize] = i;
    }
    let mut per_row: Vec<Vec<(u32, u64)>> = vec![Vec::new(); order.len()];
    for (g, k, c) in counts.table.cells() {
        let (g, k) = (g as usize, k as usize);
        if column[k] != u32::MAX {
            per_row[row_of[g]].push((column[k], c.count));
        }
    }
    let mut indptr = Vec::with_capacity(order.len() + 1);
    let mut indices = Vec::new();
    let mut data = Vec::new();
    indptr.push(0u64);
    for mut row in per_row {
        row.sort_unstable();
        for (j, c) in row {
            indices.push(j);
            data.push(c);
        }
        indptr.push(indices.len() as u64);
    }
    Dtm {
        doc_ids: order
            .iter()
            .map(|&g| counts.table.groups.str(g).to_string())
            .collect(),
        vocabulary: vocab
            .iter()
            .map(|&k| counts.keys.str(k).to_string())
            .collect(),
        indptr,
        indices,
        data,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Token;
    use cipin_core::sentences::split_sentences;

    /// The texts as documents given already segmented, cut by `seg`
    /// sentence by sentence (whitespace left out, as `cipin.segment` does).
    fn segmented(seg: &Segmenter, texts: &[&str]) -> Corpus {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut d = Doc::segmented(i.to_string());
                for s in split_sentences(text) {
                    let mut first = true;
                    seg.for_each_token(s, |t| {
                        if !t.word.trim().is_empty() {
                            d.push_token(Token {
                                sentence: std::mem::take(&mut first),
                                ..Token::new(t.word)
                            });
                        }
                    });
                }
                d
            })
            .collect();
        Corpus::from_docs(docs)
    }

    #[test]
    fn segmented_documents_count_as_their_text() {
        let texts = [
            "推进共同富裕，推进改革。缩小三大差距！共同富裕示范区建设",
            "共同富裕示范区 建设的 目标。要推进共同富裕",
        ];
        let opts = Options {
            filter: Filter::keep_all(),
            ..Options::default()
        };
        let text = Corpus::from_texts(texts);
        let tokens = segmented(&opts.segmenter, &texts);
        let frame = |c: &Corpus| frequency(c, &opts).unwrap().frame;
        assert!(frame(&text).equals(&frame(&tokens)));
        let grams = |c: &Corpus| {
            ngrams(
                c,
                &opts,
                &NgramsConfig {
                    n_min: 2,
                    n_max: 3,
                    skip: 1,
                },
            )
            .unwrap()
            .frame
        };
        assert!(grams(&text).equals(&grams(&tokens)));
        let by_doc = |c: &Corpus| {
            tfidf(c, &Options::default(), &TfidfConfig::default())
                .unwrap()
                .frame
        };
        assert!(by_doc(&text).equals(&by_doc(&tokens)));
    }

    /// Every skip-gram of the last token by brute force: all position sets
    /// ending at `len - 1` whose consecutive members are 1 to `skip + 1` apart.
    fn brute(len: usize, lo: usize, hi: usize, skip: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for mask in 0u32..(1 << len) {
            let at: Vec<usize> = (0..len).filter(|&i| mask & (1 << i) != 0).collect();
            if at.last() == Some(&(len - 1))
                && (lo..=hi).contains(&at.len())
                && at.windows(2).all(|w| w[1] - w[0] <= skip + 1)
            {
                out.push(at);
            }
        }
        out.sort();
        out
    }

    #[test]
    fn skipgrams_are_every_choice_of_gaps_up_to_skip() {
        let all = |len, lo, hi, skip| {
            let mut got = Vec::new();
            skipgrams_ending(len, (lo, hi, skip), &mut Vec::new(), |at| {
                got.push(at.iter().rev().copied().collect::<Vec<_>>())
            });
            got.sort();
            got
        };
        // Worked by hand: of A B C D, the trigrams with skip 1 ending at D
        // are B C D, A C D (A skipped nothing, B skipped), A B D.
        assert_eq!(
            all(4, 3, 3, 1),
            [vec![0, 1, 3], vec![0, 2, 3], vec![1, 2, 3]]
        );
        // skip 0: the n-grams, one per size.
        assert_eq!(
            all(5, 2, 4, 0),
            [vec![1, 2, 3, 4], vec![2, 3, 4], vec![3, 4]]
        );
        for len in 1..=9 {
            for lo in 2..=5 {
                for hi in lo..=5 {
                    for skip in 0..=3 {
                        assert_eq!(all(len, lo, hi, skip), brute(len, lo, hi, skip));
                    }
                }
            }
        }
    }

    #[test]
    fn skipgrams_count_as_quanteda_and_stop_at_sentences() {
        // quanteda: tokens_ngrams(tokens("a b c d"), n = 2, skip = 0:1)
        // gives a_b, b_c, c_d, a_c, b_d; the sentence end after 示范区 is a wall.
        let corpus = Corpus::from_texts(["推进 共同富裕 示范区。建设 改革"]);
        let cfg = NgramsConfig {
            skip: 1,
            ..NgramsConfig::default()
        };
        let df = ngrams(&corpus, &Options::default(), &cfg).unwrap().frame;
        let mut grams: Vec<&str> = df
            .column("ngram")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        grams.sort();
        assert_eq!(
            grams,
            [
                "共同富裕 示范区",
                "建设 改革",
                "推进 共同富裕",
                "推进 示范区"
            ]
        );
        let err = ngrams(
            &corpus,
            &Options::default(),
            &NgramsConfig {
                skip: MAX_SKIP + 1,
                ..cfg
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("skip 10"), "{err}");
    }

    #[test]
    fn gaps_break_ngrams_but_not_counts() {
        let mut d = Doc::segmented("a");
        d.push_token(Token::new("推进"));
        d.push_token(Token {
            gap: true,
            ..Token::new("共同富裕")
        });
        d.push_token(Token::new("示范区"));
        let corpus = Corpus::from_docs(vec![d]);
        let opts = Options::default();
        let g = ngrams(&corpus, &opts, &NgramsConfig::default())
            .unwrap()
            .frame;
        let grams = g.column("ngram").unwrap().str().unwrap();
        assert_eq!((g.height(), grams.get(0)), (1, Some("共同富裕 示范区")));
        assert_eq!(frequency(&corpus, &opts).unwrap().frame.height(), 3);
    }

    #[test]
    fn a_group_named_like_an_output_column_fails_before_counting() {
        let corpus = Corpus::from_docs(vec![Doc::new("a", "共同富裕").with_meta("term", "x")]);
        let opts = Options {
            by: GroupBy::Column("term".into()),
            ..Options::default()
        };
        let err = frequency(&corpus, &opts).unwrap_err().to_string();
        assert!(
            err.starts_with("cannot group by `term`: the table has its own `term` column"),
            "{err}"
        );
        assert!(check_group_name(&GroupBy::Column("year".into()), &["term"]).is_ok());
        assert!(check_group_name(&GroupBy::None, &["term"]).is_ok());
    }
}
