//! Character-level tests used by the page parser: punctuation classes,
//! bracket balance, list markers, section numerals and continuation marks.
//!
//! Every function here looks at a bounded prefix or suffix of its input, or
//! makes one pass over it, so the parser stays linear in the size of a page.

/// Longest block (in characters) that can be a kicker, headline or subtitle.
pub(super) const TITLE_MAX: usize = 50;

/// Opening and closing characters that come in pairs.
const PAIRS: [(char, char); 9] = [
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
    ('〈', '〉'),
];

/// Characters that close a quotation or a bracket.
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '》' | '】' | '」' | '』' | '〉' | '］' | ']' | '"' | '\''
    )
}

/// Sentence-final punctuation: a block ending in one of these (possibly
/// followed by closing quotes or brackets) ends a sentence.
pub(super) fn is_final(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '…' | '．' | '.' | '‥' | '｡'
    )
}

/// ASCII or full-width decimal digit.
pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A Chinese numeral as used for section and list numbers.
pub(super) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A CJK ideograph (the blocks that names and words are written in).
pub(super) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Number of characters of `s`, counting at most `limit`.
pub(super) fn count_upto(s: &str, limit: usize) -> usize {
    s.chars().take(limit).count()
}

/// The last character that is not a closing quote or bracket.
pub(super) fn last_core(s: &str) -> Option<char> {
    s.chars().rev().find(|&c| !is_closer(c))
}

/// Whether `s` ends a sentence: sentence-final punctuation, possibly followed
/// by closing quotes or brackets (`。”`, `？）`), or a closing bracket group
/// that is a credit or an end mark (`（完）`, `（记者 张三）`).
pub(super) fn ends_sentence(s: &str) -> bool {
    if s.ends_with('）') || s.ends_with(')') {
        // The content of the last bracket group, looked for in the last 40 chars.
        let tail: Vec<char> = s.chars().rev().take(40).collect();
        if let Some(open) = tail.iter().position(|&c| c == '（' || c == '(') {
            let content: String = tail[1..open].iter().rev().collect();
            const END_WORDS: [&str; 11] = [
                "记者",
                "通讯员",
                "摄",
                "完",
                "据",
                "来源",
                "编辑",
                "作者",
                "供图",
                "整理",
                "执笔",
            ];
            if END_WORDS.iter().any(|w| content.contains(w)) {
                return true;
            }
        }
    }
    let mut rev = s.chars().rev().skip_while(|&c| is_closer(c));
    match rev.next() {
        // `…2.` is a decimal point cut off its digits, not a full stop.
        Some('.' | '．') => !rev.next().is_some_and(is_digit),
        Some(c) => is_final(c),
        None => false,
    }
}

/// Whether `s` is a photo or picture credit ending (`本报记者 王某 摄`).
pub(super) fn ends_credit(s: &str) -> bool {
    if s.ends_with("摄影") || s.ends_with("供图") || s.ends_with("制图") {
        return true;
    }
    let Some(rest) = s.strip_suffix('摄') else {
        return false;
    };
    if rest.ends_with(|c: char| c.is_whitespace() || c == '/' || c == '／') {
        return true;
    }
    let tail: String = rest
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.contains("记者") || tail.contains("通讯员")
}

/// Whether a paragraph may legitimately end with `s`: a sentence end, or a
/// lead-in to what follows (`：`, `——`, `；`), or a credit.
pub(super) fn ends_legit(s: &str) -> bool {
    ends_sentence(s)
        || matches!(
            last_core(s),
            Some('；' | ';' | '：' | ':' | '—' | '―' | '─')
        )
        || ends_credit(s)
}

/// Whether `s` ends with a character after which a headline cannot stop
/// (`，`, `、`, `的`, `和`, a preposition…): a sure sign of a cut sentence.
pub(super) fn ends_open(s: &str) -> bool {
    matches!(
        s.chars().next_back(),
        Some(
            '，' | ','
                | '、'
                | '“'
                | '‘'
                | '《'
                | '（'
                | '('
                | '【'
                | '「'
                | '『'
                | '的'
                | '和'
                | '与'
                | '及'
                | '把'
                | '被'
                | '对'
                | '从'
                | '向'
                | '将'
        )
    )
}

/// Whether `s` starts with something a paragraph cannot start with: closing
/// or pausing punctuation, an ellipsis, `的` (but not `的确`), `们`.
pub(super) fn starts_nostart(s: &str) -> bool {
    let mut it = s.chars();
    let Some(c) = it.next() else { return false };
    match c {
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '）' | ')' | '】' | '》' | '」' | '』'
        | '”' | '’' | '…' | ',' | ';' | ':' | '?' | '!' | '%' | '％' | '〉' | '‥' => true,
        '的' => it.next() != Some('确'),
        '们' => true,
        _ => false,
    }
}

/// Bracket and quote balance of `s` in one pass: `(has an unclosed opener,
/// has a closer with no opener before it)`.
pub(super) fn bracket_state(s: &str) -> (bool, bool) {
    let mut depth = [0u32; PAIRS.len()];
    let mut stray_close = false;
    let mut see = |c: char| {
        for (k, &(o, cl)) in PAIRS.iter().enumerate() {
            if c == o {
                depth[k] += 1;
            } else if c == cl {
                if depth[k] == 0 {
                    stray_close = true;
                } else {
                    depth[k] -= 1;
                }
            }
        }
    };
    // Every bracket and quote in PAIRS is ASCII `(`/`)` or a 3-byte
    // character led by 0xE2, 0xE3 or 0xEF, and each pair lies in one of the
    // two groups: scan each group with memchr instead of decoding every
    // character (this runs over every block of a page).
    let b = s.as_bytes();
    for i in memchr::memchr2_iter(b'(', b')', b) {
        see(b[i] as char);
    }
    for i in memchr::memchr3_iter(0xE2, 0xE3, 0xEF, b) {
        // A lead byte: `i` is a character boundary.
        if let Some(c) = s.get(i..).and_then(|t| t.chars().next()) {
            see(c);
        }
    }
    (depth.iter().any(|&d| d > 0), stray_close)
}

/// Whether `s` starts with a dash, as a subtitle (`——记…`) or a dash-led list
/// item does.
pub(super) fn dash_led(s: &str) -> bool {
    s.starts_with('—') || s.starts_with('―') || s.starts_with("－－") || s.starts_with("--")
}

/// Whether `s` starts like an item of a list (`一是`, `（一）`, `一、`,
/// `1.`, `①`, `第一，`): a paragraph start, never the rest of a cut one.
pub(super) fn list_start(s: &str) -> bool {
    let cs: Vec<char> = s.chars().take(6).collect();
    let Some(&c0) = cs.first() else { return false };
    if ('\u{2460}'..='\u{2473}').contains(&c0) || ('\u{2776}'..='\u{2793}').contains(&c0) {
        return true; // ① … ⑳, ❶ …
    }
    if c0 == '（' || c0 == '(' {
        let n = cs[1..]
            .iter()
            .take_while(|&&c| is_cn_numeral(c) || is_digit(c))
            .count();
        return n > 0 && matches!(cs.get(1 + n), Some('）' | ')'));
    }
    let start = usize::from(c0 == '第');
    let n = cs[start..]
        .iter()
        .take_while(|&&c| is_cn_numeral(c))
        .count();
    if n > 0 && n <= 3 {
        let next = cs.get(start + n);
        return if start == 1 {
            matches!(next, Some('，' | '、' | '是' | ','))
        } else {
            matches!(next, Some('是' | '、' | '．' | '.'))
        };
    }
    let n = cs.iter().take_while(|&&c| is_digit(c)).count();
    if n > 0 && n <= 2 {
        return match cs.get(n) {
            Some('、') => true,
            Some('.' | '．') => !cs.get(n + 1).is_some_and(|&c| is_digit(c)),
            _ => false,
        };
    }
    false
}

/// Whether a whole block is a section numeral standing alone (`二`, `三、`,
/// `（四）`, `5`, `Ⅱ`), which separates sections of one article.
///
/// ```
/// # use cipin_core::parse::is_section_numeral;
/// assert!(is_section_numeral("二"));
/// assert!(is_section_numeral("（三）"));
/// assert!(!is_section_numeral("二是在空间焕新上抓落实。"));
/// ```
pub fn is_section_numeral(s: &str) -> bool {
    let s = s.trim();
    if count_upto(s, 8) > 7 {
        return false;
    }
    let cs: Vec<char> = s.chars().collect();
    let Some(&c0) = cs.first() else { return false };
    if cs.len() == 1 && ('\u{2160}'..='\u{216B}').contains(&c0) {
        return true; // Ⅰ … Ⅻ
    }
    let bracketed = c0 == '（' || c0 == '(';
    let mut i = usize::from(bracketed);
    let cn = cs[i..].iter().take_while(|&&c| is_cn_numeral(c)).count();
    let dg = if cn == 0 {
        cs[i..].iter().take_while(|&&c| is_digit(c)).count()
    } else {
        0
    };
    if !(1..=3).contains(&cn) && !(1..=2).contains(&dg) {
        return false;
    }
    i += cn + dg;
    if bracketed {
        if !matches!(cs.get(i), Some('）' | ')')) {
            return false;
        }
        i += 1;
    } else if matches!(cs.get(i), Some('、' | '.' | '．')) {
        i += 1;
    }
    i == cs.len()
}

/// Direction of a continuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkDir {
    /// `（上接第1版）`: the article is continued from another page.
    From,
    /// `（下转B版）`: the article continues on another page.
    To,
}

/// Whether `s` (one whole mark, brackets included or not) is a continuation
/// mark such as `（下转B版）`, `（上接第1版）`, `（下转第2版）`, `(转2版)`,
/// `（紧接第一版）`, `（续第3版）`, `（接上版）`, and which way it points.
pub(super) fn parse_mark(s: &str) -> Option<MarkDir> {
    if count_upto(s, 24) > 22 {
        return None;
    }
    let s = s.trim();
    let inner = match (s.chars().next(), s.chars().next_back()) {
        (Some('（' | '('), Some('）' | ')')) => {
            let open = s.chars().next()?.len_utf8();
            let close = s.chars().next_back()?.len_utf8();
            if s.len() < open + close {
                return None;
            }
            &s[open..s.len() - close]
        }
        _ => s,
    };
    let cs: Vec<char> = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    if matches!(cs.first(), Some('上' | '下' | '紧')) {
        i += 1;
    }
    let dir = match cs.get(i) {
        Some('转') => MarkDir::To,
        Some('接' | '续') => MarkDir::From,
        _ => return None,
    };
    if cs.first() == Some(&'上') && dir == MarkDir::To
        || cs.first() == Some(&'下') && dir == MarkDir::From
    {
        return None;
    }
    i += 1;
    if cs.get(i) == Some(&'第') {
        i += 1;
    }
    let n = cs[i.min(cs.len())..]
        .iter()
        .take_while(|&&c| {
            c.is_ascii_alphanumeric()
                || is_digit(c)
                || is_cn_numeral(c)
                || ('Ａ'..='Ｚ').contains(&c)
        })
        .count();
    // `（接上版）`, `（转下版）`: the next or previous page.
    let n = if n == 0 && matches!(cs.get(i), Some('上' | '下')) {
        1
    } else {
        n
    };
    if !(1..=4).contains(&n) {
        return None;
    }
    i += n;
    if cs.get(i) != Some(&'版') {
        return None;
    }
    let tail = &cs[i + 1..];
    if tail.len() > 4
        || tail
            .iter()
            .any(|&c| is_closer(c) || c == '（' || c == '(' || is_final(c))
    {
        return None;
    }
    Some(dir)
}

/// A continuation mark at the end of `s` (`…成果。（下转B版）`): the byte
/// offset where it starts.
pub(super) fn trailing_mark(s: &str) -> Option<usize> {
    if !(s.ends_with('）') || s.ends_with(')')) {
        return None;
    }
    let (pos, _) = s
        .char_indices()
        .rev()
        .take(20)
        .find(|&(_, c)| c == '（' || c == '(')?;
    (pos > 0 && parse_mark(&s[pos..]) == Some(MarkDir::To)).then_some(pos)
}

/// A continuation mark at the start of `s` (`（上接第1版）要坚持…`): the byte
/// offset just after it.
pub(super) fn leading_mark(s: &str) -> Option<usize> {
    if !(s.starts_with('（') || s.starts_with('(')) {
        return None;
    }
    let (pos, c) = s
        .char_indices()
        .take(20)
        .find(|&(_, c)| c == '）' || c == ')')?;
    let end = pos + c.len_utf8();
    (end < s.len() && parse_mark(&s[..end]) == Some(MarkDir::From)).then_some(end)
}

/// Split a record's `continuation` into its "continued from" and "continued
/// on" marks (a record holds at most one of each, from-mark first).
pub(super) fn split_marks(c: &str) -> (Option<&str>, Option<&str>) {
    match parse_mark(c) {
        Some(MarkDir::From) => return (Some(c), None),
        Some(MarkDir::To) => return (None, Some(c)),
        None => {}
    }
    for (k, _) in c.char_indices().skip(1) {
        if parse_mark(&c[..k]) == Some(MarkDir::From) && parse_mark(&c[k..]) == Some(MarkDir::To) {
            return (Some(&c[..k]), Some(&c[k..]));
        }
    }
    (None, Some(c))
}

/// Whether `s` has the shape of a kicker, headline or subtitle: 2 to
/// [`TITLE_MAX`] characters, no full stop or semicolon, no sentence-final
/// punctuation except, when `allow_q`, a final `？`/`！` or one inside
/// (`首破万亿元！春节消费亮眼`), not ending in a comma,
/// colon, dash or a word that cannot end a phrase, at most two commas,
/// balanced quotes and brackets, and not starting with closing punctuation.
pub(super) fn title_shape(s: &str, allow_q: bool) -> bool {
    let n = count_upto(s, TITLE_MAX + 1);
    if !(2..=TITLE_MAX).contains(&n) || starts_nostart(s) || ends_open(s) {
        return false;
    }
    // The last character that is not a closing quote or bracket, and its
    // index (no Vec: this is asked of every short block).
    let closers = s.chars().rev().take_while(|&c| is_closer(c)).count();
    if closers >= n {
        return false;
    }
    let core = n - 1 - closers;
    let Some(last) = s.chars().rev().nth(closers) else {
        return false;
    };
    if matches!(last, '？' | '！' | '?' | '!') {
        if !allow_q {
            return false;
        }
    } else if is_final(last)
        || matches!(
            last,
            '；' | ';' | '：' | ':' | '—' | '―' | '，' | ',' | '、' | '·'
        )
    {
        return false;
    }
    let mut commas = 0;
    // With `allow_q`, one `！`/`？` may sit inside (`首破万亿元！春节消费亮眼`).
    let mut marks = 0;
    for (k, c) in s.chars().enumerate() {
        match c {
            '。' | '；' | ';' | '｡' => return false,
            '？' | '！' | '?' | '!' if k < core => {
                marks += 1;
                if !allow_q || marks > 1 || k < 2 {
                    return false;
                }
            }
            '，' | ',' => commas += 1,
            _ => {}
        }
    }
    // A `！`/`？` inside only in a short two-part title: no comma and no
    // final mark (`…有何差别？…是如何练就的？` is a body question).
    let marked_ok = marks == 0 || (commas == 0 && !matches!(last, '？' | '！' | '?' | '!'));
    commas <= 2 && marked_ok && bracket_state(s) == (false, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-skipping scan agrees with a plain scan over every character.
    #[test]
    fn bracket_state_matches_a_plain_scan() {
        fn plain(s: &str) -> (bool, bool) {
            let mut depth = [0u32; PAIRS.len()];
            let mut stray = false;
            for c in s.chars() {
                for (k, &(o, cl)) in PAIRS.iter().enumerate() {
                    if c == o {
                        depth[k] += 1;
                    } else if c == cl {
                        if depth[k] == 0 {
                            stray = true;
                        } else {
                            depth[k] -= 1;
                        }
                    }
                }
            }
            (depth.iter().any(|&d| d > 0), stray)
        }
        let pieces = [
            "“", "”", "‘", "’", "（", "）", "(", ")", "《", "》", "【", "】", "「", "」", "『",
            "』", "〈", "〉", "字", "a", "—", "…", "、", "。", "€", "\u{FFFD}", "𠀀", " ",
        ];
        // Every string of up to three pieces, and some longer mixes.
        let mut all: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let mut next = Vec::new();
            for s in &all {
                for p in pieces {
                    next.push(format!("{s}{p}"));
                }
            }
            all.extend(next);
        }
        all.push("据新华社电（记者 张三）“好”《条例》【注】「引」『书』〈篇〉(a)".into());
        for s in &all {
            assert_eq!(bracket_state(s), plain(s), "{s:?}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("好。"));
        assert!(ends_sentence("增收渠道。”"));
        assert!(ends_sentence("为什么？”）"));
        assert!(ends_sentence("到此为止（完）"));
        assert!(ends_sentence("……"));
        assert!(!ends_sentence("成为公司“合伙人”"));
        assert!(!ends_sentence("茅畲乡（俗称“六乡一镇”）"));
        assert!(!ends_sentence("四个总体原"));
        assert!(!ends_sentence("“四好农村路”2."));
        assert!(ends_sentence("It works."));
        assert!(ends_legit("抓好五个“落实”——"));
        assert!(ends_legit("主要有："));
        assert!(ends_legit("一是抓落实；"));
        assert!(ends_legit("本报记者 王某 摄"));
        assert!(!ends_legit("板块"));
    }

    #[test]
    fn starts_and_lists() {
        assert!(starts_nostart("的两个板块。"));
        assert!(!starts_nostart("的确如此。"));
        assert!(starts_nostart("……类似这样"));
        assert!(starts_nostart("”他说。"));
        assert!(!starts_nostart("“三提三富”改革"));
        assert!(list_start("一是在能级提升上抓落实。"));
        assert!(list_start("（二）加强领导"));
        assert!(list_start("3.推进改革"));
        assert!(list_start("第一，要坚持"));
        assert!(list_start("①推进"));
        assert!(!list_start("1.5亿元投入"));
        assert!(!list_start("一方面让更多居民"));
        assert!(!list_start("三提三富"));
    }

    #[test]
    fn numerals() {
        for s in ["二", "三", "十二", "一、", "（一）", "(3)", "4", "12.", "Ⅱ"] {
            assert!(is_section_numeral(s), "{s}");
        }
        for s in [
            "",
            "二是",
            "一方面",
            "（一",
            "123",
            "二三四五",
            "第二",
            "国",
        ] {
            assert!(!is_section_numeral(s), "{s}");
        }
    }

    #[test]
    fn marks() {
        assert_eq!(parse_mark("（下转B版）"), Some(MarkDir::To));
        assert_eq!(parse_mark("（上接第1版）"), Some(MarkDir::From));
        assert_eq!(parse_mark("（下转第2版）"), Some(MarkDir::To));
        assert_eq!(parse_mark("(转2版)"), Some(MarkDir::To));
        assert_eq!(parse_mark("（紧接第一版）"), Some(MarkDir::From));
        assert_eq!(parse_mark("（下转第二版①）"), Some(MarkDir::To));
        assert_eq!(parse_mark("下转A3版"), Some(MarkDir::To));
        assert_eq!(parse_mark("（接上版）"), Some(MarkDir::From));
        assert_eq!(parse_mark("（转下版）"), Some(MarkDir::To));
        assert_eq!(parse_mark("（转变发展方式）"), None);
        assert_eq!(parse_mark("（上转第1版）"), None);
        assert_eq!(parse_mark("（版）"), None);
        assert_eq!(trailing_mark("成果。（下转B版）"), Some("成果。".len()));
        assert_eq!(trailing_mark("（下转B版）"), None);
        assert_eq!(
            leading_mark("（上接第1版）要坚持"),
            Some("（上接第1版）".len())
        );
        assert_eq!(
            split_marks("（上接第1版）（下转第4版）"),
            (Some("（上接第1版）"), Some("（下转第4版）"))
        );
        assert_eq!(split_marks("（下转B版）"), (None, Some("（下转B版）")));
    }

    #[test]
    fn titles() {
        assert!(title_shape("全面建设共同富裕区域标杆", false));
        assert!(title_shape("西城：“小橘灯”共富小屋迎来社区“合伙人”", false));
        assert!(title_shape(
            "区住建局：力行“六干” 敢作善为 以实干实绩助推现代化都市建设",
            false
        ));
        assert!(title_shape("缩小“三大差距”，黄岩如何再出发？", true));
        assert!(!title_shape("缩小“三大差距”，黄岩如何再出发？", false));
        assert!(!title_shape("具体而言，就是抓好五个“落实”——", false));
        assert!(!title_shape("的两个板块。", false));
        assert!(!title_shape("按照“全域规划、板块", false));
        assert!(!title_shape("双轮驱动的", false));
        assert!(!title_shape("二", false));
        assert!(title_shape("——记黄岩区优秀共产党员张三", false));
    }
}
