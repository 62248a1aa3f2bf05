//! Dictionary counting (`cipin_tables::dictionary`): dictionaries from a
//! Python dict or a file, the two tables on text, and the matching of a
//! token table's runs (counted by the Python layer with polars).

use cipin_tables::polars;

use cipin_tables::dictionary::{count_dictionary, dictionary_matches, Dictionary, Entries};
use polars::prelude::*;
use polars_arrow::array::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::arrow::{frame_from_py, ArrowTable};
use crate::errors::{pl, to_pyerr};
use crate::segmenter::PySegmenter;
use crate::tables::{options, run_table, NativeFilter, PyCorpus};
use crate::texts::string_column;

/// A dictionary: ordered categories, each with its entries (words, globs,
/// `re:` expressions, multi-word entries).
#[pyclass(module = "cipin._cipin", name = "NativeDictionary", frozen)]
pub struct PyDictionary {
    pub inner: Dictionary,
}

#[pymethods]
impl PyDictionary {
    /// The category names, in order.
    #[getter]
    fn categories(&self) -> Vec<String> {
        self.inner.categories().map(String::from).collect()
    }

    /// The exact single-word entries (to keep whole when segmenting).
    #[getter]
    fn user_words(&self) -> Vec<String> {
        self.inner.user_words()
    }

    /// `[(category, [entries])]`, in order.
    fn items(&self) -> Vec<(String, Vec<String>)> {
        self.inner
            .iter()
            .map(|(c, e)| (c.to_string(), e.to_vec()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<NativeDictionary: {} categories>", self.inner.len())
    }

    /// The matches in a token table's kept tokens: `frame` has `token` (str)
    /// and `__run` (u64; tokens of a run are adjacent in the text, runs in
    /// order). Entries are normalised with `segmenter`'s rules. Returns a
    /// table `__row` (u64, the first token's row), `__cat` (u32), `__term`
    /// (the matched tokens joined by a space).
    fn match_tokens(
        &self,
        py: Python<'_>,
        segmenter: &PySegmenter,
        frame: &Bound<'_, PyAny>,
    ) -> PyResult<ArrowTable> {
        let df = frame_from_py(frame)?;
        let tokens = string_column(pl(df.column("token"))?, "token")?;
        let runs: Vec<u64> = pl(pl(df.column("__run"))?.cast(&DataType::UInt64))?
            .u64()
            .map_err(|e| PyTypeError::new_err(e.to_string()))?
            .iter()
            .map(|v| v.unwrap_or(u64::MAX))
            .collect();
        let m = self.inner.matcher(segmenter.inner.normalizer());
        let out = py.detach(move || {
            let words: Vec<&str> = (0..tokens.len())
                .map(|i| {
                    if tokens.is_valid(i) {
                        tokens.value(i)
                    } else {
                        ""
                    }
                })
                .collect();
            let hits = m.find_runs(&words, &runs);
            let rows: Vec<u64> = hits.iter().map(|h| h.0 as u64).collect();
            let cats: Vec<u32> = hits.iter().map(|h| h.1).collect();
            let terms: Vec<String> = hits
                .iter()
                .map(|&(s, _, l)| words[s..s + l as usize].join(" "))
                .collect();
            DataFrame::new(
                hits.len(),
                vec![
                    Column::new("__row".into(), rows),
                    Column::new("__cat".into(), cats),
                    Column::new("__term".into(), terms),
                ],
            )
        });
        Ok(ArrowTable::new(pl(out)?))
    }
}

/// Read a dictionary file (`.json`, `.yaml`/`.yml`, `.dic`, `.txt`).
#[pyfunction]
pub fn dictionary_from_path(py: Python<'_>, path: std::path::PathBuf) -> PyResult<PyDictionary> {
    let d = py
        .detach(|| Dictionary::from_path(&path))
        .map_err(|e| to_pyerr(py, e))?;
    Ok(PyDictionary { inner: d })
}

fn nested(obj: &Bound<'_, PyDict>, path: &str) -> PyResult<Vec<(String, Entries)>> {
    let mut out = Vec::with_capacity(obj.len());
    for (k, v) in obj.iter() {
        let key: String = if let Ok(s) = k.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else if k.is_instance_of::<pyo3::types::PyInt>() {
            k.str()?.to_cow()?.into_owned()
        } else {
            return Err(PyTypeError::new_err(format!(
                "a category name must be a str, not {} ({})",
                k.get_type().name()?,
                k.repr()?
            )));
        };
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let e = if let Ok(d) = v.cast::<PyDict>() {
            Entries::Nested(nested(d, &here)?)
        } else if let Ok(s) = v.cast::<PyString>() {
            Entries::Words(vec![s.to_cow()?.into_owned()])
        } else if let Ok(items) = v.try_iter() {
            let mut words = Vec::new();
            for item in items {
                let item = item?;
                match item.cast::<PyString>() {
                    Ok(s) => words.push(s.to_cow()?.into_owned()),
                    Err(_) => {
                        return Err(PyTypeError::new_err(format!(
                            "category `{here}`: an entry must be a str, not {} ({})",
                            item.get_type().name()?,
                            item.repr()?
                        )))
                    }
                }
            }
            Entries::Words(words)
        } else {
            return Err(PyTypeError::new_err(format!(
                "category `{here}`: expected a list of words or patterns, or a dict of subcategories, not {}",
                v.get_type().name()?
            )));
        };
        out.push((key, e));
    }
    Ok(out)
}

/// A dictionary from a Python dict `{category: [entries]}` (in its order;
/// a dict value gives subcategories `parent.child`; a str one entry).
#[pyfunction]
pub fn dictionary_from_dict(py: Python<'_>, obj: &Bound<'_, PyDict>) -> PyResult<PyDictionary> {
    let tree = nested(obj, "")?;
    if tree.is_empty() {
        return Err(PyValueError::new_err("the dictionary has no categories"));
    }
    let d = Dictionary::from_nested(tree).map_err(|e| to_pyerr(py, e))?;
    Ok(PyDictionary { inner: d })
}

/// Dictionary counts per group and category: `[by,] category, count,
/// tokens, share`.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, dictionary, by = None, progress = None))]
pub fn count_dictionary_table<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    dictionary: &PyDictionary,
    by: Option<&str>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, None)?;
    let d = dictionary.inner.clone();
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| count_dictionary(c, &d, o)),
    )
}

/// The matched words per group and category: `[by,] category, term, count`.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, filter, dictionary, by = None, top = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn dictionary_matches_table<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    filter: &NativeFilter,
    dictionary: &PyDictionary,
    by: Option<&str>,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let opts = options(segmenter, filter, by, top)?;
    let d = dictionary.inner.clone();
    run_table(
        py,
        corpus,
        opts,
        progress,
        Box::new(move |c, o| dictionary_matches(c, &d, o)),
    )
}

/// Register everything.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDictionary>()?;
    m.add_function(wrap_pyfunction!(dictionary_from_path, m)?)?;
    m.add_function(wrap_pyfunction!(dictionary_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(count_dictionary_table, m)?)?;
    m.add_function(wrap_pyfunction!(dictionary_matches_table, m)?)?;
    Ok(())
}
