//! Fuzz `Segmenter::cut` with every keep rule on and off (quoted terms and
//! numbered expressions, numbers with their unit, the HMM check): never a
//! panic, and in precise mode the tokens cover the text exactly, in order,
//! with offsets that count its characters.
//!
//! Run with `cargo +nightly fuzz run segment` from `fuzz/`.

#![no_main]

use std::sync::OnceLock;

use cipin_core::segment::Segmenter;
use libfuzzer_sys::fuzz_target;

/// The eight segmenters (built once: building loads the dictionary).
fn segmenters() -> &'static [Segmenter] {
    static S: OnceLock<Vec<Segmenter>> = OnceLock::new();
    S.get_or_init(|| {
        let mut v = Vec::new();
        for rules in 0..8u8 {
            v.push(
                Segmenter::builder()
                    .keep_terms(rules & 1 != 0)
                    .keep_numbers(rules & 2 != 0)
                    .strict_hmm(rules & 4 != 0)
                    .build()
                    .expect("the default segmenter builds"),
            );
        }
        v
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let seg = &segmenters()[usize::from(pick) % 8];
    let tokens = seg.cut(&text);
    let mut at = 0;
    let mut joined = String::with_capacity(text.len());
    for t in &tokens {
        assert_eq!(t.start, at, "tokens must follow each other");
        assert_eq!(t.end - t.start, t.word.chars().count());
        at = t.end;
        joined.push_str(t.word);
    }
    assert_eq!(joined, text, "precise mode covers the text exactly");
});
