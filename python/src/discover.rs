//! New-term discovery (`cipin_core::discover`) on a corpus, as
//! `cipin discover` runs it: every document read, normalised with the
//! segmenter's rules, and searched for strings that behave like words the
//! segmenter's dictionary does not know.

use cipin_core::discover::DiscoverConfig;
use cipin_tables::discover::{candidates_frame, discover};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::arrow::ArrowTable;
use crate::segmenter::PySegmenter;
use crate::tables::PyCorpus;
use crate::work::run;

/// New-term candidates of a corpus: a table `term, count, pmi,
/// left_entropy, right_entropy, score` (the columns of `cipin discover`,
/// best first) and a summary `{files, documents, warnings}`.
///
/// Known words are those of `segmenter`'s dictionary, user words included;
/// texts are normalised with its rules. Progress counts the bytes read, then
/// as many again for the search itself (reported when it ends). Ctrl-C stops
/// reading at once; the search, once started, runs to its end on the worker
/// thread, but the call returns at once.
#[pyfunction]
#[pyo3(signature = (corpus, segmenter, min_len = 2, max_len = 6, min_count = 5, min_pmi = 3.0, min_entropy = 1.0, exclude_known = true, exclude_compounds = false, top = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn discover_terms<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    segmenter: &PySegmenter,
    min_len: usize,
    max_len: usize,
    min_count: usize,
    min_pmi: f64,
    min_entropy: f64,
    exclude_known: bool,
    exclude_compounds: bool,
    top: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(ArrowTable, Bound<'py, PyDict>)> {
    let cfg = DiscoverConfig {
        min_len,
        max_len,
        min_count,
        min_pmi,
        min_entropy,
        top,
        exclude_known,
        exclude_compounds,
    };
    let c = corpus.corpus.clone();
    let seg = segmenter.inner.clone();
    let size = corpus.size;
    let (frame, summary) = run(py, size, progress, move |ctl| {
        // Reading, then the search (about as long again): two halves of the
        // bar, the second reported when the search ends.
        if let Some(n) = size {
            ctl.set_total(2 * n);
        }
        let c = c.with_monitor(ctl.clone());
        let (found, summary) = discover(&c, &seg, &cfg)?;
        ctl.check()?;
        let frame = candidates_frame(&found)?;
        Ok((frame, summary))
    })?;
    let s = PyDict::new(py);
    s.set_item("files", summary.files)?;
    s.set_item("documents", summary.documents)?;
    s.set_item("warnings", summary.warnings)?;
    Ok((ArrowTable::new(frame), s))
}

/// Register the functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(discover_terms, m)?)?;
    Ok(())
}
