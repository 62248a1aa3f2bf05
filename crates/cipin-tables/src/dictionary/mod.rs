//! Dictionary counting, as quanteda's `dictionary()` + `tokens_lookup()` /
//! `dfm_lookup()` and cntext's dictionaries: how many tokens of each
//! document (or group) belong to each category of a [`Dictionary`].
//!
//! # Dictionaries
//!
//! A [`Dictionary`] is an ordered list of categories, each with entries.
//! An entry is
//!
//! * an **exact word**: `共同富裕` matches the token `共同富裕`;
//! * a **glob pattern**: `*` stands for any run of characters (none
//!   included), `?` for exactly one: `发展*` matches `发展`, `发展观`;
//!   `*工程` matches `千万工程`; `??` any two-character token;
//! * a **regular expression**, written `re:` and the expression (Rust
//!   [`regex`](https://docs.rs/regex) syntax), matched against the *whole*
//!   token: `re:[0-9]+年` matches `2024年`, not `2024年初`;
//! * a **multi-word entry**: parts separated by spaces, each an exact word, a
//!   glob or a `re:` expression, matching that many consecutive tokens:
//!   `共同 富裕` matches the tokens `共同`, `富裕` one after the other.
//!   A plain word that the segmenter cuts into several tokens is such an
//!   entry too, besides the word itself ([`Dictionary::matcher_for`], in
//!   precise mode): `高质量发展` matches the token `高质量发展` and the
//!   tokens `高质量`, `发展`, as a KWIC pattern does.
//!
//! Exact words and the literal characters of globs are normalised as the
//! text is (full-width forms, traditional characters: `發展*` finds `发展观`);
//! regular expressions are used as written. Matching is case-sensitive.
//!
//! Nested dictionaries (a category holding subcategories) are flattened
//! with `.`, as quanteda does: `{"经济": {"增长": [...], "就业": [...]}}` has
//! the categories `经济.增长` and `经济.就业`.
//!
//! Loaders: [`Dictionary::from_map`] (in memory), [`Dictionary::from_nested`],
//! [`Dictionary::from_json_str`], [`Dictionary::from_yaml_str`],
//! [`Dictionary::from_text_str`] (`category: entry entry …` lines),
//! [`Dictionary::from_liwc_str`] (LIWC / cntext `.dic`),
//! [`Dictionary::from_wordstat_str`] (WordStat `.cat`: an indented
//! hierarchy, entries `WORD (1)` with their weights),
//! [`Dictionary::from_lexicoder_str`] (Lexicoder `.lc3`: `+CATEGORY` lines
//! and their entries), and [`Dictionary::from_path`], which picks the format
//! by extension. A bad input is an error naming the file and the line and
//! the category.
//!
//! JSON and YAML: a map from category names to lists of entries (or to a
//! single entry, or to a map of subcategories, or to a map of entries to
//! their weights). cntext's YAML dictionaries (a top-level `Dictionary` map
//! beside `Name`, `Desc`, `Refer`, `Category`…) are read from their
//! `Dictionary` map, the rest ignored.
//!
//! # Weights
//!
//! An entry can carry a **weight** (valence dictionaries: `{"情感": {"好":
//! 1.0, "差": -1.0}}` in JSON or YAML, `差 (-1)` in a WordStat file; an
//! entry without one weighs 1). When a weight is not 1
//! ([`Dictionary::is_weighted`]), [`count_dictionary`] adds a `score`
//! column: per group and category, the sum of the weights of the matches
//! counted (the match counted at a position is the longest entry of the
//! category there; among equally long ones an exact word before a pattern,
//! then the first in dictionary order). A dictionary without weights (or
//! with all weights 1) gives the table it always gave.
//!
//! # Counting rules
//!
//! [`count_dictionary`] segments each document with the options' segmenter,
//! filters the tokens with the options' filter, and then, **for each
//! category on its own**, scans the kept tokens left to right: at each
//! position the longest entry of the category that matches there is
//! counted once, and the scan of that category resumes after it
//! (leftmost-longest, non-overlapping within a category; quanteda's
//! `nested_scope = "key"`). So
//!
//! * a token counts **at most once per category**, even when several
//!   entries of the category match it (`发展` and `发展*`);
//! * a token can count in **several categories** (categories are
//!   independent, as in LIWC and quanteda);
//! * a multi-word match counts **one**, and the tokens it covers are not
//!   matched again by the same category (overlapping matches of one category
//!   do not count twice); they can still count in other categories;
//! * the tokens of a multi-word match must be adjacent in the text: in one
//!   sentence, with no dropped token (punctuation; stopwords when the filter
//!   drops them) between them, as n-grams.
//!
//! Hence `count ≤ tokens` and `share ∈ [0, 1]` in every row.
//!
//! The denominator `tokens` is the number of tokens of the group that pass
//! the token filter (the total behind `share` in
//! [`frequency`](crate::tables::frequency)): with [`Filter::default`](crate::filter::Filter)
//! every token but punctuation, symbols, whitespace and the default
//! stopwords; the `cipin dictionary` command and Python's
//! `cipin.count_dictionary` keep stopwords by default (dictionaries of
//! function words, pronouns, negations need them). A stopword or a token of
//! the wrong POS is never matched.
//!
//! # Segmentation
//!
//! The segmenter is used as given. To keep the dictionary's plain words
//! whole (an entry `共同富裕` cannot match if the segmenter cuts it in two),
//! add [`Dictionary::user_words`] to the segmenter:
//! `Segmenter::builder().user_words(dict.user_words())`. The `cipin
//! dictionary` command and `cipin.count_dictionary` do so unless told not to
//! (`--no-keep-words`, `keep_words=False`).
//!
//! ```
//! use cipin_tables::corpus::Corpus;
//! use cipin_tables::dictionary::{count_dictionary, Dictionary};
//! use cipin_tables::filter::{Filter, StopwordList};
//! use cipin_tables::tables::Options;
//!
//! let dict = Dictionary::from_map([
//!     ("发展", vec!["发展*"]),
//!     ("富裕", vec!["共同富裕", "共同 富裕"]),
//!     ("民生", vec!["就业", "教育"]),
//! ]).unwrap();
//! let corpus = Corpus::from_texts(["推进共同富裕，促进高质量发展。"]);
//! let opts = Options {
//!     filter: Filter { stopwords: StopwordList::None, ..Filter::default() },
//!     ..Options::default()
//! };
//! let df = count_dictionary(&corpus, &dict, &opts).unwrap().frame;
//! assert_eq!(df.get_column_names(), ["category", "count", "tokens", "share"]);
//! let counts: Vec<u64> = df.column("count").unwrap().u64().unwrap().into_no_null_iter().collect();
//! assert_eq!(counts, [1, 1, 0]);
//! ```

mod count;
pub mod formats;
mod matcher;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use cipin_core::normalize::Normalizer;
use cipin_core::segment::Segmenter;

use crate::error::{Error, Result};
use crate::pattern::{self, anchored, Kind};

pub use count::{count_dictionary, dictionary_matches};
pub use matcher::Matcher;

// ---------------------------------------------------------------------------
// The dictionary

/// Categories (in order), each with its entries; see the module docs for
/// the entry syntax.
///
/// ```
/// use cipin_tables::dictionary::Dictionary;
///
/// let d = Dictionary::from_yaml_str("d.yaml", "经济:\n  增长: [增长, GDP]\n  发展: ['发展*']\n民生: [就业, '共同 富裕']\n").unwrap();
/// assert_eq!(d.categories().collect::<Vec<_>>(), ["经济.增长", "经济.发展", "民生"]);
/// assert_eq!(d.entries("民生").unwrap(), ["就业", "共同 富裕"]);
/// assert_eq!(d.user_words(), ["增长", "GDP", "就业"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary {
    categories: Vec<(String, Vec<String>)>,
    /// The weight of each entry of each category (1 when none was given).
    weights: Vec<Vec<f64>>,
}

/// A nested dictionary, as read from JSON or YAML: a category holds
/// entries (plain or weighted) or subcategories. [`Dictionary::from_nested`]
/// flattens it.
#[derive(Debug, Clone, PartialEq)]
pub enum Entries {
    /// Words and patterns.
    Words(Vec<String>),
    /// Words and patterns with their weights (a valence dictionary).
    Weighted(Vec<(String, f64)>),
    /// Subcategories, in order.
    Nested(Vec<(String, Entries)>),
}

/// Check an entry; `Err` says what is wrong with it.
fn check_entry(entry: &str) -> std::result::Result<(), String> {
    let mut parts = entry.split_whitespace().peekable();
    if parts.peek().is_none() {
        return Err("an empty entry".into());
    }
    for p in parts {
        if let Some(re) = p.strip_prefix("re:") {
            if re.is_empty() {
                return Err(format!("entry `{entry}`: an empty regular expression"));
            }
            anchored(re).map_err(|e| {
                format!(
                    "entry `{entry}`: bad regular expression `{re}`: {}",
                    one_line(&e.to_string())
                )
            })?;
        }
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An entry with its parts separated by single spaces.
fn tidy(entry: &str) -> String {
    entry.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Dictionary {
        Dictionary::default()
    }

    /// Add a category at the end. An error when the name is empty or already
    /// taken, or an entry is empty or a bad regular expression. Entries are
    /// kept in order, duplicates removed.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let mut d = Dictionary::new();
    /// d.add_category("正面", ["好", "优秀", "好"]).unwrap();
    /// assert_eq!(d.entries("正面").unwrap(), ["好", "优秀"]);
    /// assert!(d.add_category("正面", ["棒"]).is_err());
    /// let err = d.add_category("数字", ["re:[0-9"]).unwrap_err().to_string();
    /// assert!(err.starts_with("category `数字`: entry `re:[0-9`: bad regular expression"), "{err}");
    /// ```
    pub fn add_category<S, I, E>(&mut self, name: S, entries: I) -> Result<()>
    where
        S: Into<String>,
        I: IntoIterator<Item = E>,
        E: AsRef<str>,
    {
        self.add_weighted_category(name, entries.into_iter().map(|e| (e, 1.0)))
    }

    /// Add a category of weighted entries at the end (a valence dictionary:
    /// `好` 1, `差` -1): [`count_dictionary`]'s `score` sums the weights of
    /// the matches. The checks of [`add_category`](Self::add_category), and
    /// a weight must be finite; an entry given twice must have the same
    /// weight.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let mut d = Dictionary::new();
    /// d.add_weighted_category("情感", [("好", 1.0), ("差", -1.0), ("好", 1.0)]).unwrap();
    /// assert_eq!(d.entries("情感").unwrap(), ["好", "差"]);
    /// assert_eq!(d.weights("情感").unwrap(), [1.0, -1.0]);
    /// assert!(d.is_weighted());
    /// let err = d.add_weighted_category("b", [("好", 1.0), ("好", 2.0)]).unwrap_err();
    /// assert_eq!(err.to_string(), "category `b`: entry `好` appears twice with different weights (1 and 2)");
    /// ```
    pub fn add_weighted_category<S, I, E>(&mut self, name: S, entries: I) -> Result<()>
    where
        S: Into<String>,
        I: IntoIterator<Item = (E, f64)>,
        E: AsRef<str>,
    {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(Error::invalid("a category name is empty"));
        }
        if self.categories.iter().any(|(n, _)| *n == name) {
            return Err(Error::invalid(format!("category `{name}` appears twice")));
        }
        let mut seen: HashMap<String, f64> = HashMap::new();
        let mut list = Vec::new();
        let mut weights = Vec::new();
        for (e, w) in entries {
            let e = e.as_ref();
            check_entry(e).map_err(|m| Error::invalid(format!("category `{name}`: {m}")))?;
            let e = tidy(e);
            if !w.is_finite() {
                return Err(Error::invalid(format!(
                    "category `{name}`: entry `{e}`: the weight {w} is not a finite number"
                )));
            }
            match seen.get(&e) {
                Some(&old) if old != w => {
                    return Err(Error::invalid(format!(
                        "category `{name}`: entry `{e}` appears twice with different weights ({old} and {w})"
                    )))
                }
                Some(_) => {}
                None => {
                    seen.insert(e.clone(), w);
                    list.push(e);
                    weights.push(w);
                }
            }
        }
        self.categories.push((name, list));
        self.weights.push(weights);
        Ok(())
    }

    /// A dictionary from `(category, entries)` pairs, in their order (a
    /// `BTreeMap` gives sorted categories, a `Vec` or an `IndexMap` its own
    /// order).
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_map([("正面", vec!["好", "优秀"]), ("负面", vec!["差"])]).unwrap();
    /// assert_eq!(d.len(), 2);
    /// ```
    pub fn from_map<I, K, V, E>(pairs: I) -> Result<Dictionary>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: IntoIterator<Item = E>,
        E: AsRef<str>,
    {
        let mut d = Dictionary::new();
        for (k, v) in pairs {
            d.add_category(k, v)?;
        }
        Ok(d)
    }

    /// A dictionary from a nested tree, subcategory names joined to their
    /// parent's with `.`.
    ///
    /// ```
    /// use cipin_tables::dictionary::{Dictionary, Entries};
    /// let tree = vec![(
    ///     "经济".to_string(),
    ///     Entries::Nested(vec![("增长".to_string(), Entries::Words(vec!["增长".into()]))]),
    /// )];
    /// let d = Dictionary::from_nested(tree).unwrap();
    /// assert_eq!(d.categories().collect::<Vec<_>>(), ["经济.增长"]);
    /// ```
    pub fn from_nested(tree: Vec<(String, Entries)>) -> Result<Dictionary> {
        fn add(d: &mut Dictionary, prefix: &str, tree: Vec<(String, Entries)>) -> Result<()> {
            for (k, v) in tree {
                let name = if prefix.is_empty() {
                    k
                } else {
                    format!("{prefix}.{k}")
                };
                match v {
                    Entries::Words(w) => d.add_category(name, w)?,
                    Entries::Weighted(w) => d.add_weighted_category(name, w)?,
                    Entries::Nested(sub) if sub.is_empty() => {
                        return Err(Error::invalid(format!(
                            "category `{name}` is an empty map (give it entries or subcategories)"
                        )))
                    }
                    Entries::Nested(sub) => add(d, &name, sub)?,
                }
            }
            Ok(())
        }
        let mut d = Dictionary::new();
        add(&mut d, "", tree)?;
        Ok(d)
    }
    /// Read a dictionary file, the format chosen by its extension: `.json`,
    /// `.yaml`/`.yml`, `.dic` (LIWC), `.txt` (`category: entries` lines),
    /// `.cat` (WordStat) or `.lc3` (Lexicoder). UTF-8 or GB18030.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Dictionary> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let parse: fn(&str, &str) -> Result<Dictionary> = match ext.as_str() {
            "json" => Dictionary::from_json_str,
            "yaml" | "yml" => Dictionary::from_yaml_str,
            "dic" | "dict" => Dictionary::from_liwc_str,
            "txt" => Dictionary::from_text_str,
            "cat" => Dictionary::from_wordstat_str,
            "lc3" => Dictionary::from_lexicoder_str,
            _ => {
                return Err(Error::file(
                    &name,
                    "unknown dictionary format: expected a .json, .yaml, .yml, .dic (LIWC), .txt, .cat (WordStat) or .lc3 (Lexicoder) file",
                ))
            }
        };
        let bytes = std::fs::read(path).map_err(|e| Error::file(&name, e))?;
        let doc = cipin_core::read::decode(&name, &bytes, &Default::default())?;
        parse(&name, &doc.text)
    }

    /// The category names, in order.
    pub fn categories(&self) -> impl Iterator<Item = &str> + '_ {
        self.categories.iter().map(|(n, _)| n.as_str())
    }

    /// The entries of a category.
    pub fn entries(&self, category: &str) -> Option<&[String]> {
        self.categories
            .iter()
            .find(|(n, _)| n == category)
            .map(|(_, e)| e.as_slice())
    }

    /// The weights of the entries of a category, in the order of
    /// [`entries`](Self::entries) (1 for an entry given without one).
    pub fn weights(&self, category: &str) -> Option<&[f64]> {
        let i = self.categories.iter().position(|(n, _)| n == category)?;
        Some(&self.weights[i])
    }

    /// Whether an entry has a weight other than 1: then
    /// [`count_dictionary`] adds a `score` column (the sum of the weights of
    /// the matches). A dictionary whose weights are all 1 counts as before.
    pub fn is_weighted(&self) -> bool {
        self.weights.iter().flatten().any(|&w| w != 1.0)
    }

    /// The weights of all entries, category after category, in the order
    /// the [`Matcher`] numbers the entries.
    pub(crate) fn flat_weights(&self) -> Vec<f64> {
        self.weights.iter().flatten().copied().collect()
    }

    /// `(category, entries)`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> + '_ {
        self.categories
            .iter()
            .map(|(n, e)| (n.as_str(), e.as_slice()))
    }

    /// Number of categories.
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// Whether there are no categories.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The plain entries: exact single words (no wildcard, no `re:`, no
    /// space), each once, in dictionary order. Add them to a segmenter
    /// (`Segmenter::builder().user_words(dict.user_words())`) to keep them
    /// whole.
    pub fn user_words(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (_, entries) in &self.categories {
            for e in entries {
                if matches!(pattern::kind(e), Kind::Exact) && !e.contains(' ') && seen.insert(e) {
                    out.push(e.clone());
                }
            }
        }
        out
    }

    /// The dictionary compiled for matching tokens normalised by `norm`.
    pub fn matcher(&self, norm: Normalizer) -> Matcher {
        Matcher::new(self, norm, None)
    }

    /// The dictionary compiled for matching the tokens of `seg`: as
    /// [`Dictionary::matcher`] with its normalisation, and a plain word that
    /// `seg` cuts into several tokens also matches those tokens one after
    /// the other, as a multi-word entry (as KWIC patterns do; precise mode).
    ///
    /// ```
    /// use cipin_core::segment::Segmenter;
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_map([("发展", vec!["高质量发展"])]).unwrap();
    /// let mut found = Vec::new();
    /// let m = d.matcher_for(&Segmenter::default());
    /// m.find(&["推动", "高质量", "发展"], |cat, start, len| found.push((cat, start, len)));
    /// assert_eq!(found, [(0, 1, 2)]);
    /// let mut plain = Vec::new();
    /// d.matcher(Default::default()).find(&["推动", "高质量", "发展"], |c, s, l| plain.push((c, s, l)));
    /// assert!(plain.is_empty());
    /// ```
    pub fn matcher_for(&self, seg: &Segmenter) -> Matcher {
        Matcher::new(self, seg.normalizer(), Some(seg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_category() {
        let e = |r: Result<Dictionary>| r.unwrap_err().to_string();
        // JSON syntax.
        let s = e(Dictionary::from_json_str("d.json", "{\n \"a\": [\"x\",\n}"));
        assert!(s.starts_with("d.json:3: "), "{s}");
        // A bad entry, with its line and category.
        let s = e(Dictionary::from_json_str(
            "d.json",
            "{\n \"a\": {\n  \"b\": [\"x\",\n   \"re:(\"]}}",
        ));
        assert!(
            s.starts_with("d.json:4: category `a.b`: entry `re:(`: bad regular expression"),
            "{s}"
        );
        let s = e(Dictionary::from_yaml_str("d.yaml", "a:\n  - x\n  - true\n"));
        assert!(
            s.starts_with("d.yaml:3: category `a`: expected a word or pattern, found a boolean"),
            "{s}"
        );
        let s = e(Dictionary::from_yaml_str("d.yaml", "a:\n  - x\nb:\n"));
        assert_eq!(s, "d.yaml: category `b`: expected a list of words or patterns, or a map of subcategories, found null");
        let s = e(Dictionary::from_yaml_str("d.yaml", "a: [x]\na: [y]\n"));
        assert!(s.contains("category `a` appears twice"), "{s}");
        let s = e(Dictionary::from_json_str("d.json", "[\"x\"]"));
        assert_eq!(s, "d.json: expected a map from category names to entries");
        let s = e(Dictionary::from_json_str("d.json", "{\"a\": {}}"));
        assert!(s.contains("category `a` is an empty map"), "{s}");
        let s = e(Dictionary::from_json_str("d.json", "{\"a\": [\"  \"]}"));
        assert!(
            s.starts_with("d.json:1: category `a`: an empty entry"),
            "{s}"
        );
        // Nested and flat names that collide.
        let s = e(Dictionary::from_json_str(
            "d.json",
            "{\"a\": {\"b\": [\"x\"]}, \"a.b\": [\"y\"]}",
        ));
        assert!(s.contains("category `a.b` appears twice"), "{s}");
        // Text and LIWC formats.
        let s = e(Dictionary::from_text_str("d.txt", "a: x\nb: \"y z\n"));
        assert!(s.starts_with("d.txt:2: unclosed quote"), "{s}");
        let s = e(Dictionary::from_text_str("d.txt", "a: x re:[\n"));
        assert!(s.starts_with("d.txt:1: category `a`: entry `re:[`"), "{s}");
        let s = e(Dictionary::from_liwc_str("d.dic", "%\n1\ta\n%\nx\n"));
        assert_eq!(s, "d.dic:4: entry `x` has no category numbers");
        let s = e(Dictionary::from_liwc_str("d.dic", "1\ta\n"));
        assert!(s.starts_with("d.dic:1: expected `%`"), "{s}");
        let s = e(Dictionary::from_liwc_str("d.dic", "%\n1\ta\nx\t1\n"));
        assert!(s.contains("no closing `%`"), "{s}");
    }

    #[test]
    fn from_path_picks_the_format_and_names_the_file() {
        let dir = std::env::temp_dir().join(format!("cipin-dict-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files = [
            ("d.json", "{\"正面\": [\"好\", \"很 好\"]}"),
            ("d.yaml", "正面: [好, 很 好]\n"),
            ("d.yml", "正面:\n  - 好\n  - 很 好\n"),
            ("d.txt", "正面: 好 \"很 好\"\n"),
            ("d.dic", "%\n1\t正面\n%\n好\t1\n很 好\t1\n"),
        ];
        let mut dicts = Vec::new();
        for (name, text) in files {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            dicts.push(Dictionary::from_path(&p).unwrap());
        }
        assert!(dicts.windows(2).all(|w| w[0] == w[1]), "{dicts:?}");
        let p = dir.join("bad.yaml");
        std::fs::write(&p, "正面: [好\n").unwrap();
        let s = Dictionary::from_path(&p).unwrap_err().to_string();
        assert!(s.starts_with(&format!("{}:", p.display())), "{s}");
        let s = Dictionary::from_path(dir.join("d.csv"))
            .unwrap_err()
            .to_string();
        assert!(s.contains("unknown dictionary format"), "{s}");
        let s = Dictionary::from_path(dir.join("missing.json"))
            .unwrap_err()
            .to_string();
        assert!(s.contains("missing.json"), "{s}");
    }
}
