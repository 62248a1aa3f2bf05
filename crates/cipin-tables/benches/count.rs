//! Criterion micro-benchmarks for the counting pass of cipin-tables:
//! frequency tables and n-grams on an in-memory [`Corpus`].
//!
//! ```text
//! cargo bench -p cipin-tables --bench count -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! The corpus is the first 256 KB (whole lines) of the SIGHAN 2005 PKU test
//! text (*People's Daily*) from `../shared/corpora` beside the checkout (or
//! `$CIPIN_CORPORA`), one document per line; when the corpora are absent, a
//! note is printed and the lines of the embedded seed page, repeated to the
//! same size, stand in. Throughput is in UTF-8 input bytes.
//!
//! Every table runs on a one-thread rayon pool (the engine merges on a
//! thread of its own), so the figures are per core and steadier on a busy
//! machine. The interning and counting code is private to the crate; its
//! cost is what `frequency` takes beyond `segment_only`, which segments the
//! same documents with the same segmenter and only counts tokens.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use cipin_core::segment::Segmenter;
use cipin_tables::corpus::{Corpus, Doc, GroupBy};
use cipin_tables::filter::Filter;
use cipin_tables::tables::{frequency, ngrams, NgramsConfig, Options};

const SEED: &str = include_str!("../../../seeds/000_320ca5e1e6839a8b.txt");

/// Size of the corpus.
const CORPUS_BYTES: usize = 256 * 1024;

/// The folder of the shared corpora, as the tests and `bench/` find it.
fn corpora_dir() -> PathBuf {
    match std::env::var_os("CIPIN_CORPORA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    }
}

/// Non-empty lines of the input, about [`CORPUS_BYTES`] in all.
fn corpus_lines() -> Vec<String> {
    let path = corpora_dir().join("sighan2005/pku_test.utf8");
    let (text, repeat) = match std::fs::read(&path) {
        Ok(bytes) => {
            let doc = cipin_core::read::decode("pku_test.utf8", &bytes, &Default::default())
                .expect("decode pku_test.utf8");
            eprintln!(
                "bench corpus: {} (first {} KB, one document per line)",
                path.display(),
                CORPUS_BYTES / 1024
            );
            (doc.text, false)
        }
        Err(_) => {
            eprintln!(
                "NOTE: {} not found (set CIPIN_CORPORA to the corpora folder); \
                 the bench corpus is the seed page's lines, repeated",
                path.display()
            );
            (SEED.to_string(), true)
        }
    };
    let mut lines = Vec::new();
    let mut bytes = 0;
    'fill: loop {
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if bytes >= CORPUS_BYTES {
                break 'fill;
            }
            bytes += l.len();
            lines.push(l.to_string());
        }
        if !repeat {
            break;
        }
    }
    lines
}

fn benches(c: &mut Criterion) {
    let lines = corpus_lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let docs: Vec<Doc> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Doc::new(i.to_string(), l.as_str()).with_meta("part", (i % 8).to_string()))
        .collect();
    let corpus = Corpus::from_docs(docs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("rayon pool");

    let default = Options::default();
    let _ = default.segmenter.cut("我们在黄岩区工作"); // load the dictionary
    let keep_all = Options {
        filter: Filter::keep_all(),
        ..Options::default()
    };
    let grouped = Options {
        by: GroupBy::Column("part".into()),
        ..Options::default()
    };

    let mut g = c.benchmark_group("count");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    let seg: &Segmenter = &default.segmenter;
    g.bench_function("segment_only", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for l in &lines {
                seg.for_each_normalized(black_box(l), |_| n += 1);
            }
            n
        })
    });
    g.bench_function("frequency/default", |b| {
        b.iter(|| {
            pool.install(|| {
                frequency(black_box(&corpus), &default)
                    .unwrap()
                    .frame
                    .height()
            })
        })
    });
    g.bench_function("frequency/keep_all", |b| {
        b.iter(|| {
            pool.install(|| {
                frequency(black_box(&corpus), &keep_all)
                    .unwrap()
                    .frame
                    .height()
            })
        })
    });
    g.bench_function("frequency/by_8_groups", |b| {
        b.iter(|| {
            pool.install(|| {
                frequency(black_box(&corpus), &grouped)
                    .unwrap()
                    .frame
                    .height()
            })
        })
    });
    g.bench_function("ngrams/2-3", |b| {
        b.iter(|| {
            pool.install(|| {
                ngrams(
                    black_box(&corpus),
                    &default,
                    &NgramsConfig {
                        n_min: 2,
                        n_max: 3,
                        skip: 0,
                    },
                )
                .unwrap()
                .frame
                .height()
            })
        })
    });
    g.finish();

    // The fixed cost of a table (pass set-up, stopword filter, frame
    // building), on a one-sentence corpus.
    let tiny = Corpus::from_texts(["深化新时代“千万工程”，推进共同富裕。"]);
    c.bench_function("count/frequency/one_sentence", |b| {
        b.iter(|| {
            pool.install(|| {
                frequency(black_box(&tiny), &default)
                    .unwrap()
                    .frame
                    .height()
            })
        })
    });
}

criterion_group!(count, benches);
criterion_main!(count);
