//! The naive Rust pipeline the issue measures cipin against: jieba-rs and a
//! hash map, one thread, the same table as `bench/py/pipeline.py counter`.
//!
//! ```sh
//! cargo run --release -p cipin-bench --bin naive_freq -- CORPUS [OUT.csv]
//! ```
//!
//! Every line is a document: `Jieba::cut` with the HMM (as `jieba.lcut`),
//! whitespace tokens dropped, count and document frequency per term in a
//! `HashMap`, sorted by count (descending) then term, written as CSV
//! `term,count,doc_freq,share,rank` (to `/dev/null` by default). No
//! normalisation, stopwords or terms kept whole: the bare job, as a Rust
//! user would write it in an afternoon.

use std::collections::{HashMap, HashSet};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: naive_freq CORPUS [OUT.csv]");
    let out = args.get(2).map(String::as_str).unwrap_or("/dev/null");
    let text = std::fs::read_to_string(path)?;
    let jieba = jieba_rs::Jieba::new();
    let mut counts: HashMap<String, (u64, u64)> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut total = 0u64;
    for line in text.lines() {
        seen.clear();
        for t in jieba.cut(line, true) {
            if t.word.trim().is_empty() {
                continue;
            }
            total += 1;
            let first = seen.insert(t.word);
            let e = counts.entry(t.word.to_string()).or_default();
            e.0 += 1;
            e.1 += u64::from(first);
        }
    }
    let mut rows: Vec<(String, (u64, u64))> = counts.into_iter().collect();
    rows.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    writeln!(w, "term,count,doc_freq,share,rank")?;
    for (rank, (term, (count, df))) in rows.iter().enumerate() {
        let share = *count as f64 / total.max(1) as f64;
        if term.contains([',', '"', '\n', '\r']) {
            let quoted = term.replace('"', "\"\"");
            writeln!(w, "\"{quoted}\",{count},{df},{share},{}", rank + 1)?;
        } else {
            writeln!(w, "{term},{count},{df},{share},{}", rank + 1)?;
        }
    }
    w.flush()?;
    eprintln!("naive_freq: {} terms, {total} tokens", rows.len());
    Ok(())
}
