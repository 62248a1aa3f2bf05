//! # cipin-core
//!
//! The core of **cipin** (词频): everything between a raw file of Chinese
//! newspaper or policy text and a stream of tokens, one module per stage of
//! the data flow:
//!
//! 1. [`read`]: files, folders (each real file once; hidden entries, FIFOs
//!    and devices skipped) and stdin; UTF-8 (with or without BOM), GB18030/GBK,
//!    Big5, Shift_JIS, EUC-KR and UTF-16 with a BOM; line endings made LF.
//! 2. [`parse`]: a newspaper page split into articles with their metadata
//!    (kicker, headline, subtitle, byline, dateline, continuation marks),
//!    column breaks repaired.
//! 3. [`normalize`]: full-width Latin and digits to half-width, traditional to
//!    simplified (OpenCC tables), odd spaces; always one character for one.
//! 4. [`sentences`]: sentence splitting that keeps closing quotes and brackets
//!    with their sentence.
//! 5. [`segment`]: jieba-rs word segmentation (precise, full and search modes,
//!    HMM, POS tags), user dictionaries, in parallel with rayon.
//!
//! [`stopwords`] holds the default stopword list and [`pipeline`] ties the
//! stages together for whole corpora. [`terms`] recognises quoted slogans and
//! numbered expressions (the segmenter keeps them whole) and [`discover`]
//! finds new terms in unsegmented text.
//!
//! ```
//! use cipin_core::segment::Segmenter;
//!
//! let seg = Segmenter::default();
//! let words: Vec<&str> = seg.cut("我们在黄岩区工作").iter().map(|t| t.word).collect();
//! assert_eq!(words.concat(), "我们在黄岩区工作");
//! ```

pub mod discover;
pub mod error;
pub mod normalize;
/// The old name of [`normalize`]: the API spells it one way, as
/// [`normalize::Normalizer`] and the CLI's and Python's `normalize`.
#[doc(hidden)]
pub use normalize as normalise;
pub mod parse;
pub mod pipeline;
pub mod posseg;
pub mod read;
pub mod segment;
pub mod sentences;
pub mod stopwords;
pub mod terms;

pub use error::{Error, Result, Setting};
