//! Fuzz `cipin_core::segment::parse_user_dict`: any text gives entries or an
//! error naming the file and line, never a panic; every entry it accepts is
//! a non-empty word that a segmenter can be built with.
//!
//! Run with `cargo +nightly fuzz run user_dict` from `fuzz/`.

#![no_main]

use cipin_core::segment::{parse_user_dict, Segmenter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_user_dict("fuzz.txt", &text) {
        Ok(words) => {
            assert!(words.iter().all(|w| !w.word.trim().is_empty()));
            // A few entries are enough to check that the builder takes them.
            let some: Vec<_> = words.into_iter().take(8).collect();
            let _ = Segmenter::builder().user_entries(some).build();
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.txt:"), "{e}"),
    }
});
