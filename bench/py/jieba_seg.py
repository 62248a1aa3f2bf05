"""Python jieba segmentation throughput: python jieba_seg.py CORPUS cut|posseg."""

import sys

import jieba
import jieba.posseg as pseg

jieba.setLogLevel(60)

path, how = sys.argv[1], sys.argv[2]
n = 0
with open(path, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if how == "cut":
            n += len(jieba.lcut(line))
        else:
            n += len(pseg.lcut(line))
print(n)
