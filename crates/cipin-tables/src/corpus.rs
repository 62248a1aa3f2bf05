//! Inputs: every corpus format as one stream of [`Doc`]s.
//!
//! A [`Corpus`] is a list of sources (files, folders walked in sorted order,
//! `-` for standard input) or documents held in memory. It is read in
//! *batches* of about [`InputOptions::batch_bytes`] of text, so a table over
//! a corpus of any size holds one batch of text at a time and memory grows
//! with the vocabulary, not with the corpus.
//!
//! | input | what a document ([`Doc`]) is | `id` | metadata ([`Doc::get`]) |
//! |---|---|---|---|
//! | `.txt` (default) | an article of a parsed page ([`cipin_core::parse`]) | `path#N` | `kind`, `kicker`, `headline`, `subtitle`, `byline`, `dateline`, `reporters` (joined by `、`) when printed |
//! | `.txt` with `plain` | a non-blank line | `path:LINE` | |
//! | `.jsonl` / `.ndjson` | a line (a JSON object) | `path:LINE` or the `id_field` | every other scalar field |
//! | `.csv` / `.tsv` / `.parquet` | a row (read with polars) | `path:ROW` or the `id_column` | every other column |
//!
//! Every document also has `doc` (the page for page articles, else the
//! document itself) and `file`. `.txt`, `.jsonl` and `.csv` files may be
//! UTF-8, GB18030, Big5, Shift_JIS, EUC-KR or UTF-16 with a BOM (see
//! [`cipin_core::read`]); JSONL files are streamed line by line, CSV and
//! parquet files are read whole. Folders are walked as
//! [`cipin_core::read::expand_paths_with_skipped`] walks them; what it
//! skipped is in [`Corpus::skipped`] and [`Summary::skipped`].
//!
//! A document's text must be text: a JSONL `text` that is a number, a
//! boolean, an array, an object or `null`, a parquet text column of another
//! type, or a `null` in a parquet text column is an error naming the file
//! and the line or row (nothing is coerced, and no document is silently
//! empty). A CSV cell is always text; an empty one is an empty document;
//! a blank line (outside a quoted field) is no row.
//!
//! The text of a page article is its kicker, headline, subtitle and body,
//! one per line.
//!
//! ```
//! use cipin_tables::corpus::{Corpus, Doc, GroupBy};
//!
//! let corpus = Corpus::from_docs(vec![
//!     Doc::new("a", "共同富裕").with_meta("year", "2021"),
//!     Doc::new("b", "千万工程").with_meta("year", "2022"),
//! ]);
//! let docs = corpus.read_all().unwrap();
//! assert_eq!(docs[1].get("year"), Some("2022"));
//! assert_eq!("year".parse::<GroupBy>().unwrap(), GroupBy::Column("year".into()));
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cipin_core::parse::{parse_page, RecordKind};
use cipin_core::read::{
    decode, expand_paths_with_skipped, path_id, read_bytes, skipped_summary, Encoding, ReadOptions,
    Skipped, Source,
};
use polars::prelude::*;
use rayon::prelude::*;

use crate::error::{Error, Result, Setting};

/// How input files are read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Encoding, lossy decoding, and the extensions kept when walking
    /// folders (by default every format cipin reads).
    pub read: ReadOptions,
    /// `.txt` files: each non-blank line is a document (instead of parsing
    /// pages into articles).
    pub plain: bool,
    /// JSONL: the field holding the text.
    pub text_field: String,
    /// JSONL: the field holding the document id (default `path:LINE`).
    pub id_field: Option<String>,
    /// CSV / parquet: the column holding the text.
    pub text_column: String,
    /// CSV / parquet: the column holding the document id (default `path:ROW`).
    pub id_column: Option<String>,
    /// Read about this many bytes of text per batch.
    pub batch_bytes: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            read: ReadOptions {
                extensions: ["txt", "jsonl", "ndjson", "csv", "tsv", "parquet"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                ..ReadOptions::default()
            },
            plain: false,
            text_field: "text".into(),
            id_field: None,
            text_column: "text".into(),
            id_column: None,
            batch_bytes: 16 << 20,
        }
    }
}

/// One document: what is segmented and counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Its id (unique within a corpus read from files).
    pub id: String,
    /// The document it is part of, when it is part of one: the page (file)
    /// of a page article. See [`Doc::doc`].
    pub parent: Option<String>,
    /// The file it comes from (empty for documents made in memory).
    pub file: Arc<str>,
    /// Metadata: `(name, value)`.
    pub meta: Vec<(Arc<str>, String)>,
    /// The text. For a document given as tokens, the tokens end to end.
    pub text: String,
    /// The tokens of a document given already segmented (a token table):
    /// the tables then count these instead of segmenting `text`. `None`
    /// for text.
    pub tokens: Option<Arc<Segmentation>>,
}

impl Doc {
    /// A document with an id and a text and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Doc {
        let id = id.into();
        Doc {
            parent: None,
            id,
            file: Arc::from(""),
            meta: Vec::new(),
            text: text.into(),
            tokens: None,
        }
    }

    /// A document given as tokens, without any yet: add them with
    /// [`Doc::push_token`]. Every table counts its tokens as they are (they
    /// are taken to be normalised already), as if the segmenter had cut
    /// its text so.
    ///
    /// ```
    /// use cipin_tables::corpus::{Corpus, Doc, Token};
    /// use cipin_tables::tables::{ngrams, Options};
    ///
    /// let mut d = Doc::segmented("a");
    /// for w in ["推进", "共同富裕", "。", "推进", "改革"] {
    ///     d.push_token(Token::new(w));
    /// }
    /// assert_eq!(d.text, "推进共同富裕。推进改革");
    /// let df = ngrams(&Corpus::from_docs(vec![d]), &Options::default(), &Default::default()).unwrap().frame;
    /// let grams = df.column("ngram").unwrap().str().unwrap();
    /// // No bigram spans the dropped `。`.
    /// assert_eq!(df.height(), 2);
    /// assert_eq!((grams.get(0), grams.get(1)), (Some("推进 共同富裕"), Some("推进 改革")));
    /// ```
    pub fn segmented(id: impl Into<String>) -> Doc {
        Doc {
            tokens: Some(Arc::default()),
            ..Doc::new(id, "")
        }
    }

    /// Add a token to a document made by [`Doc::segmented`] (a text
    /// document becomes a segmented one, its text kept as the first token).
    pub fn push_token(&mut self, t: Token<'_>) {
        let tokens = self.tokens.get_or_insert_with(|| {
            let mut s = Segmentation::default();
            if !self.text.is_empty() {
                s.ends.push(self.text.len());
                s.starts.push(0);
                s.marks.push(0);
            }
            Arc::new(s)
        });
        let s = Arc::make_mut(tokens);
        // Tags end to end as the words are (no allocation per token), an
        // empty one for a token without; none at all until one has a tag.
        if t.pos.is_some() || !s.tag_ends.is_empty() {
            s.tag_ends.resize(s.ends.len(), s.tags.len());
            s.tags.push_str(t.pos.unwrap_or(""));
            s.tag_ends.push(s.tags.len());
        }
        self.text.push_str(t.word);
        s.ends.push(self.text.len());
        s.starts.push(t.start.unwrap_or(s.starts.len() as u64));
        s.marks
            .push((u8::from(t.gap) * GAP) | (u8::from(t.sentence) * SENTENCE));
    }
}

/// A token of a document given already segmented; see [`Doc::push_token`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token (normalised).
    pub word: &'a str,
    /// Its part-of-speech tag, for the POS filters.
    pub pos: Option<&'a str>,
    /// Where it is in the original text (KWIC's `start`; default: its index).
    pub start: Option<u64>,
    /// Tokens are missing before it (removed from the table): n-grams,
    /// collocations and dictionary phrases do not span the gap.
    pub gap: bool,
    /// A sentence starts with it.
    pub sentence: bool,
}

impl<'a> Token<'a> {
    /// A token with nothing but its word.
    pub fn new(word: &'a str) -> Token<'a> {
        Token {
            word,
            ..Token::default()
        }
    }
}

const GAP: u8 = 1;
const SENTENCE: u8 = 2;

/// The tokens of a document given already segmented: where each ends in
/// the document's text, its tag, its start in the original text, and the
/// breaks before it. See [`Doc::segmented`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    ends: Vec<usize>,
    /// Tags, once a token has one.
    /// The tags end to end, and where each ends (empty until a token
    /// has a tag; an empty tag is none).
    tags: String,
    tag_ends: Vec<usize>,
    starts: Vec<u64>,
    marks: Vec<u8>,
}

/// One token of a [`Segmentation`], read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SegToken<'a> {
    pub word: &'a str,
    /// Its bytes in the document's text.
    pub span: (usize, usize),
    pub pos: Option<&'a str>,
    pub start: u64,
    pub gap: bool,
    pub sentence: bool,
}

impl Segmentation {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The tokens of `text` (the document's text), in order.
    pub(crate) fn iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = SegToken<'a>> + 'a {
        (0..self.ends.len()).map(move |i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            SegToken {
                word: &text[start..self.ends[i]],
                span: (start, self.ends[i]),
                pos: self.tag_ends.get(i).and_then(|&end| {
                    let start = if i == 0 { 0 } else { self.tag_ends[i - 1] };
                    (end > start).then(|| &self.tags[start..end])
                }),
                start: self.starts[i],
                gap: self.marks[i] & GAP != 0,
                sentence: self.marks[i] & SENTENCE != 0,
            }
        })
    }
}

impl Doc {
    /// Add a metadata value.
    pub fn with_meta(mut self, name: &str, value: impl Into<String>) -> Doc {
        self.meta.push((Arc::from(name), value.into()));
        self
    }

    /// The document: the page of a page article, else the `Doc` itself (its id).
    pub fn doc(&self) -> &str {
        self.parent.as_deref().unwrap_or(&self.id)
    }

    /// A value by name: `id`, `doc`, `file`, or a metadata name.
    pub fn get(&self, name: &str) -> Option<&str> {
        if let Some((_, v)) = self.meta.iter().find(|(k, _)| &**k == name) {
            return Some(v);
        }
        match name {
            "id" | "article" => Some(&self.id),
            "doc" | "document" => Some(self.doc()),
            "file" => Some(&self.file),
            _ => None,
        }
    }
}

/// What tables are grouped by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// The whole corpus (no group column).
    #[default]
    None,
    /// The document ([`Doc::doc`]): a page, a line, a record. Column `doc`.
    Doc,
    /// Each [`Doc`] by its id: a page article, a line, a record. Column `article`.
    Article,
    /// The input file. Column `file`.
    File,
    /// A metadata column or field (`kicker`, `date`, `source`, `year`…).
    /// Documents without it form the group `""`.
    Column(String),
}

impl GroupBy {
    /// The name of the group column, if there is one.
    pub fn column_name(&self) -> Option<&str> {
        match self {
            GroupBy::None => None,
            GroupBy::Doc => Some("doc"),
            GroupBy::Article => Some("article"),
            GroupBy::File => Some("file"),
            GroupBy::Column(c) => Some(c),
        }
    }

    /// The group of a document: `Some("")` for the whole corpus, `None`
    /// when the document lacks the column.
    pub fn key<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        match self {
            GroupBy::None => Some(""),
            GroupBy::Doc => Some(doc.doc()),
            GroupBy::Article => Some(&doc.id),
            GroupBy::File => Some(&doc.file),
            GroupBy::Column(c) => doc.get(c),
        }
    }

    /// Whether groups are listed sorted by value (metadata columns) rather
    /// than in the order they first appear in the corpus (documents, files).
    pub fn sorted(&self) -> bool {
        matches!(self, GroupBy::Column(_))
    }
}

impl std::str::FromStr for GroupBy {
    type Err = Error;
    fn from_str(s: &str) -> Result<GroupBy> {
        Ok(match s {
            "none" | "corpus" => GroupBy::None,
            "doc" | "document" => GroupBy::Doc,
            "article" | "id" => GroupBy::Article,
            "file" => GroupBy::File,
            "" => return Err(Error::invalid("empty group column")),
            other => GroupBy::Column(other.to_string()),
        })
    }
}

/// What a pass over a corpus saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Documents read (and not left out).
    pub documents: u64,
    /// Tokens segmented (whitespace not counted).
    pub tokens: u64,
    /// Tokens (or n-grams, pairs) counted after filtering.
    pub counted: u64,
    /// Warnings (lossy decoding, documents without the group column).
    pub warnings: Vec<String>,
    /// What walking the input folders left out, and why.
    pub skipped: Vec<Skipped>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {} ({} counted), {}",
            plural(self.files as u64, "file"),
            plural(self.documents, "document"),
            plural(self.tokens, "token"),
            self.counted,
            plural(self.warnings.len() as u64, "warning")
        )?;
        // Why here: every input is accounted for, the files read and the
        // ones left out.
        match skipped_summary(&self.skipped) {
            Some(s) => write!(f, ", {s}"),
            None => Ok(()),
        }
    }
}

/// Input formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text: pages, or lines with `plain`.
    Text,
    /// JSON lines.
    Jsonl,
    /// Comma- (or, for `.tsv`, tab-) separated values with a header row.
    Csv(u8),
    /// Apache parquet.
    Parquet,
}

impl Format {
    /// The format of a path, by extension (text when unknown).
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv(b','),
            "tsv" => Format::Csv(b'\t'),
            "parquet" | "pq" => Format::Parquet,
            _ => Format::Text,
        }
    }
}

/// Follows a long count: told how many bytes of text each finished piece of
/// work held, asked now and then whether to stop. A Python binding uses it
/// for progress bars and Ctrl-C.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use std::sync::Arc;
/// use cipin_tables::corpus::{Corpus, Monitor};
/// use cipin_tables::tables::{frequency, Options};
///
/// #[derive(Default)]
/// struct Bytes(AtomicU64);
/// impl Monitor for Bytes {
///     fn advance(&self, bytes: u64) { self.0.fetch_add(bytes, Ordering::Relaxed); }
///     fn cancelled(&self) -> bool { false }
/// }
/// let seen = Arc::new(Bytes::default());
/// let corpus = Corpus::from_texts(["缩小三大差距", "共同富裕"]).with_monitor(seen.clone());
/// frequency(&corpus, &Options::default()).unwrap();
/// assert_eq!(seen.0.load(Ordering::Relaxed), ("缩小三大差距".len() + "共同富裕".len()) as u64);
/// ```
pub trait Monitor: Send + Sync {
    /// `bytes` more bytes of document text have been counted.
    fn advance(&self, bytes: u64);
    /// Whether to stop: the count then ends with [`crate::Error::Cancelled`].
    fn cancelled(&self) -> bool;
}

/// A corpus: files to read, or documents in memory. See the module docs.
#[derive(Clone)]
pub struct Corpus {
    inner: Inner,
    prefetched: Arc<Mutex<Option<Prefetched>>>,
    monitor: Option<Arc<dyn Monitor>>,
    /// Count only the documents whose index is `i` modulo `n` ([`Corpus::shard`]).
    shard: Option<(u64, u64)>,
    /// The index of the first document ([`Corpus::with_first_index`]).
    first_index: u64,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("inner", &self.inner)
            .field("monitored", &self.monitor.is_some())
            .finish()
    }
}

/// The first batch, read ahead by [`Corpus::prefetch`], and where reading
/// stopped.
struct Prefetched {
    first: Option<Batch<'static>>,
    next_source: usize,
    open: Option<OpenFile>,
    done: bool,
}

impl std::fmt::Debug for Prefetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefetched")
            .field("next_source", &self.next_source)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
enum Inner {
    Sources {
        sources: Vec<Source>,
        skipped: Vec<Skipped>,
        opts: InputOptions,
    },
    Docs(Arc<Vec<Doc>>),
}

impl Corpus {
    /// This corpus, followed by `monitor` whenever a table is counted from it.
    pub fn with_monitor(mut self, monitor: Arc<dyn Monitor>) -> Corpus {
        self.monitor = Some(monitor);
        self
    }

    /// The monitor, if any.
    pub fn monitor(&self) -> Option<&Arc<dyn Monitor>> {
        self.monitor.as_ref()
    }

    /// Shard `index` of `count`: the tables count only the documents whose
    /// index in the corpus (files in sorted order, documents in file order,
    /// from 0) is `index` modulo `count`, so that every document is in
    /// exactly one of the `count` shards whatever the number of files. Each
    /// shard still reads every file (reading is cheap beside segmenting);
    /// see [`crate::merge`] for putting the shards' tables together.
    ///
    /// ```
    /// use cipin_tables::corpus::Corpus;
    /// use cipin_tables::tables::{frequency, Options};
    ///
    /// let c = Corpus::from_texts(["共同富裕", "共同富裕", "三大差距"]);
    /// let n = |c: &Corpus| frequency(c, &Options::default()).unwrap().summary.documents;
    /// assert_eq!((n(&c.clone().shard(0, 2).unwrap()), n(&c.shard(1, 2).unwrap())), (2, 1));
    /// ```
    pub fn shard(mut self, index: u64, count: u64) -> Result<Corpus> {
        if count == 0 || index >= count {
            return Err(Error::invalid(format!(
                "shard {index}/{count}: expected I/N with 0 ≤ I < N"
            )));
        }
        self.shard = Some((index, count));
        Ok(self)
    }

    /// The shard this corpus counts, `(index, count)`, if any.
    pub fn shard_of(&self) -> Option<(u64, u64)> {
        self.shard
    }

    /// This corpus, its documents numbered from `first` rather than 0: a
    /// part of a larger corpus (a partition of a Dask collection) whose
    /// tables are merged with the other parts' ([`crate::merge`]), groups
    /// then coming in the larger corpus's order.
    pub fn with_first_index(mut self, first: u64) -> Corpus {
        self.first_index = first;
        self
    }

    /// The index of the first document.
    pub fn first_index(&self) -> u64 {
        self.first_index
    }

    /// The files under `paths` (folders walked recursively, in sorted
    /// order; `-` is standard input, read as text). A missing path is an
    /// error now; files are read when a table is built.
    pub fn open<P: AsRef<Path>>(paths: &[P], opts: InputOptions) -> Result<Corpus> {
        let found = expand_paths_with_skipped(paths, &opts.read)?;
        Ok(Corpus {
            inner: Inner::Sources {
                sources: found.sources,
                skipped: found.skipped,
                opts,
            },
            prefetched: Arc::default(),
            monitor: None,
            shard: None,
            first_index: 0,
        })
    }

    /// Documents held in memory.
    pub fn from_docs(docs: Vec<Doc>) -> Corpus {
        Corpus {
            inner: Inner::Docs(Arc::new(docs)),
            prefetched: Arc::default(),
            monitor: None,
            shard: None,
            first_index: 0,
        }
    }

    /// Texts held in memory, with ids `0`, `1`, ….
    pub fn from_texts<I, S>(texts: I) -> Corpus
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Corpus::from_docs(
            texts
                .into_iter()
                .enumerate()
                .map(|(i, t)| Doc::new(i.to_string(), t))
                .collect(),
        )
    }

    /// The sources (files) of the corpus; empty for documents in memory.
    pub fn sources(&self) -> &[Source] {
        match &self.inner {
            Inner::Sources { sources, .. } => sources,
            Inner::Docs(_) => &[],
        }
    }

    /// What walking the folders of the corpus left out (hidden files,
    /// links to files and folders already read, FIFOs, ...), and why.
    pub fn skipped(&self) -> &[Skipped] {
        match &self.inner {
            Inner::Sources { skipped, .. } => skipped,
            Inner::Docs(_) => &[],
        }
    }

    /// Read the corpus batch by batch.
    pub fn batches(&self) -> Batches<'_> {
        let ahead = self.prefetched.lock().ok().and_then(|mut p| p.take());
        match ahead {
            Some(p) => Batches {
                corpus: self,
                next_source: p.next_source,
                open: p.open,
                done: p.done,
                pending: p.first,
            },
            None => Batches {
                corpus: self,
                next_source: 0,
                open: None,
                done: false,
                pending: None,
            },
        }
    }

    /// Read the first batch now, so that the next pass starts with it (to
    /// read while something else, such as loading a dictionary, runs on
    /// another thread). Later passes read from the start again.
    pub fn prefetch(&self) -> Result<()> {
        if matches!(self.inner, Inner::Docs(_)) {
            return Ok(());
        }
        let mut it = self.batches();
        let first = it.next().transpose()?.map(|b| Batch {
            docs: Cow::Owned(b.docs.into_owned()),
            files: b.files,
            warnings: b.warnings,
        });
        let ahead = Prefetched {
            first,
            next_source: it.next_source,
            open: it.open.take(),
            done: it.done,
        };
        if let Ok(mut p) = self.prefetched.lock() {
            *p = Some(ahead);
        }
        Ok(())
    }

    /// Read every document into memory (for small corpora and tests).
    pub fn read_all(&self) -> Result<Vec<Doc>> {
        let mut out = Vec::new();
        for b in self.batches() {
            out.extend(b?.docs.into_owned());
        }
        Ok(out)
    }
}

/// A batch of documents.
#[derive(Debug)]
pub struct Batch<'a> {
    /// The documents, in corpus order.
    pub docs: Cow<'a, [Doc]>,
    /// Files finished in this batch.
    pub files: usize,
    /// Warnings raised while reading them.
    pub warnings: Vec<String>,
}

/// Iterator over the [`Batch`]es of a corpus; see [`Corpus::batches`].
pub struct Batches<'a> {
    corpus: &'a Corpus,
    next_source: usize,
    open: Option<OpenFile>,
    done: bool,
    pending: Option<Batch<'static>>,
}

enum OpenFile {
    /// A big plain text file, read in blocks of whole lines.
    Lines {
        name: Arc<str>,
        path: PathBuf,
        reader: std::fs::File,
        /// Bytes read after the last line break of the previous block.
        carry: Vec<u8>,
        /// Number of the next line.
        line: usize,
        /// Byte offset of `carry` in the file.
        offset: usize,
        eof: bool,
        /// Invalid sequences replaced with U+FFFD so far (`lossy`), and
        /// the line of the first.
        replaced: usize,
        first_replaced: usize,
    },
    Jsonl {
        name: Arc<str>,
        reader: Box<dyn BufRead + Send>,
        line: usize,
        keys: HashMap<String, Arc<str>>,
        /// The encoding found for the first line that is not UTF-8: the
        /// later ones are decoded with it, so that a legacy-encoded file is
        /// guessed once (one warning at most), not once per line.
        encoding: Option<Encoding>,
    },
    Table {
        name: Arc<str>,
        columns: Vec<(Arc<str>, Column)>,
        text: usize,
        id: Option<usize>,
        height: usize,
        row: usize,
        /// Whether a null text is an error (parquet) rather than an empty
        /// cell (CSV, where empty and missing cannot be told apart).
        null_text_is_error: bool,
    },
}

impl<'a> Iterator for Batches<'a> {
    type Item = Result<Batch<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(b) = self.pending.take() {
            return Some(Ok(b));
        }
        if self.done {
            return None;
        }
        let (sources, opts) = match &self.corpus.inner {
            Inner::Docs(docs) => {
                self.done = true;
                return Some(Ok(Batch {
                    docs: Cow::Borrowed(&docs[..]),
                    files: 0,
                    warnings: Vec::new(),
                }));
            }
            Inner::Sources { sources, opts, .. } => (sources, opts),
        };
        let mut batch = Batch {
            docs: Cow::Owned(Vec::new()),
            files: 0,
            warnings: Vec::new(),
        };
        match self.fill(sources, opts, &mut batch) {
            Ok(()) => {
                if batch.docs.is_empty() && batch.files == 0 && batch.warnings.is_empty() {
                    self.done = true;
                    None
                } else {
                    Some(Ok(batch))
                }
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

impl Batches<'_> {
    fn fill(
        &mut self,
        sources: &[Source],
        opts: &InputOptions,
        batch: &mut Batch<'_>,
    ) -> Result<()> {
        let docs = batch.docs.to_mut();
        let mut bytes = 0usize;
        loop {
            if bytes >= opts.batch_bytes {
                return Ok(());
            }
            if let Some(open) = &mut self.open {
                let finished = read_open(open, opts, docs, &mut bytes, &mut batch.warnings)?;
                if finished {
                    self.open = None;
                    batch.files += 1;
                }
                continue;
            }
            let Some(source) = sources.get(self.next_source) else {
                return Ok(());
            };
            self.next_source += 1;
            let format = match source {
                Source::Stdin => Format::Text,
                Source::File(p) => Format::of(p),
            };
            match format {
                Format::Text => {
                    // A big plain file is streamed in blocks of lines.
                    if opts.plain && opts.read.encoding.reads_utf8() {
                        if let Source::File(p) = source {
                            let len = std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
                            if len > opts.batch_bytes {
                                self.open = Some(open_lines(p)?);
                                continue;
                            }
                        }
                    }
                    // A run of text files (up to a batch) is read and parsed in parallel.
                    let mut run = vec![source];
                    let mut run_bytes = file_len(source);
                    while let Some(next) = sources.get(self.next_source) {
                        let len = file_len(next);
                        let text = matches!(next, Source::File(p) if Format::of(p) == Format::Text);
                        if !text
                            || bytes + run_bytes + len > opts.batch_bytes
                            || (opts.plain && len > opts.batch_bytes)
                        {
                            break;
                        }
                        run.push(next);
                        run_bytes += len;
                        self.next_source += 1;
                    }
                    let read: Vec<Result<(Vec<Doc>, Vec<String>)>> =
                        run.par_iter().map(|s| read_text(s, opts)).collect();
                    for r in read {
                        let (d, w) = r?;
                        bytes += d.iter().map(|d| d.text.len()).sum::<usize>();
                        docs.extend(d);
                        batch.warnings.extend(w);
                        batch.files += 1;
                    }
                }
                Format::Jsonl => self.open = Some(open_jsonl(source)?),
                Format::Csv(sep) => {
                    self.open = Some(open_table(source, opts, Some(sep), &mut batch.warnings)?)
                }
                Format::Parquet => {
                    self.open = Some(open_table(source, opts, None, &mut batch.warnings)?)
                }
            }
        }
    }
}

fn file_len(s: &Source) -> usize {
    match s {
        Source::File(p) => std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0),
        Source::Stdin => 0,
    }
}

/// Read a text file whole into documents, with its warnings.
fn read_text(source: &Source, opts: &InputOptions) -> Result<(Vec<Doc>, Vec<String>)> {
    let mut docs = Vec::new();
    let raw = read_bytes(source)?;
    match plain_utf8(&raw, opts) {
        Some(text) => {
            plain_docs(&Arc::from(source.id()), text, 1, &mut docs);
            Ok((docs, Vec::new()))
        }
        None => {
            let doc = decode(&source.id(), &raw, &opts.read)?;
            text_docs(&doc.id, &doc.text, opts.plain, &mut docs);
            Ok((docs, doc.warnings))
        }
    }
}

fn open_lines(path: &Path) -> Result<OpenFile> {
    let f = std::fs::File::open(path).map_err(|e| cipin_core::Error::io(path, e))?;
    Ok(OpenFile::Lines {
        name: Arc::from(path_id(path)),
        path: path.to_path_buf(),
        reader: f,
        carry: Vec::new(),
        line: 1,
        offset: 0,
        eof: false,
        replaced: 0,
        first_replaced: 0,
    })
}

/// The text of a plain file that is valid UTF-8 (BOM stripped), when
/// UTF-8 is allowed: it is split into lines in place, without the copy that
/// decoding and newline normalisation make. `None` otherwise.
fn plain_utf8<'b>(raw: &'b [u8], opts: &InputOptions) -> Option<&'b str> {
    if !opts.plain || !opts.read.encoding.reads_utf8() {
        return None;
    }
    let body = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    std::str::from_utf8(body).ok()
}

/// Lines of a text, split at `\n`, `\r\n` and a lone `\r` (as
/// [`cipin_core::read::normalize_newlines`] and a split at `\n` would).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) => {
                let skip = if t.as_bytes()[i] == b'\r' && t.as_bytes().get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                rest = Some(&t[i + skip..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// Documents of the lines of `text`, the first being line `first_line`;
/// returns the number of lines read. A text ending in a line break does
/// not end with an empty line.
fn plain_docs(file: &Arc<str>, text: &str, first_line: usize, out: &mut Vec<Doc>) -> usize {
    let mut n = 0;
    for line in lines(text) {
        n += 1;
        if line.trim().is_empty() {
            continue;
        }
        out.push(Doc {
            parent: None,
            id: format!("{file}:{}", first_line + n - 1),
            file: file.clone(),
            meta: Vec::new(),
            tokens: None,
            text: line.to_string(),
        });
    }
    if text.ends_with(['\n', '\r']) {
        n -= 1;
    }
    n
}

/// Split a decoded text file into documents.
fn text_docs(path: &str, text: &str, plain: bool, out: &mut Vec<Doc>) {
    let file: Arc<str> = Arc::from(path);
    if plain {
        plain_docs(&file, text, 1, out);
        return;
    }
    let names: [Arc<str>; 7] = [
        "kind",
        "kicker",
        "headline",
        "subtitle",
        "byline",
        "dateline",
        "reporters",
    ]
    .map(Arc::from);
    for a in parse_page(path, text) {
        let kind = match a.kind {
            RecordKind::Article => "article".to_string(),
            RecordKind::Banner => "banner".to_string(),
        };
        let reporters = (!a.reporters.is_empty()).then(|| a.reporters.join("、"));
        let values = [
            Some(kind),
            a.kicker.clone(),
            a.headline.clone(),
            a.subtitle.clone(),
            a.byline.clone(),
            a.dateline.clone(),
            reporters,
        ];
        let meta = names
            .iter()
            .zip(values)
            .filter_map(|(n, v)| v.map(|v| (n.clone(), v)))
            .collect();
        let mut parts: Vec<&str> = Vec::new();
        if a.kind == RecordKind::Article {
            parts.extend(
                [&a.kicker, &a.headline, &a.subtitle]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        let body = a.body();
        if !body.is_empty() {
            parts.push(&body);
        }
        out.push(Doc {
            id: format!("{path}#{}", a.article),
            parent: Some(path.to_string()),
            file: file.clone(),
            meta,
            tokens: None,
            text: parts.join("\n"),
        });
    }
}

fn open_jsonl(source: &Source) -> Result<OpenFile> {
    let name: Arc<str> = Arc::from(source.id());
    let reader: Box<dyn BufRead + Send> = match source {
        Source::Stdin => Box::new(BufReader::new(std::io::stdin())),
        Source::File(p) => Box::new(BufReader::with_capacity(
            1 << 20,
            std::fs::File::open(p).map_err(|e| cipin_core::Error::io(p, e))?,
        )),
    };
    Ok(OpenFile::Jsonl {
        name,
        reader,
        line: 0,
        keys: HashMap::new(),
        encoding: None,
    })
}

/// Read a CSV or parquet file into string columns.
fn open_table(
    source: &Source,
    opts: &InputOptions,
    csv: Option<u8>,
    warnings: &mut Vec<String>,
) -> Result<OpenFile> {
    let name: Arc<str> = Arc::from(source.id());
    let polars_err = |e: PolarsError| Error::file(&name, e);
    let df = match csv {
        Some(sep) => {
            let bytes = read_bytes(source)?;
            let doc = decode(&name, &bytes, &opts.read)?;
            warnings.extend(doc.warnings);
            let mut text = doc.text;
            // polars drops an empty field after a separator at the very end
            // (`a,b,` under two columns) but refuses it before a line break:
            // a final line break makes the last row read as the others.
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            let rows = drop_blank_lines(&text, sep);
            let read = CsvReadOptions::default()
                .with_has_header(true)
                .with_infer_schema_length(Some(0))
                .map_parse_options(|p| p.with_separator(sep))
                .into_reader_with_file_handle(Cursor::new(rows.as_bytes()))
                .finish();
            match read {
                Ok(df) => df,
                Err(e) => return Err(csv_error(&name, &text, sep, e)),
            }
        }
        None => {
            let path = match source {
                Source::File(p) => p.clone(),
                Source::Stdin => PathBuf::from("-"),
            };
            let f = std::fs::File::open(&path).map_err(|e| cipin_core::Error::io(&path, e))?;
            ParquetReader::new(f).finish().map_err(polars_err)?
        }
    };
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let find = |want: &str, what: &str, setting: Setting| -> Result<usize> {
        names.iter().position(|n| n == want).ok_or_else(|| {
            Error::setting(
                setting,
                format!(
                    "{name}: no {what} column `{want}` (columns: {})",
                    names.join(", ")
                ),
            )
        })
    };
    let text = find(&opts.text_column, "text", Setting::TextColumn)?;
    let id = match &opts.id_column {
        Some(c) => Some(find(c, "id", Setting::IdColumn)?),
        None => None,
    };
    if csv.is_none() {
        let dtype = df.columns()[text].dtype();
        if !matches!(
            dtype,
            DataType::String | DataType::Categorical(..) | DataType::Enum(..)
        ) {
            return Err(Error::setting(
                Setting::TextColumn,
                format!(
                    "{name}: the text column `{}` holds {dtype}, not text",
                    names[text]
                ),
            ));
        }
    }
    let height = df.height();
    let mut columns = Vec::with_capacity(names.len());
    let (mut text_at, mut id_at) = (text, id);
    for (i, (n, c)) in names.iter().zip(df.columns()).enumerate() {
        let c = if c.dtype() == &DataType::String {
            c.clone()
        } else {
            match c.cast(&DataType::String) {
                Ok(c) => c,
                Err(e) if i == text || Some(i) == id => return Err(polars_err(e)),
                // A column with no text form (a list, a struct) is no metadata.
                Err(_) => {
                    text_at -= usize::from(text > i);
                    id_at = id_at.map(|d| d - usize::from(d > i));
                    continue;
                }
            }
        };
        columns.push((Arc::from(n.as_str()), c));
    }
    let (text, id) = (text_at, id_at);
    Ok(OpenFile::Table {
        name,
        columns,
        text,
        id,
        height,
        row: 0,
        null_text_is_error: csv.is_none(),
    })
}

/// `text` without its blank lines (empty, or a lone `\r`) outside quoted
/// fields, as [`csv_fault`] reads quotes: polars reads a blank line as a row
/// of empty cells, which would be an empty document that is no row of the
/// file (and shift the row numbers from those of [`csv_fault`]).
fn drop_blank_lines(text: &str, sep: u8) -> Cow<'_, str> {
    let (mut in_quotes, mut field_start) = (false, true);
    let mut kept: Option<String> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let blank = matches!(line, "\n" | "\r\n" | "\r");
        if blank && !in_quotes {
            kept.get_or_insert_with(|| text[..at].to_string());
        } else if let Some(k) = &mut kept {
            k.push_str(line);
        }
        at += line.len();
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if in_quotes {
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        in_quotes = false;
                    }
                }
            } else if b[i] == b'"' && field_start {
                in_quotes = true;
            } else if b[i] == sep || b[i] == b'\n' {
                field_start = true;
                i += 1;
                continue;
            }
            field_start = false;
            i += 1;
        }
    }
    match kept {
        Some(k) => Cow::Owned(k),
        None => Cow::Borrowed(text),
    }
}

/// A CSV read error in cipin's terms: the file, line and row of the first
/// row with more fields than the header, or of an unclosed quote, instead
/// of polars' message (which names neither and gives advice for its Python
/// API); polars' own message, without that advice, when neither is found.
fn csv_error(name: &str, text: &str, sep: u8, e: PolarsError) -> Error {
    let sep_name = if sep == b'\t' { "a tab" } else { "a comma" };
    match csv_fault(text, sep) {
        Some(CsvFault::Ragged {
            line,
            row,
            fields,
            header,
        }) => Error::line(
            name.to_string(),
            line,
            format!(
                "row {row} has {fields} fields but the header has {header} (a field holding \
                 {sep_name}, a double quote or a line break must be in double quotes, with \
                 its quotes doubled)"
            ),
        ),
        Some(CsvFault::OpenQuote { line, row }) => Error::line(
            name.to_string(),
            line,
            format!(
                "row {row}: a double quote opened here is never closed (a quote inside a \
                 quoted field is written twice: \"\")"
            ),
        ),
        None => {
            let msg = e.to_string();
            let kept: Vec<&str> = msg
                .lines()
                .filter(|l| !l.contains("truncate_ragged_lines") && !l.contains("Consider setting"))
                .filter(|l| !l.trim().is_empty())
                .collect();
            Error::file(name, format!("not readable as CSV: {}", kept.join(" ")))
        }
    }
}

/// A structural fault of a CSV text.
#[derive(Debug, PartialEq, Eq)]
enum CsvFault {
    /// A record (`row`, 1 for the first after the header) starting on
    /// `line` has more fields than the header.
    Ragged {
        line: usize,
        row: usize,
        fields: usize,
        header: usize,
    },
    /// A quoted field of the record `row`, starting on `line`, never ends.
    OpenQuote { line: usize, row: usize },
}

/// The first fault of `text` read as CSV (RFC 4180: fields may be quoted,
/// a quote in a quoted field is doubled, quoted fields may hold line
/// breaks). Rows with fewer fields than the header are not faults: they
/// read as missing cells.
fn csv_fault(text: &str, sep: u8) -> Option<CsvFault> {
    let bytes = text.as_bytes();
    let (mut line, mut record_line, mut record) = (1usize, 1usize, 0usize);
    let (mut fields, mut header) = (1usize, 0usize);
    let (mut in_quotes, mut field_start, mut empty) = (false, true, true);
    let mut i = 0;
    let mut end_record = |fields: usize, record: usize, record_line: usize| {
        if record == 0 {
            header = fields;
            None
        } else if fields > header {
            Some(CsvFault::Ragged {
                line: record_line,
                row: record,
                fields,
                header,
            })
        } else {
            None
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            } else if b == b'\n' {
                line += 1;
            }
        } else if b == b'"' && field_start {
            in_quotes = true;
            empty = false;
        } else if b == sep {
            fields += 1;
            field_start = true;
            empty = false;
            i += 1;
            continue;
        } else if b == b'\n' {
            // A blank line is no record (see `drop_blank_lines`).
            if !empty {
                if let Some(f) = end_record(fields, record, record_line) {
                    return Some(f);
                }
                record += 1;
            }
            line += 1;
            record_line = line;
            fields = 1;
            field_start = true;
            empty = true;
            i += 1;
            continue;
        } else if b != b'\r' {
            empty = false;
        }
        field_start = false;
        i += 1;
    }
    if in_quotes {
        return Some(CsvFault::OpenQuote {
            line: record_line,
            row: record,
        });
    }
    if !empty {
        return end_record(fields, record, record_line);
    }
    None
}

/// Read documents from an open file until the batch is full; `true` when
/// the file is finished.
fn read_open(
    open: &mut OpenFile,
    opts: &InputOptions,
    docs: &mut Vec<Doc>,
    bytes: &mut usize,
    warnings: &mut Vec<String>,
) -> Result<bool> {
    match open {
        OpenFile::Lines {
            name,
            path,
            reader,
            carry,
            line,
            offset,
            eof,
            replaced,
            first_replaced,
        } => {
            use std::io::Read;
            let io = |e| Error::Core(cipin_core::Error::io(&*path, e));
            while *bytes < opts.batch_bytes && !(*eof && carry.is_empty()) {
                let mut block = std::mem::take(carry);
                let want = (opts.batch_bytes - *bytes).max(1 << 20);
                let start = block.len();
                block.resize(start + want, 0);
                let mut got = 0;
                while !*eof && start + got < block.len() {
                    match reader.read(&mut block[start + got..]) {
                        Ok(0) => *eof = true,
                        Ok(n) => got += n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(io(e)),
                    }
                }
                block.truncate(start + got);
                // Keep the bytes after the last line break for the next block
                // (all of them, to read on, when there is none).
                let cut = if *eof {
                    block.len()
                } else {
                    match block.iter().rposition(|&b| b == b'\n') {
                        Some(i) => i + 1,
                        None => {
                            *carry = block;
                            continue;
                        }
                    }
                };
                carry.extend_from_slice(&block[cut..]);
                block.truncate(cut);
                let body: &[u8] = if *offset == 0 {
                    block.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&block)
                } else {
                    &block
                };
                let bom = block.len() - body.len();
                let text: Cow<'_, str> = match std::str::from_utf8(body) {
                    Ok(t) => Cow::Borrowed(t),
                    Err(_)
                        if *offset == 0
                            && opts.read.encoding == cipin_core::read::Encoding::Auto =>
                    {
                        // Not UTF-8 from the start: decode the whole file as
                        // cipin-core does (GB18030 detection, lossy).
                        let mut raw = block.clone();
                        raw.extend_from_slice(carry);
                        reader.read_to_end(&mut raw).map_err(io)?;
                        carry.clear();
                        *eof = true;
                        let doc = decode(name, &raw, &opts.read)?;
                        warnings.extend(doc.warnings);
                        let before = docs.len();
                        plain_docs(name, &doc.text, 1, docs);
                        *bytes += docs[before..].iter().map(|d| d.text.len()).sum::<usize>();
                        return Ok(true);
                    }
                    Err(e) if !opts.read.lossy => {
                        return Err(Error::Core(cipin_core::Error::Decode {
                            file: name.to_string(),
                            encoding: "UTF-8",
                            offset: *offset + bom + e.valid_up_to(),
                        }))
                    }
                    Err(e) => {
                        let n = body
                            .utf8_chunks()
                            .filter(|c| !c.invalid().is_empty())
                            .count();
                        if *replaced == 0 {
                            let before = &body[..e.valid_up_to()];
                            *first_replaced =
                                *line + before.iter().filter(|&&b| b == b'\n').count();
                        }
                        *replaced += n;
                        String::from_utf8_lossy(body)
                    }
                };
                let before = docs.len();
                *line += plain_docs(name, &text, *line, docs);
                *bytes += docs[before..].iter().map(|d| d.text.len()).sum::<usize>();
                *offset += block.len();
            }
            let finished = *eof && carry.is_empty();
            if finished && *replaced > 0 {
                // One warning for the file, with the count, as decode gives.
                warnings.push(format!(
                    "{name}: {} invalid byte sequence{} replaced with U+FFFD (the first on line {})",
                    *replaced,
                    if *replaced == 1 { "" } else { "s" },
                    *first_replaced
                ));
                *replaced = 0;
            }
            Ok(finished)
        }
        OpenFile::Jsonl {
            name,
            reader,
            line,
            keys,
            encoding,
        } => {
            let mut buf = Vec::new();
            while *bytes < opts.batch_bytes {
                buf.clear();
                let n = reader
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| cipin_core::Error::io(&**name, e))?;
                if n == 0 {
                    return Ok(true);
                }
                *line += 1;
                let doc = jsonl_doc(name, *line, &buf, opts, keys, encoding, warnings)?;
                if let Some(doc) = doc {
                    *bytes += doc.text.len();
                    docs.push(doc);
                }
            }
            Ok(false)
        }
        OpenFile::Table {
            name,
            columns,
            text,
            id,
            height,
            row,
            null_text_is_error,
        } => {
            let cols: Vec<&StringChunked> = columns
                .iter()
                .map(|(_, c)| c.str())
                .collect::<PolarsResult<_>>()
                .map_err(|e| Error::file(&name, e))?;
            while *row < *height && *bytes < opts.batch_bytes {
                let r = *row;
                *row += 1;
                let doc_id = match id {
                    Some(i) => cols[*i].get(r).unwrap_or("").to_string(),
                    None => format!("{name}:{}", r + 1),
                };
                let body = match cols[*text].get(r) {
                    Some(t) => t.to_string(),
                    None if *null_text_is_error => {
                        return Err(Error::file(
                            &name,
                            format!(
                                "row {}: the text is null (every document's text must be text; \
                                 drop or fill such rows first)",
                                r + 1
                            ),
                        ))
                    }
                    None => String::new(),
                };
                let meta = columns
                    .iter()
                    .zip(&cols)
                    .enumerate()
                    .filter(|(i, _)| *i != *text)
                    .filter_map(|(_, ((n, _), c))| c.get(r).map(|v| (n.clone(), v.to_string())))
                    .collect();
                *bytes += body.len();
                docs.push(Doc {
                    parent: None,
                    id: doc_id,
                    file: name.clone(),
                    meta,
                    tokens: None,
                    text: body,
                });
            }
            Ok(*row >= *height)
        }
    }
}

fn jsonl_doc(
    name: &Arc<str>,
    line: usize,
    raw: &[u8],
    opts: &InputOptions,
    keys: &mut HashMap<String, Arc<str>>,
    encoding: &mut Option<Encoding>,
    warnings: &mut Vec<String>,
) -> Result<Option<Doc>> {
    let at = |message: String| Error::line(name.to_string(), line, message);
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let text: Cow<'_, str> = match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let read = ReadOptions {
                encoding: encoding.unwrap_or(opts.read.encoding),
                ..opts.read.clone()
            };
            let d = decode(&format!("{name}:{line}"), raw, &read)?;
            if encoding.is_none() && opts.read.encoding == Encoding::Auto {
                *encoding = d.encoding.parse().ok();
            }
            warnings.extend(d.warnings);
            Cow::Owned(d.text)
        }
    };
    let text = if line == 1 {
        text.trim_start_matches('\u{FEFF}')
    } else {
        &text
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| at(e.to_string()))?;
    let serde_json::Value::Object(map) = value else {
        return Err(at("expected a JSON object".into()));
    };
    let scalar = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    };
    let body = match map.get(&opts.text_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        // Nothing is coerced: `null` is not an empty document and `3` is
        // not the text "3".
        Some(v) => {
            let kind = match v {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            };
            return Err(at(format!(
                "`{}` is {kind}, not a string (every document's text must be a string; drop or \
                 fix such lines first)",
                opts.text_field
            )));
        }
        None => {
            return Err(Error::setting(
                Setting::TextField,
                format!(
                    "{name}:{line}: no `{}` field (the field that holds the text)",
                    opts.text_field
                ),
            ))
        }
    };
    let id = match &opts.id_field {
        Some(f) => match map.get(f).and_then(scalar) {
            Some(v) => v,
            None => {
                return Err(Error::setting(
                    Setting::IdField,
                    format!("{name}:{line}: no `{f}` field (the field that holds the id)"),
                ))
            }
        },
        None => format!("{name}:{line}"),
    };
    let mut meta = Vec::with_capacity(map.len().saturating_sub(1));
    for (k, v) in &map {
        if *k == opts.text_field {
            continue;
        }
        if let Some(v) = scalar(v) {
            let key = match keys.get(k) {
                Some(a) => a.clone(),
                None => {
                    let a: Arc<str> = Arc::from(k.as_str());
                    keys.insert(k.clone(), a.clone());
                    a
                }
            };
            meta.push((key, v));
        }
    }
    Ok(Some(Doc {
        parent: None,
        id,
        file: name.clone(),
        meta,
        tokens: None,
        text: body,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, content: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cipin-tables-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn plain_lines_skip_blanks() {
        let p = tmp("plain.txt", "第一行\n\n  \n第二行\r\n".as_bytes());
        let c = Corpus::open(
            &[&p],
            InputOptions {
                plain: true,
                ..Default::default()
            },
        )
        .unwrap();
        let docs = c.read_all().unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].text, "第二行");
        assert!(docs[1].id.ends_with("plain.txt:4"));
        assert_eq!(docs[1].doc(), docs[1].id);
    }

    #[test]
    fn lines_split_like_core() {
        for t in ["a\r\nb\rc\n\nd", "", "x\n", "\r\r\n", "甲\r\n乙"] {
            let core = cipin_core::read::normalize_newlines(t.to_string());
            let want: Vec<&str> = core.split('\n').collect();
            assert_eq!(lines(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn jsonl_fields_and_errors() {
        let p = tmp("a.jsonl", "{\"text\":\"共富\",\"year\":2021,\"src\":\"人民日报\"}\n\n{\"text\":\"\",\"id\":\"x\"}\n".as_bytes());
        let c = Corpus::open(&[&p], InputOptions::default()).unwrap();
        let docs = c.read_all().unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].get("year"), Some("2021"));
        assert_eq!(docs[0].get("src"), Some("人民日报"));
        assert_eq!(docs[1].text, "");
        assert!(docs[1].id.ends_with("a.jsonl:3"));
        // A text that is not a string is an error naming file and line.
        for (value, kind) in [
            ("null", "null"),
            ("3", "a number"),
            ("true", "a boolean"),
            ("[\"a\"]", "an array"),
            ("{\"a\":1}", "an object"),
        ] {
            let p = tmp(
                "typed.jsonl",
                format!("{{\"text\":\"好\"}}\n{{\"text\":{value}}}\n").as_bytes(),
            );
            let err = Corpus::open(&[&p], InputOptions::default())
                .unwrap()
                .read_all()
                .unwrap_err()
                .to_string();
            assert!(
                err.ends_with(&format!("typed.jsonl:2: `text` is {kind}, not a string (every document's text must be a string; drop or fix such lines first)")),
                "{err}"
            );
        }

        let bad = tmp("bad.jsonl", b"{\"text\":\"a\"}\n{\"text\": oops}\n");
        let err = Corpus::open(&[&bad], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("bad.jsonl:2: "), "{msg}");
        let nofield = tmp("nofield.jsonl", b"{\"body\":\"a\"}\n");
        let err = Corpus::open(&[&nofield], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err();
        assert!(err
            .to_string()
            .ends_with("nofield.jsonl:1: no `text` field (the field that holds the text)"));
    }

    #[test]
    fn csv_columns_and_missing_text_column() {
        let p = tmp(
            "t.csv",
            "id,year,text\nd1,2021,\"共同富裕，示范区\"\nd2,2022,千万工程\n".as_bytes(),
        );
        let opts = InputOptions {
            id_column: Some("id".into()),
            ..Default::default()
        };
        let docs = Corpus::open(&[&p], opts).unwrap().read_all().unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            (docs[0].id.as_str(), docs[0].text.as_str()),
            ("d1", "共同富裕，示范区")
        );
        assert_eq!(docs[1].get("year"), Some("2022"));
        let opts = InputOptions {
            text_column: "body".into(),
            ..Default::default()
        };
        let err = Corpus::open(&[&p], opts).unwrap().read_all().unwrap_err();
        assert!(
            err.to_string()
                .contains("t.csv: no text column `body` (columns: id, year, text"),
            "{err}"
        );
    }

    #[test]
    fn ragged_csv_rows_are_named_by_line_and_row() {
        let p = tmp(
            "ragged.csv",
            "id,text\nd1,\"好，\n多行\"\nd2,共同富裕,多余\n".as_bytes(),
        );
        let err = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ragged.csv:4: row 2 has 3 fields but the header has 2"),
            "{err}"
        );
        assert!(!err.contains("truncate_ragged_lines"), "{err}");
    }

    #[test]
    fn csv_blank_lines_are_no_rows() {
        // A blank line (between rows, at the start, or an extra one at the
        // end) is no row: polars alone reads it as a row of empty cells, an
        // empty document found nowhere in the file. One inside a quoted
        // field is kept.
        let p = tmp(
            "blank.csv",
            "\ntext,label\r\na,1\r\n\r\n\"x\n\ny\",2\n\nb,3\n\n".as_bytes(),
        );
        let docs = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = docs
            .iter()
            .map(|d| {
                let row = d.id.rsplit(':').next().unwrap();
                (row, d.text.as_str(), d.get("label"))
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1", "a", Some("1")),
                ("2", "x\n\ny", Some("2")),
                ("3", "b", Some("3"))
            ]
        );
        // The rows of an error count as the documents do.
        let p = tmp(
            "blank-ragged.csv",
            "text,label\n\na,1\n\nb,2,3\n".as_bytes(),
        );
        let err = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("blank-ragged.csv:5: row 2 has 3 fields"),
            "{err}"
        );
    }

    #[test]
    fn csv_last_row_without_line_break_is_read_alike() {
        // polars dropped the empty field after a final separator when no
        // line break followed (`a,b,` under a header of two): the row must
        // be refused as it is with the line break.
        for t in ["year,text\na,b,", "year,text\na,b,\n"] {
            let p = tmp("last.csv", t.as_bytes());
            let err = Corpus::open(&[&p], InputOptions::default())
                .unwrap()
                .read_all()
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("last.csv:2: row 1 has 3 fields"),
                "{t:?}: {err}"
            );
        }
        let p = tmp("last-ok.csv", "year,text\r\n2024,共同富裕\r".as_bytes());
        let docs = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "共同富裕");
    }

    #[test]
    fn csv_faults() {
        assert_eq!(csv_fault("a,b\n1,2\n3\n", b','), None);
        assert_eq!(csv_fault("a,b\n\"1,x\",2\n", b','), None);
        assert_eq!(csv_fault("a,b\n\"x\"\"y\",2\n\n", b','), None);
        assert_eq!(
            csv_fault("a,b\r\n1,2\r\n3,4,5", b','),
            Some(CsvFault::Ragged {
                line: 3,
                row: 2,
                fields: 3,
                header: 2
            })
        );
        assert_eq!(
            csv_fault("a\tb\n1\t\"2\n\n3\n", b'\t'),
            Some(CsvFault::OpenQuote { line: 2, row: 1 })
        );
        assert_eq!(csv_fault("", b','), None);
    }

    #[test]
    fn parquet_text_must_be_text() {
        let dir = std::env::temp_dir().join(format!("cipin-tables-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("n.parquet");
        let mut df = df!("text" => [1i64, 2]).unwrap();
        ParquetWriter::new(std::fs::File::create(&p).unwrap())
            .finish(&mut df)
            .unwrap();
        let err = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("n.parquet: the text column `text` holds i64, not text"),
            "{err}"
        );
        let p = dir.join("null.parquet");
        let mut df = df!("text" => [Some("好"), None]).unwrap();
        ParquetWriter::new(std::fs::File::create(&p).unwrap())
            .finish(&mut df)
            .unwrap();
        let err = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("null.parquet: row 2: the text is null (every document's text must be text; drop or fill such rows first)"), "{err}");
    }

    #[test]
    fn parquet_columns_without_text_form_are_skipped() {
        let lists = Series::new(
            "tags".into(),
            [
                Series::new("".into(), ["a", "b"]),
                Series::new("".into(), ["c"]),
            ],
        );
        let mut df = DataFrame::new(
            2,
            vec![
                Column::from(lists),
                Column::new("year".into(), [2021i64, 2022]),
                Column::new("text".into(), ["共同富裕", "千万工程"]),
            ],
        )
        .unwrap();
        let dir = std::env::temp_dir().join(format!("cipin-tables-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("l.parquet");
        ParquetWriter::new(std::fs::File::create(&p).unwrap())
            .finish(&mut df)
            .unwrap();
        let docs = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].text, "千万工程");
        assert_eq!(docs[1].get("year"), Some("2022"));
    }

    #[test]
    fn batches_split_large_inputs() {
        let lines: String = (0..100).map(|i| format!("第{i}行文字\n")).collect();
        let p = tmp("many.txt", lines.as_bytes());
        let opts = InputOptions {
            plain: true,
            batch_bytes: 100,
            ..Default::default()
        };
        let c = Corpus::open(&[&p, &p], opts).unwrap();
        let batches: Vec<_> = c.batches().collect::<Result<_>>().unwrap();
        assert_eq!(batches.iter().map(|b| b.docs.len()).sum::<usize>(), 200);
        assert_eq!(batches.iter().map(|b| b.files).sum::<usize>(), 2);
    }

    #[test]
    fn big_plain_files_stream_in_blocks_like_whole_reads() {
        let mut text = String::from("\u{FEFF}");
        for i in 0..3000 {
            text.push_str(&format!("第{i}行，共同富裕"));
            text.push_str(match i % 4 {
                0 => "\r\n",
                1 => "\n\n",
                2 => "\r",
                _ => "\n",
            });
        }
        text.push_str("最后一行");
        let p = tmp("big.txt", text.as_bytes());
        let whole = Corpus::open(
            &[&p],
            InputOptions {
                plain: true,
                ..Default::default()
            },
        )
        .unwrap()
        .read_all()
        .unwrap();
        let opts = InputOptions {
            plain: true,
            batch_bytes: 1000,
            ..Default::default()
        };
        let streamed = Corpus::open(&[&p], opts.clone())
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(streamed, whole);
        assert_eq!(whole.len(), 3001);
        assert!(whole[0].text.starts_with("第0行") && whole.last().unwrap().id.ends_with(":3751"));
        // GB18030 found at the start falls back to decoding the whole file.
        let (gb, _, _) = encoding_rs::GB18030.encode(&text[3..]);
        let g = tmp("big-gb.txt", &gb);
        let gdocs = Corpus::open(&[&g], opts.clone())
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(
            gdocs.iter().map(|d| &d.text).collect::<Vec<_>>(),
            whole.iter().map(|d| &d.text).collect::<Vec<_>>()
        );
        // Invalid UTF-8 later on is an error naming the file and offset.
        let mut bad = text.clone().into_bytes();
        let at = bad.len() - 5;
        bad[at] = 0xFF;
        let b = tmp("big-bad.txt", &bad);
        let err = Corpus::open(&[&b], opts)
            .unwrap()
            .read_all()
            .unwrap_err()
            .to_string();
        assert!(err.contains("big-bad.txt: invalid UTF-8 at byte"), "{err}");
    }

    #[test]
    fn streamed_lossy_plain_files_warn_once_with_the_count() {
        // Bad bytes in two different blocks of a file streamed in blocks.
        let mut bytes = Vec::new();
        // Over 1 MiB, the smallest block read.
        for i in 0..50_000 {
            bytes.extend_from_slice(format!("第{i}行，共同富裕\n").as_bytes());
            if i == 40_000 || i == 45_000 {
                bytes.extend_from_slice(b"\xFF\xFE\n");
            }
        }
        let p = tmp("big-lossy.txt", &bytes);
        let opts = InputOptions {
            plain: true,
            batch_bytes: 1000,
            read: ReadOptions {
                lossy: true,
                ..InputOptions::default().read
            },
            ..Default::default()
        };
        let c = Corpus::open(&[&p], opts).unwrap();
        let mut warnings = Vec::new();
        let mut docs = 0;
        for b in c.batches() {
            let b = b.unwrap();
            docs += b.docs.len();
            warnings.extend(b.warnings);
        }
        assert_eq!(docs, 50_002);
        let name = path_id(&p);
        assert_eq!(
            warnings,
            vec![format!(
                "{name}: 4 invalid byte sequences replaced with U+FFFD (the first on line 40002)"
            )]
        );
    }

    #[test]
    fn a_legacy_jsonl_file_is_guessed_once() {
        let mut bytes = Vec::new();
        for i in 0..20 {
            let line = format!("{{\"text\": \"第{i}條新聞\"}}\n");
            bytes.extend_from_slice(&encoding_rs::BIG5.encode(&line).0);
        }
        let p = tmp("big5.jsonl", &bytes);
        let c = Corpus::open(&[&p], InputOptions::default()).unwrap();
        let mut warnings = Vec::new();
        for b in c.batches() {
            warnings.extend(b.unwrap().warnings);
        }
        // Each short line alone is too little to be sure of: one warning
        // for the first line, not one per line.
        assert!(warnings.len() <= 1, "{warnings:?}");
    }

    #[test]
    fn prefetch_then_read_gives_the_same_batches() {
        let lines: String = (0..50).map(|i| format!("第{i}行\n")).collect();
        let p = tmp("prefetch.txt", lines.as_bytes());
        let opts = InputOptions {
            plain: true,
            batch_bytes: 60,
            ..Default::default()
        };
        let c = Corpus::open(&[&p, &p], opts).unwrap();
        let plain: Vec<Doc> = c.read_all().unwrap();
        c.prefetch().unwrap();
        assert_eq!(c.read_all().unwrap(), plain);
        assert_eq!(c.read_all().unwrap(), plain);
    }

    #[test]
    fn pages_become_articles_with_metadata() {
        let p = tmp(
            "page.txt",
            "黄岩区召开推进会\n\n本报讯 会议强调。\n".as_bytes(),
        );
        let docs = Corpus::open(&[&p], InputOptions::default())
            .unwrap()
            .read_all()
            .unwrap();
        assert!(!docs.is_empty());
        assert!(docs[0].id.ends_with("page.txt#0"));
        assert_eq!(docs[0].get("kind"), Some("article"));
        assert!(docs.iter().any(|d| d.text.contains("会议强调")));
        assert_eq!(GroupBy::Doc.key(&docs[0]), Some(docs[0].file.as_ref()));
    }
}
