//! Word segmentation with jieba-rs.
//!
//! A [`Segmenter`] holds a jieba dictionary (the embedded default, loaded
//! once per process and shared, plus any user dictionaries), a [`Mode`],
//! the HMM switch for unknown words, optional POS tagging and a
//! [`Normalizer`]. It is cheap to clone and safe to share between threads.
//!
//! Text is cut into sentences ([`crate::sentences`]) before it reaches
//! jieba: results are the same (jieba splits at punctuation anyway) and long
//! documents stay fast and can be segmented in parallel.
//!
//! The parts, one file each: [`token`] (the tokens), [`jieba`] (the jieba
//! set-up), [`user_dict`] (user dictionaries), `compat` (where the
//! segmenter follows Python jieba rather than jieba-rs) and the rules that
//! keep words whole: [`terms`] (quoted slogans and numbered expressions),
//! [`numbers`] (numbers with units) and [`strict_hmm`] (the HMM's glued
//! words taken apart); and one rule that joins tokens: [`compound`]
//! (multi-word expressions made one token).
//!
//! # User dictionaries
//!
//! One entry per line, `word [freq] [tag]`; see [`user_dict`] for the format
//! and how a user word's frequency combines with the built-in dictionary.
//!
//! ```
//! use cipin_core::segment::{Mode, Segmenter};
//!
//! let seg = Segmenter::builder().user_words(["千万工程"]).build().unwrap();
//! let words: Vec<&str> = seg.cut("深化新时代千万工程").iter().map(|t| t.word).collect();
//! assert!(words.contains(&"千万工程"));
//!
//! let tagged = Segmenter::builder().pos(true).build().unwrap();
//! let t = &tagged.cut("我们")[0];
//! assert_eq!((t.word, t.pos), ("我们", Some("r")));
//! ```

pub(crate) mod chars;
mod compat;
pub mod compound;
pub mod config;
pub mod jieba;
pub mod numbers;
pub mod strict_hmm;
pub mod terms;
pub mod token;
pub mod user_dict;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jieba_rs::Jieba;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::Normalizer;
use crate::sentences::split_sentences;

pub use config::SegmenterConfig;
pub use jieba::{default_jieba, jieba_from_reader, python_hmm_model};
pub use token::{OwnedToken, Token};
pub use user_dict::{parse_user_dict, read_user_dict, UserWord};

/// Segmentation mode, as in jieba.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Precise mode (`jieba.cut`), the default.
    #[default]
    Precise,
    /// Full mode (`cut_all`): every dictionary word found, overlapping.
    Full,
    /// Search-engine mode (`cut_for_search`): precise, plus the 2- and
    /// 3-character dictionary words inside longer words.
    Search,
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mode::Precise => "precise",
            Mode::Full => "full",
            Mode::Search => "search",
        })
    }
}

impl std::str::FromStr for Mode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Mode> {
        match s {
            "precise" | "default" | "accurate" => Ok(Mode::Precise),
            "full" | "all" => Ok(Mode::Full),
            "search" => Ok(Mode::Search),
            other => Err(Error::Invalid(format!(
                "unknown segmentation mode `{other}` (expected precise, full or search)"
            ))),
        }
    }
}
/// Builder for a [`Segmenter`]: its settings ([`SegmenterConfig`]) and
/// user words.
#[derive(Debug, Clone, Default)]
pub struct SegmenterBuilder {
    config: SegmenterConfig,
    words: Vec<UserWord>,
}

impl SegmenterBuilder {
    /// All the settings at once (replacing those set before; user words
    /// are kept).
    pub fn config(mut self, config: SegmenterConfig) -> Self {
        self.config = config;
        self
    }
    /// Segmentation mode (default [`Mode::Precise`]).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.config.mode = mode;
        self
    }
    /// Use the HMM for words not in the dictionary (default true, as jieba).
    pub fn hmm(mut self, hmm: bool) -> Self {
        self.config.hmm = hmm;
        self
    }
    /// Tag parts of speech (precise mode only).
    pub fn pos(mut self, pos: bool) -> Self {
        self.config.pos = pos;
        self
    }
    /// Normalisation applied by [`Segmenter::segment`] and
    /// [`Segmenter::for_each_normalized`] (default: all rules on).
    pub fn normalizer(mut self, n: Normalizer) -> Self {
        self.config.normalize = n;
        self
    }
    /// Add a user dictionary file.
    pub fn user_dict(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.user_dicts.push(path.into());
        self
    }
    /// Add user words (no frequency, no tag).
    pub fn user_words<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.words.extend(words.into_iter().map(|w| UserWord {
            word: w.into(),
            freq: None,
            tag: None,
        }));
        self
    }
    /// Keep quoted slogans and numbered expressions ([`terms`]) whole,
    /// one token each, in precise and search modes (default true; the CLI and
    /// Python call it `keep_terms` too). Full mode is not affected. A quoted
    /// term is the text inside its quotes (the quotes stay tokens of their
    /// own: `“`, `千万工程`, `”`); a numbered expression with a quoted noun
    /// is one token quotes included (`五个“落实”`; its term is `五个落实`, see
    /// [`terms::normalize_term`]), so tokens still rebuild the text.
    /// With POS tagging a term is tagged `nz`.
    ///
    /// ```
    /// use cipin_core::segment::Segmenter;
    /// let words = |s: &Segmenter| s.cut("缩小“三大差距”").iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
    /// assert_eq!(words(&Segmenter::default()), ["缩小", "“", "三大差距", "”"]);
    /// let off = Segmenter::builder().keep_terms(false).build().unwrap();
    /// assert!(!words(&off).contains(&"三大差距".to_string()));
    /// ```
    pub fn keep_terms(mut self, keep: bool) -> Self {
        self.config.keep_terms = keep;
        self
    }
    /// Keep numbers with a time unit or percent sign (`2025年`, `14日`,
    /// `８０％`), full-width digit runs and Chinese-numeral years whole, as
    /// the SIGHAN 2005 standards do ([`numbers::find_numbers`]); jieba
    /// cuts them (`2025/年`, `１/９/９/６`). Precise and search modes; tagged
    /// `t` (time) or `m` with POS tagging. Default true (the CLI's
    /// `segment --plain`, jieba-compatible, turns it off).
    ///
    /// Identifiers that the HMM path meets (`v1.2.3`, `www.people.com.cn`,
    /// `5-10%`) stay whole, as jieba-rs keeps them, while this is on. Off,
    /// precise and search modes with the HMM split them as Python jieba
    /// does, search mode then adding the dictionary words inside each token
    /// as Python's `cut_for_search` does (its
    /// `finalseg` pattern `[a-zA-Z0-9]+(?:\.\d+)?%?`: `v1.2 . 3`,
    /// `www . people . com . cn`, `5 - 10%`), unless the identifier is a
    /// dictionary word.
    ///
    /// ```
    /// use cipin_core::segment::Segmenter;
    /// let words = |s: &Segmenter, t: &str| s.cut(t).iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
    /// assert_eq!(words(&Segmenter::default(), "2025年1月14日"), ["2025年", "1月", "14日"]);
    /// let off = Segmenter::builder().keep_numbers(false).build().unwrap();
    /// assert_eq!(words(&off, "2025年1月14日"), ["2025", "年", "1", "月", "14", "日"]);
    /// assert_eq!(words(&Segmenter::default(), "版本v1.2.3"), ["版本", "v1.2.3"]);
    /// assert_eq!(words(&off, "版本v1.2.3"), ["版本", "v1.2", ".", "3"]);
    /// ```
    pub fn keep_numbers(mut self, keep: bool) -> Self {
        self.config.keep_numbers = keep;
        self
    }
    /// Take apart again the HMM's words that begin or end with a common
    /// single-character word, or that are runs of ASCII punctuation
    /// (`这一`, `地说`, `万人`, `---`; see
    /// [`strict_hmm::hmm_word_rejected`]): one token per character, as
    /// jieba cuts them without the HMM. Precise mode with the HMM on.
    /// Default: on unless [`Self::keep_terms`] and [`Self::keep_numbers`]
    /// are both off (jieba's own segmentation).
    ///
    /// ```
    /// use cipin_core::segment::Segmenter;
    /// let words = |s: &Segmenter| s.cut("这一计划").iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
    /// assert_eq!(words(&Segmenter::default()), ["这", "一", "计划"]);
    /// let jieba = Segmenter::builder().strict_hmm(false).build().unwrap();
    /// assert_eq!(words(&jieba), ["这一", "计划"]);
    /// ```
    pub fn strict_hmm(mut self, strict: bool) -> Self {
        self.config.strict_hmm = Some(strict);
        self
    }
    /// Join the tokens that spell one of these multi-word expressions into
    /// one token, after every other rule (quanteda's `tokens_compound`; see
    /// [`compound`]). Written joined, as Chinese is: `高质量发展`. Precise
    /// mode.
    ///
    /// ```
    /// use cipin_core::segment::Segmenter;
    /// let seg = Segmenter::builder().compound(["高质量发展"]).build().unwrap();
    /// let words: Vec<&str> = seg.cut("推动高质量发展").iter().map(|t| t.word).collect();
    /// assert_eq!(words, ["推动", "高质量发展"]);
    /// ```
    pub fn compound<I, S>(mut self, exprs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config
            .compound
            .extend(exprs.into_iter().map(Into::into));
        self
    }
    /// Add user dictionary entries.
    pub fn user_entries(mut self, entries: impl IntoIterator<Item = UserWord>) -> Self {
        self.words.extend(entries);
        self
    }

    /// Build the segmenter. Reads the user dictionaries; the default
    /// dictionary is shared with every other segmenter of the process.
    pub fn build(self) -> Result<Segmenter> {
        let c = self.config;
        if c.pos && c.mode != Mode::Precise {
            return Err(Error::Invalid("POS tagging needs precise mode".into()));
        }
        let mut entries = Vec::new();
        for f in &c.user_dicts {
            entries.extend(read_user_dict(f)?);
        }
        entries.extend(self.words);
        let (jieba, tags) = user_dict::with_user_words(&entries);
        let compounds = compound::Compounds::new(&c.compound, c.normalize)?;
        let strict_hmm = c.strict_hmm.unwrap_or(c.keep_terms || c.keep_numbers)
            && c.hmm
            && c.mode == Mode::Precise;
        Ok(Segmenter {
            jieba,
            tags: Arc::new(tags),
            mode: c.mode,
            hmm: c.hmm,
            pos: c.pos,
            normalizer: c.normalize,
            keep_terms: c.keep_terms,
            keep_numbers: c.keep_numbers,
            strict_hmm,
            compounds: Arc::new(compounds),
        })
    }
}

/// A configured segmenter; see the module docs.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
    tags: Arc<HashMap<String, String>>,
    mode: Mode,
    hmm: bool,
    pos: bool,
    normalizer: Normalizer,
    keep_terms: bool,
    keep_numbers: bool,
    strict_hmm: bool,
    compounds: Arc<compound::Compounds>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("mode", &self.mode)
            .field("hmm", &self.hmm)
            .field("pos", &self.pos)
            .field("normalizer", &self.normalizer)
            .field("keep_terms", &self.keep_terms)
            .field("keep_numbers", &self.keep_numbers)
            .field("strict_hmm", &self.strict_hmm)
            .field("user_tags", &self.tags.len())
            .field("compounds", &self.compounds.len())
            .finish()
    }
}

impl Default for Segmenter {
    /// Precise mode, HMM on, no POS, default normalisation, default dictionary.
    fn default() -> Self {
        Segmenter::builder().build().expect("default segmenter")
    }
}

/// Texts are handed to jieba in pieces of whole sentences of about this many
/// bytes: short enough for jieba's per-call work to stay linear, long enough
/// that the per-call overhead does not show.
const CHUNK_BYTES: usize = 8 * 1024;

/// Consecutive whole sentences of `text`, grouped into pieces of about
/// [`CHUNK_BYTES`] (a single longer sentence is a piece of its own).
fn sentence_chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= CHUNK_BYTES {
            let all = rest;
            rest = "";
            return Some(all);
        }
        let mut end = 0;
        for s in split_sentences(rest) {
            if end > 0 && end + s.len() > CHUNK_BYTES {
                break;
            }
            end += s.len();
        }
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// `text` cut into pieces of whole sentence groups, each of about `bytes`
/// or more (the last may be shorter): every piece segments into exactly
/// the tokens it holds when the whole text is segmented, since the
/// segmenter works on the same groups of sentences either way
/// ([`Segmenter::for_each_token`]). So a long text, a 50 MB line, can be
/// segmented piece by piece, in parallel and in bounded memory.
///
/// ```
/// use cipin_core::segment::{text_pieces, Segmenter};
/// let seg = Segmenter::default();
/// let line = "共同富裕示范区建设取得新进展。".repeat(3000);
/// let pieces = text_pieces(&line, 10_000);
/// assert!(pieces.len() > 1);
/// assert_eq!(pieces.concat(), line);
/// let whole = seg.plain_line(&line);
/// let parts: Vec<String> = pieces.iter().map(|p| seg.plain_line(p)).collect();
/// assert_eq!(parts.join("  "), whole);
/// ```
pub fn text_pieces(text: &str, bytes: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut end) = (0, 0);
    for chunk in sentence_chunks(text) {
        end += chunk.len();
        if end - start >= bytes {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if end > start {
        out.push(&text[start..end]);
    }
    out
}

/// Texts longer than this many bytes are segmented sentence-parallel.
const PARALLEL_TEXT_BYTES: usize = 256 * 1024;

impl Segmenter {
    /// A builder with the defaults.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder::default()
    }
    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }
    /// Whether the HMM is used.
    pub fn hmm(&self) -> bool {
        self.hmm
    }
    /// Whether POS tags are produced.
    pub fn pos(&self) -> bool {
        self.pos
    }
    /// The normaliser.
    pub fn normalizer(&self) -> Normalizer {
        self.normalizer
    }
    /// The underlying jieba instance.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Whether a token can get POS tag `tag` from this segmenter: a
    /// built-in tag ([`crate::posseg::is_builtin_tag`]) or one a user word
    /// was given.
    pub fn knows_tag(&self, tag: &str) -> bool {
        crate::posseg::is_builtin_tag(tag) || self.tags.values().any(|t| t == tag)
    }
    /// Whether quoted and numbered terms are kept whole.
    pub fn keep_terms(&self) -> bool {
        self.keep_terms
    }
    /// Whether numbers with a unit are kept whole.
    pub fn keep_numbers(&self) -> bool {
        self.keep_numbers
    }
    /// Whether the HMM's words are checked ([`SegmenterBuilder::strict_hmm`]).
    pub fn strict_hmm(&self) -> bool {
        self.strict_hmm
    }

    /// The multi-word expressions joined into one token ([`compound`]).
    pub fn compounds(&self) -> &compound::Compounds {
        &self.compounds
    }

    /// [`Self::cut_sentence_terms`], with the tokens spelling a compound
    /// joined ([`compound`]) in precise mode: the one stage every piece of
    /// text goes through.
    fn cut_piece<'a>(&'a self, s: &'a str, char_offset: usize, f: &mut impl FnMut(Token<'a>)) {
        if self.compounds.is_empty() || self.mode != Mode::Precise {
            return self.cut_sentence_terms(s, char_offset, f);
        }
        let mut joiner = compound::Joiner::new(&self.compounds, s, self.pos);
        self.cut_sentence_terms(s, char_offset, &mut |t| joiner.push(t, f));
        joiner.finish(f);
    }

    /// [`Self::cut_sentence`], with the terms (and numbers) of
    /// [`terms`] ([`numbers`]) kept whole when [`SegmenterBuilder::keep_terms`]
    /// ([`SegmenterBuilder::keep_numbers`]) is on: the text between them is
    /// cut as before, each is one token.
    fn cut_sentence_terms<'a>(
        &'a self,
        s: &'a str,
        char_offset: usize,
        f: &mut impl FnMut(Token<'a>),
    ) {
        if !(self.keep_terms || self.keep_numbers) || self.mode == Mode::Full {
            return self.cut_gap(s, char_offset, f);
        }
        // (start byte, end byte, start char, end char, tag); terms first.
        let mut spans: Vec<(usize, usize, usize, usize, &'static str)> = Vec::new();
        if self.keep_terms {
            let terms = terms::find_terms_with(s, &self.jieba);
            spans.extend(
                terms
                    .iter()
                    .map(|t| (t.start_byte, t.end_byte, t.start_char, t.end_char, "nz")),
            );
        }
        if self.keep_numbers {
            let numbers = numbers::find_numbers(s);
            let tag = |n: &numbers::NumberSpan| if n.time { "t" } else { "m" };
            spans.extend(
                numbers
                    .iter()
                    .map(|n| (n.start_byte, n.end_byte, n.start_char, n.end_char, tag(n))),
            );
            spans.sort_by_key(|sp| sp.0);
        }
        let (mut byte, mut ch) = (0, 0);
        for (b0, b1, c0, c1, tag) in spans {
            if b0 < byte {
                continue; // a number inside a term
            }
            if b0 > byte {
                self.cut_gap(&s[byte..b0], char_offset + ch, f);
            }
            let (w, start) = (&s[b0..b1], char_offset + c0);
            if self.mode == Mode::Search {
                // As jieba's search mode: the 2- and 3-character dictionary
                // words inside first.
                let at: Vec<usize> = w.char_indices().map(|(b, _)| b).chain([w.len()]).collect();
                let n = at.len() - 1;
                for k in [2, 3].into_iter().filter(|&k| n > k) {
                    for i in 0..=n - k {
                        let g = &w[at[i]..at[i + k]];
                        if self.jieba.has_word(g) {
                            f(Token {
                                word: g,
                                start: start + i,
                                end: start + i + k,
                                pos: None,
                            });
                        }
                    }
                }
            }
            f(Token {
                word: w,
                start,
                end: char_offset + c1,
                pos: self.pos.then_some(tag),
            });
            (byte, ch) = (b1, c1);
        }
        if byte < s.len() {
            self.cut_gap(&s[byte..], char_offset + ch, f);
        }
    }

    /// [`Self::cut_sentence`], with the HMM's words checked when
    /// [`SegmenterBuilder::strict_hmm`] is on.
    fn cut_gap<'a>(&'a self, s: &'a str, char_offset: usize, f: &mut impl FnMut(Token<'a>)) {
        if !self.strict_hmm {
            return self.cut_sentence(s, char_offset, f);
        }
        let (jieba, tags) = (&*self.jieba, &*self.tags);
        self.cut_sentence(s, char_offset, &mut |t| {
            strict_hmm::split_hmm_word(jieba, tags, t, f)
        });
    }

    /// Segment one sentence (or any short text) as given, calling `f` for
    /// each token with offsets shifted by `char_offset`.
    fn cut_sentence<'a>(&'a self, s: &'a str, char_offset: usize, f: &mut impl FnMut(Token<'a>)) {
        match (self.mode, self.pos) {
            (Mode::Precise, true) => {
                // Words and tags as Python's `jieba.posseg`; user tags
                // replace dictionary tags where posseg looks them up.
                crate::posseg::Posseg::new(&self.jieba)
                    .hmm(self.hmm)
                    .user_tags(&self.tags)
                    .for_each(s, |t| {
                        f(Token {
                            word: t.word,
                            start: t.start + char_offset,
                            end: t.end + char_offset,
                            pos: Some(t.tag),
                        })
                    });
            }
            (Mode::Precise, false) | (Mode::Search, _) | (Mode::Full, _) => {
                // jieba-rs keeps identifiers whole on the HMM path; Python
                // jieba splits them (see `SegmenterBuilder::keep_numbers`).
                if self.mode != Mode::Full && self.hmm && !self.keep_numbers {
                    let search = self.mode == Mode::Search;
                    for t in self.jieba.cut(s, true) {
                        let t = Token {
                            word: t.word,
                            start: t.start + char_offset,
                            end: t.end + char_offset,
                            pos: None,
                        };
                        self.python_pieces(t, &mut |w| {
                            if search {
                                self.search_grams(&w, f);
                            }
                            f(w)
                        });
                    }
                    return;
                }
                let tokens = match self.mode {
                    Mode::Precise => self.jieba.cut(s, self.hmm),
                    Mode::Search => self.jieba.cut_for_search(s, self.hmm),
                    Mode::Full => self.jieba.cut_all(s),
                };
                for t in tokens {
                    f(Token {
                        word: t.word,
                        start: t.start + char_offset,
                        end: t.end + char_offset,
                        pos: None,
                    })
                }
            }
        }
    }

    /// Segment `text` as given (no normalisation), calling `f` for each
    /// token in order. Offsets are characters of `text`.
    pub fn for_each_token<'a>(&'a self, text: &'a str, mut f: impl FnMut(Token<'a>)) {
        let mut offset = 0;
        for chunk in sentence_chunks(text) {
            self.cut_piece(chunk, offset, &mut f);
            offset += chunk.chars().count();
        }
    }

    /// Segment `text` as given (no normalisation).
    ///
    /// In precise mode the tokens cover the text exactly: their words
    /// concatenated give `text` back.
    pub fn cut<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        if text.len() > PARALLEL_TEXT_BYTES {
            return self.cut_parallel(text);
        }
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        self.for_each_token(text, |t| out.push(t));
        out
    }

    /// Segment a long text with its sentences spread over the rayon pool;
    /// the result is identical to the sequential one.
    fn cut_parallel<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        let mut sentences = Vec::new();
        let mut offset = 0;
        for s in sentence_chunks(text) {
            sentences.push((s, offset));
            offset += s.chars().count();
        }
        let parts: Vec<Vec<Token<'a>>> = sentences
            .par_chunks(4)
            .map(|chunk| {
                let mut v = Vec::new();
                for &(s, off) in chunk {
                    self.cut_piece(s, off, &mut |t| v.push(t));
                }
                v
            })
            .collect();
        parts.concat()
    }

    /// Normalise `text` with this segmenter's [`Normalizer`], then segment it
    /// and call `f` with each token. Words are normalised; offsets are
    /// characters of `text` (normalisation keeps one character for one).
    pub fn for_each_normalized(&self, text: &str, mut f: impl FnMut(Token<'_>)) {
        let norm = self.normalizer.normalize(text);
        self.for_each_token(&norm, &mut f);
    }

    /// Normalise and segment `text` into owned tokens.
    pub fn segment(&self, text: &str) -> Vec<OwnedToken> {
        let norm = self.normalizer.normalize(text);
        self.cut(&norm).into_iter().map(OwnedToken::from).collect()
    }

    /// Normalise and segment many texts in parallel; results in input order.
    pub fn segment_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<OwnedToken>> {
        texts.par_iter().map(|t| self.segment(t.as_ref())).collect()
    }

    /// Segment one line the way SIGHAN scoring expects: no normalisation,
    /// whitespace tokens dropped, tokens joined by two spaces (`word/tag`
    /// when tagging). A trailing CR is stripped.
    ///
    /// ```
    /// let seg = cipin_core::segment::Segmenter::default();
    /// assert_eq!(seg.plain_line("我们 在黄岩\r"), "我们  在  黄岩");
    /// ```
    pub fn plain_line(&self, line: &str) -> String {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut out = String::with_capacity(line.len() * 3 / 2);
        self.for_each_token(line, |t| {
            if t.word.chars().all(char::is_whitespace) {
                return;
            }
            if !out.is_empty() {
                out.push_str("  ");
            }
            out.push_str(t.word);
            if let Some(p) = t.pos {
                out.push('/');
                out.push_str(p);
            }
        });
        out
    }
}

/// Helpers for the tests of the segmenter's modules.
#[cfg(test)]
mod test_support {
    use super::{Mode, Segmenter};

    pub(crate) fn words(seg: &Segmenter, s: &str) -> Vec<String> {
        seg.cut(s).iter().map(|t| t.word.to_string()).collect()
    }

    /// A segmenter cutting as Python jieba (terms and numbers not kept).
    pub(crate) fn jieba_like(mode: Mode, hmm: bool) -> Segmenter {
        Segmenter::builder()
            .mode(mode)
            .hmm(hmm)
            .keep_terms(false)
            .keep_numbers(false)
            .build()
            .unwrap()
    }

    /// Every token of `s` is the text between its character offsets.
    pub(crate) fn assert_offsets(seg: &Segmenter, s: &str) {
        let chars: Vec<char> = s.chars().collect();
        for t in seg.cut(s) {
            assert_eq!(t.word, chars[t.start..t.end].iter().collect::<String>());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::words;
    use super::*;

    #[test]
    fn precise_matches_jieba_on_a_sentence() {
        let seg = Segmenter::default();
        assert_eq!(
            words(&seg, "我来到北京清华大学"),
            vec!["我", "来到", "北京", "清华大学"]
        );
    }

    #[test]
    fn offsets_are_characters_across_sentences() {
        let seg = Segmenter::default();
        let text = "会议指出。黄岩区召开会议！";
        let toks = seg.cut(text);
        let chars: Vec<char> = text.chars().collect();
        for t in &toks {
            let s: String = chars[t.start..t.end].iter().collect();
            assert_eq!(s, t.word);
        }
        assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), text);
    }

    #[test]
    fn modes() {
        let full = Segmenter::builder().mode(Mode::Full).build().unwrap();
        assert!(words(&full, "清华大学").len() > 1);
        let search = Segmenter::builder().mode(Mode::Search).build().unwrap();
        let w = words(&search, "中国科学院计算所");
        assert!(w.contains(&"科学".to_string()) && w.contains(&"中国科学院".to_string()));
        assert!(Segmenter::builder()
            .mode(Mode::Full)
            .pos(true)
            .build()
            .is_err());
    }

    #[test]
    fn parallel_equals_sequential() {
        let seg = Segmenter::default();
        let text = "黄岩区召开推进会。会议强调，要大力推进新型城镇化建设！".repeat(8000);
        assert!(text.len() > PARALLEL_TEXT_BYTES);
        let par = seg.cut(&text);
        let mut seq = Vec::new();
        seg.for_each_token(&text, |t| seq.push(t));
        assert_eq!(par, seq);
    }

    #[test]
    fn normalized_segment_keeps_original_offsets() {
        let seg = Segmenter::default();
        let toks = seg.segment("增长１７％，書記");
        let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
        assert!(words.contains(&"书记"));
        let last = toks.last().unwrap();
        assert_eq!((last.start, last.end), (6, 8));
    }

    proptest::proptest! {
        #[test]
        fn precise_tokens_rebuild_text(s in "[\\u{4e00}-\\u{4e80}，。！a-z0-9 “”\\n]{0,80}") {
            let seg = Segmenter::default();
            let toks = seg.cut(&s);
            proptest::prop_assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), s.clone());
            let mut pos = 0;
            for t in &toks {
                proptest::prop_assert_eq!(t.start, pos);
                pos = t.end;
            }
        }
    }
}
