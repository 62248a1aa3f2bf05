"""Segment a file line by line with Python jieba, in cipin's `--plain` format.

Usage: python jieba_plain.py INPUT OUTPUT [--no-hmm] [--pos | --search]

Every input line gives one output line: tokens joined by two spaces,
whitespace tokens dropped, a trailing CR stripped (what `cipin segment
--plain` does). With --pos, `jieba.posseg` is used and tokens are `word/tag`;
with --search, `jieba.cut_for_search`.
"""

import sys

import jieba

jieba.setLogLevel(60)


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    hmm = "--no-hmm" not in sys.argv
    pos = "--pos" in sys.argv
    search = "--search" in sys.argv
    if pos:
        import jieba.posseg as pseg
    with open(src, encoding="utf-8", newline="\n") as f:
        text = f.read()
    text = text.removesuffix("\n")
    out = []
    for line in text.split("\n") if text else []:
        line = line.removesuffix("\r")
        if pos:
            toks = [f"{p.word}/{p.flag}" for p in pseg.cut(line, HMM=hmm) if p.word.strip()]
        elif search:
            toks = [w for w in jieba.cut_for_search(line, HMM=hmm) if w.strip()]
        else:
            toks = [w for w in jieba.cut(line, HMM=hmm) if w.strip()]
        out.append("  ".join(toks))
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        for line in out:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
