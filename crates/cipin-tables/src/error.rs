//! Errors. Each names the file (and line or row) it is about when there is one.

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong while reading a corpus or building a table.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading, decoding or segmenting failed (the message names the file).
    #[error(transparent)]
    Core(#[from] cipin_core::Error),
    /// A bad line or row of an input file: `file.jsonl:12: expected value`.
    #[error("{file}:{line}: {message}")]
    Line {
        /// The input file.
        file: String,
        /// 1-based line (JSONL) or row (CSV, parquet; the header is not counted).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A problem with a whole input file (a missing column, an unreadable table).
    #[error("{file}: {message}")]
    File {
        /// The input file.
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// Writing a result failed.
    #[error("{path}: {source}")]
    Write {
        /// Where it was being written (`<stdout>` for standard output).
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A polars error while building or writing a table.
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
    /// A bad argument or option value.
    #[error("{0}")]
    Invalid(String),
    /// The caller's [`crate::corpus::Monitor`] asked to stop.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    pub(crate) fn file(file: impl std::fmt::Display, message: impl std::fmt::Display) -> Self {
        Error::File {
            file: file.to_string(),
            message: message.to_string(),
        }
    }
}
