"""The researcher's pipeline that cipin replaces: jieba + Counter + pandas.

Usage: python pipeline.py CORPUS counter|sklearn

`counter`: every line is a document; jieba.lcut each, count terms and the
documents they occur in with collections.Counter, build a pandas DataFrame
sorted by count (what notebooks do today). `sklearn`: CountVectorizer with
jieba.lcut as tokenizer, then the column sums. Output goes to /dev/null.
"""

import sys
from collections import Counter

import jieba
import pandas as pd

jieba.setLogLevel(60)


def counter(path: str) -> None:
    counts: Counter = Counter()
    dfs: Counter = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            toks = [w for w in jieba.lcut(line.rstrip("\n")) if w.strip()]
            counts.update(toks)
            dfs.update(set(toks))
    df = pd.DataFrame({"term": list(counts), "count": list(counts.values())})
    df["doc_freq"] = df["term"].map(dfs)
    df["share"] = df["count"] / df["count"].sum()
    df = df.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)
    df["rank"] = df.index + 1
    df.to_csv("/dev/null", index=False)


def sklearn(path: str) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    with open(path, encoding="utf-8") as f:
        docs = [line.rstrip("\n") for line in f]
    cv = CountVectorizer(tokenizer=jieba.lcut, lowercase=False, token_pattern=None)
    m = cv.fit_transform(docs)
    df = pd.DataFrame({"term": cv.get_feature_names_out(), "count": m.sum(axis=0).A1})
    df.sort_values(["count", "term"], ascending=[False, True]).to_csv("/dev/null", index=False)


if __name__ == "__main__":
    {"counter": counter, "sklearn": sklearn}[sys.argv[2]](sys.argv[1])
