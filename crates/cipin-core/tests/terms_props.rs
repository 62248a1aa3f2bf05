//! Property tests: keeping slogans, numbered expressions and numbers whole
//! never loses or adds text; term spans are well-formed; discovery counts
//! are true counts.

use cipin_core::discover::{discover_terms, DiscoverConfig};
use cipin_core::segment::{Mode, Segmenter};
use cipin_core::terms::{find_numbers, find_terms, is_quoted_term, normalize_term, TermKind};
use proptest::prelude::*;

/// Text rich in quotes, numerals, classifiers and policy words.
fn policy_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "“",
        "”",
        "「",
        "」",
        "『",
        "』",
        "‘",
        "’",
        "\"",
        "＂",
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        "九",
        "十",
        "两",
        "百",
        "千",
        "万",
        "〇",
        "○",
        "大",
        "个",
        "项",
        "条",
        "篇",
        "提",
        "富",
        "化",
        "制",
        "清",
        "促",
        "差距",
        "行动",
        "总体",
        "原则",
        "工程",
        "落实",
        "共富",
        "载体",
        "文章",
        "年",
        "月",
        "日",
        "%",
        "％",
        "，",
        "。",
        "、",
        "：",
        "！",
        "——",
        "+",
        "4",
        "1",
        "2025",
        "１９",
        "．",
        "5",
        ".",
        "G",
        "a",
        " ",
        "\n",
        "的",
        "是",
        "缩小",
        "推进",
        "深化",
        "新时代",
        "黄岩",
        "𠀀",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

fn segmenters() -> Vec<Segmenter> {
    let mut v = Vec::new();
    for hmm in [true, false] {
        for numbers in [false, true] {
            for pos in [false, true] {
                v.push(
                    Segmenter::builder()
                        .hmm(hmm)
                        .keep_numbers(numbers)
                        .pos(pos)
                        .build()
                        .unwrap(),
                );
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn kept_terms_never_lose_or_add_text(s in policy_text()) {
        for seg in segmenters() {
            let toks = seg.cut(&s);
            prop_assert_eq!(toks.iter().map(|t| t.word).collect::<String>(), s.clone(), "{:?}", seg);
            let mut pos = 0;
            for t in &toks {
                prop_assert_eq!(t.start, pos);
                prop_assert_eq!(t.end - t.start, t.word.chars().count());
                pos = t.end;
            }
            prop_assert_eq!(pos, s.chars().count());
        }
    }

    #[test]
    fn every_term_is_one_token(s in policy_text()) {
        let seg = Segmenter::default();
        let toks = seg.cut(&s);
        for t in find_terms(&s) {
            prop_assert!(
                toks.iter().any(|k| k.start == t.start_char && k.end == t.end_char),
                "{:?} not one token in {:?}", t, toks
            );
        }
        // Search mode still emits each term whole.
        let search = Segmenter::builder().mode(Mode::Search).build().unwrap();
        let stoks = search.cut(&s);
        for t in find_terms(&s) {
            prop_assert!(stoks.iter().any(|k| k.start == t.start_char && k.end == t.end_char));
        }
    }

    #[test]
    fn term_spans_are_well_formed(s in policy_text()) {
        let terms = find_terms(&s);
        let mut last = 0;
        for t in &terms {
            prop_assert!(t.start_byte >= last && t.start_byte < t.end_byte);
            last = t.end_byte;
            let slice = t.slice(&s);
            prop_assert_eq!(s[..t.start_byte].chars().count(), t.start_char);
            prop_assert_eq!(t.start_char + slice.chars().count(), t.end_char);
            prop_assert_eq!(&t.term, &normalize_term(slice));
            if t.kind == TermKind::Quoted {
                prop_assert!(is_quoted_term(slice), "{:?}", t);
            }
            prop_assert!(!slice.contains(['，', '。', '、', '：', '！', '\n', ' ']), "{:?}", t);
        }
        let mut last = 0;
        for n in find_numbers(&s) {
            prop_assert!(n.start_byte >= last && n.start_byte < n.end_byte);
            last = n.end_byte;
            prop_assert_eq!(s[..n.start_byte].chars().count(), n.start_char);
            prop_assert_eq!(n.start_char + s[n.start_byte..n.end_byte].chars().count(), n.end_char);
        }
    }

    #[test]
    fn discovery_counts_are_true_counts(texts in prop::collection::vec(policy_text(), 1..6)) {
        let opts = DiscoverConfig { min_count: 2, min_pmi: f64::NEG_INFINITY, min_entropy: 0.0, exclude_known: false, ..Default::default() };
        let found = discover_terms(&texts, &opts);
        prop_assert_eq!(&found, &discover_terms(&texts, &opts));
        for c in &found {
            let n = c.term.chars().count();
            prop_assert!((2..=6).contains(&n));
            // Overlapping occurrences.
            let count: usize = texts
                .iter()
                .map(|t| t.char_indices().filter(|&(i, _)| t[i..].starts_with(&c.term)).count())
                .sum();
            prop_assert_eq!(c.count, count, "{}", c.term);
            prop_assert!(c.left_entropy >= 0.0 && c.right_entropy >= 0.0);
        }
        for w in found.windows(2) {
            prop_assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].term < w[1].term));
        }
    }
}
