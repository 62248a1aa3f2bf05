//! Document similarity from the document-term matrix: each document's
//! nearest neighbours by cosine, Jaccard or Pearson correlation.
//!
//! Computed sparsely, never as a dense documents × documents matrix: an
//! inverted index (the documents of each term) gives, row by row, the
//! dot products of a document with those sharing a term with it (one
//! scratch vector per thread); the rows are computed in parallel and
//! collected in order, and every dot product is an exact integer, so the
//! table is the same whatever the thread count.
//!
//! With `x`, `y` two rows of counts over the `V` terms of the vocabulary:
//!
//! * **cosine** = `x·y / (‖x‖ ‖y‖)`;
//! * **jaccard** = `|A ∩ B| / |A ∪ B|` of the sets of terms present
//!   (binary, as `scipy.spatial.distance.jaccard` on booleans);
//! * **correlation** = Pearson's r over the `V` counts of each row,
//!   absent terms being 0 (`1 − scipy.spatial.distance.correlation`):
//!   `(V·x·y − Σx·Σy) / √((V·Σx² − (Σx)²)(V·Σy² − (Σy)²))`.
//!
//! Cosine and Jaccard list only documents sharing a term (the others are
//! 0); correlation can be negative and also lists the documents sharing
//! none, which rank by `Σy / √(V·Σy² − (Σy)²)` and are found in one sorted
//! list, without visiting every pair. An undefined similarity (a document
//! with no kept term, or for correlation all counts equal) is never listed.

use polars::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::tables::{dtm, Options, Output};

/// The similarity of [`simil`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SimilMethod {
    /// Cosine of the count vectors.
    #[default]
    Cosine,
    /// Jaccard of the sets of terms.
    Jaccard,
    /// Pearson correlation of the count vectors.
    Correlation,
}

impl std::str::FromStr for SimilMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<SimilMethod> {
        match s {
            "cosine" => Ok(SimilMethod::Cosine),
            "jaccard" => Ok(SimilMethod::Jaccard),
            "correlation" => Ok(SimilMethod::Correlation),
            other => Err(Error::invalid(format!(
                "unknown similarity `{other}` (expected cosine, jaccard or correlation)"
            ))),
        }
    }
}

impl std::fmt::Display for SimilMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SimilMethod::Cosine => "cosine",
            SimilMethod::Jaccard => "jaccard",
            SimilMethod::Correlation => "correlation",
        })
    }
}

/// The parameters of [`simil`] (the number of neighbours is `top`,
/// [`SIMIL_TOP`] by default on the CLI and in Python).
///
/// ```
/// use cipin_tables::simil::{SimilConfig, SimilMethod};
///
/// assert_eq!(SimilConfig::default().method, SimilMethod::Cosine);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimilConfig {
    /// The similarity.
    pub method: SimilMethod,
}

/// The neighbours per document `cipin simil` and `cipin.simil` list by
/// default (`top`).
pub const SIMIL_TOP: usize = 10;

/// Per row: Σx, Σx², and the number of terms present.
struct RowStats {
    sum: u64,
    sumsq: u64,
    nnz: u64,
}

/// The similarity of rows `i` and `j` from their stats, their dot product
/// and the number of terms they share; `None` when undefined.
fn score(
    method: SimilMethod,
    v: u64,
    a: &RowStats,
    b: &RowStats,
    dot: u64,
    shared: u64,
) -> Option<f64> {
    let s = match method {
        SimilMethod::Cosine => dot as f64 / ((a.sumsq as f64).sqrt() * (b.sumsq as f64).sqrt()),
        SimilMethod::Jaccard => shared as f64 / (a.nnz + b.nnz - shared) as f64,
        SimilMethod::Correlation => {
            // Exact integers up to the square root.
            let num = v as i128 * dot as i128 - a.sum as i128 * b.sum as i128;
            num as f64 / (spread(v, a).sqrt() * spread(v, b).sqrt())
        }
    };
    s.is_finite().then_some(s)
}

/// `V·Σx² − (Σx)²`, `V²` times the variance of a row (0: all equal).
fn spread(v: u64, r: &RowStats) -> f64 {
    (v as i128 * r.sumsq as i128 - (r.sum as i128) * (r.sum as i128)) as f64
}

/// Each document's `top` nearest neighbours (all of them when `None`).
///
/// Columns: `doc, other, similarity, rank`: the document (or group of
/// `opts.by`, the rows of [`dtm`], whose vocabulary filters apply),
/// another, their similarity by `cfg.method` (see the [module
/// docs](self)), and `rank` (u32, 1 for the nearest). Rows are documents
/// in table order, then similarity descending, ties by the other's order.
///
/// ```
/// use cipin_tables::{corpus::Corpus, simil::{simil, SimilConfig}, tables::Options};
///
/// let corpus = Corpus::from_texts(["共同富裕 示范区", "共同富裕 示范区 建设", "改革"]);
/// let opts = Options { top: Some(1), ..Options::default() };
/// let df = simil(&corpus, &opts, &SimilConfig::default()).unwrap().frame;
/// assert_eq!(df.get_column_names(), ["doc", "other", "similarity", "rank"]);
/// let other = df.column("other").unwrap().str().unwrap();
/// assert_eq!((other.get(0), other.get(1)), (Some("1"), Some("0")));
/// // 改革 shares no term: no neighbour.
/// assert_eq!(df.height(), 2);
/// ```
pub fn simil(corpus: &Corpus, opts: &Options, cfg: &SimilConfig) -> Result<Output> {
    let m = dtm(corpus, opts)?;
    let n = m.doc_ids.len();
    let v = m.vocabulary.len() as u64;
    let row = |i: usize| m.indptr[i] as usize..m.indptr[i + 1] as usize;
    let stats: Vec<RowStats> = (0..n)
        .map(|i| {
            let r = row(i);
            RowStats {
                sum: m.data[r.clone()].iter().sum(),
                sumsq: m.data[r.clone()].iter().map(|x| x * x).sum(),
                nnz: r.len() as u64,
            }
        })
        .collect();
    // The inverted index: the (document, count) pairs of each term.
    let mut postings: Vec<Vec<(u32, u64)>> = vec![Vec::new(); v as usize];
    for i in 0..n {
        for p in row(i) {
            postings[m.indices[p] as usize].push((i as u32, m.data[p]));
        }
    }
    // Correlation: documents sharing no term with a row rank by this key,
    // ascending (their r is −c·key for a c > 0 of the row).
    let far: Vec<u32> = if cfg.method == SimilMethod::Correlation {
        let key = |j: usize| stats[j].sum as f64 / spread(v, &stats[j]).sqrt();
        let mut far: Vec<u32> = (0..n as u32)
            .filter(|&j| spread(v, &stats[j as usize]) > 0.0)
            .collect();
        far.sort_by(|&a, &b| key(a as usize).total_cmp(&key(b as usize)).then(a.cmp(&b)));
        far
    } else {
        Vec::new()
    };
    let top = opts.top.unwrap_or(usize::MAX);
    let per_row: Vec<Vec<(u32, f64)>> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u64; n], vec![0u64; n], Vec::<u32>::new()),
            |(dot, shared, touched), i| {
                for p in row(i) {
                    let x = m.data[p];
                    for &(j, y) in &postings[m.indices[p] as usize] {
                        let j = j as usize;
                        if shared[j] == 0 {
                            touched.push(j as u32);
                        }
                        dot[j] += x * y;
                        shared[j] += 1;
                    }
                }
                let mut out: Vec<(u32, f64)> = Vec::with_capacity(touched.len());
                for &j in touched.iter() {
                    let ju = j as usize;
                    if ju != i {
                        if let Some(s) =
                            score(cfg.method, v, &stats[i], &stats[ju], dot[ju], shared[ju])
                        {
                            out.push((j, s));
                        }
                    }
                }
                if !far.is_empty() && spread(v, &stats[i]) > 0.0 {
                    let mut taken = 0;
                    for &j in &far {
                        if taken >= top {
                            break;
                        }
                        let ju = j as usize;
                        if ju == i || shared[ju] != 0 {
                            continue;
                        }
                        if let Some(s) = score(cfg.method, v, &stats[i], &stats[ju], 0, 0) {
                            out.push((j, s));
                            taken += 1;
                        }
                    }
                }
                for &j in touched.iter() {
                    dot[j as usize] = 0;
                    shared[j as usize] = 0;
                }
                touched.clear();
                let order =
                    |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if top < out.len() {
                    out.select_nth_unstable_by(top, order);
                    out.truncate(top);
                }
                out.sort_unstable_by(order);
                // Kept rows only: a row can touch most of the corpus, and
                // every row's candidates at once would be documents².
                out.shrink_to_fit();
                out
            },
        )
        .collect();
    let total: usize = per_row.iter().map(Vec::len).sum();
    let mut doc = Vec::with_capacity(total);
    let mut other = Vec::with_capacity(total);
    let mut sim = Vec::with_capacity(total);
    let mut rank = Vec::with_capacity(total);
    for (i, r) in per_row.iter().enumerate() {
        for (k, &(j, s)) in r.iter().enumerate() {
            doc.push(m.doc_ids[i].as_str());
            other.push(m.doc_ids[j as usize].as_str());
            sim.push(s);
            rank.push(k as u32 + 1);
        }
    }
    let frame = DataFrame::new(
        total,
        vec![
            Column::new("doc".into(), doc),
            Column::new("other".into(), other),
            Column::new("similarity".into(), sim),
            Column::new("rank".into(), rank),
        ],
    )?;
    Ok(Output {
        frame,
        summary: m.summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;

    /// Rows of counts, as documents of the words `t0`, `t1`, ...
    fn corpus(rows: &[&[u64]]) -> Corpus {
        let texts: Vec<String> = rows
            .iter()
            .map(|r| {
                let mut words = Vec::new();
                for (j, &c) in r.iter().enumerate() {
                    for _ in 0..c {
                        words.push(format!("t{j}"));
                    }
                }
                words.join(" ")
            })
            .collect();
        Corpus::from_texts(texts)
    }

    fn table(rows: &[&[u64]], method: SimilMethod) -> Vec<(String, String, f64)> {
        let opts = Options {
            filter: Filter::keep_all(),
            ..Options::default()
        };
        let df = simil(&corpus(rows), &opts, &SimilConfig { method })
            .unwrap()
            .frame;
        let s = |c: &str, i| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(i)
                .unwrap()
                .to_string()
        };
        let f = df.column("similarity").unwrap().f64().unwrap();
        (0..df.height())
            .map(|i| (s("doc", i), s("other", i), f.get(i).unwrap()))
            .collect()
    }

    /// Dense reference computations, pair by pair.
    fn dense(x: &[u64], y: &[u64], method: SimilMethod) -> f64 {
        let xf: Vec<f64> = x.iter().map(|&a| a as f64).collect();
        let yf: Vec<f64> = y.iter().map(|&a| a as f64).collect();
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
        match method {
            SimilMethod::Cosine => dot(&xf, &yf) / (dot(&xf, &xf).sqrt() * dot(&yf, &yf).sqrt()),
            SimilMethod::Jaccard => {
                let both = x.iter().zip(y).filter(|(a, b)| **a > 0 && **b > 0).count();
                let either = x.iter().zip(y).filter(|(a, b)| **a > 0 || **b > 0).count();
                both as f64 / either as f64
            }
            SimilMethod::Correlation => {
                let n = xf.len() as f64;
                let (mx, my) = (xf.iter().sum::<f64>() / n, yf.iter().sum::<f64>() / n);
                let c: Vec<f64> = xf.iter().map(|a| a - mx).collect();
                let d: Vec<f64> = yf.iter().map(|a| a - my).collect();
                dot(&c, &d) / (dot(&c, &c).sqrt() * dot(&d, &d).sqrt())
            }
        }
    }

    #[test]
    fn every_pair_matches_a_dense_computation() {
        let rows: [&[u64]; 5] = [
            &[2, 1, 0, 0, 3],
            &[1, 0, 0, 4, 0],
            &[0, 2, 2, 0, 1],
            &[0, 0, 0, 1, 0],
            &[5, 0, 1, 0, 0],
        ];
        for method in [
            SimilMethod::Cosine,
            SimilMethod::Jaccard,
            SimilMethod::Correlation,
        ] {
            let got = table(&rows, method);
            let mut want = Vec::new();
            for i in 0..5 {
                let mut r: Vec<(usize, f64)> = (0..5)
                    .filter(|&j| j != i)
                    .map(|j| (j, dense(rows[i], rows[j], method)))
                    .filter(|&(_, s)| method == SimilMethod::Correlation || s > 0.0)
                    .collect();
                r.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                want.extend(
                    r.into_iter()
                        .map(|(j, s)| (i.to_string(), j.to_string(), s)),
                );
            }
            assert_eq!(got.len(), want.len(), "{method}");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!((&g.0, &g.1), (&w.0, &w.1), "{method}");
                assert!((g.2 - w.2).abs() < 1e-12, "{method}: {g:?} {w:?}");
            }
        }
    }

    #[test]
    fn top_and_undefined_rows() {
        let rows: [&[u64]; 4] = [&[1, 1, 0], &[1, 1, 0], &[0, 1, 1], &[0, 0, 0]];
        let opts = Options {
            filter: Filter::keep_all(),
            top: Some(1),
            ..Options::default()
        };
        let df = simil(&corpus(&rows), &opts, &SimilConfig::default())
            .unwrap()
            .frame;
        // The empty document has no neighbour and is no one's.
        let docs = df.column("doc").unwrap().str().unwrap();
        assert_eq!(df.height(), 3);
        assert!(docs.iter().all(|d| d != Some("3")));
        let other = df.column("other").unwrap().str().unwrap();
        assert_eq!(other.get(0), Some("1"));
        let err = "dice".parse::<SimilMethod>().unwrap_err().to_string();
        assert!(err.contains("cosine"), "{err}");
    }
}
