//! Numbers kept whole: numbers with a time unit or a percent sign, decimals,
//! fractions, `万`/`亿`, signed numbers, full-width digit runs and years in
//! Chinese numerals ([`find_numbers`]), as the SIGHAN 2005 standards keep
//! them and jieba does not.

use serde::Serialize;

use super::chars::{bitmap, in_bitmap, is_digit};

/// A number kept whole by [`SegmenterBuilder::keep_numbers`]: see
/// [`find_numbers`].
///
/// [`SegmenterBuilder::keep_numbers`]: crate::segment::SegmenterBuilder::keep_numbers
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NumberSpan {
    /// Byte offset of the span's start.
    pub start_byte: usize,
    /// Byte offset just past the span.
    pub end_byte: usize,
    /// Character offset of the span's start.
    pub start_char: usize,
    /// Character offset just past the span.
    pub end_char: usize,
    /// Whether it ends in a time unit (`2025年`, `14日`): a time word.
    pub time: bool,
}

/// Numbers that jieba cuts apart and the SIGHAN 2005 standards (PKU, MSR)
/// keep whole. A number in digits (ASCII or full-width) is
///
/// * digits, with one decimal point `.`/`．` between digits (`1.5`,
///   `１．５`: jieba cuts them at the point without its HMM) or a fraction
///   bar `/`/`／` (`3／4`, but not the dates `2001/1/2`);
/// * then `万`, `亿` or `万亿`, which make one number with the digits
///   (`350万`, `1.3万`, `55.6亿`, `1万亿`; jieba cuts `350/万元`);
/// * with a minus sign `-`/`－` before it when the sign follows no letter,
///   digit or Chinese character (`℃／－8℃`), or when the number is a
///   temperature (`晴－9℃`); elsewhere the sign is a dash or joins a range
///   (`1982年-1983年`).
///
/// It is kept whole, with what follows it:
///
/// * with a time unit `年 月 日 号 时 分 秒` after a whole number (`2025年`,
///   `１０月`, `14日`; `6月份` with `份`), except where the unit begins a
///   word (`90年代`, `2000年度`, `30分钟`: the unit is left to the word,
///   `90/年代`, not `90年/代`), or with `% ％ ‰` (`８０％`, `0.42‰`);
/// * alone when it has a decimal point, a fraction bar, `万`/`亿` or a sign,
///   or is in full-width digits (`１９９６`, which jieba cuts into single
///   digits).
///
/// A year in Chinese numerals with `〇`/`○`/`零` is kept too: `二○○一年`.
///
/// A number right after or before a Latin letter, a digit or one of `. _ -
/// +` (`G20`, `5G`, `v1.2`) is left alone: jieba keeps those blocks whole.
///
/// ```
/// use cipin_core::terms::find_numbers;
/// let numbers = |text: &str| -> Vec<String> {
///     find_numbers(text).iter().map(|n| text[n.start_byte..n.end_byte].to_string()).collect()
/// };
/// assert_eq!(
///     numbers("2025年1月14日，增长８０％，１９９６年１０月，二○○一年，G20峰会，5G，3.5年"),
///     ["2025年", "1月", "14日", "８０％", "１９９６年", "１０月", "二○○一年", "3.5"]
/// );
/// assert_eq!(numbers("投资350万元，1万亿美元，占3／4"), ["350万", "1万亿", "3／4"]);
/// assert_eq!(numbers("北京晴－9℃／－2℃，6月份，９０年代"), ["－9", "－2", "6月份", "９０"]);
/// assert!(numbers("90年代，30分钟").is_empty());
/// assert!(numbers("1982年-1983年").iter().all(|n| !n.starts_with('-')));
/// ```
pub fn find_numbers(text: &str) -> Vec<NumberSpan> {
    let mut out = Vec::new();
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
    };
    let peek = |b: usize| text[b..].chars().next();
    let back = |b: usize| text[..b].chars().next_back();
    // The length in bytes and characters of the run of `f` at byte `from`.
    let run = |from: usize, f: fn(char) -> bool| {
        text[from..]
            .chars()
            .take_while(|&c| f(c))
            .fold((0, 0), |(b, n), c| (b + c.len_utf8(), n + 1))
    };
    // `it` walks `text[off..]`; `k` is the character offset of its next
    // character in `text`.
    let (mut off, mut k) = (0, 0);
    let mut prev: Option<char> = None;
    let mut it = text.char_indices();
    while let Some((rel, c)) = it.next() {
        let (pos, at) = (off + rel, k);
        k += 1;
        let p = prev.replace(c);
        if !in_bitmap(&NUMBER_TRIGGERS, c) {
            continue;
        }
        let (end, nend) = if is_digit(c) || matches!(c, '-' | '－') {
            let sign = !is_digit(c);
            if glued(p) || p.is_some_and(is_digit) {
                continue;
            }
            // A minus sign needs digits after it and, after a letter, digit
            // or Chinese character, a temperature (`晴－9℃`): else it is a
            // dash or joins a range (`1982年-1983年`).
            let digits_at = if sign { pos + c.len_utf8() } else { pos };
            if sign && !peek(digits_at).is_some_and(is_digit) {
                continue;
            }
            let (db, dn) = run(digits_at, is_digit);
            let (mut e, mut n) = (digits_at + db, dn + usize::from(sign));
            let (mut decimal, mut fraction, mut big) = (false, false, false);
            if let Some(d @ ('.' | '．')) = peek(e) {
                let after = e + d.len_utf8();
                if peek(after).is_some_and(is_digit) {
                    let (b2, n2) = run(after, is_digit);
                    (decimal, e, n) = (true, after + b2, n + 1 + n2);
                }
            } else if let Some(d @ ('/' | '／')) = peek(e) {
                // A fraction (`3／4`), not a date (`2001/1/2`).
                let after = e + d.len_utf8();
                if peek(after).is_some_and(is_digit) && !matches!(p, Some('/' | '／')) {
                    let (b2, n2) = run(after, is_digit);
                    if !matches!(peek(after + b2), Some('/' | '／' | '.' | '．')) {
                        (fraction, e, n) = (true, after + b2, n + 1 + n2);
                    }
                }
            }
            if !fraction {
                // `350万`, `1.3万`, `55.6亿`, `1万亿`: one number.
                for x in ['万', '亿'] {
                    if peek(e) == Some(x) {
                        (big, e, n) = (true, e + x.len_utf8(), n + 1);
                    }
                }
            }
            if sign && p.is_some_and(char::is_alphanumeric) && !matches!(peek(e), Some('℃' | '°'))
            {
                continue;
            }
            let full_width = !text[pos..e].is_ascii();
            let plain = !(decimal || fraction || big);
            let (end, nend, time) = match (peek(e), text[e..].chars().nth(1)) {
                (Some(x @ ('%' | '％' | '‰')), _) if !fraction => {
                    (e + x.len_utf8(), n + 1, false)
                }
                // `6月份` is `6月`; `90年代`, `2000年度`, `30分钟`: the unit
                // begins a word of its own, and the number is left alone.
                (Some('月'), Some('份')) if plain => (e + "月份".len(), n + 2, true),
                (Some('年'), Some('代' | '度')) | (Some('分' | '秒'), Some('钟')) => {
                    (e, n, false)
                }
                (Some(x @ ('年' | '月' | '日' | '号' | '时' | '分' | '秒')), _) if plain => {
                    (e + x.len_utf8(), n + 1, true)
                }
                _ => (e, n, false),
            };
            let keep = nend > n || ((sign || !plain || full_width) && !glued(peek(end)));
            if keep && nend >= 2 {
                out.push(NumberSpan {
                    start_byte: pos,
                    end_byte: end,
                    start_char: at,
                    end_char: at + nend,
                    time,
                });
            }
            (end, nend)
        } else {
            if p.is_some_and(is_cn_year_digit) {
                continue;
            }
            let (yb, yn) = run(pos, is_cn_year_digit);
            let e = pos + yb;
            if yn >= 2 && peek(e) == Some('年') && text[pos..e].contains(['○', '〇', '零']) {
                let end = e + '年'.len_utf8();
                out.push(NumberSpan {
                    start_byte: pos,
                    end_byte: end,
                    start_char: at,
                    end_char: at + yn + 1,
                    time: true,
                });
                (end, yn + 1)
            } else {
                (e, yn)
            }
        };
        // Go on after the number.
        if end > pos + c.len_utf8() {
            (off, k) = (end, at + nend);
            prev = back(end);
            it = text[off..].char_indices();
        }
    }
    out
}

/// Characters a number of [`find_numbers`] starts with, as a bitmap over the
/// Basic Multilingual Plane.
static NUMBER_TRIGGERS: [u64; 1024] =
    bitmap(&["0123456789０１２３４５６７８９○〇零一二三四五六七八九-－"]);

fn is_cn_year_digit(c: char) -> bool {
    matches!(
        c,
        '○' | '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(s: &str) -> Vec<&str> {
        find_numbers(s)
            .iter()
            .map(|n| &s[n.start_byte..n.end_byte])
            .collect()
    }

    #[test]
    fn decimals_and_fractions() {
        assert_eq!(numbers("增长1.5倍，１．５倍"), ["1.5", "１．５"]);
        assert_eq!(numbers("3.5年，0.42‰"), ["3.5", "0.42‰"]);
        assert_eq!(numbers("占3／4，1/5的人"), ["3／4", "1/5"]);
        // Versions, dates and codes are left to jieba.
        assert_eq!(numbers("v1.2，1.2.3，2001/1/2，G2.5"), Vec::<&str>::new());
    }

    #[test]
    fn wan_and_yi_join_the_digits() {
        assert_eq!(
            numbers("投资350万元，1.3万人，55.6亿元，1万亿美元"),
            ["350万", "1.3万", "55.6亿", "1万亿"]
        );
        assert_eq!(numbers("２０万元"), ["２０万"]);
        // Chinese numerals are the dictionary's business.
        assert!(numbers("三百万元").is_empty());
    }

    #[test]
    fn minus_signs() {
        assert_eq!(
            numbers("北京晴－9℃／0℃，温度3℃／－8℃，-5"),
            ["－9", "－8", "-5"]
        );
        // A dash, a range, a difference: no sign.
        // (After an ASCII `-`, as after a letter, jieba's block is left alone.)
        assert_eq!(numbers("1982年-1983年，6－40，a-5，——5"), ["1982年"]);
        assert_eq!(numbers("1982年－1983年"), ["1982年", "1983年"]);
    }

    #[test]
    fn units_that_begin_words() {
        assert_eq!(numbers("6月份，１１月份"), ["6月份", "１１月份"]);
        assert!(numbers("90年代，2000年度，30分钟，5秒钟").is_empty());
        assert_eq!(numbers("９０年代"), ["９０"]);
        assert_eq!(numbers("5时，30分，2000年"), ["5时", "30分", "2000年"]);
    }

    #[test]
    fn segmenter_keeps_numbers_by_default() {
        let seg = crate::segment::Segmenter::default();
        let words =
            |s: &str| -> Vec<String> { seg.cut(s).iter().map(|t| t.word.to_string()).collect() };
        assert_eq!(words("90年代"), ["90", "年代"]);
        assert_eq!(words("投资350万元"), ["投资", "350万", "元"]);
        assert_eq!(words("晴－9℃"), ["晴", "－9", "℃"]);
    }
}
