//! Parse a newspaper page (plain text from a PDF) into articles.
//!
//! The input is one page as text: each paragraph, headline, byline… on its
//! own line, blocks separated by blank lines, as PDF extraction of Chinese
//! newspapers (county papers, 人民日报, 新华社 wire copy) gives it. The
//! output is one [`Article`] record per article and one per page banner, in
//! page order, that together hold every non-whitespace character of the
//! input exactly once, in order (see [`Article::page_order_parts`]).
//!
//! # Documents with and without page structure
//!
//! A document is parsed as a page only when it *has page structure*:
//!
//! * its lines are separated by blank lines (at least two blocks, and at
//!   least 80 % of the line breaks are blank lines), and
//! * it has at least one *anchor*: a byline (`本报讯（记者 …）`,
//!   `新华社北京1月2日电（…）`, `■本报记者 …`, `■<title> <name>`,
//!   `本报记者 王某 李某`, `（记者 …）`) or a continuation mark
//!   (`（下转B版）`).
//!
//! Anything else (a report, a novel — even with blank lines between
//! paragraphs —, one line of text, a SIGHAN-like file with one sentence per
//! line) is **one article with no headline**, whose paragraphs are all its
//! non-blank lines, trimmed, unchanged and never joined. When in doubt, one
//! article: a page is never shredded on layout guesses alone.
//!
//! An empty document (or only whitespace) gives **one article with no
//! paragraphs**, so that every document is accounted for in the output.
//!
//! # Pages
//!
//! Each non-blank line of a page is a *block*, classified as:
//!
//! * **continuation mark** standing alone: `（下转B版）`, `（下转第2版）`,
//!   `(转2版)` ("continued on") close the current article;
//!   `（上接第1版）`, `（紧接第一版）` ("continued from") open one. Both go to
//!   [`Article::continuation`] (a record that has both holds them
//!   concatenated, from-mark first; see [`Article::continued_from`] and
//!   [`Article::continued_on`]). A "continued on" mark printed at the end of
//!   a paragraph, or a "continued from" mark at its start, is split off the
//!   same way.
//! * **section numeral** standing alone (`二`, `三、`, `（四）`): it separates
//!   sections of the *same* article. It is kept as its own paragraph (text
//!   is never dropped; [`is_section_numeral`] lets a caller filter such
//!   paragraphs out), never joined to its neighbours, and never starts an
//!   article. A title-like line with no comma right after a numeral is a
//!   section title: its own paragraph too.
//! * **byline** standing alone: `■本报记者 施佳丽` (reporters), `■区住房和城乡
//!   建设局党委书记、局长 杨文广` (a signed piece: the name goes to `authors`,
//!   recognised by a known surname and a title ending in 书记, 局长, 员…),
//!   `本报记者 王某 李某`, `通讯员 张三`, `（记者 张三）`. A byline that *opens*
//!   a paragraph (`本报讯（记者 陈舒心）1月14日上午，…`,
//!   `本报北京5月18日电（记者 韩鑫）…`, `新华社北京1月2日电（记者张三、李四）…`)
//!   is cut off it, as printed, into [`Article::byline`]. Names go to
//!   `reporters` (记者, 本报记者, 全媒体记者…), `correspondents` (通讯员) or
//!   `authors` (signatures, 评论员, 实习生). `dateline` is the place and date of
//!   a `…电`/`…讯` dateline (`北京5月18日`). A byline with no headline before
//!   it starts an article without headline, except a bracketed one after
//!   body text (`（记者 张三）` closing a piece): that is a credit, kept as a
//!   paragraph, whose names still fill `reporters`/`correspondents` of an
//!   article that has no byline.
//! * a **credit** (`本报记者 王某 摄`) or a **subhead** (`■…` that is not a
//!   signature): its own paragraph.
//! * the **banner**: the last block of the page when it is a row of slogan
//!   phrases separated by spaces with no sentence punctuation (`大力倡导
//!   “六干” 全力践行“六争” …`), and a first block that is a page header (a
//!   date with 星期 or 责任编辑), become [`RecordKind::Banner`] records.
//! * everything else is **text**: a kicker, headline, subtitle or body.
//!
//! ## Headlines
//!
//! A block is *title-like* when it is short (at most 50 characters), has no
//! `。`/`；`, no sentence-final punctuation except a final `？`/`！` in the
//! headline slot, does not end in a comma, colon, dash or a word that cannot
//! end a phrase (`的`, `和`, `与`…), has at most two commas and balanced quotes
//! and brackets.
//!
//! * Before a byline, up to three title-like blocks are read backwards as
//!   `[kicker] headline [——subtitle]`: a block led by `——` right before the
//!   byline is the subtitle; the block before the byline (or before the
//!   subtitle) is the headline, which may end in `？`/`！`; one more
//!   title-like block before that is the kicker (引题, column label) if the
//!   block before *it* ends an article (ends a sentence, is a "continued on"
//!   mark, a credit, or the page start).
//! * Without a byline, a title-like block that follows an article end is a
//!   headline (with an optional kicker before it or `——` subtitle after it)
//!   only when the body block after it does not continue it (see below) and
//!   it clearly looks like a headline, by a score: phrases separated by
//!   spaces (`以实干求实绩 加快高质量发展`, +2), the next paragraph opening
//!   like a news lead (`近日，`, `1月14日，`, `今年以来`…, +2), a `地方：`
//!   lead (+1), no comma nor `、` (+1), a comma (−2), four characters or
//!   fewer (−1); a headline needs 3. A block with no comma nor `、` that
//!   scores 2 (`“强城”：把县城做强`, a subhead) or has at most four characters
//!   (`图片新闻`, a label) is a heading: its own paragraph, neither joined nor
//!   starting an article. Any other title-like block is the first part of a
//!   cut paragraph.
//! * A column label shared by several pieces (the `“六干”大讨论“大家谈”` over
//!   two signed pieces) is the kicker of the first piece only: text is never
//!   duplicated.
//!
//! ## Column breaks
//!
//! PDF extraction cuts paragraphs at column and box breaks, often inside a
//! word (`…四个总体原` / `则，按照…`). A body block is joined to the next one,
//! with nothing in between, when it does not end legitimately — a sentence
//! end (`。`, `！`, `？`, `…`, possibly followed by closing quotes or
//! brackets: `。”`, `？）`, or a credit bracket such as `（完）`), or a lead-in
//! to what follows (`：`, `——`, `；`), or a photo credit — and the next block
//! is body text (not a headline, byline, numeral, mark or banner) that does
//! not start a list item (`一是`, `（二）`, `3.`, `①`) or, unless a quote or
//! bracket is left open, a dash-led item. A bare headline candidate is
//! rejected (and so the block joined) when the next block cannot start a
//! paragraph (closing punctuation, `……`, `的`), when the candidate leaves a
//! quote or bracket open or ends in `，`/`、`/`的`, or when the next block has
//! a closing quote with no opener.
//!
//! ## Records
//!
//! The parts of a record always come in printed order: kicker, headline,
//! subtitle, byline, "continued from" mark, paragraphs, "continued on" mark.
//! A part that would come out of that order (a second headline, a byline
//! after paragraphs, anything after a "continued on" mark) starts a new
//! record. Records are numbered in page order, banners included.
//!
//! Everything is a constant amount of work per character: parsing is linear
//! in the size of the page.

mod byline;
mod text;

use serde::Serialize;

use byline::{BylineForm, Names};
pub use text::is_section_numeral;
use text::{
    bracket_state, count_upto, dash_led, ends_credit, ends_legit, ends_open, ends_sentence,
    is_digit, leading_mark, list_start, parse_mark, split_marks, starts_nostart, title_shape,
    trailing_mark, MarkDir,
};

/// What a parsed record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// An article (or, for a document with no page structure, the whole text).
    Article,
    /// A page banner / footer slogan line.
    Banner,
}

/// One record of a parsed page: an article, or a banner.
///
/// Serialises to the `cipin parse --format jsonl` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The document (file path) it comes from.
    pub doc_id: String,
    /// 0-based index of the record in its document (banners are counted too).
    pub article: usize,
    /// Article or banner.
    pub kind: RecordKind,
    /// 引题 / column label above the headline.
    pub kicker: Option<String>,
    /// 主题, the headline.
    pub headline: Option<String>,
    /// 副题, the subtitle (a leading `——` is kept as printed).
    pub subtitle: Option<String>,
    /// The byline as printed (`本报讯（记者 陈舒心）`, `■本报记者 施佳丽`).
    pub byline: Option<String>,
    /// Reporters (记者) named in the byline.
    pub reporters: Vec<String>,
    /// Correspondents (通讯员) named in the byline.
    pub correspondents: Vec<String>,
    /// Other authors (signed pieces: `■区住建局局长 杨文广` gives `杨文广`).
    pub authors: Vec<String>,
    /// Place and date of a dateline (`北京5月18日`), when printed.
    pub dateline: Option<String>,
    /// Body paragraphs, column breaks repaired, byline removed.
    pub paragraphs: Vec<String>,
    /// A continuation mark (`（下转B版）`, `（上接第1版）`); a record that is
    /// continued both from and on another page holds both marks,
    /// concatenated, the "continued from" one first.
    pub continuation: Option<String>,
    /// The text of a banner record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Article {
    /// An empty article record.
    fn empty(doc_id: &str, article: usize) -> Article {
        Article {
            doc_id: doc_id.to_string(),
            article,
            kind: RecordKind::Article,
            kicker: None,
            headline: None,
            subtitle: None,
            byline: None,
            reporters: vec![],
            correspondents: vec![],
            authors: vec![],
            dateline: None,
            paragraphs: vec![],
            continuation: None,
            text: None,
        }
    }

    /// The body as one string: paragraphs joined by `\n` (a banner's text for a banner).
    pub fn body(&self) -> String {
        match (&self.kind, &self.text) {
            (RecordKind::Banner, Some(t)) => t.clone(),
            _ => self.paragraphs.join("\n"),
        }
    }

    /// The "continued from" mark of the record (`（上接第1版）`), if any.
    pub fn continued_from(&self) -> Option<&str> {
        self.continuation.as_deref().and_then(|c| split_marks(c).0)
    }

    /// The "continued on" mark of the record (`（下转B版）`), if any.
    pub fn continued_on(&self) -> Option<&str> {
        self.continuation.as_deref().and_then(|c| split_marks(c).1)
    }

    /// Every piece of text of the record, in the order it was printed:
    /// kicker, headline, subtitle, byline, "continued from" mark, paragraphs,
    /// "continued on" mark, banner text.
    ///
    /// Concatenating the parts of all records of a page gives back the
    /// page's non-whitespace characters, in order (whitespace between and
    /// around blocks is not kept; a repaired column break joins two blocks
    /// with nothing in between).
    pub fn page_order_parts(&self) -> Vec<&str> {
        let (from, on) = self
            .continuation
            .as_deref()
            .map_or((None, None), split_marks);
        let mut parts: Vec<&str> = [&self.kicker, &self.headline, &self.subtitle, &self.byline]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .collect();
        parts.extend(from);
        parts.extend(self.paragraphs.iter().map(String::as_str));
        parts.extend(on);
        parts.extend(self.text.as_deref());
        parts
    }
}

/// Parse one page of text into records, in page order.
///
/// `text` is decoded text with LF line endings. See the [module
/// documentation](self) for the rules. Never panics; linear in `text.len()`.
///
/// ```
/// use cipin_core::parse::{parse_page, RecordKind};
///
/// let page = "双桂路道路提升改造工程将于春节前完工\n\n\
///             本报讯（记者 黄一馨 通讯员 章露允）近日，施工人员正进行沥\n\n\
///             青摊铺作业。\n\n\
///             大力倡导“六干” 全力践行“六争”\n";
/// let recs = parse_page("p.txt", page);
/// assert_eq!(recs.len(), 2);
/// assert_eq!(recs[0].headline.as_deref(), Some("双桂路道路提升改造工程将于春节前完工"));
/// assert_eq!(recs[0].byline.as_deref(), Some("本报讯（记者 黄一馨 通讯员 章露允）"));
/// assert_eq!(recs[0].reporters, vec!["黄一馨"]);
/// assert_eq!(recs[0].correspondents, vec!["章露允"]);
/// assert_eq!(recs[0].paragraphs, vec!["近日，施工人员正进行沥青摊铺作业。"]);
/// assert_eq!(recs[1].kind, RecordKind::Banner);
///
/// // No page structure: one article, every line a paragraph.
/// let recs = parse_page("novel.txt", "“你来了？”\n\n他点点头。\n");
/// assert_eq!(recs.len(), 1);
/// assert_eq!(recs[0].headline, None);
/// assert_eq!(recs[0].paragraphs, vec!["“你来了？”", "他点点头。"]);
///
/// // An empty document is one article with no paragraphs.
/// assert_eq!(parse_page("empty.txt", "\n \n").len(), 1);
/// ```
pub fn parse_page(doc_id: &str, text: &str) -> Vec<Article> {
    let mut lines: Vec<&str> = Vec::new();
    let mut blocks = 0usize;
    let mut after_blank = true;
    for raw in text.split('\n') {
        let line = raw.trim();
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        if after_blank {
            blocks += 1;
        }
        after_blank = false;
        lines.push(line);
    }
    // Blank-line separated layout: at least 80 % of the lines open a block.
    let blank_separated = blocks >= 2 && blocks * 5 >= lines.len() * 4;
    if blank_separated {
        let mut page = Page::new(&lines);
        if page.has_anchor() {
            page.mark_banners();
            page.assign_anchored_titles();
            page.assign_bare_titles();
            return page.build(doc_id);
        }
    }
    let mut out = Builder::new(doc_id);
    for line in lines {
        out.paragraph(line, false);
    }
    out.finish()
}

/// What a block is, before headlines are assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Byline(BylineForm),
    Mark(MarkDir),
    Numeral,
    Credit,
    Subhead,
    Banner,
}

/// The role of a text block once the page is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Kicker,
    Headline,
    Subtitle,
}

/// One block of a page.
#[derive(Debug)]
struct Unit<'a> {
    line: &'a str,
    kind: Kind,
    role: Role,
    /// Names of a byline (standalone or opening the block).
    names: Names,
    /// Byte length of the byline opening a text block (0: none).
    byline_end: usize,
    /// Byte length of a "continued from" mark opening a text block (0: none).
    lead_end: usize,
    /// Byte offset of a "continued on" mark ending a text block (`line.len()`: none).
    tail_start: usize,
    /// The body leaves a quote or bracket open.
    open: bool,
    /// The body has a closing quote or bracket with no opener.
    stray: bool,
}

impl<'a> Unit<'a> {
    fn classify(line: &'a str) -> Unit<'a> {
        let mut u = Unit {
            line,
            kind: Kind::Text,
            role: Role::Body,
            names: Names::default(),
            byline_end: 0,
            lead_end: 0,
            tail_start: line.len(),
            open: false,
            stray: false,
        };
        if let Some(dir) = parse_mark(line) {
            u.kind = Kind::Mark(dir);
        } else if is_section_numeral(line) {
            u.kind = Kind::Numeral;
        } else if let Some((form, names)) = byline::standalone(line) {
            u.kind = Kind::Byline(form);
            u.names = names;
        } else if let Some((end, names)) = byline::prefix(line) {
            u.names = names;
            if line[end..].trim().is_empty() {
                u.kind = Kind::Byline(BylineForm::Prefix);
            } else {
                u.byline_end = end;
            }
        } else if count_upto(line, 41) <= 40 && ends_credit(line) {
            u.kind = Kind::Credit;
        } else if line.starts_with(byline::is_marker)
            && count_upto(line, 51) <= 50
            && !line.contains('。')
        {
            u.kind = Kind::Subhead;
        }
        if u.kind == Kind::Text {
            if u.byline_end == 0 {
                u.lead_end = leading_mark(line).unwrap_or(0);
            }
            let start = u.byline_end.max(u.lead_end);
            if let Some(p) = trailing_mark(&line[start..]) {
                if !line[start..start + p].trim().is_empty() {
                    u.tail_start = start + p;
                }
            }
            (u.open, u.stray) = bracket_state(u.body());
        }
        u
    }

    /// The body text of a text block: without its opening byline and marks.
    fn body(&self) -> &'a str {
        let start = self.byline_end.max(self.lead_end);
        self.line[start..self.tail_start].trim()
    }

    /// A byline block, or a text block opened by a byline.
    fn is_anchor(&self) -> bool {
        matches!(self.kind, Kind::Byline(_)) || self.byline_end > 0
    }

    /// A text block with no role yet, no opening byline and no opening mark.
    fn is_free(&self) -> bool {
        self.kind == Kind::Text
            && self.role == Role::Body
            && self.byline_end == 0
            && self.lead_end == 0
    }

    /// A free block with the shape of a kicker, headline or subtitle.
    fn title_like(&self, allow_q: bool) -> bool {
        self.is_free() && self.tail_start == self.line.len() && title_shape(self.line, allow_q)
    }
}

/// Whether `m` (the block after a candidate headline) opens like a news
/// lead: `近日，`, `1月14日上午，`, `2024年，`, `今年以来`, `记者从…`.
fn news_lead(m: &str) -> bool {
    const LEADS: [&str; 14] = [
        "近日",
        "日前",
        "近期",
        "昨日",
        "昨天",
        "今天",
        "今日",
        "今年以来",
        "入冬以来",
        "记者",
        "本报",
        "据悉",
        "据了解",
        "连日来",
    ];
    if LEADS.iter().any(|l| m.starts_with(l)) {
        return true;
    }
    // `1月14日`, `14日`, `2025年1月`, but not a bare year (`2024年，…` opens
    // narrative paragraphs as often as news leads).
    let digits = |s: &str| -> usize {
        s.chars()
            .take_while(|&c| is_digit(c))
            .map(char::len_utf8)
            .sum()
    };
    let d = digits(m);
    if d == 0 || d > 12 {
        return false;
    }
    let rest = &m[d..];
    if let Some(r) = rest.strip_prefix('年') {
        let d2 = digits(r);
        return (1..=6).contains(&d2) && r[d2..].starts_with('月');
    }
    rest.starts_with(['月', '日'])
}

/// Score from which a title-like block with no byline is a headline.
const BARE_HEADLINE: i32 = 3;
/// Score from which a title-like block with no comma that is not a headline
/// is still a heading (its own paragraph) rather than a cut paragraph.
const HEADING: i32 = 2;

/// How much a title-like block `h` followed by body `m` looks like a
/// headline rather than the start of a cut paragraph: +2 for phrases
/// separated by spaces, +2 when `m` opens like a news lead, +1 for a
/// `地名：` lead, +1 for no comma nor `、`, −2 for a comma, −1 for four
/// characters or fewer.
fn headline_score(h: &str, m: &str) -> i32 {
    let mut score = 0;
    if h.split_whitespace()
        .filter(|seg| count_upto(seg, 2) >= 2)
        .count()
        >= 2
    {
        score += 2;
    }
    if news_lead(m) {
        score += 2;
    }
    if h.chars()
        .take(12)
        .position(|c| c == '：' || c == ':')
        .is_some_and(|k| k >= 2)
    {
        score += 1;
    }
    if h.contains(['，', ',']) {
        score -= 2;
    } else if !h.contains('、') {
        score += 1;
    }
    if count_upto(h, 5) <= 4 {
        score -= 1;
    }
    score
}

/// Whether a banner: slogan phrases separated by spaces, no sentence
/// punctuation.
fn banner_shape(s: &str) -> bool {
    if count_upto(s, 151) > 150
        || s.contains(['。', '，', '；', '：', '？', '?', ',', ';', ':', '、'])
        || starts_nostart(s)
        || ends_open(s)
    {
        return false;
    }
    let segs: Vec<&str> = s.split_whitespace().collect();
    segs.len() >= 2
        && segs.iter().all(|g| (2..=30).contains(&count_upto(g, 31)))
        && bracket_state(s) == (false, false)
}

/// Whether a page header: a date with a weekday or an editor's name.
fn header_shape(s: &str) -> bool {
    count_upto(s, 81) <= 80
        && !s.contains('。')
        && s.contains('年')
        && s.contains('月')
        && s.chars().any(is_digit)
        && (s.contains("星期") || s.contains("责任编辑") || s.contains("责编"))
}

/// The blocks of a page and their roles.
struct Page<'a> {
    u: Vec<Unit<'a>>,
}

impl<'a> Page<'a> {
    fn new(lines: &[&'a str]) -> Page<'a> {
        Page {
            u: lines.iter().map(|l| Unit::classify(l)).collect(),
        }
    }

    /// A byline or a continuation mark somewhere on the page.
    fn has_anchor(&self) -> bool {
        self.u
            .iter()
            .any(|u| u.is_anchor() || matches!(u.kind, Kind::Mark(_)))
    }

    /// The footer slogan (last block) and a page header (first block).
    fn mark_banners(&mut self) {
        let n = self.u.len();
        if let Some(last) = self.u.last_mut() {
            if last.is_free() && last.tail_start == last.line.len() && banner_shape(last.line) {
                last.kind = Kind::Banner;
            }
        }
        if n > 1 && self.u[0].is_free() && header_shape(self.u[0].line) {
            self.u[0].kind = Kind::Banner;
        }
    }

    /// Whether the block before a candidate (`None`: the page start) ends an
    /// article, so that a kicker or headline may follow it.
    fn article_end(&self, i: Option<usize>) -> bool {
        let Some(i) = i else { return true };
        let u = &self.u[i];
        if u.role != Role::Body {
            return false;
        }
        match u.kind {
            Kind::Text => u.tail_start < u.line.len() || ends_sentence(u.body()),
            Kind::Mark(dir) => dir == MarkDir::To,
            Kind::Credit | Kind::Banner | Kind::Byline(BylineForm::Bracket) => true,
            Kind::Byline(_) | Kind::Numeral | Kind::Subhead => false,
        }
    }

    /// Whether the text of block `p` runs on into block `m`, whatever their
    /// shape: `p` leaves a bracket open or ends in `，`/`的`…, or `m` starts
    /// with closing punctuation or has a stray closer.
    fn runs_on(&self, p: usize, m: usize) -> bool {
        let (p, m) = (&self.u[p], &self.u[m]);
        ends_open(p.body()) || p.open || starts_nostart(m.body()) || m.stray
    }

    /// Kicker, headline and subtitle before each byline.
    fn assign_anchored_titles(&mut self) {
        for a in 0..self.u.len() {
            if !self.u[a].is_anchor() {
                continue;
            }
            let mut j = a;
            if j > 0 && self.u[j - 1].title_like(true) && dash_led(self.u[j - 1].line) {
                self.u[j - 1].role = Role::Subtitle;
                j -= 1;
            }
            if j > 0 && self.u[j - 1].title_like(true) && !dash_led(self.u[j - 1].line) {
                self.u[j - 1].role = Role::Headline;
                j -= 1;
                let k = j.wrapping_sub(1);
                if j > 0
                    && self.u[k].title_like(false)
                    && !dash_led(self.u[k].line)
                    && self.article_end(k.checked_sub(1))
                    && !self.runs_on(k, j)
                {
                    self.u[k].role = Role::Kicker;
                }
            }
        }
    }

    /// Headlines of articles with no byline (see the module documentation).
    fn assign_bare_titles(&mut self) {
        let n = self.u.len();
        let body_at = |p: &Page, m: usize| m < n && p.u[m].is_free();
        let dash_sub =
            |p: &Page, k: usize| k < n && p.u[k].title_like(true) && dash_led(p.u[k].line);
        for i in 0..n {
            if !self.u[i].title_like(false)
                || dash_led(self.u[i].line)
                || !self.article_end(i.checked_sub(1))
            {
                continue;
            }
            // Kicker and headline.
            if i + 1 < n
                && self.u[i + 1].title_like(false)
                && !dash_led(self.u[i + 1].line)
                && !self.runs_on(i, i + 1)
            {
                let sub = dash_sub(self, i + 2);
                let m = if sub { i + 3 } else { i + 2 };
                let last = m - 1;
                if body_at(self, m)
                    && !self.runs_on(last, m)
                    && (sub
                        || headline_score(self.u[i + 1].line, self.u[m].body()) >= BARE_HEADLINE)
                {
                    self.u[i].role = Role::Kicker;
                    self.u[i + 1].role = Role::Headline;
                    if sub {
                        self.u[i + 2].role = Role::Subtitle;
                    }
                    continue;
                }
            }
            // Headline alone.
            let sub = dash_sub(self, i + 1);
            let m = if sub { i + 2 } else { i + 1 };
            if body_at(self, m)
                && !self.runs_on(m - 1, m)
                && (sub || headline_score(self.u[i].line, self.u[m].body()) >= BARE_HEADLINE)
            {
                self.u[i].role = Role::Headline;
                if sub {
                    self.u[i + 1].role = Role::Subtitle;
                }
            }
        }
    }

    /// Whether body block `i` is cut and goes on in block `i + 1`.
    fn joins_next(&self, i: usize) -> bool {
        let p = &self.u[i];
        let Some(m) = self.u.get(i + 1) else {
            return false;
        };
        if p.tail_start < p.line.len() || ends_legit(p.body()) || !m.is_free() {
            return false;
        }
        let mb = m.body();
        if mb.is_empty() || list_start(mb) || (dash_led(mb) && !p.open) {
            return false;
        }
        // A section title right after a section numeral.
        if i > 0
            && self.u[i - 1].kind == Kind::Numeral
            && title_shape(p.line, false)
            && !p.line.contains(['，', ',', '、'])
        {
            return false;
        }
        // A heading or label that is not a headline: its own paragraph.
        let heading = p.title_like(false)
            && !dash_led(p.line)
            && !p.line.contains(['，', ',', '、'])
            && self.article_end(i.checked_sub(1))
            && !self.runs_on(i, i + 1)
            && (headline_score(p.line, mb) >= HEADING || count_upto(p.line, 5) <= 4);
        !heading
    }

    /// Build the records.
    fn build(self, doc_id: &str) -> Vec<Article> {
        let mut out = Builder::new(doc_id);
        let mut join = false;
        for (i, u) in self.u.iter().enumerate() {
            let joined = std::mem::replace(&mut join, false);
            match (u.role, u.kind) {
                (Role::Kicker, _) => out.cur_at(KICKER).kicker = Some(u.line.to_string()),
                (Role::Headline, _) => out.cur_at(HEADLINE).headline = Some(u.line.to_string()),
                (Role::Subtitle, _) => out.cur_at(SUBTITLE).subtitle = Some(u.line.to_string()),
                (_, Kind::Byline(BylineForm::Bracket)) if out.stage >= BYLINE => {
                    // A credit after the text: a paragraph; its names are kept.
                    out.paragraph(u.line, false);
                    let a = &mut out.cur;
                    if a.byline.is_none() && a.reporters.is_empty() && a.correspondents.is_empty() {
                        a.reporters.extend(u.names.reporters.iter().cloned());
                        a.correspondents
                            .extend(u.names.correspondents.iter().cloned());
                        a.authors.extend(u.names.authors.iter().cloned());
                    }
                }
                (_, Kind::Byline(_)) => out.byline(u.line, &u.names),
                (_, Kind::Mark(dir)) => out.mark(u.line, dir),
                (_, Kind::Banner) => out.banner(u.line),
                (_, Kind::Numeral | Kind::Credit | Kind::Subhead) => out.paragraph(u.line, false),
                (_, Kind::Text) => {
                    if u.byline_end > 0 {
                        out.byline(u.line[..u.byline_end].trim_end(), &u.names);
                    }
                    if u.lead_end > 0 {
                        out.mark(&u.line[..u.lead_end], MarkDir::From);
                    }
                    let body = u.body();
                    if !body.is_empty() {
                        out.paragraph(body, joined);
                    }
                    if u.tail_start < u.line.len() {
                        out.mark(&u.line[u.tail_start..], MarkDir::To);
                    } else {
                        join = !body.is_empty() && self.joins_next(i);
                    }
                }
            }
        }
        out.finish()
    }
}

/// Stages of a record, in the order its parts are printed. A part whose
/// stage is not after the current one starts a new record.
const KICKER: u8 = 1;
const HEADLINE: u8 = 2;
const SUBTITLE: u8 = 3;
const BYLINE: u8 = 4;
const FROM_MARK: u8 = 5;
const PARAGRAPHS: u8 = 6;
const TO_MARK: u8 = 7;

/// Collects records in page order.
struct Builder<'d> {
    doc_id: &'d str,
    out: Vec<Article>,
    cur: Article,
    /// Stage of `cur` (0: empty).
    stage: u8,
}

impl<'d> Builder<'d> {
    fn new(doc_id: &'d str) -> Builder<'d> {
        Builder {
            doc_id,
            out: Vec::new(),
            cur: Article::empty(doc_id, 0),
            stage: 0,
        }
    }

    /// Push the current record if it has anything.
    fn flush(&mut self) {
        if self.stage > 0 {
            let next = Article::empty(self.doc_id, 0);
            let mut a = std::mem::replace(&mut self.cur, next);
            a.article = self.out.len();
            self.out.push(a);
        }
        self.stage = 0;
    }

    /// The record to put a part of `stage` in (a new one if the current one
    /// is past that stage).
    fn cur_at(&mut self, stage: u8) -> &mut Article {
        if self.stage >= stage {
            self.flush();
        }
        self.stage = stage;
        &mut self.cur
    }

    fn byline(&mut self, s: &str, names: &Names) {
        let a = self.cur_at(BYLINE);
        a.byline = Some(s.to_string());
        a.reporters.extend(names.reporters.iter().cloned());
        a.correspondents
            .extend(names.correspondents.iter().cloned());
        a.authors.extend(names.authors.iter().cloned());
        a.dateline.clone_from(&names.dateline);
    }

    fn mark(&mut self, s: &str, dir: MarkDir) {
        let a = self.cur_at(if dir == MarkDir::From {
            FROM_MARK
        } else {
            TO_MARK
        });
        match &mut a.continuation {
            Some(c) => c.push_str(s),
            None => a.continuation = Some(s.to_string()),
        }
    }

    /// A paragraph, or (with `join`) the rest of the last one.
    fn paragraph(&mut self, s: &str, join: bool) {
        if join && self.stage == PARAGRAPHS {
            if let Some(last) = self.cur.paragraphs.last_mut() {
                last.push_str(s);
                return;
            }
        }
        if self.stage > PARAGRAPHS {
            self.flush();
        }
        self.stage = PARAGRAPHS;
        self.cur.paragraphs.push(s.to_string());
    }

    fn banner(&mut self, s: &str) {
        self.flush();
        let mut b = Article::empty(self.doc_id, self.out.len());
        b.kind = RecordKind::Banner;
        b.text = Some(s.to_string());
        self.out.push(b);
    }

    fn finish(mut self) -> Vec<Article> {
        self.flush();
        if self.out.is_empty() {
            self.out.push(Article::empty(self.doc_id, 0));
        }
        self.out
    }
}
