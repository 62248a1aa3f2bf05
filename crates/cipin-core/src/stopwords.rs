//! Stopwords and token classes.
//!
//! The default list (`data/stopwords.txt` in this crate, embedded in the
//! binary) holds closed-class Chinese function words: particles, modal
//! particles, prepositions, conjunctions, pronouns and demonstratives, the
//! copula and common auxiliaries, degree and linking adverbs, and bare
//! numerals and classifiers. Frequent *content* words of policy text (发展,
//! 建设, 工作) are deliberately kept. Punctuation, symbols and whitespace are
//! recognised by rule ([`is_punct_or_space`]) rather than listed.
//!
//! A list is replaced, not extended, by [`Stopwords::from_file`] or
//! [`Stopwords::from_words`]; [`Stopwords::none`] stops nothing.
//!
//! ```
//! use cipin_core::stopwords::{is_punct_or_space, Stopwords};
//!
//! let sw = Stopwords::default_list();
//! assert!(sw.contains("的") && sw.contains("我们"));
//! assert!(!sw.contains("发展"));
//! assert!(is_punct_or_space("，“") && !is_punct_or_space("共富"));
//! let mine = Stopwords::from_words(["黄岩"]);
//! assert!(mine.contains("黄岩") && !mine.contains("的"));
//! ```

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, Result};

const DEFAULT_LIST: &str = include_str!("../data/stopwords.txt");

/// A set of stopwords.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stopwords {
    words: HashSet<String>,
}

impl Stopwords {
    /// The embedded default list.
    pub fn default_list() -> &'static Stopwords {
        static LIST: OnceLock<Stopwords> = OnceLock::new();
        LIST.get_or_init(|| Stopwords::parse(DEFAULT_LIST))
    }

    /// The text of the embedded default list (one word per line, `#` comments).
    pub fn default_text() -> &'static str {
        DEFAULT_LIST
    }

    /// An empty list.
    pub fn none() -> Stopwords {
        Stopwords::default()
    }

    /// A list of the given words.
    pub fn from_words<I, S>(words: I) -> Stopwords
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Stopwords {
            words: words.into_iter().map(Into::into).collect(),
        }
    }

    /// Read a list: one word per line, UTF-8 (BOM and CRLF tolerated), blank
    /// lines and lines starting with `#` ignored.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Stopwords> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let opts = crate::read::ReadOptions {
            encoding: crate::read::Encoding::Auto,
            ..Default::default()
        };
        let doc = crate::read::decode(&path.display().to_string(), &bytes, &opts)?;
        Ok(Stopwords::parse(&doc.text))
    }

    fn parse(text: &str) -> Stopwords {
        Stopwords::from_words(
            text.lines()
                .map(|l| l.trim_start_matches('\u{FEFF}').trim())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        )
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, sorted.
    pub fn words(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.words.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// Whether a character is punctuation, a symbol or whitespace.
pub fn is_punct_char(c: char) -> bool {
    if c.is_whitespace() || c.is_ascii_punctuation() {
        return true;
    }
    let u = c as u32;
    matches!(u,
        0x2000..=0x206F   // general punctuation: — … “ ” ‘ ’ ‰ and spaces
        | 0x2190..=0x21FF // arrows
        | 0x2500..=0x25FF // box drawing, shapes: ■ ● ◆ △
        | 0x2600..=0x27BF // misc symbols, dingbats: ★ ☆
        | 0x3000..=0x3003 // ideographic space, 、 。 〃
        | 0x3008..=0x3011 // 〈〉《》「」『』【】
        | 0x3014..=0x301F // 〔〕〖〗〘〙〚〛〜〝〞〟
        | 0x30FB          // ・
        | 0xFE10..=0xFE1F // vertical forms
        | 0xFE30..=0xFE4F // CJK compatibility forms
        | 0xFE50..=0xFE6F // small forms
        | 0xFF01..=0xFF0F // ！＂＃＄％＆＇（）＊＋，－．／
        | 0xFF1A..=0xFF20 // ：；＜＝＞？＠
        | 0xFF3B..=0xFF40 // ［＼］＾＿｀
        | 0xFF5B..=0xFF65 // ｛｜｝～ and half-width 。「」、・
        | 0xFFE0..=0xFFEE // full-width ￥ etc.
        | 0x00A0..=0x00BF // Latin-1 punctuation and symbols
        | 0x00D7 | 0x00F7
    )
}

/// Whether a token is made of punctuation, symbols and whitespace only
/// (the empty string counts).
pub fn is_punct_or_space(word: &str) -> bool {
    word.chars().all(is_punct_char)
}

/// Whether a token is whitespace only.
pub fn is_space(word: &str) -> bool {
    word.chars().all(char::is_whitespace)
}

/// Whether a token is a number: digits (ASCII or full-width) with `.,%`
/// inside, or Chinese numerals only (`二十`, `三千万`).
///
/// ```
/// use cipin_core::stopwords::is_number;
/// assert!(is_number("2024") && is_number("3.5%") && is_number("１７") && is_number("二十"));
/// assert!(!is_number("2024年") && !is_number("共富"));
/// ```
pub fn is_number(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let digits = word
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits {
        return word.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(c, '.' | ',' | '%' | '．' | '，' | '％' | '-' | '+')
        });
    }
    word.chars()
        .all(|c| "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_list_loads_and_skips_comments() {
        let sw = Stopwords::default_list();
        assert!(sw.len() > 200);
        assert!(!sw.contains("# 助词 particles"));
        assert!(!sw.words().iter().any(|w| w.starts_with('#')));
        for content in ["发展", "建设", "工作", "共同富裕", "差距"] {
            assert!(!sw.contains(content), "{content}");
        }
    }

    #[test]
    fn punct_classes() {
        for p in [
            "，", "。", "“", "”", "（", "）", "■", "——", "……", " ", "\n", "《", "》", "、", "%",
        ] {
            assert!(is_punct_or_space(p), "{p:?}");
        }
        for w in ["共富", "4+1", "a", "２"] {
            assert!(!is_punct_or_space(w), "{w:?}");
        }
    }

    #[test]
    fn from_file_bom_crlf() {
        let p = std::env::temp_dir().join("cipin-stop-test.txt");
        std::fs::write(&p, "\u{FEFF}黄岩\r\n# c\r\n\r\n西城\r\n").unwrap();
        let sw = Stopwords::from_file(&p).unwrap();
        assert_eq!(sw.words(), vec!["西城", "黄岩"]);
    }
}
