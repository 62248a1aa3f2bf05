//! DataFrames across the boundary through the Arrow C stream interface.
//!
//! Out: [`ArrowTable`] holds a polars `DataFrame` and implements the Arrow
//! PyCapsule protocol (`__arrow_c_stream__`), so `polars.DataFrame(table)`
//! (and pyarrow, duckdb, pandas >= 2.2, ...) import it. The exported arrays
//! are the DataFrame's own buffers: nothing is copied, token columns
//! included (strings travel as Arrow `Utf8View`, polars' native layout).
//!
//! In: [`frame_from_py`] imports any object with `__arrow_c_stream__` (a
//! polars `DataFrame` or `Series`, a pyarrow `Table`, ...) the same way.
//!
//! This avoids pyo3-polars, which relies on private polars Python APIs and
//! breaks when polars releases change them.

use cipin_tables::polars;
use std::ffi::CStr;

use polars::prelude::*;
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field as AField};
use polars_arrow::ffi::{export_iterator, ArrowArrayStream, ArrowArrayStreamReader};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};

use crate::errors::pl;

const STREAM: &CStr = c"arrow_array_stream";

/// A table produced by cipin, handed to Python through the Arrow PyCapsule
/// interface. Wrap it with ``polars.DataFrame(table)``.
#[pyclass(module = "cipin._cipin", name = "ArrowTable", frozen)]
pub struct ArrowTable {
    df: DataFrame,
}

impl ArrowTable {
    /// Wrap a DataFrame.
    pub fn new(df: DataFrame) -> Self {
        ArrowTable { df }
    }
}

#[pymethods]
impl ArrowTable {
    /// Export the table as an Arrow C stream (one record batch per chunk).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // Schema negotiation is optional in the protocol: we always offer ours.
        let _ = requested_schema;
        let stream = guarded(|| self.export())?;
        // The capsule's destructor drops the stream, which releases it unless
        // a consumer has moved it out (and marked it released).
        PyCapsule::new_with_value(py, stream, STREAM)
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.df.height()
    }

    /// Column names.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "<cipin ArrowTable: {} rows, columns {:?}>",
            self.df.height(),
            self.columns()
        )
    }
}

/// Run `f`, turning a panic into a `RuntimeError` (never a `PanicException`).
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
            "cipin internal error while exchanging an Arrow table (please report it): {msg}"
        )))
    })
}

impl ArrowTable {
    /// The table as an Arrow C stream of struct arrays, one per chunk.
    fn export(&self) -> PyResult<ArrowArrayStream> {
        let mut df = self.df.clone();
        if df.should_rechunk() {
            df.rechunk_mut_par();
        }
        let level = CompatLevel::newest();
        let fields: Vec<AField> = df
            .columns()
            .iter()
            .map(|c| c.field().to_arrow(level))
            .collect();
        if fields.is_empty() {
            return Err(PyValueError::new_err(
                "cannot export a table without columns",
            ));
        }
        let dtype = ArrowDataType::Struct(fields);
        let mut batches: Vec<PolarsResult<Box<dyn Array>>> = Vec::new();
        for rb in df.iter_chunks(level, false) {
            let len = rb.height();
            let arr = pl(StructArray::try_new(
                dtype.clone(),
                len,
                rb.into_arrays(),
                None,
            ))?;
            batches.push(Ok(arr.boxed()));
        }
        let field = AField::new(PlSmallStr::EMPTY, dtype, false);
        let stream = export_iterator(Box::new(batches.into_iter()), field);
        Ok(stream)
    }
}

/// Import an object implementing `__arrow_c_stream__` as a DataFrame.
pub fn frame_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DataFrame> {
    guarded(|| import_frame(obj))
}

fn import_frame(obj: &Bound<'_, PyAny>) -> PyResult<DataFrame> {
    let py = obj.py();
    if !obj.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(format!(
            "expected a polars DataFrame (or any object with __arrow_c_stream__), got {}",
            obj.get_type().name()?
        )));
    }
    let capsule = obj.call_method1("__arrow_c_stream__", (py.None(),))?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("__arrow_c_stream__ did not return a PyCapsule"))?;
    let ptr = capsule
        .pointer_checked(Some(STREAM))?
        .cast::<ArrowArrayStream>();
    // SAFETY: the capsule named "arrow_array_stream" holds an ArrowArrayStream
    // (the protocol's contract). We move it out and leave a released stream
    // behind, as the C stream interface prescribes for consumers.
    let stream = unsafe { std::ptr::replace(ptr.as_ptr(), ArrowArrayStream::empty()) };
    let mut reader = pl(unsafe { ArrowArrayStreamReader::try_new(Box::new(stream)) })?;
    let field = reader.field().clone();
    let ArrowDataType::Struct(fields) = field.dtype().clone() else {
        return Err(PyTypeError::new_err(
            "expected a table (a stream of struct arrays), got a single column; pass a DataFrame",
        ));
    };
    let mut chunks: Vec<Vec<ArrayRef>> = vec![Vec::new(); fields.len()];
    let mut height = 0usize;
    // SAFETY: the reader was built from a valid stream.
    while let Some(batch) = unsafe { reader.next() } {
        let batch = pl(batch)?;
        let s = batch
            .as_any()
            .downcast_ref::<StructArray>()
            .ok_or_else(|| PyTypeError::new_err("expected struct arrays in the Arrow stream"))?;
        height += s.len();
        for (i, v) in s.values().iter().enumerate() {
            chunks[i].push(v.clone());
        }
    }
    let mut columns = Vec::with_capacity(fields.len());
    for (f, c) in fields.iter().zip(chunks) {
        let s = if c.is_empty() {
            Series::new_empty(f.name.clone(), &DataType::from_arrow_field(f))
        } else {
            pl(Series::try_from((f, c)))?
        };
        columns.push(s.into_column());
    }
    pl(DataFrame::new(height, columns))
}
