//! Every table checked against independent arithmetic on the same tokens.

mod common;
use common::{csv, f64s, in_pool, strs, u64s};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use cipin_core::segment::Segmenter;
use cipin_tables::assoc::{
    collocations, cooccurrence, keyness, CollocationsConfig, CooccurrenceConfig, KeynessConfig,
    Sort,
};
use cipin_tables::corpus::{Corpus, Doc, GroupBy, InputOptions};
use cipin_tables::filter::{Filter, StopwordList};
use cipin_tables::io::{write_frame, OutFormat};
use cipin_tables::keywords::{keywords, IdfSource, KeywordsConfig, Method};
use cipin_tables::kwic::{kwic, KwicConfig, Match, Unit};
use cipin_tables::tables::{
    dtm, frequency, ngrams, term_frequency, tfidf, Idf, NgramsConfig, Options, TfidfConfig,
};
use polars::prelude::*;
use proptest::prelude::*;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../seeds/000_320ca5e1e6839a8b.txt"
);

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cipin-tables-it-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The naive count: `segment` each text, filter, count tokens and documents.
fn naive_counts(texts: &[String], filter: &Filter) -> BTreeMap<String, (u64, u64)> {
    let seg = Segmenter::default();
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for t in texts {
        let mut seen = BTreeSet::new();
        for tok in seg.segment(t) {
            if filter.keep_term(&tok.word) {
                out.entry(tok.word.clone()).or_default().0 += 1;
                seen.insert(tok.word);
            }
        }
        for w in seen {
            out.get_mut(&w).unwrap().1 += 1;
        }
    }
    out
}

fn table_counts(df: &DataFrame) -> BTreeMap<String, (u64, u64)> {
    strs(df, "term")
        .into_iter()
        .zip(u64s(df, "count").into_iter().zip(u64s(df, "doc_freq")))
        .collect()
}

fn opts(filter: Filter) -> Options {
    Options {
        filter,
        ..Options::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn frequency_equals_naive_count(texts in proptest::collection::vec("[\\u{4e00}-\\u{4e60}的了是，。！“”a-z0-9１２ \\n]{0,60}", 1..6), keep_all: bool) {
        let texts: Vec<String> = texts;
        let filter = if keep_all { Filter::keep_all() } else { Filter::default() };
        let corpus = Corpus::from_texts(texts.clone());
        let out = frequency(&corpus, &opts(filter.clone())).unwrap();
        let want = naive_counts(&texts, &filter);
        prop_assert_eq!(table_counts(&out.frame), want.clone());
        prop_assert_eq!(out.summary.counted, want.values().map(|v| v.0).sum::<u64>());
        // Sorted by count descending, then term.
        let rows: Vec<(u64, String)> = u64s(&out.frame, "count").into_iter().zip(strs(&out.frame, "term")).collect();
        let mut sorted = rows.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        prop_assert_eq!(rows, sorted);
    }

    #[test]
    fn bigrams_never_exceed_adjacent_pairs(texts in proptest::collection::vec("[\\u{4e00}-\\u{4e30}的，。！ \\n]{0,80}", 1..5)) {
        let seg = Segmenter::default();
        let mut adjacent: HashMap<String, u64> = HashMap::new();
        for t in &texts {
            let toks: Vec<String> = seg.segment(t).into_iter().map(|t| t.word).filter(|w| !w.trim().is_empty()).collect();
            for w in toks.windows(2) {
                *adjacent.entry(format!("{} {}", w[0], w[1])).or_default() += 1;
            }
        }
        let corpus = Corpus::from_texts(texts.clone());
        let df = ngrams(&corpus, &opts(Filter::keep_all()), &NgramsConfig { n_min: 2, n_max: 3, skip: 0 }).unwrap().frame;
        for ((g, n), c) in strs(&df, "ngram").into_iter().zip(df.column("n").unwrap().u32().unwrap().iter()).zip(u64s(&df, "count")) {
            prop_assert_eq!(g.split(' ').count() as u32, n.unwrap());
            if n == Some(2) {
                prop_assert!(c <= adjacent.get(&g).copied().unwrap_or(0), "{} counted {} times", g, c);
            }
        }
    }
}

#[test]
fn seed_frequency_is_sane_and_thread_independent() {
    let corpus = Corpus::open(&[SEED], InputOptions::default()).unwrap();
    let one = in_pool(1, || frequency(&corpus, &Options::default()).unwrap());
    let two = in_pool(2, || frequency(&corpus, &Options::default()).unwrap());
    assert_eq!(csv(&one.frame), csv(&two.frame));
    assert_eq!(one.summary, two.summary);
    let terms = strs(&one.frame, "term");
    assert!(
        terms[..20].iter().any(|t| t == "共富"),
        "{:?}",
        &terms[..20]
    );
    assert!(!terms.iter().any(|t| t == "的" || t == "，"));
    let shares: f64 = f64s(&one.frame, "share").iter().sum();
    assert!((shares - 1.0).abs() < 1e-9);
    assert_eq!(
        u64s(&one.frame, "count").iter().sum::<u64>(),
        one.summary.counted
    );
    let naive = naive_counts(
        &corpus
            .read_all()
            .unwrap()
            .into_iter()
            .map(|d| d.text)
            .collect::<Vec<_>>(),
        &Filter::default(),
    );
    assert_eq!(table_counts(&one.frame), naive);
}

#[test]
fn many_chunks_and_split_documents_are_thread_independent() {
    // Plain lines spread over many chunks, and one document long enough to be split.
    let text = seed_text();
    let dir = tmpdir("threads");
    let lines = dir.join("lines.txt");
    std::fs::write(&lines, text.repeat(30)).unwrap();
    let long = dir.join("long.txt");
    std::fs::write(&long, text.replace('\n', "").repeat(80)).unwrap();
    for by in [GroupBy::None, GroupBy::Doc, GroupBy::File] {
        let corpus = Corpus::open(
            &[&lines, &long],
            InputOptions {
                plain: true,
                batch_bytes: 1 << 20,
                ..Default::default()
            },
        )
        .unwrap();
        let o = Options {
            by: by.clone(),
            ..Options::default()
        };
        let a = in_pool(1, || frequency(&corpus, &o).unwrap());
        let b = in_pool(2, || frequency(&corpus, &o).unwrap());
        let c = in_pool(3, || frequency(&corpus, &o).unwrap());
        assert_eq!(csv(&a.frame), csv(&b.frame), "{by:?}");
        assert_eq!(csv(&a.frame), csv(&c.frame), "{by:?}");
        if by == GroupBy::File {
            // The long document is one document, split or not.
            let df = a.frame.clone();
            let files = strs(&df, "file");
            for (f, d) in files.iter().zip(u64s(&df, "doc_freq")) {
                if f.ends_with("long.txt") {
                    assert_eq!(d, 1);
                }
            }
        }
    }
    // Every table, and any batch size.
    let plain = |batch_bytes| InputOptions {
        plain: true,
        batch_bytes,
        ..Default::default()
    };
    let small = Corpus::open(&[&lines, &long], plain(64 << 10)).unwrap();
    let big = Corpus::open(&[&lines, &long], plain(16 << 20)).unwrap();
    let by_doc = Options {
        by: GroupBy::Doc,
        ..Options::default()
    };
    let tables = |c: &Corpus| {
        vec![
            csv(&frequency(c, &Options::default()).unwrap().frame),
            csv(&ngrams(
                c,
                &by_doc,
                &NgramsConfig {
                    n_min: 2,
                    n_max: 3,
                    skip: 0,
                },
            )
            .unwrap()
            .frame),
            csv(&tfidf(c, &Options::default(), &TfidfConfig::default())
                .unwrap()
                .frame),
            csv(&term_frequency(c, &by_doc).unwrap().frame),
            csv(&collocations(
                c,
                &Options::default(),
                &CollocationsConfig {
                    sort: Sort::Pmi,
                    min_count: 1,
                },
            )
            .unwrap()
            .frame),
            csv(&cooccurrence(
                c,
                &Options::default(),
                &CooccurrenceConfig { window: Some(3) },
            )
            .unwrap()
            .frame),
            csv(&ngrams(
                c,
                &Options::default(),
                &NgramsConfig {
                    n_min: 2,
                    n_max: 3,
                    skip: 2,
                },
            )
            .unwrap()
            .frame),
            csv(
                &cipin_tables::dispersion(c, &Options::default(), &Default::default())
                    .unwrap()
                    .frame,
            ),
            csv(
                &cipin_tables::lexdiv(c, &Options::default(), &Default::default())
                    .unwrap()
                    .frame,
            ),
            csv(&cipin_tables::readability(c, &Options::default())
                .unwrap()
                .frame),
        ]
        .into_iter()
        .chain(
            [
                cipin_tables::SimilMethod::Cosine,
                cipin_tables::SimilMethod::Jaccard,
                cipin_tables::SimilMethod::Correlation,
            ]
            .map(|method| {
                let cfg = cipin_tables::SimilConfig { method };
                csv(&cipin_tables::simil(c, &Options::default(), &cfg)
                    .unwrap()
                    .frame)
            }),
        )
        .collect::<Vec<_>>()
    };
    let one = in_pool(1, || tables(&small));
    assert_eq!(one, in_pool(2, || tables(&small)));
    assert_eq!(one, in_pool(2, || tables(&big)));
    let corpus = Corpus::open(
        &[&long],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    let df = frequency(&corpus, &Options::default()).unwrap().frame;
    let naive = naive_counts(
        &[std::fs::read_to_string(&long).unwrap()],
        &Filter::default(),
    );
    assert_eq!(table_counts(&df), naive);
}

#[test]
fn keyness_g2_equals_hand_formula() {
    let docs = vec![
        Doc::new("1", "推进共同富裕示范区建设，共同富裕是目标。").with_meta("year", "2021"),
        Doc::new("2", "共同富裕示范区建设取得进展。").with_meta("year", "2021"),
        Doc::new("3", "深化千万工程，建设美丽乡村。乡村振兴。").with_meta("year", "2022"),
        Doc::new("4", "乡村建设和千万工程。").with_meta("year", "2023"),
    ];
    let corpus = Corpus::from_docs(docs);
    let by = GroupBy::Column("year".into());
    let o = Options {
        by: by.clone(),
        ..Options::default()
    };
    let out = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "2021".into(),
            reference: None,
            negative: true,
        },
    )
    .unwrap();
    let df = &out.frame;
    // Totals from an independent frequency table per year.
    let freq = frequency(&corpus, &o).unwrap().frame;
    let mut totals: HashMap<String, f64> = HashMap::new();
    for (y, c) in strs(&freq, "year").into_iter().zip(u64s(&freq, "count")) {
        *totals
            .entry(if y == "2021" { y } else { "ref".into() })
            .or_default() += c as f64;
    }
    let (c, d) = (totals["2021"], totals["ref"]);
    let terms = strs(df, "term");
    assert!(terms.contains(&"共同富裕".to_string()) && terms.contains(&"乡村".to_string()));
    let (a_col, b_col, g2, lr, p) = (
        u64s(df, "count_target"),
        u64s(df, "count_reference"),
        f64s(df, "g2"),
        f64s(df, "log_ratio"),
        f64s(df, "p_value"),
    );
    for i in 0..df.height() {
        let (a, b) = (a_col[i] as f64, b_col[i] as f64);
        let e = [c * (a + b) / (c + d), d * (a + b) / (c + d)];
        let hand: f64 = 2.0
            * [a, b]
                .iter()
                .zip(e)
                .map(|(&o, e)| if o > 0.0 { o * (o / e).ln() } else { 0.0 })
                .sum::<f64>();
        assert!(
            (g2[i] - hand).abs() < 1e-9,
            "{}: {} vs {}",
            terms[i],
            g2[i],
            hand
        );
        let (a5, b5) = (
            if a == 0.0 { 0.5 } else { a },
            if b == 0.0 { 0.5 } else { b },
        );
        assert!((lr[i] - ((a5 / c) / (b5 / d)).log2()).abs() < 1e-9);
        assert!((0.0..=1.0).contains(&p[i]));
        if i > 0 {
            assert!(g2[i - 1] >= g2[i]);
        }
    }
    // Only positive keywords by default; a named reference group.
    let pos = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "2021".into(),
            reference: None,
            negative: false,
        },
    )
    .unwrap()
    .frame;
    assert!(f64s(&pos, "log_ratio").iter().all(|&x| x > 0.0));
    let named = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "2021".into(),
            reference: Some("2023".into()),
            negative: true,
        },
    )
    .unwrap()
    .frame;
    let refs: u64 = u64s(&named, "count_reference").iter().sum();
    assert_eq!(
        refs,
        u64s(&freq, "count")
            .iter()
            .zip(strs(&freq, "year"))
            .filter(|(_, y)| y == "2023")
            .map(|(c, _)| c)
            .sum::<u64>()
    );
    let err = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "1999".into(),
            reference: None,
            negative: true,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("no document has year = `1999`") && err.contains("`2021`, `2022`, `2023`"),
        "{err}"
    );
}

#[test]
fn keyness_target_by_line_number_of_a_plain_file() {
    let dir = tmpdir("keyness-lines");
    let path = dir.join("lines.txt");
    std::fs::write(
        &path,
        "乡村振兴，千万工程。\n共同富裕示范区。\n乡村建设。\n",
    )
    .unwrap();
    let corpus = Corpus::open(
        &[&path],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    let o = Options {
        by: GroupBy::Doc,
        ..Options::default()
    };
    // `--target 2` is the second line, as `--target file:2` is.
    let short = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "2".into(),
            reference: None,
            negative: false,
        },
    )
    .unwrap()
    .frame;
    let id = format!("{}:2", path.display());
    let long = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: id.clone(),
            reference: None,
            negative: false,
        },
    )
    .unwrap()
    .frame;
    assert!(short.equals(&long));
    assert!(strs(&short, "term").contains(&"共同富裕".to_string()));
    let err = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "9".into(),
            reference: None,
            negative: false,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("its values are like") && err.contains(":1`"),
        "{err}"
    );
}

#[test]
fn tfidf_is_tf_times_documented_idf() {
    let corpus = Corpus::open(
        &[SEED],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    for idf in [Idf::Smooth, Idf::Raw] {
        let df = tfidf(&corpus, &Options::default(), &TfidfConfig { idf })
            .unwrap()
            .frame;
        assert_eq!(
            df.get_column_names(),
            ["article", "term", "count", "tf", "idf", "tfidf"]
        );
        // Independent document frequencies from a per-article term table.
        let tf_table = term_frequency(
            &corpus,
            &Options {
                by: GroupBy::Article,
                ..Options::default()
            },
        )
        .unwrap()
        .frame;
        let docs: BTreeSet<String> = strs(&tf_table, "article").into_iter().collect();
        let n = corpus.read_all().unwrap().len() as f64;
        assert!(docs.len() as f64 <= n);
        let mut dfreq: HashMap<String, f64> = HashMap::new();
        for t in strs(&tf_table, "term") {
            *dfreq.entry(t).or_default() += 1.0;
        }
        let (terms, tf, idfs, scores) = (
            strs(&df, "term"),
            f64s(&df, "tf"),
            f64s(&df, "idf"),
            f64s(&df, "tfidf"),
        );
        for i in 0..df.height() {
            let d = dfreq[&terms[i]];
            let want = match idf {
                Idf::Smooth => ((1.0 + n) / (1.0 + d)).ln() + 1.0,
                Idf::Raw => (n / d).ln(),
            };
            assert!((idfs[i] - want).abs() < 1e-12, "{}", terms[i]);
            assert!((scores[i] - tf[i] * idfs[i]).abs() < 1e-15);
        }
    }
}

#[test]
fn dtm_sums_equal_term_frequency_sums() {
    let corpus = Corpus::open(
        &[SEED],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    let m = dtm(&corpus, &Options::default()).unwrap();
    assert_eq!(m.indptr.len(), m.doc_ids.len() + 1);
    assert_eq!(*m.indptr.last().unwrap() as usize, m.nnz());
    let mut sorted = m.vocabulary.clone();
    sorted.sort();
    assert_eq!(sorted, m.vocabulary);
    let tf = term_frequency(
        &corpus,
        &Options {
            by: GroupBy::Article,
            ..Options::default()
        },
    )
    .unwrap()
    .frame;
    let mut row_sums: HashMap<String, u64> = HashMap::new();
    let mut col_sums: HashMap<String, u64> = HashMap::new();
    for ((a, t), c) in strs(&tf, "article")
        .into_iter()
        .zip(strs(&tf, "term"))
        .zip(u64s(&tf, "count"))
    {
        *row_sums.entry(a).or_default() += c;
        *col_sums.entry(t).or_default() += c;
    }
    for (i, id) in m.doc_ids.iter().enumerate() {
        let s: u64 = m.data[m.indptr[i] as usize..m.indptr[i + 1] as usize]
            .iter()
            .sum();
        assert_eq!(s, row_sums.get(id).copied().unwrap_or(0), "{id}");
        let cols = &m.indices[m.indptr[i] as usize..m.indptr[i + 1] as usize];
        assert!(cols.windows(2).all(|w| w[0] < w[1]));
    }
    let mut cols = vec![0u64; m.vocabulary.len()];
    for (j, &c) in m.indices.iter().zip(&m.data) {
        cols[*j as usize] += c;
    }
    for (t, s) in m.vocabulary.iter().zip(cols) {
        assert_eq!(s, col_sums[t], "{t}");
    }
    assert_eq!(m.data.iter().sum::<u64>(), m.summary.counted);
    // Matrix Market export.
    let dir = tmpdir("dtm");
    m.write_dir(&dir).unwrap();
    let mtx = std::fs::read_to_string(dir.join("dtm.mtx")).unwrap();
    assert!(mtx.starts_with("%%MatrixMarket matrix coordinate integer general\n"));
    assert!(mtx.contains(&format!(
        "\n{} {} {}\n",
        m.doc_ids.len(),
        m.vocabulary.len(),
        m.nnz()
    )));
    assert_eq!(
        std::fs::read_to_string(dir.join("vocabulary.txt"))
            .unwrap()
            .lines()
            .count(),
        m.vocabulary.len()
    );
    let trip = m.triplets().unwrap();
    assert_eq!(trip.height(), m.nnz());
}

#[test]
fn formats_with_metadata_give_the_same_counts_as_txt() {
    let text = seed_text();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let dir = tmpdir("formats");
    let txt = dir.join("c.txt");
    std::fs::write(&txt, lines.join("\n")).unwrap();
    let years: Vec<String> = (0..lines.len())
        .map(|i| (2020 + i % 3).to_string())
        .collect();
    let jsonl = dir.join("c.jsonl");
    let mut j = String::new();
    for (l, y) in lines.iter().zip(&years) {
        j.push_str(&serde_json::json!({"year": y.parse::<i64>().unwrap(), "source": "黄岩新闻", "text": l}).to_string());
        j.push('\n');
    }
    std::fs::write(&jsonl, j).unwrap();
    let mut frame = df!(
        "year" => years.iter().map(|y| y.parse::<i64>().unwrap()).collect::<Vec<_>>(),
        "text" => lines.clone(),
    )
    .unwrap();
    let csv_path = dir.join("c.csv");
    let mut f = std::fs::File::create(&csv_path).unwrap();
    write_frame(&mut frame, OutFormat::Csv, &mut f).unwrap();
    let pq = dir.join("c.parquet");
    let mut f = std::fs::File::create(&pq).unwrap();
    write_frame(&mut frame, OutFormat::Parquet, &mut f).unwrap();

    let count = |p: &Path, by: GroupBy| {
        let c = Corpus::open(
            &[p],
            InputOptions {
                plain: true,
                ..Default::default()
            },
        )
        .unwrap();
        let out = frequency(
            &c,
            &Options {
                by,
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(out.summary.documents as usize, lines.len());
        out.frame
    };
    let base = count(&txt, GroupBy::None);
    for p in [&jsonl, &csv_path, &pq] {
        let df = count(p, GroupBy::None);
        assert_eq!(csv(&df), csv(&base), "{}", p.display());
    }
    // Grouped by a metadata column, every format agrees, and the groups add up.
    let by_year: Vec<String> = [&jsonl, &csv_path, &pq]
        .iter()
        .map(|p| csv(&count(p, GroupBy::Column("year".into()))))
        .collect();
    assert_eq!(by_year[0], by_year[1]);
    assert_eq!(by_year[0], by_year[2]);
    let grouped = count(&jsonl, GroupBy::Column("year".into()));
    assert_eq!(
        strs(&grouped, "year").first().map(String::as_str),
        Some("2020")
    );
    assert_eq!(
        u64s(&grouped, "count").iter().sum::<u64>(),
        u64s(&base, "count").iter().sum::<u64>()
    );
    // A column nobody has is an error.
    let c = Corpus::open(&[&jsonl], InputOptions::default()).unwrap();
    assert!(frequency(
        &c,
        &Options {
            by: GroupBy::Column("nope".into()),
            ..Options::default()
        }
    )
    .is_err());
}

#[test]
fn collocation_measures_follow_their_formulas() {
    let corpus = Corpus::open(&[SEED], InputOptions::default()).unwrap();
    let o = Options {
        filter: Filter {
            min_count: 2,
            ..Filter::default()
        },
        ..Options::default()
    };
    let df = collocations(
        &corpus,
        &o,
        &CollocationsConfig {
            sort: Sort::Llr,
            min_count: 2,
        },
    )
    .unwrap()
    .frame;
    assert!(df.height() > 5);
    // Marginals from an independent bigram table (same filter, sentences respected).
    let bigrams = ngrams(&corpus, &Options::default(), &NgramsConfig::default())
        .unwrap()
        .frame;
    let mut first: HashMap<String, f64> = HashMap::new();
    let mut second: HashMap<String, f64> = HashMap::new();
    let mut pair: HashMap<String, u64> = HashMap::new();
    let mut n = 0.0;
    for (g, c) in strs(&bigrams, "ngram")
        .into_iter()
        .zip(u64s(&bigrams, "count"))
    {
        let (a, b) = g.split_once(' ').unwrap();
        *first.entry(a.into()).or_default() += c as f64;
        *second.entry(b.into()).or_default() += c as f64;
        pair.insert(g.clone(), c);
        n += c as f64;
    }
    let (w1, w2, count, pmi, llr, t) = (
        strs(&df, "w1"),
        strs(&df, "w2"),
        u64s(&df, "count"),
        f64s(&df, "pmi"),
        f64s(&df, "llr"),
        f64s(&df, "t"),
    );
    for i in 0..df.height() {
        assert!(count[i] >= 2);
        assert_eq!(pair[&format!("{} {}", w1[i], w2[i])], count[i]);
        let (o, r, c) = (count[i] as f64, first[&w1[i]], second[&w2[i]]);
        assert!((pmi[i] - (o * n / (r * c)).log2()).abs() < 1e-9);
        assert!((t[i] - (o - r * c / n) / o.sqrt()).abs() < 1e-9);
        let obs = [o, r - o, c - o, n - r - c + o];
        let exp = [
            r * c / n,
            r * (n - c) / n,
            (n - r) * c / n,
            (n - r) * (n - c) / n,
        ];
        let g2: f64 = 2.0
            * obs
                .iter()
                .zip(exp)
                .map(|(&o, e)| if o > 0.0 { o * (o / e).ln() } else { 0.0 })
                .sum::<f64>();
        assert!(
            (llr[i] - g2).abs() < 1e-6,
            "{} {}: {} vs {}",
            w1[i],
            w2[i],
            llr[i],
            g2
        );
        if i > 0 {
            assert!(llr[i - 1] >= llr[i]);
        }
    }
}

#[test]
fn document_cooccurrence_counts_documents() {
    let texts = [
        "共同富裕 示范区 建设",
        "共同富裕 建设",
        "示范区",
        "建设 建设 共同富裕",
    ];
    let corpus = Corpus::from_texts(texts);
    let df = cooccurrence(
        &corpus,
        &Options::default(),
        &CooccurrenceConfig { window: None },
    )
    .unwrap()
    .frame;
    let rows: HashMap<(String, String), u64> = strs(&df, "w1")
        .into_iter()
        .zip(strs(&df, "w2"))
        .zip(u64s(&df, "count"))
        .collect();
    let key = |a: &str, b: &str| {
        if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    };
    assert_eq!(rows[&key("共同富裕", "建设")], 3);
    assert_eq!(rows[&key("共同富裕", "示范区")], 1);
    let pmi = f64s(&df, "pmi")[0];
    // (共同富裕, 建设): N=4, df 3 and 3, both in 3.
    assert!((pmi - (4.0 * 3.0 / 9.0f64).log2()).abs() < 1e-12);
    let win = cooccurrence(
        &corpus,
        &Options::default(),
        &CooccurrenceConfig { window: Some(1) },
    )
    .unwrap()
    .frame;
    let wrows: HashMap<(String, String), u64> = strs(&win, "w1")
        .into_iter()
        .zip(strs(&win, "w2"))
        .zip(u64s(&win, "count"))
        .collect();
    assert_eq!(wrows[&key("共同富裕", "示范区")], 1);
    assert_eq!(wrows[&key("共同富裕", "建设")], 2);
    assert!(!wrows.contains_key(&key("建设", "建设")));
}

#[test]
fn kwic_contexts_are_the_original_text() {
    let text = seed_text();
    let corpus = Corpus::from_docs(vec![Doc::new("seed", text.clone())]);
    let k = KwicConfig {
        pattern: "共富".into(),
        window: 4,
        ..KwicConfig::default()
    };
    let df = kwic(&corpus, &Options::default(), &k).unwrap().frame;
    assert!(df.height() > 3);
    let chars: Vec<char> = text.chars().collect();
    let (left, kw, right, start) = (
        strs(&df, "left"),
        strs(&df, "keyword"),
        strs(&df, "right"),
        u64s(&df, "start"),
    );
    for i in 0..df.height() {
        let s = start[i] as usize;
        let e = s + kw[i].chars().count();
        assert_eq!(chars[s..e].iter().collect::<String>(), kw[i]);
        let l = left[i].chars().count();
        assert_eq!(chars[s - l..s].iter().collect::<String>(), left[i]);
        assert_eq!(
            chars[e..e + right[i].chars().count()]
                .iter()
                .collect::<String>(),
            right[i]
        );
    }
    let chars_k = KwicConfig {
        pattern: "三大差距".into(),
        matching: Match::Substring,
        unit: Unit::Chars,
        window: 5,
    };
    let df = kwic(&corpus, &Options::default(), &chars_k).unwrap().frame;
    assert!(df.height() >= 3);
    assert!(strs(&df, "left").iter().all(|l| l.chars().count() <= 5));
}

#[test]
fn keywords_by_tfidf_and_textrank() {
    let corpus = Corpus::open(
        &[SEED],
        InputOptions {
            plain: true,
            ..Default::default()
        },
    )
    .unwrap();
    let kw = KeywordsConfig {
        k: 5,
        ..KeywordsConfig::default()
    };
    let df = keywords(&corpus, &Options::default(), &kw).unwrap().frame;
    assert_eq!(
        df.get_column_names(),
        ["id", "method", "rank", "keyword", "score"]
    );
    let methods: BTreeSet<String> = strs(&df, "method").into_iter().collect();
    assert_eq!(
        methods,
        ["textrank", "tfidf"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    // Corpus TF-IDF keywords are the top rows of the tf-idf table.
    let table = tfidf(
        &corpus,
        &Options {
            top: Some(5),
            ..Options::default()
        },
        &TfidfConfig::default(),
    )
    .unwrap()
    .frame;
    let want: Vec<(String, String)> = strs(&table, "article")
        .into_iter()
        .zip(strs(&table, "term"))
        .collect();
    let got: Vec<(String, String)> = strs(&df, "id")
        .into_iter()
        .zip(strs(&df, "keyword"))
        .zip(strs(&df, "method"))
        .filter(|(_, m)| m == "tfidf")
        .map(|(p, _)| p)
        .collect();
    assert_eq!(got, want);
    // TextRank scores are in (0, 1], 1 first.
    for (m, (r, s)) in strs(&df, "method").iter().zip(
        df.column("rank")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .zip(f64s(&df, "score")),
    ) {
        if m == "textrank" {
            assert!(s > 0.0 && s <= 1.0);
            if r == Some(1) {
                assert_eq!(s, 1.0);
            }
        }
    }
    let jk = KeywordsConfig {
        k: 3,
        method: Method::Tfidf,
        idf: IdfSource::Jieba,
        span: 5,
    };
    let jdf = keywords(&corpus, &Options::default(), &jk).unwrap().frame;
    assert!(jdf.height() > 0);
    assert!(strs(&jdf, "keyword")
        .iter()
        .all(|w| Filter::default().keep_term(w)));
}

#[test]
fn filters_apply_to_rows_and_tokens() {
    let corpus = Corpus::open(&[SEED], InputOptions::default()).unwrap();
    let f = Filter {
        stopwords: StopwordList::words(["共富"]),
        min_len: 2,
        drop_numbers: true,
        min_count: 3,
        ..Filter::default()
    };
    let df = frequency(&corpus, &opts(f)).unwrap().frame;
    let terms = strs(&df, "term");
    assert!(!terms
        .iter()
        .any(|t| t == "共富" || t.chars().count() < 2 || cipin_core::stopwords::is_number(t)));
    assert!(u64s(&df, "count").iter().all(|&c| c >= 3));
    let custom = Filter {
        stopwords: StopwordList::words(["共富"]),
        ..Filter::default()
    };
    let terms = strs(&frequency(&corpus, &opts(custom)).unwrap().frame, "term");
    assert!(
        terms.iter().any(|t| t == "的"),
        "the custom list replaces the default one"
    );
    assert!(!terms.iter().any(|t| t == "共富"));
    // POS filters need tagging; with it, only nouns.
    let tagged = Options {
        segmenter: Segmenter::builder().pos(true).build().unwrap(),
        filter: Filter {
            pos_include: vec!["n".into()],
            ..Filter::default()
        },
        top: Some(10),
        ..Options::default()
    };
    let nouns = frequency(&corpus, &tagged).unwrap().frame;
    assert_eq!(nouns.height(), 10);
    assert!(frequency(
        &corpus,
        &Options {
            filter: tagged.filter.clone(),
            ..Options::default()
        }
    )
    .is_err());
}

#[test]
fn keyness_target_article_by_number_or_full_id() {
    let corpus = Corpus::open(&[SEED], InputOptions::default()).unwrap();
    let o = Options {
        by: GroupBy::Article,
        ..Options::default()
    };
    let by_number = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "4".into(),
            reference: None,
            negative: false,
        },
    )
    .unwrap()
    .frame;
    let full_id = format!("{SEED}#4");
    let by_id = keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: full_id.clone(),
            reference: None,
            negative: false,
        },
    )
    .unwrap()
    .frame;
    assert!(by_number.height() > 0);
    assert!(by_number.equals(&by_id));
    // Article 4 (the 三大差距 feature) is the only one that mentions 千村示范.
    assert!(strs(&by_number, "term").iter().any(|t| t == "千村"));
    assert!(keyness(
        &corpus,
        &o,
        &KeynessConfig {
            target: "99".into(),
            reference: None,
            negative: false
        }
    )
    .is_err());
}

/// A monitor that records progress and can ask to stop.
struct Watch {
    bytes: std::sync::atomic::AtomicU64,
    stop: bool,
}

impl cipin_tables::Monitor for Watch {
    fn advance(&self, bytes: u64) {
        self.bytes
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.stop
    }
}

#[test]
fn monitor_sees_every_byte_and_can_cancel() {
    let texts: Vec<String> = (0..400)
        .map(|i| format!("第{i}次会议强调缩小三大差距。").repeat(50))
        .collect();
    let total: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let watch = std::sync::Arc::new(Watch {
        bytes: Default::default(),
        stop: false,
    });
    let corpus = Corpus::from_texts(texts.clone()).with_monitor(watch.clone());
    let with = frequency(&corpus, &Options::default()).unwrap().frame;
    assert_eq!(
        watch.bytes.load(std::sync::atomic::Ordering::Relaxed),
        total
    );
    let without = frequency(&Corpus::from_texts(texts.clone()), &Options::default())
        .unwrap()
        .frame;
    assert!(
        with.equals(&without),
        "monitoring does not change the counts"
    );

    let stop = std::sync::Arc::new(Watch {
        bytes: Default::default(),
        stop: true,
    });
    let err = frequency(
        &Corpus::from_texts(texts).with_monitor(stop),
        &Options::default(),
    )
    .unwrap_err();
    assert!(matches!(err, cipin_tables::Error::Cancelled), "{err}");
}

#[test]
fn slogans_of_the_seed_page() {
    let corpus = Corpus::open(&[SEED], InputOptions::default()).unwrap();
    let df = cipin_tables::slogans(&corpus, &Options::default())
        .unwrap()
        .frame;
    let terms = strs(&df, "term");
    let kinds = strs(&df, "kind");
    let count = |t: &str| {
        let i = terms
            .iter()
            .position(|x| x == t)
            .unwrap_or_else(|| panic!("{t} missing"));
        (
            df.column("count").unwrap().u64().unwrap().get(i).unwrap(),
            kinds[i].clone(),
        )
    };
    // Counted on the page itself: `grep -o 三大差距` gives 17, `千万工程` 7, `六干` 7.
    assert_eq!(count("三大差距").0, 17);
    assert_eq!(count("千万工程").0, 7);
    assert_eq!(count("六干"), (7, "both".to_string()));
    assert_eq!(count("五个落实").1, "both");
    assert_eq!(count("四个总体原则").1, "numbered");
    for t in [
        "六争",
        "136",
        "4+1",
        "七优享",
        "三化十二制",
        "一千双百",
        "大搬快聚",
        "六大共富行动",
        "四大行动",
        "三大载体",
        "三提三富",
    ] {
        count(t);
    }
    // Sorted by count, then term.
    let counts: Vec<u64> = df
        .column("count")
        .unwrap()
        .u64()
        .unwrap()
        .into_no_null_iter()
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    // Per article: the page's first article holds 三大差距 most.
    let o = Options {
        by: GroupBy::Article,
        ..Options::default()
    };
    let per = cipin_tables::slogans(&corpus, &o).unwrap().frame;
    assert_eq!(per.get_column_names()[0].as_str(), "article");
}

/// Issue 15: a word the segmenter cuts (`高质量发展`: `高质量 / 发展`) finds,
/// with the default token matching, every occurrence substring matching
/// finds on the seed page; and compounding it changes no count of any
/// other word.
#[test]
fn kwic_of_a_cut_word_finds_what_substrings_find_on_the_seed() {
    let corpus = Corpus::from_texts([seed_text()]);
    let lines = |matching: Match, opts: &Options| {
        let k = KwicConfig {
            pattern: "高质量发展".into(),
            matching,
            ..KwicConfig::default()
        };
        let df = kwic(&corpus, opts, &k).unwrap().frame;
        let starts: Vec<u64> = u64s(&df, "start");
        (starts, strs(&df, "keyword"))
    };
    let opts = Options::default();
    let (tok_starts, tok_kw) = lines(Match::Token, &opts);
    let (sub_starts, sub_kw) = lines(Match::Substring, &opts);
    let n = seed_text().matches("高质量发展").count() as u64;
    assert!(n > 0 && sub_starts.len() as u64 == n);
    assert_eq!((&tok_starts, &tok_kw), (&sub_starts, &sub_kw));
    assert!(tok_kw.iter().all(|k| k == "高质量发展"));

    let joined = Options {
        segmenter: Segmenter::builder()
            .compound(["高质量发展"])
            .build()
            .unwrap(),
        ..Options::default()
    };
    assert_eq!(lines(Match::Token, &joined).0, sub_starts);
    let freq = |o: &Options| -> BTreeMap<String, u64> {
        let df = frequency(&corpus, o).unwrap().frame;
        strs(&df, "term")
            .into_iter()
            .zip(u64s(&df, "count"))
            .collect()
    };
    let (plain, compounded) = (freq(&opts), freq(&joined));
    assert_eq!(compounded.get("高质量发展"), Some(&n));
    assert_eq!(plain.get("高质量发展"), None);
    for (term, count) in &plain {
        let gone = match term.as_str() {
            "高质量" | "发展" => n,
            _ => 0,
        };
        assert_eq!(
            compounded.get(term).copied().unwrap_or(0),
            count - gone,
            "{term}"
        );
    }
}
