//! The filters shared by every table.
//!
//! A [`Filter`] decides which tokens are counted (token filters: stopwords,
//! POS tags, length, punctuation, numbers, whitespace) and which rows a table
//! keeps (row filters: `min_count`, `min_df`, `max_df`).
//!
//! Token filters are applied to the *normalised* word (full-width forms made
//! ASCII, traditional characters made simplified), before anything is
//! counted: a dropped token counts nowhere, and the totals behind `share`,
//! `tf` and the keyness statistics are totals of *kept* tokens. In n-grams,
//! collocations and sentence-bound analyses a dropped token also breaks
//! adjacency, so no n-gram is ever made of words that were not next to each
//! other in the text.
//!
//! ```
//! use cipin_tables::filter::{DfLimit, Filter, StopwordList};
//!
//! let f = Filter::default();
//! assert!(!f.keep_term("的") && !f.keep_term("，") && f.keep_term("发展") && f.keep_term("2024"));
//! let f = Filter { stopwords: StopwordList::None, drop_numbers: true, min_len: 2, ..Filter::default() };
//! assert!(f.keep_term("我们") && !f.keep_term("2024") && !f.keep_term("党"));
//! assert_eq!("0.5".parse::<DfLimit>().unwrap(), DfLimit::Fraction(0.5));
//! assert_eq!("3".parse::<DfLimit>().unwrap(), DfLimit::Count(3));
//! ```

use std::sync::Arc;

use cipin_core::stopwords::{is_number, is_punct_or_space, is_space, Stopwords};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The stopword list table `table` uses when none is given: `"none"` for
/// n-grams (的 and 了 are part of many set phrases), slogans (a quoted
/// slogan is kept whatever its words) and dictionaries (a dictionary counts
/// what it lists, function words included), `"default"` for every other.
///
/// ```
/// use cipin_tables::filter::default_stopwords;
///
/// assert_eq!(default_stopwords("ngrams"), "none");
/// assert_eq!(default_stopwords("frequency"), "default");
/// ```
pub fn default_stopwords(table: &str) -> &'static str {
    match table {
        // Lexical diversity and readability count every word a text uses,
        // function words too.
        "ngrams" | "slogans" | "count_dictionary" | "dictionary_matches" | "lexdiv"
        | "readability" => "none",
        _ => "default",
    }
}

/// Which stopwords to drop.
#[derive(Debug, Clone, Default)]
pub enum StopwordList {
    /// cipin's default list (closed-class function words; see
    /// [`cipin_core::stopwords`]).
    #[default]
    Default,
    /// Drop no stopwords.
    None,
    /// A list of one's own (replaces the default list).
    Custom(Arc<Stopwords>),
}

impl StopwordList {
    /// A list of the given words.
    pub fn words<I, S>(words: I) -> StopwordList
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        StopwordList::Custom(Arc::new(Stopwords::from_words(words)))
    }

    /// `default`, `none`, or a file with one word per line.
    pub fn parse(spec: &str) -> Result<StopwordList> {
        match spec {
            "default" => Ok(StopwordList::Default),
            "none" => Ok(StopwordList::None),
            path => Ok(StopwordList::Custom(Arc::new(Stopwords::from_file(path)?))),
        }
    }

    /// The list itself (`None` when nothing is dropped).
    pub fn list(&self) -> Option<&Stopwords> {
        match self {
            StopwordList::Default => Some(Stopwords::default_list()),
            StopwordList::None => None,
            StopwordList::Custom(s) => Some(s),
        }
    }

    /// This list with `extra` words added.
    pub fn with_extra<I, S>(&self, extra: I) -> StopwordList
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let extra: Vec<String> = extra.into_iter().map(Into::into).collect();
        if extra.is_empty() {
            return self.clone();
        }
        let mut words: Vec<String> = self
            .list()
            .map(|l| l.words().into_iter().map(String::from).collect())
            .unwrap_or_default();
        words.extend(extra);
        StopwordList::words(words)
    }
}

/// A limit on document frequency: an absolute number of documents, or a
/// fraction of them (as scikit-learn's `min_df`/`max_df`: a value written
/// with a decimal point is a fraction in `[0, 1]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DfLimit {
    /// At least / at most this many documents.
    Count(u64),
    /// At least / at most this fraction of the documents.
    Fraction(f64),
}

impl DfLimit {
    /// Whether `df` out of `n_docs` is at least this limit.
    pub fn at_least(&self, df: u64, n_docs: u64) -> bool {
        match *self {
            DfLimit::Count(c) => df >= c,
            DfLimit::Fraction(f) => df as f64 >= f * n_docs as f64,
        }
    }

    /// Whether `df` out of `n_docs` is at most this limit.
    pub fn at_most(&self, df: u64, n_docs: u64) -> bool {
        match *self {
            DfLimit::Count(c) => df <= c,
            DfLimit::Fraction(f) => df as f64 <= f * n_docs as f64,
        }
    }
}

impl std::str::FromStr for DfLimit {
    type Err = Error;
    fn from_str(s: &str) -> Result<DfLimit> {
        let bad = || {
            Error::invalid(format!(
                "bad document-frequency limit `{s}`: expected a whole number of documents or a fraction such as 0.5"
            ))
        };
        if s.contains('.') || s.contains('e') {
            let f: f64 = s.parse().map_err(|_| bad())?;
            if !(0.0..=1.0).contains(&f) {
                return Err(bad());
            }
            Ok(DfLimit::Fraction(f))
        } else {
            s.parse().map(DfLimit::Count).map_err(|_| bad())
        }
    }
}

/// The filter's settings as plain data (a stopword list by name rather than
/// loaded): what the CLI's filter flags and Python's keywords fill in, in
/// one place each; [`FilterConfig::build`] makes the [`Filter`]. `Default`
/// is [`Filter::default`].
///
/// ```
/// use cipin_tables::filter::{DfLimit, FilterConfig};
///
/// let c: FilterConfig = serde_json::from_str(
///     r#"{"stopwords": "none", "extra_stopwords": ["的"], "min_df": 2, "max_df": 0.5}"#,
/// ).unwrap();
/// assert_eq!((c.min_df, c.max_df), (DfLimit::Count(2), DfLimit::Fraction(0.5)));
/// let f = c.build().unwrap();
/// assert!(!f.keep_term("的") && f.keep_term("了"));
/// let bad = FilterConfig { max_df: DfLimit::Fraction(1.5), ..FilterConfig::default() };
/// assert!(bad.build().unwrap_err().to_string().contains("max_df"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterConfig {
    /// `default` (cipin's list), `none`, or the path of a word list.
    pub stopwords: String,
    /// More stopwords, added to the list.
    pub extra_stopwords: Vec<String>,
    /// Keep only tokens with one of these POS tags (empty: no restriction).
    pub pos_include: Vec<String>,
    /// Drop tokens with one of these POS tags.
    pub pos_exclude: Vec<String>,
    /// Minimum length of a token, in characters (0 is 1).
    pub min_len: usize,
    /// Drop punctuation and symbols.
    pub drop_punct: bool,
    /// Drop numbers.
    pub drop_numbers: bool,
    /// Drop whitespace tokens.
    pub drop_space: bool,
    /// Keep rows counted at least this often.
    pub min_count: u64,
    /// Keep rows in at least this many (an integer) or this share (a
    /// fraction in `[0, 1]`) of documents.
    pub min_df: DfLimit,
    /// Keep rows in at most this many or this share of documents.
    pub max_df: DfLimit,
}

impl Default for FilterConfig {
    fn default() -> Self {
        let f = Filter::default();
        FilterConfig {
            stopwords: "default".into(),
            extra_stopwords: Vec::new(),
            pos_include: f.pos_include,
            pos_exclude: f.pos_exclude,
            min_len: f.min_len,
            drop_punct: f.drop_punct,
            drop_numbers: f.drop_numbers,
            drop_space: f.drop_space,
            min_count: f.min_count,
            min_df: f.min_df,
            max_df: f.max_df,
        }
    }
}

impl FilterConfig {
    /// The filter these settings describe (reading a stopword file); an
    /// error for a share of documents outside `[0, 1]`.
    pub fn build(&self) -> Result<Filter> {
        for (name, limit) in [("min_df", self.min_df), ("max_df", self.max_df)] {
            if let DfLimit::Fraction(f) = limit {
                if !(0.0..=1.0).contains(&f) {
                    return Err(Error::invalid(format!(
                        "{name} as a float is a share of documents in [0, 1], not {f} (pass an int for a number of documents)"
                    )));
                }
            }
        }
        let list = StopwordList::parse(&self.stopwords)?;
        Ok(Filter {
            stopwords: list.with_extra(
                self.extra_stopwords
                    .iter()
                    .filter(|w| !w.is_empty())
                    .cloned(),
            ),
            pos_include: self.pos_include.clone(),
            pos_exclude: self.pos_exclude.clone(),
            min_len: self.min_len.max(1),
            drop_punct: self.drop_punct,
            drop_numbers: self.drop_numbers,
            drop_space: self.drop_space,
            min_count: self.min_count,
            min_df: self.min_df,
            max_df: self.max_df,
        })
    }
}

/// Token and row filters; see the module docs.
///
/// The default drops cipin's default stopwords, punctuation and
/// whitespace, keeps numbers, and keeps every row.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Stopwords to drop.
    pub stopwords: StopwordList,
    /// Keep only tokens with one of these POS tags (empty: no restriction).
    /// Needs a segmenter built with `.pos(true)`.
    pub pos_include: Vec<String>,
    /// Drop tokens with one of these POS tags. Needs POS tagging.
    pub pos_exclude: Vec<String>,
    /// Minimum length of a token, in characters.
    pub min_len: usize,
    /// Drop tokens made of punctuation and symbols only.
    pub drop_punct: bool,
    /// Drop numbers (`2024`, `3.5%`, `二十`; see [`is_number`]).
    pub drop_numbers: bool,
    /// Drop whitespace tokens.
    pub drop_space: bool,
    /// Keep rows counted at least this often.
    pub min_count: u64,
    /// Keep rows found in at least this many (or this share of) documents.
    pub min_df: DfLimit,
    /// Keep rows found in at most this many (or this share of) documents.
    pub max_df: DfLimit,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            stopwords: StopwordList::Default,
            pos_include: Vec::new(),
            pos_exclude: Vec::new(),
            min_len: 1,
            drop_punct: true,
            drop_numbers: false,
            drop_space: true,
            min_count: 1,
            min_df: DfLimit::Count(0),
            max_df: DfLimit::Fraction(1.0),
        }
    }
}

impl Filter {
    /// A filter that keeps every token and every row (only whitespace is
    /// dropped).
    pub fn keep_all() -> Filter {
        Filter {
            stopwords: StopwordList::None,
            drop_punct: false,
            ..Filter::default()
        }
    }

    /// Whether the filter looks at POS tags.
    pub fn needs_pos(&self) -> bool {
        !self.pos_include.is_empty() || !self.pos_exclude.is_empty()
    }

    /// The segmenter settings a count with this filter needs: `config`,
    /// tagging while segmenting when the filter selects by POS tag (in
    /// precise mode, the one that tags). The CLI and Python both build
    /// their segmenter from this, so `pos=` works without `pos_tag=`.
    ///
    /// ```
    /// use cipin_core::segment::SegmenterConfig;
    /// use cipin_tables::filter::{Filter, FilterConfig};
    /// let nouns = FilterConfig { pos_include: vec!["n".into()], ..Default::default() }.build().unwrap();
    /// assert!(nouns.segmenter_config(SegmenterConfig::default()).pos);
    /// assert!(!Filter::default().segmenter_config(SegmenterConfig::default()).pos);
    /// ```
    pub fn segmenter_config(
        &self,
        config: cipin_core::segment::SegmenterConfig,
    ) -> cipin_core::segment::SegmenterConfig {
        let pos =
            config.pos || (self.needs_pos() && config.mode == cipin_core::segment::Mode::Precise);
        cipin_core::segment::SegmenterConfig { pos, ..config }
    }

    /// Whether a (normalised) word passes the token filters that do not
    /// depend on its POS tag.
    pub fn keep_term(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        if is_space(word) {
            return !self.drop_space;
        }
        if self.drop_punct && is_punct_or_space(word) {
            return false;
        }
        if self.drop_numbers && is_number(word) {
            return false;
        }
        if self.min_len > 1 && word.chars().count() < self.min_len {
            return false;
        }
        match self.stopwords.list() {
            Some(list) => !list.contains(word),
            None => true,
        }
    }

    /// Whether a POS tag passes the POS filters (a missing tag passes only
    /// when there are none).
    pub fn keep_pos(&self, pos: Option<&str>) -> bool {
        if !self.needs_pos() {
            return true;
        }
        let Some(p) = pos else { return false };
        (self.pos_include.is_empty() || self.pos_include.iter().any(|x| x == p))
            && !self.pos_exclude.iter().any(|x| x == p)
    }

    /// Whether a row counted `count` times in `df` of `n_docs` documents
    /// passes the row filters.
    pub fn keep_row(&self, count: u64, df: u64, n_docs: u64) -> bool {
        count >= self.min_count
            && self.min_df.at_least(df, n_docs)
            && self.max_df.at_most(df, n_docs)
    }

    /// Check the filter against a segmenter: POS filters need POS tags,
    /// and tags the segmenter never gives (a typo: `zz`, `N`) are an error
    /// rather than a table with no rows.
    pub fn check(&self, seg: &cipin_core::segment::Segmenter) -> Result<()> {
        if self.needs_pos() && !seg.pos() {
            return Err(Error::invalid(
                "POS filters need a segmenter that tags parts of speech (Segmenter::builder().pos(true))",
            ));
        }
        if let Some(t) = self
            .pos_include
            .iter()
            .chain(&self.pos_exclude)
            .find(|t| !seg.knows_tag(t))
        {
            return Err(Error::invalid(format!(
                "unknown POS tag `{t}` (the tags are {}, and those of user words)",
                cipin_core::posseg::builtin_tags().join(", ")
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_classes() {
        let f = Filter::default();
        for w in ["，", "“", " ", "\n", "", "的", "了"] {
            assert!(!f.keep_term(w), "{w:?}");
        }
        let all = Filter::keep_all();
        assert!(all.keep_term("，") && all.keep_term("的") && !all.keep_term(" "));
        let spaces = Filter {
            drop_space: false,
            ..Filter::keep_all()
        };
        assert!(spaces.keep_term(" "));
    }

    #[test]
    fn pos_filters() {
        let f = Filter {
            pos_include: vec!["n".into(), "v".into()],
            pos_exclude: vec!["v".into()],
            ..Filter::default()
        };
        assert!(
            f.keep_pos(Some("n"))
                && !f.keep_pos(Some("v"))
                && !f.keep_pos(Some("a"))
                && !f.keep_pos(None)
        );
        assert!(Filter::default().keep_pos(None));
        assert!(f.check(&cipin_core::segment::Segmenter::default()).is_err());
        let tagger = cipin_core::segment::Segmenter::builder()
            .pos(true)
            .build()
            .unwrap();
        assert!(f.check(&tagger).is_ok());
        let typo = Filter {
            pos_exclude: vec!["zz".into()],
            ..f.clone()
        };
        let err = typo.check(&tagger).unwrap_err().to_string();
        assert!(
            err.starts_with("unknown POS tag `zz` (the tags are a, ad,"),
            "{err}"
        );
    }

    #[test]
    fn df_limits() {
        assert!(DfLimit::Fraction(0.5).at_most(5, 10) && !DfLimit::Fraction(0.5).at_most(6, 10));
        assert!(DfLimit::Count(2).at_least(2, 10) && !DfLimit::Count(2).at_least(1, 10));
        assert!("1.5".parse::<DfLimit>().is_err() && "x".parse::<DfLimit>().is_err());
        let f = Filter {
            min_count: 2,
            max_df: DfLimit::Count(3),
            ..Filter::default()
        };
        assert!(f.keep_row(2, 3, 10) && !f.keep_row(1, 1, 10) && !f.keep_row(5, 4, 10));
    }

    #[test]
    fn extra_stopwords() {
        let l = StopwordList::Default.with_extra(["发展"]);
        let sw = l.list().unwrap();
        assert!(sw.contains("发展") && sw.contains("的"));
        assert!(StopwordList::None
            .with_extra(["x"])
            .list()
            .unwrap()
            .contains("x"));
    }
}
