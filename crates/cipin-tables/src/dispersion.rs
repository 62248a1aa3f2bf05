//! Lexical dispersion: how evenly a term spreads over the parts of a
//! corpus (its documents, or the groups of `by`): Juilland's D, Gries' DP
//! and DPnorm.
//!
//! With `n` parts of sizes `l_i` (the part's kept tokens: those the filter
//! keeps, as every share of cipin), `s_i = l_i / Σl` the share of the
//! corpus each part holds, and a term occurring `v_i` times in part `i`,
//! `f = Σv_i` times in all:
//!
//! * **DP** (Gries 2008, "Dispersions and adjusted frequencies in corpora",
//!   *IJCL* 13(4)): `DP = ½ Σ_i |v_i/f − s_i|`, 0 for a term spread exactly
//!   as the parts' sizes, towards 1 for a term in one small part.
//! * **DPnorm** (Lijffijt & Gries 2012, "Correction to …", *IJCL* 17(1)):
//!   `DPnorm = DP / (1 − min_i s_i)`, which reaches 1.
//! * **Juilland's D** (Juilland et al. 1970, with relative frequencies for
//!   parts of unequal size, as Gries 2008 computes it): `p_i = v_i / l_i`,
//!   `CV = σ(p) / mean(p)` with the population standard deviation, and
//!   `D = 1 − CV / √(n − 1)`; 1 is perfectly even.
//!
//! Parts with no kept token are left out (they hold no share of the corpus).
//! Undefined values are NaN: D with fewer than two parts, DPnorm with one
//! part (`1 − min s = 0`), and all three for a term given in `terms` that
//! does not occur (`count` 0).

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::error::Result;
use crate::tables::{count_pass, doc_groups, group_fn, name_group_column};
use crate::tables::{Options, Output};

/// The parameters of [`dispersion`]: which terms (all, by default).
///
/// ```
/// use cipin_tables::dispersion::DispersionConfig;
///
/// assert_eq!(DispersionConfig::default().terms, None);
/// let c: DispersionConfig = serde_json::from_str(r#"{"terms": ["发展"]}"#).unwrap();
/// assert_eq!(c.terms.unwrap(), ["发展"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DispersionConfig {
    /// The terms to measure, in this order (one row each, a term absent
    /// from the corpus included); `None`: every term, by count descending
    /// (`top` keeps the first).
    pub terms: Option<Vec<String>>,
}

/// The three measures of one term from its counts per part.
///
/// `sizes` are the parts' sizes (all > 0), `counts` the term's `(part,
/// count)` pairs in part order (parts missing from it have count 0).
/// Returns `(juilland_d, dp, dp_norm)`.
///
/// ```
/// use cipin_tables::dispersion::measures;
///
/// // Gries (2008): parts of 9, 10, 10, 10 and 11 words, `a` 1 to 5 times.
/// let (d, dp, dp_norm) = measures(&[9, 10, 10, 10, 11], &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
/// assert!((dp - 0.18).abs() < 1e-12);
/// assert!((dp_norm - 0.18 / 0.82).abs() < 1e-12);
/// assert!((d - 0.78515).abs() < 1e-5);
/// ```
pub fn measures(sizes: &[u64], counts: &[(usize, u64)]) -> (f64, f64, f64) {
    let n = sizes.len();
    let total: u64 = sizes.iter().sum();
    let f: u64 = counts.iter().map(|c| c.1).sum();
    if f == 0 || total == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let share = |i: usize| sizes[i] as f64 / total as f64;
    // DP: the parts without the term contribute |0 − s_i| = s_i each, that
    // is 1 − (the shares of the parts with it), so only those are visited.
    let mut diff = 0.0;
    let mut with = 0.0;
    for &(i, v) in counts {
        diff += (v as f64 / f as f64 - share(i)).abs();
        with += share(i);
    }
    let dp = 0.5 * (diff + (1.0 - with).max(0.0));
    let min_share = sizes
        .iter()
        .map(|&l| l as f64)
        .fold(f64::INFINITY, f64::min)
        / total as f64;
    let dp_norm = if n > 1 {
        dp / (1.0 - min_share)
    } else {
        f64::NAN
    };
    // Juilland's D on relative frequencies; the parts without the term
    // each add mean² to the sum of squares.
    let d = if n > 1 {
        let rel = |&(i, v): &(usize, u64)| v as f64 / sizes[i] as f64;
        let mean = counts.iter().map(rel).sum::<f64>() / n as f64;
        let ss = counts.iter().map(|c| (rel(c) - mean).powi(2)).sum::<f64>()
            + (n - counts.len()) as f64 * mean * mean;
        let cv = (ss / n as f64).sqrt() / mean;
        1.0 - cv / ((n - 1) as f64).sqrt()
    } else {
        f64::NAN
    };
    (d, dp, dp_norm)
}

/// Dispersion of terms over the documents (the groups of `opts.by`: each
/// [`crate::Doc`] when `None`).
///
/// Columns: `term, count, parts, juilland_d, dp, dp_norm`: the term's
/// kept tokens, the number of parts containing it, and the measures of the
/// [module docs](self). Rows: `cfg.terms` in their order, or every term by
/// count descending then term, thinned by the row filters (`min_count`;
/// `min_df`/`max_df` on `parts` out of all parts) and `opts.top`.
///
/// ```
/// use cipin_tables::{corpus::Corpus, dispersion::{dispersion, DispersionConfig}, tables::Options};
///
/// let corpus = Corpus::from_texts(["共同富裕 示范区", "共同富裕 建设", "共同富裕 示范区"]);
/// let df = dispersion(&corpus, &Options::default(), &DispersionConfig::default()).unwrap().frame;
/// assert_eq!(df.get_column_names(), ["term", "count", "parts", "juilland_d", "dp", "dp_norm"]);
/// // 共同富裕 is in every part, half of each: perfectly even.
/// assert_eq!(df.column("term").unwrap().str().unwrap().get(0), Some("共同富裕"));
/// assert_eq!(df.column("dp").unwrap().f64().unwrap().get(0), Some(0.0));
/// assert_eq!(df.column("juilland_d").unwrap().f64().unwrap().get(0), Some(1.0));
/// ```
pub fn dispersion(corpus: &Corpus, opts: &Options, cfg: &DispersionConfig) -> Result<Output> {
    let by = doc_groups(&opts.by);
    let (counts, summary) = count_pass(corpus, &opts.segmenter, &opts.filter, None, group_fn(&by))
        .map_err(|e| name_group_column(e, &by))?;
    // The parts with tokens, in table order; `part[g]` is group g's index.
    let order = counts.groups_in_order(by.sorted());
    let mut part = vec![usize::MAX; counts.table.groups.len()];
    let mut sizes = Vec::new();
    for &g in &order {
        let l = counts.table.stats[g as usize].tokens;
        if l > 0 {
            part[g as usize] = sizes.len();
            sizes.push(l);
        }
    }
    // Each term's counts per part, in part order (summed in that order:
    // the same floats whatever the thread count).
    let mut per_term: Vec<Vec<(usize, u64)>> = vec![Vec::new(); counts.keys.len()];
    for (g, k, c) in counts.table.cells() {
        let p = part[g as usize];
        if p != usize::MAX {
            per_term[k as usize].push((p, c.count));
        }
    }
    for v in &mut per_term {
        v.sort_unstable();
    }
    let total = |k: usize| per_term[k].iter().map(|c| c.1).sum::<u64>();
    let rows: Vec<(String, Option<usize>)> = match &cfg.terms {
        Some(terms) => {
            let mut seen = std::collections::HashSet::new();
            terms
                .iter()
                .filter(|t| seen.insert(t.as_str()))
                .map(|t| (t.clone(), counts.keys.get(t).map(|k| k as usize)))
                .collect()
        }
        None => {
            let mut keys: Vec<usize> = (0..counts.keys.len())
                .filter(|&k| {
                    let f = total(k);
                    f > 0
                        && opts
                            .filter
                            .keep_row(f, per_term[k].len() as u64, sizes.len() as u64)
                })
                .collect();
            keys.sort_unstable_by(|&a, &b| {
                total(b)
                    .cmp(&total(a))
                    .then_with(|| counts.keys.str(a as u32).cmp(counts.keys.str(b as u32)))
            });
            if let Some(t) = opts.top {
                keys.truncate(t);
            }
            keys.into_iter()
                .map(|k| (counts.keys.str(k as u32).to_string(), Some(k)))
                .collect()
        }
    };
    let n = rows.len();
    let (mut term, mut count, mut parts) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut d, mut dp, mut dp_norm) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (t, k) in rows {
        let cells: &[(usize, u64)] = k.map_or(&[], |k| &per_term[k]);
        let m = measures(&sizes, cells);
        term.push(t);
        count.push(cells.iter().map(|c| c.1).sum::<u64>());
        parts.push(cells.len() as u64);
        d.push(m.0);
        dp.push(m.1);
        dp_norm.push(m.2);
    }
    let frame = DataFrame::new(
        n,
        vec![
            Column::new("term".into(), term),
            Column::new("count".into(), count),
            Column::new("parts".into(), parts),
            Column::new("juilland_d".into(), d),
            Column::new("dp".into(), dp),
            Column::new("dp_norm".into(), dp_norm),
        ],
    )?;
    Ok(Output { frame, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Doc, Token};
    use crate::filter::Filter;

    /// The five-part corpus of Gries (2008: 406), also the example of
    /// Gries (2020), "Analyzing dispersion", *A Practical Handbook of
    /// Corpus Linguistics* (Springer), p. 3: parts of 9, 10, 10, 10 and 11
    /// words.
    const GRIES: [&str; 5] = [
        "b a m n i b e u p",
        "b a s a t b e w q n",
        "b c a g a b e s t a",
        "b a g h a b e a a t",
        "b a h a a b e a x a t",
    ];

    fn gries() -> Corpus {
        let docs = GRIES
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let mut d = Doc::segmented(i.to_string());
                for w in line.split(' ') {
                    d.push_token(Token::new(w));
                }
                d
            })
            .collect();
        Corpus::from_docs(docs)
    }

    fn row(df: &DataFrame, i: usize) -> (String, u64, u64, f64, f64, f64) {
        let f = |c: &str| df.column(c).unwrap().f64().unwrap().get(i).unwrap();
        (
            df.column("term")
                .unwrap()
                .str()
                .unwrap()
                .get(i)
                .unwrap()
                .to_string(),
            df.column("count").unwrap().u64().unwrap().get(i).unwrap(),
            df.column("parts").unwrap().u64().unwrap().get(i).unwrap(),
            f("juilland_d"),
            f("dp"),
            f("dp_norm"),
        )
    }

    #[test]
    fn reproduces_gries_worked_example() {
        let opts = Options {
            filter: Filter::keep_all(),
            ..Options::default()
        };
        let cfg = DispersionConfig {
            terms: Some(["a", "b", "i", "q", "x", "zz"].map(String::from).to_vec()),
        };
        let df = dispersion(&gries(), &opts, &cfg).unwrap().frame;
        let close =
            |got: f64, want: f64, tol: f64| assert!((got - want).abs() < tol, "{got} vs {want}");
        // `a`: 1, 2, 3, 4, 5 times. Gries (2008: 416) gives DP = 0.18;
        // DPnorm = 0.18 / (1 − 0.18) (Lijffijt & Gries 2012); Juilland's D
        // by hand: p = (1/9, 2/10, 3/10, 4/10, 5/11), mean 0.293131, σ
        // 0.125958, CV 0.429699, D = 1 − 0.429699/2 = 0.785150.
        let (t, count, parts, d, dp, dp_norm) = row(&df, 0);
        assert_eq!((t.as_str(), count, parts), ("a", 15, 5));
        close(dp, 0.18, 1e-12);
        close(dp_norm, 0.18 / 0.82, 1e-12);
        close(d, 0.785150, 1e-6);
        // `b`, `i`, `q`, `x` as Gries (2020) lists them (three decimals):
        // D 0.968, 0, 0, 0; DP 0.02, 0.82, 0.8, 0.78; DPnorm 0.024, 1,
        // 0.976, 0.951.
        let want = [
            ("b", 0.968, 0.02, 0.024),
            ("i", 0.0, 0.82, 1.0),
            ("q", 0.0, 0.8, 0.976),
            ("x", 0.0, 0.78, 0.951),
        ];
        for (i, (term, d_, dp_, norm_)) in want.into_iter().enumerate() {
            let (t, _, _, d, dp, dp_norm) = row(&df, i + 1);
            assert_eq!(t, term);
            close(d, d_, 5e-4);
            close(dp, dp_, 5e-4);
            close(dp_norm, norm_, 5e-4);
        }
        // A term the corpus lacks: count 0, every measure undefined.
        let (t, count, parts, d, dp, dp_norm) = row(&df, 5);
        assert_eq!((t.as_str(), count, parts), ("zz", 0, 0));
        assert!(d.is_nan() && dp.is_nan() && dp_norm.is_nan());
    }

    #[test]
    fn every_term_by_count_and_one_part_is_undefined() {
        let opts = Options {
            filter: Filter::keep_all(),
            top: Some(2),
            ..Options::default()
        };
        let df = dispersion(&gries(), &opts, &DispersionConfig::default())
            .unwrap()
            .frame;
        assert_eq!(df.height(), 2);
        assert_eq!(row(&df, 0).0, "a");
        assert_eq!(row(&df, 1).0, "b");
        let one = Corpus::from_texts(["共同富裕 示范区"]);
        let df = dispersion(&one, &Options::default(), &DispersionConfig::default())
            .unwrap()
            .frame;
        let (_, _, _, d, dp, dp_norm) = row(&df, 0);
        assert!(d.is_nan() && dp_norm.is_nan());
        assert_eq!(dp, 0.0);
        let (d, dp, norm) = measures(&[], &[]);
        assert!(d.is_nan() && dp.is_nan() && norm.is_nan());
    }
}
