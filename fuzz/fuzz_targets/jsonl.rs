//! Fuzz the JSONL reader (`Corpus::open` on a `.jsonl`/`.ndjson` file, then
//! `read_all`): the first byte picks the options (bit 0 `lossy`, bit 1 an
//! `id` field, bit 2 the text field `text` or `正文`, bits 3-4 the encoding
//! `auto`, `utf-8`, `gb18030`, bit 5 the extension), the rest is the file.
//!
//! Never a panic, and every line is accounted for, once:
//! * a line is a document or blank, never both, never two documents; the
//!   documents come in line order, their ids (`NAME:LINE` without an `id`
//!   field) naming their line;
//! * when every line is UTF-8, the documents are exactly the non-blank
//!   lines: the text is the line's text field, each other field that is not
//!   `null` is metadata with its value, nothing else;
//! * an error names the file; a line error names a line of the file, not a
//!   blank one, and every UTF-8 line before it is a good document (the
//!   first bad line is the one reported);
//! * read in batches of one byte, the documents are the same (nothing lost
//!   or read twice at batch boundaries).
//!
//! Run with `cargo +nightly fuzz run -s none -O jsonl` from `fuzz/`.

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
    common::temp("jsonl", &format!("in.{ext}"))
}

/// What a UTF-8 line should give: `None` for a blank line, else the JSON
/// object or why it is no document.
fn expect(
    line: &str,
    opts: &InputOptions,
) -> Option<Result<serde_json::Map<String, serde_json::Value>, ()>> {
    if line.trim().is_empty() {
        return None;
    }
    let good = match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(map)) => {
            let text_ok = matches!(
                map.get(&opts.text_field),
                Some(serde_json::Value::String(_))
            );
            let id_ok = match &opts.id_field {
                Some(f) => !matches!(map.get(f), None | Some(serde_json::Value::Null)),
                None => true,
            };
            if text_ok && id_ok {
                Ok(map)
            } else {
                Err(())
            }
        }
        _ => Err(()),
    };
    Some(good)
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn read(path: &PathBuf, opts: &InputOptions) -> Result<Vec<Doc>, Error> {
    Corpus::open(&[path], opts.clone())?.read_all()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let mut opts = InputOptions::default();
    opts.read.lossy = pick & 1 != 0;
    if pick & 2 != 0 {
        opts.id_field = Some("id".into());
    }
    if pick & 4 != 0 {
        opts.text_field = "正文".into();
    }
    opts.read.encoding = match (pick >> 3) & 3 {
        1 => Encoding::Utf8,
        2 => Encoding::Gb18030,
        _ => Encoding::Auto,
    };
    let path = temp(if pick & 32 != 0 { "ndjson" } else { "jsonl" });
    std::fs::write(&path, rest).expect("write the input");
    let name = path.display().to_string();

    // The lines as the reader splits them: at `\n`, one `\r` before it
    // dropped, a BOM at the start of the first dropped.
    let mut raw_lines: Vec<&[u8]> = rest.split(|&b| b == b'\n').collect();
    if rest.is_empty() || rest.ends_with(b"\n") {
        raw_lines.pop();
    }
    let utf8: Vec<Option<&str>> = raw_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            let s = std::str::from_utf8(l).ok()?;
            Some(if i == 0 {
                s.trim_start_matches('\u{FEFF}')
            } else {
                s
            })
        })
        .collect();

    let docs = read(&path, &opts);
    match &docs {
        Ok(docs) => {
            assert!(docs.len() <= raw_lines.len(), "more documents than lines");
            for d in docs {
                assert_eq!(&*d.file, name);
            }
            if opts.id_field.is_none() {
                let mut last = 0;
                for d in docs {
                    let line: usize =
                        d.id.strip_prefix(&format!("{name}:"))
                            .and_then(|l| l.parse().ok())
                            .unwrap_or_else(|| panic!("id `{}` names no line", d.id));
                    assert!(
                        line > last && line <= raw_lines.len(),
                        "line {line} after {last}"
                    );
                    last = line;
                    if let Some(l) = utf8[line - 1] {
                        assert!(!l.trim().is_empty(), "a blank line {line} is a document");
                    }
                }
            }
            if utf8.iter().all(Option::is_some) {
                let want: Vec<(usize, serde_json::Map<String, serde_json::Value>)> = utf8
                    .iter()
                    .enumerate()
                    .filter_map(|(i, l)| expect(l.unwrap(), &opts).map(|e| (i + 1, e)))
                    .map(|(i, e)| {
                        (
                            i,
                            e.unwrap_or_else(|()| panic!("line {i} is no document but read")),
                        )
                    })
                    .collect();
                assert_eq!(docs.len(), want.len(), "documents and non-blank lines");
                for (d, (line, map)) in docs.iter().zip(&want) {
                    let text = map[&opts.text_field].as_str().unwrap();
                    assert_eq!(d.text, text, "the text of line {line}");
                    match &opts.id_field {
                        Some(f) => assert_eq!(Some(&d.id), scalar(&map[f]).as_ref()),
                        None => assert_eq!(d.id, format!("{name}:{line}")),
                    }
                    let meta: Vec<(&str, String)> = map
                        .iter()
                        .filter(|(k, _)| **k != opts.text_field)
                        .filter_map(|(k, v)| scalar(v).map(|v| (k.as_str(), v)))
                        .collect();
                    let got: Vec<(&str, String)> =
                        d.meta.iter().map(|(k, v)| (&**k, v.clone())).collect();
                    assert_eq!(got, meta, "the metadata of line {line}");
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with(&name), "{msg}");
            if let Some(cipin_core::Error::Line { line, .. }) = e.core() {
                assert!(*line >= 1 && *line <= raw_lines.len(), "{msg}");
                if let Some(l) = utf8[*line - 1] {
                    assert!(
                        matches!(expect(l, &opts), Some(Err(()))),
                        "line {line} is a good document or blank: {msg}"
                    );
                }
                for (i, l) in utf8[..*line - 1].iter().enumerate() {
                    if let Some(l) = l {
                        assert!(
                            !matches!(expect(l, &opts), Some(Err(()))),
                            "line {} is bad, {line} reported: {msg}",
                            i + 1
                        );
                    }
                }
            }
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
