//! New-term discovery from unsegmented text.
//!
//! [`discover_terms`] finds strings of Han characters that behave like words
//! although the dictionary does not know them (`共富`, `千万工程`, local
//! names): they are frequent, their characters stick together, and they
//! appear in varied contexts. It needs no segmentation and no training data;
//! [`to_user_dict`] writes the result as a user dictionary for
//! [`SegmenterBuilder::user_dict`].
//!
//! # Method
//!
//! The text is cut into runs of Han characters: any other character
//! (punctuation, digits, Latin letters, spaces, quotes) ends a run, so no
//! candidate crosses a sentence or a non-Han character. Every substring of a
//! run of `min_len..=max_len` characters is a candidate, counted in one pass
//! (sorted n-gram keys, so the result is deterministic). For a candidate `w`
//! seen `count` times, over `N` Han characters in all:
//!
//! * **Cohesion** `pmi`: the pointwise mutual information of its weakest
//!   split, `min over w = a·b of ln( count(w)·N / (count(a)·count(b)) )`
//!   (natural log). High when the parts are rarely seen apart.
//! * **Boundary entropy** `left_entropy`, `right_entropy`: the entropy (in
//!   nats) of the character just before / after each occurrence;
//!   punctuation, a space or the start or end of a text counts as a
//!   different neighbour each time, a number (or a Latin word) as the same
//!   neighbour every time. Low when the string is a fragment of something
//!   longer (`共同富` is nearly always followed by `裕`, `日电记者` always
//!   follows a date).
//! * **Score** `ln(1 + count) · pmi · min(left_entropy, right_entropy)`.
//!
//! A candidate is kept when `count ≥ min_count`, `pmi ≥ min_pmi` and both
//! entropies are `≥ min_entropy`; it must not be made of numerals only, nor
//! hold `的`, nor start or end with a function character (`的 了 着 是 在 和 与 及 或 等 也 都
//! 就 而 被 把 对 将 为 从 这 那 之 其 以 于 并 又 很 要 会 不 个 上 中 下`), and with
//! `exclude_known` it must not be a word of the dictionary already. The
//! result is ordered by score (highest first), then by term; `top` keeps the
//! first ones.
//!
//! About 1 s for a megabyte of text.
//!
//! ```
//! use cipin_core::discover::{discover_terms, to_user_dict, DiscoverConfig};
//!
//! let mut texts = Vec::new();
//! for (a, b) in [("深化", "推进"), ("落实", "谋划"), ("实施", "打造"), ("建设", "研究"), ("提升", "启动")] {
//!     texts.push(format!("{a}共富工坊，{b}共富工坊建设。共富工坊带动增收。"));
//! }
//! // A toy corpus: every string is rare overall, so no cohesion threshold.
//! let opts = DiscoverConfig { min_count: 3, min_pmi: 0.0, ..DiscoverConfig::default() };
//! let found = discover_terms(&texts, &opts);
//! let gf = found.iter().find(|c| c.term == "共富工坊").unwrap();
//! assert_eq!(gf.count, 15);
//! // `共富` is always followed by `工`: a fragment, not a term.
//! assert!(found.iter().all(|c| c.term != "共富" && c.term != "富工坊"));
//! assert!(to_user_dict(&found).starts_with("# cipin discover"));
//! ```
//!
//! [`SegmenterBuilder::user_dict`]: crate::segment::SegmenterBuilder::user_dict

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use jieba_rs::Jieba;
use rayon::prelude::*;
use serde::Serialize;

use crate::segment::default_jieba;

/// Options of [`discover_terms`].
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoverConfig {
    /// Shortest candidate, in characters (default 2, at least 2).
    pub min_len: usize,
    /// Longest candidate, in characters (default 6, at most 7).
    pub max_len: usize,
    /// Fewest occurrences (default 5).
    pub min_count: usize,
    /// Lowest cohesion, `ln` PMI of the weakest split (default 3.0).
    pub min_pmi: f64,
    /// Lowest left and right boundary entropy, nats (default 1.0).
    pub min_entropy: f64,
    /// Keep only the best this many (default all).
    pub top: Option<usize>,
    /// Leave out words the dictionary knows already (default true).
    pub exclude_known: bool,
    /// Leave out compounds: strings the dictionary cuts (no HMM) into words
    /// of two characters or more only (`领导干部`, `经济发展`, but also
    /// `千万工程`), keeping strings with a piece it does not know
    /// (`夏世清`, `共富工坊`). Default false; see the module docs for what
    /// it does to segmentation accuracy.
    pub exclude_compounds: bool,
}

impl Default for DiscoverConfig {
    fn default() -> Self {
        DiscoverConfig {
            min_len: 2,
            max_len: 6,
            min_count: 5,
            min_pmi: 3.0,
            min_entropy: 1.0,
            top: None,
            exclude_known: true,
            exclude_compounds: false,
        }
    }
}

impl DiscoverConfig {
    /// Check the options, so a search that can find nothing (`min_len`
    /// above `max_len`, a NaN threshold) is an error instead of an empty
    /// result. `min_len` below 2 means 2, as documented.
    ///
    /// ```
    /// use cipin_core::discover::DiscoverConfig;
    /// assert!(DiscoverConfig::default().validate().is_ok());
    /// let bad = DiscoverConfig { min_len: 5, max_len: 2, ..Default::default() };
    /// assert!(bad.validate().unwrap_err().to_string().contains("must not exceed"));
    /// ```
    pub fn validate(&self) -> Result<(), crate::Error> {
        let bad = |name: &'static str, message: String| {
            Err(crate::Error::Setting {
                setting: crate::Setting::Parameter(name),
                message,
            })
        };
        if self.max_len > MAX_LEN {
            return bad(
                "max_len",
                format!("max_len must be at most {MAX_LEN}, not {}", self.max_len),
            );
        }
        if self.min_len > self.max_len {
            return bad(
                "min_len",
                format!(
                    "min_len ({}) must not exceed max_len ({})",
                    self.min_len, self.max_len
                ),
            );
        }
        if self.max_len < 2 {
            return bad(
                "max_len",
                format!(
                    "max_len must be at least 2 (candidates have 2 characters or more), not {}",
                    self.max_len
                ),
            );
        }
        for (name, v) in [("min_pmi", self.min_pmi), ("min_entropy", self.min_entropy)] {
            if v.is_nan() {
                return bad(name, format!("{name} must be a number, not NaN"));
            }
            if v == f64::INFINITY {
                return bad(
                    name,
                    format!("{name} must be finite: no candidate passes +inf"),
                );
            }
        }
        Ok(())
    }
}

/// A discovered term with its statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The string.
    pub term: String,
    /// Its number of occurrences (overlapping occurrences all count).
    pub count: usize,
    /// Cohesion: `ln` PMI of its weakest split.
    pub pmi: f64,
    /// Entropy of the characters before it, nats.
    pub left_entropy: f64,
    /// Entropy of the characters after it, nats.
    pub right_entropy: f64,
    /// `ln(1 + count) · pmi · min(left_entropy, right_entropy)`.
    pub score: f64,
}

/// Discover new terms in `texts` (see the [module docs](self)); known words
/// are those of the default dictionary.
pub fn discover_terms<S: AsRef<str> + Sync>(texts: &[S], opts: &DiscoverConfig) -> Vec<Candidate> {
    discover_terms_with(texts, opts, &default_jieba())
}

/// [`discover_terms`] with the dictionary whose words count as known (a
/// segmenter's, with its user words: [`Segmenter::jieba`]).
///
/// [`Segmenter::jieba`]: crate::segment::Segmenter::jieba
pub fn discover_terms_with<S: AsRef<str> + Sync>(
    texts: &[S],
    opts: &DiscoverConfig,
    jieba: &Jieba,
) -> Vec<Candidate> {
    discover_terms_cancellable(texts, opts, jieba, &|| false).unwrap_or_default()
}

/// [`discover_terms_with`], giving up (`None`) soon after `cancelled`
/// returns true: it is asked between the stages of the search and for
/// every n-gram length, so an interrupted search on a large corpus stops
/// within a fraction of a second instead of running to its end.
///
/// ```
/// use cipin_core::discover::{discover_terms_cancellable, DiscoverConfig};
/// use cipin_core::segment::default_jieba;
/// let texts = ["共富工坊开张了。"; 20];
/// let opts = DiscoverConfig::default();
/// assert!(discover_terms_cancellable(&texts, &opts, &default_jieba(), &|| true).is_none());
/// assert!(discover_terms_cancellable(&texts, &opts, &default_jieba(), &|| false).is_some());
/// ```
pub fn discover_terms_cancellable<S: AsRef<str> + Sync>(
    texts: &[S],
    opts: &DiscoverConfig,
    jieba: &Jieba,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Candidate>> {
    let mut text = DiscoverText::new();
    for t in texts {
        text.push(t.as_ref());
    }
    discover_in(&text, opts, jieba, cancelled)
}

/// The texts of a search, kept as one code per character (4 bytes), so
/// that a caller reading a corpus document by document need not hold the
/// documents themselves: push each text, drop it, then [`discover_in`].
///
/// ```
/// use cipin_core::discover::{discover_in, discover_terms, DiscoverConfig, DiscoverText};
/// use cipin_core::segment::default_jieba;
/// let texts = vec!["共富工坊开张了。深化共富工坊，推进共富工坊！"; 10];
/// let opts = DiscoverConfig { min_pmi: 0.0, min_entropy: 0.0, ..Default::default() };
/// let mut text = DiscoverText::new();
/// for t in &texts {
///     text.push(t);
/// }
/// let found = discover_in(&text, &opts, &default_jieba(), &|| false).unwrap();
/// assert_eq!(found, discover_terms(&texts, &opts));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverText {
    /// The Han runs, as codes, separated by BOUNDARY, DIGITS or LATIN (a
    /// run of such characters is one separator); starts and ends with
    /// BOUNDARY.
    seq: Vec<u32>,
}

impl Default for DiscoverText {
    fn default() -> Self {
        DiscoverText::new()
    }
}

impl DiscoverText {
    /// No text yet.
    pub fn new() -> Self {
        DiscoverText {
            seq: vec![BOUNDARY],
        }
    }

    /// Add one text (a document): nothing is found across its ends.
    pub fn push(&mut self, text: &str) {
        let seq = &mut self.seq;
        for c in text.chars() {
            let k = code(c).unwrap_or(if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                DIGITS
            } else if c.is_ascii_alphabetic()
                || ('Ａ'..='Ｚ').contains(&c)
                || ('ａ'..='ｚ').contains(&c)
            {
                LATIN
            } else {
                BOUNDARY
            });
            if k >= HAN || seq.last() != Some(&k) {
                seq.push(k);
            }
        }
        if seq.last() != Some(&BOUNDARY) {
            seq.push(BOUNDARY);
        }
    }
}

/// [`discover_terms_cancellable`] on texts gathered in a [`DiscoverText`].
pub fn discover_in(
    text: &DiscoverText,
    opts: &DiscoverConfig,
    jieba: &Jieba,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Candidate>> {
    if cancelled() {
        return None;
    }
    let min_len = opts.min_len.max(2);
    let max_len = opts.max_len.min(MAX_LEN);
    if min_len > max_len {
        return Some(Vec::new());
    }
    let seq = &text.seq;
    let total = seq.iter().filter(|&&c| c >= HAN).count();
    if total == 0 {
        return Some(Vec::new());
    }
    let min_count = opts.min_count.max(1) as u32;
    // Counts of the n-grams seen at least `min_count` times, n =
    // 1..=max_len: sorted (key, count). Why only those: a candidate needs
    // `min_count`, and every part of a string is seen at least as often as
    // the string, so the PMI of a candidate only asks for counts that pass
    // too; the rare tail, most of the distinct n-grams of a large corpus,
    // is never kept. For the same reason an n-gram is only counted where
    // both its (n-1)-grams are frequent (`frequent`, a bit per position),
    // which keeps the counting itself near the size of the vocabulary.
    let mut counts: Vec<Vec<(u128, u32)>> = Vec::with_capacity(max_len);
    let mut frequent: Option<Vec<u64>> = None;
    for n in 1..=max_len {
        if cancelled() {
            return None;
        }
        let (c, f) = count_frequent(seq, n, min_count, frequent.as_deref());
        counts.push(c);
        frequent = Some(f);
    }
    drop(frequent);
    let count_of = |key: u128, n: usize| -> u32 {
        let v = &counts[n - 1];
        v.binary_search_by_key(&key, |&(k, _)| k)
            .map_or(0, |i| v[i].1)
    };
    let ln_total = (total as f64).ln();
    // Candidates passing count and cohesion.
    let mut cands: Vec<(u128, usize, u32, f64)> = Vec::new();
    for n in min_len..=max_len {
        if cancelled() {
            return None;
        }
        for &(key, c) in &counts[n - 1] {
            if c < min_count {
                continue;
            }
            let chars = unpack(key, n);
            if chars.iter().all(|&c| is_numeral(c))
                || is_function(chars[0])
                || is_function(chars[n - 1])
                || chars.contains(&'的')
            {
                continue;
            }
            let mut pmi = f64::INFINITY;
            for k in 1..n {
                let a = count_of(pack(&chars[..k]), k) as f64;
                let b = count_of(pack(&chars[k..]), n - k) as f64;
                pmi = pmi.min((c as f64).ln() + ln_total - a.ln() - b.ln());
            }
            if pmi >= opts.min_pmi {
                cands.push((key, n, c, pmi));
            }
        }
    }
    if opts.exclude_known || opts.exclude_compounds {
        cands.retain(|&(key, n, _, _)| {
            let w: String = unpack(key, n).into_iter().collect();
            let known = opts.exclude_known && jieba.has_word(&w);
            let compound = opts.exclude_compounds
                && jieba
                    .cut(&w, false)
                    .iter()
                    .all(|t| t.word.chars().count() >= 2);
            !known && !compound
        });
    }
    if cands.is_empty() {
        return Some(Vec::new());
    }
    if cancelled() {
        return None;
    }
    // Left and right neighbours of each candidate's occurrences.
    let index: FxMap<(u128, usize), u32> = cands
        .iter()
        .enumerate()
        .map(|(i, &(key, n, _, _))| ((key, n), i as u32))
        .collect();
    let lens: Vec<usize> = {
        let mut l: Vec<usize> = cands.iter().map(|c| c.1).collect();
        l.sort_unstable();
        l.dedup();
        l
    };
    // Neighbours are counted per (candidate, neighbour) pair rather than
    // kept per occurrence: memory follows the distinct pairs, not the
    // corpus.
    let mut left: FxMap<u64, u32> = FxMap::default();
    let mut right: FxMap<u64, u32> = FxMap::default();
    for &n in &lens {
        if cancelled() {
            return None;
        }
        let mut key: u128 = 0;
        let mut run = 0usize;
        for i in 0..seq.len() {
            let c = seq[i];
            if c < HAN {
                run = 0;
                key = 0;
                continue;
            }
            key = ((key << BITS) | c as u128) & mask(n);
            run += 1;
            if run >= n {
                if let Some(&id) = index.get(&(key, n)) {
                    *left.entry(pair(id, seq[i + 1 - n - 1])).or_insert(0) += 1;
                    *right.entry(pair(id, seq[i + 1])).or_insert(0) += 1;
                }
            }
        }
    }
    let sorted = |m: FxMap<u64, u32>| {
        let mut v: Vec<(u64, u32)> = m.into_iter().collect();
        v.par_sort_unstable();
        v
    };
    let le = entropies(&sorted(left), cands.len());
    let re = entropies(&sorted(right), cands.len());
    let mut out: Vec<Candidate> = cands
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| le[i] >= opts.min_entropy && re[i] >= opts.min_entropy)
        .map(|(i, (key, n, c, pmi))| Candidate {
            term: unpack(key, n).into_iter().collect(),
            count: c as usize,
            pmi,
            left_entropy: le[i],
            right_entropy: re[i],
            score: (1.0 + c as f64).ln() * pmi * le[i].min(re[i]),
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.term.cmp(&b.term))
    });
    if let Some(top) = opts.top {
        out.truncate(top);
    }
    Some(out)
}

/// A user dictionary of the candidates, one `word count` line each after a
/// `#` header, in the format [`parse_user_dict`] reads.
///
/// The count is the candidate's frequency in the texts it was found in: as a
/// jieba frequency it lets the dictionary's own words compete (a word
/// entered with a frequency keeps it), so a discovered string is cut whole
/// where the statistics favour it. For words that must always stay whole,
/// load the terms without a frequency ([`SegmenterBuilder::user_words`]).
///
/// ```
/// use cipin_core::discover::{to_user_dict, Candidate};
/// use cipin_core::segment::parse_user_dict;
/// let c = Candidate { term: "共富工坊".into(), count: 12, pmi: 9.1, left_entropy: 2.0, right_entropy: 1.5, score: 34.0 };
/// let dict = to_user_dict(&[c]);
/// assert!(dict.ends_with("共富工坊 12\n"));
/// assert_eq!(parse_user_dict("d.txt", &dict).unwrap()[0].freq, Some(12));
/// ```
///
/// [`parse_user_dict`]: crate::segment::parse_user_dict
/// [`SegmenterBuilder::user_words`]: crate::segment::SegmenterBuilder::user_words
pub fn to_user_dict(candidates: &[Candidate]) -> String {
    let mut out =
        String::from("# cipin discover: word count (count = occurrences in the discovery texts)\n");
    for c in candidates {
        let _ = writeln!(out, "{} {}", c.term, c.count);
    }
    out
}

// ---------------------------------------------------------------------------

/// Separators in the code sequence: punctuation, spaces, quotes, the start
/// and end of a text (a different neighbour each time); a run of digits; a
/// run of Latin letters (each the same neighbour every time).
const BOUNDARY: u32 = 0;
const DIGITS: u32 = 1;
const LATIN: u32 = 2;
/// Han codes are at least this.
const HAN: u32 = 3;

/// Bits per packed character: Han code points minus [`BASE`] fit in 18.
const BITS: u32 = 18;
const BASE: u32 = 0x3000;
/// Longest n-gram that fits a `u128` key.
const MAX_LEN: usize = 7;

fn mask(n: usize) -> u128 {
    (1u128 << (BITS as usize * n)) - 1
}

/// The packed code of a Han character (never 0), or `None`.
fn code(c: char) -> Option<u32> {
    let u = c as u32;
    let han = matches!(u, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇';
    han.then(|| u - BASE)
}

fn pack(chars: &[char]) -> u128 {
    chars
        .iter()
        .fold(0u128, |k, &c| (k << BITS) | (c as u32 - BASE) as u128)
}

fn unpack(key: u128, n: usize) -> Vec<char> {
    (0..n)
        .rev()
        .map(|i| {
            char::from_u32(((key >> (BITS as usize * i)) as u32 & ((1 << BITS) - 1)) + BASE)
                .unwrap_or('\u{FFFD}')
        })
        .collect()
}

/// A (candidate, neighbour) pair as one key sorting as the tuple.
fn pair(id: u32, nb: u32) -> u64 {
    ((id as u64) << 32) | nb as u64
}

fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// `(i, key)` for each n-gram of `seq` that ends at position `i` and does
/// not cross a separator (a code below [`HAN`]), its characters packed
/// into `key`: one rolling pass for the counting and the marking alike.
fn ngram_keys(seq: &[u32], n: usize) -> impl Iterator<Item = (usize, u128)> + '_ {
    let (mut key, mut run) = (0u128, 0usize);
    seq.iter().enumerate().filter_map(move |(i, &c)| {
        if c < HAN {
            (key, run) = (0, 0);
            return None;
        }
        key = ((key << BITS) | c as u128) & mask(n);
        run += 1;
        (run >= n).then_some((i, key))
    })
}

/// Sorted `(key, count)` of the n-grams of `seq` that do not cross a
/// separator and are seen at least `min_count` times, and a bit per
/// position of `seq`: whether the n-gram ending there is one of them.
/// With `prev` (the bits of the (n-1)-grams), an n-gram is counted only
/// where both its (n-1)-grams are frequent: it cannot be otherwise.
fn count_frequent(
    seq: &[u32],
    n: usize,
    min_count: u32,
    prev: Option<&[u64]>,
) -> (Vec<(u128, u32)>, Vec<u64>) {
    // Whether the n-gram ending at `i` (of a run of `run` ≥ n) may be frequent.
    let may = |i: usize| prev.is_none_or(|p| bit(p, i) && bit(p, i - 1));
    // A hash map, not a sort of every occurrence: the distinct n-grams
    // counted are few (about a million at most on 57 MB of laws) next to
    // the occurrences, so this is both smaller and faster.
    let mut map: FxMap<u128, u32> = FxMap::default();
    for (i, key) in ngram_keys(seq, n) {
        if may(i) {
            *map.entry(key).or_insert(0) += 1;
        }
    }
    map.retain(|_, c| *c >= min_count);
    let mut bits = vec![0u64; seq.len().div_ceil(64)];
    if !map.is_empty() {
        for (i, key) in ngram_keys(seq, n) {
            if may(i) && map.contains_key(&key) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
    }
    let mut counts: Vec<(u128, u32)> = map.into_iter().collect();
    counts.sort_unstable();
    (counts, bits)
}

/// Entropy of each candidate's neighbours, from the sorted counts of
/// (candidate, neighbour) [`pair`]s; a [`BOUNDARY`] counts as a different
/// neighbour each time.
fn entropies(pairs: &[(u64, u32)], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n];
    let mut i = 0;
    while i < pairs.len() {
        let id = pairs[i].0 >> 32;
        let mut j = i;
        let mut total = 0u64;
        while j < pairs.len() && pairs[j].0 >> 32 == id {
            total += pairs[j].1 as u64;
            j += 1;
        }
        let total = total as f64;
        let mut h = 0.0;
        for &(k, m) in &pairs[i..j] {
            // The terms are added in the order of one sort of every
            // occurrence, so the sums are the same to the last bit.
            if k as u32 == BOUNDARY {
                for _ in 0..m {
                    let p = 1.0 / total;
                    h -= p * p.ln();
                }
            } else {
                let p = m as f64 / total;
                h -= p * p.ln();
            }
        }
        if let Some(o) = out.get_mut(id as usize) {
            *o = h;
        }
        i = j;
    }
    out
}

/// Chinese numerals, `亿` included: an all-numeral string is a number, not
/// a term.
fn is_numeral(c: char) -> bool {
    crate::segment::chars::is_cn_numeral(c) || c == '亿'
}

fn is_function(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '着'
            | '是'
            | '在'
            | '和'
            | '与'
            | '及'
            | '或'
            | '等'
            | '也'
            | '都'
            | '就'
            | '而'
            | '被'
            | '把'
            | '对'
            | '将'
            | '为'
            | '从'
            | '这'
            | '那'
            | '之'
            | '其'
            | '以'
            | '于'
            | '并'
            | '又'
            | '很'
            | '要'
            | '会'
            | '不'
            | '个'
            | '上'
            | '中'
            | '下'
    )
}

/// FxHash (rustc's hasher): fast for integer keys.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        // The product's high bits depend on all of the key, its low bits
        // only on the key's low bits, and the map takes a bucket from the
        // low bits: rotated, as rustc-hash 2 does, so that keys differing
        // in their high half only (n-grams ending in the same character,
        // (candidate, neighbour) pairs) do not all share a bucket.
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_refuses_searches_that_find_nothing() {
        let o = |f: fn(&mut DiscoverConfig)| {
            let mut o = DiscoverConfig::default();
            f(&mut o);
            o.validate().map_err(|e| e.to_string())
        };
        assert!(o(|_| {}).is_ok());
        assert!(o(|o| o.min_len = 1).is_ok());
        assert!(o(|o| o.max_len = 7).is_ok());
        assert!(o(|o| o.min_pmi = f64::NEG_INFINITY).is_ok());
        let err = |f| o(f).unwrap_err();
        assert!(err(|o| o.max_len = 8).contains("at most 7"));
        assert!(err(|o| {
            o.min_len = 5;
            o.max_len = 2
        })
        .contains("min_len (5) must not exceed max_len (2)"));
        assert!(err(|o| {
            o.min_len = 0;
            o.max_len = 1
        })
        .contains("at least 2"));
        assert!(err(|o| o.min_pmi = f64::NAN).contains("min_pmi must be a number, not NaN"));
        assert!(err(|o| o.min_entropy = f64::NAN).contains("min_entropy"));
        assert!(err(|o| o.min_pmi = f64::INFINITY).contains("finite"));
    }

    /// A small deterministic pseudo-random text over few characters, so
    /// that n-grams repeat at every length.
    fn toy_text(len: usize) -> String {
        let alphabet: Vec<char> = "共富工坊千万程，的1a".chars().collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize]
            })
            .collect()
    }

    #[test]
    fn pruned_counts_equal_full_counts_above_min_count() {
        let mut text = DiscoverText::new();
        for t in toy_text(20_000).split('，') {
            text.push(t);
        }
        let seq = &text.seq;
        for min_count in [1, 2, 5, 40] {
            let mut prev: Option<Vec<u64>> = None;
            for n in 1..=5 {
                let (got, bits) = count_frequent(seq, n, min_count, prev.as_deref());
                // Every n-gram counted naively, then the rare ones dropped.
                let mut all: HashMap<u128, u32> = HashMap::new();
                for w in seq.windows(n) {
                    if w.iter().all(|&c| c >= HAN) {
                        let k = w.iter().fold(0u128, |k, &c| (k << BITS) | c as u128);
                        *all.entry(k).or_insert(0) += 1;
                    }
                }
                let mut want: Vec<(u128, u32)> =
                    all.into_iter().filter(|&(_, c)| c >= min_count).collect();
                want.sort_unstable();
                assert_eq!(got, want, "n {n}, min_count {min_count}");
                for i in 0..seq.len() {
                    let frequent = i + 1 >= n
                        && seq[i + 1 - n..=i].iter().all(|&c| c >= HAN)
                        && want
                            .binary_search_by_key(
                                &seq[i + 1 - n..=i]
                                    .iter()
                                    .fold(0u128, |k, &c| (k << BITS) | c as u128),
                                |&(k, _)| k,
                            )
                            .is_ok();
                    assert_eq!(bit(&bits, i), frequent, "n {n} position {i}");
                }
                prev = Some(bits);
            }
        }
    }

    #[test]
    fn pack_round_trip() {
        let w: Vec<char> = "共富工坊〇𠀀".chars().collect();
        assert_eq!(unpack(pack(&w), w.len()), w);
    }

    #[test]
    fn entropy_counts_boundaries_apart() {
        // Two occurrences after a boundary: ln 2.
        let h = entropies(&[(pair(0, BOUNDARY), 2)], 1);
        assert!((h[0] - 2f64.ln()).abs() < 1e-12);
        // Two after the same character: 0.
        let h = entropies(&[(pair(0, 7), 2)], 1);
        assert_eq!(h[0], 0.0);
    }

    #[test]
    fn fragments_have_low_entropy() {
        let texts: Vec<String> = ["甲", "乙", "丙", "丁", "戊", "己"]
            .iter()
            .map(|p| format!("{p}共同富裕示范{p}，"))
            .collect();
        let opts = DiscoverConfig {
            min_count: 3,
            min_pmi: 0.0,
            exclude_known: false,
            ..Default::default()
        };
        let found = discover_terms(&texts, &opts);
        let terms: Vec<&str> = found.iter().map(|c| c.term.as_str()).collect();
        assert!(terms.contains(&"共同富裕示范"), "{terms:?}");
        assert!(!terms.contains(&"共同富裕示"), "{terms:?}");
        assert!(!terms.contains(&"同富裕示范"), "{terms:?}");
    }

    #[test]
    fn deterministic_and_empty_inputs() {
        let texts = ["", "abc 123", "，。"];
        assert!(discover_terms(&texts, &DiscoverConfig::default()).is_empty());
        let t = vec![
            "千万工程牵引，深化千万工程。千万工程好，推进千万工程！抓千万工程".to_string();
            3
        ];
        let opts = DiscoverConfig {
            min_count: 2,
            min_entropy: 0.5,
            ..Default::default()
        };
        assert_eq!(discover_terms(&t, &opts), discover_terms(&t, &opts));
    }
}
