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
pub(crate) mod engine;
pub mod error;
pub mod filter;
pub mod io;
pub mod keywords;
pub mod kwic;
pub mod measures;
pub(crate) mod pattern;
pub mod slogans;
pub mod tables;

/// The polars version the tables are built with.
pub use polars;

pub use assoc::{collocations, cooccurrence, keyness};
pub use corpus::{Corpus, Doc, GroupBy, InputOptions, Monitor, Segmentation, Summary, Token};
pub use dictionary::{count_dictionary, dictionary_matches, Dictionary};
pub use error::{Error, Result};
pub use filter::{DfLimit, Filter, StopwordList};
pub use keywords::keywords;
pub use kwic::kwic;
pub use slogans::slogans;
pub use tables::{dtm, frequency, ngrams, term_frequency, tfidf, Dtm, Idf, Options, Output};
