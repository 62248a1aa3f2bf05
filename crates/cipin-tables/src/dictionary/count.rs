//! The counting pass behind [`count_dictionary`] and
//! [`dictionary_matches`]: segment, filter, match, count per group.

use std::collections::HashMap;

use polars::prelude::*;
use rustc_hash::FxHashMap;

use super::matcher::{Matcher, Scratch, WordInfo};
use super::Dictionary;
use crate::corpus::{Corpus, GroupBy, Summary};
use crate::count::{walk, Ev, Interner, Vocab};
use crate::engine;
use crate::error::Result;
use crate::tables::{check_group_name, group_fn, name_group_column, Options, Output};

/// Counts of one group in a chunk.
#[derive(Debug)]
struct GroupAcc {
    name: String,
    tokens: u64,
    counts: Vec<u64>,
    /// (category, term id in the chunk's terms) → count.
    detail: FxHashMap<(u32, u32), u64>,
    /// Entry → matches counted (weighted dictionaries only).
    entries: FxHashMap<u32, u64>,
}

/// A chunk's state.
#[derive(Default)]
struct Chunk {
    vocab: Vocab,
    infos: Vec<Option<WordInfo>>,
    run: Vec<u32>,
    groups: Vec<GroupAcc>,
    index: FxHashMap<String, usize>,
    terms: Interner,
    scratch: Scratch,
    buf: String,
}

/// Everything a pass found.
struct Pass {
    names: Vec<String>,
    tokens: Vec<u64>,
    counts: Vec<Vec<u64>>,
    /// Per group, entry → matches counted (weighted dictionaries only).
    entries: Vec<FxHashMap<u32, u64>>,
    terms: Interner,
    detail: FxHashMap<(u32, u32, u32), u64>,
    summary: Summary,
}

/// The counting pass behind both tables.
fn pass(corpus: &Corpus, dict: &Dictionary, opts: &Options, detail: bool) -> Result<Pass> {
    let seg = &opts.segmenter;
    let filter = &opts.filter;
    filter.check(seg)?;
    let m = dict.matcher_for(seg);
    let n_cats = dict.len();
    let weighted = dict.is_weighted();
    let mut out = Pass {
        names: Vec::new(),
        tokens: Vec::new(),
        counts: Vec::new(),
        entries: Vec::new(),
        terms: Interner::default(),
        detail: FxHashMap::default(),
        summary: Summary::default(),
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    // Reading, batching, parallel chunks, progress, cancellation and the
    // group column are the engine's; chunks are merged in corpus order, so
    // groups are met in order of first appearance.
    let summary = engine::run(
        corpus,
        true,
        group_fn(&opts.by),
        Chunk::default,
        |st, stats, it| {
            let g = match st.groups.last() {
                Some(a) if a.name == it.group => st.groups.len() - 1,
                _ => match st.index.get(it.group) {
                    Some(&g) => g,
                    None => {
                        st.groups.push(GroupAcc {
                            name: it.group.to_string(),
                            tokens: 0,
                            counts: vec![0; n_cats],
                            detail: FxHashMap::default(),
                            entries: FxHashMap::default(),
                        });
                        st.index.insert(it.group.to_string(), st.groups.len() - 1);
                        st.groups.len() - 1
                    }
                },
            };
            let before = stats.counted;
            // The vocabulary is lent to `walk`; runs are counted with it.
            let mut vocab = std::mem::take(&mut st.vocab);
            walk(
                seg,
                filter,
                &mut vocab,
                it.text,
                true,
                stats,
                |ev, v| match ev {
                    Ev::Term(id) => st.run.push(id),
                    Ev::Drop | Ev::Boundary => flush(st, &m, g, detail, weighted, v),
                },
            );
            flush(st, &m, g, detail, weighted, &vocab);
            st.vocab = vocab;
            st.groups[g].tokens += stats.counted - before;
        },
        |st| {
            for acc in st.groups {
                let gi = *index.entry(acc.name.clone()).or_insert_with(|| {
                    out.names.push(acc.name);
                    out.tokens.push(0);
                    out.counts.push(vec![0; n_cats]);
                    out.entries.push(FxHashMap::default());
                    out.names.len() - 1
                });
                out.tokens[gi] += acc.tokens;
                for (c, n) in acc.counts.iter().enumerate() {
                    out.counts[gi][c] += n;
                }
                for (e, n) in acc.entries {
                    *out.entries[gi].entry(e).or_default() += n;
                }
                for ((c, t), n) in acc.detail {
                    let t = out.terms.intern(st.terms.str(t));
                    *out.detail.entry((gi as u32, c, t)).or_default() += n;
                }
            }
            Ok(())
        },
    )
    .map_err(|e| name_group_column(e, &opts.by))?;
    if out.names.is_empty() && matches!(opts.by, GroupBy::None) {
        out.names.push(String::new());
        out.tokens.push(0);
        out.counts.push(vec![0; n_cats]);
        out.entries.push(FxHashMap::default());
    }
    out.summary = summary;
    Ok(out)
}

/// Count the run of adjacent tokens collected so far into group `g`; the
/// chunk's vocabulary is `v` (lent to [`walk`] meanwhile).
fn flush(st: &mut Chunk, m: &Matcher, g: usize, detail: bool, weighted: bool, v: &Vocab) {
    if st.run.is_empty() {
        return;
    }
    let Chunk {
        infos,
        run,
        groups,
        terms,
        scratch,
        buf,
        ..
    } = st;
    for &id in run.iter() {
        let i = id as usize;
        if i >= infos.len() {
            infos.resize(i + 1, None);
        }
        if infos[i].is_none() {
            infos[i] = Some(m.info(v.terms.str(id), &mut scratch.chars));
        }
    }
    let acc = &mut groups[g];
    let run_ref: &[u32] = run;
    m.scan(
        run_ref.len(),
        |i| infos[run_ref[i] as usize].as_ref().expect("filled above"),
        |i| v.terms.str(run_ref[i]),
        scratch,
        |c, s, l, e| {
            acc.counts[c as usize] += 1;
            if weighted {
                *acc.entries.entry(e).or_default() += 1;
            }
            if detail {
                buf.clear();
                for (j, &id) in run_ref[s..s + l].iter().enumerate() {
                    if j > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(v.terms.str(id));
                }
                *acc.detail.entry((c, terms.intern(buf))).or_default() += 1;
            }
        },
    );
    run.clear();
}

impl Pass {
    /// Per group and category, the sum of the weights of the matches,
    /// summed in entry order (the same whatever the chunks and threads).
    fn scores(&self, dict: &Dictionary) -> Vec<Vec<f64>> {
        let weights = dict.flat_weights();
        let category: Vec<usize> = dict
            .iter()
            .enumerate()
            .flat_map(|(c, (_, entries))| std::iter::repeat_n(c, entries.len()))
            .collect();
        self.entries
            .iter()
            .map(|counts| {
                let mut by_entry: Vec<(u32, u64)> = counts.iter().map(|(&e, &n)| (e, n)).collect();
                by_entry.sort_unstable();
                let mut score = vec![0.0; dict.len()];
                for (e, n) in by_entry {
                    score[category[e as usize]] += n as f64 * weights[e as usize];
                }
                score
            })
            .collect()
    }

    /// Group ids in table order: corpus order, or by value for metadata columns.
    fn order(&self, by: &GroupBy) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        if by.sorted() {
            order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        }
        order
    }
}

/// Dictionary counts per group and category.
///
/// Columns: `[<group>,] category, count, tokens, share[, score]`:
///
/// * `category` (str): the dictionary's categories, in dictionary order,
///   every one for every group (zero counts included);
/// * `count` (u64): matches of the category in the group (see the module
///   docs: at most one per token and category; a multi-word match is one);
/// * `tokens` (u64): the group's tokens that pass the filter (the same for
///   every category of a group);
/// * `share` (f64): `count / tokens` (0 when the group has no tokens);
/// * `score` (f64), for a weighted dictionary only
///   ([`Dictionary::is_weighted`]): the sum of the weights of the matches
///   counted (see the module docs); an unweighted dictionary has no such
///   column.
///
/// Groups by `opts.by` (each [`Doc`](crate::corpus::Doc) with
/// [`GroupBy::Article`], the whole corpus with [`GroupBy::None`], one row
/// per category then), in corpus order or, for metadata columns, sorted by
/// value. Row filters and `top` do not apply: the table always has
/// groups × categories rows.
///
/// ```
/// use cipin_tables::corpus::{Corpus, GroupBy};
/// use cipin_tables::dictionary::{count_dictionary, Dictionary};
/// use cipin_tables::tables::Options;
///
/// let dict = Dictionary::from_map([("富裕", ["共同富裕"]), ("差距", ["*差距"])]).unwrap();
/// let corpus = Corpus::from_texts(["推进共同富裕，缩小“三大差距”。", "共同富裕示范区"]);
/// let opts = Options { by: GroupBy::Article, ..Options::default() };
/// let df = count_dictionary(&corpus, &dict, &opts).unwrap().frame;
/// assert_eq!(df.get_column_names(), ["article", "category", "count", "tokens", "share"]);
/// assert_eq!(df.height(), 4);
/// let count: Vec<u64> = df.column("count").unwrap().u64().unwrap().into_no_null_iter().collect();
/// assert_eq!(count, [1, 1, 1, 0]);
/// ```
pub fn count_dictionary(corpus: &Corpus, dict: &Dictionary, opts: &Options) -> Result<Output> {
    check_group_name(&opts.by, &["category", "count", "tokens", "share", "score"])?;
    let p = pass(corpus, dict, opts, false)?;
    let cats: Vec<&str> = dict.categories().collect();
    let rows = p.names.len() * cats.len();
    let weighted = dict.is_weighted();
    let scores = if weighted { p.scores(dict) } else { Vec::new() };
    let mut score = Vec::with_capacity(if weighted { rows } else { 0 });
    let mut groups = Vec::with_capacity(rows);
    let mut category = Vec::with_capacity(rows);
    let mut count = Vec::with_capacity(rows);
    let mut tokens = Vec::with_capacity(rows);
    let mut share = Vec::with_capacity(rows);
    for g in p.order(&opts.by) {
        for (c, &name) in cats.iter().enumerate() {
            let n = p.counts[g][c];
            groups.push(p.names[g].as_str());
            category.push(name);
            count.push(n);
            tokens.push(p.tokens[g]);
            share.push(n as f64 / p.tokens[g].max(1) as f64);
            if weighted {
                score.push(scores[g][c]);
            }
        }
    }
    let mut columns = Vec::new();
    if let Some(name) = opts.by.column_name() {
        columns.push(Column::new(name.into(), groups));
    }
    columns.push(Column::new("category".into(), category));
    columns.push(Column::new("count".into(), count));
    columns.push(Column::new("tokens".into(), tokens));
    columns.push(Column::new("share".into(), share));
    if weighted {
        columns.push(Column::new("score".into(), score));
    }
    let frame = DataFrame::new(rows, columns)?;
    Ok(Output {
        frame,
        summary: p.summary,
    })
}

/// Which words matched: per group and category, each matched term with its
/// count.
///
/// Columns: `[<group>,] category, term, count`; `term` is the matched
/// token, or the tokens of a multi-word match joined by a space (so the
/// counts of a group and category add up to its `count` in
/// [`count_dictionary`]). Sorted by group (as in [`count_dictionary`]),
/// category (dictionary order), count descending, term. `opts.filter.min_count`
/// applies to rows, and `opts.top` keeps the first terms of each group and
/// category.
///
/// ```
/// use cipin_tables::corpus::Corpus;
/// use cipin_tables::dictionary::{dictionary_matches, Dictionary};
/// use cipin_tables::tables::Options;
///
/// let dict = Dictionary::from_map([("发展", ["发展*"])]).unwrap();
/// let corpus = Corpus::from_texts(["发展是第一要务，坚持新发展理念，实现高质量发展，推动发展。"]);
/// let df = dictionary_matches(&corpus, &dict, &Options::default()).unwrap().frame;
/// assert_eq!(df.get_column_names(), ["category", "term", "count"]);
/// let terms = df.column("term").unwrap().str().unwrap();
/// assert_eq!(terms.get(0), Some("发展"));
/// ```
pub fn dictionary_matches(corpus: &Corpus, dict: &Dictionary, opts: &Options) -> Result<Output> {
    check_group_name(&opts.by, &["category", "term", "count"])?;
    let p = pass(corpus, dict, opts, true)?;
    let order = p.order(&opts.by);
    let mut rank = vec![0usize; p.names.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g] = r;
    }
    let mut rows: Vec<(u32, u32, u32, u64)> = p
        .detail
        .iter()
        .filter(|(_, &n)| n >= opts.filter.min_count)
        .map(|(&(g, c, t), &n)| (g, c, t, n))
        .collect();
    rows.sort_unstable_by(|a, b| {
        rank[a.0 as usize]
            .cmp(&rank[b.0 as usize])
            .then(a.1.cmp(&b.1))
            .then(b.3.cmp(&a.3))
            .then_with(|| p.terms.str(a.2).cmp(p.terms.str(b.2)))
    });
    if let Some(top) = opts.top {
        let mut current = (u32::MAX, u32::MAX);
        let mut kept = 0;
        rows.retain(|r| {
            if (r.0, r.1) != current {
                current = (r.0, r.1);
                kept = 0;
            }
            kept += 1;
            kept <= top
        });
    }
    let cats: Vec<&str> = dict.categories().collect();
    let mut columns = Vec::new();
    if let Some(name) = opts.by.column_name() {
        columns.push(Column::new(
            name.into(),
            rows.iter()
                .map(|r| p.names[r.0 as usize].as_str())
                .collect::<Vec<_>>(),
        ));
    }
    columns.push(Column::new(
        "category".into(),
        rows.iter().map(|r| cats[r.1 as usize]).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "term".into(),
        rows.iter().map(|r| p.terms.str(r.2)).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "count".into(),
        rows.iter().map(|r| r.3).collect::<Vec<_>>(),
    ));
    let frame = DataFrame::new(rows.len(), columns)?;
    Ok(Output {
        frame,
        summary: p.summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Filter, StopwordList};

    fn one(entries: &[&str]) -> Dictionary {
        Dictionary::from_map([("c", entries.to_vec())]).unwrap()
    }

    fn keep_stopwords() -> Options {
        Options {
            filter: Filter {
                stopwords: StopwordList::None,
                ..Filter::default()
            },
            ..Options::default()
        }
    }

    fn col_u64(df: &DataFrame, c: &str) -> Vec<u64> {
        df.column(c)
            .unwrap()
            .u64()
            .unwrap()
            .into_no_null_iter()
            .collect()
    }

    fn col_str(df: &DataFrame, c: &str) -> Vec<String> {
        df.column(c)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|s| s.unwrap().to_string())
            .collect()
    }
    #[test]
    fn table_has_every_group_and_category() {
        let d = Dictionary::from_map([
            ("富裕", vec!["共同富裕", "共同 富裕"]),
            ("发展", vec!["发展*"]),
            ("无", vec!["不存在的词"]),
        ])
        .unwrap();
        let corpus = Corpus::from_texts(["推进共同富裕，推动发展。", "", "高质量发展"]);
        let opts = Options {
            by: GroupBy::Article,
            ..keep_stopwords()
        };
        let out = count_dictionary(&corpus, &d, &opts).unwrap();
        let df = &out.frame;
        assert_eq!(
            df.get_column_names(),
            ["article", "category", "count", "tokens", "share"]
        );
        assert_eq!(df.height(), 9);
        assert_eq!(col_str(df, "article")[..4], ["0", "0", "0", "1"]);
        assert_eq!(col_u64(df, "count"), [1, 1, 0, 0, 0, 0, 0, 1, 0]);
        assert_eq!(col_u64(df, "tokens"), [4, 4, 4, 0, 0, 0, 2, 2, 2]);
        let share: Vec<f64> = df
            .column("share")
            .unwrap()
            .f64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        assert_eq!(share[0], 0.25);
        assert_eq!(share[3], 0.0);
        // The whole corpus: one row per category.
        let df = count_dictionary(&corpus, &d, &keep_stopwords())
            .unwrap()
            .frame;
        assert_eq!(col_u64(&df, "count"), [1, 2, 0]);
        assert_eq!(col_u64(&df, "tokens"), [6, 6, 6]);
        // Even an empty corpus.
        let empty = Corpus::from_texts(Vec::<String>::new());
        let df = count_dictionary(&empty, &d, &keep_stopwords())
            .unwrap()
            .frame;
        assert_eq!(col_u64(&df, "count"), [0, 0, 0]);
    }

    #[test]
    fn weighted_entries_give_a_score() {
        // 好 +1, 差 -1, the phrase 不 好 -2 (it wins over 好, being longer),
        // 好* 0.5 (a pattern: the exact 好 wins on the token 好 itself).
        let d = Dictionary::from_json_str(
            "d.json",
            r#"{"情感": {"好": 1, "差": -1, "不 好": -2, "好*": 0.5}, "主题": ["经济"]}"#,
        )
        .unwrap();
        assert!(d.is_weighted());
        let corpus = Corpus::from_texts(["经济好。", "经济差，不好。", "好人好事", ""]);
        let seg = cipin_core::segment::Segmenter::default();
        let words: Vec<&str> = seg
            .cut("经济差，不好。好人好事")
            .iter()
            .map(|t| t.word)
            .collect();
        assert_eq!(words, ["经济", "差", "，", "不好", "。", "好人好事"]);
        let opts = Options {
            by: GroupBy::Article,
            ..keep_stopwords()
        };
        let df = count_dictionary(&corpus, &d, &opts).unwrap().frame;
        assert_eq!(
            df.get_column_names(),
            ["article", "category", "count", "tokens", "share", "score"]
        );
        let score: Vec<f64> = df
            .column("score")
            .unwrap()
            .f64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        // 经济好: 好 +1. 经济差，不好: 差 -1 (the token 不好 is none of the
        // entries). 好人好事: 好* +0.5.
        assert_eq!(col_u64(&df, "count"), [1, 1, 1, 1, 1, 0, 0, 0]);
        assert_eq!(score, [1.0, 1.0, -1.0, 1.0, 0.5, 0.0, 0.0, 0.0]);
        // The phrase 不 好 (two tokens) counts once, with its weight -2, and
        // its 好 is not counted again; the second 好 counts +1.
        let words: Vec<&str> = seg
            .cut("不 好 好")
            .iter()
            .map(|t| t.word)
            .filter(|w| !w.trim().is_empty())
            .collect();
        assert_eq!(words, ["不", "好", "好"]);
        let df = count_dictionary(&Corpus::from_texts(["不 好 好"]), &d, &keep_stopwords())
            .unwrap()
            .frame;
        assert_eq!(col_u64(&df, "count"), [2, 0]);
        let score = df.column("score").unwrap().f64().unwrap().get(0);
        assert_eq!(score, Some(-1.0));
        // Unweighted (all weights 1): no score column, as before.
        let ones = Dictionary::from_json_str("d.json", r#"{"情感": {"好": 1}}"#).unwrap();
        let df = count_dictionary(&corpus, &ones, &opts).unwrap().frame;
        assert_eq!(
            df.get_column_names(),
            ["article", "category", "count", "tokens", "share"]
        );
    }

    #[test]
    fn multi_word_needs_adjacent_tokens_in_a_sentence() {
        let d = one(&["推动 经济"]);
        let seg = cipin_core::segment::Segmenter::default();
        let words: Vec<&str> = seg.cut("推动经济").iter().map(|t| t.word).collect();
        assert_eq!(words, ["推动", "经济"]);
        let count = |text: &str, filter: Filter| {
            let o = Options {
                filter,
                ..Options::default()
            };
            let df = count_dictionary(&Corpus::from_texts([text]), &d, &o)
                .unwrap()
                .frame;
            col_u64(&df, "count")[0]
        };
        assert_eq!(count("推动经济", Filter::default()), 1);
        // A sentence end, or a dropped token, between them.
        assert_eq!(count("推动。经济", Filter::keep_all()), 0);
        assert_eq!(count("推动，经济", Filter::default()), 0);
        assert_eq!(count("推动的经济", Filter::default()), 0);
        // Whitespace is not a token.
        assert_eq!(count("推动 经济", Filter::default()), 1);
    }

    #[test]
    fn matches_add_up_to_counts() {
        let d = Dictionary::from_map([("发展", vec!["发展*", "高质量 发展"]), ("x", vec!["y"])])
            .unwrap();
        let corpus = Corpus::from_docs(vec![
            crate::corpus::Doc::new("a", "发展是第一要务，坚持新发展理念。")
                .with_meta("year", "2024"),
            crate::corpus::Doc::new("b", "推动高质量发展，发展新质生产力。")
                .with_meta("year", "2023"),
        ]);
        let opts = Options {
            by: GroupBy::Column("year".into()),
            ..keep_stopwords()
        };
        let counts = count_dictionary(&corpus, &d, &opts).unwrap().frame;
        let matches = dictionary_matches(&corpus, &d, &opts).unwrap().frame;
        assert_eq!(col_str(&counts, "year"), ["2023", "2023", "2024", "2024"]);
        assert_eq!(
            matches.get_column_names(),
            ["year", "category", "term", "count"]
        );
        let mut sums: HashMap<(String, String), u64> = HashMap::new();
        for ((y, c), n) in col_str(&matches, "year")
            .into_iter()
            .zip(col_str(&matches, "category"))
            .zip(col_u64(&matches, "count"))
        {
            *sums.entry((y, c)).or_default() += n;
        }
        for ((y, c), n) in col_str(&counts, "year")
            .into_iter()
            .zip(col_str(&counts, "category"))
            .zip(col_u64(&counts, "count"))
        {
            assert_eq!(sums.get(&(y, c)).copied().unwrap_or(0), n);
        }
        assert!(col_u64(&counts, "count")[0] >= 2);
    }
}
