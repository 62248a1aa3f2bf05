//! Criterion micro-benchmarks for cipin-core's hot paths: parse, normalise,
//! sentence splitting, segmentation in each mode and term finding; and
//! decoding, including the hostile cases (damaged UTF-8 and GB18030, Big5)
//! that must stay linear.
//!
//! ```text
//! cargo bench -p cipin-core --bench core -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Two inputs, throughput in UTF-8 input bytes:
//!
//! * `seed`: the embedded newspaper page `seeds/000_320ca5e1e6839a8b.txt`
//!   (17.7 KB), always available;
//! * `large`: the first 128 KB (whole lines) of the SIGHAN 2005 PKU test
//!   text (*People's Daily*) from `../shared/corpora` beside the checkout
//!   (or `$CIPIN_CORPORA`); when the corpora are absent, a note is printed
//!   and the seed page repeated to the same size stands in.
//!
//! Segmentation goes through [`Segmenter::for_each_token`], which is
//! sequential (no rayon), without normalisation: the figures are per core.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cipin_core::normalize::Normalizer;
use cipin_core::parse::parse_page;
use cipin_core::read::{decode, ReadOptions};
use cipin_core::segment::{default_jieba, Mode, Segmenter};
use cipin_core::sentences::split_sentences;
use cipin_core::terms::find_terms_with;

const SEED: &str = include_str!("../../../seeds/000_320ca5e1e6839a8b.txt");

/// Size of the `large` input.
const LARGE_BYTES: usize = 128 * 1024;

/// The folder of the shared corpora, as the tests and `bench/` find it.
fn corpora_dir() -> PathBuf {
    match std::env::var_os("CIPIN_CORPORA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    }
}

/// The first `max` bytes of `text`, cut after a line break (or at a
/// character boundary when the first line is longer than that).
fn head_lines(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(i) => &text[..=i],
        None => &text[..end],
    }
}

/// The `large` input: PKU test text when present, else the seed repeated.
fn large_input() -> String {
    let path = corpora_dir().join("sighan2005/pku_test.utf8");
    match std::fs::read(&path) {
        Ok(bytes) => {
            let doc = cipin_core::read::decode("pku_test.utf8", &bytes, &Default::default())
                .expect("decode pku_test.utf8");
            let text = head_lines(&doc.text, LARGE_BYTES).to_string();
            eprintln!(
                "bench input `large`: {} ({} bytes, first lines of the PKU test text)",
                path.display(),
                text.len()
            );
            text
        }
        Err(_) => {
            eprintln!(
                "NOTE: {} not found (set CIPIN_CORPORA to the corpora folder); \
                 bench input `large` is the seed page repeated",
                path.display()
            );
            let mut text = String::with_capacity(LARGE_BYTES + SEED.len());
            while text.len() < LARGE_BYTES {
                text.push_str(SEED);
                text.push('\n');
            }
            text
        }
    }
}

/// Every benchmark input, with its id.
fn inputs() -> Vec<(&'static str, String)> {
    vec![("seed", SEED.to_string()), ("large", large_input())]
}

fn bench_text_passes(c: &mut Criterion, inputs: &[(&'static str, String)]) {
    let mut g = c.benchmark_group("parse_page");
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| parse_page("bench.txt", black_box(t)).len())
        });
    }
    g.finish();

    let norm = Normalizer::default();
    let mut g = c.benchmark_group("normalise");
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| norm.normalize(black_box(t)).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("split_sentences");
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| split_sentences(black_box(t)).count())
        });
    }
    g.finish();

    let jieba = default_jieba();
    let mut g = c.benchmark_group("find_terms_with");
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| find_terms_with(black_box(t), &jieba).len())
        });
    }
    g.finish();
}

fn bench_segment(c: &mut Criterion, inputs: &[(&'static str, String)]) {
    // (id, mode, hmm, pos); each with keep_terms on and off.
    let modes: [(&str, Mode, bool, bool); 4] = [
        ("precise_hmm", Mode::Precise, true, false),
        ("precise_nohmm", Mode::Precise, false, false),
        ("search", Mode::Search, true, false),
        ("pos", Mode::Precise, true, true),
    ];
    let mut g = c.benchmark_group("segment");
    for (mode_name, mode, hmm, pos) in modes {
        for keep_terms in [true, false] {
            let seg = Segmenter::builder()
                .mode(mode)
                .hmm(hmm)
                .pos(pos)
                .keep_terms(keep_terms)
                .normalizer(Normalizer::NONE)
                .build()
                .expect("segmenter");
            let id = format!(
                "{mode_name}/{}",
                if keep_terms { "terms" } else { "no_terms" }
            );
            for (name, text) in inputs {
                g.throughput(Throughput::Bytes(text.len() as u64));
                g.bench_with_input(BenchmarkId::new(&id, name), text, |b, t| {
                    b.iter(|| {
                        let mut n = 0usize;
                        seg.for_each_token(black_box(t), |tok| n += tok.word.len());
                        n
                    })
                });
            }
        }
    }
    g.finish();
}

/// `decode` on 4 MB of the seed page: valid UTF-8, UTF-8 with one bad byte
/// in the middle (quadratic before: every attempt at GB18030 re-touched the
/// output buffer), the same lossily, GB18030 with one damaged character,
/// and Big5 (statistical detection).
fn bench_decode(c: &mut Criterion) {
    let text = SEED.repeat((4 << 20) / SEED.len());
    let utf8 = text.clone().into_bytes();
    let mut bad_utf8 = utf8.clone();
    let mid = bad_utf8.len() / 2;
    let nl = mid
        + bad_utf8[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(0);
    bad_utf8[nl] = 0xFF;
    let mut bad_gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    let mid = bad_gb.len() / 2;
    if let Some(i) = bad_gb[mid..].iter().position(|&b| b >= 0x81) {
        bad_gb[mid + i + 1] = b' ';
    }
    let big5 = encoding_rs::BIG5.encode(&text).0.into_owned();
    let strict = ReadOptions::default();
    let lossy = ReadOptions {
        lossy: true,
        ..ReadOptions::default()
    };
    let mut g = c.benchmark_group("decode");
    g.sample_size(10);
    let cases: [(&str, &[u8], &ReadOptions); 5] = [
        ("utf8", &utf8, &strict),
        ("utf8_one_bad_byte", &bad_utf8, &strict),
        ("utf8_one_bad_byte_lossy", &bad_utf8, &lossy),
        ("gb18030_damaged_lossy", &bad_gb, &lossy),
        ("big5", &big5, &lossy),
    ];
    for (name, bytes, opts) in cases {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| decode("bench.txt", black_box(bytes), opts).map(|d| d.text.len()))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    let inputs = inputs();
    // Load the dictionary (and warm the shared segmenter state) before timing.
    let _ = Segmenter::default().cut("我们在黄岩区工作");
    bench_text_passes(c, &inputs);
    bench_segment(c, &inputs);
    bench_decode(c);
}

criterion_group!(core, benches);
criterion_main!(core);
