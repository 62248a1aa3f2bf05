//! The `cipin` binary on the seed page: encodings, errors, determinism, accounting.

use std::path::{Path, PathBuf};
mod common;
use common::{cipin, stdout};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../seeds/000_320ca5e1e6839a8b.txt"
);

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_seed");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// Parse output with the document id blanked, to compare copies of one page.
fn parse_without_ids(path: &Path) -> Vec<serde_json::Value> {
    let out = stdout(&cipin(&["parse", "-q", path.to_str().unwrap()]));
    out.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc_id"] = serde_json::Value::Null;
            v
        })
        .collect()
}

#[test]
fn gb18030_and_bom_crlf_copies_parse_like_the_seed() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let expected = parse_without_ids(Path::new(SEED));
    assert_eq!(expected.len(), 7, "6 articles and the banner");

    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&seed);
    assert!(!unmappable);
    let gb_path = tmp("seed_gb18030.txt");
    std::fs::write(&gb_path, &gb).unwrap();
    assert_eq!(parse_without_ids(&gb_path), expected);

    let bom_crlf = format!("\u{FEFF}{}", seed.replace('\n', "\r\n"));
    let bom_path = tmp("seed_bom_crlf.txt");
    std::fs::write(&bom_path, bom_crlf).unwrap();
    assert_eq!(parse_without_ids(&bom_path), expected);
}

#[test]
fn bad_bytes_are_an_error_naming_file_and_offset_or_a_counted_warning() {
    let p = tmp("bad.txt");
    let mut bytes = "黄岩区".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF\xFE ok");
    std::fs::write(&p, &bytes).unwrap();
    let o = cipin(&["parse", p.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let mut lines = err.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("cipin: error: {}: invalid UTF-8 at byte 9", p.display())
    );
    // The next line says what to do about it.
    let hint = lines.next().unwrap_or_default();
    assert!(
        hint.contains("--encoding gb18030") && hint.contains("--lossy"),
        "{err}"
    );

    let o = cipin(&["parse", "--lossy", p.to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2 invalid byte sequences replaced with U+FFFD"),
        "{err}"
    );
    assert!(
        err.contains("1 file, 1 article, 0 banners, 1 warning"),
        "{err}"
    );

    let o = cipin(&["freq", "/no/such/file.txt"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/file.txt"));
}

#[test]
fn plain_segment_gives_one_line_per_input_line() {
    let p = tmp("plain.txt");
    std::fs::write(&p, "第一行文本\r\n\r\n  \n第四行，“千万工程”。\n").unwrap();
    let out = stdout(&cipin(&["segment", "--plain", "-q", p.to_str().unwrap()]));
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(
        lines,
        vec!["第一行  文本", "", "", "第四行  ，  “  千万  工程  ”  。"]
    );
    // Page mode keeps the slogan whole.
    let out = stdout(&cipin(&["segment", "-q", p.to_str().unwrap()]));
    assert!(out.contains("  千万工程  "), "{out}");
}

#[test]
fn freq_is_identical_whatever_the_thread_count_and_accounts_for_every_document() {
    let one = cipin(&["--threads", "1", "freq", SEED, "--format", "csv"]);
    let two = cipin(&["--threads", "2", "freq", SEED, "--format", "csv"]);
    assert_eq!(stdout(&one), stdout(&two));
    let err = String::from_utf8_lossy(&one.stderr);
    assert!(err.contains("1 file, 7 documents"), "{err}");
    let csv = stdout(&one);
    assert!(csv.starts_with("term,count,doc_freq,share,rank\n"));
    assert!(
        csv.lines().any(|l| l.starts_with("三大差距,17,")),
        "三大差距 counted whole"
    );
}

#[test]
fn an_empty_folder_is_reported_not_silently_empty() {
    let d = tmp("empty_dir");
    std::fs::create_dir_all(&d).unwrap();
    for cmd in [&["freq"][..], &["parse"][..], &["segment", "--plain"][..]] {
        let mut args = cmd.to_vec();
        args.push(d.to_str().unwrap());
        let o = cipin(&args);
        assert!(o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("cipin: warning: no input files found"),
            "{cmd:?}: {err}"
        );
    }
}

#[test]
fn discovered_terms_load_as_a_user_dictionary() {
    let dict = tmp("discovered.txt");
    let out = stdout(&cipin(&[
        "discover",
        "-q",
        SEED,
        "--min-count",
        "3",
        "--format",
        "csv",
        "--user-dict-out",
        dict.to_str().unwrap(),
    ]));
    let mut rows = out.lines();
    assert_eq!(
        rows.next(),
        Some("term,count,pmi,left_entropy,right_entropy,score")
    );
    let terms: Vec<String> = rows
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert!(!terms.is_empty(), "the seed page has recurring new terms");
    let text = std::fs::read_to_string(&dict).unwrap();
    let listed: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(listed, terms.iter().map(String::as_str).collect::<Vec<_>>());
    // The dictionary loads, and its first term is then one token.
    let seg = stdout(&cipin(&[
        "segment",
        "-q",
        "--user-dict",
        dict.to_str().unwrap(),
        SEED,
    ]));
    assert!(
        seg.contains(&format!("  {}  ", terms[0])),
        "{} kept whole",
        terms[0]
    );
}

#[test]
fn parse_writes_the_articles_table_that_python_returns() {
    use cipin_tables::polars::prelude::*;
    let records: Vec<serde_json::Value> = stdout(&cipin(&["parse", "-q", SEED]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let path = tmp("articles.parquet");
    let o = cipin(&["parse", "-q", SEED, "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty(), "the records go to the file only");
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), records.len());
    let headlines: Vec<Option<String>> = records
        .iter()
        .map(|r| r["headline"].as_str().map(str::to_string))
        .collect();
    let column = df.column("headline").unwrap().str().unwrap().clone();
    let got: Vec<Option<String>> = (0..column.len())
        .map(|i| column.get(i).map(str::to_string))
        .collect();
    assert_eq!(got, headlines);
    let paragraphs = df
        .column("paragraphs")
        .unwrap()
        .list()
        .unwrap()
        .get_as_series(0)
        .unwrap();
    assert_eq!(
        paragraphs.len(),
        records[0]["paragraphs"].as_array().unwrap().len()
    );
    // A format without lists is refused before reading, naming the file.
    let csv = tmp("articles.csv");
    let o = cipin(&["parse", "-q", SEED, "-o", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("articles.csv: articles have list fields"),
        "{err}"
    );
    assert!(!csv.exists());
}

/// Issue 15: `cipin kwic 高质量发展` (cut 高质量 / 发展 by the segmenter)
/// finds the lines `--substring` finds; `--compound FILE` makes the
/// expression one token in every table.
#[test]
fn kwic_phrases_and_compounds() {
    let starts = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["kwic", "高质量发展", SEED, "--format", "jsonl", "-q"];
        args.extend_from_slice(extra);
        stdout(&cipin(&args))
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["keyword"], "高质量发展");
                v["start"].to_string()
            })
            .collect()
    };
    let n = std::fs::read_to_string(SEED)
        .unwrap()
        .matches("高质量发展")
        .count();
    let substring = starts(&["--substring"]);
    assert_eq!(substring.len(), n);
    assert_eq!(starts(&[]), substring);

    let file = tmp("compounds.txt");
    std::fs::write(&file, "# one expression per line\n高质量发展\n\n").unwrap();
    let file = file.to_str().unwrap();
    assert_eq!(starts(&["--compound", file]), substring);
    let freq = |extra: &[&str]| {
        let mut args = vec!["freq", SEED, "--format", "csv", "--top", "10000", "-q"];
        args.extend_from_slice(extra);
        stdout(&cipin(&args))
    };
    let count = |csv: &str, term: &str| {
        csv.lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .find(|f| f[0] == term)
            .map(|f| f[1].parse::<usize>().unwrap())
    };
    let (plain, joined) = (freq(&[]), freq(&["--compound", file]));
    assert_eq!(count(&plain, "高质量发展"), None);
    assert_eq!(count(&joined, "高质量发展"), Some(n));
    assert_eq!(
        count(&joined, "发展").unwrap_or(0) + n,
        count(&plain, "发展").unwrap()
    );
    // A missing file is an error naming it.
    let missing = cipin(&["freq", SEED, "--compound", "no-such-file.txt", "-q"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.txt"));
}
