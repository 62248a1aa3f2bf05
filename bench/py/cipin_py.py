"""`cipin freq --plain CORPUS --format csv` done from Python: python cipin_py.py CORPUS.

Prints the seconds spent in the call itself (dictionary load, reading,
segmenting, counting, writing the CSV), without the interpreter's start and
the imports, which a notebook pays once.
"""

import sys
import time

import cipin

t0 = time.perf_counter()
df = cipin.frequency(cipin.Corpus(sys.argv[1], plain=True))
df.write_csv("/dev/null")
print(f"{time.perf_counter() - t0:.6f}")
