//! The dictionary file formats, one module each: [`json_yaml`] (JSON and
//! YAML maps, cntext's YAML), [`txt`] (`category: entry entry …` lines) and
//! [`liwc`] (LIWC / cntext `.dic`). Each adds its loader to
//! [`Dictionary`](super::Dictionary).

pub mod json_yaml;
pub mod liwc;
pub mod txt;
