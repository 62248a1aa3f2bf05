//! The tokens a [`Segmenter`](super::Segmenter) yields: borrowed from the
//! text ([`Token`]) or owning their word ([`OwnedToken`]).

use serde::Serialize;

/// A token borrowed from the segmented text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The word.
    pub word: &'a str,
    /// Character offset of its first character in the text.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
    /// POS tag (jieba's ICTCLAS-style tag set) when tagging is on.
    pub pos: Option<&'a str>,
}

/// A token that owns its word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnedToken {
    /// The word (normalised when the segmenter normalises).
    pub word: String,
    /// Character offset of its first character in the original text.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
    /// POS tag when tagging is on.
    pub pos: Option<String>,
}

impl From<Token<'_>> for OwnedToken {
    fn from(t: Token<'_>) -> Self {
        OwnedToken {
            word: t.word.to_string(),
            start: t.start,
            end: t.end,
            pos: t.pos.map(str::to_string),
        }
    }
}
