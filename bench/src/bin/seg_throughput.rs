//! Segmentation throughput: raw jieba-rs `cut` against cipin's segmenter on
//! the same text, in one process, alternating rounds (paired measurements:
//! the machine's speed drifts, the ratio does not).
//!
//! ```text
//! cargo run --release -p cipin-bench --bin seg_throughput -- FILE... [--rounds N]
//! ```
//!
//! Every line of the files is one text, as in `cipin segment --plain`.
//! Single-threaded; prints MB/s (UTF-8 input bytes) as the median and the
//! min–max over the rounds, and cipin's share of the raw throughput.

use std::time::Instant;

use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;

fn main() {
    let mut files = Vec::new();
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("--rounds N");
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("usage: seg_throughput FILE... [--rounds N]");
        std::process::exit(2);
    }
    let text: String = cipin_core::read::read_paths(&files, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| d.text)
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let mb = text.len() as f64 / 1e6;
    let jieba = cipin_core::segment::default_jieba();
    // The jieba-compatible path (`cipin segment --plain`): no normalisation, no terms or numbers kept.
    let plain = Segmenter::builder()
        .normalizer(Normalizer::NONE)
        .keep_terms(false)
        .keep_numbers(false)
        .build()
        .unwrap();
    // Slogans, numbered expressions and numbers kept whole, HMM words checked (the default outside --plain).
    let terms = Segmenter::builder()
        .normalizer(Normalizer::NONE)
        .build()
        .unwrap();
    // Everything the default segmenter does: normalisation, terms and numbers.
    let normalizing = Segmenter::default();

    type Case<'a> = (&'a str, Box<dyn Fn() -> usize + 'a>);
    let cases: Vec<Case> = vec![
        (
            "jieba-rs cut (raw)",
            Box::new(|| lines.iter().map(|l| jieba.cut(l, true).len()).sum()),
        ),
        ("cipin cut (--plain)", count_with(&lines, &plain, false)),
        ("cipin cut, terms kept", count_with(&lines, &terms, false)),
        (
            "cipin normalise+terms+cut",
            count_with(&lines, &normalizing, true),
        ),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut counts = vec![0usize; cases.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in cases.iter().enumerate() {
            let t = Instant::now();
            counts[i] = std::hint::black_box(f());
            times[i].push(t.elapsed().as_secs_f64());
        }
    }
    println!(
        "input: {} ({:.2} MB, {} lines), {rounds} rounds, 1 thread",
        files.join(" "),
        mb,
        lines.len()
    );
    let med = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let base = med(&mut times[0].clone());
    for (i, (name, _)) in cases.iter().enumerate() {
        let v = &mut times[i];
        let m = med(v);
        println!(
            "{name:<24} {:>7.2} MB/s  (min–max {:.2}–{:.2})  {:>5.1}% of raw  tokens {}",
            mb / m,
            mb / v[v.len() - 1],
            mb / v[0],
            base / m * 100.0,
            counts[i]
        );
    }
}

/// Count the tokens of every line with `seg`.
fn count_with<'a>(
    lines: &'a [&'a str],
    seg: &'a Segmenter,
    normalize: bool,
) -> Box<dyn Fn() -> usize + 'a> {
    Box::new(move || {
        let mut n = 0;
        for l in lines {
            if normalize {
                seg.for_each_normalized(l, |_| n += 1);
            } else {
                seg.for_each_token(l, |_| n += 1);
            }
        }
        n
    })
}
