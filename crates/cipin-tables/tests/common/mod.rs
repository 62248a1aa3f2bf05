//! Helpers shared by the integration tests: a frame's columns as vectors,
//! a frame as CSV text, and a closure run on a pool of so many threads.

#![allow(dead_code)]

use cipin_tables::io::{write_frame, OutFormat};
use polars::prelude::*;

pub fn strs(df: &DataFrame, c: &str) -> Vec<String> {
    df.column(c)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.unwrap_or("").to_string())
        .collect()
}

pub fn u64s(df: &DataFrame, c: &str) -> Vec<u64> {
    df.column(c)
        .unwrap()
        .u64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect()
}

pub fn f64s(df: &DataFrame, c: &str) -> Vec<f64> {
    df.column(c)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect()
}

pub fn csv(df: &DataFrame) -> String {
    let mut out = Vec::new();
    write_frame(&mut df.clone(), OutFormat::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Run `f` on a rayon pool of `threads` threads.
pub fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}
