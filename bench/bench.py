"""cipin's benchmark and accuracy harness.

Run it through `bash bench/run.sh`, which builds the release binaries and the
Python package, makes the comparison venv (jieba 0.42.1, pandas,
scikit-learn) and then calls this script with that venv's Python.

Every comparison is paired: the cipin command and its Python counterpart run
alternately in the same round, and the tables give the median and the
min-max over the rounds. These machines drift by +-30% over minutes, so the
ratios are what to read; absolute times are context.

Results go to bench/out/results.json and BENCHMARKS.md (the part between the
`<!-- bench:begin -->` and `<!-- bench:end -->` markers is replaced).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SCRIPTS = ROOT / "bench" / "py"


def corpora_dir() -> Path | None:
    d = Path(os.environ.get("CIPIN_CORPORA", ROOT.parent / "shared" / "corpora"))
    return d if (d / "sighan2005" / "pku_test.utf8").exists() else None


def run_timed(cmd: list[str], stdout=subprocess.DEVNULL, env=None) -> tuple[float, int]:
    """Run `cmd`; return (wall seconds, peak RSS in MB of the child)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss // 1024


def paired(cases: dict[str, list[str]], rounds: int, env=None) -> dict[str, dict]:
    """Run each case once per round, alternating; summarise wall times."""
    times: dict[str, list[float]] = {k: [] for k in cases}
    rss: dict[str, int] = dict.fromkeys(cases, 0)
    for _ in range(rounds):
        for name, cmd in cases.items():
            t, m = run_timed(cmd, env=env)
            times[name].append(t)
            rss[name] = max(rss[name], m)
    return {
        k: {
            "median": statistics.median(v),
            "min": min(v),
            "max": max(v),
            "runs": v,
            "rss_mb": rss[k],
        }
        for k, v in times.items()
    }


def pkuseg_missing(py: str) -> str | None:
    """None when pkuseg imports and loads its default model, else why not."""
    r = subprocess.run([py, "-c", "import pkuseg; pkuseg.pkuseg()"], check=False, capture_output=True, text=True)
    if r.returncode == 0:
        return None
    last = (r.stderr.strip().splitlines() or ["no output"])[-1]
    return f"pkuseg is not installed or does not load ({last})"


def prepare_mix(corp: Path, dest: Path, size: int) -> Path:
    """weicheng + SIGHAN PKU + MSR test text, CRLF -> LF, repeated and cut at a line end."""
    parts = [
        corp / "weicheng" / "weicheng.txt",
        corp / "sighan2005" / "pku_test.utf8",
        corp / "sighan2005" / "msr_test.utf8",
    ]
    base = "".join(p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in parts)
    base = "\n".join(line for line in base.split("\n") if line.strip()) + "\n"
    raw = base.encode("utf-8")
    buf = bytearray()
    while len(buf) < size:
        buf += raw
    cut = buf.rfind(b"\n", 0, size) + 1
    dest.write_bytes(bytes(buf[:cut]))
    return dest


def mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def fmt_row(name: str, r: dict, size_mb: float, base: dict | None = None) -> str:
    ratio = f"{base['median'] / r['median']:.1f}x" if base else ""
    return (
        f"| {name} | {r['median']:.2f} s ({r['min']:.2f}-{r['max']:.2f}) | "
        f"{size_mb / r['median']:.1f} | {r['rss_mb'] or '–'} | {ratio} |"
    )


def score(corp: Path, which: str, seg_file: Path) -> dict:
    sig = corp / "sighan2005"
    with tempfile.TemporaryDirectory() as td:
        gold = Path(td) / "gold.utf8"
        gold.write_text(
            (sig / f"{which}_test_gold.utf8").read_text(encoding="utf-8").replace("\r\n", "\n"),
            encoding="utf-8",
        )
        out = subprocess.run(
            ["perl", str(sig / "score"), str(sig / f"{which}_training_words.utf8"), str(gold), str(seg_file)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    res = {}
    for line in out.splitlines():
        for key, label in [
            ("TOTAL TRUE WORDS RECALL", "recall"),
            ("TOTAL TEST WORDS PRECISION", "precision"),
            ("F MEASURE", "f"),
            ("OOV Recall Rate", "oov_recall"),
        ]:
            if line.startswith(("=== " + key, "=== " + key.upper())):
                res[label] = float(line.split(":")[-1])
    return res


def identical_lines(a: Path, b: Path) -> float:
    la = a.read_text(encoding="utf-8").split("\n")
    lb = b.read_text(encoding="utf-8").split("\n")
    n = max(len(la), len(lb))
    same = sum(1 for x, y in zip(la, lb) if x == y)
    return same / n if n else 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cipin", required=True, help="path to the release cipin binary")
    ap.add_argument("--seg-throughput", required=True, help="path to the seg_throughput benchmark binary of cipin-bench")
    ap.add_argument("--scaling", required=True, help="path to the scaling benchmark binary of cipin-bench")
    ap.add_argument("--naive-freq", required=True, help="path to the naive_freq benchmark binary of cipin-bench (jieba-rs + HashMap)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--size-mb", type=float, default=20.0)
    ap.add_argument("--quick", action="store_true", help="small corpora, one round (a smoke test)")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.size_mb = 1, 2.0

    corp = corpora_dir()
    if corp is None:
        print("bench: ../shared/corpora not found (set CIPIN_CORPORA); nothing to measure.")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    cipin = args.cipin
    results: dict = {"machine": machine(), "rounds": args.rounds}
    mix = prepare_mix(corp, OUT / "mix.txt", int(args.size_mb * 1e6))
    mix_mb = mb(mix)
    small = prepare_mix(corp, OUT / "mix_small.txt", int(min(2.0, args.size_mb) * 1e6))
    small_mb = mb(small)
    results["corpus"] = {"mix_mb": mix_mb, "small_mb": small_mb}
    print(f"bench: corpus {mix} ({mix_mb:.1f} MB), rounds={args.rounds}", flush=True)

    # 1. The researcher's job end to end: frequency table of a corpus, one document per line.
    print("bench: freq end to end", flush=True)
    freq = paired(
        {
            "cipin freq --plain": [cipin, "freq", "--plain", "--quiet", str(mix), "--format", "csv", "-o", os.devnull],
            "python jieba+Counter+pandas": [py, str(SCRIPTS / "pipeline.py"), str(mix), "counter"],
            "naive rust": [args.naive_freq, str(mix)],
        },
        args.rounds,
    )
    results["freq"] = freq
    cv = paired(
        {
            "cipin freq --plain": [cipin, "freq", "--plain", "--quiet", str(small), "--format", "csv", "-o", os.devnull],
            "python CountVectorizer(jieba)": [py, str(SCRIPTS / "pipeline.py"), str(small), "sklearn"],
        },
        args.rounds,
    )
    results["freq_sklearn"] = cv
    # The Python API against the CLI: the CLI's whole process against the
    # Python call itself (cipin_py.py prints it; interpreter start and imports,
    # paid once per notebook, are left out).
    cli_t, api_t, api_rss = [], [], 0
    for _ in range(args.rounds):
        t, _ = run_timed([cipin, "freq", "--plain", "--quiet", str(mix), "--format", "csv", "-o", os.devnull])
        cli_t.append(t)
        out = subprocess.run([py, str(SCRIPTS / "cipin_py.py"), str(mix)], capture_output=True, text=True, check=True)
        api_t.append(float(out.stdout.strip().splitlines()[-1]))
    summ = lambda v, rss: {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": v, "rss_mb": rss}
    results["freq_python_api"] = {
        "cipin freq --plain (CLI)": summ(cli_t, 0),
        "cipin.frequency (Python)": summ(api_t, api_rss),
    }

    # 2. Segmentation throughput, every mode, against Python jieba on the small corpus.
    print("bench: segmentation", flush=True)
    seg_cases = {
        "cipin segment --plain": [cipin, "segment", "--plain", "--quiet", str(mix)],
        "cipin segment --plain --no-hmm": [cipin, "segment", "--plain", "--quiet", "--no-hmm", str(mix)],
        "cipin segment --plain --mode search": [cipin, "segment", "--plain", "--quiet", "--mode", "search", str(mix)],
        "cipin segment --plain --mode full": [cipin, "segment", "--plain", "--quiet", "--mode", "full", str(mix)],
        "cipin segment --plain --pos": [cipin, "segment", "--plain", "--quiet", "--pos", str(mix)],
        "cipin parse (page parser)": [cipin, "parse", "--quiet", str(mix)],
        "cipin segment (parse+normalise+segment)": [cipin, "segment", "--quiet", str(mix)],
    }
    results["segment"] = paired(seg_cases, args.rounds)
    py_cases = {
        "python jieba.lcut": [py, str(SCRIPTS / "jieba_seg.py"), str(small), "cut"],
        "python jieba.posseg": [py, str(SCRIPTS / "jieba_seg.py"), str(small), "posseg"],
    }
    pku_why = pkuseg_missing(py)
    results["pkuseg"] = pku_why
    if pku_why is None:
        py_cases["python pkuseg.cut (default model)"] = [py, str(SCRIPTS / "pkuseg_seg.py"), str(small), os.devnull]
    results["segment_python"] = paired(py_cases, max(1, args.rounds - 1))

    # 3. Raw jieba-rs against cipin's segmenter in one process, one thread.
    print("bench: raw jieba-rs ceiling", flush=True)
    out = subprocess.run(
        [args.seg_throughput, str(small), "--rounds", str(max(3, args.rounds * 2))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results["raw_ceiling"] = out

    # 4. Scaling with threads.
    print("bench: thread scaling", flush=True)
    ncpu = os.cpu_count() or 1
    threads = sorted({1, 2, ncpu} if ncpu >= 2 else {1})
    scaling = {}
    for n in threads:
        scaling[n] = paired(
            {
                "segment": [cipin, "--threads", str(n), "segment", "--plain", "--quiet", str(mix)],
                "freq": [cipin, "--threads", str(n), "freq", "--plain", "--quiet", str(mix), "--format", "csv", "-o", os.devnull],
            },
            args.rounds,
        )
    results["scaling"] = scaling
    # The segmentation itself against threads, in one process (dictionary
    # loaded before timing): what the fixed start-up hides above.
    results["scaling_inproc"] = subprocess.run(
        [args.scaling, str(mix), "--rounds", str(max(3, args.rounds * 2)), "--all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    # 5. Memory: freq on the laws corpus, and on it repeated 4 times.
    laws = corp / "laws_lawrefbook"
    if laws.exists():
        print("bench: memory on the laws corpus", flush=True)
        files = sorted(laws.glob("*.jsonl"))
        if args.quick:
            files = files[:2]
        rep = OUT / "laws_x4"
        shutil.rmtree(rep, ignore_errors=True)
        for i in range(4):
            d = rep / f"copy{i}"
            d.mkdir(parents=True)
            for f in files:
                (d / f.name).symlink_to(f)
        laws_mb = sum(f.stat().st_size for f in files) / 1e6
        base = [cipin, "freq", "--quiet", "--text-field", "text", "--format", "csv", "-o", os.devnull]
        mem = paired(
            {
                "laws x1": base + [str(f) for f in files],
                "laws x4": base + [str(rep)],
            },
            1,
        )
        results["memory"] = {"laws_mb": laws_mb, "runs": mem}

    # 6. Dictionary load time.
    empty = OUT / "empty.txt"
    empty.write_text("", encoding="utf-8")
    results["load"] = paired(
        {
            "cipin (process start + dictionary)": [cipin, "segment", "--plain", "--quiet", str(empty)],
            "python jieba.initialize()": [py, "-c", "import jieba; jieba.setLogLevel(60); jieba.initialize()"],
        },
        max(3, args.rounds),
    )

    # 7. Accuracy and parity on SIGHAN 2005.
    print("bench: accuracy", flush=True)
    acc = {}
    for which in ["pku", "msr"]:
        src = corp / "sighan2005" / f"{which}_test.utf8"
        rows = {}
        variants = {
            "cipin --plain (jieba-compatible, HMM)": [],
            "cipin --plain --no-hmm": ["--no-hmm"],
            "cipin --plain --mode search": ["--mode", "search"],
            "cipin, everything on (HMM, --keep-terms --keep-numbers)": ["--keep-terms", "--keep-numbers"],
            "cipin, everything on, --no-hmm": ["--keep-terms", "--keep-numbers", "--no-hmm"],
        }
        for label, extra in variants.items():
            seg = OUT / f"{which}.{abs(hash(label))}.seg"
            with seg.open("w") as fh:
                subprocess.run([cipin, "segment", "--plain", "--quiet", *extra, str(src)], stdout=fh, check=True)
            rows[label] = score(corp, which, seg)
        for label, extra in {"python jieba (HMM)": [], "python jieba (no HMM)": ["--no-hmm"]}.items():
            seg = OUT / f"{which}.{abs(hash(label))}.jieba"
            subprocess.run([py, str(ROOT / "scripts" / "jieba_plain.py"), str(src), str(seg), *extra], check=True)
            rows[label] = score(corp, which, seg)
        if pku_why is None:
            seg = OUT / f"{which}.pkuseg"
            subprocess.run([py, str(SCRIPTS / "pkuseg_seg.py"), str(src), str(seg)], check=True, capture_output=True)
            rows["python pkuseg 0.0.25 (default model)"] = score(corp, which, seg)
        # Parity with Python jieba, segmentation and POS.
        parity = {}
        # label: (cipin's flags, jieba_plain.py's flags)
        checks = {
            "cut": ([], []),
            "cut --no-hmm": (["--no-hmm"], ["--no-hmm"]),
            "cut_for_search": (["--mode", "search"], ["--search"]),
            "posseg": (["--pos"], ["--pos"]),
        }
        for label, (ours_extra, theirs_extra) in checks.items():
            ours = OUT / f"{which}.ours.{label.replace(' ', '')}"
            theirs = OUT / f"{which}.theirs.{label.replace(' ', '')}"
            with ours.open("w") as fh:
                subprocess.run([cipin, "segment", "--plain", "--quiet", *ours_extra, str(src)], stdout=fh, check=True)
            subprocess.run([py, str(ROOT / "scripts" / "jieba_plain.py"), str(src), str(theirs), *theirs_extra], check=True)
            parity[label] = identical_lines(ours, theirs)
        acc[which] = {"scores": rows, "parity": parity}
    results["accuracy"] = acc

    (OUT / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    report = render(results, mix_mb, small_mb, args)
    print(report)
    if not args.no_write:
        write_benchmarks(report)


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "os": platform.platform()}


def render(r: dict, mix_mb: float, small_mb: float, args) -> str:
    m = r["machine"]
    lines = [
        (f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}. "
        f"Rounds: {r['rounds']} (median, min-max). Corpus: {mix_mb:.1f} MB mix "
        f"(weicheng + SIGHAN PKU + MSR test text, one document per line); {small_mb:.1f} MB for the slow Python tools."),
        "",
        "Produced by `bash bench/run.sh`" + (" --quick" if args.quick else "") + ".",
        "",
        "### Frequency table, end to end (`cipin freq --plain` vs the notebook pipeline)",
        "",
        "| pipeline | wall time | MB/s | peak RSS MB | speed-up |",
        "|---|---|---|---|---|",
    ]
    f = r["freq"]
    py = f["python jieba+Counter+pandas"]
    lines.append(fmt_row("python jieba + Counter + pandas", py, mix_mb))
    lines.append(fmt_row("naive Rust: jieba-rs + HashMap, 1 thread (`naive_freq`)", f["naive rust"], mix_mb, py))
    lines.append(fmt_row("cipin freq --plain", f["cipin freq --plain"], mix_mb, py))
    cv = r["freq_sklearn"]
    lines.append(fmt_row(f"python CountVectorizer(tokenizer=jieba.lcut) ({small_mb:.0f} MB)", cv["python CountVectorizer(jieba)"], small_mb))
    lines.append(fmt_row(f"cipin freq --plain ({small_mb:.0f} MB)", cv["cipin freq --plain"], small_mb, cv["python CountVectorizer(jieba)"]))
    pf = r["freq_python_api"]
    lines.append(fmt_row("cipin.frequency from Python (the call, in process)", pf["cipin.frequency (Python)"], mix_mb))
    cli, api = pf["cipin freq --plain (CLI)"]["median"], pf["cipin.frequency (Python)"]["median"]
    naive_ratio = f["naive rust"]["median"] / f["cipin freq --plain"]["median"]
    lines += [
        "",
        f"cipin freq --plain is {naive_ratio:.2f}x as fast as the naive Rust pipeline (same run).",
        f"Python API throughput is {cli / api * 100:.0f}% of the CLI's on the same work (same run).",
        "",
    ]

    lines += [
        "### Segmentation and parsing throughput",
        "",
        "| command | wall time | MB/s | peak RSS MB | |",
        "|---|---|---|---|---|",
    ]
    for name, res in r["segment"].items():
        lines.append(fmt_row(f"`{name}`", res, mix_mb))
    for name, res in r["segment_python"].items():
        lines.append(fmt_row(f"{name} ({small_mb:.0f} MB)", res, small_mb))
    if r.get("pkuseg"):
        lines += ["", f"pkuseg left out: {r['pkuseg']}."]
    lines += ["", "Raw jieba-rs `cut` against cipin's segmenter, one thread, same process (`seg_throughput`):", "", "```", r["raw_ceiling"].strip(), "```", ""]

    lines += ["### Thread scaling", "", "| threads | segment --plain | speed-up | freq --plain | speed-up |", "|---|---|---|---|---|"]
    base = r["scaling"][min(r["scaling"])]
    for n, res in sorted(r["scaling"].items()):
        s, fq = res["segment"], res["freq"]
        lines.append(
            f"| {n} | {s['median']:.2f} s | {base['segment']['median'] / s['median']:.2f}x | "
            f"{fq['median']:.2f} s | {base['freq']['median'] / fq['median']:.2f}x |"
        )
    lines.append("")
    if "scaling_inproc" in r:
        lines += [
            ("Whole processes above (start-up and dictionary load, about 0.1 s, run on one thread). "
            "The segmentation alone, in one process, paired rounds (`cargo run --release -p cipin-bench --bin scaling -- FILE --all`):"),
            "",
            "```",
            r["scaling_inproc"].strip(),
            "```",
            "",
        ]
    if "memory" in r:
        mm = r["memory"]
        lines += [
            f"### Memory: `cipin freq` on the laws corpus ({mm['laws_mb']:.0f} MB of JSONL)",
            "",
            "| input | wall time | peak RSS MB |",
            "|---|---|---|",
        ]
        for name, res in mm["runs"].items():
            lines.append(f"| {name} | {res['median']:.2f} s | {res['rss_mb']} |")
        lines.append("")
    lines += ["### Start-up and dictionary load", "", "| | wall time |", "|---|---|"]
    for name, res in r["load"].items():
        lines.append(f"| {name} | {res['median'] * 1000:.0f} ms ({res['min'] * 1000:.0f}-{res['max'] * 1000:.0f}) |")
    lines += ["", "### Accuracy on SIGHAN 2005 (official `score` script)", ""]
    for which, a in r["accuracy"].items():
        lines += [f"**{which.upper()}**", "", "| segmenter | F | P | R | OOV recall |", "|---|---|---|---|---|"]
        for name, s in a["scores"].items():
            lines.append(
                f"| {name} | {s.get('f', 0):.3f} | {s.get('precision', 0):.3f} | {s.get('recall', 0):.3f} | {s.get('oov_recall', 0):.3f} |"
            )
        par = ", ".join(f"{k}: {v * 100:.2f}%" for k, v in a["parity"].items())
        lines += ["", f"Identical lines with Python jieba 0.42.1 ({which.upper()}): {par}.", ""]
    return "\n".join(lines)


def write_benchmarks(report: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n"
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin not in text or end not in text:
        text += f"\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{report}\n{end}{tail}", encoding="utf-8")
    print(f"bench: wrote {path}")


if __name__ == "__main__":
    main()
