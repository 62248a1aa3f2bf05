//! Pieces shared by the subcommands: input options, reporting, progress.
//!
//! Everything cipin prints on stderr goes through [`eprint_str`], which
//! ignores a closed or failing stderr: `eprintln!` panics there ("failed
//! printing to stderr"), and a message that cannot be shown is no reason to
//! stop, let alone crash.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use cipin_core::normalize::Normalizer;
use cipin_core::read::{Encoding, ReadOptions, Skipped};
use cipin_core::segment::{Mode, SegmenterConfig};

/// Where input comes from and how to decode it.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders (walked recursively, sorted); `-` or nothing for stdin.
    pub paths: Vec<PathBuf>,
    /// Input encoding: auto (a BOM, else UTF-8, else whichever of GB18030,
    /// Big5, Shift_JIS and EUC-KR fits the bytes best), utf-8, gb18030,
    /// big5, shift_jis, euc-kr, utf-16 (by its BOM), utf-16le or utf-16be.
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: Encoding,
    /// Replace invalid bytes with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

/// How text is segmented: one group of flags, flattened into every
/// command that segments, and made into the library's settings in one
/// place ([`SegmenterArgs::config`]).
#[derive(clap::Args, Debug, Clone)]
pub struct SegmenterArgs {
    /// Segmentation mode.
    #[arg(long, default_value_t = SegmenterConfig::default().mode,
          value_parser = named::<Mode>(&["precise", "full", "search"]))]
    pub mode: Mode,
    /// Use the HMM for words not in the dictionary (the default).
    #[arg(long, overrides_with = "no_hmm")]
    pub hmm: bool,
    /// Do not use the HMM for words not in the dictionary.
    #[arg(long, overrides_with = "hmm")]
    pub no_hmm: bool,
    /// A user dictionary (`word [freq] [tag]` per line); repeatable.
    #[arg(long = "user-dict", value_name = "FILE")]
    pub user_dict: Vec<PathBuf>,
    /// Do not normalise (full-width forms, traditional characters, odd spaces).
    #[arg(long)]
    pub no_normalize: bool,
    /// Keep quoted slogans (`“千万工程”`) and numbered expressions
    /// (`三大差距`, 五个“落实”) whole: the default, except with `segment
    /// --plain`, which is jieba-compatible.
    #[arg(long, overrides_with = "no_keep_terms")]
    pub keep_terms: bool,
    /// Cut quoted slogans and numbered expressions like any other text.
    #[arg(long, overrides_with = "keep_terms")]
    pub no_keep_terms: bool,
    /// The old name of --keep-terms (warns).
    #[arg(long, hide = true, overrides_with = "no_keep_quoted")]
    pub keep_quoted: bool,
    /// The old name of --no-keep-terms (warns).
    #[arg(long, hide = true, overrides_with = "keep_quoted")]
    pub no_keep_quoted: bool,
    /// Keep numbers with their unit whole (`2000年`, `12月`, `80%`, `350万`):
    /// the default, except with `segment --plain`.
    #[arg(long, overrides_with = "no_keep_numbers")]
    pub keep_numbers: bool,
    /// Cut numbers from their units (`2024/年`, `350/万`).
    #[arg(long, overrides_with = "keep_numbers")]
    pub no_keep_numbers: bool,
    /// Multi-word expressions to join into one token before counting, one
    /// per line, written joined (`高质量发展`: the tokens 高质量, 发展 become
    /// one); repeatable. Precise mode.
    #[arg(long = "compound", value_name = "FILE")]
    pub compound: Vec<PathBuf>,
}

impl SegmenterArgs {
    /// The settings these flags give over `base` (the command's defaults:
    /// [`SegmenterConfig::default`], or jieba's own for `segment --plain`):
    /// a flag given wins, a flag not given leaves `base`'s value. Reads the
    /// `--compound` files (an error names the file).
    pub fn config(&self, base: SegmenterConfig) -> cipin_core::Result<SegmenterConfig> {
        if self.keep_quoted || self.no_keep_quoted {
            let new = if self.keep_quoted {
                "--keep-terms"
            } else {
                "--no-keep-terms"
            };
            warn(&format!("{} is now {new}", &new.replace("terms", "quoted")));
        }
        let flag = |on: bool, off: bool, base: bool| if off { false } else { on || base };
        for d in &self.user_dict {
            note_aux_file("--user-dict", d);
        }
        let mut user_dicts = base.user_dicts.clone();
        user_dicts.extend(self.user_dict.iter().cloned());
        let mut compound = base.compound.clone();
        for f in &self.compound {
            note_aux_file("--compound", f);
            compound.extend(cipin_core::segment::compound::read_compounds(f)?);
        }
        Ok(SegmenterConfig {
            mode: self.mode,
            hmm: flag(self.hmm, self.no_hmm, base.hmm),
            normalize: if self.no_normalize {
                Normalizer::NONE
            } else {
                base.normalize
            },
            keep_terms: flag(
                self.keep_terms || self.keep_quoted,
                self.no_keep_terms || self.no_keep_quoted,
                base.keep_terms,
            ),
            keep_numbers: flag(self.keep_numbers, self.no_keep_numbers, base.keep_numbers),
            user_dicts,
            compound,
            ..base
        })
    }
}

/// A `FromStr` value parser for a library enum, listing its `names` (and
/// only those: aliases the library also takes stay out of the help) in the
/// help and in errors.
pub fn named<T>(names: &'static [&'static str]) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(names).map(|s| match s.parse::<T>() {
        Ok(v) => v,
        Err(_) => unreachable!("`{s}` is one of the names the library parses"),
    })
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse::<Encoding>().map_err(|e| e.to_string())
}

impl InputArgs {
    /// Read options for these arguments (folders keep `.txt` files).
    pub fn read_options(&self) -> ReadOptions {
        // Remembered for the hint after a decode error.
        let _ = INPUT_ENCODING.set(self.encoding);
        ReadOptions {
            encoding: self.encoding,
            lossy: self.lossy,
            ..ReadOptions::default()
        }
    }

    /// The paths, or `-` (stdin) when none were given.
    pub fn paths_or_stdin(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        }
    }
}

static QUIET: AtomicBool = AtomicBool::new(false);

/// The `--encoding` the input is read with.
static INPUT_ENCODING: OnceLock<Encoding> = OnceLock::new();

/// Files other than the input (user dictionaries, stopword lists,
/// dictionaries) with the option that named them: `--encoding` and
/// `--lossy` do not apply to them, and a hint must not say they do.
static AUX_FILES: Mutex<Vec<(String, &'static str)>> = Mutex::new(Vec::new());

/// Remember that `path` was named by `flag` and is not an input file.
pub fn note_aux_file(flag: &'static str, path: &Path) {
    if let Ok(mut files) = AUX_FILES.lock() {
        files.push((path.display().to_string(), flag));
    }
}

/// How to fix `e` with the CLI's flags, when the library's message (in its
/// own terms) calls for it: matched by the kind of error, never its text.
pub fn error_hint(e: &cipin_core::Error) -> Option<String> {
    use cipin_core::{Error, Setting};
    match e {
        Error::Decode { file, encoding, .. } => Some(decode_hint(file, encoding)),
        Error::Setting {
            setting: Setting::Parameter(name),
            ..
        } => Some(format!("set {name} with --{}", name.replace('_', "-"))),
        Error::Setting { setting, .. } => Some(
            match setting {
                Setting::TextColumn => "choose the text column with --text-column",
                Setting::IdColumn => "choose the id column with --id-column",
                Setting::TextField => "choose the text field with --text-field",
                Setting::IdField => "choose the id field with --id-field",
                Setting::GroupBy => "choose the grouping with --by (--by COLUMN for a column)",
                _ => return None,
            }
            .to_string(),
        ),
        _ => None,
    }
}

/// What to suggest after a decode error in `file` (the encoding it was
/// read as is `encoding`, as the error names it).
pub fn decode_hint(file: &str, encoding: &str) -> String {
    let aux = AUX_FILES
        .lock()
        .ok()
        .and_then(|f| f.iter().find(|(p, _)| p == file).map(|(_, flag)| *flag));
    if let Some(flag) = aux {
        return format!(
            "{file} ({flag}) is decoded on its own (UTF-8, or the encoding that fits best): \
             --encoding and --lossy apply to the input files, not to it; fix the bytes at that \
             offset or convert the file to UTF-8 (e.g. with iconv)"
        );
    }
    let lossy = "--lossy replaces invalid bytes with U+FFFD and goes on (with a warning)";
    match INPUT_ENCODING.get().copied().unwrap_or_default() {
        Encoding::Auto => {
            let others: Vec<String> = ["gb18030", "big5", "utf-8"]
                .iter()
                .filter(|e| !e.eq_ignore_ascii_case(encoding))
                .take(2)
                .map(|e| format!("--encoding {e}"))
                .collect();
            format!(
                "the file was read as {encoding}, the encoding that fits its bytes best; {lossy}; \
                 if it is in another encoding, name it (e.g. {})",
                others.join(" or ")
            )
        }
        _ => format!(
            "{lossy}; if the file is not {encoding}, --encoding auto finds the encoding that fits best"
        ),
    }
}

/// List what walking the input folders left out (at most 20 lines) on
/// stderr, unless quiet. The summary line gives the counts.
pub fn report_skipped(skipped: &[Skipped]) {
    if quiet() {
        return;
    }
    const SHOWN: usize = 20;
    for s in skipped.iter().take(SHOWN) {
        eprint_str(&format!("cipin: skipped: {s}\n"));
    }
    if skipped.len() > SHOWN {
        eprint_str(&format!(
            "cipin: skipped: ... and {} more\n",
            skipped.len() - SHOWN
        ));
    }
}

/// Silence warnings, summaries and progress.
pub fn set_quiet(q: bool) {
    QUIET.store(q, Ordering::Relaxed);
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Write `s` to stderr, ignoring errors (a closed pipe, a full disk).
pub fn eprint_str(s: &str) {
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}

/// `cipin: error: MSG` on stderr, even with `--quiet`.
pub fn error(msg: &str) {
    eprint_str(&format!("cipin: error: {msg}\n"));
}

/// Print a warning on stderr (unless quiet).
pub fn warn(msg: &str) {
    if !quiet() {
        eprint_str(&format!("cipin: warning: {msg}\n"));
    }
}

/// Print the closing summary on stderr (unless quiet).
pub fn summary(msg: &str) {
    if !quiet() {
        eprint_str(&format!("cipin: {msg}\n"));
    }
}

/// Whether `e`, or an error it wraps, is a closed pipe (`EPIPE`): what a
/// write to stdout gives once `cipin ... | head` has read enough.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        // serde_json keeps its I/O error inside its own type.
        if let Some(j) = e.downcast_ref::<serde_json::Error>() {
            if j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) {
                return true;
            }
        }
        cur = e.source();
    }
    false
}

/// `n thing(s)`.
pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else if let Some(stem) = what.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {what}s")
    }
}

/// A byte-based progress bar on stderr, shown only when stderr is a
/// terminal, the work is large enough and `--quiet` is off.
pub struct Progress {
    total: u64,
    done: AtomicU64,
    start: Instant,
    last: std::sync::Mutex<Instant>,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` bytes of work.
    pub fn new(total: u64) -> Progress {
        let enabled = !quiet() && std::io::stderr().is_terminal() && total > 4 << 20;
        Progress {
            total,
            done: AtomicU64::new(0),
            start: Instant::now(),
            last: std::sync::Mutex::new(Instant::now()),
            enabled,
        }
    }

    /// Record `n` more bytes done.
    pub fn add(&self, n: u64) {
        if !self.enabled {
            return;
        }
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        let mut last = match self.last.lock() {
            Ok(l) => l,
            Err(_) => return,
        };
        if last.elapsed() < Duration::from_millis(200) && done < self.total {
            return;
        }
        *last = Instant::now();
        let frac = (done as f64 / self.total.max(1) as f64).min(1.0);
        let width = 30;
        let filled = (frac * width as f64) as usize;
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        eprint_str(&format!(
            "\r[{}{}] {:5.1}% {:.1} MB/s ",
            "#".repeat(filled),
            " ".repeat(width - filled),
            frac * 100.0,
            done as f64 / 1e6 / secs
        ));
    }

    /// Clear the bar.
    pub fn finish(&self) {
        if self.enabled {
            eprint_str(&format!("\r{}\r", " ".repeat(60)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipes_are_found_inside_other_errors() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let boxed: Box<dyn std::error::Error> = Box::new(pipe);
        assert!(is_broken_pipe(boxed.as_ref()));
        let json = serde_json::Error::io(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&json));
        let other: Box<dyn std::error::Error> = "Broken pipe".into();
        assert!(!is_broken_pipe(other.as_ref()));
        let full = std::io::Error::from_raw_os_error(28);
        assert!(!is_broken_pipe(&full));
    }
}
