//! Reading files and parsing pages into tables.

use std::path::PathBuf;

use cipin_core::parse::{parse_page, Article};
use cipin_core::read::{
    expand_paths_with_skipped, read_source, Document, Encoding, ReadOptions, Source,
};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::arrow::ArrowTable;
use crate::errors::{core_err, Fail};
use crate::texts::{texts_from_py, Texts};
use crate::work::{run, Ctl};
use cipin_tables::frames::{articles_frame, documents_frame};

fn read_options(
    py: Python<'_>,
    encoding: &str,
    lossy: bool,
    extensions: Option<Vec<String>>,
) -> PyResult<ReadOptions> {
    let encoding: Encoding = encoding.parse().map_err(|e| core_err(py, e))?;
    let mut opts = ReadOptions {
        encoding,
        lossy,
        ..ReadOptions::default()
    };
    if let Some(ext) = extensions {
        opts.extensions = ext
            .into_iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect();
    }
    Ok(opts)
}

/// Expand the paths (files, folders): the sources, and a warning for each
/// thing walking skipped (hidden, a FIFO, a second link to a file, ...), so
/// that nothing is left out silently.
fn expand(paths: &[PathBuf], opts: &ReadOptions) -> Result<(Vec<Source>, Vec<String>), Fail> {
    let found = expand_paths_with_skipped(paths, opts)?;
    let skipped = found
        .skipped
        .iter()
        .map(|s| format!("skipped: {s}"))
        .collect();
    Ok((found.sources, skipped))
}

/// Expand the paths (files, folders) and read them all, in parallel, in
/// order; with the warnings about what was skipped.
fn read_all(
    paths: &[PathBuf],
    opts: &ReadOptions,
    ctl: &Ctl,
) -> Result<(Vec<Document>, Vec<String>), Fail> {
    let (sources, skipped) = expand(paths, opts)?;
    let total: u64 = sources
        .iter()
        .map(|s| match s {
            Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Source::Stdin => 0,
        })
        .sum();
    ctl.set_total(total);
    let docs = sources
        .par_iter()
        .map(|s| {
            ctl.check()?;
            let doc = read_source(s, opts)?;
            ctl.add(doc.text.len() as u64);
            Ok(doc)
        })
        .collect::<Result<_, Fail>>()?;
    Ok((docs, skipped))
}

/// Read files and folders: `doc_id, text, encoding`, and the warnings.
#[pyfunction]
#[pyo3(signature = (paths, encoding = "auto", lossy = false, extensions = None, progress = None))]
pub fn read(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    encoding: &str,
    lossy: bool,
    extensions: Option<Vec<String>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<(ArrowTable, Vec<String>)> {
    let opts = read_options(py, encoding, lossy, extensions)?;
    let (df, warnings) = run(py, None, progress, move |ctl| {
        let (docs, mut warnings) = read_all(&paths, &opts, ctl)?;
        warnings.extend(docs.iter().flat_map(|d| d.warnings.clone()));
        Ok((documents_frame(&docs)?, warnings))
    })?;
    Ok((ArrowTable::new(df), warnings))
}

/// Read and parse files and folders into the articles table, and the warnings.
#[pyfunction]
#[pyo3(signature = (paths, encoding = "auto", lossy = false, extensions = None, progress = None))]
pub fn parse_paths(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    encoding: &str,
    lossy: bool,
    extensions: Option<Vec<String>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<(ArrowTable, Vec<String>)> {
    let opts = read_options(py, encoding, lossy, extensions)?;
    let (df, warnings) = run(py, None, progress, move |ctl| {
        let (sources, skipped) = expand(&paths, &opts)?;
        let total: u64 = sources
            .iter()
            .map(|s| match s {
                Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                Source::Stdin => 0,
            })
            .sum();
        ctl.set_total(total);
        let parsed: Vec<(Vec<String>, Vec<Article>)> = sources
            .par_iter()
            .map(|s| {
                ctl.check()?;
                let doc = read_source(s, &opts)?;
                let arts = parse_page(&doc.id, &doc.text);
                ctl.add(doc.text.len() as u64);
                Ok((doc.warnings, arts))
            })
            .collect::<Result<_, Fail>>()?;
        let mut warnings = skipped;
        let mut arts = Vec::new();
        for (w, a) in parsed {
            warnings.extend(w);
            arts.extend(a);
        }
        Ok((articles_frame(arts)?, warnings))
    })?;
    Ok((ArrowTable::new(df), warnings))
}

/// Parse texts already in memory (`doc_ids[i]` names `texts[i]`).
#[pyfunction]
#[pyo3(signature = (doc_ids, texts, progress = None))]
pub fn parse_texts(
    py: Python<'_>,
    doc_ids: &Bound<'_, PyAny>,
    texts: &Bound<'_, PyAny>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<ArrowTable> {
    let ids: Texts = texts_from_py(doc_ids, "doc_id")?;
    let texts: Texts = texts_from_py(texts, "text")?;
    if ids.len() != texts.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "doc_id and text differ in length",
        ));
    }
    let size = texts.total_bytes();
    let df = run(py, Some(size), progress, move |ctl| {
        let arts: Vec<Vec<Article>> = (0..texts.len())
            .into_par_iter()
            .map(|i| {
                ctl.check()?;
                let t = texts.get(i);
                let a = parse_page(ids.get(i), &t.replace("\r\n", "\n"));
                ctl.add(t.len() as u64);
                Ok(a)
            })
            .collect::<Result<_, Fail>>()?;
        Ok(articles_frame(arts.into_iter().flatten().collect())?)
    })?;
    Ok(ArrowTable::new(df))
}
