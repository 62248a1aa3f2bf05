//! New-term discovery ([`cipin_core::discover`]) as a table.

use cipin_core::discover::Candidate;
use polars::prelude::{Column, DataFrame};

use crate::error::Result;

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
