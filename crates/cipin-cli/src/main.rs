//! `cipin`: parse, segment and count Chinese newspaper and policy text.
//!
//! Run `cipin --help` for the subcommands.

mod common;
mod output;
mod tables_cmd;

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use cipin_core::normalize::Normalizer;
use cipin_core::parse::{Article, RecordKind};
use cipin_core::read::{expand_paths_with_skipped, read_source, skipped_summary};
use cipin_core::segment::{text_pieces, Segmenter, SegmenterConfig};

use cipin_tables::io::{write_frame, OutFormat};
use common::{plural, report_skipped, summary, warn, InputArgs, Progress, SegmenterArgs};

/// `--threads` is capped at this many times the available cores: more
/// threads only add overhead, and an absurd count (100,000) would spend
/// minutes starting threads and exhaust memory before any work is done.
const MAX_THREADS_PER_CORE: usize = 4;

type CliResult = Result<(), Box<dyn std::error::Error>>;

/// cipin (词频): Chinese newspaper and policy text, from raw files to tidy tables.
#[derive(Parser, Debug)]
#[command(name = "cipin", version, about, long_about = None)]
struct Cli {
    /// Worker threads (default: all cores; at most 4 per core).
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// No progress bar, warnings or summary on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Split pages into articles with their metadata (kicker, headline, byline, ...).
    Parse(ParseArgs),
    /// Segment text into words with jieba.
    Segment(SegmentArgs),
    /// Term frequencies (count, document frequency, share, rank).
    Freq(tables_cmd::FreqArgs),
    /// Keywords per document (TF-IDF or TextRank).
    Keywords(tables_cmd::KeywordsArgs),
    /// Keyword in context: every occurrence of a word with its context.
    Kwic(tables_cmd::KwicArgs),
    /// N-gram counts (never across a sentence boundary).
    Ngrams(tables_cmd::NgramsArgs),
    /// Collocations of adjacent words (PMI, log-likelihood, t-score).
    Collocations(tables_cmd::CollocationsArgs),
    /// Keyness of a group's terms against the rest (G², log ratio).
    Keyness(tables_cmd::KeynessArgs),
    /// TF-IDF per document or group.
    Tfidf(tables_cmd::TfidfArgs),
    /// Sparse document-term matrix (Matrix Market + vocabulary + document ids).
    Dtm(tables_cmd::DtmArgs),
    /// Word pairs co-occurring within a window or a document (count, PMI).
    Cooccurrence(tables_cmd::CooccurrenceArgs),
    /// Quoted slogans (“千万工程”) and numbered expressions (三大差距) with counts.
    Slogans(tables_cmd::SlogansArgs),
    /// New-term discovery: candidate words scored by frequency, PMI and boundary entropy.
    Discover(tables_cmd::DiscoverArgs),
    /// Dispersion of terms over the documents (Juilland's D, Gries' DP and DPnorm).
    Dispersion(tables_cmd::DispersionArgs),
    /// Lexical diversity of each document (TTR, Guiraud's R, MATTR, MTLD).
    Lexdiv(tables_cmd::LexdivArgs),
    /// Each document's nearest neighbours (cosine, Jaccard or correlation).
    Simil(tables_cmd::SimilArgs),
    /// Readability indicators per document (sentence length, common characters and words).
    Readability(tables_cmd::ReadabilityArgs),
    /// Dictionary counts per document (or group) and category: count, tokens (stopwords kept unless --stopwords is given), share, and score (the sum of the matches' weights) for a weighted dictionary.
    Dictionary(tables_cmd::DictionaryArgs),
    /// Put together the partial tables of `--shard I/N` runs into the whole table.
    Merge(tables_cmd::MergeArgs),
}

#[derive(clap::Args, Debug)]
struct ParseArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Jsonl)]
    format: ParseFormat,
    /// Write the articles as one table to FILE instead, in the format its
    /// extension names (`.parquet`, `.jsonl`, `.json`; lists such as
    /// `reporters` and `paragraphs` stay lists), atomically: the table
    /// Python's `cipin.parse` returns.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<std::path::PathBuf>,
    /// Print each block of each page with the label it got (furniture,
    /// kicker, headline, subtitle, byline, mark, paragraph, cut paragraph)
    /// and the rule that gave it, instead of the records.
    #[arg(long)]
    explain: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ParseFormat {
    /// One JSON object per record.
    Jsonl,
    /// A readable view.
    Table,
}

#[derive(clap::Args, Debug)]
struct SegmentArgs {
    #[command(flatten)]
    input: InputArgs,
    /// SIGHAN format: one output line per input line, tokens joined by two
    /// spaces, whitespace tokens dropped, no parsing, no normalisation.
    #[arg(long)]
    plain: bool,
    #[command(flatten)]
    segmenter: SegmenterArgs,
    /// Tag parts of speech (`word/tag`).
    #[arg(long)]
    pos: bool,
    /// Output format (page mode).
    #[arg(long, value_enum, default_value_t = SegFormat::Text)]
    format: SegFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SegFormat {
    /// Tokens joined by two spaces, one line per paragraph, a blank line between articles.
    Text,
    /// One JSON object per article with its tokens.
    Jsonl,
}

/// The command line, each table command with its table's defaults
/// ([`tables_cmd::with_filter_defaults`]).
fn command() -> clap::Command {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    for (sub, table) in tables_cmd::TABLE_COMMANDS {
        cmd = cmd.mut_subcommand(sub, |c| tables_cmd::with_filter_defaults(c, table));
    }
    cmd
}

fn main() -> ExitCode {
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    common::set_quiet(cli.quiet);
    if let Some(n) = cli.threads {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let n = match threads(n, cores) {
            Ok(n) => n,
            Err(msg) => {
                common::error(&msg);
                return ExitCode::from(2);
            }
        };
        if n < cli.threads.unwrap_or(n) {
            warn(&format!(
                "--threads {} is more than {MAX_THREADS_PER_CORE} per core ({}); using {n}",
                cli.threads.unwrap_or(n),
                plural(cores, "core")
            ));
        }
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            common::error(&format!("cannot start {n} threads: {e}"));
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        Command::Parse(a) => run_parse(a),
        Command::Segment(a) => run_segment(a),
        Command::Freq(a) => tables_cmd::run_freq(a),
        Command::Keywords(a) => tables_cmd::run_keywords(a),
        Command::Kwic(a) => tables_cmd::run_kwic(a),
        Command::Ngrams(a) => tables_cmd::run_ngrams(a),
        Command::Collocations(a) => tables_cmd::run_collocations(a),
        Command::Keyness(a) => tables_cmd::run_keyness(a),
        Command::Tfidf(a) => tables_cmd::run_tfidf(a),
        Command::Dtm(a) => tables_cmd::run_dtm(a),
        Command::Cooccurrence(a) => tables_cmd::run_cooccurrence(a),
        Command::Dispersion(a) => tables_cmd::run_dispersion(a),
        Command::Lexdiv(a) => tables_cmd::run_lexdiv(a),
        Command::Simil(a) => tables_cmd::run_simil(a),
        Command::Readability(a) => tables_cmd::run_readability(a),
        Command::Slogans(a) => tables_cmd::run_slogans(a),
        Command::Discover(a) => tables_cmd::run_discover(a),
        Command::Dictionary(a) => tables_cmd::run_dictionary(a),
        Command::Merge(a) => tables_cmd::run_merge(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed stdout (`cipin ... | head`) means the reader has what it
        // wants: every command stops there quietly with status 0, like a
        // finished run (the summary is not printed).
        Err(e) if common::is_broken_pipe(e.as_ref()) => ExitCode::SUCCESS,
        Err(e) => {
            common::error(&e.to_string());
            if let Some(hint) = core_error(&*e).and_then(common::error_hint) {
                common::eprint_str(&format!("cipin: hint: {hint}\n"));
            }
            ExitCode::FAILURE
        }
    }
}

/// The thread count for `--threads n` on `cores` cores: an error for 0,
/// capped at [`MAX_THREADS_PER_CORE`] per core.
fn threads(n: usize, cores: usize) -> Result<usize, String> {
    if n == 0 {
        return Err("--threads must be at least 1".into());
    }
    Ok(n.min(cores.max(1) * MAX_THREADS_PER_CORE))
}

/// The cipin-core error inside `e`, if that is what it is.
fn core_error<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e cipin_core::Error> {
    if let Some(c) = e.downcast_ref::<cipin_core::Error>() {
        return Some(c);
    }
    e.downcast_ref::<cipin_tables::Error>()
        .and_then(cipin_tables::Error::core)
}

/// Files read, warnings, and what was skipped, for a summary line.
struct Inputs {
    files: usize,
    warnings: usize,
    /// `, N skipped (...)`, or empty.
    skipped: String,
}

/// Read and parse every input, in parallel, in path order.
fn read_and_parse(input: &InputArgs) -> Result<(Vec<Article>, Inputs), Box<dyn std::error::Error>> {
    let parsed = cipin_core::pipeline::parse_paths(&input.paths_or_stdin(), &input.read_options())?;
    if parsed.files == 0 {
        warn("no input files found (folders are searched for .txt files)");
    }
    for msg in &parsed.warnings {
        warn(msg);
    }
    report_skipped(&parsed.skipped);
    let inputs = Inputs {
        files: parsed.files,
        warnings: parsed.warnings.len(),
        skipped: skipped_suffix(&parsed.skipped),
    };
    Ok((parsed.records, inputs))
}

/// `, N skipped (...)` for a summary line, or nothing.
fn skipped_suffix(skipped: &[cipin_core::read::Skipped]) -> String {
    skipped_summary(skipped)
        .map(|s| format!(", {s}"))
        .unwrap_or_default()
}

fn run_parse(args: ParseArgs) -> CliResult {
    if args.explain {
        return run_explain(&args.input);
    }
    // The output is checked before the (slow) reading.
    let table = match &args.output {
        Some(path) => Some((path, parse_table_format(path, &args.input)?)),
        None => None,
    };
    let (records, inputs) = read_and_parse(&args.input)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let listed = if table.is_some() {
        &[][..]
    } else {
        &records[..]
    };
    for r in listed {
        match args.format {
            ParseFormat::Jsonl => {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")?;
            }
            ParseFormat::Table => write_record_table(&mut out, r)?,
        }
    }
    out.flush()?;
    let articles = records
        .iter()
        .filter(|r| r.kind == RecordKind::Article)
        .count();
    let banners = records.len() - articles;
    if let Some((path, format)) = table {
        let mut df = cipin_tables::frames::articles_frame(records)?;
        output::write_atomic(path, |w| Ok(write_frame(&mut df, format, w)?))?;
    }
    summary(&format!(
        "{}, {}, {}, {}{}",
        plural(inputs.files, "file"),
        plural(articles, "article"),
        plural(banners, "banner"),
        plural(inputs.warnings, "warning"),
        inputs.skipped
    ));
    Ok(())
}

/// The format `cipin parse -o path` writes: one that keeps lists, and
/// never onto an input named on the command line.
fn parse_table_format(
    path: &std::path::Path,
    input: &InputArgs,
) -> Result<OutFormat, Box<dyn std::error::Error>> {
    let format = match OutFormat::from_path(path) {
        Some(f @ (OutFormat::Parquet | OutFormat::Jsonl | OutFormat::Json)) => f,
        Some(_) => {
            return Err(format!(
                "{}: articles have list fields (reporters, paragraphs): write .parquet, .jsonl or .json",
                path.display()
            )
            .into())
        }
        None => {
            return Err(format!(
                "{}: name the table's format by its extension (.parquet, .jsonl or .json)",
                path.display()
            )
            .into())
        }
    };
    if input
        .paths_or_stdin()
        .iter()
        .any(|p| output::same_file(path, p))
    {
        return Err(format!("{}: -o would overwrite an input file", path.display()).into());
    }
    Ok(format)
}

/// `cipin parse --explain`: every block of every page, its label and why.
fn run_explain(input: &InputArgs) -> CliResult {
    let docs = cipin_core::read::read_paths(&input.paths_or_stdin(), &input.read_options())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for d in &docs {
        writeln!(out, "── {} ──", d.id)?;
        for e in cipin_core::parse::explain_page(&d.text) {
            // The start of the block is enough to find it on the page.
            let mut text: String = e.text.chars().take(24).collect();
            if text.len() < e.text.len() {
                text.push('…');
            }
            writeln!(out, "{:>4}  {:<28}{text}", e.block, e.label)?;
            writeln!(out, "      {:<28}↳ {}", "", e.why)?;
        }
    }
    out.flush()?;
    summary(&format!("{}, explained", plural(docs.len(), "file")));
    Ok(())
}

fn write_record_table(out: &mut impl Write, r: &Article) -> std::io::Result<()> {
    let kind = match r.kind {
        RecordKind::Article => "article",
        RecordKind::Banner => "banner",
    };
    writeln!(out, "── {} #{} {} ──", r.doc_id, r.article, kind)?;
    let field = |out: &mut dyn Write, name: &str, v: &Option<String>| -> std::io::Result<()> {
        if let Some(v) = v {
            writeln!(out, "  {name:<13}{v}")?;
        }
        Ok(())
    };
    field(out, "kicker", &r.kicker)?;
    field(out, "headline", &r.headline)?;
    field(out, "subtitle", &r.subtitle)?;
    field(out, "byline", &r.byline)?;
    field(out, "dateline", &r.dateline)?;
    if !r.flags.is_empty() {
        writeln!(out, "  {:<13}{}", "flags", r.flags.join(" "))?;
    }
    for (name, names) in [
        ("reporters", &r.reporters),
        ("correspondents", &r.correspondents),
        ("authors", &r.authors),
    ] {
        if !names.is_empty() {
            writeln!(out, "  {name:<13}{}", names.join("、"))?;
        }
    }
    if let Some(t) = &r.text {
        writeln!(out, "  {:<13}{t}", "text")?;
    }
    for (i, p) in r.paragraphs.iter().enumerate() {
        let chars = p.chars().count();
        let head: String = p.chars().take(40).collect();
        let ell = if chars > 40 { "…" } else { "" };
        writeln!(out, "  ¶{:<3} {:>4}字  {head}{ell}", i + 1, chars)?;
    }
    field(out, "continuation", &r.continuation)?;
    writeln!(out)
}

fn build_segmenter(args: &SegmentArgs) -> Result<Segmenter, cipin_core::Error> {
    // --plain is the jieba-compatible SIGHAN format: no normalisation, and
    // terms and numbers cut as jieba cuts them unless a flag asks otherwise.
    let base = if args.plain {
        SegmenterConfig {
            normalize: Normalizer::NONE,
            keep_terms: false,
            keep_numbers: false,
            ..SegmenterConfig::default()
        }
    } else {
        SegmenterConfig::default()
    };
    let mut config = args.segmenter.config(base)?;
    config.pos = args.pos;
    if args.plain {
        config.normalize = Normalizer::NONE;
    }
    config.build()
}

fn run_segment(args: SegmentArgs) -> CliResult {
    let seg = build_segmenter(&args)?;
    if args.plain {
        return segment_plain(&args, &seg);
    }
    let (records, inputs) = read_and_parse(&args.input)?;
    let total: u64 = records
        .iter()
        .map(|r| r.paragraphs.iter().map(|p| p.len() as u64).sum::<u64>())
        .sum();
    let progress = Progress::new(total);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tokens = 0usize;
    // Segment in parallel in batches, write in order.
    for batch in records.chunks(256) {
        let rendered: Vec<(String, usize)> = batch
            .par_iter()
            .map(|r| {
                let text = r.body();
                let (s, n) = render_tokens(&seg, r, &text, args.format);
                progress.add(text.len() as u64);
                (s, n)
            })
            .collect();
        for (s, n) in rendered {
            out.write_all(s.as_bytes())?;
            tokens += n;
        }
    }
    out.flush()?;
    progress.finish();
    summary(&format!(
        "{}, {}, {}, {}{}",
        plural(inputs.files, "file"),
        plural(records.len(), "record"),
        plural(tokens, "token"),
        plural(inputs.warnings, "warning"),
        inputs.skipped
    ));
    Ok(())
}

/// One article's tokens in the chosen format, and how many there were.
fn render_tokens(seg: &Segmenter, r: &Article, text: &str, format: SegFormat) -> (String, usize) {
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut text_out = String::new();
    let mut count = 0;
    seg.for_each_normalized(text, |t| {
        if t.word == "\n" {
            if format == SegFormat::Text {
                text_out.push_str(&line);
                text_out.push('\n');
                line.clear();
            }
            return;
        }
        if t.word.chars().all(char::is_whitespace) {
            return;
        }
        count += 1;
        match format {
            SegFormat::Text => {
                if !line.is_empty() {
                    line.push_str("  ");
                }
                line.push_str(t.word);
                if let Some(p) = t.pos {
                    line.push('/');
                    line.push_str(p);
                }
            }
            SegFormat::Jsonl => {
                words.push(t.word.to_string());
                if let Some(p) = t.pos {
                    tags.push(p.to_string());
                }
            }
        }
    });
    match format {
        SegFormat::Text => {
            text_out.push_str(&line);
            text_out.push_str("\n\n");
            (text_out, count)
        }
        SegFormat::Jsonl => {
            let mut obj = serde_json::json!({
                "doc_id": r.doc_id,
                "article": r.article,
                "kind": r.kind,
                "headline": r.headline,
                "tokens": words,
            });
            if seg.pos() {
                obj["pos"] = serde_json::json!(tags);
            }
            let mut s = obj.to_string();
            s.push('\n');
            (s, count)
        }
    }
}

/// `--plain`: every input line gives exactly one output line.
fn segment_plain(args: &SegmentArgs, seg: &Segmenter) -> CliResult {
    let opts = args.input.read_options();
    let found = expand_paths_with_skipped(&args.input.paths_or_stdin(), &opts)?;
    let sources = found.sources;
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    if sources.is_empty() {
        warn("no input files found (folders are searched for .txt files)");
    }
    let (mut lines_total, mut warnings) = (0usize, 0usize);
    for src in &sources {
        let doc = read_source(src, &opts)?;
        for w in &doc.warnings {
            warn(w);
        }
        warnings += doc.warnings.len();
        let text = doc.text.strip_suffix('\n').unwrap_or(&doc.text);
        if doc.text.is_empty() {
            continue;
        }
        let lines: Vec<&str> = text.split('\n').collect();
        lines_total += lines.len();
        let progress = Progress::new(text.len() as u64);
        // Batches of lines are segmented in parallel and written in order;
        // a line longer than LONG_LINE is one batch of its own, written
        // piece by piece (see `plain_long_line`).
        let mut rest = &lines[..];
        while !rest.is_empty() {
            let short = rest
                .iter()
                .take(4096)
                .take_while(|l| l.len() <= LONG_LINE)
                .count();
            let batch = if short == 0 {
                plain_long_line(seg, rest[0], &mut out)?;
                &rest[..1]
            } else {
                let batch = &rest[..short];
                let rendered: Vec<String> = batch
                    .par_chunks(64)
                    .map(|chunk| {
                        let mut s = String::new();
                        for l in chunk {
                            s.push_str(&seg.plain_line(l));
                            s.push('\n');
                        }
                        s
                    })
                    .collect();
                for s in &rendered {
                    out.write_all(s.as_bytes())?;
                }
                batch
            };
            progress.add(batch.iter().map(|l| l.len() as u64 + 1).sum());
            rest = &rest[batch.len()..];
        }
        progress.finish();
    }
    out.flush()?;
    report_skipped(&found.skipped);
    summary(&format!(
        "{}, {}, {}{}",
        plural(sources.len(), "file"),
        plural(lines_total, "line"),
        plural(warnings, "warning"),
        skipped_suffix(&found.skipped)
    ));
    Ok(())
}

/// Lines longer than this are segmented piece by piece.
const LONG_LINE: usize = 1 << 20;

/// `--plain` on one long line: its output is the same as
/// `seg.plain_line(line)`, but written in pieces of whole sentence groups
/// ([`text_pieces`]) a few at a time, so memory holds a few megabytes of
/// output instead of all of it (a 50 MB line made a 75 MB string).
fn plain_long_line(seg: &Segmenter, line: &str, out: &mut impl Write) -> CliResult {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let pieces = text_pieces(line, 256 << 10);
    let mut first = true;
    for group in pieces.chunks(4 * rayon::current_num_threads().max(1)) {
        let rendered: Vec<String> = group.par_iter().map(|p| seg.plain_line(p)).collect();
        for r in rendered.iter().filter(|r| !r.is_empty()) {
            // Tokens are joined by two spaces, across pieces too.
            if !first {
                out.write_all(b"  ")?;
            }
            out.write_all(r.as_bytes())?;
            first = false;
        }
    }
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI flag of each library parameter: `(table, parameter, flag id,
    /// the flag's default for the library's value)`. Every parameter of
    /// [`cipin_tables::defaults`] is listed here or in `NO_DEFAULT`, so a
    /// new one cannot go unchecked.
    fn cli_flag(
        table: &str,
        param: &str,
        value: &serde_json::Value,
    ) -> Option<(String, Option<String>)> {
        use serde_json::Value;
        let plain = match value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        let flag = |id: &str| Some((id.to_string(), plain.clone()));
        match (table, param) {
            (_, "stopwords" | "min_count") => flag(param),
            ("tfidf", "idf") | ("collocations", "sort") | ("cooccurrence", "window") => flag(param),
            // `--max-n` unset is `-n`'s size.
            ("ngrams", "n_min" | "n_max") => flag("n"),
            ("ngrams", "skip") => flag("skip"),
            ("dispersion", "terms") | ("lexdiv", "window" | "threshold") => flag(param),
            ("simil", "method" | "top") => flag(param),
            ("keyness", "reference" | "negative") => flag(param),
            ("keywords", "k") => flag("top_k"),
            ("keywords", "method" | "idf" | "span") => flag(param),
            ("kwic", "window") => flag("window"),
            ("kwic", "unit") => Some(("chars".into(), Some((value == "chars").to_string()))),
            ("kwic", "match") => {
                Some(("substring".into(), Some((value == "substring").to_string())))
            }
            _ => None,
        }
    }

    /// Parameters without a default (required on every surface).
    const NO_DEFAULT: [(&str, &str); 2] = [("keyness", "target"), ("kwic", "pattern")];

    #[test]
    fn the_tables_that_merge_and_only_they_take_shard() {
        let cmd = command();
        let mut with: Vec<&str> = cmd
            .get_subcommands()
            .filter(|s| s.get_arguments().any(|a| a.get_id() == "shard"))
            .map(|s| {
                let name = s.get_name();
                tables_cmd::TABLE_COMMANDS
                    .iter()
                    .find(|(sub, _)| *sub == name)
                    .map_or(name, |(_, table)| table)
            })
            .collect();
        with.sort_unstable();
        let mut want = cipin_tables::merge::MERGEABLE;
        want.sort_unstable();
        assert_eq!(with, want);
        assert!(cmd.find_subcommand("merge").is_some());
    }

    #[test]
    fn keep_quoted_is_a_hidden_old_name_of_keep_terms() {
        let parse = |args: &[&str]| {
            let m = command().try_get_matches_from(args).unwrap();
            match <Cli as clap::FromArgMatches>::from_arg_matches(&m)
                .unwrap()
                .command
            {
                Command::Freq(a) => a.corpus.segmenter.config(Default::default()).unwrap(),
                _ => unreachable!(),
            }
        };
        let new = parse(&["cipin", "freq", "--no-keep-terms"]);
        assert!(!new.keep_terms);
        assert_eq!(parse(&["cipin", "freq", "--no-keep-quoted"]), new);
        assert!(parse(&["cipin", "freq"]).keep_terms);
        let mut help = Vec::new();
        command()
            .find_subcommand_mut("freq")
            .unwrap()
            .write_long_help(&mut help)
            .unwrap();
        let help = String::from_utf8(help).unwrap();
        assert!(help.contains("--no-keep-terms") && !help.contains("keep-quoted"));
    }

    #[test]
    fn segmenter_defaults_are_the_library_defaults() {
        let config = |args: &[&str]| {
            let m = command().try_get_matches_from(args).unwrap();
            match <Cli as clap::FromArgMatches>::from_arg_matches(&m)
                .unwrap()
                .command
            {
                Command::Freq(a) => a.corpus.segmenter.config(Default::default()).unwrap(),
                Command::Kwic(a) => a.corpus.segmenter.config(Default::default()).unwrap(),
                _ => unreachable!(),
            }
        };
        // No flag: every setting, `compound` included, is the library's.
        assert_eq!(config(&["cipin", "freq"]), SegmenterConfig::default());
        assert_eq!(config(&["cipin", "kwic", "x"]), SegmenterConfig::default());
        let dir = std::env::temp_dir().join(format!("cipin-cli-compound-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&a, "高质量发展\n").unwrap();
        std::fs::write(&b, "# comment\r\n共同富裕示范区\r\n").unwrap();
        let got = config(&[
            "cipin",
            "freq",
            "--compound",
            a.to_str().unwrap(),
            "--compound",
            b.to_str().unwrap(),
        ]);
        assert_eq!(got.compound, ["高质量发展", "共同富裕示范区"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn table_defaults_are_the_library_defaults() {
        let mut cmd = command();
        // Built, so that flags show their implicit defaults (`false`).
        cmd.build();
        let defaults = cipin_tables::defaults();
        let mut commands: Vec<(&str, &str)> = tables_cmd::TABLE_COMMANDS.to_vec();
        commands.push(("kwic", "kwic"));
        let mut checked = std::collections::BTreeSet::new();
        for (sub, table) in commands {
            let sub = cmd.find_subcommand(sub).expect(sub);
            for (param, value) in defaults[table].as_object().expect(table) {
                if NO_DEFAULT.contains(&(table, param.as_str())) {
                    continue;
                }
                let (id, want) = cli_flag(table, param, value)
                    .unwrap_or_else(|| panic!("{table}.{param}: which flag is it? (cli_flag)"));
                let arg = sub
                    .get_arguments()
                    .find(|a| a.get_id() == id.as_str())
                    .unwrap_or_else(|| panic!("{table}.{param}: no flag `{id}`"));
                let got = arg
                    .get_default_values()
                    .first()
                    .map(|v| v.to_string_lossy().into_owned());
                assert_eq!(
                    got,
                    want,
                    "cipin {}: --{id} (library: {table}.{param} = {value})",
                    sub.get_name()
                );
                checked.insert(table);
            }
        }
        // The dictionary command makes both dictionary tables, with one set of flags.
        for (param, value) in defaults["count_dictionary"].as_object().unwrap() {
            assert_eq!(&defaults["dictionary_matches"][param], value, "{param}");
        }
        checked.insert("count_dictionary");
        // term_frequency has no command (`freq` is its counts).
        checked.insert("term_frequency");
        assert_eq!(checked.len(), cipin_tables::TABLES.len(), "{checked:?}");
    }

    #[test]
    fn shared_settings_default_to_the_library() {
        // The segmenter and filter flags every table command flattens, given
        // nothing: the library's SegmenterConfig and FilterConfig defaults.
        #[derive(clap::Parser)]
        struct Shared {
            #[command(flatten)]
            segmenter: common::SegmenterArgs,
            #[command(flatten)]
            filter: tables_cmd::FilterArgs,
        }
        let a = <Shared as clap::Parser>::parse_from(["cipin"]);
        let seg = SegmenterConfig::default();
        assert_eq!(a.segmenter.config(seg.clone()).unwrap(), seg);
        let defaults = cipin_tables::defaults();
        let want: cipin_tables::FilterConfig =
            serde_json::from_value(defaults["filter"].clone()).unwrap();
        let got = a.filter.config(&want.stopwords, want.min_count);
        assert_eq!(got, want);
        assert_eq!(
            serde_json::to_value(&seg).unwrap(),
            defaults["segmenter"],
            "defaults() shows the segmenter's defaults"
        );
    }

    #[test]
    fn long_lines_are_written_as_one_plain_line() {
        // Sentences, clauses, spaces, a carriage return, Latin and digits,
        // long enough for several pieces.
        let mut line = String::new();
        for i in 0..100_000 {
            line.push_str(match i % 5 {
                0 => "共同富裕示范区建设取得新进展。",
                1 => "他说：“千万工程”好！ ",
                2 => "2024年GDP增长5.2%，",
                3 => "  \t ",
                _ => "研究生命起源？",
            });
        }
        line.push('\r');
        assert!(line.len() > LONG_LINE);
        let plain = Segmenter::builder()
            .keep_terms(false)
            .keep_numbers(false)
            .normalizer(Normalizer::NONE)
            .build()
            .unwrap();
        for seg in [plain, Segmenter::default()] {
            let mut got = Vec::new();
            plain_long_line(&seg, &line, &mut got).unwrap();
            let want = format!("{}\n", seg.plain_line(&line));
            assert!(got == want.as_bytes(), "pieces differ from the whole line");
        }
    }

    #[test]
    fn threads_are_capped_and_zero_refused() {
        assert!(threads(0, 8).is_err());
        assert_eq!(threads(1, 8), Ok(1));
        assert_eq!(threads(32, 8), Ok(32));
        assert_eq!(threads(100_000, 8), Ok(32));
        assert_eq!(threads(100_000, 0), Ok(MAX_THREADS_PER_CORE));
    }
}
