//! Fuzz `cipin_core::parse::parse_page`: it must never panic, and must keep
//! every non-whitespace character of the page, in order.
//!
//! Run with `cargo +nightly fuzz run parse` from `fuzz/` (seed the corpus
//! with `mkdir -p corpus/parse && cp ../seeds/*.txt corpus/parse/`).

#![no_main]

use cipin_core::parse::parse_page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let records = parse_page("fuzz", &text);
    assert!(!records.is_empty());
    let kept: String = records
        .iter()
        .flat_map(|r| r.page_order_parts())
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    let input: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(kept, input, "text lost or moved");
});
