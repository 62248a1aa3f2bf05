//! The dictionary file formats, one module each: [`json_yaml`] (JSON and
//! YAML maps, cntext's YAML), [`txt`] (`category: entry entry …` lines),
//! [`liwc`] (LIWC / cntext `.dic`), [`wordstat`] (WordStat `.cat`) and
//! [`lexicoder`] (Lexicoder `.lc3`). Each adds its loader to
//! [`Dictionary`](super::Dictionary).

pub mod json_yaml;
pub mod lexicoder;
pub mod liwc;
pub mod txt;
pub mod wordstat;
