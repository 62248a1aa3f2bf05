"""Runtime behaviour: the GIL, Ctrl-C, progress, threads, processes, pickling."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import polars as pl
import pytest

import cipin

# A corpus big enough for a call to take a while (~1-2 s on 2 cores).
SENTENCE = (
    "会议强调，要牢记习近平总书记对浙江的政治嘱托，"
    "全面落实深化新时代千万工程暨缩小三大差距工作会议精神。"
)


@pytest.fixture(scope="module")
def big_texts() -> list[str]:
    return [SENTENCE * 400] * 300  # ~14 MB


def _segment_one(args):
    seg, text = args
    return seg.segment(text)["token"].to_list()


def test_gil_is_released(big_texts):
    """Another Python thread keeps running while Rust works."""
    seg = cipin.Segmenter()
    seg.cut("预热")
    ticks = 0
    done = threading.Event()

    def work():
        # Repeat the call for at least half a second, so that the check does
        # not depend on how fast this machine happens to be.
        t0 = time.monotonic()
        while time.monotonic() - t0 < 0.5:
            cipin.frequency(big_texts, segmenter=seg)
        done.set()

    worker = threading.Thread(target=work)
    start = time.monotonic()
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    elapsed = time.monotonic() - start
    assert elapsed >= 0.5
    # With the GIL held, this thread would not tick at all during the call.
    assert ticks > 0.3 * elapsed / 0.001 * 0.1


def test_threads_share_a_segmenter():
    seg = cipin.Segmenter(user_words=["三大差距"])
    texts = [SENTENCE[i:] for i in range(40)]
    expected = [seg.cut(t) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(seg.cut, texts))
    assert got == expected
    with ThreadPoolExecutor(4) as pool:
        frames = list(pool.map(lambda t: seg.frequency([t]), texts[:8]))
    for t, f in zip(texts[:8], frames):
        assert f.equals(seg.frequency([t]))


def test_segmenter_in_worker_processes():
    seg = cipin.Segmenter(user_words=["三大差距"], stopwords=None)
    texts = [SENTENCE[i:] for i in range(6)]
    ctx = "spawn" if sys.platform == "darwin" else None
    kwargs = {"mp_context": __import__("multiprocessing").get_context(ctx)} if ctx else {}
    with ProcessPoolExecutor(2, **kwargs) as pool:
        got = list(pool.map(_segment_one, [(seg, t) for t in texts]))
    assert got == [seg.segment(t)["token"].to_list() for t in texts]
    assert "三大差距" in got[0]


def test_pickle_corpus_and_frames(seeds):
    corpus = cipin.Corpus(seeds)
    back = pickle.loads(pickle.dumps(corpus))
    assert cipin.frequency(back).equals(cipin.frequency(corpus))
    df = cipin.segment("缩小三大差距")
    assert pickle.loads(pickle.dumps(df)).equals(df)


CTRL_C = textwrap.dedent(
    """
    import os, signal, threading, time, sys
    # A test run started with SIGINT ignored (nohup, a background shell)
    # passes that on, and Python then installs no KeyboardInterrupt
    # handler: install it here. (SIG_DFL would kill this child instead of
    # raising KeyboardInterrupt.)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import cipin
    texts = [{sentence!r} * 400] * 2000
    seg = cipin.Segmenter(); seg.cut("预热")
    fired = []
    def fire():
        time.sleep(0.5); fired.append(time.monotonic()); os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=fire, daemon=True).start()
    try:
        cipin.{call}
    except KeyboardInterrupt:
        print("interrupted", time.monotonic() - fired[0])
        sys.exit(0)
    print("not interrupted")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    "call", ["frequency(texts, segmenter=seg)", "segment(texts, segmenter=seg)"]
)
def test_ctrl_c_interrupts_within_a_second(call):
    script = CTRL_C.format(sentence=SENTENCE, call=call)
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("interrupted"), out.stdout
    assert float(out.stdout.split()[1]) < 1.0


def test_progress_callback(big_texts):
    calls: list[tuple[int, int]] = []
    cipin.segment(big_texts[:100], progress=lambda done, total: calls.append((done, total)))
    assert calls, "the callback was never called"
    total = sum(len(t.encode()) for t in big_texts[:100])
    assert calls[-1] == (total, total)
    dones = [d for d, _ in calls]
    assert dones == sorted(dones)


def test_progress_bar_in_terminal(seeds, capsys):
    cipin.frequency(big := [SENTENCE * 2000] * 100, progress=True)
    err = capsys.readouterr().err
    assert "frequency" in err and "100%" in err
    cipin.read(seeds, progress=True)
    assert "read" in capsys.readouterr().err
    with pytest.raises(TypeError):
        cipin.segment("x", progress="yes")
    del big


def test_progress_errors_propagate():
    def boom(done, total):
        raise RuntimeError("from the callback")

    with pytest.raises(RuntimeError, match="from the callback"):
        cipin.segment([SENTENCE] * 10, progress=boom)


def test_parallel_threads_setting_gives_same_tables(seeds):
    """RAYON_NUM_THREADS=1 (sequential) gives exactly the parallel tables."""
    code = (
        "import cipin, sys; "
        "a = cipin.parse(sys.argv[1]); "
        "t = cipin.segment(a); "
        "print(cipin.frequency(a).write_csv()); print(t.write_csv()); "
        "print(cipin.collocations(a).write_csv()); print(cipin.tfidf(a).write_csv())"
    )
    outs = []
    for threads in ("1", "2"):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        r = subprocess.run(
            [sys.executable, "-c", code, str(seeds)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outs.append(r.stdout)
    assert outs[0] == outs[1]


def test_never_a_panic_exception():
    """Odd inputs give results or ordinary exceptions, never PanicException."""
    odd = ["", " ", "\n" * 1000, "\x00", "a" * 100_000, "。" * 5000, "\ud7ff", "𠀀𪚥" * 100]
    for text in odd:
        cipin.segment(text)
        cipin.frequency([text], stopwords=None, drop_punct=False)
        cipin.kwic([text], "a")
        cipin.keywords([text])
        cipin.cooccurrence([text], window=1)
    with pytest.raises(UnicodeEncodeError):
        cipin.segment("\ud800")  # a lone surrogate is not valid text
    with pytest.raises(ValueError):
        cipin.kwic(["x"], "   ")
    with pytest.raises(ValueError):
        cipin.keywords(["x"], span=1)
    with pytest.raises(TypeError):
        cipin.frequency(["x"], min_df=True)
    with pytest.raises(ValueError):
        cipin.frequency(["x"], max_df=1.5)
    with pytest.raises(ValueError):
        cipin.frequency(pl.DataFrame({"text": ["x"]}), by="missing")


def test_progress_callback_on_a_text_table(big_texts):
    calls: list[tuple[int, int]] = []
    cipin.frequency(big_texts, progress=lambda done, total: calls.append((done, total)))
    assert calls, "the callback was never called"
    total = sum(len(t.encode()) for t in big_texts)
    assert calls[-1] == (total, total)
    dones = [d for d, _ in calls]
    assert dones == sorted(dones), "progress never goes back"
