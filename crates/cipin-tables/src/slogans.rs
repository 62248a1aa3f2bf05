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

use crate::corpus::Corpus;
use crate::engine;
use crate::error::Result;
use crate::tables::{check_group_name, group_fn, name_group_column, Options, Output};

/// One term of one group.
#[derive(Debug, Default)]
struct Acc {
    count: u64,
    doc_freq: u64,
    quoted: bool,
    numbered: bool,
    example: String,
}

/// One occurrence: `(group, term, kind, example)`, and whether it is the
/// first of its term in its document.
type Found = (String, String, TermKind, String, bool);

/// The terms of one text, with an example line each.
fn text_terms(text: &str, opts: &Options) -> Vec<(String, TermKind, String)> {
    let norm = opts.segmenter.normalizer().normalize(text);
    let chars: Vec<char> = norm.chars().collect();
    find_terms_with(&norm, opts.segmenter.jieba())
        .into_iter()
        .map(|span| {
            let from = span.start_char.saturating_sub(20);
            let to = (span.end_char + 20).min(chars.len());
            let example: String = chars[from..to]
                .iter()
                .map(|&c| if c == '\n' { ' ' } else { c })
                .collect();
            (span.term, span.kind, example)
        })
        .collect()
}

/// The slogans table; see the module docs.
pub fn slogans(corpus: &Corpus, opts: &Options) -> Result<Output> {
    check_group_name(&opts.by, &["term", "kind", "count", "doc_freq", "example"])?;
    let mut group_order: Vec<String> = Vec::new();
    let mut group_index: HashMap<String, usize> = HashMap::new();
    let mut table: HashMap<(usize, String), Acc> = HashMap::new();
    // Reading, batching, parallel chunks, progress, cancellation and the
    // group column are the engine's; chunks are merged in corpus order, so
    // groups are met in order of first appearance.
    let mut summary = engine::run(
        corpus,
        false,
        group_fn(&opts.by),
        Vec::<Found>::new,
        |out, stats, it| {
            let mut seen: Vec<String> = Vec::new();
            for (term, kind, example) in text_terms(&it.text, opts) {
                stats.counted += 1;
                let first = !seen.contains(&term);
                if first {
                    seen.push(term.clone());
                }
                out.push((it.group.to_string(), term, kind, example, first));
            }
        },
        |found| {
            for (group, term, kind, example, first) in found {
                let gi = *group_index.entry(group.clone()).or_insert_with(|| {
                    group_order.push(group);
                    group_order.len() - 1
                });
                let acc = table.entry((gi, term)).or_default();
                acc.count += 1;
                acc.doc_freq += u64::from(first);
                match kind {
                    TermKind::Quoted => acc.quoted = true,
                    TermKind::Numbered => acc.numbered = true,
                    TermKind::Both => {
                        acc.quoted = true;
                        acc.numbered = true;
                    }
                }
                if acc.example.is_empty() {
                    acc.example = example;
                }
            }
            Ok(())
        },
    )
    .map_err(|e| name_group_column(e, &opts.by))?;
    summary.tokens = summary.counted;
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
    let frame = DataFrame::new(rows.len(), columns)?;
    Ok(Output { frame, summary })
}
