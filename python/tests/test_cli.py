"""The package and the command line give the same answers on the same input."""

from __future__ import annotations

import json
import subprocess

import polars as pl

import cipin


def run(cli, *args: str) -> str:
    out = subprocess.run([str(cli), "--quiet", *args], capture_output=True, text=True, check=True)
    return out.stdout


def test_parse_equals_cli(cli, seeds):
    records = [
        json.loads(line) for line in run(cli, "parse", "--format", "jsonl", str(seeds)).splitlines()
    ]
    df = cipin.parse(seeds)
    assert df.height == len(records)
    for rec, row in zip(records, df.iter_rows(named=True)):
        for key, value in rec.items():
            assert row[key] == value, key
        if rec["kind"] == "article":
            assert row["text"] == "\n".join(rec["paragraphs"])
        else:
            assert row["text"] == rec["text"]


def test_segment_equals_cli(cli, seeds):
    lines = run(cli, "segment", "--format", "jsonl", str(seeds)).splitlines()
    records = [json.loads(line) for line in lines]
    tokens = cipin.segment(cipin.parse(seeds))
    per_article = tokens.group_by("article", maintain_order=True).agg("token")
    got = dict(zip(per_article["article"].to_list(), per_article["token"].to_list()))
    for rec in records:
        assert got.get(rec["article"], []) == rec["tokens"], rec["article"]


def test_segment_pos_equals_cli(cli, seeds):
    lines = run(cli, "segment", "--pos", "--no-hmm", "--format", "jsonl", str(seeds)).splitlines()
    records = [json.loads(line) for line in lines]
    tokens = cipin.segment(cipin.parse(seeds), pos=True, hmm=False)
    for rec in records:
        mine = tokens.filter(pl.col("article") == rec["article"])
        assert mine["token"].to_list() == rec["tokens"]
        assert mine["pos"].to_list() == rec["pos"]


def cli_table(cli, *args: str) -> pl.DataFrame:
    import io

    return pl.read_csv(io.StringIO(run(cli, *args, "--format", "csv")), infer_schema_length=0)


def same_as_cli(mine: pl.DataFrame, cli_csv: pl.DataFrame) -> None:
    """Compare a table with the CLI's CSV of it (read as strings, cast to our types)."""
    from polars.testing import assert_frame_equal

    assert mine.columns == cli_csv.columns
    theirs = cli_csv.with_columns(
        [pl.col(c).cast(t) for c, t in mine.schema.items() if t != pl.String]
    )
    assert_frame_equal(mine, theirs, check_exact=False)


def test_tables_equal_cli(cli, seeds):
    path = str(seeds)
    corpus = cipin.Corpus(seeds)
    first = f"{next(iter(sorted(seeds.glob('*.txt'))))}#0"
    cases = [
        (cipin.frequency(corpus), ["freq", path]),
        (cipin.frequency(corpus, by="kind", top=5), ["freq", "--by", "kind", "--top", "5", path]),
        (
            cipin.frequency(corpus, stopwords=None, drop_punct=False, min_count=2),
            ["freq", "--stopwords", "none", "--keep-punct", "--min-count", "2", path],
        ),
        (cipin.ngrams(corpus, (2, 3)), ["ngrams", "-n", "2", "--max-n", "3", path]),
        (cipin.collocations(corpus, sort="llr"), ["collocations", "--sort", "llr", path]),
        # The same defaults (llr, min_count 3) without naming them.
        (cipin.collocations(corpus), ["collocations", path]),
        (
            cipin.collocations(corpus, sort="count", min_count=1),
            ["collocations", "--sort", "count", "--min-count", "1", path],
        ),
        (
            cipin.keyness(corpus, by="article", target=first),
            ["keyness", "--by", "article", "--target", first, path],
        ),
        (cipin.kwic(corpus, "发展", window=3), ["kwic", "发展", "--window", "3", path]),
        (cipin.keywords(corpus, k=5), ["keywords", "-k", "5", path]),
    ]
    for mine, args in cases:
        same_as_cli(mine, cli_table(cli, *args))
