//! The parallel pass over a corpus shared by every analysis.
//!
//! The corpus is read batch by batch, the next batch on a reader thread
//! while this one is counted. The documents of a batch (a document longer
//! than [`SPLIT_BYTES`] split at sentence ends, when the analysis allows it)
//! are cut into chunks of contiguous text; rayon works the chunks in
//! parallel, each into a state of its own, and another thread merges the
//! states *in corpus order* as they come. Every merge is a sum, so the
//! totals do not depend on how many threads ran or where the chunks were
//! cut; the tables built from them are sorted on content only, so they are
//! identical too.
//!
//! With the environment variable `CIPIN_TIMING` set, each batch's timings
//! are printed on stderr.

use cipin_core::sentences::split_sentences;
use rayon::prelude::*;

use crate::corpus::{Corpus, Doc, Summary};
use crate::error::{Error, Result, Setting};

/// Documents longer than this are split at sentence ends into pieces of
/// about [`PIECE_BYTES`] (analyses that work within sentences only).
pub(crate) const SPLIT_BYTES: usize = 1 << 20;
const PIECE_BYTES: usize = 256 << 10;

/// One piece of work: a document or a piece of one.
pub(crate) struct Item<'a> {
    /// Index of the document in the corpus (pieces share it).
    pub doc_idx: u64,
    /// The document.
    pub doc: &'a Doc,
    /// The text to work on: the document's, or a piece of it; with its
    /// tokens when the document came segmented.
    pub text: Text<'a>,
    /// Its group.
    pub group: &'a str,
}

/// The text of an [`Item`], and the document's own tokens when it came
/// already segmented ([`Doc::segmented`]): [`crate::count::walk`] then
/// reads those tokens instead of segmenting the text, so every analysis
/// counts a token table exactly as it counts text. It dereferences to the
/// text, which analyses of the characters (slogans, substring KWIC) read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a> {
    pub str: &'a str,
    pub tokens: Option<&'a crate::corpus::Segmentation>,
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.str
    }
}

/// Counts every chunk keeps.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Stats {
    /// Tokens segmented (not whitespace).
    pub tokens: u64,
    /// Units counted after filtering.
    pub counted: u64,
}

/// The start of the error when no document has the group column.
pub(crate) const NO_GROUP: &str = "no document has the group column";

/// The group of a document for a pass.
pub(crate) enum Key<'a> {
    /// Leave the document out.
    Skip,
    /// The document lacks the group column: group `""`, with a warning.
    Missing,
    /// The group.
    Group(&'a str),
}

/// Give a closure the higher-ranked signature of a group function.
pub(crate) fn key_fn<F: for<'d> Fn(&'d Doc) -> Key<'d> + Sync>(f: F) -> F {
    f
}

/// Run a pass; see the module docs. `split` allows long documents to be
/// split at sentence ends.
pub(crate) fn run<S, G, M, W, F>(
    corpus: &Corpus,
    split: bool,
    group_of: G,
    make: M,
    work: W,
    mut merge: F,
) -> Result<Summary>
where
    S: Send,
    G: for<'d> Fn(&'d Doc) -> Key<'d> + Sync,
    M: Fn() -> S + Sync,
    W: Fn(&mut S, &mut Stats, &Item<'_>) + Sync,
    F: FnMut(S) -> Result<()> + Send,
{
    let mut summary = Summary {
        skipped: corpus.skipped().to_vec(),
        ..Summary::default()
    };
    let mut doc_base = corpus.first_index();
    let shard = corpus.shard_of();
    let mut missing = 0u64;
    std::thread::scope(|scope| -> Result<()> {
        // Read the next batch while this one is counted.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for b in corpus.batches() {
                let failed = b.is_err();
                if tx.send(b).is_err() || failed {
                    break;
                }
            }
        });
        let timing = std::env::var_os("CIPIN_TIMING").is_some();
        let t0 = std::time::Instant::now();
        for batch in rx {
            let batch = batch?;
            if timing {
                eprintln!(
                    "[{:.3}] batch of {} docs",
                    t0.elapsed().as_secs_f64(),
                    batch.docs.len()
                );
            }
            summary.files += batch.files;
            summary.warnings.extend(batch.warnings);
            let docs: &[Doc] = &batch.docs;
            let mut items: Vec<Item<'_>> = Vec::with_capacity(docs.len());
            let mut bytes = 0usize;
            // The text of the documents another shard counts: reported to
            // the monitor as done, so that progress reaches the whole.
            let mut elsewhere = 0u64;
            for (i, doc) in docs.iter().enumerate() {
                let doc_idx = doc_base + i as u64;
                if shard.is_some_and(|(k, n)| doc_idx % n != k) {
                    elsewhere += doc.text.len() as u64;
                    continue;
                }
                let group = match group_of(doc) {
                    Key::Skip => continue,
                    Key::Missing => {
                        missing += 1;
                        ""
                    }
                    Key::Group(g) => g,
                };
                summary.documents += 1;
                bytes += doc.text.len();
                // (A segmented document is not split: its tokens are one piece.)
                if split && doc.tokens.is_none() && doc.text.len() > SPLIT_BYTES {
                    for str in pieces(&doc.text) {
                        items.push(Item {
                            doc_idx,
                            doc,
                            text: Text { str, tokens: None },
                            group,
                        });
                    }
                } else {
                    items.push(Item {
                        doc_idx,
                        doc,
                        text: Text {
                            str: &doc.text,
                            tokens: doc.tokens.as_deref(),
                        },
                        group,
                    });
                }
            }
            doc_base += docs.len() as u64;

            let threads = rayon::current_num_threads().max(1);
            // Enough chunks for the threads to finish together, few enough that
            // merging them stays cheap.
            let target = (bytes / (threads * 8)).clamp(32 << 10, 1 << 20);
            let mut chunks: Vec<&[Item<'_>]> = Vec::new();
            let mut start = 0;
            let mut acc = 0;
            for (i, it) in items.iter().enumerate() {
                acc += it.text.len() + 64;
                if acc >= target {
                    chunks.push(&items[start..=i]);
                    start = i + 1;
                    acc = 0;
                }
            }
            if start < items.len() {
                chunks.push(&items[start..]);
            }
            // Count the chunks on the pool (the one this runs in); merge
            // each, in order, on another thread as soon as it and those
            // before it are done.
            let merge = &mut merge;
            let (tokens, counted, failed) = std::thread::scope(|merging| {
                let (tx, done) = std::sync::mpsc::channel::<(usize, S, Stats)>();
                let merger = merging.spawn(move || {
                    let (mut tokens, mut counted, mut failed) = (0u64, 0u64, None);
                    let mut waiting = std::collections::BTreeMap::new();
                    let mut next = 0;
                    for (i, state, stats) in done {
                        waiting.insert(i, (state, stats));
                        while let Some((state, stats)) = waiting.remove(&next) {
                            next += 1;
                            tokens += stats.tokens;
                            counted += stats.counted;
                            if failed.is_none() {
                                failed = merge(state).err();
                            }
                        }
                    }
                    (tokens, counted, failed)
                });
                let monitor = corpus.monitor();
                if let (Some(m), true) = (monitor, elsewhere > 0) {
                    m.advance(elsewhere);
                }
                chunks
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, chunk)| {
                        let mut state = make();
                        let mut stats = Stats::default();
                        // Once cancelled, the remaining chunks are skipped
                        // (and the result is thrown away below).
                        if !monitor.is_some_and(|m| m.cancelled()) {
                            for it in chunk.iter() {
                                work(&mut state, &mut stats, it);
                            }
                        }
                        if let Some(m) = monitor {
                            m.advance(chunk.iter().map(|it| it.text.len() as u64).sum());
                        }
                        let _ = tx.send((i, state, stats));
                    });
                merger.join().expect("the merging thread panicked")
            });
            if corpus.monitor().is_some_and(|m| m.cancelled()) {
                return Err(Error::Cancelled);
            }
            summary.tokens += tokens;
            summary.counted += counted;
            if let Some(e) = failed {
                return Err(e);
            }
            if timing {
                eprintln!("[{:.3}] merged", t0.elapsed().as_secs_f64());
            }
        }
        Ok(())
    })?;
    if missing > 0 {
        if missing == summary.documents {
            return Err(Error::setting(
                Setting::GroupBy,
                format!("{NO_GROUP} or field"),
            ));
        }
        summary.warnings.push(if missing == 1 {
            "1 document lacks the group column; it forms the group \"\"".to_string()
        } else {
            format!("{missing} documents lack the group column; they form the group \"\"")
        });
    }
    Ok(summary)
}

/// Split a long text at sentence ends into pieces of about `PIECE_BYTES`.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for s in split_sentences(text) {
        end += s.len();
        if end - start >= PIECE_BYTES {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_text_at_sentence_ends() {
        let text = "会议强调，要推进建设。".repeat(40_000);
        let p = pieces(&text);
        assert!(p.len() > 1);
        assert_eq!(p.concat(), text);
        assert!(p.iter().all(|s| s.ends_with('。')));
    }
}
