//! Readability indicators of each document: sentence length in characters
//! and in words, and the share of common characters and of common words.
//!
//! No combined score: the Chinese readability formulas in use (for
//! example for Chinese textbooks and for Chinese as a second language)
//! are regressions on their own corpora and variable sets, and without
//! the published coefficients at hand cipin gives the variables they are
//! built from, not a score it cannot cite exactly.
//!
//! Over each document's kept tokens (punctuation dropped; stopwords kept
//! by default, as [`crate::filter::default_stopwords`] says):
//!
//! * `sentences`: the sentences (split at `。！？…` and line ends, as
//!   [`cipin_core::sentences`]) holding at least one kept token;
//! * `words`: the kept tokens; `chars`: the Han characters in them
//!   (CJK Unified Ideographs, Extension A and B);
//! * `chars_per_sentence = chars / sentences`,
//!   `words_per_sentence = words / sentences`;
//! * `common_char_share`: the share of `chars` in [`COMMON_CHARS`];
//!   `common_word_share`: the share of `words` in [`COMMON_WORDS`].
//!
//! Both lists are made from jieba's dictionary (the one jieba-rs 0.11.0
//! embeds, Python jieba's `dict.txt`) by `data/make_common.py`: the 2,500
//! Han characters of highest frequency (a character's frequency being the
//! sum of the frequencies of the dictionary words containing it, times its
//! occurrences in them) and the 5,000 all-Han words of highest frequency.
//! They are *not* the 2,500 常用字 of 现代汉语常用字表 (1988), which no
//! package reachable here holds; a list made by a documented count is the
//! honest substitute. A ratio with a zero denominator (no sentence, no
//! word, no Han character) is NaN.

use std::collections::HashSet;
use std::sync::LazyLock;

use polars::prelude::*;

use crate::corpus::{Corpus, GroupBy};
use crate::count::{walk, Ev, Vocab};
use crate::engine::{self, Key};
use crate::error::{Error, Result};
use crate::tables::{check_group_name, doc_groups, frame, name_group_column, Options, Output};

/// The common-character list, one per line after `#` comments
/// (`data/common_chars.txt`).
pub const COMMON_CHARS_TXT: &str = include_str!("../data/common_chars.txt");
/// The common-word list (`data/common_words.txt`).
pub const COMMON_WORDS_TXT: &str = include_str!("../data/common_words.txt");

fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The 2,500 common characters (see the module docs).
pub static COMMON_CHARS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    entries(COMMON_CHARS_TXT)
        .filter_map(|l| l.chars().next())
        .collect()
});

/// The 5,000 common words (see the module docs).
pub static COMMON_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(COMMON_WORDS_TXT).collect());

/// Whether `c` is a Han character (CJK Unified Ideographs, Extensions A, B).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}')
}

/// The counts of one document.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    sentences: u64,
    words: u64,
    chars: u64,
    common_chars: u64,
    common_words: u64,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

type Row = (u64, String, Tally);

/// Readability indicators per document (each [`crate::Doc`]; `opts.by`
/// may be `Doc` or `Article`, the default).
///
/// Columns: `<doc>, sentences, words, chars, chars_per_sentence,
/// words_per_sentence, common_char_share, common_word_share` (see the
/// [module docs](self)), documents in corpus order; `opts.top` keeps the
/// first rows.
///
/// ```
/// use cipin_tables::{corpus::Corpus, readability::readability, tables::Options};
/// use cipin_tables::filter::{Filter, StopwordList};
///
/// let corpus = Corpus::from_texts(["我们 发展 经济。我们 改革！"]);
/// // Stopwords kept, as the CLI and Python do by default for this table.
/// let filter = Filter { stopwords: StopwordList::None, ..Filter::default() };
/// let opts = Options { filter, ..Options::default() };
/// let df = readability(&corpus, &opts).unwrap().frame;
/// let get = |c: &str| df.column(c).unwrap().f64().unwrap().get(0).unwrap();
/// assert_eq!(df.column("sentences").unwrap().u64().unwrap().get(0), Some(2));
/// assert_eq!(get("words_per_sentence"), 2.5);
/// assert_eq!(get("chars_per_sentence"), 5.0);
/// ```
pub fn readability(corpus: &Corpus, opts: &Options) -> Result<Output> {
    let by = doc_groups(&opts.by);
    if !matches!(by, GroupBy::Doc | GroupBy::Article) {
        return Err(Error::invalid(
            "readability is per document: by must be doc or article (each text read), not a group",
        ));
    }
    let columns = [
        "sentences",
        "words",
        "chars",
        "chars_per_sentence",
        "words_per_sentence",
        "common_char_share",
        "common_word_share",
    ];
    check_group_name(&by, &columns)?;
    opts.filter.check(&opts.segmenter)?;
    let (seg, filter) = (&opts.segmenter, &opts.filter);
    let (chars_list, words_list) = (&*COMMON_CHARS, &*COMMON_WORDS);
    let mut rows: Vec<Row> = Vec::new();
    let summary = engine::run(
        corpus,
        false,
        |d| match by.key(d) {
            Some(g) => Key::Group(g),
            None => Key::Missing,
        },
        || (Vocab::default(), Vec::<Row>::new()),
        |(vocab, out), stats, it| {
            let mut t = Tally::default();
            let mut open = false;
            walk(
                seg,
                filter,
                vocab,
                it.text,
                true,
                stats,
                |ev, vocab| match ev {
                    Ev::Term(id) => {
                        let word = vocab.terms.str(id);
                        open = true;
                        t.words += 1;
                        t.common_words += u64::from(words_list.contains(word));
                        for c in word.chars().filter(|&c| is_han(c)) {
                            t.chars += 1;
                            t.common_chars += u64::from(chars_list.contains(&c));
                        }
                    }
                    Ev::Boundary => {
                        t.sentences += u64::from(std::mem::take(&mut open));
                    }
                    Ev::Drop => {}
                },
            );
            t.sentences += u64::from(open);
            out.push((it.doc_idx, it.group.to_string(), t));
        },
        |(_, out)| {
            rows.extend(out);
            Ok(())
        },
    )
    .map_err(|e| name_group_column(e, &by))?;
    rows.sort_by_key(|r| r.0);
    if let Some(t) = opts.top {
        rows.truncate(t);
    }
    let names: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let int = |f: fn(&Tally) -> u64| rows.iter().map(|r| f(&r.2)).collect::<Vec<u64>>();
    let real = |f: fn(&Tally) -> f64| rows.iter().map(|r| f(&r.2)).collect::<Vec<f64>>();
    let frame = frame(
        &by,
        Some(names),
        vec![
            Column::new("sentences".into(), int(|t| t.sentences)),
            Column::new("words".into(), int(|t| t.words)),
            Column::new("chars".into(), int(|t| t.chars)),
            Column::new(
                "chars_per_sentence".into(),
                real(|t| ratio(t.chars, t.sentences)),
            ),
            Column::new(
                "words_per_sentence".into(),
                real(|t| ratio(t.words, t.sentences)),
            ),
            Column::new(
                "common_char_share".into(),
                real(|t| ratio(t.common_chars, t.chars)),
            ),
            Column::new(
                "common_word_share".into(),
                real(|t| ratio(t.common_words, t.words)),
            ),
        ],
    )?;
    Ok(Output { frame, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Doc, Token};
    use crate::filter::{Filter, StopwordList};

    #[test]
    fn the_lists_hold_what_they_say() {
        // 2,500 distinct Han characters and 5,000 distinct all-Han words,
        // as many as the files' lines.
        assert_eq!(entries(COMMON_CHARS_TXT).count(), 2500);
        assert_eq!(COMMON_CHARS.len(), 2500);
        assert!(entries(COMMON_CHARS_TXT).all(|l| l.chars().count() == 1));
        assert!(COMMON_CHARS.iter().all(|&c| is_han(c)));
        assert_eq!(entries(COMMON_WORDS_TXT).count(), 5000);
        assert_eq!(COMMON_WORDS.len(), 5000);
        assert!(COMMON_WORDS.iter().all(|w| w.chars().all(is_han)));
        for c in ['一', '是', '国', '发', '展'] {
            assert!(COMMON_CHARS.contains(&c), "{c}");
        }
        for w in ["发展", "经济", "我们"] {
            assert!(COMMON_WORDS.contains(w), "{w}");
        }
        // Rare characters are out.
        assert!(!COMMON_CHARS.contains(&'龘'));
    }

    #[test]
    fn counts_by_hand() {
        // Two sentences given as tokens: 我们 发展 经济 / 饕餮 A1。
        let mut d = Doc::segmented("x");
        for (w, first) in [
            ("我们", false),
            ("发展", false),
            ("经济", false),
            ("饕餮", true),
            ("A1", false),
            ("。", false),
        ] {
            d.push_token(Token {
                sentence: first,
                ..Token::new(w)
            });
        }
        // Stopwords kept (as the table's default), punctuation dropped.
        let opts = Options {
            filter: Filter {
                stopwords: StopwordList::None,
                ..Filter::default()
            },
            ..Options::default()
        };
        let df = readability(&Corpus::from_docs(vec![d]), &opts)
            .unwrap()
            .frame;
        let u = |c: &str| df.column(c).unwrap().u64().unwrap().get(0).unwrap();
        let f = |c: &str| df.column(c).unwrap().f64().unwrap().get(0).unwrap();
        // Words: 我们 发展 经济 饕餮 A1 (。 dropped) = 5 in 2 sentences;
        // Han characters 8, of which 饕 and 餮 are not common: 6/8.
        assert_eq!((u("sentences"), u("words"), u("chars")), (2, 5, 8));
        assert_eq!(f("words_per_sentence"), 2.5);
        assert_eq!(f("chars_per_sentence"), 4.0);
        assert_eq!(f("common_char_share"), 0.75);
        // Common words: 我们 发展 经济 (3 of 5).
        assert_eq!(f("common_word_share"), 0.6);
        let empty = readability(&Corpus::from_texts(["。"]), &Options::default())
            .unwrap()
            .frame;
        let g = |c: &str| empty.column(c).unwrap().f64().unwrap().get(0).unwrap();
        assert!(g("chars_per_sentence").is_nan() && g("common_word_share").is_nan());
    }
}
