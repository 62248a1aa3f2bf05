//! TextRank for token tables: the algorithm of `cipin_tables::keywords`
//! (which keeps its copy private), so that keywords of a token table and of
//! the same text agree.

use std::collections::HashMap;

/// TextRank over a token sequence (`None` for dropped tokens): ids with
/// their scores divided by the highest. PageRank with damping 0.85 and 20
/// iterations on the graph of kept tokens fewer than `span` tokens apart
/// (dropped tokens keep their place), edges weighted by co-occurrences.
pub fn textrank(seq: &[Option<u32>], span: usize) -> Vec<(u32, f64)> {
    let mut index: HashMap<u32, usize> = HashMap::new();
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
    let mut edges: HashMap<(usize, usize), f64> = HashMap::new();
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
