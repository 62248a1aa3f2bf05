//! Read files, folders and stdin into decoded [`Document`]s.
//!
//! * Folders are walked recursively and their files visited in sorted path
//!   order, keeping only the wanted extensions (`.txt` by default). Walking
//!   follows symbolic links but reads each real file once and walks each real
//!   folder once (a link back up the tree is not a loop); it skips hidden
//!   files and folders (names starting with `.`), broken links and anything
//!   that is not a regular file (FIFOs, sockets, devices, which could block
//!   forever). What it skips is listed in [`Expanded::skipped`]. Paths named
//!   explicitly are read whatever they are.
//! * `-` stands for standard input.
//! * [`Encoding::Auto`] (the default) honours a byte order mark (UTF-8,
//!   UTF-16LE, UTF-16BE) and reads valid UTF-8 as UTF-8. Anything else is
//!   decoded with the encoding that explains the bytes best: damaged UTF-8
//!   when valid multi-byte UTF-8 sequences are common enough, else the
//!   candidate (GB18030, Big5, Shift_JIS, EUC-KR, UTF-8) with the fewest
//!   invalid sequences, ties broken by a statistical guess (`chardetng`).
//!   When the guess is unsure the document carries a warning saying so.
//! * Invalid bytes are an error that names the file, the encoding and the
//!   byte offset of the first invalid sequence, unless `lossy` is set: then
//!   they become U+FFFD and the document carries a warning with their count.
//! * CRLF and lone CR become LF.
//!
//! ```
//! use cipin_core::read::{decode, Encoding, ReadOptions};
//!
//! let opts = ReadOptions::default();
//! let doc = decode("a.txt", b"\xEF\xBB\xBF\xE4\xBD\xA0\xE5\xA5\xBD\r\n", &opts).unwrap();
//! assert_eq!(doc.text, "你好\n");
//! assert_eq!(doc.encoding, "utf-8-sig");
//!
//! // "中文" in GBK
//! let doc = decode("b.txt", b"\xD6\xD0\xCE\xC4", &opts).unwrap();
//! assert_eq!((doc.text.as_str(), doc.encoding), ("中文", "gb18030"));
//!
//! let err = decode("c.txt", b"ok\xFF\xFF", &ReadOptions { encoding: Encoding::Utf8, ..opts }).unwrap_err();
//! assert_eq!(err.to_string(), "c.txt: invalid UTF-8 at byte 2");
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::DecoderResult;

use crate::error::{Error, Result};

/// Which encoding to decode input with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// A byte order mark if there is one, else UTF-8 when the bytes are valid
    /// UTF-8, else the encoding that explains them best (see the module docs).
    #[default]
    Auto,
    /// UTF-8 only (a BOM is still stripped).
    Utf8,
    /// GB18030 (covers GBK and GB2312).
    Gb18030,
    /// Big5 (traditional Chinese; with the HKSCS extension).
    Big5,
    /// Shift_JIS (Japanese; Windows code page 932).
    ShiftJis,
    /// EUC-KR (Korean; Windows code page 949).
    EucKr,
    /// UTF-16 in the byte order its BOM says, little-endian without one.
    Utf16,
    /// UTF-16 little-endian (a BOM is stripped).
    Utf16Le,
    /// UTF-16 big-endian (a BOM is stripped).
    Utf16Be,
}

impl Encoding {
    /// Whether bytes are read as UTF-8 when they are valid UTF-8 (the
    /// encodings that let a reader split valid UTF-8 into lines in place).
    pub fn reads_utf8(self) -> bool {
        matches!(self, Encoding::Auto | Encoding::Utf8)
    }
}

impl std::str::FromStr for Encoding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" | "utf-8-sig" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            "big5" | "big5-hkscs" | "cp950" => Ok(Encoding::Big5),
            "shift-jis" | "sjis" | "cp932" | "windows-31j" => Ok(Encoding::ShiftJis),
            "euc-kr" | "cp949" | "uhc" => Ok(Encoding::EucKr),
            "utf-16" | "utf16" => Ok(Encoding::Utf16),
            "utf-16le" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            other => Err(Error::Invalid(format!(
                "unknown encoding `{other}` (expected auto, utf-8, gb18030, big5, shift_jis, \
                 euc-kr, utf-16, utf-16le or utf-16be)"
            ))),
        }
    }
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Encoding to decode with.
    pub encoding: Encoding,
    /// Replace invalid bytes (with a warning) instead of failing.
    pub lossy: bool,
    /// File extensions (without the dot, lower case) kept when walking folders.
    /// Files named explicitly are always read.
    pub extensions: Vec<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: Encoding::Auto,
            lossy: false,
            extensions: vec!["txt".to_string()],
        }
    }
}

/// A decoded input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given (or found in a folder), see [`path_id`]; `<stdin>`
    /// for standard input.
    pub id: String,
    /// The decoded text, line endings made LF.
    pub text: String,
    /// `utf-8`, `utf-8-sig` (a BOM was stripped), `gb18030`, `big5`,
    /// `shift_jis`, `euc-kr`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
    /// Warnings about this document (lossy decoding, an unsure guess of the
    /// encoding).
    pub warnings: Vec<String>,
}

/// An input: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The id documents read from this source get (see [`path_id`]).
    pub fn id(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => path_id(p),
        }
    }
}

/// The id of a path: the path itself when it is valid UTF-8; otherwise the
/// valid parts with each invalid byte written `\xNN` and `\` doubled.
///
/// Why not [`Path::display`]: it replaces invalid bytes with U+FFFD, so two
/// files whose names differ only in invalid bytes would get one id and be
/// counted as one document.
///
/// ```
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// use cipin_core::read::path_id;
/// let p = std::path::Path::new(std::ffi::OsStr::from_bytes(b"d\\a\xFF.txt"));
/// assert_eq!(path_id(p), r"d\\a\xff.txt");
/// assert_eq!(path_id(std::path::Path::new("甲/乙.txt")), "甲/乙.txt");
/// # }
/// ```
pub fn path_id(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_string();
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Why walking a folder left something out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A hidden file or folder (its name starts with `.`).
    Hidden,
    /// A folder already walked (a symbolic link back up the tree, or to a
    /// folder walked elsewhere).
    Walked,
    /// A file already read under another name (a symbolic or hard link):
    /// the path it was read as.
    Duplicate(PathBuf),
    /// A symbolic link to nothing.
    BrokenLink,
    /// Not a regular file: `FIFO`, `socket` or `device`. Reading it could
    /// block forever (a FIFO) or never end (a device).
    NotRegular(&'static str),
}

impl SkipReason {
    /// A short name for counts: `hidden`, `already walked`, `duplicate`,
    /// `broken link`, `FIFO`, `socket` or `device`.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::Hidden => "hidden",
            SkipReason::Walked => "already walked",
            SkipReason::Duplicate(_) => "duplicate",
            SkipReason::BrokenLink => "broken link",
            SkipReason::NotRegular(kind) => kind,
        }
    }
}

/// Something left out of the input, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path found.
    pub path: PathBuf,
    /// Why it was not read.
    pub reason: SkipReason,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = path_id(&self.path);
        match &self.reason {
            SkipReason::Hidden => write!(f, "{p}: hidden, not read"),
            SkipReason::Walked => write!(
                f,
                "{p}: folder already walked (a link loop?), not read again"
            ),
            SkipReason::Duplicate(first) => {
                write!(f, "{p}: same file as {}, not read again", path_id(first))
            }
            SkipReason::BrokenLink => write!(f, "{p}: broken symbolic link"),
            SkipReason::NotRegular(kind) => {
                write!(f, "{p}: a {kind}, not a regular file (name it to read it)")
            }
        }
    }
}

/// `N skipped (2 hidden, 1 FIFO)`, counts by [`SkipReason::label`] in order
/// of first appearance; `None` when nothing was skipped. For summary lines.
///
/// ```
/// use cipin_core::read::{skipped_summary, SkipReason, Skipped};
/// let s = |r| Skipped { path: "x".into(), reason: r };
/// let all = [s(SkipReason::Hidden), s(SkipReason::NotRegular("FIFO")), s(SkipReason::Hidden)];
/// assert_eq!(skipped_summary(&all).unwrap(), "3 skipped (2 hidden, 1 FIFO)");
/// assert_eq!(skipped_summary(&[]), None);
/// ```
pub fn skipped_summary(skipped: &[Skipped]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in skipped {
        let label = s.reason.label();
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    let parts: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
    Some(format!("{} skipped ({})", skipped.len(), parts.join(", ")))
}

/// The sources under a set of paths and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Files (and stdin) to read, in order.
    pub sources: Vec<Source>,
    /// What walking the folders left out, in the order found.
    pub skipped: Vec<Skipped>,
}

/// Expand paths into sources: files as given, folders walked recursively
/// (sorted, filtered by extension), `-` as stdin. A missing path is an error.
/// What walking skipped is dropped; see [`expand_paths_with_skipped`].
///
/// ```
/// use cipin_core::read::{expand_paths, ReadOptions, Source};
/// let dir = std::env::temp_dir().join("cipin-doc-expand");
/// std::fs::create_dir_all(dir.join("sub")).unwrap();
/// std::fs::write(dir.join("b.txt"), "乙").unwrap();
/// std::fs::write(dir.join("sub/a.txt"), "甲").unwrap();
/// std::fs::write(dir.join("c.csv"), "x").unwrap();
/// let found = expand_paths(&[dir.clone()], &ReadOptions::default()).unwrap();
/// assert_eq!(found, vec![Source::File(dir.join("b.txt")), Source::File(dir.join("sub/a.txt"))]);
/// ```
pub fn expand_paths<P: AsRef<Path>>(paths: &[P], opts: &ReadOptions) -> Result<Vec<Source>> {
    Ok(expand_paths_with_skipped(paths, opts)?.sources)
}

/// [`expand_paths`], with what was skipped and why.
///
/// Each real folder is walked once and each real file found while walking
/// is read once, however many links lead to it (remembered by device and
/// inode on Unix, by canonical path elsewhere), and not at all when it was
/// named explicitly before. Paths named explicitly are read as given, each
/// time they are named: that is what was asked for.
pub fn expand_paths_with_skipped<P: AsRef<Path>>(
    paths: &[P],
    opts: &ReadOptions,
) -> Result<Expanded> {
    let mut w = Walker {
        opts,
        dirs: HashMap::new(),
        files: HashMap::new(),
        out: Expanded::default(),
    };
    for p in paths {
        let p = p.as_ref();
        if p.as_os_str() == "-" {
            w.out.sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            if w.first_visit_dir(p, &meta) {
                w.walk(p)?;
            }
        } else {
            // Named explicitly: read whatever it is (a FIFO too: the user
            // asked for it).
            w.add_file(p, &meta, true);
        }
    }
    Ok(w.out)
}

/// What identifies a real file or folder: its device and inode.
#[cfg(unix)]
type FileKey = (u64, u64);
/// What identifies a real file or folder: its canonical path.
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(_path: &Path, meta: &std::fs::Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &std::fs::Metadata) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}

/// The kind of a file that is neither a regular file nor a folder.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let ft = meta.file_type();
        if ft.is_fifo() {
            return "FIFO";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "device";
        }
    }
    let _ = meta;
    "special file"
}

struct Walker<'a> {
    opts: &'a ReadOptions,
    /// Folders walked.
    dirs: HashMap<FileKey, PathBuf>,
    /// Files added, with the path they were added as.
    files: HashMap<FileKey, PathBuf>,
    out: Expanded,
}

impl Walker<'_> {
    /// Remember a folder; `false` (and a skip) when it was walked already.
    fn first_visit_dir(&mut self, path: &Path, meta: &std::fs::Metadata) -> bool {
        let Some(key) = file_key(path, meta) else {
            return true;
        };
        if self.dirs.contains_key(&key) {
            self.skip(path, SkipReason::Walked);
            return false;
        }
        self.dirs.insert(key, path.to_path_buf());
        true
    }

    /// Add a file: one named `explicitly` always, one found by walking
    /// unless it was added already under some name.
    fn add_file(&mut self, path: &Path, meta: &std::fs::Metadata, explicitly: bool) {
        if let Some(key) = file_key(path, meta) {
            match self.files.get(&key) {
                Some(first) if !explicitly => {
                    let reason = SkipReason::Duplicate(first.clone());
                    self.skip(path, reason);
                    return;
                }
                Some(_) => {}
                None => {
                    self.files.insert(key, path.to_path_buf());
                }
            }
        }
        self.out.sources.push(Source::File(path.to_path_buf()));
    }

    fn skip(&mut self, path: &Path, reason: SkipReason) {
        self.out.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }

    /// Walk a folder depth first, entries in name order (which is sorted
    /// path order), so that which of two links to a file is read does not
    /// depend on the order the file system lists them in.
    fn walk(&mut self, dir: &Path) -> Result<()> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            entries.push(entry);
        }
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            // Why skip hidden folders too: a file in `.git/` or `.cache/` is
            // no more an input than `.DS_Store` is.
            if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
                self.skip(&path, SkipReason::Hidden);
                continue;
            }
            let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
            let meta = if ft.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        self.skip(&path, SkipReason::BrokenLink);
                        continue;
                    }
                    Err(e) => return Err(Error::io(&path, e)),
                }
            } else {
                entry.metadata().map_err(|e| Error::io(&path, e))?
            };
            if meta.is_dir() {
                if self.first_visit_dir(&path, &meta) {
                    self.walk(&path)?;
                }
            } else if !has_extension(&path, &self.opts.extensions) {
                // Not an input by the caller's own filter: not worth a mention.
            } else if !meta.is_file() {
                self.skip(&path, SkipReason::NotRegular(special_kind(&meta)));
            } else {
                self.add_file(&path, &meta, false);
            }
        }
        Ok(())
    }
}

fn has_extension(path: &Path, exts: &[String]) -> bool {
    if exts.is_empty() {
        return true;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) => exts.iter().any(|x| x.eq_ignore_ascii_case(e)),
        None => false,
    }
}

/// Read the raw bytes of a source.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>> {
    match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::io("<stdin>", e))?;
            Ok(buf)
        }
        Source::File(p) => std::fs::read(p).map_err(|e| Error::io(p, e)),
    }
}

/// Read and decode one source.
pub fn read_source(source: &Source, opts: &ReadOptions) -> Result<Document> {
    let bytes = read_bytes(source)?;
    decode(&source.id(), &bytes, opts)
}

/// Read and decode every file under `paths` (see [`expand_paths`]), in order.
pub fn read_paths<P: AsRef<Path>>(paths: &[P], opts: &ReadOptions) -> Result<Vec<Document>> {
    expand_paths(paths, opts)?
        .iter()
        .map(|s| read_source(s, opts))
        .collect()
}

/// Decode bytes named `id` according to `opts`, and make line endings LF.
pub fn decode(id: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document> {
    let raw = decode_raw(id, bytes, opts)?;
    let mut warnings = Vec::new();
    if let Some(note) = raw.unsure {
        warnings.push(format!("{id}: {note}"));
    }
    if raw.replaced > 0 {
        warnings.push(format!(
            "{id}: {} invalid byte sequence{} replaced with U+FFFD",
            raw.replaced,
            if raw.replaced == 1 { "" } else { "s" }
        ));
    }
    Ok(Document {
        id: id.to_string(),
        text: normalize_newlines(raw.text),
        encoding: raw.name,
        warnings,
    })
}

/// An encoding decode can use: how to decode, and what to call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Codec {
    enc: &'static encoding_rs::Encoding,
    /// For [`Document::encoding`].
    name: &'static str,
    /// For [`Error::Decode`].
    label: &'static str,
}

const UTF8: Codec = Codec {
    enc: encoding_rs::UTF_8,
    name: "utf-8",
    label: "UTF-8",
};
const GB18030: Codec = Codec {
    enc: encoding_rs::GB18030,
    name: "gb18030",
    label: "GB18030",
};
const BIG5: Codec = Codec {
    enc: encoding_rs::BIG5,
    name: "big5",
    label: "Big5",
};
const SHIFT_JIS: Codec = Codec {
    enc: encoding_rs::SHIFT_JIS,
    name: "shift_jis",
    label: "Shift_JIS",
};
const EUC_KR: Codec = Codec {
    enc: encoding_rs::EUC_KR,
    name: "euc-kr",
    label: "EUC-KR",
};
const UTF16LE: Codec = Codec {
    enc: encoding_rs::UTF_16LE,
    name: "utf-16le",
    label: "UTF-16LE",
};
const UTF16BE: Codec = Codec {
    enc: encoding_rs::UTF_16BE,
    name: "utf-16be",
    label: "UTF-16BE",
};

/// What auto-detection chooses among, in the order ties go when the
/// statistical guess does not settle them (the corpora cipin is for are
/// mostly UTF-8 and GB18030).
const CANDIDATES: [Codec; 5] = [UTF8, GB18030, BIG5, EUC_KR, SHIFT_JIS];

/// Decoded text, its encoding's name, invalid sequences replaced, and a
/// note when the encoding was a guess that could have gone another way.
struct Raw {
    text: String,
    name: &'static str,
    replaced: usize,
    unsure: Option<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

fn decode_raw(id: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Raw> {
    let lossy = opts.lossy;
    let raw = |(text, replaced): (String, usize), name| Raw {
        text,
        name,
        replaced,
        unsure: None,
    };
    let utf8 = |bytes: &[u8]| -> Result<Raw> {
        match bytes.strip_prefix(UTF8_BOM) {
            Some(body) => decode_utf8(id, body, UTF8_BOM.len(), lossy).map(|r| raw(r, "utf-8-sig")),
            None => decode_utf8(id, bytes, 0, lossy).map(|r| raw(r, UTF8.name)),
        }
    };
    let with = |codec: Codec, bom: &[u8]| -> Result<Raw> {
        let (body, base) = match bytes.strip_prefix(bom) {
            Some(body) if !bom.is_empty() => (body, bom.len()),
            _ => (bytes, 0),
        };
        decode_with(id, codec, body, base, lossy).map(|r| raw(r, codec.name))
    };
    match opts.encoding {
        Encoding::Utf8 => utf8(bytes),
        Encoding::Gb18030 => with(GB18030, b""),
        Encoding::Big5 => with(BIG5, b""),
        Encoding::ShiftJis => with(SHIFT_JIS, b""),
        Encoding::EucKr => with(EUC_KR, b""),
        Encoding::Utf16Le => with(UTF16LE, UTF16LE_BOM),
        Encoding::Utf16Be => with(UTF16BE, UTF16BE_BOM),
        Encoding::Utf16 if bytes.starts_with(UTF16BE_BOM) => with(UTF16BE, UTF16BE_BOM),
        Encoding::Utf16 => with(UTF16LE, UTF16LE_BOM),
        Encoding::Auto => {
            if bytes.starts_with(UTF8_BOM) {
                return utf8(bytes);
            }
            if bytes.starts_with(UTF16LE_BOM) {
                return with(UTF16LE, UTF16LE_BOM);
            }
            if bytes.starts_with(UTF16BE_BOM) {
                return with(UTF16BE, UTF16BE_BOM);
            }
            if let Ok(s) = std::str::from_utf8(bytes) {
                return Ok(raw((s.to_string(), 0), UTF8.name));
            }
            let (codec, unsure) = detect(bytes);
            let mut r = if codec == UTF8 {
                utf8(bytes)?
            } else {
                with(codec, b"")?
            };
            r.unsure = unsure;
            Ok(r)
        }
    }
}

/// Invalid sequences found by a pass over some bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    /// How many (each one U+FFFD when decoding lossily).
    errors: usize,
    /// Offset of the first one.
    first_bad: Option<usize>,
}

/// UTF-8 invalid sequences (one per maximal invalid subpart, as
/// `String::from_utf8_lossy` counts them), and valid sequences of three or
/// four bytes.
fn utf8_tally(bytes: &[u8]) -> (Tally, usize) {
    let mut t = Tally::default();
    let mut long = 0usize;
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        long += chunk.valid().chars().filter(|c| c.len_utf8() >= 3).count();
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            t.first_bad.get_or_insert(pos);
            t.errors += 1;
            pos += chunk.invalid().len();
        }
    }
    (t, long)
}

/// Run a decoder over `bytes`, appending the text (invalid sequences as
/// U+FFFD) to `text` when given, and stopping once more than `limit`
/// invalid sequences were found.
///
/// Why a fixed scratch buffer: `Decoder::decode_to_string_without_replacement`
/// touches every page of the string's spare capacity on each call, and it
/// returns at every invalid sequence, so decoding a big file with many of
/// them that way is quadratic (16 MB of UTF-8 tried as GB18030 took 14 s).
/// Here each call costs what it decodes.
fn run_decoder(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
    mut text: Option<&mut String>,
    limit: usize,
) -> Tally {
    const SCRATCH: usize = 32 << 10;
    let mut scratch = "\0".repeat(SCRATCH);
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut t = Tally::default();
    let mut pos = 0usize;
    loop {
        let (res, read, written) =
            decoder.decode_to_str_without_replacement(&bytes[pos..], &mut scratch, true);
        if let Some(out) = text.as_deref_mut() {
            out.push_str(&scratch[..written]);
        }
        pos += read;
        match res {
            DecoderResult::InputEmpty => return t,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, later) => {
                let start = pos.saturating_sub(bad as usize + later as usize);
                t.first_bad.get_or_insert(start);
                t.errors += 1;
                if let Some(out) = text.as_deref_mut() {
                    out.push('\u{FFFD}');
                }
                if t.errors > limit {
                    return t;
                }
            }
        }
    }
}

/// Decode `body` (found at offset `base` of the file) with `codec`: the text
/// and the number of replacements, or an error at the first invalid
/// sequence unless `lossy`.
fn decode_with(
    id: &str,
    codec: Codec,
    body: &[u8],
    base: usize,
    lossy: bool,
) -> Result<(String, usize)> {
    if codec == UTF8 {
        return decode_utf8(id, body, base, lossy);
    }
    if let Some(s) = codec
        .enc
        .decode_without_bom_handling_and_without_replacement(body)
    {
        return Ok((s.into_owned(), 0));
    }
    if !lossy {
        let t = run_decoder(codec.enc, body, None, 0);
        return Err(Error::Decode {
            file: id.to_string(),
            encoding: codec.label,
            offset: base + t.first_bad.unwrap_or(0),
        });
    }
    let mut out = String::with_capacity(body.len() + body.len() / 2 + 16);
    let t = run_decoder(codec.enc, body, Some(&mut out), usize::MAX);
    Ok((out, t.errors))
}

fn decode_utf8(id: &str, body: &[u8], base: usize, lossy: bool) -> Result<(String, usize)> {
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), 0)),
        Err(e) if !lossy => Err(Error::Decode {
            file: id.to_string(),
            encoding: UTF8.label,
            offset: base + e.valid_up_to(),
        }),
        Err(_) => {
            let mut replaced = 0;
            let mut out = String::with_capacity(body.len());
            for chunk in body.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    replaced += 1;
                    out.push('\u{FFFD}');
                }
            }
            Ok((out, replaced))
        }
    }
}

/// How much of a file the statistical guess looks at: plenty to tell the
/// CJK encodings apart (over a hundred thousand characters), and a bound on
/// its cost: chardetng reads about 10 MB/s, and the guess runs three times
/// (the whole sample and each half).
const GUESS_BYTES: usize = 256 << 10;

/// Fewer non-ASCII bytes than this (about a hundred CJK characters) are too
/// few for a statistical guess to be sure.
const MIN_EVIDENCE: usize = 200;

/// chardetng's guess from the content alone (no top-level domain: with one,
/// chardetng prefers the encoding native to it whenever it is plausible),
/// when it is one of the candidates.
fn guess(sample: &[u8], last: bool) -> Option<Codec> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, last);
    let g = det.guess(None, chardetng::Utf8Detection::Deny);
    CANDIDATES
        .iter()
        .copied()
        .find(|c| c.enc == g || (c.enc == encoding_rs::GB18030 && g == encoding_rs::GBK))
}

/// Choose the encoding of bytes that are not valid UTF-8 and have no BOM,
/// with a note when the choice is unsure.
///
/// 1. Damaged UTF-8: at least one valid three- or four-byte UTF-8 sequence
///    for every four invalid ones. Legacy CJK text read as UTF-8 has 25 to
///    60 invalid sequences per accidental valid one (the seed page in
///    GB18030, Big5, Shift_JIS and EUC-KR), so this leaves a wide margin.
/// 2. Otherwise the candidates with the fewest invalid sequences: they
///    explain the bytes best. Most CJK double-byte text is valid in several
///    of these encodings (Big5 and EUC-KR text is valid GB18030), so this
///    alone rarely decides.
/// 3. Among those, chardetng's statistical guess. It is *sure* when it has
///    [`MIN_EVIDENCE`] non-ASCII bytes to go on and guesses the same from
///    each half of the text as from the whole; otherwise the note says which
///    other encodings fit.
fn detect(bytes: &[u8]) -> (Codec, Option<String>) {
    let (u, long) = utf8_tally(bytes);
    if long.saturating_mul(4) >= u.errors {
        return (UTF8, None);
    }
    // Count errors, GB18030 first (what cipin mostly reads): the others stop
    // counting as soon as they have more, which for a wrong encoding is
    // usually soon.
    let mut tallies: Vec<(Codec, Tally)> = vec![(UTF8, u)];
    let mut best = u.errors;
    for c in CANDIDATES.iter().copied().filter(|c| *c != UTF8) {
        let t = run_decoder(c.enc, bytes, None, best);
        best = best.min(t.errors);
        tallies.push((c, t));
    }
    let fits: Vec<Codec> = CANDIDATES
        .iter()
        .copied()
        .filter(|c| tallies.iter().any(|(t, n)| t == c && n.errors == best))
        .collect();
    // chardetng rules out an encoding at its first invalid sequence, so a
    // damaged file is guessed from the part before the damage.
    let damage = tallies
        .iter()
        .filter(|(c, _)| fits.contains(c))
        .filter_map(|(_, t)| t.first_bad)
        .min();
    let end = damage.unwrap_or(bytes.len()).min(GUESS_BYTES);
    let sample = &bytes[..end];
    let last = end == bytes.len();
    let guessed = guess(sample, last);
    let chosen = match guessed {
        Some(g) if fits.contains(&g) => g,
        _ => fits.first().copied().unwrap_or(UTF8),
    };
    if fits.len() == 1 || (guessed == Some(chosen) && stable_guess(sample, last, chosen)) {
        return (chosen, None);
    }
    let others: Vec<&str> = fits
        .iter()
        .filter(|c| **c != chosen)
        .map(|c| c.label)
        .collect();
    let note = format!(
        "encoding unsure: read as {}, but {} fit{} the bytes as well (name the encoding to be sure)",
        chosen.label,
        others.join(" and "),
        if others.len() == 1 { "s" } else { "" }
    );
    (chosen, Some(note))
}

/// Whether the guess rests on enough text and comes out the same from each
/// half of it. The halves are split at a byte below 0x30 (a line break, a
/// space, ASCII punctuation), which is never part of a multi-byte character
/// in any candidate, so neither half starts or ends inside a character.
/// `last`: the sample is the end of the file (else the second half may end
/// inside a character, which is then not taken for an invalid one).
fn stable_guess(sample: &[u8], last: bool, chosen: Codec) -> bool {
    if sample.iter().filter(|b| **b >= 0x80).count() < MIN_EVIDENCE {
        return false;
    }
    let mid = sample.len() / 2;
    let Some(cut) = sample[mid..]
        .iter()
        .position(|b| *b < 0x30)
        .map(|i| mid + i + 1)
    else {
        return false;
    };
    guess(&sample[..cut], true) == Some(chosen) && guess(&sample[cut..], last) == Some(chosen)
}

/// CRLF and lone CR become LF.
///
/// ```
/// assert_eq!(cipin_core::read::normalize_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
/// ```
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(encoding: Encoding, lossy: bool) -> ReadOptions {
        ReadOptions {
            encoding,
            lossy,
            ..ReadOptions::default()
        }
    }

    #[test]
    fn utf8_bom_and_crlf() {
        let d = decode(
            "x",
            "\u{FEFF}甲\r\n乙\r丙".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(d.text, "甲\n乙\n丙");
        assert_eq!(d.encoding, "utf-8-sig");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("黄岩区召开推进会。書記");
        let d = decode("g.txt", &bytes, &ReadOptions::default()).unwrap();
        assert_eq!(d.text, "黄岩区召开推进会。書記");
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn forced_gb18030_error_names_offset() {
        // 0x81 followed by 0x20 is not a valid GB18030 sequence.
        let err = decode(
            "g.txt",
            b"\xD6\xD0\x81\x20",
            &opts(Encoding::Gb18030, false),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "g.txt: invalid GB18030 at byte 2");
    }

    #[test]
    fn invalid_utf8_error_names_file_and_offset() {
        // Invalid both as UTF-8 and as GB18030 (0xFF is never valid in GB18030).
        let mut bytes = "黄岩".as_bytes().to_vec();
        bytes.push(0xFF);
        let err = decode("p/x.txt", &bytes, &ReadOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "p/x.txt: invalid UTF-8 at byte 6");
    }

    #[test]
    fn lossy_counts_replacements() {
        let mut bytes = "黄岩".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFEok\xFF");
        let d = decode("x.txt", &bytes, &opts(Encoding::Auto, true)).unwrap();
        // One U+FFFD per maximal invalid subpart, as the Unicode standard recommends.
        assert_eq!(d.text, "黄岩\u{FFFD}\u{FFFD}ok\u{FFFD}");
        assert_eq!(
            d.warnings,
            vec!["x.txt: 3 invalid byte sequences replaced with U+FFFD"]
        );
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!("GBK".parse::<Encoding>().unwrap(), Encoding::Gb18030);
        assert_eq!("utf8".parse::<Encoding>().unwrap(), Encoding::Utf8);
        assert_eq!("Big5".parse::<Encoding>().unwrap(), Encoding::Big5);
        assert_eq!("shift_jis".parse::<Encoding>().unwrap(), Encoding::ShiftJis);
        assert_eq!("UTF-16LE".parse::<Encoding>().unwrap(), Encoding::Utf16Le);
        assert!("latin1".parse::<Encoding>().is_err());
    }

    #[test]
    fn missing_path_is_not_found() {
        let err = expand_paths(&["/definitely/not/here.txt"], &ReadOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/definitely/not/here.txt: no such file or directory"
        );
    }

    /// A traditional-Chinese paragraph (a few hundred characters repeated
    /// into a page): what a Big5 file from Taiwan or Hong Kong holds.
    const TRADITIONAL: &str =
        "臺灣的報紙每天都會刊登許多關於經濟發展、教育改革與環境保護的新聞報導。\
        記者們走訪各地，採訪農民、工人和學生，記錄他們對於未來的期望與擔憂。\
        政府官員表示，將繼續推動基礎建設，並加強對偏遠地區的醫療與交通服務。\
        許多讀者認為，這些報導幫助他們更了解社會的變化，也讓他們對國家的發展方向有更清楚的認識。\n";

    fn encoded(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{} cannot encode the test text", enc.name());
        bytes.into_owned()
    }

    #[test]
    fn big5_is_detected_not_read_as_gb18030() {
        let text = TRADITIONAL.repeat(3);
        let bytes = encoded(encoding_rs::BIG5, &text);
        // The old reader took these bytes for GB18030: they are valid there too.
        assert!(encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .is_some());
        let d = decode("t.txt", &bytes, &ReadOptions::default()).unwrap();
        assert_eq!(d.encoding, "big5");
        assert_eq!(d.text, text);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        // Named explicitly.
        let d = decode("t.txt", &bytes, &opts("big5".parse().unwrap(), false)).unwrap();
        assert_eq!(d.text, text);
    }

    #[test]
    fn a_big_big5_file_is_guessed_from_a_sample_cut_inside_a_character() {
        // Over GUESS_BYTES, with the sample ending in the middle of a
        // character (an ASCII byte in front moves the cut by one).
        let page = TRADITIONAL.repeat(GUESS_BYTES * 2 / TRADITIONAL.len() + 1);
        let bytes = ["", "x"]
            .iter()
            .map(|pad| encoded(encoding_rs::BIG5, &format!("{pad}{page}")))
            .find(|b| {
                encoding_rs::BIG5
                    .decode_without_bom_handling_and_without_replacement(&b[..GUESS_BYTES])
                    .is_none()
            })
            .unwrap();
        let d = decode("t.txt", &bytes, &ReadOptions::default()).unwrap();
        assert_eq!(d.encoding, "big5");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn shift_jis_and_euc_kr_are_detected() {
        let ja = "日本の新聞は毎朝、政治や経済、スポーツの記事を載せている。記者たちは各地を回り、人々の声を伝える。\n".repeat(4);
        let d = decode(
            "j.txt",
            &encoded(encoding_rs::SHIFT_JIS, &ja),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("shift_jis", ja.as_str()));
        let ko = "한국의 신문은 매일 아침 정치와 경제, 스포츠 기사를 싣는다. 기자들은 전국을 다니며 사람들의 목소리를 전한다.\n".repeat(4);
        let d = decode(
            "k.txt",
            &encoded(encoding_rs::EUC_KR, &ko),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("euc-kr", ko.as_str()));
    }

    #[test]
    fn utf16_with_a_bom_is_utf16() {
        let text = "黄岩区召开推进会。\nok";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode("u.txt", &le, &ReadOptions::default()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("utf-16le", text));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode("u.txt", &be, &ReadOptions::default()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("utf-16be", text));
        let d = decode("u.txt", &be, &opts(Encoding::Utf16, false)).unwrap();
        assert_eq!(d.text, text);
        // A lone surrogate is an error at its offset (after the BOM).
        let mut bad = le.clone();
        bad.extend_from_slice(&[0x00, 0xD8, b'a', 0]);
        let err = decode("u.txt", &bad, &ReadOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("u.txt: invalid UTF-16LE at byte {}", le.len())
        );
    }

    /// A GB18030 page with one character damaged (its trail byte made a
    /// space), and the offset of that character.
    fn damaged_gb18030() -> (String, Vec<u8>, usize) {
        let line =
            "黄岩区召开推进会，部署今年的重点工作。会议强调，要坚持以人民为中心的发展思想。\n";
        let text = line.repeat(20);
        let at = encoded(encoding_rs::GB18030, &format!("{}黄岩区", line.repeat(7))).len();
        let mut bytes = encoded(encoding_rs::GB18030, &text);
        bytes[at + 1] = b' ';
        (text, bytes, at)
    }

    #[test]
    fn damaged_gb18030_errors_at_the_damage_in_gb18030() {
        let (_, bytes, at) = damaged_gb18030();
        let err = decode("g.txt", &bytes, &ReadOptions::default()).unwrap_err();
        // Not "invalid UTF-8 at byte 0" (the first non-ASCII byte).
        assert_eq!(
            err.to_string(),
            format!("g.txt: invalid GB18030 at byte {at}")
        );
    }

    #[test]
    fn damaged_gb18030_lossy_replaces_one_sequence_not_the_page() {
        let (text, bytes, _) = damaged_gb18030();
        let d = decode("g.txt", &bytes, &opts(Encoding::Auto, true)).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1, "{}", d.text);
        assert_eq!(
            d.warnings,
            vec!["g.txt: 1 invalid byte sequence replaced with U+FFFD"]
        );
        // Everything but the damaged character (and the space put in) is intact.
        assert_eq!(d.text.chars().count(), text.chars().count() + 1);
    }

    #[test]
    fn a_big_utf8_file_with_one_bad_byte_decodes_in_linear_time() {
        // 8 MB: this took seconds when GB18030 was tried with a growing
        // string (quadratic); the assertions are on the result, not the time.
        let line = "黄岩区召开推进会，部署今年的重点工作。\n";
        let mut bytes = line.repeat((8 << 20) / line.len()).into_bytes();
        // The line break ending the middle line.
        let at = bytes.len() / 2 / line.len() * line.len() - 1;
        bytes[at] = 0xFF;
        let err = decode("big.txt", &bytes, &ReadOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("big.txt: invalid UTF-8 at byte {at}")
        );
        let d = decode("big.txt", &bytes, &opts(Encoding::Auto, true)).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
        assert_eq!(d.text.len(), bytes.len() - 1 + '\u{FFFD}'.len_utf8());
        // The same bytes forced through GB18030 decode lossily too (the
        // slow path of old, with an error every few bytes).
        let d = decode("big.txt", &bytes, &opts(Encoding::Gb18030, true)).unwrap();
        assert!(d.warnings[0].contains("replaced with U+FFFD"));
    }

    #[test]
    fn forced_gb18030_is_not_second_guessed() {
        let bytes = encoded(encoding_rs::BIG5, TRADITIONAL);
        let d = decode("t.txt", &bytes, &opts(Encoding::Gb18030, false)).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_ne!(d.text, TRADITIONAL);
    }

    /// A fresh folder under the system's temporary folder.
    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("cipin-read-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn files(e: &Expanded) -> Vec<PathBuf> {
        e.sources
            .iter()
            .filter_map(|s| match s {
                Source::File(p) => Some(p.clone()),
                Source::Stdin => None,
            })
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_walked_once() {
        let d = scratch("loop");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "甲").unwrap();
        std::fs::write(d.join("sub/b.txt"), "乙").unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("a.txt", d.join("c.txt")).unwrap();
        let e = expand_paths_with_skipped(&[&d], &ReadOptions::default()).unwrap();
        assert_eq!(files(&e), vec![d.join("a.txt"), d.join("sub/b.txt")]);
        assert_eq!(
            e.skipped,
            vec![
                Skipped {
                    path: d.join("c.txt"),
                    reason: SkipReason::Duplicate(d.join("a.txt"))
                },
                Skipped {
                    path: d.join("sub/up"),
                    reason: SkipReason::Walked
                },
            ]
        );
        // A file named and then found in a folder is read once; one named
        // twice is read twice, as asked.
        let e = expand_paths_with_skipped(&[d.join("a.txt"), d.clone()], &ReadOptions::default())
            .unwrap();
        assert_eq!(files(&e), vec![d.join("a.txt"), d.join("sub/b.txt")]);
        assert_eq!(
            skipped_summary(&e.skipped).unwrap(),
            "3 skipped (2 duplicate, 1 already walked)"
        );
        let a = d.join("a.txt");
        let e = expand_paths_with_skipped(&[&a, &a], &ReadOptions::default()).unwrap();
        assert_eq!((files(&e), e.skipped), (vec![a.clone(), a], vec![]));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_hidden_entries_and_broken_links_are_skipped_when_walking() {
        let d = scratch("special");
        std::fs::create_dir_all(d.join(".hidden")).unwrap();
        std::fs::write(d.join(".hidden/x.txt"), "甲").unwrap();
        std::fs::write(d.join(".y.txt"), "乙").unwrap();
        std::fs::write(d.join("z.txt"), "丙").unwrap();
        std::os::unix::fs::symlink("nowhere.txt", d.join("broken.txt")).unwrap();
        let fifo = d.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let have_fifo = made.map(|s| s.success()).unwrap_or(false);
        let e = expand_paths_with_skipped(&[&d], &ReadOptions::default()).unwrap();
        assert_eq!(files(&e), vec![d.join("z.txt")]);
        let mut reasons: Vec<String> = e.skipped.iter().map(|s| s.to_string()).collect();
        reasons.sort();
        let id = |n: &str| path_id(&d.join(n));
        let mut want = vec![
            format!("{}: hidden, not read", id(".hidden")),
            format!("{}: hidden, not read", id(".y.txt")),
            format!("{}: broken symbolic link", id("broken.txt")),
        ];
        if have_fifo {
            want.push(format!(
                "{}: a FIFO, not a regular file (name it to read it)",
                id("pipe.txt")
            ));
        }
        want.sort();
        assert_eq!(reasons, want);
        // Named explicitly, hidden files and folders are read.
        let e = expand_paths_with_skipped(
            &[d.join(".y.txt"), d.join(".hidden")],
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(files(&e), vec![d.join(".y.txt"), d.join(".hidden/x.txt")]);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_file_names_keep_distinct_ids() {
        use std::os::unix::ffi::OsStrExt;
        let d = scratch("names");
        let a = d.join(std::ffi::OsStr::from_bytes(b"\xFF.txt"));
        let b = d.join(std::ffi::OsStr::from_bytes(b"\xFE.txt"));
        // Some file systems refuse such names; nothing to test there.
        if std::fs::write(&a, "甲").is_err() || std::fs::write(&b, "乙").is_err() {
            return;
        }
        let docs = read_paths(&[&d], &ReadOptions::default()).unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let dir = path_id(&d);
        assert_eq!(
            ids,
            vec![format!("{dir}/\\xfe.txt"), format!("{dir}/\\xff.txt")]
        );
    }

    proptest::proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), lossy: bool) {
            for enc in [
                Encoding::Auto,
                Encoding::Utf8,
                Encoding::Gb18030,
                Encoding::Big5,
                Encoding::ShiftJis,
                Encoding::EucKr,
                Encoding::Utf16,
            ] {
                let _ = decode("f", &bytes, &opts(enc, lossy));
            }
        }

        #[test]
        fn utf8_roundtrips(s in "\\PC{0,80}") {
            let d = decode("f", s.as_bytes(), &ReadOptions::default()).unwrap();
            proptest::prop_assert_eq!(d.text, s.replace("\r\n", "\n").replace('\r', "\n"));
        }

        #[test]
        fn gb18030_roundtrips(s in "[\\u{4e00}-\\u{9fa5}a-z，。]{1,40}") {
            let (bytes, _, _) = encoding_rs::GB18030.encode(&s);
            let d = decode("f", &bytes, &opts(Encoding::Gb18030, false)).unwrap();
            proptest::prop_assert_eq!(d.text, s);
        }
    }
}
