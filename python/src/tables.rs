//! Bindings of the `cipin-tables` analyses, on text: corpora of files or
//! of documents held in memory, segmented and counted in Rust without
//! materialising tokens. (Token tables are counted by the Python layer
//! with polars, using [`NativeFilter::keep`] for the exact token filter.)

use cipin_tables::polars;
use std::path::PathBuf;

use cipin_core::read::Encoding;
use cipin_tables::assoc::{Context, Sort};
use cipin_tables::corpus::{Corpus, Doc, GroupBy, InputOptions, Summary};
use cipin_tables::filter::{DfLimit, Filter, StopwordList};
use cipin_tables::keywords::{IdfSource, KeywordOptions};
use cipin_tables::kwic::{KwicOptions, Match, Window};
use cipin_tables::tables::{Idf, Options, Output};
use cipin_tables::{measures, Error as TError};
use polars::prelude::*;
use polars_arrow::array::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use crate::arrow::{frame_from_py, ArrowTable};
use crate::errors::{core_err, pl, Fail};
use crate::segmenter::PySegmenter;
use crate::texts::{string_column, texts_from_py};
use crate::work::run;

// ---------------------------------------------------------------------------
// Corpora

/// A corpus for the native tables: files (read in batches when a table is
/// built) or documents in memory.
#[pyclass(module = "cipin._cipin", name = "NativeCorpus", frozen)]
pub struct PyCorpus {
    pub(crate) corpus: Corpus,
    pub(crate) size: Option<u64>,
    n_docs: Option<usize>,
}

#[pymethods]
impl PyCorpus {
    /// Number of documents (`None` for files, known only once read).
    #[getter]
    fn n_docs(&self) -> Option<usize> {
        self.n_docs
    }

    fn __repr__(&self) -> String {
        match self.n_docs {
            Some(n) => format!("<NativeCorpus: {n} documents in memory>"),
            None => format!("<NativeCorpus: {} files>", self.corpus.sources().len()),
        }
    }
}

/// A corpus of files and folders, read as the CLI reads them.
#[pyfunction]
#[pyo3(signature = (paths, encoding = "auto", lossy = false, extensions = None, plain = false, text_field = "text", id_field = None, text_column = "text", id_column = None))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_from_paths(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    encoding: &str,
    lossy: bool,
    extensions: Option<Vec<String>>,
    plain: bool,
    text_field: &str,
    id_field: Option<String>,
    text_column: &str,
    id_column: Option<String>,
) -> PyResult<PyCorpus> {
    let mut opts = InputOptions::default();
    opts.read.encoding = encoding.parse::<Encoding>().map_err(|e| core_err(py, e))?;
    opts.read.lossy = lossy;
    if let Some(ext) = extensions {
        opts.read.extensions = ext
            .into_iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect();
    }
    opts.plain = plain;
    opts.text_field = text_field.to_string();
    opts.id_field = id_field;
    opts.text_column = text_column.to_string();
    opts.id_column = id_column;
    let corpus = py
        .detach(move || Corpus::open(&paths, opts))
        .map_err(|e| Fail::from(e).into_pyerr(py))?;
    // The files the corpus reads (walking its own way: a link loop is
    // walked once), not a walk of our own that would follow it forever.
    let size: u64 = corpus
        .sources()
        .iter()
        .map(|s| match s {
            cipin_core::read::Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            cipin_core::read::Source::Stdin => 0,
        })
        .sum();
    Ok(PyCorpus {
        corpus,
        size: Some(size),
        n_docs: None,
    })
}

/// A corpus of texts in memory: `texts` (a str, a list of str, or a string
/// column), with ids `0, 1, ...`; or a table with columns `id`, `text` and
/// metadata columns (every other column, all strings) for grouping.
#[pyfunction]
#[pyo3(signature = (texts = None, frame = None))]
pub fn corpus_from_texts(
    py: Python<'_>,
    texts: Option<&Bound<'_, PyAny>>,
    frame: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCorpus> {
    let docs: Vec<Doc> = match (texts, frame) {
        (Some(t), None) => {
            let texts = texts_from_py(t, "texts")?;
            py.detach(|| {
                (0..texts.len())
                    .into_par_iter()
                    .map(|i| Doc::new(i.to_string(), texts.get(i)))
                    .collect()
            })
        }
        (None, Some(f)) => {
            let df = frame_from_py(f)?;
            let id = string_column(pl(df.column("id"))?, "id")?;
            let text = string_column(pl(df.column("text"))?, "text")?;
            let mut meta = Vec::new();
            for c in df.columns() {
                let name = c.name().as_str();
                if name != "id" && name != "text" {
                    meta.push((std::sync::Arc::<str>::from(name), string_column(c, name)?));
                }
            }
            py.detach(|| {
                (0..id.len())
                    .into_par_iter()
                    .map(|i| {
                        let mut d = Doc::new(
                            if id.is_valid(i) { id.value(i) } else { "" },
                            if text.is_valid(i) { text.value(i) } else { "" },
                        );
                        for (name, col) in &meta {
                            if col.is_valid(i) {
                                d.meta.push((name.clone(), col.value(i).to_string()));
                            }
                        }
                        d
                    })
                    .collect()
            })
        }
        _ => return Err(PyTypeError::new_err("pass texts= or frame=")),
    };
    let size = docs.iter().map(|d| d.text.len() as u64).sum();
    let n = docs.len();
    Ok(PyCorpus {
        corpus: Corpus::from_docs(docs),
        size: Some(size),
        n_docs: Some(n),
    })
}

// ---------------------------------------------------------------------------
// Filters

fn df_limit(v: &Bound<'_, PyAny>, name: &str) -> PyResult<DfLimit> {
    if v.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int or a float, not a bool"
        )));
    }
    if let Ok(i) = v.extract::<i64>() {
        if i < 0 {
            return Err(PyValueError::new_err(format!(
                "{name} must be >= 0, not {i}"
            )));
        }
        return Ok(DfLimit::Count(i as u64));
    }
    if let Ok(f) = v.extract::<f64>() {
        if !(0.0..=1.0).contains(&f) {
            return Err(PyValueError::new_err(format!(
                "{name} as a float is a share of documents in [0, 1], not {f} (pass an int for a number of documents)"
            )));
        }
        return Ok(DfLimit::Fraction(f));
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be an int or a float"
    )))
}

/// The token and row filters of every table (`cipin_tables::Filter`).
#[pyclass(module = "cipin._cipin", name = "NativeFilter", frozen)]
pub struct NativeFilter {
    pub filter: Filter,
}

#[pymethods]
impl NativeFilter {
    #[new]
    #[pyo3(signature = (stopwords = None, default_stopwords = true, pos_include = Vec::new(), pos_exclude = Vec::new(), min_len = 1, drop_punct = true, drop_numbers = false, drop_space = true, min_count = 1, min_df = None, max_df = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        stopwords: Option<Vec<String>>,
        default_stopwords: bool,
        pos_include: Vec<String>,
        pos_exclude: Vec<String>,
        min_len: usize,
        drop_punct: bool,
        drop_numbers: bool,
        drop_space: bool,
        min_count: u64,
        min_df: Option<&Bound<'_, PyAny>>,
        max_df: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let base = if default_stopwords {
            StopwordList::Default
        } else {
            StopwordList::None
        };
        let stopwords = match stopwords {
            None => base,
            Some(words) if !default_stopwords => StopwordList::words(words),
            Some(words) => base.with_extra(words),
        };
        let mut filter = Filter {
            stopwords,
            pos_include,
            pos_exclude,
            min_len: min_len.max(1),
            drop_punct,
            drop_numbers,
            drop_space,
            min_count,
            ..Filter::default()
        };
        if let Some(v) = min_df {
            filter.min_df = df_limit(v, "min_df")?;
        }
        if let Some(v) = max_df {
            filter.max_df = df_limit(v, "max_df")?;
        }
        Ok(NativeFilter { filter })
    }

    /// Whether the token filter keeps each token (a boolean column): the
    /// exact test the text tables apply. `tokens` and `pos` are tables whose
    /// first column holds the (normalised) tokens and their POS tags.
    #[pyo3(signature = (tokens, pos = None))]
    fn keep(
        &self,
        py: Python<'_>,
        tokens: &Bound<'_, PyAny>,
        pos: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ArrowTable> {
        let tokens = crate::texts::texts_from_py(tokens, "tokens")?;
        let pos = match pos {
            Some(p) => Some(crate::texts::texts_from_py(p, "pos")?),
            None => None,
        };
        if self.filter.needs_pos() && pos.is_none() {
            return Err(PyValueError::new_err(
                "POS filters need a `pos` column: segment with pos=True",
            ));
        }
        let filter = self.filter.clone();
        let mask: Vec<bool> = py.detach(move || {
            (0..tokens.len())
                .into_par_iter()
                .with_min_len(4096)
                .map(|i| {
                    let w = tokens.get(i);
                    filter.keep_term(w) && filter.keep_pos(pos.as_ref().and_then(|p| p.get_opt(i)))
                })
                .collect()
        });
        let s = BooleanChunked::from_slice("keep".into(), &mask).into_column();
        Ok(ArrowTable::new(pl(DataFrame::new(mask.len(), vec![s]))?))
    }

    #[getter]
    fn min_count(&self) -> u64 {
        self.filter.min_count
    }

    #[getter]
    fn needs_pos(&self) -> bool {
        self.filter.needs_pos()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.filter)
    }
}

// ---------------------------------------------------------------------------
// Measures, for the token-table path

/// The association measures of `cipin_tables::measures`, vectorised over a
/// table of four integer columns `(a, b, c, d)`, so that token tables get
/// exactly the statistics text gets. Returns a one-column table.
#[pyfunction]
pub fn measure(py: Python<'_>, name: &str, frame: &Bound<'_, PyAny>) -> PyResult<ArrowTable> {
    let f: fn(u64, u64, u64, u64) -> f64 = match name {
        // pmi(n_xy, n_x, n_y, n), t_score(n_xy, n_x, n_y, n)
        "pmi" => measures::pmi,
        "t" => measures::t_score,
        "g2_table" => measures::g2_table,
        "g2_two_cell" => measures::g2_two_cell,
        "log_ratio" => measures::log_ratio,
        // a / max(b, 1): shares and tf exactly as the tables crate divides
        "share" => |a, b, _, _| a as f64 / b.max(1) as f64,
        // idf of b documents out of a
        "idf_smooth" => |a, b, _, _| measures::idf_smooth(a, b),
        "idf_raw" => |a, b, _, _| measures::idf_raw(a, b),
        other => return Err(PyValueError::new_err(format!("unknown measure {other}"))),
    };
    let df = frame_from_py(frame)?;
    if df.width() != 4 {
        return Err(PyValueError::new_err("measure: expected four columns"));
    }
    let cols: Vec<Vec<u64>> = df
        .columns()
        .iter()
        .map(|c| {
            let c = pl(c.cast(&DataType::UInt64))?;
            let ca = pl(c.u64())?.clone();
            Ok(ca.iter().map(|v| v.unwrap_or(0)).collect())
        })
        .collect::<PyResult<_>>()?;
    let out: Vec<f64> = py.detach(|| {
        (0..df.height())
            .map(|i| f(cols[0][i], cols[1][i], cols[2][i], cols[3][i]))
            .collect()
    });
    let n = out.len();
    Ok(ArrowTable::new(pl(DataFrame::new(
        n,
        vec![Column::new(name.into(), out)],
    ))?))
}

/// χ²(1) survival function of every value of a one-column table.
#[pyfunction]
pub fn chi2_sf(frame: &Bound<'_, PyAny>) -> PyResult<ArrowTable> {
    let df = frame_from_py(frame)?;
    let c = pl(df.columns()[0].cast(&DataType::Float64))?;
    let out: Vec<f64> = pl(c.f64())?
        .iter()
        .map(|v| measures::chi2_sf_1(v.unwrap_or(0.0)))
        .collect();
    let n = out.len();
    Ok(ArrowTable::new(pl(DataFrame::new(
        n,
        vec![Column::new("p_value".into(), out)],
    ))?))
}

/// TextRank of every document of a token sequence: a table of `doc` (u32,
/// documents contiguous) and `id` (i64 term id, -1 for a dropped token).
/// Returns a table `doc, id, score` (scores divided by the document's best).
#[pyfunction]
pub fn textrank(py: Python<'_>, frame: &Bound<'_, PyAny>, span: usize) -> PyResult<ArrowTable> {
    if span < 2 {
        return Err(PyValueError::new_err(
            "the TextRank span must be at least 2",
        ));
    }
    let df = frame_from_py(frame)?;
    let docs: Vec<u32> = pl(pl(df.columns()[0].cast(&DataType::UInt32))?.u32())?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let ids: Vec<i64> = pl(pl(df.columns()[1].cast(&DataType::Int64))?.i64())?
        .iter()
        .map(|v| v.unwrap_or(-1))
        .collect();
    let (d, i, s) = py.detach(|| {
        let mut bounds = Vec::new();
        let mut st = 0;
        for k in 1..=docs.len() {
            if k == docs.len() || docs[k] != docs[st] {
                bounds.push(st..k);
                st = k;
            }
        }
        let parts: Vec<Vec<(u32, u32, f64)>> = bounds
            .into_par_iter()
            .map(|r| {
                let doc = docs[r.start];
                let seq: Vec<Option<u32>> = ids[r]
                    .iter()
                    .map(|&x| (x >= 0).then_some(x as u32))
                    .collect();
                cipin_tables::keywords::textrank(&seq, span)
                    .into_iter()
                    .map(|(id, sc)| (doc, id, sc))
                    .collect()
            })
            .collect();
        let mut out = (Vec::new(), Vec::new(), Vec::new());
        for p in parts {
            for (d, i, sc) in p {
                out.0.push(d);
                out.1.push(i);
                out.2.push(sc);
            }
        }
        out
    });
    let n = d.len();
    Ok(ArrowTable::new(pl(DataFrame::new(
        n,
        vec![
            Column::new("doc".into(), d),
            Column::new("id".into(), i),
            Column::new("score".into(), s),
        ],
    ))?))
}

// ---------------------------------------------------------------------------
// Tables

fn summary_dict<'py>(py: Python<'py>, s: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("files", s.files)?;
    d.set_item("documents", s.documents)?;
    d.set_item("tokens", s.tokens)?;
    d.set_item("counted", s.counted)?;
    // What walking skipped goes out as warnings too (Python callers see
    // warnings, not the CLI's summary line): nothing is left out silently.
    let mut warnings = s.warnings.clone();
    warnings.extend(s.skipped.iter().map(|k| format!("skipped: {k}")));
    d.set_item("warnings", warnings)?;
    Ok(d)
}

pub(crate) fn options(
    seg: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
) -> PyResult<Options> {
    let by = match by {
        None => GroupBy::None,
        Some("__doc") => GroupBy::Doc,
        Some("__article") => GroupBy::Article,
        Some("__file") => GroupBy::File,
        Some("") => return Err(PyValueError::new_err("by= is an empty column name")),
        Some(c) => GroupBy::Column(c.to_string()),
    };
    Ok(Options {
        segmenter: (*seg.inner).clone(),
        filter: filter.filter.clone(),
        by,
        top,
    })
}

pub(crate) type Job = Box<dyn FnOnce(&Corpus, &Options) -> Result<Output, TError> + Send>;

pub(crate) fn run_table<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    opts: Options,
    progress: Option<&Bound<'py, PyAny>>,
    job: Job,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let c = corpus.corpus.clone();
    let out = run(py, corpus.size, progress, move |ctl| {
        // Progress and Ctrl-C reach into the count through the corpus' monitor.
        let c = c.with_monitor(ctl.clone());
        let out = job(&c, &opts)?;
        ctl.check()?;
        Ok(out)
    })?;
    let s = summary_dict(py, &out.summary)?;
    Ok((ArrowTable::new(out.frame), s))
}

/// Term frequencies.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, top = None, progress = None))]
pub fn frequency<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(cipin_tables::frequency),
    )
}

/// Quoted slogans and numbered expressions.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, top = None, progress = None))]
pub fn slogans<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    run_table(py, corpus, opts, progress, Box::new(cipin_tables::slogans))
}

/// Term frequencies per group with `tf`.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, top = None, progress = None))]
pub fn term_frequency<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(cipin_tables::term_frequency),
    )
}

/// TF-IDF per document or group.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, top = None, idf = "smooth", progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn tfidf<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
    idf: &str,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    let idf: Idf = idf
        .parse()
        .map_err(|e: TError| Fail::from(e).into_pyerr(py))?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::tfidf(c, o, idf)),
    )
}

/// N-grams.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, top = None, n_min = 2, n_max = 2, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn ngrams<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    top: Option<usize>,
    n_min: usize,
    n_max: usize,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::ngrams(c, o, n_min, n_max)),
    )
}

/// Collocations of adjacent words.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, top = None, sort = "count", progress = None))]
pub fn collocations<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    top: Option<usize>,
    sort: &str,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, None, top)?;
    let sort: Sort = sort
        .parse()
        .map_err(|e: TError| Fail::from(e).into_pyerr(py))?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::collocations(c, o, sort)),
    )
}

/// Word co-occurrence in a window of tokens (`window`) or in documents (`None`).
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, top = None, window = None, progress = None))]
pub fn cooccurrence<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    top: Option<usize>,
    window: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, None, top)?;
    let ctx = match window {
        Some(k) => Context::Window(k),
        None => Context::Document,
    };
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::cooccurrence(c, o, ctx)),
    )
}

/// Keyness of a target group against the rest or a reference group.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by, target, reference = None, negative = false, top = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn keyness<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: &str,
    target: String,
    reference: Option<String>,
    negative: bool,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, Some(by), top)?;
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::keyness(c, o, &target, reference.as_deref(), negative)),
    )
}

/// Keywords per document (TF-IDF and/or TextRank).
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, k = 10, tfidf = Some("corpus"), textrank = true, span = 5, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn keywords<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    k: usize,
    tfidf: Option<&str>,
    textrank: bool,
    span: usize,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, None, None)?;
    let tfidf = match tfidf {
        Some(s) => Some(
            s.parse::<IdfSource>()
                .map_err(|e| Fail::from(e).into_pyerr(py))?,
        ),
        None => None,
    };
    let kw = KeywordOptions {
        k,
        tfidf,
        textrank,
        span,
    };
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::keywords(c, o, &kw)),
    )
}

/// Keyword in context.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, pattern, substring = false, window = 5, chars = false, top = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn kwic<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    pattern: String,
    substring: bool,
    window: usize,
    chars: bool,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let filter = NativeFilter {
        filter: Filter::keep_all(),
    };
    let opts = options(segmenter, &filter, None, top)?;
    let kw = KwicOptions {
        pattern,
        matching: if substring {
            Match::Substring
        } else {
            Match::Token
        },
        window: if chars {
            Window::Chars(window)
        } else {
            Window::Tokens(window)
        },
    };
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| cipin_tables::kwic(c, o, &kw)),
    )
}

/// The document-term matrix in CSR form: `(indptr, indices, data)` as one
/// table each, the vocabulary, the document ids, and the summary.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, by = None, progress = None))]
#[allow(clippy::type_complexity)]
pub fn dtm<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    by: Option<&str>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(
    ArrowTable,
    ArrowTable,
    ArrowTable,
    ArrowTable,
    ArrowTable,
    Bound<'py, PyDict>,
)> {
    let opts = options(segmenter, filter, by, None)?;
    let c = corpus.corpus.clone();
    let m = run(py, corpus.size, progress, move |ctl| {
        let m = cipin_tables::dtm(&c, &opts)?;
        ctl.check()?;
        Ok(m)
    })?;
    let one = |name: &str, col: Column| -> PyResult<ArrowTable> {
        let h = col.len();
        let _ = name;
        Ok(ArrowTable::new(pl(DataFrame::new(h, vec![col]))?))
    };
    let s = summary_dict(py, &m.summary)?;
    Ok((
        one("indptr", Column::new("indptr".into(), m.indptr))?,
        one("indices", Column::new("indices".into(), m.indices))?,
        one("data", Column::new("data".into(), m.data))?,
        one("vocabulary", Column::new("vocabulary".into(), m.vocabulary))?,
        one("doc_ids", Column::new("doc_ids".into(), m.doc_ids))?,
        s,
    ))
}

/// Register everything.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCorpus>()?;
    m.add_class::<NativeFilter>()?;
    m.add_function(wrap_pyfunction!(corpus_from_paths, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_from_texts, m)?)?;
    m.add_function(wrap_pyfunction!(measure, m)?)?;
    m.add_function(wrap_pyfunction!(chi2_sf, m)?)?;
    m.add_function(wrap_pyfunction!(textrank, m)?)?;
    m.add_function(wrap_pyfunction!(frequency, m)?)?;
    m.add_function(wrap_pyfunction!(term_frequency, m)?)?;
    m.add_function(wrap_pyfunction!(tfidf, m)?)?;
    m.add_function(wrap_pyfunction!(ngrams, m)?)?;
    m.add_function(wrap_pyfunction!(collocations, m)?)?;
    m.add_function(wrap_pyfunction!(cooccurrence, m)?)?;
    m.add_function(wrap_pyfunction!(keyness, m)?)?;
    m.add_function(wrap_pyfunction!(keywords, m)?)?;
    m.add_function(wrap_pyfunction!(kwic, m)?)?;
    m.add_function(wrap_pyfunction!(dtm, m)?)?;
    m.add_function(wrap_pyfunction!(slogans, m)?)?;
    Ok(())
}
