//! Lexicoder dictionaries (`.lc3`, the format of the Lexicoder Sentiment
//! Dictionary, also read by quanteda): `+CATEGORY` lines, each followed by
//! its entries, one a line.

use crate::dictionary::{check_entry, Dictionary};
use crate::error::{Error, Result};

impl Dictionary {
    /// Parse a Lexicoder `.lc3` file: a line `+名称` starts the category
    /// `名称`; every following line, up to the next `+` line, is one of its
    /// entries. An entry's words are separated by spaces (`共同 富裕`
    /// matches two tokens) and `*` is a wildcard (`发展*`), as in every cipin
    /// dictionary (`?` and `re:` too). Blank lines are skipped; a category
    /// named again gets more entries. Lexicoder has no weights.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_lexicoder_str("d.lc3", "+正面\n好\n优秀*\n\n+负面\n差\n不 好\n").unwrap();
    /// assert_eq!(d.categories().collect::<Vec<_>>(), ["正面", "负面"]);
    /// assert_eq!(d.entries("负面").unwrap(), ["差", "不 好"]);
    /// let err = Dictionary::from_lexicoder_str("d.lc3", "好\n+正面\n").unwrap_err();
    /// assert_eq!(err.to_string(), "d.lc3:1: entry `好` before any category (a `+CATEGORY` line)");
    /// ```
    pub fn from_lexicoder_str(name: &str, text: &str) -> Result<Dictionary> {
        let bad = |line: usize, message: String| Error::dictionary(name.to_string(), line, message);
        // (category, entries, line of its first `+` line).
        let mut cats: Vec<(String, Vec<String>, usize)> = Vec::new();
        let mut current: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.trim_start_matches('\u{FEFF}').trim();
            if body.is_empty() {
                continue;
            }
            if let Some(cat) = body.strip_prefix('+') {
                let cat = cat.trim();
                if cat.is_empty() {
                    return Err(bad(line, "the category name after `+` is empty".into()));
                }
                current = Some(match cats.iter().position(|(c, _, _)| c == cat) {
                    Some(k) => k,
                    None => {
                        cats.push((cat.to_string(), Vec::new(), line));
                        cats.len() - 1
                    }
                });
                continue;
            }
            let Some(k) = current else {
                return Err(bad(
                    line,
                    format!("entry `{body}` before any category (a `+CATEGORY` line)"),
                ));
            };
            check_entry(body).map_err(|m| bad(line, format!("category `{}`: {m}", cats[k].0)))?;
            cats[k].1.push(body.to_string());
        }
        if cats.is_empty() {
            return Err(Error::file(
                name,
                "the dictionary has no categories (no `+CATEGORY` line)",
            ));
        }
        let mut d = Dictionary::new();
        for (cat, entries, line) in cats {
            d.add_category(cat, entries)
                .map_err(|e| bad(line, e.to_string()))?;
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Dictionary::from_lexicoder_str("d.lc3", text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn categories_entries_and_wildcards() {
        let d = Dictionary::from_lexicoder_str(
            "d.lc3",
            "\u{FEFF}+POSITIVE\ngood*\n  very good  \n+NEGATIVE\nbad\n+POSITIVE\ngreat\n",
        )
        .unwrap();
        assert_eq!(d.categories().collect::<Vec<_>>(), ["POSITIVE", "NEGATIVE"]);
        assert_eq!(
            d.entries("POSITIVE").unwrap(),
            ["good*", "very good", "great"]
        );
        assert!(!d.is_weighted());
        let same = Dictionary::from_text_str(
            "d.txt",
            "POSITIVE: good* \"very good\" great\nNEGATIVE: bad\n",
        )
        .unwrap();
        assert_eq!(d, same);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        assert_eq!(
            err("\n\n好\n"),
            "d.lc3:3: entry `好` before any category (a `+CATEGORY` line)"
        );
        assert_eq!(
            err("+正面\n+  \n"),
            "d.lc3:2: the category name after `+` is empty"
        );
        assert!(err("+正面\n好\nre:(\n").starts_with("d.lc3:3: category `正面`: entry `re:(`"));
        assert_eq!(
            err("\n"),
            "d.lc3: the dictionary has no categories (no `+CATEGORY` line)"
        );
    }
}
