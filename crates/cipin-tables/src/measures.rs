//! The statistics behind the tables, as plain functions of counts.
//!
//! ```
//! use cipin_tables::measures::{chi2_sf_1, g2_two_cell, idf_smooth, log_ratio};
//!
//! // A word 30 times in a target of 10 000 tokens, 10 times in a reference of 20 000.
//! let g2 = g2_two_cell(30, 10, 10_000, 20_000);
//! assert!((g2 - 29.039).abs() < 0.001);
//! assert!(chi2_sf_1(g2) < 0.001);
//! assert!((log_ratio(30, 10, 10_000, 20_000) - 6f64.log2()).abs() < 1e-12);
//! assert!((idf_smooth(10, 1) - ((11.0f64 / 2.0).ln() + 1.0)).abs() < 1e-12);
//! ```

/// `x·ln(x/e)`, with `0·ln 0 = 0`.
#[inline]
fn xlnx_over(o: f64, e: f64) -> f64 {
    if o <= 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// Smooth idf, as scikit-learn's default: `ln((1 + N) / (1 + df)) + 1`.
pub fn idf_smooth(n_docs: u64, df: u64) -> f64 {
    ((1.0 + n_docs as f64) / (1.0 + df as f64)).ln() + 1.0
}

/// Raw idf: `ln(N / df)` (0 for a term in every document).
pub fn idf_raw(n_docs: u64, df: u64) -> f64 {
    (n_docs as f64 / df.max(1) as f64).ln()
}

/// Log-likelihood G² of a word counted `a` times in a target corpus of `c`
/// tokens and `b` times in a reference corpus of `d` tokens, with Rayson's
/// two-cell formula (as Wmatrix and AntConc):
///
/// `E1 = c·(a+b)/(c+d)`, `E2 = d·(a+b)/(c+d)`, `G² = 2·(a·ln(a/E1) + b·ln(b/E2))`,
/// with `0·ln 0 = 0`. Always `≥ 0`; the direction is the sign of [`log_ratio`].
pub fn g2_two_cell(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    (2.0 * (xlnx_over(a, e1) + xlnx_over(b, e2))).max(0.0)
}

/// Dunning's log-likelihood G² of a 2×2 contingency table
/// `[[o11, o12], [o21, o22]]`: `2·Σ O·ln(O/E)` with `E = row·column/N`.
pub fn g2_table(o11: u64, o12: u64, o21: u64, o22: u64) -> f64 {
    let o = [o11 as f64, o12 as f64, o21 as f64, o22 as f64];
    let n: f64 = o.iter().sum();
    if n <= 0.0 {
        return 0.0;
    }
    let rows = [o[0] + o[1], o[2] + o[3]];
    let cols = [o[0] + o[2], o[1] + o[3]];
    let mut g = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            g += xlnx_over(o[2 * i + j], rows[i] * cols[j] / n);
        }
    }
    (2.0 * g).max(0.0)
}

/// Hardie's Log Ratio: `log2((a/c) / (b/d))`, a zero count taken as 0.5.
pub fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let a = if a == 0 { 0.5 } else { a as f64 };
    let b = if b == 0 { 0.5 } else { b as f64 };
    ((a / c.max(1) as f64) / (b / d.max(1) as f64)).log2()
}

/// The complementary error function, `erfc(x) = 1 − erf(x)`, by the
/// Chebyshev fit of Numerical Recipes (`erfcc`): relative error below
/// 1.2·10⁻⁷ everywhere.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// The survival function of χ² with one degree of freedom,
/// `P(X ≥ x) = erfc(√(x/2))`: the p-value of a G² or χ² statistic.
pub fn chi2_sf_1(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    erfc((x / 2.0).sqrt()).clamp(0.0, 1.0)
}

/// Pointwise mutual information `log2(p(xy) / (p(x)·p(y)))` from a joint
/// count, the two marginal counts and the total: `log2(n_xy·N / (n_x·n_y))`.
pub fn pmi(n_xy: u64, n_x: u64, n_y: u64, n: u64) -> f64 {
    ((n_xy as f64 * n as f64) / (n_x as f64 * n_y as f64)).log2()
}

/// The t-score `(O − E) / √O` with `E = n_x·n_y / N`.
pub fn t_score(n_xy: u64, n_x: u64, n_y: u64, n: u64) -> f64 {
    let o = n_xy as f64;
    let e = n_x as f64 * n_y as f64 / n as f64;
    if o <= 0.0 {
        return 0.0;
    }
    (o - e) / o.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_known_values() {
        for (x, want) in [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 0.004_677_734_981_047_266),
            (3.0, 2.209_049_699_858_544e-5),
            (-1.0, 1.842_700_792_949_715),
        ] {
            let got = erfc(x);
            assert!(
                ((got - want) / want).abs() < 2e-7,
                "erfc({x}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn chi2_critical_values() {
        for (x, p) in [
            (3.841_458_820_694_124, 0.05),
            (6.634_896_601_021_214, 0.01),
            (10.827_566_170_662_733, 0.001),
        ] {
            assert!((chi2_sf_1(x) - p).abs() / p < 1e-6, "{x}");
        }
        assert_eq!(chi2_sf_1(0.0), 1.0);
    }

    #[test]
    fn two_cell_equals_hand_formula() {
        let (a, b, c, d) = (30u64, 10u64, 10_000u64, 20_000u64);
        let e1 = c as f64 * 40.0 / 30_000.0;
        let e2 = d as f64 * 40.0 / 30_000.0;
        let hand = 2.0 * (30.0 * (30.0 / e1).ln() + 10.0 * (10.0 / e2).ln());
        assert!((g2_two_cell(a, b, c, d) - hand).abs() < 1e-9);
        assert_eq!(g2_two_cell(0, 0, 10, 10), 0.0);
        // One zero cell: only the other term.
        let e1: f64 = 10.0 * 5.0 / 20.0;
        assert!((g2_two_cell(5, 0, 10, 10) - 2.0 * 5.0 * (5.0 / e1).ln()).abs() < 1e-12);
    }

    #[test]
    fn table_g2_is_symmetric_and_zero_under_independence() {
        assert!(g2_table(10, 20, 30, 60).abs() < 1e-9);
        let g = g2_table(12, 3, 4, 100);
        assert!((g - g2_table(12, 4, 3, 100)).abs() < 1e-9);
        assert!(g > 0.0);
    }

    #[test]
    fn pmi_and_t() {
        assert!((pmi(10, 10, 10, 100) - 10f64.log2()).abs() < 1e-12);
        assert!((t_score(10, 10, 10, 100) - (10.0 - 1.0) / 10f64.sqrt()).abs() < 1e-12);
    }
}
