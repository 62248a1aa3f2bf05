"""cipin.read and cipin.parse on the seed page and on odd files."""

from __future__ import annotations

import polars as pl
import pytest

import cipin

PARSE_COLUMNS = [
    "doc_id",
    "article",
    "kind",
    "kicker",
    "headline",
    "subtitle",
    "byline",
    "reporters",
    "correspondents",
    "authors",
    "dateline",
    "continuation",
    "paragraphs",
    "flags",
    "text",
]


def test_read_seed(seeds, seed):
    docs = cipin.read(seeds)
    assert isinstance(docs, pl.DataFrame)
    assert docs.columns == ["doc_id", "text", "encoding"]
    assert docs.schema["text"] == pl.String
    assert docs["doc_id"].to_list() == [str(seed)]
    assert docs["encoding"].to_list() == ["utf-8"]
    text = seed.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert docs["text"][0] == text


def test_read_file_list_and_pathlike(seed):
    one = cipin.read(seed)
    two = cipin.read([str(seed), seed])
    assert one.height == 1 and two.height == 2
    assert two["text"][0] == two["text"][1]


def test_read_encodings(tmp_path):
    (tmp_path / "gbk.txt").write_bytes("共同富裕\r\n示范区".encode("gbk"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "千万工程".encode())
    (tmp_path / "skip.csv").write_text("x")
    docs = cipin.read(tmp_path).sort("doc_id")
    assert docs["encoding"].to_list() == ["utf-8-sig", "gb18030"]
    assert docs["text"].to_list() == ["千万工程", "共同富裕\n示范区"]
    forced = cipin.read(tmp_path / "gbk.txt", encoding="gb18030")
    assert forced["text"][0] == "共同富裕\n示范区"
    with_csv = cipin.read(tmp_path, extensions=["txt", "csv"])
    assert with_csv.height == 3


def test_decode_error_names_file_and_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("好".encode() + b"\xff\xfe\xfd\x80")
    with pytest.raises(cipin.DecodeError) as info:
        cipin.read(bad)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.file == str(bad)
    assert err.offset == 3
    assert str(bad) in str(err) and "byte 3" in str(err)
    with pytest.raises(ValueError):
        cipin.read(bad, encoding="utf-8")


def test_lossy_warns(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("好".encode() + b"\xff" + "的".encode())
    with pytest.warns(cipin.LossyDecodeWarning, match="U\\+FFFD"):
        docs = cipin.read(bad, lossy=True, encoding="utf-8")
    assert docs["text"][0] == "好\ufffd的"


def test_missing_path_is_file_not_found(tmp_path):
    missing = tmp_path / "nope"
    for fn in (cipin.read, cipin.parse):
        with pytest.raises(FileNotFoundError) as info:
            fn(missing)
        assert info.value.filename == str(missing)
        assert info.value.errno == 2


def test_bad_arguments():
    with pytest.raises(ValueError, match="encoding"):
        cipin.read("seeds", encoding="latin-1")
    with pytest.raises(TypeError):
        cipin.read(42)
    with pytest.raises(ValueError, match="standard input"):
        cipin.read("-")
    with pytest.raises(ValueError, match="empty"):
        cipin.read([])


def test_parse_columns_and_types(articles):
    assert articles.columns == PARSE_COLUMNS
    schema = articles.schema
    assert schema["article"] == pl.UInt32
    for c in ("reporters", "correspondents", "authors", "paragraphs"):
        assert schema[c] == pl.List(pl.String)
    for c in ("kicker", "headline", "subtitle", "byline", "dateline", "continuation", "text"):
        assert schema[c] == pl.String
    assert articles["article"].to_list() == list(range(articles.height))
    assert set(articles["kind"]) <= {"article", "banner"}
    assert (articles["kind"] == "article").sum() >= 1


def test_parse_text_is_paragraphs_joined(articles):
    for row in articles.filter(kind="article").iter_rows(named=True):
        assert row["text"] == "\n".join(row["paragraphs"])


def test_parse_dataframe_equals_paths(seeds, articles):
    docs = cipin.read(seeds)
    again = cipin.parse(docs)
    assert again.equals(articles)
    lazy = cipin.parse(docs.lazy())
    assert lazy.equals(articles)


def test_parse_dataframe_checks_columns():
    with pytest.raises(ValueError, match="no column 'text'"):
        cipin.parse(pl.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(TypeError):
        cipin.parse(pl.DataFrame({"doc_id": ["a"], "text": [1]}))
    out = cipin.parse(pl.DataFrame({"doc_id": [7], "text": ["第一段。\n\n第二段。"]}))
    assert out["doc_id"].to_list() == ["7"] * out.height
