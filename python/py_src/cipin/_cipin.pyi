"""Type stubs of the native module ``cipin._cipin`` (Rust, pyo3).

The user-facing API is the pure-Python package around it (``cipin``); these
functions take already-checked arguments. Tables come back as
:class:`ArrowTable`, which ``polars.DataFrame(table)`` imports without copying
through the Arrow PyCapsule interface.
"""

from collections.abc import Sequence
from os import PathLike
from typing import Any, Callable, Optional, Union, final

from typing_extensions import TypeAlias

__version__: str
# What pyo3 exports (stubtest checks this list against the module's).
__all__ = [
    "ArrowTable",
    "DecodeError",
    "DictionaryError",
    "NativeCorpus",
    "NativeDictionary",
    "NativeFilter",
    "NativeSegmenter",
    "__version__",
    "corpus_from_paths",
    "corpus_from_texts",
    "corpus_from_tokens",
    "default_stopwords",
    "defaults",
    "dictionary_from_dict",
    "dictionary_from_path",
    "discover_terms",
    "dtm",
    "merge",
    "parse_paths",
    "parse_texts",
    "read",
    "read_stopwords",
    "read_user_dict",
    "table",
]

_Path: TypeAlias = Union[str, PathLike[str]]
_Progress: TypeAlias = Optional[Callable[[int, int], Any]]
#: A str, a list of str, or anything with ``__arrow_c_stream__`` whose first
#: column holds strings (a polars Series or DataFrame).
_Texts: TypeAlias = Any
_Entry: TypeAlias = tuple[str, Optional[int], Optional[str]]
_Summary: TypeAlias = dict[str, Any]

class DecodeError(ValueError):
    """Bytes not valid in the requested (or detected) encoding."""

    file: str
    encoding: str
    offset: int

class DictionaryError(ValueError):
    """A malformed line in a user dictionary."""

    file: str
    line: int

@final
class ArrowTable:
    """A table made in Rust; ``polars.DataFrame(table)`` imports it."""

    def __arrow_c_stream__(self, requested_schema: object = None) -> object: ...
    def __len__(self) -> int: ...
    @property
    def columns(self) -> list[str]: ...

@final
class NativeSegmenter:
    """A configured jieba-rs segmenter, shared between equal configurations."""

    def __new__(cls, entries: Sequence[_Entry] = ..., **settings: Any) -> NativeSegmenter: ...
    @property
    def config(self) -> dict[str, Any]: ...
    @property
    def mode(self) -> str: ...
    @property
    def hmm(self) -> bool: ...
    @property
    def pos(self) -> bool: ...
    @property
    def keep_terms(self) -> bool: ...
    @property
    def keep_numbers(self) -> bool: ...
    @property
    def entries(self) -> list[_Entry]: ...
    def normalize(self, text: str) -> str: ...
    def cut(self, text: str) -> list[str]: ...
    def segment(
        self, texts: _Texts, with_row: bool = True, progress: _Progress = None
    ) -> ArrowTable: ...
    def tokens_column(
        self, texts: _Texts, name: str = "tokens", progress: _Progress = None
    ) -> ArrowTable: ...
    def normalize_column(self, texts: _Texts, name: str = "text") -> ArrowTable: ...

@final
class NativeFilter:
    """``cipin_tables::Filter``: token and row filters."""

    def __new__(
        cls,
        *,
        stopwords: str = "default",
        extra_stopwords: Sequence[str] = ...,
        pos_include: Sequence[str] = ...,
        pos_exclude: Sequence[str] = ...,
        min_len: int = 1,
        drop_punct: bool = True,
        drop_numbers: bool = False,
        drop_space: bool = True,
        min_count: int = 1,
        min_df: Union[int, float] = 0,
        max_df: Union[int, float] = 1.0,
    ) -> NativeFilter: ...
    @property
    def needs_pos(self) -> bool: ...

@final
class NativeCorpus:
    """Files or documents in memory for the table functions."""

    @property
    def n_docs(self) -> Optional[int]: ...

def read(
    paths: Sequence[_Path],
    encoding: str = "auto",
    lossy: bool = False,
    extensions: Optional[Sequence[str]] = None,
    progress: _Progress = None,
) -> tuple[ArrowTable, list[str]]: ...
def parse_paths(
    paths: Sequence[_Path],
    encoding: str = "auto",
    lossy: bool = False,
    extensions: Optional[Sequence[str]] = None,
    progress: _Progress = None,
) -> tuple[ArrowTable, list[str]]: ...
def parse_texts(doc_ids: _Texts, texts: _Texts, progress: _Progress = None) -> ArrowTable: ...
def read_user_dict(path: _Path) -> list[_Entry]: ...
def read_stopwords(path: _Path) -> list[str]: ...
def default_stopwords() -> list[str]: ...
def corpus_from_paths(
    paths: Sequence[_Path],
    encoding: str = "auto",
    lossy: bool = False,
    extensions: Optional[Sequence[str]] = None,
    plain: bool = False,
    text_field: str = "text",
    id_field: Optional[str] = None,
    text_column: str = "text",
    id_column: Optional[str] = None,
) -> NativeCorpus: ...
def corpus_from_texts(
    texts: Optional[_Texts] = None, frame: Any = None, first_id: int = 0
) -> NativeCorpus: ...
def corpus_from_tokens(frame: Any) -> NativeCorpus: ...
def table(
    name: str,
    corpus: NativeCorpus,
    segmenter: NativeSegmenter,
    filter: Optional[NativeFilter] = None,
    by: Optional[str] = None,
    top: Optional[int] = None,
    progress: _Progress = None,
    part: Optional[tuple[int, int]] = None,
    shard: bool = False,
    first_index: int = 0,
    counting: Any = None,
    **params: Any,
) -> tuple[ArrowTable, _Summary]: ...
def merge(
    parts: list[Any], names: Optional[list[str]] = None
) -> tuple[str, list[ArrowTable], _Summary]: ...

@final
class NativeDictionary:
    """A dictionary: ordered categories, each with its entries."""

    @property
    def categories(self) -> list[str]: ...
    @property
    def user_words(self) -> list[str]: ...
    @property
    def is_weighted(self) -> bool: ...
    def items(self) -> list[tuple[str, list[str]]]: ...
    def __len__(self) -> int: ...

def defaults() -> dict[str, dict[str, Any]]:
    """Every table's parameters with the library's defaults, ``{table: {parameter: default}}``."""

def dictionary_from_path(path: _Path) -> NativeDictionary: ...
def dictionary_from_dict(obj: dict[Any, Any]) -> NativeDictionary: ...
def dtm(
    corpus: NativeCorpus,
    segmenter: NativeSegmenter,
    filter: NativeFilter,
    by: Optional[str] = None,
    progress: _Progress = None,
) -> tuple[ArrowTable, ArrowTable, ArrowTable, ArrowTable, ArrowTable, _Summary]: ...
def discover_terms(
    corpus: NativeCorpus,
    segmenter: NativeSegmenter,
    min_len: int = 2,
    max_len: int = 6,
    min_count: int = 5,
    min_pmi: float = 3.0,
    min_entropy: float = 1.0,
    exclude_known: bool = True,
    exclude_compounds: bool = False,
    top: Optional[int] = None,
    progress: _Progress = None,
) -> tuple[ArrowTable, _Summary]: ...
