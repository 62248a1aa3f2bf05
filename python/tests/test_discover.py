"""New-term discovery (`cipin.discover_terms`) and user dictionaries of its
results (`cipin.write_user_dict`): the CLI's answers, the data forms, the
arguments, and the dictionary keeping discovered terms whole."""

from __future__ import annotations

import io
import math
import pathlib
import subprocess
import sys
import textwrap

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import cipin

COLUMNS = ["term", "count", "pmi", "left_entropy", "right_entropy", "score"]
SCHEMA = {
    "term": pl.String,
    "count": pl.UInt64,
    "pmi": pl.Float64,
    "left_entropy": pl.Float64,
    "right_entropy": pl.Float64,
    "score": pl.Float64,
}
# A toy corpus: 共富工坊 in varied contexts (every string rare, so no PMI threshold).
PAIRS = [("深化", "推进"), ("落实", "谋划"), ("实施", "打造"), ("建设", "研究"), ("提升", "启动")]
TOY = [f"{a}共富工坊，{b}共富工坊建设。共富工坊带动增收。" for a, b in PAIRS]
TOY_OPTS = {"min_count": 6, "min_pmi": 0.0}


def run_cli(cli, *args: str) -> str:
    out = subprocess.run([str(cli), "--quiet", *args], capture_output=True, text=True, check=True)
    return out.stdout


def cli_discover(cli, *args: str) -> pl.DataFrame:
    csv = run_cli(cli, "discover", *args, "--format", "csv")
    return pl.read_csv(io.StringIO(csv), schema=SCHEMA)


# -- the command line's answers ----------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "args"),
    [
        ({}, []),
        (
            {
                "min_count": 3,
                "min_len": 3,
                "max_len": 5,
                "min_pmi": 2.5,
                "min_entropy": 0.8,
                "exclude_compounds": True,
                "top": 12,
            },
            [
                "--min-count", "3", "--min-len", "3", "--max-len", "5", "--min-pmi", "2.5",
                "--min-entropy", "0.8", "--exclude-compounds", "--top", "12",
            ],
        ),
        ({"min_count": 2, "max_len": 7, "min_pmi": 0}, ["--min-count", "2", "--max-len", "7",
                                                      "--min-pmi", "0"]),
    ],
)  # fmt: skip
def test_discover_equals_cli(cli, seeds, kwargs, args):
    theirs = cli_discover(cli, *args, str(seeds))
    assert theirs.height > 0
    for data in (cipin.Corpus(seeds), pathlib.Path(seeds)):
        mine = cipin.discover_terms(data, **kwargs)
        assert mine.columns == COLUMNS
        assert dict(mine.schema) == SCHEMA
        assert_frame_equal(mine, theirs, check_exact=False)


def test_discover_on_the_seed_page(seeds):
    found = cipin.discover_terms(cipin.Corpus(seeds))
    terms = found["term"].to_list()
    # Slogans, coinages and local names the dictionary lacks.
    assert terms[:2] == ["三大差距", "共富"]
    assert {"千万工程", "共富工坊", "西城街道", "小橘灯"} <= set(terms)
    scores = found["score"].to_list()
    assert scores == sorted(scores, reverse=True)
    for row in found.iter_rows(named=True):
        assert row["count"] >= 5 and row["pmi"] >= 3.0
        assert min(row["left_entropy"], row["right_entropy"]) >= 1.0
        expected = math.log1p(row["count"]) * row["pmi"]
        expected *= min(row["left_entropy"], row["right_entropy"])
        assert row["score"] == pytest.approx(expected)


def test_user_dict_equals_cli(cli, seeds, tmp_path):
    out = tmp_path / "cli.txt"
    run_cli(cli, "discover", "--min-count", "3", "--user-dict-out", str(out), str(seeds))
    found = cipin.discover_terms(cipin.Corpus(seeds), min_count=3)
    mine = cipin.write_user_dict(found, tmp_path / "mine.txt")
    assert mine == tmp_path / "mine.txt"
    assert mine.read_bytes() == out.read_bytes()


# -- the dictionary keeps discovered terms whole -----------------------------


@pytest.mark.parametrize("counts", [True, False])
def test_written_dictionary_keeps_terms_whole(seeds, tmp_path, counts):
    found = cipin.discover_terms(cipin.Corpus(seeds))
    path = cipin.write_user_dict(found, tmp_path / "new.txt", counts=counts)
    # keep_terms=False: quoted terms are whole only thanks to the dictionary.
    plain = cipin.Segmenter(keep_terms=False)
    seg = cipin.Segmenter(user_dict=path, keep_terms=False)
    assert len(seg.user_words) == found.height
    cut_before = [t for t in found["term"] if plain.cut(f"推进{t}建设") != ["推进", t, "建设"]]
    assert "共富工坊" in cut_before  # the dictionary alone cuts it apart
    for term in found["term"]:
        assert seg.cut(f"推进{term}，") == ["推进", term, "，"], term
        if counts:  # as frequent as the page makes it: whole even before 建设
            assert seg.cut(f"推进{term}建设") == ["推进", term, "建设"], term
    # On the page itself: every occurrence of 共富工坊 is one token.
    articles = cipin.parse(seeds)
    tokens = seg.segment(articles)["token"]
    assert (tokens == "共富工坊").sum() == articles["text"].str.count_matches("共富工坊").sum()
    assert (plain.segment(articles)["token"] == "共富工坊").sum() == 0
    # Discovering again with that dictionary finds nothing it already holds.
    again = cipin.discover_terms(cipin.Corpus(seeds), segmenter=seg)
    assert not set(again["term"]) & set(found["term"])


def test_user_words_from_the_result():
    found = cipin.discover_terms(TOY, **TOY_OPTS)
    assert found["term"].to_list() == ["共富工坊"]
    seg = cipin.Segmenter(user_words=found["term"].to_list())
    assert seg.cut("深化共富工坊") == ["深化", "共富工坊"]
    assert cipin.Segmenter().cut("深化共富工坊") != ["深化", "共富工坊"]


def test_write_user_dict_forms(tmp_path):
    p = cipin.write_user_dict({"共富工坊": 7, "小橘灯": 0}, tmp_path / "a.txt")
    assert cipin._cipin.read_user_dict(str(p)) == [("共富工坊", 7, None), ("小橘灯", 0, None)]
    p = cipin.write_user_dict(["共富工坊", "小橘灯"], str(tmp_path / "b.txt"), counts=False)
    assert cipin._cipin.read_user_dict(str(p)) == [("共富工坊", None, None), ("小橘灯", None, None)]
    p = cipin.write_user_dict(pl.Series(["双桂路"]), tmp_path / "c.txt", counts=False)
    assert p.read_text(encoding="utf-8").splitlines()[1:] == ["双桂路"]
    frame = pl.DataFrame({"term": ["共富工坊"], "count": [7]})
    p = cipin.write_user_dict(frame.lazy(), tmp_path / "d.txt")
    assert p.read_text(encoding="utf-8").splitlines()[1:] == ["共富工坊 7"]
    empty = cipin.discover_terms([], **TOY_OPTS)
    p = cipin.write_user_dict(empty, tmp_path / "e.txt")
    assert cipin.Segmenter(user_dict=p).user_words == []


def test_write_user_dict_errors(tmp_path):
    with pytest.raises(ValueError, match="whitespace"):
        cipin.write_user_dict(["共富 工坊"], tmp_path / "x.txt", counts=False)
    with pytest.raises(ValueError, match="non-empty"):
        cipin.write_user_dict({"": 3}, tmp_path / "x.txt")
    with pytest.raises(ValueError, match="counts=False"):
        cipin.write_user_dict(["共富工坊"], tmp_path / "x.txt")
    with pytest.raises(ValueError, match="'term' column"):
        cipin.write_user_dict(pl.DataFrame({"word": ["a"]}), tmp_path / "x.txt")
    with pytest.raises(ValueError, match="'count' column"):
        cipin.write_user_dict(pl.DataFrame({"term": ["共富"]}), tmp_path / "x.txt")
    with pytest.raises(ValueError, match="int >= 0"):
        cipin.write_user_dict({"共富": -1}, tmp_path / "x.txt")
    with pytest.raises(TypeError, match="not a str"):
        cipin.write_user_dict("共富工坊", tmp_path / "x.txt")
    with pytest.raises(TypeError):
        cipin.write_user_dict(42, tmp_path / "x.txt")
    with pytest.raises(FileNotFoundError):
        cipin.write_user_dict({"共富": 1}, tmp_path / "no" / "such" / "dir.txt")
    assert not (tmp_path / "x.txt").exists()


# -- data forms --------------------------------------------------------------


def test_data_forms_agree():
    expected = cipin.discover_terms(TOY, **TOY_OPTS)
    assert expected.height == 1
    frame = pl.DataFrame({"doc_id": [f"d{i}" for i in range(len(TOY))], "body": TOY})
    for data, kw in [
        (tuple(TOY), {}),
        (pl.Series(TOY), {}),
        (frame, {"text": "body"}),
        (frame.lazy(), {"text": "body", "id": "doc_id"}),
        (frame.rename({"body": "text"}), {}),
        ("".join(TOY), {}),
    ]:
        got = cipin.discover_terms(data, **kw, **TOY_OPTS)
        assert_frame_equal(got, expected), type(data)


def test_parsed_articles(seeds):
    """The articles of cipin.parse (bodies only) give nearly the page's terms."""
    articles = cipin.parse(seeds)
    from_frame = cipin.discover_terms(articles)
    from_texts = cipin.discover_terms(articles["text"].to_list())
    assert_frame_equal(from_frame, from_texts)
    assert {"三大差距", "共富", "共富工坊"} <= set(from_frame["term"])


def test_empty_and_odd_inputs():
    for data in ([], "", ["", " ", "123 abc", "，。"], ["\x00", "𠀀𪚥" * 100]):
        out = cipin.discover_terms(data)
        assert out.columns == COLUMNS and dict(out.schema) == SCHEMA


def test_token_table_is_refused(tokens):
    with pytest.raises(TypeError, match="token table"):
        cipin.discover_terms(tokens)


# -- options -------------------------------------------------------------------


def test_thresholds_and_top(seeds):
    corpus = cipin.Corpus(seeds)
    default = cipin.discover_terms(corpus)
    assert_frame_equal(cipin.discover_terms(corpus, top=3), default.head(3))
    assert cipin.discover_terms(corpus, top=0).height == 0
    looser = cipin.discover_terms(corpus, min_count=3)
    assert set(default["term"]) < set(looser["term"])
    stricter = cipin.discover_terms(corpus, min_pmi=5.0)
    assert set(stricter["term"]) < set(default["term"])
    assert (stricter["pmi"] >= 5.0).all()
    assert (cipin.discover_terms(corpus, min_len=4)["term"].str.len_chars() >= 4).all()
    assert (cipin.discover_terms(corpus, max_len=3)["term"].str.len_chars() <= 3).all()


def test_exclude_known_and_compounds(seeds):
    corpus = cipin.Corpus(seeds)
    default = cipin.discover_terms(corpus)
    everything = cipin.discover_terms(corpus, exclude_known=False)
    assert set(default["term"]) < set(everything["term"])
    assert {"建设", "发展"} <= set(everything["term"])  # dictionary words
    no_compounds = cipin.discover_terms(corpus, exclude_compounds=True)
    assert "千万工程" in set(default["term"]) - set(no_compounds["term"])
    assert "共富工坊" in set(no_compounds["term"])


def test_segmenter_words_count_as_known():
    seg = cipin.Segmenter(user_words=["共富工坊"])
    assert cipin.discover_terms(TOY, segmenter=seg, **TOY_OPTS).height == 0
    with pytest.raises(ValueError, match="not both"):
        cipin.discover_terms(TOY, segmenter=seg, normalize=False)
    with pytest.raises(TypeError, match="Segmenter"):
        cipin.discover_terms(TOY, segmenter="jieba")


def test_normalisation():
    texts = ["滬寧高鐵，沪宁高铁，"] * 6
    opts = {"min_count": 3, "min_pmi": 0.0, "min_entropy": 1.0}
    assert cipin.discover_terms(texts, **opts)["term"].to_list() == ["沪宁高铁"]
    raw = cipin.discover_terms(texts, normalize=False, **opts)
    assert sorted(raw["term"]) == ["沪宁高铁", "滬寧高鐵"]
    assert raw["count"].to_list() == [6, 6]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"min_len": 1}, ValueError, "min_len"),
        ({"max_len": 8}, ValueError, "at most 7"),
        ({"min_len": 5, "max_len": 4}, ValueError, "must not exceed"),
        ({"min_count": 0}, ValueError, "min_count"),
        ({"min_count": 2.5}, TypeError, "min_count"),
        ({"min_pmi": "3"}, TypeError, "min_pmi"),
        ({"min_entropy": float("nan")}, ValueError, "NaN"),
        ({"min_entropy": True}, TypeError, "min_entropy"),
        ({"exclude_known": 1}, TypeError, "exclude_known"),
        ({"top": -1}, ValueError, "top"),
        ({"progress": "yes"}, TypeError, "progress"),
        ({"text": "missing"}, ValueError, "missing"),
    ],
)
def test_argument_errors(kwargs, error, match):
    data = pl.DataFrame({"text": TOY}) if "text" in kwargs else TOY
    with pytest.raises(error, match=match):
        cipin.discover_terms(data, **kwargs)


def test_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        cipin.discover_terms(pathlib.Path(tmp_path / "missing"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes("共富工坊".encode() + b"\xff\xfe\xfa")
    with pytest.raises(cipin.DecodeError):
        cipin.discover_terms(pathlib.Path(bad))
    with pytest.warns(cipin.LossyDecodeWarning):
        cipin.discover_terms(cipin.Corpus(bad, lossy=True))


# -- runtime behaviour ---------------------------------------------------------

SENTENCE = "会议强调，全面落实深化新时代千万工程暨缩小三大差距工作会议精神。"


def test_progress_callback():
    calls: list[tuple[int, int]] = []
    cipin.discover_terms(TOY, progress=lambda done, total: calls.append((done, total)))
    total = 2 * sum(len(t.encode()) for t in TOY)
    assert calls and calls[-1] == (total, total)
    big = [SENTENCE * 200] * 100  # above the size run inline
    calls.clear()
    cipin.discover_terms(big, progress=lambda done, total: calls.append((done, total)))
    total = 2 * sum(len(t.encode()) for t in big)
    assert calls[-1] == (total, total)
    dones = [d for d, _ in calls]
    assert dones == sorted(dones)


CTRL_C = textwrap.dedent(
    """
    import os, signal, threading, time, sys
    # A test run started with SIGINT ignored (nohup, a background shell)
    # passes that on, and Python then installs no KeyboardInterrupt
    # handler: install it here. (SIG_DFL would kill this child instead of
    # raising KeyboardInterrupt.)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import cipin
    texts = [{sentence!r} * 400] * 400
    fired = []
    def fire():
        time.sleep(0.3); fired.append(time.monotonic()); os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=fire, daemon=True).start()
    try:
        cipin.discover_terms(texts, min_count=2)
    except KeyboardInterrupt:
        print("interrupted", time.monotonic() - fired[0])
        os._exit(0)
    print("not interrupted")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_returns_within_a_second():
    script = CTRL_C.format(sentence=SENTENCE)
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("interrupted"), out.stdout
    assert float(out.stdout.split()[1]) < 1.0
