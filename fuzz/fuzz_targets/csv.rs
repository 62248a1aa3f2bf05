//! Fuzz the CSV/TSV reader (`Corpus::open` on a `.csv` or `.tsv` file, then
//! `read_all`; polars reads the table): the first byte picks the options
//! (bit 0 TSV, bit 1 `lossy`, bit 2 an `id` column, bit 3 the text column
//! `text` or `正文`, bits 4-5 the encoding `auto`, `utf-8`, `gb18030`), the
//! rest is the file.
//!
//! Never a panic, and every row is accounted for, once:
//! * the documents are rows `NAME:1`, `NAME:2`, … in order (without an `id`
//!   column), no more than the file has lines;
//! * for a UTF-8 file in plain RFC 4180 form (quoted fields closed where
//!   they end, quotes doubled inside, no `\r`, blank lines skipped), read
//!   independently here: a row with more fields than the header is an
//!   error naming its line; otherwise, when the header is distinct names
//!   and has the text column, the file reads, one document per row, its text
//!   the row's text cell (a missing cell an empty text), every other
//!   non-empty cell metadata under its column name;
//! * an error names the file, and a line, when it gives one, is a line of
//!   the file;
//! * read in batches of one byte, the documents are the same.
//!
//! Run with `cargo +nightly fuzz run -s none -O csv` from `fuzz/`.

#![no_main]

use std::path::PathBuf;

use cipin_core::read::Encoding;
use cipin_tables::corpus::{Corpus, Doc, InputOptions};
use cipin_tables::Error;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// This target's input file (see [`common::temp`]).
fn temp(ext: &str) -> PathBuf {
    common::temp("csv", &format!("in.{ext}"))
}

/// A record: its first line and its fields.
type Record = (usize, Vec<String>);

/// `text` read as RFC 4180 records (blank lines skipped), or `None` when it
/// is not in the plain form this reference reads (a `\r`, a quote inside an
/// unquoted field, text after a closing quote, a quote never closed).
fn rfc4180(text: &str, sep: char) -> Option<Vec<Record>> {
    if text.contains('\r') {
        return None;
    }
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut blank = true;
        loop {
            let mut f = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                blank = false;
                loop {
                    match chars.next()? {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            f.push('"');
                        }
                        '"' => break,
                        c => {
                            if c == '\n' {
                                line += 1;
                            }
                            f.push(c);
                        }
                    }
                }
                if !matches!(chars.peek(), None | Some('\n')) && chars.peek() != Some(&sep) {
                    return None;
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == sep || c == '\n' {
                        break;
                    }
                    if c == '"' {
                        return None;
                    }
                    blank = false;
                    f.push(c);
                    chars.next();
                }
            }
            fields.push(f);
            match chars.next() {
                Some(c) if c == sep => blank = false,
                Some(_) => {
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        if !blank {
            out.push((start, fields));
        }
    }
    Some(out)
}

fn read(path: &PathBuf, opts: &InputOptions) -> Result<Vec<Doc>, Error> {
    Corpus::open(&[path], opts.clone())?.read_all()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let tsv = pick & 1 != 0;
    let sep = if tsv { '\t' } else { ',' };
    let mut opts = InputOptions::default();
    opts.read.lossy = pick & 2 != 0;
    if pick & 4 != 0 {
        opts.id_column = Some("id".into());
    }
    if pick & 8 != 0 {
        opts.text_column = "正文".into();
    }
    opts.read.encoding = match (pick >> 4) & 3 {
        1 => Encoding::Utf8,
        2 => Encoding::Gb18030,
        _ => Encoding::Auto,
    };
    let path = temp(if tsv { "tsv" } else { "csv" });
    std::fs::write(&path, rest).expect("write the input");
    let name = path.display().to_string();
    let lines = rest.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;

    // The reference reading, for UTF-8 read as UTF-8.
    let reference = match (opts.read.encoding, std::str::from_utf8(rest)) {
        (Encoding::Auto | Encoding::Utf8, Ok(t)) => {
            rfc4180(t.strip_prefix('\u{FEFF}').unwrap_or(t), sep)
        }
        _ => None,
    };

    let docs = read(&path, &opts);
    match &docs {
        Ok(docs) => {
            assert!(docs.len() <= lines, "more documents than lines");
            for (i, d) in docs.iter().enumerate() {
                assert_eq!(&*d.file, name);
                if opts.id_column.is_none() {
                    assert_eq!(d.id, format!("{name}:{}", i + 1), "rows in order, once");
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with(&name), "{msg}");
            if let Some(cipin_core::Error::Line { line, .. }) = e.core() {
                assert!(*line >= 1 && *line <= lines, "{msg}");
            }
        }
    }

    if let Some(records) = reference {
        let (header, rows) = match records.split_first() {
            Some((h, rows)) => (h.1.clone(), rows),
            None => (Vec::new(), &[][..]),
        };
        let ragged = rows.iter().find(|(_, f)| f.len() > header.len());
        let distinct = header
            .iter()
            .enumerate()
            .all(|(i, h)| !h.is_empty() && !header[..i].contains(h));
        let text_at = header.iter().position(|h| *h == opts.text_column);
        let id_ok = opts.id_column.as_ref().is_none_or(|c| header.contains(c));
        match (&docs, ragged) {
            (Ok(_), Some((line, _))) => panic!("row on line {line} has too many fields, yet read"),
            (Err(e), Some((line, _))) => {
                assert!(
                    matches!(e.core(), Some(cipin_core::Error::Line { line: l, .. }) if l == line),
                    "the ragged row on line {line}, but: {e}"
                );
            }
            (Err(e), None) if distinct && text_at.is_some() && id_ok => {
                panic!("a plain CSV with the text column is not read: {e}")
            }
            (Ok(docs), None) if distinct => {
                let text_at = text_at.expect("read without its text column");
                assert_eq!(docs.len(), rows.len(), "one document per row");
                for (d, (line, cells)) in docs.iter().zip(rows) {
                    let cell = |j: usize| cells.get(j).map_or("", String::as_str);
                    assert_eq!(d.text, cell(text_at), "the text of the row on line {line}");
                    for (j, h) in header.iter().enumerate() {
                        if j == text_at || cell(j).is_empty() {
                            continue;
                        }
                        let got = d
                            .meta
                            .iter()
                            .find(|(k, _)| **k == **h)
                            .map(|(_, v)| v.as_str());
                        assert_eq!(got, Some(cell(j)), "column `{h}` of the row on line {line}");
                    }
                }
            }
            _ => {}
        }
    }

    // Batches of one byte read the same documents (or fail the same way).
    let small = InputOptions {
        batch_bytes: 1,
        ..opts.clone()
    };
    match (&docs, read(&path, &small)) {
        (Ok(a), Ok(b)) => assert_eq!(*a, b, "batches change the documents"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("batches change the result: {a:?} / {b:?}"),
    }
});
