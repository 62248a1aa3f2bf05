//! Counting without a string per token.
//!
//! Every chunk of work interns the words it meets in a [`Vocab`] (an
//! [`Interner`] from the word to a small id, the word stored once, with the
//! verdict of the token filter cached beside it), counts ids, and hands its
//! counts to the global [`Counts`], which interns each chunk's *distinct*
//! words once more. A token costs one lookup of a borrowed `&str` (a table
//! index for one-character words, an integer hash for words of up to 15
//! bytes); a string is allocated only the first time a chunk meets a word.

use std::borrow::Cow;

use cipin_core::segment::Segmenter;
use cipin_core::sentences::split_sentences;
use cipin_core::stopwords::is_space;
use rustc_hash::FxHashMap;

use crate::engine::{Stats, Text};
use crate::filter::Filter;

/// Strings to dense `u32` ids, each string stored once.
///
/// Three indexes, by the length of the string: a direct table for
/// one-character strings of the Basic Multilingual Plane (most Chinese
/// tokens and all punctuation), a map from the bytes packed in a `u128`
/// for strings of up to 15 bytes (five CJK characters), and a string map
/// for longer ones. None of them compares strings byte by byte on a hit.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interner {
    /// The strings, end to end (one allocation for all of them).
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
    /// Allocated on the first one-character string.
    single: Vec<u32>,
    short: FxHashMap<u128, u32>,
    /// Longer strings by a 64-bit hash of their bytes, the string itself
    /// read back from `text`: keying the map by an owned copy stored every
    /// long string twice, which for n-grams (nearly all longer than 15
    /// bytes, millions of them on a large corpus) was most of the memory.
    long: FxHashMap<u64, u32>,
    /// The rare long strings whose hash another string had first.
    collided: FxHashMap<Box<str>, u32>,
}

/// The hash of a long string (for [`Interner::long`]).
#[inline]
fn long_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.write_usize(s.len());
    h.finish()
}

/// Where an [`Interner`] indexes a string.
enum Slot {
    Single(usize),
    Short(u128),
    Long,
}

#[inline]
fn slot(s: &str) -> Slot {
    let b = s.as_bytes();
    if !b.is_empty() && b.len() <= 3 {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Slot::Single(c as usize);
        }
    }
    if b.len() <= 15 {
        Slot::Short(pack(s))
    } else {
        Slot::Long
    }
}

impl Interner {
    /// The id of `s`, interning it if new; `true` when it was new.
    #[inline]
    pub fn intern_new(&mut self, s: &str) -> (u32, bool) {
        let next = self.ends.len() as u32;
        let id = match slot(s) {
            Slot::Single(c) => {
                if let Some(&id) = self.single.get(c).filter(|&&id| id != u32::MAX) {
                    return (id, false);
                }
                if self.single.is_empty() {
                    self.single = vec![u32::MAX; 0x10000];
                }
                self.single[c] = next;
                next
            }
            Slot::Short(key) => *self.short.entry(key).or_insert(next),
            Slot::Long => {
                let h = long_hash(s);
                match self.long.get(&h) {
                    None => {
                        self.long.insert(h, next);
                        next
                    }
                    Some(&id) if self.str(id) == s => id,
                    Some(_) => *self.collided.entry(s.into()).or_insert(next),
                }
            }
        };
        if id == next {
            self.text.push_str(s);
            self.ends.push(self.text.len());
            (id, true)
        } else {
            (id, false)
        }
    }

    /// The id of `s`, interning it if new.
    #[inline]
    pub fn intern(&mut self, s: &str) -> u32 {
        self.intern_new(s).0
    }

    /// The id of `s`, if interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        match slot(s) {
            Slot::Single(c) => self.single.get(c).copied().filter(|&id| id != u32::MAX),
            Slot::Short(key) => self.short.get(&key).copied(),
            Slot::Long => match self.long.get(&long_hash(s)) {
                Some(&id) if self.str(id) == s => Some(id),
                Some(_) => self.collided.get(s).copied(),
                None => None,
            },
        }
    }

    /// The string of an id.
    #[inline]
    pub fn str(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The bytes of a string of at most 15 bytes, with its length, as one
/// number. Read with (overlapping) unaligned loads straight from the
/// string, so no byte goes through a stack buffer.
#[inline]
fn pack(word: &str) -> u128 {
    let b = word.as_bytes();
    let n = b.len();
    debug_assert!(n <= 15);
    let le64 = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
    let le32 = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as u64;
    let (lo, hi) = if n >= 8 {
        (
            le64(0),
            le64(n - 8).checked_shr(((16 - n) * 8) as u32).unwrap_or(0),
        )
    } else if n >= 4 {
        (le32(0) | (le32(n - 4) >> ((8 - n) * 8)) << 32, 0)
    } else {
        let mut v = 0u64;
        for (i, &x) in b.iter().enumerate() {
            v |= (x as u64) << (8 * i);
        }
        (v, 0)
    };
    (lo as u128) | ((hi | (n as u64) << 56) as u128) << 64
}

/// A chunk's words, with the token filter's verdict on each.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    pub terms: Interner,
    keep: Vec<bool>,
}

impl Vocab {
    /// The id of `word` and whether the (POS-independent) filter keeps it.
    #[inline]
    pub fn lookup(&mut self, word: &str, filter: &Filter) -> (u32, bool) {
        let (id, new) = self.terms.intern_new(word);
        if new {
            self.keep.push(filter.keep_term(word));
        }
        (id, self.keep[id as usize])
    }
}

/// A token event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ev {
    /// A kept token, by id.
    Term(u32),
    /// A token the filter drops (it breaks adjacency).
    Drop,
    /// The end of a sentence.
    Boundary,
}

/// Normalise and segment `text` with `seg` (exactly as
/// [`Segmenter::for_each_normalized`]), filter each token, and call `f`
/// with each event. Whitespace tokens that are dropped produce no event at
/// all (they neither count nor break adjacency). With `sentences`, a
/// [`Ev::Boundary`] follows every sentence. Counts `stats`.
///
/// A document given as tokens ([`crate::corpus::Doc::segmented`]) is not
/// segmented: its own tokens are filtered and reported the same way, with
/// (under `sentences`) a [`Ev::Boundary`] where a sentence starts and an
/// [`Ev::Drop`] where tokens are missing, so that adjacency means the same
/// for both.
pub(crate) fn walk(
    seg: &Segmenter,
    filter: &Filter,
    vocab: &mut Vocab,
    text: Text<'_>,
    sentences: bool,
    stats: &mut Stats,
    mut f: impl FnMut(Ev, &Vocab),
) {
    if let Some(tokens) = text.tokens {
        for (i, t) in tokens.iter(text.str).enumerate() {
            if sentences && i > 0 {
                if t.sentence {
                    f(Ev::Boundary, vocab);
                } else if t.gap {
                    f(Ev::Drop, vocab);
                }
            }
            token(t.word, t.pos, vocab, filter, stats, &mut f);
        }
        if sentences {
            f(Ev::Boundary, vocab);
        }
        return;
    }
    let norm: Cow<'_, str> = seg.normalizer().normalize(text.str);
    if sentences {
        for s in split_sentences(&norm) {
            seg.for_each_token(s, |t| token(t.word, t.pos, vocab, filter, stats, &mut f));
            f(Ev::Boundary, vocab);
        }
    } else {
        seg.for_each_token(&norm, |t| {
            token(t.word, t.pos, vocab, filter, stats, &mut f)
        });
    }
}

#[inline]
fn token(
    word: &str,
    tag: Option<&str>,
    vocab: &mut Vocab,
    filter: &Filter,
    stats: &mut Stats,
    f: &mut impl FnMut(Ev, &Vocab),
) {
    let (id, keep) = vocab.lookup(word, filter);
    if !keep && is_space(word) {
        if filter.drop_space {
            return;
        }
    } else {
        stats.tokens += 1;
    }
    if keep && filter.keep_pos(tag) {
        stats.counted += 1;
        f(Ev::Term(id), vocab);
    } else {
        f(Ev::Drop, vocab);
    }
}

/// Per-document counts of ids: a dense scratch vector and the ids touched.
#[derive(Debug, Default)]
pub(crate) struct Bag {
    counts: Vec<u32>,
    touched: Vec<u32>,
    total: u64,
}

impl Bag {
    #[inline]
    pub fn add(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize((i + 1).max(self.counts.len() * 2), 0);
        }
        if self.counts[i] == 0 {
            self.touched.push(id);
        }
        self.counts[i] += 1;
        self.total += 1;
    }
}

/// Counts of one key in one group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub count: u64,
    /// Documents of the group containing the key.
    pub df: u64,
    first_doc: u64,
    last_doc: u64,
}

/// Totals of one group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupStat {
    /// Documents in the group.
    pub docs: u64,
    /// Keys counted in the group (kept tokens, n-grams).
    pub tokens: u64,
    /// The first document of the group (corpus index).
    pub first_doc: u64,
    last_doc: u64,
}

/// Counts per (group, key), as a chunk or as the whole corpus. The cells
/// of group 0 (the only one of an ungrouped table) are a dense vector
/// indexed by key; the others a map keyed by [`cell_key`].
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub groups: Interner,
    pub stats: Vec<GroupStat>,
    first: Vec<Cell>,
    rest: FxHashMap<u64, Cell>,
}

#[inline]
pub(crate) fn cell_key(group: u32, key: u32) -> u64 {
    (group as u64) << 32 | key as u64
}

const EMPTY: Cell = Cell {
    count: 0,
    df: 0,
    first_doc: 0,
    last_doc: u64::MAX,
};

impl Table {
    /// The cell of `(group, key)`, created empty (`count == 0`) if new.
    #[inline]
    fn cell_mut(&mut self, group: u32, key: u32) -> &mut Cell {
        if group == 0 {
            let k = key as usize;
            if k >= self.first.len() {
                self.first
                    .resize((k + 1).max(self.first.len() * 2).max(1024), EMPTY);
            }
            &mut self.first[k]
        } else {
            self.rest.entry(cell_key(group, key)).or_insert(EMPTY)
        }
    }

    /// Every non-empty cell as `(group, key, cell)`, in no particular order.
    pub fn cells(&self) -> impl Iterator<Item = (u32, u32, &Cell)> + '_ {
        self.first
            .iter()
            .enumerate()
            .filter(|(_, c)| c.last_doc != u64::MAX)
            .map(|(k, c)| (0, k as u32, c))
            .chain(
                self.rest
                    .iter()
                    .map(|(&k, c)| ((k >> 32) as u32, (k & 0xFFFF_FFFF) as u32, c)),
            )
    }

    /// Add one document (or a piece of one: pieces share `doc_idx` and must
    /// come in order) from its bag, emptying the bag.
    pub fn add_doc(&mut self, group: &str, doc_idx: u64, bag: &mut Bag) {
        let g = self.groups.intern(group);
        if g as usize == self.stats.len() {
            self.stats.push(GroupStat {
                docs: 0,
                tokens: 0,
                first_doc: doc_idx,
                last_doc: u64::MAX,
            });
        }
        let st = &mut self.stats[g as usize];
        if st.last_doc != doc_idx {
            st.docs += 1;
            st.last_doc = doc_idx;
        }
        st.tokens += bag.total;
        for i in 0..bag.touched.len() {
            let id = bag.touched[i];
            let n = std::mem::take(&mut bag.counts[id as usize]) as u64;
            let c = self.cell_mut(g, id);
            if c.last_doc == u64::MAX {
                c.first_doc = doc_idx;
            }
            c.count += n;
            if c.last_doc != doc_idx {
                c.df += 1;
                c.last_doc = doc_idx;
            }
        }
        bag.touched.clear();
        bag.total = 0;
    }
}

/// Corpus-wide counts: keys (terms or n-grams) and a [`Table`].
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub keys: Interner,
    pub table: Table,
}

impl Counts {
    /// Merge a chunk's table, whose keys are strings of `keys`. Chunks must
    /// be merged in corpus order (a document split over two chunks is then
    /// counted once in `df` and `docs`).
    pub fn merge(&mut self, keys: &Interner, chunk: Table) {
        let mut key_map = vec![u32::MAX; keys.len()];
        let group_map: Vec<u32> = (0..chunk.groups.len() as u32)
            .map(|g| self.table.groups.intern(chunk.groups.str(g)))
            .collect();
        for (g, st) in chunk.stats.iter().enumerate() {
            let gg = group_map[g] as usize;
            if gg == self.table.stats.len() {
                self.table.stats.push(*st);
                continue;
            }
            let mine = &mut self.table.stats[gg];
            mine.docs += st.docs - u64::from(mine.last_doc == st.first_doc);
            mine.tokens += st.tokens;
            mine.last_doc = st.last_doc;
        }
        for (g, id, c) in chunk.cells() {
            let id = id as usize;
            if key_map[id] == u32::MAX {
                key_map[id] = self.keys.intern(keys.str(id as u32));
            }
            let mine = self.table.cell_mut(group_map[g as usize], key_map[id]);
            if mine.last_doc == u64::MAX {
                *mine = *c;
            } else {
                mine.count += c.count;
                mine.df += c.df - u64::from(mine.last_doc == c.first_doc);
                mine.last_doc = c.last_doc;
            }
        }
    }

    /// Add a group's totals from a partial table ([`crate::merge`]): a new
    /// group is interned (so groups added in order of first document get
    /// the ids a pass over the whole corpus gives them), a known one sums.
    pub fn add_group(&mut self, name: &str, docs: u64, tokens: u64, first_doc: u64) -> u32 {
        let g = self.table.groups.intern(name);
        if g as usize == self.table.stats.len() {
            self.table.stats.push(GroupStat {
                docs,
                tokens,
                first_doc,
                last_doc: first_doc,
            });
        } else {
            let st = &mut self.table.stats[g as usize];
            st.docs += docs;
            st.tokens += tokens;
            st.first_doc = st.first_doc.min(first_doc);
        }
        g
    }

    /// Add a cell's sums from a partial table ([`crate::merge`]): the parts
    /// hold disjoint documents, so counts and document frequencies add.
    pub fn add_cell(&mut self, group: u32, key: &str, count: u64, df: u64) {
        let k = self.keys.intern(key);
        let c = self.table.cell_mut(group, k);
        if c.last_doc == u64::MAX {
            *c = Cell {
                count,
                df,
                first_doc: 0,
                last_doc: 0,
            };
        } else {
            c.count += count;
            c.df += df;
        }
    }

    /// The groups in table order: by value for metadata columns, else in
    /// order of first appearance. Returns `rank[group id]`.
    pub fn group_ranks(&self, sorted: bool) -> Vec<u32> {
        let n = self.table.groups.len();
        if !sorted {
            return (0..n as u32).collect();
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| self.table.groups.str(a).cmp(self.table.groups.str(b)));
        let mut rank = vec![0u32; n];
        for (r, g) in order.into_iter().enumerate() {
            rank[g as usize] = r as u32;
        }
        rank
    }

    /// Groups in table order.
    pub fn groups_in_order(&self, sorted: bool) -> Vec<u32> {
        let rank = self.group_ranks(sorted);
        let mut order: Vec<u32> = (0..rank.len() as u32).collect();
        order.sort_by_key(|&g| rank[g as usize]);
        order
    }

    /// All cells as `(group, key, cell)`, sorted by group (table order),
    /// count descending, key ascending.
    pub fn sorted_rows(&self, sorted_groups: bool) -> Vec<(u32, u32, Cell)> {
        let rank = self.group_ranks(sorted_groups);
        let mut rows: Vec<(u32, u32, Cell)> =
            self.table.cells().map(|(g, k, &c)| (g, k, c)).collect();
        rows.sort_unstable_by(|a, b| {
            rank[a.0 as usize]
                .cmp(&rank[b.0 as usize])
                .then(b.2.count.cmp(&a.2.count))
                .then_with(|| self.keys.str(a.1).cmp(self.keys.str(b.1)))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_is_injective_on_short_words() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmno",
            "abcdefghijklmn",
            "共",
            "共同",
            "共同富",
            "共同富裕",
            "共同富裕区",
            "a共",
            "共a",
            "\u{0}",
            "\u{0}\u{0}",
        ];
        let mut seen = std::collections::HashMap::new();
        for w in words {
            if let Some(prev) = seen.insert(pack(w), w) {
                panic!("{prev:?} and {w:?} pack the same");
            }
        }
        // Every prefix of a 15-byte word packs differently.
        let w = "共同富裕区a";
        let keys: std::collections::HashSet<u128> = (0..=w.len())
            .filter(|&i| w.is_char_boundary(i))
            .map(|i| pack(&w[..i]))
            .collect();
        assert_eq!(keys.len(), w.char_indices().count() + 1);
    }

    #[test]
    fn long_strings_intern_by_hash_and_survive_collisions() {
        let mut i = Interner::default();
        let long: Vec<String> = (0..2000).map(|k| format!("共同富裕示范区 {k}")).collect();
        let ids: Vec<u32> = long.iter().map(|w| i.intern(w)).collect();
        for (w, &id) in long.iter().zip(&ids) {
            assert_eq!(i.intern(w), id);
            assert_eq!(i.get(w), Some(id));
            assert_eq!(i.str(id), w);
        }
        assert_eq!(i.get("共同富裕示范区 not here"), None);
        // A collision: a second string under the hash the first one holds
        // (forced here, as real 64-bit collisions are too rare to find).
        let a = "一二三四五六七八九十";
        let b = "十九八七六五四三二一";
        let ia = i.intern(a);
        i.long.insert(long_hash(b), ia);
        let ib = i.intern(b);
        assert_ne!(ia, ib);
        assert_eq!(i.str(ib), b);
        assert_eq!((i.get(a), i.get(b)), (Some(ia), Some(ib)));
        assert_eq!(i.intern(b), ib);
    }

    #[test]
    fn vocab_ids_are_stable_across_paths() {
        let f = Filter::keep_all();
        let mut v = Vocab::default();
        let words = [
            "的",
            "共同富裕",
            "，",
            "a",
            "一二三四五六七八九十",
            "x",
            "共同富裕",
        ];
        let ids: Vec<u32> = words.iter().map(|w| v.lookup(w, &f).0).collect();
        assert_eq!(ids, vec![0, 1, 2, 3, 4, 5, 1]);
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(v.terms.str(*id), *w);
        }
        let (_, keep) = v.lookup("，", &Filter::default());
        assert!(
            keep,
            "the verdict is cached per vocab (one filter per pass)"
        );
    }
}
