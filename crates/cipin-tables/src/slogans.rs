//! The slogans table: quoted slogans and numbered policy expressions
//! (提法) found by [`cipin_core::terms`], counted over a corpus or per group.
//!
//! Columns: `[group,] term, kind, count, doc_freq, example`.
//!
//! * `term`: the expression as a term (`五个“落实”` gives `五个落实`);
//! * `kind`: `quoted`, `numbered`, or `both` (a quoted numbered form such as
//!   `“六干”`, or a term seen both ways in the group);
//! * `count`: occurrences; `doc_freq`: documents of the group holding it;
//! * `example`: the first occurrence with up to 20 characters of context on
//!   each side, from the (normalised) text, line breaks shown as spaces.
//!
//! Rows are sorted by group, then count descending, then term; `min_count`
//! of the filter and `top` apply. Text is normalised with the segmenter's
//! normaliser first (so `書記` and `书记` agree) and terms are found with its
//! dictionary (user words count).
//!
//! ```
//! use cipin_tables::corpus::Corpus;
//! use cipin_tables::slogans::slogans;
//! use cipin_tables::tables::Options;
//!
//! let corpus = Corpus::from_texts(["深化“千万工程”，缩小“三大差距”。", "缩小“三大差距”！"]);
//! let df = slogans(&corpus, &Options::default()).unwrap().frame;
//! assert_eq!(df.get_column_names(), ["term", "kind", "count", "doc_freq", "example"]);
//! let terms = df.column("term").unwrap().str().unwrap();
//! assert_eq!(terms.get(0), Some("三大差距"));
//! assert_eq!(df.column("count").unwrap().u64().unwrap().get(0), Some(2));
//! ```

use std::collections::HashMap;

use cipin_core::terms::{find_terms_with, TermKind};
use polars::prelude::*;
use rayon::prelude::*;

use crate::corpus::{Corpus, Doc};
use crate::error::{Error, Result};
use crate::tables::{Options, Output};

/// One term of one group.
#[derive(Debug, Default)]
struct Acc {
    count: u64,
    doc_freq: u64,
    quoted: bool,
    numbered: bool,
    example: String,
}

/// Terms of one document: `(term, kind, example)` per occurrence.
fn doc_terms(doc: &Doc, opts: &Options) -> Vec<(String, TermKind, String)> {
    let norm = opts.segmenter.normalizer().normalize(&doc.text);
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    find_terms_with(&norm, opts.segmenter.jieba())
        .into_iter()
        .map(|span| {
            let from = span.start_char.saturating_sub(20);
            let to = (span.end_char + 20).min(chars.len());
            let example: String = chars[from..to]
                .iter()
                .map(|&(_, c)| if c == '\n' { ' ' } else { c })
                .collect();
            (span.term, span.kind, example)
        })
        .collect()
}

/// The slogans table; see the module docs.
pub fn slogans(corpus: &Corpus, opts: &Options) -> Result<Output> {
    let mut summary = crate::corpus::Summary::default();
    let mut group_order: Vec<String> = Vec::new();
    let mut group_index: HashMap<String, usize> = HashMap::new();
    let mut table: HashMap<(usize, String), Acc> = HashMap::new();
    let mut missing = 0u64;
    for batch in corpus.batches() {
        let batch = batch?;
        summary.files += batch.files;
        summary.warnings.extend(batch.warnings);
        let found: Vec<Vec<(String, TermKind, String)>> =
            batch.docs.par_iter().map(|d| doc_terms(d, opts)).collect();
        for (doc, terms) in batch.docs.iter().zip(found) {
            let group = match opts.by.key(doc) {
                Some(g) => g,
                None => {
                    missing += 1;
                    ""
                }
            };
            summary.documents += 1;
            let gi = *group_index.entry(group.to_string()).or_insert_with(|| {
                group_order.push(group.to_string());
                group_order.len() - 1
            });
            let mut seen: Vec<&str> = Vec::new();
            for (term, kind, example) in &terms {
                summary.counted += 1;
                let acc = table.entry((gi, term.clone())).or_default();
                acc.count += 1;
                match kind {
                    TermKind::Quoted => acc.quoted = true,
                    TermKind::Numbered => acc.numbered = true,
                    TermKind::Both => {
                        acc.quoted = true;
                        acc.numbered = true;
                    }
                }
                if acc.example.is_empty() {
                    acc.example = example.clone();
                }
                if !seen.contains(&term.as_str()) {
                    seen.push(term);
                    acc.doc_freq += 1;
                }
            }
        }
    }
    if missing > 0 {
        let col = opts.by.column_name().unwrap_or_default();
        if missing == summary.documents && summary.documents > 0 {
            return Err(Error::Invalid(format!(
                "no document has a `{col}` column or field"
            )));
        }
        summary.warnings.push(format!(
            "{missing} documents have no `{col}`: counted in the group \"\""
        ));
    }
    // Group order: corpus order, or sorted by value for metadata columns.
    let mut rank: Vec<usize> = (0..group_order.len()).collect();
    if opts.by.sorted() {
        rank.sort_by(|&a, &b| group_order[a].cmp(&group_order[b]));
    }
    let mut pos = vec![0usize; group_order.len()];
    for (p, &g) in rank.iter().enumerate() {
        pos[g] = p;
    }
    let mut rows: Vec<((usize, String), Acc)> = table
        .into_iter()
        .filter(|(_, a)| a.count >= opts.filter.min_count.max(1))
        .collect();
    rows.sort_by(|((ga, ta), a), ((gb, tb), b)| {
        pos[*ga]
            .cmp(&pos[*gb])
            .then(b.count.cmp(&a.count))
            .then(ta.cmp(tb))
    });
    if let Some(top) = opts.top {
        let mut kept_per_group: HashMap<usize, usize> = HashMap::new();
        rows.retain(|((g, _), _)| {
            let k = kept_per_group.entry(*g).or_default();
            *k += 1;
            *k <= top
        });
    }
    let mut columns = Vec::new();
    if let Some(name) = opts.by.column_name() {
        columns.push(Column::new(
            name.into(),
            rows.iter()
                .map(|((g, _), _)| group_order[*g].as_str())
                .collect::<Vec<_>>(),
        ));
    }
    let kind = |a: &Acc| match (a.quoted, a.numbered) {
        (true, true) => "both",
        (true, false) => "quoted",
        _ => "numbered",
    };
    columns.push(Column::new(
        "term".into(),
        rows.iter()
            .map(|((_, t), _)| t.as_str())
            .collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "kind".into(),
        rows.iter().map(|(_, a)| kind(a)).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "count".into(),
        rows.iter().map(|(_, a)| a.count).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "doc_freq".into(),
        rows.iter().map(|(_, a)| a.doc_freq).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "example".into(),
        rows.iter()
            .map(|(_, a)| a.example.as_str())
            .collect::<Vec<_>>(),
    ));
    summary.tokens = summary.counted;
    let frame = DataFrame::new(rows.len(), columns)?;
    Ok(Output { frame, summary })
}
