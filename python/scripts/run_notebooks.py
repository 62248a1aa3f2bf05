"""Execute the notebooks top to bottom; fail on any error or missing glyph.

    python python/scripts/run_notebooks.py [--out DIR] [--in-place] [NOTEBOOK ...]

Each notebook runs with notebooks/ as its working directory. Executed copies
go to --out (default: a temporary folder), and every chart is saved there as
a PNG too, to look at; --in-place writes the outputs back into notebooks/.
The run fails if a cell raises, or if a glyph is reported missing from the
fonts (Chinese characters drawn as empty boxes): matplotlib's warning, and
cipin.plot's for word clouds. A first cell, run before the notebook's own and
dropped from the saved copy, makes every such warning show (not only the
first of each place), so that none is hidden by Python's warning registry.
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"


#: Run before the notebook's cells: every missing-glyph warning is shown.
SHOW_GLYPH_WARNINGS = (
    "import warnings\n"
    'warnings.filterwarnings("always", message="Glyph")\n'
    'warnings.filterwarnings("always", message=".*missing from (current )?font")'
)


def missing_glyph(text: str) -> bool:
    """Whether an output reports a glyph missing from the fonts."""
    return "missing from font" in text or "missing from current font" in text


def run(path: Path, out_dir: Path, in_place: bool, timeout: int) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(SHOW_GLYPH_WARNINGS))
    start = time.monotonic()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    setup = nb.cells.pop(0)
    problems = [
        f"{path.name} setup cell: {o.get('text', '')[:200]}"
        for o in setup.get("outputs", [])
        if missing_glyph(o.get("text", ""))
    ]
    images = 0
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if missing_glyph(text):
                problems.append(f"{path.name} cell {i}: {text.strip()[:200]}")
            png = output.get("data", {}).get("image/png")
            if png:
                images += 1
                (out_dir / f"{path.stem}_cell{i}.png").write_bytes(base64.b64decode(png))
    target = path if in_place else out_dir / path.name
    nbformat.write(nb, target)
    print(f"{path.name}: ok in {time.monotonic() - start:.1f} s, {images} charts -> {target}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("notebooks", nargs="*", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--in-place", action="store_true")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = ap.parse_args()
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    out = args.out or Path(tempfile.mkdtemp(prefix="cipin-notebooks-"))
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for p in paths:
        problems += run(p.resolve(), out, args.in_place, args.timeout)
    for p in problems:
        print("GLYPH MISSING:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
