//! # cipin-tables
//!
//! Term-frequency tables and the analyses researchers run on Chinese
//! newspaper and policy text, as polars [`DataFrame`](polars::prelude::DataFrame)s.
//!
//! The data flow, one module per stage:
//!
//! 1. [`corpus`]: `.txt` pages (parsed into articles) or lines, `.jsonl`,
//!    `.csv`, `.tsv` and `.parquet` files, folders — one stream of
//!    documents with their metadata, read in batches.
//! 2. [`filter`]: stopwords, POS tags, length, punctuation, numbers,
//!    whitespace; `min_count`, `min_df`, `max_df`.
//! 3. Counting: every token is interned (no string per token), counted
//!    per chunk of documents on the rayon pool, and the chunks merged in
//!    corpus order; tables are built once, at the end.
//! 4. The tables: [`tables`] ([`frequency`], [`term_frequency`],
//!    [`tfidf`], [`dtm`], [`ngrams`]), [`assoc`] ([`collocations`],
//!    [`cooccurrence`], [`keyness`]), [`keywords()`], [`kwic()`],
//!    [`dictionary`] ([`count_dictionary`], [`dictionary_matches`]), with the
//!    statistics in [`measures`].
//! 5. [`io`]: CSV, JSON lines, parquet, or an aligned table.
//! 6. [`merge`]: the tables that are sums over documents, counted in parts
//!    (shards, Dask partitions) and merged.
//!
//! Every table is sorted on its content (count descending, then term, by
//! default), so it is identical whatever the number of threads.
//!
//! ```
//! use cipin_tables::corpus::{Corpus, Doc, GroupBy};
//! use cipin_tables::tables::{frequency, Options};
//!
//! let corpus = Corpus::from_docs(vec![
//!     Doc::new("a", "深化新时代“千万工程”，推进共同富裕。").with_meta("year", "2023"),
//!     Doc::new("b", "缩小“三大差距”，推进共同富裕示范区建设。").with_meta("year", "2024"),
//! ]);
//! let opts = Options { by: GroupBy::Column("year".into()), ..Options::default() };
//! let df = frequency(&corpus, &opts).unwrap().frame;
//! assert_eq!(df.get_column_names(), ["year", "term", "count", "doc_freq", "share", "rank"]);
//! assert_eq!(df.column("year").unwrap().str().unwrap().get(0), Some("2023"));
//! ```

pub mod assoc;
pub mod corpus;
pub(crate) mod count;
pub mod dictionary;
pub mod discover;
pub mod dispersion;
pub(crate) mod engine;
pub mod error;
pub mod filter;
pub mod frames;
pub mod io;
pub mod keywords;
pub mod kwic;
pub mod lexdiv;
pub mod measures;
pub mod merge;
pub(crate) mod pattern;
pub mod readability;
pub mod simil;
pub mod slogans;
pub mod tables;

/// The polars version the tables are built with.
pub use polars;

pub use assoc::{
    collocations, cooccurrence, keyness, CollocationsConfig, CooccurrenceConfig, KeynessConfig,
};
pub use corpus::{Corpus, Doc, GroupBy, InputOptions, Monitor, Segmentation, Summary, Token};
pub use dictionary::{count_dictionary, dictionary_matches, Dictionary};
pub use dispersion::{dispersion, DispersionConfig};
pub use error::{Error, Result};
pub use filter::{default_stopwords, DfLimit, Filter, FilterConfig, StopwordList};
pub use keywords::{keywords, KeywordsConfig};
pub use kwic::{kwic, KwicConfig};
pub use lexdiv::{lexdiv, LexdivConfig};
pub use readability::readability;
pub use simil::{simil, SimilConfig, SimilMethod, SIMIL_TOP};
pub use slogans::slogans;
pub use tables::{
    dtm, frequency, ngrams, term_frequency, tfidf, Dtm, Idf, NgramsConfig, Options, Output,
    TfidfConfig,
};

/// The tables, by the name every surface gives them (`_cipin.table(name)`,
/// `cipin.<name>`; the CLI's `freq` is `frequency`, its `dictionary` the
/// two dictionary tables).
pub const TABLES: [&str; 17] = [
    "frequency",
    "term_frequency",
    "tfidf",
    "dtm",
    "ngrams",
    "collocations",
    "cooccurrence",
    "keyness",
    "keywords",
    "kwic",
    "slogans",
    "count_dictionary",
    "dictionary_matches",
    "dispersion",
    "lexdiv",
    "simil",
    "readability",
];

/// The defaults of every table's parameters, `{table: {parameter: value}}`:
/// its parameters struct's `Default` ([`CollocationsConfig`], ...), plus
/// the filter settings whose default depends on the table: `stopwords`
/// ([`default_stopwords`]) and, for the tables whose rows the filter's
/// `min_count` thins, `min_count` ([`Filter::default`]'s).
///
/// The one list the CLI's and Python's defaults are tested against (in
/// `cipin-cli` and `python/tests/test_defaults.py`), so that no surface
/// drifts from the library.
///
/// ```
/// let d = cipin_tables::defaults();
/// assert_eq!(d["collocations"]["sort"], "llr");
/// assert_eq!(d["collocations"]["min_count"], 3);
/// assert_eq!(d["ngrams"]["stopwords"], "none");
/// assert_eq!(d["frequency"]["min_count"], 1);
/// ```
///
/// Two more entries hold the settings every table shares: `"segmenter"`
/// ([`cipin_core::segment::SegmenterConfig`]'s defaults) and `"filter"`
/// ([`FilterConfig`]'s).
///
/// ```
/// let d = cipin_tables::defaults();
/// assert_eq!(d["segmenter"]["mode"], "precise");
/// assert_eq!(d["filter"]["drop_punct"], true);
/// ```
pub fn defaults() -> serde_json::Value {
    use serde_json::{json, to_value, Value};
    let min_count = Filter::default().min_count;
    let mut out = serde_json::Map::new();
    for name in TABLES {
        let params = match name {
            "tfidf" => to_value(TfidfConfig::default()),
            "ngrams" => to_value(NgramsConfig::default()),
            "collocations" => to_value(CollocationsConfig::default()),
            "cooccurrence" => to_value(CooccurrenceConfig::default()),
            "keyness" => to_value(KeynessConfig::default()),
            "keywords" => to_value(KeywordsConfig::default()),
            "kwic" => to_value(KwicConfig::default()),
            "dispersion" => to_value(DispersionConfig::default()),
            "lexdiv" => to_value(LexdivConfig::default()),
            "simil" => to_value(SimilConfig::default()),
            _ => Ok(json!({})),
        };
        let Ok(Value::Object(mut params)) = params else {
            unreachable!("a parameters struct serialises to an object")
        };
        // KWIC keeps every token (it has no filter); keywords, the
        // dictionary counts (a row per category), lexdiv and readability
        // (a row per document) keep no rows by count;
        // collocations hold their own min_count.
        if name != "kwic" {
            params.insert("stopwords".into(), default_stopwords(name).into());
        }
        if !matches!(
            name,
            "kwic" | "keywords" | "count_dictionary" | "collocations" | "lexdiv" | "readability"
        ) {
            params.insert("min_count".into(), min_count.into());
        }
        // simil's `top` is its number of neighbours, with a default of its own.
        if name == "simil" {
            params.insert("top".into(), SIMIL_TOP.into());
        }
        out.insert(name.into(), Value::Object(params));
    }
    let shared = [
        (
            "segmenter",
            to_value(cipin_core::segment::SegmenterConfig::default()),
        ),
        ("filter", to_value(FilterConfig::default())),
    ];
    for (name, value) in shared {
        out.insert(name.into(), value.expect("settings serialise to JSON"));
    }
    Value::Object(out)
}
