//! The table subcommands: `freq`, `keywords`, `kwic`, `ngrams`,
//! `collocations`, `keyness` (and `tfidf`, `dtm`, `cooccurrence`), built
//! on `cipin-tables`.
//!
//! Every command reads any corpus format (`.txt` pages or `--plain` lines,
//! `.jsonl`, `.csv`, `.tsv`, `.parquet`, folders), prints its table on
//! stdout (an aligned table of 30 rows by default, or
//! `--format csv|tsv|jsonl|json|parquet`) and a summary line on stderr.
//!
//! `-o FILE` writes the whole table to a file, in the machine format its
//! extension names or `--format` asks for (never the display table, which
//! drops rows), atomically (see [`crate::output`]), and never onto one of
//! the inputs; `-o -` is stdout.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use cipin_core::segment::{Segmenter, SegmenterConfig};
use cipin_tables::assoc::{
    collocations, cooccurrence, keyness, CollocationsConfig, CooccurrenceConfig, KeynessConfig,
    Sort,
};
use cipin_tables::corpus::{Corpus, GroupBy, InputOptions, Summary};
use cipin_tables::filter::{default_stopwords, DfLimit, Filter, FilterConfig};
use cipin_tables::io::{write_frame, OutFormat, FILE_EXTENSIONS};
use cipin_tables::keywords::{keywords, IdfSource, KeywordsConfig, Method};
use cipin_tables::kwic::{kwic, KwicConfig, Match, Unit};
use cipin_tables::merge::{merge, partial, Final, Mergeable, Partial};
use cipin_tables::polars::prelude::{DataFrame, ParquetReader, SerReader};
use cipin_tables::tables::{
    dtm, frequency, ngrams, tfidf, Idf, NgramsConfig, Options, Output, TfidfConfig,
};
use cipin_tables::{
    dispersion::{dispersion, DispersionConfig},
    lexdiv::{lexdiv, LexdivConfig},
    readability::readability,
    simil::{simil, SimilConfig, SimilMethod, SIMIL_TOP},
};

use crate::common::{
    named, note_aux_file, plural, report_skipped, summary, warn, InputArgs, SegmenterArgs,
};
use crate::output::{same_file, write_atomic};

type R = Result<(), Box<dyn std::error::Error>>;

/// Rows shown by the default table format when `--top` is not given.
const TABLE_ROWS: usize = 30;

/// Input, document and segmentation options shared by the table commands.
#[derive(clap::Args, Debug, Clone)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `.txt` files: each non-blank line is a document (instead of parsing
    /// pages into articles).
    #[arg(long)]
    pub plain: bool,
    /// JSONL: the field holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
    /// JSONL: the field holding the document id (default `FILE:LINE`).
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// CSV / parquet: the column holding the text.
    #[arg(long, default_value = "text", value_name = "COLUMN")]
    pub text_column: String,
    /// CSV / parquet: the column holding the document id (default `FILE:ROW`).
    #[arg(long, value_name = "COLUMN")]
    pub id_column: Option<String>,
    #[command(flatten)]
    pub segmenter: SegmenterArgs,
}

/// Which tokens and rows are kept.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Stopwords: `default` (cipin's list of function words), `none`, or a
    /// file with one word per line.
    #[arg(long, value_name = "LIST")]
    pub stopwords: Option<String>,
    /// More stopwords, comma-separated (added to the list).
    #[arg(long = "stopword", value_name = "WORDS", value_delimiter = ',')]
    pub extra_stopwords: Vec<String>,
    /// Keep only tokens with these POS tags, comma-separated (n,nr,ns,v...).
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub pos: Vec<String>,
    /// Drop tokens with these POS tags, comma-separated.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub exclude_pos: Vec<String>,
    /// Drop tokens shorter than this many characters.
    #[arg(long, default_value_t = FilterConfig::default().min_len, value_name = "N")]
    pub min_len: usize,
    /// Keep punctuation and symbols.
    #[arg(long)]
    pub keep_punct: bool,
    /// Drop numbers (2024, 3.5%, 二十).
    #[arg(long)]
    pub drop_numbers: bool,
    /// Keep rows counted at least N times.
    #[arg(long, value_name = "N")]
    pub min_count: Option<u64>,
    /// Keep rows in at least this many documents (or this share, e.g. 0.01).
    #[arg(long, value_name = "N|FRACTION", value_parser = parse_df)]
    pub min_df: Option<DfLimit>,
    /// Keep rows in at most this many documents (or this share, e.g. 0.5).
    #[arg(long, value_name = "N|FRACTION", value_parser = parse_df)]
    pub max_df: Option<DfLimit>,
}

fn parse_df(s: &str) -> Result<DfLimit, String> {
    s.parse().map_err(|e: cipin_tables::Error| e.to_string())
}

/// `cipin cooccurrence --window`: a number of tokens, or `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window(pub Option<usize>);

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(k) => write!(f, "{k}"),
            None => f.write_str("doc"),
        }
    }
}

fn parse_window(s: &str) -> Result<Window, String> {
    match s {
        "doc" | "document" => Ok(Window(None)),
        n => n
            .parse()
            .map(|k| Window(Some(k)))
            .map_err(|_| format!("expected a number or `doc`, not `{n}`")),
    }
}

fn parse_by(s: &str) -> Result<GroupBy, String> {
    s.parse().map_err(|e: cipin_tables::Error| e.to_string())
}

/// The table command `cipin <command>` of each library table that takes
/// the filter flags (`dictionary` makes both dictionary tables; its
/// defaults are `dictionary_matches`', which has `min_count` too).
pub const TABLE_COMMANDS: [(&str, &str); 14] = [
    ("freq", "frequency"),
    ("tfidf", "tfidf"),
    ("dtm", "dtm"),
    ("ngrams", "ngrams"),
    ("collocations", "collocations"),
    ("cooccurrence", "cooccurrence"),
    ("keyness", "keyness"),
    ("keywords", "keywords"),
    ("slogans", "slogans"),
    ("dictionary", "dictionary_matches"),
    ("dispersion", "dispersion"),
    ("lexdiv", "lexdiv"),
    ("simil", "simil"),
    ("readability", "readability"),
];

/// `cmd` (the subcommand of library table `table`) with the defaults of
/// its filter flags, which differ between tables (`--stopwords none` for
/// ngrams, `--min-count 3` for collocations), set from the library's and
/// shown in its `--help`.
pub fn with_filter_defaults(cmd: clap::Command, table: &str) -> clap::Command {
    let min_count = if table == "collocations" {
        CollocationsConfig::default().min_count
    } else {
        Filter::default().min_count
    };
    // clap keeps `&'static str` defaults; these few strings are made once,
    // when the command line is parsed.
    let min_count: &'static str = Box::leak(min_count.to_string().into_boxed_str());
    let cmd = cmd
        .mut_arg("stopwords", |a| a.default_value(default_stopwords(table)))
        .mut_arg("min_count", |a| a.default_value(min_count));
    if table == "simil" {
        // `--top` is simil's number of neighbours per document, with a default.
        let top: &'static str = Box::leak(SIMIL_TOP.to_string().into_boxed_str());
        cmd.mut_arg("top", |a| a.default_value(top))
    } else {
        cmd
    }
}

/// Output format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// Aligned columns for reading.
    Table,
    /// CSV with a header.
    Csv,
    /// Tab-separated values with a header.
    Tsv,
    /// One JSON object per row.
    Jsonl,
    /// One JSON array of row objects.
    Json,
    /// Apache parquet.
    Parquet,
}

/// Where and how the table is written.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format (default: `table` on stdout; for `-o FILE`, what its
    /// extension says: .csv, .tsv, .jsonl/.ndjson, .json, .parquet).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write the whole table to FILE (atomically: all or nothing) instead
    /// of stdout; `-` is stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Keep the first N rows (per group). The table format shows 30 by default.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

/// `--shard I/N`: count one shard and write its partial table.
#[derive(clap::Args, Debug, Clone)]
pub struct ShardArgs {
    /// Count only shard I of N (0 ≤ I < N): the documents whose index in
    /// the corpus (files in sorted order, documents in file order, from 0)
    /// is I modulo N. Writes a partial table (`-o FILE.parquet`) for
    /// `cipin merge` to put together with the other shards' (a SLURM job
    /// array: `--shard $SLURM_ARRAY_TASK_ID/N`).
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let bad =
        || format!("expected I/N with 0 ≤ I < N (`3/4`: the fourth of four shards), not `{s}`");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

/// `cipin merge`.
#[derive(clap::Args, Debug, Clone)]
pub struct MergeArgs {
    /// The partial tables (`--shard I/N -o part-I.parquet`), one per shard,
    /// in any order.
    #[arg(value_name = "PARTS", required = true)]
    pub parts: Vec<PathBuf>,
    /// `dtm` parts: also write `dtm.mtx`, `vocabulary.txt` and `docs.txt` into DIR.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format (default: `table` on stdout; for `-o FILE`, what its
    /// extension says: .csv, .tsv, .jsonl/.ndjson, .json, .parquet).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write the whole table to FILE (atomically) instead of stdout; `-` is stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `cipin freq`.
#[derive(clap::Args, Debug, Clone)]
pub struct FreqArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Group by `doc`, `article`, `file`, `none`, or a metadata column or
    /// field (`kicker`, `date`, `source`, `year`...).
    #[arg(long, default_value = "none", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin slogans`.
#[derive(clap::Args, Debug, Clone)]
pub struct SlogansArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Group by `doc`, `article`, `file`, `none`, or a metadata column.
    #[arg(long, default_value = "none", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin discover`.
#[derive(clap::Args, Debug, Clone)]
pub struct DiscoverArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Shortest candidate, in characters.
    #[arg(long, default_value_t = 2)]
    pub min_len: usize,
    /// Longest candidate, in characters (at most 7).
    #[arg(long, default_value_t = 6)]
    pub max_len: usize,
    /// Fewest occurrences.
    #[arg(long, default_value_t = 5)]
    pub min_count: usize,
    /// Lowest cohesion: natural-log PMI of the weakest split.
    #[arg(long, default_value_t = 3.0)]
    pub min_pmi: f64,
    /// Lowest left and right boundary entropy, in nats.
    #[arg(long, default_value_t = 1.0)]
    pub min_entropy: f64,
    /// Leave out strings the dictionary cuts into known words of 2+ characters.
    #[arg(long)]
    pub exclude_compounds: bool,
    /// Also write the candidates as a user dictionary (`word count`) to FILE,
    /// ready for `--user-dict`.
    #[arg(long, value_name = "FILE")]
    pub user_dict_out: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin keywords`.
#[derive(clap::Args, Debug, Clone)]
pub struct KeywordsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Keywords per document and method.
    #[arg(short = 'k', long, default_value_t = KeywordsConfig::default().k, value_name = "K")]
    pub top_k: usize,
    /// TF-IDF, TextRank, or both.
    #[arg(long, default_value_t = KeywordsConfig::default().method,
          value_parser = named::<Method>(&["tfidf", "textrank", "both"]))]
    pub method: Method,
    /// Where TF-IDF's idf comes from: `corpus` (smooth, ln((1+N)/(1+df)) +
    /// 1), `raw` (ln(N/df)), or `jieba` (jieba's embedded idf table).
    #[arg(long, default_value_t = KeywordsConfig::default().idf,
          value_parser = named::<IdfSource>(&["corpus", "raw", "jieba"]))]
    pub idf: IdfSource,
    /// TextRank's window: tokens less than SPAN apart are linked.
    #[arg(long, default_value_t = KeywordsConfig::default().span, value_name = "SPAN")]
    pub span: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin kwic`.
#[derive(clap::Args, Debug, Clone)]
pub struct KwicArgs {
    /// The word to find: a token (`*` any characters, `?` one; words
    /// separated by spaces match consecutive tokens, and so does a word the
    /// segmenter cuts: `高质量发展` finds `高质量 发展`), or with
    /// `--substring` any text.
    #[arg(value_name = "PATTERN")]
    pub pattern: String,
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Context size each side, in tokens (or characters with `--chars`).
    #[arg(long, default_value_t = KwicConfig::default().window, value_name = "N")]
    pub window: usize,
    /// Count the window in characters.
    #[arg(long)]
    pub chars: bool,
    /// Match the pattern anywhere in the text, whatever the segmentation.
    #[arg(long)]
    pub substring: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin ngrams`.
#[derive(clap::Args, Debug, Clone)]
pub struct NgramsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// N-gram size (2 to 5).
    #[arg(short = 'n', long = "n", default_value_t = NgramsConfig::default().n_min, value_name = "N")]
    pub n: usize,
    /// Largest size, for all sizes from `-n` to this.
    #[arg(long, value_name = "N")]
    pub max_n: Option<usize>,
    /// Skip-grams: consecutive members may have 0 to K tokens between
    /// them, each gap on its own (quanteda's `skip = 0:K`); 0 is plain n-grams.
    #[arg(long, default_value_t = NgramsConfig::default().skip, value_name = "K")]
    pub skip: usize,
    /// Group by `doc`, `article`, `file`, `none`, or a metadata column.
    #[arg(long, default_value = "none", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin collocations`.
#[derive(clap::Args, Debug, Clone)]
pub struct CollocationsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Sort by this measure, descending: `count`, `pmi` (pointwise mutual
    /// information), `llr` (log-likelihood, G²) or `t` (t-score).
    #[arg(long, default_value_t = CollocationsConfig::default().sort,
          value_parser = named::<Sort>(&["count", "pmi", "llr", "t"]))]
    pub sort: Sort,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin keyness`.
#[derive(clap::Args, Debug, Clone)]
pub struct KeynessArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The group to find keywords of: documents whose `--by` value is this.
    /// With `--by doc` or `article`, a document's number alone also works
    /// (`4` for `page.txt#4`, `2` for line 2 of a `--plain` file).
    #[arg(long, value_name = "VALUE")]
    pub target: String,
    /// The grouping that holds the target (a metadata column, `file`, `doc`).
    #[arg(long, value_name = "COLUMN", value_parser = parse_by)]
    pub by: GroupBy,
    /// Compare with this group only (default: every other document).
    #[arg(long, value_name = "VALUE")]
    pub reference: Option<String>,
    /// Also list the terms the target uses less than the reference.
    #[arg(long)]
    pub negative: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin tfidf`.
#[derive(clap::Args, Debug, Clone)]
pub struct TfidfArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The documents: `article` (each document read, the default), `doc`, `file`, or a column.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    /// The idf: `smooth` ln((1+N)/(1+df)) + 1, or `raw` ln(N/df).
    #[arg(long, default_value_t = TfidfConfig::default().idf,
          value_parser = named::<Idf>(&["smooth", "raw"]))]
    pub idf: Idf,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin dtm`.
#[derive(clap::Args, Debug, Clone)]
pub struct DtmArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The rows: `article` (each document read, the default), `doc`, `file`, or a column.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    /// Folder for `dtm.mtx` (Matrix Market), `vocabulary.txt` and `docs.txt`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin dispersion`.
#[derive(clap::Args, Debug, Clone)]
pub struct DispersionArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The terms to measure, separated by commas (default: every term, by count).
    #[arg(long, value_name = "TERM,...", value_delimiter = ',')]
    pub terms: Option<Vec<String>>,
    /// The parts: `article` (each document read, the default), `doc`, `file`, or a column.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin lexdiv`.
#[derive(clap::Args, Debug, Clone)]
pub struct LexdivArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// MATTR's moving window, in tokens.
    #[arg(long, default_value_t = LexdivConfig::default().window, value_name = "N")]
    pub window: usize,
    /// MTLD's TTR threshold.
    #[arg(long, default_value_t = LexdivConfig::default().threshold, value_name = "X")]
    pub threshold: f64,
    /// The documents: `article` (each document read, the default) or `doc`.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin readability`.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadabilityArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The documents: `article` (each document read, the default) or `doc`.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin simil`.
#[derive(clap::Args, Debug, Clone)]
pub struct SimilArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The similarity: `cosine`, `jaccard` (of the sets of terms) or
    /// `correlation` (Pearson, over the term counts).
    #[arg(long, default_value_t = SimilConfig::default().method,
          value_parser = named::<SimilMethod>(&["cosine", "jaccard", "correlation"]))]
    pub method: SimilMethod,
    /// The documents: `article` (each document read, the default), `doc`, `file`, or a column.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin cooccurrence`.
#[derive(clap::Args, Debug, Clone)]
pub struct CooccurrenceArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Pairs at most N tokens apart, or `doc` for pairs in one document.
    #[arg(long, default_value_t = Window(CooccurrenceConfig::default().window),
          value_name = "N|doc", value_parser = parse_window)]
    pub window: Window,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl CorpusArgs {
    fn input_options(&self) -> InputOptions {
        let mut read = self.input.read_options();
        read.extensions = InputOptions::default().read.extensions;
        InputOptions {
            read,
            plain: self.plain,
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            text_column: self.text_column.clone(),
            id_column: self.id_column.clone(),
            ..InputOptions::default()
        }
    }

    /// Open the corpus and read its first batch while the dictionary loads,
    /// after checking the output (`out`) against it: a bad `-o` fails
    /// before any work.
    fn open(
        &self,
        filter: &Filter,
        out: &OutputArgs,
    ) -> Result<(Corpus, Segmenter), Box<dyn std::error::Error>> {
        self.open_with_words(filter, Vec::new(), out)
    }

    /// [`Self::open`], with `words` added to the segmenter as user words
    /// (without a frequency), except those a `--user-dict` file lists: the
    /// user's own entries win.
    fn open_with_words(
        &self,
        filter: &Filter,
        mut words: Vec<String>,
        out: &OutputArgs,
    ) -> Result<(Corpus, Segmenter), Box<dyn std::error::Error>> {
        // The format first: an unknown extension is known before the
        // (slow) dictionary and corpus are loaded.
        out.format()?;
        let config = filter.segmenter_config(self.segmenter.config(SegmenterConfig::default())?);
        if !words.is_empty() && !config.user_dicts.is_empty() {
            let mut listed = std::collections::HashSet::new();
            for d in &config.user_dicts {
                listed.extend(
                    cipin_core::segment::read_user_dict(d)?
                        .into_iter()
                        .map(|w| w.word),
                );
            }
            words.retain(|w| !listed.contains(w));
        }
        let b = Segmenter::builder().config(config).user_words(words);
        let loading = std::thread::spawn(move || b.build());
        let corpus = Corpus::open(&self.input.paths_or_stdin(), self.input_options());
        if let Ok(c) = &corpus {
            // (On an error the dictionary thread is left to finish: its
            // result is not needed.)
            out.check(c)?;
            if let Some(path) = out.file() {
                refuse_paths(
                    path,
                    self.segmenter.user_dict.iter().map(PathBuf::as_path),
                    "-o",
                )?;
            }
        }
        let corpus = corpus.and_then(|c| c.prefetch().map(|_| c));
        let seg = loading
            .join()
            .map_err(|_| "the dictionary could not be loaded")??;
        Ok((corpus?, seg))
    }
}

impl FilterArgs {
    /// The stopword file, when `--stopwords` names one.
    fn stopword_file(&self) -> Option<&Path> {
        match self.stopwords.as_deref() {
            None | Some("default") | Some("none") => None,
            Some(f) => Some(Path::new(f)),
        }
    }

    fn filter(
        &self,
        default_stopwords: &str,
        default_min_count: u64,
    ) -> Result<Filter, Box<dyn std::error::Error>> {
        if let Some(path) = self.stopword_file() {
            note_aux_file("--stopwords", path);
        }
        Ok(self.config(default_stopwords, default_min_count).build()?)
    }

    /// The settings these flags give over the library's defaults (the
    /// table's stopword list and `min_count`).
    pub fn config(&self, default_stopwords: &str, default_min_count: u64) -> FilterConfig {
        let d = FilterConfig::default();
        FilterConfig {
            stopwords: self
                .stopwords
                .clone()
                .unwrap_or_else(|| default_stopwords.into()),
            extra_stopwords: self.extra_stopwords.clone(),
            pos_include: self.pos.clone(),
            pos_exclude: self.exclude_pos.clone(),
            min_len: self.min_len,
            drop_punct: !self.keep_punct,
            drop_numbers: self.drop_numbers,
            min_count: self.min_count.unwrap_or(default_min_count),
            min_df: self.min_df.unwrap_or(d.min_df),
            max_df: self.max_df.unwrap_or(d.max_df),
            ..d
        }
    }
}

impl OutputArgs {
    /// The file to write, `None` for stdout (no `-o`, or `-o -`).
    fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| *p != Path::new("-"))
    }

    /// The format: `--format`, else the extension of `-o FILE`, else the
    /// display table on stdout. A file never gets the display table (it is
    /// cut to 30 rows and aligned for reading), and an extension cipin does
    /// not know is an error rather than a guess.
    fn format(&self) -> Result<OutFormat, String> {
        let explicit = self.format.map(|f| match f {
            FormatArg::Table => OutFormat::Table,
            FormatArg::Csv => OutFormat::Csv,
            FormatArg::Tsv => OutFormat::Tsv,
            FormatArg::Jsonl => OutFormat::Jsonl,
            FormatArg::Json => OutFormat::Json,
            FormatArg::Parquet => OutFormat::Parquet,
        });
        let Some(path) = self.file() else {
            return Ok(explicit.unwrap_or(OutFormat::Table));
        };
        match (explicit, OutFormat::from_path(path)) {
            (Some(OutFormat::Table), _) => Err(format!(
                "{}: the table format is for the terminal only (it shows {TABLE_ROWS} rows, cut \
                 to fit); write files as csv, tsv, jsonl, json or parquet",
                path.display()
            )),
            (Some(f), _) | (None, Some(f)) => Ok(f),
            (None, None) => Err(format!(
                "{}: cannot tell the output format from {}; name the file {FILE_EXTENSIONS}, or \
                 give --format csv|tsv|jsonl|json|parquet",
                path.display(),
                match path.extension() {
                    Some(e) => format!("the extension `.{}`", e.to_string_lossy()),
                    None => "a name without an extension".into(),
                }
            )),
        }
    }

    /// `--top`, or 30 for the table format.
    fn top(&self) -> Option<usize> {
        match (self.top, self.format()) {
            (Some(t), _) => Some(t),
            (None, Ok(OutFormat::Table)) => Some(TABLE_ROWS),
            (None, _) => None,
        }
    }

    /// Check, before any work, that the format is known and that `-o` is
    /// none of the corpus's input files.
    fn check(&self, corpus: &Corpus) -> Result<(), String> {
        self.format()?;
        match self.file() {
            Some(path) => refuse_input(path, corpus, "-o"),
            None => Ok(()),
        }
    }

    /// Write `df` where and how asked.
    fn write(&self, df: &mut DataFrame) -> R {
        let format = self.format()?;
        match self.file() {
            Some(path) => write_atomic(path, |w| Ok(write_frame(df, format, w)?))?,
            None => {
                if format == OutFormat::Parquet && std::io::stdout().is_terminal() {
                    return Err(
                        "parquet is binary: write it to a file with -o FILE.parquet, or pipe it"
                            .into(),
                    );
                }
                let mut buf = Vec::new();
                write_frame(df, format, &mut buf)?;
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                // A closed pipe comes back as an io::Error, which main treats as success.
                out.write_all(&buf)?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

/// An error when `path` (given with `flag`) is one of `corpus`'s input
/// files: writing it would destroy the input.
fn refuse_input(path: &Path, corpus: &Corpus, flag: &str) -> Result<(), String> {
    use cipin_core::read::Source;
    let files = corpus.sources().iter().filter_map(|s| match s {
        Source::File(p) => Some(p.as_path()),
        Source::Stdin => None,
    });
    refuse_paths(path, files, flag)
}

/// An error when `path` (given with `flag`) is one of `inputs` (a corpus
/// file, a dictionary, a stopword list), by any name.
fn refuse_paths<'a>(
    path: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
    flag: &str,
) -> Result<(), String> {
    if inputs.into_iter().any(|input| same_file(path, input)) {
        return Err(format!(
            "{}: {flag} would overwrite an input file; write somewhere else",
            path.display()
        ));
    }
    Ok(())
}

fn report(s: &Summary) {
    for w in &s.warnings {
        warn(w);
    }
    if s.files == 0 {
        warn(
            "no input files found (folders are searched for .txt, .jsonl, .csv and .parquet files)",
        );
    }
    report_skipped(&s.skipped);
    summary(&s.to_string());
}

fn finish(mut out: Output, o: &OutputArgs) -> R {
    o.write(&mut out.frame)?;
    report(&out.summary);
    Ok(())
}

/// The corpus and options of table `table` (its name in the library:
/// `frequency`, `ngrams`, ...), its filter's defaults being the library's
/// for that table ([`default_stopwords`], [`Filter::default`]'s `min_count`).
fn options(
    table: &str,
    corpus: &CorpusArgs,
    filter: &FilterArgs,
    by: GroupBy,
    top: Option<usize>,
    out: &OutputArgs,
) -> Result<(Corpus, Options), Box<dyn std::error::Error>> {
    let (c, o, _) = sharded_options(table, corpus, filter, by, top, out, None)?;
    Ok((c, o))
}

/// [`options`] for a table that can be counted in shards: with `shard`,
/// the corpus is that shard, the output must be a parquet file (checked
/// before any work), and the third value describes what decides the
/// counts (segmenter, token filter, input options, the input files), for
/// `cipin merge` to check that every shard was counted alike.
fn sharded_options(
    table: &str,
    corpus: &CorpusArgs,
    filter: &FilterArgs,
    by: GroupBy,
    top: Option<usize>,
    out: &OutputArgs,
    shard: Option<(u64, u64)>,
) -> Result<(Corpus, Options, serde_json::Value), Box<dyn std::error::Error>> {
    if let Some(path) = out.file() {
        refuse_paths(path, filter.stopword_file(), "-o")?;
    }
    if let Some((i, n)) = shard {
        if out.format()? != OutFormat::Parquet || out.file().is_none() {
            return Err(format!(
                "--shard {i}/{n} writes a partial table for `cipin merge`: give -o FILE.parquet"
            )
            .into());
        }
    }
    let min_count = Filter::default().min_count;
    let filter_config = filter.config(default_stopwords(table), min_count);
    let filter = filter.filter(default_stopwords(table), min_count)?;
    let (c, segmenter) = corpus.open(&filter, out)?;
    let c = match shard {
        Some((i, n)) => c.shard(i, n)?,
        None => c,
    };
    let counting = counting(corpus, &filter_config, &filter, &c)?;
    Ok((
        c,
        Options {
            segmenter,
            filter,
            by,
            top,
        },
        counting,
    ))
}

/// What decides a shard's counts besides the table's own settings: the
/// segmenter's and token filter's settings, the input options, and the
/// input files (their number and a hash of their names, in corpus order).
fn counting(
    args: &CorpusArgs,
    filter: &FilterConfig,
    built: &Filter,
    corpus: &Corpus,
) -> cipin_core::Result<serde_json::Value> {
    use std::hash::{Hash, Hasher};
    // (SipHash with fixed keys: the same in every process.)
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in corpus.sources() {
        format!("{s:?}").hash(&mut h);
    }
    let seg = built.segmenter_config(args.segmenter.config(SegmenterConfig::default())?);
    // The row filters are applied after the merge; they are among the
    // partial's own settings, not here.
    let tokens = FilterConfig {
        min_count: 0,
        min_df: DfLimit::Count(0),
        max_df: DfLimit::Count(0),
        ..filter.clone()
    };
    Ok(serde_json::json!({
        "segmenter": seg,
        "filter": tokens,
        "input": format!("{:?}", args.input_options()),
        "files": corpus.sources().len(),
        "files_hash": format!("{:016x}", h.finish()),
    }))
}

/// Count `table` over the shard `c` and write its partial table.
fn write_partial(
    c: &Corpus,
    o: &Options,
    table: Mergeable,
    counting: serde_json::Value,
    out: &OutputArgs,
) -> R {
    let p = partial(c, o, &table, counting)?;
    let mut frame = p.to_frame()?;
    out.write(&mut frame)?;
    report(&p.summary);
    let (i, n) = p.part;
    summary(&format!("partial {} table: shard {i}/{n}", table.name()));
    Ok(())
}

/// `cipin merge PARTS... -o TABLE`: the shards' partial tables put
/// together into the table the one-machine run writes.
pub fn run_merge(a: MergeArgs) -> R {
    let out = OutputArgs {
        format: a.format,
        output: a.output.clone(),
        top: None,
    };
    out.format()?;
    if let Some(path) = out.file() {
        refuse_paths(path, a.parts.iter().map(PathBuf::as_path), "-o")?;
    }
    let mut parts = Vec::with_capacity(a.parts.len());
    for path in &a.parts {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| cipin_tables::Error::file(&name, e))?;
        let frame = ParquetReader::new(file)
            .finish()
            .map_err(|e| cipin_tables::Error::file(&name, format!("not a parquet file: {e}")))?;
        let p = Partial::from_frame(&frame).map_err(|e| cipin_tables::Error::file(&name, e))?;
        parts.push((name, p));
    }
    let merged = merge(parts)?;
    let table = merged.settings.table.name();
    if a.dir.is_some() && table != "dtm" {
        return Err(format!("--dir is for dtm parts; these are `{table}` parts").into());
    }
    match merged.finish()? {
        Final::Table(mut t) => {
            if out.format()? == OutFormat::Table {
                t.frame = t.frame.head(Some(TABLE_ROWS));
            }
            finish(t, &out)
        }
        Final::Dtm(m) => write_dtm(&m, a.dir.as_deref(), &out),
    }
}

/// `cipin freq`: term frequencies, `term, count, doc_freq, share, rank`.
pub fn run_freq(a: FreqArgs) -> R {
    let (c, o, counting) = sharded_options(
        "frequency",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    if a.shard.shard.is_some() {
        return write_partial(&c, &o, Mergeable::Frequency, counting, &a.output);
    }
    finish(frequency(&c, &o)?, &a.output)
}

/// `cipin slogans`: quoted slogans and numbered expressions,
/// `term, kind, count, doc_freq, example`.
pub fn run_slogans(a: SlogansArgs) -> R {
    let (c, o) = options(
        "slogans",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
    )?;
    finish(cipin_tables::slogans(&c, &o)?, &a.output)
}

/// `cipin discover`: new-term candidates scored by frequency, cohesion (PMI)
/// and boundary entropy, `term, count, pmi, left_entropy, right_entropy, score`.
pub fn run_discover(a: DiscoverArgs) -> R {
    use cipin_core::discover::{to_user_dict, DiscoverConfig};
    let cfg = DiscoverConfig {
        min_len: a.min_len,
        max_len: a.max_len,
        min_count: a.min_count,
        min_pmi: a.min_pmi,
        min_entropy: a.min_entropy,
        top: a.output.top,
        exclude_compounds: a.exclude_compounds,
        ..DiscoverConfig::default()
    };
    // Settings that can find nothing are refused before the corpus is read
    // (the hint names the flag: see `common::error_hint`).
    cfg.validate()?;
    let (corpus, seg) = a.corpus.open(&Filter::keep_all(), &a.output)?;
    if let Some(path) = &a.user_dict_out {
        refuse_input(path, &corpus, "--user-dict-out")?;
    }
    let (found, s) = cipin_tables::discover::discover(&corpus, &seg, &cfg)?;
    if let Some(path) = &a.user_dict_out {
        let dict = to_user_dict(&found);
        write_atomic(path, |w| Ok(w.write_all(dict.as_bytes())?))?;
    }
    let mut frame = cipin_tables::discover::candidates_frame(&found)?;
    a.output.write(&mut frame)?;
    for w in &s.warnings {
        warn(w);
    }
    report_skipped(&s.skipped);
    let skipped = cipin_core::read::skipped_summary(&s.skipped)
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    summary(&format!(
        "{}, {}, {}, {}{skipped}",
        plural(s.files, "file"),
        plural(s.documents as usize, "document"),
        plural(found.len(), "candidate"),
        plural(s.warnings.len(), "warning"),
    ));
    Ok(())
}

/// `cipin keywords`: the top K keywords of every document.
pub fn run_keywords(a: KeywordsArgs) -> R {
    let (c, o) = options(
        "keywords",
        &a.corpus,
        &a.filter,
        GroupBy::None,
        None,
        &a.output,
    )?;
    let kw = KeywordsConfig {
        k: a.top_k,
        method: a.method,
        idf: a.idf,
        span: a.span,
    };
    let mut out = keywords(&c, &o, &kw)?;
    if let Some(t) = a.output.top {
        out.frame = out.frame.head(Some(t));
    }
    finish(out, &a.output)
}

/// `cipin kwic PATTERN`: every occurrence with its context.
pub fn run_kwic(a: KwicArgs) -> R {
    let (c, segmenter) = a.corpus.open(&Filter::keep_all(), &a.output)?;
    let o = Options {
        segmenter,
        top: a.output.top(),
        ..Options::default()
    };
    let k = KwicConfig {
        pattern: a.pattern.clone(),
        window: a.window,
        unit: if a.chars { Unit::Chars } else { Unit::Tokens },
        matching: if a.substring {
            Match::Substring
        } else {
            Match::Token
        },
    };
    finish(kwic(&c, &o, &k)?, &a.output)
}

/// `cipin ngrams`: n-gram counts within sentences.
pub fn run_ngrams(a: NgramsArgs) -> R {
    let (c, o, counting) = sharded_options(
        "ngrams",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    let cfg = NgramsConfig {
        n_min: a.n,
        n_max: a.max_n.unwrap_or(a.n),
        skip: a.skip,
    };
    if a.shard.shard.is_some() {
        return write_partial(&c, &o, Mergeable::Ngrams(cfg), counting, &a.output);
    }
    finish(ngrams(&c, &o, &cfg)?, &a.output)
}

/// `cipin collocations`: adjacent pairs with PMI, log-likelihood and t.
pub fn run_collocations(a: CollocationsArgs) -> R {
    let (c, o, counting) = sharded_options(
        "collocations",
        &a.corpus,
        &a.filter,
        GroupBy::None,
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    let cfg = CollocationsConfig {
        sort: a.sort,
        // Collocations hold their own threshold (its default is not the
        // filter's): `--min-count` goes there.
        min_count: a
            .filter
            .min_count
            .unwrap_or(CollocationsConfig::default().min_count),
    };
    if a.shard.shard.is_some() {
        return write_partial(&c, &o, Mergeable::Collocations(cfg), counting, &a.output);
    }
    finish(collocations(&c, &o, &cfg)?, &a.output)
}

/// `cipin keyness --target VALUE --by COLUMN`: the target's keywords.
pub fn run_keyness(a: KeynessArgs) -> R {
    let (c, o, counting) = sharded_options(
        "keyness",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    let cfg = KeynessConfig {
        target: a.target.clone(),
        reference: a.reference.clone(),
        negative: a.negative,
    };
    if a.shard.shard.is_some() {
        return write_partial(&c, &o, Mergeable::Keyness(cfg), counting, &a.output);
    }
    finish(keyness(&c, &o, &cfg)?, &a.output)
}

/// `cipin tfidf`: tf-idf of every term in every document.
pub fn run_tfidf(a: TfidfArgs) -> R {
    let (c, o, counting) = sharded_options(
        "tfidf",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    if a.shard.shard.is_some() {
        let cfg = TfidfConfig { idf: a.idf };
        return write_partial(&c, &o, Mergeable::Tfidf(cfg), counting, &a.output);
    }
    finish(tfidf(&c, &o, &TfidfConfig { idf: a.idf })?, &a.output)
}

/// `cipin dtm`: the document-term matrix, as a Matrix Market folder
/// (`--dir`) and/or triplets (`row, col, doc, term, count`).
pub fn run_dtm(a: DtmArgs) -> R {
    let (c, o, counting) = sharded_options(
        "dtm",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        None,
        &a.output,
        a.shard.shard,
    )?;
    if a.shard.shard.is_some() {
        if a.dir.is_some() {
            return Err("--dir is written by `cipin merge --dir` from the shards' parts".into());
        }
        return write_partial(&c, &o, Mergeable::Dtm, counting, &a.output);
    }
    let m = dtm(&c, &o)?;
    write_dtm(&m, a.dir.as_deref(), &a.output)
}

/// Write a document-term matrix: the `dir` folder, and the triplets
/// (`--top` rows, 30 in the table format) where `out` says.
fn write_dtm(m: &cipin_tables::tables::Dtm, dir: Option<&Path>, out: &OutputArgs) -> R {
    if let Some(dir) = dir {
        m.write_dir(dir)?;
    }
    if dir.is_none() || out.output.is_some() || out.format.is_some() {
        let mut t = m.triplets()?;
        if let Some(n) = out.top() {
            t = t.head(Some(n));
        }
        out.write(&mut t)?;
    }
    report(&m.summary);
    summary(&format!(
        "{} documents × {} terms, {} non-zero",
        m.doc_ids.len(),
        m.vocabulary.len(),
        m.nnz()
    ));
    Ok(())
}

/// `cipin cooccurrence`: word pairs within a window or a document.
pub fn run_cooccurrence(a: CooccurrenceArgs) -> R {
    let (c, o, counting) = sharded_options(
        "cooccurrence",
        &a.corpus,
        &a.filter,
        GroupBy::None,
        a.output.top(),
        &a.output,
        a.shard.shard,
    )?;
    let cfg = CooccurrenceConfig { window: a.window.0 };
    if a.shard.shard.is_some() {
        return write_partial(&c, &o, Mergeable::Cooccurrence(cfg), counting, &a.output);
    }
    finish(cooccurrence(&c, &o, &cfg)?, &a.output)
}

/// `cipin dispersion`: Juilland's D, Gries' DP and DPnorm of terms over the documents.
pub fn run_dispersion(a: DispersionArgs) -> R {
    let (c, o) = options(
        "dispersion",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
    )?;
    let cfg = DispersionConfig {
        terms: a.terms.clone(),
    };
    finish(dispersion(&c, &o, &cfg)?, &a.output)
}

/// `cipin lexdiv`: TTR, Guiraud's R, MATTR and MTLD of each document.
pub fn run_lexdiv(a: LexdivArgs) -> R {
    let (c, o) = options(
        "lexdiv",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
    )?;
    let cfg = LexdivConfig {
        window: a.window,
        threshold: a.threshold,
    };
    finish(lexdiv(&c, &o, &cfg)?, &a.output)
}

/// `cipin readability`: sentence lengths and shares of common characters and words.
pub fn run_readability(a: ReadabilityArgs) -> R {
    let (c, o) = options(
        "readability",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top(),
        &a.output,
    )?;
    finish(readability(&c, &o)?, &a.output)
}

/// `cipin simil`: each document's nearest neighbours.
pub fn run_simil(a: SimilArgs) -> R {
    let (c, o) = options(
        "simil",
        &a.corpus,
        &a.filter,
        a.by.clone(),
        a.output.top,
        &a.output,
    )?;
    finish(simil(&c, &o, &SimilConfig { method: a.method })?, &a.output)
}

/// `cipin dictionary`.
#[derive(clap::Args, Debug, Clone)]
pub struct DictionaryArgs {
    /// The dictionary: `.json` or `.yaml`/`.yml` (`{category: [words]}`,
    /// nested maps give `parent.child`, `{category: {word: weight}}` weighted
    /// entries), `.dic` (LIWC), `.txt` (`category: word word "two words"`
    /// lines), `.cat` (WordStat: indented categories, `WORD (weight)`
    /// entries) or `.lc3` (Lexicoder: `+CATEGORY` lines, then entries).
    /// Entries are words, globs (`发展*`, `*工程`, `?`), `re:REGEX`, or words
    /// separated by spaces matching consecutive tokens (`共同 富裕`). With
    /// weights other than 1, a `score` column sums the weights of the matches.
    #[arg(value_name = "DICT_FILE")]
    pub dictionary: PathBuf,
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Group by `article` (each document read, the default), `doc`, `file`,
    /// `none` (the whole corpus), or a metadata column.
    #[arg(long, default_value = "article", value_name = "GROUP", value_parser = parse_by)]
    pub by: GroupBy,
    /// List the words that matched instead: `category, term, count` per group
    /// (`--top N` terms per group and category).
    #[arg(long)]
    pub matches: bool,
    /// Do not add the dictionary's plain words to the segmenter (by default
    /// they are kept whole where the dictionary allows, as user words).
    #[arg(long)]
    pub no_keep_words: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cipin dictionary DICT_FILE`: per group and category, `count, tokens,
/// share` (`tokens`: the group's tokens that pass the filter; stopwords are
/// kept unless `--stopwords` says otherwise), or with `--matches` the words
/// that matched.
pub fn run_dictionary(a: DictionaryArgs) -> R {
    use cipin_tables::dictionary::{count_dictionary, dictionary_matches, Dictionary};
    if let Some(out) = a.output.file() {
        let inputs = [Some(a.dictionary.as_path()), a.filter.stopword_file()];
        refuse_paths(out, inputs.into_iter().flatten(), "-o")?;
    }
    note_aux_file("the dictionary", &a.dictionary);
    let dict = Dictionary::from_path(&a.dictionary)?;
    let filter = a.filter.filter(
        default_stopwords("count_dictionary"),
        Filter::default().min_count,
    )?;
    // The plain words go to the segmenter as user words without a
    // frequency, before the user's own dictionaries (`--user-dict`), which
    // therefore win.
    let words = if a.no_keep_words {
        Vec::new()
    } else {
        dict.user_words()
    };
    let opened = a.corpus.open_with_words(&filter, words, &a.output);
    let (c, segmenter) = opened?;
    let mut o = Options {
        segmenter,
        filter,
        by: a.by.clone(),
        top: None,
    };
    if a.matches {
        o.top = a.output.top();
        return finish(dictionary_matches(&c, &dict, &o)?, &a.output);
    }
    let mut out = count_dictionary(&c, &dict, &o)?;
    if let Some(n) = a.output.top() {
        out.frame = out.frame.head(Some(n));
    }
    finish(out, &a.output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Freq {
        #[command(flatten)]
        a: FreqArgs,
    }

    #[derive(Parser, Debug)]
    struct Kwic {
        #[command(flatten)]
        a: KwicArgs,
    }

    fn tmp(name: &str, content: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cipin-cli-tables-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn freq_args_parse_and_write_csv() {
        let input = tmp("in.jsonl", "{\"text\":\"推进共同富裕，推进共同富裕。\",\"year\":2021}\n{\"text\":\"共同富裕示范区\",\"year\":2022}\n");
        let out = input.with_file_name("out.csv");
        let f = Freq::try_parse_from([
            "freq".as_ref(),
            input.as_os_str(),
            "--by".as_ref(),
            "year".as_ref(),
            "--min-df".as_ref(),
            "0.5".as_ref(),
            "--stopword".as_ref(),
            "的,示范区".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .unwrap();
        assert_eq!(f.a.by, GroupBy::Column("year".into()));
        assert_eq!(f.a.filter.min_df, Some(DfLimit::Fraction(0.5)));
        assert_eq!(f.a.output.format(), Ok(OutFormat::Csv));
        assert_eq!(f.a.output.top(), None);
        run_freq(f.a).unwrap();
        let csv = std::fs::read_to_string(&out).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("year,term,count,doc_freq,share,rank"));
        assert!(lines.next().unwrap().starts_with("2021,共同富裕,2,1,"));
        assert!(lines.next().unwrap().starts_with("2021,推进,2,1,"));
        assert!(!csv.contains("示范区"));
    }

    #[test]
    fn table_format_defaults_to_30_rows() {
        let f = Freq::try_parse_from(["freq", "x.txt"]).unwrap();
        assert_eq!(f.a.output.format(), Ok(OutFormat::Table));
        assert_eq!(f.a.output.top(), Some(TABLE_ROWS));
        assert!(Freq::try_parse_from(["freq", "--min-df", "1.5"]).is_err());
    }

    #[test]
    fn kwic_pattern_comes_first() {
        let input = tmp("k.txt", "缩小三大差距\n推进共同富裕\n");
        let out = input.with_file_name("k.jsonl");
        let k = Kwic::try_parse_from([
            "kwic".as_ref(),
            "共同富裕".as_ref(),
            input.as_os_str(),
            "--plain".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .unwrap();
        assert_eq!(k.a.pattern, "共同富裕");
        assert_eq!(k.a.corpus.input.paths, vec![input.clone()]);
        run_kwic(k.a).unwrap();
        let rows = std::fs::read_to_string(&out).unwrap();
        assert_eq!(rows.lines().count(), 1);
        assert!(rows.contains("\"keyword\":\"共同富裕\"") && rows.contains("k.txt:2"));
    }

    #[test]
    fn errors_name_the_file() {
        let bad = tmp("bad.jsonl", "{\"text\":\"好\"}\nnot json\n");
        let f = Freq::try_parse_from(["freq".as_ref(), bad.as_os_str()]).unwrap();
        let err = run_freq(f.a).unwrap_err().to_string();
        assert!(err.contains("bad.jsonl:2: "), "{err}");
    }
}
