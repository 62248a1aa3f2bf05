"""Make common_chars.txt and common_words.txt (readability) from jieba's dictionary.

Usage: python make_common.py PATH/TO/dict.txt

The dictionary is the one jieba-rs 0.11.0 embeds (src/data/dict.txt, Python
jieba's dict.txt: `word frequency tag` lines; sha256 139519822fe8ab9e...).
Only words and characters of the CJK Unified Ideographs (U+4E00-U+9FFF) and
Extension A (U+3400-U+4DBF) are counted.

* common_chars.txt: the 2,500 characters of highest frequency, a character's
  frequency being the sum, over the dictionary's words containing it, of the
  word's frequency times its occurrences in the word.
* common_words.txt: the 5,000 words (all Han characters) of highest frequency.

Ties go by code point; the order of the lists is by frequency.
"""

import collections
import sys


def han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def main(path: str) -> None:
    words: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    chars: collections.Counter[str] = collections.Counter()
    for w, n in words.items():
        for c in w:
            if han(c):
                chars[c] += n
    top_chars = sorted(chars.items(), key=lambda x: (-x[1], x[0]))[:2500]
    top_words = sorted(
        ((w, n) for w, n in words.items() if all(han(c) for c in w)), key=lambda x: (-x[1], x[0])
    )[:5000]
    head = "# Made by make_common.py from jieba's dictionary (jieba-rs 0.11.0 src/data/dict.txt); see there.\n"
    with open("common_chars.txt", "w", encoding="utf-8") as f:
        f.write(head + "# The 2,500 characters of highest frequency, one per line.\n")
        f.writelines(c + "\n" for c, _ in top_chars)
    with open("common_words.txt", "w", encoding="utf-8") as f:
        f.write(head + "# The 5,000 words of highest frequency, one per line.\n")
        f.writelines(w + "\n" for w, _ in top_words)


if __name__ == "__main__":
    main(sys.argv[1])
