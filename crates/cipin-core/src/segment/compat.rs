//! Jieba compatibility: where jieba-rs cuts differently from Python jieba
//! 0.42.1 and the segmenter, asked to cut as Python does
//! ([`SegmenterBuilder::keep_numbers`](super::SegmenterBuilder::keep_numbers)
//! off), follows Python: identifiers that jieba-rs's HMM path joins are cut
//! into `finalseg`'s pieces, and search mode adds the dictionary words
//! inside them.

use super::{Segmenter, Token};

/// Whether `word` is an identifier jieba-rs's HMM path joined and Python
/// jieba does not: ASCII, starting with a letter or digit, with a `.`, `_`
/// or `-` inside.
fn is_joined_identifier(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() > 2
        && b[0].is_ascii_alphanumeric()
        && word.is_ascii()
        && b.iter().any(|&c| matches!(c, b'.' | b'_' | b'-'))
}

/// `word` cut as Python jieba's `finalseg` cuts a non-Chinese run:
/// `re.split(r"([a-zA-Z0-9]+(?:\.\d+)?%?)", word)` without the empty
/// pieces, so `v1.2.3` is `v1.2`, `.`, `3`.
fn python_skip_pieces(word: &str) -> Vec<&str> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut gap) = (0, 0);
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < b.len() && b[i] == b'%' {
            i += 1;
        }
        if gap < start {
            out.push(&word[gap..start]);
        }
        out.push(&word[start..i]);
        gap = i;
    }
    if gap < b.len() {
        out.push(&word[gap..]);
    }
    out
}

impl Segmenter {
    /// `t` as Python jieba's HMM path leaves it: an identifier jieba-rs
    /// joined cut into `finalseg`'s pieces, any other token as it is.
    pub(super) fn python_pieces<'a>(&self, t: Token<'a>, f: &mut impl FnMut(Token<'a>)) {
        if !is_joined_identifier(t.word) || self.jieba.has_word(t.word) {
            return f(t);
        }
        // ASCII: characters are bytes.
        let mut start = t.start;
        for piece in python_skip_pieces(t.word) {
            f(Token {
                word: piece,
                start,
                end: start + piece.len(),
                pos: None,
            });
            start += piece.len();
        }
    }

    /// The dictionary words of two and three characters inside `w`, as
    /// Python jieba's `cut_for_search` yields them before `w` itself.
    pub(super) fn search_grams<'a>(&self, w: &Token<'a>, f: &mut impl FnMut(Token<'a>)) {
        let n = w.end - w.start;
        if n <= 2 {
            return;
        }
        let bounds: Vec<usize> = w
            .word
            .char_indices()
            .map(|(i, _)| i)
            .chain([w.word.len()])
            .collect();
        for len in [2, 3] {
            if n <= len {
                break;
            }
            for i in 0..=n - len {
                let gram = &w.word[bounds[i]..bounds[i + len]];
                if self.jieba.has_word(gram) {
                    f(Token {
                        word: gram,
                        start: w.start + i,
                        end: w.start + i + len,
                        pos: None,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::test_support::{assert_offsets, jieba_like, words};
    use crate::segment::Mode;

    #[test]
    fn identifiers_split_as_python_jieba_when_numbers_are_not_kept() {
        // Expected lines from Python jieba 0.42.1 `jieba.cut(s)`.
        let s = "访问www.people.com.cn和happynewyear.txt.vbs，版本v1.2.3，增长5-10%。";
        let seg = jieba_like(Mode::Precise, true);
        assert_eq!(
            words(&seg, s).join("  "),
            "访问  www  .  people  .  com  .  cn  和  happynewyear  .  txt  .  vbs  ，  版本  v1.2  .  3  ，  增长  5  -  10%  。"
        );
        assert_offsets(&seg, s);
        // Kept whole by default, and without the HMM as Python does too.
        assert!(words(&Segmenter::default(), s).contains(&"www.people.com.cn".to_string()));
        assert!(words(&jieba_like(Mode::Precise, false), s)
            .join(" ")
            .contains("www . people . com . cn"));
    }

    #[test]
    fn search_mode_as_python_jieba_when_numbers_are_not_kept() {
        // Expected line from Python jieba 0.42.1 `jieba.cut_for_search(s)`.
        let s = "访问www.people.com.cn，比分7-6，中华人民共和国成立。";
        let seg = jieba_like(Mode::Search, true);
        assert_eq!(
            words(&seg, s).join("  "),
            "访问  www  .  people  .  com  .  cn  ，  比分  7  -  6  ，  中华  华人  人民  共和  共和国  中华人民共和国  成立  。"
        );
        assert_offsets(&seg, s);
    }

    #[test]
    fn python_skip_pieces_follow_the_regex() {
        let cases: &[(&str, &[&str])] = &[
            ("v1.2.3", &["v1.2", ".", "3"]),
            ("1.5a", &["1.5", "a"]),
            ("a.5%", &["a.5%"]),
            ("a-b%", &["a", "-", "b%"]),
            ("a__b", &["a", "__", "b"]),
            ("x_1.25", &["x", "_", "1.25"]),
        ];
        for (w, want) in cases {
            assert_eq!(python_skip_pieces(w), *want, "{w}");
            assert_eq!(python_skip_pieces(w).concat(), *w);
        }
    }
}
