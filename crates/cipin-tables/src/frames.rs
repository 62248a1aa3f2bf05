//! Documents and parsed articles as tables, for every front end: Python's
//! `cipin.read` and `cipin.parse`, and `cipin parse -o FILE`.

use cipin_core::parse::{Article, RecordKind};
use cipin_core::read::Document;
use polars::prelude::*;

use crate::error::Result;

/// Documents as read, one row each: `doc_id, text, encoding` (the
/// encoding each file was read as). Python's `cipin.read` returns it.
pub fn documents_frame(docs: &[Document]) -> Result<DataFrame> {
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let enc: Vec<&str> = docs.iter().map(|d| d.encoding).collect();
    Ok(DataFrame::new(
        docs.len(),
        vec![
            Column::new("doc_id".into(), ids),
            Column::new("text".into(), texts),
            Column::new("encoding".into(), enc),
        ],
    )?)
}

fn list_column(name: &str, rows: impl ExactSizeIterator<Item = Vec<String>>) -> Column {
    let mut b = ListStringChunkedBuilder::new(name.into(), rows.len(), rows.len() * 2);
    for r in rows {
        b.append_values_iter(r.iter().map(String::as_str));
    }
    b.finish().into_column()
}

fn opt_column(name: &str, vals: Vec<Option<String>>) -> Column {
    Column::new(name.into(), vals)
}

/// Parsed articles as a table: the fields of `cipin parse --format jsonl`
/// as columns (lists for reporters, correspondents, authors, paragraphs and
/// flags), plus `text`: the paragraphs joined by newlines. Python's
/// `cipin.parse` returns it and `cipin parse -o FILE.parquet` writes it.
///
/// ```
/// use cipin_core::parse::parse_page;
/// use cipin_tables::frames::articles_frame;
/// let page = "缩小三大差距\n本报记者 张三\n　　全区推进共同富裕。\n";
/// let df = articles_frame(parse_page("p.txt", page)).unwrap();
/// assert_eq!(df.get_column_names()[..3], ["doc_id", "article", "kind"]);
/// let text = df.column("text").unwrap().str().unwrap().get(0).unwrap();
/// assert!(text.contains("全区推进共同富裕。"));
/// ```
pub fn articles_frame(arts: Vec<Article>) -> Result<DataFrame> {
    let n = arts.len();
    let doc_id: Vec<&str> = arts.iter().map(|a| a.doc_id.as_str()).collect();
    let article: Vec<u32> = arts.iter().map(|a| a.article as u32).collect();
    let kind: Vec<&str> = arts
        .iter()
        .map(|a| match a.kind {
            RecordKind::Article => "article",
            RecordKind::Banner => "banner",
        })
        .collect();
    let text: Vec<String> = arts.iter().map(Article::body).collect();
    let cols = vec![
        Column::new("doc_id".into(), doc_id),
        Column::new("article".into(), article),
        Column::new("kind".into(), kind),
        opt_column("kicker", arts.iter().map(|a| a.kicker.clone()).collect()),
        opt_column(
            "headline",
            arts.iter().map(|a| a.headline.clone()).collect(),
        ),
        opt_column(
            "subtitle",
            arts.iter().map(|a| a.subtitle.clone()).collect(),
        ),
        opt_column("byline", arts.iter().map(|a| a.byline.clone()).collect()),
        list_column("reporters", arts.iter().map(|a| a.reporters.clone())),
        list_column(
            "correspondents",
            arts.iter().map(|a| a.correspondents.clone()),
        ),
        list_column("authors", arts.iter().map(|a| a.authors.clone())),
        opt_column(
            "dateline",
            arts.iter().map(|a| a.dateline.clone()).collect(),
        ),
        opt_column(
            "continuation",
            arts.iter().map(|a| a.continuation.clone()).collect(),
        ),
        list_column("paragraphs", arts.iter().map(|a| a.paragraphs.clone())),
        list_column(
            "flags",
            arts.iter()
                .map(|a| a.flags.iter().map(|f| f.to_string()).collect()),
        ),
        Column::new("text".into(), text),
    ];
    Ok(DataFrame::new(n, cols)?)
}
