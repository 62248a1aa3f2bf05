//! LIWC-style `.dic` dictionaries (as LIWC, quanteda and cntext read them).

use crate::dictionary::{check_entry, Dictionary};
use crate::error::{Error, Result};

impl Dictionary {
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
        let bad = |line: usize, message: String| Error::dictionary(name.to_string(), line, message);
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
}
