//! Time `frequency` on a `--plain` corpus against the naive jieba-rs + hash
//! map pipeline: `cargo run --release -p cipin-tables --example bench_freq -- FILE [naive]`.

use std::collections::HashMap;
use std::time::Instant;

use cipin_core::segment::Segmenter;
use cipin_tables::corpus::{Corpus, InputOptions};
use cipin_tables::io::format_table;
use cipin_tables::tables::{frequency, Options};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: bench_freq FILE [naive]");
    let t = Instant::now();
    if args.get(2).map(String::as_str) == Some("naive") {
        let text = std::fs::read_to_string(path).unwrap();
        let jieba = jieba_rs::Jieba::new();
        let mut counts: HashMap<String, u64> = HashMap::new();
        for line in text.lines() {
            for w in jieba.cut(line, true) {
                *counts.entry(w.word.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        eprintln!(
            "naive: {} terms, top {:?}, {:.3}s",
            v.len(),
            &v[..3],
            t.elapsed().as_secs_f64()
        );
        return;
    }
    // As the CLI does: load the dictionary while the first batch is read.
    let seg = std::thread::spawn(|| {
        let mut b = Segmenter::builder();
        if std::env::var_os("BENCH_NO_NORM").is_some() {
            b = b.normalizer(cipin_core::normalise::Normalizer::NONE);
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
