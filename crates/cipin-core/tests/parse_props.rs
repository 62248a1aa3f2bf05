//! Properties of `parse_page` on arbitrary input: it never panics, numbers
//! its records, and loses no text.
//!
//! Losslessness, exactly: concatenating, record by record in output order,
//! `kicker + headline + subtitle + byline + continued_from + paragraphs +
//! continued_on + text` gives the input's non-whitespace characters, in
//! order. (`continued_from` and `continued_on` are the two parts of
//! `continuation`; most records have at most one.)

use cipin_core::parse::{parse_page, Article, RecordKind};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../seeds/000_320ca5e1e6839a8b.txt");

fn strip(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// All fields of all records, in printed order, as defined above.
fn reconstruct(recs: &[Article]) -> String {
    let mut out = String::new();
    for r in recs {
        let from = r.continued_from().unwrap_or("");
        let on = r.continued_on().unwrap_or("");
        assert_eq!(
            format!("{from}{on}"),
            r.continuation.clone().unwrap_or_default(),
            "continuation split"
        );
        for f in [&r.kicker, &r.headline, &r.subtitle, &r.byline] {
            out.push_str(f.as_deref().unwrap_or(""));
        }
        out.push_str(from);
        for p in &r.paragraphs {
            out.push_str(p);
        }
        out.push_str(on);
        out.push_str(r.text.as_deref().unwrap_or(""));
    }
    out
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let recs = parse_page("p", text);
    prop_assert!(!recs.is_empty());
    for (k, r) in recs.iter().enumerate() {
        prop_assert_eq!(r.article, k);
        prop_assert_eq!(r.doc_id.as_str(), "p");
        for p in &r.paragraphs {
            prop_assert!(!p.trim().is_empty(), "empty paragraph");
            prop_assert_eq!(p.trim(), p.as_str());
        }
        match r.kind {
            RecordKind::Banner => prop_assert!(r.text.is_some() && r.paragraphs.is_empty()),
            RecordKind::Article => prop_assert!(r.text.is_none()),
        }
        // Metadata only comes with a byline (or a trailing credit).
        if r.byline.is_none() {
            prop_assert!(r.dateline.is_none());
        }
    }
    if let Some(diff) = first_difference(&strip(&reconstruct(&recs)), &strip(text)) {
        return Err(TestCaseError::fail(format!("text lost or moved: {diff}")));
    }
    Ok(())
}

/// Where two strings first differ, with some context, or `None`.
fn first_difference(got: &str, want: &str) -> Option<String> {
    let (g, w): (Vec<char>, Vec<char>) = (got.chars().collect(), want.chars().collect());
    let k = g.iter().zip(&w).take_while(|(a, b)| a == b).count();
    if k == g.len() && k == w.len() {
        return None;
    }
    let around = |v: &[char]| {
        v[k.saturating_sub(20)..(k + 20).min(v.len())]
            .iter()
            .collect::<String>()
    };
    Some(format!(
        "at char {k}: got …{}…, want …{}…",
        around(&g),
        around(&w)
    ))
}

/// Pieces that drive the parser into its special cases.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\n \n",
    " ",
    "\u{3000}",
    "本报讯",
    "（",
    "）",
    "(",
    ")",
    "记者",
    "通讯员",
    "本报记者",
    " 张三",
    "李四",
    "、",
    "■",
    "■本报记者 施佳丽",
    "新华社",
    "本报",
    "北京",
    "5月18日",
    "１月２日",
    "电",
    "讯",
    "下转",
    "上接",
    "第2版",
    "B版",
    "（下转B版）",
    "（上接第1版）",
    "二",
    "三、",
    "（四）",
    "——",
    "：",
    "。",
    "，",
    "？",
    "！",
    "…",
    "……",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "的",
    "们",
    "一是",
    "摄",
    "标题",
    "黄岩区召开推进会",
    "近日，",
    "1月14日",
    "共富工坊",
    "大力倡导“六干”",
    "全力践行“六争”",
    "书记",
    "局长 杨文广",
    "据",
    "们的",
    "a",
    "1",
    "\r",
    "\t",
    "é",
    "\u{200b}",
    "🙂",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn seed_blocks() -> Vec<&'static str> {
    SEED.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Random subsets of the seed's blocks, shuffled, with random separators.
fn seed_shuffle() -> impl Strategy<Value = String> {
    let blocks = seed_blocks();
    let n = blocks.len();
    (
        prop::sample::subsequence(blocks, 0..=n).prop_shuffle(),
        prop::collection::vec(
            prop::sample::select(&["\n\n", "\n", "\n \n\n", "\n\n\n"][..]),
            n + 1,
        ),
    )
        .prop_map(|(bs, seps)| {
            let mut out = String::new();
            for (b, sep) in bs.iter().zip(&seps) {
                out.push_str(b);
                out.push_str(sep);
            }
            out
        })
}

/// Blocks of the seed cut at random character positions (new column breaks).
fn seed_recut() -> impl Strategy<Value = String> {
    let chars: Vec<char> = SEED.chars().collect();
    let n = chars.len();
    prop::collection::vec(0..n, 0..30).prop_map(move |mut cuts| {
        cuts.sort_unstable();
        let mut out = String::new();
        let mut k = 0;
        for (i, c) in chars.iter().enumerate() {
            while k < cuts.len() && cuts[k] == i {
                out.push_str("\n\n");
                k += 1;
            }
            out.push(*c);
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn parse_arbitrary_strings(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn parse_arbitrary_pieces(text in soup()) {
        check(&text)?;
    }

    #[test]
    fn parse_shuffled_seed_blocks(text in seed_shuffle()) {
        check(&text)?;
    }

    #[test]
    fn parse_recut_seed(text in seed_recut()) {
        check(&text)?;
    }
}

#[test]
fn parse_seed_whole_and_with_crlf_remnants() {
    check(SEED).unwrap();
    check(&SEED.replace('\n', "\r\n")).unwrap();
    check(&SEED.replace("\n\n", "\n")).unwrap();
}

/// Recutting a page at a point inside a paragraph gives the same paragraph
/// back (a column break is repaired wherever it falls), for cuts that leave
/// no punctuation at the end of the first half.
#[test]
fn parse_any_mid_word_break_in_a_long_paragraph_is_repaired() {
    let p = "会议强调，要把党的领导贯穿缩小“三大差距”全过程、各领域、各环节，强化组织领导，加快组建工作专班，构建联席会议制度。";
    let chars: Vec<char> = p.chars().collect();
    for cut in 1..chars.len() - 1 {
        let (a, b): (String, String) =
            (chars[..cut].iter().collect(), chars[cut..].iter().collect());
        let last = chars[cut - 1];
        if "，、。“”".contains(last) || "，、。“”".contains(chars[cut]) {
            continue;
        }
        let text = format!("某标题\n\n本报讯（记者 王某）{a}\n\n{b}\n\n另一段。\n");
        let recs = parse_page("t", &text);
        assert_eq!(recs.len(), 1, "cut {cut}: {recs:#?}");
        assert_eq!(
            recs[0].paragraphs,
            vec![p.to_string(), "另一段。".to_string()],
            "cut {cut}"
        );
    }
}
