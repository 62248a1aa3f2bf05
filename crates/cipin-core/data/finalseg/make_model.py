"""Write hmm.model: Python jieba 0.42.1's finalseg HMM at full precision.

jieba-rs embeds the same model with its emission log-probabilities rounded
to six decimals, which flips a few near-tied HMM cuts against Python jieba
(`常在较`: Python 常/在/较, jieba-rs 常在/较). This file keeps Python's values
exactly (repr of each float) in jieba-rs's `hmm.model` format, which
`jieba_rs::HmmModel::load` reads.

Usage: python make_model.py > hmm.model (with jieba==0.42.1 installed).
"""

import jieba
from jieba.finalseg import emit_P, start_P, trans_P

assert jieba.__version__ == "0.42.1", jieba.__version__
STATES = "BEMS"
print("# Python jieba 0.42.1 finalseg HMM (prob_start, prob_trans, prob_emit), full precision.")
print("# Made by make_model.py; states in the order B E M S.")
print(" ".join(repr(start_P[s]) for s in STATES))
for s in STATES:
    print(" ".join(repr(trans_P[s].get(t, -3.14e100)) for t in STATES))
for s in STATES:
    print(",".join(f"{c}:{p!r}" for c, p in sorted(emit_P[s].items())))
