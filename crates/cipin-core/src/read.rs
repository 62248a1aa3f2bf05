//! Read files, folders and stdin into decoded [`Document`]s.
//!
//! * Folders are walked recursively and their files visited in sorted path
//!   order, keeping only the wanted extensions (`.txt` by default).
//! * `-` stands for standard input.
//! * [`Encoding::Auto`] (the default) decodes UTF-8, stripping a BOM; a file
//!   that is not valid UTF-8 but decodes cleanly as GB18030 (a superset of
//!   GBK and GB2312) is decoded as GB18030. Anything else is an error that
//!   names the file and the byte offset, unless `lossy` is set: then invalid
//!   bytes become U+FFFD and the document carries a warning with their count.
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

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Which encoding to decode input with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (BOM stripped), else GB18030 when that decodes cleanly.
    #[default]
    Auto,
    /// UTF-8 only (a BOM is still stripped).
    Utf8,
    /// GB18030 (covers GBK and GB2312).
    Gb18030,
}

impl std::str::FromStr for Encoding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" | "utf-8-sig" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            other => Err(Error::Invalid(format!(
                "unknown encoding `{other}` (expected auto, utf-8 or gb18030)"
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
    /// The path as given (or found in a folder); `<stdin>` for standard input.
    pub id: String,
    /// The decoded text, line endings made LF.
    pub text: String,
    /// `utf-8`, `utf-8-sig` (a BOM was stripped) or `gb18030`.
    pub encoding: &'static str,
    /// Warnings about this document (lossy decoding).
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
    /// The id documents read from this source get.
    pub fn id(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Expand paths into sources: files as given, folders walked recursively
/// (sorted, filtered by extension), `-` as stdin. A missing path is an error.
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
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(p, opts, &mut files)?;
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        } else {
            out.push(Source::File(p.to_path_buf()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, opts: &ReadOptions, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
        let is_dir = if ft.is_symlink() {
            path.is_dir()
        } else {
            ft.is_dir()
        };
        if is_dir {
            walk(&path, opts, out)?;
        } else if has_extension(&path, &opts.extensions) {
            out.push(path);
        }
    }
    Ok(())
}

fn has_extension(path: &Path, exts: &[String]) -> bool {
    if exts.is_empty() {
        return true;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return false;
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
    let (text, encoding, replaced) = decode_raw(id, bytes, opts)?;
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(format!(
            "{id}: {replaced} invalid byte sequence{} replaced with U+FFFD",
            if replaced == 1 { "" } else { "s" }
        ));
    }
    Ok(Document {
        id: id.to_string(),
        text: normalize_newlines(text),
        encoding,
        warnings,
    })
}

fn decode_raw(id: &str, bytes: &[u8], opts: &ReadOptions) -> Result<(String, &'static str, usize)> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (body, sig) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let utf8_name = if sig { "utf-8-sig" } else { "utf-8" };
    let bom_len = if sig { BOM.len() } else { 0 };
    match opts.encoding {
        Encoding::Utf8 => {
            decode_utf8(id, body, bom_len, opts.lossy).map(|(s, n)| (s, utf8_name, n))
        }
        Encoding::Gb18030 => decode_gb18030(id, bytes, opts.lossy).map(|(s, n)| (s, "gb18030", n)),
        Encoding::Auto => match std::str::from_utf8(body) {
            Ok(s) => Ok((s.to_string(), utf8_name, 0)),
            Err(utf8_err) => {
                if !sig {
                    if let Ok((s, 0)) = decode_gb18030(id, bytes, false) {
                        return Ok((s, "gb18030", 0));
                    }
                }
                if opts.lossy {
                    decode_utf8(id, body, bom_len, true).map(|(s, n)| (s, utf8_name, n))
                } else {
                    Err(Error::Decode {
                        file: id.to_string(),
                        encoding: "UTF-8",
                        offset: bom_len + utf8_err.valid_up_to(),
                    })
                }
            }
        },
    }
}

fn decode_utf8(id: &str, body: &[u8], bom_len: usize, lossy: bool) -> Result<(String, usize)> {
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), 0)),
        Err(e) if !lossy => Err(Error::Decode {
            file: id.to_string(),
            encoding: "UTF-8",
            offset: bom_len + e.valid_up_to(),
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

fn decode_gb18030(id: &str, bytes: &[u8], lossy: bool) -> Result<(String, usize)> {
    let enc = encoding_rs::GB18030;
    if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok((s.into_owned(), 0));
    }
    // Locate the first invalid sequence (and count them) with a streaming decoder.
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let mut replaced = 0usize;
    let mut first_bad = None;
    let mut pos = 0usize;
    loop {
        out.reserve(
            decoder
                .max_utf8_buffer_length_without_replacement(bytes.len() - pos)
                .unwrap_or(16)
                + 16,
        );
        let (res, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match res {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => continue,
            encoding_rs::DecoderResult::Malformed(bad, later) => {
                let bad_start = pos - bad as usize - later as usize;
                first_bad.get_or_insert(bad_start);
                replaced += 1;
                out.push('\u{FFFD}');
            }
        }
    }
    match (lossy, first_bad) {
        (false, Some(offset)) => Err(Error::Decode {
            file: id.to_string(),
            encoding: "GB18030",
            offset,
        }),
        _ => Ok((out, replaced)),
    }
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

    proptest::proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), lossy: bool) {
            for enc in [Encoding::Auto, Encoding::Utf8, Encoding::Gb18030] {
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
