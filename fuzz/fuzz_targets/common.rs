//! Shared by the reader targets (`jsonl`, `csv`, `dictionary`), included
//! with `#[path = "common.rs"] mod common;`: cargo-fuzz builds each target
//! as its own binary, so this is no target itself.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A file of this process (`cipin-fuzz-<target>-<pid>/<file>` in the temp
/// folder), rewritten for each input: the readers take paths.
pub fn temp(target: &str, file: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("cipin-fuzz-{target}-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    });
    dir.join(file)
}
