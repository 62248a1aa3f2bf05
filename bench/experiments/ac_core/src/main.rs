//! jieba's precise cut without the HMM, on a double-array Aho-Corasick
//! automaton instead of jieba-rs's trie; see README.md.
//!
//! Usage: `ac_core DICT.txt TEXT` (every line of TEXT is cut on its own).

use daachorse::CharwiseDoubleArrayAhoCorasick as Automaton;
use std::time::{Duration, Instant};

/// jieba's `re_han_default`: the characters of a block the DAG is cut in.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FD5}').contains(&c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

struct Dict {
    automaton: Automaton<u32>,
    /// `ln(freq)` of every word, by the automaton's value.
    log_freq: Vec<f64>,
    log_total: f64,
}

impl Dict {
    fn parse(text: &str) -> Dict {
        let mut words = Vec::new();
        let mut log_freq = Vec::new();
        let mut total = 0usize;
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let (Some(w), Some(f)) = (it.next(), it.next()) else {
                continue;
            };
            let f: usize = f.parse().expect("frequency");
            total += f;
            words.push((w, log_freq.len() as u32));
            log_freq.push((f as f64).ln());
        }
        Dict {
            automaton: Automaton::with_values(words).expect("automaton"),
            log_freq,
            log_total: (total as f64).ln(),
        }
    }
}

/// Scratch space, indexed by byte offset within a block.
#[derive(Default)]
struct Scratch {
    /// Matches as `(end byte, word)`.
    edges: Vec<(u32, u32)>,
    /// First match starting at each byte, and the next one with the same start.
    head: Vec<u32>,
    next: Vec<u32>,
    /// Best route score from each character, and where its first word ends.
    prob: Vec<f64>,
    end: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// Cut `text` as `jieba_rs::Jieba::cut(text, false)` does.
fn cut<'a>(d: &Dict, text: &'a str, out: &mut Vec<&'a str>, sc: &mut Scratch) {
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let han = is_han(rest.chars().next().unwrap());
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_han(c) != han)
            .map_or(rest.len(), |(i, _)| i);
        let block = &rest[..len];
        pos += len;
        if !han {
            // One token per character, "\r\n" kept together.
            let b = block.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let n = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    block[i..].chars().next().unwrap().len_utf8()
                };
                out.push(&block[i..i + n]);
                i += n;
            }
            continue;
        }
        let n = block.len();
        if sc.head.len() < n + 1 {
            sc.head.resize(n + 1, NONE);
            sc.prob.resize(n + 1, 0.0);
            sc.end.resize(n + 1, 0);
        }
        sc.edges.clear();
        sc.next.clear();
        for m in d.automaton.find_overlapping_iter(block) {
            let e = sc.edges.len() as u32;
            sc.edges.push((m.end() as u32, m.value()));
            sc.next.push(sc.head[m.start()]);
            sc.head[m.start()] = e;
        }
        // The route, from the end: jieba's scores and tie-break.
        let bytes = block.as_bytes();
        sc.prob[n] = 0.0;
        sc.end[n] = n as u32;
        let mut i = n;
        while i > 0 {
            let mut j = i - 1;
            while bytes[j] & 0xC0 == 0x80 {
                j -= 1;
            }
            let mut best: Option<(f64, u32)> = None;
            let mut e = sc.head[j];
            while e != NONE {
                let (end, word) = sc.edges[e as usize];
                let p = d.log_freq[word as usize] - d.log_total + sc.prob[end as usize];
                if best.is_none_or(|(bp, be)| p > bp || (p == bp && end > be)) {
                    best = Some((p, end));
                }
                e = sc.next[e as usize];
            }
            sc.head[j] = NONE;
            let (p, end) = best.unwrap_or((-d.log_total + sc.prob[i], i as u32));
            sc.prob[j] = p;
            sc.end[j] = end;
            i = j;
        }
        // Walk the route; single ASCII letters and digits are joined.
        let mut x = 0;
        let mut run: Option<usize> = None;
        while x < n {
            let y = sc.end[x] as usize;
            if y - x == 1 && bytes[x].is_ascii_alphanumeric() {
                run.get_or_insert(x);
            } else {
                if let Some(s) = run.take() {
                    out.push(&block[s..x]);
                }
                out.push(&block[x..y]);
            }
            x = y;
        }
        if let Some(s) = run {
            out.push(&block[s..n]);
        }
    }
}

fn mbs(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dict_path), Some(text_path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: ac_core DICT.txt TEXT");
        std::process::exit(2);
    };
    let dict_text = std::fs::read_to_string(dict_path).expect("dictionary");
    let text = std::fs::read_to_string(text_path).expect("text");
    let lines: Vec<&str> = text.lines().collect();

    let t = Instant::now();
    let d = Dict::parse(&dict_text);
    let built = t.elapsed();
    let image = d.automaton.serialize();
    let t = Instant::now();
    // SAFETY: the bytes were just made by `serialize` of the same type.
    let (loaded, _) = unsafe { Automaton::<u32>::deserialize_unchecked(&image) };
    let load = t.elapsed();
    drop(loaded);
    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let jieba_load = t.elapsed();
    println!(
        "dictionary: automaton built in {:.2} s, image {} MB loaded in {:.1} ms; jieba-rs builds its trie in {:.1} ms",
        built.as_secs_f64(),
        image.len() >> 20,
        load.as_secs_f64() * 1e3,
        jieba_load.as_secs_f64() * 1e3
    );

    // Identical tokens first.
    let mut sc = Scratch::default();
    let mut out = Vec::new();
    let mut differ = 0;
    for l in &lines {
        out.clear();
        cut(&d, l, &mut out, &mut sc);
        if !out
            .iter()
            .copied()
            .eq(jieba.cut(l, false).iter().map(|t| t.word))
        {
            differ += 1;
        }
    }
    println!(
        "lines cut differently from jieba-rs cut(line, false): {differ} of {}",
        lines.len()
    );

    let (mut enumerate, mut ours, mut theirs) = (vec![], vec![], vec![]);
    let mut sink = 0usize;
    for _ in 0..7 {
        let t = Instant::now();
        for l in &lines {
            sink += d.automaton.find_overlapping_iter(l).count();
        }
        enumerate.push(mbs(text.len(), t.elapsed()));
        let t = Instant::now();
        for l in &lines {
            out.clear();
            cut(&d, l, &mut out, &mut sc);
            sink += out.len();
        }
        ours.push(mbs(text.len(), t.elapsed()));
        let t = Instant::now();
        for l in &lines {
            sink += jieba.cut(l, false).len();
        }
        theirs.push(mbs(text.len(), t.elapsed()));
    }
    let (e, o, j) = (median(enumerate), median(ours), median(theirs));
    println!(
        "one thread, {:.2} MB, 7 rounds alternating, median MB/s:",
        text.len() as f64 / 1e6
    );
    println!("  automaton: every dictionary match only  {e:6.1}");
    println!(
        "  automaton: whole cut (no HMM)           {o:6.1}  ({:.2}x jieba-rs)",
        o / j
    );
    println!("  jieba-rs cut(line, false)               {j:6.1}");
    std::hint::black_box(sink);
}
