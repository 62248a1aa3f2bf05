//! The text dictionary format: one category per line,
//! `category: entry entry …`.

use crate::dictionary::{check_entry, Dictionary};
use crate::error::{Error, Result};

impl Dictionary {
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
            let bad = |message: String| Error::dictionary(name.to_string(), line_no, message);
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
            d.add_category(cat, entries)
                .map_err(|e| Error::dictionary(name.to_string(), line, e.to_string()))?;
        }
        if d.is_empty() {
            return Err(Error::file(name, "the dictionary has no categories"));
        }
        Ok(d)
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
