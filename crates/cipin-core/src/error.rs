//! Errors of every stage, core and tables alike: `cipin_tables::Error`
//! wraps this one ([`Error`]) and adds only what needs polars or the
//! tables' output. Each error names the file (and the place in it) it is
//! about, in the library's own terms: a front end (the CLI, the Python
//! package) matches the typed cases ([`Error::Decode`], [`Error::Setting`],
//! …) to add how *its* users fix them (a flag, a keyword argument).

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong between a file and its tokens or tables.
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
    /// A malformed line of a dictionary: a user dictionary or word list
    /// line, or a line of a dictionary file (JSON, YAML, text, LIWC).
    #[error("{file}:{line}: {message}")]
    Dictionary {
        /// The dictionary file.
        file: String,
        /// 1-based line number (0 when the reader could not tell).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A malformed line or row of an input file: a JSONL line, a CSV or
    /// parquet row (`file.jsonl:12: expected value`).
    #[error("{file}:{line}: {message}")]
    Line {
        /// The input file.
        file: String,
        /// 1-based line (JSONL) or row (CSV, parquet; the header is not
        /// counted).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A problem with a whole file (a missing column, an unreadable table, a
    /// dictionary without categories).
    #[error("{file}: {message}")]
    File {
        /// The file.
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// An option that does not fit the input: the named text or id column
    /// or field is missing or unusable, or the grouping is. The message
    /// says what is wrong; a front end adds how to set `setting` there.
    #[error("{message}")]
    Setting {
        /// The option concerned.
        setting: Setting,
        /// What is wrong, naming the file (and line) when there is one.
        message: String,
    },
    /// A bad argument or option value.
    #[error("{0}")]
    Invalid(String),
}

/// The options an [`Error::Setting`] can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Setting {
    /// The column holding the text (CSV, TSV, parquet).
    TextColumn,
    /// The column holding the document id (CSV, TSV, parquet).
    IdColumn,
    /// The field holding the text (JSONL).
    TextField,
    /// The field holding the document id (JSONL).
    IdField,
    /// The grouping of the documents (by document, article, file, or a
    /// metadata column).
    GroupBy,
    /// A parameter of a table or of discovery, by its library name
    /// (`min_len`, `max_len`, ...); a front end names its own spelling.
    Parameter(&'static str),
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

    /// An [`Error::Dictionary`].
    pub fn dictionary(
        file: impl std::fmt::Display,
        line: usize,
        message: impl std::fmt::Display,
    ) -> Self {
        Error::Dictionary {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }

    /// An [`Error::Line`].
    pub fn line(
        file: impl std::fmt::Display,
        line: usize,
        message: impl std::fmt::Display,
    ) -> Self {
        Error::Line {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }

    /// An [`Error::File`].
    pub fn file(file: impl std::fmt::Display, message: impl std::fmt::Display) -> Self {
        Error::File {
            file: file.to_string(),
            message: message.to_string(),
        }
    }

    /// An [`Error::Setting`].
    pub fn setting(setting: Setting, message: impl std::fmt::Display) -> Self {
        Error::Setting {
            setting,
            message: message.to_string(),
        }
    }
}
