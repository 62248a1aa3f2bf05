//! The stages tied together: sources → documents → records → texts.
//!
//! A *unit* is what gets segmented and counted: an article of a parsed page
//! (the default for `.txt` files), or a line of a file in *plain* mode (one
//! document per line, as in SIGHAN files and many corpora).
//!
//! ```
//! use cipin_core::pipeline::{units_of, Layout};
//! use cipin_core::read::Document;
//!
//! let doc = Document { id: "d".into(), text: "第一行\n\n第二行\n".into(), encoding: "utf-8", warnings: vec![] };
//! let plain = units_of(&doc, Layout::Plain);
//! assert_eq!(plain.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(), vec!["第一行", "", "第二行"]);
//! assert_eq!(plain[2].article, 2);
//! ```

use rayon::prelude::*;

use crate::parse::{parse_page, Article, RecordKind};
use crate::read::{expand_paths_with_skipped, read_source, Document, ReadOptions, Skipped};
use crate::Result;

/// How a document is divided into units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Parse the page into articles (banners are units too, with kind `banner`).
    #[default]
    Page,
    /// Every line is a unit (a trailing empty line after the last LF is not).
    Plain,
}

/// A text to segment, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The document id (file path).
    pub doc_id: String,
    /// Index of the article (page layout) or line (plain layout), 0-based.
    pub article: usize,
    /// `article`, `banner` or `line`.
    pub kind: &'static str,
    /// The headline of an article, if any.
    pub headline: Option<String>,
    /// The text: paragraphs joined by `\n`, or the line.
    pub text: String,
}

impl Unit {
    fn from_article(a: &Article) -> Unit {
        Unit {
            doc_id: a.doc_id.clone(),
            article: a.article,
            kind: match a.kind {
                RecordKind::Article => "article",
                RecordKind::Banner => "banner",
            },
            headline: a.headline.clone(),
            text: a.body(),
        }
    }
}

/// Split a document into units.
pub fn units_of(doc: &Document, layout: Layout) -> Vec<Unit> {
    match layout {
        Layout::Page => parse_page(&doc.id, &doc.text)
            .iter()
            .map(Unit::from_article)
            .collect(),
        Layout::Plain => {
            let text = doc.text.strip_suffix('\n').unwrap_or(&doc.text);
            if doc.text.is_empty() {
                return Vec::new();
            }
            text.split('\n')
                .enumerate()
                .map(|(i, l)| Unit {
                    doc_id: doc.id.clone(),
                    article: i,
                    kind: "line",
                    headline: None,
                    text: l.to_string(),
                })
                .collect()
        }
    }
}

/// Records parsed from a set of files, with what reading them raised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every record of every document, documents in path order.
    pub records: Vec<Article>,
    /// Warnings (lossy decoding), in path order.
    pub warnings: Vec<String>,
    /// Files read.
    pub files: usize,
    /// What walking the folders left out, and why.
    pub skipped: Vec<Skipped>,
}

/// Read every source under `paths` and parse the documents in parallel
/// (rayon), keeping path order. The texts themselves are not kept.
///
/// ```
/// use cipin_core::pipeline::parse_paths;
/// let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
/// let parsed = parse_paths(&[seed], &Default::default()).unwrap();
/// assert_eq!((parsed.files, parsed.records.len()), (1, 7));
/// ```
pub fn parse_paths<P: AsRef<std::path::Path>>(paths: &[P], opts: &ReadOptions) -> Result<Parsed> {
    let found = expand_paths_with_skipped(paths, opts)?;
    let sources = found.sources;
    let parsed: Vec<(Vec<String>, Vec<Article>)> = sources
        .par_iter()
        .map(|s| {
            let doc: Document = read_source(s, opts)?;
            let records = parse_page(&doc.id, &doc.text);
            Ok((doc.warnings, records))
        })
        .collect::<Result<_>>()?;
    let mut out = Parsed {
        files: sources.len(),
        skipped: found.skipped,
        ..Parsed::default()
    };
    for (w, r) in parsed {
        out.warnings.extend(w);
        out.records.extend(r);
    }
    Ok(out)
}
