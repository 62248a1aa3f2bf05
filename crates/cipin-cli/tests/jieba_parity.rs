//! Parity with Python jieba 0.42.1 on the SIGHAN 2005 PKU and MSR test sets.
//!
//! `cipin segment --plain` must produce the same line as Python's
//! `jieba.cut` (precise mode, HMM on and off) and `--mode search` the same
//! as `jieba.cut_for_search` on every line. (jieba-rs
//! alone differs on a few: it keeps identifiers such as `www.people.com.cn`
//! whole on the HMM path, and its HMM's emission probabilities are rounded;
//! see `cipin_core::segment::python_hmm_model`.)
//! The test makes its own venv with jieba 0.42.1 (cached in the target dir)
//! and reads the corpora from `../shared/corpora/sighan2005` beside the
//! checkout (or `$CIPIN_CORPORA/sighan2005`); when they are absent it says so
//! and checks nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpora() -> Option<PathBuf> {
    let dir = match std::env::var_os("CIPIN_CORPORA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    };
    let sighan = dir.join("sighan2005");
    if sighan.join("pku_test.utf8").exists() {
        Some(sighan)
    } else {
        eprintln!(
            "SKIPPED: SIGHAN 2005 corpora not found at {} (set CIPIN_CORPORA); jieba parity not checked",
            sighan.display()
        );
        None
    }
}

/// A Python with jieba 0.42.1: `$CIPIN_JIEBA_PYTHON`, or a venv made once in the target dir.
fn jieba_python() -> PathBuf {
    // The tests run in parallel: make the venv once.
    static PY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PY.get_or_init(make_jieba_python).clone()
}

fn make_jieba_python() -> PathBuf {
    if let Some(p) = std::env::var_os("CIPIN_JIEBA_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jieba-venv");
    let py = venv.join("bin/python");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", "import jieba; assert jieba.__version__ == '0.42.1'"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    if !ok {
        let st = Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(&venv)
            .status()
            .expect("python3 -m venv");
        assert!(st.success(), "could not create a venv for jieba");
        let st = Command::new(&py)
            .args(["-m", "pip", "install", "-q", "jieba==0.42.1"])
            .status()
            .expect("pip install jieba");
        assert!(st.success(), "could not pip install jieba==0.42.1");
    }
    py
}

fn run_python(py: &Path, input: &Path, out: &Path, extra: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/jieba_plain.py");
    let st = Command::new(py)
        .arg(script)
        .arg(input)
        .arg(out)
        .args(extra)
        .status()
        .expect("run python jieba");
    assert!(st.success(), "python jieba failed on {}", input.display());
}

fn run_cipin(input: &Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cipin"))
        .args(["segment", "--plain", "--quiet"])
        .args(extra)
        .arg(input)
        .output()
        .expect("run cipin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `search`: `cut_for_search` against `--mode search`, else `cut`.
fn parity(file: &str, hmm: bool, search: bool) {
    let Some(dir) = corpora() else { return };
    let py = jieba_python();
    let input = dir.join(file);
    let tag = format!(
        "{}{}",
        if hmm { "hmm" } else { "nohmm" },
        if search { ".search" } else { "" }
    );
    let (mut py_args, mut cipin_args) = (Vec::new(), Vec::new());
    if !hmm {
        py_args.push("--no-hmm");
        cipin_args.push("--no-hmm");
    }
    if search {
        py_args.push("--search");
        cipin_args.extend(["--mode", "search"]);
    }
    let expected_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{file}.{tag}.jieba"));
    if !expected_path.exists() {
        run_python(&py, &input, &expected_path, &py_args);
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    let got = run_cipin(&input, &cipin_args);
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    assert_eq!(e.len(), g.len(), "{file}: line counts differ");
    let same = e.iter().zip(&g).filter(|(a, b)| a == b).count();
    let share = same as f64 / e.len() as f64;
    eprintln!(
        "{file} hmm={hmm} search={search}: {same}/{} identical lines ({:.3}%)",
        e.len(),
        share * 100.0
    );
    for (i, (a, b)) in e
        .iter()
        .zip(&g)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .take(3)
    {
        eprintln!("  line {}:\n    jieba: {a}\n    cipin: {b}", i + 1);
    }
    assert_eq!(
        same,
        e.len(),
        "{file} hmm={hmm} search={search}: only {:.3}% of lines identical",
        share * 100.0
    );
}

#[test]
fn pku_hmm() {
    parity("pku_test.utf8", true, false);
}

#[test]
fn pku_no_hmm() {
    parity("pku_test.utf8", false, false);
}

#[test]
fn msr_hmm() {
    parity("msr_test.utf8", true, false);
}

#[test]
fn msr_no_hmm() {
    parity("msr_test.utf8", false, false);
}

#[test]
fn pku_search() {
    parity("pku_test.utf8", true, true);
}

#[test]
fn msr_search() {
    parity("msr_test.utf8", true, true);
}
