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
//! [`Dictionary::from_liwc_str`] (LIWC / cntext `.dic`), and
//! [`Dictionary::from_path`], which picks the format by extension. A bad
//! input is an error naming the file and the line (JSON, YAML, text, LIWC)
//! and the category.
//!
//! JSON and YAML: a map from category names to lists of entries (or to a
//! single entry, or to a map of subcategories). cntext's YAML dictionaries
//! (a top-level `Dictionary` map beside `Name`, `Desc`, `Refer`,
//! `Category`…) are read from their `Dictionary` map, the rest ignored.
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

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use cipin_core::normalise::Normalizer;
use polars::prelude::*;
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::corpus::{Corpus, GroupBy, Summary};
use crate::count::{walk, Ev, Interner, Vocab};
use crate::engine;
use crate::error::{Error, Result};
use crate::tables::{check_group_name, group_fn, name_group_column, Options, Output};

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    categories: Vec<(String, Vec<String>)>,
}

/// A nested dictionary, as read from JSON or YAML: a category holds
/// entries or subcategories. [`Dictionary::from_nested`] flattens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entries {
    /// Words and patterns.
    Words(Vec<String>),
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

fn anchored(re: &str) -> std::result::Result<Regex, regex::Error> {
    Regex::new(&format!("^(?:{re})$"))
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
        let name = name.into();
        if name.trim().is_empty() {
            return Err(Error::Invalid("a category name is empty".into()));
        }
        if self.categories.iter().any(|(n, _)| *n == name) {
            return Err(Error::Invalid(format!("category `{name}` appears twice")));
        }
        let mut seen = HashSet::new();
        let mut list = Vec::new();
        for e in entries {
            let e = e.as_ref();
            check_entry(e).map_err(|m| Error::Invalid(format!("category `{name}`: {m}")))?;
            let e = tidy(e);
            if seen.insert(e.clone()) {
                list.push(e);
            }
        }
        self.categories.push((name, list));
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
                    Entries::Nested(sub) if sub.is_empty() => {
                        return Err(Error::Invalid(format!(
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

    /// Parse a JSON dictionary; `name` (the file) is used in errors.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_json_str("d.json", r#"{"正面": ["好", "优秀"], "政策": {"富裕": "共同富裕"}}"#).unwrap();
    /// assert_eq!(d.categories().collect::<Vec<_>>(), ["正面", "政策.富裕"]);
    /// let err = Dictionary::from_json_str("d.json", "{\n  \"正面\": [\"好\", true]\n}").unwrap_err();
    /// assert!(err.to_string().starts_with("d.json:2: category `正面`: expected a word or pattern, found a boolean"), "{err}");
    /// ```
    pub fn from_json_str(name: &str, text: &str) -> Result<Dictionary> {
        let text = text.trim_start_matches('\u{FEFF}');
        let mut de = serde_json::Deserializer::from_str(text);
        let node = NodeSeed {
            path: String::new(),
        }
        .deserialize(&mut de)
        .and_then(|n| de.end().map(|_| n))
        .map_err(|e| {
            let (line, col) = (e.line(), e.column());
            located(name, &e.to_string(), (line > 0).then_some((line, col)))
        })?;
        tree(name, node)
    }

    /// Parse a YAML dictionary; `name` (the file) is used in errors.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_yaml_str("d.yaml", "正面:\n  - 好\n  - 优秀*\n").unwrap();
    /// assert_eq!(d.entries("正面").unwrap(), ["好", "优秀*"]);
    /// let err = Dictionary::from_yaml_str("d.yaml", "正面:\n  - 好\n  - re:(\n").unwrap_err();
    /// assert!(err.to_string().starts_with("d.yaml:3: category `正面`: entry `re:(`: bad regular expression"), "{err}");
    /// ```
    pub fn from_yaml_str(name: &str, text: &str) -> Result<Dictionary> {
        let text = text.trim_start_matches('\u{FEFF}');
        let de = serde_yaml_ng::Deserializer::from_str(text);
        let node = NodeSeed {
            path: String::new(),
        }
        .deserialize(de)
        .map_err(|e| {
            let at = e.location().map(|l| (l.line(), l.column()));
            located(name, &e.to_string(), at)
        })?;
        tree(name, node)
    }

    /// Parse the text format: one category per line, `category: entries`,
    /// entries separated by spaces; an entry of several words in double
    /// quotes (`"共同 富裕"` or `“共同 富裕”`); `#` starts a comment line; a
    /// category named again gets more entries; `经济.增长` names a
    /// subcategory. The colon may be full-width (`：`).
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_text_str("d.txt", "# 政策\n富裕: 共同富裕 \"共同 富裕\"\n发展：发展* 高质量发展\n").unwrap();
    /// assert_eq!(d.entries("富裕").unwrap(), ["共同富裕", "共同 富裕"]);
    /// assert_eq!(d.entries("发展").unwrap(), ["发展*", "高质量发展"]);
    /// let err = Dictionary::from_text_str("d.txt", "富裕: 共同富裕\n发展\n").unwrap_err();
    /// assert_eq!(err.to_string(), "d.txt:2: expected `category: entry entry …`, found `发展`");
    /// ```
    pub fn from_text_str(name: &str, text: &str) -> Result<Dictionary> {
        let mut order: Vec<(String, Vec<String>, usize)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::Line {
                file: name.to_string(),
                line: line_no,
                message,
            };
            let Some(colon) = line.find([':', '：']) else {
                return Err(bad(format!(
                    "expected `category: entry entry …`, found `{line}`"
                )));
            };
            let cat = line[..colon].trim();
            if cat.is_empty() {
                return Err(bad("the category name is empty".into()));
            }
            let colon_len = line[colon..].chars().next().map_or(1, char::len_utf8);
            let entries = split_quoted(&line[colon + colon_len..]).map_err(bad)?;
            for e in &entries {
                check_entry(e).map_err(|m| bad(format!("category `{cat}`: {m}")))?;
            }
            match order.iter_mut().find(|(c, _, _)| c == cat) {
                Some((_, list, _)) => list.extend(entries),
                None => order.push((cat.to_string(), entries, line_no)),
            }
        }
        let mut d = Dictionary::new();
        for (cat, entries, line) in order {
            d.add_category(cat, entries).map_err(|e| Error::Line {
                file: name.to_string(),
                line,
                message: e.to_string(),
            })?;
        }
        if d.is_empty() {
            return Err(Error::file(name, "the dictionary has no categories"));
        }
        Ok(d)
    }

    /// Parse a LIWC-style `.dic` file (the format LIWC, quanteda and cntext
    /// read): a header between two `%` lines numbering the categories
    /// (`1<TAB>正面`), then one entry per line followed by its category
    /// numbers, separated by tabs (or spaces when the line has no tab). An
    /// entry may hold spaces when the fields are separated by tabs.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_liwc_str("d.dic", "%\n1\t正面\n2\t负面\n%\n好\t1\n坏*\t2\n好坏\t1\t2\n").unwrap();
    /// assert_eq!(d.entries("正面").unwrap(), ["好", "好坏"]);
    /// assert_eq!(d.entries("负面").unwrap(), ["坏*", "好坏"]);
    /// let err = Dictionary::from_liwc_str("d.dic", "%\n1\t正面\n%\n好\t3\n").unwrap_err();
    /// assert_eq!(err.to_string(), "d.dic:4: unknown category number `3` (the header numbers 1)");
    /// ```
    pub fn from_liwc_str(name: &str, text: &str) -> Result<Dictionary> {
        let bad = |line: usize, message: String| Error::Line {
            file: name.to_string(),
            line,
            message,
        };
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_start_matches('\u{FEFF}').trim()))
            .filter(|(_, l)| !l.is_empty());
        match lines.next() {
            Some((_, "%")) => {}
            Some((n, l)) => {
                return Err(bad(
                    n,
                    format!("expected `%` opening the category header, found `{l}`"),
                ))
            }
            None => return Err(Error::file(name, "the dictionary is empty")),
        }
        let mut cats: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut closed = false;
        for (n, l) in lines.by_ref() {
            if l == "%" {
                closed = true;
                break;
            }
            let mut f = l.split_whitespace();
            let (Some(id), Some(_)) = (f.next(), f.clone().next()) else {
                return Err(bad(
                    n,
                    format!("expected `number<TAB>category`, found `{l}`"),
                ));
            };
            let cat = f.collect::<Vec<_>>().join(" ");
            if cats.iter().any(|(i, _, _)| i == id) {
                return Err(bad(n, format!("category number `{id}` appears twice")));
            }
            cats.push((id.to_string(), cat, Vec::new()));
        }
        if !closed {
            return Err(Error::file(
                name,
                "the category header has no closing `%` line",
            ));
        }
        let known = cats
            .iter()
            .map(|(i, _, _)| i.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        for (n, l) in lines {
            let (word, ids): (String, Vec<&str>) = if l.contains('\t') {
                let mut f = l.split('\t');
                let w = f.next().unwrap_or("").trim().to_string();
                (w, f.flat_map(str::split_whitespace).collect())
            } else {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f[0].to_string(), f[1..].to_vec())
            };
            if ids.is_empty() {
                return Err(bad(n, format!("entry `{word}` has no category numbers")));
            }
            check_entry(&word).map_err(|m| bad(n, m))?;
            for id in ids {
                let Some(c) = cats.iter_mut().find(|(i, _, _)| i == id) else {
                    return Err(bad(
                        n,
                        format!("unknown category number `{id}` (the header numbers {known})"),
                    ));
                };
                c.2.push(word.clone());
            }
        }
        let mut d = Dictionary::new();
        for (_, cat, entries) in cats {
            d.add_category(cat, entries)
                .map_err(|e| Error::file(name, e))?;
        }
        Ok(d)
    }

    /// Read a dictionary file, the format chosen by its extension: `.json`,
    /// `.yaml`/`.yml`, `.dic` (LIWC) or `.txt` (`category: entries` lines).
    /// UTF-8 or GB18030.
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
            _ => {
                return Err(Error::file(
                    &name,
                    "unknown dictionary format: expected a .json, .yaml, .yml, .dic (LIWC) or .txt file",
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
                if matches!(part_kind(e), Kind::Exact) && !e.contains(' ') && seen.insert(e) {
                    out.push(e.clone());
                }
            }
        }
        out
    }

    /// The dictionary compiled for matching tokens normalised by `norm`.
    pub fn matcher(&self, norm: Normalizer) -> Matcher {
        Matcher::new(self, norm)
    }
}

/// Split the entries of a text-format line at spaces, double-quoted runs
/// kept whole.
fn split_quoted(s: &str) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' || c == '“' {
            chars.next();
            let close = if c == '"' { '"' } else { '”' };
            let mut e = String::new();
            loop {
                match chars.next() {
                    Some(x) if x == close => break,
                    Some(x) => e.push(x),
                    None => return Err(format!("unclosed quote in `{}`", s.trim())),
                }
            }
            out.push(e);
        } else {
            let mut e = String::new();
            while let Some(&x) = chars.peek() {
                if x.is_whitespace() {
                    break;
                }
                e.push(x);
                chars.next();
            }
            out.push(e);
        }
    }
    Ok(out)
}

/// An error of a JSON/YAML parser, as `file:line: message (column C)`.
fn located(file: &str, msg: &str, at: Option<(usize, usize)>) -> Error {
    let mut msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(" column ") => &msg[..i],
        _ => msg,
    };
    // serde_yaml_ng puts the path first (`a[1]: `); ours names the category.
    if let Some(i) = msg.find(": category `") {
        if !msg[..i].contains(char::is_whitespace) {
            msg = &msg[i + 2..];
        }
    }
    match at {
        Some((line, col)) => Error::Line {
            file: file.to_string(),
            line,
            message: format!("{msg} (column {col})"),
        },
        None => Error::file(file, msg),
    }
}

/// A parsed JSON/YAML value.
enum Node {
    Words(Vec<String>),
    Map(Vec<(String, Node)>),
    /// A value that is not a category (kept for cntext's metadata).
    Other(&'static str),
}

/// Turn the top-level node into a dictionary.
fn tree(file: &str, node: Node) -> Result<Dictionary> {
    let Node::Map(mut top) = node else {
        return Err(Error::file(
            file,
            "expected a map from category names to entries",
        ));
    };
    // cntext: {Name, Desc, Refer, Category, Dictionary: {...}}.
    if let Some(i) = top
        .iter()
        .position(|(k, v)| k == "Dictionary" && matches!(v, Node::Map(_)))
    {
        top = match top.swap_remove(i).1 {
            Node::Map(m) => m,
            _ => unreachable!(),
        };
    }
    fn convert(prefix: &str, nodes: Vec<(String, Node)>) -> Result<Vec<(String, Entries)>> {
        nodes
            .into_iter()
            .map(|(k, v)| {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                let e = match v {
                    Node::Words(w) => Entries::Words(w),
                    Node::Map(m) => Entries::Nested(convert(&path, m)?),
                    Node::Other(what) => {
                        return Err(Error::Invalid(format!(
                        "category `{path}`: expected a list of words or patterns, or a map of subcategories, found {what}"
                    )))
                    }
                };
                Ok((k, e))
            })
            .collect()
    }
    let d = convert("", top)
        .and_then(Dictionary::from_nested)
        .map_err(|e| Error::file(file, e))?;
    if d.is_empty() {
        return Err(Error::file(file, "the dictionary has no categories"));
    }
    Ok(d)
}

struct NodeSeed {
    path: String,
}

impl NodeSeed {
    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of categories, a list of entries, or an entry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
        let mut out: Vec<(String, Node)> = Vec::new();
        while let Some(key) = map.next_key::<KeyString>()? {
            let key = key.0;
            if key.trim().is_empty() {
                return Err(de::Error::custom(format!(
                    "an empty category name{}",
                    if self.path.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{}`", self.path)
                    }
                )));
            }
            let path = self.child(&key);
            if out.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!(
                    "category `{path}` appears twice"
                )));
            }
            let v = map.next_value_seed(NodeSeed { path })?;
            out.push((key, v));
        }
        Ok(Node::Map(out))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some(e) = seq.next_element_seed(EntrySeed { path: &self.path })? {
            out.push(e);
        }
        Ok(Node::Words(out))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Node, E> {
        EntrySeed { path: &self.path }
            .visit_str(v)
            .map(|e| Node::Words(vec![e]))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Node, E> {
        Ok(Node::Other("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Node, E> {
        Ok(Node::Other("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Node, E> {
        Ok(Node::Other("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Node, E> {
        Ok(Node::Other("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Node, E> {
        Ok(Node::Other("null"))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<Node, E> {
        Ok(Node::Other("null"))
    }
}

/// A map key: a string, or a number or boolean as text (YAML `2024:`).
struct KeyString(String);

impl<'de> de::Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a category name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One entry of a list, checked where it is (so the error has its line).
struct EntrySeed<'a> {
    path: &'a str,
}

impl EntrySeed<'_> {
    fn bad<E: de::Error>(&self, what: &str) -> E {
        de::Error::custom(format!(
            "category `{}`: expected a word or pattern, found {what}",
            self.path
        ))
    }
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a word or pattern")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<String, E> {
        check_entry(v).map_err(|m| de::Error::custom(format!("category `{}`: {m}", self.path)))?;
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<String, E> {
        Err(self.bad("a decimal number (quote it)"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<String, E> {
        Err(self.bad("a boolean (quote it)"))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<String, E> {
        Err(self.bad("null"))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<String, E> {
        Err(self.bad("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<String, A::Error> {
        Err(self.bad("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> std::result::Result<String, A::Error> {
        Err(self.bad("a map"))
    }
}

// ---------------------------------------------------------------------------
// Matching

enum Kind {
    Exact,
    Glob,
    Regex,
}

fn part_kind(p: &str) -> Kind {
    if p.starts_with("re:") {
        Kind::Regex
    } else if p.contains(['*', '?']) {
        Kind::Glob
    } else {
        Kind::Exact
    }
}

/// One glob element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum G {
    Char(char),
    One,
    Any,
}

/// One part of an entry, compiled.
#[derive(Debug, Clone)]
enum Part {
    Exact(String),
    Glob(Vec<G>),
    Regex(Regex),
}

impl Part {
    fn new(p: &str, norm: Normalizer) -> Part {
        match part_kind(p) {
            Kind::Exact => Part::Exact(norm.normalize(p).into_owned()),
            Kind::Regex => Part::Regex(anchored(&p[3..]).expect("checked when loaded")),
            Kind::Glob => {
                // Normalise the literal runs only: a wildcard stays a wildcard.
                let mut g = Vec::new();
                for (i, run) in p.split(['*', '?']).enumerate() {
                    if i > 0 {
                        // The wildcard before this run.
                        let at: usize = p
                            .split(['*', '?'])
                            .take(i)
                            .map(|r| r.len() + 1)
                            .sum::<usize>()
                            - 1;
                        g.push(if p.as_bytes()[at] == b'*' {
                            G::Any
                        } else {
                            G::One
                        });
                    }
                    g.extend(norm.normalize(run).chars().map(G::Char));
                }
                Part::Glob(g)
            }
        }
    }

    fn matches(&self, word: &str, buf: &mut Vec<char>) -> bool {
        match self {
            Part::Exact(e) => e == word,
            Part::Regex(r) => r.is_match(word),
            Part::Glob(g) => {
                buf.clear();
                buf.extend(word.chars());
                glob(g, buf)
            }
        }
    }
}

/// A wildcard pattern with `*` (any run of characters) and `?` (one).
pub(crate) fn glob_pattern(p: &str) -> Vec<G> {
    p.chars()
        .map(|c| match c {
            '*' => G::Any,
            '?' => G::One,
            c => G::Char(c),
        })
        .collect()
}

/// Wildcard matching: [`G::Any`] any run of characters, [`G::One`] one.
pub(crate) fn glob(p: &[G], s: &[char]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == G::One || p[pi] == G::Char(s[si])) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == G::Any {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == G::Any)
}

/// What one word can start: the categories it matches as a one-token entry,
/// and the multi-token entries whose first part it matches.
#[derive(Debug, Default, Clone)]
struct WordInfo {
    cats: Vec<u32>,
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
    exact: FxHashMap<String, Vec<u32>>,
    patterns: Vec<(Part, u32)>,
    multi: Vec<(u32, Vec<Part>)>,
    multi_exact: FxHashMap<String, Vec<u32>>,
    multi_pattern: Vec<u32>,
}

/// Scratch space of a scan.
#[derive(Debug, Default)]
struct Scratch {
    busy: Vec<usize>,
    touched: Vec<u32>,
    cand: Vec<(u32, usize)>,
    chars: Vec<char>,
}

impl Matcher {
    fn new(dict: &Dictionary, norm: Normalizer) -> Matcher {
        let mut m = Matcher {
            n_cats: dict.len(),
            exact: FxHashMap::default(),
            patterns: Vec::new(),
            multi: Vec::new(),
            multi_exact: FxHashMap::default(),
            multi_pattern: Vec::new(),
        };
        for (c, (_, entries)) in dict.categories.iter().enumerate() {
            let c = c as u32;
            for e in entries {
                let parts: Vec<Part> = e.split(' ').map(|p| Part::new(p, norm)).collect();
                if parts.len() == 1 {
                    match parts.into_iter().next().expect("one part") {
                        Part::Exact(w) => {
                            let cats = m.exact.entry(w).or_default();
                            if !cats.contains(&c) {
                                cats.push(c);
                            }
                        }
                        p => m.patterns.push((p, c)),
                    }
                } else {
                    let id = m.multi.len() as u32;
                    match &parts[0] {
                        Part::Exact(w) => m.multi_exact.entry(w.clone()).or_default().push(id),
                        _ => m.multi_pattern.push(id),
                    }
                    m.multi.push((c, parts));
                }
            }
        }
        m
    }

    /// Number of categories.
    pub fn categories(&self) -> usize {
        self.n_cats
    }

    fn info(&self, word: &str, chars: &mut Vec<char>) -> WordInfo {
        let mut info = WordInfo::default();
        if let Some(c) = self.exact.get(word) {
            info.cats.extend_from_slice(c);
        }
        for (p, c) in &self.patterns {
            if !info.cats.contains(c) && p.matches(word, chars) {
                info.cats.push(*c);
            }
        }
        if let Some(s) = self.multi_exact.get(word) {
            info.starts.extend_from_slice(s);
        }
        for &id in &self.multi_pattern {
            if self.multi[id as usize].1[0].matches(word, chars) {
                info.starts.push(id);
            }
        }
        info
    }

    /// Scan `n` adjacent tokens (word `i` is `word(i)`, its [`WordInfo`]
    /// `info(i)`) and call `emit(category, start, len)` for every match
    /// counted, by position then category.
    fn scan<'w>(
        &self,
        n: usize,
        info: impl Fn(usize) -> &'w WordInfo,
        word: impl Fn(usize) -> &'w str,
        sc: &mut Scratch,
        mut emit: impl FnMut(u32, usize, usize),
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
            sc.cand.extend(wi.cats.iter().map(|&c| (c, 1)));
            for &id in &wi.starts {
                let (c, parts) = &self.multi[id as usize];
                let len = parts.len();
                if i + len <= n
                    && parts[1..]
                        .iter()
                        .enumerate()
                        .all(|(j, p)| p.matches(word(i + 1 + j), &mut sc.chars))
                {
                    sc.cand.push((*c, len));
                }
            }
            // Longest first within a category.
            sc.cand
                .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut last = u32::MAX;
            for k in 0..sc.cand.len() {
                let (c, len) = sc.cand[k];
                if c == last {
                    continue;
                }
                last = c;
                if sc.busy[c as usize] <= i {
                    if sc.busy[c as usize] == 0 {
                        sc.touched.push(c);
                    }
                    sc.busy[c as usize] = i + len;
                    emit(c, i, len);
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
            |c, s, l| emit(c as usize, s, l),
        );
    }

    /// [`Matcher::find`] over many runs: `runs[i]` is the run of token `i`
    /// (tokens of a run are adjacent, runs in order); returns
    /// `(token index, category, len)` for each match. Words are looked up
    /// once each.
    pub fn find_runs<S: AsRef<str>>(&self, tokens: &[S], runs: &[u64]) -> Vec<(usize, u32, u32)> {
        assert_eq!(tokens.len(), runs.len(), "one run id per token");
        let mut cache: FxHashMap<&str, usize> = FxHashMap::default();
        let mut infos: Vec<WordInfo> = Vec::new();
        let mut chars = Vec::new();
        let ids: Vec<usize> = tokens
            .iter()
            .map(|t| {
                let t = t.as_ref();
                *cache.entry(t).or_insert_with(|| {
                    infos.push(self.info(t, &mut chars));
                    infos.len() - 1
                })
            })
            .collect();
        let mut out = Vec::new();
        let mut sc = Scratch::default();
        let mut start = 0;
        while start < tokens.len() {
            let mut end = start + 1;
            while end < tokens.len() && runs[end] == runs[start] {
                end += 1;
            }
            self.scan(
                end - start,
                |i| &infos[ids[start + i]],
                |i| tokens[start + i].as_ref(),
                &mut sc,
                |c, s, l| out.push((start + s, c, l as u32)),
            );
            start = end;
        }
        out
    }
}

// ---------------------------------------------------------------------------
// The tables

/// Counts of one group in a chunk.
#[derive(Debug)]
struct GroupAcc {
    name: String,
    tokens: u64,
    counts: Vec<u64>,
    /// (category, term id in the chunk's terms) → count.
    detail: FxHashMap<(u32, u32), u64>,
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
    terms: Interner,
    detail: FxHashMap<(u32, u32, u32), u64>,
    summary: Summary,
}

/// The counting pass behind both tables.
fn pass(corpus: &Corpus, dict: &Dictionary, opts: &Options, detail: bool) -> Result<Pass> {
    let seg = &opts.segmenter;
    let filter = &opts.filter;
    filter.check(seg)?;
    let m = dict.matcher(seg.normalizer());
    let n_cats = dict.len();
    let mut out = Pass {
        names: Vec::new(),
        tokens: Vec::new(),
        counts: Vec::new(),
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
                    Ev::Drop | Ev::Boundary => flush(st, &m, g, detail, v),
                },
            );
            flush(st, &m, g, detail, &vocab);
            st.vocab = vocab;
            st.groups[g].tokens += stats.counted - before;
        },
        |st| {
            for acc in st.groups {
                let gi = *index.entry(acc.name.clone()).or_insert_with(|| {
                    out.names.push(acc.name);
                    out.tokens.push(0);
                    out.counts.push(vec![0; n_cats]);
                    out.names.len() - 1
                });
                out.tokens[gi] += acc.tokens;
                for (c, n) in acc.counts.iter().enumerate() {
                    out.counts[gi][c] += n;
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
    }
    out.summary = summary;
    Ok(out)
}

/// Count the run of adjacent tokens collected so far into group `g`; the
/// chunk's vocabulary is `v` (lent to [`walk`] meanwhile).
fn flush(st: &mut Chunk, m: &Matcher, g: usize, detail: bool, v: &Vocab) {
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
        |c, s, l| {
            acc.counts[c as usize] += 1;
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
/// Columns: `[<group>,] category, count, tokens, share`:
///
/// * `category` (str): the dictionary's categories, in dictionary order,
///   every one for every group (zero counts included);
/// * `count` (u64): matches of the category in the group (see the module
///   docs: at most one per token and category; a multi-word match is one);
/// * `tokens` (u64): the group's tokens that pass the filter (the same for
///   every category of a group);
/// * `share` (f64): `count / tokens` (0 when the group has no tokens).
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
    check_group_name(&opts.by, &["category", "count", "tokens", "share"])?;
    let p = pass(corpus, dict, opts, false)?;
    let cats: Vec<&str> = dict.categories().collect();
    let rows = p.names.len() * cats.len();
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

    fn find(d: &Dictionary, tokens: &[&str]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        d.matcher(Normalizer::default())
            .find(tokens, |c, s, l| out.push((c, s, l)));
        out
    }

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

    #[test]
    fn find_runs_respects_runs() {
        let d = one(&["共同 富裕", "富裕"]);
        let m = d.matcher(Normalizer::default());
        let hits = m.find_runs(&["共同", "富裕", "共同", "富裕"], &[0, 0, 1, 2]);
        assert_eq!(hits, [(0, 0, 2), (3, 0, 1)]);
    }

    #[test]
    fn nested_json_and_yaml() {
        let j = Dictionary::from_json_str(
            "d.json",
            r#"{"经济": {"增长": ["增长", "GDP"], "发展": "发展*"}, "民生": ["就业", "共同  富裕"], "空": []}"#,
        )
        .unwrap();
        let y = Dictionary::from_yaml_str(
            "d.yaml",
            "经济:\n  增长:\n    - 增长\n    - GDP\n  发展: 发展*\n民生: [就业, 共同  富裕]\n空: []\n",
        )
        .unwrap();
        assert_eq!(j, y);
        assert_eq!(
            j.categories().collect::<Vec<_>>(),
            ["经济.增长", "经济.发展", "民生", "空"]
        );
        assert_eq!(j.entries("民生").unwrap(), ["就业", "共同 富裕"]);
        assert_eq!(j.user_words(), ["增长", "GDP", "就业"]);
        // Numbers are words (YAML `2024`), keys too.
        let y = Dictionary::from_yaml_str("d.yaml", "2024: [2024, 十四五]\n").unwrap();
        assert_eq!(y.entries("2024").unwrap(), ["2024", "十四五"]);
    }

    #[test]
    fn cntext_yaml() {
        let y = "Name: 测试\nDesc: 一个词典\nRefer: null\nCategory: [正面, 负面]\nDictionary:\n  正面: [好, 优秀]\n  负面: [差]\n";
        let d = Dictionary::from_yaml_str("d.yaml", y).unwrap();
        assert_eq!(d.categories().collect::<Vec<_>>(), ["正面", "负面"]);
    }

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
