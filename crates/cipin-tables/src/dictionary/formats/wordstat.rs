//! WordStat category files (`.cat`, Provalis Research's WordStat, also
//! read by quanteda): an indented hierarchy of categories whose leaves are
//! entries with a weight, `WORD (1)`.

use crate::dictionary::{check_entry, Dictionary};
use crate::error::{Error, Result};

impl Dictionary {
    /// Parse a WordStat `.cat` file. The subset read:
    ///
    /// * one item per line, its level given by its indentation (tabs, or
    ///   spaces; a tab counts as 8 columns); blank lines and lines starting
    ///   with `#` are skipped;
    /// * an **entry** is a line ending in a weight in parentheses,
    ///   `共同富裕 (1)`, or a line with nothing indented under it (weight 1);
    ///   its words are separated by spaces (`共同 富裕 (1)` matches two
    ///   tokens), `*` and `?` are wildcards, `re:` starts a regular
    ///   expression, as in every cipin dictionary;
    /// * any other line is a **category**: every line at the top level, and
    ///   a line with lines indented under it. A subcategory is named with its
    ///   parents, joined by `.` (`经济` holding `增长` gives `经济.增长`), as in
    ///   nested JSON or YAML dictionaries. A category holding both entries
    ///   and subcategories is a category of its own beside them.
    ///
    /// The weights are the entries' weights ([`Dictionary::weights`]): a
    /// file whose weights are all 1, as most WordStat dictionaries, gives an
    /// unweighted dictionary. WordStat's other features (rules, `@` and
    /// proximity operators, category-level flags) are not read: such a line
    /// is taken as an entry as written.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let cat = "经济\n\t增长\n\t\t增长 (1)\n\t\tGDP (1)\n\t发展* (2)\n情感\n\t好 (1)\n\t差 (-1)\n";
    /// let d = Dictionary::from_wordstat_str("d.cat", cat).unwrap();
    /// assert_eq!(d.categories().collect::<Vec<_>>(), ["经济", "经济.增长", "情感"]);
    /// assert_eq!(d.entries("经济").unwrap(), ["发展*"]);
    /// assert_eq!(d.weights("情感").unwrap(), [1.0, -1.0]);
    /// assert!(d.is_weighted());
    /// let err = Dictionary::from_wordstat_str("d.cat", "好 (1)\n").unwrap_err();
    /// assert_eq!(err.to_string(), "d.cat:1: entry `好` outside any category (indent the entries under a category line)");
    /// ```
    pub fn from_wordstat_str(name: &str, text: &str) -> Result<Dictionary> {
        let bad = |line: usize, message: String| Error::dictionary(name.to_string(), line, message);
        // (line number, indentation width, text without its weight, weight).
        let mut items: Vec<(usize, usize, &str, Option<f64>)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let raw = raw.trim_start_matches('\u{FEFF}');
            let body = raw.trim();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let mut width = 0;
            for c in raw.chars() {
                match c {
                    '\t' => width = (width / 8 + 1) * 8,
                    c if c.is_whitespace() => width += 1,
                    _ => break,
                }
            }
            let (body, weight) = split_weight(body).map_err(|m| bad(line_no, m))?;
            items.push((line_no, width, body, weight));
        }
        if items.is_empty() {
            return Err(Error::file(name, "the dictionary is empty"));
        }
        let mut cats: Vec<Category> = Vec::new();
        // The open categories: (indentation width, index in `cats`).
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for (k, &(line, width, body, weight)) in items.iter().enumerate() {
            while stack.last().is_some_and(|&(w, _)| w >= width) {
                stack.pop();
            }
            let deeper_next = items.get(k + 1).is_some_and(|&(_, w, _, _)| w > width);
            let is_category = weight.is_none() && (stack.is_empty() || deeper_next);
            if is_category {
                let path = match stack.last() {
                    Some(&(_, parent)) => format!("{}.{body}", cats[parent].0),
                    None => body.to_string(),
                };
                if let Some((_, _, first)) = cats.iter().find(|(p, _, _)| *p == path) {
                    return Err(bad(
                        line,
                        format!("category `{path}` appears twice (first on line {first})"),
                    ));
                }
                cats.push((path, Vec::new(), line));
                stack.push((width, cats.len() - 1));
                continue;
            }
            let Some(&(_, parent)) = stack.last() else {
                return Err(bad(
                    line,
                    format!(
                        "entry `{body}` outside any category (indent the entries under a category line)"
                    ),
                ));
            };
            if deeper_next {
                return Err(bad(
                    line,
                    format!("entry `{body}` has lines indented under it (an entry cannot hold entries; drop its weight to make it a category)"),
                ));
            }
            check_entry(body)
                .map_err(|m| bad(line, format!("category `{}`: {m}", cats[parent].0)))?;
            cats[parent]
                .1
                .push((body.to_string(), weight.unwrap_or(1.0)));
        }
        let mut d = Dictionary::new();
        for (k, (path, entries, line)) in cats.iter().enumerate() {
            // A category that only holds subcategories is not one itself.
            let has_sub = cats[k + 1..]
                .iter()
                .any(|(p, _, _)| p.starts_with(path.as_str()) && p[path.len()..].starts_with('.'));
            if entries.is_empty() && has_sub {
                continue;
            }
            d.add_weighted_category(path.clone(), entries.iter().map(|(e, w)| (e.as_str(), *w)))
                .map_err(|e| bad(*line, e.to_string()))?;
        }
        Ok(d)
    }
}

/// A category being read: its path, its entries with their weights, and
/// the line that opened it.
type Category = (String, Vec<(String, f64)>, usize);

/// Split `WORD (1)` into the word and its weight; a line without a
/// trailing `(…)` has none. An error when the parentheses do not hold a
/// finite number.
fn split_weight(body: &str) -> std::result::Result<(&str, Option<f64>), String> {
    let Some(inner) = body.strip_suffix(')') else {
        return Ok((body, None));
    };
    let Some(open) = inner.rfind('(') else {
        return Ok((body, None));
    };
    let word = inner[..open].trim_end();
    let number = inner[open + 1..].trim();
    if word.is_empty() {
        return Err(format!("the weight `({number})` has no word before it"));
    }
    match number.parse::<f64>() {
        Ok(w) if w.is_finite() => Ok((word, Some(w))),
        _ => Err(format!(
            "entry `{word}`: the weight `({number})` is not a number (write `WORD (1)`)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Dictionary::from_wordstat_str("d.cat", text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn nested_categories_weights_and_phrases() {
        let text = "\u{FEFF}# a comment\nPOLICY\n    ECONOMY\n        增长 (1)\n        共同 富裕 (1)\n    民生\n        就业\n        教育*\n\nTONE\n\t好 (1.5)\n\t差 (-2)\n";
        let d = Dictionary::from_wordstat_str("d.cat", text).unwrap();
        assert_eq!(
            d.categories().collect::<Vec<_>>(),
            ["POLICY.ECONOMY", "POLICY.民生", "TONE"]
        );
        assert_eq!(d.entries("POLICY.ECONOMY").unwrap(), ["增长", "共同 富裕"]);
        assert_eq!(d.entries("POLICY.民生").unwrap(), ["就业", "教育*"]);
        assert_eq!(d.weights("TONE").unwrap(), [1.5, -2.0]);
        assert_eq!(d.weights("POLICY.民生").unwrap(), [1.0, 1.0]);
        assert!(d.is_weighted());
        // All weights 1: an unweighted dictionary, as a JSON one.
        let d = Dictionary::from_wordstat_str("d.cat", "正面\n\t好 (1)\n\t优秀 (1)\n").unwrap();
        assert!(!d.is_weighted());
        assert_eq!(
            d,
            Dictionary::from_json_str("d.json", r#"{"正面": ["好", "优秀"]}"#).unwrap()
        );
        // An empty top-level category is kept; parent with entries and children.
        let d =
            Dictionary::from_wordstat_str("d.cat", "空\n经济\n\t发展 (1)\n\t增长\n\t\tGDP (1)\n")
                .unwrap();
        assert_eq!(
            d.categories().collect::<Vec<_>>(),
            ["空", "经济", "经济.增长"]
        );
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        assert_eq!(
            err("正面\n\t好 (x)\n"),
            "d.cat:2: entry `好`: the weight `(x)` is not a number (write `WORD (1)`)"
        );
        assert!(err("正面\n\t好 (inf)\n").starts_with("d.cat:2: entry `好`: the weight"));
        assert_eq!(
            err("正面\n\t(1)\n"),
            "d.cat:2: the weight `(1)` has no word before it"
        );
        assert!(err("正面\n\t好 (1)\n\t\t很好 (1)\n")
            .starts_with("d.cat:2: entry `好` has lines indented under it"),);
        assert!(err("正面\n\t好 (1)\n正面\n\t差 (1)\n")
            .starts_with("d.cat:3: category `正面` appears twice (first on line 1)"));
        assert!(err("正面\n\tre:[ (1)\n").starts_with("d.cat:2: category `正面`: entry `re:[`"));
        assert!(err("正面\n\t好 (1)\n\t好 (2)\n").starts_with(
            "d.cat:1: category `正面`: entry `好` appears twice with different weights"
        ));
        assert_eq!(
            err("\n# only a comment\n"),
            "d.cat: the dictionary is empty"
        );
    }
}
