//! SIGHAN 2005 accuracy of the segmenter with and without kept terms
//! (quoted slogans and numbered expressions, `cipin_core::terms`) and with a
//! user dictionary discovered from the unsegmented test text itself
//! (`cipin_core::discover`, no gold data used), scored with the official
//! `score` script.
//!
//! Usage: `cargo run --release -p cipin-bench --bin sighan_f1 -- [CORPORA_DIR] [pku|msr]... [--quick] [--keep DIR]`
//!
//! `--quick` runs only the jieba-compatible and the everything-on
//! configurations (no discovered dictionary); `--keep DIR` leaves the
//! segmented texts in `DIR` (`{corpus}_{hmm|nohmm}_{n}.txt`) for error
//! analysis.
//!
//! `CORPORA_DIR` defaults to `../shared/corpora/sighan2005` next to the
//! workspace; it holds `{pku,msr}_test.utf8`, `{pku,msr}_test_gold.utf8`,
//! `{pku,msr}_training_words.utf8` and `score` (needs `perl` and `diff`).
//! Prints one Markdown table row per corpus and configuration.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use cipin_core::discover::{discover_terms, to_user_dict, DiscoverConfig};
use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    args.retain(|a| a != "--quick");
    let keep = args.iter().position(|a| a == "--keep").map(|i| {
        let d = args.get(i + 1).cloned().expect("--keep DIR");
        args.drain(i..i + 2);
        PathBuf::from(d)
    });
    let dir = args
        .iter()
        .find(|a| !matches!(a.as_str(), "pku" | "msr"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/sighan2005")
        });
    let mut corpora: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| matches!(*a, "pku" | "msr"))
        .collect();
    if corpora.is_empty() {
        corpora = vec!["pku", "msr"];
    }
    let out = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("cipin_sighan_{}", std::process::id()))
    });
    std::fs::create_dir_all(&out).expect("temp dir");

    println!("| corpus | configuration | P | R | F (script) | OOV recall | IV recall |");
    println!("|---|---|---|---|---|---|---|");
    for corpus in corpora {
        let test =
            std::fs::read_to_string(dir.join(format!("{corpus}_test.utf8"))).expect("test text");
        let lines: Vec<&str> = test.lines().collect();

        let dict = out.join(format!("{corpus}_discovered.txt"));
        let dict_nc = out.join(format!("{corpus}_discovered_nc.txt"));
        if !quick {
            discover(corpus, &lines, &dict, &dict_nc);
        }

        let mut runs = Vec::new();
        for hmm in [false, true] {
            // (name, keep_terms, keep_numbers, strict_hmm, user dictionary)
            for (name, keep, numbers, strict, user) in [
                ("jieba (terms off)", false, false, None, None),
                ("terms kept", true, false, None, None),
                ("numbers kept", false, true, None, None),
                (
                    "terms + numbers kept, HMM words unchecked",
                    true,
                    true,
                    Some(false),
                    None,
                ),
                ("terms + numbers kept (default)", true, true, None, None),
                (
                    "terms + numbers + discovered dictionary",
                    true,
                    true,
                    None,
                    Some(&dict),
                ),
                (
                    "terms + numbers + discovered dictionary, no compounds",
                    true,
                    true,
                    None,
                    Some(&dict_nc),
                ),
            ] {
                if (quick && (user.is_some() || keep != numbers)) || (!hmm && strict.is_some()) {
                    continue;
                }
                let mut b = Segmenter::builder()
                    .hmm(hmm)
                    .keep_terms(keep)
                    .keep_numbers(numbers)
                    .normalizer(Normalizer::NONE);
                if let Some(strict) = strict {
                    b = b.strict_hmm(strict);
                }
                if let Some(d) = user {
                    b = b.user_dict(d);
                }
                let seg = b.build().expect("segmenter");
                let mut text = String::with_capacity(test.len() * 2);
                for line in &lines {
                    text.push_str(&seg.plain_line(line));
                    text.push('\n');
                }
                let file = out.join(format!(
                    "{corpus}_{}_{}.txt",
                    if hmm { "hmm" } else { "nohmm" },
                    runs.len()
                ));
                std::fs::write(&file, text).expect("write segmentation");
                runs.push((
                    format!("{name}, HMM {}", if hmm { "on" } else { "off" }),
                    file,
                ));
            }
        }
        // The script is slow: score the runs side by side.
        let scores: Vec<Vec<String>> = std::thread::scope(|sc| {
            let handles: Vec<_> = runs
                .iter()
                .map(|(_, file)| sc.spawn(|| score(&dir, corpus, file)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("score thread"))
                .collect()
        });
        for ((name, _), s) in runs.iter().zip(scores) {
            println!(
                "| {corpus} | {name} | {} | {} | {} | {} | {} |",
                s[0], s[1], s[2], s[3], s[4]
            );
        }
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&out);
    }
}

/// Discover terms in the unsegmented test text and write them as user
/// dictionaries, with and without known compounds.
fn discover(corpus: &str, lines: &[&str], dict: &Path, dict_nc: &Path) {
    let started = Instant::now();
    let found = discover_terms(lines, &DiscoverConfig::default());
    std::fs::write(dict, to_user_dict(&found)).expect("write dictionary");
    let opts = DiscoverConfig {
        exclude_compounds: true,
        ..DiscoverConfig::default()
    };
    let found_nc = discover_terms(lines, &opts);
    std::fs::write(dict_nc, to_user_dict(&found_nc)).expect("write dictionary");
    eprintln!(
        "{corpus}: {} terms discovered without compounds: {}",
        found_nc.len(),
        found_nc
            .iter()
            .take(30)
            .map(|c| c.term.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    eprintln!(
        "{corpus}: {} terms discovered in {:.2}s: {}",
        found.len(),
        started.elapsed().as_secs_f64(),
        found
            .iter()
            .take(30)
            .map(|c| c.term.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// The script's summary: precision, recall and F to four places (computed
/// from its counts: correct = true words − deletions − substitutions), and
/// its own F, OOV recall and IV recall (three places).
fn score(dir: &Path, corpus: &str, seg: &Path) -> Vec<String> {
    let out = Command::new("perl")
        .arg(dir.join("score"))
        .arg(dir.join(format!("{corpus}_training_words.utf8")))
        .arg(dir.join(format!("{corpus}_test_gold.utf8")))
        .arg(seg)
        .output()
        .expect("run perl score");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with("###"))
        .expect("score summary line");
    let f: Vec<&str> = line.split('\t').collect();
    let n = |i: usize| f[i].parse::<f64>().expect("count");
    // ###, file, insertions, deletions, substitutions, nchange, true words,
    // test words, recall, precision, F, OOV rate, OOV recall, IV recall.
    let correct = n(6) - n(3) - n(4);
    let (p, r) = (correct / n(7), correct / n(6));
    vec![
        format!("{p:.4}"),
        format!("{r:.4}"),
        format!("{:.4} ({})", 2.0 * p * r / (p + r), f[10]),
        f[12].to_string(),
        f[13].to_string(),
    ]
}
