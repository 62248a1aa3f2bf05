//! Policy terms: quoted slogans and numbered expressions (提法).
//!
//! Chinese policy writing names its programmes with short quoted slogans
//! (`“千万工程”`, `“六干”`, `“4+1”`) and numbered formulations (`三大差距`,
//! `四个总体原则`, `五个“落实”`, `三提三富`). jieba cuts most of them into
//! pieces (`千万/工程`, `三/大/差距`), so their counts are lost.
//! [`find_terms`] recognises them; the default [`Segmenter`] keeps them whole
//! (see [`SegmenterBuilder::keep_terms`]).
//!
//! # Rules
//!
//! **Quoted terms** ([`TermKind::Quoted`]). The text between a pair of
//! matching quotes — `“”`, `‘’`, `「」`, `『』`, or ASCII `""` / full-width
//! `＂＂` (paired in order of appearance within a line) — is a term when it
//! is
//!
//! * [`QUOTED_MIN_CHARS`]–[`QUOTED_MAX_CHARS`] characters long (2–6: `“六干”`
//!   is 2, `“三化十二制”` 5, `“幸福五进工程”` 6; longer quotations are mostly
//!   phrases or speech, not names — on the SIGHAN 2005 test sets, where the
//!   gold splits quoted phrases, quotations of 7–8 characters cost 0.0009 F
//!   on PKU and gain nothing),
//! * made only of Han characters, Latin letters and digits (half- or
//!   full-width) and the joiners `+ - . / · & % ×` — so no sentence or
//!   clause punctuation (`，。！？；：、…—`), no brackets, no spaces, no nested
//!   quotes: a quoted sentence or an enumeration (`“强城、兴村”`) is never a
//!   term, and
//! * holds at least one Han character or digit (`“4+1”` and `“136”` are terms,
//!   `"OK"` is not).
//!
//! The term is the text inside the quotes; the span covers that text only,
//! the quotes are not part of it.
//!
//! **Numbered expressions** ([`TermKind::Numbered`]) start with a numeral —
//! a run of `一二三四五六七八九十百千万两〇零` whose first character is one
//! of `一…十`/`两`, or (form 1 only) one ASCII digit — that is not part of a
//! larger number or an ordinal (no digit or numeral, `第`, `初`, `周` right
//! before it), and that begins a word in jieba's segmentation of its context
//! (so `统一大市场` has no `一大`). Three forms are recognised:
//!
//! 1. **`N大` + noun phrase**: `三大差距`, `四大行动`, `六大共富行动`. The
//!    numeral is one character, not `一` (`一大批`, `一大早`; `十五大精神`
//!    is the 15th Party Congress), or one digit (`4大景区`).
//! 2. **`N` + classifier `个 项 条 种 类 篇 张 批 件` + noun phrase**
//!    (`四个总体原则`, `三篇文章`): counted phrases are ordinary text
//!    (`三个月`, `两个板块`, `五个案例之一`), so this form is only taken
//!    when the numeral is Chinese and not `一` alone, *and* either the noun
//!    is quoted (`五个“落实”`, which also works with `大`) or the
//!    expression directly follows a closing quote, as it does when it sums
//!    up an enumeration (`“强城”“兴村”“融合”三篇文章`, `“……推”四个总体原则`).
//! 3. **Paired forms** `N X N Y [N Z [N W]]`, each `X` one Han character that
//!    is not a numeral nor a measure, time or person word (`年 月 日 个 次 人
//!    家 式 …`) nor a connector (`至 到 或 和 及 与 比`), all different:
//!    `三提三富`, `三化十二制`, `三清一促`, `两重两新`, `三省一市`. No `N` is
//!    an approximate number (`一般三五人`) and no `N X` a function word
//!    (`两人一起`, `一般`). A form that is a word of the dictionary (the
//!    idioms `一心一意`, `一年一度`, `七上八下`) is not taken, nor one whose
//!    last character starts a longer word (`三清一促进`).
//!
//! The noun phrase of forms 1 and 2 is chosen with the dictionary: jieba's
//! first word after the marker, when it is a noun (tag `n…`, `vn`, `an`,
//! `j`, `l`) of two characters or more; extended by the next word when the
//! first is a modifier (an adjective or distinguishing word, a word outside
//! the dictionary such as `共富`, or one of `总体 主要 核心 基本 关键 重大
//! 重要 重点`) and the two together are at most four characters
//! (`四个总体原则`, `六大共富行动`); a listed modifier needs a plain noun
//! after it and is never a noun phrase alone (`十大重点攻坚项目` is not
//! taken). A quoted noun is taken whole (`五个“落实”`: the span
//! covers `五个“落实”`, the term is `五个落实`, with the quotes removed).
//!
//! **Both** ([`TermKind::Both`]): a quoted term whose text starts with a
//! Chinese numeral and goes on with a non-numeral Han character
//! (`“三大差距”`, `“六干”`, `“七优享”`, `“千万工程”`, `“一千双百”`), and
//! the numbered form with a quoted noun (`五个“落实”`). `“136”` and `“4+1”`
//! are [`TermKind::Quoted`].
//!
//! Spans never overlap and come in text order. A quoted span is found first
//! where a numbered expression would start inside it.
//!
//! # Accuracy and cost
//!
//! On the SIGHAN 2005 test texts (1998–2000 news, 1.1 MB) the numbered rules
//! fire about 60 times; about one in ten is a wrong extent or not a
//! formulation (`两大中标集团` gives `两大中标`, `铁二局一处八队` gives
//! `二局一处八队`). On 1.5 MB of laws and regulations they fire once
//! (`一照一码`). Keeping terms whole costs those test sets 0.004 F (PKU)
//! and 0.003 F (MSR): their gold standards cut quoted phrases and numerals
//! apart (`“ 三 扎根 ”`, `三 个 代表`).
//!
//! Finding terms is linear in the text: one table lookup per character, and
//! the dictionary is consulted only around numerals followed by a marker or
//! a second numeral. [`find_numbers`] finds the numbers with units that
//! [`SegmenterBuilder::keep_numbers`] keeps whole, and [`hmm_word_rejected`]
//! the words of jieba's HMM that [`SegmenterBuilder::strict_hmm`] takes
//! apart again (one table lookup per token, a dictionary lookup for the few
//! that begin or end with a common word).
//!
//! ```
//! use cipin_core::terms::{find_terms, TermKind};
//!
//! let text = "缩小“三大差距”，推进“4+1”，抓好五个“落实”，深化三提三富改革，统筹推进四大行动。";
//! let spans = find_terms(text);
//! let found: Vec<(&str, TermKind)> = spans.iter().map(|t| (t.term.as_str(), t.kind)).collect();
//! assert_eq!(
//!     found,
//!     vec![
//!         ("三大差距", TermKind::Both),
//!         ("4+1", TermKind::Quoted),
//!         ("五个落实", TermKind::Both),
//!         ("三提三富", TermKind::Numbered),
//!         ("四大行动", TermKind::Numbered),
//!     ]
//! );
//! // Ordinary counting is left alone.
//! assert!(find_terms("三个月后，两个板块的五个案例之一，一大批企业，一年一度").is_empty());
//! ```
//!
//! [`Segmenter`]: crate::segment::Segmenter
//! [`SegmenterBuilder::keep_terms`]: crate::segment::SegmenterBuilder::keep_terms
//! [`SegmenterBuilder::keep_numbers`]: crate::segment::SegmenterBuilder::keep_numbers
//! [`SegmenterBuilder::strict_hmm`]: crate::segment::SegmenterBuilder::strict_hmm
//! [`find_numbers`]: super::numbers::find_numbers
//! [`hmm_word_rejected`]: super::strict_hmm::hmm_word_rejected
use jieba_rs::Jieba;
use serde::Serialize;

use super::chars::{bitmap, in_bitmap, is_cn_numeral, is_digit};
use super::jieba::default_jieba;

/// Shortest quoted text taken as a term, in characters.
pub const QUOTED_MIN_CHARS: usize = 2;
/// Longest quoted text taken as a term, in characters.
pub const QUOTED_MAX_CHARS: usize = 6;

/// What kind of term a [`TermSpan`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// A short quoted span (`“千万工程”` gives `千万工程`).
    Quoted,
    /// A numbered expression (`三大差距`, `三提三富`).
    Numbered,
    /// Both: a quoted numbered expression (`“三大差距”`, `“六干”`) or a
    /// numbered expression with a quoted noun (`五个“落实”`).
    Both,
}

impl TermKind {
    /// `quoted`, `numbered` or `both`.
    ///
    /// ```
    /// assert_eq!(cipin_core::terms::TermKind::Both.as_str(), "both");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TermKind::Quoted => "quoted",
            TermKind::Numbered => "numbered",
            TermKind::Both => "both",
        }
    }
}

impl std::fmt::Display for TermKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A term found in a text: where it is and its normalised form.
///
/// `start_byte..end_byte` (`start_char..end_char` in characters) is the part
/// of the text a segmenter keeps as one token: the text inside the quotes
/// for a quoted term, the whole expression (inner quotes included, as in
/// `五个“落实”`) for a numbered one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermSpan {
    /// Byte offset of the span's start.
    pub start_byte: usize,
    /// Byte offset just past the span.
    pub end_byte: usize,
    /// Character offset of the span's start.
    pub start_char: usize,
    /// Character offset just past the span.
    pub end_char: usize,
    /// The term, normalised: the span with any quote characters removed
    /// (`五个“落实”` gives `五个落实`).
    pub term: String,
    /// Quoted, numbered or both.
    pub kind: TermKind,
}

impl TermSpan {
    /// The span's text in `text` (the text it was found in).
    ///
    /// ```
    /// let text = "抓好五个“落实”——";
    /// let t = &cipin_core::terms::find_terms(text)[0];
    /// assert_eq!(t.slice(text), "五个“落实”");
    /// assert_eq!(t.term, "五个落实");
    /// ```
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start_byte..self.end_byte]
    }
}

/// Find the quoted and numbered terms of `text` with the default jieba
/// dictionary (see the [module docs](self) for the rules).
pub fn find_terms(text: &str) -> Vec<TermSpan> {
    if !may_hold_terms(text) {
        return Vec::new();
    }
    find_terms_with(text, &default_jieba())
}

/// [`find_terms`] with the given dictionary (a segmenter's, with its user
/// words), used to place word boundaries and choose noun phrases.
///
/// ```
/// let j = cipin_core::segment::default_jieba();
/// let t = cipin_core::terms::find_terms_with("坚持三大载体，", &j);
/// assert_eq!(t[0].term, "三大载体");
/// assert_eq!((t[0].start_char, t[0].end_char), (2, 6));
/// ```
pub fn find_terms_with(text: &str, jieba: &Jieba) -> Vec<TermSpan> {
    let mut out = Vec::new();
    // ASCII / full-width double quotes pair up in order within a line:
    // whether the next one opens.
    let mut ascii_opens = true;
    let mut cs: Vec<(usize, char)> = Vec::with_capacity(BEHIND + 1 + AHEAD);
    // `it` walks `text[off..]`; `k` is the character offset of its next
    // character in `text`.
    let (mut off, mut k) = (0, 0);
    let mut it = text.char_indices();
    while let Some((rel, c)) = it.next() {
        k += 1;
        if !is_trigger(c) {
            continue;
        }
        if c == '\n' {
            ascii_opens = true;
            continue;
        }
        let pos = off + rel;
        let next = pos + c.len_utf8();
        let same_quote = matches!(c, '"' | '＂');
        if same_quote {
            if !ascii_opens {
                // A closing one.
                ascii_opens = true;
                continue;
            }
            ascii_opens = false;
        }
        if !could_start(c, &text[next..]) {
            continue;
        }
        // A window of characters around the candidate: enough for every
        // rule to see what it would see in the whole text.
        let at = k - 1;
        let (mut wb, mut back) = (pos, 0);
        for (b, _) in text[..pos].char_indices().rev().take(BEHIND) {
            (wb, back) = (b, back + 1);
        }
        cs.clear();
        cs.extend(text[wb..].char_indices().take(back + 1 + AHEAD));
        let we = cs.last().map_or(0, |&(b, c)| b + c.len_utf8());
        let f = Finder {
            text: &text[wb..wb + we],
            cs: &cs,
            jieba,
            base_byte: wb,
            base_char: at - back,
        };
        if let Some((span, resume)) = f.term_at(back) {
            if same_quote {
                ascii_opens = true; // both quotes used
            }
            out.push(span);
            off = wb + f.byte(resume);
            k = at - back + resume;
            it = text[off..].char_indices();
        }
    }
    out
}

/// Remove quote characters: the normalised form of a term.
///
/// ```
/// assert_eq!(cipin_core::terms::normalize_term("五个“落实”"), "五个落实");
/// ```
pub fn normalize_term(s: &str) -> String {
    s.chars().filter(|&c| !is_quote(c)).collect()
}

/// The old name of [`normalize_term`].
#[doc(hidden)]
#[deprecated(note = "renamed `normalize_term`")]
pub fn normalise_term(s: &str) -> String {
    normalize_term(s)
}

/// Whether `content` (the text between two quotes) is a quoted term by the
/// length and content rules of the [module docs](self).
///
/// ```
/// use cipin_core::terms::is_quoted_term;
/// assert!(is_quoted_term("六干") && is_quoted_term("4+1") && is_quoted_term("136"));
/// assert!(!is_quoted_term("强城、兴村") && !is_quoted_term("好") && !is_quoted_term("OK"));
/// assert!(!is_quoted_term("在推进共同富裕中先行示范"));
/// ```
pub fn is_quoted_term(content: &str) -> bool {
    let n = content.chars().count();
    (QUOTED_MIN_CHARS..=QUOTED_MAX_CHARS).contains(&n)
        && content.chars().all(is_content_char)
        && content
            .chars()
            .any(|c| is_han(c) || c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Classify a quoted term: [`TermKind::Both`] when it starts with a Chinese
/// numeral followed by a non-numeral Han character, else [`TermKind::Quoted`].
///
/// ```
/// use cipin_core::terms::{quoted_kind, TermKind};
/// assert_eq!(quoted_kind("六干"), TermKind::Both);
/// assert_eq!(quoted_kind("136"), TermKind::Quoted);
/// assert_eq!(quoted_kind("十五"), TermKind::Quoted);
/// ```
pub fn quoted_kind(content: &str) -> TermKind {
    let mut chars = content.chars().skip_while(|&c| is_cn_numeral(c));
    let numeral_first = content.chars().next().is_some_and(is_cn_numeral);
    if numeral_first && chars.next().is_some_and(is_han) {
        TermKind::Both
    } else {
        TermKind::Quoted
    }
}

// ---------------------------------------------------------------------------
// Character classes.
fn is_cn_numeral_start(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
    )
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}' | '\u{2A700}'..='\u{2EBEF}' | '\u{30000}'..='\u{3134F}' | '〇')
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '"' | '＂'
    )
}

/// The closing quote of an opening one; ASCII and full-width double quotes
/// close themselves.
fn closer(c: char) -> Option<char> {
    match c {
        '“' => Some('”'),
        '‘' => Some('’'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' => Some('"'),
        '＂' => Some('＂'),
        _ => None,
    }
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '＂')
}

/// Characters allowed inside a quoted term.
fn is_content_char(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || matches!(
            c,
            '+' | '-' | '.' | '/' | '·' | '&' | '%' | '×' | '＋' | '－' | '％'
        )
}

/// Whether a term can start at `c` (or, for a line break, the pairing of
/// ASCII quotes restarts): a numeral, a digit, an opening quote or an ASCII
/// or full-width double quote. Most characters are ruled out by one or two
/// comparisons.
#[inline]
fn is_trigger(c: char) -> bool {
    in_bitmap(&TRIGGERS, c)
}

/// [`is_trigger`] as a bitmap over the Basic Multilingual Plane (8 KiB):
/// one load per character of text.
static TRIGGERS: [u64; 1024] = bitmap(&["一二三四五六七八九十两“‘「『＂\"\n0123456789"]);

/// Quick filter: a text with no quote and no numeral holds no term.
fn may_hold_terms(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && is_trigger(c))
}

/// Whether a term may start at the trigger `c`, followed by `rest`: a quote,
/// or a numeral followed by what a numbered expression needs (another
/// numeral, `大`, a classifier, or a second numeral one character on).
#[inline]
fn could_start(c: char, rest: &str) -> bool {
    let mut it = rest.chars();
    let (n1, n2) = (it.next(), it.next());
    if c.is_ascii_digit() {
        n1 == Some('大')
    } else if is_cn_numeral_start(c) {
        n1.is_some_and(|x| is_cn_numeral(x) || x == '大' || is_weak_marker(x))
            || n2.is_some_and(is_cn_numeral_start)
    } else {
        true
    }
}

/// Classifiers of form 2.
fn is_weak_marker(c: char) -> bool {
    matches!(
        c,
        '个' | '项' | '条' | '种' | '类' | '篇' | '张' | '批' | '件'
    )
}

/// Characters that cannot be the `X` of a paired form: measure, time and
/// person words, and the connectors of ranges and ratios (`两至三家`,
/// `三比一`).
fn is_measure(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '号'
            | '时'
            | '分'
            | '秒'
            | '天'
            | '周'
            | '岁'
            | '点'
            | '次'
            | '回'
            | '遍'
            | '倍'
            | '成'
            | '元'
            | '角'
            | '块'
            | '斤'
            | '米'
            | '里'
            | '届'
            | '期'
            | '代'
            | '位'
            | '名'
            | '口'
            | '个'
            | '只'
            | '件'
            | '条'
            | '项'
            | '张'
            | '本'
            | '台'
            | '辆'
            | '座'
            | '栋'
            | '层'
            | '些'
            | '样'
            | '种'
            | '批'
            | '场'
            | '度'
            | '步'
            | '份'
            | '股'
            | '句'
            | '声'
            | '下'
            | '趟'
            | '圈'
            | '排'
            | '行'
            | '列'
            | '对'
            | '双'
            | '套'
            | '类'
            | '级'
            | '篇'
            | '章'
            | '节'
            | '课'
            | '版'
            | '吨'
            | '克'
            | '亩'
            | '尺'
            | '寸'
            | '毫'
            | '厘'
            | '亿'
            | '人'
            | '家'
            | '式'
            | '联'
            | '至'
            | '到'
            | '或'
            | '和'
            | '及'
            | '与'
            | '比'
    )
}

/// Tags of words that are not the `N X` of a paired form (`一起`, `一般`).
const FUNCTION_TAGS: &[&str] = &["d", "c", "p", "r", "ad", "a", "u", "f"];

/// Whether a numeral run is an approximate number (`三五`, `七八`, `两三`):
/// two numerals one to nine.
fn approximate(run: &str) -> bool {
    let unit = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '两'
        )
    };
    let mut cs = run.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(a), Some(b), None) if unit(a) && unit(b))
}

/// Two-character words that modify the noun after them in a numbered
/// expression (`四个总体原则`).
const MODIFIERS: &[&str] = &[
    "总体", "主要", "核心", "基本", "关键", "重大", "重要", "重点",
];

// ---------------------------------------------------------------------------
// The scanner.

/// Characters a window holds before a candidate (numbered expressions look
/// back three characters for word boundaries) and after it (the longest
/// paired form, 16 characters, plus three of context).
const BEHIND: usize = 4;
const AHEAD: usize = 24;

struct Finder<'t, 'j> {
    /// The window scanned, a slice of the caller's text.
    text: &'t str,
    cs: &'t [(usize, char)],
    jieba: &'j Jieba,
    /// Where the window starts in the caller's text, in bytes and characters.
    base_byte: usize,
    base_char: usize,
}

impl Finder<'_, '_> {
    fn ch(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|&(_, c)| c)
    }

    fn byte(&self, i: usize) -> usize {
        self.cs.get(i).map_or(self.text.len(), |&(b, _)| b)
    }

    /// The text of characters `i..j`.
    fn sub(&self, i: usize, j: usize) -> &str {
        &self.text[self.byte(i)..self.byte(j)]
    }

    fn span(&self, i: usize, j: usize, kind: TermKind) -> TermSpan {
        let s = self.sub(i, j);
        TermSpan {
            start_byte: self.base_byte + self.byte(i),
            end_byte: self.base_byte + self.byte(j),
            start_char: self.base_char + i,
            end_char: self.base_char + j,
            term: normalize_term(s),
            kind,
        }
    }

    /// The term starting at (or, quoted, just after) character `i` of the
    /// window, and the index after it (after the closing quote).
    fn term_at(&self, i: usize) -> Option<(TermSpan, usize)> {
        let c = self.cs[i].1;
        if is_cn_numeral_start(c) || c.is_ascii_digit() {
            return self.numbered_at(i).map(|sp| {
                let end = sp.end_char - self.base_char;
                (sp, end)
            });
        }
        let close = closer(c)?;
        let j = self.match_quote(i, close)?;
        let content = self.sub(i + 1, j);
        is_quoted_term(content).then(|| (self.span(i + 1, j, quoted_kind(content)), j + 1))
    }

    /// The index of the quote closing the one at `i`, when the text between
    /// is made of content characters and is short enough.
    fn match_quote(&self, i: usize, close: char) -> Option<usize> {
        let end = (i + 2 + QUOTED_MAX_CHARS).min(self.cs.len());
        for k in i + 1..end {
            let c = self.cs[k].1;
            if c == close {
                return Some(k);
            }
            if !is_content_char(c) {
                return None;
            }
        }
        None
    }

    /// A numbered expression starting at character `i`.
    fn numbered_at(&self, i: usize) -> Option<TermSpan> {
        let prev = if i > 0 { self.ch(i - 1) } else { None };
        if let Some(p) = prev {
            if is_cn_numeral(p) || is_digit(p) || matches!(p, '第' | '初' | '周' | '．' | '.') {
                return None;
            }
        }
        let after_quote = prev.is_some_and(is_closing_quote);
        let c = self.cs[i].1;
        if c.is_ascii_digit() {
            // Digits: only `N大` + noun phrase.
            let m = self.run_len(i, |c| c.is_ascii_digit());
            if m > 1 || self.ch(i + m) != Some('大') {
                return None;
            }
            let end = self.noun_phrase(i + m + 1)?;
            return self
                .check_start(i, end)
                .then(|| self.span(i, end, TermKind::Numbered));
        }
        let r = self.run_len(i, is_cn_numeral);
        if r > 4 {
            return None;
        }
        let only_one = r == 1 && c == '一';
        if let Some(end) = self.paired(i) {
            return Some(self.span(i, end, TermKind::Numbered));
        }
        let marker = self.ch(i + r)?;
        let strong = marker == '大';
        if !(strong || is_weak_marker(marker)) || only_one || (strong && r > 1) {
            return None;
        }
        // A quoted noun: `五个“落实”`.
        if let Some(close) = self.ch(i + r + 1).and_then(closer) {
            let j = self.match_quote(i + r + 1, close)?;
            if !is_quoted_term(self.sub(i + r + 2, j)) {
                return None;
            }
            return self
                .check_start(i, j + 1)
                .then(|| self.span(i, j + 1, TermKind::Both));
        }
        if !strong && !after_quote {
            return None;
        }
        let end = self.noun_phrase(i + r + 1)?;
        self.check_start(i, end)
            .then(|| self.span(i, end, TermKind::Numbered))
    }

    fn run_len(&self, i: usize, f: impl Fn(char) -> bool) -> usize {
        self.cs[i..].iter().take_while(|&&(_, c)| f(c)).count()
    }

    /// Length of the Han run starting at `i`, at most `max`.
    fn han_run(&self, i: usize, max: usize) -> usize {
        self.cs[i.min(self.cs.len())..]
            .iter()
            .take(max)
            .take_while(|&&(_, c)| is_han(c))
            .count()
    }

    /// The end of a paired form (`三提三富`) starting at `i`.
    fn paired(&self, i: usize) -> Option<usize> {
        // The pairs' (start, numeral length), found on the characters alone.
        let mut pairs = [(0usize, 0usize); 4];
        let mut xs = ['\0'; 4];
        let mut m = 0;
        let mut pos = i;
        while m < 4 {
            let Some(c) = self.ch(pos) else { break };
            if !is_cn_numeral_start(c) {
                break;
            }
            let r = self.run_len(pos, is_cn_numeral);
            if r > 3 || approximate(self.sub(pos, pos + r)) {
                break;
            }
            let Some(x) = self.ch(pos + r) else { break };
            if !is_han(x) || is_cn_numeral(x) || is_measure(x) || xs[..m].contains(&x) {
                break;
            }
            xs[m] = x;
            pairs[m] = (pos, r);
            m += 1;
            pos += r + 1;
        }
        let pairs = &pairs[..m];
        if pairs.len() < 2 {
            return None;
        }
        // `一起`, `一般`, `一直`: a numeral and a character that make a
        // function word are no pair.
        let function_word = |&(p, r): &(usize, usize)| {
            self.jieba
                .tag(self.sub(p, p + r + 1), false)
                .first()
                .is_some_and(|t| t.word.chars().count() == r + 1 && FUNCTION_TAGS.contains(&t.tag))
        };
        let keep = pairs.iter().take_while(|p| !function_word(p)).count();
        if keep < 2 {
            return None;
        }
        let (p, r) = pairs[keep - 1];
        let end = p + r + 1;
        if self.jieba.has_word(self.sub(i, end)) {
            return None;
        }
        self.check_start(i, end).then_some(end)
    }

    /// The end of the noun phrase starting at character `k` (see the module
    /// docs), by jieba's tagging of the next few characters.
    fn noun_phrase(&self, k: usize) -> Option<usize> {
        let w = self.han_run(k, 8);
        if w < 2 {
            return None;
        }
        let window = self.sub(k, k + w);
        let tags = self.jieba.tag(window, true);
        let t1 = tags.first()?;
        let n1 = t1.word.chars().count();
        let noun = |tag: &str| tag.starts_with('n') || matches!(tag, "vn" | "an" | "j" | "l");
        let listed = MODIFIERS.contains(&t1.word);
        let modifier =
            listed || matches!(t1.tag, "a" | "b") || (n1 >= 2 && !self.jieba.has_word(t1.word));
        if modifier {
            if let Some(t2) = tags.get(1) {
                let n2 = t2.word.chars().count();
                if n2 >= 2 && n1 + n2 <= 4 && noun(t2.tag) && !(listed && t2.tag == "vn") {
                    return Some(k + n1 + n2);
                }
            }
            if listed {
                // A bare modifier is no noun phrase (`十大重点攻坚项目`).
                return None;
            }
        }
        ((2..=4).contains(&n1) && noun(t1.tag)).then_some(k + n1)
    }

    /// Whether the expression `i..end` starts and ends at word boundaries of
    /// jieba's segmentation (no HMM) of a window around it.
    fn check_start(&self, i: usize, end: usize) -> bool {
        // Up to 3 Han characters on each side, within the same Han run.
        let mut a = i;
        while a > 0 && i - a < 3 && is_han(self.cs[a - 1].1) {
            a -= 1;
        }
        let b = end + self.han_run(end, 3);
        let window = self.sub(a, b);
        let mut pos = a;
        let mut starts = false;
        let mut ends = end >= b;
        for t in self.jieba.cut(window, false) {
            if pos == i {
                starts = true;
            }
            pos += t.word.chars().count();
            if pos == end {
                ends = true;
            }
        }
        starts && ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<(String, TermKind)> {
        find_terms(s)
            .into_iter()
            .map(|t| (t.term, t.kind))
            .collect()
    }

    fn names(s: &str) -> Vec<String> {
        find_terms(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn no_numbered_expression_inside_a_number() {
        // The digit before may be full-width: `１９4大差距` is the number
        // 194 and 大差距, not a term 4大差距 cut out of it.
        assert_eq!(names("１９4大差距"), Vec::<String>::new());
        assert_eq!(names("194大差距"), Vec::<String>::new());
        assert_eq!(names("缩小4大差距"), ["4大差距"]);
    }

    #[test]
    fn quoted_rules() {
        assert_eq!(
            names("深化“千万工程”暨缩小“三大差距”"),
            ["千万工程", "三大差距"]
        );
        assert_eq!(names("“强城”“兴村”“融合”"), ["强城", "兴村", "融合"]);
        assert_eq!(names("他说：“我们走吧。”"), Vec::<String>::new());
        assert_eq!(names("“共富园区、共富公司”"), Vec::<String>::new());
        assert_eq!(names("把“小”字"), Vec::<String>::new());
        assert_eq!(names("「六干」和『六争』"), ["六干", "六争"]);
        assert_eq!(names("原来闲置的‘核酸小屋’，"), ["核酸小屋"]);
        assert_eq!(names("推进\"4+1\"和\"136\"体系"), ["4+1", "136"]);
        // ASCII quotes pair in order: the second closes the first.
        assert_eq!(names("\"你好，世界\"和\"六干\""), ["六干"]);
        assert_eq!(names("“在推进共同富裕中先行示范”"), Vec::<String>::new());
        assert_eq!(names("“生态共富西部振兴”"), Vec::<String>::new());
        assert_eq!(terms("“136”")[0].1, TermKind::Quoted);
        assert_eq!(terms("“七优享”")[0].1, TermKind::Both);
    }

    #[test]
    fn numbered_rules() {
        assert_eq!(names("缩小三大差距，"), ["三大差距"]);
        assert_eq!(names("系统开展六大共富行动的体系"), ["六大共富行动"]);
        assert_eq!(
            names("“激发基层推”四个总体原则，按照"),
            ["激发基层推", "四个总体原则"]
        );
        assert_eq!(names("坚持三大载体，夯实基础"), ["三大载体"]);
        assert_eq!(
            names("统筹推进“永宁焕新”四大行动，"),
            ["永宁焕新", "四大行动"]
        );
        assert_eq!(
            terms("抓好五个“落实”——"),
            [("五个落实".to_string(), TermKind::Both)]
        );
        assert_eq!(
            names("持续深化三提三富改革，迭代三化十二制"),
            ["三提三富", "三化十二制"]
        );
        assert_eq!(
            names("巩固提升三清一促成果，两重两新政策"),
            ["三清一促", "两重两新"]
        );
    }

    #[test]
    fn ordinary_counting_is_not_a_term() {
        for s in [
            "一个人",
            "三个月后",
            "两个板块",
            "五个案例之一",
            "十个浙江样本之一",
            "十二月三日",
            "二○○一年一月",
            "第一大城市",
            "一年上台阶、三年大突破",
            "一大批企业",
            "统一大市场",
            "一年一度",
            "一心一意",
            "一步一步",
            "三心二意",
            "青年路四条道路",
            "6个“核酸小屋”",
            "12个社区",
            "三清一促进",
            "两人一起",
            "一般三五人",
            "十五大精神",
            "十大重点攻坚项目",
            "两至三家备选",
            "一式四联",
        ] {
            let got: Vec<String> = find_terms(s)
                .into_iter()
                .filter(|t| t.kind != TermKind::Quoted)
                .map(|t| t.term)
                .collect();
            assert!(got.is_empty(), "{s}: {got:?}");
        }
    }

    #[test]
    fn offsets() {
        let text = "abc“六干”，五个“落实”";
        for t in find_terms(text) {
            let chars: Vec<char> = text.chars().collect();
            let s: String = chars[t.start_char..t.end_char].iter().collect();
            assert_eq!(s, t.slice(text));
        }
    }
}
