//! Keyword in context (concordance), as AntConc's Concordance tool.

use cipin_core::stopwords::is_space;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::engine::{self, Key};
use crate::error::{Error, Result};
use crate::pattern::Pattern;
use crate::tables::{Options, Output};

/// How the keyword is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// Whole tokens. `*` stands for any characters and `?` for one; words
    /// separated by spaces match consecutive tokens (`共同 富裕`), and so
    /// does a word the segmenter cuts into several tokens (`高质量发展`, cut
    /// `高质量 / 发展`; precise mode), as quanteda's `phrase()`.
    #[default]
    Token,
    /// Any occurrence of the pattern in the (normalised) text, whatever the
    /// segmentation.
    Substring,
}

/// What the contexts' size counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Tokens (whitespace tokens not counted).
    #[default]
    Tokens,
    /// Characters.
    Chars,
}

/// The size of the contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// This many tokens each side (whitespace tokens not counted).
    Tokens(usize),
    /// This many characters each side.
    Chars(usize),
}

/// The parameters of [`kwic`], with the defaults of every surface (the
/// library, `cipin kwic`, `cipin.kwic`): whole tokens, 5 tokens each side.
///
/// ```
/// use cipin_tables::kwic::{KwicConfig, Match, Unit, Window};
///
/// let k = KwicConfig { pattern: "共同富裕".into(), ..KwicConfig::default() };
/// assert_eq!((k.matching, k.window()), (Match::Token, Window::Tokens(5)));
/// let c = KwicConfig { unit: Unit::Chars, window: 3, ..k };
/// assert_eq!(c.window(), Window::Chars(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KwicConfig {
    /// The pattern (normalised as the text is: traditional characters find
    /// their simplified forms). No default: an empty pattern is an error.
    pub pattern: String,
    /// The contexts' size each side, in `unit`s.
    pub window: usize,
    /// Tokens or characters.
    pub unit: Unit,
    /// Token or substring matching (`match` outside Rust).
    #[serde(rename = "match")]
    pub matching: Match,
}

impl Default for KwicConfig {
    fn default() -> Self {
        KwicConfig {
            pattern: String::new(),
            window: 5,
            unit: Unit::Tokens,
            matching: Match::Token,
        }
    }
}

impl KwicConfig {
    /// The contexts' size.
    pub fn window(&self) -> Window {
        match self.unit {
            Unit::Tokens => Window::Tokens(self.window),
            Unit::Chars => Window::Chars(self.window),
        }
    }
}

type Row = (String, u64, String, String, String);

/// Concordance lines of a pattern.
///
/// Columns: `id, start, left, keyword, right`: the document id, the
/// character offset of the keyword in the document's text, and the left
/// context, the keyword and the right context *as they are in the original
/// text* (before normalisation; line breaks included). Contexts do not
/// cross documents. Rows in corpus order; at most `opts.top` of them.
/// The filter and grouping of `opts` are not used.
///
/// ```
/// use cipin_tables::corpus::Corpus;
/// use cipin_tables::kwic::{kwic, KwicConfig};
/// use cipin_tables::tables::Options;
///
/// let corpus = Corpus::from_texts(["要推進共同富裕，實現共同富裕。"]);
/// let k = KwicConfig { pattern: "共同富裕".into(), window: 2, ..KwicConfig::default() };
/// let df = kwic(&corpus, &Options::default(), &k).unwrap().frame;
/// assert_eq!(df.height(), 2);
/// let kw = df.column("keyword").unwrap().str().unwrap();
/// assert_eq!(kw.get(0), Some("共同富裕"));
/// assert_eq!(df.column("right").unwrap().str().unwrap().get(0), Some("，實現"));
/// ```
pub fn kwic(corpus: &Corpus, opts: &Options, kw: &KwicConfig) -> Result<Output> {
    let window = kw.window();
    let seg = &opts.segmenter;
    let pattern = seg.normalizer().normalize(kw.pattern.trim()).into_owned();
    if pattern.is_empty() {
        return Err(Error::invalid("empty KWIC pattern"));
    }
    // Words separated by spaces are consecutive tokens; so are the tokens
    // a word is cut into (`高质量发展`: `高质量 发展`), as quanteda's
    // `phrase()`. The keyword of a line is the whole phrase.
    let mut parts: Vec<Pattern> = Vec::new();
    for w in pattern.split_whitespace() {
        match crate::pattern::phrase_words(w, seg) {
            Some(words) => parts.extend(words.into_iter().map(Pattern::Exact)),
            None => parts.push(Pattern::literal_or_glob(w)),
        }
    }
    if parts.len() > 64 {
        return Err(Error::invalid("a KWIC pattern has at most 64 words"));
    }
    let mut rows: Vec<Row> = Vec::new();
    let summary = engine::run(
        corpus,
        false,
        |_| Key::Group(""),
        Vec::<Row>::new,
        |out, stats, it| {
            // A document given as tokens is matched on its own tokens
            // (character windows and substrings read its text, the tokens
            // end to end, as any text).
            if let (Some(given), Match::Token, Window::Tokens(w)) =
                (it.text.tokens, kw.matching, window)
            {
                let mut buf = Vec::new();
                let mask = |word: &str| {
                    parts.iter().enumerate().fold(0u64, |m, (i, p)| {
                        m | (u64::from(p.matches(word, &mut buf)) << i)
                    })
                };
                token_doc(out, stats, it, given, parts.len(), w, mask);
                return;
            }
            let text: &str = &it.text;
            let norm = seg.normalizer().normalize(text);
            let mut tokens: Vec<(usize, usize)> = Vec::new();
            let mut masks: Vec<u64> = Vec::new();
            let mut buf = Vec::new();
            seg.for_each_token(&norm, |t| {
                if is_space(t.word) {
                    return;
                }
                stats.tokens += 1;
                tokens.push((t.start, t.end));
                if kw.matching == Match::Token {
                    let mut m = 0u64;
                    for (i, p) in parts.iter().enumerate() {
                        if p.matches(t.word, &mut buf) {
                            m |= 1 << i;
                        }
                    }
                    masks.push(m);
                }
            });
            // (first token, last token, start char, end char)
            let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
            match kw.matching {
                Match::Token => {
                    for (i, j) in phrases(&masks, parts.len()) {
                        found.push((i, j, tokens[i].0, tokens[j].1));
                    }
                }
                Match::Substring => {
                    let char_at: Vec<usize> = norm.char_indices().map(|(b, _)| b).collect();
                    let plen = pattern.chars().count();
                    for (b, _) in norm.match_indices(pattern.as_str()) {
                        let s = char_at.partition_point(|&x| x < b);
                        let e = s + plen;
                        let i = tokens.partition_point(|t| t.1 <= s);
                        let j = tokens.partition_point(|t| t.0 < e).saturating_sub(1).max(i);
                        found.push((i, j, s, e));
                    }
                }
            }
            if found.is_empty() {
                return;
            }
            stats.counted += found.len() as u64;
            let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            byte_at.push(text.len());
            let n_chars = byte_at.len() - 1;
            let slice = |a: usize, b: usize| {
                text[byte_at[a.min(n_chars)]..byte_at[b.min(n_chars)]].to_string()
            };
            for (i, j, s, e) in found {
                let (l, r) = match window {
                    Window::Chars(w) => (s.saturating_sub(w), (e + w).min(n_chars)),
                    Window::Tokens(0) => (s, e),
                    Window::Tokens(w) => {
                        let l = tokens.get(i.saturating_sub(w)).map_or(s, |t| t.0.min(s));
                        let r = tokens
                            .get((j + w).min(tokens.len().saturating_sub(1)))
                            .map_or(e, |t| t.1.max(e));
                        (l, r)
                    }
                };
                out.push((
                    it.doc.id.clone(),
                    s as u64,
                    slice(l, s),
                    slice(s, e),
                    slice(e, r),
                ));
            }
        },
        |chunk| {
            rows.extend(chunk);
            Ok(())
        },
    )?;
    if let Some(t) = opts.top {
        rows.truncate(t);
    }
    let height = rows.len();
    let frame = DataFrame::new(
        height,
        vec![
            Column::new(
                "id".into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ),
            Column::new("start".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new(
                "left".into(),
                rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "keyword".into(),
                rows.iter().map(|r| r.3.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "right".into(),
                rows.iter().map(|r| r.4.as_str()).collect::<Vec<_>>(),
            ),
        ],
    )?;
    Ok(Output { frame, summary })
}

/// The matches of a phrase of `np` parts as `(first token, last token)`,
/// left to right without overlaps; `masks[i]` has bit `p` set when token
/// `i` matches part `p`.
fn phrases(masks: &[u64], np: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + np <= masks.len() {
        if (0..np).all(|p| masks[i + p] & (1 << p) != 0) {
            found.push((i, i + np - 1));
            i += np;
        } else {
            i += 1;
        }
    }
    found
}

/// The concordance lines of a document given as tokens, with `w` tokens
/// each side: the tokens are matched as they are (`mask` sets bit `p` for
/// a token matching part `p` of `np`), the contexts are whole tokens
/// joined (slices of the document's text, its tokens end to end), and
/// `start` is the token's own start.
fn token_doc(
    out: &mut Vec<Row>,
    stats: &mut engine::Stats,
    it: &engine::Item<'_>,
    given: &crate::corpus::Segmentation,
    np: usize,
    w: usize,
    mut mask: impl FnMut(&str) -> u64,
) {
    let text: &str = &it.text;
    let tokens: Vec<_> = given.iter(text).filter(|t| !is_space(t.word)).collect();
    stats.tokens += tokens.len() as u64;
    let masks: Vec<u64> = tokens.iter().map(|t| mask(t.word)).collect();
    for (i, j) in phrases(&masks, np) {
        stats.counted += 1;
        let (s, e) = (tokens[i].span.0, tokens[j].span.1);
        let (l, r) = if w == 0 {
            (s, e)
        } else {
            (
                tokens[i.saturating_sub(w)].span.0,
                tokens[(j + w).min(tokens.len() - 1)].span.1,
            )
        };
        out.push((
            it.doc.id.clone(),
            tokens[i].start,
            text[l..s].to_string(),
            text[s..e].to_string(),
            text[e..r].to_string(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_and_char_windows() {
        let corpus = Corpus::from_texts(["他说：縮小三大差距是任务。", "无关"]);
        let k = KwicConfig {
            pattern: "小三".into(),
            matching: Match::Substring,
            unit: Unit::Chars,
            window: 3,
        };
        let df = kwic(&corpus, &Options::default(), &k).unwrap().frame;
        assert_eq!(df.height(), 1);
        let get = |c: &str| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            (get("left"), get("keyword"), get("right")),
            ("说：縮".into(), "小三".into(), "大差距".into())
        );
        assert_eq!(df.column("start").unwrap().u64().unwrap().get(0), Some(4));
    }

    #[test]
    fn token_documents_match_their_tokens() {
        use crate::corpus::{Doc, Token};
        let mut d = Doc::segmented("a");
        for (w, start) in [
            ("推进", 0),
            ("共同", 3),
            ("富裕", 5),
            ("。", 7),
            ("共同", 8),
        ] {
            d.push_token(Token {
                start: Some(start),
                ..Token::new(w)
            });
        }
        let k = KwicConfig {
            pattern: "共同 富裕".into(),
            window: 1,
            ..KwicConfig::default()
        };
        let df = kwic(&Corpus::from_docs(vec![d]), &Options::default(), &k)
            .unwrap()
            .frame;
        let get = |c: &str| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap()
                .to_string()
        };
        assert_eq!(df.height(), 1);
        assert_eq!(df.column("start").unwrap().u64().unwrap().get(0), Some(3));
        assert_eq!(
            (get("left"), get("keyword"), get("right")),
            ("推进".into(), "共同富裕".into(), "。".into())
        );
    }

    /// `(start, keyword)` of every line.
    fn hits(corpus: &Corpus, opts: &Options, pattern: &str, matching: Match) -> Vec<(u64, String)> {
        let k = KwicConfig {
            pattern: pattern.into(),
            matching,
            ..KwicConfig::default()
        };
        let df = kwic(corpus, opts, &k).unwrap().frame;
        let starts = df.column("start").unwrap().u64().unwrap();
        let kws = df.column("keyword").unwrap().str().unwrap();
        (0..df.height())
            .map(|i| (starts.get(i).unwrap(), kws.get(i).unwrap().to_string()))
            .collect()
    }

    #[test]
    fn a_word_cut_in_several_tokens_matches_them_in_sequence() {
        let corpus = Corpus::from_texts(["推动高质量发展，实现高質量發展。高质量、发展", "没有"]);
        let opts = Options::default();
        let tokens = hits(&corpus, &opts, "高质量发展", Match::Token);
        assert_eq!(
            tokens,
            [
                (2, "高质量发展".to_string()),
                (10, "高質量發展".to_string())
            ]
        );
        assert_eq!(tokens, hits(&corpus, &opts, "高质量发展", Match::Substring));
        assert_eq!(tokens, hits(&corpus, &opts, "高质量 发展", Match::Token));
        // Joined by the segmenter (compound), the word is one token.
        let joined = Options {
            segmenter: cipin_core::segment::Segmenter::builder()
                .compound(["高质量发展"])
                .build()
                .unwrap(),
            ..Options::default()
        };
        assert_eq!(tokens, hits(&corpus, &joined, "高质量发展", Match::Token));
    }

    #[test]
    fn phrases_and_wildcards() {
        let corpus = Corpus::from_texts(["推进共同富裕示范区建设"]);
        let k = KwicConfig {
            pattern: "共同富裕 示范*".into(),
            window: 1,
            ..KwicConfig::default()
        };
        let df = kwic(&corpus, &Options::default(), &k).unwrap().frame;
        assert_eq!(df.height(), 1, "{df}");
        let get = |c: &str| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap()
                .to_string()
        };
        assert_eq!(get("left"), "推进");
        assert!(get("keyword").starts_with("共同富裕示范"));
    }
}
