//! `--shard I/N` and `cipin merge`: for every table that merges, N = 1, 2
//! and 3 shards merged give the one-machine table byte for byte (CSV and
//! parquet), on the seed page, on small synthetic multi-file corpora (more
//! files than shards, fewer files than shards) and, when present, on the
//! 77 pages of `../shared/pages-dev`. And the refusals: parts of other
//! tables or settings, a shard missing or given twice.

use std::path::{Path, PathBuf};
mod common;
use common::cipin;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_merge");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn ok(args: &[&str]) -> String {
    let o = cipin(args);
    assert!(
        o.status.success(),
        "cipin {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stderr).unwrap()
}

fn fails(args: &[&str]) -> String {
    let o = cipin(args);
    assert!(!o.status.success(), "cipin {} succeeded", args.join(" "));
    String::from_utf8(o.stderr).unwrap()
}

/// A folder of `files` JSONL files holding `docs` documents in all (some
/// without a `year`, a few empty), cut from the seed page's lines.
fn synthetic(name: &str, files: usize, docs: usize) -> PathBuf {
    let dir = tmp(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seed = std::fs::read_to_string(Path::new(SEEDS).join("000_320ca5e1e6839a8b.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().filter(|l| l.chars().count() > 8).collect();
    let mut out = vec![String::new(); files];
    for i in 0..docs {
        let text: String = (0..1 + i % 4)
            .map(|k| lines[(i * 7 + k * 3) % lines.len()])
            .collect::<Vec<_>>()
            .join("");
        let text = if i % 11 == 5 { String::new() } else { text };
        let rec = if i % 9 == 4 {
            serde_json::json!({"id": format!("d{i}"), "text": text})
        } else {
            serde_json::json!({"id": format!("d{i}"), "text": text, "year": format!("{}", 2020 + i % 3)})
        };
        out[i * files / docs].push_str(&format!("{rec}\n"));
    }
    for (k, body) in out.iter().enumerate() {
        std::fs::write(dir.join(format!("f{k:02}.jsonl")), body).unwrap();
    }
    dir
}

/// `args` (a table command and its options, the corpus included) run on
/// one machine and as 1, 2 and 3 shards merged give the same bytes, as
/// CSV and as parquet.
fn merged_is_whole(tag: &str, args: &[&str]) {
    let mut want = Vec::new();
    for ext in ["csv", "parquet"] {
        let whole = tmp(&format!("{tag}-whole.{ext}"));
        let mut a = args.to_vec();
        a.extend(["-q", "-o", whole.to_str().unwrap()]);
        ok(&a);
        want.push((ext, std::fs::read(&whole).unwrap()));
    }
    for n in 1..=3 {
        let mut parts = Vec::new();
        for i in 0..n {
            let part = tmp(&format!("{tag}-{i}of{n}.parquet"));
            let shard = format!("{i}/{n}");
            let mut a = args.to_vec();
            a.extend(["--shard", &shard, "-q", "-o", part.to_str().unwrap()]);
            ok(&a);
            parts.push(part);
        }
        for (ext, want) in &want {
            let merged = tmp(&format!("{tag}-merged-{n}.{ext}"));
            let mut m = vec!["merge", "-q", "-o", merged.to_str().unwrap()];
            // In reverse: the order of the parts does not matter.
            m.extend(parts.iter().rev().map(|p| p.to_str().unwrap()));
            ok(&m);
            let got = std::fs::read(&merged).unwrap();
            assert!(
                got == *want,
                "{tag}: {n} shards merged differ from the one-machine {ext} ({} vs {} bytes)",
                got.len(),
                want.len()
            );
        }
    }
}

/// Every mergeable table, with grouping and row filters that only the
/// merged counts can apply.
fn every_table(tag: &str, corpus: &str, by: &str, target: &str) {
    merged_is_whole(&format!("{tag}-freq"), &["freq", corpus]);
    merged_is_whole(
        &format!("{tag}-freq-by"),
        &["freq", corpus, "--by", by, "--top", "7", "--min-count", "2"],
    );
    merged_is_whole(
        &format!("{tag}-freq-doc"),
        &["freq", corpus, "--by", "doc", "--max-df", "0.9"],
    );
    merged_is_whole(
        &format!("{tag}-ngrams"),
        &[
            "ngrams",
            corpus,
            "-n",
            "2",
            "--max-n",
            "3",
            "--min-count",
            "2",
        ],
    );
    merged_is_whole(&format!("{tag}-tfidf"), &["tfidf", corpus]);
    merged_is_whole(
        &format!("{tag}-tfidf-by"),
        &[
            "tfidf", corpus, "--by", by, "--top", "5", "--min-df", "2", "--idf", "raw",
        ],
    );
    merged_is_whole(&format!("{tag}-dtm"), &["dtm", corpus, "--min-df", "2"]);
    merged_is_whole(
        &format!("{tag}-colloc"),
        &["collocations", corpus, "--min-count", "2"],
    );
    merged_is_whole(
        &format!("{tag}-colloc-pmi"),
        &["collocations", corpus, "--sort", "pmi", "--top", "9"],
    );
    merged_is_whole(&format!("{tag}-cooc"), &["cooccurrence", corpus]);
    merged_is_whole(
        &format!("{tag}-cooc-doc"),
        &[
            "cooccurrence",
            corpus,
            "--window",
            "doc",
            "--min-count",
            "2",
            "--top",
            "50",
        ],
    );
    merged_is_whole(
        &format!("{tag}-keyness"),
        &[
            "keyness",
            corpus,
            "--by",
            by,
            "--target",
            target,
            "--negative",
        ],
    );
}

#[test]
fn shards_merged_are_the_seed_page_tables() {
    every_table("seed", SEEDS, "article", "4");
}

#[test]
fn shards_merged_are_the_tables_of_more_files_than_shards() {
    let dir = synthetic("many", 7, 60);
    every_table("many", dir.to_str().unwrap(), "year", "2021");
}

#[test]
fn shards_merged_are_the_tables_of_fewer_files_than_shards() {
    // Two files, three shards: documents, not files, are shared out.
    let dir = synthetic("few", 2, 23);
    every_table("few", dir.to_str().unwrap(), "year", "2020");
    // More shards than documents: some shards are empty, still mergeable.
    let tiny = synthetic("tiny", 1, 2);
    merged_is_whole(
        "tiny-freq",
        &["freq", tiny.to_str().unwrap(), "--by", "doc"],
    );
}

#[test]
fn shards_merged_are_the_tables_of_the_development_pages() {
    let pages = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/pages-dev");
    if !Path::new(pages).is_dir() {
        eprintln!("SKIPPED: {pages} is absent");
        return;
    }
    merged_is_whole(
        "pages-freq",
        &["freq", pages, "--by", "file", "--top", "20"],
    );
    merged_is_whole("pages-tfidf", &["tfidf", pages, "--min-df", "3"]);
}

#[test]
fn the_dtm_folder_of_merged_shards_is_the_whole_one() {
    let dir = synthetic("dtmdir", 4, 30);
    let d = dir.to_str().unwrap();
    let whole = tmp("dtm-whole-dir");
    ok(&["dtm", d, "-q", "--dir", whole.to_str().unwrap()]);
    let mut parts = Vec::new();
    for i in 0..3 {
        let p = tmp(&format!("dtmdir-{i}.parquet"));
        ok(&[
            "dtm",
            d,
            "-q",
            "--shard",
            &format!("{i}/3"),
            "-o",
            p.to_str().unwrap(),
        ]);
        parts.push(p);
    }
    let merged = tmp("dtm-merged-dir");
    let mut m = vec!["merge", "-q", "--dir", merged.to_str().unwrap()];
    m.extend(parts.iter().map(|p| p.to_str().unwrap()));
    ok(&m);
    for f in ["dtm.mtx", "vocabulary.txt", "docs.txt"] {
        assert_eq!(
            std::fs::read(whole.join(f)).unwrap(),
            std::fs::read(merged.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn merge_refuses_parts_that_do_not_make_one_table() {
    let part = |args: &[&str], name: &str| {
        let p = tmp(name);
        let mut a = args.to_vec();
        a.extend(["-q", "-o", p.to_str().unwrap()]);
        ok(&a);
        p.to_str().unwrap().to_string()
    };
    let f0 = part(&["freq", SEEDS, "--shard", "0/2"], "r-f0.parquet");
    let f1 = part(&["freq", SEEDS, "--shard", "1/2"], "r-f1.parquet");
    let t1 = part(&["tfidf", SEEDS, "--shard", "1/2"], "r-t1.parquet");
    let top1 = part(
        &["freq", SEEDS, "--shard", "1/2", "--top", "3"],
        "r-top1.parquet",
    );
    let seg1 = part(
        &["freq", SEEDS, "--shard", "1/2", "--no-keep-terms"],
        "r-seg1.parquet",
    );
    let f1of3 = part(&["freq", SEEDS, "--shard", "1/3"], "r-f1of3.parquet");

    let e = fails(&["merge", &f0, &t1]);
    assert!(e.contains(&t1) && e.contains("`tfidf`"), "{e}");
    let e = fails(&["merge", &f0, &top1]);
    assert!(e.contains(&top1) && e.contains("top"), "{e}");
    let e = fails(&["merge", &f0, &seg1]);
    assert!(e.contains(&seg1) && e.contains("counting"), "{e}");
    let e = fails(&["merge", &f0, &f1of3]);
    assert!(e.contains(&f1of3) && e.contains("part 1/3"), "{e}");
    let e = fails(&["merge", &f0]);
    assert!(e.contains("part 1/2 is missing"), "{e}");
    let e = fails(&["merge", &f0, &f1, &f1]);
    assert!(e.contains("part 1/2 again"), "{e}");
    // A parquet file that is not a partial, and a file that is not parquet.
    let table = tmp("r-table.parquet");
    ok(&["freq", SEEDS, "-q", "-o", table.to_str().unwrap()]);
    let e = fails(&["merge", &f0, table.to_str().unwrap()]);
    assert!(
        e.contains(table.to_str().unwrap()) && e.contains("not a cipin partial table"),
        "{e}"
    );
    let e = fails(&["merge", &f0, &format!("{SEEDS}/000_320ca5e1e6839a8b.txt")]);
    assert!(
        e.contains("000_320ca5e1e6839a8b.txt") && e.contains("not a parquet file"),
        "{e}"
    );
    // A shard writes parquet to a file, and the shard must exist.
    let e = fails(&[
        "freq",
        SEEDS,
        "--shard",
        "0/2",
        "-o",
        tmp("x.csv").to_str().unwrap(),
    ]);
    assert!(e.contains("-o FILE.parquet"), "{e}");
    let e = fails(&[
        "freq",
        SEEDS,
        "--shard",
        "2/2",
        "-o",
        tmp("x.parquet").to_str().unwrap(),
    ]);
    assert!(e.contains("0 ≤ I < N"), "{e}");
    // Tables that do not merge have no --shard.
    let e = fails(&["kwic", "共同富裕", SEEDS, "--shard", "0/2"]);
    assert!(e.contains("--shard"), "{e}");
}

#[test]
fn a_shard_counts_only_its_documents_and_all_shards_count_all() {
    let dir = synthetic("count", 3, 20);
    let d = dir.to_str().unwrap();
    let docs = |s: &str| -> u64 {
        let w = s.split(" document").next().unwrap();
        w.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let whole = docs(&ok(&["freq", d, "-o", tmp("c.csv").to_str().unwrap()]));
    let mut sum = 0;
    for i in 0..3 {
        let p = tmp(&format!("c-{i}.parquet"));
        sum += docs(&ok(&[
            "freq",
            d,
            "--shard",
            &format!("{i}/3"),
            "-o",
            p.to_str().unwrap(),
        ]));
    }
    assert_eq!((whole, sum), (20, 20));
}
