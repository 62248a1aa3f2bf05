//! User dictionaries: their format, reading them, and how their words
//! combine with the built-in dictionary.
//!
//! One entry per line: `word [freq] [tag]`, separated by spaces or tabs;
//! UTF-8 or GB18030, BOM and CRLF tolerated, blank lines and `#` comments
//! skipped. A malformed line is an error naming the file and line.
//!
//! How a user word's frequency combines with the built-in dictionary (Python
//! jieba silently overwrites it, its most frequent complaint):
//!
//! * **With a frequency**, the user's frequency *replaces* the built-in one,
//!   as in jieba: `深化 5` makes 深化 rarer than before. Give a large number
//!   to force a word to be kept whole.
//! * **Without a frequency**, the word gets `max(built-in frequency,
//!   suggest_freq(word))`: high enough to be cut as one word where the
//!   dictionary allows it, and never lower than it was. A listed word is
//!   therefore never weakened by accident.
//! * **A tag** replaces the built-in tag for POS output; without one, a
//!   known word keeps its tag and a new word gets `x` (as Python's posseg).
//!
//! Later files and later lines win.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;

use super::jieba::default_jieba;
use crate::error::{Error, Result};

/// A user dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserWord {
    /// The word.
    pub word: String,
    /// Its frequency, if given.
    pub freq: Option<usize>,
    /// Its POS tag, if given.
    pub tag: Option<String>,
}

/// Parse a user dictionary text (see the module docs for the format).
///
/// ```
/// use cipin_core::segment::parse_user_dict;
/// let words = parse_user_dict("d.txt", "\u{FEFF}千万工程 100 n\r\n三大差距\n# note\n").unwrap();
/// assert_eq!(words.len(), 2);
/// assert_eq!(words[0].freq, Some(100));
/// let err = parse_user_dict("d.txt", "好词 1x\n").unwrap_err();
/// assert_eq!(err.to_string(), "d.txt:1: bad user dictionary entry `好词 1x`: expected `word [freq] [tag]` with freq a whole number and tag letters");
/// ```
pub fn parse_user_dict(name: &str, text: &str) -> Result<Vec<UserWord>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{FEFF}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            Error::Dictionary {
            file: name.to_string(),
            line: i + 1,
            message: format!(
                "bad user dictionary entry `{line}`: expected `word [freq] [tag]` with freq a whole number and tag letters"
            ),
        }
        };
        let parts: Vec<&str> = line.split_whitespace().collect();
        let is_tag = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic());
        let (freq, tag) = match parts.as_slice() {
            [_] => (None, None),
            [_, f] if f.chars().all(|c| c.is_ascii_digit()) => {
                (Some(f.parse().map_err(|_| bad())?), None)
            }
            [_, t] if is_tag(t) => (None, Some(t.to_string())),
            [_, f, t] if f.chars().all(|c| c.is_ascii_digit()) && is_tag(t) => {
                (Some(f.parse().map_err(|_| bad())?), Some(t.to_string()))
            }
            _ => return Err(bad()),
        };
        out.push(UserWord {
            word: parts[0].to_string(),
            freq,
            tag,
        });
    }
    Ok(out)
}

/// Read a user dictionary file (UTF-8 or GB18030).
pub fn read_user_dict(path: impl AsRef<Path>) -> Result<Vec<UserWord>> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    let doc = crate::read::decode(&name, &bytes, &crate::read::ReadOptions::default())?;
    parse_user_dict(&name, &doc.text)
}

/// The default dictionary with `entries` added in order (later entries
/// win), and the POS tags the user words carry (`x` for a new word without
/// one): see the module docs for how frequencies combine. Without entries,
/// the shared default dictionary itself.
pub(super) fn with_user_words(entries: &[UserWord]) -> (Arc<Jieba>, HashMap<String, String>) {
    let mut tags = HashMap::new();
    let jieba = if entries.is_empty() {
        default_jieba()
    } else {
        let mut j = (*default_jieba()).clone();
        for e in entries {
            let freq = e.freq.unwrap_or_else(|| j.suggest_freq(&e.word));
            let known = j.has_word(&e.word);
            j.add_word(&e.word, Some(freq), e.tag.as_deref().or(Some("x")));
            match (&e.tag, known) {
                (Some(t), _) => {
                    tags.insert(e.word.clone(), t.clone());
                }
                (None, false) => {
                    tags.insert(e.word.clone(), "x".to_string());
                }
                (None, true) => {}
            }
        }
        Arc::new(j)
    };
    (jieba, tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::test_support::words;
    use crate::segment::Segmenter;

    #[test]
    fn user_word_frequency_semantics() {
        // Without a frequency the word is kept whole and a known word is never weakened.
        let seg = Segmenter::builder()
            .user_words(["三大差距"])
            .build()
            .unwrap();
        assert!(words(&seg, "缩小三大差距").contains(&"三大差距".to_string()));
        let before = default_jieba().suggest_freq("发展");
        let seg = Segmenter::builder().user_words(["发展"]).build().unwrap();
        assert!(seg.jieba().suggest_freq("发展") >= before);
        // With a frequency it replaces the built-in one.
        let seg = Segmenter::builder()
            .user_entries([UserWord {
                word: "千万工程".into(),
                freq: Some(1_000_000),
                tag: Some("nz".into()),
            }])
            .pos(true)
            .build()
            .unwrap();
        let t = seg.cut("千万工程");
        assert_eq!((t[0].word, t[0].pos), ("千万工程", Some("nz")));
    }

    #[test]
    fn user_dict_errors_name_line() {
        let err = parse_user_dict("u.txt", "好\n好词 12 n extra\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("u.txt:2: bad user dictionary entry"));
        let ok = parse_user_dict("u.txt", "词 n\n词二 3\n").unwrap();
        assert_eq!(ok[0].tag.as_deref(), Some("n"));
        assert_eq!(ok[1].freq, Some(3));
    }
}
