//! The HMM's words checked: words that jieba's HMM glued together out of a
//! common single-character word and its neighbour (`这一`, `地说`) or out
//! of ASCII punctuation are taken apart again, one token per character
//! ([`hmm_word_rejected`]).

use std::collections::HashMap;

use jieba_rs::Jieba;

use super::chars::{bitmap, in_bitmap};
use super::Token;

/// Whether a word that jieba's HMM found (a word of two or more characters
/// that is not in the dictionary) is one that
/// [`SegmenterBuilder::strict_hmm`] takes apart again, one token per
/// character, as jieba cuts it without the HMM (`这一` gives `这 一`, `---`
/// gives `- - -`). It is rejected when
///
/// * it begins or ends with one of the 93 single-character words that
///   jieba's dictionary counts 50,000 times or more ([`is_common_char`]):
///   function words (`的 了 在 是 这 不 更 已 之 为 以 将 着 地 得 …`),
///   the commonest verbs, adjectives, localisers and measures (`说 有 大 上
///   中 个 年 …`) — the words that nearly always stand alone, so that
///   `这一`, `这是`, `图为`, `更大`, `地说`, `已达`, `将会`, `之情`, `中有` are
///   the HMM's gluing, not words (and `万人`, `一是`: numbers are the number
///   rules' business);
/// * it is made only of ASCII punctuation (`---`, `..`): the HMM groups
///   Chinese characters, and without it jieba yields such marks one by one.
///
/// Names and other new words keep their HMM form (`吐逊江`, `游景玉`,
/// `穆玲英`, `水心村`): a surname is not a common word. So do the
/// abbreviations of policy language that start with a numeral (`千村`,
/// `两山`): a numeral is not taken for a common word, though rejecting HMM
/// words that begin with one would add 0.0006 F on PKU. Some new words are
/// lost (`海合会`, whose `会` is a common word), but on the SIGHAN 2005
/// test sets six in seven of the HMM's words are wrong, and the check adds
/// 0.012 F on PKU and 0.011 on MSR.
///
/// ```
/// use cipin_core::terms::hmm_word_rejected;
/// assert!(hmm_word_rejected("这一") && hmm_word_rejected("地说") && hmm_word_rejected("万人"));
/// assert!(hmm_word_rejected("---"));
/// assert!(!hmm_word_rejected("吐逊江") && !hmm_word_rejected("游景玉") && !hmm_word_rejected("千村"));
/// assert!(!hmm_word_rejected("1.5") && !hmm_word_rejected("的"));
/// ```
///
/// [`SegmenterBuilder::strict_hmm`]: crate::segment::SegmenterBuilder::strict_hmm
#[inline]
pub fn hmm_word_rejected(word: &str) -> bool {
    // Every edge character is three bytes of UTF-8: read the first and the
    // last straight from the bytes (this runs on every token).
    let b = word.as_bytes();
    let n = b.len();
    match b.first() {
        None => false,
        Some(&x) if x < 0x80 => n >= 2 && b.iter().all(u8::is_ascii_punctuation),
        Some(_) => n >= 6 && (edge_at(b, 0) || edge_at(b, n - 3)),
    }
}

/// Whether the three bytes at `i` of `b` are a character of [`COMMON_CHARS`].
#[inline(always)]
fn edge_at(b: &[u8], i: usize) -> bool {
    let (x, y, z) = (b[i], b[i + 1], b[i + 2]);
    if x & 0xF0 != 0xE0 {
        return false;
    }
    let u = ((x as usize & 0x0F) << 12) | ((y as usize & 0x3F) << 6) | (z as usize & 0x3F);
    (COMMON_CHARS[u >> 6] >> (u & 63)) & 1 != 0
}

/// Whether `c` is one of the 93 single-character words of jieba's
/// dictionary with a frequency of 50,000 or more (see
/// [`hmm_word_rejected`]): one table lookup.
///
/// ```
/// use cipin_core::terms::is_common_char;
/// assert!(is_common_char('的') && is_common_char('是') && is_common_char('更'));
/// assert!(!is_common_char('王') && !is_common_char('市') && !is_common_char('a'));
/// ```
#[inline]
pub fn is_common_char(c: char) -> bool {
    in_bitmap(&COMMON_CHARS, c)
}

/// The characters of [`is_common_char`], most frequent first (jieba 0.42.1
/// `dict.txt`, single-character entries with frequency ≥ 50,000).
const COMMON_CHAR_LIST: &str = "了是在和有他不我的人也为就这上年中你说一到都等着对来与地还要又大而之道以得她个后去将那但从月下把被于时只多过可并能好会出或日由里用所向已其给很看使前新想却它最见起小高更如再才便没走做让内";

/// [`COMMON_CHAR_LIST`] as a bitmap over the Basic Multilingual Plane.
static COMMON_CHARS: [u64; 1024] = bitmap(&[COMMON_CHAR_LIST]);

/// rejects, its characters one by one, as jieba cuts them without the HMM
/// (tagged with their dictionary tags, or a user's, when `t` has a tag).
#[inline]
pub(crate) fn split_hmm_word<'a>(
    jieba: &'a Jieba,
    user_tags: &'a HashMap<String, String>,
    t: Token<'a>,
    f: &mut impl FnMut(Token<'a>),
) {
    if !hmm_word_rejected(t.word) || jieba.has_word(t.word) {
        return f(t);
    }
    for (k, (i, c)) in t.word.char_indices().enumerate() {
        let w = &t.word[i..i + c.len_utf8()];
        let pos = t.pos.map(|_| {
            if let Some(tag) = user_tags.get(w) {
                tag.as_str()
            } else {
                char_tag(jieba, w)
            }
        });
        f(Token {
            word: w,
            start: t.start + k,
            end: t.start + k + 1,
            pos,
        });
    }
}

/// The dictionary tag of a single character `w` (`x` when it is not a word
/// of the dictionary).
fn char_tag<'a>(jieba: &'a Jieba, w: &'a str) -> &'a str {
    if !jieba.has_word(w) {
        return "x";
    }
    match jieba.tag(w, false).first().map(|t| t.tag) {
        Some(tag) if !tag.is_empty() => tag,
        _ => "x",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::default_jieba;

    #[test]
    fn hmm_words_rejected() {
        // A common single-character word at either end.
        for w in [
            "这一",
            "这是",
            "图为",
            "更大",
            "地说",
            "已达",
            "将会",
            "中有",
            "之情",
            "更多地",
        ] {
            assert!(hmm_word_rejected(w), "{w}");
        }
        // Numbers glued to a common word; punctuation runs.
        for w in ["万人", "一是", "二是", "多人", "---", ".."] {
            assert!(hmm_word_rejected(w), "{w}");
        }
        // Names, places, new words, numbers and Latin runs stay.
        for w in [
            "夏世清",
            "游景玉",
            "水心村",
            "吐逊江",
            "第十四条",
            "千村",
            "两山",
            "1.5",
            "WTO",
            "C++",
            "好",
        ] {
            assert!(!hmm_word_rejected(w), "{w}");
        }
        assert!(COMMON_CHAR_LIST.chars().all(is_common_char));
        assert_eq!(COMMON_CHAR_LIST.chars().count(), 93);
    }

    #[test]
    fn strict_hmm_in_the_segmenter() {
        use crate::segment::Segmenter;
        let words = |seg: &Segmenter, s: &str| -> Vec<String> {
            seg.cut(s).iter().map(|t| t.word.to_string()).collect()
        };
        let strict = Segmenter::default();
        let jieba = Segmenter::builder()
            .keep_terms(false)
            .keep_numbers(false)
            .build()
            .unwrap();
        assert!(strict.strict_hmm() && !jieba.strict_hmm());
        let text = "这一计划，图为夏世清";
        assert_eq!(
            words(&jieba, text),
            ["这一", "计划", "，", "图为", "夏世清"]
        );
        assert_eq!(
            words(&strict, text),
            ["这", "一", "计划", "，", "图", "为", "夏世清"]
        );
        // Explicitly on or off, whatever the other switches.
        let on = Segmenter::builder()
            .keep_terms(false)
            .keep_numbers(false)
            .strict_hmm(true)
            .build()
            .unwrap();
        assert_eq!(words(&on, text), words(&strict, text));
        let off = Segmenter::builder().strict_hmm(false).build().unwrap();
        assert_eq!(words(&off, text), words(&jieba, text));
        // No HMM, no HMM words; search mode is left alone.
        assert!(!Segmenter::builder()
            .hmm(false)
            .build()
            .unwrap()
            .strict_hmm());
        let search = Segmenter::builder()
            .mode(crate::segment::Mode::Search)
            .build()
            .unwrap();
        assert!(!search.strict_hmm());
    }

    #[test]
    fn rejected_hmm_words_are_cut_into_characters() {
        let jieba = default_jieba();
        let tags = std::collections::HashMap::new();
        let pieces = |w: &str, pos: Option<&str>| -> Vec<(String, usize, usize, Option<String>)> {
            let t = Token {
                word: w,
                start: 10,
                end: 10 + w.chars().count(),
                pos,
            };
            let mut out = Vec::new();
            split_hmm_word(&jieba, &tags, t, &mut |t| {
                out.push((
                    t.word.to_string(),
                    t.start,
                    t.end,
                    t.pos.map(str::to_string),
                ))
            });
            out
        };
        let words = |w: &str| -> Vec<String> { pieces(w, None).into_iter().map(|p| p.0).collect() };
        assert_eq!(words("到共富"), ["到", "共", "富"]);
        assert_eq!(words("这一"), ["这", "一"]);
        assert_eq!(words("更多地"), ["更", "多", "地"]);
        assert_eq!(words("---"), ["-", "-", "-"]);
        // Not rejected, or a dictionary word: unchanged.
        assert_eq!(words("夏世清"), ["夏世清"]);
        assert_eq!(words("这个"), ["这个"]);
        // Offsets and tags: each character's dictionary tag.
        assert_eq!(
            pieces("这一", Some("nr")),
            [
                ("这".to_string(), 10, 11, Some("r".to_string())),
                ("一".to_string(), 11, 12, Some("m".to_string()))
            ]
        );
    }

    #[test]
    fn strict_hmm_with_pos_tags() {
        let seg = crate::segment::Segmenter::builder()
            .pos(true)
            .build()
            .unwrap();
        let toks = seg.cut("这一计划");
        let got: Vec<(&str, Option<&str>)> = toks.iter().map(|t| (t.word, t.pos)).collect();
        assert_eq!(got[..2], [("这", Some("r")), ("一", Some("m"))]);
        let text: String = toks.iter().map(|t| t.word).collect();
        assert_eq!(text, "这一计划");
    }
}
