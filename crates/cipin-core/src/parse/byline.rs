//! Bylines and datelines: `本报讯（记者 陈舒心）`, `本报北京5月18日电（记者 韩鑫）`,
//! `新华社北京1月2日电（记者张三、李四）`, `■本报记者 施佳丽`,
//! `■澄江街道党工委书记 曾程耀`, `本报记者 王某 李某`, `（记者 张三 通讯员 李四）`.

use super::text::{count_upto, is_digit, is_ideograph};

/// The names and dateline read from a byline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Names {
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
}

/// What a role word in a byline makes of the names after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Reporter,
    Correspondent,
    Other,
}

/// Role words, longest first so that `本报记者` wins over `记者`.
const ROLES: [(&str, Role); 18] = [
    ("人民日报记者", Role::Reporter),
    ("全媒体记者", Role::Reporter),
    ("融媒体记者", Role::Reporter),
    ("新华社记者", Role::Reporter),
    ("本报通讯员", Role::Correspondent),
    ("特约通讯员", Role::Correspondent),
    ("本报记者", Role::Reporter),
    ("首席记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("实习记者", Role::Reporter),
    ("融媒记者", Role::Reporter),
    ("驻站记者", Role::Reporter),
    ("中新社记者", Role::Reporter),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Other),
    ("记者", Role::Reporter),
    ("评论员", Role::Other),
];

/// Words after a role that are not names (`记者 张三 报道`).
const NOT_NAMES: [&str; 9] = [
    "报道", "摄", "摄影", "整理", "采写", "供稿", "执笔", "文", "图",
];

/// News agencies and papers that print `<agency><place><date>电`.
const AGENCIES: [&str; 21] = [
    "新华社",
    "中新社",
    "中国新闻社",
    "人民网",
    "新华网",
    "中新网",
    "央视网",
    "央广网",
    "光明网",
    "人民日报",
    "光明日报",
    "经济日报",
    "中国日报",
    "法治日报",
    "科技日报",
    "中国青年报",
    "工人日报",
    "农民日报",
    "浙江日报",
    "台州日报",
    "本报",
];

/// Common Chinese surnames (single-character), for telling a signature from a
/// phrase in `■<title> <name>` lines.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪蔺虞楼储陈茅应竺郦钭厉胥盖谈";

/// Two-character surnames.
const COMPOUND_SURNAMES: [&str; 14] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯", "长孙",
    "宇文", "司徒",
];

/// Last characters of a title or an organisation before a signature
/// (`…书记`, `…局长`, `…评论员`, `…街道`).
const TITLE_ENDS: &str =
    "记长任员者师授家人席理事表民生委士官稿监总裁手部局办院所站会校队社室处科厅司组心道镇乡村区县市省团行业厂馆园协联主";

/// Markers printed before a signature or a subhead.
pub(super) fn is_marker(c: char) -> bool {
    matches!(
        c,
        '■' | '□'
            | '▲'
            | '△'
            | '●'
            | '○'
            | '◆'
            | '◇'
            | '★'
            | '☆'
            | '▶'
            | '►'
            | '▪'
            | '◎'
    )
}

/// The role word `s` starts with, if any.
fn role_at(s: &str) -> Option<(&'static str, Role)> {
    ROLES.iter().copied().find(|(w, _)| s.starts_with(w))
}

/// Whether `s` starts with a role word.
pub(super) fn starts_with_role(s: &str) -> bool {
    role_at(s).is_some()
}

/// A plausible personal name: 2 to 8 ideographs (a `·` allowed in minority
/// and foreign names).
fn plausible_name(n: &str) -> bool {
    let k = count_upto(n, 9);
    (2..=8).contains(&k)
        && n.chars()
            .all(|c| is_ideograph(c) || matches!(c, '·' | '•' | '・' | '‧'))
}

/// A name that starts with a known surname (or has a `·`), 2 to 4 characters.
fn surnamed_name(n: &str) -> bool {
    if !plausible_name(n) {
        return false;
    }
    if n.contains(['·', '•', '・', '‧']) {
        return true;
    }
    let k = n.chars().count();
    if COMPOUND_SURNAMES.iter().any(|s| n.starts_with(s)) {
        return (3..=4).contains(&k);
    }
    k <= 4 && n.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// The result of reading the roles and names of a byline.
#[derive(Debug, Default)]
struct RoleParse {
    names: Names,
    /// Role words found.
    roles: usize,
    /// Text before the first role word (trimmed).
    leading: String,
    /// Every name is plausible, and a name glued to its role word has a surname.
    names_ok: bool,
}

/// Read `content` as role words followed by names (`记者 黄一馨 通讯员 章露允`,
/// `记者张三、李四`). Only for short strings.
fn parse_roles(content: &str) -> RoleParse {
    let mut out = RoleParse {
        names_ok: true,
        ..Default::default()
    };
    let mut role: Option<Role> = None;
    let mut tight = false;
    let mut seg_start = 0;
    let mut i = 0;
    while i < content.len() {
        if let Some((w, r)) = role_at(&content[i..]) {
            flush(&content[seg_start..i], role, tight, &mut out);
            out.roles += 1;
            role = Some(r);
            i += w.len();
            seg_start = i;
            tight = content[i..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
        } else {
            i += content[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    flush(&content[seg_start..], role, tight, &mut out);
    out
}

/// Add the names of one segment (the text after a role word) to `out`.
fn flush(seg: &str, role: Option<Role>, tight: bool, out: &mut RoleParse) {
    let Some(role) = role else {
        out.leading = seg.trim().to_string();
        return;
    };
    let mut first = true;
    for name in seg.split(|c: char| c.is_whitespace() || "、，,；;/／".contains(c)) {
        if name.is_empty() || NOT_NAMES.contains(&name) {
            continue;
        }
        let ok = if tight && first {
            surnamed_name(name)
        } else {
            plausible_name(name)
        };
        first = false;
        out.names_ok &= ok;
        let list = match role {
            Role::Reporter => &mut out.names.reporters,
            Role::Correspondent => &mut out.names.correspondents,
            Role::Other => &mut out.names.authors,
        };
        list.push(name.to_string());
    }
}

/// Whether `s` contains punctuation that a byline never has.
fn has_sentence_punct(s: &str) -> bool {
    s.contains([
        '。', '！', '？', '；', '：', '，', '!', '?', ';', ':', ',', '“', '”',
    ])
}

/// The kind of a byline standing alone as a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BylineForm {
    /// `■…` signatures and role lines (`本报记者 王某 李某`).
    Signed,
    /// A bracketed byline alone (`（记者 张三）`): a byline right after a
    /// headline, a credit after body text.
    Bracket,
    /// A news-agency byline with nothing after it (`本报讯（记者 X）`).
    Prefix,
}

/// A block that is a byline on its own: `■本报记者 施佳丽`,
/// `■区住房和城乡建设局党委书记、局长 杨文广`, `本报记者 王某 李某`,
/// `通讯员 张三`, `（记者 张三）`.
pub(super) fn standalone(s: &str) -> Option<(BylineForm, Names)> {
    if count_upto(s, 61) > 60 {
        return None;
    }
    if let Some(c) = s.chars().next().filter(|&c| is_marker(c)) {
        return signed(s[c.len_utf8()..].trim()).map(|n| (BylineForm::Signed, n));
    }
    if s.starts_with('（') || s.starts_with('(') {
        let open = s.chars().next()?.len_utf8();
        let inner = s[open..]
            .strip_suffix('）')
            .or_else(|| s[open..].strip_suffix(')'))?;
        return role_line(inner.trim()).map(|n| (BylineForm::Bracket, n));
    }
    role_line(s).map(|n| (BylineForm::Signed, n))
}

/// `本报记者 王某 李某`, `记者 黄一馨 通讯员 章露允`: a role word first, then
/// names only.
fn role_line(s: &str) -> Option<Names> {
    if !starts_with_role(s) || has_sentence_punct(s) || count_upto(s, 41) > 40 || s.ends_with('摄')
    {
        return None;
    }
    let p = parse_roles(s);
    let named = !p.names.reporters.is_empty()
        || !p.names.correspondents.is_empty()
        || !p.names.authors.is_empty();
    (p.names_ok && named && p.leading.is_empty()).then_some(p.names)
}

/// The part of a `■` line after the marker: role names, or `<title> <name>`.
fn signed(s: &str) -> Option<Names> {
    if has_sentence_punct(s) || s.ends_with('摄') || s.is_empty() {
        return None;
    }
    // A role word at the start or after a short label (`文/图 本报记者 张三`).
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if let Some(k) = tokens.iter().position(|t| starts_with_role(t)) {
        let label: usize = tokens[..k].iter().map(|t| count_upto(t, 8)).sum();
        if label <= 6 {
            let start = s.find(tokens[k]).unwrap_or(0);
            return role_line(&s[start..]);
        }
    }
    // Trailing run of names, the title before them.
    let mut k = tokens.len();
    let mut names: Vec<&str> = Vec::new();
    while k > 0 {
        let parts: Vec<&str> = tokens[k - 1]
            .split('、')
            .filter(|p| !p.is_empty())
            .collect();
        if !parts.is_empty() && parts.iter().all(|p| surnamed_name(p)) {
            names.splice(0..0, parts);
            k -= 1;
        } else {
            break;
        }
    }
    if names.is_empty() {
        return None;
    }
    if k == 0 {
        // Names only (`■张三`): short names, to keep phrases (`■张弛有度`) out.
        if !names
            .iter()
            .all(|n| n.chars().count() <= 3 || n.contains('·'))
        {
            return None;
        }
    } else {
        let title = tokens[k - 1];
        if !title
            .chars()
            .next_back()
            .is_some_and(|c| TITLE_ENDS.contains(c))
        {
            return None;
        }
    }
    Some(Names {
        authors: names.into_iter().map(String::from).collect(),
        ..Names::default()
    })
}

/// A byline that opens a paragraph: `本报讯（记者 陈舒心）`, `本报讯`,
/// `本报北京5月18日电（记者 韩鑫）`, `新华社北京1月2日电（记者张三、李四）`,
/// `据新华社北京1月2日电`, `（记者 张三）`. Returns the byte length of the
/// byline (as printed) and what it names.
pub(super) fn prefix(s: &str) -> Option<(usize, Names)> {
    if let Some(rest) = s.strip_prefix("本报讯") {
        let base = s.len() - rest.len();
        let (end, names) = bracket_after(s, base, false).unwrap_or((base, Names::default()));
        return Some((end, names));
    }
    if let Some(r) = dateline(s) {
        return Some(r);
    }
    // A bracketed role byline opening the paragraph.
    let (end, names) = bracket_after(s, 0, true)?;
    let named = !names.reporters.is_empty() || !names.correspondents.is_empty();
    named.then_some((end, names))
}

/// Whether `s` is the start of a dateline cut by a column break before its
/// `电` (`本报北京10月`, `新华社北京5月`): an agency and at most 12 more
/// characters, with no `电`/`讯` and no punctuation.
pub(super) fn dateline_start(s: &str) -> bool {
    let t = s.strip_prefix('据').unwrap_or(s);
    AGENCIES.iter().any(|a| {
        t.strip_prefix(a).is_some_and(|r| {
            count_upto(r, 13) <= 12
                && !r.contains(['电', '讯'])
                && r.chars()
                    .all(|c| is_ideograph(c) || is_digit(c) || c == '·')
        })
    })
}

/// Whether the block opens with an agency-only byline and nothing in
/// brackets after it (`本报电  日前，…`, `据新华社电 …`), as items of a
/// briefs column do.
pub(super) fn agency_only(s: &str) -> bool {
    let t = s.strip_prefix('据').unwrap_or(s);
    AGENCIES.iter().any(|a| {
        t.strip_prefix(a).is_some_and(|r| {
            r.strip_prefix(['电', '讯'])
                .is_some_and(|r| !r.trim_start().starts_with(['（', '(']))
        })
    })
}

/// `<agency><place><date>(电|讯)` and an optional bracket of names after it.
fn dateline(s: &str) -> Option<(usize, Names)> {
    let p = if s.starts_with('据') {
        '据'.len_utf8()
    } else {
        0
    };
    let agency = AGENCIES.iter().find(|a| s[p..].starts_with(*a))?;
    let place_start = p + agency.len();
    // `据新华社电`, `本报电`: the agency alone, with no place or date.
    if let Some(c @ ('电' | '讯')) = s[place_start..].chars().next() {
        let base = place_start + c.len_utf8();
        return Some(bracket_after(s, base, false).unwrap_or((base, Names::default())));
    }
    // The place: up to 10 characters that are not digits, spaces or punctuation.
    let mut i = place_start;
    let mut n = 0;
    for c in s[place_start..].chars() {
        if is_digit(c) || !(is_ideograph(c) || c == '·') || n == 10 {
            break;
        }
        i += c.len_utf8();
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let place_end = i;
    // The date: [digits 年][digits 月]digits 日.
    let mut saw_day = false;
    loop {
        let digits: usize = s[i..]
            .chars()
            .take_while(|&c| is_digit(c))
            .map(char::len_utf8)
            .sum();
        if digits == 0 || digits > 12 {
            break;
        }
        let unit = s[i + digits..].chars().next();
        match unit {
            Some('年' | '月') => i += digits + '年'.len_utf8(),
            Some('日') => {
                i += digits + '日'.len_utf8();
                saw_day = true;
                break;
            }
            _ => break,
        }
    }
    if !saw_day {
        return None;
    }
    let date_end = i;
    let after = s[i..].chars().next()?;
    if after != '电' && after != '讯' {
        return None;
    }
    let base = i + after.len_utf8();
    let (end, mut names) = bracket_after(s, base, false).unwrap_or((base, Names::default()));
    names.dateline = Some(s[place_start..date_end].to_string());
    debug_assert!(place_end <= date_end);
    Some((end, names))
}

/// A bracket of names after `pos` (spaces allowed before it). With `strict`,
/// the bracket must hold role words and plausible names only. Returns the
/// byte offset after the closing bracket.
fn bracket_after(s: &str, pos: usize, strict: bool) -> Option<(usize, Names)> {
    let ws: usize = s[pos..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    let start = pos + ws;
    let open = s[start..]
        .chars()
        .next()
        .filter(|&c| c == '（' || c == '(')?;
    let inner_start = start + open.len_utf8();
    let (close_rel, close) = s[inner_start..]
        .char_indices()
        .take(41)
        .find(|&(_, c)| c == '）' || c == ')')?;
    let inner = &s[inner_start..inner_start + close_rel];
    if inner.contains(['（', '(']) || has_sentence_punct(inner) {
        return None;
    }
    let p = parse_roles(inner.trim());
    if strict && !(p.leading.is_empty() && p.roles > 0 && p.names_ok) {
        return None;
    }
    if !strict && p.roles == 0 && count_upto(inner, 21) > 20 {
        return None;
    }
    Some((inner_start + close_rel + close.len_utf8(), p.names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prefixes() {
        let s = "本报讯（记者 黄一馨 通讯员 章露允）近日，";
        let (end, n) = prefix(s).unwrap();
        assert_eq!(&s[..end], "本报讯（记者 黄一馨 通讯员 章露允）");
        assert_eq!(n.reporters, v(&["黄一馨"]));
        assert_eq!(n.correspondents, v(&["章露允"]));
        let s = "新华社北京1月2日电（记者张三、李四）1日";
        let (end, n) = prefix(s).unwrap();
        assert_eq!(&s[..end], "新华社北京1月2日电（记者张三、李四）");
        assert_eq!(n.reporters, v(&["张三", "李四"]));
        assert_eq!(n.dateline.as_deref(), Some("北京1月2日"));
        let s = "本报北京5月18日电 （记者 韩鑫）工业";
        let (end, n) = prefix(s).unwrap();
        assert_eq!(&s[..end], "本报北京5月18日电 （记者 韩鑫）");
        assert_eq!(n.dateline.as_deref(), Some("北京5月18日"));
        let s = "本报讯 近日，";
        assert_eq!(prefix(s).unwrap().0, "本报讯".len());
        assert!(prefix("本报记者近日走访").is_none());
        assert!(prefix("北京5月18日电").is_none());
        assert!(prefix("（俗称“六乡一镇”）").is_none());
    }

    #[test]
    fn standalones() {
        let (f, n) = standalone("■本报记者 施佳丽").unwrap();
        assert_eq!(f, BylineForm::Signed);
        assert_eq!(n.reporters, v(&["施佳丽"]));
        let (_, n) = standalone("■区住房和城乡建设局党委书记、局长 杨文广").unwrap();
        assert_eq!(n.authors, v(&["杨文广"]));
        let (_, n) = standalone("■澄江街道党工委书记 曾程耀").unwrap();
        assert_eq!(n.authors, v(&["曾程耀"]));
        let (_, n) = standalone("本报记者 王某 李某").unwrap();
        assert_eq!(n.reporters, v(&["王某", "李某"]));
        let (f, n) = standalone("（记者 张三 通讯员 李四）").unwrap();
        assert_eq!(f, BylineForm::Bracket);
        assert_eq!(
            (n.reporters, n.correspondents),
            (v(&["张三"]), v(&["李四"]))
        );
        assert!(standalone("■聚焦产业 做强实体").is_none());
        assert!(standalone("■张弛有度").is_none());
        assert!(standalone("■记者手记").is_none());
        assert!(standalone("本报记者 王某 摄").is_none());
        assert!(standalone("记者从区住建局获悉，工程将完工。").is_none());
    }
}
