//! Policy terms: quoted slogans and numbered expressions (提法), numbers
//! kept whole, and the HMM's rejected words — the rules by which the
//! segmenter keeps words whole, at their old path.
//!
//! They live in the segmenter's modules: [`crate::segment::terms`],
//! [`crate::segment::numbers`] and [`crate::segment::strict_hmm`]; see those
//! for the rules.
//!
//! ```
//! use cipin_core::terms::{find_terms, TermKind};
//!
//! let spans = find_terms("缩小“三大差距”");
//! assert_eq!((spans[0].term.as_str(), spans[0].kind), ("三大差距", TermKind::Both));
//! ```

pub use crate::segment::numbers::{find_numbers, NumberSpan};
pub use crate::segment::strict_hmm::{hmm_word_rejected, is_common_char};
#[allow(deprecated)]
#[doc(hidden)]
pub use crate::segment::terms::normalise_term;
pub use crate::segment::terms::{
    find_terms, find_terms_with, is_quoted_term, normalize_term, quoted_kind, TermKind, TermSpan,
    QUOTED_MAX_CHARS, QUOTED_MIN_CHARS,
};
