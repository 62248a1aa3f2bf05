//! Segmentation throughput against the number of threads, in one process.
//!
//! ```text
//! cargo run --release -p cipin-bench --bin scaling -- FILE... [--rounds N] [--threads 1,2,4]
//! ```
//!
//! Every line of the files is one text, as in `cipin segment --plain`. The
//! dictionary is loaded once, before timing, so the figures are those of
//! the segmentation itself; process start-up and dictionary load (a fixed
//! ~0.1 s, see `BENCHMARKS.md`) are left out. Each round runs every thread
//! count once, in turn, on its own rayon pool (paired measurements: the
//! machine's speed drifts, the ratio does not). Prints MB/s (UTF-8 input
//! bytes), median and min–max, and the speed-up over one thread. With
//! `--all` it times the default segmenter (normalisation and terms kept
//! whole) as well as the jieba-compatible one.
//!
//! The default thread list is 1, 2, 4, … up to the machine's cores: this
//! is the script to run on a many-core machine for the scaling curve.

use std::time::Instant;

use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;
use rayon::prelude::*;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let mut files = Vec::new();
    let mut rounds = 5usize;
    let mut threads: Vec<usize> = Vec::new();
    let mut all = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            "--threads" => {
                threads = args
                    .next()
                    .expect("--threads 1,2,4")
                    .split(',')
                    .map(|n| n.trim().parse().expect("--threads 1,2,4"))
                    .collect()
            }
            "--all" => all = true,
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: scaling FILE... [--rounds N] [--threads 1,2,4] [--all]");
        std::process::exit(2);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads.is_empty() {
        let mut n = 1;
        while n < cores {
            threads.push(n);
            n *= 2;
        }
        threads.push(cores);
    }
    let text: String = cipin_core::read::read_paths(&files, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| d.text)
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let mb = text.len() as f64 / 1e6;

    let plain = Segmenter::builder()
        .normalizer(Normalizer::NONE)
        .keep_terms(false)
        .keep_numbers(false)
        .build()
        .unwrap();
    let mut cases: Vec<(&str, Segmenter)> = vec![("segment --plain (jieba-compatible)", plain)];
    if all {
        cases.push(("default (normalise + terms kept)", Segmenter::default()));
    }
    let pools: Vec<rayon::ThreadPool> = threads
        .iter()
        .map(|&n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        })
        .collect();
    // Lines are handed out in groups of about 64 KB, as the CLI does.
    let mut groups: Vec<&[&str]> = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, l) in lines.iter().enumerate() {
        acc += l.len() + 1;
        if acc >= 64 << 10 {
            groups.push(&lines[start..=i]);
            (start, acc) = (i + 1, 0);
        }
    }
    if start < lines.len() {
        groups.push(&lines[start..]);
    }

    println!(
        "input: {} ({:.2} MB, {} lines), {rounds} rounds, {cores} cores, threads {threads:?}",
        files.join(" "),
        mb,
        lines.len()
    );
    for (name, seg) in &cases {
        let run = || -> usize {
            groups
                .par_iter()
                .map(|g| {
                    g.iter()
                        .map(|l| {
                            let mut n = 0;
                            seg.for_each_normalized(l, |_| n += 1);
                            n
                        })
                        .sum::<usize>()
                })
                .sum()
        };
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); threads.len()];
        let mut tokens = vec![0usize; threads.len()];
        pools[0].install(run); // warm up
        for _ in 0..rounds {
            for (k, pool) in pools.iter().enumerate() {
                let t = Instant::now();
                tokens[k] = pool.install(run);
                times[k].push(t.elapsed().as_secs_f64());
            }
        }
        assert!(
            tokens.iter().all(|&t| t == tokens[0]),
            "token counts differ across thread counts"
        );
        println!("{name}: {} tokens", tokens[0]);
        let base = median(&mut times[0].clone());
        for (k, n) in threads.iter().enumerate() {
            let mut t = times[k].clone();
            let m = median(&mut t);
            let lo = t.first().copied().unwrap_or(m);
            let hi = t.last().copied().unwrap_or(m);
            println!(
                "  {n:>3} threads  {:>7.2} MB/s  (min–max {:.2}–{:.2})  speed-up {:.2}x",
                mb / m,
                mb / hi,
                mb / lo,
                base / m
            );
        }
    }
}
