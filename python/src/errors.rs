//! Rust errors as Python exceptions a user can act on: the one place where
//! the library's error hierarchy (`cipin_tables::Error`, wrapping
//! `cipin_core::Error`) becomes Python exceptions ([`to_pyerr`]; every
//! binding goes through it, by [`Fail`] or directly).
//!
//! * a missing path: `FileNotFoundError` (errno 2, with `.filename`);
//! * other I/O failures: `OSError` built from the errno, so Python picks the
//!   subclass (`PermissionError`, `IsADirectoryError`, ...);
//! * bad bytes: [`DecodeError`], a `ValueError` with `.file`, `.encoding` and
//!   `.offset`;
//! * a malformed line of a user dictionary, word list or dictionary file:
//!   [`DictionaryError`], a `ValueError` with `.file` and `.line`;
//! * a bad line or row of an input, a bad file, an option that does not fit
//!   the input, bad arguments, polars' wrong columns and types: `ValueError`;
//! * the user's interrupt: `KeyboardInterrupt`;
//! * anything else (a bug): `RuntimeError`, never a `PanicException`.

use cipin_tables::polars;
use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyKeyboardInterrupt, PyOSError, PyRuntimeError, PyValueError,
};
use pyo3::prelude::*;

create_exception!(
    cipin,
    DecodeError,
    PyValueError,
    "Bytes that are not valid in the requested (or detected) encoding.\n\n\
     Attributes: ``file``, ``encoding`` (``UTF-8``, ``GB18030``, ``Big5``, \
     ``Shift_JIS``, ``EUC-KR``, ``UTF-16LE`` or ``UTF-16BE``) and ``offset`` \
     (byte offset of the first invalid sequence)."
);
create_exception!(
    cipin,
    DictionaryError,
    PyValueError,
    "A malformed line in a user dictionary. Attributes: ``file`` and ``line`` (1-based)."
);

/// Why a piece of Rust work failed.
#[derive(Debug)]
pub enum Fail {
    /// An error of the library (core or tables).
    Error(cipin_tables::Error),
    /// A bad argument of the binding itself (`ValueError`).
    Value(String),
    /// A bug: a panic in Rust.
    Panic(String),
    /// The user interrupted the work.
    Cancelled,
}

impl From<cipin_tables::Error> for Fail {
    fn from(e: cipin_tables::Error) -> Self {
        match e {
            cipin_tables::Error::Cancelled => Fail::Cancelled,
            e => Fail::Error(e),
        }
    }
}

impl From<cipin_core::Error> for Fail {
    fn from(e: cipin_core::Error) -> Self {
        Fail::Error(e.into())
    }
}

impl From<polars::prelude::PolarsError> for Fail {
    fn from(e: polars::prelude::PolarsError) -> Self {
        Fail::Error(e.into())
    }
}

impl Fail {
    /// The Python exception for this failure.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Fail::Error(e) => to_pyerr(py, e),
            Fail::Value(m) => PyValueError::new_err(m),
            Fail::Panic(m) => PyRuntimeError::new_err(format!(
                "cipin internal error (please report it with the input that caused it): {m}"
            )),
            Fail::Cancelled => PyKeyboardInterrupt::new_err(()),
        }
    }
}

/// Convert a library error (see the module docs for the exceptions).
pub fn to_pyerr(py: Python<'_>, e: cipin_tables::Error) -> PyErr {
    use cipin_tables::Error;
    match e {
        Error::Core(c) => core_err(py, c),
        Error::Polars(p) => polars_err(p),
        Error::Cancelled => PyKeyboardInterrupt::new_err(()),
        other @ Error::Write { .. } => PyValueError::new_err(other.to_string()),
    }
}

/// The text of an `io::Error` without Rust's ` (os error N)` suffix.
fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Convert a core error (the typed cases of the library's errors).
pub fn core_err(py: Python<'_>, e: cipin_core::Error) -> PyErr {
    use cipin_core::Error;
    match e {
        Error::NotFound(path) => PyFileNotFoundError::new_err((
            2,
            "No such file or directory",
            path.display().to_string(),
        )),
        Error::Io { path, source } => match source.raw_os_error() {
            // OSError(errno, strerror, filename) becomes the matching subclass.
            Some(code) => PyOSError::new_err((code, strerror(&source), path.display().to_string())),
            None => PyOSError::new_err(format!("{}: {source}", path.display())),
        },
        Error::Decode {
            file,
            encoding,
            offset,
        } => {
            // Suggest only encodings other than the one the file was read as.
            let others: Vec<String> = ["gb18030", "big5", "utf-8"]
                .iter()
                .filter(|e| !e.eq_ignore_ascii_case(encoding))
                .take(2)
                .map(|e| format!("encoding=\"{e}\""))
                .collect();
            let hint = format!(
                "; pass lossy=True to replace bad bytes with U+FFFD, or name the encoding if the \
                 file is not {encoding} (e.g. {})",
                others.join(" or ")
            );
            let err =
                DecodeError::new_err(format!("{file}: invalid {encoding} at byte {offset}{hint}"));
            let v = err.value(py);
            let _ = v.setattr("file", file);
            let _ = v.setattr("encoding", encoding);
            let _ = v.setattr("offset", offset);
            err
        }
        Error::Dictionary {
            file,
            line,
            message,
        } => {
            let msg = if message.starts_with(&file) {
                message.clone()
            } else {
                format!("{file}:{line}: {message}")
            };
            let err = DictionaryError::new_err(msg);
            let v = err.value(py);
            let _ = v.setattr("file", file);
            let _ = v.setattr("line", line);
            err
        }
        e @ (Error::Line { .. } | Error::File { .. } | Error::Setting { .. }) => {
            PyValueError::new_err(e.to_string())
        }
        Error::Invalid(m) => PyValueError::new_err(m),
    }
}

/// Convert a polars error: wrong columns and types are the caller's to fix.
pub fn polars_err(e: polars::prelude::PolarsError) -> PyErr {
    use polars::prelude::PolarsError as E;
    match e {
        E::ColumnNotFound(m) => PyValueError::new_err(format!("column not found: {m}")),
        E::SchemaMismatch(m) | E::InvalidOperation(m) | E::ShapeMismatch(m) | E::Duplicate(m) => {
            PyValueError::new_err(m.to_string())
        }
        E::SchemaFieldNotFound(m) => PyValueError::new_err(format!("field not found: {m}")),
        E::OutOfBounds(m) => PyValueError::new_err(m.to_string()),
        other => PyRuntimeError::new_err(format!("cipin internal error (polars): {other}")),
    }
}

/// `map_err` helper for polars results outside worker threads.
pub fn pl<T>(r: polars::prelude::PolarsResult<T>) -> PyResult<T> {
    r.map_err(polars_err)
}
