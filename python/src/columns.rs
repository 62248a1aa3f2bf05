//! Columns in, columns out: the work behind the polars namespace
//! (`pl.col("text").cipin.tokens()`, `.cipin.normalize()`). A string column
//! comes in through the Arrow C stream ([`crate::texts::texts_from_py`]),
//! one result column goes back as a one-column [`crate::arrow::ArrowTable`]
//! of the same length, row for row; a null text gives a null row.
//!
//! Rows are cut into contiguous ranges of about [`RANGE_BYTES`] and the
//! ranges worked on in parallel; the pieces are put together in row order,
//! so the result does not depend on the thread count.

use cipin_tables::polars;
use polars::prelude::*;
use polars_arrow::array::{Array, ListArray, MutableBinaryViewArray, Utf8ViewArray};
use polars_arrow::bitmap::{Bitmap, MutableBitmap};
use polars_arrow::datatypes::{ArrowDataType, Field as AField};
use polars_arrow::offset::{Offsets, OffsetsBuffer};
use rayon::prelude::*;

use cipin_core::segment::Segmenter;

use crate::errors::Fail;
use crate::segmenter::is_space;
use crate::texts::Texts;
use crate::work::Ctl;

/// The rows of one parallel piece of work hold about this many bytes.
const RANGE_BYTES: u64 = 64 * 1024;

/// The tokens of one piece of rows: flat words, list offsets, validity.
struct TokenPart {
    words: MutableBinaryViewArray<str>,
    /// Tokens per row.
    lengths: Vec<usize>,
    valid: Vec<bool>,
}

/// The tokens of every text as one `List[String]` column named `name`: per
/// row the words [`Segmenter::for_each_normalized`] gives (normalised,
/// whitespace dropped, as `Segmenter.cut`); a missing text is a null row.
///
/// The tokens are those of the segmenter applied to the row's whole text, so
/// a row's list concatenated is its normalised text without whitespace
/// (precise mode).
pub fn tokens_column(
    seg: &Segmenter,
    texts: &Texts,
    name: &str,
    ctl: &Ctl,
) -> Result<DataFrame, Fail> {
    let parts: Vec<TokenPart> = texts
        .ranges(RANGE_BYTES)
        .into_par_iter()
        .map(|r| {
            let bytes: usize = r.clone().map(|i| texts.get(i).len()).sum();
            let mut part = TokenPart {
                words: MutableBinaryViewArray::with_capacity(bytes / 4 + 1),
                lengths: Vec::with_capacity(r.len()),
                valid: Vec::with_capacity(r.len()),
            };
            for i in r {
                ctl.check()?;
                let Some(text) = texts.get_opt(i) else {
                    part.lengths.push(0);
                    part.valid.push(false);
                    continue;
                };
                let mut n = 0;
                seg.for_each_normalized(text, |t| {
                    if !is_space(t.word) {
                        part.words.push_value(t.word);
                        n += 1;
                    }
                });
                part.lengths.push(n);
                part.valid.push(true);
                ctl.add(text.len() as u64);
            }
            Ok(part)
        })
        .collect::<Result<_, Fail>>()?;
    ctl.check()?;

    let rows = texts.len();
    let mut lengths = Vec::with_capacity(rows);
    let mut validity = MutableBitmap::with_capacity(rows);
    let mut chunks: Vec<Box<dyn Array>> = Vec::with_capacity(parts.len());
    for p in parts {
        lengths.extend_from_slice(&p.lengths);
        validity.extend_from_trusted_len_iter(p.valid.iter().copied());
        chunks.push(p.words.freeze().boxed());
    }
    // One values array: the views are concatenated, their buffers shared.
    let values: Box<dyn Array> = if chunks.is_empty() {
        Utf8ViewArray::new_empty(ArrowDataType::Utf8View).boxed()
    } else {
        let refs: Vec<&dyn Array> = chunks.iter().map(|a| a.as_ref()).collect();
        polars_arrow::compute::concatenate::concatenate(&refs)?
    };
    let offsets: OffsetsBuffer<i64> = Offsets::<i64>::try_from_lengths(lengths.into_iter())?.into();
    let validity: Option<Bitmap> = Some(validity.into()).filter(|b: &Bitmap| b.unset_bits() > 0);
    let dtype = ArrowDataType::LargeList(Box::new(AField::new(
        PlSmallStr::from_static("item"),
        ArrowDataType::Utf8View,
        true,
    )));
    let list = ListArray::<i64>::try_new(dtype, offsets, values, validity)?;
    let s = Series::try_from((PlSmallStr::from(name), list.boxed()))?;
    Ok(DataFrame::new(rows, vec![s.into_column()])?)
}

/// Every text normalised with the segmenter's rules ([`Segmenter::normalizer`]:
/// full-width forms, traditional characters, odd spaces), as one `String`
/// column named `name`; a missing text stays null. A text keeps its length
/// in characters.
pub fn normalize_column(
    seg: &Segmenter,
    texts: &Texts,
    name: &str,
    ctl: &Ctl,
) -> Result<DataFrame, Fail> {
    let norm = seg.normalizer();
    let parts: Vec<MutableBinaryViewArray<str>> = texts
        .ranges(RANGE_BYTES)
        .into_par_iter()
        .map(|r| {
            let mut out = MutableBinaryViewArray::<str>::with_capacity(r.len());
            for i in r {
                ctl.check()?;
                let t = texts.get_opt(i);
                out.push(t.map(|t| norm.normalize(t)));
                ctl.add(t.map_or(0, str::len) as u64);
            }
            Ok(out)
        })
        .collect::<Result<_, Fail>>()?;
    ctl.check()?;
    let chunks: Vec<ArrayRef> = parts.into_iter().map(|p| p.freeze().boxed()).collect();
    let s = crate::segmenter::string_chunks(name, chunks);
    Ok(DataFrame::new(texts.len(), vec![s.into_column()])?)
}
