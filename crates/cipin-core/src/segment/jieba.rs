//! Jieba set-up: the default dictionary with Python jieba's character HMM,
//! loaded once per process, and dictionaries read from elsewhere.

use std::io::BufRead;
use std::sync::{Arc, OnceLock};

use jieba_rs::{HmmModel, Jieba};

use crate::error::{Error, Result};

/// Python jieba 0.42.1's character HMM (`jieba.finalseg`) at full
/// precision, in jieba-rs's `hmm.model` format (made by
/// `data/finalseg/make_model.py`).
const PYTHON_HMM: &str = include_str!("../../data/finalseg/hmm.model");

/// Python jieba's character HMM, for [`Jieba::set_hmm_model`].
///
/// jieba-rs embeds the same model with its emission log-probabilities
/// rounded to six decimals; on a near tie that flips a cut against Python
/// jieba (`常在较`: Python `常/在/较`, jieba-rs's own model `常在/较`).
/// [`default_jieba`] uses this one, so the HMM cuts as Python does.
///
/// ```
/// let mut jieba = jieba_rs::Jieba::new();
/// jieba.set_hmm_model(cipin_core::segment::python_hmm_model());
/// let words: Vec<&str> = jieba.cut("常在较", true).iter().map(|t| t.word).collect();
/// assert_eq!(words, ["常", "在", "较"]);
/// ```
pub fn python_hmm_model() -> HmmModel {
    HmmModel::load(&mut PYTHON_HMM.as_bytes()).expect("the embedded HMM model is well formed")
}

/// The default jieba dictionary with Python jieba's HMM
/// ([`python_hmm_model`]), loaded once per process.
pub fn default_jieba() -> Arc<Jieba> {
    static JIEBA: OnceLock<Arc<Jieba>> = OnceLock::new();
    JIEBA
        .get_or_init(|| {
            // jieba-rs parses its POS model on first use (the term finder
            // tags a few characters near numerals): do it on another core
            // while the dictionary loads, not later on the critical path,
            // with the HMM model.
            let warm = std::thread::spawn(|| {
                let _ = Jieba::empty().tag("十二", true);
                python_hmm_model()
            });
            let mut jieba = Jieba::new();
            jieba.set_hmm_model(warm.join().unwrap_or_else(|_| python_hmm_model()));
            Arc::new(jieba)
        })
        .clone()
}
/// Load a dictionary from a reader in jieba's format, for callers that want a
/// segmenter on a dictionary other than the default one (with Python
/// jieba's HMM, as [`default_jieba`]).
pub fn jieba_from_reader<R: BufRead>(name: &str, reader: &mut R) -> Result<Jieba> {
    let mut jieba = Jieba::with_dict(reader).map_err(|e| Error::Dictionary {
        file: name.to_string(),
        line: 0,
        message: e.to_string(),
    })?;
    jieba.set_hmm_model(python_hmm_model());
    Ok(jieba)
}

#[cfg(test)]
mod tests {
    use crate::segment::test_support::{jieba_like, words};
    use crate::segment::Mode;

    #[test]
    fn hmm_near_ties_cut_as_python_jieba() {
        // Python jieba 0.42.1: `常  在  较  陡峭  的  礁岸`; with jieba-rs's
        // rounded emission table the HMM makes `常在`.
        assert_eq!(
            words(&jieba_like(Mode::Precise, true), "常在较陡峭的礁岸").join("  "),
            "常  在  较  陡峭  的  礁岸"
        );
    }
}
