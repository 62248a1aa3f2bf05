"""cipin (词频): Chinese newspaper and policy text to tidy polars DataFrames.

Read and parse pages, segment them with jieba-rs, and count: frequencies,
TF-IDF, n-grams, collocations, keyness, keywords, KWIC, co-occurrence and
document-term matrices. Every function returns a :class:`polars.DataFrame`;
the work happens in Rust, in parallel, without holding the GIL.

Examples
--------
>>> import cipin
>>> articles = cipin.parse("seeds")
>>> tokens = cipin.segment(articles)
>>> top = cipin.frequency(tokens, top=3)
>>> top.columns
['term', 'count', 'doc_freq', 'share', 'rank']
>>> "建设" in top["term"].to_list()
True
"""

# Imported for its effect: registers the polars namespace `pl.col(...).cipin`.
from cipin import _namespace  # noqa: F401
from cipin._cipin import DecodeError, DictionaryError
from cipin._cipin import __version__ as __version__
from cipin._corpus import parse, read
from cipin._discover import discover_terms, write_user_dict
from cipin._fonts import cjk_font_path, use_cjk_font
from cipin._segment import segment
from cipin._segmenter import Segmenter
from cipin._tables import (
    Corpus,
    Partial,
    collocations,
    cooccurrence,
    count_dictionary,
    dictionary_matches,
    dispersion,
    dtm,
    fcm,
    frequency,
    keyness,
    keywords,
    kwic,
    lexdiv,
    merge,
    ngrams,
    readability,
    simil,
    slogans,
    term_frequency,
    tfidf,
)
from cipin._util import CipinWarning, LossyDecodeWarning


def default_stopwords() -> list[str]:
    """cipin's default stopword list (closed-class function words), sorted.

    Examples
    --------
    >>> import cipin
    >>> "的" in cipin.default_stopwords() and "发展" not in cipin.default_stopwords()
    True
    """
    from cipin import _cipin

    return _cipin.default_stopwords()


def __getattr__(name: str) -> object:
    # ``cipin.plot`` is imported on first use: ``import cipin`` does not load
    # matplotlib.
    if name == "plot":
        import importlib

        return importlib.import_module("cipin.plot")
    raise AttributeError(f"module 'cipin' has no attribute {name!r}")


__all__ = [
    "CipinWarning",
    "Corpus",
    "DecodeError",
    "DictionaryError",
    "LossyDecodeWarning",
    "Partial",
    "Segmenter",
    "cjk_font_path",
    "collocations",
    "cooccurrence",
    "count_dictionary",
    "default_stopwords",
    "dictionary_matches",
    "discover_terms",
    "dispersion",
    "dtm",
    "fcm",
    "frequency",
    "keyness",
    "keywords",
    "kwic",
    "lexdiv",
    "merge",
    "ngrams",
    "parse",
    "read",
    "readability",
    "segment",
    "simil",
    "slogans",
    "term_frequency",
    "tfidf",
    "use_cjk_font",
    "write_user_dict",
]
