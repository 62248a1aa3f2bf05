//! JSON and YAML dictionaries: a map from category names to lists of
//! entries (or to a single entry, or to a map of subcategories, or to a map
//! of entries to their weights); cntext's YAML dictionaries are read from
//! their `Dictionary` map. Errors name the file, the line and the category.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::dictionary::{check_entry, Dictionary, Entries};
use crate::error::{Error, Result};

impl Dictionary {
    /// Parse a JSON dictionary; `name` (the file) is used in errors.
    ///
    /// ```
    /// use cipin_tables::dictionary::Dictionary;
    /// let d = Dictionary::from_json_str("d.json", r#"{"正面": ["好", "优秀"], "政策": {"富裕": "共同富裕"}}"#).unwrap();
    /// assert_eq!(d.categories().collect::<Vec<_>>(), ["正面", "政策.富裕"]);
    /// // A map of entries to numbers: weighted entries (a valence dictionary).
    /// let d = Dictionary::from_json_str("d.json", r#"{"情感": {"好": 1.0, "差": -1}}"#).unwrap();
    /// assert_eq!(d.weights("情感").unwrap(), [1.0, -1.0]);
    /// let err = Dictionary::from_json_str("d.json", "{\n  \"正面\": [\"好\", true]\n}").unwrap_err();
    /// assert!(err.to_string().starts_with("d.json:2: category `正面`: expected a word or pattern, found a boolean"), "{err}");
    /// ```
    pub fn from_json_str(name: &str, text: &str) -> Result<Dictionary> {
        let text = text.trim_start_matches('\u{FEFF}');
        let mut de = serde_json::Deserializer::from_str(text);
        let node = NodeSeed {
            path: String::new(),
            entry: None,
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
            entry: None,
        }
        .deserialize(de)
        .map_err(|e| {
            let at = e.location().map(|l| (l.line(), l.column()));
            located(name, &e.to_string(), at)
        })?;
        tree(name, node)
    }
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
        Some((line, col)) => {
            Error::dictionary(file.to_string(), line, format!("{msg} (column {col})"))
        }
        None => Error::file(file, msg),
    }
}

/// A parsed JSON/YAML value.
enum Node {
    Words(Vec<String>),
    Map(Vec<(String, Node)>),
    /// A number: the weight of an entry when it is a map value.
    Number(f64),
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
                    Node::Map(m)
                        if !m.is_empty() && m.iter().all(|(_, v)| matches!(v, Node::Number(_))) =>
                    {
                        Entries::Weighted(
                            m.into_iter()
                                .map(|(k, v)| match v {
                                    Node::Number(w) => (k, w),
                                    _ => unreachable!("all numbers"),
                                })
                                .collect(),
                        )
                    }
                    Node::Map(m) if m.iter().any(|(_, v)| matches!(v, Node::Number(_))) => {
                        return Err(Error::invalid(format!(
                            "category `{path}`: a map of entries to weights and of subcategories at once (give each its own category)"
                        )))
                    }
                    Node::Map(m) => Entries::Nested(convert(&path, m)?),
                    Node::Number(_) => {
                        return Err(Error::invalid(format!(
                        "category `{path}`: expected a list of words or patterns, or a map of subcategories, found a number"
                    )))
                    }
                    Node::Other(what) => {
                        return Err(Error::invalid(format!(
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
    /// `(category, entry)` when the value is a map value below the top
    /// level: a number is then the entry's weight, the entry checked where
    /// the line is known.
    entry: Option<(String, String)>,
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
            // Below the top level, the key of a number is a weighted entry.
            let entry = (!self.path.is_empty()).then(|| (self.path.clone(), key.clone()));
            let v = map.next_value_seed(NodeSeed { path, entry })?;
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
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Node, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Node, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Node, E> {
        if let Some((category, entry)) = &self.entry {
            check_entry(entry)
                .map_err(|m| de::Error::custom(format!("category `{category}`: {m}")))?;
        }
        Ok(Node::Number(v))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn weighted_maps() {
        let j = Dictionary::from_json_str(
            "d.json",
            r#"{"情感": {"好": 1.0, "很 好": 2, "差*": -1.5}, "政策": {"经济": ["增长"]}}"#,
        )
        .unwrap();
        let y = Dictionary::from_yaml_str(
            "d.yaml",
            "情感:\n  好: 1.0\n  很 好: 2\n  差*: -1.5\n政策:\n  经济: [增长]\n",
        )
        .unwrap();
        assert_eq!(j, y);
        assert_eq!(j.categories().collect::<Vec<_>>(), ["情感", "政策.经济"]);
        assert_eq!(j.entries("情感").unwrap(), ["好", "很 好", "差*"]);
        assert_eq!(j.weights("情感").unwrap(), [1.0, 2.0, -1.5]);
        assert_eq!(j.weights("政策.经济").unwrap(), [1.0]);
        assert!(j.is_weighted());
        // All weights 1: unweighted, the same as a list.
        let ones = Dictionary::from_json_str("d.json", r#"{"a": {"x": 1, "y": 1}}"#).unwrap();
        assert!(!ones.is_weighted());
        assert_eq!(
            ones,
            Dictionary::from_json_str("d.json", r#"{"a": ["x", "y"]}"#).unwrap()
        );
        // Errors: a weighted entry's line; weights mixed with subcategories.
        let e = Dictionary::from_yaml_str("d.yaml", "情感:\n  好: 1\n  re:(: -1\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.yaml:3: category `情感`: entry `re:(`"),
            "{e}"
        );
        let e = Dictionary::from_json_str("d.json", r#"{"a": {"x": 1, "b": ["y"]}}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("category `a`: a map of entries to weights and of subcategories"),
            "{e}"
        );
        let e = Dictionary::from_json_str("d.json", r#"{"a": 5}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("category `a`: expected a list"), "{e}");
    }

    #[test]
    fn cntext_yaml() {
        let y = "Name: 测试\nDesc: 一个词典\nRefer: null\nCategory: [正面, 负面]\nDictionary:\n  正面: [好, 优秀]\n  负面: [差]\n";
        let d = Dictionary::from_yaml_str("d.yaml", y).unwrap();
        assert_eq!(d.categories().collect::<Vec<_>>(), ["正面", "负面"]);
    }
}
