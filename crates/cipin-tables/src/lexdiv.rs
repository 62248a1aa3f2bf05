//! Lexical diversity of each document: TTR, Guiraud's R, MATTR and MTLD.
//!
//! Computed on the document's kept tokens (those the filter keeps;
//! punctuation is dropped, stopwords by default kept: see
//! [`crate::filter::default_stopwords`]), `N` of them, `V` distinct:
//!
//! * **TTR** = `V / N`.
//! * **Guiraud's R** (Guiraud 1954) = `V / √N`.
//! * **MATTR** (moving-average TTR, Covington & McFall 2010): the mean TTR
//!   of every window of `window` consecutive tokens (`N − window + 1` of
//!   them). The default window is 100 tokens, quanteda's
//!   (`textstat_lexdiv(MATTR_window = 100)`). A document shorter than the
//!   window has no window: NaN.
//! * **MTLD** (McCarthy & Jarvis 2010, "MTLD, vocd-D, and HD-D", *Behavior
//!   Research Methods* 42(2)): read the tokens in order, keeping the TTR of
//!   the current segment; when it falls to `threshold` (0.72) or below, a
//!   factor is complete and a new segment starts. The segment left at the
//!   end counts as the partial factor `(1 − TTR) / (1 − threshold)`.
//!   `N / factors` is computed forwards and backwards, and MTLD is their
//!   mean. A direction with no factor at all (every token new, no partial
//!   factor) is undefined, and so is MTLD then: NaN.
//!
//! A document with no kept token has `tokens` 0 and every measure NaN.

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, GroupBy};
use crate::count::{walk, Ev, Vocab};
use crate::engine::{self, Key};
use crate::error::{Error, Result};
use crate::tables::{check_group_name, doc_groups, frame, name_group_column, Options, Output};

/// The parameters of [`lexdiv`].
///
/// ```
/// use cipin_tables::lexdiv::LexdivConfig;
///
/// let c = LexdivConfig::default();
/// assert_eq!((c.window, c.threshold), (100, 0.72));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexdivConfig {
    /// MATTR's window, in tokens (at least 1).
    pub window: usize,
    /// MTLD's TTR threshold (between 0 and 1, exclusive).
    pub threshold: f64,
}

impl Default for LexdivConfig {
    fn default() -> Self {
        LexdivConfig {
            window: 100,
            threshold: 0.72,
        }
    }
}

/// The measures of one document, from its tokens as ids (any ids, dense
/// enough to index a vector).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Diversity {
    /// Tokens (`N`).
    pub tokens: u64,
    /// Distinct tokens (`V`).
    pub types: u64,
    /// `V / N`.
    pub ttr: f64,
    /// `V / √N`.
    pub guiraud_r: f64,
    /// Moving-average TTR.
    pub mattr: f64,
    /// Measure of textual lexical diversity.
    pub mtld: f64,
}

/// `N / factors` in one direction (see the module docs).
fn mtld_pass(tokens: impl Iterator<Item = u32>, n: usize, threshold: f64, seen: &mut [u32]) -> f64 {
    let mut factors = 0.0;
    let (mut len, mut types) = (0u64, 0u64);
    // `seen[id]` is the segment number (1-based) in which id was last met.
    let mut segment = 1u32;
    let mut ttr = 1.0;
    for id in tokens {
        let slot = &mut seen[id as usize];
        len += 1;
        if *slot != segment {
            *slot = segment;
            types += 1;
        }
        ttr = types as f64 / len as f64;
        if ttr <= threshold {
            factors += 1.0;
            segment += 1;
            (len, types, ttr) = (0, 0, 1.0);
        }
    }
    factors += (1.0 - ttr) / (1.0 - threshold);
    seen.iter_mut().for_each(|s| *s = 0);
    if factors > 0.0 {
        n as f64 / factors
    } else {
        f64::NAN
    }
}

/// The diversity measures of a sequence of token ids.
///
/// ```
/// use cipin_tables::lexdiv::{diversity, LexdivConfig};
///
/// // a b a c: 3 types in 4 tokens; windows of 3: a b a (2/3), b a c (1).
/// let d = diversity(&[0, 1, 0, 2], &LexdivConfig { window: 3, ..LexdivConfig::default() });
/// assert_eq!((d.tokens, d.types, d.ttr, d.guiraud_r), (4, 3, 0.75, 1.5));
/// assert!((d.mattr - 5.0 / 6.0).abs() < 1e-12);
/// ```
pub fn diversity(ids: &[u32], cfg: &LexdivConfig) -> Diversity {
    let n = ids.len();
    let size = ids.iter().map(|&i| i as usize + 1).max().unwrap_or(0);
    let mut counts = vec![0u32; size];
    let mut types = 0u64;
    for &id in ids {
        let c = &mut counts[id as usize];
        types += u64::from(*c == 0);
        *c += 1;
    }
    if n == 0 {
        return Diversity {
            tokens: 0,
            types: 0,
            ttr: f64::NAN,
            guiraud_r: f64::NAN,
            mattr: f64::NAN,
            mtld: f64::NAN,
        };
    }
    let w = cfg.window;
    let mattr = if n >= w {
        // Slide the window, keeping its counts and its number of types.
        counts.iter_mut().for_each(|c| *c = 0);
        let mut in_window = 0u64;
        for &id in &ids[..w] {
            in_window += u64::from(counts[id as usize] == 0);
            counts[id as usize] += 1;
        }
        let mut sum = in_window;
        for i in w..n {
            let out = ids[i - w] as usize;
            counts[out] -= 1;
            in_window -= u64::from(counts[out] == 0);
            let new = ids[i] as usize;
            in_window += u64::from(counts[new] == 0);
            counts[new] += 1;
            sum += in_window;
        }
        sum as f64 / ((n - w + 1) * w) as f64
    } else {
        f64::NAN
    };
    let mut seen = vec![0u32; size];
    let forward = mtld_pass(ids.iter().copied(), n, cfg.threshold, &mut seen);
    let backward = mtld_pass(ids.iter().rev().copied(), n, cfg.threshold, &mut seen);
    Diversity {
        tokens: n as u64,
        types,
        ttr: types as f64 / n as f64,
        guiraud_r: types as f64 / (n as f64).sqrt(),
        mattr,
        mtld: (forward + backward) / 2.0,
    }
}

/// One row: the document's place in the corpus, its name, its measures.
type Row = (u64, String, Diversity);

/// Lexical diversity per document (each [`crate::Doc`]; `opts.by` may be
/// `Doc` or `Article` (the default), not a grouping: the measures read a
/// document's tokens in order).
///
/// Columns: `<doc>, tokens, types, ttr, guiraud_r, mattr, mtld` (see the
/// [module docs](self)), documents in corpus order; `opts.top` keeps the
/// first rows.
///
/// ```
/// use cipin_tables::{corpus::Corpus, lexdiv::{lexdiv, LexdivConfig}, tables::Options};
///
/// let corpus = Corpus::from_texts(["推进 共同富裕 推进 改革", ""]);
/// let df = lexdiv(&corpus, &Options::default(), &LexdivConfig::default()).unwrap().frame;
/// assert_eq!(df.get_column_names(), ["article", "tokens", "types", "ttr", "guiraud_r", "mattr", "mtld"]);
/// assert_eq!(df.column("ttr").unwrap().f64().unwrap().get(0), Some(0.75));
/// assert!(df.column("ttr").unwrap().f64().unwrap().get(1).unwrap().is_nan());
/// ```
pub fn lexdiv(corpus: &Corpus, opts: &Options, cfg: &LexdivConfig) -> Result<Output> {
    if cfg.window == 0 {
        return Err(Error::invalid(
            "lexdiv: the MATTR window must be at least 1 token",
        ));
    }
    if !(cfg.threshold > 0.0 && cfg.threshold < 1.0) {
        return Err(Error::invalid(format!(
            "lexdiv: the MTLD threshold must be between 0 and 1, not {}",
            cfg.threshold
        )));
    }
    let by = doc_groups(&opts.by);
    if !matches!(by, GroupBy::Doc | GroupBy::Article) {
        return Err(Error::invalid(
            "lexdiv is per document: by must be doc or article (each text read), not a group",
        ));
    }
    let columns = ["tokens", "types", "ttr", "guiraud_r", "mattr", "mtld"];
    check_group_name(&by, &columns)?;
    opts.filter.check(&opts.segmenter)?;
    let (seg, filter) = (&opts.segmenter, &opts.filter);
    let mut rows: Vec<Row> = Vec::new();
    let summary = engine::run(
        corpus,
        false,
        |d| match by.key(d) {
            Some(g) => Key::Group(g),
            None => Key::Missing,
        },
        || (Vocab::default(), Vec::<u32>::new(), Vec::<Row>::new()),
        |(vocab, seq, out), stats, it| {
            seq.clear();
            walk(seg, filter, vocab, it.text, false, stats, |ev, _| {
                if let Ev::Term(id) = ev {
                    seq.push(id)
                }
            });
            out.push((it.doc_idx, it.group.to_string(), diversity(seq, cfg)));
        },
        |(_, _, out)| {
            rows.extend(out);
            Ok(())
        },
    )
    .map_err(|e| name_group_column(e, &by))?;
    // The chunks come merged in corpus order; sorted again all the same,
    // as the contract of the table.
    rows.sort_by_key(|r| r.0);
    if let Some(t) = opts.top {
        rows.truncate(t);
    }
    let names: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let col = |f: fn(&Diversity) -> f64| rows.iter().map(|r| f(&r.2)).collect::<Vec<f64>>();
    let frame = frame(
        &by,
        Some(names),
        vec![
            Column::new(
                "tokens".into(),
                rows.iter().map(|r| r.2.tokens).collect::<Vec<u64>>(),
            ),
            Column::new(
                "types".into(),
                rows.iter().map(|r| r.2.types).collect::<Vec<u64>>(),
            ),
            Column::new("ttr".into(), col(|d| d.ttr)),
            Column::new("guiraud_r".into(), col(|d| d.guiraud_r)),
            Column::new("mattr".into(), col(|d| d.mattr)),
            Column::new("mtld".into(), col(|d| d.mtld)),
        ],
    )?;
    Ok(Output { frame, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<u32> {
        s.split(' ')
            .map(|w| w.as_bytes()[0] as u32 - b'a' as u32)
            .collect()
    }

    fn cfg(window: usize) -> LexdivConfig {
        LexdivConfig {
            window,
            ..LexdivConfig::default()
        }
    }

    #[test]
    fn mtld_by_hand() {
        // a a b c d, threshold 0.72.
        // Forward: a (TTR 1), a (1/2 = 0.5 ≤ 0.72: factor 1, new segment),
        // b c d (TTR 1): partial factor (1 − 1)/0.28 = 0; 5 / 1 = 5.
        // Backward: d c b a (TTR 1), a (4/5 = 0.8 > 0.72): partial factor
        // (1 − 0.8)/0.28 = 0.714286; 5 / 0.714286 = 7. MTLD = (5 + 7)/2 = 6.
        let d = diversity(&ids("a a b c d"), &cfg(100));
        assert!((d.mtld - 6.0).abs() < 1e-12, "{}", d.mtld);
        // a a b b: forward a, a (0.5: factor), b, b (0.5: factor), nothing
        // left: 4 / 2 = 2, the same backwards.
        assert_eq!(diversity(&ids("a a b b"), &cfg(100)).mtld, 2.0);
        // a b c a: TTR 0.75 at the end both ways, one partial factor of
        // 0.25/0.28: 4 / 0.892857 = 4.48.
        let d = diversity(&ids("a b c a"), &cfg(100));
        assert!((d.mtld - 4.48).abs() < 1e-12, "{}", d.mtld);
        // Every token new: no factor, undefined.
        assert!(diversity(&ids("a b c"), &cfg(100)).mtld.is_nan());
    }

    #[test]
    fn mattr_ttr_and_guiraud_by_hand() {
        // a b a c, windows of 2: a b, b a, a c, all TTR 1.
        let d = diversity(&ids("a b a c"), &cfg(2));
        assert_eq!(d.mattr, 1.0);
        // a a b b c c, windows of 4: a a b b (2/4), a b b c (3/4), b b c c
        // (2/4): 7/12. TTR 3/6, R = 3/√6.
        let d = diversity(&ids("a a b b c c"), &cfg(4));
        assert!((d.mattr - 7.0 / 12.0).abs() < 1e-12);
        assert_eq!(d.ttr, 0.5);
        assert!((d.guiraud_r - 3.0 / 6f64.sqrt()).abs() < 1e-12);
        // A window equal to the text is its TTR; a longer one has none.
        assert_eq!(diversity(&ids("a a b b c c"), &cfg(6)).mattr, 0.5);
        assert!(diversity(&ids("a a b b c c"), &cfg(7)).mattr.is_nan());
        let empty = diversity(&[], &cfg(2));
        assert_eq!(empty.tokens, 0);
        assert!(empty.ttr.is_nan() && empty.guiraud_r.is_nan() && empty.mtld.is_nan());
    }

    #[test]
    fn bad_settings_and_groups_are_errors() {
        let c = Corpus::from_texts(["推进改革"]);
        let o = Options::default();
        for bad in [
            LexdivConfig {
                window: 0,
                ..LexdivConfig::default()
            },
            LexdivConfig {
                threshold: 1.0,
                ..LexdivConfig::default()
            },
            LexdivConfig {
                threshold: f64::NAN,
                ..LexdivConfig::default()
            },
        ] {
            assert!(lexdiv(&c, &o, &bad).is_err());
        }
        let grouped = Options {
            by: GroupBy::File,
            ..Options::default()
        };
        let err = lexdiv(&c, &grouped, &LexdivConfig::default()).unwrap_err();
        assert!(err.to_string().contains("per document"), "{err}");
    }
}
