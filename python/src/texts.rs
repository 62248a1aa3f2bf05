//! Texts coming from Python: a `str`, a list of `str`, or an Arrow column.

use cipin_tables::polars;
use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use crate::arrow::frame_from_py;

/// Owned texts that can be sent to a worker thread.
#[derive(Clone)]
pub enum Texts {
    /// Python strings, copied (`None` kept as a missing text).
    Owned(Vec<Option<String>>),
    /// A string column imported through Arrow: no copy.
    Column(Utf8ViewArray),
}

impl Texts {
    /// Number of texts.
    pub fn len(&self) -> usize {
        match self {
            Texts::Owned(v) => v.len(),
            Texts::Column(a) => a.len(),
        }
    }

    /// The `i`-th text; missing texts (null, `None`) are empty.
    pub fn get(&self, i: usize) -> &str {
        self.get_opt(i).unwrap_or("")
    }

    /// The `i`-th text, `None` when missing.
    pub fn get_opt(&self, i: usize) -> Option<&str> {
        match self {
            Texts::Owned(v) => v[i].as_deref(),
            Texts::Column(a) => {
                if a.is_valid(i) {
                    Some(a.value(i))
                } else {
                    None
                }
            }
        }
    }

    /// Total size in bytes.
    pub fn total_bytes(&self) -> u64 {
        match self {
            Texts::Owned(v) => v
                .iter()
                .map(|s| s.as_ref().map_or(0, |s| s.len() as u64))
                .sum(),
            Texts::Column(a) => a.total_bytes_len() as u64,
        }
    }

    /// Contiguous ranges of texts of roughly `target` bytes each (at least
    /// one text per range), for parallel work in order.
    pub fn ranges(&self, target: u64) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut acc = 0u64;
        for i in 0..self.len() {
            acc += self.get(i).len() as u64 + 16;
            if acc >= target {
                out.push(start..i + 1);
                start = i + 1;
                acc = 0;
            }
        }
        if start < self.len() {
            out.push(start..self.len());
        }
        out
    }
}

/// A string column (the first column of a frame) as one Arrow array.
pub fn string_column(s: &Column, what: &str) -> PyResult<Utf8ViewArray> {
    let ca = match s.dtype() {
        DataType::String => s.str().map_err(crate::errors::polars_err)?.clone(),
        DataType::Null => StringChunked::full_null(s.name().clone(), s.len()),
        other => {
            return Err(PyTypeError::new_err(format!(
                "{what} column `{}` must hold strings, not {other}",
                s.name()
            )))
        }
    };
    let ca = ca.rechunk();
    let arr = ca
        .downcast_iter()
        .next()
        .cloned()
        .unwrap_or_else(|| Utf8ViewArray::new_empty(ArrowDataType::Utf8View));
    Ok(arr)
}

/// Texts from a `str`, a list/tuple of `str` (or `None`), or anything with
/// `__arrow_c_stream__` whose first column holds strings (a polars `Series`
/// or one-column `DataFrame`).
pub fn texts_from_py(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Texts> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Texts::Owned(vec![Some(s.to_cow()?.into_owned())]));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut v: Vec<Option<String>> = Vec::with_capacity(obj.len()?);
        for item in obj.try_iter()? {
            let item = item?;
            if item.is_none() {
                v.push(None);
            } else if let Ok(s) = item.cast::<PyString>() {
                // A lone surrogate raises UnicodeEncodeError here.
                v.push(Some(s.to_cow()?.into_owned()));
            } else {
                return Err(PyTypeError::new_err(format!(
                    "{what} must be str, not {}",
                    item.get_type().name()?
                )));
            }
        }
        return Ok(Texts::Owned(v));
    }
    if obj.hasattr("__arrow_c_stream__")? {
        let df = frame_from_py(obj)?;
        let col = df
            .columns()
            .first()
            .ok_or_else(|| PyTypeError::new_err(format!("{what}: the table has no columns")))?;
        return Ok(Texts::Column(string_column(col, what)?));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a str, a list of str or a polars DataFrame/Series, not {}",
        obj.get_type().name()?
    )))
}
