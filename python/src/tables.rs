//! Bindings of the `cipin-tables` analyses: corpora of files, of texts
//! held in memory, or of token tables (documents already segmented), all
//! counted by the same Rust pass.

use cipin_tables::polars;
use std::path::PathBuf;

use cipin_core::read::Encoding;
use cipin_core::sentences::is_terminal;
use cipin_tables::assoc::{CollocationsConfig, CooccurrenceConfig, KeynessConfig};
use cipin_tables::corpus::{Corpus, Doc, GroupBy, InputOptions, Summary, Token};
use cipin_tables::dispersion::DispersionConfig;
use cipin_tables::filter::{Filter, FilterConfig};
use cipin_tables::keywords::KeywordsConfig;
use cipin_tables::kwic::KwicConfig;
use cipin_tables::lexdiv::LexdivConfig;
use cipin_tables::merge::{partial, Mergeable};
use cipin_tables::simil::SimilConfig;
use cipin_tables::tables::{NgramsConfig, Options, Output, TfidfConfig};
use cipin_tables::Error as TError;
use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::arrow::{frame_from_py, ArrowTable};
use crate::dictionary::PyDictionary;
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
///
/// `first_id` numbers the texts from there (a partition of a larger list).
#[pyfunction]
#[pyo3(signature = (texts = None, frame = None, first_id = 0))]
pub fn corpus_from_texts(
    py: Python<'_>,
    texts: Option<&Bound<'_, PyAny>>,
    frame: Option<&Bound<'_, PyAny>>,
    first_id: usize,
) -> PyResult<PyCorpus> {
    let docs: Vec<Doc> = match (texts, frame) {
        (Some(t), None) => {
            let texts = texts_from_py(t, "texts")?;
            py.detach(|| {
                (0..texts.len())
                    .into_par_iter()
                    .map(|i| Doc::new((first_id + i).to_string(), texts.get(i)))
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

/// Row `i` of a string column.
fn get(a: &Utf8ViewArray, i: usize) -> Option<&str> {
    a.is_valid(i).then(|| a.value(i))
}

/// The integer values of an optional column, as `i64`.
fn int_column(df: &DataFrame, name: &str) -> PyResult<Option<Vec<Option<i64>>>> {
    let Ok(c) = df.column(name) else {
        return Ok(None);
    };
    let c = c.cast(&DataType::Int64).map_err(|_| {
        PyTypeError::new_err(format!(
            "column '{name}' of the token table must hold integers, not {}",
            c.dtype()
        ))
    })?;
    Ok(Some(pl(c.i64())?.iter().collect()))
}

/// A corpus of documents given as tokens: a table with columns `id` (the
/// document, str), `token` (str) and optionally `pos` (str), `sentence`
/// and `position` (integers), `start` (an integer, KWIC's `start`; default
/// the row number); every other column is string metadata, for grouping.
///
/// The rows of a document (an `id` and metadata values) need not be
/// contiguous; documents come in order of first row. Within a document,
/// a change of `sentence` (without that column: a token after one holding
/// a sentence-ending mark such as `。`) starts a sentence, and a jump of
/// `position`, a row of another document or a missing token in between
/// is a gap, which n-grams, collocations and dictionary phrases do not span.
#[pyfunction]
pub fn corpus_from_tokens(py: Python<'_>, frame: &Bound<'_, PyAny>) -> PyResult<PyCorpus> {
    let df = frame_from_py(frame)?;
    let id = string_column(pl(df.column("id"))?, "id")?;
    let token = string_column(pl(df.column("token"))?, "token")?;
    let pos = match df.column("pos") {
        Ok(c) => Some(string_column(c, "pos")?),
        Err(_) => None,
    };
    let sentence = int_column(&df, "sentence")?;
    let position = int_column(&df, "position")?;
    let start = int_column(&df, "start")?;
    let special = ["id", "token", "pos", "sentence", "position", "start"];
    let mut meta = Vec::new();
    for c in df.columns() {
        let name = c.name().as_str();
        if !special.contains(&name) {
            meta.push((std::sync::Arc::<str>::from(name), string_column(c, name)?));
        }
    }
    let docs = py.detach(|| {
        let mut docs: Vec<Doc> = Vec::new();
        // Per document: its last row, and the sentence of that row.
        let mut last: Vec<(usize, Option<i64>)> = Vec::new();
        let mut index: std::collections::HashMap<(&str, Vec<Option<&str>>), usize> =
            std::collections::HashMap::new();
        let mut d = usize::MAX;
        for i in 0..df.height() {
            // Rows of a document usually come together: the row before's
            // document, without a lookup, when the id and metadata are its.
            let same = i > 0
                && get(&id, i) == get(&id, i - 1)
                && meta.iter().all(|(_, c)| get(c, i) == get(c, i - 1));
            if !same {
                let values: Vec<Option<&str>> = meta.iter().map(|(_, c)| get(c, i)).collect();
                let key = (get(&id, i).unwrap_or(""), values);
                d = *index.entry(key).or_insert_with_key(|(id, values)| {
                    let mut d = Doc::segmented(*id);
                    for ((name, _), v) in meta.iter().zip(values) {
                        if let Some(v) = v {
                            d.meta.push((name.clone(), v.to_string()));
                        }
                    }
                    docs.push(d);
                    last.push((usize::MAX, None));
                    docs.len() - 1
                });
            }
            // A missing token leaves a gap (it is not counted, and nothing
            // spans it).
            let Some(word) = get(&token, i) else { continue };
            let (prev, prev_sentence) = last[d];
            let sent = sentence.as_ref().and_then(|s| s[i]);
            let first = prev == usize::MAX;
            let t = Token {
                word,
                pos: pos.as_ref().and_then(|p| get(p, i)),
                start: Some(
                    start
                        .as_ref()
                        .and_then(|s| s[i])
                        .map_or(i as u64, |v| v as u64),
                ),
                gap: !first
                    && (prev + 1 != i
                        || position.as_ref().is_some_and(|p| match (p[prev], p[i]) {
                            (Some(a), Some(b)) => a + 1 != b,
                            _ => true,
                        })),
                sentence: !first
                    && match &sentence {
                        Some(_) => sent != prev_sentence,
                        None => get(&token, prev).is_some_and(|w| w.chars().any(is_terminal)),
                    },
            };
            docs[d].push_token(t);
            last[d] = (i, sent);
        }
        docs
    });
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

/// The token and row filters of every table (`cipin_tables::Filter`).
#[pyclass(module = "cipin._cipin", name = "NativeFilter", frozen)]
pub struct NativeFilter {
    pub filter: Filter,
}

#[pymethods]
impl NativeFilter {
    /// A filter of `settings`, the fields of `cipin_tables::FilterConfig`
    /// by name (`stopwords`: `"default"`, `"none"` or a file; `extra_stopwords`,
    /// `pos_include`, `pos_exclude`, `min_len`, `drop_punct`, `drop_numbers`,
    /// `drop_space`, `min_count`, `min_df`, `max_df`: an int for documents, a
    /// float for a share), passed straight to it.
    #[new]
    #[pyo3(signature = (**settings))]
    fn new(py: Python<'_>, settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let config: FilterConfig = config("filter", settings)?;
        let filter = config.build().map_err(|e| Fail::from(e).into_pyerr(py))?;
        Ok(NativeFilter { filter })
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
    py: Python<'_>,
    seg: &PySegmenter,
    filter: Filter,
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
    // The segmenter the filter needs (tagging for a POS filter): the
    // library decides, the shared cache builds it once.
    let config = filter.segmenter_config(seg.settings().clone());
    let segmenter = py
        .detach(|| seg.for_config(config))
        .map_err(|e| core_err(py, e))?;
    Ok(Options {
        segmenter,
        filter,
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

/// A Python value as JSON: `None`, bools, ints, floats, strings, and
/// lists, tuples and dicts (str keys) of them.
fn to_json(v: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    Ok(if v.is_none() {
        Value::Null
    } else if let Ok(b) = v.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if v.is_instance_of::<PyInt>() {
        match v.extract::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => Value::from(v.extract::<u64>()?),
        }
    } else if v.is_instance_of::<PyFloat>() {
        Value::from(v.extract::<f64>()?)
    } else if v.is_instance_of::<PyString>() {
        Value::String(v.extract::<String>()?)
    } else if let Ok(d) = v.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, x) in d.iter() {
            map.insert(k.extract::<String>()?, to_json(&x)?);
        }
        Value::Object(map)
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        Value::Array(
            v.try_iter()?
                .map(|x| to_json(&x?))
                .collect::<PyResult<Vec<_>>>()?,
        )
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected None, a bool, a number or a str, not {}",
            v.get_type().name()?
        )));
    })
}

/// JSON as a Python value (objects as dicts, in their order).
pub(crate) fn from_json<'py>(
    py: Python<'py>,
    v: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (_, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => PyList::new(
            py,
            a.iter()
                .map(|x| from_json(py, x))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, from_json(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// The parameters struct `T` of table `table` from the named parameters
/// of a [`table`] call, straight through serde: a parameter not given
/// takes `T::default()`'s value (the library's default), one `T` does not
/// have is an error (a misspelt parameter is not silently ignored).
pub(crate) fn config<T: serde::de::DeserializeOwned>(
    table: &str,
    params: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let mut map = serde_json::Map::new();
    if let Some(d) = params {
        for (k, v) in d.iter() {
            let key: String = k.extract()?;
            let value = to_json(&v)
                .map_err(|e| PyTypeError::new_err(format!("{table}: parameter {key}: {e}")))?;
            map.insert(key, value);
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        let msg = format!("{table}: {e}");
        // A value of the right type but not one the table knows (`sort="x"`)
        // is a ValueError; anything else (an unknown or mistyped parameter)
        // a TypeError, as Python's own calls.
        if msg.contains("unknown variant") || msg.contains("invalid value") {
            PyValueError::new_err(msg)
        } else {
            PyTypeError::new_err(msg)
        }
    })
}

/// The parameters of a table that has none of its own.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

/// The defaults of every table's parameters, `{table: {parameter:
/// default}}`, from the library's parameters structs
/// ([`cipin_tables::defaults`]): what the Python wrappers' keyword defaults
/// are tested against.
#[pyfunction]
pub fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    from_json(py, &cipin_tables::defaults())
}

/// Every table of `cipin-tables` but the document-term matrix, by name,
/// counted by the one pass of the tables crate whatever the corpus (files,
/// texts, token tables). Returns the table and a summary `{files,
/// documents, tokens, counted, warnings}`.
///
/// `filter` defaults to keeping every token (what `kwic` uses). The
/// parameters of each table beyond `by` and `top`:
///
/// * `frequency`, `term_frequency`, `slogans`, `readability`: none;
/// * `tfidf`: `idf` (`"smooth"` or `"raw"`);
/// * `ngrams`: `n_min`, `n_max`;
/// * `collocations`: `sort` (`count`, `pmi`, `llr`, `t`);
/// * `cooccurrence`: `window` (tokens, or `None` for documents);
/// * `keyness`: `target`, `reference`, `negative` (`by` required);
/// * `keywords`: `k`, `tfidf` (`corpus`, `raw`, `jieba` or `None`),
///   `textrank`, `span`;
/// * `kwic`: `pattern`, `substring`, `window`, `chars`;
/// * `count_dictionary`, `dictionary_matches`: `dictionary`;
/// * `dispersion`: `terms` (a list, or `None` for every term);
/// * `lexdiv`: `window`, `threshold`;
/// * `simil`: `method` (`cosine`, `jaccard`, `correlation`).
///
/// In Python: `table("ngrams", corpus, segmenter, filter, top=10, n_min=2, n_max=3)`.
///
/// With `part=(i, n)`, the partial table of a table that merges
/// (`frequency`, `ngrams`, `tfidf`, `dtm`, `keyness`: `cipin_tables::merge`)
/// instead, for [`merge`]: with `shard`, of the documents of the corpus
/// whose index is `i` modulo `n`; without, of the whole corpus as part `i`
/// of `n` of a larger one, its documents numbered from `first_index`.
/// `counting` (any JSON-like value) describes the segmenter and filter, for
/// `merge` to check that the parts were counted alike.
#[pyfunction]
#[pyo3(signature = (name, corpus, segmenter, filter = None, by = None, top = None, progress = None, part = None, shard = false, first_index = 0, counting = None, **params))]
#[allow(clippy::too_many_arguments)]
pub fn table<'py>(
    py: Python<'py>,
    name: &str,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: Option<&NativeFilter>,
    by: Option<&str>,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    part: Option<(u64, u64)>,
    shard: bool,
    first_index: u64,
    counting: Option<&Bound<'py, PyAny>>,
    params: Option<&Bound<'py, PyDict>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let filter = match filter {
        Some(f) => f.filter.clone(),
        None => Filter::keep_all(),
    };
    let opts = options(py, segmenter, filter, by, top)?;
    if let Some((i, n)) = part {
        let table = Mergeable::from_name(name, config::<serde_json::Value>(name, params)?)
            .map_err(|e| Fail::from(e).into_pyerr(py))?;
        let counting = match counting {
            Some(c) => to_json(c)?,
            None => serde_json::Value::Null,
        };
        let mut c = corpus.corpus.clone().with_first_index(first_index);
        if shard {
            c = c.shard(i, n).map_err(|e| Fail::from(e).into_pyerr(py))?;
        }
        let size = corpus.size;
        let out = run(py, size, progress, move |ctl| {
            let c = c.with_monitor(ctl.clone());
            let p = partial(&c, &opts, &table, counting)?.with_part(i, n)?;
            ctl.check()?;
            Ok((p.to_frame()?, p.summary))
        })?;
        let s = summary_dict(py, &out.1)?;
        return Ok((ArrowTable::new(out.0), s));
    }
    // The dictionary is an object, not a setting: taken out before the
    // settings go to serde.
    let params = params.map(|p| p.copy()).transpose()?;
    let dictionary = match &params {
        Some(p) => match p.get_item("dictionary")? {
            Some(d) => {
                p.del_item("dictionary")?;
                Some(d.extract::<PyRef<'py, PyDictionary>>()?.inner.clone())
            }
            None => None,
        },
        None => None,
    };
    let params = params.as_ref();
    // The tables without parameters of their own take none.
    let none = |t: &str| config::<NoParams>(t, params).map(|_| ());
    let job: Job = match name {
        "frequency" | "term_frequency" | "slogans" | "readability" => {
            none(name)?;
            match name {
                "frequency" => Box::new(cipin_tables::frequency),
                "term_frequency" => Box::new(cipin_tables::term_frequency),
                "readability" => Box::new(cipin_tables::readability),
                _ => Box::new(cipin_tables::slogans),
            }
        }
        "tfidf" => {
            let cfg: TfidfConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::tfidf(c, o, &cfg))
        }
        "ngrams" => {
            let cfg: NgramsConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::ngrams(c, o, &cfg))
        }
        "collocations" => {
            let cfg: CollocationsConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::collocations(c, o, &cfg))
        }
        "cooccurrence" => {
            let cfg: CooccurrenceConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::cooccurrence(c, o, &cfg))
        }
        "keyness" => {
            let cfg: KeynessConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::keyness(c, o, &cfg))
        }
        "keywords" => {
            let cfg: KeywordsConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::keywords(c, o, &cfg))
        }
        "kwic" => {
            let cfg: KwicConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::kwic(c, o, &cfg))
        }
        "dispersion" => {
            let cfg: DispersionConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::dispersion(c, o, &cfg))
        }
        "lexdiv" => {
            let cfg: LexdivConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::lexdiv(c, o, &cfg))
        }
        "simil" => {
            let cfg: SimilConfig = config(name, params)?;
            Box::new(move |c, o| cipin_tables::simil(c, o, &cfg))
        }
        "count_dictionary" | "dictionary_matches" => {
            none(name)?;
            let Some(d) = dictionary else {
                return Err(PyTypeError::new_err(format!(
                    "{name}: a dictionary is needed"
                )));
            };
            if name == "count_dictionary" {
                Box::new(move |c, o| cipin_tables::count_dictionary(c, &d, o))
            } else {
                Box::new(move |c, o| cipin_tables::dictionary_matches(c, &d, o))
            }
        }
        other => {
            return Err(PyValueError::new_err(format!("no table named {other:?}")));
        }
    };
    run_table(py, corpus, opts, progress, job)
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
    let opts = options(py, segmenter, filter.filter.clone(), by, None)?;
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

/// Merge partial tables (`table(..., part=...)`'s, or the parquet files of
/// `cipin freq --shard I/N`) into the table: `(name, [frame], summary)`,
/// or for the document-term matrix `("dtm", [indptr, indices, data,
/// vocabulary, doc_ids], summary)` as [`dtm`] gives them. `names` (one per
/// part, default `part 0`, ...) are what errors name. Parts of other tables
/// or settings, or a set of parts that is not each of `0..n` once, are
/// refused.
#[pyfunction]
#[pyo3(signature = (parts, names = None))]
pub fn merge<'py>(
    py: Python<'py>,
    parts: Vec<Bound<'py, PyAny>>,
    names: Option<Vec<String>>,
) -> PyResult<(String, Vec<ArrowTable>, Bound<'py, PyDict>)> {
    use cipin_tables::merge::{merge, Final, Partial};
    let names = names.unwrap_or_else(|| (0..parts.len()).map(|i| format!("part {i}")).collect());
    if names.len() != parts.len() {
        return Err(PyValueError::new_err(format!(
            "{} names for {} parts",
            names.len(),
            parts.len()
        )));
    }
    let mut read = Vec::with_capacity(parts.len());
    for (p, name) in parts.iter().zip(names) {
        let frame = frame_from_py(p)?;
        let p = Partial::from_frame(&frame)
            .map_err(|e| Fail::from(TError::file(&name, e)).into_pyerr(py))?;
        read.push((name, p));
    }
    let (name, done) = py
        .detach(move || {
            let m = merge(read)?;
            Ok::<_, TError>((m.settings.table.name(), m.finish()?))
        })
        .map_err(|e| Fail::from(e).into_pyerr(py))?;
    Ok(match done {
        Final::Table(out) => {
            let s = summary_dict(py, &out.summary)?;
            (name.into(), vec![ArrowTable::new(out.frame)], s)
        }
        Final::Dtm(m) => {
            let s = summary_dict(py, &m.summary)?;
            let one = |col: Column| -> PyResult<ArrowTable> {
                let h = col.len();
                Ok(ArrowTable::new(pl(DataFrame::new(h, vec![col]))?))
            };
            (
                "dtm".into(),
                vec![
                    one(Column::new("indptr".into(), m.indptr))?,
                    one(Column::new("indices".into(), m.indices))?,
                    one(Column::new("data".into(), m.data))?,
                    one(Column::new("vocabulary".into(), m.vocabulary))?,
                    one(Column::new("doc_ids".into(), m.doc_ids))?,
                ],
                s,
            )
        }
    })
}

/// Register everything.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCorpus>()?;
    m.add_class::<NativeFilter>()?;
    m.add_function(wrap_pyfunction!(corpus_from_paths, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_from_texts, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_from_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(dtm, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(defaults, m)?)?;
    Ok(())
}
