//! Multi-word expressions joined into one token, as quanteda's
//! `tokens_compound`: with the compound `高质量发展`, the tokens `高质量`,
//! `发展` that follow each other in the text become the one token
//! `高质量发展`, before anything is counted.
//!
//! Unlike a user word, a compound never changes how the rest of the text is
//! cut: it only joins tokens the segmenter made, where their concatenation
//! is the compound exactly (both ends on token boundaries). So `提高质量发展`,
//! cut `提高 / 质量 / 发展`, keeps its tokens, where the user word
//! `高质量发展` could have taken `高` from `提高`.
//!
//! A compound is written as it appears in the text: joined, as Chinese is
//! (`高质量发展`); a space in it matches a space in the text (`New York`).
//! Compounds are normalised as the text is (`高質量發展` is `高质量发展`).
//! Where several compounds start at one token, the longest wins; a joined
//! token is not joined again. The stage runs in precise mode, after the
//! other keep-whole rules ([`super::terms`], [`super::numbers`]); the
//! overlapping tokens of search and full modes are left as they are. With
//! POS tagging a compound is tagged `nz`, as the kept terms are.
//!
//! ```
//! use cipin_core::segment::Segmenter;
//! let words = |s: &Segmenter, t: &str| s.cut(t).iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
//! let seg = Segmenter::builder().compound(["高质量发展"]).build().unwrap();
//! assert_eq!(words(&Segmenter::default(), "推动高质量发展"), ["推动", "高质量", "发展"]);
//! assert_eq!(words(&seg, "推动高质量发展"), ["推动", "高质量发展"]);
//! ```

use std::collections::HashSet;

use super::token::Token;
use crate::error::{Error, Result};
use crate::normalize::Normalizer;

/// The compounds of a segmenter, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Compounds {
    /// The compounds, normalised.
    words: HashSet<String>,
    /// Every proper prefix of a compound (at character boundaries): a run of
    /// tokens spelling one may still grow into a compound.
    prefixes: HashSet<String>,
}

impl Compounds {
    /// The compounds `exprs`, normalised with `norm` and trimmed. An empty
    /// one is an error.
    ///
    /// ```
    /// use cipin_core::normalize::Normalizer;
    /// use cipin_core::segment::compound::Compounds;
    /// let c = Compounds::new(["高質量發展 ", "共同富裕"], Normalizer::default()).unwrap();
    /// assert!(c.contains("高质量发展") && c.len() == 2);
    /// let err = Compounds::new(["  "], Normalizer::default()).unwrap_err().to_string();
    /// assert!(err.contains("empty compound"), "{err}");
    /// ```
    pub fn new<I, S>(exprs: I, norm: Normalizer) -> Result<Compounds>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut c = Compounds::default();
        for e in exprs {
            let e = norm.normalize(e.as_ref().trim()).into_owned();
            if e.is_empty() {
                return Err(Error::Invalid(
                    "an empty compound (a compound is a multi-word expression such as 高质量发展)"
                        .into(),
                ));
            }
            for (b, _) in e.char_indices().skip(1) {
                c.prefixes.insert(e[..b].to_string());
            }
            c.words.insert(e);
        }
        Ok(c)
    }

    /// Whether there are no compounds.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The number of compounds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether `word` is a compound.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The compounds of a file: one expression per line (UTF-8 or GB18030, BOM
/// and CRLF tolerated), trimmed; blank lines and `#` comments skipped. The
/// format of the CLI's `--compound FILE`.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("cipin-compound-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("mwe.txt");
/// std::fs::write(&path, "# policy phrases\r\n高质量发展\r\n\n 共同富裕示范区 \n").unwrap();
/// let c = cipin_core::segment::compound::read_compounds(&path).unwrap();
/// assert_eq!(c, ["高质量发展", "共同富裕示范区"]);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn read_compounds(path: impl AsRef<std::path::Path>) -> Result<Vec<String>> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    let doc = crate::read::decode(&name, &bytes, &crate::read::ReadOptions::default())?;
    Ok(doc
        .text
        .lines()
        .map(|l| l.trim_start_matches('\u{FEFF}').trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// The byte offset of `w` in `text`, when `w` is a slice of it.
fn offset_in(text: &str, w: &str) -> Option<usize> {
    let (base, p) = (text.as_ptr() as usize, w.as_ptr() as usize);
    (p >= base && p + w.len() <= base + text.len()).then(|| p - base)
}

/// The joining stage over the tokens of one piece of text: tokens go in
/// with [`Joiner::push`] and come out, joined where they spell a compound,
/// through the same callback; [`Joiner::finish`] flushes the tokens held.
///
/// A token is held while the run of held tokens spells the start of a
/// compound; once the run cannot grow into one, the longest compound at its
/// front (two tokens or more) is emitted as one token, or else its first
/// token alone, and the rest is looked at again.
pub(crate) struct Joiner<'c, 'a> {
    compounds: &'c Compounds,
    /// The text the tokens are slices of.
    text: &'a str,
    pos: bool,
    /// Held tokens, adjacent in `text`, with their byte offsets.
    held: Vec<(Token<'a>, usize)>,
}

impl<'c, 'a> Joiner<'c, 'a> {
    pub(crate) fn new(compounds: &'c Compounds, text: &'a str, pos: bool) -> Self {
        Joiner {
            compounds,
            text,
            pos,
            held: Vec::new(),
        }
    }

    /// One more token, in text order.
    pub(crate) fn push(&mut self, t: Token<'a>, f: &mut impl FnMut(Token<'a>)) {
        let Some(at) = offset_in(self.text, t.word) else {
            // Not a slice of the text (never so in precise mode): it cannot
            // be joined, and nothing before it can be joined across it.
            self.drain(f, true);
            return f(t);
        };
        if let Some((last, last_at)) = self.held.last() {
            if last_at + last.word.len() != at || last.end != t.start {
                self.drain(f, true);
            }
        }
        self.held.push((t, at));
        self.drain(f, false);
    }

    /// Emit every token still held.
    pub(crate) fn finish(&mut self, f: &mut impl FnMut(Token<'a>)) {
        self.drain(f, true);
    }

    /// The text of held tokens `0..n` (`n >= 1`), adjacent by construction.
    fn span(&self, n: usize) -> &'a str {
        let at = self.held[0].1;
        let (last, last_at) = &self.held[n - 1];
        &self.text[at..last_at + last.word.len()]
    }

    /// Emit from the front what can no longer change; with `all`, everything.
    fn drain(&mut self, f: &mut impl FnMut(Token<'a>), all: bool) {
        while !self.held.is_empty() {
            let n = self.held.len();
            if !all && self.compounds.prefixes.contains(self.span(n)) {
                return; // may still grow into a compound
            }
            let joined = (2..=n)
                .rev()
                .find(|&k| self.compounds.words.contains(self.span(k)));
            match joined {
                Some(k) => {
                    let word = self.span(k);
                    let (start, end) = (self.held[0].0.start, self.held[k - 1].0.end);
                    self.held.drain(..k);
                    f(Token {
                        word,
                        start,
                        end,
                        pos: self.pos.then_some("nz"),
                    });
                }
                None => f(self.held.remove(0).0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::words;
    use super::super::{Mode, Segmenter};
    use super::*;

    fn seg(compounds: &[&str]) -> Segmenter {
        Segmenter::builder()
            .compound(compounds.iter().copied())
            .build()
            .unwrap()
    }

    #[test]
    fn joins_adjacent_tokens_only_on_token_boundaries() {
        let s = seg(&["高质量发展", "质量发展"]);
        assert_eq!(words(&s, "推动高质量发展。"), ["推动", "高质量发展", "。"]);
        // 高质量 is one token: 质量发展 does not start on a token boundary.
        assert_eq!(
            words(&s, "高质量，发展高质量发展"),
            ["高质量", "，", "发展", "高质量发展"]
        );
        // Not adjacent in the text: a space (a token of its own) between.
        assert_eq!(words(&s, "高质量 发展"), ["高质量", " ", "发展"]);
        // Offsets still point into the text.
        let text = "要推动高质量发展";
        let t = s.cut(text);
        let chars: Vec<char> = text.chars().collect();
        for t in &t {
            assert_eq!(t.word, chars[t.start..t.end].iter().collect::<String>());
        }
    }

    #[test]
    fn longest_compound_wins_and_false_starts_are_replayed() {
        let s = seg(&["共同富裕", "共同富裕示范区", "富裕示范"]);
        assert_eq!(words(&s, "建设共同富裕示范区"), ["建设", "共同富裕示范区"]);
        // 共同富裕示 is a prefix that fails: 共同富裕 is emitted joined.
        assert_eq!(words(&s, "共同富裕示范"), ["共同富裕", "示范"]);
        let plain = Segmenter::default();
        assert_eq!(
            words(&seg(&[]), "共同富裕示范"),
            words(&plain, "共同富裕示范")
        );
    }

    #[test]
    fn normalised_tagged_and_precise_only() {
        let s = Segmenter::builder()
            .compound(["高質量發展"])
            .pos(true)
            .build()
            .unwrap();
        let t = s.segment("推动高質量發展");
        assert_eq!(
            (t[1].word.as_str(), t[1].pos.as_deref()),
            ("高质量发展", Some("nz"))
        );
        let search = Segmenter::builder()
            .mode(Mode::Search)
            .compound(["高质量发展"])
            .build()
            .unwrap();
        assert!(!words(&search, "推动高质量发展").contains(&"高质量发展".to_string()));
        assert!(Segmenter::builder().compound([" "]).build().is_err());
    }

    #[test]
    fn parallel_long_texts_join_the_same() {
        let s = seg(&["高质量发展"]);
        let text = "推动高质量发展，建设共同富裕示范区。".repeat(20_000);
        let par = s.cut(&text);
        let mut seq = Vec::new();
        s.for_each_token(&text, |t| seq.push(t));
        assert_eq!(par, seq);
        assert_eq!(
            par.iter().filter(|t| t.word == "高质量发展").count(),
            20_000
        );
    }

    proptest::proptest! {
        #[test]
        fn compounding_never_changes_the_text(
            s in "[高质量发展共同富裕示范区建设推动，。 a-z]{0,60}",
            picks in proptest::collection::vec(0usize..8, 0..4),
        ) {
            let pool = ["高质量发展", "共同富裕", "示范区建设", "发展共同", "高质", "推动高质量发展", "a b", "建设推动"];
            let chosen: Vec<&str> = picks.iter().map(|&i| pool[i]).collect();
            let joined = seg(&chosen);
            let toks = joined.cut(&s);
            proptest::prop_assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), s.clone());
            let mut pos = 0;
            for t in &toks {
                proptest::prop_assert_eq!(t.start, pos);
                pos = t.end;
            }
            // Only joins: every boundary of the joined tokens is one of the plain tokens'.
            let plain: HashSet<usize> = Segmenter::default().cut(&s).iter().map(|t| t.end).collect();
            for t in &toks {
                proptest::prop_assert!(plain.contains(&t.end));
            }
        }
    }
}
