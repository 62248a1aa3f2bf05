//! A [`Dictionary`] compiled for matching runs of tokens: leftmost-longest,
//! non-overlapping within a category, each category on its own (see the
//! [module docs](super) for the rules).

use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;
use rustc_hash::FxHashMap;

use super::Dictionary;
use crate::pattern::Pattern;

/// What one word can start: the categories it matches as a one-token entry,
/// and the multi-token entries whose first part it matches.
#[derive(Debug, Default, Clone)]
pub(super) struct WordInfo {
    /// (category, entry) of the one-token entries it matches, one per
    /// category: an exact word before a pattern, then dictionary order.
    cats: Vec<(u32, u32)>,
    starts: Vec<u32>,
}

impl WordInfo {
    fn is_empty(&self) -> bool {
        self.cats.is_empty() && self.starts.is_empty()
    }
}

/// A [`Dictionary`] compiled for matching sequences of (normalised) tokens
/// with the rules of the module docs.
///
/// ```
/// use cipin_tables::dictionary::Dictionary;
/// let d = Dictionary::from_map([("富裕", vec!["共同 富裕", "富裕"]), ("发展", vec!["发展*"])]).unwrap();
/// let m = d.matcher(Default::default());
/// let mut found = Vec::new();
/// m.find(&["共同", "富裕", "发展观", "富裕"], |cat, start, len| found.push((cat, start, len)));
/// assert_eq!(found, [(0, 0, 2), (1, 2, 1), (0, 3, 1)]);
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    n_cats: usize,
    /// word → (category, entry); entries are numbered across the
    /// dictionary, category after category.
    exact: FxHashMap<String, Vec<(u32, u32)>>,
    patterns: Vec<(Pattern, u32, u32)>,
    multi: Vec<(u32, u32, Vec<Pattern>)>,
    multi_exact: FxHashMap<String, Vec<u32>>,
    multi_pattern: Vec<u32>,
}

/// Scratch space of a scan.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    busy: Vec<usize>,
    touched: Vec<u32>,
    cand: Vec<(u32, usize, u32)>,
    pub(super) chars: Vec<char>,
}

impl Matcher {
    /// The matcher of `dict`, its words normalised with `norm`; with
    /// `seg`, a plain word the segmenter cuts into several tokens also
    /// matches them one after the other ([`crate::pattern::phrase_words`]).
    pub(super) fn new(dict: &Dictionary, norm: Normalizer, seg: Option<&Segmenter>) -> Matcher {
        let mut m = Matcher {
            n_cats: dict.len(),
            exact: FxHashMap::default(),
            patterns: Vec::new(),
            multi: Vec::new(),
            multi_exact: FxHashMap::default(),
            multi_pattern: Vec::new(),
        };
        let mut entry = 0u32;
        for (c, (_, entries)) in dict.categories.iter().enumerate() {
            let c = c as u32;
            for e in entries {
                let id = entry;
                entry += 1;
                let mut parts: Vec<Pattern> = e.split(' ').map(|p| Pattern::new(p, norm)).collect();
                // A word the segmenter cuts is the phrase of its tokens
                // (besides the word itself, which a user word keeps whole).
                if let (Some(seg), [Pattern::Exact(w)]) = (seg, parts.as_slice()) {
                    if let Some(words) = crate::pattern::phrase_words(w, seg) {
                        let cats = m.exact.entry(w.clone()).or_default();
                        if !cats.iter().any(|&(k, _)| k == c) {
                            cats.push((c, id));
                        }
                        parts = words.into_iter().map(Pattern::Exact).collect();
                    }
                }
                if parts.len() == 1 {
                    match parts.into_iter().next().expect("one part") {
                        Pattern::Exact(w) => {
                            let cats = m.exact.entry(w).or_default();
                            if !cats.iter().any(|&(k, _)| k == c) {
                                cats.push((c, id));
                            }
                        }
                        p => m.patterns.push((p, c, id)),
                    }
                } else {
                    let multi_id = m.multi.len() as u32;
                    match &parts[0] {
                        Pattern::Exact(w) => {
                            m.multi_exact.entry(w.clone()).or_default().push(multi_id)
                        }
                        _ => m.multi_pattern.push(multi_id),
                    }
                    m.multi.push((c, id, parts));
                }
            }
        }
        m
    }

    /// Number of categories.
    pub fn categories(&self) -> usize {
        self.n_cats
    }

    pub(super) fn info(&self, word: &str, chars: &mut Vec<char>) -> WordInfo {
        let mut info = WordInfo::default();
        if let Some(c) = self.exact.get(word) {
            info.cats.extend_from_slice(c);
        }
        for (p, c, e) in &self.patterns {
            if !info.cats.iter().any(|(k, _)| k == c) && p.matches(word, chars) {
                info.cats.push((*c, *e));
            }
        }
        if let Some(s) = self.multi_exact.get(word) {
            info.starts.extend_from_slice(s);
        }
        for &id in &self.multi_pattern {
            if self.multi[id as usize].2[0].matches(word, chars) {
                info.starts.push(id);
            }
        }
        info
    }

    /// Scan `n` adjacent tokens (word `i` is `word(i)`, its [`WordInfo`]
    /// `info(i)`) and call `emit(category, start, len, entry)` for every
    /// match counted, by position then category.
    pub(super) fn scan<'w>(
        &self,
        n: usize,
        info: impl Fn(usize) -> &'w WordInfo,
        word: impl Fn(usize) -> &'w str,
        sc: &mut Scratch,
        mut emit: impl FnMut(u32, usize, usize, u32),
    ) {
        if sc.busy.len() < self.n_cats {
            sc.busy.resize(self.n_cats, 0);
        }
        for i in 0..n {
            let wi = info(i);
            if wi.is_empty() {
                continue;
            }
            sc.cand.clear();
            sc.cand.extend(wi.cats.iter().map(|&(c, e)| (c, 1, e)));
            for &id in &wi.starts {
                let (c, e, parts) = &self.multi[id as usize];
                let len = parts.len();
                if i + len <= n
                    && parts[1..]
                        .iter()
                        .enumerate()
                        .all(|(j, p)| p.matches(word(i + 1 + j), &mut sc.chars))
                {
                    sc.cand.push((*c, len, *e));
                }
            }
            // Longest first within a category; among equally long entries
            // the first found (a stable sort), so the weight is well defined.
            sc.cand.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut last = u32::MAX;
            for k in 0..sc.cand.len() {
                let (c, len, e) = sc.cand[k];
                if c == last {
                    continue;
                }
                last = c;
                if sc.busy[c as usize] <= i {
                    if sc.busy[c as usize] == 0 {
                        sc.touched.push(c);
                    }
                    sc.busy[c as usize] = i + len;
                    emit(c, i, len, e);
                }
            }
        }
        for c in sc.touched.drain(..) {
            sc.busy[c as usize] = 0;
        }
    }

    /// Find the matches in a run of adjacent tokens (already normalised and
    /// filtered): `emit(category index, start, number of tokens)` for each
    /// match counted, in order of position, then category.
    pub fn find<S: AsRef<str>>(&self, tokens: &[S], emit: impl FnMut(usize, usize, usize)) {
        let mut sc = Scratch::default();
        self.find_with(tokens, &mut sc, emit)
    }

    fn find_with<S: AsRef<str>>(
        &self,
        tokens: &[S],
        sc: &mut Scratch,
        mut emit: impl FnMut(usize, usize, usize),
    ) {
        let mut chars = Vec::new();
        let infos: Vec<WordInfo> = tokens
            .iter()
            .map(|t| self.info(t.as_ref(), &mut chars))
            .collect();
        self.scan(
            tokens.len(),
            |i| &infos[i],
            |i| tokens[i].as_ref(),
            sc,
            |c, s, l, _| emit(c as usize, s, l),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(d: &Dictionary, tokens: &[&str]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        d.matcher(Normalizer::default())
            .find(tokens, |c, s, l| out.push((c, s, l)));
        out
    }

    fn one(entries: &[&str]) -> Dictionary {
        Dictionary::from_map([("c", entries.to_vec())]).unwrap()
    }

    #[test]
    fn globs() {
        let m = |p: &str, w: &str| !find(&one(&[p]), &[w]).is_empty();
        assert!(m("发展*", "发展") && m("发展*", "发展观") && !m("发展*", "高质量发展"));
        assert!(m("*工程", "千万工程") && m("*工程", "工程") && !m("*工程", "工程师"));
        assert!(m("?", "党") && !m("?", "党委") && m("??", "党委") && !m("??", "党"));
        assert!(m("*", "任何") && m("共*富?", "共同富裕") && !m("共*富?", "共同富"));
        assert!(m("a*b*c", "aXbYc") && !m("a*b*c", "aXbY"));
        // Exact words do not match parts of tokens.
        assert!(!m("发展", "发展观") && m("发展", "发展"));
    }

    #[test]
    fn regex_is_anchored() {
        let m = |p: &str, w: &str| !find(&one(&[p]), &[w]).is_empty();
        assert!(m("re:[0-9]+年", "2024年") && !m("re:[0-9]+年", "2024年初"));
        assert!(m("re:发展|建设", "建设") && !m("re:发展|建设", "建设者"));
    }

    #[test]
    fn entries_are_normalised_as_the_text() {
        // Traditional characters and full-width forms find their normal forms;
        // a full-width `？` is not a wildcard.
        let m = |p: &str, w: &str| !find(&one(&[p]), &[w]).is_empty();
        assert!(m("發展*", "发展观") && m("書記", "书记") && m("ＧＤＰ", "GDP"));
        assert!(m("好？", "好？") && !m("好？", "好的"));
    }

    #[test]
    fn a_token_counts_once_per_category() {
        let d = Dictionary::from_map([
            ("发展", vec!["发展", "发展*", "re:发.*"]),
            ("也发展", vec!["发展"]),
        ])
        .unwrap();
        assert_eq!(find(&d, &["发展", "了"]), [(0, 0, 1), (1, 0, 1)]);
    }

    #[test]
    fn multi_word_longest_match_without_overlap() {
        let d = Dictionary::from_map([
            ("a", vec!["共同", "共同 富裕", "共同 富裕 示范区"]),
            ("b", vec!["富裕 示范区", "富裕"]),
        ])
        .unwrap();
        // `a` takes the three tokens; `b` takes 富裕 示范区 on its own.
        assert_eq!(
            find(&d, &["共同", "富裕", "示范区"]),
            [(0, 0, 3), (1, 1, 2)]
        );
        // Overlapping matches of one category count once.
        let d = one(&["A B", "B C"]);
        assert_eq!(find(&d, &["A", "B", "C"]), [(0, 0, 2)]);
        assert_eq!(find(&d, &["B", "C", "A", "B"]), [(0, 0, 2), (0, 2, 2)]);
        // Parts may be patterns; a run too short does not match.
        let d = one(&["共同 富*", "re:[0-9]+ 年"]);
        assert_eq!(
            find(&d, &["共同", "富裕", "3", "年"]),
            [(0, 0, 2), (0, 2, 2)]
        );
        assert!(find(&d, &["共同"]).is_empty());
    }
}
