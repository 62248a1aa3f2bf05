"""`cipin freq --plain CORPUS --format csv` done from Python: python cipin_py.py CORPUS."""

import sys

import cipin

df = cipin.frequency(cipin.Corpus(sys.argv[1], plain=True))
df.write_csv("/dev/null")
