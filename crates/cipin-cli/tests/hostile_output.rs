//! The `cipin` binary against hostile outputs and arguments: `-o` formats
//! and atomic writes, `-o` onto an input, closed pipes, absurd `--threads`,
//! options that can find nothing, bad input cells.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
mod common;
use common::{cipin, stdout};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../seeds/000_320ca5e1e6839a8b.txt"
);

/// A fresh, empty folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile_output")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The names in `d`, sorted (temporary files included: they start with `.`).
fn listing(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The whole frequency table of the seed page as CSV on stdout.
fn seed_csv() -> String {
    stdout(&cipin(&["freq", "-q", SEED, "--format", "csv"]))
}

#[test]
fn a_file_gets_every_row_in_the_format_its_extension_names() {
    let d = dir("formats");
    let csv = seed_csv();
    let rows = csv.lines().count() - 1;
    assert!(rows > 30, "more rows than the display table shows: {rows}");
    for (name, check) in [
        ("out.tsv", "tsv"),
        ("out.csv", "csv"),
        ("OUT.JSONL", "jsonl"),
        ("out.ndjson", "jsonl"),
        ("out.json", "json"),
        ("out.parquet", "parquet"),
    ] {
        let p = d.join(name);
        let o = cipin(&["freq", SEED, "-o", s(&p)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        // Documents in and out: the summary still accounts for the page.
        assert!(stderr(&o).contains("1 file, 7 documents"), "{}", stderr(&o));
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        match check {
            "tsv" => {
                assert_eq!(text.lines().count() - 1, rows, "{name}");
                assert_eq!(text, csv.replace(',', "\t"), "{name}");
            }
            "csv" => assert_eq!(text, csv),
            "jsonl" => {
                assert_eq!(text.lines().count(), rows, "{name}");
                let first: serde_json::Value =
                    serde_json::from_str(text.lines().next().unwrap()).unwrap();
                assert!(first["term"].is_string() && first["count"].is_u64());
            }
            "json" => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(v.as_array().unwrap().len(), rows);
            }
            _ => assert_eq!(&bytes[..4], b"PAR1"),
        }
    }
    // --format wins over the extension.
    let p = d.join("explicit.txt");
    let o = cipin(&["freq", "-q", SEED, "--format", "tsv", "-o", s(&p)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), csv.replace(',', "\t"));
}

#[test]
fn an_unknown_extension_or_the_table_format_in_a_file_is_an_error() {
    let d = dir("unknown");
    for name in ["out.txt", "out.xlsx", "out"] {
        let p = d.join(name);
        let o = cipin(&["freq", SEED, "-o", s(&p)]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!(
                "cipin: error: {}: cannot tell the output format from ",
                p.display()
            )),
            "{err}"
        );
        assert!(
            err.contains(".csv, .tsv, .jsonl, .ndjson, .json, .parquet")
                && err.contains("--format"),
            "{err}"
        );
        match name.split_once('.') {
            Some((_, ext)) => assert!(err.contains(&format!("`.{ext}`")), "{err}"),
            None => assert!(err.contains("without an extension"), "{err}"),
        }
        // Refused before any work: no summary, no file.
        assert!(!err.contains("documents"), "{err}");
    }
    let p = d.join("t.csv");
    let o = cipin(&["freq", SEED, "--format", "table", "-o", s(&p)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the table format is for the terminal only"));
    assert!(listing(&d).is_empty(), "{:?}", listing(&d));
}

#[test]
fn dash_is_stdout() {
    let o = cipin(&["freq", "-q", SEED, "-o", "-", "--format", "csv"]);
    assert_eq!(stdout(&o), seed_csv());
    let table = stdout(&cipin(&["freq", "-q", SEED]));
    assert_eq!(stdout(&cipin(&["freq", "-q", SEED, "-o", "-"])), table);
    assert_eq!(table.lines().count(), 2 + 30, "the display table: 30 rows");
}

#[test]
fn output_onto_an_input_is_refused_and_the_input_kept() {
    let d = dir("onto_input");
    let page = d.join("page.txt");
    std::fs::copy(SEED, &page).unwrap();
    let docs = d.join("docs.csv");
    let original = "id,text\nd1,推进共同富裕\nd2,缩小三大差距\n";
    std::fs::write(&docs, original).unwrap();
    for (args, input) in [
        (vec!["freq", s(&docs), "-o", s(&docs)], &docs),
        // The same file by another name, and inside a folder given as input.
        (
            vec!["freq", s(&d), "-o", &format!("{}/./docs.csv", d.display())],
            &docs,
        ),
        (
            vec![
                "kwic",
                "共同富裕",
                s(&page),
                "--format",
                "csv",
                "-o",
                s(&page),
            ],
            &page,
        ),
    ] {
        let before = std::fs::read(input).unwrap();
        let o = cipin(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("-o would overwrite an input file; write somewhere else"),
            "{err}"
        );
        assert!(!err.contains("documents"), "refused before reading: {err}");
        assert_eq!(std::fs::read(input).unwrap(), before);
    }
    // The other inputs: a dictionary, a user dictionary, a stopword list.
    let dict = d.join("d.txt");
    std::fs::write(&dict, "富裕: 共同富裕\n").unwrap();
    for args in [
        vec![
            "dictionary",
            s(&dict),
            s(&docs),
            "--format",
            "csv",
            "-o",
            s(&dict),
        ],
        vec![
            "freq",
            s(&docs),
            "--user-dict",
            s(&dict),
            "--format",
            "csv",
            "-o",
            s(&dict),
        ],
        vec![
            "freq",
            s(&docs),
            "--stopwords",
            s(&dict),
            "--format",
            "csv",
            "-o",
            s(&dict),
        ],
    ] {
        let o = cipin(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("-o would overwrite an input file"),
            "{args:?}"
        );
        assert_eq!(std::fs::read_to_string(&dict).unwrap(), "富裕: 共同富裕\n");
    }
    std::fs::remove_file(&dict).unwrap();
    let o = cipin(&[
        "discover",
        s(&docs),
        "--format",
        "csv",
        "--user-dict-out",
        s(&docs),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--user-dict-out would overwrite an input file"));
    assert_eq!(std::fs::read_to_string(&docs).unwrap(), original);
    assert_eq!(listing(&d), ["docs.csv", "page.txt"]);
}

#[test]
fn a_failed_write_keeps_the_previous_file_and_leaves_no_temporary() {
    let d = dir("failed_write");
    let out = d.join("out.csv");
    std::fs::write(&out, "the previous good file\n").unwrap();
    let csv = seed_csv();
    let limit = 2048u64;
    assert!(csv.len() as u64 > limit);
    // A file size limit makes writes past `limit` bytes fail with EFBIG,
    // as a full disk would (SIGXFSZ ignored so the write returns an error).
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cipin"));
    cmd.args(["freq", SEED, "-o", s(&out)]);
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("cipin: error: {}: ", out.display())),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the previous good file\n"
    );
    assert_eq!(listing(&d), ["out.csv"]);

    // Without the limit the same run replaces it whole.
    let o = cipin(&["freq", "-q", SEED, "-o", s(&out)]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv);
    assert_eq!(listing(&d), ["out.csv"]);

    // A folder that does not exist: an error naming the path.
    let missing = d.join("no/such/folder/out.csv");
    let o = cipin(&["freq", SEED, "-o", s(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!("cipin: error: {}: ", missing.display())));
}

#[test]
fn a_full_device_is_an_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let o = cipin(&["freq", SEED, "--format", "csv", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("cipin: error: /dev/full: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // stdout on /dev/full too.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_cipin"))
        .args(["parse", SEED])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn concurrent_writers_leave_one_whole_file() {
    let d = dir("concurrent");
    let out = d.join("out.csv");
    let full = seed_csv();
    let top5 = stdout(&cipin(&[
        "freq", "-q", SEED, "--format", "csv", "--top", "5",
    ]));
    for _ in 0..3 {
        let spawn = |extra: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_cipin"))
                .args(["freq", "-q", SEED, "-o", s(&out)])
                .args(extra)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(&[]), spawn(&["--top", "5"]));
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
        let got = std::fs::read_to_string(&out).unwrap();
        assert!(got == full || got == top5, "a mixed file: {got:.200}");
        assert_eq!(listing(&d), ["out.csv"]);
    }
}

/// Run cipin with its stdout and/or stderr a pipe whose reader is closed
/// before cipin writes; the other stream is captured.
fn with_closed(args: &[&str], close_stdout: bool, close_stderr: bool) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cipin"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let mut seen = String::new();
    // Whichever is closed is dropped now, long before cipin has read its
    // input and loaded its dictionary.
    match (close_stdout, close_stderr) {
        (true, true) => drop((out, err)),
        (true, false) => {
            drop(out);
            err.read_to_string(&mut seen).unwrap();
        }
        (false, true) => {
            drop(err);
            out.read_to_string(&mut seen).unwrap();
        }
        (false, false) => unreachable!(),
    }
    (child.wait().unwrap().code(), seen)
}

const PIPED_COMMANDS: &[&[&str]] = &[
    &["parse", SEED],
    &["parse", "--format", "table", SEED],
    &["segment", SEED],
    &["segment", "--plain", SEED],
    &["freq", SEED],
    &["freq", SEED, "--format", "csv"],
    &["kwic", "共同富裕", SEED],
    &["ngrams", SEED, "--format", "jsonl"],
    &["discover", SEED, "--min-count", "2"],
    &["dtm", SEED],
];

#[test]
fn a_closed_stdout_ends_every_command_quietly_with_status_0() {
    for args in PIPED_COMMANDS {
        let (code, err) = with_closed(args, true, false);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_stderr_is_no_panic() {
    for args in PIPED_COMMANDS {
        // The summary (and any warning) goes nowhere; the output is whole.
        let (code, out) = with_closed(args, false, true);
        assert_eq!(code, Some(0), "{args:?}");
        assert!(!out.is_empty(), "{args:?}");
        let (code, _) = with_closed(args, true, true);
        assert_eq!(code, Some(0), "{args:?}");
    }
    let (code, out) = with_closed(&["freq", SEED, "--format", "csv"], false, true);
    assert_eq!((code, out), (Some(0), seed_csv()));
    // A warning (an empty folder) and an error, with nowhere to print them.
    let d = dir("closed_stderr");
    assert_eq!(with_closed(&["freq", s(&d)], false, true).0, Some(0));
    let missing = d.join("missing.txt");
    assert_eq!(with_closed(&["freq", s(&missing)], false, true).0, Some(1));
    assert_eq!(
        with_closed(&["--threads", "0", "freq"], false, true).0,
        Some(2)
    );
}

#[test]
fn threads_are_capped_at_four_per_core_and_zero_refused() {
    let start = std::time::Instant::now();
    let o = cipin(&["--threads", "100000", "freq", SEED, "--format", "csv"]);
    assert!(start.elapsed().as_secs() < 60);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("cipin: warning: --threads 100000 is more than 4 per core"),
        "{err}"
    );
    assert!(err.contains("1 file, 7 documents"), "{err}");
    assert_eq!(String::from_utf8(o.stdout).unwrap(), seed_csv());
    let o = cipin(&["--threads", "0", "freq", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "cipin: error: --threads must be at least 1\n");
}

#[test]
fn options_that_can_find_nothing_are_refused() {
    for (args, want) in [
        (
            &["discover", SEED, "--min-len", "5", "--max-len", "2"][..],
            "cipin: error: min_len (5) must not exceed max_len (2)\ncipin: hint: set min_len with --min-len",
        ),
        (
            &["discover", SEED, "--min-pmi", "nan"][..],
            "cipin: error: min_pmi must be a number, not NaN\ncipin: hint: set min_pmi with --min-pmi",
        ),
        (
            &["discover", SEED, "--min-entropy", "NaN"][..],
            "cipin: error: min_entropy must be a number, not NaN\ncipin: hint: set min_entropy with --min-entropy",
        ),
        (
            &["discover", SEED, "--max-len", "9"][..],
            "cipin: error: max_len must be at most 7, not 9\ncipin: hint: set max_len with --max-len",
        ),
        (
            &["freq", SEED, "--pos", "n,zz"][..],
            "cipin: error: unknown POS tag `zz` (the tags are a, ad,",
        ),
        (
            &["ngrams", SEED, "--exclude-pos", "N"][..],
            "cipin: error: unknown POS tag `N`",
        ),
    ] {
        let o = cipin(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with(want), "{args:?}: {err}");
        assert!(o.stdout.is_empty());
    }
    // Known tags still work, and give rows.
    let o = stdout(&cipin(&[
        "freq", "-q", SEED, "--pos", "n,vn", "--format", "csv",
    ]));
    assert!(o.lines().count() > 10);
}

#[test]
fn bad_input_cells_and_groups_are_named_in_cipins_terms() {
    let d = dir("bad_inputs");
    // Grouping by a column named like an output column.
    let j = d.join("t.jsonl");
    std::fs::write(&j, "{\"text\":\"共同富裕\",\"term\":\"x\"}\n").unwrap();
    let o = cipin(&["freq", s(&j), "--by", "term"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "cipin: error: cannot group by `term`: the table has its own `term` column"
        ),
        "{err}"
    );
    assert!(!err.contains("documents"), "before counting: {err}");
    // A ragged CSV row: file, line and row, no polars advice.
    let c = d.join("r.csv");
    std::fs::write(&c, "id,text\nd1,推进共同富裕\nd2,缩小,三大差距\n").unwrap();
    let err = stderr(&cipin(&["freq", s(&c)]));
    assert!(
        err.starts_with(&format!(
            "cipin: error: {}:3: row 2 has 3 fields but the header has 2",
            c.display()
        )),
        "{err}"
    );
    assert!(!err.contains("truncate_ragged_lines"), "{err}");
    // A JSONL text that is not a string.
    let n = d.join("n.jsonl");
    std::fs::write(&n, "{\"text\":\"共同富裕\"}\n{\"text\":null}\n").unwrap();
    let err = stderr(&cipin(&["freq", s(&n)]));
    assert!(
        err.starts_with(&format!(
            "cipin: error: {}:2: `text` is null, not a string",
            n.display()
        )),
        "{err}"
    );
}
