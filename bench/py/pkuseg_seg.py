"""Segment a text with pkuseg (default model), one line at a time.

Usage: python pkuseg_seg.py INPUT OUTPUT

Writes every line's words joined by two spaces (the SIGHAN format) and
prints the seconds spent cutting, model load excluded, as its last line.
"""

import sys
import time

import pkuseg


def main(src: str, dest: str) -> None:
    seg = pkuseg.pkuseg()
    with open(src, encoding="utf-8") as f:
        lines = [line.rstrip("\r\n") for line in f]
    t = time.perf_counter()
    out = ["  ".join(seg.cut(line)) if line.strip() else "" for line in lines]
    took = time.perf_counter() - t
    with open(dest, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{took:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
