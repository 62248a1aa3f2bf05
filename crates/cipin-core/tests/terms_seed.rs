//! Golden test: the slogans and numbered expressions of the seed page (黄岩,
//! 2025-01) named in issue 5 are found with the right counts and kept whole
//! by the default segmenter. The counts were taken by reading the page and
//! checked with `grep -o`.

use std::collections::BTreeMap;

use cipin_core::discover::{discover_terms, to_user_dict, DiscoverConfig};
use cipin_core::parse::parse_page;
use cipin_core::segment::Segmenter;
use cipin_core::terms::{find_terms, TermKind};

const SEED: &str = include_str!("../../../seeds/000_320ca5e1e6839a8b.txt");

/// Every piece of text of the parsed page (headlines, kickers, bodies,
/// banners), column breaks repaired.
fn parts() -> Vec<String> {
    parse_page("seeds/000_320ca5e1e6839a8b.txt", SEED)
        .iter()
        .flat_map(|a| {
            a.page_order_parts()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// (term, kind, count on the page, the token the segmenter keeps whole).
const EXPECTED: &[(&str, TermKind, usize, &str)] = &[
    // Quoted slogans.
    ("千万工程", TermKind::Both, 7, "千万工程"),
    ("三大差距", TermKind::Both, 17, "三大差距"),
    ("六干", TermKind::Both, 7, "六干"),
    ("六争", TermKind::Both, 1, "六争"),
    ("136", TermKind::Quoted, 2, "136"),
    ("4+1", TermKind::Quoted, 1, "4+1"),
    ("七优享", TermKind::Both, 3, "七优享"),
    ("三化十二制", TermKind::Both, 2, "三化十二制"),
    ("一千双百", TermKind::Both, 2, "一千双百"),
    ("大搬快聚", TermKind::Quoted, 1, "大搬快聚"),
    // Numbered formulations.
    ("六大共富行动", TermKind::Numbered, 2, "六大共富行动"),
    ("四个总体原则", TermKind::Numbered, 1, "四个总体原则"),
    ("四大行动", TermKind::Numbered, 1, "四大行动"),
    ("三大载体", TermKind::Numbered, 1, "三大载体"),
    ("五个落实", TermKind::Both, 1, "五个“落实”"),
    ("三提三富", TermKind::Both, 1, "三提三富"),
];

#[test]
fn every_slogan_and_numbered_expression_is_found_with_its_count() {
    let mut found: BTreeMap<(String, TermKind), usize> = BTreeMap::new();
    for p in parts() {
        for t in find_terms(&p) {
            *found.entry((t.term, t.kind)).or_default() += 1;
        }
    }
    for &(term, kind, count, _) in EXPECTED {
        assert_eq!(
            found.get(&(term.to_string(), kind)).copied().unwrap_or(0),
            count,
            "{term} ({kind}); found {:?}",
            found
                .iter()
                .filter(|((t, _), _)| t == term)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_default_segmenter_keeps_them_whole() {
    let seg = Segmenter::default();
    let mut tokens: BTreeMap<String, usize> = BTreeMap::new();
    for p in parts() {
        let toks = seg.segment(&p);
        // Nothing lost, nothing added.
        assert_eq!(
            toks.iter().map(|t| t.word.as_str()).collect::<String>(),
            seg.normalizer().normalize(&p)
        );
        for t in toks {
            *tokens.entry(t.word).or_default() += 1;
        }
    }
    for &(term, _, count, token) in EXPECTED {
        assert_eq!(
            tokens.get(token).copied().unwrap_or(0),
            count,
            "token {token} ({term})"
        );
    }
    // Switched off, jieba cuts them as before.
    let off = Segmenter::builder().keep_terms(false).build().unwrap();
    let words: Vec<String> = off
        .segment("缩小“三大差距”，深化“千万工程”")
        .into_iter()
        .map(|t| t.word)
        .collect();
    assert!(
        !words.contains(&"三大差距".to_string()) && !words.contains(&"千万工程".to_string()),
        "{words:?}"
    );
}

#[test]
fn the_column_break_repair_matters() {
    // On the raw page `四个总体原` / `则` is split by a column break.
    let raw: Vec<String> = find_terms(SEED).into_iter().map(|t| t.term).collect();
    assert!(SEED.contains("四个总体原\n\n则"));
    assert!(!raw.contains(&"四个总体原则".to_string()), "{raw:?}");
    let parsed: Vec<String> = parts()
        .iter()
        .flat_map(|p| find_terms(p))
        .map(|t| t.term)
        .collect();
    assert!(parsed.contains(&"四个总体原则".to_string()));
}

#[test]
fn no_numbered_false_positives_on_the_page() {
    // Everything numbered the page holds, outside quotes, is a formulation.
    let mut numbered: Vec<String> = parts()
        .iter()
        .flat_map(|p| find_terms(p))
        .filter(|t| t.kind == TermKind::Numbered)
        .map(|t| t.term)
        .collect();
    numbered.sort();
    numbered.dedup();
    assert_eq!(
        numbered,
        [
            "三大载体",
            "三篇文章",
            "六大共富行动",
            "四个总体原则",
            "四大行动"
        ]
    );
}

#[test]
fn discovered_terms_become_a_user_dictionary() {
    let bodies: Vec<String> = parse_page("seed", SEED)
        .iter()
        .map(|a| a.page_order_parts().concat())
        .collect();
    let opts = DiscoverConfig {
        min_count: 3,
        min_pmi: 0.0,
        ..DiscoverConfig::default()
    };
    let found = discover_terms(&bodies, &opts);
    let terms: Vec<&str> = found.iter().map(|c| c.term.as_str()).collect();
    for t in [
        "三大差距",
        "千万工程",
        "六干",
        "共富工坊",
        "小橘灯",
        "七优享",
    ] {
        assert!(terms.contains(&t), "{t} not discovered: {terms:?}");
    }
    let c = found.iter().find(|c| c.term == "共富工坊").unwrap();
    assert_eq!(c.count, SEED.matches("共富工坊").count());
    // Written out and loaded back, it keeps the unquoted term whole.
    let path = std::env::temp_dir().join(format!("cipin_terms_seed_{}.txt", std::process::id()));
    std::fs::write(&path, to_user_dict(&found)).unwrap();
    let seg = Segmenter::builder().user_dict(&path).build().unwrap();
    let _ = std::fs::remove_file(&path);
    let words: Vec<String> = seg
        .segment("持续深化共富工坊建设")
        .into_iter()
        .map(|t| t.word)
        .collect();
    assert!(words.contains(&"共富工坊".to_string()), "{words:?}");
}
