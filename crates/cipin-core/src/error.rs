//! Errors of every stage. Each names the file (and the place in it) it is about.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong between a file and its tokens.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given by the user does not exist.
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// Any other I/O failure while reading `path`.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder being read.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Bytes that are not valid in the requested (or detected) encoding.
    #[error("{file}: invalid {encoding} at byte {offset}")]
    Decode {
        /// The file (or `<stdin>`).
        file: String,
        /// `UTF-8`, `GB18030`, `Big5`, `Shift_JIS`, `EUC-KR`, `UTF-16LE` or
        /// `UTF-16BE`: the encoding asked for, or the one auto-detection chose.
        encoding: &'static str,
        /// Byte offset of the first invalid sequence in that encoding.
        offset: usize,
    },
    /// A malformed line in a user dictionary or word list.
    #[error("{file}:{line}: {message}")]
    Dictionary {
        /// The dictionary file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A bad argument or option value.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// An [`Error::Io`] for `path`, or [`Error::NotFound`] when that is what it is.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound(path)
        } else {
            Error::Io { path, source }
        }
    }
}
