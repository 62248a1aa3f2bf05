//! Keywords per document: the top `k` terms by TF-IDF and by TextRank.

use std::collections::BTreeSet;

use jieba_rs::{KeywordExtract, KeywordExtractConfig, TfIdf};
use polars::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::count::{walk, Bag, Counts, Ev, Table, Vocab};
use crate::engine::{self, Key};
use crate::error::{Error, Result};
use crate::tables::{Idf, Options, Output};

/// Where the idf of TF-IDF keywords comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdfSource {
    /// The corpus itself, smooth idf ([`Idf::Smooth`]; documents are
    /// [`crate::corpus::Doc`]s).
    #[default]
    #[serde(alias = "smooth")]
    Corpus,
    /// The corpus itself, raw idf ([`Idf::Raw`]).
    Raw,
    /// jieba's embedded idf table (computed on a large general corpus), as
    /// `jieba.analyse.extract_tags`: words not in it get its median idf.
    Jieba,
}

impl IdfSource {
    /// The corpus idf formula (`None` for jieba's table).
    pub fn corpus_idf(self) -> Option<Idf> {
        match self {
            IdfSource::Corpus => Some(Idf::Smooth),
            IdfSource::Raw => Some(Idf::Raw),
            IdfSource::Jieba => None,
        }
    }
}

impl std::str::FromStr for IdfSource {
    type Err = Error;
    fn from_str(s: &str) -> Result<IdfSource> {
        match s {
            "corpus" | "smooth" => Ok(IdfSource::Corpus),
            "raw" => Ok(IdfSource::Raw),
            "jieba" => Ok(IdfSource::Jieba),
            other => Err(Error::invalid(format!(
                "unknown idf source `{other}` (expected corpus, raw or jieba)"
            ))),
        }
    }
}

impl std::fmt::Display for IdfSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdfSource::Corpus => "corpus",
            IdfSource::Raw => "raw",
            IdfSource::Jieba => "jieba",
        })
    }
}

/// Which keyword lists [`keywords`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// TF-IDF only.
    Tfidf,
    /// TextRank only.
    Textrank,
    /// Both, TF-IDF first.
    #[default]
    Both,
}

impl Method {
    /// Whether TF-IDF keywords are made.
    pub fn tfidf(self) -> bool {
        self != Method::Textrank
    }

    /// Whether TextRank keywords are made.
    pub fn textrank(self) -> bool {
        self != Method::Tfidf
    }
}

impl std::str::FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Method> {
        match s {
            "tfidf" => Ok(Method::Tfidf),
            "textrank" => Ok(Method::Textrank),
            "both" => Ok(Method::Both),
            other => Err(Error::invalid(format!(
                "unknown keyword method `{other}` (expected tfidf, textrank or both)"
            ))),
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Method::Tfidf => "tfidf",
            Method::Textrank => "textrank",
            Method::Both => "both",
        })
    }
}

/// The parameters of [`keywords`], with the defaults of every surface (the
/// library, `cipin keywords`, `cipin.keywords`), as jieba-rs's
/// `KeywordExtractConfig`.
///
/// ```
/// use cipin_tables::keywords::{IdfSource, KeywordsConfig, Method};
///
/// let c = KeywordsConfig::default();
/// assert_eq!((c.k, c.method, c.idf, c.span), (10, Method::Both, IdfSource::Corpus, 5));
/// let j: KeywordsConfig = serde_json::from_str(r#"{"k": 3, "idf": "jieba"}"#).unwrap();
/// assert_eq!((j.k, j.idf), (3, IdfSource::Jieba));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeywordsConfig {
    /// Keywords per document and method.
    pub k: usize,
    /// TF-IDF, TextRank, or both.
    pub method: Method,
    /// Where TF-IDF's idf comes from.
    pub idf: IdfSource,
    /// TextRank's window: tokens less than `span` apart are linked (jieba's 5).
    pub span: usize,
}

impl Default for KeywordsConfig {
    fn default() -> Self {
        KeywordsConfig {
            k: 10,
            method: Method::Both,
            idf: IdfSource::Corpus,
            span: 5,
        }
    }
}

type Ranked = Vec<(String, f64)>;

#[derive(Default)]
struct Chunk {
    vocab: Vocab,
    table: Table,
    bag: Bag,
    seq: Vec<Option<u32>>,
    /// `(doc_idx, id, method, keywords)`.
    rows: Vec<(u64, String, &'static str, Ranked)>,
}

/// Keywords of every document ([`crate::corpus::Doc`]).
///
/// Columns: `id, method, rank, keyword, score`, documents in corpus order,
/// `method` `tfidf` then `textrank`, `rank` from 1:
///
/// * `tfidf` with [`IdfSource::Corpus`]: `score = tf · idf` as in
///   [`crate::tables::tfidf`] (`tf` the share of the document's kept
///   tokens), documents being the corpus's documents (documents sharing
///   an id are one);
/// * `tfidf` with [`IdfSource::Jieba`]: jieba's `extract_tags` on the
///   normalised text (jieba's own segmentation, with the filter's
///   stopwords, minimum length and POS include list; punctuation and
///   numbers dropped after), `score = tf · idf_jieba`;
/// * `textrank`: PageRank (damping 0.85, 20 iterations) on the graph of
///   kept tokens linked when fewer than `span` tokens apart (dropped
///   tokens keep their place, as in jieba), edges weighted by the number
///   of such co-occurrences; scores divided by the document's highest.
///
/// Ties are broken by keyword. `opts.by` and `opts.top` are ignored.
pub fn keywords(corpus: &Corpus, opts: &Options, kw: &KeywordsConfig) -> Result<Output> {
    let (seg, filter) = (&opts.segmenter, &opts.filter);
    filter.check(seg)?;
    if kw.span < 2 {
        return Err(Error::invalid("the TextRank span must be at least 2"));
    }
    let tfidf = kw.method.tfidf().then_some(kw.idf);
    let corpus_idf = tfidf.and_then(IdfSource::corpus_idf);
    let jieba_tfidf = match tfidf {
        Some(IdfSource::Jieba) => {
            let stop: BTreeSet<String> = filter
                .stopwords
                .list()
                .map(|l| l.words().into_iter().map(String::from).collect())
                .unwrap_or_default();
            let config = KeywordExtractConfig::builder()
                .set_stop_words(stop)
                .min_keyword_length(filter.min_len.max(1))
                .use_hmm(seg.hmm())
                .build();
            let mut t = TfIdf::default();
            *t.config_mut() = config;
            Some(t)
        }
        _ => None,
    };
    let mut counts = Counts::default();
    let mut rows: Vec<(u64, String, &'static str, Ranked)> = Vec::new();
    engine::run(
        corpus,
        false,
        |d| Key::Group(&d.id),
        Chunk::default,
        |st, stats, it| {
            let Chunk {
                vocab,
                table,
                bag,
                seq,
                rows,
            } = st;
            seq.clear();
            walk(
                seg,
                filter,
                vocab,
                it.text,
                false,
                stats,
                |ev, _| match ev {
                    Ev::Term(id) => {
                        if corpus_idf.is_some() {
                            bag.add(id);
                        }
                        if kw.method.textrank() {
                            seq.push(Some(id));
                        }
                    }
                    _ => {
                        if kw.method.textrank() {
                            seq.push(None)
                        }
                    }
                },
            );
            table.add_doc(it.group, it.doc_idx, bag);
            if let Some(t) = &jieba_tfidf {
                let norm = seg.normalizer().normalize(&it.text);
                let found =
                    t.extract_keywords(seg.jieba(), &norm, usize::MAX, filter.pos_include.clone());
                let ranked: Ranked = found
                    .into_iter()
                    .filter(|k| filter.keep_term(&k.keyword))
                    .take(kw.k)
                    .map(|k| (k.keyword, k.weight))
                    .collect();
                rows.push((it.doc_idx, it.doc.id.clone(), "tfidf", ranked));
            }
            if kw.method.textrank() {
                let mut ranked: Vec<(&str, f64)> = textrank(seq, kw.span)
                    .into_iter()
                    .map(|(id, s)| (vocab.terms.str(id), s))
                    .collect();
                ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                ranked.truncate(kw.k);
                let ranked = ranked
                    .into_iter()
                    .map(|(w, s)| (w.to_string(), s))
                    .collect();
                rows.push((it.doc_idx, it.doc.id.clone(), "textrank", ranked));
            }
        },
        |st| {
            counts.merge(&st.vocab.terms, st.table);
            rows.extend(st.rows);
            Ok(())
        },
    )
    .and_then(|summary| {
        if let Some(idf) = corpus_idf {
            let n_docs = counts.table.groups.len() as u64;
            let mut df = vec![0u64; counts.keys.len()];
            for (_, k, _) in counts.table.cells() {
                df[k as usize] += 1;
            }
            let mut per_group: Vec<Vec<(u32, f64)>> = vec![Vec::new(); counts.table.groups.len()];
            for (g, key, c) in counts.table.cells() {
                let g = g as usize;
                let tf = c.count as f64 / counts.table.stats[g].tokens.max(1) as f64;
                per_group[g].push((key, tf * idf.value(n_docs, df[key as usize])));
            }
            for (g, mut list) in per_group.into_iter().enumerate() {
                list.sort_unstable_by(|a, b| {
                    b.1.total_cmp(&a.1)
                        .then_with(|| counts.keys.str(a.0).cmp(counts.keys.str(b.0)))
                });
                list.truncate(kw.k);
                let ranked = list
                    .into_iter()
                    .map(|(k, s)| (counts.keys.str(k).to_string(), s))
                    .collect();
                let first = counts.table.stats[g].first_doc;
                rows.push((
                    first,
                    counts.table.groups.str(g as u32).to_string(),
                    "tfidf",
                    ranked,
                ));
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(b.2).reverse()));
        let flat: Vec<(&str, &str, u32, &str, f64)> =
            rows.iter()
                .flat_map(|(_, id, method, ranked)| {
                    ranked.iter().enumerate().map(move |(r, (w, s))| {
                        (id.as_str(), *method, r as u32 + 1, w.as_str(), *s)
                    })
                })
                .collect();
        let frame = DataFrame::new(
            flat.len(),
            vec![
                Column::new("id".into(), flat.iter().map(|r| r.0).collect::<Vec<_>>()),
                Column::new(
                    "method".into(),
                    flat.iter().map(|r| r.1).collect::<Vec<_>>(),
                ),
                Column::new("rank".into(), flat.iter().map(|r| r.2).collect::<Vec<_>>()),
                Column::new(
                    "keyword".into(),
                    flat.iter().map(|r| r.3).collect::<Vec<_>>(),
                ),
                Column::new("score".into(), flat.iter().map(|r| r.4).collect::<Vec<_>>()),
            ],
        )?;
        Ok(Output { frame, summary })
    })
}

/// TextRank over a token sequence (`None` for dropped tokens): ids with
/// their scores divided by the highest. PageRank with damping 0.85 and 20
/// iterations on the graph of kept tokens fewer than `span` tokens apart
/// (dropped tokens keep their place), edges weighted by co-occurrences.
/// [`keywords`] uses it on interned terms; the Python binding on token tables.
///
/// ```
/// use cipin_tables::keywords::textrank;
/// // 1 is linked to 0 and 2; 0 and 2 only to 1.
/// let ranks = textrank(&[Some(0), Some(1), Some(2)], 2);
/// assert_eq!(ranks[1], (1, 1.0));
/// assert!(ranks[0].1 < 1.0 && ranks[2].1 < 1.0);
/// ```
pub fn textrank(seq: &[Option<u32>], span: usize) -> Vec<(u32, f64)> {
    let mut index: FxHashMap<u32, usize> = FxHashMap::default();
    let mut nodes: Vec<u32> = Vec::new();
    for &id in seq.iter().flatten() {
        index.entry(id).or_insert_with(|| {
            nodes.push(id);
            nodes.len() - 1
        });
    }
    let n = nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let mut edges: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    for i in 0..seq.len() {
        let Some(u) = seq[i] else { continue };
        for v in seq[i + 1..(i + span).min(seq.len())].iter().flatten() {
            if *v == u {
                continue;
            }
            let (a, b) = (index[&u], index[v]);
            *edges.entry((a.min(b), a.max(b))).or_insert(0.0) += 1.0;
        }
    }
    let mut edges: Vec<((usize, usize), f64)> = edges.into_iter().collect();
    edges.sort_unstable_by_key(|e| e.0);
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut out = vec![0.0f64; n];
    for &((a, b), w) in &edges {
        adj[a].push((b, w));
        adj[b].push((a, w));
        out[a] += w;
        out[b] += w;
    }
    let d = 0.85;
    let mut ws = vec![1.0 / n as f64; n];
    let mut next = vec![0.0f64; n];
    for _ in 0..20 {
        for i in 0..n {
            let s: f64 = adj[i].iter().map(|&(j, w)| w / out[j] * ws[j]).sum();
            next[i] = (1.0 - d) + d * s;
        }
        std::mem::swap(&mut ws, &mut next);
    }
    let max = ws.iter().cloned().fold(f64::MIN, f64::max);
    nodes
        .into_iter()
        .zip(ws)
        .map(|(id, w)| (id, w / max))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textrank_prefers_the_hub() {
        // 0 is linked to everything, 1..4 only to 0.
        let seq = [
            Some(1),
            Some(0),
            Some(2),
            None,
            Some(0),
            Some(3),
            Some(0),
            Some(4),
        ];
        let r = textrank(&seq, 2);
        let top = r
            .iter()
            .cloned()
            .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
        assert_eq!(top, (0, 1.0));
        assert!(r.iter().all(|&(_, s)| s > 0.0 && s <= 1.0));
        assert!(textrank(&[None, None], 5).is_empty());
    }
}
