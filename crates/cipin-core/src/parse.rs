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
//! * it has at least one *anchor* — a byline (`本报讯（记者 …）`,
//!   `新华社北京1月2日电（…）`, `据新华社电`, `■本报记者 …`, `■<title> <name>`,
//!   `本报记者 王某 李某`, `（记者 …）`) or a continuation mark
//!   (`（下转B版）`) — or page furniture, or a title below the first line
//!   that the layout marks (a column tag, or a kicker ending in `——`/`：`).
//!
//! Anything else (a report, a novel — even with blank lines between
//! paragraphs —, one line of text, a SIGHAN-like file with one sentence per
//! line) is **one article**, whose paragraphs are its non-blank lines,
//! trimmed, unchanged and never joined. When its first line has the shape of
//! a title and body text follows (a crawled article saved as its own file),
//! that line is the headline, with a `——` subtitle and a byline after it
//! when printed. When in doubt, one article: a page is never shredded on
//! layout guesses alone.
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
//! * **page furniture** ([`RecordKind::Banner`] records, never part of an
//!   article): the last block of the page when it is a row of slogan
//!   phrases separated by spaces with no sentence punctuation (`大力倡导
//!   “六干” 全力践行“六争” …`), and up to three header lines at the top (a
//!   date with its weekday, `第6版`, `1  国际`, `责任编辑：…`).
//! * a **closing line** (`（作者为…）`, `（新华社北京11月2日电）`, `（孙源源）`,
//!   `版式设计：…` after the text): a paragraph of the article before it, and
//!   a sure end of that article.
//! * everything else is **text**: a kicker, headline, subtitle or body.
//!
//! ## Headlines
//!
//! A block is *title-like* when it is short (at most 50 characters), has no
//! `。`/`；`, no sentence-final punctuation except a final `？`/`！` in the
//! headline slot, does not end in a comma, colon, dash or a word that cannot
//! end a phrase (`的`, `和`, `与`…), has at most two commas and balanced quotes
//! and brackets; a column tag may end it (`…（人民时评）`). A kicker may end in
//! a lead-in (`——`, `：`).
//!
//! * **Before a byline**, up to three title-like lines read backwards, the
//!   first after an article end. Inside a briefs column (a 2–6 character
//!   label such as `新闻速递` over items with an agency-only byline `本报电`
//!   and a credit) the items are text of one article headed by the label.
//!   A stack shaped like an earlier in-body heading of the same article
//!   (`河南兰考——` after `江西井冈山——`) is a section of a composite
//!   article: its lines and its byline stay text.
//! * **Without a byline**, a title-like block after an article end and
//!   followed by body text (`[kicker] headline [——subtitle]`, no junction
//!   inside a word, see below) is a title when the layout marks it: a column
//!   tag, phrases set apart by spaces, a lead-in kicker or a `——` subtitle,
//!   or a page start, header, "continued on" mark or closing line before it;
//!   unless a parallel heading of the same shape is near it (headings of one
//!   article share a shape; headlines of different articles rarely do). An
//!   unmarked block is a title only with no parallel heading, no comma, at
//!   least three body blocks before it, and either a news lead after it
//!   (`近日，`, `1月14日，`) or its character pairs coming back in the 300
//!   characters after it and not before (lexical cohesion).
//! * **Roles**: a lead-in line is the kicker, a `——` line the subtitle, a
//!   column tag marks the headline; of two other lines the second is the
//!   subtitle when it reads as a deck (`汪洋主持`, a bracketed note, a short
//!   figure) and the first does not end in a verb of saying (`…时强调`),
//!   else kicker and headline (flagged `roles_guessed`).
//! * A column label shared by several pieces (the `“六干”大讨论“大家谈”` over
//!   two signed pieces) is the kicker of the first piece only: text is never
//!   duplicated.
//!
//! ## Column breaks
//!
//! PDF extraction cuts paragraphs at column and box breaks, often inside a
//! word (`…四个总体原` / `则，按照…`). A body block that does not end
//! legitimately (a sentence end, possibly followed by closing quotes or
//! brackets, a credit bracket such as `（完）`, a lead-in `：`/`——`/`；`, a
//! photo credit) is joined to the next body block when it runs on (an open
//! quote or bracket, a final `，`/`、`/`的`, the next block starting with
//! closing punctuation or holding a stray closer, a dateline cut before its
//! `电`) or when **the junction falls inside a word**: jieba's dictionary
//! segmentation of the eight characters on each side has a word across it.
//! Otherwise it stays a paragraph of its own when it is a heading: a short
//! label, a numbered or chapter heading, a quotation or `地点：…` line, a line
//! of names, a deck right under a title, or a title-like block with a
//! parallel sibling; else it is joined.
//!
//! ## Records
//!
//! The parts of a record always come in printed order: kicker, headline,
//! subtitle, byline, "continued from" mark, paragraphs, "continued on" mark.
//! A part that would come out of that order (a second headline, a byline
//! after paragraphs, anything after a "continued on" mark) starts a new
//! record. Records are numbered in page order, banners included.
//!
//! # Flags and explanations
//!
//! [`Article::flags`] says what was inferred (`no_byline`, `title_inferred`,
//! `roles_guessed`, `continued`); [`explain_page`] gives every block its
//! label and the rule behind it (`cipin parse --explain`).
//!
//! Every decision looks at a bounded neighbourhood of its block (siblings
//! within 40 blocks, cohesion within 300 characters), and what a block's
//! text says is worked out once: parsing is linear in the size of the page.

mod byline;
mod text;

use serde::Serialize;

use byline::{BylineForm, Names};
pub use text::is_section_numeral;
use text::{
    bracket_state, count_upto, dash_led, ends_credit, ends_legit, ends_open, ends_sentence,
    is_cn_numeral, is_digit, is_ideograph, leading_mark, list_start, parse_mark, split_marks,
    starts_nostart, title_shape, trailing_mark, MarkDir,
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
    /// What the parser inferred rather than read off a byline, in this order:
    /// `no_byline` (an article with no byline), `title_inferred` (its title
    /// block was found from the layout alone, with no byline after it),
    /// `roles_guessed` (two or three title lines whose kicker / headline /
    /// subtitle roles no dash or colon marks, assigned by the documented
    /// rule), `continued` (it carries a continuation mark).
    pub flags: Vec<&'static str>,
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
            flags: vec![],
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
    let (lines, separated) = page_lines(text);
    if let Some(page) = read_page(&lines, separated) {
        return page.build(doc_id);
    }
    single_article(doc_id, &lines)
}

/// A document without page structure: one article. A first line with the
/// shape of a title, followed by body text, is its headline (a crawled
/// article saved as its own file), with a `——` subtitle and a byline after
/// it when printed; every other line is a paragraph, unchanged.
fn single_article(doc_id: &str, lines: &[&str]) -> Vec<Article> {
    let mut out = Builder::new(doc_id);
    let mut rest = lines;
    let body_follows = |r: &[&str]| r.iter().any(|l| ends_sentence(l) && count_upto(l, 16) > 15);
    if lines.len() >= 2
        && (title_shape(lines[0], true) || column_tag(lines[0]))
        && !whole_bracket(lines[0])
        && body_follows(&lines[1..])
        && parse_mark(lines[0]).is_none()
        && byline::standalone(lines[0]).is_none()
        && byline::prefix(lines[0]).is_none()
    {
        out.cur_at(HEADLINE).headline = Some(lines[0].to_string());
        out.bare = true;
        rest = &lines[1..];
        if rest.len() > 1 && dash_led(rest[0]) && title_shape(rest[0], true) {
            out.cur_at(SUBTITLE).subtitle = Some(rest[0].to_string());
            rest = &rest[1..];
        }
        if let Some(&first) = rest.first() {
            let u = Unit::classify(first);
            if let Kind::Byline(_) = u.kind {
                out.byline(first, &u.names);
                rest = &rest[1..];
            } else if u.byline_end > 0 {
                out.byline(first[..u.byline_end].trim_end(), &u.names);
                out.paragraph(first[u.byline_end..].trim(), false);
                rest = &rest[1..];
            }
        }
    }
    for line in rest {
        out.paragraph(line, false);
    }
    out.finish()
}

/// One block of a page as the parser read it: see [`explain_page`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained {
    /// 1-based number of the block (non-blank line) on the page.
    pub block: usize,
    /// `furniture`, `kicker`, `headline`, `subtitle`, `byline`, `mark`,
    /// `paragraph`, `byline + paragraph` (a byline opens it), `paragraph,
    /// cut` (a column break cuts it: the next block is its rest), `rest of
    /// cut paragraph`, or `text` for a document without page structure.
    pub label: &'static str,
    /// The rule that gave the label.
    pub why: &'static str,
    /// The block as printed.
    pub text: String,
}

/// Each block of a page with the label the parser gave it and the reason,
/// so that a page can be checked by eye (`cipin parse --explain PAGE`).
///
/// ```
/// use cipin_core::parse::explain_page;
///
/// let page = "黄岩蜜橘喜获丰收\n\n本报讯（记者 王某）1月5日，记者走进\n\n橘园。\n\n\
///             多措并举确保全年粮食丰收（人民时评）\n\n今年以来，各地抓好春耕。\n";
/// let ex = explain_page(page);
/// let labels: Vec<&str> = ex.iter().map(|e| e.label).collect();
/// assert_eq!(
///     labels,
///     ["headline", "byline + paragraph, cut", "rest of cut paragraph", "headline", "paragraph"]
/// );
/// assert_eq!(ex[3].why, "title: a column tag in brackets ends it");
/// ```
pub fn explain_page(text: &str) -> Vec<Explained> {
    let (lines, separated) = page_lines(text);
    match read_page(&lines, separated) {
        Some(page) => page.explain(),
        None => lines
            .iter()
            .enumerate()
            .map(|(i, l)| Explained {
                block: i + 1,
                label: "text",
                why: "no page structure (blank-line blocks and a byline or continuation mark): one article",
                text: l.to_string(),
            })
            .collect(),
    }
}

/// The non-blank lines of a page, trimmed, and whether they are laid out
/// as blocks separated by blank lines.
fn page_lines(text: &str) -> (Vec<&str>, bool) {
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
    let separated = blocks >= 2 && blocks * 5 >= lines.len() * 4;
    (lines, separated)
}

/// The page read into blocks with their roles, when the text has page
/// structure (see the module documentation).
fn read_page<'a>(lines: &[&'a str], separated: bool) -> Option<Page<'a>> {
    if !separated {
        return None;
    }
    let mut page = Page::new(lines);
    let anchored = page.has_anchor();
    page.mark_banners();
    page.assign_anchored_titles();
    page.assign_bare_titles();
    // Without a byline or continuation mark, a text is a page only when
    // the layout shows a second title block below the first line.
    let marked = (1..page.u.len()).any(|k| {
        page.u[k].role == Role::Headline
            && (column_tag(page.u[k].line)
                || page.u[k - 1].role == Role::Kicker && lead_in_kicker(page.u[k - 1].line))
    });
    let furnished = page.u.iter().any(|u| u.kind == Kind::Banner);
    (anchored || marked || furnished).then_some(page)
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
    /// Why the block got its kind or role (`cipin parse --explain`).
    why: &'static str,
    /// A title line whose role the rule guessed (`roles_guessed`).
    guessed: bool,
    /// A title line found with no byline after it (`title_inferred`).
    bare: bool,
    /// The title of an item in a briefs column (text of the column).
    item: bool,
    /// Whether the junction with the next block falls inside a word,
    /// computed once (see [`junction_in_word`]).
    in_word: std::cell::OnceCell<bool>,
    /// The block's shape, computed once.
    shape: std::cell::OnceCell<Shape>,
    /// Line-only facts, computed once.
    traits: std::cell::OnceCell<Traits>,
    /// Whether the body runs on into the next block, computed once.
    runs: std::cell::OnceCell<bool>,
    /// Whether the body ends a sentence, computed once.
    ends: std::cell::OnceCell<bool>,
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
            why: "",
            guessed: false,
            bare: false,
            item: false,
            in_word: std::cell::OnceCell::new(),
            shape: std::cell::OnceCell::new(),
            traits: std::cell::OnceCell::new(),
            runs: std::cell::OnceCell::new(),
            ends: std::cell::OnceCell::new(),
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

    /// The block's [`Shape`] (computed on first use).
    fn shape(&self) -> Shape {
        *self.shape.get_or_init(|| Shape::of(self.line))
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
        let t = self.traits();
        self.is_free()
            && self.tail_start == self.line.len()
            && (if allow_q { t.title_q } else { t.title })
    }

    /// What the block's text alone says about it, computed once: these are
    /// asked many times while headings and siblings are looked for.
    fn traits(&self) -> &Traits {
        self.traits.get_or_init(|| {
            let l = self.line;
            let plain = !editor_line(l) && !chapter_heading(l);
            let tagged = tagged_title(l);
            // A title shape is also one with `？`/`！` allowed: ask the
            // stricter question only when the looser one says yes.
            let title_q = plain && (tagged || title_shape(l, true));
            Traits {
                title: title_q && (tagged || title_shape(l, false)),
                title_q,
                lead_in: lead_in_kicker(l),
                tag: column_tag(l),
                closing: whole_bracket(l) || editor_line(l),
            }
        })
    }
}

/// Line-only facts about a block (see [`Unit::traits`]).
#[derive(Debug, Clone, Copy)]
struct Traits {
    /// A title shape (`title_shape`, or a title with a column tag), not an
    /// editor's line or a chapter heading.
    title: bool,
    /// The same, a final `？`/`！` allowed.
    title_q: bool,
    /// [`lead_in_kicker`].
    lead_in: bool,
    /// [`column_tag`].
    tag: bool,
    /// [`whole_bracket`] or [`editor_line`]: a closing line.
    closing: bool,
}

/// Whether `s` is a title with a column tag: the text before the tag has a
/// title shape, a final `？`/`！` allowed (`河流流量是如何测的？（把自然讲给你听）`).
fn tagged_title(s: &str) -> bool {
    if !column_tag(s) {
        return false;
    }
    let open = s.rfind(['（', '(']).unwrap_or(0);
    title_shape(s[..open].trim_end(), true)
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

/// How many blocks away a parallel heading is looked for.
const SIBLING_REACH: usize = 40;

/// Whether `s` ends with a column tag in brackets (`…（人民时评）`,
/// `…（共建“一带一路”·第一现场）`): a bracket group of 2 to 40 characters
/// closing a block that does not start with it.
fn column_tag(s: &str) -> bool {
    if !(s.ends_with('）') || s.ends_with(')')) || s.starts_with(['（', '(']) {
        return false;
    }
    let tail: Vec<char> = s.chars().rev().take(43).collect();
    let Some(open) = tail.iter().position(|&c| c == '（' || c == '(') else {
        return false;
    };
    // Some characters of title before the tag, and a tag of 2..=40
    // characters (series tags run long: `（守初心 担使命…主题教育）`).
    (3..=41).contains(&open) && s.chars().count() > open + 2 && !tail[..open].contains(&'。')
}

/// Whether `s` is made of phrases separated by spaces (`以实干求实绩 加快高质量发展`,
/// `架起沟通桥梁  经贸合作高效`), as display type sets two-part headlines.
fn spaced_phrases(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace())
        .filter(|seg| count_upto(seg, 2) >= 2)
        .count()
        >= 2
}

/// Whether `s` is wholly inside one pair of brackets (`（作者为…）`,
/// `（新华社北京11月2日电）`, `（刘志强）`): a closing line of an article.
fn whole_bracket(s: &str) -> bool {
    let mut cs = s.chars();
    let (Some(first), Some(last)) = (cs.next(), cs.next_back()) else {
        return false;
    };
    // The first closer closes the first opener: one group, not `（一）…（二）`.
    matches!((first, last), ('（', '）') | ('(', ')'))
        && count_upto(s, 151) <= 150
        && bracket_state(cs.as_str()) == (false, false)
}

/// Whether a block with commas reads as parallel phrases (`齐心协力，转移群众`,
/// `创新林权融资机制，加快补齐金融服务短板`) rather than the start of a
/// sentence (`侯雅明告诉总书记，他正在写`): two or three phrases of 2 to 16
/// characters, the first not ending in a verb of saying.
fn balanced_phrases(s: &str) -> bool {
    const SAYING: [&str; 10] = [
        "说", "表示", "认为", "介绍", "指出", "强调", "告诉", "分析", "透露", "坦言",
    ];
    if list_start(s) {
        return count_upto(s, 21) <= 20;
    }
    let parts: Vec<&str> = s.split(['，', ',']).collect();
    (1..=3).contains(&parts.len())
        && parts.iter().all(|p| (2..=20).contains(&count_upto(p, 21)))
        && !SAYING.iter().any(|w| parts[0].ends_with(w))
}

/// Strip a lead-in ending (`——`, `：`) off a kicker.
fn strip_lead_in(s: &str) -> Option<&str> {
    let t = s
        .strip_suffix("——")
        .or_else(|| s.strip_suffix('：'))
        .or_else(|| s.strip_suffix(':'))?;
    Some(t.trim_end())
}

/// Whether `s` has the shape of a kicker that leads into the headline
/// (`今年铁路暑运创历史新高——`, `陈玉新：`): a title shape once the lead-in is
/// taken off.
fn lead_in_kicker(s: &str) -> bool {
    strip_lead_in(s).is_some_and(|t| count_upto(t, 41) <= 40 && title_shape(t, false))
        && !editor_line(s)
        && !dash_led(s)
}

/// Whether `s` is a line of names set apart by spaces, as type sets them
/// (`曾 勇`, `本报记者  朱  磊`, `周珊珊  本报评论员`): at most 16
/// characters in 2 to 4 groups of 1 to 6 ideographs.
fn name_line(s: &str) -> bool {
    if count_upto(s, 17) > 16 {
        return false;
    }
    let segs: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&segs.len())
        && segs.iter().all(|g| {
            (1..=6).contains(&count_upto(g, 7)) && g.chars().all(|c| is_ideograph(c) || c == '·')
        })
        && segs
            .iter()
            .any(|g| count_upto(g, 2) == 1 || g.contains("记者") || g.contains("评论员"))
}

/// Whether a kicker ends in a verb of saying or announcing (`…调研时强调`,
/// `财政部要求`, `两部门印发通知`), which introduces the headline under it.
fn kicker_verb(s: &str) -> bool {
    const VERBS: [&str; 9] = [
        "强调", "要求", "指出", "表示", "发布", "印发", "通知", "宣布", "提出",
    ];
    VERBS.iter().any(|v| s.ends_with(v))
}

/// Whether a second title line reads as a deck under the headline: who
/// presided or attended (`汪洋主持`, `韩正参加会见`), a note in brackets
/// (`（2020年2月24日…通过）`), or a short figure (`同比增长7%`).
fn deck_line(s: &str) -> bool {
    const ACTS: [&str; 10] = [
        "主持", "出席", "参加", "会见", "致辞", "陪同", "审议", "发言", "讲话", "考察",
    ];
    whole_bracket(s)
        || ACTS
            .iter()
            .any(|v| s.ends_with(v) || s.ends_with(&format!("{v}会议")))
        || (count_upto(s, 13) <= 12 && s.chars().any(is_digit))
}

/// Whether `s` is the label of a reading box printed right under a title
/// (`核心阅读`, `编者按`, `阅读提示`, `内容提要`, `导读`), a newspaper
/// convention: the lines right above it are the article's title.
fn deck_label(s: &str) -> bool {
    const LABELS: [&str; 5] = ["核心阅读", "编者按", "阅读提示", "内容提要", "导读"];
    let t = s.trim_end_matches(['：', ':']);
    LABELS.contains(&t)
}

/// Whether `s` is a column label such as `新闻速递`, `财经短波`: 2 to 6
/// ideographs and nothing else.
fn column_label(s: &str) -> bool {
    (2..=6).contains(&count_upto(s, 7)) && s.chars().all(is_ideograph)
}

/// Whether `s` opens with a chapter or article number set apart by a space
/// (`第一条  为规范…`), as a document prints it, not a reference inside a
/// sentence (`第五条规定`).
fn set_off_chapter(s: &str) -> bool {
    chapter_heading(s)
        && s.chars()
            .skip(1)
            .skip_while(|&c| is_cn_numeral(c) || is_digit(c))
            .nth(1)
            .is_some_and(|c| c.is_whitespace())
}

/// Whether `s` opens a chapter, section or article of a document (`第一章
/// 总则`, `第三节`, `第十条`): a heading inside the text, never a title.
fn chapter_heading(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('第') else {
        return false;
    };
    let n = rest
        .chars()
        .take_while(|&c| is_cn_numeral(c) || is_digit(c))
        .count();
    (1..=4).contains(&n)
        && rest
            .chars()
            .nth(n)
            .is_some_and(|c| matches!(c, '章' | '节' | '条' | '编' | '部' | '篇' | '卷'))
}

/// Whether the junction between two blocks falls inside a word: the
/// dictionary segmentation (jieba, no HMM) of the last characters of `a`
/// and the first of `b`, read together, has a word across the junction.
///
/// Why: a column break cuts a paragraph at an arbitrary character, often
/// inside a word (`纳` / `税人`, `中方采取的强` / `力举措`), while a title and
/// the paragraph after it are separate texts whose junction jieba keeps.
/// On the development pages no title or heading ever met a word across its
/// junction with the next block, and 43 % of column breaks did. Only called
/// for blocks whose role the layout leaves open, so the dictionary is loaded
/// (once per process) only for pages that need it.
fn junction_in_word(a: &str, b: &str) -> bool {
    const SIDE: usize = 8;
    let a_start = a.char_indices().rev().nth(SIDE - 1).map_or(0, |(i, _)| i);
    let b_end = b.char_indices().nth(SIDE).map_or(b.len(), |(i, _)| i);
    let (a, b) = (&a[a_start..], &b[..b_end]);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    // Both sides are at most 8 characters: 64 bytes hold them.
    let mut buf = [0u8; 64];
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()..a.len() + b.len()].copy_from_slice(b.as_bytes());
    let Ok(joined) = std::str::from_utf8(&buf[..a.len() + b.len()]) else {
        return false;
    };
    let jieba = crate::segment::default_jieba();
    let mut pos = 0;
    for t in jieba.cut(joined, false) {
        let end = pos + t.word.len();
        if pos < a.len() && a.len() < end {
            return true;
        }
        pos = end;
    }
    false
}

/// The shape of a heading, to find parallel siblings: headings of one
/// article share it (`齐心协力，转移群众` / `冲锋在前，救援抢险`;
/// `物流枢纽——` / `产业基地——`), headlines of different articles rarely do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Shape {
    lead_in: bool,
    comma: bool,
    quoted: bool,
    spaced: bool,
    colon: bool,
    len: usize,
    /// Number of comma-separated phrases, and the length of the first.
    parts: usize,
    first: usize,
    /// A short label before a colon (`地点：…`, up to 6 characters), hashed
    /// (0: none): lines with the same label are parallel whatever follows.
    label: u64,
}

impl Shape {
    fn of(s: &str) -> Shape {
        // Headings are short: a long block's shape is only its length (it is
        // asked for while headings are looked for among all blocks).
        let len = count_upto(s, 80);
        if len > 60 {
            return Shape {
                len,
                ..Shape::default()
            };
        }
        Shape {
            lead_in: strip_lead_in(s).is_some(),
            comma: s.contains(['，', ',', '、']),
            // A quotation as the whole line (`“…”`), not a line that opens
            // with a quoted word (`“田教授”帮忙脱贫`, parallel to plain ones).
            quoted: s.starts_with(['“', '"', '「']) && s.ends_with(['”', '"', '」']),
            spaced: spaced_phrases(s),
            colon: s.contains(['：', ':']),
            len,
            parts: s.split(['，', ',']).count(),
            first: s.split(['，', ',']).next().map_or(0, |p| count_upto(p, 80)),
            label: s
                .split_once(['：', ':'])
                .filter(|(l, r)| !l.is_empty() && !r.is_empty() && count_upto(l, 7) <= 6)
                // FNV-1a: a few bytes, asked often.
                .map_or(0, |(l, _)| {
                    l.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                    }) | 1
                }),
        }
    }

    /// Same form and lengths within a factor of two.
    fn parallel(&self, o: &Shape) -> bool {
        if self.label != 0 && self.label == o.label {
            return true;
        }
        let (a, b) = (self.len.max(1), o.len.max(1));
        self.lead_in == o.lead_in
            && self.comma == o.comma
            && self.quoted == o.quoted
            && self.spaced == o.spaced
            && self.colon == o.colon
            && if self.comma {
                self.parts == o.parts && self.first.abs_diff(o.first) <= 2
            } else {
                // Within a third of the longer one (`充分保护信仰自由` /
                // `开放步伐不断加快`), two characters at least.
                a.abs_diff(b) * 3 <= a.max(b).max(6)
            }
    }
}

/// Whether a page header line: a date with a weekday, a page number (`第6版`,
/// `1  国际`: a page number and a section name), or the editors' names.
fn header_shape(s: &str) -> bool {
    if count_upto(s, 81) > 80 || s.contains(['。', '，']) {
        return false;
    }
    let dated = s.contains('年') && s.contains('月') && s.chars().any(is_digit);
    if dated && (s.contains("星期") || s.contains("周")) {
        return true;
    }
    if s.contains("责任编辑") || s.contains("责编") || s.starts_with("版式设计") {
        return true;
    }
    if let Some(k) = s.find("版") {
        // `第6版`, `第A2版`
        let before = &s[..k];
        if let Some(p) = before.rfind('第') {
            let num = &before[p + '第'.len_utf8()..];
            if (1..=4).contains(&num.chars().count())
                && num
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || is_cn_numeral(c))
            {
                return true;
            }
        }
    }
    // `1  国际`: a page number, spaces, a section name of 2 to 6 characters.
    let mut parts = s.split_whitespace();
    if let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) {
        let (a, b) = if a.chars().all(is_digit) {
            (a, b)
        } else {
            (b, a)
        };
        return (1..=3).contains(&a.chars().count())
            && a.chars().all(is_digit)
            && (2..=6).contains(&b.chars().count())
            && b.chars().all(is_ideograph);
    }
    false
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
    if whole_bracket(s) {
        return false;
    }
    let segs: Vec<&str> = s.split_whitespace().collect();
    segs.len() >= 2
        && segs.iter().all(|g| (2..=30).contains(&count_upto(g, 31)))
        && bracket_state(s) == (false, false)
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

    /// Page furniture: the header lines at the top (date, page, section,
    /// editors) and the footer slogan (last block).
    fn mark_banners(&mut self) {
        let n = self.u.len();
        if let Some(last) = self.u.last_mut() {
            if last.is_free() && last.tail_start == last.line.len() && banner_shape(last.line) {
                last.kind = Kind::Banner;
                last.why = "footer: slogan phrases separated by spaces, last block of the page";
            }
        }
        // Up to three header lines before anything else.
        for i in 0..n.min(3).saturating_sub(1) {
            if self.u[i].is_free() && header_shape(self.u[i].line) {
                self.u[i].kind = Kind::Banner;
                self.u[i].why = "page header: date and weekday, page number, section or editors";
            } else {
                break;
            }
        }
    }

    /// Whether block `i` is a closing line of an article: wholly in brackets
    /// (`（作者为…）`, `（新华社北京11月2日电）`), a bracketed credit, or an
    /// editor's line after the text (`版式设计：…`, `数据来源：…`).
    fn closing(&self, i: usize) -> bool {
        let u = &self.u[i];
        match u.kind {
            Kind::Byline(BylineForm::Bracket) | Kind::Credit => true,
            Kind::Text => u.is_free() && u.traits().closing,
            _ => false,
        }
    }

    /// Whether block `i` is a closing line, whole or the second half of one
    /// cut by a column break: the article ends with it.
    fn closes(&self, i: usize) -> bool {
        self.closing(i) || self.closing_rest(i)
    }

    /// Whether block `i` is the second half of a closing line cut by a
    /// column break (`（本报记者苏航、…郑彬` / `、姜波、…刘玲玲）`).
    fn closing_rest(&self, i: usize) -> bool {
        let u = &self.u[i];
        i > 0
            && u.is_free()
            && u.stray
            && u.body().ends_with(['）', ')'])
            && self.u[i - 1].open
            && self.u[i - 1].line.starts_with(['（', '('])
    }

    /// Whether the block before a candidate (`None`: the page start) ends an
    /// article, so that a kicker or headline may follow it.
    fn article_end(&self, i: Option<usize>) -> bool {
        let Some(i) = i else { return true };
        let u = &self.u[i];
        if u.role != Role::Body {
            return false;
        }
        if self.closes(i) {
            return true;
        }
        match u.kind {
            // `…《条例》全文如下。` announces the text that follows: the
            // article goes on.
            Kind::Text => {
                u.tail_start < u.line.len()
                    || *u.ends.get_or_init(|| {
                        let b = u.body();
                        ends_sentence(b) && !b.trim_end().ends_with("如下。")
                    })
            }
            Kind::Mark(dir) => dir == MarkDir::To,
            Kind::Credit | Kind::Banner | Kind::Byline(BylineForm::Bracket) => true,
            Kind::Byline(_) | Kind::Numeral | Kind::Subhead => false,
        }
    }

    /// Whether what comes before block `i` surely ends an article: the page
    /// start, a page header, a "continued on" mark or a closing line.
    fn hard_end(&self, i: usize) -> bool {
        self.page_break(i)
            || i.checked_sub(1)
                .is_some_and(|p| self.u[p].role == Role::Body && self.closes(p))
    }

    /// Whether the text of block `p` runs on into block `m`, whatever their
    /// shape: `p` leaves a bracket open or ends in `，`/`的`…, or `m` starts
    /// with closing punctuation or has a stray closer.
    fn runs_on(&self, p: usize, m: usize) -> bool {
        let run = || {
            let (p, m) = (&self.u[p], &self.u[m]);
            ends_open(p.body())
                || p.open
                || starts_nostart(m.body())
                || m.stray
                || byline::dateline_start(p.body())
        };
        if m == p + 1 {
            *self.u[p].runs.get_or_init(run)
        } else {
            run()
        }
    }

    /// [`junction_in_word`] between the bodies of block `p` and the block
    /// after it, computed once per block.
    fn in_word(&self, p: usize, m: usize) -> bool {
        debug_assert_eq!(m, p + 1);
        *self.u[p]
            .in_word
            .get_or_init(|| junction_in_word(self.u[p].body(), self.u[m].body()))
    }

    /// Whether block `p` and the free block `m` after it read as one cut
    /// paragraph: `p` runs on into `m`, or their junction cuts a word.
    fn cut_between(&self, p: usize, m: usize) -> bool {
        self.runs_on(p, m) || self.in_word(p, m)
    }

    /// Kicker, headline and subtitle before each byline: up to three
    /// title-shaped lines right before it, the first of them after an
    /// article end.
    fn assign_anchored_titles(&mut self) {
        // Inside a briefs column (`新闻速递`: a short label over items that
        // each have a title line, an agency-only byline `本报电` and a credit),
        // the items are paragraphs of one article headed by the label.
        let mut briefs = false;
        for a in 0..self.u.len() {
            match self.u[a].kind {
                Kind::Mark(_) | Kind::Banner => briefs = false,
                _ => {}
            }
            let label = self.u[a].is_free() && deck_label(self.u[a].line);
            if !self.u[a].is_anchor() && !label {
                continue;
            }
            let credit = self.u[a].kind == Kind::Byline(BylineForm::Bracket);
            let brief_item = self.u[a].byline_end > 0 && byline::agency_only(self.u[a].line);
            if credit && briefs {
                continue;
            }
            if !brief_item {
                briefs = false;
            }
            let mut lines: Vec<usize> = Vec::new();
            let mut j = a;
            while j > 0 && lines.len() < 3 {
                let k = j - 1;
                let u = &self.u[k];
                // A marked deck line (`■ 网络…纷呈■ 全国…`) right over the
                // byline, under a title-shaped line, is a subtitle.
                let marked_deck = lines.is_empty()
                    && u.kind == Kind::Subhead
                    && k > 0
                    && self.u[k - 1].title_like(true);
                let shaped = u.role == Role::Body
                    && (u.title_like(true)
                        || marked_deck
                        || (u.is_free() && u.tail_start == u.line.len() && u.traits().lead_in)
                        || (lines.is_empty() && k > 0 && self.long_subtitle(k)));
                // A line led by a dash is a subtitle, the last line over the
                // byline, or an attribution (`——编  者`) closing the text
                // before: never above other title lines.
                if !shaped
                    || whole_bracket(u.line)
                    || name_line(u.line)
                    || (dash_led(u.line) && !lines.is_empty())
                    || (j != a && self.runs_on(k, j))
                {
                    break;
                }
                // A lead-in line (`重视“传帮带”：`) over two title lines is a
                // heading of the article before, unless a dash subtitle
                // completes the stack.
                if lines.len() == 2 {
                    let sub = self.u[lines[0]].line;
                    if u.traits().lead_in && !dash_led(sub) {
                        break;
                    }
                }
                lines.push(k);
                j = k;
            }
            // A dateline or a reading-box label opens a report, never a
            // section of one.
            let dateline = !matches!(self.u[a].kind, Kind::Byline(_));
            while let Some(&top) = lines.last() {
                // A briefs column's label after a clause ending in `；`.
                let label_after = brief_item
                    && column_label(self.u[top].line)
                    && top > 0
                    && self.u[top - 1].kind == Kind::Text
                    && ends_legit(self.u[top - 1].body());
                if self.article_end(top.checked_sub(1))
                    || label_after
                    || (dateline
                        && top > 0
                        && (self.heading_before(top - 1)
                            || (self.u[top - 1].is_free() && name_line(self.u[top - 1].line))))
                {
                    break;
                }
                lines.pop();
            }
            lines.reverse();
            if brief_item && (briefs || (lines.len() == 2 && column_label(self.u[lines[0]].line))) {
                if !briefs {
                    self.u[lines[0]].role = Role::Headline;
                    self.u[lines[0]].why = "title: the label of a briefs column";
                    lines.remove(0);
                    briefs = true;
                }
                // The item's title and byline are text of the column.
                for &k in &lines {
                    self.u[k].why = "paragraph: the title of an item in a briefs column";
                    self.u[k].item = true;
                }
                self.demote_byline(a);
                continue;
            }
            if lines.is_empty() {
                // A dateline straight after a finished paragraph, with no
                // title over it, is the second report of a combined article
                // (`李强、赵乐际分别会见…`): it stays a paragraph of that article.
                if dateline
                    && !label
                    && self.u[a].kind == Kind::Text
                    && self.open_text_before(a)
                    && ends_sentence(self.u[a - 1].body())
                {
                    self.demote_byline(a);
                    self.u[a].item = true; // never a title
                    self.u[a].why =
                        "paragraph: a dateline with no title over it, a second report of the article";
                }
                // A signed byline (`本报记者  李茂颖`) under body text that no
                // title stack ends: the byline of a section of the article.
                if matches!(self.u[a].kind, Kind::Byline(BylineForm::Signed))
                    && self.open_text_before(a)
                {
                    self.demote_byline(a);
                }
                continue;
            }
            // A dateline (`本报北京10月4日电`, `新华社…电`) opens a news report,
            // never a section: an in-body heading of the article before that
            // sits on top of its title lines is dropped from the stack instead.
            if dateline {
                while lines.len() > 1 && self.heading_before(lines[0]) {
                    self.u[lines[0]].why = "heading: like an earlier heading of the article before";
                    lines.remove(0);
                }
                self.assign_stack(&lines, "title: the lines right before a byline");
                continue;
            }
            // A section of a composite article (`河南兰考——` / `脱贫大干一场
            // 收获幸福久长` / `本报记者 朱磊`) repeats the shape of an earlier
            // section heading in the same article: its lines and its
            // byline stay text of that article.
            let first = self.u[lines[0]].shape();
            if (first.lead_in || first.spaced || first.colon)
                && !lines.iter().any(|&k| self.u[k].traits().tag)
                && !self.page_break(lines[0])
                && self.earlier_heading(lines[0], &first)
            {
                for &k in &lines {
                    self.u[k].why = "heading: a section heading like an earlier one in the article";
                    self.u[k].item = true;
                }
                self.demote_byline(a);
                continue;
            }
            self.assign_stack(&lines, "title: the lines right before a byline");
        }
    }

    /// Whether block `t` is an in-body heading of the article it sits in,
    /// shaped like an earlier one: a lead-in heading (`勇闯技术难关——`), or
    /// the line under such a lead-in (`重视“传帮带”：` / `教育新人要靠做示范`).
    fn heading_before(&self, t: usize) -> bool {
        let u = &self.u[t];
        if u.role != Role::Body
            || u.traits().tag
            || self.page_break(t)
            || (t > 0 && self.closes(t - 1))
        {
            return false;
        }
        let lead = |k: usize| {
            let v = &self.u[k];
            v.role == Role::Body
                && v.is_free()
                && v.traits().lead_in
                && self.earlier_heading(k, &v.shape())
        };
        lead(t) || (t > 0 && u.title_like(true) && lead(t - 1))
    }

    /// Whether the block before anchor `a` is body text of an article that
    /// goes on: no mark ends it and it is no closing line.
    fn open_text_before(&self, a: usize) -> bool {
        a.checked_sub(1).is_some_and(|k| {
            let p = &self.u[k];
            p.role == Role::Body
                && p.kind == Kind::Text
                && p.tail_start == p.line.len()
                && !self.closes(k)
        })
    }

    /// A byline that turned out to open a section of an article, not an
    /// article: its text stays a paragraph.
    fn demote_byline(&mut self, a: usize) {
        let u = &mut self.u[a];
        if let Kind::Byline(_) = u.kind {
            u.kind = Kind::Credit;
            u.why = "paragraph: the byline of a section, text of the article";
        }
        u.byline_end = 0;
        u.names = Names::default();
        // Its body changed: forget what was worked out from the old one.
        for k in [a.wrapping_sub(1), a] {
            if let Some(u) = self.u.get_mut(k) {
                u.in_word.take();
                u.runs.take();
                u.ends.take();
            }
        }
    }

    /// How many in-body headings (up to `need`) of the same shape as block
    /// `i` come before it in the same article, back to its title lines or a
    /// mark, across closing lines (sections of a composite article each end
    /// with one).
    fn earlier_headings(&self, i: usize, shape: &Shape, need: usize) -> usize {
        (i.saturating_sub(SIBLING_REACH)..i)
            .rev()
            .take_while(|&k| {
                let u = &self.u[k];
                u.role == Role::Body && !matches!(u.kind, Kind::Mark(_) | Kind::Banner)
            })
            .filter(|&k| self.parallel_heading(k, shape))
            .take(need)
            .count()
    }

    /// Whether an in-body heading of the same shape as block `i` comes
    /// before it in the same article.
    fn earlier_heading(&self, i: usize, shape: &Shape) -> bool {
        self.earlier_headings(i, shape, 1) == 1
    }

    /// Whether block `k` reads as an in-body heading of the given shape: a
    /// free title-shaped (or lead-in) line with no column tag, after a
    /// finished paragraph or another heading, not the first half of a cut
    /// paragraph. Shared by the sibling search and the composite-article
    /// check.
    fn parallel_heading(&self, k: usize, shape: &Shape) -> bool {
        let u = &self.u[k];
        u.is_free()
            && u.tail_start == u.line.len()
            && (u.title_like(true) || u.traits().lead_in)
            && !u.traits().tag
            && u.shape().parallel(shape)
            && self.after_end(k)
            && (k + 1 >= self.u.len() || !self.u[k + 1].is_free() || !self.cut_between(k, k + 1))
    }

    /// Whether block `k`, right before a byline, is a long subtitle (a
    /// summary deck such as `听取…汇报，要求…；部署…`): up to 150 characters
    /// with no full stop and no sentence end, after a title-shaped line; led
    /// by a dash, up to 200 characters and full stops inside allowed.
    fn long_subtitle(&self, k: usize) -> bool {
        let u = &self.u[k];
        let p = &self.u[k - 1];
        // A subtitle led by a dash (`——指出…。两国…`) may hold whole
        // sentences: the dash and the byline under it place it.
        let dash = dash_led(u.line);
        u.is_free()
            && u.tail_start == u.line.len()
            && count_upto(u.line, 201) <= if dash { 200 } else { 150 }
            && (dash || !u.line.contains('。'))
            && !ends_legit(u.line)
            && !ends_open(u.line)
            && bracket_state(u.line) == (false, false)
            && p.title_like(true)
            && self.article_end(k.checked_sub(2))
    }

    /// Give the lines of a title block (in page order) their roles, by the
    /// documented rule: a line ending in `——` or `：` is the kicker, a line
    /// led by `——` (or marked `■`) the subtitle, a column tag marks the headline; otherwise of two lines the second is a subtitle when it reads as a
    /// deck (who presided or attended: `汪洋主持`, `韩正参加会见`; a note in
    /// brackets; a short figure: `同比增长7%`) and the first does not end in
    /// a verb of saying (`…时强调`, `…印发通知`), else the first is the kicker
    /// and the second the headline (both flagged `roles_guessed`); of three
    /// lines: kicker, headline, subtitle.
    fn assign_stack(&mut self, lines: &[usize], why: &'static str) {
        let roles: Vec<Role> = match lines {
            [h] => vec![if dash_led(self.u[*h].line) {
                Role::Subtitle
            } else {
                Role::Headline
            }],
            [a, b] => {
                let (la, lb) = (self.u[*a].line, self.u[*b].line);
                if dash_led(lb) || column_tag(la) || self.u[*b].kind == Kind::Subhead {
                    vec![Role::Headline, Role::Subtitle]
                } else if lead_in_kicker(la) || column_tag(lb) {
                    vec![Role::Kicker, Role::Headline]
                } else {
                    self.u[*a].guessed = true;
                    if deck_line(lb) && !kicker_verb(la) {
                        vec![Role::Headline, Role::Subtitle]
                    } else {
                        vec![Role::Kicker, Role::Headline]
                    }
                }
            }
            _ => {
                let n = lines.len();
                let mut r = vec![Role::Kicker; n];
                r[n - 2] = Role::Headline;
                r[n - 1] = Role::Subtitle;
                if !dash_led(self.u[lines[n - 1]].line) && !lead_in_kicker(self.u[lines[0]].line) {
                    self.u[lines[0]].guessed = true;
                }
                r
            }
        };
        for (&k, r) in lines.iter().zip(roles) {
            self.u[k].role = r;
            self.u[k].why = why;
        }
    }

    /// The title lines of a bare title block starting at `i` (no byline
    /// after it), with the free body block that follows them, if the layout
    /// gives one: `[kicker] headline [——subtitle]`, none cut from the next.
    fn bare_stack(&self, i: usize) -> Option<(Vec<usize>, usize)> {
        let n = self.u.len();
        let plain = |k: usize| {
            k < n
                && self.u[k].title_like(true)
                && !dash_led(self.u[k].line)
                && !whole_bracket(self.u[k].line)
                && !name_line(self.u[k].line)
        };
        let sub = |k: usize| k < n && self.u[k].title_like(true) && dash_led(self.u[k].line);
        let body = |k: usize| {
            k < n
                && (self.u[k].is_free() && self.u[k].role == Role::Body
                    || self.u[k].kind == Kind::Numeral)
        };
        let kick = |k: usize| {
            k < n
                && self.u[k].is_free()
                && self.u[k].tail_start == self.u[k].line.len()
                && (self.u[k].traits().lead_in || self.u[k].title_like(false))
                && !whole_bracket(self.u[k].line)
                && !dash_led(self.u[k].line)
        };
        let mut stacks: Vec<Vec<usize>> = Vec::new();
        // A column tag closes a title block: nothing but a `——` subtitle follows it.
        if kick(i) && !column_tag(self.u[i].line) && plain(i + 1) {
            if sub(i + 2) {
                stacks.push(vec![i, i + 1, i + 2]);
            }
            stacks.push(vec![i, i + 1]);
        }
        if plain(i) {
            if sub(i + 1) {
                stacks.push(vec![i, i + 1]);
            }
            stacks.push(vec![i]);
        }
        for st in stacks {
            let m = st[st.len() - 1] + 1;
            if !body(m) {
                continue;
            }
            let joins = st
                .windows(2)
                .any(|w| self.runs_on(w[0], w[1]) || self.in_word(w[0], w[1]));
            if joins || (self.u[m].kind == Kind::Text && self.cut_between(m - 1, m)) {
                continue;
            }
            return Some((st, m));
        }
        None
    }

    /// Why the stack is surely a title block, if it is: a column tag,
    /// phrases set apart by spaces, a lead-in kicker or a `——` subtitle, or
    /// an article surely ended before it.
    fn title_evidence(&self, st: &[usize]) -> Option<&'static str> {
        let h = st
            .iter()
            .copied()
            .find(|&k| !dash_led(self.u[k].line) && !self.u[k].traits().lead_in);
        let last = self.u[st[st.len() - 1]].line;
        if st.iter().any(|&k| self.u[k].traits().tag) {
            return Some("title: a column tag in brackets ends it");
        }
        if st.len() > 1 && (lead_in_kicker(self.u[st[0]].line) || dash_led(last)) {
            return Some("title: a kicker ending in a lead-in or a subtitle led by a dash");
        }
        if h.is_some() && st.iter().any(|&k| spaced_phrases(self.u[k].line)) {
            return Some("title: phrases set apart by spaces");
        }
        if self.hard_end(st[0]) {
            return Some(
                "title: after the page start, a header, a continuation mark or a closing line",
            );
        }
        // An essay in numbered sections: its first numeral (`一`) comes right
        // under the title; a heading inside an article never precedes one.
        if self.u.get(st[st.len() - 1] + 1).is_some_and(|m| {
            m.kind == Kind::Numeral && matches!(m.line.trim(), "一" | "1" | "１" | "壹")
        }) {
            return Some("title: the first section numeral follows it");
        }
        None
    }

    /// Whether a free title-shaped block `i` has a parallel sibling among
    /// the blocks around it (before the previous or after the next byline),
    /// as in-body headings do.
    fn has_sibling(&self, i: usize, shape: &Shape) -> bool {
        // Headings without commas are common in shape: ask for two.
        let need = if shape.comma || shape.lead_in || shape.quoted || shape.colon {
            1
        } else {
            2
        };
        self.siblings(i, shape, need) >= need
    }

    /// How many parallel siblings block `i` has, counting up to `need`.
    fn siblings(&self, i: usize, shape: &Shape, need: usize) -> usize {
        let n = self.u.len();
        // Look forward and backward within the article: up to the next
        // anchor, mark or title line.
        let stop =
            |u: &Unit| u.is_anchor() || matches!(u.kind, Kind::Mark(_)) || u.role != Role::Body;
        let count = |ks: &mut dyn Iterator<Item = usize>, limit: usize| {
            ks.take_while(|&k| !stop(&self.u[k]))
                .filter(|&k| !self.u[k].item && self.parallel_heading(k, shape))
                .take(limit)
                .count()
        };
        let ahead = count(&mut (i + 1..(i + SIBLING_REACH).min(n)), need);
        if ahead >= need {
            return ahead;
        }
        ahead
            + count(
                &mut (i.saturating_sub(SIBLING_REACH)..i).rev(),
                need - ahead,
            )
    }

    /// Headlines of articles with no byline (see the module documentation):
    /// first the title blocks the layout marks (a column tag, spaced
    /// phrases, a lead-in kicker or dash subtitle, a surely ended article
    /// before), then, among the blocks still free, a title-shaped block with
    /// no parallel sibling whose words the text after it takes up and the
    /// text before it does not.
    fn assign_bare_titles(&mut self) {
        for strong in [true, false] {
            let n = self.u.len();
            for i in 0..n {
                if !self.u[i].is_free()
                    || self.u[i].item
                    || self.u[i].role != Role::Body
                    || !(self.article_end(i.checked_sub(1)) || self.last_heading_before(i))
                {
                    continue;
                }
                let Some((mut st, m)) = self.bare_stack(i) else {
                    continue;
                };
                let tagged = st.iter().any(|&k| self.u[k].traits().tag);
                let first = self.u[st[0]].shape();
                let why = if strong {
                    let Some(why) = self.title_evidence(&st) else {
                        continue;
                    };
                    // Parallel headings of one article look like titles too:
                    // a stack with a sibling of the same shape is a heading,
                    // unless a column tag marks it or the page just began.
                    if !tagged && !self.page_break(i) && self.has_sibling(st[0], &first) {
                        continue;
                    }
                    // A first line shaped like the headings of the article
                    // before (`绿色生态优先 美丽经济富民` over `让农村客运…
                    // （观象台）`) is that article's last heading.
                    if st.len() > 1
                        && !self.u[st[0]].traits().tag
                        && !self.page_break(i)
                        && {
                            // Plain headings are common in shape: ask for two.
                            let distinct = first.spaced
                                || first.lead_in
                                || first.comma
                                || first.quoted
                                || first.colon;
                            let need = if distinct { 1 } else { 2 };
                            self.earlier_headings(st[0], &first, need) == need
                        }
                        && self.title_evidence(&st[1..]).is_some()
                    {
                        self.u[st[0]].why =
                            "heading: like an earlier heading of the article before";
                        st.remove(0);
                    }
                    why
                } else {
                    if first.comma
                        || first.len < 4
                        || self.body_run(i) < 3
                        || (self.has_sibling(st[0], &first) && !self.opens_a_series(st[0], &first))
                        || !(self.cohesive_title(&st, m)
                            || self.u[m].kind == Kind::Text && news_lead(self.u[m].body()))
                    {
                        continue;
                    }
                    "title: no sibling heading; its words return in the text after it, not before, or a news lead follows"
                };
                self.assign_stack(&st, why);
                for &k in &st {
                    self.u[k].bare = true;
                }
            }
        }
    }

    /// Whether the headings parallel to block `i` all come after it while
    /// the article before has a series of headings of another shape
    /// (`物流枢纽——` / `产业基地——` … then `携手共建地球生命共同体`, whose
    /// siblings follow it): `i` opens a new article and its own series.
    fn opens_a_series(&self, i: usize, shape: &Shape) -> bool {
        let mut series = false;
        for k in (i.saturating_sub(SIBLING_REACH)..i).rev() {
            let u = &self.u[k];
            if u.is_anchor() || matches!(u.kind, Kind::Mark(_)) || u.role != Role::Body {
                break;
            }
            if u.item || !self.parallel_heading(k, &u.shape()) {
                continue;
            }
            let own = u.shape();
            if own.parallel(shape) {
                return false;
            }
            series = series || self.earlier_heading(k, &own);
        }
        series
    }

    /// Whether block `i - 1` is the last in-body heading of the article
    /// before `i`: shaped like an earlier heading of that article
    /// (`乡愁馆，连接过去和现在` after `舞狮，舞出了家乡味`) and not like block `i`,
    /// so that a title may follow it.
    fn last_heading_before(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        let u = &self.u[p];
        u.is_free()
            && u.role == Role::Body
            && u.tail_start == u.line.len()
            // Not a lead-in (`羊风极委员——`): that opens the line after it.
            && u.title_like(true)
            && !u.traits().lead_in
            && !u.shape().parallel(&self.u[i].shape())
            && self.after_end(p)
            && self.earlier_heading(p, &u.shape())
    }

    /// How many body blocks (up to three) come right before block `i`, back
    /// to the last title line, byline or mark: a headline with no byline and
    /// no mark follows a whole article, not its first paragraph.
    fn body_run(&self, i: usize) -> usize {
        self.u[..i]
            .iter()
            .rev()
            .take_while(|u| {
                u.role == Role::Body
                    && matches!(
                        u.kind,
                        Kind::Text | Kind::Numeral | Kind::Credit | Kind::Subhead
                    )
                    && u.byline_end == 0
            })
            // Three are all that is asked: stop there, so that a page of
            // thousands of blocks stays linear.
            .take(3)
            .count()
    }

    /// Whether the page start, a header or a "continued on" mark comes
    /// right before block `i`.
    fn page_break(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return true;
        };
        let u = &self.u[p];
        u.role == Role::Body
            && (matches!(u.kind, Kind::Banner | Kind::Mark(MarkDir::To))
                || u.tail_start < u.line.len())
    }

    /// Lexical cohesion (as TextTiling uses it): the character pairs of the
    /// title lines `st` come back in the 300 characters after them (from
    /// block `m`) at least twice, and not in the 300 before them.
    fn cohesive_title(&self, st: &[usize], m: usize) -> bool {
        const SPAN: usize = 300;
        let mut pairs: Vec<(char, char)> = Vec::new();
        for &k in st {
            let cs: Vec<char> = self.u[k]
                .line
                .chars()
                .filter(|&c| is_ideograph(c))
                .collect();
            pairs.extend(cs.windows(2).map(|w| (w[0], w[1])));
        }
        pairs.sort_unstable();
        pairs.dedup();
        if pairs.is_empty() {
            return false;
        }
        let gather = |range: &mut dyn Iterator<Item = usize>| {
            let mut text: Vec<char> = Vec::new();
            for k in range {
                text.extend(self.u[k].line.chars().filter(|&c| is_ideograph(c)));
                if text.len() >= SPAN {
                    break;
                }
            }
            text
        };
        let after = gather(&mut (m..self.u.len()));
        let mut before = gather(&mut (0..st[0]).rev());
        before.truncate(SPAN);
        let hits = |text: &[char]| {
            text.windows(2)
                .filter(|w| pairs.binary_search(&(w[0], w[1])).is_ok())
                .count()
        };
        let (a, b) = (hits(&after[..after.len().min(SPAN)]), hits(&before));
        a >= 2 && a > 2 * b
    }

    /// Whether body block `i` is cut and goes on in block `i + 1`.
    fn joins_next(&self, i: usize) -> bool {
        self.join_reason(i).0
    }

    /// Whether body block `i` goes on in block `i + 1`, and why.
    fn join_reason(&self, i: usize) -> (bool, &'static str) {
        let p = &self.u[i];
        let Some(m) = self.u.get(i + 1) else {
            return (false, "paragraph: the last block of the page");
        };
        if p.tail_start < p.line.len() {
            return (false, "paragraph: a continuation mark ends it");
        }
        if self.closing(i) {
            return (
                false,
                "closing line of the article (credit, author, editor)",
            );
        }
        if ends_legit(p.body()) {
            return (false, "paragraph: ends a sentence");
        }
        // A bracket group closed at the end of the block (`…刘玲玲）` closing
        // a credit `（本报记者…` cut by a column break) ends the paragraph.
        if self.closing_rest(i) {
            return (false, "paragraph: a closing bracket ends it");
        }
        if !m.is_free() || m.role != Role::Body {
            return (false, "paragraph: the next block is not body text");
        }
        let mb = m.body();
        if mb.is_empty() || self.closing(i + 1) {
            return (false, "paragraph: the next block is a closing line");
        }
        if self.runs_on(i, i + 1) {
            return (
                true,
                "cut by a column break: an open bracket, comma or particle at the cut",
            );
        }
        if list_start(mb) || set_off_chapter(mb) || (dash_led(mb) && !p.open) {
            return (
                false,
                "paragraph: the next block starts a list item or an article (`第一条`)",
            );
        }
        // A long block in the middle of an article that ends no sentence is
        // cut whatever its junction: none of the rules below can keep it
        // apart (they ask for a title shape, at most 50 characters, or a
        // place right under a title). The word test is skipped for it.
        if count_upto(p.line, 51) > 50 && i > 0 && self.u[i - 1].role == Role::Body {
            return (
                true,
                "cut by a column break: no sentence end and not a title shape",
            );
        }
        if self.in_word(i, i + 1) {
            return (true, "cut by a column break: the cut falls inside a word");
        }
        // A section title right after a section numeral.
        if i > 0
            && self.u[i - 1].kind == Kind::Numeral
            && title_shape(p.line, false)
            && !p.line.contains(['，', ',', '、'])
        {
            return (false, "heading: a section title after a section numeral");
        }
        if chapter_heading(p.line) && count_upto(p.line, 21) <= 20 {
            return (false, "heading: a chapter or article heading");
        }
        if name_line(p.line) {
            return (false, "paragraph: a line of names set apart by spaces");
        }
        if list_start(p.line) && title_shape(p.line, true) && count_upto(p.line, 21) <= 20 {
            return (false, "heading: a short numbered heading");
        }
        // An attribution line (`——习近平`, `——编者`) after a finished paragraph.
        if dash_led(p.line) && count_upto(p.line, 17) <= 16 && self.after_end(i) {
            return (false, "paragraph: a short dash-led attribution line");
        }
        // A heading (its own paragraph) rather than a cut paragraph: a
        // title-shaped block after a finished paragraph or another heading,
        // with a parallel sibling, or short and plainly not a sentence start.
        let shaped = (p.title_like(true) || lead_in_kicker(p.line)) && !dash_led(p.line);
        if i > 0
            && p.is_free()
            && self.u[i - 1].role != Role::Body
            && count_upto(p.line, 31) > 30
            && !p.line.contains(['，', ','])
        {
            return (false, "paragraph: a deck (lead) right under the title");
        }
        // The deck of a column piece (`…（人民时评）`): the first block under a
        // tagged title, clauses with no final stop (`…，将粮食生产的物质基础不断
        // 夯实`), the junction after it whole.
        if i > 0
            && p.is_free()
            && matches!(self.u[i - 1].role, Role::Headline | Role::Subtitle)
            && (self.u[i - 1].traits().tag || (i > 1 && self.u[i - 2].traits().tag))
            && count_upto(p.line, 21) > 20
            && p.line.contains(['，', '。'])
        {
            return (
                false,
                "paragraph: the deck of a column piece, under its title",
            );
        }
        if !shaped {
            return (
                true,
                "cut by a column break: no sentence end and not a title shape",
            );
        }
        if !self.after_end(i) {
            return (true, "cut by a column break: after an unfinished block");
        }
        let shape = p.shape();
        if shape.lead_in {
            return (
                false,
                "heading: a lead-in heading after a finished paragraph",
            );
        }
        if shape.comma && !balanced_phrases(p.line) {
            return (
                true,
                "cut by a column break: a sentence start, not parallel phrases",
            );
        }
        let label = i > 0 && self.u[i - 1].role != Role::Body;
        if shape.quoted && p.line.ends_with(['”', '"', '」']) {
            return (false, "heading: a quotation standing alone as a heading");
        }
        if shape.colon && shape.len <= 20 && !shape.comma {
            return (false, "heading: a short label line (`地点：…`)");
        }
        if news_lead(mb) {
            return (false, "heading: the next block opens like a news lead");
        }
        // Two headings of up to 16 characters are enough to be parallel.
        if self.has_sibling(i, &shape) || (shape.len <= 16 && self.siblings(i, &shape, 1) > 0) {
            (false, "heading: parallel to other headings of the article")
        } else if !shape.comma && (shape.len <= 6 || label) {
            (
                false,
                "heading: a short label after a finished paragraph or a title",
            )
        } else {
            (
                true,
                "cut by a column break: no sentence end and no parallel heading",
            )
        }
    }

    /// Whether the block before `i` leaves room for a heading: the page
    /// start, a title line, a finished paragraph, a lead-in (`——`, `：`) or
    /// another heading.
    fn after_end(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return true;
        };
        let u = &self.u[p];
        if u.role != Role::Body || self.article_end(Some(p)) {
            return true;
        }
        u.kind == Kind::Text
            && u.tail_start == u.line.len()
            && (ends_legit(u.body())
                // An attribution (`——编  者`, `——习近平`) closes what it signs.
                || (u.is_free() && dash_led(u.line) && count_upto(u.line, 17) <= 16)
                || (u.is_free()
                    && (u.title_like(true) || u.traits().lead_in)
                    && self.after_end_shallow(p)
                    && !self.runs_on(p, i)))
    }

    /// [`Self::after_end`] without looking further back than one block.
    fn after_end_shallow(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return true;
        };
        let u = &self.u[p];
        u.role != Role::Body
            || self.article_end(Some(p))
            || (u.kind == Kind::Text && ends_legit(u.body()))
    }

    /// Each block with the label it got and why (`cipin parse --explain`).
    fn explain(&self) -> Vec<Explained> {
        let mut out = Vec::with_capacity(self.u.len());
        let mut joined = false;
        for (i, u) in self.u.iter().enumerate() {
            let (label, why) = match (u.role, u.kind) {
                (Role::Kicker, _) => ("kicker", u.why),
                (Role::Headline, _) => ("headline", u.why),
                (Role::Subtitle, _) => ("subtitle", u.why),
                (_, Kind::Banner) => ("furniture", u.why),
                (_, Kind::Byline(_)) => ("byline", "a byline standing alone"),
                (_, Kind::Mark(MarkDir::To)) => ("mark", "a \"continued on\" mark"),
                (_, Kind::Mark(MarkDir::From)) => ("mark", "a \"continued from\" mark"),
                (_, Kind::Numeral) => ("paragraph", "a section numeral: its own paragraph"),
                (_, Kind::Credit) if !u.why.is_empty() => ("paragraph", u.why),
                (_, Kind::Credit) => ("paragraph", "a photo credit: its own paragraph"),
                (_, Kind::Subhead) => ("paragraph", "a marked subhead: its own paragraph"),
                (_, Kind::Text) => {
                    let (j, why) = self.join_reason(i);
                    let label = match (joined, j, u.byline_end > 0) {
                        (false, false, false) => "paragraph",
                        (false, true, false) => "paragraph, cut",
                        (false, false, true) => "byline + paragraph",
                        (false, true, true) => "byline + paragraph, cut",
                        (true, false, _) => "rest of cut paragraph",
                        (true, true, _) => "rest of cut paragraph, cut",
                    };
                    (label, why)
                }
            };
            joined = u.kind == Kind::Text && u.role == Role::Body && self.join_reason(i).0;
            out.push(Explained {
                block: i + 1,
                label,
                why,
                text: u.line.to_string(),
            });
        }
        out
    }

    /// Build the records.
    fn build(self, doc_id: &str) -> Vec<Article> {
        let mut out = Builder::new(doc_id);
        let mut join = false;
        for (i, u) in self.u.iter().enumerate() {
            let joined = std::mem::replace(&mut join, false);
            match (u.role, u.kind) {
                (Role::Kicker | Role::Headline | Role::Subtitle, _) => {
                    let (stage, slot): (u8, fn(&mut Article) -> &mut Option<String>) = match u.role
                    {
                        Role::Kicker => (KICKER, |a| &mut a.kicker),
                        Role::Headline => (HEADLINE, |a| &mut a.headline),
                        _ => (SUBTITLE, |a| &mut a.subtitle),
                    };
                    *slot(out.cur_at(stage)) = Some(u.line.to_string());
                    out.bare |= u.bare;
                    out.guessed |= u.guessed;
                }
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
    /// `cur`'s title was found with no byline after it.
    bare: bool,
    /// `cur`'s title roles were guessed.
    guessed: bool,
}

impl<'d> Builder<'d> {
    fn new(doc_id: &'d str) -> Builder<'d> {
        Builder {
            doc_id,
            out: Vec::new(),
            cur: Article::empty(doc_id, 0),
            stage: 0,
            bare: false,
            guessed: false,
        }
    }

    /// Push the current record if it has anything.
    fn flush(&mut self) {
        if self.stage > 0 {
            let next = Article::empty(self.doc_id, 0);
            let mut a = std::mem::replace(&mut self.cur, next);
            a.article = self.out.len();
            if a.byline.is_none() && a.headline.is_some() {
                a.flags.push("no_byline");
            }
            if self.bare && a.headline.is_some() {
                a.flags.push("title_inferred");
            }
            if self.guessed {
                a.flags.push("roles_guessed");
            }
            if a.continuation.is_some() {
                a.flags.push("continued");
            }
            self.out.push(a);
        }
        self.stage = 0;
        self.bare = false;
        self.guessed = false;
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
        // A dateline cut by a column break before its reporters
        // (`本报北京7月6日电` / `（记者刘温馨）为深化…`) is one byline.
        let a = &mut self.cur;
        if self.stage == BYLINE
            && a.reporters.is_empty()
            && a.correspondents.is_empty()
            && a.byline
                .as_deref()
                .is_some_and(|b| b.ends_with(['电', '讯']))
            && s.starts_with(['（', '('])
        {
            if let Some(b) = a.byline.as_mut() {
                b.push_str("  ");
                b.push_str(s);
            }
            a.reporters.extend(names.reporters.iter().cloned());
            a.correspondents
                .extend(names.correspondents.iter().cloned());
            a.authors.extend(names.authors.iter().cloned());
            if a.dateline.is_none() {
                a.dateline.clone_from(&names.dateline);
            }
            return;
        }
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

/// Whether `s` is an editor's line printed after an article's text
/// (`版式设计：沈亦伶`, `数据来源：国家统计局`, `制图：张丹峰`).
fn editor_line(s: &str) -> bool {
    const LABELS: [&str; 9] = [
        "版式设计",
        "责任编辑",
        "责编",
        "数据来源",
        "资料来源",
        "制图",
        "图片来源",
        "美编",
        "校对",
    ];
    LABELS.iter().any(|l| {
        s.strip_prefix(l)
            .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
    }) && count_upto(s, 61) <= 60
}
