"""Build `model.bin`, the posseg HMM of Python jieba 0.42.1 in cipin's binary form.

Usage: python make_model.py [OUTPUT]   (needs `pip install jieba==0.42.1`)

The tables are copied exactly (every probability is the same f64), only
re-encoded. Layout, all integers little-endian:

    b"CPPS" u32 version(=1)
    u8 n_tags, then n_tags x (u8 len, ASCII tag), tags sorted
    states are pos*n_tags+tag with pos B=0 E=1 M=2 S=3, so state order is
    Python's order of ("B", "n") tuples
    n_states x f64                      start log-probs
    u32 n, n x (u8 from, u8 to, f64)    transitions
    u32 n, n x f64                      distinct emission values
    u32 n_chars, then per character, ascending:
        u32 code point
        u8 k, k x u8 state              char_state_tab entry (absent: k=255,
                                        no states follow)
        u16 m, m x (u8 state, u16 value index)   emissions, ascending state
"""

import struct
import sys

from jieba.posseg.char_state_tab import P as char_state
from jieba.posseg.prob_emit import P as emit
from jieba.posseg.prob_start import P as start
from jieba.posseg.prob_trans import P as trans

POS = "BEMS"


def main() -> None:
    out_path = sys.argv[1] if len(sys.argv) > 1 else "model.bin"
    tags = sorted({t for _, t in trans})
    assert len(tags) <= 64
    states = [(p, t) for p in POS for t in tags]
    assert sorted(states) == states and set(states) == set(trans) == set(start) == set(emit)
    sid = {s: i for i, s in enumerate(states)}
    out = bytearray(b"CPPS")
    out += struct.pack("<I", 1)
    out += struct.pack("<B", len(tags))
    for t in tags:
        out += struct.pack("<B", len(t)) + t.encode("ascii")
    for s in states:
        out += struct.pack("<d", start[s])
    pairs = [(sid[a], sid[b], p) for a, d in trans.items() for b, p in d.items()]
    pairs.sort()
    out += struct.pack("<I", len(pairs))
    for a, b, p in pairs:
        out += struct.pack("<BBd", a, b, p)
    values = sorted({p for d in emit.values() for p in d.values()})
    vid = {v: i for i, v in enumerate(values)}
    assert len(values) < 65536
    out += struct.pack("<I", len(values))
    for v in values:
        out += struct.pack("<d", v)
    per_char = {}
    for s, d in emit.items():
        for c, p in d.items():
            per_char.setdefault(c, []).append((sid[s], vid[p]))
    chars = sorted(set(per_char) | set(char_state), key=ord)
    out += struct.pack("<I", len(chars))
    for c in chars:
        out += struct.pack("<I", ord(c))
        if c in char_state:
            cs = char_state[c]
            assert len(cs) < 255 and len(set(cs)) == len(cs)
            out += struct.pack("<B", len(cs)) + bytes(sid[s] for s in cs)
        else:
            out += struct.pack("<B", 255)
        em = sorted(per_char.get(c, []))
        out += struct.pack("<H", len(em))
        for s, v in em:
            out += struct.pack("<BH", s, v)
    with open(out_path, "wb") as f:
        f.write(out)
    print(f"{out_path}: {len(out)} bytes, {len(tags)} tags, {len(chars)} chars, {len(values)} values")


if __name__ == "__main__":
    main()
