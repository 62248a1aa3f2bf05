//! Tag a file line by line the way `scripts/jieba_plain.py INPUT OUTPUT --pos`
//! does with Python's `jieba.posseg`: `word/tag` tokens joined by two spaces,
//! whitespace tokens dropped, one output line per input line.
//!
//! Usage: `cargo run --release -p cipin-bench --bin posseg_plain -- INPUT [--no-hmm] [--no-pos] [--repeat N]`
//!
//! Prints the throughput (single thread) on stderr.

use std::io::Write;
use std::time::Instant;

use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .expect("usage: posseg_plain INPUT [--no-hmm] [--no-pos] [--repeat N]");
    let hmm = !args.iter().any(|a| a == "--no-hmm");
    // `--no-pos`: plain precise segmentation, for comparison.
    let pos = !args.iter().any(|a| a == "--no-pos");
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .map_or(1, |n| n.parse().expect("--repeat N"));
    let text = std::fs::read_to_string(input).expect("read input");
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let seg = Segmenter::builder()
        .pos(pos)
        .hmm(hmm)
        .normalizer(Normalizer::NONE)
        // Quoted terms kept whole would be tagged `nz`; posseg does not.
        .keep_terms(false)
        .keep_numbers(false)
        .build()
        .expect("segmenter");
    // Load the lazily loaded models (posseg's, jieba-rs's HMM and tag
    // guesser) before the clock starts.
    let _ = cipin_core::posseg::cut_detail("韩冰");
    let _ = seg.jieba().tag("韩冰龘靐齉", true);
    let started = Instant::now();
    let cpu_started = thread_cpu_ns();
    let mut out = String::with_capacity(text.len() * 2);
    for _ in 0..repeat {
        out.clear();
        if !text.is_empty() {
            for line in text.split('\n') {
                out.push_str(&seg.plain_line(line));
                out.push('\n');
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = (text.len() * repeat) as f64 / 1e6;
    match (cpu_started, thread_cpu_ns()) {
        (Some(a), Some(b)) => {
            let cpu = (b - a) as f64 / 1e9;
            eprintln!(
                "{mb:.2} MB in {secs:.3} s: {:.1} MB/s ({cpu:.3} s on the CPU: {:.1} MB/s)",
                mb / secs,
                mb / cpu
            )
        }
        _ => eprintln!("{mb:.2} MB in {secs:.3} s: {:.1} MB/s", mb / secs),
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .expect("write");
}

/// CPU time of this thread in nanoseconds (Linux), so that the throughput
/// does not depend on what else the machine runs.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
