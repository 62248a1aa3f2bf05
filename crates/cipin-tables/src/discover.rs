//! New-term discovery ([`cipin_core::discover`]) over a corpus, as a table.

use cipin_core::discover::{discover_in, Candidate, DiscoverConfig, DiscoverText};
use cipin_core::segment::Segmenter;
use polars::prelude::{Column, DataFrame};

use crate::corpus::{Corpus, Summary};
use crate::error::{Error, Result};

/// New-term candidates of a corpus, best first, and what was read.
///
/// Every document is normalised with `seg`'s rules and searched for strings
/// that behave like words `seg`'s dictionary does not know (user words
/// count as known). The documents are read batch by batch and kept only as
/// the search's character codes, so memory follows the corpus' Han
/// characters (4 bytes each), not its text. The corpus' monitor sees the
/// bytes read and can stop the reading and the search
/// ([`Error::Cancelled`]). `cipin discover` and Python's
/// `cipin.discover_terms` both call this.
///
/// ```
/// use cipin_core::discover::DiscoverConfig;
/// use cipin_core::segment::Segmenter;
/// use cipin_tables::corpus::Corpus;
/// use cipin_tables::discover::discover;
/// let texts = vec!["共富工坊开张了。深化共富工坊，推进共富工坊！"; 8];
/// let cfg = DiscoverConfig { min_pmi: 0.0, min_entropy: 0.0, ..Default::default() };
/// let (found, summary) = discover(&Corpus::from_texts(texts), &Segmenter::default(), &cfg).unwrap();
/// assert!(found.iter().any(|c| c.term == "共富工坊"));
/// assert_eq!(summary.documents, 8);
/// ```
pub fn discover(
    corpus: &Corpus,
    seg: &Segmenter,
    cfg: &DiscoverConfig,
) -> Result<(Vec<Candidate>, Summary)> {
    cfg.validate()?;
    let monitor = corpus.monitor();
    let cancelled = || monitor.is_some_and(|m| m.cancelled());
    let norm = seg.normalizer();
    let mut text = DiscoverText::new();
    let mut summary = Summary {
        skipped: corpus.skipped().to_vec(),
        ..Summary::default()
    };
    for batch in corpus.batches() {
        if cancelled() {
            return Err(Error::Cancelled);
        }
        let batch = batch?;
        for d in batch.docs.iter() {
            text.push(&norm.normalize(&d.text));
            summary.documents += 1;
            if let Some(m) = monitor {
                m.advance(d.text.len() as u64);
            }
        }
        summary.files += batch.files;
        summary.warnings.extend(batch.warnings);
    }
    let found = discover_in(&text, cfg, seg.jieba(), &cancelled).ok_or(Error::Cancelled)?;
    summary.counted = found.len() as u64;
    Ok((found, summary))
}

/// The candidates as `term, count, pmi, left_entropy, right_entropy, score`,
/// in their order (best score first): the table `cipin discover` prints and
/// Python's `cipin.discover_terms` returns.
///
/// ```
/// use cipin_core::discover::Candidate;
/// use cipin_tables::discover::candidates_frame;
/// let c = Candidate { term: "共富工坊".into(), count: 12, pmi: 9.1, left_entropy: 2.0, right_entropy: 1.5, score: 34.0 };
/// let df = candidates_frame(&[c]).unwrap();
/// assert_eq!(df.get_column_names(), ["term", "count", "pmi", "left_entropy", "right_entropy", "score"]);
/// assert_eq!(df.column("count").unwrap().u64().unwrap().get(0), Some(12));
/// ```
pub fn candidates_frame(found: &[Candidate]) -> Result<DataFrame> {
    let f64_col = |name: &str, f: fn(&Candidate) -> f64| {
        Column::new(name.into(), found.iter().map(f).collect::<Vec<f64>>())
    };
    Ok(DataFrame::new(
        found.len(),
        vec![
            Column::new(
                "term".into(),
                found.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "count".into(),
                found.iter().map(|c| c.count as u64).collect::<Vec<_>>(),
            ),
            f64_col("pmi", |c| c.pmi),
            f64_col("left_entropy", |c| c.left_entropy),
            f64_col("right_entropy", |c| c.right_entropy),
            f64_col("score", |c| c.score),
        ],
    )?)
}
