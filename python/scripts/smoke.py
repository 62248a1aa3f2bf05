"""Smoke test of an installed cipin wheel, run where no Rust toolchain is.

python/scripts/test.sh installs the wheel from scripts/wheel.sh into a fresh
venv and runs this script from outside the clone (so that ``import cipin`` is
the installed package, not python/py_src) with a PATH without cargo and, when
it can, without a network: segmenting, counting and parsing must work from
what the wheel carries (dictionary, models, stopwords are compiled in).

Usage: python python/scripts/smoke.py SEEDS_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    seeds = Path(sys.argv[1])

    import cipin

    where = Path(cipin.__file__).resolve()
    # The installed package, not the source tree's py_src.
    assert "site-packages" in where.parts, where
    print(f"cipin {cipin.__version__} from {where.parent}")

    # Segment: jieba's dictionary and HMM come from the library itself.
    tokens = cipin.segment("我们推进共同富裕，缩小三大差距。")
    terms = tokens["token"].to_list()
    assert "共同富裕" in terms and "三大差距" in terms, terms
    print("segment:", " / ".join(terms))

    # Frequency with the embedded default stopword list: 的 is a stopword.
    freq = cipin.frequency(["发展的发展的建设", "建设发展"])
    counts = dict(zip(freq["term"].to_list(), freq["count"].to_list()))
    assert counts == {"发展": 3, "建设": 2}, counts
    print("frequency:", counts)

    # Parse the seed page (a district paper) and count it, as the CLI's main job.
    articles = cipin.parse(str(seeds))
    assert articles.height >= 6, articles
    top = cipin.frequency(cipin.segment(articles), top=5)
    assert "建设" in top["term"].to_list(), top
    print(f"parse: {articles.height} records; top terms:", top["term"].to_list())

    # POS tags use the embedded posseg model.
    tagged = cipin.segment("黄岩区推进共同富裕", pos=True)
    assert tagged["pos"].null_count() == 0, tagged
    print("pos:", list(zip(tagged["token"].to_list(), tagged["pos"].to_list())))
    print("smoke test passed")


if __name__ == "__main__":
    main()
