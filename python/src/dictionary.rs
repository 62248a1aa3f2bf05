//! Dictionaries (`cipin_tables::dictionary`) from a Python dict or a file;
//! the two dictionary tables are counted by [`crate::tables::table`].

use cipin_tables::dictionary::{Dictionary, Entries};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::to_pyerr;

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

    /// Whether an entry has a weight other than 1 (then `count_dictionary`
    /// adds a `score` column).
    #[getter]
    fn is_weighted(&self) -> bool {
        self.inner.is_weighted()
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
}

/// Read a dictionary file (`.json`, `.yaml`/`.yml`, `.dic`, `.txt`, `.cat`, `.lc3`).
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
            weighted(d, &here)?.map_or_else(|| nested(d, &here).map(Entries::Nested), Ok)?
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

/// A dict of entries to weights (`{"好": 1.0, "差": -1}`) as weighted
/// entries; `None` when no value is a number (subcategories); an error when
/// numbers and other values are mixed.
fn weighted(obj: &Bound<'_, PyDict>, path: &str) -> PyResult<Option<Entries>> {
    let is_number = |v: &Bound<'_, PyAny>| {
        !v.is_instance_of::<pyo3::types::PyBool>()
            && (v.is_instance_of::<pyo3::types::PyInt>()
                || v.is_instance_of::<pyo3::types::PyFloat>())
    };
    let numbers = obj.values().iter().filter(|v| is_number(v)).count();
    if numbers == 0 {
        return Ok(None);
    }
    if numbers < obj.len() {
        return Err(PyTypeError::new_err(format!(
            "category `{path}`: a dict of entries to weights and of subcategories at once (give each its own category)"
        )));
    }
    let mut out = Vec::with_capacity(obj.len());
    for (k, v) in obj.iter() {
        let Ok(word) = k.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "category `{path}`: an entry must be a str, not {} ({})",
                k.get_type().name()?,
                k.repr()?
            )));
        };
        out.push((word.to_cow()?.into_owned(), v.extract::<f64>()?));
    }
    Ok(Some(Entries::Weighted(out)))
}

/// A dictionary from a Python dict `{category: [entries]}` (in its order;
/// a dict value gives subcategories `parent.child`, or weighted entries
/// when its values are numbers; a str one entry).
#[pyfunction]
pub fn dictionary_from_dict(py: Python<'_>, obj: &Bound<'_, PyDict>) -> PyResult<PyDictionary> {
    let tree = nested(obj, "")?;
    if tree.is_empty() {
        return Err(PyValueError::new_err("the dictionary has no categories"));
    }
    let d = Dictionary::from_nested(tree).map_err(|e| to_pyerr(py, e))?;
    Ok(PyDictionary { inner: d })
}

/// Register everything.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDictionary>()?;
    m.add_function(wrap_pyfunction!(dictionary_from_path, m)?)?;
    m.add_function(wrap_pyfunction!(dictionary_from_dict, m)?)?;
    Ok(())
}
