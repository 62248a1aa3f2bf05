//! The native segmenter: a configured `cipin_core::segment::Segmenter`,
//! shared between equal configurations, and token tables.

use cipin_tables::polars;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use cipin_core::segment::{Segmenter, SegmenterConfig, UserWord};
use polars::prelude::*;
use polars_arrow::array::MutableBinaryViewArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use crate::arrow::ArrowTable;
use crate::errors::{core_err, Fail};
use crate::texts::{texts_from_py, Texts};
use crate::work::{run, Ctl};
use cipin_core::sentences::split_sentences;

/// One user dictionary entry as Python sees it: `(word, freq, tag)`.
pub type Entry = (String, Option<u64>, Option<String>);

/// Everything that determines a segmenter: its settings (as canonical
/// JSON, so that equal settings are one key) and its user words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SegKey {
    pub config: String,
    pub entries: Vec<Entry>,
}

fn cache() -> &'static Mutex<HashMap<SegKey, Weak<Segmenter>>> {
    static CACHE: OnceLock<Mutex<HashMap<SegKey, Weak<Segmenter>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn build(config: &SegmenterConfig, entries: &[Entry]) -> Result<Segmenter, cipin_core::Error> {
    let entries = entries.iter().map(|(w, f, t)| UserWord {
        word: w.clone(),
        freq: f.map(|f| f as usize),
        tag: t.clone(),
    });
    Segmenter::builder()
        .config(config.clone())
        .user_entries(entries)
        .build()
}

/// A segmenter for `key`: the one already built for an equal configuration
/// when it is still alive (so unpickling in a worker process, or building the
/// same segmenter twice, loads the dictionary once), else a new one.
fn shared(config: &SegmenterConfig, key: &SegKey) -> Result<Arc<Segmenter>, cipin_core::Error> {
    let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = map.get(key).and_then(Weak::upgrade) {
        return Ok(s);
    }
    map.retain(|_, w| w.strong_count() > 0);
    let s = Arc::new(build(config, &key.entries)?);
    map.insert(key.clone(), Arc::downgrade(&s));
    Ok(s)
}

fn validate_entry(e: &Entry) -> PyResult<()> {
    let (w, _, t) = e;
    if w.is_empty() || w.chars().any(char::is_whitespace) {
        return Err(PyValueError::new_err(format!(
            "bad user word {w:?}: a word must be non-empty and contain no whitespace"
        )));
    }
    if let Some(t) = t {
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(PyValueError::new_err(format!(
                "bad POS tag {t:?} for user word {w:?}: a tag is ASCII letters (n, nz, v, ...)"
            )));
        }
    }
    Ok(())
}

/// The native segmenter behind :class:`cipin.Segmenter`.
#[pyclass(module = "cipin._cipin", name = "NativeSegmenter", frozen)]
pub struct PySegmenter {
    pub inner: Arc<Segmenter>,
    key: SegKey,
    config: SegmenterConfig,
}

impl PySegmenter {
    /// The settings.
    pub(crate) fn settings(&self) -> &SegmenterConfig {
        &self.config
    }

    /// This segmenter's words with `config` instead of its settings: itself
    /// when they are equal, else one from the shared cache.
    pub(crate) fn for_config(
        &self,
        config: SegmenterConfig,
    ) -> Result<Segmenter, cipin_core::Error> {
        if config == self.config {
            return Ok((*self.inner).clone());
        }
        let key = SegKey {
            config: serde_json::to_string(&config)
                .map_err(|e| cipin_core::Error::Invalid(e.to_string()))?,
            entries: self.key.entries.clone(),
        };
        Ok((*shared(&config, &key)?).clone())
    }
}

#[pymethods]
impl PySegmenter {
    /// A segmenter of `entries` (user words) and `settings`, the fields of
    /// `cipin_core::segment::SegmenterConfig` by name (`mode`, `hmm`, `pos`,
    /// `normalize` (a dict of rules), `keep_terms`, `keep_numbers`,
    /// `strict_hmm`, `user_dicts`), passed straight to it: one not given
    /// takes the library's default, an unknown one is an error.
    #[new]
    #[pyo3(signature = (entries = Vec::new(), **settings))]
    fn new(
        py: Python<'_>,
        entries: Vec<Entry>,
        settings: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        for e in &entries {
            validate_entry(e)?;
        }
        let config: SegmenterConfig = crate::tables::config("Segmenter", settings)?;
        let key = SegKey {
            config: serde_json::to_string(&config)
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
            entries,
        };
        let (c, k) = (config.clone(), key.clone());
        let inner = py
            .detach(move || shared(&c, &k))
            .map_err(|e| core_err(py, e))?;
        Ok(PySegmenter { inner, key, config })
    }

    /// The settings, as a dict (`SegmenterConfig`'s fields).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v =
            serde_json::to_value(&self.config).map_err(|e| PyValueError::new_err(e.to_string()))?;
        crate::tables::from_json(py, &v)
    }

    /// The mode: precise, full or search.
    #[getter]
    fn mode(&self) -> String {
        self.config.mode.to_string()
    }
    #[getter]
    fn hmm(&self) -> bool {
        self.config.hmm
    }
    #[getter]
    fn pos(&self) -> bool {
        self.config.pos
    }
    #[getter]
    fn keep_terms(&self) -> bool {
        self.config.keep_terms
    }
    #[getter]
    fn keep_numbers(&self) -> bool {
        self.config.keep_numbers
    }
    #[getter]
    fn entries(&self) -> Vec<Entry> {
        self.key.entries.clone()
    }

    /// Normalise a text with this segmenter's rules.
    fn normalize(&self, py: Python<'_>, text: &str) -> String {
        let seg = self.inner.clone();
        let text = text.to_string();
        py.detach(move || seg.normalizer().normalize(&text).into_owned())
    }

    /// The words of one text (normalised, whitespace dropped).
    fn cut(&self, py: Python<'_>, text: &str) -> Vec<String> {
        let seg = self.inner.clone();
        let text = text.to_string();
        py.detach(move || {
            let mut out = Vec::new();
            seg.for_each_normalized(&text, |t| {
                if !is_space(t.word) {
                    out.push(t.word.to_string());
                }
            });
            out
        })
    }

    /// The token table of `texts`: `[row,] position, token, [pos,] start, end`.
    #[pyo3(signature = (texts, with_row = true, progress = None))]
    fn segment(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        with_row: bool,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ArrowTable> {
        let texts = texts_from_py(texts, "texts")?;
        let seg = self.inner.clone();
        let size = texts.total_bytes();
        let df = run(py, Some(size), progress, move |ctl| {
            token_table(&seg, &texts, with_row, ctl)
        })?;
        Ok(ArrowTable::new(df))
    }

    /// The tokens of every text as a one-column table (`List[String]`,
    /// named `name`), row for row; a null text gives a null row. The work
    /// behind `pl.col(...).cipin.tokens()`.
    #[pyo3(signature = (texts, name = "tokens", progress = None))]
    fn tokens_column(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        name: &str,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ArrowTable> {
        let texts = texts_from_py(texts, "texts")?;
        let (seg, name) = (self.inner.clone(), name.to_string());
        let df = run(py, Some(texts.total_bytes()), progress, move |ctl| {
            crate::columns::tokens_column(&seg, &texts, &name, ctl)
        })?;
        Ok(ArrowTable::new(df))
    }

    /// Every text normalised, as a one-column table (`String`, named
    /// `name`); nulls stay null. The work behind `.cipin.normalize()`.
    #[pyo3(signature = (texts, name = "text"))]
    fn normalize_column(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        name: &str,
    ) -> PyResult<ArrowTable> {
        let texts = texts_from_py(texts, "texts")?;
        let (seg, name) = (self.inner.clone(), name.to_string());
        let df = run(py, Some(texts.total_bytes()), None, move |ctl| {
            crate::columns::normalize_column(&seg, &texts, &name, ctl)
        })?;
        Ok(ArrowTable::new(df))
    }

    fn __repr__(&self) -> String {
        format!(
            "NativeSegmenter(mode={:?}, hmm={}, pos={}, user words={})",
            self.mode(),
            self.config.hmm,
            self.config.pos,
            self.key.entries.len()
        )
    }
}

/// Whitespace-only tokens (spaces, newlines) are not part of token tables.
pub fn is_space(w: &str) -> bool {
    w.chars().all(char::is_whitespace)
}

/// Texts longer than this are segmented sentence-parallel by the core crate.
const BIG_TEXT: usize = 256 * 1024;

struct Part {
    row: Vec<u32>,
    sentence: Vec<u32>,
    position: Vec<u32>,
    token: MutableBinaryViewArray<str>,
    pos: MutableBinaryViewArray<str>,
    start: Vec<u32>,
    end: Vec<u32>,
}

impl Part {
    fn new(cap: usize) -> Self {
        Part {
            row: Vec::with_capacity(cap),
            sentence: Vec::with_capacity(cap),
            position: Vec::with_capacity(cap),
            token: MutableBinaryViewArray::with_capacity(cap),
            pos: MutableBinaryViewArray::new(),
            start: Vec::with_capacity(cap),
            end: Vec::with_capacity(cap),
        }
    }
}

/// Tokens of one sentence: `(word, pos, start, end)`, offsets in the text.
type SentenceTokens<'a> = Vec<(&'a str, Option<&'a str>, usize, usize)>;

/// Segment one text (normalised) sentence by sentence, as the tables crate
/// walks it, calling `f(sentence, word, pos, start, end)` for every token
/// that is not whitespace. Long texts are segmented sentence-parallel.
fn walk_text(
    seg: &Segmenter,
    text: &str,
    mut f: impl FnMut(u32, &str, Option<&str>, usize, usize),
) {
    let norm = seg.normalizer().normalize(text);
    let mut sentences = Vec::new();
    let mut offset = 0;
    for s in split_sentences(&norm) {
        sentences.push((s, offset));
        offset += s.chars().count();
    }
    if norm.len() > BIG_TEXT {
        let parts: Vec<Vec<SentenceTokens<'_>>> = sentences
            .par_chunks(256)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&(s, off)| {
                        let mut v = Vec::new();
                        seg.for_each_token(s, |t| {
                            v.push((t.word, t.pos, t.start + off, t.end + off))
                        });
                        v
                    })
                    .collect()
            })
            .collect();
        for (si, toks) in parts.into_iter().flatten().enumerate() {
            for (w, p, a, b) in toks {
                if !is_space(w) {
                    f(si as u32, w, p, a, b);
                }
            }
        }
    } else {
        for (si, &(s, off)) in sentences.iter().enumerate() {
            seg.for_each_token(s, |t| {
                if !is_space(t.word) {
                    f(si as u32, t.word, t.pos, t.start + off, t.end + off);
                }
            });
        }
    }
}

/// Segment every text into one long token table.
pub fn token_table(
    seg: &Segmenter,
    texts: &Texts,
    with_row: bool,
    ctl: &Ctl,
) -> Result<DataFrame, Fail> {
    if texts.len() > u32::MAX as usize {
        return Err(Fail::Value("too many texts (at most 2^32)".into()));
    }
    let ranges = texts.ranges(256 * 1024);
    let parts: Vec<Part> = ranges
        .into_par_iter()
        .map(|r| {
            let bytes: usize = r.clone().map(|i| texts.get(i).len()).sum();
            let mut part = Part::new(bytes / 4 + 16);
            for i in r {
                ctl.check()?;
                let text = texts.get(i);
                let mut position = 0u32;
                walk_text(seg, text, |si, w, p, a, b| {
                    part.row.push(i as u32);
                    part.sentence.push(si);
                    part.position.push(position);
                    part.token.push_value(w);
                    if let Some(p) = p {
                        part.pos.push_value(p);
                    }
                    part.start.push(a as u32);
                    part.end.push(b as u32);
                    position += 1;
                });
                ctl.add(text.len() as u64);
            }
            Ok(part)
        })
        .collect::<Result<_, Fail>>()?;
    ctl.check()?;

    let n: usize = parts.iter().map(|p| p.row.len()).sum();
    let mut row = Vec::with_capacity(if with_row { n } else { 0 });
    let mut sentence = Vec::with_capacity(n);
    let mut position = Vec::with_capacity(n);
    let mut start = Vec::with_capacity(n);
    let mut end = Vec::with_capacity(n);
    let mut tokens: Vec<ArrayRef> = Vec::with_capacity(parts.len());
    let mut tags: Vec<ArrayRef> = Vec::with_capacity(parts.len());
    for p in parts {
        if with_row {
            row.extend_from_slice(&p.row);
        }
        sentence.extend_from_slice(&p.sentence);
        position.extend_from_slice(&p.position);
        start.extend_from_slice(&p.start);
        end.extend_from_slice(&p.end);
        tokens.push(p.token.freeze().boxed());
        if seg.pos() {
            tags.push(p.pos.freeze().boxed());
        }
    }
    let mut cols: Vec<Column> = Vec::new();
    if with_row {
        cols.push(UInt32Chunked::from_vec("row".into(), row).into_column());
    }
    cols.push(UInt32Chunked::from_vec("sentence".into(), sentence).into_column());
    cols.push(UInt32Chunked::from_vec("position".into(), position).into_column());
    cols.push(string_chunks("token", tokens).into_column());
    if seg.pos() {
        cols.push(string_chunks("pos", tags).into_column());
    }
    cols.push(UInt32Chunked::from_vec("start".into(), start).into_column());
    cols.push(UInt32Chunked::from_vec("end".into(), end).into_column());
    Ok(DataFrame::new(n, cols)?)
}

/// A string column from Utf8View chunks, made one chunk (views are
/// concatenated; the string buffers are shared, not copied).
pub fn string_chunks(name: &str, chunks: Vec<ArrayRef>) -> Series {
    if chunks.is_empty() {
        return Series::new_empty(name.into(), &DataType::String);
    }
    // SAFETY: every chunk is a Utf8ViewArray.
    let ca = unsafe { StringChunked::from_chunks(name.into(), chunks) };
    ca.rechunk().into_owned().into_series()
}
