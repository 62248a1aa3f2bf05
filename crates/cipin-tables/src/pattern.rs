//! One pattern matcher for tokens, shared by dictionaries
//! ([`crate::dictionary`]) and concordances ([`crate::kwic`]): a pattern is
//! a literal word, a glob (`*` any run of characters, `?` exactly one) or,
//! where the caller allows it, a regular expression written `re:…`, matched
//! against the whole token.
//!
//! A literal word the segmenter cuts into several tokens is a phrase of
//! those tokens ([`phrase_words`], quanteda's `phrase()`): `高质量发展`,
//! cut `高质量 / 发展`, matches those two tokens one after the other, as
//! `高质量 发展` does.

use cipin_core::normalize::Normalizer;
use cipin_core::segment::{Mode, Segmenter};
use regex::Regex;

/// What a pattern is, by its syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A literal word.
    Exact,
    /// A word with `*` or `?`.
    Glob,
    /// `re:` and a regular expression.
    Regex,
}

/// The kind of pattern `p` is.
pub(crate) fn kind(p: &str) -> Kind {
    if p.starts_with("re:") {
        Kind::Regex
    } else if p.contains(['*', '?']) {
        Kind::Glob
    } else {
        Kind::Exact
    }
}

/// `re` compiled to match whole tokens only.
pub(crate) fn anchored(re: &str) -> std::result::Result<Regex, regex::Error> {
    Regex::new(&format!("^(?:{re})$"))
}

/// One glob element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum G {
    Char(char),
    One,
    Any,
}

/// One pattern, compiled.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    /// A literal word.
    Exact(String),
    /// A glob.
    Glob(Vec<G>),
    /// An anchored regular expression.
    Regex(Regex),
}

impl Pattern {
    /// A dictionary entry part: literal, glob or `re:` expression (checked
    /// when the dictionary was loaded). Literal words and the literal runs
    /// of globs are normalised with `norm`, as the text is; regular
    /// expressions are used as written.
    pub(crate) fn new(p: &str, norm: Normalizer) -> Pattern {
        match kind(p) {
            Kind::Exact => Pattern::Exact(norm.normalize(p).into_owned()),
            Kind::Regex => Pattern::Regex(anchored(&p[3..]).expect("checked when loaded")),
            Kind::Glob => {
                // Normalise the literal runs only: a wildcard stays a wildcard.
                let mut g = Vec::new();
                for (i, run) in p.split(['*', '?']).enumerate() {
                    if i > 0 {
                        // The wildcard before this run.
                        let at: usize = p
                            .split(['*', '?'])
                            .take(i)
                            .map(|r| r.len() + 1)
                            .sum::<usize>()
                            - 1;
                        g.push(if p.as_bytes()[at] == b'*' {
                            G::Any
                        } else {
                            G::One
                        });
                    }
                    g.extend(norm.normalize(run).chars().map(G::Char));
                }
                Pattern::Glob(g)
            }
        }
    }

    /// A literal word or a glob, taken as written (`re:` is literal text):
    /// the words of a KWIC pattern, normalised beforehand.
    pub(crate) fn literal_or_glob(p: &str) -> Pattern {
        if p.contains(['*', '?']) {
            Pattern::Glob(glob_pattern(p))
        } else {
            Pattern::Exact(p.to_string())
        }
    }

    /// Whether the pattern matches the whole of `word`; `buf` is scratch
    /// space for a glob.
    pub(crate) fn matches(&self, word: &str, buf: &mut Vec<char>) -> bool {
        match self {
            Pattern::Exact(e) => e == word,
            Pattern::Regex(r) => r.is_match(word),
            Pattern::Glob(g) => {
                buf.clear();
                buf.extend(word.chars());
                glob(g, buf)
            }
        }
    }
}

/// The tokens `seg` cuts the literal word `word` (normalised already) into,
/// when they are two or more: the phrase the word matches. `None` for one
/// token, for a glob or `re:` pattern, and outside precise mode (where the
/// tokens of a text overlap, and a long word stays a token of its own).
///
/// The word is cut on its own, so a text that cuts it otherwise (its
/// first or last characters glued to a neighbour) does not match it as a
/// phrase; `match="substring"` finds every occurrence whatever the cut.
pub(crate) fn phrase_words(word: &str, seg: &Segmenter) -> Option<Vec<String>> {
    if seg.mode() != Mode::Precise || kind(word) != Kind::Exact {
        return None;
    }
    let mut words = Vec::new();
    seg.for_each_token(word, |t| {
        if !t.word.chars().all(char::is_whitespace) {
            words.push(t.word.to_string());
        }
    });
    (words.len() > 1).then_some(words)
}

/// A wildcard pattern with `*` (any run of characters) and `?` (one).
pub(crate) fn glob_pattern(p: &str) -> Vec<G> {
    p.chars()
        .map(|c| match c {
            '*' => G::Any,
            '?' => G::One,
            c => G::Char(c),
        })
        .collect()
}

/// Wildcard matching: [`G::Any`] any run of characters, [`G::One`] one.
pub(crate) fn glob(p: &[G], s: &[char]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == G::One || p[pi] == G::Char(s[si])) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == G::Any {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == G::Any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches() {
        let g = |p: &str, s: &str| glob(&glob_pattern(p), &s.chars().collect::<Vec<_>>());
        assert!(g("共*", "共同富裕") && g("*富裕", "共同富裕") && g("共?富裕", "共同富裕"));
        assert!(!g("共?", "共同富裕") && g("*", "") && !g("?", ""));
        assert!(g("a*b*c", "axxbyyc") && !g("a*b*c", "axxbyy"));
    }

    #[test]
    fn words_the_segmenter_cuts_are_phrases() {
        let seg = Segmenter::default();
        assert_eq!(
            phrase_words("高质量发展", &seg),
            Some(vec!["高质量".to_string(), "发展".to_string()])
        );
        assert_eq!(phrase_words("发展", &seg), None);
        assert_eq!(phrase_words("高质量*", &seg), None);
        assert_eq!(phrase_words("re:高质量发展", &seg), None);
        let joined = Segmenter::builder()
            .compound(["高质量发展"])
            .build()
            .unwrap();
        assert_eq!(phrase_words("高质量发展", &joined), None);
        let search = Segmenter::builder().mode(Mode::Search).build().unwrap();
        assert_eq!(phrase_words("高质量发展", &search), None);
    }

    #[test]
    fn kinds_and_matching() {
        let mut buf = Vec::new();
        let norm = Normalizer::default();
        let m = |p: &Pattern, w: &str, buf: &mut Vec<char>| p.matches(w, buf);
        assert!(m(&Pattern::new("re:[0-9]+年", norm), "2024年", &mut buf));
        assert!(!m(&Pattern::new("re:[0-9]+年", norm), "2024年初", &mut buf));
        assert!(m(&Pattern::new("發展*", norm), "发展观", &mut buf));
        assert!(m(&Pattern::literal_or_glob("re:x"), "re:x", &mut buf));
        assert!(m(&Pattern::literal_or_glob("共?"), "共同", &mut buf));
    }
}
