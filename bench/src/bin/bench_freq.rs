//! Time the stages of `frequency` on a `--plain` corpus (read, segmenter
//! ready, table): `cargo run --release -p cipin-bench --bin bench_freq -- FILE`.
//! The naive jieba-rs + hash map pipeline to compare with is
//! `naive_freq` (same crate).

use std::time::Instant;

use cipin_core::segment::Segmenter;
use cipin_tables::corpus::{Corpus, InputOptions};
use cipin_tables::io::format_table;
use cipin_tables::tables::{frequency, Options};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: bench_freq FILE");
    let t = Instant::now();
    // As the CLI does: load the dictionary while the first batch is read.
    let seg = std::thread::spawn(|| {
        let mut b = Segmenter::builder();
        if std::env::var_os("BENCH_NO_NORM").is_some() {
            b = b.normalizer(cipin_core::normalize::Normalizer::NONE);
        }
        if std::env::var_os("BENCH_NO_TERMS").is_some() {
            b = b.keep_terms(false);
        }
        b.build().unwrap()
    });
    let corpus = Corpus::open(
        &[path],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    corpus.prefetch().unwrap();
    let t_read = t.elapsed().as_secs_f64();
    let opts = Options {
        segmenter: seg.join().unwrap(),
        ..Options::default()
    };
    let t_seg = t.elapsed().as_secs_f64();
    let out = frequency(&corpus, &opts).unwrap();
    let t_count = t.elapsed().as_secs_f64();
    print!("{}", format_table(&out.frame.head(Some(10))));
    eprintln!(
        "cipin: {} rows; {}; read {t_read:.3}s, segmenter ready {t_seg:.3}s, table {t_count:.3}s, total {:.3}s",
        out.frame.height(),
        out.summary,
        t.elapsed().as_secs_f64()
    );
}
