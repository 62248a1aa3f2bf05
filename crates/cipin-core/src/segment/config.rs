//! The segmenter's settings as one plain struct, [`SegmenterConfig`]: what
//! the CLI's flags (one group, flattened into every command that segments)
//! and Python's `Segmenter(...)` keywords fill in, and what
//! [`super::SegmenterBuilder`] keeps. Every field says what it turns on
//! (no negated flags), and `Default` is the segmenter of every surface.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Mode, Segmenter};
use crate::error::Result;
use crate::normalize::Normalizer;

/// A segmenter's settings; [`SegmenterConfig::build`] makes the segmenter.
///
/// ```
/// use cipin_core::segment::{Mode, SegmenterConfig};
///
/// let c = SegmenterConfig::default();
/// assert!(c.hmm && c.keep_terms && c.keep_numbers && !c.pos && c.mode == Mode::Precise);
/// assert!(c.compound.is_empty());
/// let jieba: SegmenterConfig =
///     serde_json::from_str(r#"{"keep_terms": false, "keep_numbers": false}"#).unwrap();
/// let words: Vec<String> = jieba.build().unwrap().cut("2025年").iter().map(|t| t.word.into()).collect();
/// assert_eq!(words, ["2025", "年"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SegmenterConfig {
    /// Segmentation mode.
    pub mode: Mode,
    /// Use the HMM for words not in the dictionary (as jieba).
    pub hmm: bool,
    /// Tag parts of speech (precise mode only).
    pub pos: bool,
    /// The normalisation of the text before it is cut (all rules on).
    pub normalize: Normalizer,
    /// Keep quoted slogans and numbered expressions whole
    /// ([`super::SegmenterBuilder::keep_terms`]).
    pub keep_terms: bool,
    /// Keep numbers with their units whole
    /// ([`super::SegmenterBuilder::keep_numbers`]).
    pub keep_numbers: bool,
    /// Take the HMM's glued words apart again
    /// ([`super::SegmenterBuilder::strict_hmm`]); `None`: on unless
    /// `keep_terms` and `keep_numbers` are both off (jieba's own
    /// segmentation).
    pub strict_hmm: Option<bool>,
    /// User dictionary files (`word [freq] [tag]` per line), read by `build`.
    pub user_dicts: Vec<PathBuf>,
    /// Multi-word expressions joined into one token after segmentation,
    /// written joined (`高质量发展`; [`super::compound`]). None by default.
    pub compound: Vec<String>,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        SegmenterConfig {
            mode: Mode::Precise,
            hmm: true,
            pos: false,
            normalize: Normalizer::default(),
            keep_terms: true,
            keep_numbers: true,
            strict_hmm: None,
            user_dicts: Vec::new(),
            compound: Vec::new(),
        }
    }
}

impl SegmenterConfig {
    /// The segmenter these settings describe.
    pub fn build(&self) -> Result<Segmenter> {
        Segmenter::builder().config(self.clone()).build()
    }
}
