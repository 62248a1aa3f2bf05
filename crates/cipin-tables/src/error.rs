//! Errors: core's [`cipin_core::Error`] (every case about a file, a line, an
//! option or an argument) and what only the tables add: writing a result,
//! polars, cancelling. One hierarchy: match [`Error::Core`] for the typed
//! cases, or use [`Error::core`].

pub use cipin_core::error::Setting;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong while reading a corpus or building a table.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading, decoding, a bad line or row of an input or dictionary file,
    /// a bad option or argument: the typed cases of [`cipin_core::Error`]
    /// (the message names the file).
    #[error(transparent)]
    Core(#[from] cipin_core::Error),
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
    /// The caller's [`crate::corpus::Monitor`] asked to stop.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// The core error this is, if it is one.
    pub fn core(&self) -> Option<&cipin_core::Error> {
        match self {
            Error::Core(c) => Some(c),
            _ => None,
        }
    }

    /// A bad argument or option value ([`cipin_core::Error::Invalid`]).
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Core(cipin_core::Error::Invalid(message.into()))
    }

    /// A bad line or row of an input file ([`cipin_core::Error::Line`]).
    pub fn line(
        file: impl std::fmt::Display,
        line: usize,
        message: impl std::fmt::Display,
    ) -> Self {
        Error::Core(cipin_core::Error::line(file, line, message))
    }

    /// A bad line of a dictionary file ([`cipin_core::Error::Dictionary`]).
    pub fn dictionary(
        file: impl std::fmt::Display,
        line: usize,
        message: impl std::fmt::Display,
    ) -> Self {
        Error::Core(cipin_core::Error::dictionary(file, line, message))
    }

    /// A problem with a whole file ([`cipin_core::Error::File`]).
    pub fn file(file: impl std::fmt::Display, message: impl std::fmt::Display) -> Self {
        Error::Core(cipin_core::Error::file(file, message))
    }

    /// An option that does not fit the input ([`cipin_core::Error::Setting`]).
    pub fn setting(setting: Setting, message: impl std::fmt::Display) -> Self {
        Error::Core(cipin_core::Error::setting(setting, message))
    }
}
