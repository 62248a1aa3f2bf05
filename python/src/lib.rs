//! `cipin._cipin`: the native half of the `cipin` Python package.
//!
//! A thin layer over `cipin-core` and `cipin-tables`. Tables leave Rust
//! through the Arrow C stream interface ([`arrow::ArrowTable`]) and enter it
//! the same way ([`arrow::frame_from_py`]); work runs without the GIL and can
//! be interrupted ([`work::run`]); errors become the Python exceptions a user
//! expects ([`errors`]). The user-facing API, argument checking and
//! documentation live in the pure-Python package around this module.

mod arrow;
mod columns;
mod corpus;
mod dictionary;
mod discover;
mod errors;
mod segmenter;
mod tables;
mod texts;
mod work;

use cipin_core::stopwords::Stopwords;
use pyo3::prelude::*;

use crate::errors::core_err;

/// Read a user dictionary file into `(word, freq, tag)` entries.
#[pyfunction]
fn read_user_dict(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Vec<segmenter::Entry>> {
    let words = py
        .detach(move || cipin_core::segment::read_user_dict(&path))
        .map_err(|e| core_err(py, e))?;
    Ok(words
        .into_iter()
        .map(|w| (w.word, w.freq.map(|f| f as u64), w.tag))
        .collect())
}

/// Read a stopword file (one word per line, `#` comments).
#[pyfunction]
fn read_stopwords(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Vec<String>> {
    let sw = py
        .detach(move || Stopwords::from_file(&path))
        .map_err(|e| core_err(py, e))?;
    Ok(sw.words().into_iter().map(String::from).collect())
}

/// The default stopword list, sorted.
#[pyfunction]
fn default_stopwords() -> Vec<String> {
    Stopwords::default_list()
        .words()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The module.
#[pymodule]
fn _cipin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DecodeError", py.get_type::<errors::DecodeError>())?;
    m.add("DictionaryError", py.get_type::<errors::DictionaryError>())?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_class::<segmenter::PySegmenter>()?;
    m.add_function(wrap_pyfunction!(corpus::read, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::parse_paths, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::parse_texts, m)?)?;
    m.add_function(wrap_pyfunction!(read_user_dict, m)?)?;
    m.add_function(wrap_pyfunction!(read_stopwords, m)?)?;
    m.add_function(wrap_pyfunction!(default_stopwords, m)?)?;
    tables::register(m)?;
    dictionary::register(m)?;
    discover::register(m)?;
    Ok(())
}
