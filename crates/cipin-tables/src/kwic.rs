//! Keyword in context (concordance), as AntConc's Concordance tool.

use cipin_core::stopwords::is_space;
use polars::prelude::*;

use crate::corpus::Corpus;
use crate::engine::{self, Key};
use crate::error::{Error, Result};
use crate::pattern::Pattern;
use crate::tables::{Options, Output};

/// How the keyword is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Match {
    /// Whole tokens. `*` stands for any characters and `?` for one; words
    /// separated by spaces match consecutive tokens (`共同 富裕`).
    #[default]
    Token,
    /// Any occurrence of the pattern in the (normalised) text, whatever the
    /// segmentation.
    Substring,
}

/// The size of the contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// This many tokens each side (whitespace tokens not counted).
    Tokens(usize),
    /// This many characters each side.
    Chars(usize),
}

/// What [`kwic`] looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicOptions {
    /// The pattern (normalised as the text is: traditional characters find
    /// their simplified forms).
    pub pattern: String,
    /// Token or substring matching.
    pub matching: Match,
    /// The contexts' size.
    pub window: Window,
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
/// use cipin_tables::kwic::{kwic, KwicOptions, Match, Window};
/// use cipin_tables::tables::Options;
///
/// let corpus = Corpus::from_texts(["要推進共同富裕，實現共同富裕。"]);
/// let k = KwicOptions { pattern: "共同富裕".into(), matching: Match::Token, window: Window::Tokens(2) };
/// let df = kwic(&corpus, &Options::default(), &k).unwrap().frame;
/// assert_eq!(df.height(), 2);
/// let kw = df.column("keyword").unwrap().str().unwrap();
/// assert_eq!(kw.get(0), Some("共同富裕"));
/// assert_eq!(df.column("right").unwrap().str().unwrap().get(0), Some("，實現"));
/// ```
pub fn kwic(corpus: &Corpus, opts: &Options, kw: &KwicOptions) -> Result<Output> {
    let seg = &opts.segmenter;
    let pattern = seg.normalizer().normalize(kw.pattern.trim()).into_owned();
    if pattern.is_empty() {
        return Err(Error::invalid("empty KWIC pattern"));
    }
    let parts: Vec<Pattern> = pattern
        .split_whitespace()
        .map(Pattern::literal_or_glob)
        .collect();
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
                (it.text.tokens, kw.matching, kw.window)
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
                let (l, r) = match kw.window {
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
        let k = KwicOptions {
            pattern: "小三".into(),
            matching: Match::Substring,
            window: Window::Chars(3),
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
        let k = KwicOptions {
            pattern: "共同 富裕".into(),
            matching: Match::Token,
            window: Window::Tokens(1),
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

    #[test]
    fn phrases_and_wildcards() {
        let corpus = Corpus::from_texts(["推进共同富裕示范区建设"]);
        let k = KwicOptions {
            pattern: "共同富裕 示范*".into(),
            matching: Match::Token,
            window: Window::Tokens(1),
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
