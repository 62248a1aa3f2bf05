//! Dictionary counting checked against a naive count of the same tokens.

mod common;
use common::{csv, f64s, in_pool, strs, u64s};

use std::collections::HashMap;

use cipin_core::segment::Segmenter;
use cipin_core::stopwords::{is_punct_or_space, is_space};
use cipin_tables::corpus::{Corpus, Doc, GroupBy, InputOptions};
use cipin_tables::dictionary::{count_dictionary, dictionary_matches, Dictionary};
use cipin_tables::filter::{Filter, StopwordList};
use cipin_tables::tables::Options;
use proptest::prelude::*;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn keep_stopwords() -> Filter {
    Filter {
        stopwords: StopwordList::None,
        ..Filter::default()
    }
}

/// A naive wildcard test: `*` any run, `?` one character (by recursion).
fn naive_glob(p: &[char], s: &[char]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some(('*', rest)) => (0..=s.len()).any(|i| naive_glob(rest, &s[i..])),
        Some(('?', rest)) => !s.is_empty() && naive_glob(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && naive_glob(rest, &s[1..]),
    }
}

fn naive_match(entry: &str, word: &str) -> bool {
    let p: Vec<char> = entry.chars().collect();
    let s: Vec<char> = word.chars().collect();
    naive_glob(&p, &s)
}

/// The kept tokens of a text (with `Segmenter::segment`, which normalises),
/// cut into runs of adjacent tokens: a punctuation token (dropped) or a
/// line break (a sentence end) ends a run.
fn runs(seg: &Segmenter, filter: &Filter, text: &str) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for t in seg.segment(text) {
        if is_space(&t.word) {
            if t.word.contains('\n') {
                out.push(Vec::new());
            }
            continue;
        }
        if filter.keep_term(&t.word) {
            out.last_mut().unwrap().push(t.word);
        } else {
            assert!(
                is_punct_or_space(&t.word),
                "only punctuation is dropped here"
            );
            out.push(Vec::new());
        }
    }
    out
}

/// Naive counts of one document: one-token entries (exact or glob) count a
/// token once per category; two-token entries `A B` count adjacent pairs
/// without overlap.
fn naive_doc(dict: &Dictionary, runs: &[Vec<String>]) -> (Vec<u64>, u64) {
    let tokens = runs.iter().map(|r| r.len() as u64).sum();
    let counts = dict
        .iter()
        .map(|(_, entries)| {
            let mut n = 0;
            for run in runs {
                let mut i = 0;
                while i < run.len() {
                    let two = entries.iter().any(|e| {
                        let p: Vec<&str> = e.split(' ').collect();
                        p.len() == 2
                            && i + 1 < run.len()
                            && naive_match(p[0], &run[i])
                            && naive_match(p[1], &run[i + 1])
                    });
                    let single = entries
                        .iter()
                        .any(|e| !e.contains(' ') && naive_match(e, &run[i]));
                    if two {
                        n += 1;
                        i += 2;
                    } else {
                        n += u64::from(single);
                        i += 1;
                    }
                }
            }
            n
        })
        .collect();
    (counts, tokens)
}

fn seed_dictionary() -> Dictionary {
    Dictionary::from_yaml_str(
        "seed.yaml",
        "发展: [发展*, '*发展']\n富裕:\n  共富: [共同富裕, 共富]\n  差距: ['*差距']\n地方: [黄岩, 西城, 台州, 黄岩区]\n两字: ['??']\n推进: ['推进 *']\n",
    )
    .unwrap()
}

#[test]
fn seed_counts_equal_a_naive_count() {
    let dict = seed_dictionary();
    let corpus = Corpus::open(&[SEEDS], InputOptions::default()).unwrap();
    let docs = corpus.read_all().unwrap();
    let opts = Options {
        filter: keep_stopwords(),
        by: GroupBy::Article,
        ..Options::default()
    };
    let out = count_dictionary(&corpus, &dict, &opts).unwrap();
    let df = &out.frame;
    let cats: Vec<&str> = dict.categories().collect();
    assert_eq!(
        cats,
        ["发展", "富裕.共富", "富裕.差距", "地方", "两字", "推进"]
    );
    assert_eq!(df.height(), docs.len() * cats.len());
    let (articles, categories) = (strs(df, "article"), strs(df, "category"));
    let (counts, tokens, shares) = (u64s(df, "count"), u64s(df, "tokens"), f64s(df, "share"));
    let mut total = vec![0u64; cats.len()];
    for (d, doc) in docs.iter().enumerate() {
        let (want, want_tokens) = naive_doc(&dict, &runs(&opts.segmenter, &opts.filter, &doc.text));
        for (c, cat) in cats.iter().enumerate() {
            let r = d * cats.len() + c;
            assert_eq!(
                (articles[r].as_str(), categories[r].as_str()),
                (doc.id.as_str(), *cat)
            );
            assert_eq!(counts[r], want[c], "{} {cat}", doc.id);
            assert_eq!(tokens[r], want_tokens, "{}", doc.id);
            assert_eq!(shares[r], want[c] as f64 / want_tokens.max(1) as f64);
            total[c] += want[c];
        }
    }
    // The seed page uses every category.
    assert!(total.iter().all(|&n| n > 0), "{total:?}");
    assert_eq!(out.summary.documents, docs.len() as u64);
    assert_eq!(
        out.summary.counted,
        tokens.iter().step_by(cats.len()).sum::<u64>()
    );

    // The matches add up to the counts, per article and category.
    let m = dictionary_matches(&corpus, &dict, &opts).unwrap().frame;
    let mut sums: HashMap<(String, String), u64> = HashMap::new();
    for ((a, c), n) in strs(&m, "article")
        .into_iter()
        .zip(strs(&m, "category"))
        .zip(u64s(&m, "count"))
    {
        *sums.entry((a, c)).or_default() += n;
    }
    for r in 0..df.height() {
        let key = (articles[r].clone(), categories[r].clone());
        assert_eq!(sums.get(&key).copied().unwrap_or(0), counts[r]);
    }
    let terms = strs(&m, "term");
    assert!(terms.iter().any(|t| t.starts_with("推进 ")), "{terms:?}");
}

#[test]
fn user_words_keep_dictionary_words_whole() {
    let dict = Dictionary::from_map([("地名", ["黄岩区委"])]).unwrap();
    let corpus = Corpus::from_texts(["黄岩区委召开会议。"]);
    let count = |seg: Segmenter| {
        let opts = Options {
            segmenter: seg,
            ..Options::default()
        };
        u64s(
            &count_dictionary(&corpus, &dict, &opts).unwrap().frame,
            "count",
        )[0]
    };
    // Cut 黄岩 / 区委 by the default segmenter, the word matches those two
    // tokens as a phrase; kept whole by a user word, it matches the token.
    assert_eq!(count(Segmenter::default()), 1);
    let seg = Segmenter::builder()
        .user_words(dict.user_words())
        .build()
        .unwrap();
    assert_eq!(count(seg), 1);
    let matched = |seg: Segmenter| {
        let opts = Options {
            segmenter: seg,
            ..Options::default()
        };
        strs(
            &dictionary_matches(&corpus, &dict, &opts).unwrap().frame,
            "term",
        )
    };
    assert_eq!(matched(Segmenter::default()), ["黄岩 区委"]);
    let whole = Segmenter::builder().compound(["黄岩区委"]).build().unwrap();
    assert_eq!(matched(whole), ["黄岩区委"]);
}

#[test]
fn a_word_the_segmenter_cuts_counts_as_its_spaced_form() {
    let corpus = Corpus::from_texts(["推动高质量发展，高质量，发展。推动高质量发展"]);
    let count = |entry: &str| {
        let dict = Dictionary::from_map([("c", [entry])]).unwrap();
        u64s(
            &count_dictionary(&corpus, &dict, &Options::default())
                .unwrap()
                .frame,
            "count",
        )[0]
    };
    assert_eq!(count("高质量发展"), 2);
    assert_eq!(count("高质量 发展"), 2);
}

#[test]
fn same_output_whatever_the_thread_count() {
    let dict = seed_dictionary();
    let seed = Corpus::open(&[SEEDS], InputOptions::default())
        .unwrap()
        .read_all()
        .unwrap();
    // Enough text for many chunks.
    let docs: Vec<Doc> = (0..120)
        .flat_map(|i| {
            seed.iter().map(move |d| {
                Doc::new(format!("{i}-{}", d.id), d.text.clone())
                    .with_meta("part", (i % 7).to_string())
            })
        })
        .collect();
    let corpus = Corpus::from_docs(docs);
    for by in [
        GroupBy::None,
        GroupBy::Article,
        GroupBy::Column("part".into()),
    ] {
        let opts = Options {
            by: by.clone(),
            ..Options::default()
        };
        let run = |threads| {
            in_pool(threads, || {
                (
                    csv(&count_dictionary(&corpus, &dict, &opts).unwrap().frame),
                    csv(&dictionary_matches(&corpus, &dict, &opts).unwrap().frame),
                )
            })
        };
        assert_eq!(run(1), run(2), "{by:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn exact_words_sum_to_the_naive_count(
        texts in proptest::collection::vec("[\u{4e00}-\u{4e30}的了是，。！a-z0-9 \\n]{0,60}", 1..5),
        cats in proptest::collection::vec(proptest::collection::vec("[\u{4e00}-\u{4e30}的了是a-z]{1,2}", 0..6), 1..5),
    ) {
        let seg = Segmenter::default();
        let filter = keep_stopwords();
        // Words the segmenter keeps whole: a word it cuts is a phrase of
        // its tokens (`a_word_the_segmenter_cuts_counts_as_its_spaced_form`).
        let one_token = |w: &String| seg.cut(&seg.normalizer().normalize(w)).len() == 1;
        let cats: Vec<Vec<String>> = cats.iter().map(|ws| ws.iter().filter(|w| one_token(w)).cloned().collect()).collect();
        let dict = Dictionary::from_map(cats.iter().enumerate().map(|(i, w)| (format!("c{i}"), w.clone()))).unwrap();
        let corpus = Corpus::from_texts(texts.clone());
        let opts = Options { filter: filter.clone(), by: GroupBy::Article, ..Options::default() };
        let df = count_dictionary(&corpus, &dict, &opts).unwrap().frame;
        prop_assert_eq!(df.height(), texts.len() * cats.len());
        // Per category: tokens equal to one of its words, the words
        // normalised as the text is (`並` matches the token `并`).
        let norm = seg.normalizer();
        let cats_norm: Vec<Vec<String>> = cats
            .iter()
            .map(|ws| ws.iter().map(|w| norm.normalize(w).into_owned()).collect())
            .collect();
        let mut naive = 0u64;
        let mut total_tokens = 0u64;
        for t in &texts {
            let toks: Vec<String> = runs(&seg, &filter, t).concat();
            total_tokens += toks.len() as u64;
            for words in &cats_norm {
                naive += toks.iter().filter(|w| words.contains(w)).count() as u64;
            }
        }
        prop_assert_eq!(u64s(&df, "count").iter().sum::<u64>(), naive);
        prop_assert_eq!(u64s(&df, "tokens").iter().step_by(cats.len()).sum::<u64>(), total_tokens);
        for s in f64s(&df, "share") {
            prop_assert!((0.0..=1.0).contains(&s));
        }
        // `*` matches every kept token: count == tokens.
        let all = Dictionary::from_map([("all", ["*"])]).unwrap();
        let df = count_dictionary(&corpus, &all, &opts).unwrap().frame;
        prop_assert_eq!(u64s(&df, "count"), u64s(&df, "tokens"));
    }

    #[test]
    fn multi_word_counts_never_exceed_tokens(
        texts in proptest::collection::vec("[\u{4e00}-\u{4e10}的，。 ]{0,60}", 1..4),
        entries in proptest::collection::vec("[\u{4e00}-\u{4e10}*?]{1,2}( [\u{4e00}-\u{4e10}*?]{1,2}){0,2}", 1..6),
    ) {
        let dict = Dictionary::from_map([("c", entries)]).unwrap();
        let corpus = Corpus::from_texts(texts);
        let opts = Options { by: GroupBy::Article, ..Options::default() };
        let df = count_dictionary(&corpus, &dict, &opts).unwrap().frame;
        for (c, t) in u64s(&df, "count").into_iter().zip(u64s(&df, "tokens")) {
            prop_assert!(c <= t);
        }
    }
}
