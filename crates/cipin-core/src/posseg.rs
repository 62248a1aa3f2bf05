//! Part-of-speech tagging that agrees with Python `jieba.posseg` (jieba 0.42.1).
//!
//! jieba-rs's own `tag` cuts the words it does not know with the plain BMES
//! HMM of `jieba.cut` and guesses their tags afterwards; Python's posseg runs
//! a different HMM over (position, tag) pairs on such runs, so words and tags
//! differ on a third to a half of the lines of ordinary news text. This module
//! reproduces `POSTokenizer.cut` step by step:
//!
//! 1. The text is split into blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._]`
//!    (posseg's `re_han_internal`). Every other character is a token of its
//!    own tagged `x`, except that `\r\n` stays one token.
//! 2. A block is cut along jieba's best dictionary route (the same DAG and
//!    route as `jieba.cut`), taken from jieba-rs with the HMM off. jieba-rs
//!    blocks also take `%`, `-` and rarer ideographs; where a text has none
//!    of those its blocks are posseg's and one call routes them all, else
//!    the affected blocks are routed one posseg block at a time, so that a
//!    route is always computed over exactly the characters Python computes
//!    it over. Dictionary words get their dictionary tag (`x` when they have
//!    none).
//! 3. With the HMM on, each run of characters the route leaves single is
//!    handled as in posseg's `__cut_DAG`: one character gets its dictionary
//!    tag or `x`; a run that is a dictionary word is tagged character by
//!    character; any other run goes through [`cut_detail`], posseg's
//!    (position, tag) Viterbi over Chinese characters, with digits tagged `m`
//!    and Latin letters `eng`.
//! 4. With the HMM off, runs of single ASCII letters and digits become one
//!    token tagged `eng` (digits too, as in Python) and every other word
//!    gets its dictionary tag or `x`.
//!
//! The model (`data/posseg/model.bin`, 610 KiB, embedded in the binary) is
//! posseg's `char_state_tab`, `prob_start`, `prob_trans` and `prob_emit`
//! with every probability kept bit for bit, and the Viterbi adds them in
//! Python's order and breaks ties as Python's `max` over `(score, state)`
//! tuples does, so it makes the same choices. It scores only the pairs of
//! states that have a transition (Python scores every pair, the others at
//! `-inf`), and each thread remembers the best states of the short unknown
//! runs it has seen, which recur constantly (`新的`, `这一`, `年的`).
//!
//! ```
//! use cipin_core::posseg::Posseg;
//! use cipin_core::segment::default_jieba;
//!
//! let jieba = default_jieba();
//! let tagger = Posseg::new(&jieba);
//! let words: Vec<String> = tagger.cut("我爱北京天安门").iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
//! assert_eq!(words, ["我/r", "爱/v", "北京/ns", "天安门/ns"]);
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// A tagged word, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged<'a> {
    /// The word.
    pub word: &'a str,
    /// Its tag (jieba's ICTCLAS-style tag set; `x` for punctuation, spaces
    /// and unknown symbols, `eng` for Latin letters, `m` for numbers).
    pub tag: &'a str,
    /// Character offset of its first character in the text.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
}

/// A POS tagger over a jieba dictionary that reproduces `jieba.posseg.cut`.
///
/// Cheap to build: it borrows the dictionary, and the HMM model is loaded
/// once per process.
#[derive(Clone, Copy)]
pub struct Posseg<'a> {
    jieba: &'a Jieba,
    hmm: bool,
    user_tags: Option<&'a HashMap<String, String>>,
}

impl std::fmt::Debug for Posseg<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Posseg")
            .field("hmm", &self.hmm)
            .field("user_tags", &self.user_tags.map_or(0, HashMap::len))
            .finish()
    }
}

impl<'a> Posseg<'a> {
    /// A tagger over `jieba`'s dictionary, HMM on (posseg's default).
    pub fn new(jieba: &'a Jieba) -> Self {
        Posseg {
            jieba,
            hmm: true,
            user_tags: None,
        }
    }

    /// Use posseg's HMM for runs of unknown characters (`HMM=True`, the
    /// default) or not.
    pub fn hmm(mut self, hmm: bool) -> Self {
        self.hmm = hmm;
        self
    }

    /// Tags that replace the dictionary's (a user dictionary's tags, as
    /// Python's `user_word_tag_tab`). They apply wherever posseg looks a
    /// word's tag up, not to words the HMM finds.
    pub fn user_tags(mut self, tags: &'a HashMap<String, String>) -> Self {
        self.user_tags = if tags.is_empty() { None } else { Some(tags) };
        self
    }

    /// Tag `text`, returning the tokens in order.
    pub fn cut(&self, text: &'a str) -> Vec<Tagged<'a>> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        self.for_each(text, |t| out.push(t));
        out
    }

    /// Tag `text`, calling `f` with each token in order. Offsets are
    /// characters of `text`.
    pub fn for_each(&self, text: &'a str, mut f: impl FnMut(Tagged<'a>)) {
        // jieba-rs cuts text into blocks of nearly the same characters as
        // posseg: where its blocks are posseg's, one call over a long span
        // gives the route of every block, and the characters between blocks
        // come one by one (`\r\n` together), as in posseg. A jieba-rs block
        // with a character posseg leaves out (`%`, `-`, rarer ideographs) is
        // cut into posseg's blocks, each routed alone.
        let (mut span, mut span_pos) = (0, 0);
        // The current run of characters jieba-rs may put in one block:
        // where it starts, and whether posseg splits it.
        let mut run: Option<(usize, bool)> = None;
        let mut split_run = |start: usize, end: usize, span: &mut usize, span_pos: &mut usize| {
            let start_pos = *span_pos + text[*span..start].chars().count();
            self.cut_span(&text[*span..start], *span_pos, &mut f);
            self.cut_blocks(&text[start..end], start_pos, &mut f);
            *span_pos = start_pos + text[start..end].chars().count();
            *span = end;
        };
        for (i, c) in text.char_indices() {
            if is_han_internal(c) {
                if run.is_none() {
                    run = Some((i, false));
                }
            } else if splits_differently(c) {
                run.get_or_insert((i, true)).1 = true;
            } else if let Some((start, split)) = run.take() {
                if split {
                    split_run(start, i, &mut span, &mut span_pos);
                }
            }
        }
        if let Some((start, true)) = run {
            split_run(start, text.len(), &mut span, &mut span_pos);
        }
        self.cut_span(&text[span..], span_pos, &mut f);
    }

    /// Tag a span whose jieba-rs blocks are posseg blocks, starting at
    /// character `pos`.
    fn cut_span(&self, span: &'a str, pos: usize, f: &mut impl FnMut(Tagged<'a>)) {
        if !span.is_empty() {
            self.walk(span, self.jieba.tag(span, false), pos, f);
        }
    }

    /// Tag `text`, starting at character `pos`, routing each posseg block
    /// alone.
    fn cut_blocks(&self, text: &'a str, mut pos: usize, f: &mut impl FnMut(Tagged<'a>)) {
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_han_internal(c) {
                let mut end = i + c.len_utf8();
                let mut n = 1;
                while let Some(&(j, d)) = chars.peek() {
                    if !is_han_internal(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    n += 1;
                    chars.next();
                }
                self.cut_span(&text[i..end], pos, f);
                pos += n;
            } else {
                // posseg splits the rest on `(\r\n|\s)` and then takes it
                // character by character, every piece tagged `x`.
                let (len, n) = if c == '\r' && chars.peek().is_some_and(|&(_, d)| d == '\n') {
                    chars.next();
                    (2, 2)
                } else {
                    (c.len_utf8(), 1)
                };
                f(Tagged {
                    word: &text[i..i + len],
                    tag: "x",
                    start: pos,
                    end: pos + n,
                });
                pos += n;
            }
        }
    }

    /// The tag posseg's `word_tag_tab.get(word, 'x')` gives a word of the
    /// route, whose jieba-rs tag is `jieba_tag`: a user tag, else the
    /// dictionary tag of a dictionary word, else `x`.
    #[inline]
    fn word_tag(&self, word: &'a str, jieba_tag: &'a str, single: bool) -> &'a str {
        if let Some(tag) = self.user_tags.and_then(|u| u.get(word)) {
            return tag;
        }
        // A route word of two or more characters is always a dictionary
        // word; a single character may not be, and then jieba-rs guesses.
        if !single || self.jieba.has_word(word) {
            if jieba_tag.is_empty() {
                "x"
            } else {
                jieba_tag
            }
        } else {
            "x"
        }
    }

    /// The dictionary tag of a single character met inside a run of ASCII
    /// letters and digits that jieba-rs joined (so its own tag is unknown).
    fn char_tag(&self, c: &'a str) -> &'a str {
        if let Some(tag) = self.user_tags.and_then(|u| u.get(c)) {
            return tag;
        }
        if self.jieba.has_word(c) {
            match self.jieba.tag(c, false).first() {
                Some(t) if !t.tag.is_empty() => t.tag,
                _ => "x",
            }
        } else {
            "x"
        }
    }

    /// Whether a jieba-rs token cut with the HMM off stands for route steps
    /// of one character each: a single character, or a run of ASCII letters
    /// and digits jieba-rs joined (which a dictionary word never is: a
    /// dictionary word on the route is always taken whole).
    #[inline]
    fn is_single_steps(&self, word: &str, chars: usize) -> bool {
        chars == 1
            || (word.bytes().all(|b| b.is_ascii_alphanumeric()) && !self.jieba.has_word(word))
    }

    /// Tag the tokens jieba-rs cut (HMM off) from `src`, which starts at
    /// character `pos`: words of posseg blocks, and single characters (or
    /// `\r\n`) between blocks.
    fn walk(
        &self,
        src: &'a str,
        route: Vec<jieba_rs::Tag<'a>>,
        pos: usize,
        f: &mut impl FnMut(Tagged<'a>),
    ) {
        let outside = |t: &jieba_rs::Tag<'a>| !t.word.chars().next().is_some_and(is_han_internal);
        if !self.hmm {
            for t in route {
                let n = t.end - t.start;
                let tag = if outside(&t) {
                    "x"
                } else if t.word.bytes().all(|b| b.is_ascii_alphanumeric())
                    && self.is_single_steps(t.word, n)
                {
                    "eng"
                } else {
                    self.word_tag(t.word, t.tag, n == 1)
                };
                f(Tagged {
                    word: t.word,
                    tag,
                    start: pos + t.start,
                    end: pos + t.end,
                });
            }
            return;
        }
        // The run of single-character route steps being gathered (posseg's
        // `buf`), with the tag of its only step while it has one.
        let mut buf: Option<Buf<'a>> = None;
        for t in route {
            let n = t.end - t.start;
            if outside(&t) {
                if let Some(b) = buf.take() {
                    self.flush(src, b, pos, f);
                }
                f(Tagged {
                    word: t.word,
                    tag: "x",
                    start: pos + t.start,
                    end: pos + t.end,
                });
            } else if self.is_single_steps(t.word, n) {
                match &mut buf {
                    Some(b) => {
                        b.byte_end = t.byte_end;
                        b.end = t.end;
                        b.single_tag = None;
                    }
                    None => {
                        buf = Some(Buf {
                            byte_start: t.byte_start,
                            byte_end: t.byte_end,
                            start: t.start,
                            end: t.end,
                            single_tag: if n == 1 { Some(t.tag) } else { None },
                        })
                    }
                }
            } else {
                if let Some(b) = buf.take() {
                    self.flush(src, b, pos, f);
                }
                f(Tagged {
                    word: t.word,
                    tag: self.word_tag(t.word, t.tag, false),
                    start: pos + t.start,
                    end: pos + t.end,
                });
            }
        }
        if let Some(b) = buf {
            self.flush(src, b, pos, f);
        }
    }

    /// Emit a run of single-character route steps as posseg's `__cut_DAG` does.
    fn flush(&self, src: &'a str, b: Buf<'a>, pos: usize, f: &mut impl FnMut(Tagged<'a>)) {
        let word = &src[b.byte_start..b.byte_end];
        let n = b.end - b.start;
        let start = pos + b.start;
        if n == 1 {
            let tag = match b.single_tag {
                Some(t) => self.word_tag(word, t, true),
                None => self.char_tag(word),
            };
            f(Tagged {
                word,
                tag,
                start,
                end: start + 1,
            });
        } else if !self.jieba.has_word(word) {
            cut_detail_at(word, start, f);
        } else {
            // A dictionary word the route split: each character with its own tag.
            for (k, (i, c)) in word.char_indices().enumerate() {
                let w = &word[i..i + c.len_utf8()];
                f(Tagged {
                    word: w,
                    tag: self.char_tag(w),
                    start: start + k,
                    end: start + k + 1,
                });
            }
        }
    }
}

/// A run of single-character route steps.
struct Buf<'a> {
    byte_start: usize,
    byte_end: usize,
    start: usize,
    end: usize,
    single_tag: Option<&'a str>,
}

/// posseg's `re_han_internal` class: `[\u4E00-\u9FD5a-zA-Z0-9+#&._]`.
#[inline]
fn is_han_internal(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FD5}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_')
}

/// Whether jieba-rs 0.11 may put `c` in its blocks (`is_han_default`:
/// CJK ideographs of every block, ASCII letters and digits, `+#&._%-`)
/// while posseg does not: `%`, `-`, or an ideograph outside
/// `U+4E00..=U+9FD5` (supplementary planes 2 and 3 wholesale).
#[inline]
fn splits_differently(c: char) -> bool {
    let u = c as u32;
    // Nearly every character of Chinese text is settled by the first test.
    u.wrapping_sub(0x4E00) > 0x9FD5 - 0x4E00
        && ((u == 0x25)
            | (u == 0x2D)
            | (u.wrapping_sub(0x3400) <= 0x4DBF - 0x3400)
            | (u.wrapping_sub(0x9FD6) <= 0x9FFF - 0x9FD6)
            | (u.wrapping_sub(0xF900) <= 0xFAFF - 0xF900)
            | (u.wrapping_sub(0x20000) <= 0x3FFFF - 0x20000))
}

/// posseg's `re_han_detail` class: `[\u4E00-\u9FD5]`.
#[inline]
fn is_han_detail(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FD5}')
}

/// Cut and tag a run of characters that is not a dictionary word the way
/// posseg's `__cut_detail` does: Chinese characters (`[\u4E00-\u9FD5]+`)
/// with posseg's (position, tag) HMM; in the rest, runs of `[.0-9]` are `m`,
/// runs of ASCII letters and digits starting with a letter `eng`, and
/// anything between them `x`. Offsets are characters of `text`.
///
/// ```
/// use cipin_core::posseg::cut_detail;
/// let t: Vec<String> = cut_detail("韩冰说v1.2").iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
/// assert_eq!(t, ["韩冰/nr", "说/v", "v1/eng", ".2/m"]);
/// ```
pub fn cut_detail(text: &str) -> Vec<Tagged<'_>> {
    let mut out = Vec::new();
    cut_detail_at(text, 0, &mut |t| out.push(t));
    out
}

/// [`cut_detail`] with offsets shifted by `pos`.
fn cut_detail_at<'a>(text: &'a str, pos: usize, f: &mut impl FnMut(Tagged<'a>)) {
    let bytes = text.as_bytes();
    let mut i = 0; // byte
    let mut p = pos; // character
    while i < text.len() {
        let c = text[i..].chars().next().expect("char boundary");
        if is_han_detail(c) {
            let mut end = i;
            let mut n = 0;
            for d in text[i..].chars() {
                if !is_han_detail(d) {
                    break;
                }
                end += d.len_utf8();
                n += 1;
            }
            hmm_cut(&text[i..end], p, f);
            i = end;
            p += n;
            continue;
        }
        // `re_skip_detail` = `([\.0-9]+|[a-zA-Z0-9]+)`, tried at each
        // position; what lies between its matches is one `x` piece.
        let numeric = |b: u8| b == b'.' || b.is_ascii_digit();
        let (end, tag) = if numeric(bytes[i]) {
            (run_end(bytes, i, numeric), "m")
        } else if bytes[i].is_ascii_alphanumeric() {
            (run_end(bytes, i, |b| b.is_ascii_alphanumeric()), "eng")
        } else {
            let mut end = i;
            for d in text[i..].chars() {
                if is_han_detail(d) || d == '.' || d.is_ascii_alphanumeric() {
                    break;
                }
                end += d.len_utf8();
            }
            (end, "x")
        };
        let word = &text[i..end];
        let n = word.chars().count();
        f(Tagged {
            word,
            tag,
            start: p,
            end: p + n,
        });
        i = end;
        p += n;
    }
}

/// End of the run of bytes satisfying `pred` from `i`.
#[inline]
fn run_end(bytes: &[u8], i: usize, pred: impl Fn(u8) -> bool) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| !pred(b))
        .map_or(bytes.len(), |k| i + k)
}

// ---------------------------------------------------------------------------
// The (position, tag) HMM.

const MODEL_BYTES: &[u8] = include_bytes!("../data/posseg/model.bin");
const MIN_FLOAT: f64 = -3.14e100;
const MIN_INF: f64 = f64::NEG_INFINITY;
/// First and last character the model knows (posseg's `re_han_detail`).
const FIRST_CHAR: u32 = 0x4E00;
const LAST_CHAR: u32 = 0x9FD5;
/// Room for the states: at most 64 tags in 4 positions.
const NS: usize = 256;
/// Positions in state numbers: state = position * tags + tag, in the order
/// of Python's `(position, tag)` tuples.
const POS_B: u8 = 0;
const POS_E: u8 = 1;
const POS_S: u8 = 3;
/// States with at most this many predecessors have them listed; the others
/// (B and S states, whose predecessors are all E and S states) take them
/// from the reached states that may precede them.
const FEW_PREDS: usize = 4;

/// A set of states.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct StateSet([u64; 4]);

impl StateSet {
    #[inline]
    fn insert(&mut self, s: usize) {
        self.0[s >> 6] |= 1 << (s & 63);
    }
    #[inline]
    fn contains(&self, s: u8) -> bool {
        self.0[usize::from(s >> 6)] & (1 << (s & 63)) != 0
    }
    #[inline]
    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
    #[inline]
    fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
    #[inline]
    fn and(self, o: StateSet) -> StateSet {
        StateSet(std::array::from_fn(|i| self.0[i] & o.0[i]))
    }
    #[inline]
    fn or(self, o: StateSet) -> StateSet {
        StateSet(std::array::from_fn(|i| self.0[i] | o.0[i]))
    }
    /// Calls `f` with each state, ascending.
    #[inline]
    fn for_each(self, mut f: impl FnMut(u8)) {
        for (w, mut bits) in self.0.into_iter().enumerate() {
            while bits != 0 {
                f((w * 64) as u8 + bits.trailing_zeros() as u8);
                bits &= bits - 1;
            }
        }
    }
}

/// What the model knows of one character.
#[derive(Clone, Copy)]
struct CharRow {
    /// Range in `Model::allowed` of the states of its `char_state_tab`
    /// entry, ascending, each with its emission log-prob (`MIN_FLOAT` when
    /// it has none).
    allowed_start: u32,
    allowed_len: u16,
    /// Whether it has a `char_state_tab` entry (without one posseg allows
    /// every state).
    has_states: bool,
    /// Range of all its emission log-probs in `Model::emits`.
    emit_len: u16,
    emit_start: u32,
}

/// The predecessors of a state when it has at most `FEW_PREDS` of them,
/// ascending; `len` is `u8::MAX` when it has more.
#[derive(Clone, Copy, Default)]
struct FewPreds {
    len: u8,
    states: [u8; FEW_PREDS],
}

struct Model {
    /// Tag and position (`POS_B`...) of each state.
    state_tag: [&'static str; NS],
    state_pos: [u8; NS],
    /// Every state.
    all: StateSet,
    start: Box<[f64; NS]>,
    /// `trans[to][from]`, `MIN_INF` where posseg has none.
    trans: Vec<[f64; NS]>,
    /// Successors of each state (keys of `trans_p[state]`).
    succ: Vec<StateSet>,
    /// States that have successors.
    has_succ: StateSet,
    /// Predecessors of each state that has few.
    few_pred: Vec<FewPreds>,
    /// Predecessors of the states that have many.
    wide_pred: StateSet,
    /// Row of each character `FIRST_CHAR..=LAST_CHAR`, `u32::MAX` if none.
    row_of: Vec<u32>,
    rows: Vec<CharRow>,
    /// (state, emission log-prob) of every state with an emission,
    /// grouped by character.
    emits: Vec<(u8, f64)>,
    /// (state, emission log-prob) of the states `char_state_tab` allows,
    /// grouped by character.
    allowed: Vec<(u8, f64)>,
    /// Best state of each character alone (by row), and of a character the
    /// model does not know.
    single: Vec<u8>,
    single_unknown: u8,
}

/// Reads the little-endian model format written by `data/posseg/make_model.py`.
struct Reader<'b> {
    b: &'b [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        let (h, t) = self.b.split_at(n);
        self.b = t;
        h
    }
    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take(2).try_into().expect("2 bytes"))
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take(4).try_into().expect("4 bytes"))
    }
    fn f64(&mut self) -> f64 {
        f64::from_le_bytes(self.take(8).try_into().expect("8 bytes"))
    }
}

impl Model {
    fn load(bytes: &'static [u8]) -> Model {
        let mut r = Reader { b: bytes };
        assert_eq!(r.take(4), b"CPPS", "posseg model: bad magic");
        assert_eq!(r.u32(), 1, "posseg model: unknown version");
        let n_tags = r.u8() as usize;
        assert!(
            (1..=NS / 4).contains(&n_tags),
            "posseg model: bad tag count"
        );
        let mut tags = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let len = r.u8() as usize;
            let (tag, rest) = r.b.split_at(len);
            r.b = rest;
            tags.push(std::str::from_utf8(tag).expect("ASCII tag"));
        }
        let n_states = 4 * n_tags;
        let mut all = StateSet::default();
        for s in 0..n_states {
            all.insert(s);
        }
        let mut start = Box::new([MIN_INF; NS]);
        for p in &mut start[..n_states] {
            *p = r.f64();
        }
        let mut trans = vec![[MIN_INF; NS]; NS];
        let mut succ = vec![StateSet::default(); NS];
        let mut pred = vec![StateSet::default(); NS];
        for _ in 0..r.u32() {
            let (from, to) = (r.u8() as usize, r.u8() as usize);
            assert!(
                from < n_states && to < n_states,
                "posseg model: bad transition"
            );
            trans[to][from] = r.f64();
            succ[from].insert(to);
            pred[to].insert(from);
        }
        let mut has_succ = StateSet::default();
        for (s, set) in succ.iter().enumerate() {
            if !set.is_empty() {
                has_succ.insert(s);
            }
        }
        let mut wide_pred = StateSet::default();
        let few_pred = pred
            .iter()
            .map(|set| {
                let mut few = FewPreds::default();
                if set.len() > FEW_PREDS {
                    wide_pred = wide_pred.or(*set);
                    few.len = u8::MAX;
                } else {
                    set.for_each(|y0| {
                        few.states[usize::from(few.len)] = y0;
                        few.len += 1;
                    });
                }
                few
            })
            .collect();
        let values: Vec<f64> = (0..r.u32()).map(|_| r.f64()).collect();
        let n_chars = r.u32() as usize;
        let mut row_of = vec![u32::MAX; (LAST_CHAR - FIRST_CHAR + 1) as usize];
        let mut rows = Vec::with_capacity(n_chars);
        let mut emits = Vec::new();
        let mut allowed = Vec::new();
        for _ in 0..n_chars {
            let c = r.u32();
            assert!(
                (FIRST_CHAR..=LAST_CHAR).contains(&c),
                "posseg model: character out of range"
            );
            let k = r.u8();
            let states = (k != 255).then(|| {
                let mut set = StateSet::default();
                for _ in 0..k {
                    set.insert(r.u8() as usize);
                }
                set
            });
            let m = r.u16() as usize;
            let emit_start = emits.len();
            for _ in 0..m {
                let s = r.u8();
                let v = values[r.u16() as usize];
                emits.push((s, v));
            }
            let allowed_start = allowed.len();
            if let Some(set) = states {
                let own = &emits[emit_start..];
                set.for_each(|y| {
                    let e = own
                        .iter()
                        .find(|&&(s, _)| s == y)
                        .map_or(MIN_FLOAT, |&(_, v)| v);
                    allowed.push((y, e));
                });
            }
            row_of[(c - FIRST_CHAR) as usize] = rows.len() as u32;
            rows.push(CharRow {
                allowed_start: allowed_start as u32,
                allowed_len: (allowed.len() - allowed_start) as u16,
                has_states: states.is_some(),
                emit_len: m as u16,
                emit_start: emit_start as u32,
            });
        }
        assert!(r.b.is_empty(), "posseg model: trailing bytes");
        let mut model = Model {
            state_tag: std::array::from_fn(|s| tags[s % n_tags]),
            state_pos: std::array::from_fn(|s| (s / n_tags) as u8),
            all,
            start,
            trans,
            succ,
            has_succ,
            few_pred,
            wide_pred,
            row_of,
            rows,
            emits,
            allowed,
            single: Vec::new(),
            single_unknown: 0,
        };
        // The Viterbi of one character is the best of its first states.
        let mut em = [MIN_FLOAT; NS];
        let mut single = vec![0; model.rows.len()];
        for c in FIRST_CHAR..=LAST_CHAR {
            let r = model.row_of[(c - FIRST_CHAR) as usize];
            if r != u32::MAX {
                single[r as usize] = model.best_first(Some(&model.rows[r as usize]), &mut em);
            }
        }
        model.single = single;
        model.single_unknown = model.best_first(None, &mut em);
        model
    }

    /// The best state of a character alone (Python's `max` over `(V, state)`).
    fn best_first(&self, row: Option<&CharRow>, em: &mut [f64; NS]) -> u8 {
        let mut v = [MIN_INF; NS];
        let set = self.first_states(row, &mut v, em);
        let mut best = (MIN_INF, u8::MAX);
        set.for_each(|y| {
            if v[usize::from(y)] >= best.0 {
                best = (v[usize::from(y)], y);
            }
        });
        best.1
    }

    /// Scores of the first character (`start + emit`) into `v`; returns
    /// the states it may take.
    #[inline]
    fn first_states(
        &self,
        row: Option<&CharRow>,
        v: &mut [f64; NS],
        em: &mut [f64; NS],
    ) -> StateSet {
        match row.filter(|r| r.has_states) {
            Some(r) => {
                let mut set = StateSet::default();
                for &(y, e) in self.allowed(r) {
                    v[usize::from(y)] = self.start[usize::from(y)] + e;
                    set.insert(usize::from(y));
                }
                set
            }
            None => {
                let list = self.load_emits(row, em);
                self.all.for_each(|y| {
                    v[usize::from(y)] = self.start[usize::from(y)] + em[usize::from(y)]
                });
                for &(s, _) in list {
                    em[usize::from(s)] = MIN_FLOAT;
                }
                self.all
            }
        }
    }

    /// Best state of `c` alone.
    #[inline]
    fn single_state(&self, c: char) -> u8 {
        let i = (c as u32).wrapping_sub(FIRST_CHAR) as usize;
        match self.row_of.get(i) {
            Some(&r) if r != u32::MAX => self.single[r as usize],
            _ => self.single_unknown,
        }
    }

    #[inline]
    fn row(&self, c: char) -> Option<&CharRow> {
        let i = (c as u32).checked_sub(FIRST_CHAR)? as usize;
        let r = *self.row_of.get(i)?;
        self.rows.get(r as usize)
    }

    /// The states `char_state_tab` allows the character of `row`, with
    /// their emissions.
    #[inline]
    fn allowed(&self, row: &CharRow) -> &[(u8, f64)] {
        let start = row.allowed_start as usize;
        &self.allowed[start..start + usize::from(row.allowed_len)]
    }

    /// Fill `em` (all `MIN_FLOAT`) with the emissions of the character of
    /// `row`; returns the states to reset afterwards.
    #[inline]
    fn load_emits<'m>(&'m self, row: Option<&CharRow>, em: &mut [f64; NS]) -> &'m [(u8, f64)] {
        let Some(row) = row else { return &[] };
        let start = row.emit_start as usize;
        let list = &self.emits[start..start + usize::from(row.emit_len)];
        for &(s, v) in list {
            em[usize::from(s)] = v;
        }
        list
    }
}

/// The tags of jieba's dictionary (`dict.txt`).
const DICT_TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "c", "d", "df", "dg", "e", "f", "g", "h", "i", "j", "k", "l", "m",
    "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "r", "rg", "rr",
    "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn",
    "vq", "x", "y", "z", "zg",
];

/// Tags given outside the dictionary and the HMM: numbers, Latin, the rest.
const OTHER_TAGS: &[&str] = &["eng", "m", "x"];

/// Whether the tagger can give `tag` to a word without user words: a tag
/// of jieba's dictionary, of its HMM, or `eng`/`m`/`x`. A filter on any
/// other tag (a typo) could only ever match a user word's own tag.
pub fn is_builtin_tag(tag: &str) -> bool {
    DICT_TAGS.contains(&tag) || OTHER_TAGS.contains(&tag) || model().state_tag.contains(&tag)
}

/// The tags of [`is_builtin_tag`], sorted, for messages.
pub fn builtin_tags() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DICT_TAGS
        .iter()
        .chain(OTHER_TAGS)
        .chain(model().state_tag.iter())
        .copied()
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::load(MODEL_BYTES))
}

/// Working memory for the Viterbi, kept per thread.
#[derive(Default)]
struct Scratch {
    /// `v[t][s]`: best log-prob of a path ending in `s` at `t`.
    v: Vec<[f64; NS]>,
    /// Best predecessor of `s` at `t`.
    back: Vec<[u8; NS]>,
    /// States reached at the current position (`mem_path[t].keys()`),
    /// ascending.
    reached: Vec<u8>,
    /// States allowed at the current position, with their emissions.
    obs: Vec<(u8, f64)>,
    /// Emissions of the current character, `MIN_FLOAT` elsewhere (only for
    /// characters without a `char_state_tab` entry).
    em: Option<Box<[f64; NS]>>,
    /// Reached states that may precede many, with their scores.
    wide_v: Vec<f64>,
    wide_s: Vec<u8>,
    /// Scores of the current state from each of them.
    scores: Vec<f64>,
    chars: Vec<char>,
    route: Vec<u8>,
    /// Best states of runs already seen.
    memo: Memo,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// posseg's `viterbi` over `sc.chars`; leaves the best state of each
/// position in `sc.route`.
///
/// Python scores every pair of a state `y` allowed at `t` and a state `y0`
/// reached at `t - 1`, and keeps the largest `(V[t-1][y0] + trans + emit,
/// y0)` tuple. A pair without a transition scores `-inf`, so only the
/// predecessors of `y` are scored, unless none of them reaches a finite
/// score; then every pair is, as in Python, so that the tie between `-inf`
/// scores goes to the same state.
fn viterbi(m: &Model, sc: &mut Scratch) {
    let n = sc.chars.len();
    // Only entries of states reached at a position are ever read, and
    // those are written first: no need to clear.
    if sc.v.len() < n {
        sc.v.resize(n, [MIN_INF; NS]);
        sc.back.resize(n, [0; NS]);
    }
    let em = sc.em.get_or_insert_with(|| Box::new([MIN_FLOAT; NS]));
    // The states reached at the previous position, as a set and ascending.
    let mut reached = m.first_states(m.row(sc.chars[0]), &mut sc.v[0], em);
    sc.reached.clear();
    reached.for_each(|y| sc.reached.push(y));
    for t in 1..n {
        let prev = reached.and(m.has_succ);
        let (before, after) = sc.v.split_at_mut(t);
        let vp = &before[t - 1];
        let vt = &mut after[0];
        let bt = &mut sc.back[t];
        // States the reached ones lead to; and the reached ones that may
        // precede a state with many predecessors, with their scores
        // (gathered without branching on each).
        let mut expect = StateSet::default();
        let r = sc.reached.len();
        sc.wide_v.resize(r, MIN_INF);
        sc.wide_s.resize(r, 0);
        let mut k = 0;
        for &y0 in &sc.reached {
            expect = expect.or(m.succ[usize::from(y0)]);
            sc.wide_v[k] = vp[usize::from(y0)];
            sc.wide_s[k] = y0;
            k += usize::from(m.wide_pred.contains(y0) & m.has_succ.contains(y0));
        }
        sc.wide_v.truncate(k);
        sc.wide_s.truncate(k);
        sc.scores.resize(k, MIN_INF);
        let wide = (&sc.wide_v[..], &sc.wide_s[..]);
        // The states allowed at `t` that some reached state leads to, with
        // their emissions, ascending: in the usual case those of
        // `char_state_tab` (gathered without branching on each).
        let row = m.row(sc.chars[t]);
        sc.obs.clear();
        if let Some(r) = row.filter(|r| r.has_states) {
            let allowed = m.allowed(r);
            sc.obs.resize(allowed.len(), (0, MIN_FLOAT));
            let mut k = 0;
            for &(y, e) in allowed {
                sc.obs[k] = (y, e);
                k += usize::from(expect.contains(y));
            }
            sc.obs.truncate(k);
        }
        if sc.obs.is_empty() {
            // No `char_state_tab` entry, or none of its states is reachable:
            // every reachable state (every state if none is).
            let obs = if expect.is_empty() { m.all } else { expect };
            let list = m.load_emits(row, em);
            obs.for_each(|y| sc.obs.push((y, em[usize::from(y)])));
            for &(s, _) in list {
                em[usize::from(s)] = MIN_FLOAT;
            }
        }
        reached = StateSet::default();
        sc.reached.clear();
        for &(y, e) in &sc.obs {
            let (p, b) = best_predecessor(m, y, e, prev, vp, wide, &mut sc.scores);
            vt[usize::from(y)] = p;
            bt[usize::from(y)] = b;
            reached.insert(usize::from(y));
            sc.reached.push(y);
        }
    }

    let last = &sc.v[n - 1];
    let mut best = (MIN_INF, u8::MAX);
    for &y in &sc.reached {
        if last[usize::from(y)] >= best.0 {
            best = (last[usize::from(y)], y);
        }
    }
    sc.route.clear();
    sc.route.resize(n, 0);
    let mut s = best.1;
    for t in (0..n).rev() {
        sc.route[t] = s;
        s = sc.back[t][usize::from(s)];
    }
}

/// Python's choice of predecessor for state `y` (emission `e`) among the
/// reached states `prev` (scores `vp`): the largest `(vp[y0] + trans + e,
/// y0)`, a missing transition scoring `-inf`. Returns the score and the
/// state.
///
/// Only predecessors of `y` are scored: from `wide` (the reached states
/// that may precede a state with many predecessors, ascending) or from the
/// model's short list. Of equal scores the last, so the larger state, wins.
/// When none is above `-inf`, every reached state is scored, as in Python,
/// so that the tie goes to the same state.
#[inline(always)]
fn best_predecessor(
    m: &Model,
    y: u8,
    e: f64,
    prev: StateSet,
    vp: &[f64; NS],
    wide: (&[f64], &[u8]),
    scores: &mut [f64],
) -> (f64, u8) {
    let tr = &m.trans[usize::from(y)];
    let few = &m.few_pred[usize::from(y)];
    let (mut best_p, mut best_s) = (MIN_INF, u8::MAX);
    if few.len == u8::MAX {
        // All scores first, then their maximum, then the last state that
        // reaches it: short dependency chains.
        let (wv, ws) = wide;
        for ((p, &v0), &y0) in scores.iter_mut().zip(wv).zip(ws) {
            *p = v0 + tr[usize::from(y0)] + e;
            best_p = if *p > best_p { *p } else { best_p };
        }
        if let Some(k) = scores.iter().rposition(|&p| p == best_p) {
            best_s = ws[k];
        }
    } else {
        for &y0 in &few.states[..usize::from(few.len)] {
            // A state not reached scores `-inf` (its `vp` is stale); chosen
            // without a branch, which would be unpredictable.
            let p = [MIN_INF, vp[usize::from(y0)] + tr[usize::from(y0)] + e]
                [usize::from(prev.contains(y0))];
            if p >= best_p {
                (best_p, best_s) = (p, y0);
            }
        }
    }
    if best_p == MIN_INF {
        best_s = u8::MAX;
        prev.for_each(|y0| {
            let p = vp[usize::from(y0)] + tr[usize::from(y0)] + e;
            if p >= best_p {
                (best_p, best_s) = (p, y0);
            }
        });
    }
    (best_p, best_s)
}

/// posseg's `__cut`: Viterbi over a run of Chinese characters, then words
/// from the positions, each tagged with the tag of its last state.
fn hmm_cut<'a>(run: &'a str, pos: usize, f: &mut impl FnMut(Tagged<'a>)) {
    let m = model();
    let mut chars = run.chars();
    let Some(first) = chars.next() else { return };
    if chars.next().is_none() {
        // One character: one word, whatever its best state.
        f(Tagged {
            word: run,
            tag: m.state_tag[usize::from(m.single_state(first))],
            start: pos,
            end: pos + 1,
        });
        return;
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut sc) => hmm_cut_with(m, &mut sc, run, pos, f),
        // `f` tagged text on this thread from inside a callback.
        Err(_) => hmm_cut_with(m, &mut Scratch::default(), run, pos, f),
    })
}

fn hmm_cut_with<'a>(
    m: &Model,
    sc: &mut Scratch,
    run: &'a str,
    pos: usize,
    f: &mut impl FnMut(Tagged<'a>),
) {
    // Every character of `[\u4E00-\u9FD5]` takes three bytes in UTF-8.
    debug_assert!(run.chars().all(is_han_detail));
    let n = run.len() / 3;
    // The same unknown runs come back again and again (`新的`, `这一`,
    // `年的`): the states of short ones are remembered.
    let key = memo_key(run);
    let mut states = [0; MEMO_MAX_CHARS];
    let route: &[u8] = if let Some(known) = key.and_then(|k| sc.memo.get(&k)) {
        states = *known;
        &states[..n]
    } else {
        sc.chars.clear();
        sc.chars.extend(run.chars());
        viterbi(m, sc);
        if let Some(k) = key {
            if sc.memo.len() >= MEMO_MAX_RUNS {
                sc.memo.clear();
            }
            states[..n].copy_from_slice(&sc.route);
            sc.memo.insert(k, states);
        }
        &sc.route
    };
    let mut emit = |a: usize, b: usize, s: u8| {
        f(Tagged {
            word: &run[3 * a..3 * b],
            tag: m.state_tag[usize::from(s)],
            start: pos + a,
            end: pos + b,
        })
    };
    let (mut begin, mut next) = (0, 0);
    for (i, &s) in route.iter().enumerate() {
        match m.state_pos[usize::from(s)] {
            POS_B => begin = i,
            POS_E => {
                emit(begin, i + 1, s);
                next = i + 1;
            }
            POS_S => {
                emit(i, i + 1, s);
                next = i + 1;
            }
            _ => {}
        }
    }
    if next < n {
        emit(next, n, route[next]);
    }
}

/// Runs longer than this (in characters) are not remembered.
const MEMO_MAX_CHARS: usize = 8;
/// The memo is emptied when it holds this many runs.
const MEMO_MAX_RUNS: usize = 1 << 17;

/// The memo key of a run of `[\u4E00-\u9FD5]` of at most
/// `MEMO_MAX_CHARS` characters: 15 bits per character, each at least 1, so
/// that runs of different lengths differ.
#[inline]
fn memo_key(run: &str) -> Option<u128> {
    let b = run.as_bytes();
    if b.len() > 3 * MEMO_MAX_CHARS {
        return None;
    }
    let mut key = 0u128;
    for c in b.chunks_exact(3) {
        let u =
            (u32::from(c[0] & 0x0F) << 12) | (u32::from(c[1] & 0x3F) << 6) | u32::from(c[2] & 0x3F);
        key = (key << 15) | u128::from(u - FIRST_CHAR + 1);
    }
    Some(key)
}

/// FxHash (as in rustc) of a memo key.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type Memo = HashMap<u128, [u8; MEMO_MAX_CHARS], std::hash::BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tags_cover_dictionary_hmm_and_others() {
        for t in ["n", "nr", "ns", "v", "vn", "eng", "x", "m", "zg", "uj"] {
            assert!(is_builtin_tag(t), "{t}");
        }
        for t in ["zz", "", "N", "noun"] {
            assert!(!is_builtin_tag(t), "{t}");
        }
        let all = builtin_tags();
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert!(all.iter().all(|t| is_builtin_tag(t)));
    }

    #[test]
    fn model_loads() {
        let m = model();
        assert_eq!(m.all.len(), 256);
        assert_eq!((m.state_tag[0], m.state_pos[0]), ("a", POS_B));
        assert_eq!((m.state_tag[255], m.state_pos[255]), ("zg", POS_S));
        assert!(m.row('一').is_some());
        assert!(m.row('a').is_none());
    }

    #[test]
    fn finds_block_differences() {
        // jieba-rs 0.11 `is_han_default` outside posseg's `re_han_internal`.
        let differs = |c: char| {
            matches!(c, '%' | '-')
                || matches!(c as u32, 0x3400..=0x4DBF | 0x9FD6..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
        };
        for c in (0..0x40000).filter_map(char::from_u32) {
            assert_eq!(splits_differently(c), differs(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn spans_and_split_blocks_cover_the_text() {
        let jieba = crate::segment::default_jieba();
        for text in [
            "增长3.5%，达到5-6倍",
            "%开头-",
            "a-b%c",
            "鿏元素和㐀字",
            "没有",
            "",
            "-",
            "甲\r\n-乙",
        ] {
            for hmm in [true, false] {
                let toks = Posseg::new(&jieba).hmm(hmm).cut(text);
                assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), text);
                let mut at = 0;
                for t in &toks {
                    assert_eq!(t.start, at, "{text:?}");
                    at = t.end;
                }
                assert_eq!(at, text.chars().count());
            }
        }
    }

    #[test]
    fn detail_splits_numbers_and_latin() {
        let got: Vec<(&str, &str)> = cut_detail("3.5kg_x+")
            .iter()
            .map(|t| (t.word, t.tag))
            .collect();
        assert_eq!(
            got,
            [
                ("3.5", "m"),
                ("kg", "eng"),
                ("_", "x"),
                ("x", "eng"),
                ("+", "x")
            ]
        );
    }
}
