//! Partial tables that merge: count a corpus in parts (shards of a SLURM
//! job array, partitions of a Dask collection), then put the parts together.
//!
//! Every mergeable table ([`Mergeable`]: frequency, n-grams, tf-idf, the
//! document-term matrix, keyness, collocations, co-occurrence) is a function of sums over
//! documents: per group and key, the count and the number of documents
//! containing it; per group, the documents, the kept tokens and the first
//! document's index (collocations, co-occurrence: per pair of words, the
//! count; per word, the documents containing it).
//! A [`Partial`] holds those sums for the documents of one part, with the
//! table's settings. [`merge`] adds the parts' sums; [`Partial::finish`]
//! computes the table from them: shares, ranks, idf, G², `top` and the
//! `min_count`/`min_df`/`max_df` filters only there, on merged counts.
//!
//! The one-machine tables are built the same way (`frequency` is
//! `finish(count(corpus))`), so `finish(merge(parts))` is the same table
//! as the one-machine run, row for row and bit for bit, whatever the
//! number of parts: groups come back in corpus order because each part
//! records the corpus index of every group's first document.
//!
//! A partial is a polars frame ([`Partial::to_frame`]), written to parquet
//! by `cipin freq --shard I/N -o part.parquet` and read back by `cipin merge`:
//!
//! | `group` | `key` | `count` | `doc_freq` | `first_doc` | row |
//! |---|---|---|---|---|---|
//! | null | settings (JSON) | 0 | 0 | 0 | the first row: table, settings, part, summary |
//! | group | null | kept tokens | documents | first document's index | one per group |
//! | group | term / n-gram | count | documents containing it | 0 | one per cell |
//!
//! ```
//! use cipin_tables::corpus::Corpus;
//! use cipin_tables::merge::{merge, partial, Final, Mergeable};
//! use cipin_tables::tables::{frequency, Options};
//!
//! let corpus = Corpus::from_texts(["推进共同富裕。", "缩小三大差距", "共同富裕示范区"]);
//! let opts = Options::default();
//! let parts = (0..2)
//!     .map(|i| {
//!         let shard = corpus.clone().shard(i, 2).unwrap();
//!         let p = partial(&shard, &opts, &Mergeable::Frequency, serde_json::Value::Null).unwrap();
//!         // Through a frame and back, as a parquet file would carry it.
//!         (format!("part-{i}"), cipin_tables::merge::Partial::from_frame(&p.to_frame().unwrap()).unwrap())
//!     })
//!     .collect();
//! let Final::Table(merged) = merge(parts).unwrap().finish().unwrap() else { unreachable!() };
//! assert!(merged.frame.equals(&frequency(&corpus, &opts).unwrap().frame));
//! assert_eq!(merged.summary.documents, 3);
//! ```

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assoc::{
    collocations_counts, collocations_from_counts, cooccurrence_counts, cooccurrence_from_counts,
    keyness_counts, keyness_finish, CollocationsConfig, CooccurrenceConfig, KeynessConfig,
};
use crate::corpus::{Corpus, GroupBy, Summary};
use crate::count::Counts;
use crate::error::{Error, Result};
use crate::filter::{DfLimit, Filter};
use crate::tables::{
    dtm_counts, dtm_finish, frequency_counts, frequency_finish, ngrams_counts, ngrams_finish,
    tfidf_counts, tfidf_finish, Dtm, NgramsConfig, Options, Output, TfidfConfig,
};

/// The version of the partial format; a part of another version is refused.
const FORMAT: u32 = 1;

/// The names of the tables that merge ([`Mergeable::name`]).
pub const MERGEABLE: [&str; 7] = [
    "frequency",
    "ngrams",
    "tfidf",
    "dtm",
    "keyness",
    "collocations",
    "cooccurrence",
];

/// The tables that merge, with their parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "table", content = "config", rename_all = "snake_case")]
pub enum Mergeable {
    /// [`crate::frequency`].
    Frequency,
    /// [`crate::ngrams`].
    Ngrams(NgramsConfig),
    /// [`crate::tfidf`].
    Tfidf(TfidfConfig),
    /// [`crate::dtm`].
    Dtm,
    /// [`crate::keyness`].
    Keyness(KeynessConfig),
    /// [`crate::collocations`].
    Collocations(CollocationsConfig),
    /// [`crate::cooccurrence`].
    Cooccurrence(CooccurrenceConfig),
}

impl Mergeable {
    /// The table's name (`frequency`, `ngrams`, ...), as in [`crate::TABLES`].
    pub fn name(&self) -> &'static str {
        match self {
            Mergeable::Frequency => "frequency",
            Mergeable::Ngrams(_) => "ngrams",
            Mergeable::Tfidf(_) => "tfidf",
            Mergeable::Dtm => "dtm",
            Mergeable::Keyness(_) => "keyness",
            Mergeable::Collocations(_) => "collocations",
            Mergeable::Cooccurrence(_) => "cooccurrence",
        }
    }

    /// The table `name` with its parameters `config` (a JSON object of the
    /// parameters struct's fields; missing ones take their defaults).
    ///
    /// ```
    /// use cipin_tables::merge::Mergeable;
    /// let m = Mergeable::from_name("ngrams", serde_json::json!({"n_max": 3})).unwrap();
    /// assert_eq!(m.name(), "ngrams");
    /// assert!(Mergeable::from_name("kwic", serde_json::json!({})).is_err());
    /// ```
    pub fn from_name(name: &str, config: serde_json::Value) -> Result<Mergeable> {
        let config = match config {
            serde_json::Value::Null => serde_json::json!({}),
            c => c,
        };
        let none = |c: &serde_json::Value| match c.as_object() {
            Some(m) if m.is_empty() => Ok(()),
            _ => Err(Error::invalid(format!(
                "{name}: takes no parameters, not {c}"
            ))),
        };
        let bad = |e: serde_json::Error| Error::invalid(format!("{name}: {e}"));
        Ok(match name {
            "frequency" => {
                none(&config)?;
                Mergeable::Frequency
            }
            "dtm" => {
                none(&config)?;
                Mergeable::Dtm
            }
            "ngrams" => Mergeable::Ngrams(serde_json::from_value(config).map_err(bad)?),
            "tfidf" => Mergeable::Tfidf(serde_json::from_value(config).map_err(bad)?),
            "keyness" => Mergeable::Keyness(serde_json::from_value(config).map_err(bad)?),
            "collocations" => {
                Mergeable::Collocations(serde_json::from_value(config).map_err(bad)?)
            }
            "cooccurrence" => {
                Mergeable::Cooccurrence(serde_json::from_value(config).map_err(bad)?)
            }
            other => {
                return Err(Error::invalid(format!(
                    "`{other}` has no partial tables (those that merge: frequency, ngrams, tfidf, dtm, keyness, collocations, cooccurrence)"
                )))
            }
        })
    }
}

/// What decides a partial's final table; equal in every part of a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The table and its parameters.
    pub table: Mergeable,
    /// The grouping (`none`, `doc`, `article`, `file` or a column).
    pub by: String,
    /// Rows kept per group.
    pub top: Option<usize>,
    /// The row filters, applied after the merge.
    pub min_count: u64,
    /// See [`Filter::min_df`].
    pub min_df: DfLimit,
    /// See [`Filter::max_df`].
    pub max_df: DfLimit,
    /// What decides the counts (segmenter, token filter, input options),
    /// as the caller describes them: compared, never interpreted.
    pub counting: serde_json::Value,
}

/// The summary of a part, as the partial carries it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct SummaryData {
    files: usize,
    documents: u64,
    tokens: u64,
    counted: u64,
    warnings: Vec<String>,
}

/// The first row's JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    cipin_partial: u32,
    settings: Settings,
    part: (u64, u64),
    summary: SummaryData,
}

/// The sums of a table over part of a corpus; see the module docs.
#[derive(Debug)]
pub struct Partial {
    /// The table and its settings.
    pub settings: Settings,
    /// Which part this is, `(index, count)`: every index of `0..count`
    /// must be merged exactly once.
    pub part: (u64, u64),
    /// What counting this part saw (merged: the sums, files the largest).
    pub summary: Summary,
    counts: Counts,
}

/// A finished table: a frame, or the document-term matrix.
#[derive(Debug)]
pub enum Final {
    /// Every table but the dtm.
    Table(Output),
    /// [`Mergeable::Dtm`].
    Dtm(Dtm),
}

/// The [`Options`] that finish a table of `settings`.
fn finish_options(settings: &Settings) -> Result<Options> {
    Ok(Options {
        by: settings.by.parse()?,
        top: settings.top,
        filter: Filter {
            min_count: settings.min_count,
            min_df: settings.min_df,
            max_df: settings.max_df,
            ..Filter::default()
        },
        ..Options::default()
    })
}

/// The settings of table `table` counted with `opts`.
pub fn settings(table: &Mergeable, opts: &Options, counting: serde_json::Value) -> Settings {
    Settings {
        table: table.clone(),
        by: by_name(&opts.by),
        top: opts.top,
        min_count: opts.filter.min_count,
        min_df: opts.filter.min_df,
        max_df: opts.filter.max_df,
        counting,
    }
}

fn by_name(by: &GroupBy) -> String {
    by.column_name().unwrap_or("none").to_string()
}

/// Count the sums of `table` over `corpus` (its shard, [`Corpus::shard`],
/// when it has one; the part is then the shard). `counting` describes
/// the segmenter, token filter and input options, for [`merge`] to check
/// that every part was counted alike.
pub fn partial(
    corpus: &Corpus,
    opts: &Options,
    table: &Mergeable,
    counting: serde_json::Value,
) -> Result<Partial> {
    let (counts, summary) = count(corpus, opts, table)?;
    Ok(Partial {
        settings: settings(table, opts, counting),
        part: corpus.shard_of().unwrap_or((0, 1)),
        summary,
        counts,
    })
}

/// The counting pass of `table`: the sums a partial holds.
fn count(corpus: &Corpus, opts: &Options, table: &Mergeable) -> Result<(Counts, Summary)> {
    match table {
        Mergeable::Frequency => frequency_counts(corpus, opts),
        Mergeable::Ngrams(cfg) => ngrams_counts(corpus, opts, cfg),
        Mergeable::Tfidf(_) => tfidf_counts(corpus, opts),
        Mergeable::Dtm => dtm_counts(corpus, opts),
        Mergeable::Keyness(cfg) => keyness_counts(corpus, opts, cfg),
        Mergeable::Collocations(_) => collocations_counts(corpus, opts),
        Mergeable::Cooccurrence(cfg) => cooccurrence_counts(corpus, opts, cfg),
    }
}

impl Partial {
    /// This partial as part `index` of `count` (a partition of a larger
    /// corpus counted with [`Corpus::with_first_index`]).
    pub fn with_part(mut self, index: u64, count: u64) -> Result<Partial> {
        if count == 0 || index >= count {
            return Err(Error::invalid(format!(
                "part {index}/{count}: expected 0 ≤ index < count"
            )));
        }
        self.part = (index, count);
        Ok(self)
    }

    /// The table from the sums.
    pub fn finish(&self) -> Result<Final> {
        let opts = finish_options(&self.settings)?;
        let summary = self.summary.clone();
        let frame = |frame| Final::Table(Output { frame, summary });
        Ok(match &self.settings.table {
            Mergeable::Frequency => frame(frequency_finish(&self.counts, &opts)?),
            Mergeable::Ngrams(_) => frame(ngrams_finish(&self.counts, &opts)?),
            Mergeable::Tfidf(cfg) => frame(tfidf_finish(&self.counts, &opts, cfg)?),
            Mergeable::Dtm => Final::Dtm(dtm_finish(&self.counts, &opts, self.summary.clone())),
            Mergeable::Keyness(cfg) => frame(keyness_finish(&self.counts, &opts, cfg, None)?),
            Mergeable::Collocations(cfg) => {
                frame(collocations_from_counts(&self.counts, &opts, cfg)?)
            }
            Mergeable::Cooccurrence(cfg) => {
                frame(cooccurrence_from_counts(&self.counts, &opts, cfg)?)
            }
        })
    }

    /// The partial as a frame (see the module docs for its rows).
    pub fn to_frame(&self) -> Result<DataFrame> {
        let s = &self.summary;
        let meta = Meta {
            cipin_partial: FORMAT,
            settings: self.settings.clone(),
            part: self.part,
            summary: SummaryData {
                files: s.files,
                documents: s.documents,
                tokens: s.tokens,
                counted: s.counted,
                warnings: s.warnings.clone(),
            },
        };
        let meta = serde_json::to_string(&meta).map_err(|e| Error::invalid(e.to_string()))?;
        let t = &self.counts.table;
        let n = 1 + t.groups.len() + t.cells().count();
        let mut group: Vec<Option<&str>> = Vec::with_capacity(n);
        let mut key: Vec<Option<&str>> = Vec::with_capacity(n);
        let mut count = Vec::with_capacity(n);
        let mut df = Vec::with_capacity(n);
        let mut first = Vec::with_capacity(n);
        group.push(None);
        key.push(Some(meta.as_str()));
        count.push(0u64);
        df.push(0u64);
        first.push(0u64);
        for (g, st) in t.stats.iter().enumerate() {
            group.push(Some(t.groups.str(g as u32)));
            key.push(None);
            count.push(st.tokens);
            df.push(st.docs);
            first.push(st.first_doc);
        }
        for (g, k, c) in t.cells() {
            group.push(Some(t.groups.str(g)));
            key.push(Some(self.counts.keys.str(k)));
            count.push(c.count);
            df.push(c.df);
            first.push(0);
        }
        Ok(DataFrame::new(
            n,
            vec![
                Column::new("group".into(), group),
                Column::new("key".into(), key),
                Column::new("count".into(), count),
                Column::new("doc_freq".into(), df),
                Column::new("first_doc".into(), first),
            ],
        )?)
    }

    /// A partial from its frame ([`Self::to_frame`]); an error saying what
    /// is wrong when the frame is not one.
    pub fn from_frame(frame: &DataFrame) -> Result<Partial> {
        let not = |why: &str| {
            Error::invalid(format!(
                "not a cipin partial table ({why}); partial tables are written by a table command with --shard I/N"
            ))
        };
        let col = |name: &str| {
            frame
                .column(name)
                .map_err(|_| not(&format!("no `{name}` column")))
        };
        let (group, key) = (col("group")?, col("key")?);
        let (group, key) = (
            group.str().map_err(|_| not("`group` is not text"))?,
            key.str().map_err(|_| not("`key` is not text"))?,
        );
        let ints = |name: &str| -> Result<Vec<u64>> {
            let c = col(name)?
                .cast(&DataType::UInt64)
                .map_err(|_| not(&format!("`{name}` is not a count")))?;
            let c = c
                .u64()
                .map_err(|_| not(&format!("`{name}` is not a count")))?;
            if c.null_count() > 0 {
                return Err(not(&format!("`{name}` has nulls")));
            }
            Ok(c.into_no_null_iter().collect())
        };
        let (count, df, first) = (ints("count")?, ints("doc_freq")?, ints("first_doc")?);
        let meta = match (group.get(0), key.get(0)) {
            (None, Some(m)) if frame.height() > 0 => m,
            _ => return Err(not("its first row is not the settings row")),
        };
        let meta: Meta =
            serde_json::from_str(meta).map_err(|e| not(&format!("settings row: {e}")))?;
        if meta.cipin_partial != FORMAT {
            return Err(Error::invalid(format!(
                "a partial table of format {} (this cipin reads format {FORMAT})",
                meta.cipin_partial
            )));
        }
        let (index, parts) = meta.part;
        if parts == 0 || index >= parts {
            return Err(not(&format!("part {index}/{parts}")));
        }
        let mut counts = Counts::default();
        // Groups first, in order of their first document: they get the ids
        // (the order) a pass over the whole corpus gives them. (The columns
        // are walked with iterators: a parquet file's columns come in many
        // chunks, where a lookup by row index searches the chunks.)
        let rows = || group.iter().zip(key.iter()).enumerate().skip(1);
        let mut groups: Vec<(u64, &str, u64, u64)> = Vec::new();
        for (i, (g, k)) in rows() {
            if k.is_none() {
                let Some(g) = g else {
                    return Err(not(&format!("row {i} has neither group nor key")));
                };
                groups.push((first[i], g, df[i], count[i]));
            }
        }
        groups.sort_by_key(|g| g.0);
        for &(f, g, docs, tokens) in &groups {
            counts.add_group(g, docs, tokens, f);
        }
        // Cells come group by group: the id of the last group is kept.
        let mut last: Option<(&str, u32)> = None;
        for (i, (g, k)) in rows() {
            if let (Some(g), Some(k)) = (g, k) {
                let gid = match last {
                    Some((name, id)) if name == g => id,
                    _ => {
                        let Some(id) = counts.table.groups.get(g) else {
                            return Err(not(&format!("row {i}: group `{g}` has no totals row")));
                        };
                        last = Some((g, id));
                        id
                    }
                };
                counts.add_cell(gid, k, count[i], df[i]);
            }
        }
        let s = meta.summary;
        Ok(Partial {
            settings: meta.settings,
            part: meta.part,
            summary: Summary {
                files: s.files,
                documents: s.documents,
                tokens: s.tokens,
                counted: s.counted,
                warnings: s.warnings,
                skipped: Vec::new(),
            },
            counts,
        })
    }
}

/// The first setting in which `a` and `b` differ, as `name: a vs b`.
fn difference(a: &Settings, b: &Settings) -> String {
    let (a, b) = (
        serde_json::to_value(a).unwrap_or_default(),
        serde_json::to_value(b).unwrap_or_default(),
    );
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        for (k, v) in a {
            let w = b.get(k).cloned().unwrap_or_default();
            if *v != w {
                return format!("{k}: {w} here, {v} there");
            }
        }
    }
    format!("{b} here, {a} there")
}

/// Merge the parts `(name, partial)` of one table into one (its sums over
/// all their documents), ready to [`Partial::finish`]. `name` (a file) is
/// what errors name. Refused: parts of different tables or settings, and
/// a set of parts that is not each of `0..N` exactly once.
pub fn merge(parts: Vec<(String, Partial)>) -> Result<Partial> {
    let Some((first_name, first)) = parts.first() else {
        return Err(Error::invalid("nothing to merge: give the partial tables"));
    };
    let n = first.part.1;
    let mut seen: Vec<Option<&str>> = vec![None; n as usize];
    for (name, p) in &parts {
        if p.settings != first.settings {
            let what = if p.settings.table.name() != first.settings.table.name() {
                format!(
                    "a partial `{}` table, {first_name} a `{}` table",
                    p.settings.table.name(),
                    first.settings.table.name()
                )
            } else {
                format!(
                    "counted with other settings than {first_name} ({})",
                    difference(&first.settings, &p.settings)
                )
            };
            return Err(Error::file(name, format!("cannot merge: {what}")));
        }
        let (i, m) = p.part;
        if m != n {
            return Err(Error::file(
                name,
                format!("cannot merge: part {i}/{m}, but {first_name} is one of {n} parts"),
            ));
        }
        if let Some(other) = seen[i as usize] {
            return Err(Error::file(
                name,
                format!("cannot merge: part {i}/{n} again (also {other})"),
            ));
        }
        seen[i as usize] = Some(name);
    }
    if let Some(i) = seen.iter().position(Option::is_none) {
        return Err(Error::invalid(format!(
            "cannot merge: part {i}/{n} is missing ({} of {n} parts given)",
            parts.len()
        )));
    }
    let mut it = parts.into_iter();
    let (_, mut out) = it.next().expect("checked above");
    let rest: Vec<Partial> = it.map(|(_, p)| p).collect();
    if rest.is_empty() {
        out.part = (0, 1);
        return Ok(out);
    }
    // Rebuilt from every part's groups in order of first document, then
    // every cell: a part's group ids are its own.
    let mut counts = Counts::default();
    let all: Vec<&Partial> = std::iter::once(&out).chain(rest.iter()).collect();
    let mut groups: Vec<(u64, &str, u64, u64)> = Vec::new();
    for p in &all {
        let t = &p.counts.table;
        for (g, st) in t.stats.iter().enumerate() {
            groups.push((st.first_doc, t.groups.str(g as u32), st.docs, st.tokens));
        }
    }
    groups.sort_by_key(|g| g.0);
    for &(f, g, docs, tokens) in &groups {
        counts.add_group(g, docs, tokens, f);
    }
    let mut summary = out.summary.clone();
    for (j, p) in all.iter().enumerate() {
        let t = &p.counts.table;
        let gid: Vec<u32> = (0..t.groups.len() as u32)
            .map(|g| {
                counts
                    .table
                    .groups
                    .get(t.groups.str(g))
                    .expect("added above")
            })
            .collect();
        for (g, k, c) in t.cells() {
            counts.add_cell(gid[g as usize], p.counts.keys.str(k), c.count, c.df);
        }
        if j > 0 {
            let s = &p.summary;
            // Every shard reads every file: the files are the same ones.
            summary.files = summary.files.max(s.files);
            summary.documents += s.documents;
            summary.tokens += s.tokens;
            summary.counted += s.counted;
            for w in &s.warnings {
                if !summary.warnings.contains(w) {
                    summary.warnings.push(w.clone());
                }
            }
        }
    }
    drop(groups);
    drop(all);
    out.counts = counts;
    out.summary = summary;
    out.part = (0, 1);
    Ok(out)
}
