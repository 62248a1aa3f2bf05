//! Fuzz the category-dictionary formats of `cipin_tables::Dictionary`: the
//! first byte picks JSON, YAML, LIWC `.dic` or the `category: entries` text
//! format (bits 0-1), or with bit 3 set WordStat `.cat` (bit 0 clear) or
//! Lexicoder `.lc3` (bit 0 set), and whether the rest is parsed from a
//! string (`from_*_str`, the bytes decoded lossily) or written to a file and
//! read with `from_path` (bit 2: extension, UTF-8/GB18030 decoding).
//!
//! Never a panic, and
//! * an error names the file (`NAME:` first), and a line, when it gives
//!   one, is a line of the input (1 up to the number of line breaks, `\n`
//!   or a lone `\r` as YAML counts them, plus one);
//! * a dictionary has categories, with distinct non-blank names; every
//!   entry is non-empty, tidy (parts separated by single spaces, no
//!   leading or trailing space) and once in its category;
//! * it compiles into a matcher (every `re:` part is a valid expression),
//!   and every entry made of exact words and globs matches its own words
//!   (globs with `*` dropped and `?` filled): no entry is garbled into
//!   something that cannot match;
//! * written back as JSON (`{category: [entries]}`, or `{category: {entry:
//!   weight}}` when it is weighted) it reads back as the same dictionary,
//!   weights included; every weight is finite.
//!
//! Run with `cargo +nightly fuzz run -s none -O dictionary` from `fuzz/`.

#![no_main]

use std::path::PathBuf;

use cipin_core::normalize::Normalizer;
use cipin_tables::dictionary::Dictionary;
use cipin_tables::Error;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// This target's input file (see [`common::temp`]).
fn temp(ext: &str) -> PathBuf {
    common::temp("dictionary", &format!("d.{ext}"))
}

fn check_dictionary(d: &Dictionary) {
    assert!(!d.is_empty(), "a dictionary without categories");
    let names: Vec<&str> = d.categories().collect();
    for (i, n) in names.iter().enumerate() {
        assert!(!n.trim().is_empty(), "a blank category name");
        assert!(!names[..i].contains(n), "category `{n}` twice");
    }
    let norm = Normalizer::default();
    let m = d.matcher(norm);
    assert_eq!(m.categories(), d.len());
    for (c, (name, entries)) in d.iter().enumerate() {
        for (k, e) in entries.iter().enumerate() {
            assert!(!e.is_empty(), "an empty entry in `{name}`");
            let tidy = e.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(*e, tidy, "an entry that is not tidy in `{name}`");
            assert!(!entries[..k].contains(e), "entry `{e}` twice in `{name}`");
            // The words of the entry itself, as a tokenizer would give them.
            let words: Option<Vec<String>> = e
                .split(' ')
                .map(|p| {
                    if p.starts_with("re:") {
                        None
                    } else if p.contains(['*', '?']) {
                        let mut w = String::new();
                        for (i, run) in p.split(['*', '?']).enumerate() {
                            if i > 0 {
                                let at: usize = p
                                    .split(['*', '?'])
                                    .take(i)
                                    .map(|r| r.len() + 1)
                                    .sum::<usize>()
                                    - 1;
                                if p.as_bytes()[at] == b'?' {
                                    w.push('字');
                                }
                            }
                            w.push_str(&norm.normalize(run));
                        }
                        Some(w)
                    } else {
                        Some(norm.normalize(p).into_owned())
                    }
                })
                .collect();
            if let Some(words) = words {
                let mut found = false;
                m.find(&words, |cat, start, len| {
                    found |= cat == c && start == 0 && len == words.len();
                });
                assert!(found, "entry `{e}` of `{name}` does not match {words:?}");
            }
        }
    }
    // Written back as JSON, read back the same (weights included).
    let mut json = String::from("{");
    for (i, (name, entries)) in d.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(name).unwrap());
        json.push(':');
        let weights = d.weights(name).expect("a category has weights");
        assert_eq!(weights.len(), entries.len(), "one weight per entry of `{name}`");
        assert!(weights.iter().all(|w| w.is_finite()), "a weight that is not finite");
        if d.is_weighted() && !entries.is_empty() {
            // A map in entry order (serde_json's Map would sort it).
            json.push('{');
            for (k, (e, w)) in entries.iter().zip(weights).enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::to_string(e).unwrap());
                json.push(':');
                json.push_str(&serde_json::to_string(w).unwrap());
            }
            json.push('}');
        } else {
            json.push_str(&serde_json::to_string(entries).unwrap());
        }
    }
    json.push('}');
    let back = Dictionary::from_json_str("back.json", &json)
        .unwrap_or_else(|e| panic!("written back as {json}: {e}"));
    assert_eq!(&back, d, "not the same read back from JSON");
}

/// `lines`: the number of lines of the input (at most).
fn check_error(e: &Error, name: &str, lines: usize) {
    let msg = e.to_string();
    assert!(msg.starts_with(&format!("{name}:")), "{msg}");
    if let Some(cipin_core::Error::Dictionary { line, .. }) = e.core() {
        assert!(
            *line >= 1 && *line <= lines + 1,
            "line {line} of {lines}: {msg}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let ext = if pick & 8 == 0 {
        ["json", "yaml", "dic", "txt"][usize::from(pick & 3)]
    } else {
        ["cat", "lc3"][usize::from(pick & 1)]
    };
    if pick & 4 == 0 {
        let name = format!("fuzz.{ext}");
        let text = String::from_utf8_lossy(rest);
        let parse = match ext {
            "json" => Dictionary::from_json_str,
            "yaml" => Dictionary::from_yaml_str,
            "dic" => Dictionary::from_liwc_str,
            "cat" => Dictionary::from_wordstat_str,
            "lc3" => Dictionary::from_lexicoder_str,
            _ => Dictionary::from_text_str,
        };
        match parse(&name, &text) {
            Ok(d) => check_dictionary(&d),
            // YAML ends lines at a lone `\r` too.
            Err(e) => {
                let breaks = text.chars().filter(|&c| c == '\n' || c == '\r').count();
                check_error(&e, &name, breaks + 1)
            }
        }
    } else {
        let path = temp(ext);
        std::fs::write(&path, rest).expect("write the input");
        let name = path.display().to_string();
        match Dictionary::from_path(&path) {
            Ok(d) => check_dictionary(&d),
            // Decoding may end lines at a lone `\r` too.
            Err(e) => {
                let breaks = rest.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
                check_error(&e, &name, breaks + 1)
            }
        }
    }
});
